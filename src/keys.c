/* keys.c — key names, actions and the default bindings, as tables. */
#include "lectern/keys.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lectern/text.h"

static const struct action_info {
	const char *name;
	const char *help;
} actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "" },
	[ACT_NEXT] = { "next", "next slide (or point)" },
	[ACT_PREV] = { "prev", "previous slide" },
	[ACT_FIRST] = { "first", "first slide" },
	[ACT_LAST] = { "last", "last slide (N then G: slide N)" },
	[ACT_GOTO] = { "goto", "N then this: go to slide N" },
	[ACT_BACK] = { "back", "back to the slide before the last jump" },
	[ACT_CONTENTS] = { "contents", "contents; then a digit: that section" },
	[ACT_OVERVIEW] = { "overview", "overview of all slides" },
	[ACT_SEARCH] = { "search", "search forward" },
	[ACT_MATCH_NEXT] = { "match-next", "next match (while searching)" },
	[ACT_MATCH_PREV] = { "match-prev", "previous match" },
	[ACT_BLACK] = { "black", "black screen until a key" },
	[ACT_WHITE] = { "white", "white screen until a key" },
	[ACT_HELP] = { "help", "this help" },
	[ACT_RELOAD] = { "reload", "reload the deck from disk" },
	[ACT_CLEAR] = { "clear", "clear a count or the search highlight" },
	[ACT_SUSPEND] = { "suspend", "suspend to the shell" },
	[ACT_QUIT] = { "quit", "quit" },
	[ACT_TIMER_PAUSE] = { "timer-pause", "pause or resume the timer" },
	[ACT_TIMER_RESET] = { "timer-reset", "reset the timer (and a "
					     "rehearsal's times)" },
	[ACT_NOTES] = { "notes", "speaker notes under the slide, on or off" },
	[ACT_UP] = { "up", "move up" },
	[ACT_DOWN] = { "down", "move down" },
	[ACT_PAGE_UP] = { "page-up", "a page up" },
	[ACT_PAGE_DOWN] = { "page-down", "a page down" },
	[ACT_TOP] = { "top", "to the first" },
	[ACT_BOTTOM] = { "bottom", "to the last" },
	[ACT_OPEN] = { "open", "open the selected slide" },
	[ACT_CLOSE] = { "close", "close" },
	[ACT_ACCEPT] = { "accept", "search for what was typed" },
	[ACT_CANCEL] = { "cancel", "leave the prompt" },
	[ACT_ERASE] = { "erase", "delete the last character (or digit)" },
	[ACT_ERASE_ALL] = { "erase-all", "delete everything typed" },
};
static_assert(sizeof actions / sizeof *actions == ACT_COUNT,
	      "one entry per action");

/* Each mode's actions and their default keys: the one list of what can
 * be bound where. */
static const struct binding {
	enum keymode mode;
	enum action act;
	const char *keys; /* space separated key names */
} defaults[] = {
	{ KM_SLIDE, ACT_NEXT, "Space Right l j n PgDn Enter Down" },
	{ KM_SLIDE, ACT_PREV, "Left h k p PgUp Backspace Up" },
	{ KM_SLIDE, ACT_FIRST, "g Home" },
	{ KM_SLIDE, ACT_LAST, "G End" },
	{ KM_SLIDE, ACT_GOTO, "Enter" },
	{ KM_SLIDE, ACT_BACK, "' C-o" },
	{ KM_SLIDE, ACT_CONTENTS, "t" },
	{ KM_SLIDE, ACT_OVERVIEW, "o Tab" },
	{ KM_SLIDE, ACT_SEARCH, "/" },
	{ KM_SLIDE, ACT_MATCH_NEXT, "n" },
	{ KM_SLIDE, ACT_MATCH_PREV, "N" },
	{ KM_SLIDE, ACT_BLACK, "b ." },
	{ KM_SLIDE, ACT_WHITE, "w" },
	{ KM_SLIDE, ACT_HELP, "? F1" },
	{ KM_SLIDE, ACT_RELOAD, "r" },
	{ KM_SLIDE, ACT_CLEAR, "Esc" },
	{ KM_SLIDE, ACT_ERASE, "Backspace" },
	{ KM_SLIDE, ACT_SUSPEND, "C-z" },
	{ KM_SLIDE, ACT_QUIT, "q C-c" },
	{ KM_SLIDE, ACT_TIMER_PAUSE, "P" },
	{ KM_SLIDE, ACT_TIMER_RESET, "C-r" },
	{ KM_SLIDE, ACT_NOTES, "v" },

	{ KM_OVERVIEW, ACT_DOWN, "Down j Space Right" },
	{ KM_OVERVIEW, ACT_UP, "Up k Left" },
	{ KM_OVERVIEW, ACT_PAGE_DOWN, "PgDn" },
	{ KM_OVERVIEW, ACT_PAGE_UP, "PgUp" },
	{ KM_OVERVIEW, ACT_TOP, "Home g" },
	{ KM_OVERVIEW, ACT_BOTTOM, "End G" },
	{ KM_OVERVIEW, ACT_OPEN, "Enter" },
	{ KM_OVERVIEW, ACT_CLOSE, "Esc q o Tab" },
	{ KM_OVERVIEW, ACT_HELP, "? F1" },
	{ KM_OVERVIEW, ACT_QUIT, "C-c" },

	{ KM_HELP, ACT_DOWN, "Down j" },
	{ KM_HELP, ACT_UP, "Up k" },
	{ KM_HELP, ACT_PAGE_DOWN, "PgDn Space" },
	{ KM_HELP, ACT_PAGE_UP, "PgUp b" },
	{ KM_HELP, ACT_TOP, "Home g" },
	{ KM_HELP, ACT_BOTTOM, "End G" },
	{ KM_HELP, ACT_CLOSE, "q Esc ? F1 Enter" },
	{ KM_HELP, ACT_QUIT, "C-c" },

	{ KM_PROMPT, ACT_ACCEPT, "Enter" },
	{ KM_PROMPT, ACT_CANCEL, "Esc" },
	{ KM_PROMPT, ACT_ERASE, "Backspace Delete" },
	{ KM_PROMPT, ACT_ERASE_ALL, "C-u" },
	{ KM_PROMPT, ACT_QUIT, "C-c" },
};

