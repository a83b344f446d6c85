/* fuzz_markdown.c — the Markdown importer (source_from_bytes,
 * markdown_import) on any bytes, every export of every deck it builds, and
 * the round trip through the Markdown export. The whole input is the deck
 * file; its first byte also picks the text export's width, 1..200.
 * Invariants: every text file gives a deck (markdown_import refuses
 * nothing); the model is consistent (runs sorted, disjoint, on character
 * boundaries; steps within the slide's; every slide has a block) and its
 * text inert, with '\n' only inside points and notes; the JSON export is
 * well-formed JSON; no line of the text export (with notes) is wider than
 * the width; the Markdown export loads back to the same deck (text, runs,
 * kinds, numbers, steps, notes) and exports to the same bytes; the deck
 * read in the smallest pieces (markdown_import_pieces) exports as the
 * deck read whole does; a head of the input that tells the title
 * (markdown_head_title) tells the import's. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/export.h"
#include "lectern/layout.h"
#include "lectern/loader.h"
#include "lectern/markdown.h"
#include "lectern/source.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

static struct deck *load(const char *bytes, size_t n, bool must)
{
	struct source src;
	struct lt_error err;
	struct deck *d = NULL;
	err.what[0] = '\0';
	/* UTF-8 forced: the encodings are source.c's business (fuzz_outline) */
	if (!source_from_bytes("fuzz.md", bytes, n, "UTF-8", &src, &err)) {
		FUZZ_CHECK(!must, "the Markdown export is not a text file: %s",
			   err.what);
		FUZZ_CHECK(err.what[0], "source rejected the input silently");
		return NULL;
	}
	bool ok = deck_format_named("markdown")->import(&src, &d, &err);
	source_free(&src);
	FUZZ_CHECK(ok && d, "a text file gave no deck: %s", err.what);
	return d;
}

/* ---- the model ------------------------------------------------------- */

/* Inert, and '\n' only where lines may be. */
static void check_text(const char *s, bool lines, const char *what)
{
	size_t n = strlen(s), from = 0;
	for (;;) {
		const char *nl = memchr(s + from, '\n', n - from);
		FUZZ_CHECK(!nl || lines, "%s holds a line break", what);
		size_t to = nl ? (size_t)(nl - s) : n;
		fuzz_check_inert(s + from, to - from, what);
		if (!nl)
			break;
		from = to + 1;
	}
}

static void check_runs(const char *s, const struct attr_runs *r,
		       const char *what)
{
	size_t n = strlen(s), last = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct attr_run *x = &r->v[i];
		FUZZ_CHECK(x->start < x->end && x->end <= n && x->start >= last,
			   "%s: run %zu [%u, %u) in %zu bytes after %zu", what, i,
			   x->start, x->end, n, last);
		FUZZ_CHECK(x->attr && !(x->attr & ~(uint32_t)(RUN_STRONG | RUN_EMPH |
							      RUN_CODE)),
			   "%s: run %zu attributes %u", what, i, x->attr);
		FUZZ_CHECK(((unsigned char)s[x->start] & 0xC0) != 0x80 &&
			   (x->end == n || ((unsigned char)s[x->end] & 0xC0) != 0x80),
			   "%s: run %zu cuts a character", what, i);
		last = x->end;
	}
}

static void check_span(struct span sp, size_t size, const char *what)
{
	FUZZ_CHECK(sp.start <= sp.end && sp.end <= size,
		   "%s: source range [%zu, %zu) in %zu bytes", what,
		   (size_t)sp.start, (size_t)sp.end, size);
}

static void check_notes(const struct notes *ns, uint32_t steps, size_t size)
{
	for (size_t i = 0; i < ns->n; i++) {
		check_text(ns->v[i].text, true, "note");
		FUZZ_CHECK(ns->v[i].text[0], "an empty note");
		FUZZ_CHECK(ns->v[i].step < steps, "note at step %u of %u",
			   ns->v[i].step, steps);
		check_span(ns->v[i].src, size, "note");
	}
}

