/* test_layout.c — layout properties over real decks at many widths: every
 * span inside the width, spans never overlapping, recorded widths true to
 * the text, and no character of a header, title or point lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/layout.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The non-space code points of s appended to *v, for comparing contents. */
static void add_cps(uint32_t **v, size_t *n, size_t *cap, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += (size_t)text_decode(s + i, len - i, &cp);
		if (cp == ' ')
			continue;
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = cp;
	}
}

static void check_page(const struct deck *d, const struct page *pg, int w,
		       int amb, const char *name, size_t slide)
{
	uint32_t *got = NULL, *want = NULL;
	size_t ng = 0, nw = 0, cg = 0, cw = 0;
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct lline *l = &pg->lines[i];
		int end = 0;
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *s = &pg->spans[l->first + k];
			CHECK(s->col >= end, "%s slide %zu line %zu: spans overlap", name, slide, i);
			CHECK(text_width(s->text, s->len, amb) == s->width,
			      "%s: recorded width %d", name, s->width);
			bool one_cluster = s->width <= 2 && s->len <= 4;
			CHECK(s->col + s->width <= w || (w < 2 && one_cluster),
			      "%s slide %zu at %d: line %zu reaches column %d", name,
			      slide, w, i, s->col + s->width);
			end = s->col + s->width;
			if (s->style != LS_RULE)
				add_cps(&got, &ng, &cg, s->text, s->len);
		}
	}
	if (pg->kind == PAGE_CONTENT) {
		const struct slide *sl = section_slide(d, &d->sections[pg->section],
						       pg->slide);
		const char *header = slide_header(d, sl);
		add_cps(&want, &nw, &cw, header, strlen(header));
		size_t nb = slide_nblocks(d, sl);
		for (size_t b = 0; b < nb; b++) {
			const struct block *bk = slide_block(d, sl, b);
			const char *title = block_title(d, bk);
			add_cps(&want, &nw, &cw, title, strlen(title));
			size_t np = block_npoints(d, bk);
			for (size_t p = 0; p < np; p++) {
				char num[24];
				snprintf(num, sizeof num, "%zu.", p + 1);
				add_cps(&want, &nw, &cw, num, strlen(num));
				const char *text = point_text(d, block_point(d, bk, p));
				add_cps(&want, &nw, &cw, text, strlen(text));
			}
		}
		if (ng)
			qsort(got, ng, sizeof *got, cmp_u32);
		if (nw)
			qsort(want, nw, sizeof *want, cmp_u32);
		CHECK(ng == nw && (ng == 0 || memcmp(got, want, ng * sizeof *got) == 0),
		      "%s slide %zu at width %d: %zu characters shown, %zu in the deck",
		      name, slide, w, ng, nw);
	}
	free(got);
	free(want);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	static const int widths[] = { 1, 2, 3, 5, 8, 10, 13, 20, 27, 40, 59, 60,
				      79, 80, 99, 100, 120, 133, 160, 240 };
	for (int a = 1; a < argc; a++) {
		struct lt_error err;
		struct deck *d = NULL;
		if (!deck_load(argv[a], NULL, &d, &err)) {
			CHECK(0, "%s: %s", argv[a], err.what);
			continue;
		}
		struct deck_index ix;
		deck_index_build(&ix, d);
		for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
			for (int amb = 1; amb <= 2; amb++) {
				struct layout_opts o;
				layout_opts_default(&o, widths[wi]);
				o.ambiguous = amb;
				for (size_t i = 0; i < ix.count; i++) {
					struct page *pg = layout_slide(d, &ix, i, &o);
					check_page(d, pg, widths[wi], amb, argv[a], i);
					page_free(pg);
				}
			}
		deck_index_free(&ix);
		deck_free(d);
	}
	return check_done();
}
