/* test_talk.c — timing, rehearsing and resuming with the real binary in a
 * pseudo-terminal, read back through libvterm: the countdown in the status
 * line; a talk cut off by SIGHUP (a dropped SSH connection) reopens at its
 * slide with a notice and its rehearsal going on, and a quit starts at
 * slide 1 again; the rehearsal's summary after the quit; --rehearsals.
 * Its state lives in a directory of its own (XDG_STATE_HOME).
 * usage: test_talk LECTERN DEMO_DECK */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/strbuf.h"
#include "vt.h"

static const char *lectern, *demo;
static char tmpdir[] = "/tmp/lectern-talk-XXXXXX";

/* Starts lectern ARGS DECK under a shell that records its pid and, when
 * it ends, its status and "DONE"; true once the screen shows shown. */
static bool start_showing(struct vt *t, const char *args, const char *shown)
{
	char script[2048];
	snprintf(script, sizeof script,
		 "%s %s %s & echo $! > %s/pid; wait $!; echo \"RC=$?\"; "
		 "echo DONE; sleep 10", lectern, args, demo, tmpdir);
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", script, NULL };
	bool ok = vt_spawn(t, 100, 30, "xterm-256color", argv);
	CHECK(ok, "spawn");
	ok = ok && vt_wait_for(t, shown, VT_START_MS);
	CHECK(ok, "lectern %s: '%s' shown", args, shown);
	return ok;
}

/* The same, once the footer shows the slide number. */
static bool start(struct vt *t, const char *args)
{
	return start_showing(t, args, "/24");
}

static int pid_of_lectern(void)
{
	char path[300];
	snprintf(path, sizeof path, "%s/pid", tmpdir);
	FILE *f = fopen(path, "r");
	int pid = 0;
	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid;
}

static void test_resume(void)
{
	struct vt t;
	/* a rehearsal with a countdown, cut off at slide 7 */
	if (!start(&t, "--rehearse --duration 45m")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_footer_has(&t, "45:00"), "the countdown before the first turn");
	CHECK(vt_go(&t, "7\r", "7/24"), "go to slide 7");
	CHECK(vt_wait_for(&t, "44:59", 3000), "the countdown runs");
	int pid = pid_of_lectern();
	CHECK(pid > 0, "pid");
	if (pid > 0)
		kill(pid, SIGHUP);
	CHECK(vt_wait_for(&t, "DONE", 3000), "ended by SIGHUP");
	CHECK(vt_contains(&t, "RC=129"), "128 + SIGHUP");
	vt_close(&t);
	/* written from the main loop after the signal */
	char path[400];
	snprintf(path, sizeof path, "%s/state/lectern/resume", tmpdir);
	struct stat st;
	CHECK(stat(path, &st) == 0, "the resume state is there");

	/* started again: at slide 7, said so, the rehearsal and timer going on */
	if (!start(&t, "")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_footer_has(&t, "7/24"), "reopened at slide 7");
	CHECK(vt_contains(&t, "resumed at slide 7 with the rehearsal; g goes to "
			  "slide 1"), "the notice names the key");
	char *f = vt_row(&t, t.rows - 1);
	CHECK(strstr(f, "44:5"), "the countdown goes on from where it was: %s", f);
	free(f);
	CHECK(vt_go(&t, " ", "8/24"), "a page turn");
	vt_send(&t, "q");
	CHECK(vt_wait_for(&t, "DONE", 3000), "quit");
	CHECK(vt_contains(&t, "RC=0"), "exit 0");
	CHECK(vt_contains(&t, "Rehearsal: 0:0") && vt_contains(&t, "against 45:00 "
	      "planned"), "the summary after the quit");
	CHECK(vt_contains(&t, "Recorded in"), "where the record is");
	vt_close(&t);

	/* after a quit: slide 1, no notice */
	if (!start(&t, "")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_footer_has(&t, "1/24"), "after a quit: slide 1");
	CHECK(!vt_contains(&t, "resumed"), "no notice");
	CHECK(vt_go(&t, "5\r", "5/24"), "go to slide 5");
	vt_send(&t, "q");
	CHECK(vt_wait_for(&t, "DONE", 3000), "quit");
	vt_close(&t);
	/* --resume: where it was left, even after a quit */
	if (!start(&t, "--resume")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_footer_has(&t, "5/24"), "--resume: slide 5");
	CHECK(vt_go(&t, "g", "1/24"), "g: slide 1");
	vt_send(&t, "q");
	vt_wait_for(&t, "DONE", 3000);
	vt_close(&t);
	/* --start N */
	if (!start(&t, "--start 12")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_footer_has(&t, "12/24"), "--start 12");
	vt_send(&t, "q");
	vt_wait_for(&t, "DONE", 3000);
	vt_close(&t);
}

/* A corrupt state file: a warning, never a stop. */
static void test_corrupt(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "for f in %s/state/lectern/resume/*.tsv; do "
		 "printf 'lectern-resume\\t1\\ndeck\\tzz\\n' > \"$f\"; done", tmpdir);
	CHECK(system(cmd) == 0, "state spoiled");
	struct vt t;
	/* the warning takes the status line until a key */
	if (!start_showing(&t, "", "starting at the beginning")) {
		vt_close(&t);
		return;
	}
	CHECK(vt_contains(&t, ".tsv:2: deck:"), "a warning with the line");
	CHECK(vt_go(&t, " ", "2/24"), "it started at slide 1");
	vt_send(&t, "q");
	CHECK(vt_wait_for(&t, "DONE", 3000), "quit");
	CHECK(vt_contains(&t, "RC=0"), "exit 0");
	CHECK(vt_contains(&t, "starting at the beginning"), "the warning again "
	      "after the screen is restored");
	vt_close(&t);
}

static void test_history(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "XDG_STATE_HOME=%s/state %s --rehearsals %s > "
		 "%s/history", tmpdir, lectern, demo, tmpdir);
	CHECK(system(cmd) == 0, "--rehearsals exits 0");
	char path[400];
	snprintf(path, sizeof path, "%s/history", tmpdir);
	FILE *f = fopen(path, "r");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_put(&sb, buf, n);
	if (f)
		fclose(f);
	CHECK(sb.data && strstr(sb.data, "1 recorded"), "one rehearsal:\n%s",
	      sb.data ? sb.data : "");
	CHECK(sb.data && strstr(sb.data, "█"), "a bar");
	sb_free(&sb);
	/* a record that is not one beside it: a warning with its line, exit 1,
	 * and the good one still shown */
	snprintf(cmd, sizeof cmd, "printf 'lectern-rehearsal\t1\nslides\tx\n' > "
		 "\"$(ls -d %s/state/lectern/rehearsals/*)/bad.tsv\"; "
		 "XDG_STATE_HOME=%s/state %s --rehearsals %s > %s/history "
		 "2> %s/errors", tmpdir, tmpdir, lectern, demo, tmpdir, tmpdir);
	int st = system(cmd);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1, "a broken record: exit 1 (%d)",
	      st);
	snprintf(path, sizeof path, "%s/errors", tmpdir);
	f = fopen(path, "r");
	char line[600] = "";
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
	CHECK(strstr(line, "bad.tsv:2: slides: 'x' is not a slide count"),
	      "the warning names the file and line: %s", line);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_talk LECTERN DECK\n");
		return 2;
	}
	lectern = argv[1];
	demo = argv[2];
	if (!mkdtemp(tmpdir))
		return 2;
	char state[300];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", state, 1);
	test_resume();
	test_history();
	test_corrupt();
	check_rmtree(tmpdir);
	return check_done();
}
