/* layout.c — slides as lines of styled spans at a given width. Pure: the
 * same deck, width and settings always give the same page, so the screen,
 * the text export and the tests agree. Knows nothing of curses or files. */
#include "lectern/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

#define GAP 3         /* columns between blocks side by side */
#define MIN_COLUMN 30 /* narrowest column for blocks side by side */

void layout_opts_default(struct layout_opts *o, int width)
{
	memset(o, 0, sizeof *o);
	o->width = width;
	o->margin = -1;
	o->side_by_side = 100;
	o->measure = LAYOUT_MEASURE;
	o->max_columns = LAYOUT_MAX_COLUMNS;
	o->ambiguous = 1;
	o->numbering = 0;
}

void deck_index_build(struct deck_index *ix, const struct deck *d)
{
	ix->section_first = xcalloc(d->nsections + 1, sizeof *ix->section_first);
	size_t i = 2; /* title page, contents page */
	for (size_t s = 0; s < d->nsections; s++) {
		ix->section_first[s] = i;
		i += (d->sections[s].no_cover ? 0 : 1) + d->sections[s].nslides;
	}
	ix->section_first[d->nsections] = i;
	ix->count = i;
}

void deck_index_free(struct deck_index *ix)
{
	free(ix->section_first);
	ix->section_first = NULL;
	ix->count = 0;
}

