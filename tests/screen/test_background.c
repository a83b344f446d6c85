/* test_background.c — theme auto in a real terminal: the program in a pty,
 * read back through libvterm, whose terminal here answers the OSC 11
 * background query with a colour of the test's choosing (libvterm itself
 * answers only DA1), late, in pieces, or not at all. Checks the colours
 * on screen against the light and dark themes and against the answered
 * background, and that a late answer never acts as keys.
 * usage: test_background LECTERN DEMO_DECK */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/termbg.h"
#include "vt.h"

static const char *lectern, *demo;
static char tmpdir[] = "/tmp/lectern-bg-XXXXXX";

/* How a run's terminal answers. */
struct answers {
	const char *env;      /* "NAME=value " before the command, or "" */
	const char *args;     /* lectern's options */
	const char *bg;       /* OSC 11's answer; NULL: none */
	const char *bg_end;   /* its terminator; NULL: ST */
	bool hold, drop;      /* late (until released); nothing at all */
	const char *typed;    /* keys typed as the query comes */
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Starts lectern on the demo deck at 80x24 through a shell (for the
 * environment); true once the footer shows. ms: how long that took. */
static bool start(struct vt *t, const struct answers *a, double *ms)
{
	char script[1024];
	snprintf(script, sizeof script, "%s exec %s %s %s %s", a->env, lectern,
		 strstr(a->args, "--config") ? "" : "--no-config", a->args, demo);
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
	double t0 = now_ms();
	if (!vt_spawn(t, 80, 24, "xterm-256color", argv))
		return false;
	t->bg_reply = a->bg;
	t->bg_end = a->bg_end;
	t->hold_replies = a->hold;
	t->drop_replies = a->drop;
	t->typed_at_query = a->typed;
	bool ok = vt_wait_for(t, "/24", VT_START_MS);
	if (ms)
		*ms = now_ms() - t0;
	return ok;
}

static bool footer_has(struct vt *t, const char *s)
{
	char *f = vt_row(t, t->rows - 1);
	bool r = strstr(f, s) != NULL;
	free(f);
	return r;
}

static bool go(struct vt *t, const char *keys, const char *pos)
{
	vt_send(t, keys);
	for (int i = 0; i < 150; i++) {
		vt_pump(t, 20, 10);
		if (footer_has(t, pos))
			return true;
	}
	return false;
}

static void quit(struct vt *t)
{
	vt_send(t, "q");
	vt_wait_exit(t, 3000);
	vt_close(t);
}

/* ---- colours on screen ----------------------------------------------- */

/* A cell's colours as one number: foreground and background palette
 * index (256 for the default, 257 for a direct colour) and bold. */
static int cell_code(struct vt *t, int row, int col)
{
	VTermScreenCell c;
	vt_cell(t, row, col, &c);
	int fg = VTERM_COLOR_IS_DEFAULT_FG(&c.fg) ? 256 :
		 VTERM_COLOR_IS_INDEXED(&c.fg) ? c.fg.indexed.idx : 257;
	int bg = VTERM_COLOR_IS_DEFAULT_BG(&c.bg) ? 256 :
		 VTERM_COLOR_IS_INDEXED(&c.bg) ? c.bg.indexed.idx : 257;
	return (fg * 258 + bg) * 2 + (c.attrs.bold ? 1 : 0);
}

#define ROWS 24
#define COLS 80
#define SLIDES 4 /* the title page, contents, a cover, a content slide */

/* The colours of every cell of the first SLIDES slides (Space turns). */
struct shot {
	int code[SLIDES][ROWS][COLS];
	bool ok;
};

static void take(struct vt *t, struct shot *s)
{
	s->ok = true;
	static const char *const pos[SLIDES] = { "1/24", "2/24", "3/24", "4/24" };
	for (int k = 0; k < SLIDES; k++) {
		if (k > 0 && !go(t, " ", pos[k]))
			s->ok = false;
		vt_pump(t, 1000, 80); /* till the terminal has all of it */
		for (int r = 0; r < ROWS; r++)
			for (int c = 0; c < COLS; c++)
				s->code[k][r][c] = cell_code(t, r, c);
	}
}

/* How many cells differ; say: the first few are described on stderr. */
static int differences(const struct shot *a, const struct shot *b, bool say)
{
	int n = 0;
	for (int k = 0; k < SLIDES; k++)
		for (int r = 0; r < ROWS; r++)
			for (int c = 0; c < COLS; c++)
				if (a->code[k][r][c] != b->code[k][r][c] &&
				    n++ < 3 && say)
					fprintf(stderr, "  slide %d row %d col %d: fg %d "
						"bg %d bold %d against fg %d bg %d "
						"bold %d\n", k + 1, r, c,
						a->code[k][r][c] / 2 / 258,
						a->code[k][r][c] / 2 % 258,
						a->code[k][r][c] % 2,
						b->code[k][r][c] / 2 / 258,
						b->code[k][r][c] / 2 % 258,
						b->code[k][r][c] % 2);
	return n;
}

static bool shoot(const struct answers *a, struct shot *s)
{
	struct vt t;
	s->ok = start(&t, a, NULL);
	if (s->ok)
		take(&t, s);
	quit(&t);
	return s->ok;
}

/* The worst contrast on the screen's coloured text (default background)
 * against bg, in libvterm's palette; the palette index it was for. */
static double worst_contrast(struct vt *t, struct termbg_rgb bg, int *worst)
{
	VTermState *st = vterm_obtain_state(t->vt);
	double min = 21;
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			VTermScreenCell cell;
			vt_cell(t, r, c, &cell);
			if (cell.chars[0] == 0 || cell.chars[0] == ' ' ||
			    cell.chars[0] == (uint32_t)-1 ||
			    VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) ||
			    !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) || cell.attrs.reverse)
				continue;
			VTermColor fg = cell.fg;
			int idx = VTERM_COLOR_IS_INDEXED(&fg) ? fg.indexed.idx : -1;
			vterm_state_convert_color_to_rgb(st, &fg);
			struct termbg_rgb rgb = { (unsigned short)(fg.rgb.red * 257),
						  (unsigned short)(fg.rgb.green * 257),
						  (unsigned short)(fg.rgb.blue * 257) };
			double k = termbg_contrast(rgb, bg);
			if (k < min) {
				min = k;
				*worst = idx;
			}
		}
	return min;
}

