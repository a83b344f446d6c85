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

/* ---- navigation ------------------------------------------------------ */

static void drop_page(struct app *a)
{
	page_free(a->page);
	a->page = NULL;
}

static struct page *current_page(struct app *a)
{
	if (!a->page)
		a->page = layout_slide(a->deck, &a->ix, a->slide, &a->lo);
	return a->page;
}

int app_body_height(const struct app *a)
{
	return a->height - (status_shown(a) ? 1 : 0);
}

/* The first line of each continuation screen of the current slide; the
 * screens after the first repeat the header and its rule. */
static size_t screen_starts(struct app *a, size_t *starts, size_t max)
{
	struct page *pg = current_page(a);
	int bh = app_body_height(a);
	size_t n = 0, line = 0;
	bool repeat = pg->kind == PAGE_CONTENT && bh > 4 && pg->nlines > 2;
	if (bh < 1)
		bh = 1;
	while (n < max) {
		starts[n++] = line;
		size_t room = (size_t)bh - (n > 1 && repeat ? 2 : 0);
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
		size_t next_room = (size_t)bh - (repeat ? 2 : 0);
		if (back > line + 1 && pg->lines[back].point >= 0 &&
		    fwd - back <= next_room && (cut - back) * 2 <= room)
			cut = back; /* and not at the cost of half a screen */
		line = cut;
	}
	return n;
}

#define MAX_SCREENS 4096

size_t app_screens(struct app *a)
{
	size_t starts[MAX_SCREENS];
	return screen_starts(a, starts, MAX_SCREENS);
}

/* Points on the current slide, and the reading-order index of a line's
 * point (for revealing points one at a time). */
static size_t slide_points(struct app *a)
{
	struct page *pg = current_page(a);
	if (pg->kind != PAGE_CONTENT)
		return 0;
	const struct slide *sl = &a->deck->sections[pg->section].slides[pg->slide];
	size_t n = 0;
	for (size_t b = 0; b < sl->nblocks; b++)
		n += sl->blocks[b].npoints;
	return n;
}

static size_t point_index(struct app *a, int block, int point)
{
	struct page *pg = current_page(a);
	const struct slide *sl = &a->deck->sections[pg->section].slides[pg->slide];
	size_t n = 0;
	for (int b = 0; b < block && (size_t)b < sl->nblocks; b++)
		n += sl->blocks[b].npoints;
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
	a->revealed = SIZE_MAX;
	if (last_screen)
		a->screen = app_screens(a) - 1;
}

static void next(struct app *a)
{
	if (a->reveal_points && a->revealed < slide_points(a)) {
		/* show one more point, on the screen that holds it */
		a->revealed++;
		size_t starts[64];
		size_t n = screen_starts(a, starts, 64);
		struct page *pg = current_page(a);
		for (size_t sc = 0; sc < n; sc++) {
			size_t end = sc + 1 < n ? starts[sc + 1] : pg->nlines;
			for (size_t l = starts[sc]; l < end; l++)
				for (size_t k = 0; k < pg->lines[l].count; k++) {
					const struct lspan *sp =
						&pg->spans[pg->lines[l].first + k];
					if (sp->point >= 0 &&
					    point_index(a, sp->block, sp->point) ==
						    a->revealed - 1) {
						a->screen = sc;
						return;
					}
				}
		}
		return;
	}
	if (a->screen + 1 < app_screens(a))
		a->screen++;
	else if (a->slide + 1 < a->ix.count) {
		app_go_to(a, a->slide + 1, false);
		if (a->reveal_points && slide_points(a))
			a->revealed = 0;
	}
}

static void prev(struct app *a)
{
	if (a->screen > 0)
		a->screen--;
	else if (a->slide > 0)
		app_go_to(a, a->slide - 1, true);
}

/* ---- search ---------------------------------------------------------- */

