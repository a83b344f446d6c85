/* viewer.h — presenting a deck full-screen: the terminal checks, the
 * signal handling and the loop that feeds keys to the app and frames to
 * the screen. */
#ifndef LECTERN_VIEWER_H
#define LECTERN_VIEWER_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/config.h"
#include "lectern/deck.h"
#include "lectern/source.h"

/* Presents deck (takes ownership) read from path with the settings in cfg.
 * text, the deck's source as read (NULL if already freed), is freed once
 * the first frame is on screen: unmapping a large deck's text takes
 * milliseconds the first screen need not wait for.
 * Returns the exit status: 0 after q, 128 + N after signal N (the terminal
 * restored first), 3 when there is no usable terminal (after a one-line
 * message on stderr). */
int viewer_run(struct deck *deck, struct source *text, const char *path,
	       const struct config *cfg);

/* Makes sure LC_CTYPE is a UTF-8 locale: the user's, else C.UTF-8. False
 * (with a message in err) when the system has none. */
bool viewer_utf8_locale(char *err, size_t errlen);

#endif
