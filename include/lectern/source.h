/* source.h — a deck's bytes, read, decoded to UTF-8 and checked, ready for
 * an importer of any format. Reading rejects what no importer could use (a
 * missing file, a directory, an empty or oversized file, text that cannot
 * be decoded) with an error that says where. The text keeps its lines:
 * what carries structure is the importer's business (the outline format
 * drops line breaks, Markdown lives on them). Which encodings are tried,
 * and in what order, is in source.c. */
#ifndef LECTERN_SOURCE_H
#define LECTERN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/error.h"

/* Largest deck lectern reads: beyond this, a clear error. */
#define SOURCE_MAX_BYTES ((size_t)128 * 1024 * 1024)

struct source {
	char *name;   /* as given on the command line, for messages */
	char *text;   /* NUL-terminated, valid UTF-8, lines kept, no BOM */
	size_t len;
	size_t base;  /* bytes of the file before text[0] (a BOM) */
	/* NULL when the file is UTF-8; else the encoding the text was
	 * decoded from ("UTF-16LE", "GB18030", ...), a static string or the
	 * one the caller forced */
	const char *encoding;
	bool guessed; /* the encoding is a guess (no BOM, not UTF-8) */
	size_t cut;   /* bytes of a last character the file ends inside of,
			 left out of text: the file was cut short */
	size_t file_len; /* bytes in the file */
	bool given;   /* text belongs to a deck now (source_give_text) */
};

/* Reads path ("-" for stdin) into *out, decoded from encoding (NULL: found
 * as source.c says). Returns false with *err set on any failure; errors in
 * the text carry its line and column. Caller frees with source_free. */
bool source_read(const char *path, const char *encoding, struct source *out,
		 struct lt_error *err);

/* Builds a source from memory (tests, fuzzing). Same checks as reading. */
bool source_from_bytes(const char *name, const char *bytes, size_t n,
		       const char *encoding, struct source *out,
		       struct lt_error *err);

/* Reads at most the first max bytes of the file at path into *out, with
 * the same checks as source_read: the head of a deck, for what it tells
 * before the rest is read (loader.h). *whole is set when the file ends
 * within them. A character cut at the end counts as a file cut short
 * (out->cut), and the encoding found may be one that the whole file
 * would not have. Caller frees with source_free. */
bool source_read_head(const char *path, const char *encoding, size_t max,
		      struct source *out, bool *whole, struct lt_error *err);

void source_free(struct source *s);

/* Hands s's text to the caller, who frees it. It stays readable through s
 * until source_free, which then leaves it alone: an importer takes it so
 * that its deck's strings may live in it (outline.c) while the loader
 * still locates warnings in it. */
char *source_give_text(struct source *s);

/* The position importers give: base plus the position pos in text. For a
 * UTF-8 file it is the byte offset in the file. */
size_t source_offset(const struct source *s, size_t pos);

/* Where a position in text is in the file: line and column from 1, the
 * column counted in characters (the same in any encoding), and the byte
 * offset in the file as read. */
struct source_loc {
	size_t line, column, offset;
};

/* Locates the text positions pos[0..n) into out[0..n). In ascending
 * order they take one pass over the text. */
void source_locate(const struct source *s, const size_t *pos, size_t n,
		   struct source_loc *out);

#endif
