/* words.h — a general Chinese dictionary, for telling where words begin
 * and end in text with no spaces, and a general language model of which
 * words follow which. Built in at compile time from Debian's jieba
 * dictionary (python3-jieba; meson option zh_words) and sunpinyin's model
 * (sunpinyin-data; zh_lm), not from any deck; without them every function
 * here answers "no dictionary" or "no model" and the seam model simply
 * goes without (see seam.c). */
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

/* Is the language model built in (meson option zh_lm; it needs the
 * dictionary)? */
bool words_lm_builtin(void);

/* What words_cuts says of the boundary before s[i]. */
struct words_cut {
	double gap; /* how much less likely (in nats) the best segmentation
		     * with a word boundary here is than the best one of all
		     * (0: s[i] starts a word of the best segmentation) */
	unsigned char flags; /* WORDS_VERB_* */
	/* With the language model, of L, the last word of the best
	 * segmentation of s[0, i), and F, the first of that of s[i, n),
	 * when both are Han and at least half the run's Han characters are
	 * in words of two or more (not so in traditional characters): */
	bool lm_left, lm_right; /* the model knows L, F */
	double assoc; /* with both: ln P(F | L) - ln P(F), how much likelier
		       * F is after L than anywhere; a word and the word that
		       * usually follows it have a high one (王安石 变法) */
	double end;   /* with L: ln P(a clause ends | L), how readily text
		       * stops after L */
};
enum {
	WORDS_VERB_AFTER = 1,  /* the best segmentation of s[i, n) starts with
				* a verb of two characters or more */
	WORDS_VERB_BEFORE = 2, /* that of s[0, i) ends with one */
};

/* Segments the run s[0, n) (n <= WORDS_MAXRUN) into the likeliest words
 * (a unigram model over the dictionary's frequencies; a character it does
 * not know stands alone, as the rarest word), and says of each boundary
 * 0 < i < n what cut[i] holds; cut has n + 1 entries. False, and nothing
 * written, when no dictionary is built in or n is out of range. */
bool words_cuts(const uint32_t *s, size_t n, struct words_cut *cut);

#endif
