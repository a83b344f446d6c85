/* app_modes.h — inside the app: each mode's key and draw functions, in a
 * file of its own (help.c, overview.c, prompt.c, status.c), and the few
 * app.c functions they call. Only the app's own files include this. */
#ifndef LECTERN_APP_MODES_H
#define LECTERN_APP_MODES_H

#include "lectern/app.h"

/* app.c */
void app_go_to(struct app *a, size_t slide, bool last_screen);
/* A jump that the back key can undo. */
void app_jump(struct app *a, size_t slide);
void app_search_step(struct app *a, bool forward, bool include_current);
/* Makes q the active search (when not empty) and goes to its next match. */
void app_search_accept(struct app *a, const char *q);
/* Rows the slide may use: the height less the status line's. */
int app_body_height(const struct app *a);

/* help.c: the key list, and the config's problems above it */
void help_key(struct app *a, int key, enum action act);
void help_draw(struct app *a, struct frame *f);
/* Copies the problems and says in the status line how many there are and
 * which key shows them. */
void notices_init(struct app *a, char *const *notices, size_t n);

/* overview.c: every slide, one per row */
void overview_open(struct app *a);
void overview_key(struct app *a, int key, enum action act);
void overview_draw(struct app *a, struct frame *f);

/* prompt.c: typing a search */
void prompt_open(struct app *a);
void prompt_key(struct app *a, int key, enum action act);
void prompt_draw(struct app *a, struct frame *f);

/* notes.c: the speaker notes pane under the slide */
int notes_height(struct app *a);
void notes_draw(struct app *a, struct frame *f);
void notes_drop(struct app *a);

/* status.c: the status line */
bool status_shown(const struct app *a);
void status_draw(struct app *a, struct frame *f);

#endif
