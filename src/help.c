/* help.c — the help overlay: the slide view's actions and the keys bound
 * to them, read from the keymap so that it always tells the truth. It
 * scrolls when the window is short, and text cut at the edge ends in "…".
 * q and Esc close it; it never quits the talk (C-c does, anywhere). */
#include <string.h>

#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

/* Rows of the key list, and the rows it may use on screen. */
static size_t help_rows(void)
{
	size_t n = 0;
	for (int act = 1; act < ACT_COUNT; act++)
		n += action_in_mode((enum action)act, KM_SLIDE);
	return n;
}

static size_t visible_rows(const struct app *a)
{
	/* a title row and a blank above, a blank and the hint below */
	return a->height > 4 ? (size_t)a->height - 4 : 1;
}

void help_key(struct app *a, int key, enum action act)
{
	(void)key;
	size_t rows = help_rows(), vis = visible_rows(a);
	size_t last = rows > vis ? rows - vis : 0;
	switch (act) {
	case ACT_DOWN:
		a->help_top += a->help_top < last;
		break;
	case ACT_UP:
		a->help_top -= a->help_top > 0;
		break;
	case ACT_PAGE_DOWN:
		a->help_top = a->help_top + vis < last ? a->help_top + vis : last;
		break;
	case ACT_PAGE_UP:
		a->help_top = a->help_top > vis ? a->help_top - vis : 0;
		break;
	case ACT_TOP:
		a->help_top = 0;
		break;
	case ACT_BOTTOM:
		a->help_top = last;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	default:
		/* close, and any key that is not for scrolling */
		a->mode = MODE_SLIDE;
		break;
	}
}

/* The names of the keys bound to act in the slide view, space separated.
 * Caller frees. */
static char *keys_of(const struct app *a, enum action act)
{
	struct strbuf k = STRBUF_INIT;
	for (int i = 0; i < a->keys.nkeys[KM_SLIDE][act]; i++) {
		char name[32];
		keycode_name(a->keys.keys[KM_SLIDE][act][i], name, sizeof name);
		if (i)
			sb_puts(&k, " ");
		sb_puts(&k, name);
	}
	return sb_take(&k);
}

void help_draw(struct app *a, struct frame *f)
{
	int amb = a->lo.ambiguous;
	int bw = f->width - 2 < 72 ? f->width - 2 : 72;
	int kw = 0;
	size_t rows = help_rows(), vis = visible_rows(a);
	const char *names[ACT_COUNT] = { "" };
	for (int act = 1; act < ACT_COUNT; act++) {
		if (!action_in_mode((enum action)act, KM_SLIDE))
			continue;
		const char *ks = names[act] = frame_string(f, keys_of(a, act));
		int w = text_width(ks, strlen(ks), amb) + 2;
		if (w > kw)
			kw = w;
	}
	if (kw > bw / 2)
		kw = bw / 2;
	if (a->help_top + vis > rows)
		a->help_top = rows > vis ? rows - vis : 0;
	int col = (f->width - bw) / 2, row = 0;
	if (rows + 4 < (size_t)f->height)
		row = (f->height - (int)rows - 4) / 2;
	frame_put_cut(f, row++, col, "lectern keys", bw, LS_HEADER);
	row++;
	size_t i = 0;
	for (int act = 1; act < ACT_COUNT; act++) {
		if (!names[act])
			continue;
		if (i++ < a->help_top || i > a->help_top + vis)
			continue;
		frame_put_cut(f, row, col, names[act], kw - 1, LS_NUMBER);
		frame_put_cut(f, row, col + kw, action_help((enum action)act), bw - kw,
			FS_OVERLAY);
		row++;
	}
	const char *hint = rows > vis ? "Up/Down scroll; q or Esc closes" :
					"q or Esc closes this help";
	frame_put_cut(f, f->height - 1 > row ? row + 1 : f->height - 1, col, hint, bw,
		LS_DIM);
}
