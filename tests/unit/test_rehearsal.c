/* test_rehearsal.c — the rehearsal record and the resume state: time by
 * visits, the TSV files written and read back, every kind of broken file
 * refused with the line it is on, the summary and the history chart, and
 * the rule for resuming. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/rehearsal.h"
#include "lectern/resume.h"
#include "lectern/text.h"

static const char KEY[] = "0123456789abcdef";

static void test_record(void)
{
	struct rehearsal *r = rehearsal_new(4, KEY, "Deck", 0, 0);
	CHECK(r->visits[0] == 1 && r->ms[0] == 0, "the first slide is visited");
	rehearsal_enter(r, 1, 1000);  /* 1 s on slide 1 */
	rehearsal_enter(r, 2, 3500);  /* 2.5 s on slide 2 */
	rehearsal_enter(r, 1, 4000);  /* 0.5 s on slide 3 */
	rehearsal_enter(r, 1, 4200);  /* the same slide: no new visit */
	rehearsal_settle(r, 5000);    /* 1 s more on slide 2 */
	CHECK(r->ms[0] == 1000 && r->ms[1] == 3500 && r->ms[2] == 500, "times "
	      "%lld %lld %lld", (long long)r->ms[0], (long long)r->ms[1],
	      (long long)r->ms[2]);
	CHECK(r->visits[0] == 1 && r->visits[1] == 2 && r->visits[2] == 1 &&
	      r->visits[3] == 0, "visits");
	CHECK(rehearsal_total(r) == 5000, "total");
	rehearsal_settle(r, 5000);
	CHECK(r->ms[1] == 3500, "settling twice adds nothing");
	rehearsal_enter(r, 9, 6000);
	CHECK(r->ms[1] == 4500 && r->cur == 1, "a slide past the end is refused");
	rehearsal_resize(r, 6);
	CHECK(r->n == 6 && r->ms[5] == 0 && r->visits[5] == 0, "grown");
	rehearsal_resize(r, 1);
	CHECK(r->n == 1 && r->cur == 0, "shrunk, current slide kept inside");
	rehearsal_clear(r, 7000);
	CHECK(rehearsal_total(r) == 0 && r->visits[0] == 1 && r->cur_from == 7000,
	      "cleared");
	rehearsal_free(r);
}

static struct rehearsal *sample(void)
{
	struct rehearsal *r = rehearsal_new(3, KEY, "Bridges\tand Loads", 0, 0);
	r->started_ms = 1764496800000;
	r->ended_ms = 1764499500000;
	r->planned_ms = 2700000;
	r->complete = true;
	r->ms[0] = 15000;
	r->ms[1] = 120500;
	r->ms[2] = 61000;
	r->visits[1] = 2;
	r->visits[2] = 1;
	return r;
}

static bool parse(const char *text, struct rehearsal **out, int *line,
		  char *err, size_t errlen)
{
	return rehearsal_parse(text, strlen(text), out, line, err, errlen);
}

