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

enum action {
	ACT_NONE,
	ACT_NEXT, ACT_PREV, ACT_FIRST, ACT_LAST, ACT_GOTO,
	ACT_CONTENTS, ACT_OVERVIEW, ACT_SEARCH, ACT_MATCH_NEXT, ACT_MATCH_PREV,
	ACT_BLACK, ACT_HELP, ACT_RELOAD, ACT_QUIT,
	ACT_COUNT
};

#define KEYMAP_MAX_KEYS 12

struct keymap {
	int keys[ACT_COUNT][KEYMAP_MAX_KEYS];
	int nkeys[ACT_COUNT];
};

/* The default bindings (less/vim habits and presentation clickers). */
void keymap_default(struct keymap *km);

/* The action bound to key, or ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, int key);

/* The action's config name ("next", "prev", ...) and its help text. */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* The action named name, or ACT_NONE. */
enum action action_by_name(const char *name);

/* Parses one key name: "x", "Space", "Right", "PgDn", "F5", "C-n", "Esc",
 * "Enter", a single UTF-8 character. Returns -1 when it is not a key. */
int keycode_parse(const char *name);

/* Writes the key's name into buf (as keycode_parse reads it). */
void keycode_name(int key, char *buf, size_t size);

#endif
