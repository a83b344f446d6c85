/* markdown.h — the importer for Markdown decks: pandoc-style slides (YAML
 * front matter, # section, ## slide, ### block, lists as points), read
 * with libcmark, the CommonMark reference parser. */
#ifndef LECTERN_MARKDOWN_H
#define LECTERN_MARKDOWN_H

#include <stdbool.h>

#include "lectern/deck.h"
#include "lectern/error.h"
#include "lectern/source.h"

/* Builds a deck from the Markdown in src. Every file that is text gives a
 * deck: what lectern does not present as such (tables, images, raw HTML,
 * nested lists, ...) is shown as plain text and warned about at its place,
 * so nothing is dropped in silence. Caller frees *out with deck_free.
 * False (with *err) only when the parser cannot run at all. */
bool markdown_import(struct source *src, struct deck **out,
		     struct lt_error *err);

#endif
