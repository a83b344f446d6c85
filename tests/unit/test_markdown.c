/* test_markdown.c — the Markdown importer construct by construct (front
 * matter, sections, slides, blocks, list kinds and numbers, paragraphs,
 * continuation lines, code, runs, pauses, notes in both syntaxes, slide
 * separators, what is shown as text and warned about, and where), and the
 * exporter on text that would read as Markdown: a deck made here with
 * such text goes out and comes back the same. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"

static struct deck *md(const char *s)
{
	struct lt_error err;
	struct deck *d = NULL;
	if (!deck_load_bytes("test.md", s, strlen(s), NULL, &d, &err))
		d = NULL;
	CHECK(d != NULL, "deck did not load: %s", d ? "" : err.what);
	return d;
}

static const struct slide *slide_at(const struct deck *d, size_t s, size_t l)
{
	if (!d || s >= d->nsections || l >= d->sections[s].nslides)
		return NULL;
	return section_slide(d, &d->sections[s], l);
}

static const struct block *block_at(const struct deck *d, size_t s, size_t l,
				    size_t b)
{
	const struct slide *sl = slide_at(d, s, l);
	if (!sl || b >= slide_nblocks(d, sl))
		return NULL;
	return slide_block(d, sl, b);
}

static const struct point *point_at(const struct deck *d, size_t s, size_t l,
				    size_t b, size_t p)
{
	const struct block *bl = block_at(d, s, l, b);
	if (!bl || p >= block_npoints(d, bl))
		return NULL;
	return block_point(d, bl, p);
}

/* The 1-based line of a warning whose message holds needle, or 0. */
static size_t warning_line(const struct deck *d, const char *src,
			   const char *needle)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i].message, needle)) {
			size_t line = 1;
			for (size_t k = 0; k < d->warnings[i].offset && src[k]; k++)
				line += src[k] == '\n';
			return line;
		}
	return 0;
}

static bool run_is(const struct attr_runs *r, size_t i, size_t start,
		   size_t end, uint32_t attr)
{
	return i < r->n && r->v[i].start == start && r->v[i].end == end &&
	       r->v[i].attr == attr;
}

