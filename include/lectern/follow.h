/* follow.h — a follower's side of the socket: it connects to a presenter,
 * says HELLO, and hands on the deck and each position as they come. When
 * the presenter goes away it tries again by itself, waiting longer each
 * time (FOLLOW_RETRY_MIN_MS doubling to FOLLOW_RETRY_MAX_MS). It sends
 * nothing that could move the presenter. */
#ifndef LECTERN_FOLLOW_H
#define LECTERN_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/wire.h"

#define FOLLOW_RETRY_MIN_MS 100
#define FOLLOW_RETRY_MAX_MS 2000

/* What the connection hands on. */
struct follow_handler {
	void *ctx;
	void (*deck)(void *ctx, uint32_t generation, const char *format,
		     const char *bytes, size_t n);
	void (*state)(void *ctx, const struct wire_state *st);
	/* connected or not, and why not ("no presenter at PATH") */
	void (*status)(void *ctx, bool connected, const char *why);
};

struct follow;

/* Follows the presenter at path; NULL: the only one in the socket
 * directory (channel_find), looked for again at each try. Caller frees
 * with follow_free (which says BYE). */
struct follow *follow_new(const char *path, const struct follow_handler *h);
void follow_free(struct follow *f);

/* The descriptor to poll for reading, or -1 while not connected. */
int follow_fd(const struct follow *f);

/* Milliseconds until the next try to connect; -1 while connected. */
int64_t follow_next_deadline(const struct follow *f, int64_t now_ms);

/* Reads what came (when the descriptor is ready), or tries to connect
 * (when the deadline has come), calling the handler. */
void follow_service(struct follow *f, bool readable, int64_t now_ms);

#endif
