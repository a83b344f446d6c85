/* timer.h — the talk's stopwatch and the time arithmetic around it, as
 * pure functions of the timer's state and a `now` passed in (ms since the
 * epoch, from the loop's clock): the timer never reads the clock, so tests
 * set the time instead of sleeping. Also the parsing of durations ("45m",
 * "1h30m", "90", "45:00") and clock times ("15:30"), and the M:SS format
 * the status line and the summaries use. */
#ifndef LECTERN_TIMER_H
#define LECTERN_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Zero-initialised: not started, 0:00. */
struct timer {
	int64_t base_ms;  /* elapsed in the runs before the current one */
	int64_t run_from; /* when the current run began; valid when running */
	bool started;     /* it has run since the last reset */
	bool running;     /* started and not paused */
};

/* Starts the timer if it never started; otherwise nothing. */
void timer_start(struct timer *t, int64_t now);
/* Pauses a running timer; resumes (or starts) one that is not running. */
void timer_toggle(struct timer *t, int64_t now);
void timer_pause(struct timer *t, int64_t now);
void timer_resume(struct timer *t, int64_t now);
/* Back to 0:00, not started. */
void timer_reset(struct timer *t);
/* A timer that has run elapsed_ms and is running or paused as of now
 * (resuming after a restart). */
void timer_restore(struct timer *t, int64_t elapsed_ms, bool running,
		   int64_t now);

/* Milliseconds the timer has run by now: paused time does not count, and
 * a wall clock set back never makes it run backwards. */
int64_t timer_elapsed(const struct timer *t, int64_t now);

/* Milliseconds from now until timer_elapsed next reaches a whole second;
 * -1 when the timer is not running. */
int64_t timer_next_second(const struct timer *t, int64_t now);

/* Parses a length of time: "45m", "1h30m", "90s", "1h 5m 10s" (units h,
 * m, s, each once, in that order), a bare number of minutes ("90"), or
 * [H:]M:SS ("45:00", "1:30:00"). It must be more than 0 and at most 24
 * hours. False with a one-line reason in err otherwise. */
bool timer_parse_duration(const char *s, int64_t *ms, char *err,
			  size_t errlen);

/* Parses a clock time "H:MM" or "HH:MM" (00:00 to 23:59) into minutes
 * after midnight. False with a reason in err. */
bool timer_parse_clock(const char *s, int *minutes, char *err, size_t errlen);

/* The moment (ms since the epoch) the local clock next reads minutes
 * after midnight, within 12 hours either side of now: an end time that
 * passed less than 12 hours ago is today's (the talk is over time), one
 * further back is tomorrow's. Uses the time zone (TZ). */
int64_t timer_clock_at(int64_t now, int minutes);

/* ms as "M:SS" below an hour, "H:MM:SS" from an hour, "-" before a
 * negative time, in whole seconds rounded down (-0.5 s is "-0:01"): a
 * count-up passes ms, a countdown passes ms + 999, so that each shown
 * value lasts one second and 0:00 comes once, between 0:01 and -0:01.
 * Writes at most size bytes, NUL included; returns buf. */
char *timer_format(int64_t ms, char *buf, size_t size);

#endif
