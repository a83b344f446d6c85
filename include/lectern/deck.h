/* deck.h — the deck model: deck → sections → slides → blocks → points, the
 * table of contents, and the importer's warnings. The model knows nothing of
 * widths, terminals or view state. All its text is valid UTF-8 with control
 * characters made inert (text_inert), so any of it may reach a terminal;
 * the one exception is '\n', which a point or a note may hold between
 * lines (a code block's lines, a line break) and which layout breaks on.
 * Source ranges are the importer's positions (source_offset): byte offsets
 * into the deck file as read when it is UTF-8, into the text as decoded
 * otherwise; warnings get the file's own offsets, lines and columns.
 *
 * The outline importer fills in the first fields of each node; the fields
 * Markdown decks added (kinds, runs, steps, notes, code) are all zero for
 * "none" (a numbered point, plain text, shown from the start, no notes),
 * so an importer that leaves them alone gets what it got before. */
#ifndef LECTERN_DECK_H
#define LECTERN_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "No such index": a section outside the contents, a search with no
 * match. The one spelling of it in lectern. */
#define NO_INDEX SIZE_MAX

/* Node sizes are what a large deck costs (a million one-letter slides
 * are a million slides, blocks and points): fields are ordered to leave
 * no padding, and what few points have is kept aside (point_style). */

/* [start, end) in the original bytes. A deck is at most SOURCE_MAX_BYTES
 * (128 MiB) as read, 192 MiB decoded: 32 bits hold any offset. */
struct span {
	uint32_t start, end;
};

/* Inline attributes over a text: bytes [start, end) of it are strong,
 * emphasised or code, or a mix. A text's runs are sorted and disjoint;
 * bytes outside every run are plain. */
enum { RUN_STRONG = 1, RUN_EMPH = 2, RUN_CODE = 4 };

struct attr_run {
	uint32_t start, end;
	uint32_t attr; /* RUN_* bits */
};

struct attr_runs {
	struct attr_run *v; /* NULL: all plain */
	size_t n;
};

/* What a point is. The numbered point is the outline's, and the default. */
enum point_kind {
	POINT_NUMBERED,  /* an ordered list item: "1. text" */
	POINT_BULLET,    /* a bullet list item: "- text" */
	POINT_PARAGRAPH, /* running text, no mark */
	POINT_CODE,      /* verbatim lines, never reflowed */
};

/* What only some points of Markdown decks have. */
struct point_style {
	struct attr_runs runs;
	char *info;      /* POINT_CODE: the fence's info string, else NULL */
};

struct point {
	char *text;
	struct span src;
	struct point_style *style; /* NULL: no runs, no info (point_style) */
	uint32_t number; /* POINT_NUMBERED: the number shown; 0: its place */
	/* the reveal step from which it shows (0: at once), at most
	 * POINT_STEP_MAX; and enum point_kind: one word for both keeps a
	 * point at 32 bytes, a quarter less than the 40 of two fields */
	uint32_t step : 24;
	uint32_t kind : 8;
};
#define POINT_STEP_MAX 0xFFFFFFu

/* Speaker notes: never on the audience's screen. Each belongs to the
 * reveal step it follows (0: the slide itself). */
struct note {
	char *text; /* lines, '\n' between them */
	struct span src;
	uint32_t step;
};

struct notes {
	struct note *v;
	size_t n;
};

struct block {
	char *title; /* "" when the deck has none for it */
	struct point *points;
	struct attr_runs title_runs;
	struct span src;
	uint32_t npoints; /* a point takes two bytes of text at least, and the
			   * text is under 4 GiB (struct span) */
	/* the reveal step from which its title shows, at most POINT_STEP_MAX;
	 * whether the title was found dangling after the slide's points.
	 * Packed: a block in 48 bytes, not 56 */
	uint32_t step : 24;
	uint32_t title_after_points : 1;
};

struct slide {
	char *header;
	struct block *blocks;
	size_t nblocks;
	struct attr_runs header_runs;
	struct notes notes;
	struct span src;
	uint32_t nsteps;         /* reveal steps (pauses + 1); 0 counts as 1 */
};

struct section {
	char *title;
	struct slide *slides;
	size_t nslides;
	struct span src;
	size_t toc_index; /* index into deck.toc, or NO_INDEX */
	struct attr_runs title_runs;
	struct notes notes;       /* for its cover */
	bool no_cover;            /* slides before a deck's first section: no
				   * cover page, no title */
};

struct warning {
	size_t offset;  /* byte offset in the deck file */
	size_t section; /* 1-based; 0 for the deck's head */
	size_t slide;   /* 1-based within the section; 0 for none */
	char *message;
	size_t seq;     /* order of discovery, to sort stably */
	/* filled in by the loader (loader.h); 0 until then */
	size_t line, column; /* from 1; the column in characters */
	size_t number;  /* the slide the viewer shows it on, from 1 (the
			   title page is 1, the contents 2) */
};