static void check_deck(const struct deck *d, size_t size)
{
	check_text(d->title, false, "deck title");
	check_notes(&d->notes, 1, size);
	for (size_t i = 0; i < d->ntoc; i++)
		check_text(d->toc[i].title, false, "toc entry");
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		check_text(sec->title, false, "section title");
		check_runs(sec->title, &sec->title_runs, "section title");
		check_span(sec->src, size, "section");
		check_notes(&sec->notes, 1, size);
		FUZZ_CHECK(!sec->no_cover || (s == 0 && sec->nslides &&
					      !sec->title[0] && !sec->notes.n),
			   "section %zu without a cover", s);
		FUZZ_CHECK(sec->toc_index == NO_INDEX || sec->toc_index < d->ntoc,
			   "section %zu: toc index", s);
		for (size_t l = 0; l < sec->nslides; l++) {
			const struct slide *sl = section_slide(d, sec, l);
			const char *header = slide_header(d, sl);
			uint32_t steps = slide_steps(sl);
			check_text(header, false, "header");
			check_runs(header, slide_header_runs(d, sl), "header");
			check_span(sl->src, size, "slide");
			check_notes(slide_notes(d, sl), steps, size);
			size_t nb = slide_nblocks(d, sl);
			FUZZ_CHECK(nb >= 1, "a slide with no block");
			uint32_t step = 0;
			for (size_t b = 0; b < nb; b++) {
				const struct block *bk = slide_block(d, sl, b);
				const char *title = block_title(d, bk);
				check_text(title, false, "block title");
				check_runs(title, block_title_runs(d, bk),
					   "block title");
				check_span(bk->src, size, "block");
				FUZZ_CHECK(bk->step >= step && bk->step < steps,
					   "block step %u after %u, of %u", bk->step,
					   step, steps);
				step = bk->step;
				size_t np = block_npoints(d, bk);
				for (size_t p = 0; p < np; p++) {
					const struct point *pt = block_point(d, bk, p);
					const char *text = point_text(d, pt);
					const char *info = point_info(d, pt);
					uint32_t number = point_number(d, pt);
					check_text(text, true, "point");
					check_runs(text, point_runs(d, pt), "point");
					check_span(pt->src, size, "point");
					FUZZ_CHECK(pt->kind <= POINT_CODE, "kind %u",
						   pt->kind);
					FUZZ_CHECK(pt->kind == POINT_CODE || !info,
						   "info on a point that is not code");
					/* a number is kept only on a numbered
					 * point, and only when it is not the
					 * point's place (point_number's 0) */
					FUZZ_CHECK(pt->kind == POINT_NUMBERED ||
						   number == 0, "number %u on "
						   "kind %u", number, pt->kind);
					FUZZ_CHECK(number != p + 1, "number %u "
						   "kept for point %zu, its place",
						   number, p + 1);
					FUZZ_CHECK(pt->step >= step && pt->step < steps,
						   "point step %u after %u, of %u",
						   pt->step, step, steps);
					step = pt->step;
					if (info)
						check_text(info, false, "info");
				}
			}
		}
	}
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		check_text(w->message, false, "warning");
		FUZZ_CHECK(w->offset <= size, "warning at %zu past %zu bytes: %s",
			   w->offset, size, w->message);
		FUZZ_CHECK(w->section <= d->nsections, "warning in section %zu",
			   w->section);
		FUZZ_CHECK(w->slide == 0 || (w->section > 0 && w->slide <=
				d->sections[w->section - 1].nslides),
			   "warning in section %zu, slide %zu", w->section, w->slide);
		FUZZ_CHECK(i == 0 || d->warnings[i - 1].offset <= w->offset,
			   "warnings out of order at %zu", i);
	}
}

/* ---- the round trip -------------------------------------------------- */

static void same_text(const char *a, const char *b, const char *what)
{
	FUZZ_CHECK(strcmp(a, b) == 0, "round trip: %s \"%.200s\" came back as "
		   "\"%.200s\"", what, a, b);
}

static void same_runs(const struct attr_runs *a, const struct attr_runs *b,
		      const char *text, const char *what)
{
	bool same = a->n == b->n;
	for (size_t i = 0; same && i < a->n; i++)
		same = a->v[i].start == b->v[i].start && a->v[i].end == b->v[i].end &&
		       a->v[i].attr == b->v[i].attr;
	FUZZ_CHECK(same, "round trip: the runs of %s \"%.200s\" differ (%zu, %zu)",
		   what, text, a->n, b->n);
}

