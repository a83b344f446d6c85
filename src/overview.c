/* overview.c — every slide on a row of its own (covers by their section,
 * content slides by their block titles); one opens with its key. */
#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

#include <string.h>

void overview_open(struct app *a)
{
	a->mode = MODE_OVERVIEW;
	a->ov_sel = a->slide;
}

static void move(struct app *a, long by)
{
	long n = (long)a->ix.count, s = (long)a->ov_sel + by;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	a->ov_sel = (size_t)s;
}

void overview_key(struct app *a, int key, enum action act)
{
	long page = app_body_height(a) > 2 ? app_body_height(a) - 1 : 1;
	/* the key that opened the overview closes it too */
	if (keymap_bound(&a->keys, KM_SLIDE, key, ACT_OVERVIEW) && act == ACT_NONE)
		act = ACT_CLOSE;
	switch (act) {
	case ACT_CLOSE:
		a->mode = MODE_SLIDE;
		break;
	case ACT_OPEN:
		app_jump(a, a->ov_sel);
		a->mode = MODE_SLIDE;
		break;
	case ACT_DOWN:
		move(a, 1);
		break;
	case ACT_UP:
		move(a, -1);
		break;
	case ACT_PAGE_DOWN:
		move(a, page);
		break;
	case ACT_PAGE_UP:
		move(a, -page);
		break;
	case ACT_TOP:
		a->ov_sel = 0;
		break;
	case ACT_BOTTOM:
		a->ov_sel = a->ix.count - 1;
		break;
	case ACT_HELP:
		a->mode = MODE_HELP;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	default:
		break;
	}
}

void overview_draw(struct app *a, struct frame *f)
{
	int bh = f->height - 1;
	if (bh < 1)
		return;
	if (a->ov_sel < a->ov_top)
		a->ov_top = a->ov_sel;
	if (a->ov_sel >= a->ov_top + (size_t)bh)
		a->ov_top = a->ov_sel - (size_t)bh + 1;
	const struct deck *d = a->deck;
	for (int r = 0; r < bh && a->ov_top + (size_t)r < a->ix.count; r++) {
		size_t i = a->ov_top + (size_t)r, s, l;
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%4zu  ", i + 1);
		switch (deck_index_locate(&a->ix, d, i, &s, &l)) {
		case PAGE_TITLE:
			sb_puts(&sb, d->title);
			break;
		case PAGE_CONTENTS:
			sb_puts(&sb, layout_contents_heading(d));
			break;
		case PAGE_COVER:
			sb_printf(&sb, "%s", d->sections[s].title);
			break;
		case PAGE_CONTENT: {
			const struct slide *sl =
				section_slide(d, &d->sections[s], l);
			sb_puts(&sb, "    ");
			size_t nb = slide_nblocks(d, sl);
			for (size_t b = 0; b < nb; b++) {
				const char *title =
					block_title(d, slide_block(d, sl, b));
				if (b)
					sb_puts(&sb, " / ");
				sb_puts(&sb, title[0] ? title : "(untitled)");
			}
			break;
		}
		}
		const char *text = frame_string(f, sb_take(&sb));
		frame_put_cut(f, r, 0, text, f->width,
			      i == a->ov_sel ? FS_SELECTED : FS_OVERLAY);
	}
	frame_put_cut(f, f->height - 1, 1,
		      "overview: Up/Down move, Enter opens, q or Esc closes",
		      f->width - 1, FS_FOOTER);
}
