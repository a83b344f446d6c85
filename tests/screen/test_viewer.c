/* test_viewer.c — the viewer as a lecturer uses it, with the real binary
 * in a pseudo-terminal read back through libvterm: overlays that close
 * and never quit, counts, the way back, visible search, continuation
 * screens, huge slides, every size, reload by identity, terminals with no
 * alternate screen, the white and end-of-deck screens, long messages.
 * usage: test_viewer LECTERN FIXTURES_DIR */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "vt.h"

static const char *lectern;
static char deck[512];   /* en-rules: 10 slides, three sections */
static char tmpdir[] = "/tmp/lectern-viewer-XXXXXX";

static bool start_with(struct vt *t, int cols, int rows, const char *term,
		       const char *path)
{
	char *argv[] = { (char *)lectern, (char *)path, NULL };
	bool ok = vt_spawn(t, cols, rows, term, argv);
	CHECK(ok, "spawn");
	ok = ok && vt_wait_loaded(t, VT_START_MS);
	CHECK(ok, "the first screen shows");
	return ok;
}

static bool start(struct vt *t, int cols, int rows, const char *path)
{
	return start_with(t, cols, rows, "xterm-256color", path);
}

/* Sends keys and lets the screen settle: waits up to 2 s for lectern to
 * answer (CI's machine, busy with other tests, may not run it for more
 * than the 60 ms of quiet that end a pump), then until it is quiet. */
static void send(struct vt *t, const char *keys)
{
	vt_send(t, keys);
	vt_pump_reply(t, 2000, 300, 60);
}

static bool still_running(struct vt *t)
{
	return vt_wait_exit(t, 200) == -1;
}

static void quit(struct vt *t)
{
	vt_send(t, "\x03");
	vt_wait_exit(t, 3000);
	vt_close(t);
}

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(data, f);
		fclose(f);
	}
}

/* 1. Overlays close; they never quit. */
static void test_overlays(void)
{
	struct vt t;
	if (!start(&t, 80, 24, deck)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "5\r", "5/10"), "slide 5");
	send(&t, "?");
	CHECK(vt_contains(&t, "lectern keys"), "help opens");
	send(&t, "q");
	CHECK(still_running(&t), "q in help does not quit");
	CHECK(!vt_contains(&t, "lectern keys") && vt_footer_has(&t, "5/10"),
	      "q closes help");
	send(&t, "o");
	CHECK(vt_contains(&t, "overview"), "overview opens");
	send(&t, "q");
	CHECK(still_running(&t) && vt_footer_has(&t, "5/10"), "q closes the overview");
	/* contents reached with t: Esc and q go back to where t was pressed */
	CHECK(vt_go(&t, "t", "2/10"), "t shows the contents");
	CHECK(vt_go(&t, "\x1b", "5/10"), "Esc in the contents goes back");
	CHECK(vt_go(&t, "t", "2/10"), "t again");
	CHECK(vt_go(&t, "q", "5/10"), "q in the contents goes back");
	CHECK(still_running(&t), "...without quitting");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "q on a slide quits");
	vt_close(&t);
}

/* 2. Counts as vim's. 3. A way back. */
static void test_counts_and_back(void)
{
	struct vt t;
	if (!start(&t, 80, 24, deck)) {
		vt_close(&t);
		return;
	}
	/* waited for, not read after a fixed pause: on a loaded machine the
	 * status line can be read between two frames */
	CHECK(vt_go(&t, "12", "go to 12  1/10"), "typed digits show");
	CHECK(vt_go(&t, "\x7f", "go to 1  1/10"),
	      "Backspace takes the last digit back, and does not move");
	CHECK(vt_go(&t, "\x1b", "1/10"), "Esc...");
	vt_pump(&t, 300, 60);
	CHECK(!vt_footer_has(&t, "go to") && vt_footer_has(&t, "1/10"),
	      "...clears the count");
	CHECK(vt_go(&t, "99\r", "10/10"), "99 Enter goes to the last slide");
	CHECK(vt_contains(&t, "there are 10 slides"), "...and says so");
	CHECK(vt_go(&t, "3\r", "3/10"), "3 Enter");
	CHECK(vt_go(&t, "'", "10/10"), "' goes back to before the jump");
	CHECK(vt_go(&t, "'", "3/10"), "' again returns");
	send(&t, "o");
	CHECK(vt_go(&t, "G\r", "10/10"), "the overview opens slide 10");
	CHECK(vt_go(&t, "\x0f", "3/10"), "C-o goes back from the overview's jump");
	quit(&t);
}

