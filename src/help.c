/* help.c — the help overlay: the slide view's actions and the keys bound
 * to them, read from the keymap so that it always tells the truth, and
 * above them the config file's problems when it has any (a talk goes on
 * with a broken config; the presenter reads why here, not after quitting).
 * It scrolls when the window is short, and text cut at the edge ends in
 * "…". q and Esc close it; it never quits the talk (C-c does, anywhere). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_modes.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

static char *keys_of(const struct app *a, enum action act);

/* The overlay's width: what the widest key list and the widest help text
 * need side by side (at least 72 for the config's problems), at most the
 * window's less a column each side. A wide window shows every line whole;
 * a narrow one cuts them with "…". */
static int help_width(const struct app *a)
{
	int amb = a->lo.ambiguous, kw = 0, hw = 0;
	for (int act = 1; act < ACT_COUNT; act++) {
		if (!action_in_mode((enum action)act, KM_SLIDE))
			continue;
		char *ks = keys_of(a, (enum action)act);
		int w = text_width(ks, strlen(ks), amb) + 2;
		free(ks);
		const char *h = action_help((enum action)act);
		int d = text_width(h, strlen(h), amb);
		kw = w > kw ? w : kw;
		hw = d > hw ? d : hw;
	}
	int need = kw + hw > 72 ? kw + hw : 72;
	int w = a->width - 2;
	return w < need ? (w > 1 ? w : 1) : need;
}

/* The problems, wrapped two columns in from the overlay's edge: a heading,
 * their lines, a blank row. Puts each line into f (when not NULL) at the
 * rows from *i that are in view; returns the rows they take. */
static size_t notice_rows(const struct app *a, struct frame *f, size_t *i,
			  size_t vis, int *row, int col)
{
	if (!a->nnotices)
		return 0;
	int bw = help_width(a), amb = a->lo.ambiguous;
	size_t n = 2;
	if (f && *i >= a->help_top && *i < a->help_top + vis) {
		struct strbuf head = STRBUF_INIT;
		sb_printf(&head, "The config file has %zu problem%s:",
			  a->nnotices, a->nnotices == 1 ? "" : "s");
		frame_put_cut(f, (*row)++, col, frame_string(f, sb_take(&head)),
			      bw, FS_NOTICE);
	}
	++*i;
	for (size_t k = 0; k < a->nnotices; k++) {
		const char *s = a->notices[k];
		struct text_line *tl;
		size_t m = text_wrap(s, strlen(s), bw > 3 ? bw - 2 : 1, amb, &tl);
		for (size_t l = 0; f && l < m; l++, ++*i)
			if (*i >= a->help_top && *i < a->help_top + vis)
				frame_put(f, (*row)++, col + 2, s + tl[l].start,
					  tl[l].end - tl[l].start, tl[l].width,
					  FS_OVERLAY);
		free(tl);
		n += m;
	}
	if (f && *i >= a->help_top && *i < a->help_top + vis)
		(*row)++;
	++*i;
	return n;
}

/* Rows of the problems and the key list, and the rows it may use on
 * screen. */
static size_t help_rows(const struct app *a)
{
	size_t n = 0;
	for (int act = 1; act < ACT_COUNT; act++)
		n += action_in_mode((enum action)act, KM_SLIDE);
	size_t i = 0;
	return n + notice_rows(a, NULL, &i, 0, NULL, 0);
}

static size_t visible_rows(const struct app *a)
{
	/* a title row and a blank above, a blank and the hint below */
	return a->height > 4 ? (size_t)a->height - 4 : 1;
}

void help_key(struct app *a, int key, enum action act)
{
	(void)key;
	size_t rows = help_rows(a), vis = visible_rows(a);
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
	int bw = help_width(a);
	int kw = 0;
	size_t rows = help_rows(a), vis = visible_rows(a);
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
	notice_rows(a, f, &i, vis, &row, col);
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

void notices_init(struct app *a, char *const *notices, size_t n)
{
	if (!n)
		return;
	a->notices = xcalloc(n, sizeof *a->notices);
	for (size_t i = 0; i < n; i++)
		a->notices[i] = text_display(notices[i], strlen(notices[i]));
	a->nnotices = n;
	if (a->keys.nkeys[KM_SLIDE][ACT_HELP]) {
		char key[32];
		keycode_name(a->keys.keys[KM_SLIDE][ACT_HELP][0], key, sizeof key);
		snprintf(a->message, sizeof a->message, "the config file has %zu "
			 "problem%s: %s shows %s", n, n == 1 ? "" : "s", key,
			 n == 1 ? "it" : "them");
	} else {
		snprintf(a->message, sizeof a->message, "the config file has %zu "
			 "problem%s: lectern --check-config lists %s", n,
			 n == 1 ? "" : "s", n == 1 ? "it" : "them");
	}
}
