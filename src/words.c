/* words.c — looking words up in the built-in Chinese dictionary and
 * segmenting a run of text with it (words.h). The table is static const
 * data generated at build time (src/gen_words.py), so nothing is parsed
 * or allocated at start-up: the pages it touches are read in as they are
 * touched. It knows nothing of decks or seams. */
#include "lectern/words.h"

#include "config.h"

#if LECTERN_WORDS
#include "words_table.h"

#define INFO_VERB 0x80
#define INFO_COST 0x7F
#define MAXWORD 4

/* FNV-1a over the code points, then a finaliser: gen_words.py's hash. */
static uint64_t word_hash(const uint32_t *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* The information byte of s[0, n), or -1 when it is not in the table. */
static int lookup(const uint32_t *s, size_t n)
{
	uint64_t h = word_hash(s, n);
	uint32_t fp = (uint32_t)h ? (uint32_t)h : 1;
	uint32_t i = (uint32_t)(((h >> 32) * words_nslots) >> 32);
	while (words_key[i]) {
		if (words_key[i] == fp)
			return words_info[i];
		i = i + 1 < words_nslots ? i + 1 : 0;
	}
	return -1;
}

bool words_builtin(void)
{
	return true;
}

bool words_contains(const uint32_t *s, size_t n)
{
	return n >= 2 && n <= MAXWORD && lookup(s, n) >= 0;
}

/* The cost of s[0, len) as one word, or -1 when it is none. */
static int cost_of(const uint32_t *s, size_t len)
{
	int info = lookup(s, len);
	if (info < 0)
		return len == 1 ? words_unknown : -1;
	return info & INFO_COST;
}

bool words_cuts(const uint32_t *s, size_t n, double *gap,
		unsigned char *flags)
{
	if (n == 0 || n > WORDS_MAXRUN)
		return false;
	/* cost[i][l - 1]: the word s[i, i + l), or -1 */
	int cost[WORDS_MAXRUN][MAXWORD];
	for (size_t i = 0; i < n; i++)
		for (size_t l = 1; l <= MAXWORD; l++)
			cost[i][l - 1] = i + l <= n ? cost_of(s + i, l) : -1;
	/* fwd[i]: the cheapest segmentation of s[0, i); bwd[i]: of s[i, n),
	 * and first[i] the length of its first word */
	long fwd[WORDS_MAXRUN + 1], bwd[WORDS_MAXRUN + 1];
	size_t first[WORDS_MAXRUN + 1], last[WORDS_MAXRUN + 1];
	fwd[0] = 0;
	last[0] = 0;
	for (size_t i = 1; i <= n; i++) {
		fwd[i] = -1;
		last[i] = 1;
		for (size_t l = 1; l <= MAXWORD && l <= i; l++) {
			int c = cost[i - l][l - 1];
			if (c >= 0 && (fwd[i] < 0 || fwd[i - l] + c < fwd[i])) {
				fwd[i] = fwd[i - l] + c;
				last[i] = l;
			}
		}
	}
	bwd[n] = 0;
	first[n] = 0;
	for (size_t i = n; i-- > 0;) {
		bwd[i] = -1;
		first[i] = 1;
		for (size_t l = 1; l <= MAXWORD && i + l <= n; l++) {
			int c = cost[i][l - 1];
			if (c >= 0 && (bwd[i] < 0 || bwd[i + l] + c < bwd[i])) {
				bwd[i] = bwd[i + l] + c;
				first[i] = l;
			}
		}
	}
	for (size_t i = 0; i <= n; i++) {
		gap[i] = (double)(fwd[i] + bwd[i] - fwd[n]) / words_cost_scale;
		flags[i] = 0;
		if (i < n && first[i] >= 2 && (lookup(s + i, first[i]) & INFO_VERB))
			flags[i] |= WORDS_VERB_AFTER;
		if (last[i] >= 2 && (lookup(s + i - last[i], last[i]) & INFO_VERB))
			flags[i] |= WORDS_VERB_BEFORE;
	}
	return true;
}

#else /* no dictionary built in */

bool words_builtin(void)
{
	return false;
}

bool words_contains(const uint32_t *s, size_t n)
{
	(void)s;
	(void)n;
	return false;
}

bool words_cuts(const uint32_t *s, size_t n, double *gap,
		unsigned char *flags)
{
	(void)s;
	(void)n;
	(void)gap;
	(void)flags;
	return false;
}

#endif
