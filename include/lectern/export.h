/* export.h — a deck as plain text (laid out as the screen shows it) or as
 * JSON (its structure and warnings). Both write into a strbuf; the caller
 * decides where the bytes go. */
#ifndef LECTERN_EXPORT_H
#define LECTERN_EXPORT_H

#include "lectern/deck.h"
#include "lectern/layout.h"
#include "lectern/strbuf.h"

/* Every slide at o->width columns, slides separated by a line holding a
 * form feed. No line is wider than o->width. */
void export_text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o);

/* One page's lines, as text, trailing blanks trimmed. */
void export_page_text(struct strbuf *out, const struct page *pg);

/* {"title", "toc", "sections": [{"title", "slides": [{"header", "blocks":
 * [{"title", "points"}]}]}], "warnings": [{"offset", "section", "slide",
 * "message"}], "truncated", "missing_sections"} */
void export_json(struct strbuf *out, const struct deck *d);

#endif
