/* test_text.c — UTF-8 checks, inert copies, widths and line breaking. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h> /* u8_check, the reference */

#include "check.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "lectern/thai.h"

static void test_utf8(void)
{
	size_t bad = 99;
	CHECK(text_valid_utf8("abc", 3, &bad), "ascii");
	CHECK(text_valid_utf8("神经", 6, &bad), "cjk");
	CHECK(!text_valid_utf8("ab\xC3", 3, &bad) && bad == 2, "cut sequence at %zu", bad);
	CHECK(!text_valid_utf8("\xC0\xAF", 2, &bad) && bad == 0, "overlong");
	CHECK(!text_valid_utf8("a\xED\xA0\x80", 4, &bad) && bad == 1, "surrogate");
	CHECK(!text_valid_utf8("\xF4\x90\x80\x80", 4, &bad) && bad == 0, "past U+10FFFF");
	/* the same answer as u8_check over the whole text, on texts of
	 * ASCII runs (past and short of eight bytes), characters of two to
	 * four bytes, and stray, cut or overlong bytes */
	static const char *const parts[] = {
		"a", "plain ascii text, long enough", "\n", "\0", "é", "神",
		"😀", "\x80", "\xC3", "\xE7\xA5", "\xF0\x9F\x98", "\xC0\xAF",
		"\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xC1\xBF",
		"\xE0\x9F\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF",
		"\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
		"\xF5\x80\x80\x80", "\xE2\x28\xA1", "\xBF",
	};
	unsigned seed = 12345;
	size_t differ = 0;
	for (int k = 0; k < 50000; k++) {
		char buf[256];
		size_t n = 0;
		for (int m = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		     m >= 0; m--) {
			const char *q = parts[((seed = seed * 1103515245u + 12345u)
					       >> 16) % (sizeof parts / sizeof *parts)];
			size_t l = q[0] ? strlen(q) : 1; /* "\0": one NUL byte */
			if (n + l > sizeof buf)
				break;
			memcpy(buf + n, q, l);
			n += l;
		}
		const uint8_t *p = u8_check((const uint8_t *)buf, n);
		size_t want = p ? (size_t)(p - (const uint8_t *)buf) : n;
		size_t got = n;
		bool ok = text_valid_utf8(buf, n, &got);
		if (ok != !p || (!ok && got != want))
			differ++;
	}
	CHECK(differ == 0, "as u8_check: %zu of 50000 texts differ", differ);
}

static void test_inert(void)
{
	char *s = text_inert("a\x1b[31mb\x07", 8);
	CHECK(strcmp(s, "a^[[31mb^G") == 0, "got '%s'", s);
	free(s);
	s = text_inert("x\xC2\x9B" "1m\x7F", 6);
	CHECK(strcmp(s, "x\xEF\xBF\xBD" "1m^?") == 0, "C1 and DEL: '%s'", s);
	free(s);
	s = text_inert("t\tu", 3);
	CHECK(strcmp(s, "t u") == 0, "tab: '%s'", s);
	free(s);
}

static void test_width(void)
{
	CHECK(text_width("abc", 3, 1) == 3, "ascii");
	CHECK(text_width("神经", 6, 1) == 4, "cjk is 2 wide");
	CHECK(text_width("ｶ", 3, 1) == 1, "halfwidth katakana");
	CHECK(text_width("e\xCC\x81", 3, 1) == 1, "combining mark is 0");
	CHECK(text_width("\xE2\x97\x8B", 3, 1) == 1, "ambiguous ○ as 1");
	CHECK(text_width("\xE2\x97\x8B", 3, 2) == 2, "ambiguous ○ as 2");
}

