/* markdown.c — the importer for Markdown decks. The rules it follows:
 *  - CommonMark, as libcmark (the reference implementation) parses it:
 *    this file walks cmark's tree with cmark_iter and never parses
 *    Markdown itself; lines and columns come from cmark's nodes;
 *  - pandoc's slide structure: "# " a section (its cover), "## " a slide's
 *    header, "### " a block's title; a thematic break ("---") or
 *    presenterm's <!-- end_slide --> ends a slide, and content after it
 *    and before the next heading is a slide with no header;
 *  - list items (ordered and bullet), paragraphs and code blocks are a
 *    block's points; **strong**, *emphasis* and `code` are runs over the
 *    text; a code block is kept verbatim, tabs expanded to every 8th column;
 *  - <!-- pause --> (presenterm) starts the next reveal step;
 *  - speaker notes: <!-- speaker_note: … --> (presenterm: one line, or a
 *    YAML block scalar "|" over several) and pandoc's "::: notes" … ":::"
 *    fenced div; they belong to the slide, or the reveal step they follow;
 *    any other comment stays a comment;
 *  - the YAML front matter (frontmatter.c): title, contents;
 *  - <!-- title_placement: after_points_of_slide --> under a block's
 *    title: the outline importer's "found after the points", kept.
 * Anything else (tables, images, links, raw HTML, block quotes, nested
 * lists, deeper headings) is shown as plain text and warned about at its
 * line: nothing is dropped in silence. Builds a deck and nothing else. */
#include "lectern/markdown.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "lectern/frontmatter.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

#define TAB_STOP 8

enum owner { OWN_DECK, OWN_SECTION, OWN_SLIDE }; /* what notes go to */

struct list_ctx {
	uint8_t kind;  /* POINT_NUMBERED or POINT_BULLET */
	uint32_t next; /* the next item's number */
};

struct md {
	const struct source *src;
	struct deck *d;
	const char *t;   /* the Markdown, as cmark reads it */
	size_t n;
	size_t base;     /* where t starts in src->text */
	uint32_t *lines; /* where each line of t starts */
	size_t nlines;
	size_t line0;    /* lines of t before the text cmark is parsing */
	size_t resume;   /* parse again from this line (1-based), 0: no */
	enum owner owner;
	bool in_block;      /* points go to the current slide's last block */
	bool item_open;     /* the last point is a list item still taking text */
	bool pending_break; /* a slide ended; the next content opens one */
	uint32_t step;      /* the current reveal step of the slide */
	struct notes pending; /* notes after a slide's end, for what follows */
	struct list_ctx *lists;
	size_t nlists, lists_cap;
	size_t no_closer_from; /* no ":::" closes a notes div after this line */
	int nresumes;
};

/* ---- cmark's memory ---------------------------------------------------
 * cmark's nodes (which it callocs) come from an arena dropped whole once
 * the tree is walked: a 10,000-slide deck makes hundreds of thousands of
 * them, and freeing them one by one (with glibc's consolidation of its
 * free lists) took a fifth of the load. Its growing buffers (which it
 * reallocs) stay on the heap, freed as cmark frees them, so that the
 * arena holds no abandoned copies. Every block has a word before it that
 * says which it is. cmark_mem's functions take no context, so the arena is
 * this file's; lectern reads one deck at a time. */

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

static struct chunk *arena;

#define CHUNK_BYTES ((size_t)1 << 20)
#define HEAD ((size_t)16) /* malloc's alignment, and room for the word */
#define ALIGN_UP(n) (((n) + HEAD - 1) & ~(HEAD - 1))
enum { FROM_ARENA = 1, FROM_HEAP = 2 };

static void *arena_calloc(size_t nmemb, size_t size)
{
	if (size && nmemb > (SIZE_MAX / 4 - 2 * HEAD) / size)
		abort(); /* no such deck fits in memory */
	size_t need = ALIGN_UP(HEAD + nmemb * size);
	if (!arena || arena->cap - arena->used < need) {
		size_t cap = need > CHUNK_BYTES ? need : CHUNK_BYTES;
		struct chunk *c = xcalloc(1, sizeof *c + cap);
		c->cap = cap;
		c->next = arena;
		arena = c;
	}
	char *b = (char *)arena->data + arena->used;
	arena->used += need;
	*(size_t *)b = (nmemb * size) << 2 | FROM_ARENA; /* its size too */
	return b + HEAD;
}

static void *arena_realloc(void *p, size_t n)
{
	if (n > SIZE_MAX - HEAD)
		abort();
	char *b = p ? (char *)p - HEAD : NULL;
	if (b && (*(size_t *)b & 3) == FROM_ARENA) {
		/* a calloc'd block grown: it moves to the heap */
		size_t old = *(size_t *)b >> 2;
		char *h = xmalloc(HEAD + n);
		*(size_t *)h = FROM_HEAP;
		memcpy(h + HEAD, p, old < n ? old : n);
		return h + HEAD;
	}
	b = xrealloc(b, HEAD + n);
	*(size_t *)b = FROM_HEAP;
	return b + HEAD;
}

static void arena_free(void *p)
{
	if (p && *(size_t *)((char *)p - HEAD) == FROM_HEAP)
		free((char *)p - HEAD);
}

