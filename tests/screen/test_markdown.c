/* test_markdown.c — Markdown decks in the real binary, in a pseudo-terminal
 * read back through libvterm: the tour deck presents with its speaker
 * notes hidden and shows them when the notes key is pressed; a pause
 * holds back the rest of a slide; strong, emphasis and code reach the
 * terminal as attributes; a code block line too wide for a small terminal
 * is cut with a mark, never past the edge; a broken Markdown deck still
 * presents; reload reads a Markdown deck again; the presenter's console
 * shows the notes that its followers never get, and they keep step with
 * its pauses.
 * usage: test_markdown LECTERN TOUR_DECK */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "vt.h"

static const char *lectern, *tour;
static char tmpdir[] = "/tmp/lectern-mdscreen-XXXXXX";

static bool start(struct vt *t, int cols, int rows, const char *deck)
{
	char *argv[] = { (char *)lectern, (char *)deck, NULL };
	bool ok = vt_spawn(t, cols, rows, "xterm-256color", argv);
	CHECK(ok, "spawn");
	ok = ok && vt_wait_loaded(t, VT_START_MS);
	CHECK(ok, "the first screen shows");
	return ok;
}

/* The cell where text first shows on screen; false when it does not. */
static bool find(struct vt *t, const char *text, int *row, int *col)
{
	for (int r = 0; r < t->rows; r++) {
		char *line = vt_row(t, r);
		char *at = strstr(line, text);
		if (at) {
			*row = r;
			*col = text_width(line, (size_t)(at - line), 1);
			free(line);
			return true;
		}
		free(line);
	}
	return false;
}

static VTermScreenCell cell_of(struct vt *t, const char *text, bool *found)
{
	VTermScreenCell c;
	memset(&c, 0, sizeof c);
	int r, col;
	*found = find(t, text, &r, &col);
	if (*found)
		vt_cell(t, r, col, &c);
	return c;
}

/* No row is wider than the terminal: libvterm never puts text past the
 * last column, so a row that reaches it must end in what lectern meant
 * to be there (checked by the caller with a needle). */
static void test_tour(void)
{
	struct vt t;
	if (!start(&t, 80, 24, tour)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_contains(&t, "A tour of lectern"), "the title page");
	CHECK(!vt_contains(&t, "Welcome everyone"), "notes hidden at first");
	vt_send(&t, "v");
	CHECK(vt_wait_for(&t, "Welcome everyone", 2000), "v shows the notes");
	CHECK(vt_contains(&t, "Notes ─"), "under their rule");
	vt_send(&t, "v");
	CHECK(vt_wait_gone(&t, "Welcome everyone", 2000), "v hides them again");

	CHECK(vt_go(&t, "   ", "4/10"), "slide 4 by Space");
	CHECK(vt_wait_for(&t, "Keys · 按键", 2000), "the first block");
	CHECK(!vt_contains(&t, "中文 · Chinese"), "the block after the pause "
	      "waits");
	bool found;
	VTermScreenCell c = cell_of(&t, "PgDn", &found);
	CHECK(found && c.attrs.bold, "**PgDn** is bold");
	c = cell_of(&t, "Enter", &found);
	CHECK(found && !c.attrs.bold && !VTERM_COLOR_IS_DEFAULT_FG(&c.fg),
	      "`Enter` is code, in a colour");
	vt_send(&t, " ");
	CHECK(vt_wait_for(&t, "中文 · Chinese", 2000), "Space reveals the rest");
	CHECK(vt_footer_has(&t, "4/10"), "on the same slide");
	vt_send(&t, "v");
	CHECK(vt_wait_for(&t, "the second block appears", 2000),
	      "the step's notes in the pane");
	CHECK(vt_contains(&t, "Keys · 按键"), "the slide above the pane");

	CHECK(vt_go(&t, "7\r", "7/10"), "slide 7");
	vt_send(&t, "v");
	CHECK(vt_wait_gone(&t, "Notes ─", 2000), "pane closed");
	c = cell_of(&t, "emphasis and", &found);
	CHECK(found && c.attrs.italic, "*emphasis* is italic");

	/* a narrow terminal: the code block's long line is cut with ↩ and
	 * nothing reaches past the edge */
	CHECK(vt_go(&t, "8\r", "8/10"), "slide 8");
	vt_resize(&t, 30, 16);
	CHECK(vt_wait_for(&t, "talk.txt", 2000), "the slide at 30 columns");
	int r, col;
	bool cut = find(&t, "lectern --export", &r, &col);
	CHECK(cut, "the long line");
	if (cut) {
		char *row = vt_row(&t, r), *next = vt_row(&t, r + 1);
		size_t n = strlen(row);
		CHECK(n >= 3 && strcmp(row + n - 3, "↩") == 0,
		      "cut with ↩: %s", row);
		CHECK(text_width(row, n, 1) <= 30, "inside the screen: %s", row);
		CHECK(strstr(next, "talk.txt") != NULL, "goes on below: %s", next);
		free(row);
		free(next);
	}
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "quits");
	vt_close(&t);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A deck full of mistakes still presents what it can. */
