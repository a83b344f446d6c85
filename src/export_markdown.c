/* export_markdown.c — the deck as a Markdown deck that markdown.c reads
 * back to the same deck, and that other tools (pandoc, patat, presenterm)
 * read as slides: YAML front matter (title, contents), "# " sections,
 * "---" between slides, "## " headers, "### " block titles, points as
 * lists, paragraphs and fenced code, <!-- pause --> between reveal steps,
 * notes as presenterm's <!-- speaker_note: --> comments, and a title the
 * outline importer found after its slide's points as a comment under it. Text that would
 * read as Markdown is escaped. The output is canonical: exporting what it
 * reads back gives the same bytes. It records where it wrote each element,
 * so that the deck's warnings (the importer's guesses) can be told at
 * their line in the Markdown. Writes into buffers; no files. */
#include "lectern/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/text.h"

struct pos {
	uint32_t line, col; /* 1-based; 0: not written */
};

struct writer {
	struct strbuf *out;
	size_t line;       /* the line being written, 1-based */
	size_t line_start; /* where it starts in out */
	bool blank;        /* a blank line must come before the next element */
	bool started;      /* the body has its first section or slide */
	bool no_notes;     /* for an audience: the notes left out */
	int list;          /* the list the last element continues: 0 none */
	uint32_t last_number;
	/* where each element went (indexed as the deck walks them) */
	struct pos title, *toc;
	struct pos *secs, *slides, *blocks, *points;
	size_t nslides, nblocks, npoints;
};

enum { LIST_NONE, LIST_NUMBERED, LIST_BULLET };

/* ---- bytes and places ------------------------------------------------ */

static void put(struct writer *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n') {
			w->line++;
			w->line_start = w->out->len + i + 1;
		}
	sb_put(w->out, s, n);
}

static void puts_(struct writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* Where the next byte goes: its line, and its column in characters, as
 * --check counts them. */
static struct pos here(const struct writer *w)
{
	uint32_t col = 1;
	for (size_t i = w->line_start; i < w->out->len; i++)
		col += ((unsigned char)w->out->data[i] & 0xC0) != 0x80;
	return (struct pos){ (uint32_t)w->line, col };
}

/* Starts a block-level element: one blank line after the one before. */
static void element(struct writer *w)
{
	if (w->blank)
		puts_(w, "\n");
	w->blank = true;
	w->list = LIST_NONE;
}

/* ---- escaping -------------------------------------------------------- */

/* Characters that are Markdown syntax wherever they stand, escaped with a
 * backslash (which CommonMark and patat's Pandoc reader both undo). */
static bool special(char c)
{
	return strchr("\\`*_[]#~", c) != NULL;
}

/* Characters that are syntax at the start of a line; those two readers
 * take a backslash before - + > ( but not before = or :, which become
 * character references. */
static bool special_at_start(char c)
{
	return strchr("-+>(", c) != NULL;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The length of what CommonMark could read as a character reference at
 * s ("&amp;", "&#32;", "&#x41;"), or 0. */
static size_t entity_len(const char *s, size_t n)
{
	size_t i = 1;
	if (i < n && s[i] == '#') {
		i++;
		if (i < n && (s[i] == 'x' || s[i] == 'X'))
			i++;
	}
	size_t start = i;
	while (i < n && i - start < 32 && is_alnum(s[i]))
		i++;
	return i > start && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Whether "<" at s could start raw HTML or an autolink. */
static bool tag_like(const char *s, size_t n)
{
	return n > 1 && (is_alnum(s[1]) || strchr("/!?", s[1]));
}

static bool is_roman(char c)
{
	return strchr("ivxlcdmIVXLCDM", c) != NULL;
}

/* At a line's start, the length of what would read as an ordered list
 * marker before its "." or ")" (1.  12)  a.  iv.), or 0. */
static size_t marker_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0) {
		if (n && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
			i = 1;
		while (i < n && i < 8 && is_roman(s[i]) && is_roman(s[0]))
			i++;
	}
	if (!i || i >= n || (s[i] != '.' && s[i] != ')'))
		return 0;
	if (i + 1 < n && s[i + 1] != ' ')
		return s[0] >= '0' && s[0] <= '9' ? i : 0;
	return i;
}

struct textctx {
	int indent;   /* columns of a continuation line (after a '\n') */
	bool heading; /* braces too: pandoc reads {…} as attributes */
};

/* Plain text s[0..n) (no '\n' in it), escaped. at_start: it begins a
 * line; edge_start, edge_end: a space there would be lost (at the line's
 * ends, beside an emphasis delimiter) and is written as a character
 * reference. */
static void put_plain(struct writer *w, const char *s, size_t n, bool at_start,
		      bool edge_start, bool edge_end, const struct textctx *cx)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool first = at_start && i == 0;
		if (c == ' ' && (first || (edge_start && i == 0) ||
				 (edge_end && i + 1 == n))) {
			puts_(w, "&#32;"); /* an edge space CommonMark would drop */
			continue;
		}
		if (first && marker_len(s, n)) {
			size_t k = marker_len(s, n);
			put(w, s, k);
			puts_(w, "\\");
			put(w, s + k, 1);
			i = k;
			continue;
		}
		if (c == '&' && entity_len(s + i, n - i)) {
			puts_(w, "&amp;");
			continue;
		}
		if (c == '<' && tag_like(s + i, n - i)) {
			puts_(w, "&lt;");
			continue;
		}
		if (first && (c == '=' || c == ':')) {
			puts_(w, c == '=' ? "&#61;" : "&#58;");
			continue;
		}
		if (special(c) || (first && special_at_start(c)) ||
		    (cx->heading && (c == '{' || c == '}')))
			puts_(w, "\\");
		put(w, &c, 1);
	}
}

