/* test_head.c — the title page before the deck (deck_load_head) and
 * the deck read on a thread (loading.h). The head's title must be the full
 * import's on every deck of the corpus and the fixtures, and on decks
 * made here to sit on the head's edges: a title whose cover lies beyond
 * the first reads, a title with ", " inside, one that never comes back as
 * a cover (the import then takes the first box, which no head can know),
 * a head that is not UTF-8. The thread's deck must be deck_load's.
 * usage: test_head DIR... (decks: *.txt and *.md in each) */
#include <dirent.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/frontmatter.h"
#include "lectern/loader.h"
#include "lectern/loading.h"
#include "lectern/strbuf.h"

static char tmpdir[] = "/tmp/lectern-head-XXXXXX";
static int heads_known;

/* The head's title, when it gives one, against the full import's. */
static void same_title(const char *path)
{
	struct deck *full, *head = deck_load_head(path, NULL, NULL);
	struct lt_error err;
	if (!deck_load(path, NULL, &full, &err)) {
		/* a broken deck (bad-empty.txt): only its import can say so */
		deck_free(head);
		return;
	}
	if (head) {
		heads_known++;
		CHECK(strcmp(head->title, full->title) == 0,
		      "%s: head title \"%s\", the import's \"%s\"", path,
		      head->title, full->title);
		CHECK(head->nsections == 0 && head->ntoc == 0,
		      "%s: the head holds only the title", path);
	}
	deck_free(head);
	deck_free(full);
}

static void each_deck(const char *dir)
{
	DIR *d = opendir(dir);
	CHECK(d != NULL, "open %s", dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if ((n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) ||
		    (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)) {
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			same_title(path);
		}
	}
	closedir(d);
}

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	CHECK(f && fwrite(s, 1, n, f) == n, "write %s", path);
	if (f)
		fclose(f);
}

/* A deck whose contents box holds nsec titles of some width, so that the
 * first cover comes after about nsec * 20 bytes; title as given. */
static char *made_deck(const char *title, size_t nsec, const char *tail,
		       size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s,", title);
	for (size_t s = 0; s < nsec; s++)
		sb_printf(&sb, "%sSection number %zu", s ? " " : "", s + 1);
	sb_puts(&sb, ",Contents Page,目录页,");
	for (size_t s = 0; s < nsec; s++)
		sb_printf(&sb, "Section number %zu,%s,Section number %zu,Block,"
			  "1.A point.2.Another point.", s + 1, title, s + 1);
	sb_puts(&sb, tail);
	*len = sb.len;
	return sb_take(&sb);
}

