/* test_screen.c — the real lectern binary in a pseudo-terminal, its output
 * read back through libvterm: slides at several sizes, every title and
 * point of the demo deck on screen, CJK cells, the right edge, overlays,
 * navigation, search, resize, reload, and the terminal restored after
 * signals.
 * usage: test_screen LECTERN DEMO_DECK */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/deck.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "vt.h"

static const char *lectern, *demo;
static char tmpdir[] = "/tmp/lectern-screen-XXXXXX";

static bool start(struct vt *t, int cols, int rows, const char *deck)
{
	char *argv[] = { (char *)lectern, (char *)deck, NULL };
	bool ok = vt_spawn(t, cols, rows, "xterm-256color", argv);
	CHECK(ok, "spawn");
	ok = ok && vt_wait_loaded(t, VT_START_MS);
	CHECK(ok, "the first screen shows");
	return ok;
}

static char *footer(struct vt *t)
{
	return vt_row(t, t->rows - 1);
}

static void squeeze(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (*r != ' ' && *r != '\n')
			*w++ = *r;
	*w = '\0';
}

static struct deck *load(const char *path)
{
	struct lt_error err;
	struct deck *d = NULL;
	if (!deck_load(path, NULL, &d, &err))
		d = NULL;
	return d;
}

static void test_sizes(void)
{
	static const int sizes[][2] = { { 40, 12 }, { 80, 24 }, { 120, 40 } };
	for (size_t i = 0; i < 3; i++) {
		struct vt t;
		int w = sizes[i][0], h = sizes[i][1];
		if (!start(&t, w, h, demo)) {
			vt_close(&t);
			continue;
		}
		CHECK(vt_contains(&t, "神经可塑性与抑郁"), "%dx%d: title page", w, h);
		CHECK(t.altscreen, "%dx%d: alternate screen in use", w, h);
		CHECK(vt_go(&t, "4\r", "4/24"), "%dx%d: go to 4", w, h);
		CHECK(vt_contains(&t, "神经可塑性概述"), "%dx%d: header", w, h);
		CHECK(vt_contains(&t, "神经可塑性的定义与概念"), "%dx%d: block 1", w, h);
		/* the second block: on this screen or a continuation */
		bool seen = vt_contains(&t, "神经可塑性的类型与机制");
		for (int k = 0; k < 6 && !seen; k++) {
			vt_send(&t, " ");
			vt_pump_reply(&t, 2000, 200, 30);
			seen = vt_contains(&t, "神经可塑性的类型与机制");
		}
		CHECK(seen, "%dx%d: block 2", w, h);
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "%dx%d: q exits 0", w, h);
		CHECK(!t.altscreen && t.cursor_visible, "%dx%d: screen restored", w, h);
		vt_close(&t);
	}
	/* too small: a notice, no crash; back to slides when it grows */
	struct vt t;
	char *argv[] = { (char *)lectern, (char *)demo, NULL };
	vt_spawn(&t, 10, 3, "xterm-256color", argv);
	CHECK(vt_wait_for(&t, "small", 3000), "10x3: too small notice");
	vt_resize(&t, 80, 24);
	CHECK(vt_wait_for(&t, "1/24", 3000), "grown back: slides");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "q after resize");
	vt_close(&t);
}

/* At 60x20 every title and point of the deck comes on screen. */
static void test_all_text(void)
{
	struct deck *d = load(demo);
	struct vt t;
	if (!d || !start(&t, 60, 20, demo)) {
		CHECK(0, "setup");
		deck_free(d);
		return;
	}
	struct strbuf all = STRBUF_INIT;
	for (int i = 0; i < 200; i++) {
		char *s = vt_screen(&t);
		squeeze(s);
		sb_puts(&all, s);
		free(s);
		if (vt_footer_has(&t, "24/24")) {
			/* the last slide's last screen */
			char *f = footer(&t);
			bool last = !strstr(f, "(") || strstr(f, "(2/2)") ||
				    strstr(f, "(3/3)");
			free(f);
			if (last)
				break;
		}
		vt_send(&t, " ");
		vt_pump_reply(&t, 2000, 300, 30);
	}
	size_t missing = 0, n = 0;
	for (size_t s = 0; s < d->nsections; s++)
		for (size_t l = 0; l < d->sections[s].nslides; l++) {
			const struct slide *sl = section_slide(d, &d->sections[s], l);
			size_t nb = slide_nblocks(d, sl);
			for (size_t b = 0; b < nb; b++) {
				const struct block *bk = slide_block(d, sl, b);
				char *title = xstrdup(block_title(d, bk));
				squeeze(title);
				n++;
				if (!strstr(all.data, title)) {
					missing++;
					CHECK(0, "title not shown: %s", block_title(d, bk));
				}
				free(title);
				size_t np = block_npoints(d, bk);
				for (size_t p = 0; p < np; p++) {
					const char *text = point_text(d, block_point(d, bk, p));
					char *pt = xstrdup(text);
					squeeze(pt);
					n++;
					if (!strstr(all.data, pt)) {
						missing++;
						CHECK(0, "point not shown: %s", text);
					}
					free(pt);
				}
			}
		}
	CHECK(missing == 0 && n == 32 + 95, "%zu of %zu titles and points missing", missing, n);
	vt_send(&t, "q");
	vt_wait_exit(&t, 3000);
	vt_close(&t);
	sb_free(&all);
	deck_free(d);
}