static void test_broken(void)
{
	char path[300];
	snprintf(path, sizeof path, "%s/broken.md", tmpdir);
	write_text(path, "---\ntitle: [unclosed\n---\n\n## First slide\n\n"
		   "| a | b |\n|---|---|\n| 1 | 2 |\n\n![pic](x.png)\n\n"
		   "## Second slide\n\n1. point\n\n<!-- speaker_note: never "
		   "closed\n\n## Lost?\n");
	struct vt t;
	if (!start(&t, 80, 24, path)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "G", "6/6"), "the last slide");
	CHECK(vt_wait_for(&t, "Lost?", 2000), "a heading after an unclosed "
	      "comment is still a slide");
	CHECK(vt_go(&t, "k", "5/6"), "back one");
	CHECK(vt_wait_for(&t, "Second slide", 2000), "presents after the "
	      "mistakes");
	CHECK(vt_contains(&t, "never closed"), "an unclosed comment's line is "
	      "shown as text");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "quits");
	vt_close(&t);
}

static void test_reload(void)
{
	char path[300];
	snprintf(path, sizeof path, "%s/talk.md", tmpdir);
	write_text(path, "---\ntitle: \"Talk\"\n---\n\n## One\n\n- first\n\n"
		   "---\n\n## Two\n\n- second\n");
	struct vt t;
	if (!start(&t, 80, 24, path)) {
		vt_close(&t);
		return;
	}
	CHECK(vt_go(&t, "G", "4/4"), "the last slide");
	write_text(path, "---\ntitle: \"Talk\"\n---\n\n## One\n\n- first\n\n"
		   "---\n\n## Two, corrected\n\n- second\n");
	vt_send(&t, "r");
	CHECK(vt_wait_for(&t, "Two, corrected", 2000), "reload shows the edit");
	CHECK(vt_footer_has(&t, "4/4"), "in the same place");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "quits");
	vt_close(&t);
}

/* The presenter's console shows a slide's notes; a follower gets the
 * deck without them and keeps step with the presenter's pauses. */
static void test_present(void)
{
	char sock[300];
	snprintf(sock, sizeof sock, "%s/talk.sock", tmpdir);
	char *pargv[] = { (char *)lectern, (char *)"--present", (char *)"--socket", sock,
			  (char *)tour, NULL };
	char *fargv[] = { (char *)lectern, (char *)"--follow", sock, NULL };
	struct vt p, f;
	bool ok = vt_spawn(&p, 120, 30, "xterm-256color", pargv);
	CHECK(ok, "spawn the presenter");
	if (!ok)
		return;
	CHECK(vt_wait_for(&p, "Welcome everyone", 3000), "the console shows "
	      "the title page's notes");
	ok = vt_spawn(&f, 80, 24, "xterm-256color", fargv);
	CHECK(ok, "spawn a follower");
	if (ok) {
		CHECK(vt_wait_for(&f, "A tour of lectern", 3000), "the follower "
		      "shows the deck");
		CHECK(!vt_contains(&f, "Welcome everyone"), "without its notes");
		vt_send(&p, "   ");
		CHECK(vt_wait_for(&f, "Keys · 按键", 3000), "the follower follows");
		CHECK(vt_wait_for(&p, "Keys · 按键", 3000), "the presenter");
		vt_pump(&f, 200, 100);
		CHECK(!vt_contains(&f, "中文 · Chinese"), "the follower waits at "
		      "the pause too");
		vt_send(&p, " ");
		CHECK(vt_wait_for(&f, "中文 · Chinese", 3000), "and goes on with "
		      "the presenter's next step");
		CHECK(vt_wait_for(&p, "Pause here", 3000), "the "
		      "console shows the step's notes");
		CHECK(!vt_contains(&f, "Pause here"), "the "
		      "follower does not");
		vt_send(&f, "q");
		vt_wait_exit(&f, 3000);
		vt_close(&f);
	}
	vt_send(&p, "q");
	CHECK(vt_wait_exit(&p, 3000) == 0, "the presenter quits");
	vt_close(&p);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_markdown LECTERN TOUR_DECK\n");
		return 2;
	}
	lectern = argv[1];
	tour = argv[2];
	if (!mkdtemp(tmpdir))
		return 2;
	test_tour();
	test_broken();
	test_reload();
	test_present();
	check_rmtree(tmpdir);
	return check_done();
}
