/* fuzz.h — what the fuzz targets share: the libFuzzer entry point, a check
 * that aborts (so libFuzzer and the replay program both report it), and the
 * invariants every target asks of text that may reach a terminal. Nothing
 * here may change lectern's behaviour; it only looks. */
#ifndef LECTERN_FUZZ_H
#define LECTERN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/deck.h"

/* Each target defines this; libFuzzer or replay.c calls it once per input.
 * Returns 0 (libFuzzer reserves other values). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints where and why, then aborts. */
_Noreturn void fuzz_fail(const char *file, int line, const char *cond,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define FUZZ_CHECK(cond, ...)                                                \
	do {                                                                 \
		if (!(cond))                                                 \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);   \
	} while (0)

/* Loads data[0..size) as a deck file (deck_load_bytes: decoding, the
 * outline importer, warnings located). NULL when it is rejected; then the
 * error must say something, and an offset, when given, must lie inside
 * the input, a line and column from 1. Caller frees. */
struct deck *fuzz_load(const uint8_t *data, size_t size);

/* The end of the importer's positions (source_offset) in the last deck
 * fuzz_load read: the input's size for UTF-8, more for a decoded one. */
extern size_t fuzz_text_end;

/* Aborts unless s[0..n) is valid UTF-8 that a terminal cannot act on: no
 * C0 controls, DEL or C1 controls (deck.h: all model text is inert). what
 * names the string in the message. */
void fuzz_check_inert(const char *s, size_t n, const char *what);

/* What fuzz_check_json counted: object keys by name, and string values. */
struct fuzz_json {
	const char *s;
	size_t n, i;
	size_t headers, blocks_keys, points_keys, slides_keys, offsets;
	size_t strings; /* string values (not keys) */
};

/* Aborts unless s[0..n) is one well-formed JSON value (RFC 8259, strict:
 * no raw control bytes in strings, no leading zeros), counting into *j. */
void fuzz_check_json(const char *s, size_t n, struct fuzz_json *j);

#endif