/* What the screen shows is what --export text shows at that width, cell by
 * cell, and each CJK character takes two cells. */
static void test_cells(void)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s --export text --width 60 %s", lectern, demo);
	FILE *p = popen(cmd, "r");
	struct strbuf ex = STRBUF_INIT;
	char buf[4096];
	size_t r;
	while (p && (r = fread(buf, 1, sizeof buf, p)) > 0)
		sb_put(&ex, buf, r);
	if (p)
		pclose(p);
	/* slide 4 of the export: after its form-feed line */
	char *slide = ex.data ? strstr(ex.data, "\fslide 4 of 24\n") : NULL;
	if (slide)
		slide += strlen("\fslide 4 of 24\n");
	struct vt t;
	if (!slide || !start(&t, 60, 20, demo)) {
		CHECK(0, "setup");
		sb_free(&ex);
		return;
	}
	CHECK(vt_go(&t, "4\r", "4/24"), "go to 4");
	char *end = strchr(slide, '\f');
	if (end)
		*end = '\0';
	int row = 0, wide = 0;
	for (char *line = slide; line && *line && row < 19; row++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *got = vt_row(&t, row);
		CHECK(strcmp(got, line) == 0, "row %d:\n screen '%s'\n export '%s'", row, got, line);
		free(got);
		line = nl ? nl + 1 : NULL;
	}
	for (int rr = 0; rr < 19; rr++)
		for (int c = 0; c < 60; c++) {
			VTermScreenCell cell;
			vt_cell(&t, rr, c, &cell);
			if (cell.chars[0] >= 0x4E00 && cell.chars[0] <= 0x9FFF) {
				wide++;
				CHECK(cell.width == 2, "CJK cell at %d,%d is %d wide", rr, c, cell.width);
			}
		}
	CHECK(wide > 100, "%d CJK cells seen", wide);
	vt_send(&t, "q");
	vt_wait_exit(&t, 3000);
	vt_close(&t);
	sb_free(&ex);
}

/* The overview's rows are cut to the width, ending in "…" where text was
 * cut (on the last column, or the one before when a wide character would
 * straddle the edge), and nothing ever spills into the next row. */
static void test_right_edge(void)
{
	int exact = 0, left_blank = 0;
	for (int w = 40; w <= 45; w++) {
		struct vt t;
		if (!start(&t, w, 20, demo)) {
			vt_close(&t);
			continue;
		}
		vt_send(&t, "o");
		CHECK(vt_wait_for(&t, "overview", 3000), "overview at %d", w);
		vt_pump(&t, 200, 50);
		for (int r = 0; r < 19; r++) {
			char *row = vt_row(&t, r);
			int dw = text_width(row, strlen(row), 1);
			CHECK(dw <= w, "row %d is %d wide", r, dw);
			char want[16];
			snprintf(want, sizeof want, "%4d  ", r + 1);
			CHECK(strncmp(row, want, strlen(want)) == 0,
			      "width %d row %d starts with its number: '%s'", w, r, row);
			VTermScreenCell last, before;
			vt_cell(&t, r, w - 1, &last);
			vt_cell(&t, r, w - 2, &before);
			if (last.chars[0] == 0x2026)
				exact++; /* cut, marked on the last column */
			else if (last.chars[0] == 0 && before.chars[0] == 0x2026 &&
				 dw == w - 1)
				left_blank++; /* a wide character did not fit */
			free(row);
		}
		vt_send(&t, "q");
		vt_wait_exit(&t, 3000);
		vt_close(&t);
	}
	CHECK(exact > 0, "some row is cut with … in the last column");
	CHECK(left_blank > 0, "some row is cut with … before the last column");
}

/* Whether the first character of text on screen is bold: 1 or 0, -1 when
 * the text is not shown. Only ASCII may come before it on its row. */
