/* prompt.c — typing a search in the status line: characters go into the
 * query (never C0 or C1 controls: it is drawn as typed), the prompt's
 * actions edit, accept or leave it. */
#include <stdio.h>
#include <string.h>

#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

void prompt_open(struct app *a)
{
	a->mode = MODE_SEARCH;
	a->input[0] = '\0';
}

/* Drops the last character, not the last byte. */
static void erase(struct app *a)
{
	size_t n = strlen(a->input);
	while (n > 0 && ((unsigned char)a->input[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	a->input[n] = '\0';
}

static void insert(struct app *a, int key)
{
	if (key < 0x20 || key >= KEY_BASE || key == 0x7F ||
	    (key >= 0x80 && key < 0xA0))
		return;
	size_t n = strlen(a->input);
	char u[5] = { 0 };
	int len = text_encode((uint32_t)key, u);
	if (n + (size_t)len < sizeof a->input) {
		memcpy(a->input + n, u, (size_t)len);
		a->input[n + (size_t)len] = '\0';
	}
}

void prompt_key(struct app *a, int key, enum action act)
{
	switch (act) {
	case ACT_CANCEL:
		a->mode = MODE_SLIDE;
		break;
	case ACT_ACCEPT:
		a->mode = MODE_SLIDE;
		app_search_accept(a, a->input);
		break;
	case ACT_ERASE:
		erase(a);
		/* Backspace that empties the prompt leaves it, as in less */
		if (!a->input[0] && !a->search[0] && key != KEY_DELETE_)
			a->mode = MODE_SLIDE;
		break;
	case ACT_ERASE_ALL:
		a->input[0] = '\0';
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	default:
		insert(a, key);
		break;
	}
}

void prompt_draw(struct app *a, struct frame *f)
{
	int row = f->height - 1, w = f->width, amb = a->lo.ambiguous;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "/%s", a->input);
	const char *s = frame_string(f, sb_take(&sb));
	int sw = text_width(s, strlen(s), amb);
	/* the end of a long query stays visible; the caret ▏ is East Asian
	 * ambiguous: its width as laid out */
	int cw = text_cp_width(0x258F, amb);
	const char *v = s;
	while (sw > w - cw && *v) {
		uint32_t cp;
		int len = text_decode(v, strlen(v), &cp);
		sw -= text_cp_width(cp, amb);
		v += len;
	}
	frame_put_str(f, row, 0, v, FS_FOOTER);
	if (sw + cw <= w)
		frame_put(f, row, sw, "\xE2\x96\x8F", 3, cw, FS_FOOTER);
}