/* 4. Search you can see. */
static void test_search(void)
{
	struct vt t;
	if (!start(&t, 100, 30, deck)) {
		vt_close(&t);
		return;
	}
	send(&t, "/steel\r");
	CHECK(vt_footer_has(&t, "/steel") && vt_footer_has(&t, "match 1 of 4"),
	      "the status line shows the query and the match");
	CHECK(vt_go(&t, "n", "match 2 of 4"), "n: the next match");
	CHECK(vt_go(&t, "NN", "match 4 of 4"), "N past the first wraps");
	CHECK(vt_contains(&t, "search wrapped"), "...and says so");
	send(&t, "\x1b");
	CHECK(!vt_footer_has(&t, "/steel"), "Esc clears the search");
	/* smart case: a capital makes it exact */
	send(&t, "g/STEEL\r");
	CHECK(vt_contains(&t, "not found: STEEL"), "STEEL is not in the deck");
	CHECK(!vt_footer_has(&t, "/STEEL"), "a failed search clears");
	send(&t, "/Steel\r");
	CHECK(vt_footer_has(&t, "match 1 of 4"), "Steel matches as written");
	/* the contents page's label is searched too */
	send(&t, "\x1bg/目录\r");
	CHECK(vt_footer_has(&t, "2/10") && vt_footer_has(&t, "match 1 of 1"),
	      "the contents label is found");
	quit(&t);
}

/* 5. Continuation screens keep their context. */
static void test_continuation(void)
{
	struct vt t;
	if (!start(&t, 40, 12, deck)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "5\r", "5/10"), "slide 5, six points in one block");
	CHECK(vt_footer_has(&t, "(1/"), "the footer shows the screen");
	CHECK(vt_go(&t, " ", "(2/"), "the second screen");
	CHECK(vt_contains(&t, "Six Classic Forms (continued)"),
	      "the block's title is repeated, marked continued");
	quit(&t);
	/* no screen ends with a block title: look at every screen of slide 4
	 * at a size where a title would otherwise fall at the foot */
	for (int h = 8; h <= 14; h++) {
		if (!start(&t, 40, h, deck)) {
			vt_close(&t);
			continue;
		}
		vt_go(&t, "4\r", "4/10");
		for (int k = 0; k < 12 && vt_footer_has(&t, "4/10"); k++) {
			char *last = vt_row(&t, t.rows - 2);
			const char *titles[] = { "Load Paths", "Dead and Live Loads",
						 "Key Terms" };
			for (int i = 0; i < 3; i++)
				CHECK(!strstr(last, titles[i]) || strstr(last, "continued"),
				      "40x%d: '%s' alone at the foot", h, last);
			free(last);
			send(&t, " ");
		}
		quit(&t);
	}
}

/* 6. Every screen of a huge slide is reachable, quickly. */
static void test_huge_slide(void)
{
	char path[600];
	snprintf(path, sizeof path, "%s/huge.txt", tmpdir);
	/* one block of 15,000 points: each point, then the next marker */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "Huge,Only,Contents Page,目录页,Only,Huge,Only,Points,1.");
	for (int i = 1; i <= 15000; i++) {
		sb_printf(&sb, "point %d of many", i);
		if (i < 15000)
			sb_printf(&sb, "%d.", i + 1);
	}
	write_file(path, sb.data);
	sb_free(&sb);
	struct vt t;
	if (!start(&t, 40, 8, path)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "4\r", "4/4"), "the huge slide");
	/* past the last screen and back: its last screen */
	CHECK(vt_go(&t, " ", "4/4"), "a screen on");
	CHECK(vt_go(&t, "G", "4/4"), "G");
	char *f = vt_row(&t, t.rows - 1);
	CHECK(strstr(f, "/4"), "on the slide: %s", f);
	free(f);
	/* the end-of-deck screen after the last, then Left: the last screen */
	vt_send(&t, "99999 ");
	CHECK(vt_wait_for(&t, "End of the slides", 10000), "past the end");
	vt_send(&t, "\x1bOD"); /* Left, in the keypad mode lectern sets */
	bool reached = vt_wait_for(&t, "point 15000", 10000);
	if (!reached) {
		char *scr = vt_screen(&t);
		fprintf(stderr, "%s", scr);
		free(scr);
	}
	CHECK(reached, "the last point is reachable");
	quit(&t);
}

