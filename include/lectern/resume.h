/* resume.h — where a talk was left: which deck (by its content hash),
 * slide, how the viewer ended (quit, or cut off by a signal or
 * a lost connection), when, and the timer and rehearsal that were running.
 * Its file form (TSV, like a rehearsal record's) and reading it back, and
 * the rule for whether a new start picks up where the last one left off.
 * No I/O: session.c reads and writes the file. */
#ifndef LECTERN_RESUME_H
#define LECTERN_RESUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/strbuf.h"

#define RESUME_VERSION 1
/* "Within a few hours": a talk cut off longer ago starts afresh. */
#define RESUME_WINDOW_MS ((int64_t)4 * 3600 * 1000)

/* [present] resume: auto resumes after a talk was cut off, in the
 * window; always also after a quit, and at any age; never does not. */
enum resume_policy { RESUME_AUTO, RESUME_ALWAYS, RESUME_NEVER };

struct resume_state {
	char key[17];          /* the deck's content hash (hash_hex) */
	size_t slide;          /* 0-based */
	bool quit;             /* ended by quitting; else cut off */
	int64_t at_ms;         /* when it ended */
	/* the talk's timer and rehearsal as they were */
	bool timer_started, timer_running;
	int64_t elapsed_ms;
	int64_t duration_ms;   /* the planned duration in effect; 0: none */
	char record[128];      /* the rehearsal record's file name in the
				* deck's records directory; "": none */
};

/* What a start picks up: nothing, the place only, or the place with the
 * timer and the rehearsal. */
enum resume_what { RESUME_NONE, RESUME_PLACE, RESUME_TALK };

/* The rule: with policy never and not forced (--resume), nothing. A talk
 * cut off within RESUME_WINDOW_MS of now comes back whole (auto and
 * always); forced or always, any other comes back to its place, and a
 * talk cut off longer ago whole. */
enum resume_what resume_decide(const struct resume_state *s,
			       enum resume_policy policy, bool forced,
			       int64_t now);

/* The state as its file holds it. */
void resume_write(struct strbuf *out, const struct resume_state *s);

/* Reads the state back: false with the 1-based line in *line (0: the
 * whole) and a reason in err when the text is not one. */
bool resume_parse(const char *text, size_t len, struct resume_state *out,
		  int *line, char *err, size_t errlen);

/* Whether name may be a record file name in the state directory (no
 * slash, no leading dot, ends in .tsv): a state file never points
 * elsewhere. */
bool resume_record_name_ok(const char *name);

#endif
