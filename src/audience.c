/* audience.c — the audience view (audience.h): a follower connection
 * feeding an app that only shows. Until a deck comes, and whenever the
 * presenter is away, it shows a waiting notice. */
#include "lectern/audience.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/follow.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

struct audience {
	struct follow *conn;
	struct config cfg;
	struct app app;
	bool has_app;
	uint32_t generation;       /* of the deck shown */
	struct wire_state pending; /* a position for a deck still to come */
	bool has_pending;
	bool connected;
	char why[256];             /* why not connected, or a deck problem */
	int width, height;
	int64_t now;
	bool quit, redraw;
};

/* ---- what the connection delivers -------------------------------------- */

static void apply(struct audience *v, const struct wire_state *st)
{
	struct app_position p = {
		st->slide,
		st->screen == WIRE_BLACK ? APP_BLACK : st->screen == WIRE_WHITE ?
		APP_WHITE : st->screen == WIRE_END ? APP_END : APP_SLIDE,
		st->revealed == UINT32_MAX ? SIZE_MAX : st->revealed,
		st->block, st->point, st->step
	};
	if (p.slide >= v->app.ix.count)
		p.slide = v->app.ix.count ? v->app.ix.count - 1 : 0;
	app_set_position(&v->app, &p);
}

void audience_take_deck(struct audience *v, uint32_t generation,
			const char *format, const char *bytes, size_t n)
{
	const struct deck_format *fmt = deck_format_named(format);
	struct deck *d;
	struct lt_error err;
	if (!fmt) {
		snprintf(v->why, sizeof v->why, "the presenter sent a deck in a "
			 "format this lectern does not read (%s)", format);
		return;
	}
	if (!deck_load_bytes("(the presenter's deck)", bytes, n, fmt, &d, &err)) {
		snprintf(v->why, sizeof v->why, "the presenter's deck does not "
			 "load: %.200s", err.what);
		return;
	}
	struct layout_opts lo;
	config_layout_opts(&v->cfg, v->width > 0 ? v->width : 80, &lo);
	/* no footer of its own beyond the slide numbers and title: the
	 * audience sees what the config says, as in the viewer */
	struct app_settings set = { v->cfg.footer, false, 0, NULL, NULL, NULL,
				    NULL, 0, NULL };
	if (v->has_app)
		app_free(&v->app);
	app_init(&v->app, d, "(the presenter's deck)", &lo, &v->cfg.keys, &set);
	app_resize(&v->app, v->width, v->height);
	app_tick(&v->app, v->now);
	v->has_app = true;
	v->generation = generation;
	v->why[0] = '\0';
	if (v->has_pending && v->pending.generation == generation)
		apply(v, &v->pending);
	v->has_pending = false;
	v->redraw = true;
}

void audience_take_state(struct audience *v, const struct wire_state *st)
{
	if (!v->has_app || st->generation != v->generation) {
		v->pending = *st; /* for the deck on its way */
		v->has_pending = true;
		return;
	}
	apply(v, st);
	v->redraw = true;
}

void audience_take_status(struct audience *v, bool connected, const char *why)
{
	v->connected = connected;
	if (!connected)
		snprintf(v->why, sizeof v->why, "%s", why);
	v->redraw = true;
}

static void on_deck(void *ctx, uint32_t gen, const char *format,
		    const char *bytes, size_t n)
{
	audience_take_deck(ctx, gen, format, bytes, n);
}

static void on_state(void *ctx, const struct wire_state *st)
{
	audience_take_state(ctx, st);
}

static void on_status(void *ctx, bool connected, const char *why)
{
	audience_take_status(ctx, connected, why);
}

/* ---- the show ---------------------------------------------------------- */

static void waiting(struct audience *v, struct frame *f)
{
	const char *lines[2] = { "Waiting for the presenter\xE2\x80\xA6", v->why };
	int row = f->height / 2 - 1;
	for (int i = 0; i < 2; i++, row += 2) {
		if (!lines[i][0])
			continue;
		const char *s = frame_string(f, text_inert(lines[i], strlen(lines[i])));
		int w = text_width(s, strlen(s), f->ambiguous);
		int col = w < f->width ? (f->width - w) / 2 : 0;
		frame_put_cut(f, row, col, s, f->width - col, i ? LS_DIM : LS_SECTION);
	}
}

static void aud_frame(void *ctx, struct frame *f)
{
	struct audience *v = ctx;
	if (!v->has_app || !v->connected) {
		frame_init(f, v->width, v->height, v->cfg.ambiguous);
		waiting(v, f);
		return;
	}
	app_frame(&v->app, f);
}

static void aud_resize(void *ctx, int w, int h)
{
	struct audience *v = ctx;
	v->width = w;
	v->height = h;
	if (v->has_app)
		app_resize(&v->app, w, h);
}

/* Followers send nothing that moves the presenter: their keys quit or
 * redraw, nothing else. */
static void aud_key(void *ctx, int key)
{
	struct audience *v = ctx;
	if (key == 'q' || key == 3)
		v->quit = true;
	else if (key == 12) /* C-l */
		v->redraw = true;
}

static void aud_tick(void *ctx, int64_t now)
{
	struct audience *v = ctx;
	v->now = now;
	if (v->has_app)
		app_tick(&v->app, now);
}

static int64_t aud_next(void *ctx)
{
	struct audience *v = ctx;
	int64_t conn = follow_next_deadline(v->conn, v->now);
	int64_t app = v->has_app && v->connected ? app_next_change(&v->app) : -1;
	if (conn < 0 || (app >= 0 && app < conn))
		return app;
	return conn;
}

static bool aud_quit(void *ctx)
{
	return ((struct audience *)ctx)->quit;
}

static bool aud_suspend(void *ctx)
{
	(void)ctx;
	return false;
}

static size_t aud_pollfds(void *ctx, struct pollfd *fds, size_t max)
{
	struct audience *v = ctx;
	int fd = follow_fd(v->conn);
	if (fd < 0 || !max)
		return 0;
	fds[0] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return 1;
}

static bool aud_service(void *ctx, const struct pollfd *fds, size_t n)
{
	struct audience *v = ctx;
	follow_service(v->conn, n > 0 && fds[0].revents != 0, v->now);
	bool r = v->redraw;
	v->redraw = false;
	return r;
}

struct audience *audience_new(const char *socket_path, const struct config *cfg)
{
	struct audience *v = xcalloc(1, sizeof *v);
	v->cfg = *cfg;
	v->width = 80;
	v->height = 24;
	snprintf(v->why, sizeof v->why, "connecting");
	struct follow_handler h = { v, on_deck, on_state, on_status };
	v->conn = follow_new(socket_path, &h);
	return v;
}

void audience_free(struct audience *v)
{
	if (!v)
		return;
	follow_free(v->conn);
	if (v->has_app)
		app_free(&v->app);
	free(v);
}

void audience_show(struct audience *v, struct show *s)
{
	*s = (struct show){ v, aud_resize, aud_key, aud_tick, aud_next, aud_frame,
			    aud_quit, aud_suspend, aud_pollfds, aud_service, NULL };
}
