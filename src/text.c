/* text.c — the libunistring wrapper: validation, inert copies, widths and
 * UAX #14 line breaking. No other file includes a libunistring header. */
#include "lectern/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lectern/strbuf.h"
#include "lectern/thai.h"

/* Bytes 2.. of a sequence of len bytes led by c: the first of them in
 * [lo, hi], the rest in [0x80, 0xBF] (the Unicode Standard, table 3-7:
 * no overlong forms, no surrogates, nothing past U+10FFFF). */
static bool sequence_ok(const uint8_t *u, size_t room, uint8_t c,
			size_t *len)
{
	uint8_t lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		*len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		*len = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		*len = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else
		return false;
	if (room < *len || u[1] < lo || u[1] > hi)
		return false;
	for (size_t k = 2; k < *len; k++)
		if (u[k] < 0x80 || u[k] > 0xBF)
			return false;
	return true;
}

bool text_valid_utf8(const char *s, size_t n, size_t *bad)
{
	/* the rules of libunistring's u8_check (test_text compares the two),
	 * faster: ASCII, most of a Markdown deck, its front matter and
	 * English text, eight bytes at a time, and CJK's three-byte
	 * characters on a short path. A pass over the 6.8 MB Chinese
	 * 10,000-slide deck took 16.7 ms with u8_check and 10.6 with this,
	 * over the 4.8 MB English one 3.7 and 0.45 ms. */
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			uint64_t w;
			i++;
			while (i + 8 <= n && (memcpy(&w, u + i, 8),
					      !(w & 0x8080808080808080u)))
				i += 8;
			continue;
		}
		/* most CJK: a lead byte of E1..EC and two continuations */
		if (u[i] >= 0xE1 && u[i] <= 0xEC && n - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		size_t len;
		if (!sequence_ok(u + i, n - i, u[i], &len)) {
			if (bad)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

int text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	/* fast paths for well-formed sequences (model text is validated) */
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] < 0xE0 && n >= 2 && (u[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if (u[0] >= 0xE0 && u[0] < 0xF0 && n >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) |
			     ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	ucs4_t uc;
	int len = u8_mbtouc(&uc, u, n);
	*cp = uc;
	return len > 0 ? len : 1;
}

int text_encode(uint32_t cp, char *out)
{
	int len = u8_uctomb((uint8_t *)out, cp, 4);
	if (len <= 0) {
		/* not a Unicode scalar value: U+FFFD */
		memcpy(out, "\xEF\xBF\xBD", 3);
		return 3;
	}
	return len;
}

static bool is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* Would text_inert change the character at s[i]? Its length in *len. */
static bool needs_inert(const char *s, size_t n, size_t i, int *len,
			uint32_t *cp)
{
	*len = text_decode(s + i, n - i, cp);
	uint32_t c = *cp;
	return c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 ||
	       (c >= 0x80 && c < 0xA0) || is_noncharacter(c);
}

size_t text_inert_span(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			continue;
		}
		int len;
		uint32_t cp;
		if (needs_inert(s, n, i, &len, &cp))
			return i;
		i += (size_t)len;
	}
	return n;
}

char *text_inert(const char *s, size_t n)
{
	size_t i = text_inert_span(s, n);
	if (i == n) {
		/* nothing to change: one exact copy */
		char *c = xmalloc(n + 1);
		memcpy(c, s, n);
		c[n] = '\0';
		return c;
	}
	struct strbuf sb = STRBUF_INIT;
	size_t run = 0; /* s[run, i) is copied as it is */
	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++; /* printable ASCII: the common case */
			continue;
		}
		uint32_t cp;
		int len = text_decode(s + i, n - i, &cp);
		char caret[2] = { '^', cp == 0x7F ? '?' : (char)(cp + 0x40) };
		const char *with;
		size_t with_len;
		if (cp == '\t' || cp == 0x2028 || cp == 0x2029) {
			with = " ";
			with_len = 1;
		} else if (cp < 0x20 || cp == 0x7F) {
			with = caret;
			with_len = 2;
		} else if ((cp >= 0x80 && cp < 0xA0) || is_noncharacter(cp)) {
			with = "\xEF\xBF\xBD";
			with_len = 3;
		} else {
			i += (size_t)len;
			continue;
		}
		sb_put(&sb, s + run, i - run);
		sb_put(&sb, with, with_len);
		i += (size_t)len;
		run = i;
	}
	sb_put(&sb, s + run, n - run);
	return sb_take(&sb);
}

char *text_display(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	while (i < n) {
		size_t bad;
		if (text_valid_utf8(s + i, n - i, &bad))
			bad = n - i;
		char *ok = text_inert(s + i, bad);
		sb_puts(&sb, ok);
		free(ok);
		i += bad;
		if (i < n) {
			sb_printf(&sb, "\\x%02X", (unsigned)(unsigned char)s[i]);
			i++;
		}
	}
	return sb_take(&sb);
}