static const struct termbg_rgb white = { 65535, 65535, 65535 };
static const struct termbg_rgb black = { 0, 0, 0 };

/* Pages through the first slides checking the contrast of the coloured
 * text against each background given; the lowest found. */
static double contrast_through(struct vt *t, const struct termbg_rgb *bgs,
			       int nbgs, int *worst)
{
	static const char *const pos[SLIDES] = { "1/24", "2/24", "3/24", "4/24" };
	double min = 21;
	for (int k = 0; k < SLIDES; k++) {
		if (k > 0)
			go(t, " ", pos[k]);
		vt_pump(t, 100, 30);
		for (int i = 0; i < nbgs; i++) {
			int w = -1;
			double c = worst_contrast(t, bgs[i], &w);
			if (c < min) {
				min = c;
				*worst = w;
			}
		}
	}
	return min;
}

/* WCAG's least contrast for large or bold text, which is what lectern
 * colours (titles, headers, labels, rules). */
#define READABLE 3.0

/* ---- the tests ------------------------------------------------------- */

static struct shot light_ref, dark_ref, none_ref;

/* The themes to compare with, from explicit choices. */
static void references(void)
{
	struct answers light = { "", "--theme light", NULL, NULL, false, false, NULL };
	struct answers dark = { "", "--theme dark", NULL, NULL, false, false, NULL };
	struct answers none = { "", "", NULL, NULL, false, false, NULL };
	CHECK(shoot(&light, &light_ref), "--theme light runs");
	CHECK(shoot(&dark, &dark_ref), "--theme dark runs");
	CHECK(shoot(&none, &none_ref), "no answer: runs");
	/* the comparisons below can tell the three apart */
	CHECK(differences(&light_ref, &dark_ref, false) > 0, "light and dark differ");
	CHECK(differences(&none_ref, &light_ref, false) > 0, "auto without an answer is "
	      "not light");
	CHECK(differences(&none_ref, &dark_ref, false) > 0, "auto without an answer is "
	      "not dark");
}

