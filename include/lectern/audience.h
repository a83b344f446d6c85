/* audience.h — the audience view (lectern --follow): what the presenter
 * shows, laid out at this terminal's own size — the slide, the revealed
 * points, the screen of a tall slide that holds the presenter's first
 * point, the black, white or end screen; never the notes. The deck comes
 * with the connection. Its own keys only quit (q, Ctrl-C) or redraw
 * (Ctrl-L); nothing it does moves the presenter. A show (show.h). */
#ifndef LECTERN_AUDIENCE_H
#define LECTERN_AUDIENCE_H

#include "lectern/app.h"
#include "lectern/config.h"
#include "lectern/show.h"
#include "lectern/wire.h"

struct audience;

/* Follows the presenter at socket_path (NULL: the only one there is),
 * laying slides out with cfg's settings. Caller frees. */
struct audience *audience_new(const char *socket_path, const struct config *cfg);
void audience_free(struct audience *v);

void audience_show(struct audience *v, struct show *s);

/* What the connection delivers, for tests that feed it without one. */
void audience_take_deck(struct audience *v, uint32_t generation,
			const char *format, const char *bytes, size_t n);
void audience_take_state(struct audience *v, const struct wire_state *st);
void audience_take_status(struct audience *v, bool connected, const char *why);

#endif
