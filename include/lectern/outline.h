/* outline.h — the importer for the flattened "目录页" outline format. */
#ifndef LECTERN_OUTLINE_H
#define LECTERN_OUTLINE_H

#include <stdbool.h>

#include "lectern/deck.h"
#include "lectern/source.h"

/* Recovers the deck's structure from src. On success *out is a new deck
 * (caller frees with deck_free) whose warnings say every place the importer
 * had to guess or found text missing. Text that is not in this format at
 * all is rejected: false, with *err saying what was expected and where.
 * The deck may take src's text (source_give_text) and keep its strings
 * there, with a NUL written over a byte after each (a separator, a
 * marker's first digit, a blank): one byte for one, never a line break,
 * so the text keeps its length, lines and characters, and positions are
 * located in it as before. Its hash is to be taken before. */
bool outline_import(struct source *src, struct deck **out,
		    struct lt_error *err);

/* The deck title that outline_import would give, from head, the first
 * bytes of the deck only (source_read_head): true with *title (caller
 * frees) when the head holds the title and the section cover that
 * confirms it, so that no text after the head can change it; false when
 * only more of the text could tell. */
bool outline_head_title(const struct source *head, char **title);

#endif
