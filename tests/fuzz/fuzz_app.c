/* fuzz_app.c — the viewer without a terminal (app.h): the demo deck, set
 * up as viewer.c sets it up from a config file, driven by any sequence of
 * keys and resizes, with a frame drawn after each step. The deck is read
 * once, from $LECTERN_FUZZ_DECK or the path meson compiles in, and copied
 * for each input (the app owns its deck).
 *
 * The input: CONFIG NUL STEPS, or only STEPS when it holds no NUL byte.
 * CONFIG is config-file text (config.h: [keys], [layout], [footer],
 * [present]); STEPS starts with one byte that picks the first terminal
 * size from `sizes`, then each byte is one step:
 *   0x00-0x7F  that key (ASCII, controls included: 0x0D Enter, 0x1B Esc)
 *   0x80-0x98  KEY_BASE + (byte - 0x80): arrows, PgUp ..., F1-F12, resize
 *   0x99       resize to (1 + next byte) x (1 + next byte % 100)
 *   0x9A       the code point in the next three bytes (modulo U+110000,
 *              surrogates excluded: curses never reads them)
 *   0x9B-0xBF  resize to one of the sizes in `sizes`
 *   0xC0-0xFF  a UTF-8 character starting here is that key
 * Invariants: every span of every frame lies inside the frame, in its row,
 * left to right without overlapping, its width that of its text, the text
 * inert (it may reach the terminal byte for byte); the app's slide and
 * selection stay inside the deck. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/app.h"
#include "lectern/config.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

#ifndef LECTERN_FUZZ_DECK
#define LECTERN_FUZZ_DECK "decks/neuroplasticity-and-depression.txt"
#endif

static const struct {
	int w, h;
} sizes[] = {
	{ 80, 24 }, { 60, 20 }, { 100, 30 }, { 40, 12 }, { 20, 6 },
	{ 19, 6 }, { 20, 5 }, { 1, 1 }, { 2, 2 }, { 3, 40 }, { 200, 3 },
	{ 120, 40 }, { 30, 8 }, { 45, 7 }, { 72, 10 }, { 240, 70 },
	{ 21, 9 }, { 33, 15 }, { 59, 16 }, { 99, 2 }, { 25, 100 },
	{ 300, 100 }, { 10, 10 }, { 64, 6 }, { 50, 50 }, { 39, 11 },
	{ 61, 19 }, { 81, 25 }, { 1, 60 }, { 160, 48 }, { 28, 30 },
	{ 44, 44 }, { 70, 22 }, { 90, 33 }, { 5, 5 }, { 12, 12 },
	{ 24, 80 },
};
#define NSIZES (sizeof sizes / sizeof *sizes)

static const char *deck_path(void)
{
	const char *p = getenv("LECTERN_FUZZ_DECK");
	return p && *p ? p : LECTERN_FUZZ_DECK;
}

static const struct deck *demo(void)
{
	static struct deck *d;
	if (d)
		return d;
	struct lt_error err;
	if (!deck_load(deck_path(), NULL, &d, &err)) {
		fprintf(stderr, "fuzz_app: %s: %s\n", deck_path(), err.what);
		abort();
	}
	return d;
}

/* ---- copying a deck -------------------------------------------------- */

/* A handle for a copy of s in c. */
static uint32_t intern(struct deck *c, const char *s)
{
	return deck_intern(c, s, strlen(s));
}

/* Rebuilt in reading order: each section, then its slides, each slide's
 * blocks and each block's points. */
static struct deck *deck_copy(const struct deck *d)
{
	struct deck *c = deck_new();
	c->title = deck_strdup(c, d->title);
	c->contents_label = d->contents_label ? deck_strdup(c, d->contents_label) : NULL;
	for (size_t i = 0; i < d->ntoc; i++) {
		deck_add_toc(c, d->toc[i].title);
		c->toc[i].present = d->toc[i].present;
	}
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *ss = &d->sections[s];
		struct section *cs = deck_add_section(c);
		cs->title = deck_strdup(c, ss->title);
		cs->src = ss->src;
		cs->toc_index = ss->toc_index;
		for (size_t l = 0; l < ss->nslides; l++) {
			const struct slide *sl = section_slide(d, ss, l);
			struct slide *cl = deck_add_slide(c);
			cl->header = intern(c, slide_header(d, sl));
			cl->src = sl->src;
			size_t nb = slide_nblocks(d, sl);
			for (size_t b = 0; b < nb; b++) {
				const struct block *bk = slide_block(d, sl, b);
				struct block *cb = deck_add_block(c);
				cb->title = intern(c, block_title(d, bk));
				cb->src = bk->src;
				cb->title_after_points = bk->title_after_points;
				size_t np = block_npoints(d, bk);
				for (size_t p = 0; p < np; p++) {
					const struct point *pt = block_point(d, bk, p);
					struct point *cp = deck_add_point(c);
					cp->text = intern(c, point_text(d, pt));
					cp->src = pt->src;
				}
			}
		}
	}
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		deck_warn(c, w->offset, w->section, w->slide, "%s", w->message);
	}
	c->truncated = d->truncated;
	c->content_hash = d->content_hash;
	return c;
}

/* ---- checking a frame ------------------------------------------------ */