enum page_kind deck_index_locate(const struct deck_index *ix,
				 const struct deck *d, size_t i,
				 size_t *section, size_t *slide)
{
	*section = *slide = 0;
	if (i == 0)
		return PAGE_TITLE;
	if (i == 1 || d->nsections == 0)
		return PAGE_CONTENTS;
	size_t lo = 0, hi = d->nsections;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->section_first[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	*section = lo;
	bool cover = !d->sections[lo].no_cover;
	if (cover && i == ix->section_first[lo])
		return PAGE_COVER;
	*slide = i - ix->section_first[lo] - (cover ? 1 : 0);
	return PAGE_CONTENT;
}

/* ---- building a page ------------------------------------------------- */

static const char *page_string(struct page *pg, char *s)
{
	pg->strings = xgrow(pg->strings, &pg->strings_cap, pg->nstrings + 1,
			    sizeof *pg->strings);
	pg->strings[pg->nstrings++] = s;
	return s;
}

static void new_line(struct page *pg, int block, int point)
{
	pg->lines = xgrow(pg->lines, &pg->lines_cap, pg->nlines + 1,
			  sizeof *pg->lines);
	struct lline *l = &pg->lines[pg->nlines++];
	l->first = pg->nspans;
	l->count = 0;
	l->block = block;
	l->point = point;
}

static void add_span(struct page *pg, int col, int width, const char *text,
		     size_t len, enum lstyle style)
{
	pg->spans = xgrow(pg->spans, &pg->spans_cap, pg->nspans + 1,
			  sizeof *pg->spans);
	struct lspan *s = &pg->spans[pg->nspans++];
	s->col = col;
	s->width = width;
	s->text = text;
	s->len = len;
	s->style = style;
	s->block = pg->lines[pg->nlines - 1].block;
	s->point = pg->lines[pg->nlines - 1].point;
	pg->lines[pg->nlines - 1].count++;
}

/* The width left for text inside the margins, and the left margin in *m;
 * a screen narrower than its margins gets none, and a screen wider than
 * the measure gets the measure, centred. */
static int text_area(const struct layout_opts *o, int *m)
{
	*m = o->margin >= 0 ? o->margin : o->width >= 40 ? 2 : o->width >= 12;
	int w = o->width - 2 * *m;
	if (o->measure > 0 && w > o->measure) {
		*m += (w - o->measure) / 2;
		w = o->measure;
	}
	if (w < 1) {
		w = o->width;
		*m = 0;
	}
	return w;
}

/* Puts sp first on line `line` (a point's number before its text). */
static void prepend_span(struct page *pg, size_t line, struct lspan sp)
{
	struct lline *l = &pg->lines[line];
	pg->spans = xgrow(pg->spans, &pg->spans_cap, pg->nspans + 1,
			  sizeof *pg->spans);
	memmove(&pg->spans[l->first + 1], &pg->spans[l->first],
		(pg->nspans - l->first) * sizeof *pg->spans);
	pg->nspans++;
	sp.block = l->block;
	sp.point = l->point;
	pg->spans[l->first] = sp;
	l->count++;
	for (size_t k = line + 1; k < pg->nlines; k++)
		pg->lines[k].first++;
}

/* The style of text with run attributes attr over a base style. */
static enum lstyle run_style(uint32_t attr, enum lstyle base)
{
	if (attr & RUN_CODE)
		return LS_CODE;
	if ((attr & RUN_STRONG) && (attr & RUN_EMPH))
		return LS_STRONG_EMPH;
	if (attr & RUN_STRONG)
		return LS_STRONG;
	if (attr & RUN_EMPH)
		return LS_EMPH;
	return base;
}

/* Adds s[a, b) at col as spans split where its runs change style. */
static void add_styled(struct page *pg, int col, const char *s, size_t a,
		       size_t b, const struct attr_runs *runs, size_t *k,
		       enum lstyle style, int ambiguous)
{
	while (a < b) {
		while (*k < runs->n && runs->v[*k].end <= a)
			(*k)++;
		size_t e = b;
		uint32_t attr = 0;
		if (*k < runs->n && runs->v[*k].start <= a) {
			attr = runs->v[*k].attr;
			if (runs->v[*k].end < e)
				e = runs->v[*k].end;
		} else if (*k < runs->n && runs->v[*k].start < e) {
			e = runs->v[*k].start;
		}
		int w = text_width(s + a, e - a, ambiguous);
		add_span(pg, col, w, s + a, e - a, run_style(attr, style));
		col += w;
		a = e;
	}
}

/* Wraps text into lines of `width` columns starting at column `col`; the
 * first line may start further in (after a point number). A '\n' in the
 * text breaks the line there; runs (or NULL) style parts of it. */
static void wrap_runs(struct page *pg, const char *s,
		      const struct attr_runs *runs, int col, int width,
		      enum lstyle style, int block, int point, int ambiguous,
		      bool centre, int area_col, int area_width)
{
	static const struct attr_runs none = { NULL, 0 };
	size_t n = strlen(s), from = 0, k = 0;
	if (!runs)
		runs = &none;
	for (;;) {
		const char *nl = memchr(s + from, '\n', n - from);
		size_t to = nl ? (size_t)(nl - s) : n;
		struct text_line *tl;
		size_t nt = text_wrap(s + from, to - from, width, ambiguous, &tl);
		for (size_t i = 0; i < nt; i++) {
			new_line(pg, block, point);
			int c = col;
			if (centre && tl[i].width < area_width)
				c = area_col + (area_width - tl[i].width) / 2;
			if (tl[i].end > tl[i].start && !runs->n)
				add_span(pg, c, tl[i].width, s + from + tl[i].start,
					 tl[i].end - tl[i].start, style);
			else if (tl[i].end > tl[i].start)
				add_styled(pg, c, s, from + tl[i].start,
					   from + tl[i].end, runs, &k, style,
					   ambiguous);
		}
		free(tl);
		if (!nl)
			break;
		from = to + 1;
	}
}

static void wrap_into(struct page *pg, const char *s, int col, int width,
		      enum lstyle style, int block, int point, int ambiguous,
		      bool centre, int area_col, int area_width)
{
	wrap_runs(pg, s, NULL, col, width, style, block, point, ambiguous,
		  centre, area_col, area_width);
}

#define CONTINUED "\xE2\x86\xA9" /* ↩, one column: the line goes on below */

/* A code block's lines at col, never reflowed: a line wider than width
 * is cut between characters, each piece but the last ending in ↩, so
 * that nothing passes the edge and nothing is lost. */
static void code_lines(struct page *pg, const char *s, int col, int width,
		       int block, int point, int ambiguous)
{
	size_t n = strlen(s), from = 0;
	bool marks = width >= 3; /* room for a wide character and the mark */
	for (;;) {
		const char *nl = memchr(s + from, '\n', n - from);
		size_t to = nl ? (size_t)(nl - s) : n;
		size_t a = from;
		do {
			new_line(pg, block, point);
			int used;
			size_t take = text_fit(s + a, to - a, width, ambiguous, &used);
			if (a + take == to) {
				if (to > a)
					add_span(pg, col, used, s + a, to - a,
						 LS_CODE_BLOCK);
				break;
			}
			if (marks)
				take = text_fit(s + a, to - a, width - 1, ambiguous,
						&used);
			if (!take) { /* a wide character in one column */
				uint32_t cp;
				take = (size_t)text_decode(s + a, to - a, &cp);
				used = text_width(s + a, take, ambiguous);
			}
			add_span(pg, col, used, s + a, take, LS_CODE_BLOCK);
			if (marks)
				add_span(pg, col + used, 1, CONTINUED,
					 strlen(CONTINUED), LS_DIM);
			a += take;
		} while (a < to);
		if (!nl)
			break;
		from = to + 1;
	}
}

static void blank(struct page *pg)
{
	new_line(pg, -1, -1);
}

/* A point's mark ("3.", "3)" or a bullet) into buf; its width, 0 for
 * points that have none (paragraphs, code). */
static int point_mark(char *buf, size_t size, const struct deck *d,
		      const struct point *p, size_t index, int numbering)
{
	buf[0] = '\0';
	if (p->kind == POINT_PARAGRAPH || p->kind == POINT_CODE)
		return 0;
	if (numbering == 2 || p->kind == POINT_BULLET) {
		snprintf(buf, size, "-");
		return 1;
	}
	uint32_t number = point_number(d, p);
	size_t n = number ? number : index + 1;
	return snprintf(buf, size, numbering == 1 ? "%zu)" : "%zu.", n);
}

/* Lays out one block into box at columns [0, width). */
static void layout_block(struct page *box, struct page *pg,
			 const struct deck *d, const struct block *b, int bi,
			 int width, const struct layout_opts *o)
{
	const char *title = block_title(d, b);
	if (title[0])
		wrap_runs(box, title, block_title_runs(d, b), 0, width,
			  LS_BLOCK_TITLE, bi, -1, o->ambiguous, false, 0, width);
	/* marks right-aligned to the widest, text hanging after them */
	size_t np = block_npoints(d, b);
	int nw = 0;
	for (size_t i = 0; i < np; i++) {
		char mark[24];
		int w = point_mark(mark, sizeof mark, d, block_point(d, b, i), i,
				   o->numbering);
		if (w > nw)
			nw = w;
	}
	int indent = width >= 12 ? 2 : 0;
	int text_col = indent + nw + 1;
	if (text_col > width / 2)
		text_col = indent = 0;
	for (size_t i = 0; i < np; i++) {
		const struct point *p = block_point(d, b, i);
		/* a blank line around paragraphs and code, and between lists */
		if (i > 0 && (p->kind != block_point(d, b, i - 1)->kind ||
			      p->kind == POINT_PARAGRAPH || p->kind == POINT_CODE))
			new_line(box, -1, -1);
		if (p->kind == POINT_CODE) {
			/* set in from the text, as far as the width allows */
			int ci = width - indent >= 24 ? indent + 2 : indent;
			code_lines(box, point_text(d, p), ci, width - ci, bi, (int)i,
				   o->ambiguous);
			continue;
		}
		if (p->kind == POINT_PARAGRAPH) {
			wrap_runs(box, point_text(d, p), point_runs(d, p), indent,
				  width - indent, LS_TEXT, bi, (int)i, o->ambiguous,
				  false, 0, width);
			continue;
		}
		char num[24];
		int len = point_mark(num, sizeof num, d, p, i, o->numbering);
		const char *s = page_string(pg, xstrdup(num));
		size_t first = box->nlines;
		int tw = width - text_col;
		if (tw < 1) {
			tw = width;
		}
		if (text_col == 0) {
			/* too narrow for a hanging indent: number on its
			 * own line, wrapped too ("11." is wider than a line
			 * of 2 columns) */
			wrap_into(box, s, 0, width, LS_NUMBER, bi, (int)i,
				  o->ambiguous, false, 0, width);
			wrap_runs(box, point_text(d, p), point_runs(d, p), 0, width,
				  LS_TEXT, bi, (int)i, o->ambiguous, false, 0, width);
			continue;
		}
		wrap_runs(box, point_text(d, p), point_runs(d, p), text_col, tw,
			  LS_TEXT, bi, (int)i, o->ambiguous, false, 0, width);
		/* the number goes before the first line's text */
		prepend_span(box, first, (struct lspan){ indent + (nw - len), len,
			     s, (size_t)len, LS_NUMBER, -1, -1 });
	}
}

static void box_free(struct page *box)
{
	free(box->spans);
	free(box->lines);
}

/* Appends box's lines to pg shifted right by col; rows of boxes side by
 * side are merged: line r of the row holds line r of each box. */
static void merge_row(struct page *pg, struct page *boxes, int *cols, size_t n)
{
	size_t rows = 0;
	for (size_t b = 0; b < n; b++)
		if (boxes[b].nlines > rows)
			rows = boxes[b].nlines;
	for (size_t r = 0; r < rows; r++) {
		int block = -1, point = -1;
		for (size_t b = 0; b < n && block < 0; b++)
			if (r < boxes[b].nlines) {
				block = boxes[b].lines[r].block;
				point = boxes[b].lines[r].point;
			}
		new_line(pg, n == 1 ? block : -1, n == 1 ? point : -1);
		for (size_t b = 0; b < n; b++) {
			if (r >= boxes[b].nlines)
				continue;
			const struct lline *l = &boxes[b].lines[r];
			for (size_t s = 0; s < l->count; s++) {
				const struct lspan *sp = &boxes[b].spans[l->first + s];
				add_span(pg, sp->col + cols[b], sp->width, sp->text,
					 sp->len, sp->style);
				pg->spans[pg->nspans - 1].block = sp->block;
				pg->spans[pg->nspans - 1].point = sp->point;
			}
		}
	}
}

static void layout_content(struct page *pg, const struct deck *d,
			   const struct section *sec, const struct slide *sl,
			   const struct layout_opts *o)
{
	int m, w = text_area(o, &m);
	wrap_runs(pg, slide_header(d, sl), slide_header_runs(d, sl), m, w,
		  LS_HEADER, -1, -1, o->ambiguous, false, m, w);
	/* the rule under the header */
	{
		struct strbuf sb = STRBUF_INIT;
		int rw = w;
		if (o->ambiguous == 2)
			rw = w / 2; /* ─ is ambiguous: 2 columns each */
		sb_repeat(&sb, "\xE2\x94\x80", rw);
		const char *r = page_string(pg, sb_take(&sb));
		new_line(pg, -1, -1);
		add_span(pg, m, o->ambiguous == 2 ? rw * 2 : rw, r, strlen(r),
			 LS_RULE);
	}
	(void)sec;
	size_t nb = slide_nblocks(d, sl);
	int ncols = 1;
	if (o->width >= o->side_by_side && nb > 1) {
		ncols = (w + GAP) / (MIN_COLUMN + GAP);
		if (ncols > (int)nb)
			ncols = (int)nb;
		if (ncols > o->max_columns)
			ncols = o->max_columns;
		if (ncols > LAYOUT_MAX_COLUMNS)
			ncols = LAYOUT_MAX_COLUMNS;
		if (ncols < 1)
			ncols = 1;
	}
	int colw = (w - GAP * (ncols - 1)) / ncols;
	for (size_t b0 = 0; b0 < nb; b0 += (size_t)ncols) {
		size_t n = nb - b0 < (size_t)ncols ? nb - b0 : (size_t)ncols;
		struct page boxes[LAYOUT_MAX_COLUMNS];
		int cols[LAYOUT_MAX_COLUMNS];
		memset(boxes, 0, sizeof boxes);
		for (size_t k = 0; k < n; k++) {
			layout_block(&boxes[k], pg, d, slide_block(d, sl, b0 + k),
				     (int)(b0 + k), ncols == 1 ? w : colw, o);
			cols[k] = m + (int)k * (colw + GAP);
		}
		blank(pg);
		merge_row(pg, boxes, cols, n);
		for (size_t k = 0; k < n; k++)
			box_free(&boxes[k]);
	}
}

static void layout_title(struct page *pg, const struct deck *d,
			 const struct layout_opts *o)
{
	int m, w = text_area(o, &m);
	pg->centre = true;
	wrap_into(pg, d->title, m, w, LS_DECK_TITLE, -1, -1, o->ambiguous, true,
		  m, w);
}

static void layout_contents(struct page *pg, const struct deck *d,
			    const struct layout_opts *o)
{
	int m, w = text_area(o, &m);
	const char *head = layout_contents_heading(d);
	wrap_into(pg, head, m, w, LS_HEADER, -1, -1, o->ambiguous, false, m, w);
	struct strbuf sb = STRBUF_INIT;
	sb_repeat(&sb, "\xE2\x94\x80", o->ambiguous == 2 ? w / 2 : w);
	const char *r = page_string(pg, sb_take(&sb));
	new_line(pg, -1, -1);
	add_span(pg, m, o->ambiguous == 2 ? (w / 2) * 2 : w, r, strlen(r), LS_RULE);
	blank(pg);
	char last[24];
	int nw = snprintf(last, sizeof last, "%zu", d->ntoc);
	for (size_t i = 0; i < d->ntoc; i++) {
		char num[24];
		int len = snprintf(num, sizeof num, "%zu", i + 1);
		const char *s = page_string(pg, xstrdup(num));
		/* an entry with no section is only dimmed: --check says
		 * why, and a handout should not */
		bool present = d->toc[i].present;
		int tc = nw + 2;
		const char *title = d->toc[i].title;
		enum lstyle st = present ? LS_SECTION : LS_DIM;
		if (tc * 3 > w) {
			/* too narrow to hang the titles: number on its own,
			 * wrapped too when it is wider than the line */
			wrap_into(pg, s, m, w, present ? LS_LABEL : LS_DIM, -1,
				  (int)i, o->ambiguous, false, m, w);
			wrap_into(pg, title, m, w, st, -1, (int)i, o->ambiguous,
				  false, m, w);
			continue;
		}
		size_t first = pg->nlines;
		wrap_into(pg, title, m + tc, w - tc, st, -1, (int)i, o->ambiguous,
			  false, m, w);
		prepend_span(pg, first, (struct lspan){ m + (nw - len), len, s,
			     (size_t)len, present ? LS_LABEL : LS_DIM, -1, -1 });
	}
	if (d->ntoc == 0) {
		for (size_t i = 0; i < d->nsections; i++)
			if (!d->sections[i].no_cover)
				wrap_runs(pg, d->sections[i].title,
					  &d->sections[i].title_runs, m, w,
					  LS_SECTION, -1, (int)i, o->ambiguous,
					  false, m, w);
	}
}

static void layout_cover(struct page *pg, const struct deck *d, size_t s,
			 const struct layout_opts *o)
{
	int m, w = text_area(o, &m);
	pg->centre = true;
	const struct section *sec = &d->sections[s];
	char num[32];
	layout_cover_number(d, s, num, sizeof num);
	const char *ns = page_string(pg, xstrdup(num));
	wrap_into(pg, ns, m, w, LS_LABEL, -1, -1, o->ambiguous, true, m, w);
	blank(pg);
	wrap_runs(pg, sec->title, &sec->title_runs, m, w, LS_SECTION, -1, -1,
		  o->ambiguous, true, m, w);
}

const char *layout_contents_heading(const struct deck *d)
{
	/* "Contents Page / 目录页", as the deck's head has it */
	return d->contents_label ? d->contents_label : "Contents";
}

void layout_cover_number(const struct deck *d, size_t s, char *buf,
			 size_t size)
{
	const struct section *sec = &d->sections[s];
	/* its place in the contents, which is how the talk numbers it */
	snprintf(buf, size, "%02zu",
		 sec->toc_index != NO_INDEX ? sec->toc_index + 1 : s + 1);
}

struct page *layout_slide(const struct deck *d, const struct deck_index *ix,
			  size_t i, const struct layout_opts *o)
{
	struct page *pg = xcalloc(1, sizeof *pg);
	size_t s, sl;
	pg->kind = deck_index_locate(ix, d, i, &s, &sl);
	pg->section = s;
	pg->slide = sl;
	switch (pg->kind) {
	case PAGE_TITLE:
		layout_title(pg, d, o);
		break;
	case PAGE_CONTENTS:
		layout_contents(pg, d, o);
		break;
	case PAGE_COVER:
		layout_cover(pg, d, s, o);
		break;
	case PAGE_CONTENT:
		layout_content(pg, d, &d->sections[s],
			       section_slide(d, &d->sections[s], sl), o);
		break;
	}
	return pg;
}

/* ---- speaker notes -------------------------------------------------- */

static void notes_into(struct page *pg, const struct notes *ns, uint32_t upto,
		       const struct layout_opts *o)
{
	int m, w = text_area(o, &m);
	bool any = false;
	for (size_t i = 0; i < ns->n; i++) {
		const struct note *nt = &ns->v[i];
		if (nt->step > upto)
			continue;
		if (!any) {
			/* "Notes ────": what follows is not on the slide */
			struct strbuf sb = STRBUF_INIT;
			int lw = text_width("Notes ", 6, o->ambiguous);
			int rw = w - lw, cw = o->ambiguous == 2 ? 2 : 1;
			sb_repeat(&sb, "\xE2\x94\x80", rw > 0 ? rw / cw : 0);
			const char *r = page_string(pg, sb_take(&sb));
			new_line(pg, -1, -1);
			add_span(pg, m, lw < w ? lw : w, "Notes ", lw < w ? 6 :
				 (size_t)w, LS_LABEL);
			if (rw >= cw)
				add_span(pg, m + lw, (rw / cw) * cw, r, strlen(r),
					 LS_RULE);
		} else {
			blank(pg);
		}
		any = true;
		if (nt->step) {
			char label[48];
			snprintf(label, sizeof label, "after pause %u:",
				 (unsigned)nt->step);
			wrap_into(pg, page_string(pg, xstrdup(label)), m, w, LS_DIM,
				  -1, -1, o->ambiguous, false, m, w);
		}
		wrap_into(pg, nt->text, m, w, LS_TEXT, -1, -1, o->ambiguous,
			  false, m, w);
	}
}

struct page *layout_notes(const struct deck *d, const struct deck_index *ix,
			  size_t i, uint32_t upto, const struct layout_opts *o)
{
	struct page *pg = xcalloc(1, sizeof *pg);
	size_t s, sl;
	pg->kind = deck_index_locate(ix, d, i, &s, &sl);
	pg->section = s;
	pg->slide = sl;
	switch (pg->kind) {
	case PAGE_TITLE:
		notes_into(pg, &d->notes, upto, o);
		break;
	case PAGE_CONTENTS:
		break;
	case PAGE_COVER:
		notes_into(pg, &d->sections[s].notes, upto, o);
		break;
	case PAGE_CONTENT:
		notes_into(pg, slide_notes(d, section_slide(d, &d->sections[s], sl)),
			   upto, o);
		break;
	}
	return pg;
}

void page_free(struct page *pg)
{
	if (!pg)
		return;
	for (size_t i = 0; i < pg->nstrings; i++)
		free(pg->strings[i]);
	free(pg->strings);
	free(pg->spans);
	free(pg->lines);
	free(pg);
}

int page_width(const struct page *pg)
{
	int w = 0;
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct lline *l = &pg->lines[i];
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *s = &pg->spans[l->first + k];
			if (s->col + s->width > w)
				w = s->col + s->width;
		}
	}
	return w;
}
