/* test_termbg.c — the background query's parts without a terminal: OSC
 * 11 colours, luminance and the light/dark line, COLORFGBG, the filter
 * that keeps replies out of the keys (whole, split, late, cut off, too
 * long), and theme auto in the config. The query itself is tested in a
 * terminal: tests/screen/test_background.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/config.h"
#include "lectern/keys.h"
#include "lectern/termbg.h"

static bool parse(const char *s, struct termbg_rgb *c)
{
	return termbg_parse_colour(s, strlen(s), c);
}

static void test_parse(void)
{
	static const struct {
		const char *spec;
		unsigned short r, g, b;
	} good[] = {
		{ "rgb:ffff/ffff/ffff", 65535, 65535, 65535 },
		{ "rgb:0000/0000/0000", 0, 0, 0 },
		{ "rgb:f/f/f", 65535, 65535, 65535 },        /* 1 digit: f is full */
		{ "rgb:ff/80/00", 65535, 0x8080, 0 },         /* 2 digits */
		{ "rgb:fff/800/000", 65535, 0x8008, 0 },      /* 3 digits */
		{ "rgb:8/8/8", 34952, 34952, 34952 },         /* 8/15 of full */
		{ "rgb:1e1e/1e1e/2e2e", 0x1e1e, 0x1e1e, 0x2e2e },
		{ "rgb:ffff/0/80", 65535, 0, 0x8080 },        /* mixed widths */
		{ "RGB:FFFF/FFFF/FFFF", 65535, 65535, 65535 },
		{ "rgba:0000/2b2b/3636/ffff", 0, 0x2b2b, 0x3636 },
		{ "#fff", 65535, 65535, 65535 },
		{ "#fdf6e3", 0xfdfd, 0xf6f6, 0xe3e3 },
		{ "#000000000", 0, 0, 0 },
		{ "#ffff00000000", 65535, 0, 0 },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct termbg_rgb c = { 1, 2, 3 };
		bool ok = parse(good[i].spec, &c);
		CHECK(ok && c.r == good[i].r && c.g == good[i].g && c.b == good[i].b,
		      "%s: %d %04x/%04x/%04x", good[i].spec, ok, c.r, c.g, c.b);
	}
	static const char *const bad[] = {
		"", "rgb:", "rgb:ffff/ffff", "rgb:fffff/0/0", "rgb:ffff/ffff/ffff/",
		"rgb:ffff//ffff", "rgb:gggg/0/0", "rgba:0/0/0", "rgb:0/0/0/0",
		"#", "#ff", "#fffff", "#fffffffffffffff", "rgb:0/0/0x", " rgb:0/0/0",
		"rgb 0/0/0", "hsl:0/0/0", "?", "rgb:-1/0/0", "rgbi:0/0/0",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct termbg_rgb c = { 1, 2, 3 };
		CHECK(!parse(bad[i], &c) && c.r == 1 && c.g == 2 && c.b == 3,
		      "\"%s\" refused, colour untouched", bad[i]);
	}
	/* the length given is the end: no terminator needed */
	struct termbg_rgb c;
	CHECK(termbg_parse_colour("rgb:f/f/fXYZ", 9, &c) && c.b == 65535,
	      "length bounds the spec");
	CHECK(!termbg_parse_colour("rgb:f/f/f", 8, &c), "cut short");
}

static bool near(double a, double b)
{
	return fabs(a - b) < 0.002;
}

