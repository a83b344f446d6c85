/* console.c — the presenter's console (console.h): composition of the
 * current slide (the app's own frame, at the size of its region), the
 * next slide, the notes and a status row; and the presenter's socket,
 * told the deck on start and on every reload, and the position after
 * every key. */
#include "lectern/console.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/footer.h"
#include "lectern/layout.h"
#include "lectern/present.h"
#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/text.h"

struct console {
	struct app *app;
	struct presenter *srv;
	deck_bytes_fn *bytes;
	const struct deck *published; /* the deck followers have */
	struct app_position sent;
	bool has_sent;
	int width, height;
	char event[160];              /* the last follower event */
	const struct deck *noted;     /* the deck has_notes is about */
	bool has_notes;               /* it has speaker notes anywhere */
};

/* ---- where things go -------------------------------------------------- */

/* Below this the console is only the slide and its status row. */
#define CONSOLE_MIN_W 40
#define CONSOLE_MIN_H 12
/* From this width the parts go side by side. */
#define CONSOLE_WIDE 110

void console_regions(int w, int h, bool notes, struct console_regions *r)
{
	memset(r, 0, sizeof *r);
	r->status = h - 1;
	int body = h - 1;
	if (w < CONSOLE_MIN_W || h < CONSOLE_MIN_H) {
		r->sw = w;
		r->sh = body;
		return;
	}
	if (w >= CONSOLE_WIDE && w >= 2 * h) {
		/* the slide on the left; next and notes in a column, after a
		 * separator column */
		r->side_by_side = true;
		r->sw = w * 62 / 100;
		r->sh = body;
		r->nx = r->tx = r->sw + 1;
		r->nw = r->tw = w - r->sw - 1;
		r->nh = notes ? body / 2 : body;
		r->ty = r->nh + (notes ? 1 : 0);
		r->th = notes ? body - r->ty : 0;
		return;
	}
	/* stacked: the slide, a rule, the next slide, a rule, the notes */
	r->sw = r->nw = r->tw = w;
	r->sh = body * 60 / 100;
	int rest = body - r->sh - 1;
	r->ny = r->sh + 1;
	r->nh = notes ? (rest > 8 ? rest / 2 : 3) : rest;
	if (notes) {
		r->ty = r->ny + r->nh + 1;
		r->th = body - r->ty;
		if (r->th < 1) {
			r->th = 0;
			r->nh = rest;
		}
	}
}

/* ---- drawing ---------------------------------------------------------- */

/* Whether the deck has speaker notes anywhere: then the console keeps a
 * place for them on every slide, so that the slide's own place does not
 * change size from one slide to the next. Worked out once per deck. */
static bool deck_has_notes(struct console *c)
{
	const struct deck *d = c->app->deck;
	if (c->noted == d)
		return c->has_notes;
	bool any = d->notes.n > 0;
	for (size_t s = 0; s < d->nsections && !any; s++) {
		const struct section *sec = &d->sections[s];
		any = sec->notes.n > 0;
		for (size_t l = 0; l < sec->nslides && !any; l++)
			any = slide_notes(d, section_slide(d, sec, l))->n > 0;
	}
	c->noted = d;
	c->has_notes = any;
	return any;
}

/* The speaker notes for what is on screen now (the slide's, up to the
 * reveal step shown), laid out w columns wide; NULL when there are none
 * (outline decks have none). Caller frees with page_free. */
static struct page *current_notes(const struct app *a, int w)
{
	struct layout_opts lo = a->lo;
	lo.width = w > 0 ? w : 1;
	lo.margin = 0;
	struct page *pg = layout_notes(a->deck, &a->ix, a->slide, a->step, &lo);
	if (!pg->nlines) {
		page_free(pg);
		return NULL;
	}
	return pg;
}

/* The next slide in a w x h frame: all of it where it fits, else its
 * header and its block titles. */
