/* keys.h — keys, actions and the bindings between them. A key is a code
 * point for characters and control keys (Ctrl-C is 3, Esc 27), or one of
 * the KEY_* values below for keys that have no character. The curses layer
 * turns terminal input into these; everything else speaks only keys and
 * actions, so bindings can be tested and configured without a terminal. */
#ifndef LECTERN_KEYS_H
#define LECTERN_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
	KEY_BASE = 0x110000, /* past the last code point */
	KEY_UP_ = KEY_BASE, KEY_DOWN_, KEY_LEFT_, KEY_RIGHT_,
	KEY_PGUP_, KEY_PGDN_, KEY_HOME_, KEY_END_, KEY_INSERT_, KEY_DELETE_,
	KEY_BTAB_,                      /* Shift-Tab */
	KEY_F0_,                        /* F1 is KEY_F0_ + 1 ... F12 */
	KEY_RESIZE_ = KEY_F0_ + 13,
	KEY_LAST_
};

/* What a key does. Each mode of the viewer has its own table of keys to
 * actions (enum keymode); an action belongs to the modes whose defaults
 * list it (keys.c). */
enum action {
	ACT_NONE,
	/* the slide view */
	ACT_NEXT, ACT_PREV, ACT_FIRST, ACT_LAST, ACT_GOTO, ACT_BACK,
	ACT_CONTENTS, ACT_OVERVIEW, ACT_SEARCH, ACT_MATCH_NEXT, ACT_MATCH_PREV,
	ACT_BLACK, ACT_WHITE, ACT_HELP, ACT_RELOAD, ACT_CLEAR, ACT_SUSPEND,
	ACT_QUIT,
	ACT_TIMER_PAUSE, ACT_TIMER_RESET,
	ACT_NOTES,
	/* lists and overlays */
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_CLOSE,
	/* the search prompt */
	ACT_ACCEPT, ACT_CANCEL, ACT_ERASE, ACT_ERASE_ALL,
	ACT_COUNT
};

/* The viewer's modes, each with its key table; its name is the config
 * section that binds it ("keys", "keys.overview", ...). */
enum keymode { KM_SLIDE, KM_OVERVIEW, KM_HELP, KM_PROMPT, KM_COUNT };

#define KEYMAP_MAX_KEYS 12

struct keymap {
	int keys[KM_COUNT][ACT_COUNT][KEYMAP_MAX_KEYS];
	int nkeys[KM_COUNT][ACT_COUNT];
};

/* The default bindings (less/vim habits and presentation clickers). */
void keymap_default(struct keymap *km);

/* The action bound to key in mode, or ACT_NONE. A key bound to several
 * actions of a mode (n: next, and match-next while searching) gives the
 * first in enum order; keymap_bound asks about one action. */
enum action keymap_lookup(const struct keymap *km, enum keymode mode, int key);
bool keymap_bound(const struct keymap *km, enum keymode mode, int key,
		  enum action act);

/* Binds keys[0..n) to act in mode, replacing its keys. Each key leaves
 * the other actions of the mode, except the ones that only apply in a
 * context and pair with act (goto and match-next with next, match-prev
 * and erase with prev), so that "next = Space, n" keeps n for stepping through
 * matches and "quit = n" takes it from both. */
void keymap_bind(struct keymap *km, enum keymode mode, enum action act,
		 const int *keys, int n);

/* Whether act belongs to mode (has a row in the defaults table). */
bool action_in_mode(enum action act, enum keymode mode);

/* The action's config name ("next", "prev", ...) and its help text. */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* The action named name, or ACT_NONE. */
enum action action_by_name(const char *name);

/* The mode's config section ("keys", "keys.overview"); the mode whose
 * section that is, or KM_COUNT. */
const char *keymode_section(enum keymode m);
enum keymode keymode_by_section(const char *section);

/* Parses one key name: "x", "Space", "Right", "PgDn", "F5", "C-n", "Esc",
 * "Enter", a single UTF-8 character. Returns -1 when it is not a key. */
int keycode_parse(const char *name);

/* The key names keycode_parse reads, for messages: "a character, C-x,
 * F1-F12, Space, Comma, ...", each key once. */
void keycode_names(char *buf, size_t size);

/* Writes the key's name into buf (as keycode_parse reads it). */
void keycode_name(int key, char *buf, size_t size);

#endif
