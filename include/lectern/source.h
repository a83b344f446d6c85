/* source.h — a deck's bytes, read and checked, ready for an importer of
 * any format. Reading rejects what no importer could use (a missing file, a
 * directory, an empty or oversized file, text that cannot be decoded) with
 * an error that says where. The text keeps its lines: what carries
 * structure is the importer's business (the outline format drops line
 * breaks, Markdown lives on them). */
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
};

/* Reads path ("-" for stdin) into *out. Returns false with *err set on any
 * failure. Caller frees with source_free. */
bool source_read(const char *path, struct source *out, struct lt_error *err);

/* Builds a source from memory (tests, fuzzing). Same checks as reading. */
bool source_from_bytes(const char *name, const char *bytes, size_t n,
		       struct source *out, struct lt_error *err);

void source_free(struct source *s);

/* Offset in the file as read of position pos in text. */
size_t source_offset(const struct source *s, size_t pos);

#endif
