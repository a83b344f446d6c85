/* test_loading.c — a large deck in a pseudo-terminal: its title page comes
 * from the head of the file while the rest is read on a thread; keys typed
 * meanwhile wait and are then applied, in order; the slides counted and
 * shown once it is in are the full import's; q during the read quits at
 * once with the terminal put back; all this for a Markdown deck too, its
 * title page from the front matter; a deck broken past its head ends the
 * show with the import's error and exit status 2, the terminal put back.
 * The decks are written here, large enough (several MB) that the read
 * takes a while, though nothing below depends on how long.
 * usage: test_loading LECTERN */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/check.h"
#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/layout.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "vt.h"

static const char *lectern;
static char tmpdir[] = "/tmp/lectern-loading-XXXXXX";

/* A deck of nsec sections of three slides, each of two blocks of three
 * points, in the outline format; `tail` is written at its very end. */
static void write_deck(const char *path, int nsec, const char *tail)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL, "open %s", path);
	if (!f)
		return;
	fputs("Large Deck Title,", f);
	for (int s = 0; s < nsec; s++)
		fprintf(f, "%sSection %d", s ? " " : "", s + 1);
	fputs(",Contents Page,目录页,", f);
	for (int s = 0; s < nsec; s++) {
		fprintf(f, "Section %d,Large Deck Title,", s + 1);
		for (int l = 0; l < 3; l++) {
			fprintf(f, "Section %d,", s + 1);
			for (int b = 0; b < 2; b++)
				fprintf(f, "%sBlock %c of slide %d,1.The first point "
					"says something long enough to wrap, and "
					"more.2.The second point says less.3.The "
					"third point ends here.", b ? "" : "",
					'A' + b, l + 1);
		}
	}
	fputs(tail, f);
	fclose(f);
}

/* The deck at from, as a Markdown deck at to (lectern's own export: front
 * matter with the title and contents, then # sections, ## slides). */
static void write_markdown(const char *from, const char *to)
{
	struct deck *d;
	struct lt_error err;
	CHECK(deck_load(from, NULL, &d, &err), "load %s", from);
	if (!d)
		return;
	struct strbuf sb = STRBUF_INIT;
	export_markdown(&sb, d, to, NULL);
	deck_free(d);
	FILE *f = fopen(to, "w");
	CHECK(f && fwrite(sb.data, 1, sb.len, f) == sb.len, "write %s", to);
	if (f)
		fclose(f);
	sb_free(&sb);
}

static size_t slides_of(const char *path)
{
	struct deck *d;
	struct lt_error err;
	if (!deck_load(path, NULL, &d, &err))
		return 0;
	struct deck_index ix;
	deck_index_build(&ix, d);
	size_t n = ix.count;
	deck_index_free(&ix);
	deck_free(d);
	return n;
}

static bool start(struct vt *t, const char *deck)
{
	char *argv[] = { (char *)lectern, (char *)deck, NULL };
	bool ok = vt_spawn(t, 100, 30, "xterm-256color", argv);
	CHECK(ok, "spawn");
	return ok;
}

static void test_title_then_deck(const char *deck)
{
	size_t n = slides_of(deck);
	CHECK(n > 1000, "the deck loads in-process: %zu slides", n);
	struct vt t;
	if (!start(&t, deck))
		return;
	/* two page turns and a jump back one, typed at once */
	vt_send(&t, "  \x7f");
	CHECK(vt_wait_for(&t, "Large Deck Title", 10000), "the title page");
	char want[64];
	snprintf(want, sizeof want, "2/%zu", n);
	CHECK(vt_wait_for(&t, want, 60000),
	      "the keys typed while loading, applied once it is in: %s", want);
	snprintf(want, sizeof want, "5/%zu", n);
	vt_send(&t, "5G");
	CHECK(vt_wait_for(&t, want, 10000), "then 5G: %s", want);
	CHECK(vt_wait_for(&t, "Block A of slide 2", 5000), "slide 5's text");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 10000) == 0, "q: exit 0");
	CHECK(!t.altscreen && t.cursor_visible, "the terminal put back");
	vt_close(&t);
}

static void test_quit_while_loading(const char *deck)
{
	struct vt t;
	if (!start(&t, deck))
		return;
	CHECK(vt_wait_for(&t, "Large Deck Title", 10000), "the title page");
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "q at once: exit 0");
	CHECK(!t.altscreen && t.cursor_visible, "the terminal put back");
	vt_close(&t);
}

static void test_broken_past_head(const char *deck)
{
	struct vt t;
	if (!start(&t, deck))
		return;
	int rc = vt_wait_exit(&t, 60000);
	vt_pump(&t, 200, 100);
	CHECK(rc == 2, "a deck broken past its head: exit 2, not %d", rc);
	CHECK(!t.altscreen && t.cursor_visible, "the terminal put back");
	CHECK(vt_contains(&t, "invalid UTF-8"), "the import's error shown");
	vt_close(&t);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	if (argc < 2) {
		fprintf(stderr, "usage: test_loading LECTERN\n");
		return 2;
	}
	lectern = argv[1];
	if (!mkdtemp(tmpdir))
		return 2;
	char state[300], big[300], broken[300], big_md[300];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", state, 1);
	snprintf(big, sizeof big, "%s/large.txt", tmpdir);
	snprintf(broken, sizeof broken, "%s/broken.txt", tmpdir);
	write_deck(big, 3000, "");
	/* a byte that is neither UTF-8 nor GB18030, at the very end */
	write_deck(broken, 3000, "\xFF");
	test_title_then_deck(big);
	test_quit_while_loading(big);
	/* the same as Markdown: its title page from the front matter */
	snprintf(big_md, sizeof big_md, "%s/large.md", tmpdir);
	write_markdown(big, big_md);
	test_title_then_deck(big_md);
	test_quit_while_loading(big_md);
	test_broken_past_head(broken);
	check_rmtree(tmpdir);
	return check_done();
}
