/* export_text.c — the deck as plain text, through the same layout as the
 * screen. Writes into a buffer; no files, no terminal. */
#include "lectern/export.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The line before slide n (from 1) of total: a form feed, so that less
 * and pr page there, and the slide's number as the viewer shows it, so
 * that a reader knows where they are; as much of it as the width holds. */
static void slide_line(struct strbuf *out, size_t n, size_t total, int width)
{
	char forms[3][64];
	snprintf(forms[0], sizeof forms[0], "slide %zu of %zu", n, total);
	snprintf(forms[1], sizeof forms[1], "%zu/%zu", n, total);
	snprintf(forms[2], sizeof forms[2], "%zu", n);
	sb_putc(out, '\f');
	for (size_t k = 0; k < 3; k++)
		if (strlen(forms[k]) <= (size_t)width) {
			sb_puts(out, forms[k]);
			break;
		}
	sb_putc(out, '\n');
}

static void text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o, bool notes)
{
	struct deck_index ix;
	deck_index_build(&ix, d);
	for (size_t i = 0; i < ix.count; i++) {
		if (i)
			slide_line(out, i + 1, ix.count, o->width);
		struct page *pg = layout_slide(d, &ix, i, o);
		export_page_text(out, pg);
		page_free(pg);
		if (!notes)
			continue;
		pg = layout_notes(d, &ix, i, UINT32_MAX, o);
		if (pg->nlines) {
			sb_putc(out, '\n');
			export_page_text(out, pg);
		}
		page_free(pg);
	}
	deck_index_free(&ix);
}

void export_text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o)
{
	text(out, d, o, false);
}

void export_text_notes(struct strbuf *out, const struct deck *d,
		       const struct layout_opts *o)
{
	text(out, d, o, true);
}
