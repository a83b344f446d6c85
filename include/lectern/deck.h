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
 * are a million slides, blocks and points). So the nodes are columns: the
 * deck holds every slide, every block and every point of the deck in one
 * array each, in reading order, and a node names its children by the
 * index of the first (the next node's first ends them) and its strings by
 * a 32-bit handle (deck_str). A slide, its block and its point take 56
 * bytes; with pointers and counts they took 152, and 184 with the two
 * arrays' allocations. What few nodes have (a point's number or style, a
 * block's title runs, a slide's header runs and notes) is kept aside, by
 * node, and read through the functions below. */

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

/* A string of the deck's nodes: a handle for deck_str. 0 is "", so a
 * node left zeroed has empty strings. */
#define DECK_EMPTY_STR 0u

struct point {
	uint32_t text;   /* deck_str */
	struct span src;
	/* the reveal step from which it shows (0: at once), at most
	 * POINT_STEP_MAX; and enum point_kind */
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
	uint32_t title;       /* deck_str; "" when the deck has none for it */
	uint32_t first_point; /* its points are deck.points[first_point] up
			       * to the next block's first (block_point) */
	struct span src;
	/* the reveal step from which its title shows, at most POINT_STEP_MAX;
	 * whether the title was found dangling after the slide's points */
	uint32_t step : 24;
	uint32_t title_after_points : 1;
};

struct slide {
	uint32_t header;      /* deck_str */
	uint32_t first_block; /* its blocks: deck.blocks[first_block] up to
			       * the next slide's first (slide_block) */
	struct span src;
	uint32_t nsteps;      /* reveal steps (pauses + 1); 0 counts as 1 */
};

