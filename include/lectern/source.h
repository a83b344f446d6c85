/* source.h — a deck's bytes, read and checked, ready for an importer.
 * Reading rejects what no importer could use (a missing file, a directory,
 * an empty or oversized file, invalid UTF-8) with an error that says where.
 * Normalising drops what carries no structure in the outline format (a BOM,
 * CR and LF) and remembers where each dropped byte was, so importers work
 * on one clean string and still report offsets into the file as read. */
#ifndef LECTERN_SOURCE_H
#define LECTERN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

/* Largest deck lectern reads: beyond this, a clear error. */
#define SOURCE_MAX_BYTES ((size_t)128 * 1024 * 1024)

/* What went wrong, and where. */
struct lt_error {
	bool has_offset;
	size_t offset;  /* byte offset in the file, when has_offset */
	char what[480];
};

void lt_error_set(struct lt_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lt_error_at(struct lt_error *e, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A byte run removed by normalisation: at normalised position `pos`, the
 * file had `removed` bytes in total removed up to and including this run. */
struct source_gap {
	size_t pos;
	size_t removed;
	bool newline; /* the run held a line break */
};

struct source {
	char *name;   /* as given on the command line, for messages */
	char *text;   /* normalised, NUL-terminated, valid UTF-8 */
	size_t len;
	struct source_gap *gaps;
	size_t ngaps;
};

/* Reads path ("-" for stdin) into *out. Returns false with *err set on any
 * failure. Caller frees with source_free. */
bool source_read(const char *path, struct source *out, struct lt_error *err);

/* Builds a source from memory (tests, fuzzing). Same checks as reading. */
bool source_from_bytes(const char *name, const char *bytes, size_t n,
		       struct source *out, struct lt_error *err);

void source_free(struct source *s);

/* Offset in the file as read of normalised position pos. */
size_t source_offset(const struct source *s, size_t pos);

/* Index of the first gap after normalised position pos (ngaps if none). */
size_t source_gap_after(const struct source *s, size_t pos);

/* True when a line break stood right before normalised position pos. */
bool source_newline_before(const struct source *s, size_t pos);

#endif
