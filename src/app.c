/* app.c — the viewer's behaviour: keys to actions to view state, and view
 * state to a frame of styled spans. No curses here (screen.c draws), no
 * parsing (outline.c), no line breaking (layout.c). */
#include "lectern/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

/* ---- frames ---------------------------------------------------------- */

static void frame_init(struct frame *f, int w, int h, int ambiguous)
{
	memset(f, 0, sizeof *f);
	f->width = w;
	f->height = h;
	f->ambiguous = ambiguous;
	f->row_first = xcalloc((size_t)(h > 0 ? h : 1), sizeof *f->row_first);
	f->row_count = xcalloc((size_t)(h > 0 ? h : 1), sizeof *f->row_count);
}

void frame_free(struct frame *f)
{
	for (size_t i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f->spans);
	free(f->row_first);
	free(f->row_count);
	memset(f, 0, sizeof *f);
}

static const char *frame_string(struct frame *f, char *s)
{
	f->strings = xgrow(f->strings, &f->strings_cap, f->nstrings + 1,
			   sizeof *f->strings);
	f->strings[f->nstrings++] = s;
	return s;
}

/* Spans must be added row by row, left to right. */
static void put(struct frame *f, int row, int col, const char *text,
		size_t len, int width, int style)
{
	if (row < 0 || row >= f->height || col >= f->width || !len)
		return;
	if (col < 0)
		col = 0;
	if (col + width > f->width) {
		/* never past the edge: cut between clusters */
		int used;
		len = text_fit(text, len, f->width - col, f->ambiguous, &used);
		width = used;
		if (!len)
			return;
	}
	f->spans = xgrow(f->spans, &f->cap, f->nspans + 1, sizeof *f->spans);
	if (f->row_count[row] == 0)
		f->row_first[row] = f->nspans;
	f->spans[f->nspans++] = (struct fspan){ col, width, text, len, style };
	f->row_count[row]++;
}

static void put_str(struct frame *f, int row, int col, const char *s,
		    int style, int amb)
{
	put(f, row, col, s, strlen(s), text_width(s, strlen(s), amb), style);
}

/* ---- navigation ------------------------------------------------------ */

static void drop_page(struct app *a)
{
	page_free(a->page);
	a->page = NULL;
}

static struct page *current_page(struct app *a)
{
	/* the contents heading lives in the deck: after a reload, the new
	 * deck's (never a pointer into the old one) */
	a->lo.contents = a->deck->contents_label;
	if (!a->page)
		a->page = layout_slide(a->deck, &a->ix, a->slide, &a->lo);
	return a->page;
}

/* The status line shows when the template has something, and whenever
 * there is a prompt, a message or a pending count to show even with the
 * template empty: it then takes the last row rather than covering it. */
static bool status_line(const struct app *a)
{
	return a->footer[0] || a->mode == MODE_SEARCH || a->message[0] ||
	       a->has_count || a->toc_jump;
}

static int body_height(const struct app *a)
{
	return a->height - (status_line(a) ? 1 : 0);
}

/* The first line of each continuation screen of the current slide; the
 * screens after the first repeat the header and its rule. */
static size_t screen_starts(struct app *a, size_t *starts, size_t max)
{
	struct page *pg = current_page(a);
	int bh = body_height(a);
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

static void go_to(struct app *a, size_t slide, bool last_screen)
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
		go_to(a, a->slide + 1, false);
		if (a->reveal_points && slide_points(a))
			a->revealed = 0;
	}
}

static void prev(struct app *a)
{
	if (a->screen > 0)
		a->screen--;
	else if (a->slide > 0)
		go_to(a, a->slide - 1, true);
}

/* ---- search ---------------------------------------------------------- */

static const char *find_ci(const char *hay, size_t hn, const char *needle,
			   size_t nn)
{
	if (!nn || nn > hn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++) {
		size_t k = 0;
		while (k < nn) {
			unsigned char x = (unsigned char)hay[i + k];
			unsigned char y = (unsigned char)needle[k];
			if (x >= 'A' && x <= 'Z')
				x += 32;
			if (y >= 'A' && y <= 'Z')
				y += 32;
			if (x != y)
				break;
			k++;
		}
		if (k == nn)
			return hay + i;
	}
	return NULL;
}

