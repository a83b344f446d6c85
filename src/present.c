/* present.c — the presenter's socket server (present.h). Each follower
 * has a small queue: HELLO, then the deck (a shared, reference-counted
 * message), then the latest position, encoded only when it is the next
 * thing to send, so that positions coalesce and a slow follower costs the
 * presenter nothing. */
#include "lectern/present.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lectern/channel.h"
#include "lectern/strbuf.h"

/* The deck message, shared by every follower sending it. */
struct blob {
	char *data;
	size_t len;
	int refs;
};

static void blob_drop(struct blob *b)
{
	if (b && --b->refs == 0) {
		free(b->data);
		free(b);
	}
}

struct follower {
	int fd;
	struct wire_reader in;
	char small[WIRE_HEADER + WIRE_STATE_SIZE]; /* HELLO or a STATE */
	size_t small_len, small_off;
	struct blob *deck; /* being sent */
	size_t deck_off;
	uint32_t deck_gen; /* the generation it has, or is being sent */
	bool has_deck;
	bool need_state;
	bool hello;        /* its HELLO came */
	int64_t stalled;   /* since when it has had bytes it would not take;
			      0: not stalled */
};

struct presenter {
	int listen_fd;
	char *path;
	struct follower *f;
	size_t n, cap;
	struct blob *deck;
	uint32_t generation;
	struct wire_state state;
	bool has_state;
	int64_t now;       /* the last service's clock */
	char event[160];
};

static void flush_all(struct presenter *p);

struct presenter *presenter_open(const char *path, struct lt_error *err)
{
	int fd = channel_listen(path, err);
	if (fd < 0)
		return NULL;
	struct presenter *p = xcalloc(1, sizeof *p);
	p->listen_fd = fd;
	p->path = xstrdup(path);
	return p;
}

static void drop(struct presenter *p, size_t i, const char *why)
{
	struct follower *f = &p->f[i];
	if (why)
		snprintf(p->event, sizeof p->event, "follower dropped: %s", why);
	close(f->fd);
	wire_reader_free(&f->in);
	blob_drop(f->deck);
	p->f[i] = p->f[--p->n];
}

void presenter_free(struct presenter *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		/* a last word where there is room for it; never a wait */
		char *bye = NULL;
		size_t len = 0, cap = 0;
		wire_put_bye(&bye, &len, &cap);
		if (p->f[i].small_off == p->f[i].small_len && !p->f[i].deck &&
		    send(p->f[i].fd, bye, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			/* it goes away all the same */
		}
		free(bye);
	}
	while (p->n)
		drop(p, p->n - 1, NULL);
	free(p->f);
	blob_drop(p->deck);
	close(p->listen_fd);
	unlink(p->path);
	free(p->path);
	free(p);
}

void presenter_set_deck(struct presenter *p, const char *format,
			const char *bytes, size_t n)
{
	blob_drop(p->deck);
	p->deck = xcalloc(1, sizeof *p->deck);
	p->deck->refs = 1;
	size_t cap = 0;
	wire_put_deck(&p->deck->data, &p->deck->len, &cap, ++p->generation,
		      format, bytes, n);
	for (size_t i = 0; i < p->n; i++)
		p->f[i].has_deck = false;
	flush_all(p);
}

uint32_t presenter_generation(const struct presenter *p)
{
	return p->generation;
}

void presenter_set_state(struct presenter *p, const struct wire_state *st)
{
	p->state = *st;
	p->has_state = true;
	for (size_t i = 0; i < p->n; i++)
		p->f[i].need_state = true;
	flush_all(p);
}

static bool flush(struct presenter *p, size_t i, int64_t now);

/* Sends what every follower can take now: a page turn goes out at once,
 * not at the next wake-up. */
static void flush_all(struct presenter *p)
{
	for (size_t i = 0; i < p->n;)
		if (flush(p, i, p->now))
			i++;
}

/* What follower f should be sent next, into its queue. False when it has
 * everything. */
static bool refill(struct presenter *p, struct follower *f)
{
	if (f->small_off < f->small_len || f->deck)
		return true;
	if (!f->has_deck && p->deck) {
		f->deck = p->deck;
		f->deck->refs++;
		f->deck_off = 0;
		f->deck_gen = p->generation;
		f->has_deck = true;
		return true;
	}
	if (f->need_state && p->has_state && f->deck_gen == p->state.generation) {
		char *buf = NULL;
		size_t len = 0, cap = 0;
		wire_put_state(&buf, &len, &cap, &p->state);
		memcpy(f->small, buf, len);
		free(buf);
		f->small_len = len;
		f->small_off = 0;
		f->need_state = false;
		return true;
	}
	return false;
}

/* Sends what follower i can take now. False when it was dropped. */
static bool flush(struct presenter *p, size_t i, int64_t now)
{
	struct follower *f = &p->f[i];
	while (refill(p, f)) {
		const char *data;
		size_t left;
		if (f->small_off < f->small_len) {
			data = f->small + f->small_off;
			left = f->small_len - f->small_off;
		} else {
			data = f->deck->data + f->deck_off;
			left = f->deck->len - f->deck_off;
		}
		ssize_t w = send(f->fd, data, left, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!f->stalled)
				f->stalled = now ? now : 1;
			return true;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			drop(p, i, "it went away");
			return false;
		}
		f->stalled = 0;
		if (f->small_off < f->small_len) {
			f->small_off += (size_t)w;
		} else {
			f->deck_off += (size_t)w;
			if (f->deck_off == f->deck->len) {
				blob_drop(f->deck);
				f->deck = NULL;
			}
		}
	}
	f->stalled = 0;
	return true;
}

