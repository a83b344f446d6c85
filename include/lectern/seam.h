/* seam.h — where a glued title starts. In the outline format nothing
 * separates a block's last point from the box after it (FORMAT.md rule 7):
 * "…the last point's textNext Title,1.…". Given that run of text, this
 * module guesses where the title starts, from the shape of the text (case
 * changes and punctuation in Latin script, script changes and particles in
 * CJK) and from statistics of the deck being read (which strings recur,
 * which start the deck's known titles and points). It holds no vocabulary
 * of any deck. */
#ifndef LECTERN_SEAM_H
#define LECTERN_SEAM_H

#include <stdbool.h>
#include <stddef.h>

struct seam_stats;

/* Empty statistics. Caller frees with seam_stats_free (accepts NULL). */
struct seam_stats *seam_stats_new(void);
void seam_stats_free(struct seam_stats *st);

/* What is known exactly: a title (the deck's, a section's, or a block's
 * that follows a separator; block_title for the last kind) and a point
 * (one that a marker ends). */
void seam_stats_add_title(struct seam_stats *st, const char *s, size_t n,
			  bool block_title);
void seam_stats_add_point(struct seam_stats *st, const char *s, size_t n);

/* Registers the run t[start, end) that seam_find will be asked about, so
 * that the counting pass counts what it needs. */
void seam_stats_want(struct seam_stats *st, const char *t, size_t start,
		     size_t end);

/* One pass over the whole deck text t[0..n), after every seam_stats_want. */
void seam_stats_count(struct seam_stats *st, const char *t, size_t n);

/* Does t[0, n) end with a word that rarely ends a point (a particle, a
 * conjunction, a preposition: "…的", "…と")? General language knowledge,
 * shared with the marker rules. */
bool seam_weak_end(const char *t, size_t n);

struct seam_guess {
	size_t cut;       /* the title is t[cut, end) */
	size_t runner_up; /* the next best start, or end */
	size_t third;     /* the third best, when close too, or end */
	bool sure;        /* false: a guess that could be wrong */
	bool found;       /* false: no place fits; cut == end */
	bool close_call;  /* the runner-up scored nearly as well */
	const char *cue;  /* the feature that most favoured cut over
			   * runner_up (static), or NULL */
};

/* What is known around a glued title, as evidence. */
struct seam_context {
	const char *own;      /* the text of the title's own block (its */
	size_t own_len;       /* points): titles reuse their points' words */
	size_t sibling_chars; /* length in characters of a title of the same
			       * slide known exactly, or 0 */
};

/* The title's start within t[start, end), where t[start..] is the tail of
 * the previous point (at least one character of it is left before the
 * cut). */
struct seam_guess seam_find(const struct seam_stats *st, const char *t,
			    size_t start, size_t end,
			    const struct seam_context *cx);

/* ---- for the fitting tool (tests/tools/fit_seam.py) -------------------
 * Process-wide hooks, for tools only: lectern itself never sets them. */

#define SEAM_NFEATURES 26

/* One decided seam: the candidate starts (byte offsets in t) and their
 * features (ncand rows of SEAM_NFEATURES), and the index of the one
 * chosen (ncand when none). A seam cut by Latin glue has one candidate
 * and no features (f NULL). */
struct seam_trace {
	const char *t;
	size_t start, end;
	size_t ncand;
	const size_t *cut;
	const double *f;
	size_t chosen;
	const struct seam_context *cx;
};

typedef void seam_trace_fn(void *ctx, const struct seam_trace *tr);

/* Calls fn for every seam seam_find decides (NULL: no more). */
void seam_set_trace(seam_trace_fn *fn, void *ctx);
/* Scores with w[SEAM_NFEATURES] instead of the built-in weights (NULL:
 * the built-in ones again). */
void seam_set_weights(const double *w);
/* The name of feature k, or NULL past the last. */
const char *seam_feature_name(int k);

#endif
