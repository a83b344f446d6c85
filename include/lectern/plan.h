/* plan.h — when each slide of a talk is due: every slide gets a share of
 * the planned duration, by its content (a cover takes less time than a
 * slide of six points) or by the times of a rehearsal, and the pace says
 * how far ahead or behind that plan the speaker is on the slide they are
 * on. Slides after the end of the main part (backup slides) get no share.
 * Pure: the deck and the times come in, nothing is read or kept. */
#ifndef LECTERN_PLAN_H
#define LECTERN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/layout.h"

struct plan {
	size_t n;       /* slides */
	double *at;     /* n + 1 points in [0, 1]: slide i is due over the
			 * fraction [at[i], at[i + 1]) of the talk; owned */
	bool by_times;  /* from a rehearsal's times, not the content */
};

/* Content weights, in thousandths of a "unit": the title, contents and
 * section covers 1000 each; a content slide 2000, plus 1000 a point, plus
 * 1000 for every PLAN_BYTES_PER_UNIT bytes of its text. */
#define PLAN_BYTES_PER_UNIT 120

/* The weight of slide i of the deck (as above). */
uint64_t plan_weight(const struct deck *d, const struct deck_index *ix,
		     size_t i);

/* A plan by content for the deck's ix->count slides; the first main_end
 * of them are the main part (0: all). Free with plan_free. */
void plan_by_content(struct plan *p, const struct deck *d,
		     const struct deck_index *ix, size_t main_end);

/* A plan by the times of a rehearsal, ms[i] for slide i of n; the first
 * main_end are the main part (0: all). False, with nothing to free, when
 * no slide of the main part has a time. */
bool plan_by_times(struct plan *p, const int64_t *ms, size_t n,
		   size_t main_end);

void plan_free(struct plan *p);

/* How far ahead (> 0) or behind (< 0) the plan the speaker is, in ms, on
 * slide `slide` (0-based) with elapsed_ms of a talk of duration_ms gone:
 * 0 while the elapsed time is within the slide's window; before it, the
 * time until the window opens; after it, minus the time since it closed.
 * A slide past the main part is due at the very end. Windows open and
 * close on whole seconds, so that the pace changes with the timer. */
int64_t plan_pace(const struct plan *p, int64_t duration_ms, size_t slide,
		  int64_t elapsed_ms);

#endif