int text_cp_width(uint32_t cp, int ambiguous)
{
	/* A CJK encoding name makes libunistring count East Asian ambiguous
	 * characters as 2 columns, as East Asian terminals draw them. */
	int w = uc_width(cp, ambiguous == 2 ? "EUC-JP" : "UTF-8");
	return w < 0 ? 1 : w;
}

int text_width(const char *s, size_t n, int ambiguous)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += (size_t)text_decode(s + i, n - i, &cp);
		w += text_cp_width(cp, ambiguous);
	}
	return w;
}

/* The end of the grapheme cluster starting at s[i], and its width. */
static size_t cluster_end(const char *s, size_t n, size_t i, int ambiguous,
			  int *width)
{
	const uint8_t *b = (const uint8_t *)s;
	const uint8_t *e = u8_grapheme_next(b + i, b + n);
	size_t end = e ? (size_t)(e - b) : n;
	if (end <= i)
		end = i + 1;
	*width = text_width(s + i, end - i, ambiguous);
	return end;
}

/* The end of the code points of s[i, end) that fit in width columns,
 * at least one; *w gets their width. */
static size_t fit_code_points(const char *s, size_t i, size_t end, int width,
			      int ambiguous, int *w)
{
	*w = 0;
	while (i < end) {
		uint32_t cp;
		int len = text_decode(s + i, end - i, &cp);
		int cw = text_cp_width(cp, ambiguous);
		if (*w + cw > width && *w > 0)
			break;
		*w += cw;
		i += (size_t)len;
	}
	return i;
}

size_t text_fit(const char *s, size_t n, int width, int ambiguous, int *used)
{
	size_t i = 0;
	int w = 0;
	while (i < n) {
		int cw;
		size_t e = cluster_end(s, n, i, ambiguous, &cw);
		if (w + cw > width)
			break;
		w += cw;
		i = e;
	}
	if (used)
		*used = w;
	return i;
}

static bool is_space_byte(char c)
{
	return c == ' ';
}

/* Korean is set a word (eojeol) at a time, breaking at its spaces: UAX #14
 * also allows a break between any two Hangul syllables (CSS's word-break
 * "normal"), which splits words across lines; that opportunity is taken
 * away ("keep-all"). A word wider than the line is still cut. */
static void keep_hangul_words(const char *s, size_t n, char *brk)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = text_decode(s + i, n - i, &cp);
		if (brk[i] == UC_BREAK_POSSIBLE && text_is_hangul(prev) &&
		    text_is_hangul(cp))
			brk[i] = UC_BREAK_PROHIBITED;
		prev = cp;
		i += (size_t)len;
	}
}

/* Thai is set without spaces between words, and UAX #14 leaves its line
 * breaks (class SA) to a dictionary: where libthai finds a word's end
 * inside a run of Thai, a line may break (thai.h; without the dictionary
 * a Thai run is cut only when wider than the line). */
static void thai_word_breaks(const char *s, size_t n, char *brk)
{
	/* the Thai block is U+0E00..U+0E7F: E0 B8 xx or E0 B9 xx in UTF-8 */
	const char *p = memchr(s, 0xE0, n);
	while (p && !(p + 1 < s + n && ((unsigned char)p[1] & 0xFE) == 0xB8))
		p = memchr(p + 1, 0xE0, (size_t)(s + n - p - 1));
	if (!p)
		return;
	uint32_t *cps = NULL;
	size_t *at = NULL;
	bool *ends = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = text_decode(s + i, n - i, &cp);
		if (!thai_char(cp)) {
			i += (size_t)len;
			continue;
		}
		size_t m = 0;
		while (i < n) {
			len = text_decode(s + i, n - i, &cp);
			if (!thai_char(cp))
				break;
			if (m + 1 > cap) {
				cap = cap ? 2 * cap : 64;
				cps = xrealloc(cps, cap * sizeof *cps);
				at = xrealloc(at, cap * sizeof *at);
				ends = xrealloc(ends, (cap + 1) * sizeof *ends);
			}
			cps[m] = cp;
			at[m++] = i;
			i += (size_t)len;
		}
		for (size_t k = 0; k <= m; k++)
			ends[k] = false;
		if (m >= 2 && !thai_word_ends(cps, m, ends))
			break; /* no dictionary */
		for (size_t k = 1; k < m; k++)
			if (ends[k] && brk[at[k]] == UC_BREAK_PROHIBITED)
				brk[at[k]] = UC_BREAK_POSSIBLE;
	}
	free(cps);
	free(at);
	free(ends);
}

size_t text_wrap(const char *s, size_t n, int width, int ambiguous,
		 struct text_line **lines)
{
	struct text_line *out = NULL;
	size_t nout = 0, cap = 0;
	char *brk = NULL;
	if (width < 1)
		width = 1;
	if (n) {
		brk = xmalloc(n);
		u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
		keep_hangul_words(s, n, brk);
		thai_word_breaks(s, n, brk);
	}