/* A code span: backticks one more than the longest run inside. */
static void put_code(struct writer *w, const char *s, size_t n)
{
	size_t run = 0, longest = 0;
	bool all_space = true;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
		all_space &= s[i] == ' ';
	}
	bool pad = n && (s[0] == '`' || s[n - 1] == '`' ||
			 (s[0] == ' ' && s[n - 1] == ' ' && !all_space));
	for (size_t i = 0; i <= longest; i++)
		puts_(w, "`");
	if (pad)
		puts_(w, " ");
	put(w, s, n);
	if (pad)
		puts_(w, " ");
	for (size_t i = 0; i <= longest; i++)
		puts_(w, "`");
}

/* ---- emphasis -------------------------------------------------------
 * CommonMark opens emphasis at a "*" run only when it is left-flanking
 * (not followed by whitespace, and not followed by punctuation unless
 * preceded by whitespace or punctuation), and closes it only when it is
 * right-flanking (the mirror image). Text can need emphasis where neither
 * holds ("x" then an emphasised "(y)"): there an empty comment <!-- -->,
 * which lectern keeps as nothing and which reads as punctuation, goes
 * beside the run; an edge space inside the emphasis is written &#32;. A
 * run that closes and one that opens at the same place are kept apart by
 * such a comment too, so that they do not merge into one run. */

enum cls { CL_EDGE, CL_SPACE, CL_PUNCT, CL_OTHER };

static enum cls cls_of(uint32_t cp)
{
	if (text_is_separator_space(cp))
		return CL_SPACE;
	return text_is_punctuation(cp) ? CL_PUNCT : CL_OTHER;
}

