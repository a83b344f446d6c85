/* test_words.c — the built-in Chinese dictionary (words.h). The first
 * argument says which build this is: "builtin" (zh_words on) or "none";
 * either way the module must say so truthfully, and without a dictionary
 * it must answer "no" to everything. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "lectern/text.h"
#include "lectern/words.h"

/* s as code points into cps (at most WORDS_MAXRUN); returns how many. */
static size_t cps_of(const char *s, uint32_t *cps)
{
	size_t n = 0, i = 0, len = strlen(s);
	while (i < len && n < WORDS_MAXRUN)
		i += (size_t)text_decode(s + i, len - i, &cps[n++]);
	return n;
}

static bool contains(const char *s)
{
	uint32_t cps[WORDS_MAXRUN];
	size_t n = cps_of(s, cps);
	return words_contains(cps, n);
}

/* The gap before the character at index at of s, after segmenting s. */
static double gap_at(const char *s, size_t at, unsigned char *flags)
{
	uint32_t cps[WORDS_MAXRUN];
	double gap[WORDS_MAXRUN + 1];
	unsigned char fl[WORDS_MAXRUN + 1];
	size_t n = cps_of(s, cps);
	if (!words_cuts(cps, n, gap, fl))
		return -1;
	if (flags)
		*flags = fl[at];
	return gap[at];
}

static void test_builtin(void)
{
	CHECK(words_builtin(), "the build says a dictionary is in");
	CHECK(contains("中国"), "a common word");
	CHECK(contains("社会主义"), "four characters");
	CHECK(!contains("现历"), "not a word");
	CHECK(!contains("中"), "single characters are not words here");
	CHECK(!contains("中华人民共和国"), "longer than four");
	CHECK(!contains("ab"), "Latin");
	/* 重要表现|历史意义: the cut 表现|历史 is a boundary of the best
	 * segmentation, 表|现历史 is inside 表现 */
	CHECK(gap_at("重要表现历史意义", 4, NULL) == 0, "at a boundary");
	CHECK(gap_at("重要表现历史意义", 3, NULL) > 1, "inside 表现: %g",
	      gap_at("重要表现历史意义", 3, NULL));
	unsigned char fl = 0;
	gap_at("质量仍有待提高评价方法", 5, &fl);
	CHECK(fl & WORDS_VERB_AFTER, "提高 is a verb");
	gap_at("质量仍有待提高评价方法", 7, &fl);
	CHECK(fl & WORDS_VERB_BEFORE, "…提高 ends in a verb");
	CHECK(!(fl & WORDS_VERB_AFTER), "评价方法 does not start with one");
	/* anything at all segments, and gaps are never negative */
	double g = gap_at("abc,1.5%。", 3, NULL);
	CHECK(g >= 0, "non-Han text: %g", g);
	uint32_t cps[WORDS_MAXRUN + 1] = { 0 };
	double gap[WORDS_MAXRUN + 2];
	unsigned char f[WORDS_MAXRUN + 2];
	CHECK(!words_cuts(cps, WORDS_MAXRUN + 1, gap, f), "too long a run");
	CHECK(!words_cuts(cps, 0, gap, f), "an empty run");
}

static void test_none(void)
{
	CHECK(!words_builtin(), "the build says no dictionary");
	CHECK(!contains("中国"), "no words");
	CHECK(gap_at("重要表现历史意义", 3, NULL) < 0, "no segmentation");
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "builtin"))
		test_builtin();
	else
		test_none();
	return check_done();
}
