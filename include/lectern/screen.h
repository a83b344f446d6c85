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

struct screen;

/* Opens the terminal on stdout, with colour_styles where it has colours
 * (and NO_COLOR is unset), mono_styles elsewhere. direct: draw each span
 * at its absolute place, for terminals that draw East Asian ambiguous
 * characters two columns wide (curses would count one). NULL with a
 * one-line reason in err when there is no usable terminal (TERM unset or
 * unknown, no /dev/tty). Caller closes with screen_close. */
struct screen *screen_open(const struct style *colour_styles,
			   const struct style *mono_styles, bool direct,
			   char *err, size_t errlen);

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

/* The next key, waiting at most timeout_ms (-1: forever). -1 on timeout
 * or when a signal interrupted the wait. */
int screen_read_key(struct screen *s, int timeout_ms);

void screen_draw(struct screen *s, const struct frame *f);

/* Leaves curses for the shell until the process is continued (Ctrl-Z). */
void screen_suspend(struct screen *s);

#endif