struct toc_entry {
	char *title;
	struct span src; /* the entry in the contents box */
	bool present; /* a section of the body has this title */
};

/* The deck's strings, in large blocks freed all at once (deck.c). */
struct deck_pool;

struct deck {
	char *title;
	char *contents_label; /* the head's labels ("Contents Page / 目录页") */
	struct toc_entry *toc;
	size_t ntoc;
	struct section *sections; /* the sections present in the body */
	size_t nsections;
	struct warning *warnings; /* the first DECK_MAX_WARNINGS found */
	size_t nwarnings;
	size_t warnings_not_listed; /* found past DECK_MAX_WARNINGS, counted */
	bool truncated; /* the text ends in the middle of a point */
	uint64_t content_hash; /* hash_bytes of the text as read (loader.c):
				* keys rehearsal records and resume state */
	struct notes notes; /* for the title page */
	struct deck_pool *pool; /* strings, unless in the text below */
	char *text; /* NULL, or the text the deck was read from, owned: an
		     * importer may point strings into it (deck_adopt_text) */
};

/* An empty deck (its title ""). Caller frees with deck_free. */
struct deck *deck_new(void);
/* Frees the deck and everything in it; accepts NULL. */
void deck_free(struct deck *d);

/* Strings. Every string a deck holds (titles, headers, points, notes, a
 * code block's info, labels, warnings) is owned by the deck, never freed
 * one by one, so that a deck of a million one-letter points costs no
 * million allocations: it is in the deck's pool (appended to large blocks
 * that deck_free frees whole), or in the deck's text. Put a string in a
 * node only from these. */
/* A NUL-terminated copy of s[0, n) in d's pool. */
char *deck_strndup(struct deck *d, const char *s, size_t n);
char *deck_strdup(struct deck *d, const char *s);
/* Copies the heap string s (NULL: "") into d's pool and frees s. */
char *deck_take_str(struct deck *d, char *s);

/* Gives d the text t (malloc'd, NUL-terminated), freed with d. An importer
 * that writes a NUL after a string of t where the text has a byte it no
 * longer needs (a separator, a marker) can leave that string where it is
 * rather than copy it to the pool: a deck then holds its text about once,
 * not twice. At most one text a deck. */
void deck_adopt_text(struct deck *d, char *t);

/* Appends an empty node and returns it (owned by its parent). */
struct section *deck_add_section(struct deck *d);
struct slide *section_add_slide(struct section *s);
struct block *slide_add_block(struct slide *sl);
struct point *block_add_point(struct block *b);
void deck_add_toc(struct deck *d, const char *title); /* copied */
/* All of a node's children at once, empty, when the importer knows how
 * many: one allocation of their exact size (a node that has none yet). */
struct section *deck_set_sections(struct deck *d, size_t n);
struct slide *section_set_slides(struct section *s, size_t n);
struct block *slide_set_blocks(struct slide *sl, size_t n);
struct point *block_set_points(struct block *b, size_t n);

/* Node arrays grow by doubling while a deck is built; these cut them to
 * their counts, for a slide once its blocks are all in, and for the whole
 * deck once it is read (the loader does: importers need not). */
void slide_shrink(struct slide *sl);
void deck_shrink(struct deck *d);

/* Appends a run of attr over [start, end) (after the last one; merged
 * with it when they touch with the same attributes). */
void runs_add(struct attr_runs *r, size_t start, size_t end, uint32_t attr);
/* Appends a note; text is a string of the deck's pool (deck_strdup). */
void notes_add(struct notes *n, char *text, uint32_t step, struct span src);

/* A point's runs: none (an empty set) when it has no style. */
const struct attr_runs *point_runs(const struct point *p);
/* Its info string, or NULL. */
const char *point_info(const struct point *p);
/* Its style, made empty on first use (by an importer; freed with the
 * deck). */
struct point_style *point_style(struct point *p);

/* Reveal steps of a slide: at least 1. */
uint32_t slide_steps(const struct slide *sl);

/* A degenerate deck can have a few warnings for every byte (500,000 bare
 * section covers made 2,000,000): past this many, warnings are counted
 * but not kept, which bounds their memory. */
#define DECK_MAX_WARNINGS 10000

/* Adds a warning; message is printf-formatted. Past DECK_MAX_WARNINGS it
 * only counts it in warnings_not_listed. */
void deck_warn(struct deck *d, size_t offset, size_t section, size_t slide,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sorts warnings by offset (stable), as --check prints them. */
void deck_sort_warnings(struct deck *d);

/* Totals over the deck. */
size_t deck_count_slides(const struct deck *d);
size_t deck_count_blocks(const struct deck *d);
size_t deck_count_points(const struct deck *d);

#endif
