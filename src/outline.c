/* outline.c — the importer for the flattened "目录页" outline format, as
 * ../shared/FORMAT.md describes it. The rules it follows, as numbered there:
 *  1. line breaks carry no structure (the parser works on the text with
 *     them taken out, and remembers where they were, to put a space back
 *     between Latin words and to report offsets in the file);
 *  2. ',' joins the text boxes, but points hold commas too: a comma is a
 *     separator only where the grammar below expects one (',' or '，');
 *  3. head: DeckTitle , TOC (titles joined by spaces) , label , label ,
 *  4. each section opens with its cover: SectionTitle , DeckTitle ,
 *  5. each slide opens with Header , (the header is the section title)
 *  6. each block: BlockTitle , 1.text2.text3.text (the marker is the next
 *     number: numbers inside points are not markers)
 *  7. nothing separates a block's last point from the box after it: the
 *     seam is guessed by seam.c and reported as a warning when unsure.
 * Defects it copes with: a block title found after its slide's points,
 * a text cut off at the end, TOC entries with no section in the body.
 * It builds a deck and nothing else: no widths, no output. */
#include "lectern/outline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/arena.h"
#include "lectern/seam.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"


/* Rule 1: every CR and LF taken out of the source text. A gap is a run of
 * them: at position pos of the flat text, `removed` bytes in all have
 * been taken out up to and including this run. */
struct gap {
	size_t pos;
	size_t removed;
};

struct flat {
	char *text; /* NUL-terminated */
	size_t len;
	struct gap *gaps;
	size_t ngaps;
	bool own;   /* text is a copy; else it is the source's, which had
		     * no line break to take out */
};

struct strmap {
	uint64_t *hash; /* 0 = empty slot */
	size_t *idx;
	size_t cap, len;
	size_t maxlen;  /* longest key, in bytes */
};

/* One import: the text, the deck being built, and what the passes find
 * on the way there. parser_free frees all of it but the deck. */
struct parser {
	const struct source *src;
	struct flat flat;
	const char *t; /* flat.text */
	size_t n;
	struct deck *deck;
	const char *title; /* the deck title, in t */
	size_t title_len;
	size_t head_end; /* just after the deck title's box */
	struct seam_stats *stats;
	size_t sec_no, slide_no; /* 1-based, for warnings */
	/* the section covers, each with its section's title */
	struct cover *cov;
	size_t ncov;
	char **known;  /* [k]: section k's title, as read */
	bool *guessed; /* [k]: where that title starts is a guess */
	bool has_toc;
	/* the contents by title; entries with the same title chain in
	 * order, and each chain's cursor is its first entry not yet matched */
	struct strmap tocmap;
	size_t *toc_next, *toc_tail, *toc_cursor;
	/* pass 1: each section's slides, records in `raw` (struct rawslide)
	 * given back as pass 2 builds them */
	struct arena *raw;
	struct arena_pos *slide_at; /* section k's first */
	size_t *nslides;
	/* Strings left in the text (deck_view), when the deck can keep it:
	 * the positions of their NULs wait in `seals` until nothing reads
	 * those bytes again (seal_views); a string ending at glued_end (the
	 * end of the slide being built, where the next box starts with no
	 * separator) is copied instead. */
	bool views;
	uint32_t text_handle; /* the text's first byte, in the deck */
	size_t *seals;
	size_t nseals, seals_cap;
	size_t glued_end;
	/* seams guessed while the seam model is in memory, warned about once
	 * it is freed (cut_title, warn_guesses) */
	struct guess *guesses;
	size_t nguesses, guesses_cap;
};

/* What pass 1 finds is kept for the whole deck until pass 2, a few
 * records a point: they hold positions in the text in 32 bits (a text is
 * at most 1.5 times SOURCE_MAX_BYTES once decoded), and NO_POS for none. */
#define NO_POS UINT32_MAX
_Static_assert(SOURCE_MAX_BYTES * 2 < NO_POS, "positions fit 32 bits");

/* A point's marker, as pass 1 finds it. */
struct mark {
	uint32_t at;   /* where the marker begins */
	uint32_t text; /* where the point's text starts, after it */
};

/* A block while pass 1 finds its markers. */
struct draft {
	struct mark *marks; /* one per point */
	uint32_t nmarks;
	uint32_t start;     /* the '1' of its first marker */
	uint32_t end;       /* end of its region (the next title's separator) */
};

/* A block as pass 1 leaves it for pass 2, in its slide's record
 * (struct rawslide). */
struct rawblock {
	uint32_t marks;     /* its first marker, among its slide's */
	uint32_t nmarks;
	uint32_t start, end; /* as in its draft */
	uint32_t cut;       /* after the first block: where its title starts,
			     * glued to the last point before (decide_slide) */
};

/* ---- a string multimap: title text → indices --------------------------
 * Decks may have 100,000 sections: matching titles must not compare every
 * title with every other. */

/* A polynomial hash, H(s) = sum of s[i] * P^(n-1-i) mod 2^64: it extends
 * to the right (H * P + c) and to the left (c * P^n + H) in one step, so
 * scanning for titles that start or end at a place costs one step a byte
 * instead of hashing every candidate afresh. */
#define HASH_P 0x100000001b3ULL

static uint64_t str_hash_raw(const char *s, size_t n)
{
	uint64_t h = 0;
	for (size_t i = 0; i < n; i++)
		h = h * HASH_P + (unsigned char)s[i] + 1;
	return h;
}

static uint64_t hash_key(uint64_t raw)
{
	return raw | 1; /* never 0, the empty slot */
}

static uint64_t str_hash(const char *s, size_t n)
{
	return hash_key(str_hash_raw(s, n));
}

/* Stores idx under s[0..n) unless an equal key (eq) is there already;
 * returns the index stored under the key. Keys stay unique, so a title
 * repeated 100,000 times costs one slot, not a probe chain as long. */
static size_t strmap_add(struct strmap *m, const char *s, size_t n, size_t idx,
			 bool (*eq)(void *ctx, size_t idx), void *ctx)
{
	if ((m->len + 1) * 2 > m->cap) {
		struct strmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->hash = xcalloc(m->cap, sizeof *m->hash);
		m->idx = xcalloc(m->cap, sizeof *m->idx);
		m->len = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.hash[i]) {
				size_t j = old.hash[i] & (m->cap - 1);
				while (m->hash[j])
					j = (j + 1) & (m->cap - 1);
				m->hash[j] = old.hash[i];
				m->idx[j] = old.idx[i];
				m->len++;
			}
		free(old.hash);
		free(old.idx);
	}
	uint64_t h = str_hash(s, n);
	size_t j = h & (m->cap - 1);
	for (; m->hash[j]; j = (j + 1) & (m->cap - 1))
		if (m->hash[j] == h && eq(ctx, m->idx[j]))
			return m->idx[j];
	m->hash[j] = h;
	m->idx[j] = idx;
	m->len++;
	if (n > m->maxlen)
		m->maxlen = n;
	return idx;
}

/* Calls back for each index stored under hash h (the caller compares the
 * text) until it returns true; returns that index or NO_INDEX. */
static size_t strmap_find_hash(const struct strmap *m, uint64_t h,
			       bool (*ok)(void *ctx, size_t idx), void *ctx)
{
	if (!m->cap)
		return NO_INDEX;
	for (size_t j = h & (m->cap - 1); m->hash[j]; j = (j + 1) & (m->cap - 1))
		if (m->hash[j] == h && ok(ctx, m->idx[j]))
			return m->idx[j];
	return NO_INDEX;
}

static size_t strmap_find(const struct strmap *m, const char *s, size_t n,
			  bool (*ok)(void *ctx, size_t idx), void *ctx)
{
	return strmap_find_hash(m, str_hash(s, n), ok, ctx);
}

static void strmap_free(struct strmap *m)
{
	free(m->hash);
	free(m->idx);
	memset(m, 0, sizeof *m);
}

/* ---- separators and markers ------------------------------------------ */

static size_t sep_at(const struct parser *p, size_t i)
{
	if (i >= p->n)
		return 0;
	if (p->t[i] == ',')
		return 1;
	if (i + 3 <= p->n && memcmp(p->t + i, "\xEF\xBC\x8C", 3) == 0)
		return 3;
	return 0;
}

static size_t sep_before(const struct parser *p, size_t i)
{
	if (i >= 1 && p->t[i - 1] == ',')
		return 1;
	if (i >= 3 && memcmp(p->t + i - 3, "\xEF\xBC\x8C", 3) == 0)
		return 3;
	return 0;
}

/* First separator in [from, to), or `to`. */
static size_t next_sep(const struct parser *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (sep_at(p, i))
			return i;
	return to;
}

/* Just after the last separator in [from, to), or `from`. */
static size_t after_last_sep(const struct parser *p, size_t from, size_t to)
{
	for (size_t i = to; i > from; i--) {
		size_t s = sep_before(p, i);
		if (s && i - s >= from)
			return i;
	}
	return from;
}

