/* test_md_pieces.c — the Markdown importer reads a large deck a piece at a
 * time (markdown.c, "pieces"), and the deck must not show it: for every
 * input, the deck from the whole text at once, from the smallest pieces
 * (a cut at every line that may end one) and from pieces of a few sizes
 * between are the same in every field an export or the viewer reads
 * (the JSON and Markdown exports, which hold the text, runs, kinds,
 * numbers, steps and notes; every node's source range; and, read through
 * the deck's accessors, what it keeps aside by node: points' numbers,
 * runs and info strings, blocks' title runs, slides' header runs and
 * notes; every warning).
 * The inputs: texts made to tempt a wrong cut (a "---" or a heading
 * inside a fence, an HTML block, a notes div, a list; a setext heading; a
 * byte order mark after a cut; link references), whose decks are also
 * checked for what they must hold; then every .md file in the paths given
 * (the demo decks, the fuzz corpus, the golden decks), and the Markdown
 * export of every outline deck (.txt) there (the corpus: many sections,
 * slides and warnings). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/loader.h"
#include "lectern/markdown.h"
#include "lectern/source.h"
#include "lectern/strbuf.h"

static void put_span(struct strbuf *sb, const char *what, struct span s)
{
	sb_printf(sb, "%s [%u, %u)\n", what, s.start, s.end);
}

static void put_runs(struct strbuf *sb, const struct attr_runs *r)
{
	for (size_t i = 0; i < r->n; i++)
		sb_printf(sb, " run [%u, %u) %u\n", r->v[i].start, r->v[i].end,
			  r->v[i].attr);
}

static void put_notes(struct strbuf *sb, const struct notes *n)
{
	for (size_t i = 0; i < n->n; i++) {
		put_span(sb, "note", n->v[i].src);
		sb_printf(sb, " step %u %s\n", n->v[i].step, n->v[i].text);
	}
}

/* Everything of d that could differ, as text. Caller frees. */
static char *describe(const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;
	export_json(&sb, d);
	export_markdown(&sb, d, "test.md", NULL);
	put_notes(&sb, &d->notes);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		put_span(&sb, "section", sec->src);
		sb_printf(&sb, "toc %zu\n", sec->toc_index);
		put_runs(&sb, &sec->title_runs);
		put_notes(&sb, &sec->notes);
		for (size_t l = 0; l < sec->nslides; l++) {
			const struct slide *sl = section_slide(d, sec, l);
			put_span(&sb, "slide", sl->src);
			put_runs(&sb, slide_header_runs(d, sl));
			put_notes(&sb, slide_notes(d, sl));
			size_t nb = slide_nblocks(d, sl);
			for (size_t b = 0; b < nb; b++) {
				const struct block *bl = slide_block(d, sl, b);
				put_span(&sb, "block", bl->src);
				put_runs(&sb, block_title_runs(d, bl));
				size_t np = block_npoints(d, bl);
				for (size_t p = 0; p < np; p++) {
					const struct point *pt =
						block_point(d, bl, p);
					const char *info = point_info(d, pt);
					put_span(&sb, "point", pt->src);
					sb_printf(&sb, " number %u info %s\n",
						  point_number(d, pt),
						  info ? info : "(none)");
					put_runs(&sb, point_runs(d, pt));
				}
			}
		}
	}
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		sb_printf(&sb, "warning %zu %zu %zu %zu %s\n", w->offset,
			  w->section, w->slide, w->seq, w->message);
	}
	sb_printf(&sb, "not listed %zu\n", d->warnings_not_listed);
	return sb_take(&sb);
}

/* The deck of bytes in pieces of `piece`, described; *parses how many
 * times cmark ran. NULL when it did not load. */
