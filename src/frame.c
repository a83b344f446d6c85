/* frame.c — building frames: spans kept in rows, clipped at the right
 * edge between grapheme clusters. */
#include "lectern/frame.h"

#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

void frame_init(struct frame *f, int w, int h, int ambiguous)
{
	memset(f, 0, sizeof *f);
	f->width = w;
	f->height = h;
	f->ambiguous = ambiguous;
	f->row_first = xcalloc((size_t)(h > 0 ? h : 1), sizeof *f->row_first);
	f->row_count = xcalloc((size_t)(h > 0 ? h : 1), sizeof *f->row_count);
}

void frame_free(struct frame *f)
{
	for (size_t i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f->spans);
	free(f->row_first);
	free(f->row_count);
	memset(f, 0, sizeof *f);
}

const char *frame_string(struct frame *f, char *s)
{
	f->strings = xgrow(f->strings, &f->strings_cap, f->nstrings + 1,
			   sizeof *f->strings);
	f->strings[f->nstrings++] = s;
	return s;
}

void frame_put(struct frame *f, int row, int col, const char *text,
	       size_t len, int width, int style)
{
	if (row < 0 || row >= f->height || col >= f->width || !len)
		return;
	if (col < 0)
		col = 0;
	if (col + width > f->width) {
		/* never past the edge: cut between clusters */
		int used;
		len = text_fit(text, len, f->width - col, f->ambiguous, &used);
		width = used;
		if (!len)
			return;
	}
	f->spans = xgrow(f->spans, &f->cap, f->nspans + 1, sizeof *f->spans);
	if (f->row_count[row] == 0)
		f->row_first[row] = f->nspans;
	f->spans[f->nspans++] = (struct fspan){ col, width, text, len, style };
	f->row_count[row]++;
}

void frame_put_str(struct frame *f, int row, int col, const char *s,
		   int style)
{
	size_t n = strlen(s);
	frame_put(f, row, col, s, n, text_width(s, n, f->ambiguous), style);
}

void frame_blit_row(struct frame *dst, int row, int dx, const struct frame *src,
		    int srow)
{
	if (srow < 0 || srow >= src->height)
		return;
	for (size_t k = 0; k < src->row_count[srow]; k++) {
		const struct fspan *sp = &src->spans[src->row_first[srow] + k];
		frame_put(dst, row, dx + sp->col, sp->text, sp->len, sp->width,
			  sp->style);
	}
}

void frame_adopt(struct frame *dst, struct frame *src)
{
	for (size_t i = 0; i < src->nstrings; i++)
		frame_string(dst, src->strings[i]);
	free(src->strings);
	src->strings = NULL;
	src->nstrings = src->strings_cap = 0;
}

void frame_clear_row(struct frame *f, int row)
{
	/* its spans stay in the array, unreachable; new ones for the row
	 * are appended after everything, together */
	if (row >= 0 && row < f->height)
		f->row_count[row] = 0;
}

void frame_put_cut(struct frame *f, int row, int col, const char *s,
		   int width, int style)
{
	int amb = f->ambiguous, used, w = text_width(s, strlen(s), amb);
	if (width <= 0)
		return;
	if (w <= width) {
		frame_put(f, row, col, s, strlen(s), w, style);
		return;
	}
	int ew = text_cp_width(0x2026, amb);
	size_t len = text_fit(s, strlen(s), width - ew, amb, &used);
	frame_put(f, row, col, s, len, used, style);
	frame_put(f, row, col + used, "\xE2\x80\xA6", 3, ew, style);
}

char *frame_row_text(const struct frame *f, int row)
{
	struct strbuf sb = STRBUF_INIT;
	int col = 0;
	if (row >= 0 && row < f->height)
		for (size_t k = 0; k < f->row_count[row]; k++) {
			const struct fspan *sp = &f->spans[f->row_first[row] + k];
			for (; col < sp->col; col++)
				sb_putc(&sb, ' ');
			sb_put(&sb, sp->text, sp->len);
			col += sp->width;
		}
	return sb_take(&sb);
}
