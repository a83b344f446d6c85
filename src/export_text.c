/* export_text.c — the deck as plain text, through the same layout as the
 * screen. Writes into a buffer; no files, no terminal. */
#include "lectern/export.h"

#include <stdlib.h>

void export_page_text(struct strbuf *out, const struct page *pg)
{
	for (size_t i = 0; i < pg->nlines; i++) {
		const struct lline *l = &pg->lines[i];
		int col = 0;
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *s = &pg->spans[l->first + k];
			while (col < s->col) {
				sb_putc(out, ' ');
				col++;
			}
			sb_put(out, s->text, s->len);
			col += s->width;
		}
		sb_putc(out, '\n');
	}
}

void export_text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o)
{
	struct deck_index ix;
	deck_index_build(&ix, d);
	for (size_t i = 0; i < ix.count; i++) {
		if (i)
			sb_puts(out, "\f\n");
		struct page *pg = layout_slide(d, &ix, i, o);
		export_page_text(out, pg);
		page_free(pg);
	}
	deck_index_free(&ix);
}