static char *import(const char *name, const char *bytes, size_t n,
		    size_t piece, size_t *parses)
{
	struct source src;
	struct lt_error err;
	if (!source_from_bytes(name, bytes, n, "UTF-8", &src, &err))
		return NULL; /* not text: not the importer's */
	struct deck *d = NULL;
	bool ok = markdown_import_pieces(&src, piece, parses, &d, &err);
	source_free(&src);
	CHECK(ok, "%s: did not load: %s", name, err.what);
	if (!ok)
		return NULL;
	char *s = describe(d);
	deck_free(d);
	return s;
}

/* The first line where a and b differ, for the failure message. */
static size_t first_difference(const char *a, const char *b)
{
	size_t line = 1;
	for (; *a && *a == *b; a++, b++)
		line += *a == '\n';
	return line;
}

static const size_t pieces[] = { 0, 1, 40, 300, 4096 };

/* Every piece size gives the deck of the whole text. The most parses the
 * smallest pieces took. */
static size_t same_in_pieces(const char *name, const char *bytes, size_t n)
{
	size_t parses = 0, most = 0;
	char *whole = import(name, bytes, n, SIZE_MAX, &parses);
	if (!whole)
		return 0;
	for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
		char *in = import(name, bytes, n, pieces[i], &parses);
		if (!in)
			continue;
		CHECK(strcmp(whole, in) == 0, "%s: in pieces of %zu bytes the "
		      "deck differs from line %zu of its description", name,
		      pieces[i], first_difference(whole, in));
		if (parses > most)
			most = parses;
		free(in);
	}
	free(whole);
	return most;
}

struct tempt {
	const char *name;
	const char *text;
	size_t min_parses; /* with the smallest pieces */
	const char *holds; /* the description of the deck holds this */
};

static const struct tempt tempts[] = {
	{ "plain", "# A\n\n## a\n\n- x\n- y\n\n---\n\n## b\n\n1. z\n\n# B\n\n"
	  "## c\n\ntext\n", 5, "\"z\"" },
	{ "fence", "## a\n\n```\n\n---\n\n# not a section\n```\n\n---\n\n"
	  "## b\n", 3, "# not a section" },
	{ "tilde fence unclosed", "## a\n\n~~~\n---\n# x\n\n---\n", 1,
	  "# x" },
	{ "comment", "## a\n\n<!--\n\n---\n\n# x\n-->\n\n## b\n\n- y\n", 2,
	  "\"y\"" },
	{ "comment unclosed", "## a\n\n<!-- open\n\n---\n\n# x\n\n## b\n", 1,
	  "never closed" },
	{ "pre", "## a\n\n<pre>\n\n---\n\n# x\n</pre>\n\n---\n\n## b\n", 3,
	  "# x" },
	{ "div html", "## a\n\n<div>\n---\n# x\n\n---\n\n## b\n", 3,
	  "raw HTML" },
	{ "notes across", "## a\n\n- p\n\n::: notes\nsay this\n\n---\n\n"
	  "# not a section\n:::\n\n- q\n\n## b\n", 2, "not a section" },
	{ "notes and more", "## a\n\n::: notes\nn1\n:::\n- after\n\n---\n\n"
	  "## b\n\n::: notes\nn2\n:::\n", 2, "\"after\"" },
	{ "setext", "## a\n\npara\n---\n\ntext\n===\n\n## b\n", 2,
	  "\"b\"" },
	{ "list", "## a\n\n- x\n\n  y\n---\n- z\n\n   # h\n\n---\n", 3,
	  "\"z\"" },
	{ "quote", "## a\n\n> q\n---\n> r\n# h\n", 3, "block quote" },
	{ "bom", "## a\n\n---\n\xEF\xBB\xBF## b\n\n- x\n", 2, "\"a\"" },
	{ "reference", "## a\n\n- [r]\n\n---\n\n## b\n\n[r]: http://x\n", 1,
	  "\"b\"" },
	{ "crlf", "## a\r\n\r\n- x\r\n\r\n---\r\n\r\n## b\r\n\r\n- y\r\n", 3,
	  "\"y\"" },
	{ "lone cr", "## a\r\r- x\r\r---\r\r## b\r- y\r", 3, "\"y\"" },
	{ "front matter", "---\ntitle: T\n---\n\n# S\n\n## a\n\n---\n\n## b\n",
	  3, "\"T\"" },
	{ "no end of line", "## a\n\n---", 2, "\"a\"" },
};

