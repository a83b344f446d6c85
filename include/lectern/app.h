/* app.h — the viewer's state and behaviour, without a terminal: which
 * slide and screen is shown, overlays (help, overview, black screen),
 * search, go-to counts, reload. Keys come in as actions and characters;
 * what to show goes out as a frame of styled spans, one row per terminal
 * line, that screen.c draws. View state lives here, never in the deck. */
#ifndef LECTERN_APP_H
#define LECTERN_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/deck.h"
#include "lectern/error.h"
#include "lectern/keys.h"
#include "lectern/layout.h"

/* Styles beyond the layout's (enum lstyle). */
enum {
	FS_FOOTER = LS_COUNT, /* the status line */
	FS_PROGRESS,          /* its progress bar */
	FS_MATCH,             /* a search match */
	FS_OVERLAY,           /* help and overview text */
	FS_SELECTED,          /* the overview's current row */
	FS_NOTICE,            /* a message in the status line */
	FS_COUNT
};

struct fspan {
	int col, width;
	const char *text;
	size_t len;
	int style;
};

struct frame {
	int width, height;
	int ambiguous; /* the width the layout gave ambiguous characters */
	size_t *row_first, *row_count; /* height rows of spans */
	struct fspan *spans;
	size_t nspans, cap;
	char **strings;
	size_t nstrings, strings_cap;
};

void frame_free(struct frame *f);

enum mode { MODE_SLIDE, MODE_HELP, MODE_OVERVIEW, MODE_BLACK, MODE_SEARCH };

/* Smallest terminal the slides are drawn in; below it, a notice. */
#define APP_MIN_WIDTH 20
#define APP_MIN_HEIGHT 6

struct deck_format;

/* How the deck is read again on reload: deck_load (loader.h) in the
 * program, anything of that shape in tests. */
typedef bool deck_load_fn(const char *path, const struct deck_format *format,
			  struct deck **out, struct lt_error *err);

struct app {
	struct deck *deck;  /* owned */
	struct deck_index ix;
	char *path;         /* for reload; "-" is stdin */
	deck_load_fn *load; /* for reload; NULL: none */
	const struct deck_format *format;
	struct layout_opts lo;
	struct keymap keys;
	int width, height;
	size_t slide;       /* 0-based index into ix */
	size_t screen;      /* continuation screen within the slide */
	struct page *page;  /* layout of `slide` at `width`, cached */
	enum mode mode;
	unsigned long count;   /* digits typed before a key */
	bool has_count;
	bool toc_jump;         /* after 't': digits pick a section */
	char search[256];      /* the active search, "" for none */
	char input[256];       /* the search being typed */
	size_t ov_sel, ov_top; /* overview selection and scroll */
	char message[512];     /* shown in the status line until a key */
	char footer[256];      /* the status line's template; "" hides it */
	bool reveal_points;    /* each key shows one more point */
	size_t revealed;       /* points shown on this slide (SIZE_MAX: all) */
	bool quit;
};

/* Presenting settings beyond layout and keys (see config.h). */
struct app_settings {
	const char *footer;    /* NULL: the default template */
	bool reveal_points;
	unsigned long start;   /* 1-based slide, 0: the first */
	deck_load_fn *load;    /* NULL: no reload */
	const struct deck_format *format; /* passed to load */
};

/* Takes ownership of deck. path is copied. */
void app_init(struct app *a, struct deck *deck, const char *path,
	      const struct layout_opts *lo, const struct keymap *km,
	      const struct app_settings *settings);

/* True when the frame shows the time and needs drawing every second. */
bool app_wants_clock(const struct app *a);
void app_free(struct app *a);

void app_resize(struct app *a, int width, int height);

/* One key from the terminal (a code point or a KEY_* value). */
void app_key(struct app *a, int key);

/* Re-reads the deck from disk; on failure keeps the old deck and puts the
 * error in the status line. */
void app_reload(struct app *a);

/* What the terminal should show now. Caller frees with frame_free. */
void app_frame(struct app *a, struct frame *f);

/* The continuation screens of the current slide. */
size_t app_screens(struct app *a);

#endif