static int entry_bold(struct vt *t, const char *text)
{
	for (int row = 0; row < 24; row++) {
		char *r = vt_row(t, row);
		char *at = strstr(r, text);
		int col = at ? (int)(at - r) : -1;
		free(r);
		if (col >= 0) {
			VTermScreenCell c;
			vt_cell(t, row, col, &c);
			return c.attrs.bold;
		}
	}
	return -1;
}

static void test_keys(void)
{
	struct vt t;
	if (!start(&t, 80, 24, demo)) {
		vt_close(&t);
		return;
	}
	/* help overlay, closed by Esc (which never quits) */
	vt_send(&t, "?");
	CHECK(vt_wait_for(&t, "lectern keys", 2000), "help opens");
	CHECK(vt_wait_for(&t, "black screen", 2000), "help lists the keys");
	vt_send(&t, "\x1b");
	CHECK(vt_wait_gone(&t, "lectern keys", 2000), "Esc closes help");
	vt_send(&t, "\x1b");
	vt_pump(&t, 200, 50);
	CHECK(vt_wait_exit(&t, 100) == -1, "Esc does not quit");
	/* go to */
	CHECK(vt_go(&t, "12\r", "12/24"), "12 Enter goes to slide 12");
	CHECK(vt_go(&t, "5G", "5/24"), "5G goes to slide 5");
	CHECK(vt_go(&t, "G", "24/24"), "G goes to the end");
	CHECK(vt_go(&t, "g", "1/24"), "g goes to the start");
	CHECK(vt_go(&t, "\x1b[6~", "2/24"), "PgDn (a clicker) goes on");
	CHECK(vt_go(&t, "\x1b[5~", "1/24"), "PgUp goes back");
	/* contents, then a digit: that section's cover */
	vt_send(&t, "t");
	CHECK(vt_wait_for(&t, "不同脑区在抑郁中的可塑性作用", 2000), "contents");
	CHECK(!vt_contains(&t, "not in the text"), "no remark on the slide");
	CHECK(entry_bold(&t, "神经可塑性概述") == 1 &&
	      entry_bold(&t, "不同脑区在抑郁中的可塑性作用") == 0,
	      "an entry with no section is marked quietly: not bold, dimmed");
	CHECK(vt_go(&t, "3", "11/24"), "t 3 jumps to section 3");
	CHECK(vt_contains(&t, "03"), "the cover shows its number");
	vt_send(&t, "t7");
	/* the status line says so (the contents page no longer does) */
	CHECK(vt_wait_for(&t, "section 7, ", 2000), "t 7: a missing section is said so");
	/* overview: move and open */
	vt_send(&t, "g");
	vt_pump_reply(&t, 2000, 100, 30);
	vt_send(&t, "o");
	CHECK(vt_wait_for(&t, "overview", 2000), "overview opens");
	vt_send(&t, "jjj");
	CHECK(vt_go(&t, "\r", "4/24"), "overview: Enter opens slide 4");
	/* search, highlighted, n/N */
	vt_send(&t, "/突触");
	CHECK(vt_wait_for(&t, "/突触", 2000), "search prompt echoes");
	vt_send(&t, "\r");
	vt_pump_reply(&t, 2000, 300, 50);
	char *f1 = footer(&t);
	int hl = 0;
	for (int r = 0; r < 23; r++)
		for (int c = 0; c < 80; c++) {
			VTermScreenCell cell;
			vt_cell(&t, r, c, &cell);
			if (cell.chars[0] == 0x7A81 /* 突 */ &&
			    (cell.attrs.reverse || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg)))
				hl++;
		}
	CHECK(hl > 0, "the match is highlighted");
	vt_send(&t, "n");
	vt_pump_reply(&t, 2000, 300, 50);
	char *f2 = footer(&t);
	CHECK(strcmp(f1, f2) != 0, "n moves to the next match: %s / %s", f1, f2);
	vt_send(&t, "N");
	vt_pump_reply(&t, 2000, 300, 50);
	char *f3 = footer(&t);
	CHECK(strcmp(f1, f3) == 0, "N comes back: %s / %s", f1, f3);
	free(f1);
	free(f2);
	free(f3);
	vt_send(&t, "\x1b");
	/* black screen until any key */
	vt_send(&t, "b");
	vt_pump_reply(&t, 2000, 300, 50);
	char *s = vt_screen(&t);
	squeeze(s);
	CHECK(s[0] == '\0', "black screen is empty: '%.40s'", s);
	free(s);
	vt_send(&t, "x");
	CHECK(vt_wait_for(&t, "/24", 2000), "any key ends the black screen");
	vt_send(&t, "\x03");
	CHECK(vt_wait_exit(&t, 3000) == 0, "Ctrl-C quits");
	vt_close(&t);
}

