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
	return &d->sections[s].slides[l];
}

static const struct point *point_at(const struct deck *d, size_t s, size_t l,
				    size_t b, size_t p)
{
	const struct slide *sl = slide_at(d, s, l);
	if (!sl || b >= sl->nblocks || p >= sl->blocks[b].npoints)
		return NULL;
	return &sl->blocks[b].points[p];
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
	CHECK(sl && strcmp(sl->header, "Paths") == 0 && sl->nblocks == 3,
	      "slide 1: header and three blocks (%zu)", sl ? sl->nblocks : 0);
	const struct point *p = point_at(d, 0, 0, 0, 0);
	CHECK(p && p->kind == POINT_PARAGRAPH &&
	      strcmp(p->text, "Intro with strong, emphasis and code.") == 0,
	      "a paragraph before the first block title: '%s'", p ? p->text : "");
	CHECK(p && point_runs(p)->n == 3 &&
	      run_is(point_runs(p), 0, 11, 17, RUN_STRONG) &&
	      run_is(point_runs(p), 1, 19, 27, RUN_EMPH) &&
	      run_is(point_runs(p), 2, 32, 36, RUN_CODE), "its runs");
	CHECK(sl && strcmp(sl->blocks[1].title, "Dead loads") == 0, "block title");
	p = point_at(d, 0, 0, 1, 0);
	CHECK(p && p->kind == POINT_NUMBERED && p->number == 3 &&
	      strcmp(p->text, "three") == 0, "a list numbered from 3");
	p = point_at(d, 0, 0, 1, 1);
	CHECK(p && p->number == 4 &&
	      strcmp(p->text, "four, going on on the next line lazily") == 0,
	      "continuation and lazy lines: '%s'", p ? p->text : "");
	p = point_at(d, 0, 0, 1, 2);
	CHECK(p && p->kind == POINT_BULLET && strcmp(p->text, "a bullet") == 0,
	      "a bullet point");
	p = point_at(d, 0, 0, 1, 3);
	CHECK(p && p->kind == POINT_CODE && strcmp(p->text, "        int x;") == 0 &&
	      point_info(p) && strcmp(point_info(p), "c") == 0, "a code block, its tab "
	      "expanded: '%s'", p ? p->text : "");
	p = point_at(d, 0, 1, 0, 0);
	CHECK(p && strcmp(p->text, "中文第一行第二行") == 0 &&
	      strcmp(slide_at(d, 0, 1)->header, "") == 0,
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
	CHECK(sl && sl->blocks[0].npoints == 3 && sl->blocks[0].points[0].step == 0 &&
	      sl->blocks[0].points[1].step == 1 && sl->blocks[0].points[2].step == 2,
	      "each point at its step");
	CHECK(sl && sl->notes.n == 2 && sl->notes.v[0].step == 0 &&
	      strcmp(sl->notes.v[0].text, "before the pause") == 0 &&
	      sl->notes.v[1].step == 2 &&
	      strcmp(sl->notes.v[1].text, "after two pauses\n  indented") == 0,
	      "notes at the step they follow, a block scalar dedented");
	const struct slide *two = slide_at(d, 0, 1);
	CHECK(two && two->notes.n == 1 &&
	      strcmp(two->notes.v[0].text, "pandoc's notes, **as written**") == 0,
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
	const struct slide *sl = slide_at(d, 0, 0);
	const struct block *b = sl ? &sl->blocks[0] : NULL;
	CHECK(b && b->npoints == 9, "everything kept as points (%zu)",
	      b ? (size_t)b->npoints : 0);
	CHECK(b && strcmp(b->points[0].text, "| a | b |\n|---|---|\n| 1 | 2 |") == 0,
	      "a table keeps its lines");
	CHECK(b && strcmp(b->points[1].text,
			  "![pic](x.png) and [site](http://x)") == 0,
	      "an image and a link as their Markdown");
	CHECK(b && b->points[2].kind == POINT_CODE &&
	      strcmp(b->points[2].text, "<div>raw</div>") == 0, "raw HTML verbatim");
	CHECK(b && strcmp(b->points[8].text, "<!-- speaker_note: never closed") == 0,
	      "an unclosed comment's line as text");
	CHECK(slide_at(d, 0, 1) && strcmp(slide_at(d, 0, 1)->header, "After") == 0,
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
	struct slide *sl = section_add_slide(s);
	sl->header = deck_strdup(d, "## Header {with braces}");
	size_t n = sizeof tricky / sizeof *tricky;
	for (size_t i = 0; i < n; i++) {
		struct block *b = slide_add_block(sl);
		b->title = deck_strdup(d, tricky[i]);
		struct point *p = block_add_point(b);
		p->text = deck_strdup(d, tricky[i]);
		p = block_add_point(b);
		p->kind = POINT_PARAGRAPH;
		p->text = deck_strdup(d, tricky[i][0] ? tricky[i] : "x");
	}
	/* runs where CommonMark's flanking rules need care */
	struct block *b = slide_add_block(sl);
	b->title = deck_strdup(d, "runs");
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
		struct point *p = block_add_point(b);
		p->text = deck_strdup(d, r[i].text);
		runs_add(&point_style(p)->runs, r[i].start, r[i].end, r[i].attr);
	}
	struct point *p = block_add_point(b);
	p->text = deck_strdup(d, "strong then emphasis");
	struct attr_runs *pr = &point_style(p)->runs;
	runs_add(pr, 0, 6, RUN_STRONG);
	runs_add(pr, 6, 11, RUN_STRONG | RUN_EMPH);
	runs_add(pr, 11, 20, RUN_EMPH);
	/* emphasis reopened between two punctuation marks inside strong: a
	 * "*" there is right-flanking too and would close the "***" before
	 * it (written "_"; the fuzzer's stacked-delimiters cases) */
	static const char *const reopen[] = { "t}(b", "t} (b", "t}(b)" };
	for (size_t i = 0; i < sizeof reopen / sizeof *reopen; i++) {
		p = block_add_point(b);
		p->text = deck_strdup(d, reopen[i]);
		pr = &point_style(p)->runs;
		size_t n2 = strlen(reopen[i]);
		runs_add(pr, 0, 1, RUN_STRONG | RUN_EMPH);
		runs_add(pr, 1, 2, RUN_STRONG);
		runs_add(pr, 2, n2, RUN_STRONG | RUN_EMPH);
	}
	p = block_add_point(b);
	p->kind = POINT_PARAGRAPH;
	p->text = deck_strdup(d, "a line\n  and another\n- not a list");

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
	const struct slide *el = slide_at(e, 0, 0);
	CHECK(el && strcmp(el->header, sl->header) == 0, "header '%s'",
	      el ? el->header : "");
	CHECK(el && el->nblocks == sl->nblocks, "%zu blocks, %zu back",
	      sl->nblocks, el ? el->nblocks : 0);
	for (size_t k = 0; el && k < sl->nblocks && k < el->nblocks; k++) {
		const struct block *x = &sl->blocks[k], *y = &el->blocks[k];
		CHECK(strcmp(x->title, y->title) == 0, "title '%s' came back '%s'",
		      x->title, y->title);
		CHECK(x->npoints == y->npoints, "block '%s': points", x->title);
		for (size_t i = 0; i < x->npoints && i < y->npoints; i++) {
			const struct point *u = &x->points[i], *v = &y->points[i];
			CHECK(strcmp(u->text, v->text) == 0 && u->kind == v->kind,
			      "'%s' came back '%s'", u->text, v->text);
			const struct attr_runs *ur = point_runs(u), *vr = point_runs(v);
			bool same = ur->n == vr->n;
			for (size_t q = 0; same && q < ur->n; q++)
				same = ur->v[q].start == vr->v[q].start &&
				       ur->v[q].end == vr->v[q].end &&
				       ur->v[q].attr == vr->v[q].attr;
			CHECK(same, "the runs of '%s'", u->text);
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
