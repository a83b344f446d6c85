/* test_words.c — the built-in Chinese dictionary and language model
 * (words.h). The first argument says which build this is: "builtin"
 * (zh_words on) or "none", the second "lm" (zh_lm on) or "nolm"; either
 * way the module must say so truthfully, and without a dictionary or a
 * model it must answer "no" to everything. */
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
	struct words_cut cut[WORDS_MAXRUN + 1];
	size_t n = cps_of(s, cps);
	if (!words_cuts(cps, n, cut))
		return -1;
	if (flags)
		*flags = cut[at].flags;
	return cut[at].gap;
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
	struct words_cut cut[WORDS_MAXRUN + 2];
	CHECK(!words_cuts(cps, WORDS_MAXRUN + 1, cut), "too long a run");
	CHECK(!words_cuts(cps, 0, cut), "an empty run");
}

/* The boundary before s's character at index at, after segmenting s. */
static struct words_cut cut_at(const char *s, size_t at)
{
	uint32_t cps[WORDS_MAXRUN];
	struct words_cut cut[WORDS_MAXRUN + 1];
	size_t n = cps_of(s, cps);
	if (!words_cuts(cps, n, cut) || at > n)
		return (struct words_cut){ .gap = -1 };
	return cut[at];
}

static void test_lm(void)
{
	CHECK(words_lm_builtin(), "the build says a model is in");
	/* 问题|王安石|变法: the name and 变法 go together (王安石变法, the
	 * reform), 问题 and the name meet by chance */
	struct words_cut tied = cut_at("问题王安石变法", 5);
	struct words_cut met = cut_at("问题王安石变法", 2);
	CHECK(tied.lm_left && tied.lm_right && met.lm_left && met.lm_right,
	      "the model knows 问题, 王安石 and 变法");
	CHECK(tied.assoc > 5, "王安石 变法 tied: %g", tied.assoc);
	CHECK(met.assoc < 1, "问题 王安石 not: %g", met.assoc);
	/* a clause ends after a noun more readily than after 的 */
	struct words_cut noun = cut_at("特性的研究", 2), de = cut_at("特性的研究", 3);
	CHECK(noun.end > de.end + 1, "特性| %g, 的| %g", noun.end, de.end);
	CHECK(noun.end < 0 && de.end < 0, "log probabilities");
	/* a Latin word or a digit is none of the model's */
	struct words_cut latin = cut_at("简称GDP国民收入", 5);
	CHECK(!latin.lm_left && !latin.lm_right, "GDP|国民 is no pair of words");
	/* a run in traditional characters is not the model's to read */
	struct words_cut trad = cut_at("八小時與延長工時", 4);
	CHECK(!trad.lm_left && !trad.lm_right, "與|延長: traditional");
	struct words_cut simp = cut_at("八小时与延长工时", 4);
	CHECK(simp.lm_left && simp.lm_right, "与|延长: simplified");
}

static void test_nolm(void)
{
	CHECK(!words_lm_builtin(), "the build says no model");
	struct words_cut c = cut_at("问题王安石变法", 5);
	CHECK(!c.lm_left && !c.lm_right && c.assoc == 0 && c.end == 0,
	      "the model says nothing");
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
	if (argc > 2 && !strcmp(argv[2], "lm"))
		test_lm();
	else
		test_nolm();
	return check_done();
}