static void test_made(void)
{
	static const struct {
		const char *title;
		size_t nsec;
		const char *tail;
		bool known; /* must the head tell the title? */
	} cases[] = {
		{ "Small", 3, "", true },
		/* the first cover past 64 KiB, then past 1 MiB */
		{ "Far Cover", 5000, "", true },
		{ "Farther Cover", 60000, "", true },
		/* ", " inside the title: one box ("Bridges, Loads") */
		{ "Bridges, Loads and Materials", 4000, "", true },
		/* broken past the head: the head cannot know */
		{ "Broken Tail", 5000, "\xFF\xFE", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n;
		char *s = made_deck(cases[i].title, cases[i].nsec, cases[i].tail, &n);
		char path[400];
		snprintf(path, sizeof path, "%s/made-%zu.txt", tmpdir, i);
		write_file(path, s, n);
		free(s);
		struct deck *head = deck_load_head(path, NULL, NULL);
		CHECK(!cases[i].known || head, "case %zu: the head tells", i);
		if (head)
			CHECK(strcmp(head->title, cases[i].title) == 0,
			      "case %zu: \"%s\"", i, head->title);
		deck_free(head);
		same_title(path);
	}
	/* the deck title never comes back as a cover: the import takes
	 * the first box, which only the whole text can tell */
	const char *never = "Deck,A B,Contents Page,目录页,A,Other,A,T,1.x";
	char path[400];
	snprintf(path, sizeof path, "%s/never.txt", tmpdir);
	write_file(path, never, strlen(never));
	struct deck *head = deck_load_head(path, NULL, NULL);
	CHECK(head == NULL, "no cover: no title from the head");
	deck_free(head);
	/* not UTF-8 (GB18030): the head does not guess */
	const char gb[] = "\xB1\xEA\xCC\xE2,A,Contents Page,A,\xB1\xEA\xCC\xE2,A,T,1.x";
	snprintf(path, sizeof path, "%s/gb.txt", tmpdir);
	write_file(path, gb, sizeof gb - 1);
	head = deck_load_head(path, NULL, NULL);
	CHECK(head == NULL, "GB18030: no title from the head");
	deck_free(head);
	CHECK(deck_load_head("-", NULL, NULL) == NULL, "stdin: none");
}

/* Markdown: the title is the front matter's, told by the head once the
 * block is closed within it (or there is none), and never guessed while
 * the rest could change it. */
static void test_made_md(void)
{
	/* blocks that close just before FRONTMATTER_HEAD_MAX and past it:
	 * the first is read, the second too long to read for a first screen
	 * (the import still gives its title: same_title) */
	struct strbuf big = STRBUF_INIT, bigger = STRBUF_INIT;
	sb_puts(&big, "---\ntitle: Far Closer\ncontents:\n");
	while (big.len + 100 < FRONTMATTER_HEAD_MAX)
		sb_printf(&big, "  - \"Section number %zu\"\n", big.len);
	sb_puts(&bigger, big.data);
	while (bigger.len < FRONTMATTER_HEAD_MAX + 100)
		sb_printf(&bigger, "  - \"Section number %zu\"\n", bigger.len);
	sb_puts(&big, "---\n\n# Section number 0\n\n## A slide\n\n- x\n");
	sb_puts(&bigger, "---\n\n# Section number 0\n\n## A slide\n\n- x\n");
	static const struct {
		const char *text;
		bool known;
		const char *title;
	} cases[] = {
		{ "---\ntitle: Plain\n---\n\n## S\n\n- x\n", true, "Plain" },
		{ "---\r\ntitle: \"Crlf\"\r\n...\r\n## S\r\n", true, "Crlf" },
		{ "\xEF\xBB\xBF---\ntitle: Bom\n---\n- x\n", true, "Bom" },
		/* none: no title, as the import gives */
		{ "## S\n\n- x\n", true, "" },
		/* a rule, then a blank line: no front matter */
		{ "---\n\ntitle: Not\n", true, "" },
		/* closed, but not a mapping: read as Markdown */
		{ "---\n- a\n- b\n---\n## S\n", true, "" },
		/* never closed: the whole file says so, not a head */
		{ "---\ntitle: Open\n## S\n", false, "" },
		{ NULL, true, "Far Closer" },
		{ NULL, false, "" },
	};
	size_t ncases = sizeof cases / sizeof *cases;
	for (size_t i = 0; i < ncases; i++) {
		const struct strbuf *made = i + 1 < ncases ? &big : &bigger;
		const char *t = cases[i].text ? cases[i].text : made->data;
		size_t n = cases[i].text ? strlen(t) : made->len;
		char path[400];
		snprintf(path, sizeof path, "%s/made-md-%zu.md", tmpdir, i);
		write_file(path, t, n);
		struct deck *head = deck_load_head(path, NULL, NULL);
		CHECK(cases[i].known == (head != NULL), "md case %zu: the head "
		      "%s", i, head ? "told" : "did not tell");
		if (head)
			CHECK(strcmp(head->title, cases[i].title) == 0,
			      "md case %zu: \"%s\"", i, head->title);
		deck_free(head);
		same_title(path);
	}
	sb_free(&big);
	sb_free(&bigger);
}

/* The thread's deck is deck_load's, exported alike. */
static void test_thread(const char *path)
{
	struct lt_error err;
	struct loading *l = loading_start(path, NULL, NULL, &err);
	CHECK(l != NULL, "a thread");
	if (!l)
		return;
	struct pollfd p = { .fd = loading_fd(l), .events = POLLIN };
	CHECK(poll(&p, 1, 60000) == 1, "the descriptor says when it is done");
	CHECK(loading_done(l), "done");
	struct deck *a = NULL, *b = NULL;
	CHECK(loading_finish(l, &a, &err), "loaded on the thread");
	CHECK(deck_load(path, NULL, &b, &err), "loaded here");
	if (a && b) {
		struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
		export_json(&x, a);
		export_json(&y, b);
		CHECK(x.len == y.len && memcmp(x.data, y.data, x.len) == 0,
		      "the same deck");
		sb_free(&x);
		sb_free(&y);
	}
	deck_free(a);
	deck_free(b);
	/* a failure comes back as deck_load's error */
	char missing[400];
	snprintf(missing, sizeof missing, "%s/missing.txt", tmpdir);
	l = loading_start(missing, NULL, NULL, &err);
	struct deck *none = NULL;
	CHECK(l && !loading_finish(l, &none, &err) && none == NULL &&
	      strstr(err.what, "cannot open"), "the error: %s", err.what);
	/* abandoned while it reads, and abandoned after: no leak, no crash
	 * (the sanitizer and valgrind runs check) */
	l = loading_start(path, NULL, NULL, &err);
	loading_abandon(l);
	l = loading_start(path, NULL, NULL, &err);
	if (l) {
		poll(&(struct pollfd){ .fd = loading_fd(l), .events = POLLIN }, 1, 60000);
		loading_abandon(l);
	}
	usleep(200 * 1000); /* the first thread: let it finish and free */
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	if (!mkdtemp(tmpdir))
		return 2;
	for (int i = 1; i < argc; i++)
		each_deck(argv[i]);
	CHECK(heads_known > 10, "the head told the title of %d decks", heads_known);
	test_made();
	test_made_md();
	char path[400];
	snprintf(path, sizeof path, "%s/made-1.txt", tmpdir);
	test_thread(path);
	check_rmtree(tmpdir);
	return check_done();
}
