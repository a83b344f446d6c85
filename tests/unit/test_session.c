/* test_session.c — the state files around a talk, in a state directory of
 * its own (XDG_STATE_HOME): a talk cut off comes back at its slide with
 * its timer and record, a quit starts afresh unless asked, two lecterns on
 * one deck do not take each other's state, broken or unreadable files are
 * warnings, records are found again by the deck's content whatever its
 * name, and files are replaced whole. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "lectern/hash.h"
#include "lectern/loader.h"
#include "lectern/session.h"
#include "lectern/statefile.h"

static char dir[] = "/tmp/lectern-session-XXXXXX";
static const int64_t T0 = 1764496800000; /* a moment, in ms */

static struct deck *named(const char *name, const char *text)
{
	struct deck *d = NULL;
	struct lt_error err;
	if (!deck_load_bytes(name, text, strlen(text), NULL, &d, &err))
		fprintf(stderr, "deck: %s\n", err.what);
	return d;
}

static struct deck *deck_of(const char *text)
{
	return named("t.txt", text);
}

static const char DECK[] =
	"Talk,Alpha Beta,Contents Page,\n"
	"Alpha,Talk,\nAlpha,One,1.a2.b\nAlpha,Two,1.c\n"
	"Beta,Talk,\nBeta,Three,1.d2.e3.f\n";

static const struct session_opts AUTO = { RESUME_AUTO, false, false, false,
					  NULL, "g" };

/* Ends session s as a talk on deck d at slide, quit or cut off, with a
 * record r (or none) at now. */
static void end(struct session *s, const struct deck *d, size_t slide,
		bool quit, struct rehearsal *r, int64_t now)
{
	struct deck_index ix;
	deck_index_build(&ix, d);
	struct session_end e = { slide, quit, now, true, !quit, 61000, 600000, r, d,
				 &ix, 1 };
	struct strbuf summary = STRBUF_INIT;
	session_end(s, &e, &summary);
	if (r)
		CHECK(summary.len && strstr(summary.data, "Rehearsal:"),
		      "a summary for a record");
	sb_free(&summary);
	deck_index_free(&ix);
}

static size_t count_files(const char *sub)
{
	char path[512];
	snprintf(path, sizeof path, "%s/lectern/%s", dir, sub);
	char **names;
	size_t n = statefile_list(path, "", &names);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return n;
}