static void draw_next(struct app *a, struct frame *f)
{
	frame_put_cut(f, 0, 1, "Next", f->width - 1, LS_DIM);
	if (a->slide + 1 >= a->ix.count) {
		frame_put_cut(f, 1, 1, "(the end of the slides)", f->width - 1,
			      LS_DIM);
		return;
	}
	struct layout_opts lo = a->lo;
	lo.width = f->width;
	struct page *pg = layout_slide(a->deck, &a->ix, a->slide + 1, &lo);
	bool whole = (int)pg->nlines <= f->height - 1;
	int row = 1;
	for (size_t l = 0; l < pg->nlines && row < f->height; l++) {
		const struct lline *ln = &pg->lines[l];
		bool point = false;
		for (size_t k = 0; k < ln->count; k++)
			point |= pg->spans[ln->first + k].point >= 0;
		if (!whole && (point || !ln->count))
			continue; /* only its header and block titles */
		for (size_t k = 0; k < ln->count; k++) {
			const struct lspan *sp = &pg->spans[ln->first + k];
			frame_put(f, row, sp->col, frame_string(f, xstrndup(sp->text,
							sp->len)),
				  sp->len, sp->width, sp->style);
		}
		row++;
	}
	page_free(pg);
}

static void draw_notes(struct app *a, struct frame *f)
{
	struct page *pg = current_notes(a, f->width - 2);
	frame_put_cut(f, 0, 1, "Notes", f->width - 1, LS_DIM);
	if (!pg)
		return;
	/* its first line is its own "Notes ───" heading: the label above
	 * stands for it */
	for (size_t l = 1; l < pg->nlines && (int)l < f->height; l++) {
		const struct lline *ln = &pg->lines[l];
		for (size_t k = 0; k < ln->count; k++) {
			const struct lspan *sp = &pg->spans[ln->first + k];
			frame_put(f, (int)l, 1 + sp->col, frame_string(f,
				  xstrndup(sp->text, sp->len)), sp->len, sp->width,
				  sp->style);
		}
	}
	page_free(pg);
}

/* The console's own status row: the wall clock, the talk's timer and
 * pacing (shown when a duration or a rehearsal gives them), then the
 * followers. */
#define CONSOLE_STATUS "{clock}  {timer}  {pace}"

static void draw_status(struct console *c, struct frame *f, int row)
{
	struct footer_info in;
	app_footer_info(c->app, 0, &in);
	struct footer_line line;
	footer_expand(CONSOLE_STATUS, &in, &line);
	int col = 1;
	for (size_t i = 0; i < line.nleft; i++) {
		const char *s = frame_string(f, line.left[i].text);
		int w = text_width(s, strlen(s), f->ambiguous);
		frame_put(f, row, col, s, strlen(s), w, line.left[i].style);
		col += w;
	}
	struct strbuf sb = STRBUF_INIT;
	size_t nf = presenter_followers(c->srv);
	sb_printf(&sb, "  %zu follower%s", nf, nf == 1 ? "" : "s");
	if (c->event[0])
		sb_printf(&sb, "  %s", c->event);
	frame_put_cut(f, row, col, frame_string(f, sb_take(&sb)),
		      f->width - col - 1, FS_FOOTER);
}

static void rule(struct frame *f, int row, int col, int w)
{
	struct strbuf sb = STRBUF_INIT;
	int cw = f->ambiguous == 2 ? 2 : 1;
	sb_repeat(&sb, "\xE2\x94\x80", w / cw);
	frame_put(f, row, col, frame_string(f, sb_take(&sb)),
		  (size_t)(w / cw) * 3, (w / cw) * cw, LS_RULE);
}

static void console_frame(void *ctx, struct frame *out)
{
	struct console *c = ctx;
	struct app *a = c->app;
	struct console_regions r;
	console_regions(c->width, c->height, deck_has_notes(c), &r);
	int amb = a->lo.ambiguous;
	struct frame slide, next, notes;
	app_frame(a, &slide);
	frame_init(&next, r.nw, r.nh, amb);
	frame_init(&notes, r.tw, r.th, amb);
	if (r.nh)
		draw_next(a, &next);
	if (r.th)
		draw_notes(a, &notes);
	frame_init(out, c->width, c->height, amb);
	frame_adopt(out, &slide);
	frame_adopt(out, &next);
	frame_adopt(out, &notes);
	for (int row = 0; row < c->height; row++) {
		if (row == r.status) {
			draw_status(c, out, row);
			continue;
		}
		if (row >= r.sy && row < r.sy + r.sh)
			frame_blit_row(out, row, r.sx, &slide, row - r.sy);
		else if (!r.side_by_side && (row == r.ny - 1 || row == r.ty - 1) &&
			 (r.nh || r.th))
			rule(out, row, 0, c->width);
		if (r.side_by_side) {
			frame_put(out, row, r.sw, "\xE2\x94\x82", 3,
				  text_cp_width(0x2502, amb), LS_RULE);
			if (r.th && row == r.ty - 1)
				rule(out, row, r.nx, r.nw);
		}
		if (r.nh && row >= r.ny && row < r.ny + r.nh)
			frame_blit_row(out, row, r.nx, &next, row - r.ny);
		if (r.th && row >= r.ty && row < r.ty + r.th)
			frame_blit_row(out, row, r.tx, &notes, row - r.ty);
	}
	frame_free(&slide);
	frame_free(&next);
	frame_free(&notes);
}