static void test_luminance(void)
{
	struct termbg_rgb white = { 65535, 65535, 65535 }, black = { 0, 0, 0 };
	struct termbg_rgb red = { 65535, 0, 0 }, green = { 0, 65535, 0 };
	struct termbg_rgb grey = { 0x7f7f, 0x7f7f, 0x7f7f };
	CHECK(near(termbg_luminance(white), 1), "white");
	CHECK(near(termbg_luminance(black), 0), "black");
	CHECK(near(termbg_luminance(red), 0.2126), "red");
	CHECK(near(termbg_luminance(green), 0.7152), "green");
	CHECK(near(termbg_luminance(grey), 0.2122), "grey 7f: %f",
	      termbg_luminance(grey));
	CHECK(near(termbg_contrast(white, black), 21), "white on black");
	CHECK(near(termbg_contrast(black, white), 21), "symmetric");
	CHECK(near(termbg_contrast(grey, grey), 1), "equal colours");

	/* light: black text stands out more than white */
	static const struct {
		const char *spec;
		enum termbg_shade want;
	} shades[] = {
		{ "rgb:ffff/ffff/ffff", TERMBG_LIGHT }, { "rgb:0/0/0", TERMBG_DARK },
		{ "rgb:c0c0/c0c0/c0c0", TERMBG_LIGHT }, /* tmux's white */
		{ "rgb:fd/f6/e3", TERMBG_LIGHT },        /* Solarized light */
		{ "rgb:00/2b/36", TERMBG_DARK },         /* Solarized dark */
		{ "rgb:28/2c/34", TERMBG_DARK },         /* One Dark */
		{ "rgb:30/0a/24", TERMBG_DARK },         /* Ubuntu's aubergine */
		{ "rgb:ff/ff/dd", TERMBG_LIGHT },        /* xterm's lightyellow */
		{ "rgb:0000/0000/8b8b", TERMBG_DARK },   /* dark blue */
		{ "rgb:7f/7f/7f", TERMBG_LIGHT },        /* grey 50 %: 5.3 against 3.9 */
		{ "rgb:70/70/70", TERMBG_DARK },         /* 4.3 against 4.9 */
	};
	for (size_t i = 0; i < sizeof shades / sizeof *shades; i++) {
		struct termbg_rgb c;
		CHECK(parse(shades[i].spec, &c) && termbg_shade_of(c) == shades[i].want,
		      "%s: shade", shades[i].spec);
	}
	/* the line lies where both texts have the same contrast */
	struct termbg_rgb lo = { 0x7373, 0x7373, 0x7373 }, hi = { 0x7676, 0x7676, 0x7676 };
	CHECK(termbg_contrast(lo, white) > termbg_contrast(lo, black) &&
	      termbg_shade_of(lo) == TERMBG_DARK, "just below the line: dark");
	CHECK(termbg_contrast(hi, white) < termbg_contrast(hi, black) &&
	      termbg_shade_of(hi) == TERMBG_LIGHT, "just above the line: light");

	static const struct {
		int n;
		unsigned char r, g, b;
	} xterm[] = {
		{ 0, 0, 0, 0 }, { 7, 229, 229, 229 }, { 15, 255, 255, 255 },
		{ 16, 0, 0, 0 }, { 196, 255, 0, 0 }, { 231, 255, 255, 255 },
		{ 67, 95, 135, 175 }, { 232, 8, 8, 8 }, { 255, 238, 238, 238 },
	};
	for (size_t i = 0; i < sizeof xterm / sizeof *xterm; i++) {
		struct termbg_rgb c = termbg_xterm_colour(xterm[i].n);
		CHECK(c.r == xterm[i].r * 257 && c.g == xterm[i].g * 257 &&
		      c.b == xterm[i].b * 257, "xterm colour %d", xterm[i].n);
	}
}