static void test_structure(void)
{
	const char *src =
		"---\n"
		"title: \"Bridges\"\n"
		"contents:\n"
		"  - \"Loads\"\n"
		"  - \"Never written\"\n"
		"contents_label: \"目录\"\n"
		"---\n"
		"\n"
		"# Loads\n"
		"\n"
		"---\n"
		"\n"
		"## Paths\n"
		"\n"
		"Intro with **strong**, *emphasis* and `code`.\n"
		"\n"
		"### Dead loads\n"
		"\n"
		"3. three\n"
		"4. four, going on\n"
		"   on the next line\n"
		"lazily\n"
		"\n"
		"- a bullet\n"
		"\n"
		"```c\n"
		"\tint x;\n"
		"```\n"
		"\n"
		"### Live loads\n"
		"\n"
		"1. traffic\n"
		"\n"
		"---\n"
		"\n"
		"中文第一行\n"
		"第二行\n";
	struct deck *d = md(src);
	if (!d)
		return;
	CHECK(strcmp(d->title, "Bridges") == 0, "title '%s'", d->title);
	CHECK(d->ntoc == 2 && d->toc[0].present && !d->toc[1].present,
	      "contents: %zu entries", d->ntoc);
	CHECK(d->contents_label && strcmp(d->contents_label, "目录") == 0,
	      "contents label");
	CHECK(d->nsections == 1 && strcmp(d->sections[0].title, "Loads") == 0 &&
	      !d->sections[0].no_cover && d->sections[0].toc_index == 0,
	      "one section with a cover");
	const struct slide *sl = slide_at(d, 0, 0);
	size_t nb = sl ? slide_nblocks(d, sl) : 0;
	CHECK(sl && strcmp(slide_header(d, sl), "Paths") == 0 && nb == 3,
	      "slide 1: header and three blocks (%zu)", nb);
	const struct point *p = point_at(d, 0, 0, 0, 0);
	CHECK(p && p->kind == POINT_PARAGRAPH &&
	      strcmp(point_text(d, p),
		     "Intro with strong, emphasis and code.") == 0,
	      "a paragraph before the first block title: '%s'",
	      p ? point_text(d, p) : "");
	const struct attr_runs *pr = p ? point_runs(d, p) : NULL;
	CHECK(pr && pr->n == 3 && run_is(pr, 0, 11, 17, RUN_STRONG) &&
	      run_is(pr, 1, 19, 27, RUN_EMPH) && run_is(pr, 2, 32, 36, RUN_CODE),
	      "its runs");
	const struct block *bl = block_at(d, 0, 0, 1);
	CHECK(bl && strcmp(block_title(d, bl), "Dead loads") == 0,
	      "block title");
	p = point_at(d, 0, 0, 1, 0);
	CHECK(p && p->kind == POINT_NUMBERED && point_number(d, p) == 3 &&
	      strcmp(point_text(d, p), "three") == 0, "a list numbered from 3");
	p = point_at(d, 0, 0, 1, 1);
	CHECK(p && point_number(d, p) == 4 &&
	      strcmp(point_text(d, p),
		     "four, going on on the next line lazily") == 0,
	      "continuation and lazy lines: '%s'", p ? point_text(d, p) : "");
	p = point_at(d, 0, 0, 1, 2);
	CHECK(p && p->kind == POINT_BULLET &&
	      strcmp(point_text(d, p), "a bullet") == 0, "a bullet point");
	p = point_at(d, 0, 0, 1, 3);
	CHECK(p && p->kind == POINT_CODE &&
	      strcmp(point_text(d, p), "        int x;") == 0 &&
	      point_info(d, p) && strcmp(point_info(d, p), "c") == 0,
	      "a code block, its tab expanded: '%s'", p ? point_text(d, p) : "");
	p = point_at(d, 0, 1, 0, 0);
	CHECK(p && strcmp(point_text(d, p), "中文第一行第二行") == 0 &&
	      strcmp(slide_header(d, slide_at(d, 0, 1)), "") == 0,
	      "after ---, a slide with no header; CJK lines join with no space");
	CHECK(warning_line(d, src, "\"Never written\" has no section") == 5,
	      "the contents entry's warning at its line");
	deck_free(d);
}

static void test_steps_and_notes(void)
{
	const char *src =
		"---\ntitle: t\n---\n\n"
		"<!-- speaker_note: for the title page -->\n\n"
		"## One\n\n"
		"- first\n\n"
		"<!-- speaker_note: before the pause -->\n\n"
		"<!-- pause -->\n\n"
		"- second\n"
		"  <!-- pause -->\n"
		"- third\n\n"
		"<!-- speaker_note: |\n"
		"  after two pauses\n"
		"    indented\n"
		"-->\n\n"
		"<!-- a plain comment -->\n\n"
		"<!-- end_slide -->\n\n"
		"::: notes\n"
		"pandoc's notes, **as written**\n"
		":::\n\n"
		"## Two\n";
	struct deck *d = md(src);
	if (!d)
		return;
	CHECK(d->notes.n == 1 && strcmp(d->notes.v[0].text, "for the title page") == 0,
	      "a note before any slide is the title page's");
	const struct slide *sl = slide_at(d, 0, 0);
	CHECK(d->nsections == 1 && d->sections[0].no_cover,
	      "slides before any # have no cover");
	CHECK(sl && slide_steps(sl) == 3, "two pauses: three steps (%u)",
	      sl ? slide_steps(sl) : 0);
	const struct block *b = block_at(d, 0, 0, 0);
	CHECK(b && block_npoints(d, b) == 3 && block_point(d, b, 0)->step == 0 &&
	      block_point(d, b, 1)->step == 1 && block_point(d, b, 2)->step == 2,
	      "each point at its step");
	const struct notes *nt = sl ? slide_notes(d, sl) : NULL;
	CHECK(nt && nt->n == 2 && nt->v[0].step == 0 &&
	      strcmp(nt->v[0].text, "before the pause") == 0 &&
	      nt->v[1].step == 2 &&
	      strcmp(nt->v[1].text, "after two pauses\n  indented") == 0,
	      "notes at the step they follow, a block scalar dedented");
	const struct slide *two = slide_at(d, 0, 1);
	nt = two ? slide_notes(d, two) : NULL;
	CHECK(nt && nt->n == 1 &&
	      strcmp(nt->v[0].text, "pandoc's notes, **as written**") == 0,
	      "a notes div after end_slide goes to the next slide, as written");
	CHECK(d->nwarnings == 0, "none of this is warned about (%zu)",
	      d->nwarnings);
	deck_free(d);
}