static const char *const mode_sections[KM_COUNT] = {
	[KM_SLIDE] = "keys",
	[KM_OVERVIEW] = "keys.overview",
	[KM_HELP] = "keys.help",
	[KM_PROMPT] = "keys.prompt",
};

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

void keycode_names(char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "a character, C-x, F1-F12");
	for (size_t i = 0; i < sizeof named / sizeof *named && n < size; i++) {
		bool alias = false; /* Return, Escape, BS, ...: a second name */
		for (size_t j = 0; j < i; j++)
			alias |= named[j].key == named[i].key;
		if (!alias)
			n += (size_t)snprintf(buf + n, size - n, ", %s",
					      named[i].name);
	}
}

void keymap_default(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) {
		const struct binding *b = &defaults[i];
		char buf[128];
		snprintf(buf, sizeof buf, "%s", b->keys);
		int *n = &km->nkeys[b->mode][b->act];
		for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
			int k = keycode_parse(tok);
			if (k >= 0 && *n < KEYMAP_MAX_KEYS)
				km->keys[b->mode][b->act][(*n)++] = k;
		}
	}
}

/* Enter may come as CR or LF, Backspace as DEL or ^H. */
static int canonical(int key)
{
	return key == '\n' ? '\r' : key == 8 ? 127 : key;
}

bool keymap_bound(const struct keymap *km, enum keymode mode, int key,
		  enum action act)
{
	if (mode >= KM_COUNT || act <= ACT_NONE || act >= ACT_COUNT)
		return false;
	key = canonical(key);
	for (int i = 0; i < km->nkeys[mode][act]; i++)
		if (km->keys[mode][act][i] == key)
			return true;
	return false;
}

enum action keymap_lookup(const struct keymap *km, enum keymode mode, int key)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (keymap_bound(km, mode, key, (enum action)a))
			return (enum action)a;
	return ACT_NONE;
}

/* Actions that only apply in a context, and the action each pairs with. */
static bool paired(enum action a, enum action b)
{
	static const enum action pairs[][2] = {
		{ ACT_NEXT, ACT_GOTO }, { ACT_NEXT, ACT_MATCH_NEXT },
		{ ACT_PREV, ACT_MATCH_PREV }, { ACT_PREV, ACT_ERASE },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if ((pairs[i][0] == a && pairs[i][1] == b) ||
		    (pairs[i][0] == b && pairs[i][1] == a))
			return true;
	return false;
}

void keymap_bind(struct keymap *km, enum keymode mode, enum action act,
		 const int *keys, int n)
{
	if (n > KEYMAP_MAX_KEYS)
		n = KEYMAP_MAX_KEYS;
	for (int i = 0; i < n; i++)
		for (int b = 1; b < ACT_COUNT; b++) {
			if (b == (int)act || paired(act, (enum action)b))
				continue;
			int w = 0;
			for (int r = 0; r < km->nkeys[mode][b]; r++)
				if (km->keys[mode][b][r] != keys[i])
					km->keys[mode][b][w++] = km->keys[mode][b][r];
			km->nkeys[mode][b] = w;
		}
	memcpy(km->keys[mode][act], keys, sizeof keys[0] * (size_t)n);
	km->nkeys[mode][act] = n;
}

bool action_in_mode(enum action act, enum keymode mode)
{
	for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
		if (defaults[i].mode == mode && defaults[i].act == act)
			return true;
	return false;
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

const char *keymode_section(enum keymode m)
{
	return m < KM_COUNT ? mode_sections[m] : "?";
}

enum keymode keymode_by_section(const char *section)
{
	for (int m = 0; m < KM_COUNT; m++)
		if (strcmp(mode_sections[m], section) == 0)
			return (enum keymode)m;
	return KM_COUNT;
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