static void test_file(void)
{
	struct rehearsal *r = sample();
	char *labels[] = { (char *)"Title page", (char *)"Loads", (char *)"Piers" };
	struct strbuf sb = STRBUF_INIT;
	rehearsal_write(&sb, r, labels);
	CHECK(strstr(sb.data, "slide\t2\t120500\t2\tLoads\n"), "a slide line:\n%s",
	      sb.data);
	struct rehearsal *back;
	int line;
	char err[256] = "";
	CHECK(parse(sb.data, &back, &line, err, sizeof err), "read back: %d: %s",
	      line, err);
	if (back) {
		CHECK(strcmp(back->key, KEY) == 0, "key");
		/* a tab would split the field: it is written as a space */
		CHECK(strcmp(back->title, "Bridges and Loads") == 0, "title '%s'",
		      back->title);
		CHECK(back->n == 3 && back->started_ms == r->started_ms &&
		      back->ended_ms == r->ended_ms &&
		      back->planned_ms == r->planned_ms && back->complete, "header");
		for (size_t i = 0; i < 3; i++)
			CHECK(back->ms[i] == r->ms[i] && back->visits[i] == r->visits[i],
			      "slide %zu", i + 1);
		rehearsal_free(back);
	}
	/* a later version's keys are skipped; CRLF line ends are read */
	struct strbuf extra = STRBUF_INIT;
	sb_puts(&extra, sb.data);
	char *at = strstr(extra.data, "slides\t");
	size_t off = (size_t)(at - extra.data);
	struct strbuf with = STRBUF_INIT;
	sb_put(&with, extra.data, off);
	sb_puts(&with, "mood\tcalm\r\n");
	sb_puts(&with, extra.data + off);
	CHECK(parse(with.data, &back, &line, err, sizeof err) && back->n == 3,
	      "an unknown key is skipped: %s", err);
	rehearsal_free(back);
	sb_free(&with);
	sb_free(&extra);

	/* broken files: refused, with the line */
	static const struct {
		const char *what, *from, *to;
		int line; /* 0: the whole */
		const char *says;
	} cases[] = {
		{ "not a record", "lectern-rehearsal\t1", "hello\t1", 2, "not a lectern" },
		{ "newer", "lectern-rehearsal\t1", "lectern-rehearsal\t9", 2, "newer" },
		{ "bad hash", KEY, "0123456789abcdeX", 3, "deck hash" },
		{ "bad ms", "\t120500\t", "\t12x500\t", 11, "not a time" },
		{ "negative ms", "\t120500\t", "\t-5\t", 11, "not a time" },
		{ "slide out of order", "slide\t2\t", "slide\t3\t", 11, "slide 2 was due" },
		{ "bad visits", "\t120500\t2", "\t120500\tmany", 11, "visits" },
		{ "few fields", "\t120500\t2\tLoads", "\t120500", 11, "expected 4 fields" },
		{ "bad end", "end\tquit", "end\tmaybe", 7, "quit or signal" },
		{ "slide count", "slides\t3", "slides\tthree", 8, "slide count" },
		{ "fewer slides", "slides\t3", "slides\t4", 13, "ends after slide 3 of 4" },
		{ "more slides", "slides\t3", "slides\t2", 12, "slide 3 of 2" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *t = xstrdup(sb.data);
		char *p = strstr(t, cases[i].from);
		struct strbuf bad = STRBUF_INIT;
		if (p) {
			sb_put(&bad, t, (size_t)(p - t));
			sb_puts(&bad, cases[i].to);
			sb_puts(&bad, p + strlen(cases[i].from));
		}
		line = -1;
		err[0] = '\0';
		bool ok = p && parse(bad.data, &back, &line, err, sizeof err);
		CHECK(p && !ok && back == NULL, "%s: refused", cases[i].what);
		CHECK(line == cases[i].line && strstr(err, cases[i].says),
		      "%s: line %d (want %d): %s", cases[i].what, line,
		      cases[i].line, err);
		sb_free(&bad);
		free(t);
	}
	/* cut short, empty, not text */
	size_t cut = (size_t)(strstr(sb.data, "slide\t2") - sb.data);
	CHECK(!rehearsal_parse(sb.data, cut, &back, &line, err, sizeof err) &&
	      strstr(err, "ends after slide 1 of 3"), "cut short: %s", err);
	CHECK(!parse("", &back, &line, err, sizeof err) && line == 0 &&
	      strstr(err, "empty"), "empty: %s", err);
	CHECK(!parse("# only a comment\n\n", &back, &line, err, sizeof err),
	      "comments only");
	CHECK(!rehearsal_parse("lectern-rehearsal\t1\n\xff\n", 22, &back, &line,
			       err, sizeof err) && strstr(err, "UTF-8"), "not UTF-8");
	CHECK(!rehearsal_parse("lectern-rehearsal\t1\n\0x", 22, &back, &line, err,
			       sizeof err), "a NUL byte");
	CHECK(!parse("lectern-rehearsal\t1\nslides\t99999999999\n", &back, &line,
		     err, sizeof err) && line == 2, "an absurd slide count");
	CHECK(!parse("lectern-rehearsal\t1\nslide\t1\t5\t1\n", &back, &line, err,
		     sizeof err) && strstr(err, "before the slides line"),
	      "a slide line first");
	CHECK(!parse("lectern-rehearsal\t1\nslides\t0\n", &back, &line, err,
		     sizeof err) && strstr(err, "no deck line"), "no deck line");
	sb_free(&sb);
	rehearsal_free(r);
}

static void test_summary(void)
{
	struct rehearsal *r = sample(), *prev = sample();
	char *labels[] = { (char *)"Title page", (char *)"Loads", (char *)"Piers" };
	prev->ms[1] = 60000;
	prev->started_ms = 1764410400000; /* a day earlier */
	struct strbuf sb = STRBUF_INIT;
	rehearsal_summary(&sb, r, NULL, labels, 1);
	/* 15 + 120.5 + 61 = 196.5 s: 3:16 of 45:00, 41:44 under */
	CHECK(strstr(sb.data, "3:16 against 45:00 planned, 41:44 under"), "total:\n%s",
	      sb.data);
	const char *loads = strstr(sb.data, "Loads"), *piers = strstr(sb.data, "Piers");
	const char *title = strstr(sb.data, "Title page");
	CHECK(loads && piers && title && loads < piers && piers < title,
	      "slowest first:\n%s", sb.data);
	CHECK(strstr(sb.data, "2:00 (2 visits)"), "the visits of a slide seen twice");
	CHECK(strstr(sb.data, "No earlier rehearsal"), "no previous one");
	sb_reset(&sb);
	rehearsal_summary(&sb, r, prev, labels, 1);
	/* 196 s against 136 s: a minute longer, all of it on slide 2 */
	CHECK(strstr(sb.data, "Previous (2025-11-29 10:00): 2:16; this one 1:00 "
		     "longer."), "previous:\n%s", sb.data);
	CHECK(strstr(sb.data, "1:00 -> 2:00 (+1:00)"), "the slide that changed");
	CHECK(!strstr(sb.data, "0:15 -> 0:15"), "unchanged slides are not listed");
	sb_reset(&sb);
	r->planned_ms = 196000;
	rehearsal_summary(&sb, r, prev, labels, 1);
	CHECK(strstr(sb.data, "3:16 against 3:16 planned, to the second"), "to the "
	      "second:\n%s", sb.data);
	sb_free(&sb);
	rehearsal_free(r);
	rehearsal_free(prev);
}

/* The display cells of the bar after the time "T " on the row of label. */
static int bar_eighths(const char *out, const char *label, int column)
{
	const char *row = strstr(out, label);
	if (!row)
		return -1;
	const char *end = strchr(row, '\n');
	int eighths = 0, seen = -1;
	static const char *const blocks[8] = { "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" };
	for (const char *p = row; p < end;) {
		bool block = false;
		for (int k = 0; k < 8; k++)
			if (strncmp(p, blocks[k], strlen(blocks[k])) == 0) {
				if (seen < 0 || p[-1] == ' ')
					seen++;
				if (seen == column)
					eighths += k + 1;
				p += strlen(blocks[k]);
				block = true;
				break;
			}
		if (!block)
			p++;
	}
	return eighths;
}

static void test_history(void)
{
	struct rehearsal *recs[4];
	for (int k = 0; k < 4; k++) {
		recs[k] = sample();
		recs[k]->started_ms += (int64_t)k * 86400000;
	}
	recs[3]->ms[1] = 60250; /* half the longest */
	recs[3]->ms[0] = 0;
	recs[2]->ms[2] = 0; /* never shown in the third */
	recs[2]->visits[2] = 0;
	recs[3]->complete = false;
	char *labels[] = { (char *)"Title page", (char *)"Loads of a rather long "
			   "name that will not fit", (char *)"Piers" };
	struct strbuf sb = STRBUF_INIT;
	rehearsal_history(&sb, recs, 4, labels, 3, "Bridges", 3, 1);
	CHECK(strstr(sb.data, "Rehearsals of Bridges: 4 recorded, the last 3 shown"),
	      "heading:\n%s", sb.data);
	CHECK(!strstr(sb.data, "11-30 10:00"), "the oldest is left out:\n%s", sb.data);
	CHECK(strstr(sb.data, "12-01 10:00") && strstr(sb.data, "12-03 10:00*"),
	      "dates, the cut-off one marked");
	CHECK(strstr(sb.data, "Loads of a rather long…"), "a long label is cut:\n%s",
	      sb.data);
	CHECK(bar_eighths(sb.data, "Loads", 0) == 80, "the longest: ten full cells "
	      "(%d eighths)", bar_eighths(sb.data, "Loads", 0));
	CHECK(bar_eighths(sb.data, "Loads", 2) == 40, "half of it: five (%d)",
	      bar_eighths(sb.data, "Loads", 2));
	/* 15 s of 120.5: 9.96 eighths, rounded */
	CHECK(bar_eighths(sb.data, "Title page", 0) == 10, "15 s: %d eighths",
	      bar_eighths(sb.data, "Title page", 0));
	CHECK(strstr(sb.data, "3:16") && strstr(sb.data, "45:00"), "totals");
	/* slide 1 of the last: 0 ms but shown; of the others, never shown */
	const char *t1 = strstr(sb.data, "Title page");
	CHECK(t1 && strstr(t1, "0:15") && strstr(t1, "0:00") &&
	      strstr(t1, "0:00") < strchr(t1, '\n'), "a slide shown for no time: "
	      "0:00");
	const char *p3 = strstr(sb.data, "   3 Piers");
	CHECK(p3 && strstr(p3, "       -  ") && strstr(p3, "       -  ") <
	      strchr(p3, '\n'), "a slide never shown: -\n%s", sb.data);
	CHECK(strstr(sb.data, "* ended by a signal"), "the mark explained");
	for (const char *l = sb.data; (l = strstr(l, " \n")); l++)
		CHECK(0, "a line ends in a blank");
	sb_reset(&sb);
	rehearsal_history(&sb, recs, 0, labels, 3, "Bridges", 3, 1);
	CHECK(strstr(sb.data, "none recorded yet"), "no records");
	/* ambiguous characters two columns wide: the bars take twice the room
	 * and the columns still line up */
	sb_reset(&sb);
	rehearsal_history(&sb, recs + 2, 2, labels, 3, "Bridges", 3, 2);
	const char *a = strstr(sb.data, "   1 Title page"), *b = strstr(sb.data, "   3 Piers");
	const char *at = a ? strstr(a, "0:00") : NULL, *bt = b ? strstr(b, "1:01") : NULL;
	/* the second column's times, in display columns at width 2 */
	int ca = at ? text_width(a, (size_t)(at - a), 2) : -1;
	int cb = bt ? text_width(b, (size_t)(bt - b), 2) : -2;
	CHECK(ca == cb && ca > 40, "columns line up at width 2 (%d, %d):\n%s", ca,
	      cb, sb.data);
	sb_free(&sb);
	for (int k = 0; k < 4; k++)
		rehearsal_free(recs[k]);
}

static void test_resume(void)
{
	struct resume_state s = { 0 }, back;
	memcpy(s.key, KEY, 17);
	s.slide = 11;
	s.quit = false;
	s.at_ms = 1764496800000;
	s.timer_started = s.timer_running = true;
	s.elapsed_ms = 754321;
	s.duration_ms = 2700000;
	snprintf(s.record, sizeof s.record, "20251130T100000Z-42.tsv");
	struct strbuf sb = STRBUF_INIT;
	resume_write(&sb, &s);
	int line;
	char err[200] = "";
	CHECK(resume_parse(sb.data, sb.len, &back, &line, err, sizeof err), "read "
	      "back: %s", err);
	CHECK(memcmp(&s, &back, sizeof s) == 0, "the same state");
	/* broken */
	static const struct {
		const char *from, *to;
		int line;
	} cases[] = {
		{ "lectern-resume\t1", "lectern-resume\t2", 2 },
		{ "slide\t12", "slide\t0", 4 },
		{ "slide\t12", "slide\ttwelve", 4 },
		{ "end\tsignal", "end\thalf", 5 },
		{ "timer\t1\t1\t754321", "timer\t1\t1", 7 },
		{ "timer\t1\t1\t754321", "timer\t2\t1\t5", 7 },
		{ "record\t2025", "record\t../../etc/passwd-2025", 9 },
		{ "at\t1764496800000", "at\tsoon", 6 },
		{ "deck\t0123", "deck\t./23", 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *p = strstr(sb.data, cases[i].from);
		struct strbuf bad = STRBUF_INIT;
		if (p) {
			sb_put(&bad, sb.data, (size_t)(p - sb.data));
			sb_puts(&bad, cases[i].to);
			sb_puts(&bad, p + strlen(cases[i].from));
		}
		bool ok = p && resume_parse(bad.data, bad.len, &back, &line, err,
					    sizeof err);
		CHECK(p && !ok && line == cases[i].line, "'%s': refused at line %d, "
		      "not %d: %s", cases[i].to, line, cases[i].line, err);
		sb_free(&bad);
	}
	CHECK(!resume_parse("lectern-resume\t1\ndeck\t0123456789abcdef\n", 39,
			    &back, &line, err, sizeof err) && strstr(err, "no at"),
	      "incomplete: %s", err);
	CHECK(!resume_parse("", 0, &back, &line, err, sizeof err), "empty");
	CHECK(!resume_parse("\x80", 1, &back, &line, err, sizeof err), "not UTF-8");
	CHECK(!resume_record_name_ok("../x.tsv") && !resume_record_name_ok(".x.tsv") &&
	      !resume_record_name_ok("x.txt") && resume_record_name_ok("a.tsv"),
	      "record names");
	sb_free(&sb);

	/* the rule */
	int64_t now = s.at_ms + 3600000; /* an hour after it was cut off */
	CHECK(resume_decide(&s, RESUME_AUTO, false, now) == RESUME_TALK, "auto: "
	      "cut off an hour ago");
	CHECK(resume_decide(&s, RESUME_NEVER, false, now) == RESUME_NONE, "never");
	CHECK(resume_decide(&s, RESUME_NEVER, true, now) == RESUME_TALK, "never, "
	      "but --resume");
	int64_t late = s.at_ms + RESUME_WINDOW_MS + 1;
	CHECK(resume_decide(&s, RESUME_AUTO, false, late) == RESUME_NONE, "auto: "
	      "too long ago");
	CHECK(resume_decide(&s, RESUME_AUTO, true, late) == RESUME_TALK, "forced: "
	      "at any age");
	CHECK(resume_decide(&s, RESUME_AUTO, false, s.at_ms - 3600000) == RESUME_NONE,
	      "a state from the future");
	s.quit = true;
	CHECK(resume_decide(&s, RESUME_AUTO, false, now) == RESUME_NONE, "auto: "
	      "after a quit, from the start");
	CHECK(resume_decide(&s, RESUME_AUTO, true, now) == RESUME_PLACE, "--resume "
	      "after a quit: the place only");
	CHECK(resume_decide(&s, RESUME_ALWAYS, false, late) == RESUME_PLACE,
	      "always");
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	setenv("TZ", "UTC", 1);
	test_record();
	test_file();
	test_summary();
	test_history();
	test_resume();
	return check_done();
}
