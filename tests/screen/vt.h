/* vt.h — a program in a pseudo-terminal, read back through libvterm, a real
 * terminal emulator: what lectern's screen tests and its screen benchmark
 * see is what a terminal would show. */
#ifndef LECTERN_VT_H
#define LECTERN_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>

struct vt {
	int fd;           /* the pty master */
	pid_t pid;
	VTerm *vt;
	VTermScreen *vs;
	int rows, cols;
	size_t bytes;     /* bytes the program wrote so far */
	bool altscreen, cursor_visible;
	int title_sets;   /* how often the program set the window title */
	int status;       /* exit status once reaped, else -1 */
	long maxrss_kib;  /* the program's peak resident size, once reaped */
	char *log;        /* every byte written, when logging (vt_log_start) */
	size_t loglen, logcap;
	bool logging;
	/* The terminal's answers. Set these after vt_spawn, before the first
	 * pump: nothing the program writes is read until then. */
	const char *bg_reply;  /* the colour OSC 11 answers with, as in
				* "rgb:ffff/ffff/ffff"; NULL: no answer, as
				* libvterm gives none */
	const char *bg_end;    /* the answer's terminator: NULL for ST */
	bool hold_replies;     /* keep every answer back (a slow link) until
				* vt_release_replies */
	bool drop_replies;     /* answer nothing at all, not even DA1 */
	const char *typed_at_query; /* keys the user types as the OSC 11
				* query arrives, before any answer */
	int bg_queries;        /* OSC 11 queries the program made */
	char pending[512];     /* answers to what the last read brought */
	size_t npending;
	char *held;            /* answers kept back */
	size_t nheld, heldcap;
};

/* Sends the answers kept back by hold_replies (or drop_replies), as they
 * would have come, in as many pieces as given (1: at once), pausing
 * pause_ms between pieces. */
void vt_release_replies(struct vt *t, int pieces, int pause_ms);

/* Starts (or restarts) keeping a copy of every byte the program writes. */
void vt_log_start(struct vt *t);

/* Starts argv[0] (a path) in a rows×cols pty with TERM=term (NULL: leave
 * TERM unset) and LANG=C.UTF-8. */
bool vt_spawn(struct vt *t, int cols, int rows, const char *term,
	      char *const argv[]);

/* The same with a locale of one's choosing: LC_ALL=locale (NULL: unset)
 * and LANG=lang. */
bool vt_spawn_locale(struct vt *t, int cols, int rows, const char *term,
		     const char *lc_all, const char *lang, char *const argv[]);

/* Reads what the program writes for up to ms milliseconds, returning early
 * once it has been quiet for quiet_ms. */
void vt_pump(struct vt *t, int ms, int quiet_ms);
/* The same for the reply to keys just sent: waits up to first_ms for the
 * program to start writing (a loaded machine may not run it for a
 * while), then pumps as vt_pump; returns at once after first_ms when
 * nothing comes. */
void vt_pump_reply(struct vt *t, int first_ms, int ms, int quiet_ms);

/* Pumps until the screen holds needle (UTF-8); false after timeout_ms. */
bool vt_wait_for(struct vt *t, const char *needle, int timeout_ms);

/* How long a test waits for a program it has just started to show its
 * first screen: long, since CI's machine runs other suites beside it and
 * a process's first start there can take seconds; a passing test never
 * waits it out. */
#define VT_START_MS 10000
/* Pumps until the footer's n/N shows a whole deck: the screen holds a
 * '/' but not the "/…" of a deck still loading; false after timeout_ms.
 * Keys sent before that can land while the total is still unknown. */
bool vt_wait_loaded(struct vt *t, int timeout_ms);
/* Pumps until the screen no longer holds needle. */
bool vt_wait_gone(struct vt *t, const char *needle, int timeout_ms);

void vt_send(struct vt *t, const char *bytes);
void vt_resize(struct vt *t, int cols, int rows);

/* Row text, UTF-8, trailing blanks dropped. Caller frees. */
char *vt_row(struct vt *t, int row);
/* All rows, each ending in '\n'. Caller frees. */
char *vt_screen(struct vt *t);
bool vt_contains(struct vt *t, const char *needle);

/* Whether the last row (a status line) holds s. */
bool vt_footer_has(struct vt *t, const char *s);

/* Sends keys, then pumps until the last row holds s ("4/24"); false
 * (after printing the row) when it has not within 3 s. */
bool vt_go(struct vt *t, const char *keys, const char *s);

/* The cell at row, col. */
bool vt_cell(struct vt *t, int row, int col, VTermScreenCell *cell);

/* Waits for the program to exit; its status (exit code, or 128 + signal),
 * or -1 on timeout. */
int vt_wait_exit(struct vt *t, int timeout_ms);

/* Kills the program if still running and frees everything. */
void vt_close(struct vt *t);

#endif
