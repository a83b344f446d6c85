/* opening.h — the slides while the deck is still being read (loading.h).
 * The app starts on a deck holding what the head of the file told for
 * certain (deck_load_head: the title page) and with app.loading set (the
 * status line counts "…"). The read starts once that first frame is on
 * the terminal. Meanwhile keys that need no deck act at once (quit,
 * help, a black or white screen, suspend), and every other key waits
 * for the deck, with a notice: the keys waiting are replayed, in order,
 * once it is in. Then `ready` gets the deck, to hand to the app
 * (app_set_deck) and to begin the talk with. A deck that cannot be read
 * ends the show: opening_failed says why. */
#ifndef LECTERN_OPENING_H
#define LECTERN_OPENING_H

#include <stdbool.h>

#include "lectern/app.h"
#include "lectern/error.h"
#include "lectern/loader.h"
#include "lectern/show.h"

struct opening;

/* Takes ownership of d. */
typedef void opening_ready_fn(void *ctx, struct deck *d);

/* The show `inner` (the app's: viewer_app_show) until the deck of path
 * (read as format and encoding, which must outlive the opening) is in,
 * then `ready`. a must be inner's app. Caller frees with opening_free. */
struct opening *opening_new(const struct show *inner, struct app *a,
			    const char *path, const struct deck_format *format,
			    const char *encoding, opening_ready_fn *ready,
			    void *ctx);

/* The opening as a show, for viewer_loop. */
void opening_show(struct opening *o, struct show *s);

/* True when the deck could not be read (the show quit): *err says why. */
bool opening_failed(const struct opening *o, struct lt_error *err);

/* Frees o; a read still going on is abandoned (loading_abandon).
 * Accepts NULL. */
void opening_free(struct opening *o);

#endif
