/* status.c — the status line: the footer template's fields (footer.c),
 * with a pending count and a message taking their place when there is one
 * to show. */
#include <stdlib.h>
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
	       a->has_count || a->toc_jump || a->search[0];
}

void app_footer_info(struct app *a, int bar, struct footer_info *in)
{
	size_t sec, sl;
	enum page_kind k = deck_index_locate(&a->ix, a->deck, a->slide, &sec, &sl);
	memset(in, 0, sizeof *in);
	in->title = a->deck->title;
	in->section = k == PAGE_COVER || k == PAGE_CONTENT ?
			      a->deck->sections[sec].title : NULL;
	in->n = a->slide + 1;
	in->total = a->loading ? 0 : a->ix.count;
	in->screen = a->screen;
	in->screens = app_screens(a);
	in->now_ms = a->now_ms;
	in->bar = bar;
	talk_footer(&a->talk, a->now_ms, in);
}

static int segs_width(const struct footer_seg *segs, size_t n, int amb)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += text_width(segs[i].text, strlen(segs[i].text), amb);
	return w;
}

/* Where the search stands: "/term 2 of 5" on a matching slide, else
 * "/term 5 matches". Caller frees. */
static char *search_state(const struct app *a)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;
	while (k < a->nmatches && a->matches[k] < a->slide)
		k++;
	if (k < a->nmatches && a->matches[k] == a->slide && !a->at_end)
		sb_printf(&sb, "/%s  match %zu of %zu  ", a->search, k + 1,
			  a->nmatches);
	else
		sb_printf(&sb, "/%s  %zu match%s  ", a->search, a->nmatches,
			  a->nmatches == 1 ? "" : "es");
	return sb_take(&sb);
}

/* A message wider than the status line: wrapped over the rows above it,
 * up to half the screen, so that it can be read in full. */
static void put_long_message(struct app *a, struct frame *f)
{
	int amb = a->lo.ambiguous, w = f->width - 2;
	struct text_line *tl;
	size_t n = text_wrap(a->message, strlen(a->message), w, amb, &tl);
	size_t max = (size_t)(f->height / 2 > 1 ? f->height / 2 : 1);
	size_t first = n > max ? n - max : 0; /* the end says the most */
	int row = f->height - (int)(n - first);
	for (size_t i = first; i < n; i++, row++) {
		frame_clear_row(f, row);
		frame_put(f, row, 1, a->message + tl[i].start,
			  tl[i].end - tl[i].start, tl[i].width, FS_NOTICE);
	}
	free(tl);
}

void status_draw(struct app *a, struct frame *f)
{
	if (!status_shown(a))
		return;
	int row = f->height - 1, w = f->width, amb = a->lo.ambiguous;
	if (a->message[0] &&
	    text_width(a->message, strlen(a->message), amb) > w - 2) {
		put_long_message(a, f);
		return;
	}
	const char *tmpl = a->footer[0] ? a->footer : "{>}{n}/{total}";
	struct footer_info in;
	app_footer_info(a, w >= 60 ? 12 : w >= 40 ? 6 : 0, &in);
	struct footer_line line;
	footer_expand(tmpl, &in, &line);
	/* the frame takes the texts over */
	struct footer_seg *left = line.left, *right = line.right;
	size_t nl = line.nleft, nr = line.nright;
	for (size_t i = 0; i < nl; i++)
		frame_string(f, left[i].text);
	for (size_t i = 0; i < nr; i++)
		frame_string(f, right[i].text);
	/* what is pending goes first on the right: a count or section jump,
	 * and the search */
	struct footer_seg pending[2];
	size_t np = 0;
	if (a->has_count || a->toc_jump) {
		struct strbuf c = STRBUF_INIT;
		if (a->has_count)
			sb_printf(&c, "%s %lu  ", a->toc_jump ? "section" : "go to",
				  a->count);
		else
			sb_puts(&c, "section?  ");
		pending[np++] = (struct footer_seg){
			(char *)frame_string(f, sb_take(&c)), FS_NOTICE };
	}
	if (a->search[0])
		pending[np++] = (struct footer_seg){
			(char *)frame_string(f, search_state(a)), FS_FOOTER };
	if (nr + np > 64)
		nr = 64 - np;
	memmove(right + np, right, nr * sizeof *right);
	memcpy(right, pending, np * sizeof *pending);
	nr += np;
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
		int sw = text_width(s, strlen(s), amb);
		if (sw > room) {
			frame_put_cut(f, row, col, s, room, left[i].style);
			break;
		}
		frame_put(f, row, col, s, strlen(s), sw, left[i].style);
		col += sw;
		room -= sw;
	}
	col = rcol;
	for (size_t i = 0; i < nr; i++) {
		const char *s = right[i].text;
		int sw = text_width(s, strlen(s), amb);
		frame_put(f, row, col, s, strlen(s), sw, right[i].style);
		col += sw;
	}
}