static void check_frame(struct app *a, const struct frame *f, size_t step)
{
	int amb = a->lo.ambiguous;
	FUZZ_CHECK(f->ambiguous == amb, "step %zu: frame ambiguous %d, layout "
		   "%d", step, f->ambiguous, amb);
	FUZZ_CHECK(f->width == a->width && f->height == a->height,
		   "step %zu: frame %dx%d for a %dx%d terminal", step, f->width,
		   f->height, a->width, a->height);
	size_t total = 0;
	for (int r = 0; r < f->height; r++) {
		size_t first = f->row_first[r], count = f->row_count[r];
		total += count;
		if (!count)
			continue;
		FUZZ_CHECK(first <= f->nspans && count <= f->nspans - first,
			   "step %zu row %d: spans [%zu, +%zu) of %zu", step, r,
			   first, count, f->nspans);
		int end = 0;
		for (size_t k = first; k < first + count; k++) {
			const struct fspan *s = &f->spans[k];
			fuzz_check_inert(s->text, s->len, "frame span");
			FUZZ_CHECK(s->style >= 0 && s->style < FS_COUNT,
				   "step %zu: style %d", step, s->style);
			int tw = text_width(s->text, s->len, amb);
			FUZZ_CHECK(s->col >= end, "step %zu (%dx%d, mode %d) row "
				   "%d: span at column %d overlaps the one "
				   "before, to %d", step, f->width, f->height,
				   (int)a->mode, r, s->col, end);
			FUZZ_CHECK(tw == s->width, "step %zu (%dx%d, ambiguous "
				   "%d, mode %d) row %d: span width %d, its text "
				   "%d: %.*s", step, f->width, f->height, amb,
				   (int)a->mode, r, s->width, tw, (int)s->len,
				   s->text);
			FUZZ_CHECK(s->col + tw <= f->width, "step %zu (%dx%d, "
				   "ambiguous %d, mode %d) row %d: span at %d "
				   "reaches column %d: %.*s", step, f->width,
				   f->height, amb, (int)a->mode, r, s->col,
				   s->col + tw, (int)s->len, s->text);
			end = s->col + tw;
		}
	}
	FUZZ_CHECK(total == f->nspans, "step %zu: %zu spans, %zu in rows", step,
		   f->nspans, total);
	FUZZ_CHECK(a->slide < a->ix.count, "step %zu: slide %zu of %zu", step,
		   a->slide, a->ix.count);
	FUZZ_CHECK(a->mode != MODE_OVERVIEW || a->ov_sel < a->ix.count,
		   "step %zu: overview selection %zu of %zu", step, a->ov_sel,
		   a->ix.count);
}

/* ---- driving --------------------------------------------------------- */

/* One step from data[*i]; advances *i. */
static void step(struct app *a, const uint8_t *data, size_t size, size_t *i)
{
	uint8_t b = data[(*i)++];
	if (b < 0x80) {
		app_key(a, b);
	} else if (b <= 0x98) {
		app_key(a, KEY_BASE + (b - 0x80));
	} else if (b == 0x99) {
		int w = *i < size ? data[(*i)++] + 1 : 80;
		int h = *i < size ? data[(*i)++] % 100 + 1 : 24;
		app_resize(a, w, h);
	} else if (b == 0x9A) {
		uint32_t cp = 0;
		for (int k = 0; k < 3 && *i < size; k++)
			cp = cp << 8 | data[(*i)++];
		cp %= 0x110000;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		app_key(a, (int)cp);
	} else if (b < 0xC0) {
		app_resize(a, sizes[(b - 0x9B) % NSIZES].w,
			   sizes[(b - 0x9B) % NSIZES].h);
	} else {
		size_t start = *i - 1, len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
		size_t bad;
		if (size - start >= len &&
		    text_valid_utf8((const char *)data + start, len, &bad)) {
			uint32_t cp;
			text_decode((const char *)data + start, len, &cp);
			app_key(a, (int)cp);
			*i = start + len;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the settings, as main.c and viewer.c make them */
	struct config cfg;
	struct config_diags diags = { 0 };
	config_default(&cfg);
	const uint8_t *nul = memchr(data, 0, size);
	if (nul) {
		char *text = xstrndup((const char *)data, (size_t)(nul - data));
		config_load_string(&cfg, "fuzz", text, &diags);
		free(text);
		size -= (size_t)(nul + 1 - data);
		data = nul + 1;
	}
	config_diags_free(&diags);
	struct deck *d = deck_copy(demo());
	struct layout_opts lo;
	config_layout_opts(&cfg, 80, &lo);
	struct talk_settings ts;
	config_talk_settings(&cfg, &ts);
	struct app_settings set = { cfg.footer, cfg.reveal_points, cfg.start,
				    deck_load_encoded, NULL, NULL, NULL, 0, &ts };
	struct app a;
	app_init(&a, d, deck_path(), &lo, &cfg.keys, &set);
	size_t first = size ? data[0] % NSIZES : 0;
	app_resize(&a, sizes[first].w, sizes[first].h);
	struct frame f;
	app_frame(&a, &f);
	check_frame(&a, &f, 0);
	frame_free(&f);
	size_t i = 1, n = 0;
	while (i < size) {
		/* the clock moves on a little over a second a step: the
		 * timer, the countdown and the pace run through their ranges */
		app_tick(&a, 36000000 + (int64_t)n * 1237);
		step(&a, data, size, &i);
		app_frame(&a, &f);
		check_frame(&a, &f, ++n);
		frame_free(&f);
		a.quit = false; /* the viewer would stop; the app may go on */
	}
	app_free(&a);
	return 0;
}
