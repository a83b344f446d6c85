/* keys.c — key names, actions and the default bindings, as tables. */
#include "lectern/keys.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lectern/text.h"

struct action_info {
	const char *name;
	const char *help;
	const char *keys; /* default keys, space separated key names */
};

static const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "", "" },
	[ACT_NEXT] = { "next", "next slide (or point)",
		       "Space Right l j n PgDn Enter Down" },
	[ACT_PREV] = { "prev", "previous slide",
		       "Left h k p PgUp Backspace Up" },
	[ACT_FIRST] = { "first", "first slide", "g Home" },
	[ACT_LAST] = { "last", "last slide (N then G: slide N)", "G End" },
	[ACT_GOTO] = { "goto", "N then Enter: go to slide N", "" },
	[ACT_CONTENTS] = { "contents", "contents; then a digit: that section", "t" },
	[ACT_OVERVIEW] = { "overview", "overview of all slides", "o Tab" },
	[ACT_SEARCH] = { "search", "search forward", "/" },
	[ACT_MATCH_NEXT] = { "match-next", "next match (while searching)", "n" },
	[ACT_MATCH_PREV] = { "match-prev", "previous match", "N" },
	[ACT_BLACK] = { "black", "black screen until a key", "b ." },
	[ACT_HELP] = { "help", "this help", "? F1" },
	[ACT_RELOAD] = { "reload", "reload the deck from disk", "r" },
	[ACT_QUIT] = { "quit", "quit", "q C-c" },
};
static_assert(sizeof actions / sizeof *actions == ACT_COUNT,
	      "one entry per action");

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Space", ' ' }, { "Comma", ',' }, { "Enter", '\r' }, { "Return", '\r' },
	{ "Tab", '\t' }, { "Esc", 27 }, { "Escape", 27 },
	{ "Backspace", 127 }, { "BS", 127 },
	{ "Up", KEY_UP_ }, { "Down", KEY_DOWN_ }, { "Left", KEY_LEFT_ },
	{ "Right", KEY_RIGHT_ }, { "PgUp", KEY_PGUP_ }, { "PageUp", KEY_PGUP_ },
	{ "PgDn", KEY_PGDN_ }, { "PageDown", KEY_PGDN_ }, { "Home", KEY_HOME_ },
	{ "End", KEY_END_ }, { "Insert", KEY_INSERT_ }, { "Delete", KEY_DELETE_ },
	{ "Del", KEY_DELETE_ }, { "S-Tab", KEY_BTAB_ }, { "BackTab", KEY_BTAB_ },
};

void keymap_default(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (int a = 0; a < ACT_COUNT; a++) {
		char buf[128];
		snprintf(buf, sizeof buf, "%s", actions[a].keys);
		for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
			int k = keycode_parse(tok);
			if (k >= 0 && km->nkeys[a] < KEYMAP_MAX_KEYS)
				km->keys[a][km->nkeys[a]++] = k;
		}
	}
}

enum action keymap_lookup(const struct keymap *km, int key)
{
	/* Enter may come as CR or LF, Backspace as DEL or ^H */
	if (key == '\n')
		key = '\r';
	if (key == 8)
		key = 127;
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < km->nkeys[a]; i++)
			if (km->keys[a][i] == key)
				return (enum action)a;
	return ACT_NONE;
}

const char *action_name(enum action a)
{
	return a < ACT_COUNT ? actions[a].name : "?";
}

const char *action_help(enum action a)
{
	return a < ACT_COUNT ? actions[a].help : "";
}

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

int keycode_parse(const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (strcasecmp(named[i].name, name) == 0)
			return named[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
		int f = 0;
		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			f = f * 10 + (name[i] - '0');
		}
		return f >= 1 && f <= 12 ? KEY_F0_ + f : -1;
	}
	if (n >= 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		int c = keycode_parse(name + 2);
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}
	/* one character */
	size_t bad;
	if (!text_valid_utf8(name, n, &bad))
		return -1;
	uint32_t cp;
	int len = text_decode(name, n, &cp);
	if ((size_t)len != n || cp < 0x20 || cp == 0x7F)
		return -1;
	return (int)cp;
}

void keycode_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return;
		}
	if (key > KEY_F0_ && key <= KEY_F0_ + 12) {
		snprintf(buf, size, "F%d", key - KEY_F0_);
	} else if (key > 0 && key <= 26) {
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	} else if (key >= 0 && key < 0x20) {
		snprintf(buf, size, "C-%c", key + '@');
	} else if (key >= 0x20 && key < KEY_BASE) {
		char u[5] = { 0 };
		text_encode((uint32_t)key, u);
		snprintf(buf, size, "%s", u);
	} else {
		snprintf(buf, size, "?");
	}
}
