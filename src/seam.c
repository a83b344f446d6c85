/* seam.c — guessing where a title glued to the end of a point starts
 * (FORMAT.md rule 7). Two kinds of evidence, and no vocabulary of any deck:
 *  - the shape of the text: in Latin script the seam is a word glued to a
 *    capitalised word with no space ("resourceLearning", "demand.Roles");
 *    in CJK text a title does not start with a particle or a closing mark,
 *    a katakana word or a number is never cut, and a point often ends a
 *    sentence or a predicate (。, …る, …た);
 *  - the deck being read: character pairs that recur (a seam makes a pair
 *    seen nowhere else), how this deck's exactly known titles begin and how
 *    long they are, how its exactly known points end, and whether the
 *    candidate title's words come back in its own block's points.
 * Candidates are scored by a linear model; its weights were fitted offline
 * on test decks written for the purpose (tests/corpus), leaving each deck
 * out in turn to check that they carry over to unseen decks. */
#include "lectern/seam.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

/* ---- a small counting hash map (code point pairs → counts) ----------- */

struct countmap {
	uint64_t *keys; /* 0 = empty; keys are stored + 1 */
	uint32_t *vals;
	size_t cap, len;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void cm_grow(struct countmap *m);

static uint32_t *cm_slot(struct countmap *m, uint64_t key, bool insert)
{
	if (insert && (m->len + 1) * 4 >= m->cap * 3)
		cm_grow(m);
	if (!m->cap)
		return NULL;
	key += 1;
	size_t mask = m->cap - 1, i = (size_t)mix(key) & mask;
	while (m->keys[i]) {
		if (m->keys[i] == key)
			return &m->vals[i];
		i = (i + 1) & mask;
	}
	if (!insert)
		return NULL;
	m->keys[i] = key;
	m->vals[i] = 0;
	m->len++;
	return &m->vals[i];
}

static void cm_grow(struct countmap *m)
{
	struct countmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 1024;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	m->len = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			uint32_t *v = cm_slot(m, old.keys[i] - 1, true);
			*v = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

static void cm_add(struct countmap *m, uint64_t key, uint32_t by)
{
	uint32_t *v = cm_slot(m, key, true);
	if (*v <= UINT32_MAX - by)
		*v += by;
}

static uint32_t cm_get(const struct countmap *m, uint64_t key)
{
	uint32_t *v = cm_slot((struct countmap *)m, key, false);
	return v ? *v : 0;
}

static void cm_free(struct countmap *m)
{
	free(m->keys);
	free(m->vals);
}

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 21) | b;
}

/* ---- deck statistics ------------------------------------------------- */

#define MAXLEN 40

struct seam_stats {
	struct countmap pairs;      /* adjacent code points in the deck */
	struct countmap title_head; /* first code point of known titles */
	struct countmap point_tail; /* last code point of known points */
	uint32_t title_len[MAXLEN + 1];
	uint32_t ntitles;
};

struct seam_stats *seam_stats_new(const char *t, size_t n)
{
	struct seam_stats *st = xcalloc(1, sizeof *st);
	uint32_t prev = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += (size_t)text_decode(t + i, n - i, &cp);
		if (prev)
			cm_add(&st->pairs, pair_key(prev, cp), 1);
		prev = cp;
	}
	return st;
}

void seam_stats_free(struct seam_stats *st)
{
	if (!st)
		return;
	cm_free(&st->pairs);
	cm_free(&st->title_head);
	cm_free(&st->point_tail);
	free(st);
}

static size_t count_cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

void seam_stats_add_title(struct seam_stats *st, const char *s, size_t n)
{
	if (!n)
		return;
	uint32_t cp;
	text_decode(s, n, &cp);
	cm_add(&st->title_head, cp, 1);
	size_t len = count_cps(s, n);
	st->title_len[len > MAXLEN ? MAXLEN : len]++;
	st->ntitles++;
}

void seam_stats_add_point(struct seam_stats *st, const char *s, size_t n)
{
	if (!n)
		return;
	size_t i = n - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	text_decode(s + i, n - i, &cp);
	cm_add(&st->point_tail, cp, 1);
}

/* ---- character classes ----------------------------------------------- */