static void test_resume_after_cut(void)
{
	struct deck *d = deck_of(DECK);
	struct session s;
	session_begin(&s, &AUTO, d, T0);
	CHECK(s.resumed == RESUME_NONE && s.lock_fd >= 0 && !s.warnings.len,
	      "a first start: nothing to resume, the lock ours");
	struct rehearsal *r = rehearsal_new(7, s.key, d->title, 0, 0);
	r->started_ms = T0;
	rehearsal_enter(r, 4, 30000);
	rehearsal_settle(r, 61000);
	end(&s, d, 4, false, r, T0 + 100000);
	session_free(&s);
	rehearsal_free(r);
	CHECK(count_files("resume") == 2, "the state and its lock");
	char key[17], sub[64];
	hash_hex(d->content_hash, key);
	snprintf(sub, sizeof sub, "rehearsals/%s", key);
	CHECK(count_files(sub) == 1, "one record");

	/* an hour later: the talk comes back, timer and record too */
	session_begin(&s, &AUTO, d, T0 + 3600000);
	CHECK(s.resumed == RESUME_TALK && s.was.slide == 4, "resumed at slide 5");
	CHECK(s.was.timer_started && s.was.timer_running && s.was.elapsed_ms == 61000 &&
	      s.was.duration_ms == 600000, "the timer as it was");
	CHECK(s.record && s.record->ms[0] == 30000 && s.record->ms[4] == 31000 &&
	      s.record->visits[4] == 1, "the record as it was");
	CHECK(strstr(s.notice, "resumed at slide 5 with the rehearsal; g goes to "
		     "slide 1"), "the notice: %s", s.notice);
	CHECK(s.previous == NULL, "the record going on is not its own previous");
	/* going on writes the same record file */
	struct rehearsal *again = s.record;
	s.record = NULL;
	rehearsal_enter(again, 5, 70000);
	end(&s, d, 5, true, again, T0 + 3700000);
	session_free(&s);
	rehearsal_free(again);
	CHECK(count_files(sub) == 1, "still one record");

	/* after a quit: from the start, unless asked */
	session_begin(&s, &AUTO, d, T0 + 3800000);
	CHECK(s.resumed == RESUME_NONE && !s.notice[0], "a quit: from the start");
	session_free(&s);
	struct session_opts forced = AUTO;
	forced.forced = true;
	session_begin(&s, &forced, d, T0 + 3800000);
	CHECK(s.resumed == RESUME_PLACE && s.was.slide == 5 && !s.record,
	      "--resume after a quit: the place, no rehearsal");
	session_free(&s);
	struct session_opts always = AUTO;
	always.policy = RESUME_ALWAYS;
	session_begin(&s, &always, d, T0 + 3800000);
	CHECK(s.resumed == RESUME_PLACE, "resume = always");
	session_free(&s);
	/* --start wins */
	struct session_opts start = forced;
	start.start_given = true;
	session_begin(&s, &start, d, T0 + 3800000);
	CHECK(s.resumed == RESUME_NONE, "--start: no resuming");
	session_free(&s);
	/* the same content under another name: the same state and records */
	struct deck *moved = named("elsewhere/renamed.txt", DECK);
	session_begin(&s, &forced, moved, T0 + 3800000);
	CHECK(s.resumed == RESUME_PLACE && s.was.slide == 5, "renamed: still found");
	session_free(&s);
	deck_free(moved);
	/* an edited deck starts a history of its own */
	struct deck *e = deck_of("Talk,Alpha Beta,Contents Page,\nAlpha,Talk,\n"
				 "Alpha,One,1.a2.b\n");
	struct session_opts rehearse = forced;
	rehearse.rehearse = true;
	session_begin(&s, &rehearse, e, T0 + 3800000);
	CHECK(s.resumed == RESUME_NONE && !s.previous, "an edited deck: a new "
	      "history");
	session_free(&s);
	deck_free(e);
	/* a cut-off talk too long ago starts afresh */
	session_begin(&s, &AUTO, d, T0);
	end(&s, d, 3, false, NULL, T0);
	session_free(&s);
	session_begin(&s, &AUTO, d, T0 + RESUME_WINDOW_MS + 1000);
	CHECK(s.resumed == RESUME_NONE, "cut off 4 hours ago: from the start");
	session_free(&s);
	deck_free(d);
}

static void test_two_lecterns(void)
{
	struct deck *d = deck_of(DECK);
	struct session a, b;
	session_begin(&a, &AUTO, d, T0);
	struct session_opts rehearse = AUTO;
	rehearse.rehearse = true;
	session_begin(&b, &rehearse, d, T0);
	CHECK(a.lock_fd >= 0 && b.lock_fd < 0, "the second does not get the lock");
	CHECK(strstr(b.notice, "another lectern has this deck open"), "and says "
	      "so: %s", b.notice);
	/* each rehearses; the second one ends first, cut off */
	struct rehearsal *rb = rehearsal_new(7, b.key, d->title, 0, 0);
	rb->started_ms = T0 + 1000;
	rehearsal_enter(rb, 2, 5000);
	rehearsal_settle(rb, 9000);
	end(&b, d, 2, false, rb, T0 + 20000);
	session_free(&b);
	rehearsal_free(rb);
	/* the first one's state is untouched: nothing to resume yet */
	struct session c;
	session_begin(&c, &AUTO, d, T0 + 30000);
	CHECK(c.lock_fd < 0 && c.resumed == RESUME_NONE,
	      "the second wrote no resume state");
	session_free(&c);
	end(&a, d, 6, false, NULL, T0 + 40000);
	session_free(&a);
	session_begin(&c, &AUTO, d, T0 + 50000);
	CHECK(c.resumed == RESUME_TALK && c.was.slide == 6, "the first one's "
	      "state: slide 7");
	session_free(&c);
	deck_free(d);
}

static void write_text(const char *path, const char *text)
{
	struct lt_error err;
	if (!statefile_write(path, text, strlen(text), &err))
		fprintf(stderr, "%s: %s\n", path, err.what);
}

