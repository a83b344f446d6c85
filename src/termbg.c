/* termbg.c — the terminal's background: the OSC 11 query and its reply,
 * light or dark, COLORFGBG, and the filter that keeps replies out of the
 * keys. The replies follow xterm's ctlseqs: OSC 11 is answered as
 * ESC ] 1 1 ; <X11 colour> ending in BEL or ST (ESC \), the colour being
 * rgb:R/G/B with 1 to 4 hex digits a channel (xterm, VTE, kitty, foot,
 * WezTerm, iTerm2, tmux 3.3); DA1 (CSI c) is answered as CSI ? Ps;... c.
 * Nothing here touches the terminal: screen.c writes the query and feeds
 * the keys it reads through the filter. */
#include "lectern/termbg.h"

#include <assert.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* ---- colours --------------------------------------------------------- */

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ndigits hex digits at s as a channel 0..65535, scaled to the largest
 * value of that many digits. */
static unsigned short channel(const char *s, size_t ndigits)
{
	unsigned long v = 0, max = 0;
	for (size_t i = 0; i < ndigits; i++) {
		v = v * 16 + (unsigned long)hex_digit(s[i]);
		max = max * 16 + 15;
	}
	return (unsigned short)((v * 65535 + max / 2) / max);
}

static size_t hex_run(const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && hex_digit(s[n]) >= 0)
		n++;
	return n;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

bool termbg_parse_colour(const char *spec, size_t len, struct termbg_rgb *out)
{
	unsigned short ch[4];
	if (len > 0 && spec[0] == '#') {
		size_t n = len - 1;
		if (n == 0 || n % 3 || n > 12 || hex_run(spec + 1, n) != n)
			return false;
		size_t d = n / 3;
		for (int i = 0; i < 3; i++)
			ch[i] = channel(spec + 1 + (size_t)i * d, d);
	} else {
		int nch;
		size_t at;
		if (has_prefix(spec, len, "rgba:")) {
			nch = 4;
			at = 5;
		} else if (has_prefix(spec, len, "rgb:")) {
			nch = 3;
			at = 4;
		} else {
			return false;
		}
		for (int i = 0; i < nch; i++) {
			if (i > 0) {
				if (at >= len || spec[at] != '/')
					return false;
				at++;
			}
			size_t d = hex_run(spec + at, len - at);
			if (d < 1 || d > 4)
				return false;
			ch[i] = channel(spec + at, d);
			at += d;
		}
		if (at != len)
			return false;
	}
	out->r = ch[0];
	out->g = ch[1];
	out->b = ch[2];
	return true;
}

static double linear(unsigned short v)
{
	double c = v / 65535.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double termbg_luminance(struct termbg_rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) +
	       0.0722 * linear(c.b);
}

double termbg_contrast(struct termbg_rgb a, struct termbg_rgb b)
{
	double la = termbg_luminance(a) + 0.05, lb = termbg_luminance(b) + 0.05;
	return la > lb ? la / lb : lb / la;
}

enum termbg_shade termbg_shade_of(struct termbg_rgb c)
{
	/* black on it: (L + 0.05) / 0.05; white on it: 1.05 / (L + 0.05) */
	double l = termbg_luminance(c) + 0.05;
	return l * l > 0.05 * 1.05 ? TERMBG_LIGHT : TERMBG_DARK;
}

