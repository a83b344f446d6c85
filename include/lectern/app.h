/* app.h — the viewer's state and behaviour, without a terminal: which
 * slide and screen is shown, the modes (slide view, help, overview,
 * search prompt, black screen), search, go-to counts, reload. Keys come in
 * as key codes, time as the loop's clock (app_tick); what to show goes out
 * as a frame (frame.h) that screen.c draws. The app does no I/O of its own:
 * reload reads through the loader it is given. View state lives here,
 * never in the deck. */
#ifndef LECTERN_APP_H
#define LECTERN_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"
#include "lectern/error.h"
#include "lectern/frame.h"
#include "lectern/keys.h"
#include "lectern/layout.h"
#include "lectern/talk.h"

enum mode {
	MODE_SLIDE, MODE_HELP, MODE_OVERVIEW, MODE_BLACK, MODE_WHITE,
	MODE_SEARCH
};

/* Smallest terminal the slides are drawn in; below it, a notice. */
#define APP_MIN_WIDTH 20
#define APP_MIN_HEIGHT 6

struct deck_format;

/* How the deck is read again on reload: deck_load_encoded (loader.h) in
 * the program, anything of that shape in tests. */
typedef bool deck_load_fn(const char *path, const struct deck_format *format,
			  const char *encoding, struct deck **out,
			  struct lt_error *err);

struct app {
	struct deck *deck;  /* owned */
	struct deck_index ix;
	char *path;         /* for reload; "-" is stdin */
	deck_load_fn *load; /* for reload; NULL: none */
	const struct deck_format *format;
	const char *encoding; /* for reload, as given; NULL: found by reading */
	struct layout_opts lo;
	struct keymap keys;
	int width, height;
	int64_t now_ms;     /* the loop's wall clock, ms since the epoch */
	size_t slide;       /* 0-based index into ix */
	size_t screen;      /* continuation screen within the slide */
	bool at_end;        /* past the last slide: the end-of-deck screen */
	/* the current slide laid out once per size, and where each of its
	 * continuation screens starts (for body height starts_body) */
	struct page *page;
	size_t *starts, nscreens, starts_cap;
	int starts_body;    /* 0: not computed */
	enum mode mode;
	unsigned long count;   /* digits typed before a key */
	bool has_count;
	bool toc_jump;         /* after 't': digits pick a section */
	size_t back_slide, back_screen; /* before the last jump */
	bool has_back;
	char search[256];      /* the active search, "" for none */
	size_t *matches, nmatches; /* the slides it matches, in order */
	char input[256];       /* the search being typed */
	size_t ov_sel, ov_top; /* overview selection and scroll */
	size_t help_top;       /* help's scroll */
	char **notices;        /* the config's problems, shown atop help */
	size_t nnotices;
	char message[512];     /* shown in the status line until a key */
	char footer[256];      /* the status line's template; "" hides it */
	bool reveal_points;    /* each key shows one more point */
	size_t revealed;       /* points shown on this slide (SIZE_MAX: all) */
	struct talk talk;      /* the timer, the plan, a rehearsal (talk.h) */
	uint32_t step;         /* the slide's reveal step shown (<!-- pause -->
				* in a Markdown deck); UINT32_MAX: all */
	bool notes;            /* the speaker notes pane is open */
	struct page *notes_page; /* its layout, cached like page */
	bool loading;          /* the deck is still being read: it holds
				* only what its head told (loading.h) */
	bool quit;             /* the loop ends */
	bool suspend;          /* the loop hands the terminal to the shell */
};

/* Presenting settings beyond layout and keys (see config.h). */
struct app_settings {
	const char *footer;    /* NULL: the default template */
	bool reveal_points;
	unsigned long start;   /* 1-based slide, 0: the first */
	deck_load_fn *load;    /* NULL: no reload */
	const struct deck_format *format; /* passed to load */
	const char *encoding;  /* passed to load; must outlive the app */
	/* the config file's problems: the status line counts them at the
	 * start and the help overlay lists them (copied) */
	char *const *notices;
	size_t nnotices;
	const struct talk_settings *talk; /* NULL: no duration, no rehearsal */
};

/* Takes ownership of deck. path is copied. */
void app_init(struct app *a, struct deck *deck, const char *path,
	      const struct layout_opts *lo, const struct keymap *km,
	      const struct app_settings *settings);
void app_free(struct app *a);

void app_resize(struct app *a, int width, int height);

/* One key from the terminal (a code point or a KEY_* value). */
void app_key(struct app *a, int key);

/* The loop's clock, read once per wake-up: the app never reads it. */
void app_tick(struct app *a, int64_t now_ms);

/* Milliseconds after the last tick until the frame changes by itself
 * (the clock in the status line); -1 when it never does, so that an idle
 * viewer need not wake up. */
int64_t app_next_change(const struct app *a);

/* Re-reads the deck through the loader; on failure keeps the old deck and
 * puts the error in the status line. */
void app_reload(struct app *a);

/* Swaps in deck d (takes ownership; the old one is freed) at slide (0-based,
 * clamped), as a reload or a deck read in the background does; the
 * search, if any, is run again on it. */
void app_set_deck(struct app *a, struct deck *d, size_t slide);

/* Where the audience is, in terms that hold at any size: the slide, what
 * covers it, how much of it is revealed, and the first point on the
 * screen (so that a view of another size shows the screen holding it).
 * Overlays (help, the overview, the prompt) are the presenter's own and
 * not part of it. */
enum app_cover { APP_SLIDE, APP_BLACK, APP_WHITE, APP_END };

struct app_position {
	size_t slide;
	enum app_cover cover;
	size_t revealed;  /* points shown; SIZE_MAX: all */
	int block, point; /* the first point on screen; -1: the top */
	uint32_t step;    /* the reveal step shown; UINT32_MAX: all */
};

void app_get_position(struct app *a, struct app_position *p);
/* Shows p (a follower's view). */
void app_set_position(struct app *a, const struct app_position *p);

/* What the status line's fields show now (footer.h), with a progress bar
 * of bar cells: for the presenter's console, which shows the time too. */
void app_footer_info(struct app *a, int bar, struct footer_info *in);

/* What the terminal should show now. Caller frees with frame_free. */
void app_frame(struct app *a, struct frame *f);

/* The continuation screens of the current slide. */
size_t app_screens(struct app *a);

#endif