static void test_resize(void)
{
	struct vt t;
	if (!start(&t, 80, 24, demo)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "10\r", "10/24"), "slide 10");
	vt_resize(&t, 60, 20);
	vt_pump_reply(&t, 2000, 400, 50);
	CHECK(vt_footer_has(&t, "10/24"), "resize keeps the slide");
	CHECK(vt_contains(&t, "脑区功能障碍与抑郁症"), "relaid out");
	vt_resize(&t, 40, 12);
	vt_pump_reply(&t, 2000, 400, 50);
	CHECK(vt_footer_has(&t, "10/24"), "second resize keeps the slide");
	vt_send(&t, "q");
	vt_wait_exit(&t, 3000);
	vt_close(&t);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
}

static void test_reload(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/deck.txt", tmpdir);
	FILE *in = fopen(demo, "rb");
	struct strbuf orig = STRBUF_INIT;
	char buf[4096];
	size_t r;
	while (in && (r = fread(buf, 1, sizeof buf, in)) > 0)
		sb_put(&orig, buf, r);
	if (in)
		fclose(in);
	write_file(path, orig.data, orig.len);
	struct vt t;
	if (!start(&t, 80, 24, path)) {
		vt_close(&t);
		sb_free(&orig);
		return;
	}
	CHECK(vt_go(&t, "5\r", "5/24"), "slide 5");
	/* a changed deck: a block title renamed */
	struct strbuf changed = STRBUF_INIT;
	const char *old = "神经可塑性在抑郁中的作用";
	char *at = strstr(orig.data, old);
	sb_put(&changed, orig.data, (size_t)(at - orig.data));
	sb_puts(&changed, "可塑性在抑郁中的新作用");
	sb_puts(&changed, at + strlen(old));
	write_file(path, changed.data, changed.len);
	vt_send(&t, "r");
	CHECK(vt_wait_for(&t, "可塑性在抑郁中的新作用", 2000), "reload shows the change");
	CHECK(vt_footer_has(&t, "5/24"), "reload keeps the position");
	/* a broken deck: the old one stays, the error in the footer */
	write_file(path, "\xff not a deck", 12);
	vt_send(&t, "r");
	CHECK(vt_wait_for(&t, "reload failed", 2000), "reload failure said");
	CHECK(vt_contains(&t, "可塑性在抑郁中的新作用"), "old deck still shown");
	CHECK(vt_contains(&t, "UTF-8"), "the error says what, in full");
	unlink(path);
	vt_send(&t, "r");
	CHECK(vt_wait_for(&t, "cannot open", 2000), "a deleted deck is said so");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "quits after failed reloads");
	vt_close(&t);
	sb_free(&orig);
	sb_free(&changed);
}

/* SIGTERM and SIGHUP: lectern exits and the tty modes are as they were. */
static void test_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP };
	for (size_t i = 0; i < 2; i++) {
		char script[2048];
		snprintf(script, sizeof script,
			 "stty -g > %s/before; %s %s & echo $! > %s/pid; wait $!; "
			 "echo $? > %s/rc; stty -g > %s/after; echo DONE; sleep 5",
			 tmpdir, lectern, demo, tmpdir, tmpdir, tmpdir);
		char *argv[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
		struct vt t;
		vt_spawn(&t, 80, 24, "xterm-256color", argv);
		CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "started under a shell");
		char path[300];
		snprintf(path, sizeof path, "%s/pid", tmpdir);
		FILE *f = fopen(path, "r");
		int pid = 0;
		if (f) {
			if (fscanf(f, "%d", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		CHECK(pid > 0, "pid");
		if (pid > 0)
			kill(pid, sigs[i]);
		CHECK(vt_wait_for(&t, "DONE", 3000), "lectern ended on signal %d", sigs[i]);
		char before[512] = "", after[512] = "", rc[32] = "";
		snprintf(path, sizeof path, "%s/before", tmpdir);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(before, sizeof before, f))
				before[0] = '\0';
			fclose(f);
		}
		snprintf(path, sizeof path, "%s/after", tmpdir);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(after, sizeof after, f))
				after[0] = '\0';
			fclose(f);
		}
		snprintf(path, sizeof path, "%s/rc", tmpdir);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(rc, sizeof rc, f))
				rc[0] = '\0';
			fclose(f);
		}
		CHECK(before[0] && strcmp(before, after) == 0,
		      "signal %d: tty modes restored\n before %s after  %s", sigs[i], before, after);
		CHECK(atoi(rc) == 128 + sigs[i], "signal %d: exit status %s", sigs[i], rc);
		CHECK(!t.altscreen && t.cursor_visible, "signal %d: screen restored", sigs[i]);
		vt_close(&t);
	}
}