void app_search_step(struct app *a, bool forward, bool include_current)
{
	size_t n = a->ix.count;
	if (!a->search[0] || !n)
		return;
	size_t from = a->slide;
	for (size_t k = include_current ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (from + k) % n : (from + n - k % n) % n;
		if (search_slide_matches(a->deck, &a->ix, i, a->search)) {
			if (i != from || k > 0)
				app_go_to(a, i, false);
			if (forward ? i < from : i > from)
				snprintf(a->message, sizeof a->message,
					 "search wrapped around");
			return;
		}
	}
	snprintf(a->message, sizeof a->message, "not found: %s", a->search);
}

/* ---- reload ---------------------------------------------------------- */

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
	if (!a->load(a->path, a->format, &d, &err)) {
		/* what went wrong first: the status line may be narrow */
		const char *base = strrchr(a->path, '/');
		base = base ? base + 1 : a->path;
		if (err.has_offset)
			snprintf(a->message, sizeof a->message,
				 "reload failed: %.300s (%.100s:%zu); still "
				 "showing the old deck", err.what, base, err.offset);
		else
			snprintf(a->message, sizeof a->message,
				 "reload failed: %.300s (%.100s); still showing "
				 "the old deck", err.what, base);
		return;
	}
	/* swap in the new deck, keeping the reader where they were */
	size_t screen = a->screen, slide = a->slide;
	deck_free(a->deck);
	deck_index_free(&a->ix);
	a->deck = d;
	deck_index_build(&a->ix, d);
	drop_page(a);
	a->slide = slide < a->ix.count ? slide : a->ix.count - 1;
	size_t ns = app_screens(a);
	a->screen = screen < ns ? screen : ns - 1;
	snprintf(a->message, sizeof a->message, "reloaded: %zu slides, %zu "
		 "warnings", a->ix.count, d->nwarnings + d->warnings_not_listed);
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
	snprintf(a->footer, sizeof a->footer, "%s",
		 settings && settings->footer ? settings->footer : FOOTER_DEFAULT);
	if (settings) {
		a->load = settings->load;
		a->format = settings->format;
		a->reveal_points = settings->reveal_points;
		if (settings->start > 1)
			app_go_to(a, settings->start - 1, false);
	}
}

void app_free(struct app *a)
{
	drop_page(a);
	deck_index_free(&a->ix);
	deck_free(a->deck);
	free(a->path);
	memset(a, 0, sizeof *a);
}

void app_tick(struct app *a, int64_t now_ms)
{
	a->now_ms = now_ms;
}

int64_t app_next_change(const struct app *a)
{
	if (a->mode == MODE_SLIDE || a->mode == MODE_SEARCH)
		return footer_next_change(a->footer, a->now_ms);
	return -1;
}

