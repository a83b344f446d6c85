/* frontmatter.h — a Markdown deck's YAML front matter: the block between
 * a first line "---" and the next line "---" or "...", read with libyaml.
 * It gives the deck's title, its contents (the 目录页 entries, those with
 * no section too), the contents page's label and whether the text was cut
 * off. Problems are warnings on the deck, at their place in the file; a
 * block that is not a YAML mapping is not front matter (the caller reads
 * it as Markdown). */
#ifndef LECTERN_FRONTMATTER_H
#define LECTERN_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/deck.h"
#include "lectern/source.h"

struct frontmatter {
	bool found;         /* a valid block was there */
	size_t body;        /* where the Markdown starts, in src->text */
	size_t body_line;   /* lines before it */
	size_t key_at;      /* where its first key is, in src->text */
	char *title;        /* NULL when not given */
	char *contents_label;
	bool has_contents;
	char **contents;    /* ncontents titles */
	size_t *contents_at; /* where each is, in src->text */
	size_t ncontents;
	size_t contents_key_at;
	bool truncated;
};

/* Reads the front matter at the start of src->text, if any; warnings go
 * to d. Its strings are inert. Free with frontmatter_free. */
void frontmatter_read(const struct source *src, struct deck *d,
		      struct frontmatter *fm);
void frontmatter_free(struct frontmatter *fm);

/* The deck title the front matter gives (or "", none), from the head of
 * a file alone: true, with *title for the caller to free, when the head
 * holds all that decides it (a first line that is not "---", a rule, or
 * a block closed by a whole line); true with *title NULL when the block
 * closes past FRONTMATTER_HEAD_MAX bytes, too long to read for a first
 * screen; false when the rest of the file could change it. */
bool frontmatter_head_title(const struct source *head, char **title);

/* The longest front matter frontmatter_head_title reads: some 140,000
 * contents entries, read in about 30 ms on the project's machine. */
#define FRONTMATTER_HEAD_MAX ((size_t)1024 * 1024)

#endif
