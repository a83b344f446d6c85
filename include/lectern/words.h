/* words.h — a general Chinese dictionary, for telling where words begin
 * and end in text with no spaces. Built in at compile time from Debian's
 * jieba dictionary (python3-jieba; meson option zh_words), not from any
 * deck; without it every function here answers "no dictionary" and the
 * seam model simply goes without (see seam.c). */
#ifndef LECTERN_WORDS_H
#define LECTERN_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest run words_cuts takes, in code points. */
#define WORDS_MAXRUN 64

/* Is a dictionary built in? */
bool words_builtin(void);

/* Is s[0, n) a word of the dictionary (2 to 4 Han characters)? */
bool words_contains(const uint32_t *s, size_t n);

/* Segments the run s[0, n) (n <= WORDS_MAXRUN) into the likeliest words
 * (a unigram model over the dictionary's frequencies; a character it does
 * not know stands alone, as the rarest word). For each 0 < i < n:
 * gap[i] is how much less likely (in nats) the best segmentation that has
 * a word boundary before s[i] is than the best one of all (0: s[i] starts
 * a word of the best segmentation), and flags[i] says what stands on
 * either side of that boundary (WORDS_VERB_*). gap and flags hold n + 1
 * entries. False, and nothing written, when no dictionary is built in or
 * n is out of range. */
enum {
	WORDS_VERB_AFTER = 1,  /* the best segmentation of s[i, n) starts with
				* a verb of two characters or more */
	WORDS_VERB_BEFORE = 2, /* that of s[0, i) ends with one */
};
bool words_cuts(const uint32_t *s, size_t n, double *gap,
		unsigned char *flags);

#endif