/* The terminal answers with a light colour, then (another run) a dark
 * one: lectern draws exactly what --theme light, then --theme dark, draw,
 * and its coloured text is readable on that background. */
static void test_answered(void)
{
	static const struct {
		const char *bg, *end;
		const struct shot *want;
		const char *name;
		struct termbg_rgb rgb;
		bool readable; /* the theme's colours all readable on it */
	} cases[] = {
		{ "rgb:ffff/ffff/ffff", NULL, &light_ref, "light",
		  { 65535, 65535, 65535 }, true },
		{ "rgb:0000/0000/0000", NULL, &dark_ref, "dark", { 0, 0, 0 }, true },
		/* Solarized's backgrounds, two digits a channel, ended by BEL */
		{ "rgb:fd/f6/e3", "\a", &light_ref, "light",
		  { 0xfdfd, 0xf6f6, 0xe3e3 }, true },
		{ "rgb:00/2b/36", "\a", &dark_ref, "dark", { 0, 0x2b2b, 0x3636 }, true },
		/* as tmux 3.3 answers for window-style bg=white (colour 7): a
		 * grey on which the light theme's magenta is faint (2.2:1) */
		{ "rgb:c0c0/c0c0/c0c0", NULL, &light_ref, "light",
		  { 0xc0c0, 0xc0c0, 0xc0c0 }, false },
		{ "rgba:1e1e/1e1e/2e2e/ffff", NULL, &dark_ref, "dark",
		  { 0x1e1e, 0x1e1e, 0x2e2e }, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct answers a = { "", "", cases[i].bg, cases[i].end, false, false,
				     NULL };
		struct vt t;
		struct shot s;
		s.ok = start(&t, &a, NULL);
		CHECK(s.ok, "answer %s: slides shown", cases[i].bg);
		if (!s.ok) {
			quit(&t);
			continue;
		}
		CHECK(t.bg_queries == 1, "answer %s: asked once (%d)", cases[i].bg,
		      t.bg_queries);
		take(&t, &s);
		int d = differences(&s, cases[i].want, true);
		CHECK(s.ok && d == 0, "answer %s: the %s theme's colours (%d cells "
		      "differ)", cases[i].bg, cases[i].name, d);
		if (cases[i].readable) {
			go(&t, "g", "1/24");
			int worst = -1;
			double c = contrast_through(&t, &cases[i].rgb, 1, &worst);
			CHECK(c >= READABLE, "answer %s: colour %d has a contrast "
			      "of %.2f", cases[i].bg, worst, c);
		}
		quit(&t);
	}
	/* the same contrast check fails the other theme on each background,
	 * so it can tell */
	struct answers dark = { "", "--theme dark", NULL, NULL, false, false, NULL };
	struct vt t;
	if (start(&t, &dark, NULL)) {
		int worst = -1;
		CHECK(contrast_through(&t, &white, 1, &worst) < READABLE,
		      "the dark theme is not readable on white");
	}
	quit(&t);
}

/* No answer to OSC 11 (DA1 only, as libvterm), or no answer at all:
 * colours readable on white and on black, and no waiting for one. */
static void test_unanswered(void)
{
	const struct termbg_rgb both[2] = { white, black };
	double da1_ms[3], none_ms[3];
	for (int round = 0; round < 3; round++) {
		for (int drop = 0; drop <= 1; drop++) {
			struct answers a = { "", "", NULL, NULL, false, drop != 0, NULL };
			struct vt t;
			double ms = 0;
			bool ok = start(&t, &a, &ms);
			CHECK(ok, "no answer%s: slides shown", drop ? " at all" : "");
			(drop ? none_ms : da1_ms)[round] = ms;
			if (ok && round == 0) {
				CHECK(t.bg_queries == 1, "asked (%d)", t.bg_queries);
				int worst = -1;
				double c = contrast_through(&t, both, 2, &worst);
				CHECK(c >= READABLE, "no answer%s: colour %d has a "
				      "contrast of %.2f on white or black",
				      drop ? " at all" : "", worst, c);
				CHECK(go(&t, "g", "1/24"), "no answer: keys work");
			}
			quit(&t);
		}
	}
	/* medians: nothing waits for the answer, which may come as late as
	 * TERMBG_ANSWER_MS after the query */
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++) {
			if (da1_ms[j] < da1_ms[i]) {
				double x = da1_ms[i];
				da1_ms[i] = da1_ms[j];
				da1_ms[j] = x;
			}
			if (none_ms[j] < none_ms[i]) {
				double x = none_ms[i];
				none_ms[i] = none_ms[j];
				none_ms[j] = x;
			}
		}
	CHECK(none_ms[1] < TERMBG_ANSWER_MS, "a silent terminal: no wait "
	      "(%.1f ms)", none_ms[1]);
	CHECK(da1_ms[1] < TERMBG_ANSWER_MS, "DA1 only: no wait (%.1f ms)",
	      da1_ms[1]);
	printf("first screen: %.1f ms when only DA1 is answered, %.1f ms when "
	       "nothing is (medians of 3)\n", da1_ms[1], none_ms[1]);
}

