/* test_timer.c — the talk timer and its arithmetic at set times (no
 * sleeping): start, pause, resume, reset, a clock set back; durations,
 * clock times and M:SS; the plan's windows and the pace against them,
 * by content and by a rehearsal's times. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/loader.h"
#include "lectern/plan.h"
#include "lectern/timer.h"

static void test_timer(void)
{
	struct timer t = { 0 };
	CHECK(timer_elapsed(&t, 5000) == 0, "not started: 0");
	CHECK(timer_next_second(&t, 5000) == -1, "not started: no ticks");
	timer_start(&t, 10000);
	CHECK(timer_elapsed(&t, 12500) == 2500, "runs");
	CHECK(timer_next_second(&t, 12500) == 500, "next second");
	timer_start(&t, 12500);
	CHECK(timer_elapsed(&t, 13000) == 3000, "a second start changes nothing");
	timer_pause(&t, 13000);
	CHECK(timer_elapsed(&t, 99000) == 3000, "paused: holds");
	CHECK(timer_next_second(&t, 99000) == -1, "paused: no ticks");
	timer_toggle(&t, 100000);
	CHECK(t.running && timer_elapsed(&t, 100700) == 3700, "resumed");
	timer_toggle(&t, 100700);
	CHECK(!t.running && timer_elapsed(&t, 200000) == 3700, "paused again");
	timer_resume(&t, 200000);
	/* the wall clock set back: never backwards */
	CHECK(timer_elapsed(&t, 150000) == 3700, "clock set back: %lld",
	      (long long)timer_elapsed(&t, 150000));
	timer_reset(&t);
	CHECK(!t.started && !t.running && timer_elapsed(&t, 300000) == 0, "reset");
	timer_restore(&t, 61000, false, 400000);
	CHECK(t.started && !t.running && timer_elapsed(&t, 500000) == 61000,
	      "restored paused");
	timer_restore(&t, 61000, true, 400000);
	CHECK(timer_elapsed(&t, 401500) == 62500, "restored running");
	/* toggling a timer that never ran starts it */
	struct timer u = { 0 };
	timer_toggle(&u, 7);
	CHECK(u.started && u.running && timer_elapsed(&u, 1007) == 1000, "toggle starts");
}

