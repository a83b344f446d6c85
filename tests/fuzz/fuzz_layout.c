/* fuzz_layout.c — every slide of any deck the importer accepts, laid out
 * at a width of 1..300 columns with East Asian ambiguous characters 1 or 2
 * wide, and the other settings a config file may give (margin 0..40 or
 * auto, side_by_side, numbering), the contents heading from the deck as
 * the viewer and the export set it. The whole input is the deck file; its
 * first four bytes also pick the settings. Invariants (layout.h): spans lie
 * inside the width (but for one wide character alone at width 1), spans on
 * a line do not overlap, each span's width is its text's, all text is
 * inert, and no character of a content slide's header, titles, numbers or
 * points is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/layout.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

/* A single grapheme cluster two columns wide (a wide character alone):
 * the only thing allowed past a one-column line. */
static bool one_wide_cluster(const struct lspan *s, int amb)
{
	int used;
	return s->width == 2 && text_fit(s->text, s->len, 1, amb, &used) == 0 &&
	       text_fit(s->text, s->len, 2, amb, &used) == s->len;
}

struct cps {
	uint32_t *v;
	size_t n, cap;
};

/* The code points of s but spaces, appended to c. */
static void add_cps(struct cps *c, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += (size_t)text_decode(s + i, len - i, &cp);
		if (cp == ' ')
			continue;
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
		c->v[c->n++] = cp;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void check_content(const struct deck *d, const struct page *pg,
			  struct cps *got, size_t i, int w, int numbering)
{
	const struct slide *sl = section_slide(d, &d->sections[pg->section],
					       pg->slide);
	struct cps want = { NULL, 0, 0 };
	const char *header = slide_header(d, sl);
	add_cps(&want, header, strlen(header));
	size_t nb = slide_nblocks(d, sl);
	for (size_t b = 0; b < nb; b++) {
		const struct block *bk = slide_block(d, sl, b);
		const char *title = block_title(d, bk);
		add_cps(&want, title, strlen(title));
		size_t np = block_npoints(d, bk);
		for (size_t p = 0; p < np; p++) {
			char num[24];
			if (numbering == 2)
				snprintf(num, sizeof num, "-");
			else
				snprintf(num, sizeof num, numbering == 1 ?
					 "%zu)" : "%zu.", p + 1);
			add_cps(&want, num, strlen(num));
			const char *text = point_text(d, block_point(d, bk, p));
			add_cps(&want, text, strlen(text));
		}
	}
	if (got->n)
		qsort(got->v, got->n, sizeof *got->v, cmp_u32);
	if (want.n)
		qsort(want.v, want.n, sizeof *want.v, cmp_u32);
	FUZZ_CHECK(got->n == want.n && (got->n == 0 ||
		   memcmp(got->v, want.v, got->n * sizeof *got->v) == 0),
		   "slide %zu at width %d: %zu characters shown, %zu in the "
		   "deck", i, w, got->n, want.n);
	free(want.v);
}

static void check_page(const struct deck *d, const struct deck_index *ix,
		       size_t i, const struct page *pg, const struct layout_opts *o)
{
	int w = o->width, amb = o->ambiguous;
	size_t sec, sl;
	enum page_kind kind = deck_index_locate(ix, d, i, &sec, &sl);
	FUZZ_CHECK(pg->kind == kind, "slide %zu: page kind %d, index says %d",
		   i, (int)pg->kind, (int)kind);
	if (kind == PAGE_COVER || kind == PAGE_CONTENT)
		FUZZ_CHECK(pg->section == sec && sec < d->nsections,
			   "slide %zu: section %zu, index says %zu", i,
			   pg->section, sec);
	if (kind == PAGE_CONTENT)
		FUZZ_CHECK(pg->slide == sl && sl < d->sections[sec].nslides,
			   "slide %zu: slide %zu, index says %zu", i, pg->slide,
			   sl);
	struct cps got = { NULL, 0, 0 };
	int widest = 0;
	for (size_t n = 0; n < pg->nlines; n++) {
		const struct lline *l = &pg->lines[n];
		FUZZ_CHECK(l->first <= pg->nspans && l->count <= pg->nspans -
			   l->first, "slide %zu line %zu: spans [%zu, +%zu) of "
			   "%zu", i, n, l->first, l->count, pg->nspans);
		if (kind == PAGE_CONTENT && l->block >= 0) {
			const struct slide *s = section_slide(d, &d->sections[sec],
							      sl);
			size_t b = (size_t)l->block;
			FUZZ_CHECK(b < slide_nblocks(d, s) && (l->point < 0 ||
				   (size_t)l->point < block_npoints(d,
							slide_block(d, s, b))),
				   "slide %zu line %zu: block %d point %d", i, n,
				   l->block, l->point);
		}
		int end = 0;
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *s = &pg->spans[l->first + k];
			fuzz_check_inert(s->text, s->len, "span");
			FUZZ_CHECK(s->style >= 0 && s->style < LS_COUNT,
				   "slide %zu: style %d", i, (int)s->style);
			FUZZ_CHECK(s->col >= end, "slide %zu at width %d line %zu: "
				   "span at column %d overlaps the one before, "
				   "to %d", i, w, n, s->col, end);
			int tw = text_width(s->text, s->len, amb);
			FUZZ_CHECK(tw == s->width, "slide %zu line %zu: span "
				   "width %d, its text %d: %.*s", i, n, s->width,
				   tw, (int)s->len, s->text);
			FUZZ_CHECK(s->col + s->width <= w || (w < 2 && s->col == 0 &&
				   one_wide_cluster(s, amb)), "slide %zu at "
				   "width %d (ambiguous %d) line %zu: span reaches "
				   "column %d: %.*s", i, w, amb, n,
				   s->col + s->width, (int)s->len, s->text);
			end = s->col + s->width;
			if (s->style != LS_RULE)
				add_cps(&got, s->text, s->len);
		}
		if (end > widest)
			widest = end;
	}
	FUZZ_CHECK(page_width(pg) == widest, "slide %zu: page_width %d, widest "
		   "line %d", i, page_width(pg), widest);
	if (kind == PAGE_CONTENT)
		check_content(d, pg, &got, i, w, o->numbering);
	free(got.v);
}

/* side_by_side values: the default, off (config's 0), and around the
 * widths where blocks start to fit side by side */
static const int sbs[] = { 100, 100000, 1, 2, 30, 60, 61, 63, 64, 80, 95,
			   99, 101, 120, 150, 200, 299, 10000 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	struct deck *d = fuzz_load(data, size);
	if (!d)
		return 0;
	unsigned pick = (unsigned)data[0] | (unsigned)data[1] << 8;
	struct layout_opts o;
	layout_opts_default(&o, (int)(pick % 300) + 1);
	o.ambiguous = (int)(pick / 300 % 2) + 1;
	if (data[2] % 48 <= 40) /* else the width's default */
		o.margin = data[2] % 48;
	o.side_by_side = sbs[data[3] % (sizeof sbs / sizeof *sbs)];
	o.numbering = data[3] / 64 % 3;
	struct deck_index ix;
	deck_index_build(&ix, d);
	for (size_t i = 0; i < ix.count; i++) {
		struct page *pg = layout_slide(d, &ix, i, &o);
		check_page(d, &ix, i, pg, &o);
		page_free(pg);
	}
	deck_index_free(&ix);
	deck_free(d);
	return 0;
}