/* wraps s at width w and checks every line fits and nothing is lost */
static size_t wrap_ok(const char *s, int w, int amb)
{
	struct text_line *l;
	size_t n = text_wrap(s, strlen(s), w, amb, &l);
	size_t kept = 0, nonspace = 0;
	for (const char *p = s; *p; p++)
		nonspace += *p != ' ';
	for (size_t i = 0; i < n; i++) {
		int lw = text_width(s + l[i].start, l[i].end - l[i].start, amb);
		CHECK(lw == l[i].width, "width recorded %d, real %d", l[i].width, lw);
		CHECK(lw <= w || l[i].end - l[i].start <= 4,
		      "line %zu of '%s' is %d wide at %d", i, s, lw, w);
		for (size_t k = l[i].start; k < l[i].end; k++)
			kept += s[k] != ' ';
		if (i > 0)
			CHECK(l[i].start >= l[i - 1].end, "lines overlap");
	}
	CHECK(kept == nonspace, "'%s' at %d kept %zu of %zu bytes", s, w, kept,
	      nonspace);
	free(l);
	return n;
}

static void test_wrap(void)
{
	const char *cjk = "神经可塑性是指神经系统在结构和功能上的可塑性,包括神经元、突触和神经网络的变化。";
	const char *en = "Storage shifts energy in time, charging when electricity is cheap";
	/* 30 leading jamo (U+1111), 2 columns each: one grapheme cluster
	 * 60 columns wide, which terminals draw a code point at a time; it
	 * is cut between code points, never left past the edge */
	char jamo[30 * 3 + 1];
	for (int k = 0; k < 30; k++)
		memcpy(jamo + 3 * k, "\xE1\x84\x91", 3);
	jamo[90] = '\0';
	for (int w = 1; w <= 90; w++) {
		wrap_ok(jamo, w, 1);
		wrap_ok(cjk, w, 1);
		wrap_ok(en, w, 1);
		wrap_ok("supercalifragilisticexpialidocious", w, 1);
		wrap_ok("a 神 b ○○○", w, 2);
		/* a space carrying a variation selector (ambiguous: 2
		 * columns at 2) is no trailing space to hang past the edge */
		wrap_ok("Talk \xEF\xB8\x8F Talk \xEF\xB8\x8F", w, 2);
	}
	/* UAX #14: a line never starts with closing punctuation */
	struct text_line *l;
	const char *s = "一二三四五六七八九、十";
	size_t n = text_wrap(s, strlen(s), 18, 1, &l);
	for (size_t i = 1; i < n; i++)
		CHECK(strncmp(s + l[i].start, "、", 3) != 0,
		      "line %zu starts with 、", i);
	free(l);
	/* English breaks between words, not inside them */
	n = text_wrap(en, strlen(en), 20, 1, &l);
	for (size_t i = 0; i < n; i++)
		CHECK(l[i].end == strlen(en) || en[l[i].end] == ' ',
		      "line %zu ends inside a word", i);
	free(l);
	/* Korean breaks between words, not between the syllables of one,
	 * unless a word is wider than the line */
	const char *ko = "대기보다 열을 저장하는 능력이 훨씬 커서 기후의 완충 장치 역할을 한다";
	for (int w = 1; w <= 70; w++)
		wrap_ok(ko, w, 1);
	for (int w = 12; w <= 70; w++) {
		n = text_wrap(ko, strlen(ko), w, 1, &l);
		for (size_t i = 0; i < n; i++)
			CHECK(l[i].end == strlen(ko) || ko[l[i].end] == ' ',
			      "width %d: line %zu ends inside a word", w, i);
		free(l);
	}
	n = text_wrap("저장하는", strlen("저장하는"), 4, 1, &l);
	CHECK(n == 2 && l[0].width == 4, "a word wider than the line is cut: "
	      "%zu lines", n);
	free(l);
	/* a line that fills the width exactly stays one line */
	n = text_wrap("abcdefghij", 10, 10, 1, &l);
	CHECK(n == 1 && l[0].width == 10, "exact fit: %zu lines", n);
	free(l);
	n = text_wrap("", 0, 10, 1, &l);
	CHECK(n == 1 && l[0].start == l[0].end, "empty text gives one empty line");
	free(l);
}