static void test_broken_state(void)
{
	struct deck *d = deck_of("Other,X,Contents Page,\nX,Other,\nX,S,1.a\n");
	char key[17], path[512];
	hash_hex(d->content_hash, key);
	snprintf(path, sizeof path, "%s/lectern/resume/%s.tsv", dir, key);
	struct lt_error err;
	char rdir[512];
	snprintf(rdir, sizeof rdir, "%s/lectern/resume", dir);
	statefile_mkdirs(rdir, &err);
	write_text(path, "lectern-resume\t1\ndeck\tnonsense\n");
	struct session s;
	session_begin(&s, &AUTO, d, T0);
	CHECK(s.resumed == RESUME_NONE && s.lock_fd >= 0, "a broken state: from "
	      "the start");
	CHECK(s.warnings.data && strstr(s.warnings.data, path) &&
	      strstr(s.warnings.data, ":2: deck:") &&
	      strstr(s.warnings.data, "starting at the beginning"),
	      "a warning with the path and the line: %s", s.warnings.data);
	/* the end writes a good one over it */
	end(&s, d, 1, false, NULL, T0);
	session_free(&s);
	session_begin(&s, &AUTO, d, T0 + 1000);
	CHECK(s.resumed == RESUME_TALK && !s.warnings.len, "replaced by a good one");
	session_free(&s);
	/* another deck's state under this deck's name */
	write_text(path, "lectern-resume\t1\ndeck\tffffffffffffffff\nat\t1\n");
	session_begin(&s, &AUTO, d, T0);
	CHECK(s.resumed == RESUME_NONE && s.warnings.data &&
	      strstr(s.warnings.data, "another deck"), "another deck's state");
	session_free(&s);
	/* not a file at all */
	unlink(path);
	mkdir(path, 0700);
	session_begin(&s, &AUTO, d, T0);
	CHECK(s.resumed == RESUME_NONE && s.warnings.data &&
	      strstr(s.warnings.data, "not a regular file"), "a directory: %s",
	      s.warnings.data ? s.warnings.data : "");
	/* and it cannot be written either: a warning, not a crash */
	end(&s, d, 1, false, NULL, T0);
	CHECK(strstr(s.warnings.data, "cannot write"), "cannot write: %s",
	      s.warnings.data);
	session_free(&s);
	rmdir(path);
	/* a record that is not one, named in the state */
	char rec[512];
	snprintf(rec, sizeof rec, "%s/lectern/rehearsals/%s", dir, key);
	statefile_mkdirs(rec, &err);
	snprintf(rec + strlen(rec), sizeof rec - strlen(rec), "/x-1.tsv");
	write_text(rec, "lectern-rehearsal\t1\nslides\t3\n");
	write_text(path, "lectern-resume\t1\ndeck\t");
	struct strbuf st = STRBUF_INIT;
	sb_printf(&st, "lectern-resume\t1\ndeck\t%s\nslide\t2\nend\tsignal\n"
		  "at\t%lld\ntimer\t1\t0\t5000\nrecord\tx-1.tsv\n", key,
		  (long long)T0);
	write_text(path, st.data);
	sb_free(&st);
	struct session_opts plan = AUTO;
	plan.plan = "last";
	session_begin(&s, &plan, d, T0 + 1000);
	CHECK(s.resumed == RESUME_TALK && s.was.slide == 1 && !s.record &&
	      !s.was.timer_running && s.was.elapsed_ms == 5000,
	      "the place and timer, without the broken record");
	CHECK(strstr(s.warnings.data, "x-1.tsv") &&
	      strstr(s.warnings.data, "no deck line"), "the record's problem: %s",
	      s.warnings.data);
	CHECK(!s.plan && strstr(s.warnings.data, "no earlier rehearsal"),
	      "--plan last with none good: by content");
	session_free(&s);
	deck_free(d);
}

