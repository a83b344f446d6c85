/* talk.h — the talk's time inside the app: the timer (timer.h), the
 * planned duration and the plan it is paced against (plan.h), and the
 * rehearsal being recorded (rehearsal.h). The app owns one, tells it when
 * the slide changes and what time it is, and asks it what the status
 * line's time fields show. Pure like the app: no clock, no files; the
 * loop (viewer.c, session.c) restores it after a restart and writes its
 * record out. */
#ifndef LECTERN_TALK_H
#define LECTERN_TALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/footer.h"
#include "lectern/keys.h"
#include "lectern/layout.h"
#include "lectern/plan.h"
#include "lectern/rehearsal.h"
#include "lectern/timer.h"

struct talk_settings {
	int64_t duration_ms;  /* the talk's length; 0: none */
	int end_minute;       /* --end: minutes after midnight; -1: none */
	int64_t warn_ms;      /* the countdown changes colour this long
			       * before the end; 0: never */
	bool start_at_launch; /* the timer starts with the viewer, not at
			       * the first page turn */
	size_t main_end;      /* slides in the main part; 0: all */
	bool rehearse;        /* record a rehearsal */
};

struct talk {
	struct talk_settings set;
	struct timer timer;
	int64_t duration_ms;  /* in effect; an end time becomes one when the
			       * timer starts */
	int64_t end_ms;       /* the end time as a moment, until then; 0 */
	struct plan plan;     /* empty until there is a duration */
	struct rehearsal *rec; /* owned; NULL when not rehearsing */
	size_t slide;         /* the slide the talk is on */
	size_t nslides;
	char key[17];         /* the deck's content hash, hex */
	const char *title;    /* the deck's; borrowed from the app's deck */
	const struct deck *deck;        /* the app's, borrowed */
	const struct deck_index *ix;    /* the app's, borrowed */
	bool launched;        /* the first tick came */
};

/* For the deck's ix->count slides, starting on slide `slide`. */
void talk_init(struct talk *t, const struct talk_settings *s,
	       const struct deck *d, const struct deck_index *ix,
	       size_t slide);
void talk_free(struct talk *t);

/* The loop's clock. The first tick starts the timer when it starts at
 * launch, and turns an end time into a moment. */
void talk_tick(struct talk *t, int64_t now);

/* The viewer moved (a page turn, a jump, a continuation screen): the
 * first move starts the timer; a new slide is a visit. */
void talk_moved(struct talk *t, size_t slide, int64_t now);

/* The talk's keys (timer-pause, timer-reset). True when act was one; a
 * line for the status line goes into msg. */
bool talk_key(struct talk *t, enum action act, int64_t now, char *msg,
	      size_t msglen);

/* The deck was reloaded: the plan and the record follow its slides. */
void talk_deck_changed(struct talk *t, const struct deck *d,
		       const struct deck_index *ix);

/* The status line's time fields, and when they next change. */
void talk_footer(const struct talk *t, int64_t now, struct footer_info *in);

/* After a restart: the timer had run elapsed_ms, and was running or
 * paused; the duration in effect was duration_ms (0: keep the settings'). */
void talk_restore(struct talk *t, bool started, bool running,
		  int64_t elapsed_ms, int64_t duration_ms, int64_t now);

/* Plans by a rehearsal's times instead of the content; without a
 * duration, the rehearsal's main part becomes it. False (the plan stays
 * by content) when its slide count is not the deck's or it holds no
 * time. */
bool talk_plan_by(struct talk *t, const struct rehearsal *r);

/* Takes ownership of a record to go on with (a resumed rehearsal); it
 * replaces any record the talk had. */
void talk_adopt_record(struct talk *t, struct rehearsal *r, int64_t now);

/* The record brought up to now, ready to write: times settled, the
 * planned duration set. NULL when not rehearsing. */
struct rehearsal *talk_settle(struct talk *t, int64_t now);

int64_t talk_elapsed(const struct talk *t, int64_t now);

#endif
