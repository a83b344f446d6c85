/* app.c — the viewer's state machine: keys to actions to view state, and
 * view state to a frame. Each mode's keys and drawing live in a file of
 * their own (app_modes.h); this file routes keys by mode, moves through
 * the slides and composes the slide view. No curses (screen.c draws), no
 * parsing or file I/O (reload goes through the loader it was given), no
 * line breaking (layout.c). */
#include "lectern/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_modes.h"
#include "lectern/footer.h"
#include "lectern/search.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

/* ---- the current slide and its screens ------------------------------- */

static void drop_page(struct app *a)
{
	page_free(a->page);
	a->page = NULL;
	a->starts_body = 0;
	notes_drop(a);
}

static struct page *current_page(struct app *a)
{
	if (!a->page)
		a->page = layout_slide(a->deck, &a->ix, a->slide, &a->lo);
	return a->page;
}

int app_body_height(const struct app *a)
{
	return a->height - (status_shown(a) ? 1 : 0) -
	       notes_height((struct app *)a);
}

/* A line of nothing but block titles: never left at the foot of a screen
 * with its points on the next. */
static bool title_line(const struct page *pg, size_t line)
{
	const struct lline *l = &pg->lines[line];
	if (!l->count)
		return false;
	for (size_t k = 0; k < l->count; k++) {
		const struct lspan *sp = &pg->spans[l->first + k];
		if (sp->point >= 0 || sp->block < 0)
			return false;
	}
	return true;
}

/* Where a screen of lines [from, cut) must end for no block title to be
 * left at its foot: before the title lines just above cut. */
static size_t title_above(const struct page *pg, size_t from, size_t cut)
{
	while (cut > from + 1 && title_line(pg, cut - 1))
		cut--;
	return cut;
}

/* Whether any of lines [from, to) holds a point: a screen without one
 * shows the reader nothing new (a header, a rule, a title at most). */
static bool has_point(const struct page *pg, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (pg->lines[i].point >= 0)
			return true;
	return false;
}

/* Whether line `line` goes on with a block whose title is above it: the
 * screen that starts there repeats that title. title_first[b] is the
 * first line of block b's title (SIZE_MAX: none). */
static bool continues_block(const struct page *pg, size_t line,
			    const size_t *title_first, size_t nblocks)
{
	const struct lline *l = &pg->lines[line];
	for (size_t k = 0; k < l->count; k++) {
		const struct lspan *sp = &pg->spans[l->first + k];
		if (sp->point >= 0 && (size_t)sp->block < nblocks &&
		    title_first[sp->block] < line)
			return true;
	}
	return false;
}

/* The first line of each block's title, for continues_block. Caller
 * frees. */
static size_t *block_titles(const struct page *pg, size_t *nblocks)
{
	size_t nb = 0;
	for (size_t i = 0; i < pg->nspans; i++)
		if (pg->spans[i].block >= 0 && (size_t)pg->spans[i].block + 1 > nb)
			nb = (size_t)pg->spans[i].block + 1;
	size_t *first = xmalloc((nb ? nb : 1) * sizeof *first);
	for (size_t b = 0; b < nb; b++)
		first[b] = SIZE_MAX;
	for (size_t line = 0; line < pg->nlines; line++) {
		const struct lline *l = &pg->lines[line];
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *sp = &pg->spans[l->first + k];
			if (sp->block >= 0 && sp->point < 0 &&
			    first[sp->block] == SIZE_MAX)
				first[sp->block] = line;
		}
	}
	*nblocks = nb;
	return first;
}

/* Where each continuation screen of the current slide starts, for the
 * body height bh: laid out once per slide and size, not per key. Screens
 * after the first repeat the header and its rule, and the title of a block
 * they go on with; a point stays whole on a screen where that is worth it,
 * and a block title never ends a screen. */
static void compute_screens(struct app *a, int bh)
{
	struct page *pg = current_page(a);
	size_t nb, *title_first = block_titles(pg, &nb);
	bool repeat = pg->kind == PAGE_CONTENT && bh > 4 && pg->nlines > 2;
	size_t line = 0;
	a->nscreens = 0;
	if (bh < 1)
		bh = 1;
	for (;;) {
		a->starts = xgrow(a->starts, &a->starts_cap, a->nscreens + 1,
				  sizeof *a->starts);
		a->starts[a->nscreens++] = line;
		bool cont = a->nscreens > 1;
		size_t room = (size_t)bh;
		if (cont && repeat)
			room -= 2;
		if (cont && repeat && room > 2 &&
		    continues_block(pg, line, title_first, nb))
			room--;
		if (line + room >= pg->nlines)
			break;
		size_t cut = line + room;
		/* keep a point's lines together when it fits on a screen */
		size_t back = cut;
		while (back > line + 1 && pg->lines[back].point >= 0 &&
		       pg->lines[back].point == pg->lines[back - 1].point &&
		       pg->lines[back].block == pg->lines[back - 1].block)
			back--;
		/* ... unless it could not fit on the next screen either */
		size_t fwd = cut;
		while (fwd < pg->nlines && pg->lines[fwd].point >= 0 &&
		       pg->lines[fwd].point == pg->lines[back].point &&
		       pg->lines[fwd].block == pg->lines[back].block)
			fwd++;
		size_t next_room = (size_t)bh - (repeat ? 3 : 0);
		if (back > line + 1 && pg->lines[back].point >= 0 &&
		    fwd - back <= next_room && (cut - back) * 2 <= room &&
		    has_point(pg, line, title_above(pg, line, back)))
			cut = back; /* and not at the cost of half a screen,
				     * nor of a screen with no point on it */
		/* a block title goes with its first point, unless that would
		 * leave the screen without one */
		if (has_point(pg, line, title_above(pg, line, cut)))
			cut = title_above(pg, line, cut);
		/* a screen never opens on the blank line between blocks */
		while (cut < pg->nlines && pg->lines[cut].count == 0 &&
		       cut > line + 1)
			cut++;
		if (cut >= pg->nlines)
			break;
		line = cut;
	}
	free(title_first);
	a->starts_body = bh;
}