static void check_tempts(void)
{
	for (size_t i = 0; i < sizeof tempts / sizeof *tempts; i++) {
		const struct tempt *t = &tempts[i];
		size_t n = strlen(t->text);
		size_t most = same_in_pieces(t->name, t->text, n);
		CHECK(most >= t->min_parses, "%s: %zu parses in the smallest "
		      "pieces, %zu expected", t->name, most, t->min_parses);
		size_t parses;
		char *d = import(t->name, t->text, n, 0, &parses);
		CHECK(d && strstr(d, t->holds), "%s: the deck does not hold %s",
		      t->name, t->holds);
		free(d);
	}
}

/* Notes divs across "---": a piece cut inside one would take a fresh
 * parse after its closer where the whole text takes none, and past the
 * importer's limit of fresh parses, the deck would change. */
static void check_many_notes(void)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "## a\n\n");
	for (int i = 0; i < 80; i++)
		sb_printf(&sb, "::: notes\nn%d\n\n---\n\n:::\n\n- q%d\n\n", i, i);
	same_in_pieces("many notes", sb.data, sb.len);
	sb_free(&sb);
}

/* The text of the file at path as lectern reads it (UTF-8 checked, a BOM
 * dropped), or NULL when it is not text. Caller frees. */
static char *read_text(const char *path, size_t *n)
{
	struct source src;
	struct lt_error err;
	if (!source_read(path, "UTF-8", &src, &err))
		return NULL;
	char *t = xmalloc(src.len + 1);
	memcpy(t, src.text, src.len);
	t[src.len] = '\0';
	*n = src.len;
	source_free(&src);
	return t;
}

/* The outline deck at path, exported as Markdown. */
static char *as_markdown(const char *path, size_t *n)
{
	struct deck *d;
	struct lt_error err;
	if (!deck_load(path, NULL, &d, &err))
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	export_markdown(&sb, d, path, NULL);
	deck_free(d);
	*n = sb.len;
	return sb_take(&sb);
}

static size_t files;

/* Every .md file under path; with any_name, every file; with outline,
 * every .txt file, read as an outline deck and exported as Markdown. */
static void check_path(const char *path, bool any_name, bool outline)
{
	DIR *dir = opendir(path);
	if (dir) {
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (e->d_name[0] == '.')
				continue;
			char sub[4096];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			check_path(sub, any_name, outline);
		}
		closedir(dir);
		return;
	}
	size_t len = strlen(path);
	const char *want = outline ? ".txt" : ".md";
	size_t wl = strlen(want);
	if (!any_name && (len < wl || strcmp(path + len - wl, want) != 0))
		return;
	size_t n;
	char *bytes = outline ? as_markdown(path, &n) : read_text(path, &n);
	CHECK(bytes != NULL || any_name, "cannot read %s", path);
	if (!bytes)
		return; /* a fuzz input that is not text: no deck to compare */
	same_in_pieces(path, bytes, n);
	files++;
	free(bytes);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	check_tempts();
	check_many_notes();
	/* "--all DIR": every file of DIR (a fuzz corpus names no .md);
	 * "--outline DIR": its outline decks */
	for (int i = 1; i < argc; i++) {
		bool all = strcmp(argv[i], "--all") == 0 && i + 1 < argc;
		bool outline = strcmp(argv[i], "--outline") == 0 && i + 1 < argc;
		check_path(all || outline ? argv[++i] : argv[i], all, outline);
	}
	CHECK(argc < 2 || files > 0, "no Markdown file found in the paths given");
	printf("%zu files\n", files);
	return check_done();
}