enum cclass {
	C_HAN, C_HIRA, C_KATA, C_UPPER, C_LOWER, C_DIGIT, C_SPACE,
	C_END,   /* sentence end: 。 . ! ? and their fullwidth forms */
	C_OPEN,  /* opening bracket or quote */
	C_CLOSE, /* closing bracket */
	C_QUOTE, /* quotes: which way they face depends on the language */
	C_OTHER,
};

static bool in(uint32_t cp, const char *set)
{
	/* set is UTF-8 */
	size_t n = strlen(set), i = 0;
	while (i < n) {
		uint32_t c;
		i += (size_t)text_decode(set + i, n - i, &c);
		if (c == cp)
			return true;
	}
	return false;
}

static enum cclass cclass(uint32_t cp)
{
	if (text_is_han(cp))
		return C_HAN;
	if (text_is_hiragana(cp))
		return C_HIRA;
	if (text_is_katakana(cp))
		return C_KATA;
	if (text_is_digit(cp))
		return C_DIGIT;
	if (text_is_space(cp))
		return C_SPACE;
	if (in(cp, "。.!?！？；;"))
		return C_END;
	if (in(cp, "\"'“”‘’„‚«»"))
		return C_QUOTE;
	if (in(cp, "([{（［｛「『【《〈"))
		return C_OPEN;
	if (in(cp, ")]}）］｝」』】》〉"))
		return C_CLOSE;
	if (text_is_upper(cp))
		return C_UPPER;
	if (text_is_lower(cp) || text_is_alpha(cp))
		return C_LOWER;
	return C_OTHER;
}

/* Generic language knowledge, not any deck's words: characters that
 * cannot begin a title (particles, small kana, marks that attach to what
 * precedes) and characters that cannot end a point (connectives). */
static const char NO_TITLE_START[] =
	"的了和与及或之其而并且但也就都所着过吗呢吧"
	"のをにはがとでもへやかよねゃゅょっーんぁぃぅぇぉァィゥェォッャュョ"
	"、，,:：%％・~〜-–—/";
static const char NO_POINT_END[] =
	"的和与及或在对把被从向以而且但并之其由将使让给跟同"
	"をにはがとでへや、，,:：(（「『【《“-–—/";
/* Japanese predicate endings: a point often ends with one */
static const char PREDICATE_END[] = "るたいだすずうくつぬむ";

/* ---- scoring --------------------------------------------------------- */

struct cand {
	size_t byte;     /* where the title would start */
	size_t idx;      /* code point index */
	double score;
};

static bool latin_letter(enum cclass c)
{
	return c == C_UPPER || c == C_LOWER;
}

/* Latin script: the seam is a glue, a word run straight into a capitalised
 * one. True when a cut before cps[i] is such a glue. */
static bool latin_glue(const uint32_t *cps, size_t n, size_t i)
{
	enum cclass l = cclass(cps[i - 1]), r = cclass(cps[i]);
	if (r != C_UPPER)
		return false;
	if (l == C_LOWER || l == C_DIGIT || l == C_END || l == C_CLOSE ||
	    l == C_QUOTE || cps[i - 1] == '%')
		return true;
	/* "NTUMembrane": an acronym run into a capitalised word */
	return l == C_UPPER && i + 1 < n && cclass(cps[i + 1]) == C_LOWER &&
	       i >= 2 && cclass(cps[i - 2]) == C_UPPER;
}

static size_t prefix_in(const char *s, size_t n, const char *hay, size_t hn)
{
	/* longest prefix of s[0..n) (whole code points) found in hay */
	size_t best = 0, i = 0;
	while (i < n) {
		uint32_t cp;
		i += (size_t)text_decode(s + i, n - i, &cp);
		if (!memmem(hay, hn, s, i))
			break;
		best = i;
	}
	return count_cps(s, best);
}

