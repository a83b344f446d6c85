/* export.h — a deck as plain text (laid out as the screen shows it) or as
 * JSON (its structure and warnings). Both write into a strbuf; the caller
 * decides where the bytes go. */
#ifndef LECTERN_EXPORT_H
#define LECTERN_EXPORT_H

#include "lectern/deck.h"
#include "lectern/layout.h"
#include "lectern/strbuf.h"

/* Every slide at o->width columns. Before each slide but the first, a line
 * of a form feed and the slide's number ("\fslide 4 of 24", shorter when
 * the width is less). No line is wider than o->width, a form feed taking
 * no column. */
void export_text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o);

/* One page's lines, as text, trailing blanks trimmed. */
void export_page_text(struct strbuf *out, const struct page *pg);

/* {"title", "toc", "sections": [{"title", "slides": [{"header", "blocks":
 * [{"title", "points"}]}]}], "warnings": [{"line", "column", "offset",
 * "slide_number", "section", "slide", "message"}], "truncated",
 * "missing_sections"}. A warning's line and column (in characters) and
 * offset (bytes) are in the file; slide_number is the slide the viewer
 * shows it on; section and slide count within the deck and the section. */
void export_json(struct strbuf *out, const struct deck *d);

#endif
