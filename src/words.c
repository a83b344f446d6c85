/* words.c — looking words up in the built-in Chinese dictionary and
 * segmenting a run of text with it (words.h). The table is static const
 * data generated at build time (src/gen_words.py), so nothing is parsed
 * or allocated at start-up: the pages it touches are read in as they are
 * touched. Single characters are a dense array; a run of n characters
 * costs about n lookups in the word table, one per pair of characters
 * (a pair that starts no longer word ends the search there). It knows
 * nothing of decks or seams. */
#include "lectern/words.h"

#include <string.h>

#include "config.h"

#if LECTERN_WORDS
#include "words_table.h"
#if LECTERN_LM
#include "lm_table.h"
#endif

#define INFO_VERB 0x80
#define INFO_COST 0x7F
#define NOT_A_WORD 0x7F
#define KEY_PREFIX 1u /* longer words start with these two characters */
#define MAXWORD 4
#define SINGLE_FIRST 0x4E00
#define SINGLE_LAST 0x9FFF

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

/* The slot of the key s[0, n) in an open-addressing table of nslots
 * fingerprints (gen_words.py's and gen_lm.py's: bit 0 is not part of the
 * fingerprint, and 0 is an empty slot), or -1 when it has none. */
static long find_slot(const uint32_t *key, uint32_t nslots, const uint32_t *s,
		      size_t n)
{
	uint64_t h = word_hash(s, n);
	uint32_t fp = (uint32_t)h & ~KEY_PREFIX;
	uint32_t i = (uint32_t)(((h >> 32) * nslots) >> 32);
	if (!fp)
		fp = 2;
	while (key[i]) {
		if ((key[i] & ~KEY_PREFIX) == fp)
			return i;
		i = i + 1 < nslots ? i + 1 : 0;
	}
	return -1;
}

/* The information byte of s[0, n) (2 to 4 characters), or -1 when it has
 * no entry; *prefix says whether longer words start with it. */
static int lookup(const uint32_t *s, size_t n, bool *prefix)
{
	long i = find_slot(words_key, words_nslots, s, n);
	*prefix = i >= 0 && (words_key[i] & KEY_PREFIX);
	return i >= 0 ? words_info[i] : -1;
}

static bool in_table(uint32_t cp)
{
	return cp >= SINGLE_FIRST && cp <= SINGLE_LAST;
}

bool words_builtin(void)
{
	return true;
}

bool words_contains(const uint32_t *s, size_t n)
{
	bool prefix;
	int info = n >= 2 && n <= MAXWORD ? lookup(s, n, &prefix) : -1;
	return info >= 0 && (info & INFO_COST) != NOT_A_WORD;
}

/* info[i][l - 1]: the information byte of the word s[i, i + l), or -1;
 * every single character is a word, those the dictionary does not know
 * as the rarest. Words are looked up only where they can be: of
 * characters in the table, and of three or four where the first two
 * start a longer word. */
static void words_at(const uint32_t *s, size_t n, int (*info)[MAXWORD])
{
	for (size_t i = 0; i < n; i++) {
		info[i][0] = in_table(s[i]) ? words_single[s[i] - SINGLE_FIRST]
					    : words_unknown;
		for (size_t l = 2; l <= MAXWORD; l++)
			info[i][l - 1] = -1;
		if (i + 2 > n || !in_table(s[i]) || !in_table(s[i + 1]))
			continue;
		bool longer;
		int v = lookup(s + i, 2, &longer);
		if (v >= 0 && (v & INFO_COST) != NOT_A_WORD)
			info[i][1] = v;
		for (size_t l = 3; longer && l <= MAXWORD && i + l <= n; l++) {
			if (!in_table(s[i + l - 1]))
				break;
			bool more;
			v = lookup(s + i, l, &more);
			if (v >= 0 && (v & INFO_COST) != NOT_A_WORD)
				info[i][l - 1] = v;
		}
	}
}

#if LECTERN_LM
/* The model's word on the left of a boundary, l[0, nl), and on its
 * right, f[0, nf): what cut says of them. */