/* The code points of the UTF-8 string s. Caller frees. */
static uint32_t *decode_all(const char *s, size_t *n)
{
	size_t len = strlen(s);
	uint32_t *cps = calloc(len + 1, sizeof *cps);
	*n = 0;
	for (size_t i = 0; i < len;)
		i += (size_t)text_decode(s + i, len - i, &cps[(*n)++]);
	return cps;
}

/* Thai, written without spaces between words, breaks between words by
 * libthai's dictionary (thai.c), never inside one wider than nothing on
 * the line; with no dictionary ("none": built without libthai) it is cut
 * where the line is full, and must still fit and lose nothing. */
static void test_thai(bool dictionary)
{
	const char *th = "ประเทศไทยมีนักท่องเที่ยวกว่าสี่สิบล้านคนต่อปี";
	/* words of 4, 9 and 3 columns: a mark takes none */
	const char *words[] = { "ประเทศ", "นักท่องเที่ยว", "ล้าน" };
	for (int w = 1; w <= 50; w++)
		wrap_ok(th, w, 1);
	/* a run longer than the windows libthai is given (thai.c): 5,000
	 * characters with no space, still cut between words only */
	struct strbuf big = STRBUF_INIT;
	for (int k = 0; k < 110; k++)
		sb_puts(&big, th);
	for (int w = 7; w <= 80; w += 73)
		wrap_ok(big.data, w, 1);
	if (dictionary) {
		/* the windows must not change a word: every copy of th in the
		 * run has the word ends th has alone */
		size_t m = 0, nb = 0;
		uint32_t *one = decode_all(th, &m), *all = decode_all(big.data, &nb);
		bool *e1 = calloc(m + 1, 1), *ea = calloc(nb + 1, 1);
		CHECK(thai_word_ends(one, m, e1) && thai_word_ends(all, nb, ea),
		      "the dictionary answers");
		size_t differ = 0;
		for (size_t k = 0; k + 1 < nb / m; k++)
			for (size_t j = 1; j < m; j++)
				differ += ea[k * m + j] != e1[j];
		CHECK(nb == 110 * m && differ == 0, "a run of %zu characters: %zu "
		      "word ends differ from the sentence's alone", nb, differ);
		free(one);
		free(all);
		free(e1);
		free(ea);
		struct text_line *l;
		size_t n = text_wrap(big.data, big.len, 40, 1, &l);
		size_t inside = 0;
		for (size_t i = 0; i + 1 < n; i++) {
			/* each copy of th starts with its first word */
			size_t at = l[i].end % strlen(th);
			const char *w0 = "ประเทศ";
			inside += at > 0 && at < strlen(w0);
		}
		CHECK(n > 100 && inside == 0, "a long run: %zu lines, %zu "
		      "cutting \"%s\"", n, inside, "ประเทศ");
		free(l);
	}
	sb_free(&big);
	if (!dictionary)
		return;
	for (int w = 10; w <= 50; w++) {
		struct text_line *l;
		size_t n = text_wrap(th, strlen(th), w, 1, &l);
		CHECK(n >= 1 && (w < 40 || n == 1), "width %d: %zu lines", w, n);
		for (size_t i = 0; i + 1 < n; i++)
			for (size_t k = 0; k < 3; k++) {
				const char *at = strstr(th, words[k]);
				size_t from = (size_t)(at - th), to = from + strlen(words[k]);
				CHECK(l[i].end <= from || l[i].end >= to,
				      "width %d: line %zu ends inside %s", w, i, words[k]);
			}
		free(l);
	}
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	test_utf8();
	test_inert();
	test_width();
	test_wrap();
	/* "thai": built with libthai, whose dictionary must be found */
	test_thai(argc > 1 && strcmp(argv[1], "thai") == 0);
	return check_done();
}