/* The answer comes after the first frame, but in time: the first frame
 * has the colours readable on both, then the light theme's. */
static void test_after_first_frame(void)
{
	struct answers a = { "", "", "rgb:ffff/ffff/ffff", NULL, true, false, NULL };
	struct vt t;
	double t0 = now_ms();
	if (!start(&t, &a, NULL)) {
		CHECK(0, "answer after the first frame: slides shown");
		quit(&t);
		return;
	}
	vt_pump(&t, 30, 10);
	int before = 0, after = 0;
	for (int r = 0; r < ROWS; r++)
		for (int c = 0; c < COLS; c++)
			before += cell_code(&t, r, c) != none_ref.code[0][r][c];
	bool in_time = now_ms() - t0 < TERMBG_ANSWER_MS - 50;
	vt_release_replies(&t, 1, 0);
	vt_pump(&t, 200, 50);
	for (int r = 0; r < ROWS; r++)
		for (int c = 0; c < COLS; c++)
			after += cell_code(&t, r, c) != light_ref.code[0][r][c];
	CHECK(before == 0, "first frame before the answer: auto's colours (%d "
	      "cells differ)", before);
	if (in_time) /* a slow machine may have taken the whole window */
		CHECK(after == 0, "then the light theme's (%d cells differ)", after);
	struct shot s;
	go(&t, "g", "1/24");
	take(&t, &s);
	int d = differences(&s, in_time ? &light_ref : &none_ref, true);
	CHECK(s.ok && d == 0, "and so on every slide (%d cells differ)", d);
	quit(&t);
}

/* Answers that come after the wait (a slow link) are swallowed: they
 * would be ESC ] 1 1 ; r g b : f f f f / ... as keys, where '/' opens
 * the search, 'g' goes to the first slide and digits to a slide. */
