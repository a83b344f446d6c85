/* notes.c — the speaker notes pane: the current slide's notes, up to the
 * reveal step shown, under the slide, for rehearsing alone. Off until the
 * presenter opens it (the notes action); the slide above gets the rows
 * that are left. The notes are laid out by layout.c (layout_notes), like
 * the text export's --notes. */
#include <stdio.h>
#include <string.h>

#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

void notes_drop(struct app *a)
{
	page_free(a->notes_page);
	a->notes_page = NULL;
}

static struct page *notes_page(struct app *a)
{
	if (!a->notes_page)
		a->notes_page = layout_notes(a->deck, &a->ix, a->slide, a->step,
					     &a->lo);
	return a->notes_page;
}

/* Rows of the pane: its lines (a rule and one line at least), up to half
 * of what the status line leaves. */
int notes_height(struct app *a)
{
	if (!a->notes || (a->mode != MODE_SLIDE && a->mode != MODE_SEARCH))
		return 0;
	int room = (a->height - (status_shown(a) ? 1 : 0)) / 2;
	int want = (int)notes_page(a)->nlines;
	if (want < 2)
		want = 2;
	return want < room ? want : room > 0 ? room : 0;
}

void notes_draw(struct app *a, struct frame *f)
{
	int h = notes_height(a);
	if (h <= 0)
		return;
	int top = f->height - (status_shown(a) ? 1 : 0) - h;
	struct page *pg = notes_page(a);
	int m = a->lo.margin >= 0 ? a->lo.margin : f->width >= 40 ? 2 : 0;
	if (!pg->nlines) {
		struct strbuf sb = STRBUF_INIT;
		sb_puts(&sb, "Notes ");
		int cw = a->lo.ambiguous == 2 ? 2 : 1;
		for (int c = 6; c + cw <= f->width - 2 * m; c += cw)
			sb_puts(&sb, "\xE2\x94\x80");
		const char *r = frame_string(f, sb_take(&sb));
		frame_put(f, top, m, r, strlen(r),
			  text_width(r, strlen(r), a->lo.ambiguous), LS_RULE);
		frame_put_str(f, top + 1, m, "no notes for this slide", LS_DIM);
		return;
	}
	for (int r = 0; r < h && (size_t)r < pg->nlines; r++) {
		const struct lline *l = &pg->lines[r];
		if (r == h - 1 && (size_t)h < pg->nlines) {
			char more[64];
			snprintf(more, sizeof more, "… %zu more lines",
				 pg->nlines - (size_t)r);
			frame_put_str(f, top + r, m, frame_string(f, xstrdup(more)),
				      LS_DIM);
			break;
		}
		for (size_t k = 0; k < l->count; k++) {
			const struct lspan *sp = &pg->spans[l->first + k];
			frame_put(f, top + r, sp->col, sp->text, sp->len, sp->width,
				  sp->style);
		}
	}
}
