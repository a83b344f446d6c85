/* screen.h — the terminal, through ncursesw: the only module that includes
 * <curses.h>. It opens the terminal (keys from /dev/tty even when stdin is
 * a pipe), draws frames (curses sends only what changed), reads keys as
 * lectern key codes, and puts the terminal back as it found it. */
#ifndef LECTERN_SCREEN_H
#define LECTERN_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/frame.h"
#include "lectern/style.h"
#include "lectern/termbg.h"

struct screen;

/* Opens the terminal on stdout. direct: draw each span at its absolute
 * place, for terminals that draw East Asian ambiguous characters two
 * columns wide (curses would count one). ask_bg: ask the terminal for its
 * background colour (OSC 11) when it has colours and keys come from the
 * terminal stdout writes to; nothing waits for the answer. NULL with a
 * one-line reason in err when there is no usable terminal (TERM unset or
 * unknown, no /dev/tty). Caller closes with screen_close. */
struct screen *screen_open(bool direct, bool ask_bg, char *err, size_t errlen);

/* What the terminal has said of its background: nothing known until its
 * answer has come (it may come after the first frame, read with the
 * keys), or when it was not asked or answered later than
 * TERMBG_ANSWER_MS. */
const struct termbg_answer *screen_background(const struct screen *s);

/* The styles to draw with: colour_styles where the terminal has colours,
 * mono_styles elsewhere. Set again (the background came), the next frame
 * repaints the whole screen. */
void screen_set_styles(struct screen *s, const struct style *colour_styles,
		       const struct style *mono_styles);

/* Forgets what is on the terminal (after a resize): the next frame is
 * drawn whole. */
void screen_forget(struct screen *s);

/* Restores the terminal's modes and frees; accepts NULL. */
void screen_close(struct screen *s);

/* Best-effort restore from a fatal signal handler. */
void screen_emergency_restore(void);

void screen_size(struct screen *s, int *width, int *height);

/* Takes the terminal's new size (after SIGWINCH). */
void screen_resize(struct screen *s);

/* The descriptor keys come from, for the loop's poll. */
int screen_input_fd(const struct screen *s);

/* Whether keys are waiting that no poll will see: keys typed while the
 * terminal was asked its background, handed back to curses. Read them
 * with screen_read_key until it returns -1. */
bool screen_keys_held(const struct screen *s);

/* The next key, waiting at most timeout_ms (-1: forever). -1 on timeout
 * or when a signal interrupted the wait. Replies to the background query
 * that come late are recognised and never returned as keys. */
int screen_read_key(struct screen *s, int timeout_ms);

void screen_draw(struct screen *s, const struct frame *f);

/* Leaves curses for the shell until the process is continued (Ctrl-Z). */
void screen_suspend(struct screen *s);

#endif