static void ensure_screens(struct app *a)
{
	int bh = app_body_height(a);
	if (!a->page || a->starts_body != (bh < 1 ? 1 : bh))
		compute_screens(a, bh);
}

size_t app_screens(struct app *a)
{
	ensure_screens(a);
	return a->nscreens;
}

/* The lines [from, to) of screen sc. */
static void screen_lines(struct app *a, size_t sc, size_t *from, size_t *to)
{
	ensure_screens(a);
	*from = a->starts[sc];
	*to = sc + 1 < a->nscreens ? a->starts[sc + 1] : a->page->nlines;
}

/* The screen that shows line `line`. */
static size_t screen_of_line(struct app *a, size_t line)
{
	ensure_screens(a);
	size_t lo = 0, hi = a->nscreens;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->starts[mid] <= line)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* ---- moving ---------------------------------------------------------- */

/* Points on the current slide, and the reading-order index of a line's
 * point (for revealing points one at a time). */
static size_t slide_points(struct app *a)
{
	struct page *pg = current_page(a);
	if (pg->kind != PAGE_CONTENT)
		return 0;
	const struct deck *d = a->deck;
	const struct slide *sl = section_slide(d, &d->sections[pg->section],
					       pg->slide);
	size_t nb = slide_nblocks(d, sl), n = 0;
	for (size_t b = 0; b < nb; b++)
		n += block_npoints(d, slide_block(d, sl, b));
	return n;
}

/* The current slide, or NULL on the title, contents and cover pages. */
static const struct slide *cur_slide(struct app *a)
{
	struct page *pg = current_page(a);
	if (pg->kind != PAGE_CONTENT)
		return NULL;
	return section_slide(a->deck, &a->deck->sections[pg->section],
			     pg->slide);
}

/* The reveal step from which a span of the current slide shows: its
 * point's, or its block title's. */
static uint32_t span_step(struct app *a, int block, int point)
{
	const struct deck *d = a->deck;
	const struct slide *sl = cur_slide(a);
	if (!sl || block < 0 || (size_t)block >= slide_nblocks(d, sl))
		return 0;
	const struct block *b = slide_block(d, sl, (size_t)block);
	if (point >= 0 && (size_t)point < block_npoints(d, b))
		return block_point(d, b, (size_t)point)->step;
	return b->step;
}

/* Moves to the screen that shows the first span of reveal step s. */
static void screen_of_step(struct app *a, uint32_t s)
{
	struct page *pg = current_page(a);
	for (size_t l = 0; l < pg->nlines; l++)
		for (size_t k = 0; k < pg->lines[l].count; k++) {
			const struct lspan *sp = &pg->spans[pg->lines[l].first + k];
			if (sp->block >= 0 && span_step(a, sp->block, sp->point) == s) {
				a->screen = screen_of_line(a, l);
				return;
			}
		}
}

static size_t point_index(struct app *a, int block, int point)
{
	struct page *pg = current_page(a);
	const struct deck *d = a->deck;
	const struct slide *sl = section_slide(d, &d->sections[pg->section],
					       pg->slide);
	size_t nb = slide_nblocks(d, sl), n = 0;
	for (int b = 0; b < block && (size_t)b < nb; b++)
		n += block_npoints(d, slide_block(d, sl, (size_t)b));
	return n + (size_t)point;
}

void app_go_to(struct app *a, size_t slide, bool last_screen)
{
	if (a->ix.count == 0)
		return;
	if (slide >= a->ix.count)
		slide = a->ix.count - 1;
	if (slide != a->slide)
		drop_page(a);
	a->slide = slide;
	a->screen = 0;
	a->at_end = false;
	a->revealed = SIZE_MAX;
	a->step = UINT32_MAX;
	notes_drop(a); /* they follow the step */
	if (last_screen)
		a->screen = app_screens(a) - 1;
}

