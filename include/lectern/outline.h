/* outline.h — the importer for the flattened "目录页" outline format. */
#ifndef LECTERN_OUTLINE_H
#define LECTERN_OUTLINE_H

#include <stdbool.h>

#include "lectern/deck.h"
#include "lectern/source.h"

/* Recovers the deck's structure from src. On success *out is a new deck
 * (caller frees with deck_free) whose warnings say every place the importer
 * had to guess or found text missing. Text that is not in this format at
 * all is rejected: false, with *err saying what was expected and where. */
bool outline_import(const struct source *src, struct deck **out,
		    struct lt_error *err);

#endif
