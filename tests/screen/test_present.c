/* test_present.c — a presenter console and two followers in three
 * pseudo-terminals, each read back through libvterm: page turns, reveal
 * and the black screen reach the followers; a late joiner shows the
 * current slide at once; followers wait through a presenter restart and
 * come back by themselves; a second presenter on the socket is refused; a
 * follower that stops reading (SIGSTOP) stalls neither the presenter nor
 * the other follower.
 * usage: test_present LECTERN FIXTURES_DIR */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/check.h"
#include "vt.h"

static const char *lectern;
static char deck[512], config[600];
static char tmpdir[] = "/tmp/lectern-present-XXXXXX";

static bool spawn(struct vt *t, int cols, int rows, char **argv,
		  const char *wait_for)
{
	bool ok = vt_spawn(t, cols, rows, "xterm-256color", argv);
	CHECK(ok, "spawn %s", argv[1]);
	return ok && (!wait_for || vt_wait_for(t, wait_for, 4000));
}

static bool presenter(struct vt *t)
{
	char *argv[] = { (char *)lectern, (char *)"--config", config, (char *)"--present", deck,
			 NULL };
	return spawn(t, 120, 40, argv, "follower");
}

static bool follower(struct vt *t, int cols, int rows)
{
	char *argv[] = { (char *)lectern, (char *)"--config", config, (char *)"--follow", NULL };
	return spawn(t, cols, rows, argv, NULL);
}

/* Waits until the follower's footer shows s. */
static bool shows(struct vt *t, const char *s, int ms)
{
	for (int waited = 0; waited < ms; waited += 20) {
		vt_pump(t, 20, 10);
		if (vt_footer_has(t, s) || vt_contains(t, s))
			return true;
	}
	char *f = vt_screen(t);
	fprintf(stderr, "  waiting for '%s' on:\n%s", s, f);
	free(f);
	return false;
}

static void keys(struct vt *p, const char *k)
{
	vt_send(p, k);
	vt_pump_reply(p, 2000, 150, 40);
}

static bool blank(struct vt *t)
{
	vt_pump(t, 300, 50);
	char *s = vt_screen(t);
	bool empty = true;
	for (char *c = s; *c; c++)
		empty &= *c == ' ' || *c == '\n';
	free(s);
	return empty;
}