static void same_notes(const struct notes *a, const struct notes *b)
{
	FUZZ_CHECK(a->n == b->n, "round trip: %zu notes, then %zu", a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		same_text(a->v[i].text, b->v[i].text, "note");
		FUZZ_CHECK(a->v[i].step == b->v[i].step, "round trip: note step");
	}
}

static void same_deck(const struct deck *a, const struct deck *b)
{
	same_text(a->title, b->title, "title");
	same_notes(&a->notes, &b->notes);
	FUZZ_CHECK(a->ntoc == b->ntoc, "round trip: contents");
	for (size_t i = 0; i < a->ntoc; i++)
		same_text(a->toc[i].title, b->toc[i].title, "contents entry");
	FUZZ_CHECK(a->nsections == b->nsections, "round trip: %zu sections, "
		   "then %zu", a->nsections, b->nsections);
	for (size_t s = 0; s < a->nsections; s++) {
		const struct section *x = &a->sections[s], *y = &b->sections[s];
		same_text(x->title, y->title, "section");
		same_runs(&x->title_runs, &y->title_runs, x->title, "section");
		same_notes(&x->notes, &y->notes);
		FUZZ_CHECK(x->no_cover == y->no_cover && x->toc_index == y->toc_index,
			   "round trip: section %zu's cover or contents entry", s);
		FUZZ_CHECK(x->nslides == y->nslides, "round trip: section %zu has "
			   "%zu slides, then %zu", s, x->nslides, y->nslides);
		for (size_t l = 0; l < x->nslides; l++) {
			const struct slide *p = section_slide(a, x, l);
			const struct slide *q = section_slide(b, y, l);
			const char *header = slide_header(a, p);
			same_text(header, slide_header(b, q), "header");
			same_runs(slide_header_runs(a, p), slide_header_runs(b, q),
				  header, "header");
			same_notes(slide_notes(a, p), slide_notes(b, q));
			FUZZ_CHECK(slide_steps(p) == slide_steps(q), "round trip: "
				   "steps of \"%s\"", header);
			size_t pn = slide_nblocks(a, p), qn = slide_nblocks(b, q);
			FUZZ_CHECK(pn == qn, "round trip: slide \"%s\" has %zu "
				   "blocks, then %zu", header, pn, qn);
			for (size_t k = 0; k < pn; k++) {
				const struct block *u = slide_block(a, p, k);
				const struct block *v = slide_block(b, q, k);
				const char *title = block_title(a, u);
				same_text(title, block_title(b, v), "block title");
				same_runs(block_title_runs(a, u),
					  block_title_runs(b, v), title,
					  "block title");
				FUZZ_CHECK(u->step == v->step && u->title_after_points ==
					   v->title_after_points, "round trip: block "
					   "\"%s\"", title);
				size_t un = block_npoints(a, u);
				size_t vn = block_npoints(b, v);
				FUZZ_CHECK(un == vn, "round trip: block \"%s\" has "
					   "%zu points, then %zu", title, un, vn);
				for (size_t i = 0; i < un; i++) {
					const struct point *e = block_point(a, u, i);
					const struct point *f = block_point(b, v, i);
					const char *text = point_text(a, e);
					const char *ei = point_info(a, e);
					const char *fi = point_info(b, f);
					same_text(text, point_text(b, f), "point");
					same_runs(point_runs(a, e), point_runs(b, f),
						  text, "point");
					FUZZ_CHECK(e->kind == f->kind &&
						   point_number(a, e) ==
						   point_number(b, f) &&
						   e->step == f->step, "round trip: the "
						   "kind, number or step of \"%.200s\"",
						   text);
					same_text(ei ? ei : "", fi ? fi : "", "info");
				}
			}
		}
	}
}

