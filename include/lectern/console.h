/* console.h — the presenter's console (lectern --present): the current
 * slide as the audience sees it, the next slide, the speaker notes and the
 * time, composed to fit the terminal (side by side when wide, stacked when
 * tall), and the presenter's socket publishing the deck and the position
 * to followers. It is a show (show.h) over the app: every key of the
 * viewer works here. The app does no socket I/O; the console does it, on
 * its own descriptors, from the one loop. */
#ifndef LECTERN_CONSOLE_H
#define LECTERN_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/app.h"
#include "lectern/error.h"
#include "lectern/show.h"

/* The deck as followers receive it: bytes in a deck format the loader
 * reads, with the speaker notes left out. Caller frees; *format is the
 * format's name. */
typedef char *deck_bytes_fn(const struct deck *d, size_t *n,
			    const char **format);

/* Where each part goes in a w x h console. */
struct console_regions {
	bool side_by_side;
	int sx, sy, sw, sh; /* the current slide (with its status line) */
	int nx, ny, nw, nh; /* the next slide; nh 0: none */
	int tx, ty, tw, th; /* the notes; th 0: none */
	int status;         /* the console's own status row */
};

void console_regions(int w, int h, bool notes, struct console_regions *r);

struct console;

/* A console over a (not owned) publishing at socket_path. NULL with *err
 * set when the socket cannot be opened (another presenter is on it).
 * Caller frees with console_free, which tells followers goodbye. */
struct console *console_new(struct app *a, const char *socket_path,
			    deck_bytes_fn *bytes, struct lt_error *err);
void console_free(struct console *c);

void console_show(struct console *c, struct show *s);

#endif