/* 7. Every size. */
static void test_sizes(void)
{
	struct vt t;
	if (!start(&t, 30, 8, deck)) {
		vt_close(&t);
		return;
	}
	send(&t, "?");
	CHECK(vt_contains(&t, "\xE2\x80\xA6"), "30x8: cut help text ends in …");
	char *before = vt_screen(&t);
	send(&t, "jjjj");
	char *after = vt_screen(&t);
	CHECK(strcmp(before, after) != 0, "30x8: help scrolls");
	free(before);
	free(after);
	send(&t, "q");
	send(&t, "o");
	CHECK(vt_contains(&t, "\xE2\x80\xA6"), "30x8: cut overview rows end in …");
	quit(&t);
	/* 200x50: the slide centred within the measure */
	if (!start(&t, 200, 50, deck)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "4\r", "4/10"), "slide 4 at 200x50");
	int header_row = -1, header_col = -1;
	for (int r = 0; r < 49 && header_row < 0; r++) {
		char *row = vt_row(&t, r);
		char *at = strstr(row, "How Bridges Carry Loads");
		if (at) {
			header_row = r;
			header_col = (int)(at - row);
		}
		free(row);
	}
	CHECK(header_col >= 40, "the header is centred, at column %d", header_col);
	CHECK(header_row >= 5, "the slide sits lower in a tall window, row %d",
	      header_row);
	quit(&t);
}

/* 8. Reload keeps the slide by identity. */
static void test_reload(void)
{
	char path[600];
	snprintf(path, sizeof path, "%s/three.txt", tmpdir);
	const char *three =
		"Deck,Alpha Beta Gamma,Contents,目录页,"
		"Alpha,Deck,Alpha,First A,1.one a2.two a"
		"Beta,Deck,Beta,First B,1.one b2.two b"
		"Gamma,Deck,Gamma,First G,1.one g2.two g";
	const char *two =
		"Deck,Beta Gamma,Contents,目录页,"
		"Beta,Deck,Beta,First B,1.one b2.two b"
		"Gamma,Deck,Gamma,First G,1.one g2.two g";
	write_file(path, three);
	struct vt t;
	if (!start(&t, 80, 24, path)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "8\r", "8/8"), "Gamma's slide");
	CHECK(vt_contains(&t, "First G"), "shows First G");
	write_file(path, two);
	CHECK(vt_go(&t, "r", "6/6"), "reload: Gamma's slide is now 6");
	CHECK(vt_contains(&t, "First G"), "the same slide after Alpha went");
	quit(&t);
}

/* 9. No alternate screen: cleared on exit. */
static void test_no_altscreen(void)
{
	struct vt t;
	if (!start_with(&t, 80, 24, "vt100", deck)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_contains(&t, "Bridges, Loads and Materials"), "vt100: title");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "vt100: q quits");
	vt_pump(&t, 200, 50);
	CHECK(!vt_contains(&t, "Bridges"), "vt100: the slide is cleared on exit");
	vt_close(&t);
}

/* 10. White screen, end of deck, long messages. */
static void test_niceties(void)
{
	struct vt t;
	if (!start(&t, 60, 20, deck)) {
		vt_close(&t);
		return;
	}
	send(&t, "w");
	VTermScreenCell cell;
	vt_cell(&t, 10, 30, &cell);
	CHECK(!VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) || cell.attrs.reverse,
	      "w: a white screen");
	CHECK(vt_go(&t, "x", "1/10"), "any key ends it");
	CHECK(vt_go(&t, "G", "10/10"), "the last slide");
	send(&t, " ");
	CHECK(vt_contains(&t, "End of the slides"), "a click past the end says so");
	send(&t, " ");
	CHECK(vt_contains(&t, "End of the slides") && still_running(&t),
	      "another click stays there");
	vt_send(&t, "\x1bOD");
	CHECK(vt_wait_gone(&t, "End of the slides", 2000) && vt_footer_has(&t, "10/10"),
	      "Left goes back to the last slide");
	/* a message too long for the status line is there in full */
	char path[600];
	snprintf(path, sizeof path, "%s/gone-with-a-rather-long-name-for-a-deck"
		 "-file-that-does-not-fit.txt", tmpdir);
	quit(&t);
	write_file(path, "Deck,A,Contents,目录页,A,Deck,A,T,1.one");
	if (!start(&t, 40, 12, path)) {
		vt_close(&t);
		return;
	}
	unlink(path);
	send(&t, "r");
	char *s = vt_screen(&t);
	struct strbuf flat = STRBUF_INIT;
	for (char *p = s; *p; p++)
		if (*p != '\n')
			sb_putc(&flat, *p);
	CHECK(strstr(flat.data, "still") && strstr(flat.data, "old deck"),
	      "the whole reload message can be read");
	sb_free(&flat);
	free(s);
	quit(&t);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_viewer LECTERN FIXTURES_DIR\n");
		return 2;
	}
	lectern = argv[1];
	snprintf(deck, sizeof deck, "%s/en-rules.txt", argv[2]);
	if (!mkdtemp(tmpdir))
		return 2;
	/* where lectern keeps resume state and rehearsal records: never the
	 * user's own */
	char state[300];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", state, 1);
	test_overlays();
	test_counts_and_back();
	test_search();
	test_continuation();
	test_huge_slide();
	test_sizes();
	test_reload();
	test_no_altscreen();
	test_niceties();
	check_rmtree(tmpdir);
	return check_done();
}
