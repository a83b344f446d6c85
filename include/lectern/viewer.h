/* viewer.h — presenting a deck full-screen: the terminal checks, the
 * signal handling and the loop that feeds keys to the app and frames to
 * the screen. */
#ifndef LECTERN_VIEWER_H
#define LECTERN_VIEWER_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/config.h"
#include "lectern/deck.h"
#include "lectern/error.h"
#include "lectern/loader.h"

/* Presents deck (takes ownership) read from path as format (NULL: by its
 * ending) and encoding (NULL: found by reading); reload reads it the same
 * way. cfg holds the settings, problems the config file's problems (NULL:
 * none), which the status line counts and the help overlay lists.
 * Returns the exit status: 0 after q, 128 + N after signal N (the terminal
 * restored first), 3 when there is no usable terminal (after a one-line
 * message on stderr). */
int viewer_run(struct deck *deck, const char *path,
	       const struct deck_format *format, const char *encoding,
	       const struct config *cfg, const struct config_diags *problems);

/* Presents the deck at path (a file, not "-") as viewer_run does. A
 * large deck is read in the background (opening.h): its title page, from
 * the head of the file, comes first, and the rest once read; a small one
 * is read first. Returns viewer_run's exit status, or 2 with *err set
 * when the deck cannot be read (the terminal restored first). */
int viewer_run_file(const char *path, const struct deck_format *format,
		    const char *encoding, const struct config *cfg,
		    const struct config_diags *problems, struct lt_error *err);

struct app;
struct show;

/* Runs a show full-screen: the terminal and locale checks, the signals
 * that end it cleanly (SIGTERM, SIGHUP when an SSH link drops, SIGINT),
 * the one poll loop, and the terminal put back. Returns the exit status:
 * 0 when the show quits, 128 + N after signal N, 3 when there is no
 * usable terminal (after a one-line message on stderr). */
int viewer_loop(const struct show *s, const struct config *cfg);

/* The slides of an app as a show. */
void viewer_app_show(struct app *a, struct show *s);

/* Presents deck (takes ownership) with the presenter's console, publishing
 * to followers on the Unix socket `socket` (a name or a path; NULL: the
 * deck's name); the other arguments as viewer_run's. 3 when the socket
 * cannot be had (another presenter). */
int viewer_present(struct deck *deck, const char *path,
		   const struct deck_format *format, const char *encoding,
		   const struct config *cfg, const struct config_diags *problems,
		   const char *socket);

/* Shows what the presenter at socket (a name or a path; NULL: the only
 * one) shows, until q. */
int viewer_follow(const char *socket, const struct config *cfg);

/* Makes sure LC_CTYPE is a UTF-8 locale: the user's, else C.UTF-8. False
 * (with a message in err) when the system has none. */
bool viewer_utf8_locale(char *err, size_t errlen);

#endif
