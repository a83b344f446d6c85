/* thai.h — where the words of Thai end. Thai is written without spaces
 * between words, so both the outline importer (a glued title starts at a
 * word) and line breaking (UAX #14 leaves its "complex context" scripts to
 * a dictionary) need to be told: libthai's dictionary does, when lectern
 * is built with it (-Dthai). Nothing else here knows of libthai. */
#ifndef LECTERN_THAI_H
#define LECTERN_THAI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A character of the Thai block (letters, vowels, marks, digits). */
bool thai_char(uint32_t cp);

/* Sets brk[i] (0 < i < n) where a word ends before cps[i] inside a run of
 * Thai characters of cps; leaves every other entry as it is. False, and
 * nothing set, when lectern has no Thai dictionary (built without libthai,
 * or its data not installed): callers then fall back on what they know.
 * Safe from any thread. */
bool thai_word_ends(const uint32_t *cps, size_t n, bool *brk);

#endif