static void test_colorfgbg(void)
{
	static const struct {
		const char *v;
		enum termbg_shade want;
	} cases[] = {
		{ NULL, TERMBG_UNKNOWN }, { "", TERMBG_UNKNOWN },
		{ "0;15", TERMBG_LIGHT }, { "15;0", TERMBG_DARK },
		{ "0;default;15", TERMBG_LIGHT }, { "15;default;0", TERMBG_DARK },
		{ "default;default", TERMBG_UNKNOWN }, { "0;7", TERMBG_LIGHT },
		{ "7;8", TERMBG_DARK }, { "0;6", TERMBG_DARK }, { "0;12", TERMBG_LIGHT },
		{ "15;234", TERMBG_DARK }, { "0;255", TERMBG_LIGHT },
		{ "0;231", TERMBG_LIGHT }, { "0;17", TERMBG_DARK },
		{ "0;256", TERMBG_UNKNOWN }, { "0;-1", TERMBG_UNKNOWN },
		{ "0;1x", TERMBG_UNKNOWN }, { "0;", TERMBG_UNKNOWN },
		{ "0;0015", TERMBG_UNKNOWN }, { "15", TERMBG_LIGHT },
		{ "0; 15", TERMBG_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(termbg_parse_colorfgbg(cases[i].v) == cases[i].want,
		      "COLORFGBG=%s", cases[i].v ? cases[i].v : "(unset)");
	struct termbg_answer a = { .bg_known = true, .bg = { 0, 0, 0 } };
	CHECK(termbg_decide(&a, "0;15") == TERMBG_DARK, "the answer before "
	      "COLORFGBG");
	a.bg_known = false;
	CHECK(termbg_decide(&a, "0;15") == TERMBG_LIGHT, "COLORFGBG without one");
	CHECK(termbg_decide(&a, NULL) == TERMBG_UNKNOWN, "neither");
	CHECK(termbg_decide(NULL, "15;0") == TERMBG_DARK, "not asked");
}

/* ---- the filter ------------------------------------------------------- */

/* Feeds keys one at a time, step_ms apart, as the screen does: a held
 * prefix is flushed when no key follows (after the last one). Returns
 * what came out, as bytes (keys above 255 as '@'). */
static char *filter(struct termbg_filter *f, const char *in, int64_t start,
		    int64_t step_ms, bool flush)
{
	static char out[512];
	size_t n = 0;
	int64_t t = start;
	for (const char *p = in; *p; p++, t += step_ms) {
		termbg_filter_put(f, (unsigned char)*p, t);
		int k;
		while ((k = termbg_filter_get(f)) >= 0 && n + 1 < sizeof out)
			out[n++] = k > 255 ? '@' : (char)k;
	}
	if (flush) {
		termbg_filter_flush(f);
		int k;
		while ((k = termbg_filter_get(f)) >= 0 && n + 1 < sizeof out)
			out[n++] = k > 255 ? '@' : (char)k;
	}
	out[n] = '\0';
	return out;
}

static char *through(const char *in)
{
	static struct termbg_filter f;
	termbg_filter_init(&f);
	return filter(&f, in, 0, 1, true);
}

static void test_filter(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "abc jk/x", "abc jk/x" },
		{ "\033]11;rgb:ffff/ffff/ffff\a", "" },
		{ "\033]11;rgb:ffff/ffff/ffff\033\\", "" },
		{ "\033[?62;22c", "" },
		{ "\033[?1;2c", "" },
		{ "\033[?6c", "" },
		{ "x\033]11;rgb:0/0/0\033\\\033[?1;2cy", "xy" },
		{ "\033]11;rgba:0/0/0/0\a\033]11;#fff\a", "" },
		{ "\033", "\033" },                    /* Esc, the key */
		{ "\033x", "\033x" },                  /* Alt-x */
		{ "\033\033", "\033\033" },
		{ "\033\033]11;rgb:0/0/0\a", "\033" },
		{ "\033]", "\033]" },                  /* never completed */
		{ "\033]2;title\a", "\033]2;title\a" },  /* not OSC 11 */
		{ "\033]1x", "\033]1x" },
		{ "\033]11x", "\033]11x" },
		{ "\033[A", "\033[A" },                /* an arrow curses did not know */
		{ "\033[", "\033[" },
		{ "\033[?1;2x", "x" },                 /* begun as a reply: up to x gone */
		{ "\033]11;rgb:0/0/0 q", " q" },       /* a reply cut off by a key */
		{ "\033]11;rgb:0/0/0\033x", "\033x" }, /* ... by Alt-x */
		{ "\033]11;rgb:0/0/0\033\033]11;rgb:0/0/0\a", "\033" },
		{ "\033]11;rgb:0/0/0\033", "\033" },   /* an ESC after a cut reply */
		{ "1\r/find\r", "1\r/find\r" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = through(cases[i].in);
		CHECK(strcmp(got, cases[i].out) == 0, "case %zu: %zu bytes out, "
		      "wanted %zu", i, strlen(got), strlen(cases[i].out));
	}

	/* what the replies said */
	struct termbg_filter f;
	termbg_filter_init(&f);
	filter(&f, "\033]11;rgb:fd/f6/e3\033\\\033[?62c", 0, 1, true);
	CHECK(f.answer.bg_known && f.answer.bg.r == 0xfdfd && f.answer.da1,
	      "the answer recorded");
	termbg_filter_init(&f);
	filter(&f, "\033]11;rgb:zz\a", 0, 1, true);
	CHECK(!f.answer.bg_known, "an unreadable colour is no answer");
	termbg_filter_init(&f);
	filter(&f, "\033]11;?\a", 0, 1, true);
	CHECK(!f.answer.bg_known, "an echoed query is no answer");

	/* lectern's own key codes end a reply and pass */
	termbg_filter_init(&f);
	termbg_filter_put(&f, '\033', 0);
	termbg_filter_put(&f, KEY_UP_, 0);
	CHECK(termbg_filter_get(&f) == '\033' && termbg_filter_get(&f) == KEY_UP_ &&
	      termbg_filter_get(&f) == -1, "Esc, Up");

	/* how long to wait before a prefix counts as keys */
	termbg_filter_init(&f);
	CHECK(termbg_filter_hold_ms(&f) == -1, "idle: no wait");
	filter(&f, "\033", 0, 1, false);
	CHECK(termbg_filter_hold_ms(&f) == 0, "Esc: curses has waited already");
	filter(&f, "]1", 0, 1, false);
	CHECK(termbg_filter_hold_ms(&f) == TERMBG_PREFIX_MS, "ESC ] 1: a while");
	filter(&f, "1;rgb:0", 0, 1, false);
	CHECK(termbg_filter_hold_ms(&f) == -1, "inside a reply: nothing held");
	filter(&f, "\033", 0, 1, false);
	CHECK(termbg_filter_hold_ms(&f) == 0, "its ESC \\ begun");

	/* a reply split over time: swallowed while its pieces keep coming
	 * within TERMBG_LATE_MS of each other, given up after that */
	termbg_filter_init(&f);
	char *out = filter(&f, "\033]11;rgb:ff", 0, 1, false);
	CHECK(*out == '\0', "first piece held back");
	out = filter(&f, "ff/ffff/ffff\a", TERMBG_LATE_MS - 10, 1, true);
	CHECK(*out == '\0' && f.answer.bg_known, "second piece in time");
	termbg_filter_init(&f);
	filter(&f, "\033]11;rgb:ff", 0, 1, false);
	out = filter(&f, "ff/g", TERMBG_LATE_MS + 100, 1, true);
	CHECK(strcmp(out, "ff/g") == 0, "after TERMBG_LATE_MS keys are keys: %s",
	      out);

	/* a body too long to be a colour is cut off, its head dropped */
	char longer[200] = "\033]11;";
	for (int i = 0; i < 100; i++)
		strcat(longer, "f");
	strcat(longer, "\a");
	out = through(longer);
	CHECK(strlen(out) == 100 - (TERMBG_BODY_MAX - 1) - 1 + 1,
	      "a long body: %zu keys after the cut", strlen(out));
}

/* ---- config ---------------------------------------------------------- */

static void test_config_auto(void)
{
	struct config c, light;
	config_default(&c);
	CHECK(config_theme_is_auto(&c), "auto is the default");
	CHECK(config_theme_known("auto"), "auto is a theme name");
	char names[128];
	config_theme_names(names, sizeof names);
	CHECK(strstr(names, "auto") != NULL, "and listed: %s", names);
	/* no yellow (3, 11) or cyan (6, 14) text on the default background */
	for (int i = 0; i < FS_COUNT; i++) {
		short fg = c.styles[i].fg;
		CHECK(c.styles[i].bg != COLOR_NONE ||
		      !(fg == 3 || fg == 6 || fg == 11 || fg == 14),
		      "auto: %s is not yellow or cyan", config_element_name(i));
	}
	/* every element the dark theme styles, auto styles too */
	struct config dark;
	config_default(&dark);
	config_set_theme(&dark, "dark");
	for (int i = 0; i < FS_COUNT; i++) {
		const struct style *a = &c.styles[i], *d = &dark.styles[i];
		bool styled = a->fg != COLOR_NONE || a->bg != COLOR_NONE || a->attr;
		bool dark_styled = d->fg != COLOR_NONE || d->bg != COLOR_NONE || d->attr;
		CHECK(styled || !dark_styled, "auto: %s has a style",
		      config_element_name(i));
	}
	config_theme_resolve(&c, TERMBG_UNKNOWN);
	CHECK(config_theme_is_auto(&c), "unknown: still auto");
	config_theme_resolve(&c, TERMBG_LIGHT);
	config_default(&light);
	config_set_theme(&light, "light");
	CHECK(strcmp(c.theme, "light") == 0 &&
	      memcmp(c.styles, light.styles, sizeof c.styles) == 0, "light");
	config_theme_resolve(&c, TERMBG_DARK);
	CHECK(strcmp(c.theme, "light") == 0, "resolved once: no longer auto");
	/* an explicit theme stays; overrides stay */
	config_default(&c);
	config_set_theme(&c, "mono");
	config_theme_resolve(&c, TERMBG_LIGHT);
	CHECK(strcmp(c.theme, "mono") == 0, "mono stays mono");
	struct config_diags d = { 0 };
	config_default(&c);
	config_load_string(&c, "t.ini", "[theme]\nheader = bold 214\n", &d);
	config_theme_resolve(&c, TERMBG_DARK);
	CHECK(strcmp(c.theme, "dark") == 0 && c.styles[LS_HEADER].fg == 214,
	      "an override survives");
	config_diags_free(&d);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	test_parse();
	test_luminance();
	test_colorfgbg();
	test_filter();
	test_config_auto();
	return check_done();
}