struct seam_guess seam_find(const struct seam_stats *st, const char *t,
			    size_t start, size_t end, const char *own,
			    size_t own_len)
{
	struct seam_guess g = { end, false, false };
	/* the chunk as code points */
	size_t n = count_cps(t + start, end - start);
	if (n < 2)
		return g;
	uint32_t *cps = xmalloc(n * sizeof *cps);
	size_t *at = xmalloc((n + 1) * sizeof *at);
	size_t i = start, k = 0;
	while (i < end && k < n) {
		at[k] = i;
		i += (size_t)text_decode(t + i, end - i, &cps[k]);
		k++;
	}
	n = k;
	at[n] = end;

	/* Latin: the earliest glue that leaves a title of at most MAXLEN
	 * characters with no glue of its own further on */
	bool latin = latin_letter(cclass(cps[n - 1])) || cclass(cps[n - 1]) == C_DIGIT ||
		     cclass(cps[n - 1]) == C_CLOSE;
	size_t lo = n > MAXLEN ? n - MAXLEN : 1;
	if (latin) {
		size_t found = 0, nfound = 0;
		for (size_t c = lo; c < n; c++)
			if (latin_glue(cps, n, c) && !text_is_han(cps[c])) {
				if (!nfound)
					found = c;
				nfound++;
			}
		if (nfound) {
			g.cut = at[found];
			g.found = true;
			g.sure = nfound == 1;
			free(cps);
			free(at);
			return g;
		}
	}

	/* CJK and the rest: score every admissible cut */
	double best = -INFINITY, second = -INFINITY;
	size_t best_c = 0;
	for (size_t c = lo; c < n; c++) {
		uint32_t l = cps[c - 1], r = cps[c];
		enum cclass lc = cclass(l), rc = cclass(r);
		/* never inside a word of one script that has spaces or runs */
		if ((lc == C_KATA && rc == C_KATA) || (lc == C_DIGIT && rc == C_DIGIT) ||
		    (latin_letter(lc) && latin_letter(rc) && !latin_glue(cps, n, c)) ||
		    (lc == C_DIGIT && (rc == C_END || r == '%' || r == 0xFF05)) ||
		    (lc == C_END && rc == C_DIGIT) || lc == C_SPACE || rc == C_SPACE ||
		    rc == C_CLOSE || lc == C_OPEN || (latin_letter(lc) && rc == C_DIGIT) ||
		    (lc == C_DIGIT && latin_letter(rc) && rc != C_UPPER))
			continue;
		if (in(r, NO_TITLE_START) || in(l, NO_POINT_END))
			continue;
		size_t tl = n - c;
		double s = 0;
		/* length: like this deck's known titles */
		double lp = st->ntitles
			? ((double)st->title_len[tl > MAXLEN ? MAXLEN : tl] + 0.5) /
			  ((double)st->ntitles + 20.0)
			: 0.05;
		s += 0.8 * log(lp);
		s -= 0.12 * (double)tl;
		if (lc == C_END)
			s += 2.5;
		if (in(l, PREDICATE_END) && rc != C_HIRA)
			s += 1.0;
		if ((lc == C_HIRA && (rc == C_HAN || rc == C_KATA)) ||
		    (lc == C_HAN && rc == C_KATA))
			s += 0.6;
		if (lc == C_HAN && rc == C_HAN)
			s -= 0.6;
		/* a pair seen elsewhere is no seam */
		uint32_t pc = cm_get(&st->pairs, pair_key(l, r));
		s -= 1.2 * log1p(pc > 0 ? pc - 1 : 0);
		/* a title reuses its own points' words */
		size_t op = prefix_in(t + at[c], end - at[c], own, own_len);
		s += 0.25 * (double)(op > 6 ? 6 : op) + (op >= 2 ? 1.0 : 0.0);
		char pair[8];
		size_t pl = (size_t)text_encode(l, pair);
		pl += (size_t)text_encode(r, pair + pl);
		if (memmem(own, own_len, pair, pl))
			s -= 0.8;
		s += 0.8 * log1p(cm_get(&st->title_head, r));
		s += 1.0 * log1p(cm_get(&st->point_tail, l));
		if (s > best) {
			second = best;
			best = s;
			best_c = c;
		} else if (s > second) {
			second = s;
		}
	}
	if (best_c) {
		g.cut = at[best_c];
		g.found = true;
		g.sure = cclass(cps[best_c - 1]) == C_END && best - second > 2.0;
	}
	free(cps);
	free(at);
	return g;
}
