/* footer.h — the status line's template: its fields, in one table, and
 * their expansion into styled runs. It knows nothing of the app: the app
 * says what is on screen (struct footer_info) and the time, footer.c turns
 * the template into text. The config checks templates against the same
 * table, and the manual lists the same names. */
#ifndef LECTERN_FOOTER_H
#define LECTERN_FOOTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* {timer} and {pace} show nothing without a planned duration or a
 * rehearsal, so that the default costs nothing when no talk is timed. */
#define FOOTER_DEFAULT \
	"{title} | {section}{>}{n}/{total}{screen} {progress} {timer} {pace}"

/* What the fields show. */
struct footer_info {
	const char *title;   /* the deck's */
	const char *section; /* the current section's; NULL on the title and
			      * contents pages */
	size_t n, total;     /* 1-based slide number, slide count (0:
			      * not known yet, the deck still loading) */
	size_t screen, screens; /* 0-based continuation screen, their count */
	int64_t now_ms;      /* wall clock, ms since the epoch */
	int bar;             /* progress bar cells; 0: no bar */
	/* the talk's timer (talk.c fills these) */
	int64_t elapsed_ms;     /* the timer's time, paused time not counted */
	bool timer_started, timer_paused;
	bool has_remaining;     /* a planned duration is set */
	int64_t remaining_ms;   /* negative past the end */
	int64_t warn_ms;        /* the countdown's last minutes; 0: none */
	bool has_pace;
	int64_t pace_ms;        /* > 0 ahead of the plan, < 0 behind */
	bool rehearsing;
	int64_t timer_next_ms;  /* ms until the timer's fields change; -1:
				 * they do not change by themselves */
};

/* A run of the status line. */
struct footer_seg {
	char *text; /* owned */
	int style;  /* FS_FOOTER, FS_PROGRESS, FS_TIMER_WARN, ... */
};

/* The status line: left of {>} and right of it. */
struct footer_line {
	struct footer_seg left[64], right[64];
	size_t nleft, nright;
};

/* Expands tmpl. A field with nothing to show takes the separator before
 * it along ("Deck | " on the title page becomes "Deck"). Free with
 * footer_line_free. */
void footer_expand(const char *tmpl, const struct footer_info *in,
		   struct footer_line *out);
void footer_line_free(struct footer_line *l);

/* Whether name[0..len) is a field ("title", ">", ...). */
bool footer_field_known(const char *name, size_t len);

/* The fields as "{title} {section} ..." for messages. */
void footer_field_names(char *buf, size_t size);

/* Milliseconds from in->now_ms until what tmpl shows changes by itself
 * (the clock's minute turning, the timer's second); -1 when it never
 * does. */
int64_t footer_next_change(const char *tmpl, const struct footer_info *in);

#endif