static void accept_all(struct presenter *p, int64_t now)
{
	for (;;) {
		int fd = accept4(p->listen_fd, NULL, NULL,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		long uid = channel_peer_uid(fd);
		if (uid != (long)geteuid()) {
			/* the socket's mode should have stopped it already */
			snprintf(p->event, sizeof p->event, "refused a "
				 "connection from uid %ld", uid);
			close(fd);
			continue;
		}
		if (p->n == PRESENT_MAX_FOLLOWERS) {
			snprintf(p->event, sizeof p->event, "refused a follower: "
				 "%d already", PRESENT_MAX_FOLLOWERS);
			close(fd);
			continue;
		}
		p->f = xgrow(p->f, &p->cap, p->n + 1, sizeof *p->f);
		struct follower *f = &p->f[p->n++];
		memset(f, 0, sizeof *f);
		f->fd = fd;
		wire_reader_init(&f->in);
		char *hello = NULL;
		size_t len = 0, cap = 0;
		wire_put_hello(&hello, &len, &cap);
		memcpy(f->small, hello, len);
		free(hello);
		f->small_len = len;
		f->need_state = true;
		snprintf(p->event, sizeof p->event, "a follower joined (%zu)", p->n);
		flush(p, p->n - 1, now);
	}
}

/* Reads what follower i sent: its HELLO, or BYE. Anything else is a
 * broken follower: followers never move the presenter. */
static bool take_input(struct presenter *p, size_t i)
{
	struct follower *f = &p->f[i];
	char buf[4096];
	for (;;) {
		ssize_t r = recv(f->fd, buf, sizeof buf, MSG_DONTWAIT);
		if (r == 0) {
			drop(p, i, NULL);
			snprintf(p->event, sizeof p->event, "a follower left (%zu)",
				 p->n);
			return false;
		}
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
			      errno == EINTR))
			return true;
		if (r < 0) {
			drop(p, i, "its connection broke");
			return false;
		}
		wire_reader_feed(&f->in, buf, (size_t)r);
		struct wire_msg m;
		int got;
		while ((got = wire_read_next(&f->in, &m)) == 1) {
			if (m.type == WIRE_HELLO && !f->hello) {
				f->hello = true;
			} else if (m.type == WIRE_BYE) {
				drop(p, i, NULL);
				return false;
			} else {
				drop(p, i, "it sent what a follower may not");
				return false;
			}
		}
		if (got < 0) {
			char why[160];
			snprintf(why, sizeof why, "%s", f->in.error);
			drop(p, i, why);
			return false;
		}
	}
}

size_t presenter_pollfds(const struct presenter *p, struct pollfd *fds,
			 size_t max)
{
	size_t k = 0;
	if (k < max)
		fds[k++] = (struct pollfd){ .fd = p->listen_fd, .events = POLLIN };
	for (size_t i = 0; i < p->n && k < max; i++) {
		const struct follower *f = &p->f[i];
		short ev = POLLIN;
		if (f->stalled)
			ev |= POLLOUT;
		fds[k++] = (struct pollfd){ .fd = f->fd, .events = ev };
	}
	return k;
}

static struct follower *by_fd(struct presenter *p, int fd, size_t *i)
{
	for (*i = 0; *i < p->n; (*i)++)
		if (p->f[*i].fd == fd)
			return &p->f[*i];
	return NULL;
}

void presenter_service(struct presenter *p, const struct pollfd *fds,
		       size_t n, int64_t now_ms)
{
	p->now = now_ms;
	for (size_t k = 0; k < n; k++) {
		if (!fds[k].revents)
			continue;
		if (fds[k].fd == p->listen_fd) {
			accept_all(p, now_ms);
			continue;
		}
		size_t i;
		if (!by_fd(p, fds[k].fd, &i))
			continue; /* dropped already */
		if ((fds[k].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !take_input(p, i))
			continue;
		if (fds[k].revents & (POLLERR | POLLNVAL)) {
			drop(p, i, "its connection broke");
			continue;
		}
	}
	/* send what is new, and let go of followers that stopped reading */
	for (size_t i = 0; i < p->n;) {
		if (!flush(p, i, now_ms))
			continue;
		if (p->f[i].stalled && now_ms - p->f[i].stalled > PRESENT_STALL_MS) {
			drop(p, i, "it stopped reading");
			continue;
		}
		i++;
	}
}

int64_t presenter_next_deadline(const struct presenter *p, int64_t now_ms)
{
	int64_t best = -1;
	for (size_t i = 0; i < p->n; i++) {
		if (!p->f[i].stalled)
			continue;
		int64_t left = p->f[i].stalled + PRESENT_STALL_MS - now_ms + 1;
		if (left < 0)
			left = 0;
		if (best < 0 || left < best)
			best = left;
	}
	return best;
}

size_t presenter_followers(const struct presenter *p)
{
	return p->n;
}

bool presenter_take_event(struct presenter *p, char *buf, size_t size)
{
	if (!p->event[0])
		return false;
	snprintf(buf, size, "%s", p->event);
	p->event[0] = '\0';
	return true;
}