struct termbg_rgb termbg_xterm_colour(int n)
{
	/* xterm's first 16, then a 6x6x6 cube and a ramp of 24 greys */
	static const unsigned char base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
		{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
		{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const unsigned char level[6] = { 0, 95, 135, 175, 215, 255 };
	unsigned char r, g, b;
	if (n < 0 || n > 255)
		n = 0;
	if (n < 16) {
		r = base[n][0];
		g = base[n][1];
		b = base[n][2];
	} else if (n < 232) {
		r = level[(n - 16) / 36];
		g = level[(n - 16) / 6 % 6];
		b = level[(n - 16) % 6];
	} else {
		r = g = b = (unsigned char)(8 + (n - 232) * 10);
	}
	return (struct termbg_rgb){ (unsigned short)(r * 257),
				    (unsigned short)(g * 257),
				    (unsigned short)(b * 257) };
}

enum termbg_shade termbg_parse_colorfgbg(const char *value)
{
	if (!value)
		return TERMBG_UNKNOWN;
	const char *last = strrchr(value, ';');
	last = last ? last + 1 : value;
	size_t n = strlen(last);
	if (n == 0 || n > 3 || strspn(last, "0123456789") != n)
		return TERMBG_UNKNOWN;
	int bg = 0;
	for (size_t i = 0; i < n; i++)
		bg = bg * 10 + (last[i] - '0');
	if (bg > 255)
		return TERMBG_UNKNOWN;
	if (bg < 16)
		return (bg <= 6 || bg == 8) ? TERMBG_DARK : TERMBG_LIGHT;
	return termbg_shade_of(termbg_xterm_colour(bg));
}

enum termbg_shade termbg_decide(const struct termbg_answer *a,
				const char *colorfgbg)
{
	if (a && a->bg_known)
		return termbg_shade_of(a->bg);
	return termbg_parse_colorfgbg(colorfgbg);
}

/* ---- the filter ------------------------------------------------------ */

enum {
	F_IDLE,
	F_ESC,      /* held: ESC */
	F_OSC,      /* held: ESC ] and as much of "11;" as came */
	F_CSI,      /* held: ESC [ */
	F_OSC_BODY, /* swallowing an OSC 11 reply's colour */
	F_OSC_ST,   /* held: the ESC that may begin its ST */
	F_DA_BODY,  /* swallowing a DA1 reply's parameters */
};

#define ESC 27
#define BEL 7

void termbg_filter_init(struct termbg_filter *f)
{
	memset(f, 0, sizeof *f);
	f->state = F_IDLE;
}

static void emit(struct termbg_filter *f, int key)
{
	assert(f->nout < (int)(sizeof f->out / sizeof *f->out));
	f->out[f->nout++] = key;
}

static void hold(struct termbg_filter *f, int key)
{
	assert(f->nheld < (int)(sizeof f->held / sizeof *f->held));
	f->held[f->nheld++] = key;
}

/* Hands on what was held and starts over. */
static void release(struct termbg_filter *f)
{
	for (int i = 0; i < f->nheld; i++)
		emit(f, f->held[i]);
	f->nheld = 0;
	f->nbody = 0;
	f->state = F_IDLE;
}

/* The prefix was a reply's: swallow it and read the body. */
static void commit(struct termbg_filter *f, int state, int64_t now)
{
	f->nheld = 0;
	f->nbody = 0;
	f->state = state;
	f->last_ms = now;
}

static bool osc_char(int k)
{
	return (k >= '0' && k <= '9') || (k >= 'a' && k <= 'f') ||
	       (k >= 'A' && k <= 'F') || k == 'r' || k == 'g' || k == ':' ||
	       k == '/' || k == '#';
}

/* Adds k to the body; false when the body would be too long. */
static bool body_add(struct termbg_filter *f, int k, int64_t now)
{
	if (f->nbody + 1 >= sizeof f->body)
		return false;
	f->body[f->nbody++] = (char)k;
	f->last_ms = now;
	return true;
}

/* One key in the current state; true when it must be looked at again in
 * the state this one left (the held prefix turned out to be keys). */
static bool step(struct termbg_filter *f, int k, int64_t now)
{
	switch (f->state) {
	case F_IDLE:
		if (k == ESC) {
			hold(f, k);
			f->state = F_ESC;
		} else {
			emit(f, k);
		}
		return false;
	case F_ESC:
		if (k == ']' || k == '[') {
			hold(f, k);
			f->state = k == ']' ? F_OSC : F_CSI;
			return false;
		}
		release(f);
		return true;
	case F_OSC:
		if (k == "11;"[f->nheld - 2]) {
			hold(f, k);
			if (f->nheld == 5)
				commit(f, F_OSC_BODY, now);
			return false;
		}
		release(f);
		return true;
	case F_CSI:
		if (k == '?') {
			commit(f, F_DA_BODY, now);
			return false;
		}
		release(f);
		return true;
	case F_OSC_BODY:
		if (k == BEL) {
			f->answer.bg_known = termbg_parse_colour(f->body, f->nbody,
								 &f->answer.bg);
			release(f);
		} else if (k == ESC) {
			hold(f, k);
			f->state = F_OSC_ST;
		} else if (!osc_char(k)) {
			release(f); /* not a reply after all: what came is lost */
			return true;
		} else if (!body_add(f, k, now)) {
			release(f);
		}
		return false;
	case F_OSC_ST:
		if (k == '\\') {
			f->nheld = 0;
			f->answer.bg_known = termbg_parse_colour(f->body, f->nbody,
								 &f->answer.bg);
			release(f);
			return false;
		}
		/* the ESC begins something else: the reply is given up */
		f->nbody = 0;
		f->state = F_ESC;
		return true;
	case F_DA_BODY:
		if (k == 'c') {
			f->answer.da1 = true;
			release(f);
		} else if (!((k >= '0' && k <= '9') || k == ';')) {
			release(f);
			return true;
		} else if (!body_add(f, k, now)) {
			release(f);
		}
		return false;
	}
	return false;
}

void termbg_filter_put(struct termbg_filter *f, int key, int64_t now_ms)
{
	/* keep what was not taken yet, at the front */
	if (f->outpos) {
		memmove(f->out, f->out + f->outpos,
			(size_t)(f->nout - f->outpos) * sizeof *f->out);
		f->nout -= f->outpos;
		f->outpos = 0;
	}
	bool in_body = f->state == F_OSC_BODY || f->state == F_DA_BODY ||
		       f->state == F_OSC_ST;
	if (in_body && now_ms - f->last_ms > TERMBG_LATE_MS)
		release(f); /* the rest of that reply never came */
	while (step(f, key, now_ms))
		;
}

int termbg_filter_get(struct termbg_filter *f)
{
	if (f->outpos < f->nout)
		return f->out[f->outpos++];
	f->nout = f->outpos = 0;
	return -1;
}

int termbg_filter_hold_ms(const struct termbg_filter *f)
{
	if (f->nheld == 0)
		return -1;
	if (f->state == F_ESC || f->state == F_OSC_ST)
		return 0;
	return TERMBG_PREFIX_MS;
}

void termbg_filter_flush(struct termbg_filter *f)
{
	if (f->outpos) {
		memmove(f->out, f->out + f->outpos,
			(size_t)(f->nout - f->outpos) * sizeof *f->out);
		f->nout -= f->outpos;
		f->outpos = 0;
	}
	if (f->nheld)
		release(f);
}
