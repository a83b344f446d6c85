/* termbg.h — the terminal's background colour: the query (OSC 11, with a
 * DA1 query after it so that a terminal that does not answer OSC 11 is
 * known at once), reading the answer, judging it light or dark, the
 * COLORFGBG fallback, and a filter that finds the answers among the keys
 * (and keeps one arriving late, over a slow SSH link, out of them). Pure:
 * no terminal, no clock; screen.c does the asking. */
#ifndef LECTERN_TERMBG_H
#define LECTERN_TERMBG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What to write to ask: the background colour, then the device attributes.
 * A terminal answers in order, so DA1's answer, which nearly every
 * terminal gives, says that OSC 11's has come or never will. */
#define TERMBG_QUERY "\033]11;?\033\\" "\033[c"
/* How long after the query an answer still sets the colours; nothing
 * waits for it, and one that comes later is only taken out of the input. */
#define TERMBG_ANSWER_MS 200
/* A reply's body ("rgb:ffff/ffff/ffff"; 24 bytes for rgba:) is cut off
 * past this many bytes: it is no reply, and what came is dropped. */
#define TERMBG_BODY_MAX 48
/* A reply begun (ESC ] 1 1 ;) and not finished within this time of its
 * last byte is given up, so that keys after it are keys again. */
#define TERMBG_LATE_MS 1000
/* How long a prefix of a reply (ESC ], ESC ] 1 ...) may wait for its next
 * byte before it is taken as keys. */
#define TERMBG_PREFIX_MS 100

enum termbg_shade { TERMBG_UNKNOWN, TERMBG_DARK, TERMBG_LIGHT };

/* A colour, each channel 0..65535. */
struct termbg_rgb {
	unsigned short r, g, b;
};

/* What the terminal said. */
struct termbg_answer {
	bool bg_known;         /* an OSC 11 reply with a colour we could read */
	struct termbg_rgb bg;
	bool da1;              /* its DA1 reply came (after any OSC 11 reply) */
};

/* Parses an X11 colour as terminals give it in an OSC 11 reply:
 * "rgb:R/G/B" with 1 to 4 hex digits a channel (each scaled to its
 * maximum: "f" and "ffff" are both full), "rgba:R/G/B/A" (alpha ignored)
 * and "#RGB" with 1 to 4 digits a channel. False for anything else. */
bool termbg_parse_colour(const char *spec, size_t len, struct termbg_rgb *out);

/* Relative luminance, 0 (black) to 1 (white), as WCAG 2 defines it: sRGB
 * channels made linear, weighted 0.2126, 0.7152, 0.0722. */
double termbg_luminance(struct termbg_rgb c);

/* WCAG 2 contrast ratio of two colours, 1 to 21. */
double termbg_contrast(struct termbg_rgb a, struct termbg_rgb b);

/* Light when black text has more contrast on it than white text (a
 * luminance above about 0.18), else dark. */
enum termbg_shade termbg_shade_of(struct termbg_rgb c);

/* The colour of entry n (0..255) of xterm's 256-colour palette. */
struct termbg_rgb termbg_xterm_colour(int n);

/* COLORFGBG ("15;0", "0;default;15": rxvt, Konsole): its last field is
 * the background's palette number. 0-6 and 8 are dark and 7, 9-15 light,
 * the rule rxvt and vim use; 16-255 by the luminance of xterm's colour.
 * TERMBG_UNKNOWN for NULL, "default" or anything else. */
enum termbg_shade termbg_parse_colorfgbg(const char *value);

/* The shade to use: the terminal's answer, else COLORFGBG, else unknown. */
enum termbg_shade termbg_decide(const struct termbg_answer *a,
				const char *colorfgbg);

/* ---- the filter -------------------------------------------------------
 * Keys in (code points, and lectern's KEY_* codes above them), keys out:
 * the replies to lectern's queries, OSC 11 (ESC ] 1 1 ; body, ending in
 * BEL or ESC \) and DA1 (ESC [ ? digits and ; ending in c), never come
 * out. A prefix of a reply is held until it is known to be one or not;
 * once ESC ] 1 1 ; (or ESC [ ?) has come it is a reply, and what follows
 * is swallowed while it could be part of one. Holds at most a few keys. */
struct termbg_filter {
	int state;
	int held[6];           /* keys that may begin a reply */
	int nheld;
	int out[8];            /* keys to hand on, in order */
	int nout, outpos;
	char body[TERMBG_BODY_MAX];
	size_t nbody;
	int64_t last_ms;       /* when the reply's last byte came */
	struct termbg_answer answer; /* the replies that came through */
};

void termbg_filter_init(struct termbg_filter *f);

/* One key in, at now_ms (any clock in milliseconds). Take what it lets
 * out with termbg_filter_get before the next. */
void termbg_filter_put(struct termbg_filter *f, int key, int64_t now_ms);

/* The next key to hand on, or -1. */
int termbg_filter_get(struct termbg_filter *f);

/* How long to wait for the next key before termbg_filter_flush: -1 when
 * nothing is held, 0 for a lone ESC (curses has already waited to see
 * whether more follows), TERMBG_PREFIX_MS for a longer prefix. */
int termbg_filter_hold_ms(const struct termbg_filter *f);

/* No more keys came: what was held is handed on as keys. */
void termbg_filter_flush(struct termbg_filter *f);

#endif