/* Removes lectern's state files (XDG_STATE_HOME). */
static void forget_state(void)
{
	char state[400];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	if (access(state, F_OK) == 0)
		check_rmtree(state);
}

static void test_terminal_checks(void)
{
	struct vt t;
	char *argv[] = { (char *)lectern, (char *)demo, NULL };
	vt_spawn(&t, 80, 24, NULL, argv);
	CHECK(vt_wait_exit(&t, 3000) == 3, "TERM unset: exit 3");
	CHECK(vt_contains(&t, "TERM is not set"), "TERM unset: said so");
	vt_close(&t);
	vt_spawn(&t, 80, 24, "no-such-terminal", argv);
	CHECK(vt_wait_exit(&t, 3000) == 3, "unknown TERM: exit 3");
	CHECK(vt_contains(&t, "no-such-terminal"), "unknown TERM: named");
	vt_close(&t);
	/* a locale that is not UTF-8 (LANG not forwarded over SSH): lectern
	 * switches to C.UTF-8 and CJK still takes two cells */
	vt_spawn_locale(&t, 80, 24, "xterm-256color", "C", "C", argv);
	CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "LC_ALL=C: slides shown");
	CHECK(vt_contains(&t, "神经可塑性与抑郁"), "LC_ALL=C: CJK drawn");
	VTermScreenCell cell;
	bool two = false;
	for (int c = 0; c < 80 && !two; c++)
		if (vt_cell(&t, t.rows - 1, c, &cell) && cell.chars[0] == 0x795E)
			two = cell.width == 2; /* 神 in the status line */
	CHECK(two, "LC_ALL=C: wide characters laid out two cells wide");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "LC_ALL=C: q exits 0");
	vt_close(&t);
	/* keys from the terminal although the deck comes on stdin */
	char script[1024];
	snprintf(script, sizeof script, "%s - < %s; echo RC=$?; sleep 5", lectern, demo);
	char *sh[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
	vt_spawn(&t, 80, 24, "xterm-256color", sh);
	CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "deck from stdin shown");
	CHECK(vt_go(&t, " ", "2/24"), "keys read from the terminal");
	vt_send(&t, "q");
	CHECK(vt_wait_for(&t, "RC=0", 3000), "q exits 0");
	vt_close(&t);
}

/* Starts lectern with extra arguments through a shell, so that the
 * environment can be set too (env: "NO_COLOR=1 " or ""). */
