/* help.c — the help overlay: the slide view's actions and the keys bound
 * to them, read from the keymap so that it always tells the truth. */
#include <string.h>

#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

void help_key(struct app *a, int key, enum action act)
{
	(void)key;
	if (act == ACT_QUIT)
		a->quit = true;
	a->mode = MODE_SLIDE; /* any key closes the help */
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
	int bw = f->width - 4 < 72 ? f->width - 4 : 72;
	int kw = 0, rows = 3;
	const char *names[ACT_COUNT] = { "" };
	for (int act = 1; act < ACT_COUNT; act++) {
		if (!action_in_mode((enum action)act, KM_SLIDE))
			continue;
		const char *ks = names[act] = frame_string(f, keys_of(a, act));
		int w = text_width(ks, strlen(ks), amb) + 2;
		if (w > kw)
			kw = w;
		rows++;
	}
	if (kw > bw / 2)
		kw = bw / 2;
	int col = (f->width - bw) / 2, row = 0;
	if (rows < f->height)
		row = (f->height - rows) / 2;
	frame_put_str(f, row++, col, "lectern keys", LS_HEADER);
	row++;
	for (int act = 1; act < ACT_COUNT && row < f->height - 1; act++) {
		if (!names[act])
			continue;
		const char *ks = names[act];
		int used;
		size_t kl = text_fit(ks, strlen(ks), kw - 1, amb, &used);
		frame_put(f, row, col, ks, kl, used, LS_NUMBER);
		const char *h = action_help((enum action)act);
		size_t hl = text_fit(h, strlen(h), bw - kw, amb, &used);
		frame_put(f, row, col + kw, h, hl, used, FS_OVERLAY);
		row++;
	}
	if (row + 1 < f->height)
		frame_put_str(f, row + 1, col, "Esc or any key closes this help",
			      LS_DIM);
}