static void test_durations(void)
{
	static const struct {
		const char *in;
		int64_t ms; /* 0: refused */
	} cases[] = {
		{ "45m", 45 * 60000 }, { "1h30m", 90 * 60000 }, { "90", 90 * 60000 },
		{ "45:00", 45 * 60000 }, { "1:30:00", 90 * 60000 }, { "90s", 90000 },
		{ "1h 5m 10s", 3910000 }, { "2H", 7200000 }, { "0:30", 30000 },
		{ "24h", 86400000 },
		{ "", 0 }, { "0", 0 }, { "0m", 0 }, { "m", 0 }, { "45x", 0 },
		{ "5m1h", 0 }, { "5m5m", 0 }, { "45:60", 0 }, { "1:60:00", 0 },
		{ "45:0", 0 }, { ":30", 0 }, { "1:2:3:4", 0 }, { "25h", 0 },
		{ "-5m", 0 }, { "9999999999", 0 }, { "1.5h", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t ms = -1;
		char err[160] = "";
		bool ok = timer_parse_duration(cases[i].in, &ms, err, sizeof err);
		if (cases[i].ms)
			CHECK(ok && ms == cases[i].ms, "'%s': %lld (%s)", cases[i].in,
			      (long long)ms, err);
		else
			CHECK(!ok && strstr(err, cases[i].in) && ms == -1,
			      "'%s' refused, named: %s", cases[i].in, err);
	}
	int m = -1;
	char err[160];
	CHECK(timer_parse_clock("15:30", &m, err, sizeof err) && m == 930, "15:30");
	CHECK(timer_parse_clock("9:05", &m, err, sizeof err) && m == 545, "9:05");
	CHECK(timer_parse_clock("00:00", &m, err, sizeof err) && m == 0, "00:00");
	static const char *const bad[] = { "24:00", "9:5", "12:60", "123:00",
					   "15", "15:30:00", "", "a:bc" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!timer_parse_clock(bad[i], &m, err, sizeof err), "'%s' refused",
		      bad[i]);
}

static void test_clock_at(void)
{
	/* TZ=UTC (set in main): 36000 s is 10:00 */
	int64_t now = 36000000;
	CHECK(timer_clock_at(now, 15 * 60 + 30) == now + 330 * 60000, "later today");
	CHECK(timer_clock_at(now, 9 * 60 + 58) == now - 2 * 60000, "just passed: today");
	CHECK(timer_clock_at(now, 21 * 60 + 59) == now + (int64_t)(11 * 60 + 59) * 60000,
	      "within 12 hours ahead");
	CHECK(timer_clock_at(now, 22 * 60 + 1) == now - (int64_t)(11 * 60 + 59) * 60000,
	      "more than 12 hours ahead: yesterday's");
	CHECK(timer_clock_at(23 * 3600000LL, 30) == 23 * 3600000LL + 90 * 60000,
	      "past midnight: tomorrow's");
}

static void test_format(void)
{
	static const struct {
		int64_t ms;
		const char *out;
	} cases[] = {
		{ 0, "0:00" }, { 999, "0:00" }, { 1000, "0:01" }, { 59999, "0:59" },
		{ 61000, "1:01" }, { 3599999, "59:59" }, { 3600000, "1:00:00" },
		{ 36061000, "10:01:01" }, { -1, "-0:01" }, { -1000, "-0:01" },
		{ -1001, "-0:02" }, { -3600000, "-1:00:00" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[32];
		timer_format(cases[i].ms, buf, sizeof buf);
		CHECK(strcmp(buf, cases[i].out) == 0, "%lld ms: %s, not %s",
		      (long long)cases[i].ms, buf, cases[i].out);
	}
	/* a countdown (ms + 999) shows 0:00 once, for one second */
	char buf[32];
	CHECK(strcmp(timer_format(1 + 999, buf, sizeof buf), "0:01") == 0, "0:01");
	CHECK(strcmp(timer_format(0 + 999, buf, sizeof buf), "0:00") == 0, "0:00");
	CHECK(strcmp(timer_format(-999 + 999, buf, sizeof buf), "0:00") == 0, "0:00 still");
	CHECK(strcmp(timer_format(-1000 + 999, buf, sizeof buf), "-0:01") == 0, "-0:01");
}

/* A deck of a title, contents, a cover, a one-point slide and a six-point
 * slide, built from outline text. */
static struct deck *small_deck(void)
{
	static const char text[] =
		"Talk,Alpha,Contents Page,\n"
		"Alpha,Talk,\n"
		"Alpha,One,1.Short\n"
		"Alpha,Six,1.aa2.bb3.cc4.dd5.ee6.ff\n";
	struct deck *d = NULL;
	struct lt_error err;
	if (!deck_load_bytes("small.txt", text, sizeof text - 1, NULL, &d, &err))
		fprintf(stderr, "small deck: %s\n", err.what);
	return d;
}

static void test_plan(void)
{
	struct deck *d = small_deck();
	if (!d) {
		CHECK(0, "deck");
		return;
	}
	struct deck_index ix;
	deck_index_build(&ix, d);
	CHECK(ix.count == 5, "5 slides, not %zu", ix.count);
	uint64_t w[5];
	for (size_t i = 0; i < 5; i++)
		w[i] = plan_weight(d, &ix, i);
	CHECK(w[0] == 1000 && w[1] == 1000 && w[2] == 1000, "title, contents and "
	      "cover weigh one unit: %llu %llu %llu", (unsigned long long)w[0],
	      (unsigned long long)w[1], (unsigned long long)w[2]);
	CHECK(w[3] > 3 * w[2], "a slide with a point outweighs a cover several times");
	CHECK(w[4] > w[3] + 4000, "six points outweigh one by five units and more");
	struct plan p;
	plan_by_content(&p, d, &ix, 0);
	uint64_t total = w[0] + w[1] + w[2] + w[3] + w[4];
	int64_t D = 600000; /* 10 minutes */
	/* the windows follow the weights */
	int64_t open4 = (int64_t)((double)(w[0] + w[1] + w[2] + w[3]) / (double)total *
				  (double)D / 1000 + 0.5) * 1000;
	CHECK(plan_pace(&p, D, 4, open4 - 30000) == 30000, "30 s ahead: %lld",
	      (long long)plan_pace(&p, D, 4, open4 - 30000));
	CHECK(plan_pace(&p, D, 4, open4) == 0, "on time as the window opens");
	CHECK(plan_pace(&p, D, 4, D) == 0, "on time at the end on the last slide");
	CHECK(plan_pace(&p, D, 4, D + 5000) == -5000, "5 s behind");
	CHECK(plan_pace(&p, D, 0, 0) == 0, "the first slide at the start");
	CHECK(plan_pace(&p, 0, 4, 1000) == 0, "no duration: no pace");
	plan_free(&p);
	/* the main part ends at slide 3: slides 4 and 5 are due at the end */
	plan_by_content(&p, d, &ix, 3);
	CHECK(plan_pace(&p, D, 3, 100000) == D - 100000, "backup slide: due at the end");
	CHECK(plan_pace(&p, D, 2, D) == 0, "the main part fills the talk");
	plan_free(&p);
	/* by a rehearsal's times */
	int64_t ms[5] = { 10000, 20000, 0, 30000, 40000 };
	CHECK(plan_by_times(&p, ms, 5, 0) && p.by_times, "plan by times");
	CHECK(plan_pace(&p, 100000, 3, 20000) == 10000, "slide 4 opens at 30%%");
	CHECK(plan_pace(&p, 100000, 3, 65000) == -5000, "and closes at 60%%");
	CHECK(plan_pace(&p, 200000, 3, 65000) == 0, "scaled to a longer talk");
	plan_free(&p);
	int64_t none[3] = { 0, 0, 0 };
	CHECK(!plan_by_times(&p, none, 3, 0) && !p.at, "no times: no plan");
	CHECK(!plan_by_times(&p, ms, 5, 0) || (plan_free(&p), true), "again");
	CHECK(plan_by_times(&p, ms, 5, 2), "main part of two");
	CHECK(plan_pace(&p, 30000, 1, 15000) == 0 && plan_pace(&p, 30000, 1, 5000) == 5000,
	      "windows of the main part only");
	plan_free(&p);
	deck_index_free(&ix);
	deck_free(d);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	setenv("TZ", "UTC", 1);
	test_timer();
	test_durations();
	test_clock_at();
	test_format();
	test_plan();
	return check_done();
}