static bool start_sh(struct vt *t, int cols, int rows, const char *env,
		     const char *args, const char *deck)
{
	char script[2048];
	snprintf(script, sizeof script, "%s exec %s %s %s", env, lectern, args, deck);
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
	bool ok = vt_spawn(t, cols, rows, "xterm-256color", argv);
	ok = ok && vt_wait_loaded(t, VT_START_MS);
	CHECK(ok, "the first screen shows");
	return ok;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The colour index of the cell at row, col (-1: the default colour). */
static int cell_fg(struct vt *t, int row, int col)
{
	VTermScreenCell c;
	vt_cell(t, row, col, &c);
	if (VTERM_COLOR_IS_DEFAULT_FG(&c.fg) || !VTERM_COLOR_IS_INDEXED(&c.fg))
		return -1;
	return c.fg.indexed.idx;
}

static bool cell_bold(struct vt *t, int row, int col)
{
	VTermScreenCell c;
	vt_cell(t, row, col, &c);
	return c.attrs.bold;
}

/* A config file rebinding keys, switching theme, changing the layout. */
static void test_config(void)
{
	char cfg[300], args[400];
	snprintf(cfg, sizeof cfg, "%s/keys.ini", tmpdir);
	write_text(cfg, "[keys]\nnext = x\nprev = z\n[layout]\nnumbering = paren\n");
	snprintf(args, sizeof args, "--config %s", cfg);
	struct vt t;
	if (start_sh(&t, 80, 24, "", args, demo)) {
		vt_send(&t, " ");
		vt_pump(&t, 300, 50);
		CHECK(vt_footer_has(&t, "1/24"), "Space no longer turns the page");
		CHECK(vt_go(&t, "x", "2/24"), "x is next");
		CHECK(vt_go(&t, "z", "1/24"), "z is prev");
		CHECK(vt_go(&t, "4\r", "4/24"), "go to still works");
		CHECK(vt_contains(&t, "1) "), "numbering = paren");
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "quit");
	}
	vt_close(&t);

	/* themes: the header's colour on the first content slide */
	static const struct {
		const char *env, *args;
		int fg;
	} themes[] = {
		{ "", "--no-config --theme dark", 6 },  /* dark: cyan */
		{ "", "--no-config --theme light", 4 }, /* light: blue */
		{ "", "--no-config --theme mono", -1 },
		{ "NO_COLOR=1", "--no-config", -1 },
		/* no-color.org: set and not empty; an explicit theme wins */
		{ "NO_COLOR=", "--no-config", 5 }, /* auto, no answer: magenta */
		{ "NO_COLOR=1", "--no-config --theme dark", 6 },
		{ "NO_COLOR=1", "--config THEME_LIGHT", 4 },
	};
	char light[300];
	snprintf(light, sizeof light, "%s/light.ini", tmpdir);
	write_text(light, "[theme]\nname = light\n");
	for (size_t i = 0; i < sizeof themes / sizeof *themes; i++) {
		char targs[400];
		snprintf(targs, sizeof targs, "%s", themes[i].args);
		if (strstr(targs, "THEME_LIGHT"))
			snprintf(targs, sizeof targs, "--config %s", light);
		if (!start_sh(&t, 80, 24, themes[i].env, targs, demo)) {
			vt_close(&t);
			continue;
		}
		CHECK(vt_go(&t, "4\r", "4/24"), "theme %zu: slide 4", i);
		char *row = vt_row(&t, 0);
		int col = 0;
		while (row[col] == ' ')
			col++;
		free(row);
		CHECK(cell_fg(&t, 0, col) == themes[i].fg,
		      "%s %s: header colour %d, wanted %d", themes[i].env,
		      themes[i].args, cell_fg(&t, 0, col), themes[i].fg);
		CHECK(cell_bold(&t, 0, col), "theme %zu: header bold", i);
		vt_send(&t, "q");
		vt_wait_exit(&t, 3000);
		vt_close(&t);
	}

	/* a broken config: lectern still starts, says in the status line how
	 * many problems there are and which key shows them; the help overlay
	 * lists them; after quitting they are on stderr, path:line first */
	snprintf(cfg, sizeof cfg, "%s/broken.ini", tmpdir);
	write_text(cfg, "[keys]\nnext = Bogus\n[nonsense]\nx = 1\n");
	snprintf(args, sizeof args, "--config %s", cfg);
	if (start_sh(&t, 80, 24, "", args, demo)) {
		CHECK(vt_wait_for(&t, "the config file has 2 problems: ? shows them",
				  2000), "broken config: said in the status line");
		CHECK(!vt_contains(&t, "unknown key name"), "not yet the problems");
		vt_send(&t, "?");
		CHECK(vt_wait_for(&t, "The config file has 2 problems:", 2000),
		      "broken config: ? shows them");
		/* the overlay may come in more than one write: wait for its
		 * last problem before looking at both */
		CHECK(vt_wait_for(&t, "broken.ini:4: [nonsense] x: unknown section",
				  2000) &&
		      vt_contains(&t, "broken.ini:2: [keys] next: unknown key"),
		      "broken config: both, with path:line");
		CHECK(vt_wait_for(&t, "next slide", 2000), "the key list below them");
		vt_send(&t, "q");
		CHECK(vt_wait_gone(&t, "The config file has", 2000), "q closes it");
		CHECK(vt_go(&t, " ", "2/24"), "broken config: defaults kept");
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "broken config: quit");
		char *s = vt_screen(&t);
		CHECK(strstr(s, "broken.ini:2: [keys] next: unknown key name"),
		      "broken config: message after exit");
		free(s);
	}
	vt_close(&t);
}

/* A terminal that draws East Asian ambiguous characters two columns wide,
 * modelled on what lectern writes in that mode: absolute cursor moves,
 * erase to end of line, styles, text. Every character is put in a grid at
 * ambiguous width 2; a character past the right edge or over another one
 * written in the same frame is an error. Returns the number of errors. */