static void lm_fill(const uint32_t *l, size_t nl, const uint32_t *f,
		    size_t nf, struct words_cut *cut)
{
	long wl = find_slot(lm_word_key, lm_word_nslots, l, nl);
	double q = lm_quant;
	cut->lm_left = wl >= 0;
	cut->lm_right = find_slot(lm_word_key, lm_word_nslots, f, nf) >= 0;
	if (!cut->lm_left)
		return;
	cut->end = -(lm_word_end[wl] / q);
	if (!cut->lm_right)
		return;
	uint32_t pair[2 * MAXWORD + 1];
	memcpy(pair, l, nl * sizeof *l);
	pair[nl] = 0;
	memcpy(pair + nl + 1, f, nf * sizeof *f);
	long p = find_slot(lm_pair_key, lm_pair_nslots, pair, nl + 1 + nf);
	/* no bigram kept: the back-off's, -bow(l) */
	cut->assoc = p >= 0 ? lm_pair_assoc[p] / q :
		     -(lm_word_bow[wl] / q - lm_bow_offset);
}
#endif

bool words_lm_builtin(void)
{
	return LECTERN_LM;
}

bool words_cuts(const uint32_t *s, size_t n, struct words_cut *cut)
{
	if (n == 0 || n > WORDS_MAXRUN)
		return false;
	int info[WORDS_MAXRUN][MAXWORD];
	words_at(s, n, info);
	/* fwd[i]: the cheapest segmentation of s[0, i), and last[i] the
	 * length of its last word; bwd[i]: of s[i, n), and first[i] the
	 * length of its first word */
	long fwd[WORDS_MAXRUN + 1], bwd[WORDS_MAXRUN + 1];
	size_t first[WORDS_MAXRUN + 1], last[WORDS_MAXRUN + 1];
	fwd[0] = 0;
	last[0] = 0;
	for (size_t i = 1; i <= n; i++) {
		fwd[i] = -1;
		last[i] = 1;
		for (size_t l = 1; l <= MAXWORD && l <= i; l++) {
			int c = info[i - l][l - 1] & INFO_COST;
			if (info[i - l][l - 1] >= 0 &&
			    (fwd[i] < 0 || fwd[i - l] + c < fwd[i])) {
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
			int c = info[i][l - 1] & INFO_COST;
			if (info[i][l - 1] >= 0 &&
			    (bwd[i] < 0 || bwd[i + l] + c < bwd[i])) {
				bwd[i] = bwd[i + l] + c;
				first[i] = l;
			}
		}
	}
#if LECTERN_LM
	/* The model reads what the dictionary reads: a run whose Han
	 * characters are mostly single in its best segmentation (fewer than
	 * half in words of two or more) is not written in the dictionary's
	 * words (a run in traditional characters, whose words it knows in
	 * simplified ones), and the model's reading of it would be of the
	 * few words it happens to know: it gets nothing of the model. */
	size_t han = 0, in_words = 0;
	for (size_t i = 0; i < n; i++)
		han += in_table(s[i]);
	for (size_t i = n; i > 0; i -= last[i])
		if (last[i] >= 2)
			in_words += last[i];
	bool lm_reads = 2 * in_words >= han;
#endif
	for (size_t i = 0; i <= n; i++) {
		struct words_cut *c = &cut[i];
		*c = (struct words_cut){
			.gap = (double)(fwd[i] + bwd[i] - fwd[n]) / words_cost_scale
		};
		if (i < n && first[i] >= 2 && (info[i][first[i] - 1] & INFO_VERB))
			c->flags |= WORDS_VERB_AFTER;
		if (last[i] >= 2 &&
		    (info[i - last[i]][last[i] - 1] & INFO_VERB))
			c->flags |= WORDS_VERB_BEFORE;
#if LECTERN_LM
		/* only between two characters the dictionary has: a Latin
		 * word or a digit is no word of the model's */
		if (lm_reads && i > 0 && i < n && in_table(s[i - 1]) &&
		    in_table(s[i]))
			lm_fill(s + i - last[i], last[i], s + i, first[i], c);
#endif
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

bool words_lm_builtin(void)
{
	return false;
}

bool words_cuts(const uint32_t *s, size_t n, struct words_cut *cut)
{
	(void)s;
	(void)n;
	(void)cut;
	return false;
}

#endif
