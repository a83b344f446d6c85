/* frame.h — what the terminal should show: rows of styled spans, each at
 * its column and never past the edge. The app and its modes build frames;
 * screen.c draws them; tests read them as text. No curses here. */
#ifndef LECTERN_FRAME_H
#define LECTERN_FRAME_H

#include <stddef.h>

struct fspan {
	int col, width;
	const char *text;
	size_t len;
	int style; /* enum lstyle or FS_* (style.h) */
};

struct frame {
	int width, height;
	int ambiguous; /* the width the layout gave ambiguous characters */
	size_t *row_first, *row_count; /* height rows of spans */
	struct fspan *spans;
	size_t nspans, cap;
	char **strings; /* text the frame owns */
	size_t nstrings, strings_cap;
};

/* An empty frame of w x h cells. Free with frame_free. */
void frame_init(struct frame *f, int w, int h, int ambiguous);
void frame_free(struct frame *f);

/* Keeps s (takes ownership) for as long as the frame lives; returns it. */
const char *frame_string(struct frame *f, char *s);

/* Puts text (width columns) at row, col; cut between clusters at the
 * right edge. Spans must be added row by row, left to right. The text
 * must outlive the frame (the deck's, a page's, or frame_string's). */
void frame_put(struct frame *f, int row, int col, const char *text,
	       size_t len, int width, int style);
void frame_put_str(struct frame *f, int row, int col, const char *s,
		   int style);

/* Copies row srow of src to row row of dst, shifted right by dx, cut at
 * dst's edge. The spans' text stays src's: src must outlive dst, or hand
 * its strings over with frame_adopt. */
void frame_blit_row(struct frame *dst, int row, int dx, const struct frame *src,
		    int srow);

/* Takes src's strings over into dst (src keeps its spans, which point at
 * them, until it is freed). */
void frame_adopt(struct frame *dst, struct frame *src);

/* Empties row `row`, so that something else can be drawn over it. */
void frame_clear_row(struct frame *f, int row);

/* Puts s in at most width columns, ending in "…" where it had to be cut,
 * so that the reader knows there is more. */
void frame_put_cut(struct frame *f, int row, int col, const char *s,
		   int width, int style);

/* Row `row` as plain text, wide characters once, blank cells as spaces,
 * trailing blanks dropped. Caller frees. (Tests and the follower.) */
char *frame_row_text(const struct frame *f, int row);

#endif