static bool has(const char *s, const char *needle)
{
	return find_ci(s, strlen(s), needle, strlen(needle)) != NULL;
}

static bool slide_matches(const struct app *a, size_t i, const char *q)
{
	const struct deck *d = a->deck;
	size_t s, l;
	switch (deck_index_locate(&a->ix, d, i, &s, &l)) {
	case PAGE_TITLE:
		return has(d->title, q);
	case PAGE_CONTENTS:
		for (size_t t = 0; t < d->ntoc; t++)
			if (has(d->toc[t].title, q))
				return true;
		return false;
	case PAGE_COVER:
		return has(d->sections[s].title, q);
	case PAGE_CONTENT: {
		const struct slide *sl = &d->sections[s].slides[l];
		if (has(sl->header, q))
			return true;
		for (size_t b = 0; b < sl->nblocks; b++) {
			if (has(sl->blocks[b].title, q))
				return true;
			for (size_t p = 0; p < sl->blocks[b].npoints; p++)
				if (has(sl->blocks[b].points[p].text, q))
					return true;
		}
		return false;
	}
	}
	return false;
}

static void search_step(struct app *a, bool forward, bool include_current)
{
	size_t n = a->ix.count;
	if (!a->search[0] || !n)
		return;
	for (size_t k = include_current ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (a->slide + k) % n : (a->slide + n - k % n) % n;
		if (slide_matches(a, i, a->search)) {
			if (i != a->slide || k > 0)
				go_to(a, i, false);
			if (forward ? i < a->slide : i > a->slide)
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

/* ---- keys ------------------------------------------------------------ */

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
		 settings && settings->footer ? settings->footer :
		 "{title} | {section}{>}{n}/{total}{screen} {progress}");
	if (settings) {
		a->load = settings->load;
		a->format = settings->format;
		a->reveal_points = settings->reveal_points;
		if (settings->start > 1)
			go_to(a, settings->start - 1, false);
	}
}

bool app_wants_clock(const struct app *a)
{
	return strstr(a->footer, "{clock}") != NULL;
}

void app_free(struct app *a)
{
	drop_page(a);
	deck_index_free(&a->ix);
	deck_free(a->deck);
	free(a->path);
	memset(a, 0, sizeof *a);
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

static void overview_move(struct app *a, long by)
{
	long n = (long)a->ix.count, s = (long)a->ov_sel + by;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	a->ov_sel = (size_t)s;
}

static void key_overview(struct app *a, int key, enum action act)
{
	long page = body_height(a) > 2 ? body_height(a) - 1 : 1;
	if (key == 27 || act == ACT_OVERVIEW) {
		a->mode = MODE_SLIDE;
	} else if (key == '\r' || key == '\n') {
		go_to(a, a->ov_sel, false);
		a->mode = MODE_SLIDE;
	} else if (key == KEY_DOWN_ || key == 'j' || key == ' ' || key == KEY_RIGHT_) {
		overview_move(a, 1);
	} else if (key == KEY_UP_ || key == 'k' || key == KEY_LEFT_) {
		overview_move(a, -1);
	} else if (key == KEY_PGDN_) {
		overview_move(a, page);
	} else if (key == KEY_PGUP_) {
		overview_move(a, -page);
	} else if (key == KEY_HOME_ || key == 'g') {
		a->ov_sel = 0;
	} else if (key == KEY_END_ || key == 'G') {
		a->ov_sel = a->ix.count - 1;
	} else if (act == ACT_QUIT) {
		a->quit = true;
	} else if (act == ACT_HELP) {
		a->mode = MODE_HELP;
	}
}

static void key_search_input(struct app *a, int key)
{
	size_t n = strlen(a->input);
	if (key == 27) {
		a->mode = MODE_SLIDE;
	} else if (key == '\r' || key == '\n') {
		a->mode = MODE_SLIDE;
		if (n) {
			snprintf(a->search, sizeof a->search, "%s", a->input);
			search_step(a, true, false);
		} else if (a->search[0]) {
			search_step(a, true, false);
		}
	} else if (key == 127 || key == 8 || key == KEY_DELETE_) {
		/* drop the last character, not the last byte */
		while (n > 0 && ((unsigned char)a->input[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
		a->input[n] = '\0';
		if (n == 0 && key != KEY_DELETE_ && strlen(a->input) == 0 &&
		    a->search[0] == '\0')
			a->mode = MODE_SLIDE;
	} else if (key == 21) { /* C-u */
		a->input[0] = '\0';
	} else if (key >= 0x20 && key < KEY_BASE && key != 0x7F &&
		   !(key >= 0x80 && key < 0xA0)) {
		/* C1 controls never enter the query: it is drawn as typed */
		char u[5] = { 0 };
		int len = text_encode((uint32_t)key, u);
		if (n + (size_t)len < sizeof a->input) {
			memcpy(a->input + n, u, (size_t)len);
			a->input[n + (size_t)len] = '\0';
		}
	} else if (key == 3) {
		a->quit = true;
	}
}

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
			go_to(a, a->ix.section_first[s], false);
			a->toc_jump = false;
			return;
		}
	snprintf(a->message, sizeof a->message,
		 "section %lu, \"%s\", is not in the text", n,
		 d->toc[n - 1].title);
}

void app_key(struct app *a, int key)
{
	if (key == KEY_RESIZE_)
		return;
	enum action act = keymap_lookup(&a->keys, key);
	a->message[0] = '\0';
	switch (a->mode) {
	case MODE_BLACK:
		a->mode = MODE_SLIDE; /* any key brings the slides back */
		return;
	case MODE_HELP:
		if (act == ACT_QUIT && key != 27)
			a->quit = true;
		a->mode = MODE_SLIDE; /* any key closes the help */
		return;
	case MODE_OVERVIEW:
		key_overview(a, key, act);
		return;
	case MODE_SEARCH:
		key_search_input(a, key);
		return;
	case MODE_SLIDE:
		break;
	}

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
	if (key == 27) {
		/* Esc never quits (clickers send it): it clears what is
		 * pending and the search highlight */
		a->search[0] = '\0';
		a->toc_jump = false;
		return;
	}
	if (has_count && (key == '\r' || key == '\n' || act == ACT_LAST ||
			  act == ACT_GOTO)) {
		if (a->toc_jump) {
			toc_jump(a, count);
		} else {
			go_to(a, count >= 1 ? count - 1 : 0, false);
		}
		return;
	}
	if (act != ACT_CONTENTS)
		a->toc_jump = false;
	/* n and N step through matches while a search is active */
	if (a->search[0] && (act == ACT_MATCH_NEXT || act == ACT_MATCH_PREV ||
			     key == 'n' || key == 'N')) {
		search_step(a, act == ACT_MATCH_NEXT || key == 'n', false);
		return;
	}
	unsigned long times = has_count && count ? count : 1;
	switch (act) {
	case ACT_NEXT:
	case ACT_MATCH_NEXT:
		for (unsigned long i = 0; i < times && i < a->ix.count * 64; i++)
			next(a);
		break;
	case ACT_PREV:
	case ACT_MATCH_PREV:
		for (unsigned long i = 0; i < times && i < a->ix.count * 64; i++)
			prev(a);
		break;
	case ACT_FIRST:
		go_to(a, 0, false);
		break;
	case ACT_LAST:
		go_to(a, a->ix.count - 1, false);
		break;
	case ACT_CONTENTS:
		go_to(a, 1, false);
		a->toc_jump = true;
		break;
	case ACT_OVERVIEW:
		a->mode = MODE_OVERVIEW;
		a->ov_sel = a->slide;
		break;
	case ACT_SEARCH:
		a->mode = MODE_SEARCH;
		a->input[0] = '\0';
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
	case ACT_QUIT:
		a->quit = true;
		break;
	case ACT_GOTO:
	case ACT_NONE:
	case ACT_COUNT:
		break;
	}
}

/* ---- drawing into a frame -------------------------------------------- */

/* Puts a page span, splitting out search matches. */
static void put_matched(struct app *a, struct frame *f, int row,
			const struct lspan *s)
{
	size_t ql = strlen(a->search);
	const char *t = s->text, *end = s->text + s->len;
	int col = s->col;
	while (ql && t < end) {
		const char *m = find_ci(t, (size_t)(end - t), a->search, ql);
		if (!m)
			break;
		int w0 = text_width(t, (size_t)(m - t), a->lo.ambiguous);
		put(f, row, col, t, (size_t)(m - t), w0, s->style);
		col += w0;
		int w1 = text_width(m, ql, a->lo.ambiguous);
		put(f, row, col, m, ql, w1, FS_MATCH);
		col += w1;
		t = m + ql;
	}
	if (t < end)
		put(f, row, col, t, (size_t)(end - t),
		    text_width(t, (size_t)(end - t), a->lo.ambiguous), s->style);
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
	int bh = body_height(a), row = 0;
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

/* The status line, from the footer template: fields {title} {section} {n}
 * {total} {screen} {clock} {progress}, and {>} where the right-aligned
 * part starts. A field with nothing to show takes the separator before it
 * along ("Deck | " on the title page becomes "Deck"). */
struct seg {
	const char *s;
	size_t len;
	int style;
};

#define MAX_SEGS 64

static void seg_add(struct seg *segs, size_t *n, const char *s, size_t len,
		    int style)
{
	if (*n < MAX_SEGS && len)
		segs[(*n)++] = (struct seg){ s, len, style };
}

/* Drops separator characters (" |·-:/") from the end of the segments. */
static void seg_trim(struct seg *segs, size_t *n)
{
	while (*n) {
		struct seg *g = &segs[*n - 1];
		while (g->len && strchr(" |-:/", g->s[g->len - 1]))
			g->len--;
		if (g->len)
			return;
		(*n)--;
	}
}

static size_t expand(struct app *a, struct frame *f, const char *t,
		     size_t tlen, struct seg *segs, int bar)
{
	size_t n = 0;
	const char *end = t + tlen;
	size_t sec, sl;
	enum page_kind k = deck_index_locate(&a->ix, a->deck, a->slide, &sec, &sl);
	while (t < end) {
		const char *o = memchr(t, '{', (size_t)(end - t));
		if (!o) {
			seg_add(segs, &n, t, (size_t)(end - t), FS_FOOTER);
			break;
		}
		seg_add(segs, &n, t, (size_t)(o - t), FS_FOOTER);
		const char *c = memchr(o, '}', (size_t)(end - o));
		if (!c) {
			seg_add(segs, &n, o, (size_t)(end - o), FS_FOOTER);
			break;
		}
		size_t fl = (size_t)(c - o - 1);
		struct strbuf v = STRBUF_INIT;
		int style = FS_FOOTER;
#define FIELD(name) (fl == strlen(name) && strncmp(o + 1, name, fl) == 0)
		if (FIELD("title")) {
			sb_puts(&v, a->deck->title);
		} else if (FIELD("section")) {
			if (k == PAGE_COVER || k == PAGE_CONTENT)
				sb_puts(&v, a->deck->sections[sec].title);
		} else if (FIELD("n")) {
			sb_printf(&v, "%zu", a->slide + 1);
		} else if (FIELD("total")) {
			sb_printf(&v, "%zu", a->ix.count);
		} else if (FIELD("screen")) {
			size_t ns = app_screens(a);
			if (ns > 1)
				sb_printf(&v, " (%zu/%zu)", a->screen + 1, ns);
		} else if (FIELD("clock")) {
			time_t now = time(NULL);
			struct tm tm;
			if (localtime_r(&now, &tm))
				sb_printf(&v, "%02d:%02d", tm.tm_hour, tm.tm_min);
		} else if (FIELD("progress") && bar > 0) {
			size_t total = a->ix.count > 1 ? a->ix.count - 1 : 1;
			int full = (int)((a->slide * (size_t)bar + total / 2) / total);
			for (int i = 0; i < bar; i++)
				sb_putc(&v, i < full ? '#' : '-');
			style = FS_PROGRESS;
		}
#undef FIELD
		if (v.len) {
			const char *vs = frame_string(f, sb_take(&v));
			seg_add(segs, &n, vs, strlen(vs), style);
		} else {
			seg_trim(segs, &n);
		}
		sb_free(&v);
		t = c + 1;
	}
	return n;
}

static int segs_width(const struct seg *segs, size_t n, int amb)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += text_width(segs[i].s, segs[i].len, amb);
	return w;
}

static void draw_footer(struct app *a, struct frame *f)
{
	int row = f->height - 1, w = f->width, amb = a->lo.ambiguous;
	if (a->mode == MODE_SEARCH) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "/%s", a->input);
		const char *s = frame_string(f, sb_take(&sb));
		int sw = text_width(s, strlen(s), amb);
		/* the end of a long query stays visible */
		const char *v = s;
		while (sw > w - text_cp_width(0x258F, amb) && *v) {
			uint32_t cp;
			int len = text_decode(v, strlen(v), &cp);
			sw -= text_cp_width(cp, amb);
			v += len;
		}
		put_str(f, row, 0, v, FS_FOOTER, amb);
		/* the caret ▏ is East Asian ambiguous: its width as laid out */
		int cw = text_cp_width(0x258F, amb);
		if (sw + cw <= w)
			put(f, row, sw, "\xE2\x96\x8F", 3, cw, FS_FOOTER);
		return;
	}
	if (!status_line(a))
		return; /* hidden */
	const char *tmpl = a->footer[0] ? a->footer : "{>}{n}/{total}";
	const char *split = strstr(tmpl, "{>}");
	size_t llen = split ? (size_t)(split - tmpl) : strlen(tmpl);
	int bar = w >= 60 ? 12 : w >= 40 ? 6 : 0;
	struct seg left[MAX_SEGS], right[MAX_SEGS + 1];
	size_t nl = expand(a, f, tmpl, llen, left, bar), nr = 0;
	if (split)
		nr = expand(a, f, split + 3, strlen(split + 3), right, bar);
	/* a pending count or section jump goes first on the right */
	if (a->has_count || a->toc_jump) {
		struct strbuf c = STRBUF_INIT;
		if (a->has_count)
			sb_printf(&c, "%s %lu  ", a->toc_jump ? "section" : "go to",
				  a->count);
		else
			sb_puts(&c, "section?  ");
		const char *cs = frame_string(f, sb_take(&c));
		memmove(right + 1, right, nr * sizeof *right);
		right[0] = (struct seg){ cs, strlen(cs), FS_NOTICE };
		nr++;
	}
	int rw = segs_width(right, nr, amb);
	int rcol = w - rw - 1;
	if (rcol < 1) {
		rcol = 1;
		nl = 0;
	}
	/* a message takes the left part */
	if (a->message[0]) {
		left[0] = (struct seg){ a->message, strlen(a->message), FS_NOTICE };
		nl = 1;
	}
	int col = 1, room = rcol - 2;
	for (size_t i = 0; i < nl && room > 0; i++) {
		int sw = text_width(left[i].s, left[i].len, amb), used;
		if (sw <= room) {
			put(f, row, col, left[i].s, left[i].len, sw, left[i].style);
			col += sw;
			room -= sw;
			continue;
		}
		size_t len = text_fit(left[i].s, left[i].len, room - 1, amb, &used);
		put(f, row, col, left[i].s, len, used, left[i].style);
		put(f, row, col + used, "~", 1, 1, left[i].style);
		break;
	}
	col = rcol;
	for (size_t i = 0; i < nr; i++) {
		int sw = text_width(right[i].s, right[i].len, amb);
		put(f, row, col, right[i].s, right[i].len, sw, right[i].style);
		col += sw;
	}
}

/* The names of the keys bound to act, space separated. Caller frees. */
static char *keys_of(const struct app *a, int act)
{
	struct strbuf k = STRBUF_INIT;
	for (int i = 0; i < a->keys.nkeys[act]; i++) {
		char name[32];
		keycode_name(a->keys.keys[act][i], name, sizeof name);
		if (i)
			sb_puts(&k, " ");
		sb_puts(&k, name);
	}
	if (act == ACT_GOTO)
		sb_puts(&k, "N Enter");
	return sb_take(&k);
}

static void draw_help(struct app *a, struct frame *f)
{
	int amb = a->lo.ambiguous;
	int bw = f->width - 4 < 72 ? f->width - 4 : 72;
	int kw = 0;
	const char *names[ACT_COUNT] = { "" };
	for (int act = 1; act < ACT_COUNT; act++) {
		const char *ks = names[act] = frame_string(f, keys_of(a, act));
		int w = text_width(ks, strlen(ks), amb) + 2;
		if (w > kw)
			kw = w;
	}
	if (kw > bw / 2)
		kw = bw / 2;
	int col = (f->width - bw) / 2, row = 0;
	int rows = ACT_COUNT + 3;
	if (rows < f->height)
		row = (f->height - rows) / 2;
	put_str(f, row++, col, "lectern keys", LS_HEADER, amb);
	row++;
	for (int act = 1; act < ACT_COUNT && row < f->height - 1; act++) {
		const char *ks = names[act];
		int used;
		size_t kl = text_fit(ks, strlen(ks), kw - 1, amb, &used);
		put(f, row, col, ks, kl, used, LS_NUMBER);
		const char *h = action_help((enum action)act);
		size_t hl = text_fit(h, strlen(h), bw - kw, amb, &used);
		put(f, row, col + kw, h, hl, used, FS_OVERLAY);
		row++;
	}
	if (row + 1 < f->height)
		put_str(f, row + 1, col, "Esc or any key closes this help", LS_DIM, amb);
}

static void draw_overview(struct app *a, struct frame *f)
{
	int amb = a->lo.ambiguous, bh = f->height - 1;
	if (bh < 1)
		return;
	if (a->ov_sel < a->ov_top)
		a->ov_top = a->ov_sel;
	if (a->ov_sel >= a->ov_top + (size_t)bh)
		a->ov_top = a->ov_sel - (size_t)bh + 1;
	const struct deck *d = a->deck;
	for (int r = 0; r < bh && a->ov_top + (size_t)r < a->ix.count; r++) {
		size_t i = a->ov_top + (size_t)r, s, l;
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%4zu  ", i + 1);
		switch (deck_index_locate(&a->ix, d, i, &s, &l)) {
		case PAGE_TITLE:
			sb_puts(&sb, d->title);
			break;
		case PAGE_CONTENTS:
			sb_puts(&sb, d->contents_label ? d->contents_label : "Contents");
			break;
		case PAGE_COVER:
			sb_printf(&sb, "%s", d->sections[s].title);
			break;
		case PAGE_CONTENT: {
			const struct slide *sl = &d->sections[s].slides[l];
			sb_puts(&sb, "    ");
			for (size_t b = 0; b < sl->nblocks; b++) {
				if (b)
					sb_puts(&sb, " / ");
				sb_puts(&sb, sl->blocks[b].title[0] ?
					     sl->blocks[b].title : "(untitled)");
			}
			break;
		}
		}
		const char *text = frame_string(f, sb_take(&sb));
		int used;
		size_t len = text_fit(text, strlen(text), f->width, amb, &used);
		put(f, r, 0, text, len, used, i == a->ov_sel ? FS_SELECTED : FS_OVERLAY);
	}
	const char *hint = "overview: Up/Down move, Enter opens, Esc closes";
	put_str(f, f->height - 1, 1, hint, FS_FOOTER, amb);
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
		put(f, row, col, s + tl[i].start, tl[i].end - tl[i].start,
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
		draw_help(a, f);
		return;
	case MODE_OVERVIEW:
		draw_overview(a, f);
		return;
	case MODE_SLIDE:
	case MODE_SEARCH:
		draw_slide(a, f);
		if (f->height > 1)
			draw_footer(a, f);
		return;
	}
}