static void test_records(void)
{
	struct deck *d = deck_of("Third,A,Contents Page,\nA,Third,\nA,S,1.a2.b\n");
	struct session_opts rehearse = AUTO;
	rehearse.rehearse = true;
	int64_t ms[3] = { 40000, 65000, 90000 };
	for (int k = 0; k < 3; k++) {
		struct session s;
		session_begin(&s, &rehearse, d, T0 + k * 86400000LL);
		CHECK((k == 0) == (s.previous == NULL), "rehearsal %d: previous", k);
		if (s.previous)
			CHECK(rehearsal_total(s.previous) == ms[k - 1],
			      "the previous is the newest: %lld",
			      (long long)rehearsal_total(s.previous));
		struct rehearsal *r = rehearsal_new(4, s.key, d->title, 0, 0);
		r->started_ms = T0 + k * 86400000LL;
		rehearsal_enter(r, 3, ms[k] / 2);
		rehearsal_settle(r, ms[k]);
		end(&s, d, 3, true, r, r->started_ms + ms[k]);
		session_free(&s);
		rehearsal_free(r);
	}
	/* a rehearsal with no time is not kept */
	struct session s;
	session_begin(&s, &rehearse, d, T0 + 5 * 86400000LL);
	struct rehearsal *r = rehearsal_new(4, s.key, d->title, 0, 0);
	end(&s, d, 0, true, r, T0 + 5 * 86400000LL);
	rehearsal_free(r);
	session_free(&s);
	/* --plan last: the newest */
	struct session_opts plan = AUTO;
	plan.plan = "last";
	session_begin(&s, &plan, d, T0 + 6 * 86400000LL);
	CHECK(s.plan && rehearsal_total(s.plan) == ms[2], "--plan last");
	session_free(&s);
	/* --plan FILE: any record file; a missing one is a warning */
	plan.plan = "/nonexistent/record.tsv";
	session_begin(&s, &plan, d, T0);
	CHECK(!s.plan && strstr(s.warnings.data, "/nonexistent/record.tsv") &&
	      strstr(s.warnings.data, "planning by content"), "a missing plan: %s",
	      s.warnings.data);
	session_free(&s);
	/* the history: three records, oldest first */
	struct strbuf out = STRBUF_INIT, warnings = STRBUF_INIT;
	session_history(d, 3, 1, &out, &warnings);
	CHECK(!warnings.len, "no problems: %s", warnings.data);
	const char *a = strstr(out.data, "0:40"), *b = strstr(out.data, "1:05"),
		   *c = strstr(out.data, "1:30");
	CHECK(out.data && strstr(out.data, "3 recorded") && a && b && c && a < b &&
	      b < c, "history:\n%s", out.data);
	sb_free(&out);
	sb_free(&warnings);
	deck_free(d);
}

static void test_atomic(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/atomic.txt", dir);
	struct lt_error err;
	CHECK(statefile_write(path, "old\n", 4, &err), "write");
	CHECK(statefile_write(path, "new text\n", 9, &err), "replace");
	char *data;
	size_t n;
	CHECK(statefile_read(path, &data, &n, &err) == 1 && n == 9 &&
	      memcmp(data, "new text\n", 9) == 0, "the new text, whole");
	free(data);
	/* the state directory is private; a file keeps its mode */
	struct stat st;
	char sdir[512];
	snprintf(sdir, sizeof sdir, "%s/lectern/resume", dir);
	CHECK(stat(sdir, &st) == 0 && (st.st_mode & 0777) == 0700,
	      "state directory 0700: %o", st.st_mode & 0777);
	chmod(path, 0640);
	CHECK(statefile_write(path, "new text\n", 9, &err) &&
	      stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
	      "mode kept: %o", st.st_mode & 0777);
	/* a FIFO where a state file goes: refused at once, never waited on */
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/fifo.tsv", dir);
	CHECK(mkfifo(fifo, 0600) == 0 && !statefile_write(fifo, "x", 1, &err),
	      "a FIFO is not written through");
	char **names;
	size_t k = statefile_list(dir, "", &names);
	bool temp = false;
	for (size_t i = 0; i < k; i++) {
		temp |= strstr(names[i], "atomic") && strcmp(names[i], "atomic.txt");
		free(names[i]);
	}
	free(names);
	CHECK(!temp, "no temporary file left");
	/* a directory that cannot be written: the old file stays */
	if (geteuid() != 0) {
		chmod(dir, 0500);
		CHECK(!statefile_write(path, "lost", 4, &err), "refused");
		chmod(dir, 0700);
		CHECK(statefile_read(path, &data, &n, &err) == 1 && n == 9,
		      "the old file stays");
		free(data);
	}
	CHECK(statefile_read("/nonexistent/x", &data, &n, &err) == 0, "absent");
	bool busy;
	int fd = statefile_lock("/nonexistent/dir/x.lock", &busy, &err);
	CHECK(fd < 0 && !busy && strstr(err.what, "lock"), "a lock that cannot be "
	      "made: %s", err.what);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	setenv("TZ", "UTC", 1);
	if (!mkdtemp(dir))
		return 2;
	setenv("XDG_STATE_HOME", dir, 1);
	test_resume_after_cut();
	test_two_lecterns();
	test_broken_state();
	test_records();
	test_atomic();
	check_rmtree(dir);
	return check_done();
}