/* Sections are few (a cover each): they keep plain strings and fields. */
struct section {
	char *title;
	size_t first_slide;       /* its slides: deck.slides[first_slide] */
	size_t nslides;           /* and the nslides - 1 after it */
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

/* The deck's strings, its columns' room and what few nodes have: built
 * up by an importer, freed all at once (deck.c). */
struct deck_store;

struct deck {
	char *title;
	char *contents_label; /* the head's labels ("Contents Page / 目录页") */
	struct toc_entry *toc;
	size_t ntoc;
	struct section *sections; /* the sections present in the body */
	size_t nsections;
	/* The columns: every slide, block and point of the deck, in reading
	 * order (sections' slides one after another). Read them through the
	 * functions below, which know where a node's children end. */
	struct slide *slides;
	size_t nslides;
	struct block *blocks;
	size_t nblocks;
	struct point *points;
	size_t npoints;
	struct warning *warnings; /* the first DECK_MAX_WARNINGS found */
	size_t nwarnings;
	size_t warnings_not_listed; /* found past DECK_MAX_WARNINGS, counted */
	bool truncated; /* the text ends in the middle of a point */
	uint64_t content_hash; /* hash_bytes of the text as read (loader.c):
				* keys rehearsal records and resume state */
	struct notes notes; /* for the title page */
	struct deck_store *store; /* strings and what is kept aside */
	char *text; /* NULL, or the text the deck was read from, owned: an
		     * importer may point strings into it (deck_map_text) */
};

/* An empty deck (its title ""). Caller frees with deck_free. */
struct deck *deck_new(void);
/* Frees the deck and everything in it; accepts NULL. */
void deck_free(struct deck *d);

/* Strings. Every string a deck holds (titles, headers, points, notes, a
 * code block's info, labels, warnings) is owned by the deck, never freed
 * one by one, so that a deck of a million one-letter points costs no
 * million allocations: it is in the deck's pool (appended to large blocks
 * that deck_free frees whole, and that never move), or in the deck's
 * text. Put a string in a deck only from these. Nodes name theirs by
 * handle (deck_intern), sections, the contents, notes and warnings by
 * pointer (deck_strdup). */
/* A copy of s[0, n), NUL-terminated, in d's pool: its handle. */
uint32_t deck_intern(struct deck *d, const char *s, size_t n);
/* The same, of the heap string s (NULL: ""), which it frees. */
uint32_t deck_intern_take(struct deck *d, char *s);
/* The string of a handle; valid as long as the deck. */
const char *deck_str(const struct deck *d, uint32_t s);
/* A NUL-terminated copy of s[0, n) in d's pool. */
char *deck_strndup(struct deck *d, const char *s, size_t n);
char *deck_strdup(struct deck *d, const char *s);
/* Copies the heap string s (NULL: "") into d's pool and frees s. */
char *deck_take_str(struct deck *d, char *s);

/* Strings left in the text. An importer that writes a NUL after a string
 * of its text t[0, n] where the text has a byte it no longer needs (a
 * separator, a marker) can leave that string where it is rather than
 * copy it to the pool: a deck then holds its text about once, not twice.
 * deck_map_text gives the handle of t[0] (t[i]'s is that plus i); the
 * text must then outlive the deck, as it does once the deck adopts it
 * (deck_adopt_text: freed with d). At most one text a deck. */
uint32_t deck_map_text(struct deck *d, char *t, size_t n);
void deck_adopt_text(struct deck *d, char *t);

/* Building. Nodes are appended in reading order: a section, then its
 * slides; a slide, then its blocks; a block, then its points. Each new
 * node is empty (its strings "") and belongs to the last of its parents
 * (a slide to the section last added or opened); the pointer returned is
 * good until the next node of its kind is added. There must be a section
 * before a slide, a slide before a block and a block before a point. */
struct section *deck_add_section(struct deck *d);
struct slide *deck_add_slide(struct deck *d);
struct block *deck_add_block(struct deck *d);
struct point *deck_add_point(struct deck *d);
void deck_add_toc(struct deck *d, const char *title); /* copied */
/* Room for this many more slides, blocks and points, when the importer
 * knows: the columns are then allocated once, at their exact size. */
void deck_reserve(struct deck *d, size_t slides, size_t blocks,
		  size_t points);
/* All the sections at once, empty, when the importer knows how many;
 * then each is opened in turn, before its slides are added. */
struct section *deck_set_sections(struct deck *d, size_t n);
struct section *deck_open_section(struct deck *d, size_t k);

/* What few nodes have, set while the node is the last of its kind or
 * after: a point's number (see point_number), its style (made empty on
 * first use), a block's title runs and a slide's header runs (taken
 * over: runs.v is then the deck's), a slide's notes (made empty on first
 * use). The style and notes returned are good until the next node is
 * given one. */
void point_set_number(struct deck *d, const struct point *p, uint32_t n);
struct point_style *point_style(struct deck *d, const struct point *p);
void block_set_title_runs(struct deck *d, const struct block *b,
			  struct attr_runs runs);
void slide_set_header_runs(struct deck *d, const struct slide *sl,
			   struct attr_runs runs);
struct notes *slide_notes_edit(struct deck *d, const struct slide *sl);

/* Arrays grow by doubling while a deck is built; this cuts them all to
 * their counts once it is read (the loader does: importers need not). */
void deck_shrink(struct deck *d);

/* Appends a run of attr over [start, end) (after the last one; merged
 * with it when they touch with the same attributes). */
void runs_add(struct attr_runs *r, size_t start, size_t end, uint32_t attr);
/* Appends a note; text is a string of the deck's pool (deck_strdup). */
void notes_add(struct notes *n, char *text, uint32_t step, struct span src);

/* Reading. Nodes given to these are the deck's own (from its columns). */
/* Slide i of section s, i < s->nslides. */
const struct slide *section_slide(const struct deck *d,
				  const struct section *s, size_t i);
size_t slide_nblocks(const struct deck *d, const struct slide *sl);
/* Block k of sl, k < slide_nblocks. */
const struct block *slide_block(const struct deck *d, const struct slide *sl,
				size_t k);
size_t block_npoints(const struct deck *d, const struct block *b);
/* Point k of b, k < block_npoints. */
const struct point *block_point(const struct deck *d, const struct block *b,
				size_t k);
const char *slide_header(const struct deck *d, const struct slide *sl);
const char *block_title(const struct deck *d, const struct block *b);
const char *point_text(const struct deck *d, const struct point *p);
/* POINT_NUMBERED: the number shown; 0 (the default): its place. */
uint32_t point_number(const struct deck *d, const struct point *p);
/* A point's runs: none (an empty set) when it has no style. */
const struct attr_runs *point_runs(const struct deck *d,
				   const struct point *p);
/* Its info string, or NULL. */
const char *point_info(const struct deck *d, const struct point *p);
/* Runs of a block's title and a slide's header: none when plain. */
const struct attr_runs *block_title_runs(const struct deck *d,
					 const struct block *b);
const struct attr_runs *slide_header_runs(const struct deck *d,
					  const struct slide *sl);
/* A slide's notes: none when it has none. */
const struct notes *slide_notes(const struct deck *d, const struct slide *sl);

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