/* A jump (not a step): remembers where the reader was, for the back key. */
static void jump_to(struct app *a, size_t slide)
{
	size_t s = slide < a->ix.count ? slide : a->ix.count - 1;
	if (s == a->slide && !a->at_end)
		return;
	a->back_slide = a->slide;
	a->back_screen = a->screen;
	a->has_back = true;
	app_go_to(a, s, false);
}

static void go_back(struct app *a)
{
	if (!a->has_back) {
		snprintf(a->message, sizeof a->message,
			 "no jump to go back from yet");
		return;
	}
	size_t slide = a->back_slide, screen = a->back_screen;
	jump_to(a, slide); /* so that going back again returns here */
	a->screen = screen < app_screens(a) ? screen : app_screens(a) - 1;
}

static void next(struct app *a)
{
	if (a->at_end)
		return;
	const struct slide *sl = cur_slide(a);
	if (sl && a->step != UINT32_MAX && a->step + 1 < slide_steps(sl)) {
		/* the next reveal step (<!-- pause -->), on its screen */
		a->step++;
		notes_drop(a);
		screen_of_step(a, a->step);
		return;
	}
	if (a->reveal_points && a->revealed < slide_points(a)) {
		/* show one more point, on the screen that holds it */
		a->revealed++;
		struct page *pg = current_page(a);
		for (size_t l = 0; l < pg->nlines; l++)
			for (size_t k = 0; k < pg->lines[l].count; k++) {
				const struct lspan *sp = &pg->spans[pg->lines[l].first + k];
				if (sp->point >= 0 &&
				    point_index(a, sp->block, sp->point) ==
					    a->revealed - 1) {
					a->screen = screen_of_line(a, l);
					return;
				}
			}
		return;
	}
	if (a->screen + 1 < app_screens(a)) {
		a->screen++;
	} else if (a->slide + 1 < a->ix.count) {
		app_go_to(a, a->slide + 1, false);
		sl = cur_slide(a);
		if (sl && slide_steps(sl) > 1) {
			a->step = 0; /* a slide with pauses steps through them */
			notes_drop(a);
		}
		else if (a->reveal_points && slide_points(a))
			a->revealed = 0;
	} else {
		/* one more click after the last slide: say it is the end */
		a->at_end = true;
	}
}

static void prev(struct app *a)
{
	if (a->at_end) {
		a->at_end = false;
		return;
	}
	if (a->step != UINT32_MAX && a->step > 0) {
		a->step--; /* hides the last step shown */
		notes_drop(a);
		screen_of_step(a, a->step);
		return;
	}
	if (a->screen > 0)
		a->screen--;
	else if (a->slide > 0)
		app_go_to(a, a->slide - 1, true);
}

/* ---- search ---------------------------------------------------------- */

static void search_clear(struct app *a)
{
	a->search[0] = '\0';
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
}

/* Takes q as the active search and finds its slides. */
static void search_set(struct app *a, const char *q)
{
	search_clear(a);
	snprintf(a->search, sizeof a->search, "%s", q);
	struct search_query sq;
	search_query_init(&sq, a->search);
	a->nmatches = search_all(a->deck, &a->ix, &sq, &a->matches);
}

/* The first screen of the current slide that shows a match of the
 * active search: a search lands where its match can be seen, as less
 * does, not on the slide's first screen when the match is further down.
 * 0 when no line holds a whole match (one cut by a line break). */
static size_t screen_of_match(struct app *a)
{
	struct page *pg = current_page(a);
	struct search_query q;
	search_query_init(&q, a->search);
	for (size_t l = 0; l < pg->nlines; l++)
		for (size_t k = 0; k < pg->lines[l].count; k++) {
			const struct lspan *sp = &pg->spans[pg->lines[l].first + k];
			size_t ml;
			if (search_find(&q, sp->text, sp->len, &ml))
				return screen_of_line(a, l);
		}
	return 0;
}

/* The first match after (forward) or before the current slide, by the
 * sorted list of matching slides, on its first screen with a match. */