static void arena_drop(void)
{
	while (arena) {
		struct chunk *next = arena->next;
		free(arena);
		arena = next;
	}
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

/* ---- places ---------------------------------------------------------- */

static size_t line_end(const char *t, size_t n, size_t i)
{
	while (i < n && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

/* Line starts, breaking as CommonMark does: LF, CR LF or a lone CR.
 * Counted first, so that the index is allocated once at its size, in 32
 * bits (a deck is at most SOURCE_MAX_BYTES): 4 bytes a line, which is
 * much of a Markdown deck's cost once cmark's trees are read in pieces. */
static size_t next_line(const char *t, size_t n, size_t i)
{
	i = line_end(t, n, i);
	if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
		i++;
	return i < n ? i + 1 : n + 1;
}

static void index_lines(struct md *m)
{
	size_t count = 0;
	for (size_t i = 0; i <= m->n; i = next_line(m->t, m->n, i))
		count++;
	m->lines = xcalloc(count, sizeof *m->lines);
	for (size_t i = 0; i <= m->n; i = next_line(m->t, m->n, i))
		m->lines[m->nlines++] = (uint32_t)i;
}

/* A node's first and last lines in t (1-based; cmark's count from the
 * start of the text it parsed, line0 lines in). */
static size_t start_line(const struct md *m, cmark_node *nd)
{
	int l = cmark_node_get_start_line(nd);
	return (l > 0 ? (size_t)l : 1) + m->line0;
}

static size_t end_line(const struct md *m, cmark_node *nd)
{
	int l = cmark_node_get_end_line(nd);
	return (l > 0 ? (size_t)l : 1) + m->line0;
}

/* The position in src->text of (line, column) of t, both 1-based. */
static size_t pos_at(const struct md *m, size_t line, int col)
{
	if (line < 1)
		line = 1;
	if (line > m->nlines)
		return m->base + m->n;
	size_t s = m->lines[line - 1];
	size_t e = line < m->nlines ? m->lines[line] : m->n; /* O(1) */
	size_t p = s + (col > 1 ? (size_t)col - 1 : 0);
	return m->base + (p < e ? p : e);
}

static size_t node_pos(const struct md *m, cmark_node *nd)
{
	return pos_at(m, start_line(m, nd), cmark_node_get_start_column(nd));
}

/* A node's range in the file. cmark's end positions can be rough (a list
 * item before a blank line): the range never ends before it starts. */
static struct span node_span(const struct md *m, cmark_node *nd)
{
	size_t s = node_pos(m, nd);
	size_t e = pos_at(m, end_line(m, nd), cmark_node_get_end_column(nd) + 1);
	if (e < s)
		e = s;
	return (struct span){ source_offset(m->src, s), source_offset(m->src, e) };
}

/* Line l (1-based) of t, without its break. */
static const char *line_text(const struct md *m, size_t l, size_t *len)
{
	size_t s = m->lines[l - 1];
	size_t e = l < m->nlines ? m->lines[l] : m->n;
	while (e > s && (m->t[e - 1] == '\n' || m->t[e - 1] == '\r'))
		e--;
	*len = e - s;
	return m->t + s;
}

static void warn(struct md *m, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A warning at pos (in src->text), in the current section and slide. */
static void warn(struct md *m, size_t pos, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	size_t sec = m->d->nsections, sl = 0;
	if (sec && m->owner == OWN_SLIDE)
		sl = m->d->sections[sec - 1].nslides;
	if (sec && m->d->sections[sec - 1].no_cover && !sl)
		sec = 0;
	deck_warn(m->d, source_offset(m->src, pos), sec, sl, "%s",
		  sb.data ? sb.data : "");
	sb_free(&sb);
}

/* ---- text ------------------------------------------------------------ */

/* A code block's lines: tabs expanded, controls inert, the last line
 * break dropped. Caller frees. */
static char *code_text(const char *s)
{
	size_t n = strlen(s);
	if (n && s[n - 1] == '\n')
		n--;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0;;) {
		size_t e = line_end(s, n, i);
		int col = 0;
		for (size_t a = i; a <= e;) {
			const char *tab = memchr(s + a, '\t', e - a);
			size_t b = tab ? (size_t)(tab - s) : e;
			char *piece = text_inert(s + a, b - a);
			sb_puts(&sb, piece);
			if (tab)
				col += text_width(piece, strlen(piece), 1);
			free(piece);
			if (!tab)
				break;
			do
				sb_putc(&sb, ' ');
			while (++col % TAB_STOP);
			a = b + 1;
		}
		if (e >= n)
			break;
		sb_putc(&sb, '\n');
		i = e + (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n' ? 2 : 1);
	}
	return sb_take(&sb);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* s[0..n) with spaces and tabs trimmed on both sides. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && is_space(*s)) {
		s++;
		(*n)--;
	}
	while (*n && (is_space(s[*n - 1]) || s[*n - 1] == '\n' || s[*n - 1] == '\r'))
		(*n)--;
	return s;
}

/* ---- the deck being built -------------------------------------------- */

static struct section *cur_section(struct md *m)
{
	return &m->d->sections[m->d->nsections - 1];
}

/* Nodes are added in reading order: the current slide, its last block
 * and that block's last point are the last of their columns. */
static struct slide *cur_slide(struct md *m)
{
	return &m->d->slides[m->d->nslides - 1];
}

static struct block *cur_block(struct md *m)
{
	return &m->d->blocks[m->d->nblocks - 1];
}

static struct point *cur_point(struct md *m)
{
	return &m->d->points[m->d->npoints - 1];
}

/* Moves the pending notes, in order, to the end of to. */
static void take_pending(struct md *m, struct notes *to)
{
	for (size_t i = 0; i < m->pending.n; i++)
		notes_add(to, m->pending.v[i].text, 0, m->pending.v[i].src);
	free(m->pending.v);
	m->pending = (struct notes){ NULL, 0 };
}

/* The last slide, once no more blocks can come to it (the next slide or
 * section opens, or the text ends): a slide with no block gets an empty
 * one. */
static void close_slide(struct md *m)
{
	struct deck *d = m->d;
	if (!d->nslides)
		return;
	const struct slide *sl = cur_slide(m);
	if (slide_nblocks(d, sl))
		return;
	struct block *b = deck_add_block(d);
	b->title = DECK_EMPTY_STR;
	b->src = (struct span){ sl->src.start, sl->src.start };
}

/* The open_ and add_ functions take heap strings (titles, texts) and put
 * them in the deck's pool. */
static void open_section(struct md *m, char *title, struct attr_runs runs,
			 struct span src, bool no_cover)
{
	close_slide(m);
	struct section *s = deck_add_section(m->d);
	s->title = deck_take_str(m->d, title);
	s->title_runs = runs;
	s->src = src;
	s->no_cover = no_cover;
	m->owner = OWN_SECTION;
	m->in_block = m->item_open = m->pending_break = false;
	m->step = 0;
	if (!no_cover)
		take_pending(m, &s->notes);
}

static void open_slide(struct md *m, char *header, struct attr_runs runs,
		       struct span src)
{
	if (!m->d->nsections || m->owner == OWN_DECK)
		open_section(m, xstrdup(""), (struct attr_runs){ NULL, 0 }, src,
			     true);
	close_slide(m);
	struct slide *sl = deck_add_slide(m->d);
	sl->header = deck_intern_take(m->d, header);
	slide_set_header_runs(m->d, sl, runs);
	sl->src = src;
	m->owner = OWN_SLIDE;
	m->in_block = m->item_open = m->pending_break = false;
	m->step = 0;
	if (m->pending.n)
		take_pending(m, slide_notes_edit(m->d, sl));
}

/* Content needs a slide: after a section's title or a slide's end, one
 * with no header. */
static void ensure_slide(struct md *m, struct span src)
{
	if (m->owner != OWN_SLIDE || m->pending_break)
		open_slide(m, xstrdup(""), (struct attr_runs){ NULL, 0 }, src);
}

static void open_block(struct md *m, char *title, struct attr_runs runs,
		       struct span src)
{
	ensure_slide(m, src);
	struct block *b = deck_add_block(m->d);
	b->title = deck_intern_take(m->d, title);
	block_set_title_runs(m->d, b, runs);
	b->src = src;
	b->step = m->step;
	m->in_block = true;
	m->item_open = false;
}

static struct point *add_point(struct md *m, uint8_t kind, char *text,
			       struct attr_runs runs, struct span src)
{
	ensure_slide(m, src);
	if (!m->in_block)
		open_block(m, xstrdup(""), (struct attr_runs){ NULL, 0 }, src);
	struct block *b = cur_block(m);
	struct point *p = deck_add_point(m->d);
	p->kind = kind;
	p->text = deck_intern_take(m->d, text);
	if (runs.n)
		point_style(m->d, p)->runs = runs;
	else
		free(runs.v);
	p->src = src;
	p->step = m->step;
	if (b->src.end < src.end)
		b->src.end = src.end;
	m->item_open = false;
	return p;
}

/* A note, its text in the deck's pool. */
static void put_note(struct md *m, char *text, struct span src)
{
	if (m->pending_break) {
		notes_add(&m->pending, text, 0, src);
		return;
	}
	switch (m->owner) {
	case OWN_SLIDE:
		notes_add(slide_notes_edit(m->d, cur_slide(m)), text, m->step,
			  src);
		break;
	case OWN_SECTION:
		notes_add(&cur_section(m)->notes, text, 0, src);
		break;
	case OWN_DECK:
		notes_add(&m->d->notes, text, 0, src);
		break;
	}
}

/* A note from the heap string text. */
static void add_note(struct md *m, char *text, struct span src)
{
	if (!text[0]) {
		free(text); /* an empty note says nothing */
		return;
	}
	put_note(m, deck_take_str(m->d, text), src);
}

static void pause(struct md *m, cmark_node *nd)
{
	if (m->pending_break)
		ensure_slide(m, node_span(m, nd));
	if (m->owner != OWN_SLIDE) {
		warn(m, node_pos(m, nd), "a pause outside a slide (on the title "
		     "page or a section's cover) does nothing: ignored");
		return;
	}
	if (m->step < POINT_STEP_MAX) /* past it, pauses reveal nothing new */
		m->step++;
	m->item_open = false;
	cur_slide(m)->nsteps = m->step + 1;
}

/* <!-- title_placement: after_points_of_slide --> under a block's title:
 * the outline importer found that title after its slide's points (its
 * JSON export's "title_placement"), kept in a comment that no tool shows
 * on a slide. */
static void title_placement(struct md *m, cmark_node *nd)
{
	struct block *b = m->in_block && !m->pending_break &&
			  m->owner == OWN_SLIDE ? cur_block(m) : NULL;
	if (!b || block_npoints(m->d, b) || b->title_after_points) {
		warn(m, node_pos(m, nd), "title_placement goes right under a "
		     "block's title, before its points: ignored");
		return;
	}
	b->title_after_points = true;
}

static void slide_break(struct md *m)
{
	m->pending_break = true;
	m->in_block = m->item_open = false;
}

/* ---- speaker notes --------------------------------------------------- */

/* Appends lines [from, to) of s (already split) to sb, without blank
 * lines at either end. */
static void join_lines(struct strbuf *sb, char **ls, size_t n)
{
	size_t a = 0, b = n;
	while (a < b && !ls[a][0])
		a++;
	while (b > a && !ls[b - 1][0])
		b--;
	for (size_t i = a; i < b; i++) {
		if (i > a)
			sb_putc(sb, '\n');
		sb_puts(sb, ls[i]);
	}
}

/* Splits s[0..n) into lines (LF, CR LF, CR), trailing blanks trimmed,
 * each made inert. Caller frees the lines and the array. */
static char **split_lines(const char *s, size_t n, size_t *count)
{
	char **ls = NULL;
	size_t cap = 0, k = 0, i = 0;
	for (;;) {
		size_t e = line_end(s, n, i), len = e - i;
		while (len && is_space(s[i + len - 1]))
			len--;
		ls = xgrow(ls, &cap, k + 1, sizeof *ls);
		ls[k++] = text_inert(s + i, len);
		if (e >= n)
			break;
		i = e + (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n' ? 2 : 1);
	}
	*count = k;
	return ls;
}

static void free_lines(char **ls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ls[i]);
	free(ls);
}

static size_t indent_of(const char *s)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	return i;
}

/* The text of "speaker_note: VALUE": one line, plain lines, or a YAML
 * block scalar ("|", "|2", ">") whose lines lose their indentation.
 * Caller frees. */
static char *note_text(const char *v, size_t n)
{
	size_t first_end = line_end(v, n, 0), fl = first_end;
	const char *f = trim(v, &fl);
	size_t count;
	char **ls = split_lines(v, n, &count);
	struct strbuf sb = STRBUF_INIT;
	bool block = fl && (f[0] == '|' || f[0] == '>');
	size_t want = 0; /* the indentation indicator, 0: from the first line */
	for (size_t i = 1; block && i < fl; i++) {
		if (f[i] >= '1' && f[i] <= '9' && !want)
			want = (size_t)(f[i] - '0');
		else if (f[i] != '-' && f[i] != '+')
			block = false;
	}
	if (block) {
		size_t ind = want;
		for (size_t i = 1; !ind && i < count; i++)
			if (ls[i][0])
				ind = indent_of(ls[i]);
		for (size_t i = 1; i < count; i++) {
			size_t k = indent_of(ls[i]);
			memmove(ls[i], ls[i] + (k < ind ? k : ind),
				strlen(ls[i]) - (k < ind ? k : ind) + 1);
		}
		join_lines(&sb, ls + 1, count - 1);
	} else {
		free(ls[0]);
		ls[0] = text_inert(f, fl);
		for (size_t i = 1; i < count; i++) {
			size_t k = indent_of(ls[i]);
			memmove(ls[i], ls[i] + k, strlen(ls[i]) - k + 1);
		}
		join_lines(&sb, ls, count);
	}
	free_lines(ls, count);
	return sb_take(&sb);
}

/* ---- inline content -------------------------------------------------- */

struct inl {
	struct strbuf sb;
	struct attr_runs runs;
	int strong, emph;
	bool soft;  /* a soft line break waits for the next text */
	bool table; /* soft breaks stay line breaks */
};

static bool cjk_at_end(const struct strbuf *sb)
{
	if (!sb->len)
		return false;
	size_t i = sb->len - 1;
	while (i > 0 && ((unsigned char)sb->data[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	text_decode(sb->data + i, sb->len - i, &cp);
	return text_is_cjk(cp);
}

/* Whether valid UTF-8 s[0..n) has nothing text_inert would change: no C0
 * control, DEL, C1 control, line or paragraph separator, or noncharacter
 * (whose encodings start EF B7, EF BF or, past the BMP, F0..F4). Most text
 * has none, and skips a copy. */
static bool inert_already(const char *s, size_t n)
{
	const unsigned char *b = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = b[i];
		if (c < 0x20 || c == 0x7F || c >= 0xF0)
			return false;
		if (c == 0xC2 && i + 1 < n && b[i + 1] < 0xA0)
			return false;
		if (c == 0xEF && i + 1 < n && (b[i + 1] == 0xB7 || b[i + 1] == 0xBF))
			return false;
		if (c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 &&
		    (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
			return false; /* line and paragraph separators */
	}
	return true;
}

/* Appends s[0..n) (UTF-8 from cmark) with the attributes in force. */
static void inl_put(struct inl *in, const char *s, size_t n, uint32_t attr)
{
	if (!n)
		return;
	char *t = inert_already(s, n) ? NULL : text_inert(s, n);
	const char *u = t ? t : s;
	size_t un = t ? strlen(t) : n;
	if (in->soft) {
		in->soft = false;
		uint32_t cp;
		text_decode(u, un, &cp);
		if (in->table)
			sb_putc(&in->sb, '\n');
		else if (!cjk_at_end(&in->sb) && !text_is_cjk(cp))
			sb_putc(&in->sb, ' '); /* no space between CJK lines */
	}
	size_t start = in->sb.len;
	sb_put(&in->sb, u, un);
	free(t);
	attr |= (in->strong ? RUN_STRONG : 0) | (in->emph ? RUN_EMPH : 0);
	runs_add(&in->runs, start, in->sb.len, attr);
}

static void inl_puts(struct inl *in, const char *s)
{
	inl_put(in, s, strlen(s), 0);
}

/* The text collected, '\n' trimmed at either end, and its runs. */
static char *inl_take(struct inl *in, struct attr_runs *runs)
{
	char *s = sb_take(&in->sb);
	size_t n = strlen(s), a = 0;
	while (a < n && s[a] == '\n')
		a++;
	while (n > a && s[n - 1] == '\n')
		n--;
	struct attr_runs r = { NULL, 0 };
	for (size_t i = 0; i < in->runs.n; i++) {
		size_t rs = in->runs.v[i].start, re = in->runs.v[i].end;
		rs = rs < a ? a : rs > n ? n : rs;
		re = re < a ? a : re > n ? n : re;
		runs_add(&r, rs - a, re - a, in->runs.v[i].attr);
	}
	free(in->runs.v);
	in->runs = (struct attr_runs){ NULL, 0 };
	*runs = r;
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
	return s;
}

static bool starts_with(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(s, p, k) == 0;
}

/* A comment's body: a command lectern knows, or a plain comment. */
enum comment_kind { C_PLAIN, C_PAUSE, C_END_SLIDE, C_NOTE, C_PLACEMENT };

static enum comment_kind comment_kind(const char *body, size_t n,
				      const char **value, size_t *vlen)
{
	size_t k = n;
	const char *b = trim(body, &k);
	while (k && (b[0] == '\n' || b[0] == '\r')) {
		b++;
		k--;
		b = trim(b, &k);
	}
	if (k == 5 && memcmp(b, "pause", 5) == 0)
		return C_PAUSE;
	if (k == 9 && memcmp(b, "end_slide", 9) == 0)
		return C_END_SLIDE;
	if (starts_with(b, k, "speaker_note:")) {
		*value = b + 13;
		*vlen = k - 13;
		return C_NOTE;
	}
	static const char placement[] = "title_placement: after_points_of_slide";
	if (k == sizeof placement - 1 && memcmp(b, placement, k) == 0)
		return C_PLACEMENT;
	return C_PLAIN;
}

static bool autolink(cmark_node *link)
{
	cmark_node *c = cmark_node_first_child(link);
	if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return false;
	const char *url = cmark_node_get_url(link), *text = cmark_node_get_literal(c);
	if (!url || !text)
		return false;
	return strcmp(url, text) == 0 ||
	       (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0);
}

static void inline_html(struct md *m, struct inl *in, cmark_node *nd,
			size_t at)
{
	const char *lit = cmark_node_get_literal(nd);
	size_t n = lit ? strlen(lit) : 0;
	if (n >= 7 && starts_with(lit, n, "<!--") &&
	    memcmp(lit + n - 3, "-->", 3) == 0) {
		const char *v;
		size_t vl;
		switch (comment_kind(lit + 4, n - 7, &v, &vl)) {
		case C_PAUSE:
			warn(m, at, "a pause inside a paragraph or heading does "
			     "nothing: ignored (put <!-- pause --> on a line of "
			     "its own)");
			break;
		case C_END_SLIDE:
			warn(m, at, "<!-- end_slide --> inside a paragraph or "
			     "heading does nothing: ignored (put it on a line of "
			     "its own)");
			break;
		case C_NOTE:
			add_note(m, note_text(v, vl), (struct span){
				 source_offset(m->src, at), source_offset(m->src, at) });
			break;
		case C_PLACEMENT:
			warn(m, at, "title_placement inside a paragraph or heading "
			     "does nothing: ignored (it goes on a line of its own "
			     "under a block's title)");
			break;
		case C_PLAIN:
			break;
		}
		return;
	}
	warn(m, at, "raw HTML: shown as plain text");
	inl_put(in, lit ? lit : "", n, 0);
}

/* The inline content of nd (a paragraph or a heading) into in. */
static void collect(struct md *m, cmark_node *nd, struct inl *in)
{
	size_t at = node_pos(m, nd);
	bool warned_link = false, warned_image = false;
	cmark_iter *it = cmark_iter_new(nd);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		const char *lit;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(c);
			inl_put(in, lit, strlen(lit), 0);
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			inl_put(in, lit, strlen(lit), RUN_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			in->soft = true;
			break;
		case CMARK_NODE_LINEBREAK:
			in->soft = false;
			sb_putc(&in->sb, '\n');
			break;
		case CMARK_NODE_EMPH:
			in->emph += enter ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			in->strong += enter ? 1 : -1;
			break;
		case CMARK_NODE_HTML_INLINE:
			inline_html(m, in, c, at);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE: {
			bool image = cmark_node_get_type(c) == CMARK_NODE_IMAGE;
			if (!image && autolink(c))
				break; /* <https://…>: its address is its text */
			if (enter) {
				inl_puts(in, image ? "![" : "[");
				if (image ? !warned_image : !warned_link)
					warn(m, at, "%s: shown as its Markdown text "
					     "(lectern shows text only)",
					     image ? "an image" : "a link");
				*(image ? &warned_image : &warned_link) = true;
				break;
			}
			const char *url = cmark_node_get_url(c);
			const char *title = cmark_node_get_title(c);
			inl_puts(in, "](");
			inl_puts(in, url ? url : "");
			if (title && title[0]) {
				inl_puts(in, " \"");
				inl_puts(in, title);
				inl_puts(in, "\"");
			}
			inl_puts(in, ")");
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- blocks ---------------------------------------------------------- */

/* A table's delimiter row: cells of -, with : at either end, between |. */
static bool delimiter_row(const char *s, size_t n)
{
	size_t i = 0, cells = 0;
	bool pipe = false;
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		if (i < n && s[i] == '|') {
			pipe = true;
			i++;
			continue;
		}
		if (i >= n)
			break;
		if (s[i] == ':')
			i++;
		size_t dashes = 0;
		while (i < n && s[i] == '-') {
			i++;
			dashes++;
		}
		if (i < n && s[i] == ':')
			i++;
		if (!dashes)
			return false;
		cells++;
		while (i < n && is_space(s[i]))
			i++;
		if (i < n && s[i] != '|')
			return false;
	}
	return pipe && cells;
}

static bool is_table(const struct md *m, cmark_node *nd)
{
	size_t l = start_line(m, nd);
	if (l + 1 > m->nlines || end_line(m, nd) < l + 1)
		return false;
	size_t n1, n2;
	const char *a = line_text(m, l, &n1);
	const char *b = line_text(m, l + 1, &n2);
	return memchr(a, '|', n1) && delimiter_row(b, n2);
}

/* Up to three spaces or tabs (a tab counts one: the model's text has it
 * as a space), then three colons or more. */
static bool fence_colons(const char *s, size_t n, size_t *after)
{
	size_t i = 0;
	while (i < n && i < 3 && is_space(s[i]))
		i++;
	size_t c = 0;
	while (i < n && s[i] == ':') {
		i++;
		c++;
	}
	*after = i;
	return c >= 3;
}

/* "::: notes" or "::: {.notes}": pandoc's notes div opening. */
static bool notes_opener(const char *s, size_t n)
{
	size_t i;
	if (!fence_colons(s, n, &i))
		return false;
	size_t k = n - i;
	const char *w = trim(s + i, &k);
	if (k == 5 && memcmp(w, "notes", 5) == 0)
		return true;
	if (k < 8 || w[0] != '{' || w[k - 1] != '}')
		return false;
	k -= 2;
	w = trim(w + 1, &k);
	return k == 6 && memcmp(w, ".notes", 6) == 0;
}

static bool div_closer(const char *s, size_t n)
{
	size_t i;
	if (!fence_colons(s, n, &i))
		return false;
	while (i < n && is_space(s[i]))
		i++;
	return i == n;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(s[i]))
			return false;
	return true;
}

#define MAX_RESUMES 64 /* fresh parses after a notes div or a comment */

/* A "::: notes" div opening at paragraph para: its lines up to the next
 * line ":::" are a note, taken as they are (pandoc would read Markdown in
 * them; lectern keeps a note's text). The walk goes on after the node
 * that holds that line, or, when the node goes on past it, with a fresh
 * parse from the line after it. False when no line closes the div (then
 * it is text). */
static bool notes_div(struct md *m, cmark_node *para, cmark_iter *it)
{
	size_t l0 = start_line(m, para), closer = 0;
	if (m->no_closer_from && l0 >= m->no_closer_from)
		return false;
	for (size_t l = l0 + 1; l <= m->nlines && !closer; l++) {
		size_t len;
		const char *s = line_text(m, l, &len);
		if (div_closer(s, len))
			closer = l;
	}
	if (!closer) {
		m->no_closer_from = l0;
		return false;
	}
	size_t s = m->lines[l0], e = m->lines[closer - 1];
	size_t count;
	char **ls = split_lines(m->t + s, e > s ? e - s - 1 : 0, &count);
	struct strbuf sb = STRBUF_INIT;
	join_lines(&sb, ls, count);
	free_lines(ls, count);
	size_t at = m->base + m->lines[l0 - 1];
	add_note(m, sb_take(&sb), (struct span){ source_offset(m->src, at),
		 source_offset(m->src, m->base + e) });
	/* the node holding the closing line, and whether it goes on */
	cmark_node *nd = para;
	while (cmark_node_next(nd) &&
	       start_line(m, cmark_node_next(nd)) <= closer)
		nd = cmark_node_next(nd);
	size_t last = cmark_node_next(nd) ?
			      start_line(m, cmark_node_next(nd)) - 1 : m->nlines;
	bool more = false;
	for (size_t l = closer + 1; l <= last && !more; l++) {
		size_t len;
		const char *t = line_text(m, l, &len);
		more = !blank(t, len);
	}
	if (more && m->nresumes < MAX_RESUMES) {
		m->resume = closer + 1;
		return true;
	}
	if (more) {
		/* no fresh parse left: those lines as they are */
		struct strbuf rest = STRBUF_INIT;
		for (size_t l = closer + 1; l <= last; l++) {
			size_t len;
			const char *t = line_text(m, l, &len);
			t = trim(t, &len);
			if (rest.len && len)
				sb_putc(&rest, ' ');
			sb_put(&rest, t, len);
		}
		size_t p = m->base + m->lines[closer];
		add_point(m, POINT_PARAGRAPH, text_inert(rest.data, rest.len),
			  (struct attr_runs){ NULL, 0 },
			  (struct span){ source_offset(m->src, p),
					 source_offset(m->src, p + rest.len) });
		warn(m, p, "the lines after the \":::\" that closes the notes "
		     "are shown as they are, without their Markdown");
		sb_free(&rest);
	}
	cmark_iter_reset(it, nd, CMARK_EVENT_EXIT);
	return true;
}

static void no_newlines(char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			*s = ' ';
}

static void heading(struct md *m, cmark_node *nd)
{
	struct inl in = { STRBUF_INIT, { NULL, 0 }, 0, 0, false, false };
	collect(m, nd, &in);
	struct attr_runs runs;
	char *text = inl_take(&in, &runs);
	no_newlines(text);
	int level = cmark_node_get_heading_level(nd);
	struct span src = node_span(m, nd);
	bool top = cmark_node_get_type(cmark_node_parent(nd)) ==
		   CMARK_NODE_DOCUMENT;
	if (top && level == 1) {
		open_section(m, text, runs, src, false);
	} else if (top && level == 2) {
		open_slide(m, text, runs, src);
	} else if (top && level == 3) {
		open_block(m, text, runs, src);
	} else {
		if (text[0])
			add_point(m, POINT_PARAGRAPH, text, runs, src);
		else
			free(text); /* an empty heading shows nothing */
		if (top)
			warn(m, node_pos(m, nd), "heading level %d: shown as a "
			     "paragraph (lectern reads # sections, ## slides and "
			     "### blocks)", level);
		else
			warn(m, node_pos(m, nd), "a heading inside a list or a "
			     "quote: shown as a paragraph");
	}
}

static void paragraph(struct md *m, cmark_node *nd, cmark_iter *it)
{
	cmark_node *parent = cmark_node_parent(nd);
	cmark_node_type pt = cmark_node_get_type(parent);
	size_t at = node_pos(m, nd);
	if (pt == CMARK_NODE_DOCUMENT) {
		size_t len;
		const char *s = line_text(m, start_line(m, nd), &len);
		size_t after;
		if (notes_opener(s, len)) {
			if (notes_div(m, nd, it))
				return;
			warn(m, at, "\"::: notes\" is never closed by a line "
			     "\":::\": shown as text");
		} else if (fence_colons(s, len, &after)) {
			warn(m, at, "a fenced div \":::\" other than notes: shown "
			     "as text");
		}
	}
	struct inl in = { STRBUF_INIT, { NULL, 0 }, 0, 0, false, is_table(m, nd) };
	collect(m, nd, &in);
	if (in.table)
		warn(m, at, "a table: shown as plain text");
	struct attr_runs runs;
	char *text = inl_take(&in, &runs);
	if (!text[0]) {
		free(text); /* nothing to show (a line of vertical tabs) */
		free(runs.v);
		return;
	}
	if (pt == CMARK_NODE_ITEM && m->item_open) {
		/* the list item's text: its paragraphs are lines of it */
		struct point *p = cur_point(m);
		const char *old = point_text(m->d, p);
		size_t off = strlen(old);
		if (off) {
			/* the pool keeps the shorter text too: a list item
			 * of several paragraphs is rare */
			struct strbuf sb = STRBUF_INIT;
			sb_puts(&sb, old);
			sb_putc(&sb, '\n');
			sb_puts(&sb, text);
			free(text);
			p->text = deck_intern_take(m->d, sb_take(&sb));
			off++;
		} else {
			p->text = deck_intern_take(m->d, text);
		}
		for (size_t i = 0; i < runs.n; i++)
			runs_add(&point_style(m->d, p)->runs,
				 runs.v[i].start + off, runs.v[i].end + off,
				 runs.v[i].attr);
		free(runs.v);
		struct span sp = node_span(m, nd);
		if (p->src.end < sp.end)
			p->src.end = sp.end;
		if (cur_block(m)->src.end < sp.end)
			cur_block(m)->src.end = sp.end;
		return;
	}
	add_point(m, POINT_PARAGRAPH, text, runs, node_span(m, nd));
}

static void code_block(struct md *m, cmark_node *nd)
{
	const char *lit = cmark_node_get_literal(nd);
	const char *info = cmark_node_get_fence_info(nd);
	struct point *p = add_point(m, POINT_CODE, code_text(lit ? lit : ""),
				    (struct attr_runs){ NULL, 0 }, node_span(m, nd));
	if (info && info[0]) {
		size_t k = strlen(info);
		const char *i = trim(info, &k);
		if (k)
			point_style(m->d, p)->info =
				deck_take_str(m->d, text_inert(i, k));
	}
}

/* "<!--" at p (in the block nd, whose text is lit) with no "-->": the
 * rest of the file is the comment, as CommonMark reads it. Its first line
 * is shown as text, and the walk goes on with a fresh parse from the line
 * after it; after MAX_RESUMES of those, all the rest is shown. */
static void unclosed_comment(struct md *m, cmark_node *nd, const char *lit,
			     const char *p)
{
	size_t line = start_line(m, nd);
	for (const char *c = lit; c < p; c++)
		line += *c == '\n';
	size_t pos = m->lines[line - 1];
	const char *t = m->t + pos;
	size_t len;
	line_text(m, line, &len);
	if (m->nresumes < MAX_RESUMES && line < m->nlines) {
		warn(m, m->base + pos, "a comment \"<!--\" is never closed by "
		     "\"-->\": its line is shown as text");
		char *text = text_inert(t, len);
		size_t k = strlen(text);
		const char *tt = trim(text, &k);
		memmove(text, tt, k);
		text[k] = '\0';
		if (text[0])
			add_point(m, POINT_PARAGRAPH, text,
				  (struct attr_runs){ NULL, 0 }, node_span(m, nd));
		else
			free(text);
		m->resume = line + 1;
		return;
	}
	warn(m, m->base + pos, "a comment \"<!--\" is never closed by \"-->\": "
	     "all that follows is shown as text");
	add_point(m, POINT_CODE, code_text(p), (struct attr_runs){ NULL, 0 },
		  node_span(m, nd));
}

static void html_block(struct md *m, cmark_node *nd)
{
	const char *lit = cmark_node_get_literal(nd);
	const char *p = lit ? lit : "";
	size_t at = node_pos(m, nd);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			return;
		if (strncmp(p, "<!--", 4) != 0)
			break;
		const char *q = strstr(p + 4, "-->");
		if (!q) {
			unclosed_comment(m, nd, lit, p);
			return;
		}
		const char *v;
		size_t vl;
		switch (comment_kind(p + 4, (size_t)(q - p - 4), &v, &vl)) {
		case C_PAUSE:
			pause(m, nd);
			break;
		case C_END_SLIDE:
			slide_break(m);
			break;
		case C_NOTE:
			add_note(m, note_text(v, vl), node_span(m, nd));
			break;
		case C_PLACEMENT:
			title_placement(m, nd);
			break;
		case C_PLAIN:
			break;
		}
		p = q + 3;
	}
	warn(m, at, "raw HTML: shown as plain text");
	struct point *pt = add_point(m, POINT_CODE, code_text(p),
				     (struct attr_runs){ NULL, 0 }, node_span(m, nd));
	point_style(m->d, pt)->info = deck_strdup(m->d, "html");
}

static void list_enter(struct md *m, cmark_node *nd)
{
	bool ordered = cmark_node_get_list_type(nd) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(nd);
	if (m->nlists)
		warn(m, node_pos(m, nd), "a list inside a list item: its items "
		     "are shown as points of their own, not indented");
	if (ordered && start < 1) {
		warn(m, node_pos(m, nd), "a list numbered from %d: shown "
		     "numbered from 1", start);
		start = 1;
	}
	m->lists = xgrow(m->lists, &m->lists_cap, m->nlists + 1,
			 sizeof *m->lists);
	m->lists[m->nlists++] = (struct list_ctx){
		ordered ? POINT_NUMBERED : POINT_BULLET, (uint32_t)start };
}

static void item_enter(struct md *m, cmark_node *nd)
{
	struct list_ctx *lc = &m->lists[m->nlists - 1];
	struct point *p = add_point(m, lc->kind, xstrdup(""),
				    (struct attr_runs){ NULL, 0 }, node_span(m, nd));
	if (lc->kind == POINT_NUMBERED) {
		uint32_t number = lc->next < UINT32_MAX ? lc->next++ : lc->next;
		/* the number of its place in the block is point_number's
		 * default: only the others take room aside */
		if (number != block_npoints(m->d, cur_block(m)))
			point_set_number(m->d, p, number);
	}
	m->item_open = true;
}

/* The walk over cmark's tree, in document order. */
static void walk(struct md *m, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	m->nlists = 0;
	m->item_open = false;
	while (!m->resume && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(nd)) {
		case CMARK_NODE_HEADING:
			if (enter) {
				heading(m, nd);
				cmark_iter_reset(it, nd, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (enter) {
				paragraph(m, nd, it);
				if (!m->resume && cmark_iter_get_node(it) == nd)
					cmark_iter_reset(it, nd, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(m, nd);
			break;
		case CMARK_NODE_HTML_BLOCK:
			html_block(m, nd);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			slide_break(m);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter)
				warn(m, node_pos(m, nd), "a block quote: its text "
				     "is shown, not as a quote");
			break;
		case CMARK_NODE_LIST:
			if (enter)
				list_enter(m, nd);
			else
				m->nlists--;
			break;
		case CMARK_NODE_ITEM:
			if (enter)
				item_enter(m, nd);
			else
				m->item_open = false;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- the contents ---------------------------------------------------- */

static const struct deck *sort_deck; /* for cmp_toc only */

static int cmp_toc(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_deck->toc[x].title, sort_deck->toc[y].title);
	return c ? c : (x > y) - (x < y);
}

/* Sections take contents entries by title, in order: the k-th section
 * called T is the k-th entry called T, as in the outline importer. */
static void match_contents(struct md *m, const struct frontmatter *fm)
{
	struct deck *d = m->d;
	size_t n = d->ntoc;
	size_t *ord = xcalloc(n + 1, sizeof *ord);
	size_t *next = xcalloc(n + 1, sizeof *next);
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	sort_deck = d;
	qsort(ord, n, sizeof *ord, cmp_toc);
	sort_deck = NULL;
	for (size_t i = 0; i < n; i++)
		next[i] = i;
	for (size_t s = 0; s < d->nsections; s++) {
		struct section *sec = &d->sections[s];
		if (sec->no_cover)
			continue;
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(d->toc[ord[mid]].title, sec->title) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t k = lo < n ? next[lo] : n;
		if (k < n && strcmp(d->toc[ord[k]].title, sec->title) == 0) {
			sec->toc_index = ord[k];
			d->toc[ord[k]].present = true;
			next[lo]++;
		} else if (fm->has_contents) {
			deck_warn(d, sec->src.start, s + 1, 0, "section \"%s\" is "
				  "not in the contents", sec->title);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!d->toc[i].present)
			deck_warn(d, source_offset(m->src, fm->contents_at[i]), 0, 0,
				  "contents entry %zu \"%s\" has no section in the "
				  "text", i + 1, d->toc[i].title);
	free(ord);
	free(next);
}

/* ---- the deck -------------------------------------------------------- */

static void finish(struct md *m, struct frontmatter *fm)
{
	struct deck *d = m->d;
	/* notes after the last slide's end belong to it */
	m->pending_break = false;
	for (size_t i = 0; i < m->pending.n; i++)
		put_note(m, m->pending.v[i].text, m->pending.v[i].src);
	free(m->pending.v);
	m->pending = (struct notes){ NULL, 0 };
	/* every other slide was closed when the one after it opened */
	close_slide(m);
	if (fm->title) {
		d->title = deck_strdup(d, fm->title);
	} else {
		deck_warn(d, source_offset(m->src, 0), 0, 0, "no title: the "
			  "front matter (---, title: …, ---) gives the title "
			  "page its text");
	}
	if (fm->contents_label)
		d->contents_label = deck_strdup(d, fm->contents_label);
	d->truncated = fm->truncated;
	for (size_t i = 0; i < fm->ncontents; i++) {
		deck_add_toc(d, fm->contents[i]);
		size_t at = source_offset(m->src, fm->contents_at[i]);
		d->toc[i].src = (struct span){ at, at };
	}
	match_contents(m, fm);
	deck_sort_warnings(d);
}

/* ---- pieces ----------------------------------------------------------
 * cmark builds the tree of all the text it is given, some six times the
 * text's size, so a large deck is given to it a piece at a time: the walk
 * is a fold in document order, and a piece that ends where cmark would
 * have closed every block anyway gives the same nodes alone as within the
 * whole. A piece ends at a line that is, in the parse of the piece, a
 * thematic break or a heading at the top level: cmark's block parser
 * reads a line at a time and never looks ahead, so what it made of the
 * lines up to there is what it makes of them in the whole text, and after
 * such a line nothing is open (a one-line heading: cmark ends a setext
 * heading where the next line starts, which a piece does not have). A
 * piece that does not end so (the line was in a fence, an HTML block, a
 * list item) is parsed again, longer. What cmark does look across blocks
 * for, link reference definitions, turns pieces off: a text with "]:"
 * anywhere is parsed whole. The walk looks ahead for one thing, the ":::"
 * closing a notes div, and a piece never ends between a notes opener and
 * its closer; nor before a byte order mark, which cmark skips at the
 * start of what it is given. */

/* A line that could end a piece: a thematic break or an ATX heading at
 * the left margin (cmark decides; this only picks the lines to try). */
static bool piece_candidate(const struct md *m, size_t l)
{
	size_t len;
	const char *s = line_text(m, l, &len);
	if (len && s[0] == '#')
		return true;
	if (!len || (s[0] != '-' && s[0] != '*' && s[0] != '_'))
		return false;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == s[0])
			k++;
		else if (s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return k >= 3;
}

/* The last line of the next piece from line `from`: the first line that
 * may end one at least `want` bytes on and is not inside a notes div, or
 * the text's last. */
static size_t piece_end(const struct md *m, size_t from, size_t want)
{
	size_t start = m->lines[from - 1];
	size_t div_end = 0;   /* the ":::" closing a notes div opened before */
	bool closers = true;  /* false: no ":::" closes a div from here on */
	for (size_t l = from; l < m->nlines; l++) {
		size_t len;
		const char *s = line_text(m, l, &len);
		if (l > div_end && closers && notes_opener(s, len)) {
			size_t c = l + 1;
			for (; c <= m->nlines; c++) {
				const char *t = line_text(m, c, &len);
				if (div_closer(t, len))
					break;
			}
			if (c <= m->nlines)
				div_end = c;
			else
				closers = false;
		}
		if (l > div_end && m->lines[l - 1] - start >= want &&
		    piece_candidate(m, l))
			return l;
	}
	return m->nlines;
}

/* Whether the parse of lines [from, to] ends, at to, with nothing open. */
static bool piece_closed(const struct md *m, cmark_node *doc, size_t to)
{
	cmark_node *last = cmark_node_last_child(doc);
	if (!last)
		return false;
	cmark_node_type ty = cmark_node_get_type(last);
	if (ty != CMARK_NODE_THEMATIC_BREAK && ty != CMARK_NODE_HEADING)
		return false;
	/* one line: a setext heading's end is where the next line begins */
	if (start_line(m, last) != to || end_line(m, last) != to)
		return false;
	/* cmark skips a byte order mark at the start of what it is given */
	size_t next = m->lines[to];
	return !(m->n - next >= 3 && memcmp(m->t + next, "\xEF\xBB\xBF", 3) == 0);
}

static void md_free(struct md *m, struct frontmatter *fm)
{
	frontmatter_free(fm);
	free(m->lines);
	free(m->lists);
	free(m->pending.v);
}

bool markdown_import_pieces(struct source *src, size_t piece,
			    size_t *parses, struct deck **out,
			    struct lt_error *err)
{
	struct md m = { 0 };
	size_t nparses = 0;
	m.src = src;
	m.d = deck_new();
	struct frontmatter fm;
	frontmatter_read(src, m.d, &fm);
	m.base = fm.body;
	m.t = src->text + fm.body;
	m.n = src->len - fm.body;
	index_lines(&m);
	if (piece != SIZE_MAX && memmem(m.t, m.n, "]:", 2))
		piece = SIZE_MAX;
	size_t want = piece;
	for (size_t from = 1;;) {
		/* lines [from, to]: a piece, or all the rest when a notes div
		 * or a comment asked for a fresh start, or the text is short */
		size_t to = piece == SIZE_MAX ? m.nlines : piece_end(&m, from, want);
		size_t off = m.lines[from - 1];
		size_t end = to < m.nlines ? m.lines[to] : m.n;
		m.line0 = from - 1;
		m.resume = 0;
		/* source.c has checked the text is UTF-8 */
		cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
								 &arena_mem);
		cmark_parser_feed(parser, m.t + off, end - off);
		cmark_node *doc = cmark_parser_finish(parser);
		cmark_parser_free(parser);
		nparses++;
		if (!doc) {
			arena_drop();
			lt_error_set(err, "the Markdown parser could not run (out "
				     "of memory?)");
			deck_free(m.d);
			md_free(&m, &fm);
			if (parses)
				*parses = nparses;
			*out = NULL;
			return false;
		}
		if (to < m.nlines && !piece_closed(&m, doc, to)) {
			/* again, twice as long: at most about thrice the work */
			cmark_node_free(doc);
			arena_drop();
			want = 2 * (end - off) + 1;
			continue;
		}
		want = piece;
		walk(&m, doc);
		cmark_node_free(doc); /* its buffers on the heap; nodes: nothing */
		arena_drop();
		if (m.resume && m.resume <= m.nlines) {
			m.nresumes++;
			from = m.resume;
		} else if (!m.resume && to < m.nlines) {
			from = to + 1;
		} else {
			break;
		}
	}
	finish(&m, &fm);
	md_free(&m, &fm);
	if (parses)
		*parses = nparses;
	*out = m.d;
	return true;
}

bool markdown_head_title(const struct source *head, char **title)
{
	return frontmatter_head_title(head, title);
}

bool markdown_import(struct source *src, struct deck **out,
		     struct lt_error *err)
{
	return markdown_import_pieces(src, MARKDOWN_PIECE_BYTES, NULL, out, err);
}