	size_t i = 0;
	while (is_space_byte(i < n ? s[i] : 'x'))
		i++;
	while (i < n || nout == 0) {
		size_t start = i, last_break = 0;
		int w = 0, w_at_break = 0;
		bool have_break = false;
		while (i < n) {
			if (i > start && brk[i] == UC_BREAK_POSSIBLE) {
				have_break = true;
				last_break = i;
				w_at_break = w;
			}
			int cw;
			size_t e = cluster_end(s, n, i, ambiguous, &cw);
			/* a lone space may hang past the edge (trimmed
			 * below); a space with a mark on it is a character */
			bool space = is_space_byte(s[i]) && e == i + 1;
			if (w + cw > width && !space) {
				if (have_break) {
					i = last_break;
					w = w_at_break;
				} else if (i == start) {
					/* a cluster wider than the line (a
					 * run of conjoining jamo, say) is
					 * drawn by terminals a code point at
					 * a time: cut it between code points,
					 * at least one on the line */
					i = fit_code_points(s, i, e, width,
							    ambiguous, &w);
				}
				break;
			}
			w += cw;
			i = e;
		}
		size_t end = i;
		while (end > start && is_space_byte(s[end - 1])) {
			end--;
			w -= 1;
		}
		out = xgrow(out, &cap, nout + 1, sizeof *out);
		out[nout].start = start;
		out[nout].end = end;
		out[nout].width = w < 0 ? 0 : w;
		nout++;
		while (i < n && is_space_byte(s[i]))
			i++;
	}
	free(brk);
	*lines = out;
	return nout;
}

static uint32_t fold_cp(uint32_t cp)
{
	return cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : uc_tolower(cp);
}

/* Whether needle matches at hay[0..hn); its length in hay in *len. */
static bool match_at(const char *hay, size_t hn, const char *needle,
		     size_t nn, bool fold, size_t *len)
{
	size_t i = 0, k = 0;
	while (k < nn) {
		if (i >= hn)
			return false;
		uint32_t a, b;
		int la = text_decode(hay + i, hn - i, &a);
		int lb = text_decode(needle + k, nn - k, &b);
		if (a != b && (!fold || fold_cp(a) != fold_cp(b)))
			return false;
		i += (size_t)la;
		k += (size_t)lb;
	}
	*len = i;
	return true;
}

const char *text_find(const char *hay, size_t hn, const char *needle,
		      size_t nn, bool fold, size_t *len)
{
	if (!nn)
		return NULL;
	if (!fold) {
		const char *m = memmem(hay, hn, needle, nn);
		*len = nn;
		return m;
	}
	for (size_t i = 0; i < hn;) {
		if (match_at(hay + i, hn - i, needle, nn, fold, len))
			return hay + i;
		/* on to the next code point */
		i++;
		while (i < hn && ((unsigned char)hay[i] & 0xC0) == 0x80)
			i++;
	}
	return NULL;
}

bool text_is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
	       cp == 0x3005 || cp == 0x3007;
}

bool text_is_hiragana(uint32_t cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

bool text_is_katakana(uint32_t cp)
{
	return (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	       (cp >= 0xFF66 && cp <= 0xFF9F);
}

bool text_is_kana(uint32_t cp)
{
	return text_is_hiragana(cp) || text_is_katakana(cp);
}

bool text_is_hangul(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	       (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
	       (cp >= 0xD7B0 && cp <= 0xD7FF);
}

bool text_is_cjk(uint32_t cp)
{
	return text_is_han(cp) || text_is_kana(cp) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3000 && cp <= 0x303F) ||
	       (cp >= 0xFF00 && cp <= 0xFF60);
}

bool text_is_upper(uint32_t cp)
{
	return uc_is_property_uppercase(cp);
}

bool text_is_lower(uint32_t cp)
{
	return uc_is_property_lowercase(cp);
}

bool text_is_alpha(uint32_t cp)
{
	return uc_is_property_alphabetic(cp);
}

bool text_is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

bool text_is_space(uint32_t cp)
{
	return uc_is_property_white_space(cp);
}

bool text_is_punct(uint32_t cp)
{
	return uc_is_punct(cp);
}

bool text_is_punctuation(uint32_t cp)
{
	return (cp < 0x80 && uc_is_punct(cp)) ||
	       uc_is_general_category(cp, UC_CATEGORY_P);
}

bool text_is_mark(uint32_t cp)
{
	/* the first combining marks are U+0300's: Latin text asks per letter */
	return cp >= 0x300 && uc_is_general_category(cp, UC_CATEGORY_M);
}

bool text_is_separator_space(uint32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' ||
	       uc_is_general_category(cp, UC_CATEGORY_Zs);
}