static void check_exports(const struct deck *d, int width)
{
	struct strbuf sb = STRBUF_INIT;
	export_json(&sb, d);
	struct fuzz_json j;
	fuzz_check_json(sb.data, sb.len, &j);
	FUZZ_CHECK(j.headers == deck_count_slides(d), "JSON: %zu slides", j.headers);
	sb_reset(&sb);
	struct layout_opts o;
	layout_opts_default(&o, width);
	export_text_notes(&sb, d, &o);
	const char *s = sb.data ? sb.data : "";
	for (size_t i = 0; i < sb.len;) {
		const char *nl = memchr(s + i, '\n', sb.len - i);
		size_t len = (size_t)(nl - (s + i));
		if (len >= 1 && s[i] == '\f') {
			/* a slide's first line: a form feed and its number */
			fuzz_check_inert(s + i + 1, len - 1, "slide number line");
		} else {
			fuzz_check_inert(s + i, len, "text export line");
			int w = text_width(s + i, len, o.ambiguous);
			FUZZ_CHECK(w <= width || (width < 2 && w <= 2), "text export "
				   "at width %d: a line of %d columns: %.*s", width, w,
				   (int)len, s + i);
		}
		i += len + 1;
	}
	sb_free(&sb);
}

/* The JSON and Markdown exports of d. Caller frees. */
static char *exports(const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;
	export_json(&sb, d);
	export_markdown(&sb, d, "fuzz.md", NULL);
	return sb_take(&sb);
}

/* Read whole and in the smallest pieces, the deck is the same. */
static void check_pieces(const char *bytes, size_t n)
{
	struct deck *p[2] = { NULL, NULL };
	const size_t piece[2] = { SIZE_MAX, 0 };
	for (int i = 0; i < 2; i++) {
		struct source src;
		struct lt_error err;
		if (!source_from_bytes("fuzz.md", bytes, n, "UTF-8", &src, &err))
			return;
		bool ok = markdown_import_pieces(&src, piece[i], NULL, &p[i], &err);
		source_free(&src);
		FUZZ_CHECK(ok, "pieces of %zu: no deck: %s", piece[i], err.what);
	}
	char *a = exports(p[0]), *b = exports(p[1]);
	FUZZ_CHECK(strcmp(a, b) == 0, "read in pieces, the deck differs:\n"
		   "%.2000s\n----\n%.2000s", a, b);
	free(a);
	free(b);
	deck_free(p[0]);
	deck_free(p[1]);
}

/* The title page from a head of the file (markdown_head_title), when it
 * says it knows, is the full import's title: cut at a few places. */
static void check_heads(const char *bytes, size_t n, const struct deck *d)
{
	for (size_t k = 1; k <= 8 && n; k++) {
		size_t cut = n * k / 8;
		struct source head;
		struct lt_error err;
		if (!source_from_bytes("fuzz.md", bytes, cut, "UTF-8", &head, &err))
			continue; /* a character cut in two: the loader's head
				   * reader would cut before it */
		char *title = NULL;
		/* true with no title: a front matter too long to read for
		 * the first screen, which tells nothing */
		if (markdown_head_title(&head, &title) && title)
			FUZZ_CHECK(strcmp(title, d->title) == 0, "the head of %zu "
				   "bytes of %zu tells the title \"%s\", the "
				   "import gives \"%s\"", cut, n, title, d->title);
		free(title);
		source_free(&head);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck *d = load((const char *)data, size, false);
	if (!d)
		return 0;
	check_deck(d, size);
	check_exports(d, size ? data[0] % 200 + 1 : 80);
	check_pieces((const char *)data, size);
	check_heads((const char *)data, size, d);
	/* Markdown, back: the same deck, and the same bytes again */
	struct strbuf md = STRBUF_INIT, md2 = STRBUF_INIT, diag = STRBUF_INIT;
	export_markdown(&md, d, "fuzz.md", &diag);
	struct deck *e = load(md.data, md.len, true);
	check_deck(e, md.len);
	same_deck(d, e);
	export_markdown(&md2, e, "fuzz.md", NULL);
	FUZZ_CHECK(md.len == md2.len && memcmp(md.data, md2.data, md.len) == 0,
		   "Markdown to Markdown changed the bytes (%zu, %zu)", md.len,
		   md2.len);
	sb_free(&md);
	sb_free(&md2);
	sb_free(&diag);
	deck_free(d);
	deck_free(e);
	return 0;
}