static void test_shown_as_text(void)
{
	const char *src =
		"---\ntitle: t\nauthor: me\n---\n\n"
		"## S\n\n"
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n"
		"![pic](x.png) and [site](http://x)\n\n"
		"<div>raw</div>\n\n"
		"> quoted\n\n"
		"- outer\n  - inner\n\n"
		"#### deep\n\n"
		"text <!-- pause --> inline\n\n"
		"<!-- speaker_note: never closed\n\n"
		"## After\n";
	struct deck *d = md(src);
	if (!d)
		return;
	static const struct { const char *needle; size_t line; } w[] = {
		{ "key \"author\" is not used", 3 },
		{ "a table", 8 },
		{ "an image", 12 },
		{ "a link", 12 },
		{ "raw HTML", 14 },
		{ "a block quote", 16 },
		{ "a list inside a list item", 19 },
		{ "heading level 4", 21 },
		{ "a pause inside a paragraph", 23 },
		{ "never closed by \"-->\"", 25 },
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		CHECK(warning_line(d, src, w[i].needle) == w[i].line,
		      "'%s' at line %zu, not %zu", w[i].needle, w[i].line,
		      warning_line(d, src, w[i].needle));
	const struct block *b = block_at(d, 0, 0, 0);
	size_t np = b ? block_npoints(d, b) : 0;
	CHECK(np == 9, "everything kept as points (%zu)", np);
	CHECK(np > 0 && strcmp(point_text(d, block_point(d, b, 0)),
				"| a | b |\n|---|---|\n| 1 | 2 |") == 0,
	      "a table keeps its lines");
	CHECK(np > 1 && strcmp(point_text(d, block_point(d, b, 1)),
				"![pic](x.png) and [site](http://x)") == 0,
	      "an image and a link as their Markdown");
	CHECK(np > 2 && block_point(d, b, 2)->kind == POINT_CODE &&
	      strcmp(point_text(d, block_point(d, b, 2)), "<div>raw</div>") == 0,
	      "raw HTML verbatim");
	CHECK(np > 8 && strcmp(point_text(d, block_point(d, b, 8)),
				"<!-- speaker_note: never closed") == 0,
	      "an unclosed comment's line as text");
	CHECK(slide_at(d, 0, 1) &&
	      strcmp(slide_header(d, slide_at(d, 0, 1)), "After") == 0,
	      "and what follows it still read");
	deck_free(d);
}

/* ---- the exporter ------------------------------------------------------ */

static const char *const tricky[] = {
	"1. starts like a list", "12) so does this", "a. and this", "IV. and this",
	"1.18 is a number", "- a dash", "+ a plus", "> a quote", "= equals",
	": colon", "( parens )", "# hash", "C# and F#", "a * b _ c", "**not bold**",
	"<b>not a tag</b> < 3", "&amp; &#32; & plain", "[not](a link) ![nor](this)",
	"`not code`", "~~not struck~~", "\\ backslash \\", " leading space",
	"trailing space ", "  two  spaces  ", "| not | a | table |", "::: notes",
	"<!-- not a comment -->", "---", "***", "{.after-points}",
	"中文，全角：标点", "@user $5 ^up^ ~down~", "",
};

/* A handle for s, in d's pool. */
static uint32_t str(struct deck *d, const char *s)
{
	return deck_intern(d, s, strlen(s));
}

static char *export_md(const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;
	export_markdown(&sb, d, "t.md", NULL);
	return sb_take(&sb);
}

static void test_escaping(void)
{
	struct deck *d = deck_new();
	d->title = deck_strdup(d, "Title: \"quoted\" \\ and \xEF\xBB\xBF");
	deck_add_toc(d, "# not a heading");
	struct section *s = deck_add_section(d);
	s->title = deck_strdup(d, "# not a heading");
	struct slide *sl = deck_add_slide(d);
	sl->header = str(d, "## Header {with braces}");
	size_t n = sizeof tricky / sizeof *tricky;
	for (size_t i = 0; i < n; i++) {
		struct block *b = deck_add_block(d);
		b->title = str(d, tricky[i]);
		struct point *p = deck_add_point(d);
		p->text = str(d, tricky[i]);
		p = deck_add_point(d);
		p->kind = POINT_PARAGRAPH;
		p->text = str(d, tricky[i][0] ? tricky[i] : "x");
	}
	/* runs where CommonMark's flanking rules need care */
	struct block *b = deck_add_block(d);
	b->title = str(d, "runs");
	static const struct { const char *text; size_t start, end; uint32_t attr; }
	r[] = {
		{ "x(y)z", 1, 4, RUN_EMPH },      /* emphasis opening on '(' */
		{ "a b", 0, 2, RUN_STRONG },      /* a space before the closer */
		{ "a b", 1, 3, RUN_EMPH },        /* a space after the opener */
		{ "ab", 0, 1, RUN_STRONG },       /* intraword */
		{ "a``b", 0, 4, RUN_CODE },       /* backticks in code */
		{ "`x`", 0, 3, RUN_CODE },        /* code starting with one */
	};
	for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
		struct point *p = deck_add_point(d);
		p->text = str(d, r[i].text);
		runs_add(&point_style(d, p)->runs, r[i].start, r[i].end,
			 r[i].attr);
	}
	struct point *p = deck_add_point(d);
	p->text = str(d, "strong then emphasis");
	struct attr_runs *pr = &point_style(d, p)->runs;
	runs_add(pr, 0, 6, RUN_STRONG);
	runs_add(pr, 6, 11, RUN_STRONG | RUN_EMPH);
	runs_add(pr, 11, 20, RUN_EMPH);
	/* emphasis reopened between two punctuation marks inside strong: a
	 * "*" there is right-flanking too and would close the "***" before
	 * it (written "_"; the fuzzer's stacked-delimiters cases) */
	static const char *const reopen[] = { "t}(b", "t} (b", "t}(b)" };
	for (size_t i = 0; i < sizeof reopen / sizeof *reopen; i++) {
		p = deck_add_point(d);
		p->text = str(d, reopen[i]);
		pr = &point_style(d, p)->runs;
		size_t n2 = strlen(reopen[i]);
		runs_add(pr, 0, 1, RUN_STRONG | RUN_EMPH);
		runs_add(pr, 1, 2, RUN_STRONG);
		runs_add(pr, 2, n2, RUN_STRONG | RUN_EMPH);
	}
	p = deck_add_point(d);
	p->kind = POINT_PARAGRAPH;
	p->text = str(d, "a line\n  and another\n- not a list");

	char *m1 = export_md(d);
	struct deck *e = md(m1);
	if (!e) {
		free(m1);
		deck_free(d);
		return;
	}
	CHECK(strcmp(e->title, d->title) == 0, "title '%s'", e->title);
	CHECK(e->ntoc == 1 && strcmp(e->toc[0].title, d->toc[0].title) == 0 &&
	      e->nsections == 1 && strcmp(e->sections[0].title, s->title) == 0 &&
	      e->sections[0].toc_index == 0, "contents and section");
	const struct slide *dl = slide_at(d, 0, 0), *el = slide_at(e, 0, 0);
	size_t dn = slide_nblocks(d, dl), en = el ? slide_nblocks(e, el) : 0;
	CHECK(el && strcmp(slide_header(e, el), slide_header(d, dl)) == 0,
	      "header '%s'", el ? slide_header(e, el) : "");
	CHECK(el && en == dn, "%zu blocks, %zu back", dn, en);
	for (size_t k = 0; k < dn && k < en; k++) {
		const struct block *x = slide_block(d, dl, k);
		const struct block *y = slide_block(e, el, k);
		const char *xt = block_title(d, x), *yt = block_title(e, y);
		size_t xn = block_npoints(d, x), yn = block_npoints(e, y);
		CHECK(strcmp(xt, yt) == 0, "title '%s' came back '%s'", xt, yt);
		CHECK(xn == yn, "block '%s': points", xt);
		for (size_t i = 0; i < xn && i < yn; i++) {
			const struct point *u = block_point(d, x, i);
			const struct point *v = block_point(e, y, i);
			const char *ut = point_text(d, u);
			const char *vt = point_text(e, v);
			CHECK(strcmp(ut, vt) == 0 && u->kind == v->kind,
			      "'%s' came back '%s'", ut, vt);
			const struct attr_runs *ur = point_runs(d, u);
			const struct attr_runs *vr = point_runs(e, v);
			bool same = ur->n == vr->n;
			for (size_t q = 0; same && q < ur->n; q++)
				same = ur->v[q].start == vr->v[q].start &&
				       ur->v[q].end == vr->v[q].end &&
				       ur->v[q].attr == vr->v[q].attr;
			CHECK(same, "the runs of '%s'", ut);
		}
	}
	char *m2 = export_md(e);
	if (getenv("TEST_MARKDOWN_DUMP"))
		fputs(m1, stderr);
	CHECK(strcmp(m1, m2) == 0, "exported again: the same bytes");
	CHECK(strstr(m1, "1\\. starts like a list") && strstr(m1, "C\\# and F\\#") &&
	      strstr(m1, "&lt;b>not a tag&lt;/b> < 3") &&
	      strstr(m1, "&amp;amp; &amp;\\#32; & plain"),
	      "escapes where needed, and only there");
	free(m1);
	free(m2);
	deck_free(e);
	deck_free(d);
}

