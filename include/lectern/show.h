/* show.h — what the terminal loop (viewer.c) runs: the slides, the
 * presenter's console or an audience view. A show takes keys, the time
 * and the terminal's size, says when its frame next changes by itself and
 * what it draws, and may have descriptors of its own to poll (the
 * presenter's and the follower's sockets). The loop owns the terminal and
 * the clock; a show touches neither. */
#ifndef LECTERN_SHOW_H
#define LECTERN_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/frame.h"

struct pollfd;

struct show {
	void *ctx;
	void (*resize)(void *ctx, int width, int height);
	void (*key)(void *ctx, int key);
	void (*tick)(void *ctx, int64_t now_ms);
	/* ms after the last tick until the frame changes by itself or the
	 * show has something to do; -1: not until a key or a descriptor */
	int64_t (*next_change)(void *ctx);
	void (*frame)(void *ctx, struct frame *f);
	bool (*quit)(void *ctx);         /* the loop ends */
	bool (*take_suspend)(void *ctx); /* hand the terminal to the shell */
	/* optional: descriptors to poll, at most max; their number */
	size_t (*pollfds)(void *ctx, struct pollfd *fds, size_t max);
	/* optional: after poll, with the same descriptors and their revents
	 * (and after a deadline, with none ready); true to draw again */
	bool (*service)(void *ctx, const struct pollfd *fds, size_t n);
	/* optional: after a frame is on the terminal (the presenter tells
	 * followers only once its own screen is drawn) */
	void (*drawn)(void *ctx);
};

#endif