static void test_late(void)
{
	struct answers a = { "", "", "rgb:ffff/ffff/ffff", NULL, true, false, NULL };
	struct vt t;
	double t0 = now_ms();
	if (!start(&t, &a, NULL)) {
		CHECK(0, "late: slides shown");
		quit(&t);
		return;
	}
	CHECK(t.bg_queries == 1, "late: asked");
	CHECK(go(&t, "3\r", "3/24"), "late: slide 3");
	vt_pump(&t, 200, 50);
	char *before = vt_screen(&t);
	struct shot s1;
	for (int r = 0; r < ROWS; r++)
		for (int c = 0; c < COLS; c++)
			s1.code[0][r][c] = cell_code(&t, r, c);
	/* the held OSC 11 and DA1 answers, at once, too late to count */
	while (now_ms() - t0 < TERMBG_ANSWER_MS + 100)
		vt_pump(&t, 20, 20);
	vt_release_replies(&t, 1, 0);
	vt_pump(&t, 300, 100);
	char *after = vt_screen(&t);
	CHECK(strcmp(before, after) == 0, "late answer: the screen is unchanged\n"
	      "before:\n%s\nafter:\n%s", before, after);
	free(after);
	int changed = 0;
	for (int r = 0; r < ROWS; r++)
		for (int c = 0; c < COLS; c++)
			changed += s1.code[0][r][c] != cell_code(&t, r, c);
	CHECK(changed == 0, "late answer: colours unchanged (%d cells)", changed);
	/* the same again, cut in pieces with pauses between, BEL-ended */
	static const char *const pieces[] = {
		"\033]1", "1;rgb:ff", "ff/ffff/", "ffff\a\033[?6", "2;22c",
	};
	for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
		vt_send(&t, pieces[i]);
		vt_pump(&t, 60, 60);
	}
	vt_pump(&t, 300, 100);
	after = vt_screen(&t);
	CHECK(strcmp(before, after) == 0, "late answer in pieces: the screen is "
	      "unchanged\nafter:\n%s", after);
	free(after);
	/* ST-ended, followed at once by a key that is a key */
	vt_send(&t, "\033]11;rgb:0/0/0\033\\ ");
	CHECK(go(&t, "", "4/24"), "a key right after a late answer still acts");
	/* Esc is still a key: it closes the help */
	char *slide = vt_screen(&t);
	vt_send(&t, "?");
	vt_pump_reply(&t, 2000, 300, 50);
	char *help = vt_screen(&t);
	CHECK(strcmp(slide, help) != 0, "? opens the help");
	vt_send(&t, "\033");
	vt_pump_reply(&t, 2000, 400, 100);
	char *closed = vt_screen(&t);
	CHECK(strcmp(slide, closed) == 0, "Esc closes it");
	free(slide);
	free(help);
	free(closed);
	free(before);
	quit(&t);
}

/* Keys typed while lectern waits for the answer are kept, in order, and
 * curses still decodes them (PgDn comes as ESC [ 6 ~). */