/* ---- publishing ------------------------------------------------------- */

static void publish(struct console *c)
{
	struct app *a = c->app;
	if (c->published != a->deck) {
		size_t n;
		const char *format;
		char *bytes = c->bytes(a->deck, &n, &format);
		presenter_set_deck(c->srv, format, bytes, n);
		free(bytes);
		c->published = a->deck;
		c->has_sent = false;
	}
	struct app_position p;
	app_get_position(a, &p);
	if (c->has_sent && memcmp(&p, &c->sent, sizeof p) == 0)
		return;
	c->sent = p;
	c->has_sent = true;
	struct wire_state st = {
		presenter_generation(c->srv), (uint32_t)p.slide,
		p.cover == APP_BLACK ? WIRE_BLACK : p.cover == APP_WHITE ?
		WIRE_WHITE : p.cover == APP_END ? WIRE_END : WIRE_SLIDE,
		p.revealed == SIZE_MAX || p.revealed > UINT32_MAX - 1 ?
		UINT32_MAX : (uint32_t)p.revealed, p.block, p.point, p.step
	};
	presenter_set_state(c->srv, &st);
}

/* ---- the show --------------------------------------------------------- */

static void console_resize(void *ctx, int w, int h)
{
	struct console *c = ctx;
	c->width = w;
	c->height = h;
	struct console_regions r;
	console_regions(w, h, deck_has_notes(c), &r);
	app_resize(c->app, r.sw, r.sh);
}

static void console_key(void *ctx, int key)
{
	struct console *c = ctx;
	app_key(c->app, key);
	/* notes come and go with the slide: the regions may change */
	console_resize(c, c->width, c->height);
}

/* The presenter's own screen first, then the followers. */
static void console_drawn(void *ctx)
{
	publish(ctx);
}

static void console_tick(void *ctx, int64_t now)
{
	app_tick(((struct console *)ctx)->app, now);
}

static int64_t console_next(void *ctx)
{
	struct console *c = ctx;
	/* the status row's clock and timer */
	struct footer_info in;
	app_footer_info(c->app, 0, &in);
	int64_t clock = footer_next_change(CONSOLE_STATUS, &in);
	if (clock < 0)
		clock = 60000 - c->app->now_ms % 60000;
	int64_t app = app_next_change(c->app);
	int64_t srv = presenter_next_deadline(c->srv, c->app->now_ms);
	int64_t best = clock;
	if (app >= 0 && app < best)
		best = app;
	if (srv >= 0 && srv < best)
		best = srv;
	return best;
}

static bool console_quit(void *ctx)
{
	return ((struct console *)ctx)->app->quit;
}

static bool console_suspend(void *ctx)
{
	struct app *a = ((struct console *)ctx)->app;
	bool s = a->suspend;
	a->suspend = false;
	return s;
}

static size_t console_pollfds(void *ctx, struct pollfd *fds, size_t max)
{
	return presenter_pollfds(((struct console *)ctx)->srv, fds, max);
}

static bool console_service(void *ctx, const struct pollfd *fds, size_t n)
{
	struct console *c = ctx;
	presenter_service(c->srv, fds, n, c->app->now_ms);
	return presenter_take_event(c->srv, c->event, sizeof c->event);
}

struct console *console_new(struct app *a, const char *socket_path,
			    deck_bytes_fn *bytes, struct lt_error *err)
{
	struct presenter *srv = presenter_open(socket_path, err);
	if (!srv)
		return NULL;
	struct console *c = xcalloc(1, sizeof *c);
	c->app = a;
	c->srv = srv;
	c->bytes = bytes;
	c->width = a->width;
	c->height = a->height;
	publish(c);
	return c;
}

void console_free(struct console *c)
{
	if (!c)
		return;
	presenter_free(c->srv);
	free(c);
}

void console_show(struct console *c, struct show *s)
{
	*s = (struct show){ c, console_resize, console_key, console_tick,
			    console_next, console_frame, console_quit,
			    console_suspend, console_pollfds, console_service,
			    console_drawn };
}