static bool is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The marker characters that may follow a point number: '.', '、', '．'. */
static size_t marker_char(const struct parser *p, size_t i)
{
	if (i >= p->n)
		return 0;
	if (p->t[i] == '.')
		return 1;
	if (i + 3 <= p->n && (memcmp(p->t + i, "\xE3\x80\x81", 3) == 0 ||
			      memcmp(p->t + i, "\xEF\xBC\x8E", 3) == 0))
		return 3;
	return 0;
}

/* The decimal digits of a point number, formatted once per search rather
 * than at every byte looked at. */
struct number {
	char s[12];
	size_t n;
};

static struct number number_of(unsigned k)
{
	struct number num;
	char rev[12];
	size_t n = 0;
	do {
		rev[n++] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	for (size_t i = 0; i < n; i++)
		num.s[i] = rev[n - 1 - i];
	num.n = n;
	return num;
}

/* How likely t[i] starts the marker for number k ("2." or "2、"): 0 when
 * it cannot, else a rank, lower is better. Sets *len to its length.
 * Markers are glued to the text before them (rule 6), so a number after a
 * space is text, and so is one inside a number ("13.5": a digit before
 * and after). After '.', a digit means a decimal ("2.5倍") unless what
 * follows cannot be one: three or more digits ("2.2023年", a point that
 * starts with a year), a second decimal point ("1.1.27 million") or a
 * thousands separator ("2.3,400万人").
 * Rank 1: clean. Rank 2: a space follows. Rank 3: a digit precedes, as when
 * a point ends with a year ("…since 19794.In"); taken only when nothing
 * better comes. Rank 4: looks like a decimal ("2.1ドル=360円" is point 2
 * starting with a number, "4.1%" at the end of point 3 is a decimal); taken
 * only when the text around bears it out (find_marker, block_starts_at). */
static int marker_rank(const struct parser *p, size_t i,
		       const struct number *num, size_t *len)
{
	const char *t = p->t;
	size_t nl = num->n;
	if (i + nl >= p->n || memcmp(t + i, num->s, nl) != 0)
		return 0;
	if (i > 0 && t[i - 1] == ' ')
		return 0;
	size_t m = i + nl;
	size_t ml = marker_char(p, m);
	if (!ml)
		return 0;
	size_t after = m + ml;
	*len = nl + ml;
	bool digit_before = i > 0 && is_ascii_digit(t[i - 1]);
	if (ml == 1 && after < p->n && is_ascii_digit(t[after])) {
		if (digit_before)
			return 0;
		size_t d = after;
		while (d < p->n && is_ascii_digit(t[d]))
			d++;
		bool second_point = d + 1 < p->n && t[d] == '.' &&
				    is_ascii_digit(t[d + 1]);
		bool thousands = d + 3 < p->n && t[d] == ',' &&
				 is_ascii_digit(t[d + 1]) &&
				 is_ascii_digit(t[d + 2]) &&
				 is_ascii_digit(t[d + 3]) &&
				 (d + 4 >= p->n || !is_ascii_digit(t[d + 4]));
		if (d - after < 3 && !second_point && !thousands)
			return 4;
	}
	if (digit_before)
		return 3;
	if (after < p->n && t[after] == ' ')
		return 2;
	return 1;
}

static const struct number number_one = { "1", 1 };

/* The length of a clean marker "1." at t[i], or 0. */
static size_t marker_len(const struct parser *p, size_t i)
{
	size_t len = 0;
	int r = marker_rank(p, i, &number_one, &len);
	return r == 1 || r == 2 ? len : 0;
}

/* The next byte in [i, to) that may start number num, or to. */
static size_t next_digit(const struct parser *p, size_t i, size_t to,
			 const struct number *num)
{
	if (i >= to)
		return to;
	const char *hit = memchr(p->t + i, num->s[0], to - i);
	return hit ? (size_t)(hit - p->t) : to;
}

/* The first marker for num in [from, to) of a rank in [lo, hi]: the
 * lowest rank first. NO_INDEX when there is none. */
static size_t first_marker(const struct parser *p, size_t from, size_t to,
			   const struct number *num, int lo, int hi,
			   size_t *len)
{
	size_t best = NO_INDEX, best_len = 0;
	int best_rank = hi + 1;
	for (size_t i = next_digit(p, from, to, num); i < to;
	     i = next_digit(p, i + 1, to, num)) {
		size_t l;
		int r = marker_rank(p, i, num, &l);
		if (r >= lo && r < best_rank && i + l <= to) {
			best = i;
			best_len = l;
			best_rank = r;
			if (r == lo)
				break;
		}
	}
	*len = best_len;
	return best;
}

/* The last marker for num in [from, to) of any rank, or NO_INDEX. */
static size_t last_marker(const struct parser *p, size_t from, size_t to,
			  const struct number *num)
{
	size_t last = NO_INDEX, l;
	for (size_t i = next_digit(p, from, to, num); i < to;
	     i = next_digit(p, i + 1, to, num))
		if (marker_rank(p, i, num, &l) && i + l <= to)
			last = i;
	return last;
}

/* Could [from, at) and [text, to) both be points? A point that starts
 * with a number ("…425万个3.5G移动电话用户规模突破10亿户") leaves two
 * parts of a point's size; a decimal near a point's end ("…降至4.1%")
 * leaves a stub after it, or follows a word that needs what comes after
 * it ("…性能が3.6%以上低下する"). */
static bool point_sized_split(const struct parser *p, size_t from, size_t at,
			      size_t text, size_t to)
{
	size_t before = at - from, after = to - text;
	return after >= 24 && 2 * after >= before &&
	       !seam_weak_end(p->t + from, before);
}

/* The marker for k in [from, to), where from is just after marker k - 1:
 * the first clean one, else the first of the next rank (2, 3). One
 * followed by a digit (rank 4) is taken only when there is no other, and
 * only when the text bears it out: either marker k + 1 comes after it
 * (also one followed by a digit: "2.2G…3.3G…"), or none does and it cuts
 * the rest into two parts of a point's size (point_sized_split). The
 * latter is a guess: *guess is set. Only when numbered_ok: the block
 * has not taken too many of them. NO_INDEX when there is none. */
static size_t find_marker(const struct parser *p, size_t from, size_t to,
			  unsigned k, bool numbered_ok, size_t *len, bool *guess)
{
	struct number num = number_of(k), next = number_of(k + 1);
	*guess = false;
	size_t best = first_marker(p, from, to, &num, 1, 3, len);
	if (best != NO_INDEX || !numbered_ok)
		return best;
	size_t last_next = last_marker(p, from, to, &next);
	if (last_next != NO_INDEX) {
		best = first_marker(p, from, last_next, &num, 4, 4, len);
		if (best != NO_INDEX)
			return best;
	}
	for (size_t i = next_digit(p, from, to, &num); i < to;
	     i = next_digit(p, i + 1, to, &num)) {
		size_t l;
		if (marker_rank(p, i, &num, &l) == 4 && i + l <= to &&
		    point_sized_split(p, from, i, i + l, to)) {
			*len = l;
			*guess = true;
			return i;
		}
	}
	*len = 0;
	return NO_INDEX;
}

/* ---- text out of the source ------------------------------------------ */

/* The source text without its line breaks (rule 1). */
static void flat_make(struct flat *f, const struct source *src)
{
	size_t cap = 0, removed = 0, w = 0;
	memset(f, 0, sizeof *f);
	if (!memchr(src->text, '\n', src->len) &&
	    !memchr(src->text, '\r', src->len)) {
		/* one line, as generated decks are: no copy */
		f->text = src->text;
		f->len = src->len;
		return;
	}
	f->own = true;
	f->text = xmalloc(src->len + 1);
	for (size_t r = 0; r < src->len; r++) {
		char c = src->text[r];
		if (c != '\r' && c != '\n') {
			f->text[w++] = c;
			continue;
		}
		removed++;
		if (f->ngaps && f->gaps[f->ngaps - 1].pos == w) {
			f->gaps[f->ngaps - 1].removed = removed;
			continue;
		}
		f->gaps = xgrow(f->gaps, &cap, f->ngaps + 1, sizeof *f->gaps);
		f->gaps[f->ngaps++] = (struct gap){ w, removed };
	}
	f->text[w] = '\0';
	f->len = w;
}

static void flat_free(struct flat *f)
{
	if (f->own)
		free(f->text);
	free(f->gaps);
}

/* Index of the first gap after flat position pos (ngaps if none). */
static size_t gap_after(const struct flat *f, size_t pos)
{
	size_t lo = 0, hi = f->ngaps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->gaps[mid].pos <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_cjk_at(const char *t, size_t n, size_t i, bool before)
{
	if (before) {
		while (i > 0 && ((unsigned char)t[i - 1] & 0xC0) == 0x80)
			i--;
		if (i == 0)
			return false;
		i--;
		while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
			i--;
	}
	if (i >= n)
		return false;
	uint32_t cp;
	text_decode(t + i, n - i, &cp);
	return text_is_cjk(cp);
}

/* [*start, *end) without the blanks at either end. */
static void trim(const struct parser *p, size_t *start, size_t *end)
{
	while (*start < *end && (p->t[*start] == ' ' || p->t[*start] == '\t'))
		(*start)++;
	while (*end > *start && (p->t[*end - 1] == ' ' || p->t[*end - 1] == '\t'))
		(*end)--;
}

/* The text t[start, end) as the model keeps it: trimmed, a space put back
 * where a line break stood between Latin words, controls made inert.
 * Caller frees. */
static char *make_text(const struct parser *p, size_t start, size_t end)
{
	trim(p, &start, &end);
	struct strbuf sb = STRBUF_INIT;
	size_t from = start;
	const struct flat *f = &p->flat;
	/* the line breaks inside (start, end) */
	for (size_t g = gap_after(f, start); g < f->ngaps && f->gaps[g].pos < end;
	     g++) {
		size_t at = f->gaps[g].pos;
		if (at <= from)
			continue;
		if (p->t[at - 1] == ' ' || p->t[at] == ' ' ||
		    is_cjk_at(p->t, p->n, at, true) ||
		    is_cjk_at(p->t, p->n, at, false))
			continue;
		sb_put(&sb, p->t + from, at - from);
		sb_putc(&sb, ' ');
		from = at;
	}
	sb_put(&sb, p->t + from, end - from);
	char *inert = text_inert(sb.data ? sb.data : "", sb.len);
	sb_free(&sb);
	return inert;
}

/* Does the text hold [start, end) as the deck shows it: no line break
 * taken out inside, nothing to make inert? */
static bool as_is(const struct parser *p, size_t start, size_t end)
{
	size_t g = gap_after(&p->flat, start);
	bool no_break = g >= p->flat.ngaps || p->flat.gaps[g].pos >= end;
	return no_break &&
	       text_inert_span(p->t + start, end - start) == end - start;
}

/* make_text's string in the deck's pool: its handle. Most texts need
 * nothing but the trimming: they are copied straight from the text. */
static uint32_t deck_text(const struct parser *p, size_t start, size_t end)
{
	trim(p, &start, &end);
	if (start == end)
		return DECK_EMPTY_STR;
	if (as_is(p, start, end))
		return deck_intern(p->deck, p->t + start, end - start);
	return deck_intern_take(p->deck, make_text(p, start, end));
}

/* The same, left where it is in the text when it can be: as is, not
 * empty, and with the byte after it (a separator, the next marker's
 * first digit, a blank, the text's NUL) part of no other string, so that
 * a NUL can take its place. Strings that start where another ends (a
 * title glued to a point) are made with deck_text. The NUL is written by
 * seal_views: until then the string has no end, and nothing may read it
 * but its first byte. */
static uint32_t deck_view(struct parser *p, size_t start, size_t end)
{
	trim(p, &start, &end);
	if (!p->views || start == end || (end == p->glued_end && end < p->n) ||
	    !as_is(p, start, end))
		return deck_text(p, start, end);
	p->seals = xgrow(p->seals, &p->seals_cap, p->nseals + 1,
			 sizeof *p->seals);
	p->seals[p->nseals++] = end;
	return p->text_handle + (uint32_t)start;
}

/* The same as a plain string, for what the deck keeps by pointer. */
static char *deck_view_str(struct parser *p, size_t start, size_t end)
{
	return (char *)deck_str(p->deck, deck_view(p, start, end));
}

/* Ends the views made since the last call. Every byte written over is one
 * the import has read for the last time. */
static void seal_views(struct parser *p)
{
	for (size_t i = 0; i < p->nseals; i++)
		p->flat.text[p->seals[i]] = '\0';
	p->nseals = 0;
}

/* The offset in the file as read of flat position pos. */
static size_t off(const struct parser *p, size_t pos)
{
	size_t g = gap_after(&p->flat, pos);
	return source_offset(p->src, pos + (g ? p->flat.gaps[g - 1].removed : 0));
}

/* A contents entry: the title at [start, end), and where it is. */
static void add_toc(struct parser *p, size_t start, size_t end)
{
	char *title = make_text(p, start, end);
	deck_add_toc(p->deck, title);
	free(title);
	p->deck->toc[p->deck->ntoc - 1].src =
		(struct span){ off(p, start), off(p, end) };
}

/* ---- head, covers, TOC ----------------------------------------------- */

/* Start of the next section cover ("Title," glued before "DeckTitle,")
 * at or after `from`: the position of the deck title, or NO_INDEX. */
static size_t next_cover(const struct parser *p, size_t from)
{
	size_t tl = p->title_len;
	const char *t = p->t;
	while (from + tl < p->n) {
		const char *hit = memmem(t + from, p->n - from, p->title, tl);
		if (!hit)
			return NO_INDEX;
		size_t i = (size_t)(hit - t);
		/* a block titled like the deck ("…,Deck Title,1.") is no cover */
		size_t s = sep_at(p, i + tl);
		if (sep_before(p, i) && s && !marker_len(p, i + tl + s))
			return i;
		from = i + 1;
	}
	return NO_INDEX;
}

/* Do a slide's points start at m, in a slide that ends by `to` at the
 * latest? A clean "1." does; so does one that reads like a decimal, a
 * first point opening with a number ("1.18 people came"), when its "2."
 * follows before `to`: *guess is then set. */
static bool points_start_at(const struct parser *p, size_t m, size_t to,
			    bool *guess)
{
	size_t l;
	if (marker_len(p, m))
		return true;
	if (marker_rank(p, m, &number_one, &l) != 4)
		return false;
	struct number two = number_of(2);
	size_t l2;
	*guess = first_marker(p, m + l, to, &two, 1, 3, &l2) != NO_INDEX;
	return *guess;
}

/* Does a slide start at i, inside a section body that ends at `end`, with
 * header h? Its first box must be a block title followed by "1.", or "1."
 * itself; the latter only happens when the block's title comes after the
 * slide's points (a box ending in a separator before the next header), so
 * that is required too: a block title that merely ends with the header's
 * words ("非正規化," under the header "正規化") is not a slide. *guess is
 * set when its first point opens with a number (points_start_at). */
static bool slide_starts_at(const struct parser *p, size_t i, size_t end,
			    const char *h, size_t hl, bool *guess)
{
	size_t s = next_sep(p, i, end);
	/* the slide ends by the next repeat of its header, if any */
	const char *again = i < end ? memmem(p->t + i, end - i, h, hl) : NULL;
	size_t to = again ? (size_t)(again - p->t) : end;
	*guess = false;
	if (!points_start_at(p, i, to, guess))
		return s < end && points_start_at(p, s + sep_at(p, s), to, guess);
	size_t from = i;
	for (;;) {
		const char *hit = from < end ? memmem(p->t + from, end - from, h, hl)
					     : NULL;
		size_t e = hit ? (size_t)(hit - p->t) : end;
		if (!hit || sep_at(p, e + hl))
			return sep_before(p, e) > 0;
		from = e + 1;
	}
}

/* Whether t[i] follows a space that no sentence end precedes: nothing
 * separates a header from the point it is glued to (FORMAT.md rule 7),
 * so the header's text found there ends a longer box, such as a block
 * title ("…हैं।प्राथमिक पोषक तत्व,1." under the header "पोषक तत्व"). */
static bool after_space(const struct parser *p, size_t i, size_t lower)
{
	if (i <= lower || p->t[i - 1] != ' ')
		return false;
	size_t j = i - 1;
	while (j > lower && p->t[j - 1] == ' ')
		j--;
	if (j == lower)
		return false;
	size_t k = j - 1;
	while (k > lower && ((unsigned char)p->t[k] & 0xC0) == 0x80)
		k--;
	uint32_t cp;
	text_decode(p->t + k, j - k, &cp);
	static const uint32_t ends[] = { '.', '!', '?', 0x3002, 0xFF01, 0xFF1F,
					 0x0964, 0x0965, 0x061F, 0x06D4 };
	for (size_t e = 0; e < sizeof ends / sizeof *ends; e++)
		if (cp == ends[e])
			return false; /* 。！？ । ॥ ؟ ۔ */
	return true;
}

struct cover {
	size_t at;          /* the deck title of the cover */
	size_t title_start; /* the section title */
	size_t title_end;
	size_t body;        /* after "DeckTitle," */
};

static bool ends_with(const struct parser *p, size_t end, size_t lower,
		      const char *s, size_t n)
{
	return n > 0 && end >= lower + n && memcmp(p->t + end - n, s, n) == 0;
}

/* Where the section title before the cover at c starts. `lower` is the
 * earliest it may start (the previous section's body). */
static size_t cover_title_start(struct parser *p, size_t c, size_t lower,
				bool first)
{
	size_t e = c - sep_before(p, c);
	if (e <= lower)
		return e; /* an empty section title */
	size_t box = after_last_sep(p, lower, e);
	if (first)
		return box; /* a whole box: nothing is glued to it */
	/* the first slide's header repeats the section title (rule 5) */
	size_t a = c + p->title_len + sep_at(p, c + p->title_len);
	size_t ae = next_sep(p, a, p->n);
	if (ae < p->n && ends_with(p, e, box, p->t + a, ae - a))
		return e - (ae - a);
	/* a section without slides: its title is found in the contents */
	return NO_INDEX;
}

struct toc_query {
	const struct deck *d;
	const char *s;
	size_t n;
};

static bool toc_equal(void *ctx, size_t idx)
{
	struct toc_query *q = ctx;
	const struct toc_entry *e = &q->d->toc[idx];
	return strlen(e->title) == q->n && memcmp(e->title, q->s, q->n) == 0;
}

/* The longest contents entry that ends the text at e (no earlier than
 * lower): the title of a section that has a cover and no slides. */
static size_t toc_suffix(const struct parser *p, const struct strmap *toc,
			 size_t lower, size_t e)
{
	size_t best = NO_INDEX;
	uint64_t h = 0, pw = 1; /* H(t[j..e)) and P^(e-j) */
	for (size_t j = e; j > lower && e - j < toc->maxlen; j--) {
		size_t s = j - 1;
		h += ((uint64_t)(unsigned char)p->t[s] + 1) * pw;
		pw *= HASH_P;
		struct toc_query q = { p->deck, p->t + s, e - s };
		if (strmap_find_hash(toc, hash_key(h), toc_equal, &q) != NO_INDEX)
			best = s;
	}
	return best;
}

/* A known title equal to t[i, j)? */
struct known_query {
	char **known;
	const char *s;
	size_t n;
};

static bool known_equal(void *ctx, size_t idx)
{
	struct known_query *q = ctx;
	return strlen(q->known[idx]) == q->n &&
	       memcmp(q->known[idx], q->s, q->n) == 0;
}

/* Length of the longest known title starting at t[i] and ending at a space
 * or at `end`; 0 when none. */
static size_t known_at(const struct parser *p, const struct strmap *m,
		       char **known, size_t i, size_t end)
{
	size_t best = 0;
	uint64_t h = 0;
	for (size_t j = i + 1; j <= end && j - i <= m->maxlen; j++) {
		h = h * HASH_P + (unsigned char)p->t[j - 1] + 1;
		if (j < end && p->t[j] != ' ')
			continue;
		struct known_query q = { known, p->t + i, j - i };
		if (strmap_find_hash(m, hash_key(h), known_equal, &q) != NO_INDEX)
			best = j - i;
	}
	return best;
}

/* Splits the TOC box into titles, matching the sections found in the body
 * first (titles may hold spaces, rule 3), then splitting what is left at
 * spaces when it is CJK text, or into title-sized runs of words when it
 * is Latin text (a guess, so a warning). */
static void split_toc(struct parser *p, size_t start, size_t end,
		      char **known, size_t nknown)
{
	struct strmap m = { 0 };
	double words_per_title = 0;
	size_t nk = 0;
	for (size_t k = 0; k < nknown; k++) {
		if (!known[k])
			continue;
		struct known_query q = { known, known[k], strlen(known[k]) };
		strmap_add(&m, q.s, q.n, k, known_equal, &q);
		size_t w = 1;
		for (const char *c = known[k]; *c; c++)
			w += *c == ' ';
		words_per_title += (double)w;
		nk++;
	}
	words_per_title = nk ? words_per_title / (double)nk : 1;
	const char *t = p->t;
	size_t i = start;
	while (i < end) {
		while (i < end && t[i] == ' ')
			i++;
		if (i >= end)
			break;
		size_t best = known_at(p, &m, known, i, end);
		if (best) {
			add_toc(p, i, i + best);
			i += best;
			continue;
		}
		/* unknown stretch: up to where a known title starts */
		size_t stop = end;
		for (size_t j = i + 1; j < end; j++)
			if (t[j - 1] == ' ' && t[j] != ' ' &&
			    known_at(p, &m, known, j, end)) {
				stop = j;
				break;
			}
		bool latin = false;
		size_t nwords = 1;
		for (size_t q = i; q < stop; q++) {
			unsigned char c = (unsigned char)t[q];
			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
				latin = true;
			if (c == ' ' && q + 1 < stop && t[q + 1] != ' ')
				nwords++;
		}
		if (!latin) {
			/* CJK titles hold no spaces: every space separates */
			size_t q = i;
			while (q < stop) {
				size_t e = q;
				while (e < stop && t[e] != ' ')
					e++;
				if (e > q)
					add_toc(p, q, e);
				q = e + 1;
			}
		} else {
			size_t pieces = (size_t)((double)nwords / words_per_title + 0.5);
			if (pieces < 1)
				pieces = 1;
			size_t per = (nwords + pieces - 1) / pieces, w = 0, q = i;
			for (size_t e = i; e <= stop; e++) {
				if (e == stop || t[e] == ' ') {
					w++;
					if (w == per || e == stop) {
						while (q < e && t[q] == ' ')
							q++;
						while (e > q && t[e - 1] == ' ')
							e--;
						if (e > q)
							add_toc(p, q, e);
						q = e + 1;
						w = 0;
					}
				}
			}
			if (pieces > 1 || nk == 0)
				deck_warn(p->deck, off(p, i), 0, 0,
					  "contents: guessed where the titles of "
					  "sections with no body split (%zu words "
					  "as %zu titles)", nwords, pieces);
		}
		i = stop;
	}
	strmap_free(&m);
}

/* ---- slides and blocks ----------------------------------------------- */

static void draft_mark(struct draft *b, size_t at, size_t text)
{
	/* while pass 1 finds them, room doubles at each power of two */
	uint32_t n = b->nmarks;
	if ((n & (n - 1)) == 0)
		b->marks = xrealloc(b->marks, (n ? 2 * (size_t)n : 1) *
				    sizeof *b->marks);
	b->marks[b->nmarks] = (struct mark){ at, text };
	b->nmarks++;
}

/* Just after the first n characters from i, at most at `to`: for quoting
 * the start of a text in a warning. */
static size_t chars_after(const struct parser *p, size_t i, size_t n, size_t to)
{
	while (i < to && n > 0) {
		i++;
		while (i < to && ((unsigned char)p->t[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

/* How many markers followed by a digit a block, or a slide's block
 * starts, may take: real blocks have a few points, and past this they are
 * text, which keeps hostile text ("1.v2.11.v3.1…") linear. */
#define MAX_NUMBER_STARTS 32

/* The next marker inside a number: "k." with a digit before and after
 * ("…NNT = 253.25 là…", which may be point 2 ending "…NNT = 25" and
 * point 3 starting "3.25 là…"), where both parts would be of a point's
 * size (point_sized_split). marker_rank reads it as a decimal, rightly as
 * a rule; here the reading is a guess. NO_INDEX when there is none. */
static size_t marker_in_number(const struct parser *p, size_t from, size_t to,
			       const struct number *num)
{
	for (size_t i = next_digit(p, from, to, num); i < to;
	     i = next_digit(p, i + 1, to, num)) {
		size_t m = i + num->n;
		if (i == from || !is_ascii_digit(p->t[i - 1]) || m + 1 >= to ||
		    memcmp(p->t + i, num->s, num->n) != 0 || p->t[m] != '.' ||
		    !is_ascii_digit(p->t[m + 1]))
			continue;
		if (point_sized_split(p, from, i, m + 1, to))
			return i;
	}
	return NO_INDEX;
}

/* The markers of a block after its "1." at b->marks[0], up to b->end;
 * a guessed one (find_marker) is reported when `report`, and so is a
 * last point that may be two (marker_in_number). */
static void find_points(struct parser *p, struct draft *b, bool report)
{
	size_t pos = b->marks[0].text, numbered = 0;
	for (unsigned m = 2;; m++) {
		size_t ml;
		bool guess;
		size_t at = find_marker(p, pos, b->end, m,
					numbered < MAX_NUMBER_STARTS, &ml, &guess);
		if (at == NO_INDEX) {
			struct number num = number_of(m);
			size_t in = report ? marker_in_number(p, pos, b->end, &num) :
					     NO_INDEX;
			if (in != NO_INDEX) {
				char *head = make_text(p, in, chars_after(p, in, 8,
									  b->end));
				deck_warn(p->deck, off(p, in), p->sec_no, p->slide_no,
					  "guessed that \"%s…\" is a number in "
					  "point %u, not point %u starting", head,
					  m - 1, m);
				free(head);
			}
			break;
		}
		if (at + ml < p->n && is_ascii_digit(p->t[at + ml]))
			numbered++;
		if (guess && report) {
			char *head = make_text(p, at, chars_after(p, at, 8, b->end));
			deck_warn(p->deck, off(p, at), p->sec_no, p->slide_no,
				  "guessed that point %u starts at \"%s…\": a "
				  "point opening with a number, not a decimal "
				  "in point %u", m, head, m - 1);
			free(head);
		}
		draft_mark(b, at, at + ml);
		pos = at + ml;
	}
}

/* Does a block start at the marker "1." at c (after a separator), where
 * a digit follows it ("…,1.18岁以下的青少年…")? That reads as well as a
 * decimal after a comma inside a point ("…,1.5倍…"). The block before, b,
 * has its markers up to c counted: with m of them, a decimal leaves b to
 * go on with marker m + 1; a new block starts again from 2. Whichever
 * comes first in [c, to) decides. With m == 1, or neither, it stays a
 * guess: *sure is cleared. */
static bool block_starts_at(struct parser *p, const struct draft *b,
			    size_t c, size_t ml, size_t to, bool *sure)
{
	struct draft probe = { .start = b->start, .end = c };
	draft_mark(&probe, b->marks[0].at, b->marks[0].text);
	find_points(p, &probe, false);
	size_t m = probe.nmarks, l;
	free(probe.marks);
	struct number two = number_of(2), after = number_of((unsigned)m + 1);
	size_t at2 = first_marker(p, c + ml, to, &two, 1, 3, &l);
	size_t atm = first_marker(p, c + ml, to, &after, 1, 3, &l);
	*sure = m >= 2 && (at2 != NO_INDEX || atm != NO_INDEX);
	if (m < 2)
		return false;
	if (at2 != NO_INDEX || atm != NO_INDEX)
		return at2 < atm;
	return true;
}

static struct draft *add_block(struct draft **bl, size_t *nb,
				  size_t *cap, size_t at, size_t ml)
{
	*bl = xgrow(*bl, cap, *nb + 1, sizeof **bl);
	struct draft *b = &(*bl)[(*nb)++];
	memset(b, 0, sizeof *b);
	b->start = at;
	draft_mark(b, at, at + ml);
	return b;
}

/* Pass 1 over a slide body [start, end): where blocks start (a "1." right
 * after a separator, or where the body starts) and where each point's
 * marker is. */
static size_t find_blocks(struct parser *p, size_t start, size_t end,
			  struct draft **out)
{
	struct draft *bl = NULL;
	size_t nb = 0, cap = 0, weighed = 0;
	for (size_t i = start; i < end; i++) {
		if (p->t[i] != '1' || (i != start && !sep_before(p, i)))
			continue;
		size_t ml = 0;
		int r = marker_rank(p, i, &number_one, &ml);
		if (!r || r == 3 || i + ml > end)
			continue;
		if (r == 4 && nb > 0) {
			if (weighed++ >= MAX_NUMBER_STARTS)
				continue;
			/* up to the next clean block start */
			size_t to = i + ml;
			while (to < end && !((p->t[to] == '1' && sep_before(p, to) &&
					      marker_len(p, to))))
				to++;
			bl[nb - 1].end = i - sep_before(p, i);
			bool sure;
			bool starts = block_starts_at(p, &bl[nb - 1], i, ml, to,
						      &sure);
			if (!sure) {
				char *head = make_text(p, i, chars_after(p, i, 8, end));
				deck_warn(p->deck, off(p, i), p->sec_no,
					  p->slide_no, "guessed that \"%s…\" "
					  "%s: a block whose first point opens "
					  "with a number, or a decimal inside a "
					  "point", head, starts ? "starts a block"
					  : "is inside a point");
				free(head);
			}
			if (!starts)
				continue;
		}
		add_block(&bl, &nb, &cap, i, ml);
	}
	for (size_t k = 0; k < nb; k++) {
		struct draft *b = &bl[k];
		b->end = k + 1 < nb ? bl[k + 1].start - sep_before(p, bl[k + 1].start)
				    : end;
		find_points(p, b, true);
	}
	*out = bl;
	return nb;
}

/* A seam guessed, for its warning. The warning's text names the titles
 * it could be; formatted while the seam model is in memory, 10,000 of
 * them were 2.7 MB on top of the model's peak, so they wait as this. */
struct guess {
	const char *what;  /* "block title", ... (static) */
	const char *cue;   /* seam_guess.cue */
	uint32_t chunk, end; /* the run the title was looked for in */
	uint32_t cut, runner_up, third; /* seam_guess's, in t */
	uint32_t sec_no, slide_no;
	bool found, close_call;
};

static void warn_guess(struct parser *p, const struct guess *g)
{
	size_t end = g->end;
	if (!g->found) {
		deck_warn(p->deck, off(p, g->chunk), g->sec_no, g->slide_no,
			  "found no place where the %s starts: left in the "
			  "previous point", g->what);
		return;
	}
	/* the guess, the places next best (the right one, as a rule, when
	 * the guess is wrong), and what decided it */
	char *title = make_text(p, g->cut, end);
	struct strbuf alt = STRBUF_INIT;
	if (g->runner_up < end) {
		char *other = make_text(p, g->runner_up, end);
		sb_printf(&alt, "; %s \"%s\"", g->close_call ?
			  "a close call with" : "next best", other);
		free(other);
	}
	if (g->third < end) {
		char *other = make_text(p, g->third, end);
		sb_printf(&alt, ", then \"%s\"", other);
		free(other);
	}
	if (g->cue && g->runner_up < end)
		sb_printf(&alt, "; decided by %s", g->cue);
	deck_warn(p->deck, off(p, g->cut), g->sec_no, g->slide_no,
		  "guessed where the %s \"%s\" starts (glued to the "
		  "previous point%s)", g->what, title, alt.data ? alt.data : "");
	sb_free(&alt);
	free(title);
}

/* The guesses' warnings, in the order the seams were decided: as if each
 * had been warned about at once. The text must still be as read. */
static void warn_guesses(struct parser *p)
{
	for (size_t i = 0; i < p->nguesses; i++)
		warn_guess(p, &p->guesses[i]);
	free(p->guesses);
	p->guesses = NULL;
	p->nguesses = p->guesses_cap = 0;
}

/* Cuts the title glued to the end of a point: the run [from, end) holds
 * the point's tail then the title. Returns where the title starts (== end
 * when nothing fits); when it is a guess, a warning will say so. */
static size_t cut_title(struct parser *p, size_t from, size_t end,
			size_t own_start, size_t own_end, size_t sibling_chars,
			const char *what)
{
	size_t chunk = after_last_sep(p, from, end);
	if (chunk > from && chunk == end) {
		/* "…text,,1." — an empty box: the title is empty */
		return end;
	}
	struct seam_context cx = { p->t + own_start, own_end - own_start,
				   sibling_chars };
	struct seam_guess sg = seam_find(p->stats, p->t, chunk, end, &cx);
	if (sg.found && sg.sure)
		return sg.cut;
	struct guess g = { what, sg.cue, (uint32_t)chunk, (uint32_t)end,
			   (uint32_t)sg.cut, (uint32_t)sg.runner_up,
			   (uint32_t)sg.third, (uint32_t)p->sec_no,
			   (uint32_t)p->slide_no, sg.found, sg.close_call };
	if (p->deck->nwarnings + p->nguesses >= DECK_MAX_WARNINGS) {
		/* past the warnings a deck lists: deck_warn would only count
		 * it, and so does this, keeping no record */
		p->deck->warnings_not_listed++;
	} else {
		p->guesses = xgrow(p->guesses, &p->guesses_cap, p->nguesses + 1,
				   sizeof *p->guesses);
		p->guesses[p->nguesses++] = g;
	}
	return sg.found ? sg.cut : end;
}

/* A slide as pass 1 finds it, with what decide_slide finds in it: a
 * record in the parser's arena, followed by its blocks, then all their
 * markers (raw_blocks, raw_marks). Every slide's stays from pass 1 to
 * the slide's building: a one-letter slide's is 56 bytes, eight times
 * its text, so they are kept packed and given back as slides are
 * built (build_section). */
struct rawslide {
	uint32_t nblocks;
	uint32_t head, body, end; /* header at head, blocks in [body, end) */
	/* a box after the last point, before the next header (NO_POS:
	 * none), and where the block title found in it starts (== its end:
	 * none, the box stays in the point) */
	uint32_t dangling_end, dangling_cut;
	uint32_t untitled; /* the first block with no title, or NO_POS */
};

/* Its blocks (writable: decide_slide records their cuts). */
static struct rawblock *raw_blocks(const struct rawslide *rs)
{
	return (struct rawblock *)(void *)(rs + 1);
}

/* The markers of rs's block rb. */
static const struct mark *raw_marks(const struct rawslide *rs,
				    const struct rawblock *rb)
{
	return (const struct mark *)(void *)(raw_blocks(rs) + rs->nblocks) +
	       rb->marks;
}

/* The bytes of rs's record. */
static size_t raw_size(const struct rawslide *rs)
{
	size_t nm = 0;
	if (rs->nblocks) {
		const struct rawblock *last = &raw_blocks(rs)[rs->nblocks - 1];
		nm = last->marks + last->nmarks;
	}
	return sizeof *rs + rs->nblocks * sizeof(struct rawblock) +
	       nm * sizeof(struct mark);
}

/* Slide records one after another: section k's from p->slide_at[k]. */
static struct rawslide *raw_at(struct arena_pos at)
{
	return arena_at(at);
}

static struct arena_pos raw_next(struct arena_pos at)
{
	return arena_after(at, raw_size(raw_at(at)));
}

/* [start, end) of block k's title in a slide whose seams are decided:
 * the first block's stands before its "1.", the others' are glued to the
 * point before. */
static void title_range(const struct parser *p, const struct rawslide *rs,
			size_t k, size_t *start, size_t *end)
{
	const struct rawblock *rb = raw_blocks(rs);
	size_t title_end = rb[k].start - sep_before(p, rb[k].start);
	if (k > 0) {
		*start = rb[k].cut;
		*end = title_end;
	} else {
		*start = rs->body;
		*end = rb[0].start > rs->body ? title_end : rs->body;
	}
	trim(p, start, end);
}

/* Pass 2, first half, over one slide: where each glued title starts, and
 * what the box after the last point holds. Only reads the text. */
static void decide_slide(struct parser *p, struct rawslide *rs)
{
	size_t start = rs->body, end = rs->end;
	struct rawblock *rb = raw_blocks(rs);
	size_t nb = rs->nblocks;
	rs->dangling_end = rs->dangling_cut = rs->untitled = NO_POS;
	if (start >= end || nb == 0)
		return;
	/* a box after the last point, before the next header: the title of a
	 * block whose title came out of order (the extraction defect) */
	size_t dangling_end = sep_before(p, end) ? end - sep_before(p, end) : NO_INDEX;
	size_t last = nb - 1;
	if (dangling_end != NO_INDEX && rb[last].end == end)
		rb[last].end = dangling_end;

	/* the first block's title, when it stands before its "1.", is known
	 * exactly: its siblings' titles tend to be of its length */
	size_t sibling_chars = 0;
	for (size_t i = start; i < rb[0].start - sep_before(p, rb[0].start); i++)
		sibling_chars += ((unsigned char)p->t[i] & 0xC0) != 0x80;
	/* Block k's title is glued to the last point of block k-1. The seams
	 * are decided from the last back, so that each title's own block
	 * (evidence: titles reuse their points' words) ends where the next
	 * title was cut, not with that title still glued to it. */
	for (size_t k = nb - 1; k > 0; k--) {
		const struct rawblock *prev = &rb[k - 1];
		size_t from = raw_marks(rs, prev)[prev->nmarks - 1].text;
		size_t title_end = rb[k].start - sep_before(p, rb[k].start);
		size_t own_end = k + 1 < nb ? rb[k + 1].cut : rb[k].end;
		rb[k].cut = cut_title(p, from, title_end, rb[k].start, own_end,
				      sibling_chars, "block title");
	}
	for (size_t k = 0; k < nb && rs->untitled == NO_POS; k++) {
		size_t ts, te;
		title_range(p, rs, k, &ts, &te);
		if (ts == te)
			rs->untitled = k;
	}
	if (dangling_end == NO_INDEX)
		return;
	rs->dangling_end = dangling_end;
	size_t u = rs->untitled;
	rs->dangling_cut = dangling_end;
	if (u != NO_POS)
		rs->dangling_cut = cut_title(p, raw_marks(rs, &rb[last])[rb[last].nmarks - 1].text,
					     dangling_end, rb[u].start,
					     u + 1 < nb ? rb[u + 1].cut : rb[u].end,
					     0, "out-of-order block title");
}

/* The points of the block last added, rs's block rb. */
static void add_points(struct parser *p, const struct rawslide *rs,
		       const struct rawblock *rb, size_t last_end)
{
	const struct mark *mk = raw_marks(rs, rb);
	for (size_t m = 0; m < rb->nmarks; m++) {
		size_t s = mk[m].text;
		size_t e = m + 1 < rb->nmarks ? mk[m + 1].at : last_end;
		struct point *pt = deck_add_point(p->deck);
		pt->text = deck_view(p, s, e);
		pt->src.start = off(p, mk[m].at);
		pt->src.end = off(p, e);
		/* a view has no NUL yet, but its first byte is there */
		if (!point_text(p->deck, pt)[0])
			deck_warn(p->deck, off(p, s), p->sec_no, p->slide_no,
				  "point %zu is empty", m + 1);
	}
}

/* Pass 2, second half, over one slide, the last added: its blocks, as
 * decided, each followed by its points (deck.h: in reading order). */
static void build_slide(struct parser *p, const struct rawslide *rs)
{
	size_t start = rs->body, end = rs->end;
	const struct rawblock *rb = raw_blocks(rs);
	size_t nb = rs->nblocks;
	struct deck *d = p->deck;
	if (start >= end) {
		deck_add_block(d); /* its title "" */
		deck_warn(d, off(p, rs->head), p->sec_no, p->slide_no,
			  "slide has a header and nothing else");
		return;
	}
	if (nb == 0) {
		struct block *b = deck_add_block(d);
		b->title = deck_view(p, start, end);
		b->src.start = off(p, start);
		b->src.end = off(p, end);
		deck_warn(d, off(p, start), p->sec_no, p->slide_no,
			  "slide has no numbered points: its text is kept as "
			  "a block title");
		return;
	}
	size_t last = nb - 1;
	size_t first = d->nblocks; /* the slide's first block */
	for (size_t k = 0; k < nb; k++) {
		size_t ts, te;
		title_range(p, rs, k, &ts, &te);
		struct block *b = deck_add_block(d);
		b->src.start = off(p, k == 0 ? start : rb[k].start);
		/* a title glued to a point is copied: the point's NUL goes on
		 * its first byte */
		b->title = k == 0 ? deck_view(p, ts, te) : deck_text(p, ts, te);
		if (k < last) {
			add_points(p, rs, &rb[k], rb[k + 1].cut);
			d->blocks[first + k].src.end = off(p, rb[k + 1].cut);
		}
	}
	/* the last block's last point runs to the slide's end, or to a
	 * dangling title */
	size_t last_end = rb[last].end;
	if (rs->dangling_end != NO_POS) {
		size_t cut = rs->dangling_cut, u = rs->untitled;
		if (u != NO_POS && cut < rs->dangling_end) {
			struct block *ub = &d->blocks[first + u];
			ub->title = deck_text(p, cut, rs->dangling_end);
			ub->title_after_points = true;
			deck_warn(d, off(p, cut), p->sec_no, p->slide_no,
				  "block title \"%s\" found after the slide's "
				  "points: given to block %zu, which had none",
				  block_title(d, ub), u + 1);
			last_end = cut;
		} else {
			last_end = end;
			deck_warn(d, off(p, rs->dangling_end), p->sec_no,
				  p->slide_no, "text after the last point ends "
				  "with a comma, and no block lacks a title: "
				  "kept in the point");
		}
	}
	add_points(p, rs, &rb[last], last_end);
	d->blocks[first + last].src.end = off(p, last_end);
	for (size_t k = 0; k < nb; k++)
		if (!block_title(d, &d->blocks[first + k])[0])
			deck_warn(d, off(p, rb[k].start), p->sec_no,
				  p->slide_no, "block %zu has no title", k + 1);
}

/* A slide's record of blocks bl[0, nb) (freed here, with their
 * markers), at the end of the parser's arena: *at is its place. */
static struct rawslide *raw_add(struct parser *p, struct draft *bl, size_t nb,
				struct arena_pos *at)
{
	size_t nm = 0;
	for (size_t k = 0; k < nb; k++)
		nm += bl[k].nmarks;
	struct rawslide *rs = arena_alloc(p->raw, sizeof *rs +
					  nb * sizeof(struct rawblock) +
					  nm * sizeof(struct mark), at);
	memset(rs, 0, sizeof *rs);
	rs->nblocks = (uint32_t)nb;
	struct rawblock *rb = raw_blocks(rs);
	struct mark *mk = (struct mark *)(void *)(rb + nb);
	uint32_t m = 0;
	for (size_t k = 0; k < nb; k++) {
		rb[k] = (struct rawblock){ m, bl[k].nmarks, bl[k].start,
					   bl[k].end, 0 };
		memcpy(mk + m, bl[k].marks, bl[k].nmarks * sizeof *mk);
		m += bl[k].nmarks;
		free(bl[k].marks);
	}
	free(bl);
	return rs;
}

/* Pass 1 over one section body [start, end): where its slides are, as
 * records in the arena (*at_first: the first's place); their count. The
 * header is normally the section title (rule 5); whatever the first box
 * is, later slides repeat it. */
static size_t collect_slides(struct parser *p, const char *title, size_t start,
			     size_t end, struct arena_pos *at_first)
{
	size_t ns = 0;
	const char *t = p->t;
	if (start >= end) {
		/* the title as read: made inert before it reaches a message */
		char *inert = text_inert(title, strlen(title));
		deck_warn(p->deck, off(p, start), p->sec_no, 0,
			  "section \"%s\" has a cover but no slides", inert);
		free(inert);
		return 0;
	}
	size_t he = next_sep(p, start, end), hl = he - start;
	if (!(hl == strlen(title) && memcmp(t + start, title, hl) == 0)) {
		char *first = make_text(p, start, he);
		deck_warn(p->deck, off(p, start), p->sec_no, 1,
			  "slide header \"%s\" differs from the section title",
			  first);
		free(first);
	}
	const char *hdr = t + start;
	size_t pos = start;
	while (pos < end) {
		size_t body = pos + hl + sep_at(p, pos + hl);
		/* the next slide: the header glued after this slide's text */
		size_t next = end, from = body;
		while (hl && from < end) {
			const char *hit = memmem(t + from, end - from, hdr, hl);
			if (!hit)
				break;
			size_t i = (size_t)(hit - t);
			size_t s = sep_at(p, i + hl);
			bool guess;
			if (s && !after_space(p, i, body) &&
			    slide_starts_at(p, i + hl + s, end, hdr, hl,
					    &guess)) {
				if (guess) {
					char *head = make_text(p, i, chars_after(
						p, i, 12, end));
					deck_warn(p->deck, off(p, i), p->sec_no,
						  ns + 2, "guessed that a slide "
						  "starts at \"%s…\": its first "
						  "point opens with a number",
						  head);
					free(head);
				}
				next = i;
				break;
			}
			from = i + 1;
		}
		p->slide_no = ns + 1;
		struct draft *bl;
		size_t b0 = body < next ? body : next;
		size_t nb = find_blocks(p, b0, next, &bl);
		struct arena_pos at;
		struct rawslide *rs = raw_add(p, bl, nb, &at);
		if (ns == 0)
			*at_first = at;
		rs->head = pos;
		rs->body = b0;
		rs->end = next;
		ns++;
		pos = next;
	}
	return ns;
}

/* Exact titles (the first box of a slide, before "1.") and exact points
 * (every point but a block's last) teach the seam model this deck; the
 * runs where titles are glued to points are registered for counting. */
static void feed_stats(struct parser *p, struct arena_pos at, size_t ns)
{
	for (size_t i = 0; i < ns; i++, at = raw_next(at)) {
		const struct rawslide *rs = raw_at(at);
		if (!rs->nblocks)
			continue;
		const struct rawblock *bl = raw_blocks(rs);
		size_t s0 = bl[0].start;
		if (s0 > rs->body)
			seam_stats_add_title(p->stats, p->t + rs->body,
					     s0 - sep_before(p, s0) - rs->body,
					     true);
		for (size_t k = 0; k < rs->nblocks; k++) {
			const struct rawblock *b = &bl[k];
			const struct mark *mk = raw_marks(rs, b);
			for (size_t m = 0; m + 1 < b->nmarks; m++)
				seam_stats_add_point(p->stats, p->t + mk[m].text,
						     mk[m + 1].at - mk[m].text);
			size_t from = mk[b->nmarks - 1].text, end;
			if (k + 1 < rs->nblocks)
				end = bl[k + 1].start - sep_before(p, bl[k + 1].start);
			else if (s0 == rs->body && sep_before(p, rs->end))
				end = rs->end - sep_before(p, rs->end);
			else
				continue;
			seam_stats_want(p->stats, p->t,
					after_last_sep(p, from, end), end);
		}
	}
}

/* The deck title: the head's first box, which comes back in every section
 * cover. A comma followed by a space is taken to be inside the title
 * ("Bridges, Loads and Materials"): boxes are glued, never spaced. */
static bool find_title(struct parser *p, struct lt_error *err)
{
	size_t end = 0;
	while ((end = next_sep(p, end, p->n)) < p->n &&
	       end + 1 < p->n && p->t[end + sep_at(p, end)] == ' ')
		end += sep_at(p, end);
	for (int pass = 0; pass < 2 && end < p->n; pass++) {
		p->title = p->t;
		p->title_len = end;
		if (end > 0 && next_cover(p, end + sep_at(p, end)) != NO_INDEX)
			return true;
		end = next_sep(p, 0, p->n); /* then the plain first box */
	}
	if (next_sep(p, 0, p->n) >= p->n)
		lt_error_at(err, 0, "not a 目录页 outline: no comma-separated "
			    "boxes (expected \"Deck title,Contents,…\")");
	else
		lt_error_at(err, 0, "not a 目录页 outline: the deck title "
			    "never comes back as a section cover "
			    "(\"Section title,Deck title,\")");
	return false;
}

/* How far from the end of a deck's head everything that decides its
 * title must lie: the checks look a few bytes past a cover (a separator,
 * a marker and the digits after it). */
#define HEAD_MARGIN 64

/* find_title's first reading on the head of a deck, t[0, n): the title
 * whose cover comes back in the head. The reading is the same whatever
 * follows the head when all it looked at lies HEAD_MARGIN bytes before
 * the head's end; the second reading (the plain first box) is taken only
 * when no cover comes back in the whole text, which a head cannot tell. */
static bool head_title(struct parser *p)
{
	size_t end = 0;
	while ((end = next_sep(p, end, p->n)) < p->n &&
	       end + 1 < p->n && p->t[end + sep_at(p, end)] == ' ')
		end += sep_at(p, end);
	if (end == 0 || end + HEAD_MARGIN >= p->n)
		return false;
	p->title = p->t;
	p->title_len = end;
	size_t c = next_cover(p, end + sep_at(p, end));
	return c != NO_INDEX && c + end + HEAD_MARGIN < p->n;
}

bool outline_head_title(const struct source *head, char **title)
{
	struct parser p = { .src = head };
	flat_make(&p.flat, head);
	p.t = p.flat.text;
	p.n = p.flat.len;
	bool ok = head_title(&p);
	*title = ok ? make_text(&p, 0, p.title_len) : NULL;
	flat_free(&p.flat);
	return ok;
}

static size_t count_covers(struct parser *p, size_t from)
{
	size_t n = 0;
	for (size_t c = next_cover(p, from); c != NO_INDEX;
	     c = next_cover(p, c + p->title_len))
		n++;
	return n;
}

static void check_truncation(struct parser *p)
{
	struct deck *d = p->deck;
	size_t last_present = 0;
	bool any = false;
	for (size_t i = 0; i < d->ntoc; i++)
		if (d->toc[i].present) {
			last_present = i;
			any = true;
		}
	for (size_t i = 0; i < d->ntoc; i++)
		if (!d->toc[i].present)
			deck_warn(d, d->toc[i].src.start, 0, 0,
				  "contents entry %zu \"%s\" has no section in "
				  "the text%s", i + 1, d->toc[i].title,
				  any && i > last_present ? " (the text is cut "
				  "off before it)" : "");
	if (any && last_present + 1 < d->ntoc) {
		d->truncated = true;
		deck_warn(d, off(p, p->n), p->sec_no, p->slide_no,
			  "the text is cut off here: the last point may be "
			  "incomplete and %zu contents sections never appear",
			  d->ntoc - last_present - 1);
	}
}

static void parser_free(struct parser *p)
{
	for (size_t k = 0; k < p->ncov; k++) {
		free(p->known[k]);
	}
	free(p->known);
	free(p->guessed);
	free(p->cov);
	arena_free(p->raw);
	free(p->slide_at);
	free(p->nslides);
	strmap_free(&p->tocmap);
	free(p->toc_next);
	free(p->toc_tail);
	free(p->toc_cursor);
	seam_stats_free(p->stats);
	free(p->guesses);
	free(p->seals);
	flat_free(&p->flat);
}

/* The section covers (rule 4), and each section's title where its first
 * slide's header repeats it (rule 5). */
static void find_covers(struct parser *p)
{
	size_t c = next_cover(p, p->head_end);
	p->ncov = count_covers(p, p->head_end);
	p->cov = xcalloc(p->ncov, sizeof *p->cov);
	p->known = xcalloc(p->ncov, sizeof *p->known);
	p->guessed = xcalloc(p->ncov, sizeof *p->guessed);
	for (size_t k = 0; k < p->ncov; k++) {
		struct cover *cv = &p->cov[k];
		cv->at = c;
		cv->title_end = c - sep_before(p, c);
		cv->body = c + p->title_len + sep_at(p, c + p->title_len);
		c = next_cover(p, c + p->title_len);
	}
	for (size_t k = 0; k < p->ncov; k++) {
		struct cover *cv = &p->cov[k];
		cv->title_start = cover_title_start(p, cv->at,
						    k ? p->cov[k - 1].body : p->head_end,
						    k == 0);
		if (cv->title_start != NO_INDEX)
			p->known[k] = xstrndup(p->t + cv->title_start,
					       cv->title_end - cv->title_start);
	}
}

/* The head after the deck title (rule 3): the TOC is the second box, and
 * labels follow until section 1's title ("Contents Page,目录页"). */
static void read_contents(struct parser *p)
{
	size_t toc_end = next_sep(p, p->head_end, p->n);
	size_t first = p->cov[0].title_start;
	p->has_toc = first > p->head_end;
	if (!p->has_toc) {
		deck_warn(p->deck, off(p, p->head_end), 0, 0,
			  "no table of contents before the first section");
		return;
	}
	split_toc(p, p->head_end, toc_end, p->known, p->ncov);
	struct strbuf lab = STRBUF_INIT;
	size_t q = toc_end + sep_at(p, toc_end);
	while (q < first) {
		size_t e = next_sep(p, q, first);
		char *one = make_text(p, q, e);
		if (one[0]) {
			if (lab.len)
				sb_puts(&lab, " / ");
			sb_puts(&lab, one);
		}
		free(one);
		q = e + sep_at(p, e);
		if (e == q)
			break;
	}
	if (lab.len)
		p->deck->contents_label = deck_take_str(p->deck, sb_take(&lab));
	sb_free(&lab);
}

/* The contents by title, to match each section with its entry. */
static void index_contents(struct parser *p)
{
	size_t nt = p->deck->ntoc;
	p->toc_next = xcalloc(nt + 1, sizeof *p->toc_next);
	p->toc_tail = xcalloc(nt + 1, sizeof *p->toc_tail);
	p->toc_cursor = xcalloc(nt + 1, sizeof *p->toc_cursor);
	for (size_t i = 0; i < nt; i++) {
		struct toc_query q = { p->deck, p->deck->toc[i].title,
				       strlen(p->deck->toc[i].title) };
		size_t head = strmap_add(&p->tocmap, q.s, q.n, i, toc_equal, &q);
		p->toc_next[i] = NO_INDEX;
		if (head == i) {
			p->toc_tail[i] = i;
			p->toc_cursor[i] = i;
		} else {
			p->toc_next[p->toc_tail[head]] = i;
			p->toc_tail[head] = i;
		}
	}
}

/* Sections with a cover and no slides: their title from the contents,
 * else the cover's whole box (a guess). */
static void titles_from_contents(struct parser *p)
{
	for (size_t k = 0; k < p->ncov; k++) {
		if (p->known[k])
			continue;
		struct cover *cv = &p->cov[k];
		size_t lower = k ? p->cov[k - 1].body : p->head_end;
		size_t st = toc_suffix(p, &p->tocmap, lower, cv->title_end);
		if (st == NO_INDEX) {
			st = after_last_sep(p, lower, cv->title_end);
			p->guessed[k] = true;
		}
		cv->title_start = st;
		p->known[k] = xstrndup(p->t + st, cv->title_end - st);
	}
}

static size_t body_end(const struct parser *p, size_t k)
{
	return k + 1 < p->ncov ? p->cov[k + 1].title_start : p->n;
}

/* Pass 1: slides and markers everywhere, so that the seam model knows
 * the whole deck before the first guess. */
static void collect_deck(struct parser *p)
{
	p->raw = arena_new();
	p->slide_at = xcalloc(p->ncov, sizeof *p->slide_at);
	p->nslides = xcalloc(p->ncov, sizeof *p->nslides);
	p->stats = seam_stats_new();
	seam_stats_add_title(p->stats, p->t, p->title_len, false);
	for (size_t k = 0; k < p->ncov; k++) {
		p->sec_no = k + 1;
		seam_stats_add_title(p->stats, p->known[k], strlen(p->known[k]),
				     false);
		p->nslides[k] = collect_slides(p, p->known[k], p->cov[k].body,
					       body_end(p, k), &p->slide_at[k]);
		feed_stats(p, p->slide_at[k], p->nslides[k]);
	}
	seam_stats_count(p->stats, p->t, p->n);
}

/* Pass 2, first half, over the whole deck: every seam decided while the
 * text is as read; the seam model is not needed after it. */
static void decide_deck(struct parser *p)
{
	for (size_t k = 0; k < p->ncov; k++) {
		p->sec_no = k + 1;
		struct arena_pos at = p->slide_at[k];
		for (size_t i = 0; i < p->nslides[k]; i++, at = raw_next(at)) {
			p->slide_no = i + 1;
			decide_slide(p, raw_at(at));
		}
	}
	seam_stats_free(p->stats);
	p->stats = NULL;
	warn_guesses(p);
}

/* [start, end) of a slide's header: its first box. */
static void header_range(const struct parser *p, const struct rawslide *rs,
			 size_t *start, size_t *end)
{
	*start = rs->head;
	*end = rs->head + (rs->body > rs->head ? rs->body - rs->head -
			   sep_before(p, rs->body) : 0);
	trim(p, start, end);
}

/* Is rs's header, in the text as read, the string hdr? */
static bool same_header(const struct parser *p, const struct rawslide *rs,
			uint32_t hdr)
{
	size_t hs, he;
	header_range(p, rs, &hs, &he);
	const char *h = deck_str(p->deck, hdr);
	return as_is(p, hs, he) && strlen(h) == he - hs &&
	       memcmp(p->t + hs, h, he - hs) == 0;
}

/* The deck's nodes, counted from pass 1's records: its columns are then
 * allocated once, at their exact size. */
static void reserve_nodes(struct parser *p)
{
	size_t slides = 0, blocks = 0, points = 0;
	for (size_t k = 0; k < p->ncov; k++) {
		struct arena_pos at = p->slide_at[k];
		for (size_t i = 0; i < p->nslides[k]; i++, at = raw_next(at)) {
			const struct rawslide *rs = raw_at(at);
			slides++;
			blocks += rs->nblocks ? rs->nblocks : 1; /* build_slide */
			for (size_t b = 0; b < rs->nblocks; b++)
				points += raw_blocks(rs)[b].nmarks;
		}
	}
	deck_reserve(p->deck, slides, blocks, points);
}

/* Pass 2, second half, over section k: its title, its place in the
 * contents, its slides. Each slide's raw blocks are freed once built. */
static void build_section(struct parser *p, size_t k)
{
	struct section *sec = deck_open_section(p->deck, k);
	const struct cover *cv = &p->cov[k];
	p->sec_no = k + 1;
	p->slide_no = 0;
	sec->title = deck_view_str(p, cv->title_start, cv->title_end);
	seal_views(p);
	sec->src.start = off(p, cv->title_start);
	sec->src.end = off(p, body_end(p, k));
	struct toc_query tq = { p->deck, sec->title, strlen(sec->title) };
	size_t head = strmap_find(&p->tocmap, tq.s, tq.n, toc_equal, &tq);
	size_t ti = head != NO_INDEX ? p->toc_cursor[head] : NO_INDEX;
	if (ti != NO_INDEX) {
		p->deck->toc[ti].present = true;
		sec->toc_index = ti;
		p->toc_cursor[head] = p->toc_next[ti];
	}
	if (p->guessed[k])
		deck_warn(p->deck, sec->src.start, p->sec_no, 0,
			  "guessed where section title \"%s\" starts",
			  sec->title);
	if (p->has_toc && sec->toc_index == NO_INDEX)
		deck_warn(p->deck, sec->src.start, p->sec_no, 0,
			  "section \"%s\" is not in the contents", sec->title);
	/* Every slide repeats the section's header: one copy serves them
	 * all. A slide's last point ends where the next header starts, with
	 * nothing between: it can stay in the text when that header is the
	 * shared copy, and is copied otherwise (glued_end). */
	uint32_t hdr = DECK_EMPTY_STR;
	bool shared = false; /* the slide's header is hdr */
	struct arena_pos at = p->slide_at[k];
	for (size_t i = 0; i < p->nslides[k]; i++) {
		const struct rawslide *rs = raw_at(at);
		struct arena_pos next = i + 1 < p->nslides[k] ? raw_next(at) : at;
		p->slide_no = i + 1;
		struct slide *sl = deck_add_slide(p->deck);
		if (!shared) {
			size_t hs, he;
			header_range(p, rs, &hs, &he);
			hdr = deck_text(p, hs, he);
		}
		sl->header = hdr;
		shared = i + 1 < p->nslides[k] &&
			 same_header(p, raw_at(next), hdr);
		p->glued_end = shared ? NO_INDEX : rs->end;
		sl->src.start = off(p, rs->head);
		sl->src.end = off(p, rs->end);
		build_slide(p, rs);
		seal_views(p);
		p->glued_end = NO_INDEX;
		/* the records before this one's chunk are built: given back,
		 * so that they and the nodes are not all held at once */
		arena_release_before(p->raw, at);
		at = next;
	}
}

bool outline_import(struct source *src, struct deck **out,
		    struct lt_error *err)
{
	struct parser p = { .src = src, .glued_end = NO_INDEX };
	flat_make(&p.flat, src);
	p.t = p.flat.text;
	p.n = p.flat.len;
	/* Strings may stay in the text the parser reads: its own copy, or the
	 * source's when that is UTF-8 (source_locate counts characters in it
	 * afterwards, which a NUL for a separator's first byte keeps as they
	 * were; for another encoding it converts them back, which a NUL
	 * would not survive). */
	p.views = p.flat.own || !src->encoding;
	*out = NULL;
	if (!find_title(&p, err)) {
		parser_free(&p);
		return false;
	}
	p.deck = deck_new();
	if (p.views)
		p.text_handle = deck_map_text(p.deck, p.flat.text, p.n);
	p.deck->title = (char *)deck_str(p.deck, deck_text(&p, 0, p.title_len));
	p.head_end = p.title_len + sep_at(&p, p.title_len);

	find_covers(&p);
	read_contents(&p);
	index_contents(&p);
	titles_from_contents(&p);
	collect_deck(&p);
	decide_deck(&p);
	deck_set_sections(p.deck, p.ncov);
	reserve_nodes(&p);
	for (size_t k = 0; k < p.ncov; k++)
		build_section(&p, k);
	check_truncation(&p);
	deck_sort_warnings(p.deck);
	/* the text is mapped, and node strings may be in it: the deck
	 * keeps it */
	if (p.views && p.flat.own) {
		deck_adopt_text(p.deck, p.flat.text);
		p.flat.own = false;
	} else if (p.views) {
		deck_adopt_text(p.deck, source_give_text(src));
	}

	*out = p.deck;
	parser_free(&p);
	return true;
}
