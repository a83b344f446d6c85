/* loader.c — the table of deck formats and the path from a file to a
 * deck: source.c reads, decodes and checks the bytes, the format's
 * importer builds the deck, and the loader then says where each warning
 * is (line, column and file offset from the source, the slide number from
 * the deck's index) and adds what only reading saw: a guessed encoding, a
 * file cut inside a character. Knows no format's rules itself. */
#include "lectern/loader.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lectern/hash.h"
#include "lectern/layout.h"
#include "lectern/markdown.h"
#include "lectern/outline.h"
#include "lectern/source.h"
#include "lectern/strbuf.h"

static const char *const outline_ext[] = { ".txt", NULL };
static const char *const markdown_ext[] = { ".md", ".markdown", NULL };

const struct deck_format deck_formats[] = {
	{ "outline", outline_ext, outline_import, outline_head_title },
	{ "markdown", markdown_ext, markdown_import, markdown_head_title },
};
const size_t deck_nformats = sizeof deck_formats / sizeof *deck_formats;

const struct deck_format *deck_format_named(const char *name)
{
	for (size_t i = 0; i < deck_nformats; i++)
		if (strcmp(deck_formats[i].name, name) == 0)
			return &deck_formats[i];
	return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcasecmp(s + n - k, tail) == 0;
}

const struct deck_format *deck_format_for(const char *path)
{
	for (size_t i = 0; i < deck_nformats; i++)
		for (const char *const *e = deck_formats[i].extensions; *e; e++)
			if (ends_with(path, *e))
				return &deck_formats[i];
	return &deck_formats[0];
}

/* The text position of an importer's position (source_offset). */
static size_t text_pos(const struct source *src, size_t offset)
{
	return offset >= src->base ? offset - src->base : 0;
}

/* What reading saw and the importer could not: a guessed encoding (on the
 * title page, as it concerns the whole file) and a last character cut
 * off. Returns the seq of the encoding warning, or NO_INDEX. */
static size_t reading_warnings(const struct source *src, struct deck *d)
{
	size_t enc = NO_INDEX;
	if (src->guessed) {
		if (d->nwarnings < DECK_MAX_WARNINGS)
			enc = d->nwarnings;
		deck_warn(d, src->base, 0, 0, "not UTF-8: read as %s (if that "
			  "is wrong, name the encoding with --encoding)",
			  src->encoding);
	}
	if (src->cut) {
		size_t s = d->nsections;
		d->truncated = true;
		deck_warn(d, source_offset(src, src->len), s,
			  s ? d->sections[s - 1].nslides : 0,
			  "the file ends inside a character (%zu byte%s left "
			  "out): the text is cut off here", src->cut,
			  src->cut == 1 ? "" : "s");
	}
	return enc;
}

/* Gives every warning its line, column, file offset and slide number.
 * The head's warnings are about the contents, shown on slide 2. */
static void locate_warnings(const struct source *src, struct deck *d,
			    size_t enc_seq)
{
	if (d->nwarnings == 0)
		return;
	size_t *pos = xcalloc(d->nwarnings, sizeof *pos);
	struct source_loc *loc = xcalloc(d->nwarnings, sizeof *loc);
	for (size_t i = 0; i < d->nwarnings; i++)
		pos[i] = text_pos(src, d->warnings[i].offset);
	source_locate(src, pos, d->nwarnings, loc);
	struct deck_index ix;
	deck_index_build(&ix, d);
	for (size_t i = 0; i < d->nwarnings; i++) {
		struct warning *w = &d->warnings[i];
		w->offset = loc[i].offset;
		w->line = loc[i].line;
		w->column = loc[i].column;
		if (w->seq == enc_seq)
			w->number = 1;
		else if (w->section == 0 || w->section > d->nsections)
			w->number = 2;
		else if (d->sections[w->section - 1].no_cover)
			/* no cover page: slide 1 is the section's first page */
			w->number = ix.section_first[w->section - 1] +
				    (w->slide ? w->slide : 1);
		else
			w->number = ix.section_first[w->section - 1] + w->slide + 1;
	}
	deck_index_free(&ix);
	free(pos);
	free(loc);
}

static bool import(const char *name, struct source *src,
		   const struct deck_format *format, struct deck **out,
		   struct lt_error *err)
{
	if (!format)
		format = deck_format_for(name);
	/* the text as read: the import may write into it (outline.h) */
	uint64_t hash = hash_bytes(src->text, src->len);
	bool ok = format->import(src, out, err);
	if (ok) {
		(*out)->content_hash = hash;
		size_t enc = reading_warnings(src, *out);
		deck_sort_warnings(*out);
		locate_warnings(src, *out, enc);
		deck_shrink(*out);
	} else if (err->has_offset) {
		size_t pos = text_pos(src, err->offset);
		struct source_loc loc;
		source_locate(src, &pos, 1, &loc);
		err->offset = loc.offset;
		err->has_line = true;
		err->line = loc.line;
		err->column = loc.column;
	}
	source_free(src);
	return ok;
}

bool deck_load_encoded(const char *path, const struct deck_format *format,
		       const char *encoding, struct deck **out,
		       struct lt_error *err)
{
	struct source src;
	*out = NULL;
	if (!source_read(path, encoding, &src, err))
		return false;
	return import(path, &src, format, out, err);
}

bool deck_load(const char *path, const struct deck_format *format,
	       struct deck **out, struct lt_error *err)
{
	return deck_load_encoded(path, format, NULL, out, err);
}

bool deck_load_bytes(const char *name, const char *bytes, size_t n,
		     const struct deck_format *format, struct deck **out,
		     struct lt_error *err)
{
	struct source src;
	*out = NULL;
	if (!source_from_bytes(name, bytes, n, NULL, &src, err))
		return false;
	return import(name, &src, format, out, err);
}

/* The head grows fourfold from here until it tells the title. */
#define HEAD_FIRST ((size_t)64 * 1024)

struct deck *deck_load_head(const char *path, const struct deck_format *format,
			    const char *encoding)
{
	if (strcmp(path, "-") == 0)
		return NULL;
	if (!format)
		format = deck_format_for(path);
	if (!format->head_title)
		return NULL;
	for (size_t max = HEAD_FIRST; max <= DECK_HEAD_MAX; max *= 4) {
		struct source head;
		struct lt_error err;
		bool whole;
		if (!source_read_head(path, encoding, max, &head, &whole, &err))
			return NULL;
		/* UTF-8 (by its bytes or its BOM), as the whole file must be
		 * for the title to be the same */
		char *title = NULL;
		bool known = !head.encoding && !head.guessed &&
			     format->head_title(&head, &title);
		source_free(&head);
		if (known && !title)
			return NULL; /* it cannot tell, and more would not help */
		if (known) {
			struct deck *d = deck_new();
			d->title = deck_take_str(d, title);
			return d;
		}
		if (whole)
			return NULL;
	}
	return NULL;
}
