/* status.c — the status line: the footer template's fields (footer.c),
 * with a pending count and a message taking their place when there is one
 * to show. */
#include <string.h>

#include "app_modes.h"
#include "lectern/footer.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

/* The status line shows when the template has something, and whenever
 * there is a prompt, a message or a pending count to show even with the
 * template empty: it then takes the last row rather than covering it. */
bool status_shown(const struct app *a)
{
	return a->footer[0] || a->mode == MODE_SEARCH || a->message[0] ||
	       a->has_count || a->toc_jump;
}

static void footer_info_of(struct app *a, int bar, struct footer_info *in)
{
	size_t sec, sl;
	enum page_kind k = deck_index_locate(&a->ix, a->deck, a->slide, &sec, &sl);
	in->title = a->deck->title;
	in->section = k == PAGE_COVER || k == PAGE_CONTENT ?
			      a->deck->sections[sec].title : NULL;
	in->n = a->slide + 1;
	in->total = a->ix.count;
	in->screen = a->screen;
	in->screens = app_screens(a);
	in->now_ms = a->now_ms;
	in->bar = bar;
}

static int segs_width(const struct footer_seg *segs, size_t n, int amb)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += text_width(segs[i].text, strlen(segs[i].text), amb);
	return w;
}

void status_draw(struct app *a, struct frame *f)
{
	if (!status_shown(a))
		return;
	int row = f->height - 1, w = f->width, amb = a->lo.ambiguous;
	const char *tmpl = a->footer[0] ? a->footer : "{>}{n}/{total}";
	struct footer_info in;
	footer_info_of(a, w >= 60 ? 12 : w >= 40 ? 6 : 0, &in);
	struct footer_line line;
	footer_expand(tmpl, &in, &line);
	/* the frame takes the texts over */
	struct footer_seg *left = line.left, *right = line.right;
	size_t nl = line.nleft, nr = line.nright;
	for (size_t i = 0; i < nl; i++)
		frame_string(f, left[i].text);
	for (size_t i = 0; i < nr; i++)
		frame_string(f, right[i].text);
	/* a pending count or section jump goes first on the right */
	if ((a->has_count || a->toc_jump) && nr < 64) {
		struct strbuf c = STRBUF_INIT;
		if (a->has_count)
			sb_printf(&c, "%s %lu  ", a->toc_jump ? "section" : "go to",
				  a->count);
		else
			sb_puts(&c, "section?  ");
		memmove(right + 1, right, nr * sizeof *right);
		right[0] = (struct footer_seg){ (char *)frame_string(f, sb_take(&c)),
						FS_NOTICE };
		nr++;
	}
	int rw = segs_width(right, nr, amb);
	int rcol = w - rw - 1;
	if (rcol < 1) {
		rcol = 1;
		nl = 0;
	}
	/* a message takes the left part */
	struct footer_seg msg = { a->message, FS_NOTICE };
	if (a->message[0]) {
		left = &msg;
		nl = 1;
	}
	int col = 1, room = rcol - 2;
	for (size_t i = 0; i < nl && room > 0; i++) {
		const char *s = left[i].text;
		int sw = text_width(s, strlen(s), amb), used;
		if (sw <= room) {
			frame_put(f, row, col, s, strlen(s), sw, left[i].style);
			col += sw;
			room -= sw;
			continue;
		}
		size_t len = text_fit(s, strlen(s), room - 1, amb, &used);
		frame_put(f, row, col, s, len, used, left[i].style);
		frame_put(f, row, col + used, "~", 1, 1, left[i].style);
		break;
	}
	col = rcol;
	for (size_t i = 0; i < nr; i++) {
		const char *s = right[i].text;
		int sw = text_width(s, strlen(s), amb);
		frame_put(f, row, col, s, strlen(s), sw, right[i].style);
		col += sw;
	}
}
