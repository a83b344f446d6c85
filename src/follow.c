/* follow.c — the follower's connection (follow.h): connect, HELLO, read
 * messages, reconnect with backoff. */
#include "lectern/follow.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lectern/channel.h"
#include "lectern/strbuf.h"

struct follow {
	char *path;      /* NULL: find it each time */
	struct follow_handler h;
	int fd;
	struct wire_reader in;
	bool hello;      /* the presenter's HELLO came */
	int64_t retry_at;
	int64_t backoff;
};

static void status(struct follow *f, bool connected, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void status(struct follow *f, bool connected, const char *fmt, ...)
{
	char why[256] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (f->h.status)
		f->h.status(f->h.ctx, connected, why);
}

struct follow *follow_new(const char *path, const struct follow_handler *h)
{
	struct follow *f = xcalloc(1, sizeof *f);
	f->path = path ? xstrdup(path) : NULL;
	f->h = *h;
	f->fd = -1;
	f->backoff = FOLLOW_RETRY_MIN_MS;
	wire_reader_init(&f->in);
	return f;
}

static void disconnect(struct follow *f, int64_t now, const char *why)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	wire_reader_free(&f->in);
	wire_reader_init(&f->in);
	f->hello = false;
	f->retry_at = now + f->backoff;
	f->backoff = f->backoff * 2 > FOLLOW_RETRY_MAX_MS ? FOLLOW_RETRY_MAX_MS :
							   f->backoff * 2;
	status(f, false, "%s", why);
}

void follow_free(struct follow *f)
{
	if (!f)
		return;
	if (f->fd >= 0) {
		char *bye = NULL;
		size_t len = 0, cap = 0;
		wire_put_bye(&bye, &len, &cap);
		if (send(f->fd, bye, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			/* the presenter notices the close all the same */
		}
		free(bye);
		close(f->fd);
	}
	wire_reader_free(&f->in);
	free(f->path);
	free(f);
}

int follow_fd(const struct follow *f)
{
	return f->fd;
}

int64_t follow_next_deadline(const struct follow *f, int64_t now_ms)
{
	if (f->fd >= 0)
		return -1;
	return f->retry_at > now_ms ? f->retry_at - now_ms : 0;
}

static void try_connect(struct follow *f, int64_t now)
{
	struct lt_error err;
	char *path = f->path ? xstrdup(f->path) : channel_find(&err);
	if (!path) {
		f->retry_at = now + f->backoff;
		status(f, false, "%s", err.what);
		return;
	}
	int fd = channel_connect(path);
	if (fd < 0) {
		int e = errno;
		free(path);
		f->retry_at = now + f->backoff;
		f->backoff = f->backoff * 2 > FOLLOW_RETRY_MAX_MS ?
				     FOLLOW_RETRY_MAX_MS : f->backoff * 2;
		status(f, false, "no presenter at %s yet (%s)",
		       f->path ? f->path : "the socket", strerror(e));
		return;
	}
	free(path);
	f->fd = fd;
	char *hello = NULL;
	size_t len = 0, cap = 0;
	wire_put_hello(&hello, &len, &cap);
	/* 13 bytes into an empty socket buffer */
	if (send(fd, hello, len, MSG_NOSIGNAL) != (ssize_t)len) {
		free(hello);
		disconnect(f, now, "the presenter hung up at once");
		return;
	}
	free(hello);
}

void follow_service(struct follow *f, bool readable, int64_t now_ms)
{
	if (f->fd < 0) {
		if (now_ms >= f->retry_at)
			try_connect(f, now_ms);
		return;
	}
	if (!readable)
		return;
	char buf[65536];
	for (;;) {
		ssize_t r = recv(f->fd, buf, sizeof buf, MSG_DONTWAIT);
		if (r == 0) {
			disconnect(f, now_ms, "the presenter went away");
			return;
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				disconnect(f, now_ms, "the connection broke");
			return;
		}
		wire_reader_feed(&f->in, buf, (size_t)r);
		struct wire_msg m;
		int got;
		while ((got = wire_read_next(&f->in, &m)) == 1) {
			if (!f->hello && m.type != WIRE_HELLO) {
				disconnect(f, now_ms, "the presenter did not say HELLO");
				return;
			}
			switch (m.type) {
			case WIRE_HELLO:
				f->hello = true;
				f->backoff = FOLLOW_RETRY_MIN_MS;
				status(f, true, "connected");
				break;
			case WIRE_DECK:
				if (f->h.deck)
					f->h.deck(f->h.ctx, m.generation, m.format,
						  m.deck, m.deck_len);
				break;
			case WIRE_STATE:
				if (f->h.state)
					f->h.state(f->h.ctx, &m.state);
				break;
			case WIRE_BYE:
				disconnect(f, now_ms, "the presenter said goodbye");
				return;
			}
		}
		if (got < 0) {
			char why[200];
			snprintf(why, sizeof why, "the presenter sent garbage: %s",
				 f->in.error);
			disconnect(f, now_ms, why);
			return;
		}
	}
}
