/* loading.h — reading a deck in the background: deck_load_encoded
 * (loader.h) run on a thread of its own, so that the terminal loop can
 * show the first screen and answer keys while a large deck is imported.
 * The loop learns that the deck is in from a descriptor that becomes
 * readable (poll it with the terminal's), and takes the deck from the
 * thread. The importers keep no state between calls that another thread
 * touches, but some build tables as they go (seam.c): run one import at
 * a time, as the viewer does (no reload until the deck is in). */
#ifndef LECTERN_LOADING_H
#define LECTERN_LOADING_H

#include <stdbool.h>

#include "lectern/deck.h"
#include "lectern/error.h"
#include "lectern/loader.h"

struct loading;

/* Starts reading path as format and encoding (as deck_load_encoded
 * takes them; both must outlive the load). NULL with *err set when no
 * thread can be had. Finish with loading_finish or loading_abandon. */
struct loading *loading_start(const char *path, const struct deck_format *format,
			      const char *encoding, struct lt_error *err);

/* Readable once the deck is read (or the reading failed). */
int loading_fd(const struct loading *l);

/* Has the thread finished? Does not wait. */
bool loading_done(const struct loading *l);

/* Waits for the thread and frees l. True with *out the deck (caller frees
 * with deck_free), else false with *err as deck_load_encoded set it. */
bool loading_finish(struct loading *l, struct deck **out, struct lt_error *err);

/* Gives up on the deck without waiting (q while it loads): the thread
 * frees what it read, and l, when it finishes; if the process exits
 * first, the thread ends with it. Accepts NULL. */
void loading_abandon(struct loading *l);

#endif
