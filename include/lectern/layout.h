/* layout.h — a deck laid out for a width: pure functions of (deck, width,
 * settings) that give each slide as lines of styled spans. The screen and
 * the text export draw the same pages, so `--export text --width W` is what
 * a W-column terminal shows. No curses here, and no view state: the page to
 * show and how far a slide is scrolled belong to the app. */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/style.h"

struct lspan {
	int col;          /* first column, from 0 */
	int width;        /* display columns */
	const char *text; /* into the deck or the page's own strings */
	size_t len;
	enum lstyle style;
	int block, point;  /* the point this span shows, or -1 */
};

struct lline {
	size_t first, count; /* spans[first .. first + count) */
	int block, point;    /* the point this line shows, or -1 */
};

enum page_kind { PAGE_TITLE, PAGE_CONTENTS, PAGE_COVER, PAGE_CONTENT };

struct page {
	enum page_kind kind;
	size_t section, slide; /* 0-based; for covers and content slides */
	bool centre;           /* title and cover pages sit mid-screen */
	struct lspan *spans;
	size_t nspans, spans_cap;
	struct lline *lines;
	size_t nlines, lines_cap;
	char **strings;        /* text the page made (numbers, marks) */
	size_t nstrings, strings_cap;
};

/* Most blocks side by side, however wide the screen. */
#define LAYOUT_MAX_COLUMNS 3

struct layout_opts {
	int width;             /* columns, >= 1 */
	int margin;            /* blank columns left and right; -1: by width */
	int side_by_side;      /* blocks go side by side from this width */
	int measure;           /* widest text area, centred; 0: no limit */
	int max_columns;       /* and at most this many (1: always stacked) */
	int ambiguous;         /* width of East Asian ambiguous characters */
	int numbering;         /* 0: "1.", 1: "1)", 2: a bullet */
};

/* The default measure: wide enough for three columns of blocks, narrow
 * enough that a slide on a 200-column window is not spread edge to edge. */
#define LAYOUT_MEASURE 120

void layout_opts_default(struct layout_opts *o, int width);

/* Where each slide of the deck is: title page, contents page, then for
 * each section its cover and its content slides. */
struct deck_index {
	size_t count;
	size_t *section_first; /* index of each section's cover */
};

void deck_index_build(struct deck_index *ix, const struct deck *d);
void deck_index_free(struct deck_index *ix);
/* The kind, section and slide of slide number i (0-based). */
enum page_kind deck_index_locate(const struct deck_index *ix,
				 const struct deck *d, size_t i,
				 size_t *section, size_t *slide);

/* Lays out slide i (0-based, < ix->count) at o->width columns. Caller frees
 * with page_free. */
struct page *layout_slide(const struct deck *d, const struct deck_index *ix,
			  size_t i, const struct layout_opts *o);
void page_free(struct page *pg);

/* The contents page's heading: the deck's own label where it has one. */
const char *layout_contents_heading(const struct deck *d);

/* The number a section's cover shows ("03"), into buf. */
void layout_cover_number(const struct deck *d, size_t s, char *buf,
			 size_t size);

/* The speaker notes of slide i (those of reveal steps up to `upto`) at
 * o->width columns, under a line "Notes ───"; no lines when it has none.
 * Never part of a slide's page: the audience does not see them. Caller
 * frees with page_free. */
struct page *layout_notes(const struct deck *d, const struct deck_index *ix,
			  size_t i, uint32_t upto, const struct layout_opts *o);

/* The widest line of a page, in columns. */
int page_width(const struct page *pg);

#endif