void app_search_step(struct app *a, bool forward, bool include_current)
{
	if (!a->search[0])
		return;
	if (!a->nmatches) {
		snprintf(a->message, sizeof a->message, "not found: %s", a->search);
		search_clear(a); /* nothing to highlight or step through */
		return;
	}
	size_t from = a->slide, lo = 0, hi = a->nmatches;
	while (lo < hi) { /* the first match at or after from */
		size_t mid = lo + (hi - lo) / 2;
		if (a->matches[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k;
	bool wrapped = false;
	if (forward) {
		k = lo < a->nmatches && a->matches[lo] == from && !include_current ?
			    lo + 1 : lo;
		if (a->at_end && k < a->nmatches && a->matches[k] == from)
			k++;
		if (k >= a->nmatches) {
			k = 0;
			wrapped = true;
		}
	} else if (lo == 0) {
		k = a->nmatches - 1;
		wrapped = true;
	} else {
		k = lo - 1;
	}
	jump_to(a, a->matches[k]);
	a->screen = screen_of_match(a);
	if (wrapped)
		snprintf(a->message, sizeof a->message, "search wrapped around");
}

/* ---- reload ---------------------------------------------------------- */

/* Where the reader is, by what the slide is rather than its number, so
 * that a reload finds the same slide in an edited deck. */
struct place {
	enum page_kind kind;
	const char *section; /* its title, in the old deck */
	size_t occurrence;   /* sections of that title before it */
	size_t slide;        /* index within the section */
	const char *header;
	const char *first_title; /* its first block's title, or "" */
};

/* The title of sl's first block, or "" when it has none. */
static const char *first_title(const struct deck *d, const struct slide *sl)
{
	return slide_nblocks(d, sl) ? block_title(d, slide_block(d, sl, 0)) : "";
}

static struct place place_of(const struct app *a)
{
	struct place p = { 0 };
	size_t s, l;
	p.kind = deck_index_locate(&a->ix, a->deck, a->slide, &s, &l);
	if (p.kind != PAGE_COVER && p.kind != PAGE_CONTENT)
		return p;
	const struct deck *d = a->deck;
	p.section = d->sections[s].title;
	for (size_t k = 0; k < s; k++)
		p.occurrence += strcmp(d->sections[k].title, p.section) == 0;
	if (p.kind == PAGE_CONTENT) {
		const struct slide *sl = section_slide(d, &d->sections[s], l);
		p.slide = l;
		p.header = slide_header(d, sl);
		p.first_title = first_title(d, sl);
	}
	return p;
}

static bool same_slide(const struct deck *d, const struct slide *sl,
		       const struct place *p)
{
	return strcmp(slide_header(d, sl), p->header) == 0 &&
	       strcmp(first_title(d, sl), p->first_title) == 0;
}

/* The slide of d that p names: the same section (by title), the same
 * slide (by header and first block title, nearest to where it was), else
 * the nearest one. NO_INDEX when the section is gone. */
static size_t find_place(const struct deck *d, const struct deck_index *ix,
			 const struct place *p)
{
	if (p->kind == PAGE_TITLE || p->kind == PAGE_CONTENTS)
		return p->kind == PAGE_TITLE ? 0 : 1;
	size_t seen = 0, s = NO_INDEX;
	for (size_t k = 0; k < d->nsections && s == NO_INDEX; k++)
		if (strcmp(d->sections[k].title, p->section) == 0 &&
		    seen++ == p->occurrence)
			s = k;
	if (s == NO_INDEX)
		return NO_INDEX;
	const struct section *sec = &d->sections[s];
	if (p->kind == PAGE_COVER || !sec->nslides)
		return ix->section_first[s];
	size_t best = NO_INDEX, dist = SIZE_MAX;
	for (size_t l = 0; l < sec->nslides; l++) {
		size_t dl = l > p->slide ? l - p->slide : p->slide - l;
		if (same_slide(d, section_slide(d, sec, l), p) && dl < dist) {
			best = l;
			dist = dl;
		}
	}
	if (best == NO_INDEX)
		best = p->slide < sec->nslides ? p->slide : sec->nslides - 1;
	return ix->section_first[s] + (sec->no_cover ? 0 : 1) + best;
}

void app_reload(struct app *a)
{
	if (strcmp(a->path, "-") == 0) {
		snprintf(a->message, sizeof a->message,
			 "cannot reload: the deck came from standard input");
		return;
	}
	if (!a->load) {
		snprintf(a->message, sizeof a->message, "cannot reload this deck");
		return;
	}
	struct lt_error err;
	struct deck *d = NULL;
	if (!a->load(a->path, a->format, a->encoding, &d, &err)) {
		/* what went wrong first: the status line may be narrow */
		const char *base = strrchr(a->path, '/');
		base = base ? base + 1 : a->path;
		if (err.has_line)
			snprintf(a->message, sizeof a->message,
				 "reload failed: %.300s (%.100s:%zu:%zu); still "
				 "showing the old deck", err.what, base, err.line,
				 err.column);
		else if (err.has_offset)
			snprintf(a->message, sizeof a->message,
				 "reload failed: %.300s (%.100s:%zu); still "
				 "showing the old deck", err.what, base, err.offset);
		else
			snprintf(a->message, sizeof a->message,
				 "reload failed: %.300s (%.100s); still showing "
				 "the old deck", err.what, base);
		return;
	}
	/* swap in the new deck, keeping the reader on the same slide */
	struct deck_index ix;
	deck_index_build(&ix, d);
	struct place p = place_of(a);
	size_t at = find_place(d, &ix, &p), screen = a->screen;
	bool found = at != NO_INDEX;
	if (!found)
		at = a->slide < ix.count ? a->slide : ix.count - 1;
	deck_index_free(&ix);
	app_set_deck(a, d, at);
	a->screen = screen < app_screens(a) ? screen : app_screens(a) - 1;
	snprintf(a->message, sizeof a->message, "reloaded: %zu slides, %zu "
		 "warnings%s", a->ix.count, d->nwarnings + d->warnings_not_listed,
		 found ? "" : "; that section is gone: the nearest slide");
}

void app_set_deck(struct app *a, struct deck *d, size_t slide)
{
	deck_free(a->deck);
	deck_index_free(&a->ix);
	a->deck = d;
	deck_index_build(&a->ix, d);
	a->loading = false;
	talk_deck_changed(&a->talk, d, &a->ix);
	drop_page(a);
	a->has_back = false;
	a->at_end = false;
	a->slide = slide < a->ix.count ? slide : a->ix.count - 1;
	a->screen = 0;
	if (a->search[0]) {
		char q[sizeof a->search];
		snprintf(q, sizeof q, "%s", a->search);
		search_set(a, q);
	}
}

/* ---- life cycle ------------------------------------------------------ */

void app_init(struct app *a, struct deck *deck, const char *path,
	      const struct layout_opts *lo, const struct keymap *km,
	      const struct app_settings *settings)
{
	memset(a, 0, sizeof *a);
	a->deck = deck;
	deck_index_build(&a->ix, deck);
	a->path = xstrdup(path);
	a->lo = *lo;
	a->keys = *km;
	a->width = lo->width;
	a->height = 24;
	a->revealed = SIZE_MAX;
	a->step = UINT32_MAX;
	snprintf(a->footer, sizeof a->footer, "%s",
		 settings && settings->footer ? settings->footer : FOOTER_DEFAULT);
	if (settings) {
		a->load = settings->load;
		a->format = settings->format;
		a->encoding = settings->encoding;
		a->reveal_points = settings->reveal_points;
		if (settings->start > 1)
			app_go_to(a, settings->start - 1, false);
		notices_init(a, settings->notices, settings->nnotices);
	}
	talk_init(&a->talk, settings ? settings->talk : NULL, deck, &a->ix,
		  a->slide);
}

void app_free(struct app *a)
{
	drop_page(a);
	free(a->starts);
	free(a->matches);
	talk_free(&a->talk);
	deck_index_free(&a->ix);
	deck_free(a->deck);
	free(a->path);
	for (size_t i = 0; i < a->nnotices; i++)
		free(a->notices[i]);
	free(a->notices);
	memset(a, 0, sizeof *a);
}

void app_tick(struct app *a, int64_t now_ms)
{
	a->now_ms = now_ms;
	talk_tick(&a->talk, now_ms);
}

int64_t app_next_change(const struct app *a)
{
	if ((a->mode != MODE_SLIDE && a->mode != MODE_SEARCH) || a->at_end)
		return -1;
	struct footer_info in = { .now_ms = a->now_ms };
	talk_footer(&a->talk, a->now_ms, &in);
	return footer_next_change(a->footer, &in);
}

void app_resize(struct app *a, int width, int height)
{
	if (width == a->width && height == a->height)
		return;
	/* keep the reader at the same point: the first point line shown */
	int block = -1, point = -1;
	if (a->page && a->screen > 0 && a->screen < app_screens(a)) {
		size_t from, to;
		screen_lines(a, a->screen, &from, &to);
		for (size_t l = from; l < a->page->nlines; l++)
			if (a->page->lines[l].point >= 0) {
				block = a->page->lines[l].block;
				point = a->page->lines[l].point;
				break;
			}
	}
	a->width = width;
	a->height = height;
	a->lo.width = width;
	drop_page(a);
	a->screen = 0;
	if (block < 0)
		return;
	struct page *pg = current_page(a);
	for (size_t l = 0; l < pg->nlines; l++)
		if (pg->lines[l].block == block && pg->lines[l].point == point) {
			a->screen = screen_of_line(a, l);
			break;
		}
}

/* ---- keys ------------------------------------------------------------ */

static void toc_jump(struct app *a, unsigned long n)
{
	const struct deck *d = a->deck;
	if (n < 1 || n > d->ntoc) {
		snprintf(a->message, sizeof a->message,
			 "no section %lu in the contents", n);
		return;
	}
	for (size_t s = 0; s < d->nsections; s++)
		if (d->sections[s].toc_index == n - 1) {
			/* the jump is from where 't' was pressed */
			app_go_to(a, a->ix.section_first[s], false);
			a->toc_jump = false;
			return;
		}
	snprintf(a->message, sizeof a->message,
		 "section %lu, \"%s\", is not in the text", n,
		 d->toc[n - 1].title);
}

static void go_to_number(struct app *a, unsigned long n)
{
	if (n > a->ix.count) {
		snprintf(a->message, sizeof a->message, "there are %zu slides: "
			 "this is the last", a->ix.count);
		n = a->ix.count;
	}
	jump_to(a, n >= 1 ? n - 1 : 0);
}

/* The slide view's keys: counts, then the action bound to the key. */
static void slide_key(struct app *a, int key, enum action act)
{
	if (key >= '0' && key <= '9' && act == ACT_NONE) {
		if (a->count < 100000000UL)
			a->count = a->count * 10 + (unsigned long)(key - '0');
		a->has_count = true;
		if (a->toc_jump && a->deck->ntoc < 10) {
			unsigned long n = a->count;
			a->count = 0;
			a->has_count = false;
			toc_jump(a, n);
		}
		return;
	}
	/* a count being typed is edited like a prompt */
	if (a->has_count && keymap_bound(&a->keys, KM_SLIDE, key, ACT_ERASE)) {
		a->count /= 10;
		a->has_count = a->count > 0;
		return;
	}
	unsigned long count = a->count;
	bool has_count = a->has_count;
	a->count = 0;
	a->has_count = false;
	if (act == ACT_CLEAR || act == ACT_QUIT) {
		/* on the contents page reached with 't', Esc and q go back
		 * to the slide 't' was pressed on, as an overlay closes */
		if (a->toc_jump && !has_count) {
			a->toc_jump = false;
			go_back(a);
			return;
		}
		if (act == ACT_CLEAR) {
			/* never quits (clickers send Esc): clears what is
			 * pending and the search */
			search_clear(a);
			a->toc_jump = false;
			return;
		}
	}
	if (has_count && (act == ACT_LAST ||
			  keymap_bound(&a->keys, KM_SLIDE, key, ACT_GOTO))) {
		if (a->toc_jump)
			toc_jump(a, count);
		else
			go_to_number(a, count);
		return;
	}
	if (act != ACT_CONTENTS)
		a->toc_jump = false;
	/* while a search is active, its keys step through the matches */
	if (a->search[0]) {
		bool fwd = keymap_bound(&a->keys, KM_SLIDE, key, ACT_MATCH_NEXT);
		if (fwd || keymap_bound(&a->keys, KM_SLIDE, key, ACT_MATCH_PREV)) {
			app_search_step(a, fwd, false);
			return;
		}
	}
	unsigned long times = has_count && count ? count : 1;
	switch (act) {
	case ACT_NEXT:
	case ACT_MATCH_NEXT: /* no search: n and N page like next and prev */
		for (unsigned long i = 0; i < times && !a->at_end; i++)
			next(a);
		break;
	case ACT_PREV:
	case ACT_MATCH_PREV:
		for (unsigned long i = 0; i < times && (a->slide || a->screen ||
							a->at_end); i++)
			prev(a);
		break;
	case ACT_FIRST:
		jump_to(a, 0);
		break;
	case ACT_LAST:
		jump_to(a, a->ix.count - 1);
		break;
	case ACT_BACK:
		go_back(a);
		break;
	case ACT_CONTENTS:
		jump_to(a, 1);
		a->toc_jump = true;
		break;
	case ACT_OVERVIEW:
		overview_open(a);
		break;
	case ACT_SEARCH:
		prompt_open(a);
		break;
	case ACT_BLACK:
		a->mode = MODE_BLACK;
		break;
	case ACT_WHITE:
		a->mode = MODE_WHITE;
		break;
	case ACT_HELP:
		a->mode = MODE_HELP;
		a->help_top = 0;
		break;
	case ACT_RELOAD:
		app_reload(a);
		break;
	case ACT_NOTES:
		a->notes = !a->notes;
		notes_drop(a);
		break;
	case ACT_SUSPEND:
		a->suspend = true;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	case ACT_TIMER_PAUSE:
	case ACT_TIMER_RESET:
		talk_key(&a->talk, act, a->now_ms, a->message, sizeof a->message);
		break;
	default:
		break;
	}
}

/* Called by the overview and the prompt when they move the reader. */
void app_jump(struct app *a, size_t slide)
{
	jump_to(a, slide);
}

void app_search_accept(struct app *a, const char *q)
{
	if (q[0])
		search_set(a, q);
	app_search_step(a, true, false);
}

static enum keymode keymode_of(enum mode m)
{
	switch (m) {
	case MODE_HELP:
		return KM_HELP;
	case MODE_OVERVIEW:
		return KM_OVERVIEW;
	case MODE_SEARCH:
		return KM_PROMPT;
	case MODE_SLIDE:
	case MODE_BLACK:
	case MODE_WHITE:
		break;
	}
	return KM_SLIDE;
}

static void route_key(struct app *a, int key)
{
	enum action act = keymap_lookup(&a->keys, keymode_of(a->mode), key);
	a->message[0] = '\0';
	switch (a->mode) {
	case MODE_BLACK:
	case MODE_WHITE:
		a->mode = MODE_SLIDE; /* any key brings the slides back */
		return;
	case MODE_HELP:
		help_key(a, key, act);
		return;
	case MODE_OVERVIEW:
		overview_key(a, key, act);
		return;
	case MODE_SEARCH:
		prompt_key(a, key, act);
		return;
	case MODE_SLIDE:
		slide_key(a, key, act);
		return;
	}
}

/* ---- the audience's position ----------------------------------------- */

void app_get_position(struct app *a, struct app_position *p)
{
	p->slide = a->slide;
	p->cover = a->at_end ? APP_END : a->mode == MODE_BLACK ? APP_BLACK :
		   a->mode == MODE_WHITE ? APP_WHITE : APP_SLIDE;
	p->revealed = a->revealed;
	p->step = a->step;
	p->block = p->point = -1;
	if (a->screen == 0)
		return;
	size_t from, to;
	screen_lines(a, a->screen, &from, &to);
	/* by span: a row of blocks side by side has points of several */
	for (size_t l = from; l < to; l++)
		for (size_t k = 0; k < a->page->lines[l].count; k++) {
			const struct lspan *sp = &a->page->spans[a->page->lines[l].first + k];
			if (sp->block >= 0 && sp->point >= 0) {
				p->block = sp->block;
				p->point = sp->point;
				return;
			}
		}
}

void app_set_position(struct app *a, const struct app_position *p)
{
	if (p->slide != a->slide || a->at_end)
		app_go_to(a, p->slide, false);
	a->at_end = p->cover == APP_END;
	a->mode = p->cover == APP_BLACK ? MODE_BLACK :
		  p->cover == APP_WHITE ? MODE_WHITE : MODE_SLIDE;
	a->revealed = p->revealed;
	if (a->step != p->step) {
		a->step = p->step;
		notes_drop(a);
	}
	a->screen = 0;
	if (p->block < 0)
		return;
	struct page *pg = current_page(a);
	for (size_t l = 0; l < pg->nlines; l++)
		for (size_t k = 0; k < pg->lines[l].count; k++) {
			const struct lspan *sp = &pg->spans[pg->lines[l].first + k];
			if (sp->block == p->block && sp->point == p->point) {
				a->screen = screen_of_line(a, l);
				return;
			}
		}
}

void app_key(struct app *a, int key)
{
	if (key == KEY_RESIZE_)
		return;
	size_t slide = a->slide, screen = a->screen, revealed = a->revealed;
	route_key(a, key);
	/* a move (a page turn, a jump, a point revealed) starts the timer */
	if (a->slide != slide || a->screen != screen || a->revealed != revealed)
		talk_moved(&a->talk, a->slide, a->now_ms);
}

/* ---- drawing the slide view ------------------------------------------ */

/* Puts a page span at row, shifted right by dx, splitting out search
 * matches. */
static void put_matched(struct app *a, struct frame *f, int row,
			const struct lspan *s)
{
	const char *t = s->text, *end = s->text + s->len;
	int col = s->col;
	struct search_query q;
	search_query_init(&q, a->search);
	while (q.len && t < end) {
		size_t ml;
		const char *m = search_find(&q, t, (size_t)(end - t), &ml);
		if (!m)
			break;
		int w0 = text_width(t, (size_t)(m - t), a->lo.ambiguous);
		frame_put(f, row, col, t, (size_t)(m - t), w0, s->style);
		col += w0;
		int w1 = text_width(m, ml, a->lo.ambiguous);
		frame_put(f, row, col, m, ml, w1, FS_MATCH);
		col += w1;
		t = m + ml;
	}
	if (t < end)
		frame_put(f, row, col, t, (size_t)(end - t),
			  text_width(t, (size_t)(end - t), a->lo.ambiguous),
			  s->style);
}

static void put_line(struct app *a, struct frame *f, int row,
		     const struct page *pg, size_t line)
{
	const struct lline *l = &pg->lines[line];
	for (size_t k = 0; k < l->count; k++) {
		const struct lspan *sp = &pg->spans[l->first + k];
		if (a->revealed != SIZE_MAX && sp->point >= 0 &&
		    point_index(a, sp->block, sp->point) >= a->revealed)
			continue; /* not revealed yet: its place stays */
		if (a->step != UINT32_MAX && sp->block >= 0 &&
		    span_step(a, sp->block, sp->point) > a->step)
			continue; /* after a pause not reached yet */
		put_matched(a, f, row, sp);
	}
}

/* On a continuation screen starting at line `from`: the first line of
 * the title of each block the screen goes on with, marked as continued. */
static void put_continued(struct app *a, struct frame *f, int row,
			  const struct page *pg, size_t from)
{
	const struct lline *l = &pg->lines[from];
	int done[8], ndone = 0;
	for (size_t k = 0; k < l->count; k++) {
		const struct lspan *sp = &pg->spans[l->first + k];
		bool seen = false;
		for (int i = 0; i < ndone; i++)
			seen |= done[i] == sp->block;
		if (sp->point < 0 || seen || ndone == 8)
			continue;
		done[ndone++] = sp->block;
		/* the column it may use: up to the next block's */
		int limit = f->width;
		for (size_t j = 0; j < l->count; j++) {
			const struct lspan *o = &pg->spans[l->first + j];
			if (o->block != sp->block && o->col > sp->col && o->col < limit)
				limit = o->col - 1;
		}
		/* the first line of its title, above */
		for (size_t t = 0; t < from; t++) {
			const struct lline *tl = &pg->lines[t];
			int end = -1;
			for (size_t m = 0; m < tl->count; m++) {
				const struct lspan *ts = &pg->spans[tl->first + m];
				if (ts->block != sp->block || ts->point >= 0)
					continue;
				int used, w = limit - ts->col;
				size_t len = text_fit(ts->text, ts->len, w > 0 ? w : 0,
						      a->lo.ambiguous, &used);
				frame_put(f, row, ts->col, ts->text, len, used,
					  ts->style);
				end = ts->col + used;
			}
			if (end < 0)
				continue;
			static const char mark[] = " (continued)";
			if (end + (int)strlen(mark) <= limit)
				frame_put(f, row, end, mark, strlen(mark),
					  (int)strlen(mark), LS_DIM);
			break;
		}
	}
}

static void draw_end(struct app *a, struct frame *f)
{
	int bh = app_body_height(a);
	const char *lines[] = { "End of the slides",
				"Left goes back, q quits" };
	for (int i = 0; i < 2; i++) {
		int w = text_width(lines[i], strlen(lines[i]), a->lo.ambiguous);
		frame_put(f, bh / 2 - 1 + i * 2, w < f->width ? (f->width - w) / 2 : 0,
			  lines[i], strlen(lines[i]), w, i ? LS_DIM : LS_SECTION);
	}
}

/* Content that fits on one screen sits in the middle of a tall window, as
 * covers do; the middle of a readable height, so that headers keep their
 * place from slide to slide. */
#define READABLE_ROWS 24

static void draw_slide(struct app *a, struct frame *f)
{
	if (a->at_end) {
		draw_end(a, f);
		return;
	}
	struct page *pg = current_page(a);
	size_t n = app_screens(a);
	if (a->screen >= n)
		a->screen = n - 1;
	int bh = app_body_height(a), row = 0;
	size_t from, to;
	screen_lines(a, a->screen, &from, &to);
	if (a->screen > 0 && pg->kind == PAGE_CONTENT && bh > 4) {
		put_line(a, f, row++, pg, 0);
		put_line(a, f, row++, pg, 1);
		size_t nb, *title_first = block_titles(pg, &nb);
		if (bh - row > 2 && continues_block(pg, from, title_first, nb))
			put_continued(a, f, row++, pg, from);
		free(title_first);
	}
	if (pg->centre && n == 1 && (int)pg->nlines < bh)
		row = (bh - (int)pg->nlines) / 2;
	else if (pg->kind == PAGE_CONTENT && n == 1 && bh > READABLE_ROWS + 1)
		row = (bh - ((int)pg->nlines > READABLE_ROWS ? (int)pg->nlines :
							      READABLE_ROWS)) / 2;
	else if (row == 0 && pg->kind != PAGE_CONTENT)
		row = bh > 8 ? 1 : 0;
	for (size_t l = from; l < to && row < bh; l++)
		put_line(a, f, row++, pg, l);
}

static void draw_too_small(struct app *a, struct frame *f)
{
	char msg[96];
	snprintf(msg, sizeof msg, "terminal too small: %dx%d, lectern needs %dx%d",
		 f->width, f->height, APP_MIN_WIDTH, APP_MIN_HEIGHT);
	const char *s = frame_string(f, xstrdup(msg));
	struct text_line *tl;
	size_t n = text_wrap(s, strlen(s), f->width, a->lo.ambiguous, &tl);
	int row = (int)n < f->height ? (f->height - (int)n) / 2 : 0;
	for (size_t i = 0; i < n && row < f->height; i++, row++) {
		int col = tl[i].width < f->width ? (f->width - tl[i].width) / 2 : 0;
		frame_put(f, row, col, s + tl[i].start, tl[i].end - tl[i].start,
			  tl[i].width, FS_NOTICE);
	}
	free(tl);
}

/* The white screen: every cell in the white style. */
static void draw_white(struct frame *f)
{
	struct strbuf sb = STRBUF_INIT;
	sb_repeat(&sb, " ", f->width);
	const char *blank = frame_string(f, sb_take(&sb));
	for (int row = 0; row < f->height; row++)
		frame_put(f, row, 0, blank, (size_t)f->width, f->width, FS_WHITE);
}

void app_frame(struct app *a, struct frame *f)
{
	frame_init(f, a->width, a->height, a->lo.ambiguous);
	if (a->width < APP_MIN_WIDTH || a->height < APP_MIN_HEIGHT) {
		draw_too_small(a, f);
		return;
	}
	switch (a->mode) {
	case MODE_BLACK:
		return;
	case MODE_WHITE:
		draw_white(f);
		return;
	case MODE_HELP:
		help_draw(a, f);
		return;
	case MODE_OVERVIEW:
		overview_draw(a, f);
		return;
	case MODE_SLIDE:
	case MODE_SEARCH:
		draw_slide(a, f);
		notes_draw(a, f);
		if (f->height > 1) {
			if (a->mode == MODE_SEARCH)
				prompt_draw(a, f);
			else
				status_draw(a, f);
		}
		return;
	}
}