static void test_typed_meanwhile(void)
{
	static const struct {
		const char *typed, *pos;
	} cases[] = {
		{ " ", "2/24" }, { "  ", "3/24" }, { "\033[6~", "2/24" },
		{ " \033[6~ ", "4/24" }, { "4\r", "4/24" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct answers a = { "", "", "rgb:ffff/ffff/ffff", NULL, false,
				     false, cases[i].typed };
		struct vt t;
		bool ok = start(&t, &a, NULL);
		CHECK(ok && go(&t, "", cases[i].pos), "keys typed during the "
		      "query (case %zu): slide %s", i, cases[i].pos);
		vt_pump(&t, 200, 50);
		CHECK(footer_has(&t, cases[i].pos), "case %zu: and no further", i);
		quit(&t);
	}
}

/* An explicit theme is not asked about; NO_COLOR is mono; COLORFGBG when
 * the terminal does not answer, the answer when it does. */
static void test_choices(void)
{
	char cfg[300], args[400];
	snprintf(cfg, sizeof cfg, "%s/dark.ini", tmpdir);
	FILE *f = fopen(cfg, "w");
	if (f) {
		fputs("[theme]\nname = dark\n", f);
		fclose(f);
	}
	snprintf(args, sizeof args, "--config %s", cfg);
	static struct {
		struct answers a;
		const struct shot *want;
		int queries;
		const char *what;
	} cases[] = {
		{ { "", "--theme dark", "rgb:ffff/ffff/ffff", NULL, false, false, NULL },
		  &dark_ref, 0, "--theme dark on white" },
		{ { "", "--theme light", "rgb:0000/0000/0000", NULL, false, false, NULL },
		  &light_ref, 0, "--theme light on black" },
		{ { "", NULL, "rgb:ffff/ffff/ffff", NULL, false, false, NULL },
		  &dark_ref, 0, "[theme] name = dark on white" },
		{ { "", "--theme auto", "rgb:ffff/ffff/ffff", NULL, false, false, NULL },
		  &light_ref, 1, "--theme auto on white" },
		{ { "COLORFGBG='0;15'", "", NULL, NULL, false, false, NULL },
		  &light_ref, 1, "COLORFGBG=0;15, no answer" },
		{ { "COLORFGBG='15;default;0'", "", NULL, NULL, false, false, NULL },
		  &dark_ref, 1, "COLORFGBG=15;default;0, no answer" },
		{ { "COLORFGBG='0;15'", "", "rgb:0000/0000/0000", NULL, false, false,
		    NULL }, &dark_ref, 1, "COLORFGBG=0;15, answer black" },
		{ { "COLORFGBG='default;default'", "", NULL, NULL, false, false, NULL },
		  &none_ref, 1, "COLORFGBG=default;default, no answer" },
	};
	cases[2].a.args = args;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct vt t;
		struct shot s;
		s.ok = start(&t, &cases[i].a, NULL);
		CHECK(s.ok, "%s: slides shown", cases[i].what);
		if (s.ok) {
			CHECK(t.bg_queries == cases[i].queries, "%s: asked %d times",
			      cases[i].what, t.bg_queries);
			take(&t, &s);
			int d = differences(&s, cases[i].want, true);
			CHECK(s.ok && d == 0, "%s: %d cells differ", cases[i].what, d);
		}
		quit(&t);
	}
	/* NO_COLOR: no question, no colour */
	struct answers nc = { "NO_COLOR=1", "", "rgb:ffff/ffff/ffff", NULL, false,
			      false, NULL };
	struct vt t;
	if (start(&t, &nc, NULL)) {
		CHECK(t.bg_queries == 0, "NO_COLOR: not asked");
		CHECK(go(&t, "4\r", "4/24"), "NO_COLOR: slide 4");
		int coloured = 0;
		for (int r = 0; r < ROWS; r++)
			for (int c = 0; c < COLS; c++) {
				VTermScreenCell cell;
				vt_cell(&t, r, c, &cell);
				coloured += !VTERM_COLOR_IS_DEFAULT_FG(&cell.fg);
			}
		CHECK(coloured == 0, "NO_COLOR: %d coloured cells", coloured);
	}
	quit(&t);
}

static char *slurp(const char *path)
{
	static char buf[3][512];
	static int next;
	char *b = buf[next++ % 3];
	b[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f) {
		if (!fgets(b, 512, f))
			b[0] = '\0';
		fclose(f);
	}
	return b;
}

/* The modes a test's shell wrote with stty -g to tmpdir/name. */
static char *saved_modes(const char *name)
{
	char path[300];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return slurp(path);
}

/* The terminal's modes after lectern are those before it, whether the
 * terminal answered, answered only DA1, or said nothing (lectern changes
 * them to ask, before curses starts). */
