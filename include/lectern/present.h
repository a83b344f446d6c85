/* present.h — the presenter's side of the socket: it accepts followers of
 * the same user, sends each the deck and then only the latest position,
 * and never waits for any of them. Writes are non-blocking; a new
 * position replaces one not yet sent; a follower that makes no progress
 * for PRESENT_STALL_MS is dropped. The loop polls its descriptors
 * (present_pollfds) and calls present_service; the app is not involved. */
#ifndef LECTERN_PRESENT_H
#define LECTERN_PRESENT_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/error.h"
#include "lectern/wire.h"

#define PRESENT_STALL_MS 5000
#define PRESENT_MAX_FOLLOWERS 256

struct presenter;

/* Listens at path (channel_listen). Caller frees with presenter_free,
 * which says BYE, closes and removes the socket. NULL with *err set. */
struct presenter *presenter_open(const char *path, struct lt_error *err);
void presenter_free(struct presenter *p);

/* The deck every follower gets, as bytes of a deck format (copied); a new
 * generation each time. */
void presenter_set_deck(struct presenter *p, const char *format,
			const char *bytes, size_t n);
uint32_t presenter_generation(const struct presenter *p);

/* The audience's position now; sent as soon as each follower can take it. */
void presenter_set_state(struct presenter *p, const struct wire_state *st);

/* The descriptors to poll (the listener and each follower), at most max;
 * their number. */
size_t presenter_pollfds(const struct presenter *p, struct pollfd *fds,
			 size_t max);

/* Accepts, reads and writes what fds (from presenter_pollfds, after poll)
 * say is ready, and drops followers that stalled. */
void presenter_service(struct presenter *p, const struct pollfd *fds,
		       size_t n, int64_t now_ms);

/* Milliseconds until a stalled follower would be dropped; -1: none. */
int64_t presenter_next_deadline(const struct presenter *p, int64_t now_ms);

size_t presenter_followers(const struct presenter *p);

/* The last thing that happened to a follower ("a follower joined",
 * "follower dropped: it stopped reading"), for the status line, into buf;
 * false when nothing happened since the last call. */
bool presenter_take_event(struct presenter *p, char *buf, size_t size);

#endif
