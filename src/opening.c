/* opening.c — the show while the deck is read in the background
 * (opening.h): it passes everything to the app's show but the keys that
 * need the deck, which wait in a queue, and it polls the loading's
 * descriptor until the deck is in. */
#include "lectern/opening.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/keys.h"
#include "lectern/loading.h"
#include "lectern/strbuf.h"

/* Keys typed before the deck is in: more than anyone types in a load. */
#define QUEUE_MAX 256

struct opening {
	struct show inner;
	struct app *a;
	char *path;
	const struct deck_format *format;
	const char *encoding;
	opening_ready_fn *ready;
	void *ctx;
	struct loading *load; /* NULL before the first frame and after */
	bool started, in;     /* the read has started; the deck is in */
	bool failed;
	struct lt_error err;
	int queue[QUEUE_MAX];
	size_t nqueue;
};

/* What a key may do before the deck is in, in the slide view: nothing
 * that moves through the deck or looks into it. */
static const enum action act_at_once[] = {
	ACT_QUIT, ACT_HELP, ACT_BLACK, ACT_WHITE, ACT_SUSPEND,
};

static bool acts_at_once(const struct opening *o, int key)
{
	if (o->a->mode != MODE_SLIDE)
		return o->nqueue == 0; /* help's keys, or any key off black */
	enum action act = keymap_lookup(&o->a->keys, KM_SLIDE, key);
	if (act == ACT_QUIT)
		return true;
	for (size_t i = 0; i < sizeof act_at_once / sizeof *act_at_once; i++)
		if (act == act_at_once[i])
			return o->nqueue == 0;
	return false;
}

static void notice(struct opening *o)
{
	snprintf(o->a->message, sizeof o->a->message,
		 "loading the deck\xE2\x80\xA6 (%zu key%s waiting)", o->nqueue,
		 o->nqueue == 1 ? "" : "s");
}

/* The deck is in (or not): the app gets it and the keys waiting. */
static void arrived(struct opening *o, bool ok, struct deck *d)
{
	o->in = true;
	if (!ok) {
		o->failed = true;
		o->a->quit = true;
		return;
	}
	o->a->message[0] = '\0';
	o->ready(o->ctx, d);
	for (size_t i = 0; i < o->nqueue && !o->inner.quit(o->inner.ctx); i++)
		o->inner.key(o->inner.ctx, o->queue[i]);
	o->nqueue = 0;
}

static void op_resize(void *ctx, int w, int h)
{
	struct opening *o = ctx;
	o->inner.resize(o->inner.ctx, w, h);
}

static void op_key(void *ctx, int key)
{
	struct opening *o = ctx;
	if (o->in || acts_at_once(o, key)) {
		o->inner.key(o->inner.ctx, key);
		return;
	}
	if (o->nqueue < QUEUE_MAX)
		o->queue[o->nqueue++] = key;
	notice(o);
}

static void op_tick(void *ctx, int64_t now)
{
	struct opening *o = ctx;
	o->inner.tick(o->inner.ctx, now);
}

static int64_t op_next(void *ctx)
{
	struct opening *o = ctx;
	return o->inner.next_change(o->inner.ctx);
}

static void op_frame(void *ctx, struct frame *f)
{
	struct opening *o = ctx;
	o->inner.frame(o->inner.ctx, f);
}

static bool op_quit(void *ctx)
{
	struct opening *o = ctx;
	return o->inner.quit(o->inner.ctx);
}

static bool op_suspend(void *ctx)
{
	struct opening *o = ctx;
	return o->inner.take_suspend(o->inner.ctx);
}

static size_t op_pollfds(void *ctx, struct pollfd *fds, size_t max)
{
	struct opening *o = ctx;
	size_t n = 0;
	if (o->load && max > 0)
		fds[n++] = (struct pollfd){ .fd = loading_fd(o->load),
					    .events = POLLIN };
	if (o->inner.pollfds)
		n += o->inner.pollfds(o->inner.ctx, fds + n, max - n);
	return n;
}

static bool op_service(void *ctx, const struct pollfd *fds, size_t n)
{
	struct opening *o = ctx;
	bool dirty = false;
	size_t own = 0;
	if (o->load) {
		own = 1;
		if (loading_done(o->load)) {
			struct deck *d = NULL;
			struct lt_error err;
			bool ok = loading_finish(o->load, &d, &err);
			o->load = NULL;
			if (!ok)
				o->err = err;
			arrived(o, ok, d);
			dirty = true;
		}
	}
	if (o->inner.service &&
	    o->inner.service(o->inner.ctx, fds + (n >= own ? own : n),
			     n >= own ? n - own : 0))
		dirty = true;
	return dirty;
}

/* The first frame is on the terminal: now the deck is read. */
static void op_drawn(void *ctx)
{
	struct opening *o = ctx;
	if (!o->started) {
		o->started = true;
		struct lt_error err;
		o->load = loading_start(o->path, o->format, o->encoding, &err);
		if (!o->load) {
			/* no thread: read it here, with the keys waiting */
			struct deck *d = NULL;
			bool ok = deck_load_encoded(o->path, o->format,
						    o->encoding, &d, &o->err);
			arrived(o, ok, d);
		}
	}
	if (o->inner.drawn)
		o->inner.drawn(o->inner.ctx);
}

struct opening *opening_new(const struct show *inner, struct app *a,
			    const char *path, const struct deck_format *format,
			    const char *encoding, opening_ready_fn *ready,
			    void *ctx)
{
	struct opening *o = xcalloc(1, sizeof *o);
	o->inner = *inner;
	o->a = a;
	o->path = xstrdup(path);
	o->format = format;
	o->encoding = encoding;
	o->ready = ready;
	o->ctx = ctx;
	a->loading = true;
	return o;
}

void opening_show(struct opening *o, struct show *s)
{
	*s = (struct show){ o, op_resize, op_key, op_tick, op_next, op_frame,
			    op_quit, op_suspend, op_pollfds, op_service,
			    op_drawn };
}

bool opening_failed(const struct opening *o, struct lt_error *err)
{
	if (o->failed)
		*err = o->err;
	return o->failed;
}

void opening_free(struct opening *o)
{
	if (!o)
		return;
	loading_abandon(o->load);
	free(o->path);
	free(o);
}
