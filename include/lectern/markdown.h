/* markdown.h — the importer for Markdown decks: pandoc-style slides (YAML
 * front matter, # section, ## slide, ### block, lists as points), read
 * with libcmark, the CommonMark reference parser. */
#ifndef LECTERN_MARKDOWN_H
#define LECTERN_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

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

/* The title markdown_import will give, from the head of the file alone
 * (loader.h, deck_format.head_title): the front matter's. */
bool markdown_head_title(const struct source *head, char **title);

/* libcmark's tree costs some six times the text it parses: markdown_import
 * gives it pieces of at least this many bytes, cut where the deck is the
 * same as from the whole text (markdown.c, "pieces"). */
#define MARKDOWN_PIECE_BYTES ((size_t)64 << 10)

/* markdown_import in pieces of at least `piece` bytes: 0 cuts at every
 * place it may, SIZE_MAX parses the whole text at once. The deck does not
 * depend on it; tests check that it does not. *parses (unless NULL) is
 * set to how many times libcmark ran, pieces tried again included. */
bool markdown_import_pieces(struct source *src, size_t piece,
			    size_t *parses, struct deck **out,
			    struct lt_error *err);

#endif
