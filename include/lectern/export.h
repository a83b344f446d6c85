/* export.h — a deck as plain text (laid out as the screen shows it), as
 * JSON (its structure and warnings) or as Markdown (a deck lectern and
 * other tools read back). All write into a strbuf; the caller decides
 * where the bytes go. */
#ifndef LECTERN_EXPORT_H
#define LECTERN_EXPORT_H

#include "lectern/deck.h"
#include "lectern/layout.h"
#include "lectern/strbuf.h"

/* Every slide at o->width columns. Before each slide but the first, a line
 * of a form feed and the slide's number ("\fslide 4 of 24", shorter when
 * the width is less). No line is wider than o->width, a form feed taking
 * no column.
 * With notes, each slide's speaker notes follow it, under a rule. */
void export_text(struct strbuf *out, const struct deck *d,
		 const struct layout_opts *o);
void export_text_notes(struct strbuf *out, const struct deck *d,
		       const struct layout_opts *o);

/* One page's lines, as text, trailing blanks trimmed. */
void export_page_text(struct strbuf *out, const struct page *pg);

/* {"title", "toc", "sections": [{"title", "slides": [{"header", "blocks":
 * [{"title", "points"}]}]}], "warnings": [{"line", "column", "offset",
 * "slide_number", "section", "slide", "message"}], "truncated",
 * "missing_sections"}. A warning's line and column (in characters) and
 * offset (bytes) are in the file; slide_number is the slide the viewer
 * shows it on; section and slide count within the deck and the section.
 * Where a deck has them, "notes": [{"step", "text"}] on the deck (its
 * title page), a section (its cover) and a slide, and "cover": false on a
 * section without a cover. */
void export_json(struct strbuf *out, const struct deck *d);

/* The deck as a Markdown deck (markdown.c reads it back to the same deck;
 * exporting that again gives the same bytes). When diag is not NULL it
 * gets a line "name:LINE:COL: warning: slide N: message" for each of the
 * deck's warnings, as --check has them, at the line written for the
 * element the warning is about (the column in characters). */
void export_markdown(struct strbuf *out, const struct deck *d,
		     const char *name, struct strbuf *diag);
/* The same without the speaker notes: what an audience may be sent. */
void export_markdown_public(struct strbuf *out, const struct deck *d);

#endif
