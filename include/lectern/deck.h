/* deck.h — the deck model: deck → sections → slides → blocks → points, the
 * table of contents, and the importer's warnings. The model knows nothing of
 * widths, terminals or view state. All its text is valid UTF-8 with control
 * characters made inert (text_inert), so any of it may reach a terminal.
 * Source ranges are the importer's positions (source_offset): byte offsets
 * into the deck file as read when it is UTF-8, into the text as decoded
 * otherwise; warnings get the file's own offsets, lines and columns. */
#ifndef LECTERN_DECK_H
#define LECTERN_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "No such index": a section outside the contents, a search with no
 * match. The one spelling of it in lectern. */
#define NO_INDEX SIZE_MAX

struct span {
	size_t start, end; /* [start, end) in the original bytes */
};

struct point {
	char *text;
	struct span src;
};

struct block {
	char *title; /* "" when the deck has none for it */
	struct point *points;
	size_t npoints;
	struct span src;
	bool title_after_points; /* found dangling after the slide's points */
};

struct slide {
	char *header;
	struct block *blocks;
	size_t nblocks;
	struct span src;
};

struct section {
	char *title;
	struct slide *slides;
	size_t nslides;
	struct span src;
	size_t toc_index; /* index into deck.toc, or NO_INDEX */
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
	bool present; /* a section of the body has this title */
	struct span src; /* the entry in the contents box */
};

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
};

/* An empty deck. Caller frees with deck_free. */
struct deck *deck_new(void);
/* Frees the deck and everything in it; accepts NULL. */
void deck_free(struct deck *d);

/* Appends an empty node and returns it (owned by its parent). */
struct section *deck_add_section(struct deck *d);
struct slide *section_add_slide(struct section *s);
struct block *slide_add_block(struct slide *sl);
struct point *block_add_point(struct block *b);
void deck_add_toc(struct deck *d, char *title); /* takes ownership */

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
