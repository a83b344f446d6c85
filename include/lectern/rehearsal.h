/* rehearsal.h — a rehearsal's record: the time spent on every slide,
 * summed over visits, and the number of visits; its file form (a readable
 * TSV file, one per rehearsal) and the reading back of it with errors that
 * say which line; and what a lecturer reads from records: the summary
 * after a rehearsal and the history of a deck's rehearsals side by side
 * with bar charts. Times are the talk timer's (paused time does not
 * count). No I/O here: statefile.c reads and writes the files, the talk
 * (talk.c) feeds the record as slides change. */
#ifndef LECTERN_REHEARSAL_H
#define LECTERN_REHEARSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/layout.h"
#include "lectern/strbuf.h"

#define REHEARSAL_VERSION 1

struct rehearsal {
	char key[17];       /* the deck's content hash (hash_hex) */
	char *title;        /* the deck's title; owned */
	int64_t started_ms; /* wall clock when it began */
	int64_t ended_ms;   /* wall clock when it was last written */
	int64_t planned_ms; /* the talk's planned duration; 0: none */
	bool complete;      /* ended by quitting, not cut off by a signal */
	size_t n;           /* slides */
	int64_t *ms;        /* time on each slide; owned */
	unsigned *visits;   /* visits to each slide; owned */
	/* while recording: the slide being timed, and the timer's elapsed
	 * time when it was entered */
	size_t cur;
	int64_t cur_from;
};

/* A record of n slides, all at 0, for a deck whose hash is key and whose
 * title is title (copied). The first slide shown is slide `at`, entered
 * with the timer at elapsed_ms. Free with rehearsal_free. */
struct rehearsal *rehearsal_new(size_t n, const char *key, const char *title,
				size_t at, int64_t elapsed_ms);
void rehearsal_free(struct rehearsal *r);

/* The deck now has n slides (after a reload): times past n are dropped,
 * new slides start at 0. */
void rehearsal_resize(struct rehearsal *r, size_t n);

/* The time since the current slide was entered goes to it, and slide
 * `slide` becomes the current one (a visit, when it is another slide). */
void rehearsal_enter(struct rehearsal *r, size_t slide, int64_t elapsed_ms);
/* The time since the current slide was entered goes to it; it stays
 * current (before writing the record). */
void rehearsal_settle(struct rehearsal *r, int64_t elapsed_ms);
/* Back to no time and no visits; the current slide is visited once, from
 * elapsed_ms (the timer was reset). */
void rehearsal_clear(struct rehearsal *r, int64_t elapsed_ms);

/* The sum of the times. */
int64_t rehearsal_total(const struct rehearsal *r);

/* The record as its file holds it: a version line, the deck's hash and
 * title, when it started and ended, the planned duration, how it ended,
 * then one line per slide: number, ms, visits and (for reading only) the
 * slide's label from labels (NULL: none). */
void rehearsal_write(struct strbuf *out, const struct rehearsal *r,
		     char *const *labels);

/* Reads a record back. False with the 1-based line in *line and a
 * one-line reason in err when text is not one (0 when the whole is
 * wrong). On success caller frees *out with rehearsal_free. */
bool rehearsal_parse(const char *text, size_t len, struct rehearsal **out,
		     int *line, char *err, size_t errlen);

/* What each slide is called in summaries: "Title page", "Contents", a
 * section's title on its cover, a content slide's header. Caller frees
 * with rehearsal_labels_free. */
char **rehearsal_labels(const struct deck *d, const struct deck_index *ix);
void rehearsal_labels_free(char **labels, size_t n);

/* The summary printed after a rehearsal: the total against the planned
 * duration, the slowest slides, and the change from prev (NULL: none).
 * labels has r->n entries. */
void rehearsal_summary(struct strbuf *out, const struct rehearsal *r,
		       const struct rehearsal *prev, char *const *labels,
		       int ambiguous);

/* The history of a deck's records (oldest first): for each slide of the
 * deck (labels, n of them), the last `columns` records side by side, each
 * a time ("-" for a slide never shown) and a bar drawn in block characters
 * (█ and its eighths) scaled to the longest time shown; then the totals. */
void rehearsal_history(struct strbuf *out, struct rehearsal *const *recs,
		       size_t nrecs, char *const *labels, size_t n,
		       const char *title, int columns, int ambiguous);

#endif
