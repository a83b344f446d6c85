/* loader.h — the one way to load a deck: a file's bytes, read and checked
 * by source.c, through the importer of its format. The formats are one
 * table (name, file name endings, importer), so a new deck format is one
 * more row; every caller (main, reload, tests, fuzzing, benchmarks) goes
 * through deck_load. */
#ifndef LECTERN_LOADER_H
#define LECTERN_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/deck.h"
#include "lectern/error.h"

struct source;

struct deck_format {
	const char *name;                /* as --format takes it */
	const char *const *extensions;   /* ".txt", ...; NULL-terminated */
	/* Builds a new deck from src (caller frees with deck_free), or
	 * returns false with *err saying what and where. It may take src's
	 * text (source_give_text) for the deck. */
	bool (*import)(struct source *src, struct deck **out,
		       struct lt_error *err);
	/* The title the import will give, from the head of the file alone
	 * (true, *title for the caller to free), when the head tells it for
	 * certain; true with *title NULL when the head is sure it cannot
	 * tell in time; NULL when the format has no such rule. */
	bool (*head_title)(const struct source *head, char **title);
};

/* The formats, the default first. */
extern const struct deck_format deck_formats[];
extern const size_t deck_nformats;

/* The format called name, or NULL. */
const struct deck_format *deck_format_named(const char *name);

/* The format for path by its ending (case-insensitive), else the default
 * one. "-" (stdin) gets the default. */
const struct deck_format *deck_format_for(const char *path);

/* Reads path ("-" for stdin) and imports it as format (NULL: chosen by
 * its ending). On success *out is a new deck, every warning located (line,
 * column, file offset, slide number; deck.h); caller frees with
 * deck_free. False with *err set otherwise. */
bool deck_load(const char *path, const struct deck_format *format,
	       struct deck **out, struct lt_error *err);

/* The same, decoded from encoding (an iconv name; NULL: found by
 * source.c, as deck_load does). */
bool deck_load_encoded(const char *path, const struct deck_format *format,
		       const char *encoding, struct deck **out,
		       struct lt_error *err);

/* The same from memory (tests, fuzzing); name is used in messages and to
 * choose the format when format is NULL. */
bool deck_load_bytes(const char *name, const char *bytes, size_t n,
		     const struct deck_format *format, struct deck **out,
		     struct lt_error *err);

/* The first bytes of a deck that deck_load_head reads at most: enough
 * for the contents of 100,000 sections before the first cover. */
#define DECK_HEAD_MAX ((size_t)8 * 1024 * 1024)

/* The deck's title page before the deck is read: a new deck holding only
 * the title that deck_load_encoded will give (caller frees with
 * deck_free), read from the head of the file (at most DECK_HEAD_MAX
 * bytes, fewer when they tell); NULL when the head does not tell it for
 * certain: standard input, a format with no head rule, a head that is
 * not UTF-8, a title not confirmed within the head, a Markdown front
 * matter too long to read in time (frontmatter.h). The title is certain
 * given that the whole file is UTF-8 as its head is; a file that turns
 * out broken past its head is the full import's to report. */
struct deck *deck_load_head(const char *path, const struct deck_format *format,
			    const char *encoding);

#endif