static int amb2_replay(const char *b, size_t n, int cols, int rows, int *chars)
{
	int row = 0, col = 0, errors = 0;
	char *owner = calloc((size_t)(cols * rows), 1);
	size_t i = 0;
	*chars = 0;
	while (i < n) {
		unsigned char c = (unsigned char)b[i];
		if (c == 0x1b) {
			if (i + 1 < n && b[i + 1] == '[') {
				size_t j = i + 2;
				int p[4] = { 0, 0, 0, 0 }, np = 0;
				while (j < n && ((b[j] >= '0' && b[j] <= '9') || b[j] == ';' ||
						 b[j] == '?')) {
					if (b[j] == ';' && np < 3)
						np++;
					else if (b[j] >= '0' && b[j] <= '9')
						p[np] = p[np] * 10 + (b[j] - '0');
					j++;
				}
				if (j < n && b[j] == 'H') {
					row = p[0] ? p[0] - 1 : 0;
					col = p[1] ? p[1] - 1 : 0;
				} else if (j < n && b[j] == 'J') {
					memset(owner, 0, (size_t)(cols * rows));
				} else if (j < n && b[j] == 'K' && row < rows) {
					memset(owner + row * cols + col, 0, (size_t)(cols - col));
				}
				i = j + 1;
			} else {
				i += i + 2 < n && (b[i + 1] == '(' || b[i + 1] == ')') ? 3 : 2;
			}
			continue;
		}
		if (c < 0x20) {
			if (c == '\r')
				col = 0;
			i++;
			continue;
		}
		uint32_t cp;
		int len = text_decode(b + i, n - i, &cp);
		i += (size_t)len;
		int w = text_cp_width(cp, 2);
		if (w == 0)
			continue;
		if (row >= rows || col + w > cols) {
			errors++;
		} else {
			for (int k = 0; k < w; k++)
				owner[row * cols + col + k] = 1;
		}
		col += w;
		(*chars)++;
	}
	free(owner);
	return errors;
}

static void test_ambiguous(void)
{
	char deck[300], cfg[300], args[400];
	snprintf(deck, sizeof deck, "%s/amb.txt", tmpdir);
	/* ambiguous characters: “ ” ○ ■ … ① § ± × ° in titles and points */
	write_text(deck,
		"○ Shapes ○,Shapes ■ Signs,Contents Page,目录页,"
		"Shapes ■ Signs,○ Shapes ○,Shapes ■ Signs,"
		"“Quoted” ○ title ■ here,1.Circles ○○○○○○○○○○ and squares "
		"■■■■■■■■■■ and dots ………… fill this point ①②③④⑤ so it wraps "
		"§ ± × ° more than once at forty columns “on purpose”2.Plain text "
		"point with 中文 and “quotes” and ○ marks ○ again ○ and again,"
		"Shapes ■ Signs,Second ■ slide,1.○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○"
		"○○○○○○○○○○ just circles");
	for (int amb = 1; amb <= 2; amb++) {
		snprintf(cfg, sizeof cfg, "%s/amb%d.ini", tmpdir, amb);
		char text[64];
		snprintf(text, sizeof text, "[layout]\nambiguous_width = %d\n", amb);
		write_text(cfg, text);
		snprintf(args, sizeof args, "--config %s", cfg);
		struct vt t;
		if (!start_sh(&t, 40, 16, "", args, deck)) {
			vt_close(&t);
			continue;
		}
		/* through the title, contents, cover and both slides */
		for (int k = 0; k < 8; k++) {
			vt_log_start(&t);
			vt_send(&t, " ");
			vt_pump(&t, 300, 40);
			int chars = 0;
			if (amb == 2) {
				int errors = amb2_replay(t.log, t.loglen, 40, 16, &chars);
				CHECK(errors == 0, "ambiguous 2, turn %d: %d characters "
				      "past the edge on a two-column terminal", k, errors);
				/* the model does catch overflow: the same output
				 * on a narrower screen overflows it */
				if (k == 3)
					CHECK(amb2_replay(t.log, t.loglen, 30, 16, &chars) > 0,
					      "the two-column model detects overflow");
			} else {
				/* one-column terminal: libvterm itself; no row
				 * wider than the screen, and the layout's own
				 * width agrees with what libvterm drew */
				for (int r = 0; r < 16; r++) {
					char *row = vt_row(&t, r);
					CHECK(text_width(row, strlen(row), 1) <= 40,
					      "ambiguous 1: row %d fits", r);
					free(row);
				}
			}
		}
		/* the text export at this width lays them out the same way */
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "%s --config %s --export text --width 40 %s",
			 lectern, cfg, deck);
		FILE *p = popen(cmd, "r");
		char line[1024];
		int widest = 0;
		while (p && fgets(line, sizeof line, p)) {
			line[strcspn(line, "\n")] = '\0';
			int w = text_width(line, strlen(line), amb);
			if (w > widest)
				widest = w;
		}
		if (p)
			pclose(p);
		CHECK(widest <= 40 && widest > 30, "ambiguous %d: export widest line %d",
		      amb, widest);
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "ambiguous %d: quit", amb);
		vt_close(&t);
	}
}