/* The class of the last character on the line being written. */
static enum cls before(const struct writer *w)
{
	size_t n = w->out->len;
	if (n == w->line_start)
		return CL_EDGE;
	size_t i = n - 1;
	while (i > w->line_start && ((unsigned char)w->out->data[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	text_decode(w->out->data + i, n - i, &cp);
	return cls_of(cp);
}

/* An open delimiter: what it opened, and with which character. */
struct open_delim {
	uint32_t attr; /* RUN_STRONG or RUN_EMPH */
	char ch;       /* '*' or '_' */
};

/* Opens the delimiters of `want` not open yet on the stack, strong before
 * emphasis, pushing each, written with ch; writes them to w unless w is
 * NULL (planning). Returns how many were opened. */
static int open_missing(struct open_delim *stack, int *depth, uint32_t want,
			char ch, struct writer *w)
{
	static const uint32_t order[] = { RUN_STRONG, RUN_EMPH };
	int opened = 0;
	for (size_t o = 0; o < 2; o++) {
		bool on = false;
		for (int d = 0; d < *depth; d++)
			on |= stack[d].attr == order[o];
		if ((want & order[o]) && !on) {
			stack[(*depth)++] = (struct open_delim){ order[o], ch };
			opened++;
			if (w) {
				char two[3] = { ch, ch, '\0' };
				puts_(w, order[o] == RUN_STRONG ? two : two + 1);
			}
		}
	}
	return opened;
}

struct seg {
	size_t a, e;   /* bytes of the text */
	uint32_t attr; /* its runs' attributes; a '\n' segment has none */
	bool nl;
	int close, open; /* delimiters closed and opened before it */
};

/* The class of the first character put_plain or put_code writes for s. */
static enum cls first_out(const char *s, const struct seg *g, bool edge,
			  bool at_start)
{
	if (g->attr & RUN_CODE)
		return CL_PUNCT;
	char c = s[g->a];
	if ((c == ' ' && edge) || special(c) || c == '&' || c == '<' ||
	    (at_start && (special_at_start(c) || c == '=' || c == ':')))
		return CL_PUNCT;
	uint32_t cp;
	text_decode(s + g->a, g->e - g->a, &cp);
	return cls_of(cp);
}

/* Text with its runs, escaped; '\n' becomes a hard line break and the
 * next line is indented by cx->indent. */
static void put_text(struct writer *w, const char *s,
		     const struct attr_runs *runs, const struct textctx *cx,
		     bool at_start)
{
	size_t n = strlen(s), k = 0;
	struct seg *g = NULL;
	size_t ng = 0, cap = 0;
	for (size_t i = 0; i < n;) {
		g = xgrow(g, &cap, ng + 2, sizeof *g);
		if (s[i] == '\n') {
			g[ng++] = (struct seg){ i, i + 1, 0, true, 0, 0 };
			i++;
			continue;
		}
		while (k < runs->n && runs->v[k].end <= i)
			k++;
		uint32_t attr = 0;
		size_t e = n;
		if (k < runs->n && runs->v[k].start <= i) {
			attr = runs->v[k].attr;
			e = runs->v[k].end;
		} else if (k < runs->n) {
			e = runs->v[k].start;
		}
		const char *nl = memchr(s + i, '\n', e - i);
		if (nl)
			e = (size_t)(nl - s);
		g[ng++] = (struct seg){ i, e, attr, false, 0, 0 };
		i = e;
	}
	g = xgrow(g, &cap, ng + 1, sizeof *g);
	g[ng] = (struct seg){ n, n, 0, false, 0, 0 };
	/* where delimiters close and open: a stack, in the order opened */
	struct open_delim stack[2];
	int depth = 0;
	for (size_t i = 0; i <= ng; i++) {
		uint32_t want = i < ng ? g[i].attr & (RUN_STRONG | RUN_EMPH) : 0;
		int keep = 0;
		while (keep < depth && (want & stack[keep].attr))
			keep++;
		g[i].close = depth - keep;
		depth = keep;
		g[i].open = open_missing(stack, &depth, want, '*', NULL);
	}
	/* writing, with the stack again */
	depth = 0;
	for (size_t i = 0; i <= ng; i++) {
		bool edge_open = g[i].open > 0;
		if (g[i].close) {
			enum cls f = g[i].open ? CL_PUNCT : i == ng ? CL_EDGE :
				     g[i].nl ? CL_PUNCT :
				     first_out(s, &g[i], false, false);
			enum cls l = before(w);
			bool underscore = false;
			for (int c = 0; c < g[i].close; c++) {
				depth--;
				char two[3] = { stack[depth].ch, stack[depth].ch, '\0' };
				puts_(w, stack[depth].attr == RUN_STRONG ? two : two + 1);
				underscore |= stack[depth].ch == '_';
			}
			/* an "_" run closes only when it is not left-flanking
			 * or punctuation follows it */
			if (g[i].open || (l == CL_PUNCT && f == CL_OTHER) ||
			    (underscore && f == CL_OTHER))
				puts_(w, "<!-- -->");
		}
		if (i == ng)
			break;
		if (g[i].nl) {
			puts_(w, "\\\n");
			for (int c = 0; c < cx->indent; c++)
				puts_(w, " ");
			at_start = true;
			continue;
		}
		if (g[i].open) {
			enum cls p = before(w);
			enum cls nx = first_out(s, &g[i], true, at_start && !depth);
			/* After a letter, a "*" run is left-flanking only
			 * before one; and between two letters it is
			 * right-flanking too: with a run open before it, it
			 * could close that one rather than open. The comment
			 * makes it follow punctuation. */
			if (p == CL_OTHER && (nx != CL_OTHER || depth > 0)) {
				puts_(w, "<!-- -->");
				p = CL_PUNCT;
			}
			/* A "*" run between two punctuation marks is
			 * right-flanking too: with a "*" run open before it, it
			 * could close that one rather than open. An "_" run
			 * there opens (after punctuation it may) and pairs only
			 * with "_". */
			bool right = p == CL_PUNCT &&
				     (nx == CL_PUNCT || nx == CL_SPACE || nx == CL_EDGE);
			open_missing(stack, &depth,
				     g[i].attr & (RUN_STRONG | RUN_EMPH),
				     right && depth > 0 ? '_' : '*', w);
		}
		bool edge_close = i + 1 <= ng && g[i + 1].close > 0;
		bool line_ends = i + 1 == ng || g[i + 1].nl;
		if (g[i].attr & RUN_CODE)
			put_code(w, s + g[i].a, g[i].e - g[i].a);
		else
			put_plain(w, s + g[i].a, g[i].e - g[i].a,
				  at_start && !depth, edge_open, edge_close ||
				  (line_ends && !depth), cx);
		at_start = false;
	}
	free(g);
}

/* A YAML double-quoted string. */
static void put_yaml(struct writer *w, const char *s)
{
	puts_(w, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char e[2] = { '\\', (char)*p };
			put(w, e, 2);
		} else if (*p < 0x20 || *p == 0x7F) {
			char e[8];
			snprintf(e, sizeof e, "\\x%02X", *p);
			puts_(w, e);
		} else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
			puts_(w, "\\uFEFF"); /* libyaml takes no raw BOM */
			p += 2;
		} else {
			put(w, (const char *)p, 1);
		}
	}
	puts_(w, "\"");
}

/* ---- notes and steps ------------------------------------------------- */

static bool is_closer_line(const char *s, size_t n)
{
	size_t i = 0, c = 0;
	while (i < n && i < 3 && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n && s[i] == ':') {
		i++;
		c++;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return c >= 3 && i == n;
}

static void put_note(struct writer *w, const char *t)
{
	if (w->no_notes)
		return;
	element(w);
	size_t n = strlen(t);
	bool one_line = n && !strchr(t, '\n') && t[0] != ' ' && t[n - 1] != ' ';
	if (!strstr(t, "-->")) {
		if (one_line) {
			puts_(w, "<!-- speaker_note: ");
			puts_(w, t);
			puts_(w, " -->\n");
			return;
		}
		/* presenterm's multi-line form: a YAML block scalar */
		puts_(w, t[0] == ' ' ? "<!-- speaker_note: |2\n" :
				       "<!-- speaker_note: |\n");
		for (const char *l = t;;) {
			const char *e = strchr(l, '\n');
			size_t len = e ? (size_t)(e - l) : strlen(l);
			if (len)
				puts_(w, "  ");
			put(w, l, len);
			puts_(w, "\n");
			if (!e)
				break;
			l = e + 1;
		}
		puts_(w, "-->\n");
		return;
	}
	/* "-->" cannot stand in a comment: pandoc's notes div, its opening
	 * line kept apart (a "---" under it would make it a heading) */
	puts_(w, "::: notes\n\n");
	for (const char *l = t;;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		if (is_closer_line(l, len))
			puts_(w, "\\"); /* shown, but no longer read as the end */
		put(w, l, len);
		puts_(w, "\n");
		if (!e)
			break;
		l = e + 1;
	}
	puts_(w, "\n:::\n");
}

/* Notes of steps up to `upto` not written yet. */
static void put_notes_upto(struct writer *w, const struct notes *ns,
			   size_t *next, uint32_t upto)
{
	while (*next < ns->n && ns->v[*next].step <= upto)
		put_note(w, ns->v[(*next)++].text);
}

struct steps {
	const struct notes *notes;
	size_t next_note;
	uint32_t step;
};

/* Before content shown from step s: the notes of the steps before, and
 * a pause for each step up to s. */
static void reach_step(struct writer *w, struct steps *st, uint32_t s)
{
	while (st->step < s) {
		put_notes_upto(w, st->notes, &st->next_note, st->step);
		element(w);
		puts_(w, "<!-- pause -->\n");
		st->step++;
	}
}

/* ---- the deck -------------------------------------------------------- */

static void separator(struct writer *w)
{
	if (w->started) {
		element(w);
		puts_(w, "---\n");
	}
	w->started = true;
}

static void put_point(struct writer *w, const struct deck *d,
		      const struct point *p, size_t index)
{
	struct textctx cx = { 0, false };
	const char *text = point_text(d, p);
	char mark[24];
	switch (p->kind) {
	case POINT_NUMBERED: {
		uint32_t num = point_number(d, p);
		if (!num)
			num = (uint32_t)index + 1;
		if (w->list == LIST_NUMBERED && num == w->last_number + 1) {
			/* the same list goes on */
		} else {
			if (w->list == LIST_NUMBERED) {
				/* numbers that do not follow: a new list */
				element(w);
				puts_(w, "<!-- -->\n");
			}
			element(w);
		}
		snprintf(mark, sizeof mark, "%u.", (unsigned)num);
		puts_(w, mark);
		cx.indent = (int)strlen(mark) + 1;
		w->list = LIST_NUMBERED;
		w->last_number = num;
		break;
	}
	case POINT_BULLET:
		if (w->list != LIST_BULLET)
			element(w);
		puts_(w, "-");
		cx.indent = 2;
		w->list = LIST_BULLET;
		break;
	case POINT_CODE: {
		element(w);
		const char *info = point_info(d, p);
		if (!info)
			info = "";
		char fc = strchr(info, '`') ? '~' : '`';
		size_t run = 0, longest = 2;
		for (const char *c = text; *c; c++) {
			run = *c == fc ? run + 1 : 0;
			if (run > longest)
				longest = run;
		}
		for (size_t i = 0; i <= longest; i++)
			put(w, &fc, 1);
		for (const char *c = info; *c; c++) {
			if (*c == '\\' || *c == '&')
				puts_(w, "\\");
			put(w, c, 1);
		}
		puts_(w, "\n");
		w->points[w->npoints++] = here(w);
		if (text[0]) {
			puts_(w, text);
			puts_(w, "\n");
		}
		for (size_t i = 0; i <= longest; i++)
			put(w, &fc, 1);
		puts_(w, "\n");
		return;
	}
	default:
		element(w);
		break;
	}
	if (p->kind != POINT_PARAGRAPH && text[0])
		puts_(w, " ");
	w->points[w->npoints++] = here(w);
	put_text(w, text, point_runs(d, p), &cx, true);
	puts_(w, "\n");
	if (p->kind != POINT_PARAGRAPH)
		w->blank = true;
}

/* Whether a slide writes nothing but its header. */
static bool slide_bare(const struct deck *d, const struct slide *sl)
{
	size_t nb = slide_nblocks(d, sl);
	if (nb > 1)
		return false;
	if (!nb)
		return true;
	const struct block *bl = slide_block(d, sl, 0);
	return !block_title(d, bl)[0] && !bl->title_after_points &&
	       !block_npoints(d, bl);
}

static void put_slide(struct writer *w, const struct deck *d,
		      const struct slide *sl)
{
	separator(w);
	struct steps st = { slide_notes(d, sl), 0, 0 };
	struct textctx head = { 0, true };
	const char *header = slide_header(d, sl);
	size_t nb = slide_nblocks(d, sl);
	w->slides[w->nslides++] = (struct pos){ 0, 0 };
	struct pos *sp = &w->slides[w->nslides - 1];
	/* a slide with no header opens with its first content; when that
	 * is after a pause, an empty "##" opens it instead */
	if (header[0] || slide_bare(d, sl) ||
	    (nb && slide_block(d, sl, 0)->step > 0)) {
		element(w);
		puts_(w, header[0] ? "## " : "##");
		*sp = here(w);
		put_text(w, header, slide_header_runs(d, sl), &head, true);
		puts_(w, "\n");
	}
	for (size_t b = 0; b < nb; b++) {
		const struct block *bl = slide_block(d, sl, b);
		const char *title = block_title(d, bl);
		size_t np = block_npoints(d, bl);
		reach_step(w, &st, bl->step);
		w->blocks[w->nblocks] = (struct pos){ 0, 0 };
		bool heading = b > 0 || title[0] || bl->title_after_points ||
			       (!np && nb > 1);
		if (heading) {
			element(w);
			puts_(w, title[0] ? "### " : "###");
			w->blocks[w->nblocks] = here(w);
			put_text(w, title, block_title_runs(d, bl), &head,
				 true);
			puts_(w, "\n");
			if (bl->title_after_points) {
				element(w);
				puts_(w, "<!-- title_placement: after_points_of_slide "
				      "-->\n");
			}
		}
		size_t first_point = w->npoints;
		for (size_t i = 0; i < np; i++) {
			const struct point *pt = block_point(d, bl, i);
			reach_step(w, &st, pt->step);
			put_point(w, d, pt, i);
		}
		if (!heading)
			w->blocks[w->nblocks] = np ? w->points[first_point] :
						     *sp;
		w->nblocks++;
		if (!sp->line)
			*sp = w->blocks[w->nblocks - 1];
	}
	reach_step(w, &st, slide_steps(sl) - 1);
	put_notes_upto(w, st.notes, &st.next_note, UINT32_MAX);
}

static void put_front(struct writer *w, const struct deck *d)
{
	puts_(w, "---\ntitle: ");
	w->title = here(w);
	put_yaml(w, d->title);
	puts_(w, "\n");
	if (d->contents_label) {
		puts_(w, "contents_label: ");
		put_yaml(w, d->contents_label);
		puts_(w, "\n");
	}
	if (d->ntoc) {
		puts_(w, "contents:\n");
		for (size_t i = 0; i < d->ntoc; i++) {
			puts_(w, "  - ");
			w->toc[i] = here(w);
			put_yaml(w, d->toc[i].title);
			puts_(w, "\n");
		}
	}
	if (d->truncated)
		puts_(w, "truncated: true\n");
	puts_(w, "---\n");
	w->blank = true;
	for (size_t i = 0; i < d->notes.n; i++)
		put_note(w, d->notes.v[i].text);
}

static void put_deck(struct writer *w, const struct deck *d)
{
	put_front(w, d);
	struct textctx head = { 0, true };
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		if (!sec->no_cover) {
			separator(w);
			element(w);
			puts_(w, sec->title[0] ? "# " : "#");
			w->secs[s] = here(w);
			put_text(w, sec->title, &sec->title_runs, &head, true);
			puts_(w, "\n");
			for (size_t i = 0; i < sec->notes.n; i++)
				put_note(w, sec->notes.v[i].text);
		}
		size_t first = w->nslides;
		for (size_t l = 0; l < sec->nslides; l++)
			put_slide(w, d, section_slide(d, sec, l));
		if (sec->no_cover)
			w->secs[s] = sec->nslides ? w->slides[first] : w->title;
	}
}

/* ---- warnings at their place ----------------------------------------- */

struct anchor {
	size_t off;     /* in the deck's source */
	struct pos at;  /* in the Markdown */
	bool title;     /* a header or title: it wins a tie with a point */
};

/* Takes cand over *best when it is later in the source, or as late and a
 * title where best is a point; the earlier of two points as late wins
 * (an empty point and the one after it start at the same place). */
static void consider(struct anchor *best, struct anchor cand, size_t off)
{
	if (cand.off > off || !cand.at.line)
		return;
	if (cand.off > best->off || (cand.off == best->off && cand.title &&
				      !best->title))
		*best = cand;
}

/* Where in the Markdown a warning about slide sl (number si; its first
 * block and point at global indices b0, p0) is: the element at its offset,
 * or the last one before it. A block's title starts where the block before
 * it ends (the outline's titles are glued to the points before them), a
 * title found after the points starts where the last block ends, and an
 * empty point is at its end. */
static struct pos locate_in_slide(const struct writer *w, const struct deck *d,
				  const struct slide *sl, size_t si, size_t b0,
				  size_t p0, size_t off)
{
	struct anchor best = { sl->src.start, w->slides[si], true };
	size_t p = p0, nb = slide_nblocks(d, sl);
	for (size_t b = 0; b < nb; b++) {
		const struct block *bl = slide_block(d, sl, b);
		size_t t = bl->src.start;
		if (b > 0) {
			const struct block *prev = slide_block(d, sl, b - 1);
			if (prev->src.end < t)
				t = prev->src.end;
		}
		consider(&best, (struct anchor){ t, w->blocks[b0 + b], true }, off);
		size_t np = block_npoints(d, bl);
		for (size_t i = 0; i < np; i++, p++) {
			const struct point *pt = block_point(d, bl, i);
			size_t o = point_text(d, pt)[0] ? pt->src.start :
							  pt->src.end;
			consider(&best, (struct anchor){ o, w->points[p], false },
				 off);
		}
	}
	for (size_t b = 0; b < nb; b++)
		if (slide_block(d, sl, b)->title_after_points) {
			consider(&best, (struct anchor){
				 slide_block(d, sl, nb - 1)->src.end,
				 w->blocks[b0 + b], true }, off);
			break;
		}
	return best.at.line ? best.at : w->slides[si];
}

static struct pos locate(const struct writer *w, const struct deck *d,
			 const struct warning *wn, const size_t *slide0,
			 const size_t *block0, const size_t *point0)
{
	if (wn->section == 0 || wn->section > d->nsections) {
		size_t k;
		if (sscanf(wn->message, "contents entry %zu ", &k) == 1 &&
		    k >= 1 && k <= d->ntoc)
			return w->toc[k - 1];
		return w->title;
	}
	size_t s = wn->section - 1;
	const struct section *sec = &d->sections[s];
	if (wn->slide == 0 || wn->slide > sec->nslides)
		return w->secs[s];
	size_t si = slide0[s] + wn->slide - 1;
	return locate_in_slide(w, d, section_slide(d, sec, wn->slide - 1), si,
			       block0[si], point0[si], wn->offset);
}

struct located {
	struct pos at;
	size_t seq;
	const struct warning *w;
};

static int cmp_located(const void *a, const void *b)
{
	const struct located *x = a, *y = b;
	if (x->at.line != y->at.line)
		return x->at.line < y->at.line ? -1 : 1;
	if (x->at.col != y->at.col)
		return x->at.col < y->at.col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void put_warnings(const struct writer *w, const struct deck *d,
			 const char *name, struct strbuf *diag)
{
	size_t nsl = deck_count_slides(d);
	size_t *slide0 = xcalloc(d->nsections + 1, sizeof *slide0);
	size_t *block0 = xcalloc(nsl + 1, sizeof *block0);
	size_t *point0 = xcalloc(nsl + 1, sizeof *point0);
	size_t si = 0, b = 0, p = 0;
	for (size_t s = 0; s < d->nsections; s++) {
		slide0[s] = si;
		const struct section *sec = &d->sections[s];
		for (size_t l = 0; l < sec->nslides; l++, si++) {
			const struct slide *sl = section_slide(d, sec, l);
			size_t nb = slide_nblocks(d, sl);
			block0[si] = b;
			point0[si] = p;
			b += nb;
			for (size_t k = 0; k < nb; k++)
				p += block_npoints(d, slide_block(d, sl, k));
		}
	}
	struct located *ls = xcalloc(d->nwarnings + 1, sizeof *ls);
	for (size_t i = 0; i < d->nwarnings; i++)
		ls[i] = (struct located){ locate(w, d, &d->warnings[i], slide0,
						 block0, point0), i, &d->warnings[i] };
	qsort(ls, d->nwarnings, sizeof *ls, cmp_located);
	for (size_t i = 0; i < d->nwarnings; i++)
		sb_printf(diag, "%s:%u:%u: warning: slide %zu: %s\n", name,
			  (unsigned)ls[i].at.line,
			  (unsigned)(ls[i].at.col ? ls[i].at.col : 1),
			  ls[i].w->number, ls[i].w->message);
	if (d->warnings_not_listed)
		sb_printf(diag, "%s: and %zu more warnings, not listed (lectern "
			  "lists the first %d)\n", name, d->warnings_not_listed,
			  DECK_MAX_WARNINGS);
	free(ls);
	free(slide0);
	free(block0);
	free(point0);
}

static void export(struct strbuf *out, const struct deck *d, const char *name,
		   struct strbuf *diag, bool no_notes)
{
	struct writer w = { 0 };
	w.out = out;
	w.line = 1;
	w.line_start = out->len;
	w.no_notes = no_notes;
	size_t nsl = deck_count_slides(d), nbl = deck_count_blocks(d);
	size_t npt = deck_count_points(d);
	w.toc = xcalloc(d->ntoc + 1, sizeof *w.toc);
	w.secs = xcalloc(d->nsections + 1, sizeof *w.secs);
	w.slides = xcalloc(nsl + 1, sizeof *w.slides);
	w.blocks = xcalloc(nbl + 1, sizeof *w.blocks);
	w.points = xcalloc(npt + 1, sizeof *w.points);
	put_deck(&w, d);
	if (diag)
		put_warnings(&w, d, name, diag);
	free(w.toc);
	free(w.secs);
	free(w.slides);
	free(w.blocks);
	free(w.points);
}

void export_markdown(struct strbuf *out, const struct deck *d,
		     const char *name, struct strbuf *diag)
{
	export(out, d, name, diag, false);
}

void export_markdown_public(struct strbuf *out, const struct deck *d)
{
	export(out, d, NULL, NULL, true);
}