static void test_modes(void)
{
	static const struct answers cases[] = {
		{ "", "", "rgb:ffff/ffff/ffff", NULL, false, false, NULL },
		{ "", "", NULL, NULL, false, false, NULL },
		{ "", "", NULL, NULL, false, true, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char script[2048];
		snprintf(script, sizeof script, "stty -g > %s/before; %s --no-config "
			 "%s; stty -g > %s/after; echo DONE; sleep 5", tmpdir,
			 lectern, demo, tmpdir);
		char *argv[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
		struct vt t;
		vt_spawn(&t, 80, 24, "xterm-256color", argv);
		t.bg_reply = cases[i].bg;
		t.drop_replies = cases[i].drop;
		CHECK(vt_wait_for(&t, "/24", VT_START_MS), "modes %zu: slides shown", i);
		vt_send(&t, "q");
		CHECK(vt_wait_for(&t, "DONE", 3000), "modes %zu: quit", i);
		char *before = saved_modes("before");
		char *after = saved_modes("after");
		CHECK(before[0] && strcmp(before, after) == 0, "modes %zu: the tty's "
		      "modes restored\n before %s after  %s", i, before, after);
		vt_close(&t);
	}
}

/* ^Z stops lectern as the shell's job with the shell's modes in force,
 * and fg brings it back in its own, the slide whole and keys answered.
 * A shell with job control (sh -m) runs it, so that the stop is not
 * discarded as in an orphaned process group; it waits for a line before
 * fg, which the shell's modes give it when Enter comes. The cases: a
 * terminal that answers, one that never does, and a SIGTSTP sent from
 * outside to a viewer whose frames curses does not draw (ambiguous
 * characters two columns wide: the direct writer). */
static void test_suspend(void)
{
	static const struct {
		const char *bg;
		bool drop, outside, direct;
	} cases[] = {
		{ "rgb:ffff/ffff/ffff", false, false, false },
		{ NULL, true, false, false },
		{ "rgb:ffff/ffff/ffff", false, true, true },
	};
	char config[300];
	snprintf(config, sizeof config, "%s/wide.ini", tmpdir);
	FILE *f = fopen(config, "w");
	if (f) {
		fputs("[layout]\nambiguous_width = 2\n", f);
		fclose(f);
	}
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char opts[400], script[2048];
		snprintf(opts, sizeof opts, cases[i].direct ? "--config %s" :
			 "--no-config", config);
		snprintf(script, sizeof script, "stty -g > %s/before; %s %s %s; "
			 "stty -g > %s/during; echo STOPPED; read x; fg > /dev/null; "
			 "stty -g > %s/after; echo DONE; sleep 5", tmpdir, lectern,
			 opts, demo, tmpdir, tmpdir);
		char *argv[] = { (char *)"/bin/sh", (char *)"-m", (char *)"-c",
				 script, NULL };
		struct vt t;
		vt_spawn(&t, 80, 24, "xterm-256color", argv);
		t.bg_reply = cases[i].bg;
		t.drop_replies = cases[i].drop;
		CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "suspend %zu: slides shown", i);
		vt_pump(&t, 300, 60);
		char *shown = vt_screen(&t);
		if (cases[i].outside) {
			/* the tty's foreground job is lectern's */
			pid_t job = tcgetpgrp(t.fd);
			CHECK(job > 0 && kill(-job, SIGTSTP) == 0, "suspend %zu: "
			      "SIGTSTP sent", i);
		} else {
			vt_send(&t, "\x1a");
		}
		CHECK(vt_wait_for(&t, "STOPPED", 3000), "suspend %zu: it stops", i);
		vt_send(&t, "\r");
		CHECK(vt_wait_for(&t, "1/24", 3000), "suspend %zu: fg shows the "
		      "slide again", i);
		vt_pump(&t, 300, 60);
		char *again = vt_screen(&t);
		CHECK(strcmp(shown, again) == 0, "suspend %zu: ...all of it\n"
		      "before:\n%s\nafter fg:\n%s", i, shown, again);
		free(shown);
		free(again);
		vt_send(&t, "j");
		CHECK(vt_wait_for(&t, "2/24", 3000), "suspend %zu: keys answer "
		      "after fg", i);
		vt_send(&t, "q");
		CHECK(vt_wait_for(&t, "DONE", 3000), "suspend %zu: quit", i);
		char *before = saved_modes("before");
		char *during = saved_modes("during");
		char *after = saved_modes("after");
		CHECK(before[0] && strcmp(before, during) == 0, "suspend %zu: the "
		      "shell's modes while stopped\n before %s during %s", i, before,
		      during);
		CHECK(before[0] && strcmp(before, after) == 0, "suspend %zu: the "
		      "tty's modes restored\n before %s after  %s", i, before, after);
		vt_close(&t);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_background LECTERN DECK\n");
		return 2;
	}
	lectern = argv[1];
	demo = argv[2];
	if (!mkdtemp(tmpdir))
		return 2;
	references();
	test_answered();
	test_unanswered();
	test_after_first_frame();
	test_late();
	test_typed_meanwhile();
	test_choices();
	test_modes();
	test_suspend();
	check_rmtree(tmpdir);
	return check_done();
}