void app_resize(struct app *a, int width, int height)
{
	if (width == a->width && height == a->height)
		return;
	/* keep the reader at the same point: the first point line shown */
	int block = -1, point = -1;
	if (a->page && a->screen > 0) {
		size_t starts[MAX_SCREENS];
		size_t n = screen_starts(a, starts, MAX_SCREENS);
		if (a->screen < n) {
			for (size_t l = starts[a->screen]; l < a->page->nlines; l++)
				if (a->page->lines[l].point >= 0) {
					block = a->page->lines[l].block;
					point = a->page->lines[l].point;
					break;
				}
		}
	}
	a->width = width;
	a->height = height;
	a->lo.width = width;
	drop_page(a);
	a->screen = 0;
	if (block >= 0) {
		size_t starts[MAX_SCREENS];
		size_t n = screen_starts(a, starts, MAX_SCREENS);
		struct page *pg = current_page(a);
		for (size_t s = 0; s < n; s++) {
			size_t end = s + 1 < n ? starts[s + 1] : pg->nlines;
			for (size_t l = starts[s]; l < end; l++)
				if (pg->lines[l].block == block &&
				    pg->lines[l].point == point) {
					a->screen = s;
					s = n;
					break;
				}
		}
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
			app_go_to(a, a->ix.section_first[s], false);
			a->toc_jump = false;
			return;
		}
	snprintf(a->message, sizeof a->message,
		 "section %lu, \"%s\", is not in the text", n,
		 d->toc[n - 1].title);
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
	unsigned long count = a->count;
	bool has_count = a->has_count;
	a->count = 0;
	a->has_count = false;
	if (act == ACT_CLEAR) {
		/* never quits (clickers send Esc): clears what is pending and
		 * the search highlight */
		a->search[0] = '\0';
		a->toc_jump = false;
		return;
	}
	if (has_count && (act == ACT_LAST ||
			  keymap_bound(&a->keys, KM_SLIDE, key, ACT_GOTO))) {
		if (a->toc_jump)
			toc_jump(a, count);
		else
			app_go_to(a, count >= 1 ? count - 1 : 0, false);
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
		for (unsigned long i = 0; i < times && i < a->ix.count * 64; i++)
			next(a);
		break;
	case ACT_PREV:
	case ACT_MATCH_PREV:
		for (unsigned long i = 0; i < times && i < a->ix.count * 64; i++)
			prev(a);
		break;
	case ACT_FIRST:
		app_go_to(a, 0, false);
		break;
	case ACT_LAST:
		app_go_to(a, a->ix.count - 1, false);
		break;
	case ACT_CONTENTS:
		app_go_to(a, 1, false);
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
	case ACT_HELP:
		a->mode = MODE_HELP;
		break;
	case ACT_RELOAD:
		app_reload(a);
		break;
	case ACT_SUSPEND:
		a->suspend = true;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	default:
		break;
	}
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
		break;
	}
	return KM_SLIDE;
}

void app_key(struct app *a, int key)
{
	if (key == KEY_RESIZE_)
		return;
	enum action act = keymap_lookup(&a->keys, keymode_of(a->mode), key);
	a->message[0] = '\0';
	switch (a->mode) {
	case MODE_BLACK:
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

/* ---- drawing the slide view ------------------------------------------ */

/* Puts a page span, splitting out search matches. */
static void put_matched(struct app *a, struct frame *f, int row,
			const struct lspan *s)
{
	size_t ql = strlen(a->search);
	const char *t = s->text, *end = s->text + s->len;
	int col = s->col;
	while (ql && t < end) {
		const char *m = search_find(t, (size_t)(end - t), a->search, ql);
		if (!m)
			break;
		int w0 = text_width(t, (size_t)(m - t), a->lo.ambiguous);
		frame_put(f, row, col, t, (size_t)(m - t), w0, s->style);
		col += w0;
		int w1 = text_width(m, ql, a->lo.ambiguous);
		frame_put(f, row, col, m, ql, w1, FS_MATCH);
		col += w1;
		t = m + ql;
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
		put_matched(a, f, row, sp);
	}
}

static void draw_slide(struct app *a, struct frame *f)
{
	struct page *pg = current_page(a);
	size_t starts[MAX_SCREENS];
	size_t n = screen_starts(a, starts, MAX_SCREENS);
	if (a->screen >= n)
		a->screen = n - 1;
	int bh = app_body_height(a), row = 0;
	size_t from = starts[a->screen];
	size_t to = a->screen + 1 < n ? starts[a->screen + 1] : pg->nlines;
	if (a->screen > 0 && pg->kind == PAGE_CONTENT && bh > 4) {
		put_line(a, f, row++, pg, 0);
		put_line(a, f, row++, pg, 1);
	}
	if (pg->centre && n == 1 && (int)pg->nlines < bh)
		row = (bh - (int)pg->nlines) / 2;
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
	case MODE_HELP:
		help_draw(a, f);
		return;
	case MODE_OVERVIEW:
		overview_draw(a, f);
		return;
	case MODE_SLIDE:
	case MODE_SEARCH:
		draw_slide(a, f);
		if (f->height > 1) {
			if (a->mode == MODE_SEARCH)
				prompt_draw(a, f);
			else
				status_draw(a, f);
		}
		return;
	}
}