/* The importer's guesses, at the lines of the Markdown written. */
static void test_guesses_located(const char *demo)
{
	struct lt_error err;
	struct deck *d = NULL;
	if (!deck_load(demo, NULL, &d, &err)) {
		CHECK(false, "demo deck: %s", err.what);
		return;
	}
	struct strbuf out = STRBUF_INIT, diag = STRBUF_INIT;
	export_markdown(&out, d, "demo.md", &diag);
	size_t lines = 0, good = 0;
	for (char *l = diag.data; l && *l;) {
		char *nl = strchr(l, '\n');
		*nl = '\0';
		unsigned line, col;
		char title[256];
		lines++;
		if (sscanf(l, "demo.md:%u:%u: warning: slide %*u: guessed where the "
			   "block title \"%255[^\"]", &line, &col, title) == 3) {
			/* the line written there is "### " and that title */
			const char *at = out.data;
			for (unsigned k = 1; k < line && at; k++) {
				at = strchr(at, '\n');
				at = at ? at + 1 : NULL;
			}
			good += at && col == 5 && strncmp(at, "### ", 4) == 0 &&
				strncmp(at + 4, title, strlen(title)) == 0;
		} else {
			good += sscanf(l, "demo.md:%u:%u: ", &line, &col) == 2;
		}
		l = nl + 1;
	}
	CHECK(lines == d->nwarnings && good == lines, "%zu warnings, %zu lines, "
	      "%zu at the right place", d->nwarnings, lines, good);
	sb_free(&out);
	sb_free(&diag);
	deck_free(d);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	test_structure();
	test_steps_and_notes();
	test_shown_as_text();
	test_escaping();
	if (argc > 1)
		test_guesses_located(argv[1]);
	return check_done();
}
