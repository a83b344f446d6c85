/* config.h — the user's settings: key bindings, theme, layout, footer and
 * presenting options, read from an INI file (inih) and the command line.
 * Problems are collected as "path:line: [section] key: message" lines and
 * the setting keeps its default: a broken config never stops a talk. */
#ifndef LECTERN_CONFIG_H
#define LECTERN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/keys.h"
#include "lectern/layout.h"
#include "lectern/resume.h"
#include "lectern/style.h"
#include "lectern/talk.h"
#include "lectern/termbg.h"

enum numbering { NUM_DECIMAL, NUM_PAREN, NUM_BULLET };

struct config {
	struct keymap keys;
	char theme[16];               /* auto, dark, light or mono */
	bool theme_named;             /* [theme] name set it (NO_COLOR yields) */
	struct style styles[FS_COUNT];
	bool style_set[FS_COUNT];     /* overridden in [theme] */
	int margin;                   /* -1: chosen by width */
	int side_by_side;             /* width from which blocks go side by side */
	int measure;                  /* widest text area; 0: the whole width */
	enum numbering numbering;
	int ambiguous;                /* 1 or 2 */
	char footer[256];             /* template; "" hides the footer */
	bool reveal_points;
	unsigned long start;          /* 1-based slide to start on, 0: first */
	/* the talk's time (talk.h) and resuming (resume.h) */
	int64_t duration_ms;          /* the planned length; 0: none */
	int end_minute;               /* --end: minutes after midnight; -1 */
	int64_t warn_ms;              /* the countdown's last minutes */
	bool timer_at_launch;         /* else at the first page turn */
	unsigned long main_end;       /* last slide of the main part; 0: last */
	enum resume_policy resume;
	/* from the command line only */
	bool start_given;             /* --start: no resuming */
	bool force_resume;            /* --resume */
	bool rehearse;                /* --rehearse */
	const char *plan;             /* --plan: "last", a file, or NULL */
};

/* Problems found while reading settings, one line each. */
struct config_diags {
	char **lines;
	size_t n, cap;
};

void config_diags_free(struct config_diags *d);

/* The layout settings of c at width columns: the one place that turns
 * the config into what layout.c takes, for the screen and the exports. */
void config_layout_opts(const struct config *c, int width,
			struct layout_opts *o);

/* The talk settings of c (the timer, the plan's main part, recording):
 * the one place that turns the config into what talk.c takes. */
void config_talk_settings(const struct config *c, struct talk_settings *t);

/* The built-in defaults (theme auto). */
void config_default(struct config *c);

/* Reads an INI file over c. Unknown sections and keys, bad values and
 * unknown key names are reported in d and leave the default. Returns false
 * only when the file cannot be read (also reported in d). */
bool config_load(struct config *c, const char *path, struct config_diags *d);

/* The same from memory (tests, fuzzing); name is used in messages. */
bool config_load_string(struct config *c, const char *name, const char *text,
			struct config_diags *d);

/* The default config file: $XDG_CONFIG_HOME/lectern/config.ini, else
 * ~/.config/lectern/config.ini. Caller frees; NULL when there is no home. */
char *config_default_path(void);

/* Whether name is a built-in theme; the themes' names as "a, b, c". */
bool config_theme_known(const char *name);
void config_theme_names(char *buf, size_t size);

/* Switches to a built-in theme, keeping [theme] overrides. False when the
 * name is unknown. */
bool config_set_theme(struct config *c, const char *name);

/* Theme auto, the default, has colours readable on light and dark
 * backgrounds; once the terminal's background is known, resolving it
 * switches to light or dark (keeping overrides). Any other theme, or an
 * unknown shade, is left as it is. */
bool config_theme_is_auto(const struct config *c);
void config_theme_resolve(struct config *c, enum termbg_shade shade);

/* The names of the themable elements, indexed by frame style. */
const char *config_element_name(int style);

/* Parses a style value ("bold cyan", "black on yellow", "214 underline").
 * False on a bad word, with the word in bad. */
bool config_parse_style(const char *value, struct style *out, char *bad,
			size_t badlen);

#endif