static void test_followers(void)
{
	struct vt p, a, b;
	if (!presenter(&p)) {
		vt_close(&p);
		return;
	}
	CHECK(follower(&a, 80, 24) && shows(&a, "1/10", 3000),
	      "a follower shows the title page");
	CHECK(shows(&p, "1 follower", 2000), "the console counts it");
	/* page turns */
	keys(&p, "4\r");
	CHECK(shows(&a, "4/10", 2000), "a page turn reaches the follower");
	CHECK(vt_contains(&a, "Load Paths"), "the follower lays the slide out");
	/* a late joiner, at another size, shows the current slide at once */
	CHECK(follower(&b, 60, 20) && shows(&b, "4/10", 3000),
	      "a late joiner shows the current slide");
	/* reveal: the config reveals points one at a time */
	keys(&p, " ");
	CHECK(shows(&a, "5/10", 2000), "next slide");
	CHECK(!vt_contains(&a, "Beam bridges"), "no point revealed yet");
	keys(&p, " ");
	CHECK(shows(&a, "Beam bridges", 2000), "the first point is revealed");
	CHECK(!vt_contains(&a, "Truss bridges"), "...and only the first");
	/* black screen on followers, and back */
	keys(&p, "b");
	CHECK(blank(&a) && blank(&b), "the black screen reaches both");
	keys(&p, "x");
	CHECK(shows(&a, "5/10", 2000) && shows(&b, "5/10", 2000),
	      "the slide comes back");
	/* a follower's own keys never move the presenter */
	keys(&a, "G");
	CHECK(shows(&p, "5/10", 1000) && !vt_footer_has(&a, "10/10"),
	      "a follower's keys do not move anything");
	/* a second presenter is refused */
	struct vt q;
	char *argv[] = { (char *)lectern, (char *)"--config", config, (char *)"--present", deck,
			 NULL };
	vt_spawn(&q, 200, 24, "xterm-256color", argv);
	CHECK(vt_wait_exit(&q, 3000) == 3, "a second presenter exits 3");
	vt_pump(&q, 200, 50);
	char *said = vt_screen(&q);
	CHECK(strstr(said, "another presenter"), "...saying why: %s", said);
	free(said);
	vt_close(&q);
	/* a follower that stops reading stalls nothing */
	kill(a.pid, SIGSTOP);
	for (int i = 0; i < 30; i++)
		keys(&p, i % 2 ? "k" : "j");
	keys(&p, "7\r");
	CHECK(shows(&p, "7/10", 1000), "the presenter goes on");
	CHECK(shows(&b, "7/10", 2000), "the other follower follows");
	kill(a.pid, SIGCONT);
	CHECK(shows(&a, "7/10", 3000), "the stopped follower catches up");
	/* the presenter goes away and comes back: followers wait and return */
	vt_send(&p, "q");
	CHECK(vt_wait_exit(&p, 3000) == 0, "the presenter quits");
	vt_close(&p);
	CHECK(shows(&a, "Waiting for the presenter", 3000), "followers wait");
	CHECK(presenter(&p) || shows(&p, "1 follower", 4000), "a new presenter");
	keys(&p, "3\r");
	CHECK(shows(&a, "3/10", 5000) && shows(&b, "3/10", 5000),
	      "both come back by themselves");
	vt_send(&a, "q");
	CHECK(vt_wait_exit(&a, 3000) == 0, "q quits a follower");
	vt_send(&b, "\x03");
	CHECK(vt_wait_exit(&b, 3000) == 0, "Ctrl-C quits a follower");
	vt_send(&p, "q");
	vt_wait_exit(&p, 3000);
	vt_close(&a);
	vt_close(&b);
	vt_close(&p);
}

/* Speaker notes are on the console and never on a follower: the deck
 * travels without them. */
static void test_notes(const char *tour)
{
	struct vt p, a;
	char *pargv[] = { (char *)lectern, (char *)"--config", config,
			  (char *)"--present", (char *)tour, NULL };
	if (!spawn(&p, 120, 40, pargv, "follower")) {
		vt_close(&p);
		return;
	}
	CHECK(vt_contains(&p, "Welcome everyone"), "the console shows the notes");
	CHECK(follower(&a, 120, 40) && shows(&a, "1/", 3000), "a follower");
	CHECK(!vt_contains(&a, "Welcome everyone") && !vt_contains(&a, "Notes"),
	      "the follower shows no notes");
	keys(&p, "3\r");
	CHECK(shows(&p, "Press v to hide", 2000), "the cover's notes");
	CHECK(shows(&a, "3/", 2000) && !vt_contains(&a, "Press v to hide"),
	      "...never on the follower");
	keys(&p, "v");
	CHECK(!vt_contains(&a, "Press v to hide"), "not even with v");
	vt_send(&a, "q");
	vt_wait_exit(&a, 3000);
	vt_send(&p, "q");
	vt_wait_exit(&p, 3000);
	vt_close(&a);
	vt_close(&p);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_present LECTERN FIXTURES_DIR\n");
		return 2;
	}
	lectern = argv[1];
	snprintf(deck, sizeof deck, "%s/en-rules.txt", argv[2]);
	if (!mkdtemp(tmpdir))
		return 2;
	/* a runtime directory of the test's own, and a config that reveals
	 * points one at a time */
	char rt[300];
	snprintf(rt, sizeof rt, "%s/run", tmpdir);
	mkdir(rt, 0700);
	setenv("XDG_RUNTIME_DIR", rt, 1);
	snprintf(config, sizeof config, "%s/config.ini", tmpdir);
	FILE *f = fopen(config, "w");
	if (f) {
		fputs("[present]\nreveal = points\n", f);
		fclose(f);
	}
	test_followers();
	char tour[600];
	snprintf(tour, sizeof tour, "%s/../../decks/tour.md", argv[2]);
	test_notes(tour);
	check_rmtree(tmpdir);
	return check_done();
}
