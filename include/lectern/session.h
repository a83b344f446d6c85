/* session.h — a presentation's life on disk, around the loop: before it,
 * where to start (resuming after a talk was cut off), the rehearsal to go
 * on with, the record to plan by (--plan) and the one to compare with;
 * after it, the rehearsal's record and where the talk was left, written
 * atomically under $XDG_STATE_HOME/lectern (statefile.h), and the summary.
 * Keyed by the deck's content hash:
 *   resume/HASH.tsv              where the talk was (resume.h)
 *   resume/HASH.lock             held while a lectern presents the deck
 *   rehearsals/HASH/STAMP-PID.tsv  one per rehearsal (rehearsal.h)
 * The lectern that holds the lock resumes the deck and writes where it was
 * left; a second one on the same deck does neither (it says so), and
 * records go to files of their own, so two lecterns never overwrite each
 * other's state. Nothing here stops a talk: a state file that cannot be
 * read, parsed or written is a warning. */
#ifndef LECTERN_SESSION_H
#define LECTERN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/layout.h"
#include "lectern/rehearsal.h"
#include "lectern/resume.h"
#include "lectern/strbuf.h"

struct session_opts {
	enum resume_policy policy; /* [present] resume */
	bool forced;          /* --resume */
	bool start_given;     /* --start N: no resuming */
	bool rehearse;        /* --rehearse */
	const char *plan;     /* --plan: "last", a record file, or NULL */
	const char *first_key; /* the key that goes to the first slide, for
				* the notice ("g") */
};

struct session {
	char key[17];          /* the deck's content hash, hex */
	char *resume_path;     /* NULL: no state directory */
	char *records_dir;
	int lock_fd;           /* ours while presenting; -1: not ours */
	/* what the start picks up */
	enum resume_what resumed;
	struct resume_state was;
	struct rehearsal *record;   /* a rehearsal to go on with; the app
				     * takes it (set to NULL then) */
	char record_name[128];      /* the file this rehearsal writes */
	struct rehearsal *plan;     /* --plan's record, or NULL */
	struct rehearsal *previous; /* the newest earlier record, or NULL */
	char notice[256];      /* for the status line at the start; "" */
	struct strbuf warnings; /* problems with state files, a line each */
};

/* Before presenting deck at now: the lock, the resume state and the
 * records, by opts. Never fails: what goes wrong is in s->warnings. Free
 * with session_free. */
void session_begin(struct session *s, const struct session_opts *opts,
		   const struct deck *d, int64_t now);

/* How the talk ended. */
struct session_end {
	size_t slide;          /* 0-based */
	bool quit;             /* by the quit key, not a signal or a hangup */
	int64_t now;
	bool timer_started, timer_running;
	int64_t elapsed_ms, duration_ms;
	struct rehearsal *record; /* settled (talk_settle); NULL: none */
	const struct deck *deck;  /* as it is now, for the slides' labels */
	const struct deck_index *ix;
	int ambiguous;            /* for the summary's columns */
};

/* After presenting: writes the record (when it holds any time) and, when
 * the lock is ours, where the talk was left; the summary of the rehearsal
 * goes into summary (nothing without one). Releases the lock. */
void session_end(struct session *s, const struct session_end *e,
		 struct strbuf *summary);

void session_free(struct session *s);

/* lectern --rehearsals: the deck's records side by side (rehearsal.h),
 * the last `columns` of them, into out; problems reading them in
 * warnings. */
void session_history(const struct deck *d, int columns, int ambiguous,
		     struct strbuf *out, struct strbuf *warnings);

#endif