/* Terminal edge cases: tiny and huge sizes, a storm of resizes, terminal
 * types without colours or without cursor addressing, a terminal closed
 * under lectern, keys arriving in one burst. */
static void test_edges(void)
{
	static const int sizes[][2] = { { 1, 1 }, { 2, 2 }, { 10, 3 }, { 400, 120 } };
	char *argv[] = { (char *)lectern, (char *)demo, NULL };
	for (size_t i = 0; i < 4; i++) {
		struct vt t;
		int w = sizes[i][0], h = sizes[i][1];
		vt_spawn(&t, w, h, "xterm-256color", argv);
		vt_pump(&t, 500, 100);
		vt_send(&t, "   jjk?\x1bo\x1b/x\r\x1b");
		vt_pump(&t, 300, 50);
		if (w >= 20 && h >= 6)
			CHECK(vt_footer_has(&t, "/24"), "%dx%d: slides shown", w, h);
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "%dx%d: no crash, q exits 0", w, h);
		vt_close(&t);
	}

	/* 200 resizes in a second while paging, then it still answers */
	struct vt t;
	if (start(&t, 80, 24, demo)) {
		for (int i = 0; i < 200; i++) {
			vt_resize(&t, 30 + (i * 37) % 150, 5 + (i * 13) % 50);
			if (i % 10 == 0)
				vt_send(&t, " ");
			vt_pump(&t, 5, 1);
		}
		vt_resize(&t, 80, 24);
		vt_pump_reply(&t, 2000, 300, 50);
		CHECK(vt_go(&t, "7\r", "7/24"), "after 200 resizes: go to 7");
		CHECK(vt_contains(&t, "抑郁症的神经生物学基础"), "after 200 resizes: drawn");
		vt_send(&t, "q");
		CHECK(vt_wait_exit(&t, 3000) == 0, "after 200 resizes: q");
	}
	vt_close(&t);

	/* 100 keys at once end on the right slide */
	if (start(&t, 120, 40, demo)) {
		char burst[128];
		memset(burst, 'j', 100);
		burst[100] = '\0';
		CHECK(vt_go(&t, burst, "24/24"), "100 j in one burst: the last slide");
		vt_send(&t, "g");
		vt_pump_reply(&t, 2000, 100, 20);
		memset(burst, ' ', 10);
		burst[10] = '\0';
		CHECK(vt_go(&t, burst, "11/24"), "10 Space in one burst: slide 11");
		vt_send(&t, "q");
		vt_wait_exit(&t, 3000);
	}
	vt_close(&t);

	/* terminal types */
	vt_spawn(&t, 80, 24, "vt100", argv);
	CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "TERM=vt100: slides shown");
	int coloured = 0;
	for (int r = 0; r < 24; r++)
		for (int c = 0; c < 80; c++)
			coloured += cell_fg(&t, r, c) >= 0;
	CHECK(coloured == 0, "TERM=vt100: no colours (%d coloured cells)", coloured);
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "TERM=vt100: q exits 0");
	vt_close(&t);
	vt_spawn(&t, 80, 24, "dumb", argv);
	CHECK(vt_wait_exit(&t, 3000) == 3, "TERM=dumb: exit 3");
	CHECK(vt_contains(&t, "cannot place the cursor"), "TERM=dumb: said why");
	vt_close(&t);

	/* the terminal closed under lectern (the SSH link dropped) */
	vt_spawn(&t, 80, 24, "xterm-256color", argv);
	CHECK(vt_wait_for(&t, "1/24", VT_START_MS), "started");
	close(t.fd);
	t.fd = -1;
	int st = -1;
	for (int i = 0; i < 300; i++) {
		if (waitpid(t.pid, &st, WNOHANG) == t.pid)
			break;
		usleep(10000);
		st = -1;
	}
	CHECK(st != -1, "closed terminal: lectern exits");
	CHECK(st == -1 || !WIFSIGNALED(st) || WTERMSIG(st) == SIGHUP,
	      "closed terminal: no crash (status %d)", st);
	t.status = 0;
	vt_close(&t);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_screen LECTERN DECK\n");
		return 2;
	}
	lectern = argv[1];
	demo = argv[2];
	if (!mkdtemp(tmpdir))
		return 2;
	/* where lectern keeps resume state and rehearsal records: never the
	 * user's own */
	char state[300];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", state, 1);
	test_sizes();
	test_all_text();
	test_cells();
	test_right_edge();
	test_keys();
	test_resize();
	test_reload();
	test_signals();
	forget_state(); /* those talks were cut off: the next would resume */
	test_terminal_checks();
	test_config();
	test_ambiguous();
	test_edges();
	check_rmtree(tmpdir);
	return check_done();
}
