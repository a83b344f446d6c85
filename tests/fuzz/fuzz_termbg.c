/* fuzz_termbg.c — the background query's parsers (termbg.h). The input is
 * read three ways: as an OSC 11 colour (termbg_parse_colour), as a
 * COLORFGBG value (up to the first NUL), and as keys through the reply
 * filter, one byte a key, a millisecond apart (0xFF bytes: two seconds,
 * so replies are also cut off by time). Invariants: a colour that parses
 * prints back as rgb: and parses to itself, with a luminance in [0, 1];
 * the filter lets out a subsequence of its input, in order, all of it
 * when there is no ESC in it, holds nothing after a flush, and reports
 * an answer only for input that held an OSC 11 or DA1 reply's start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/termbg.h"

static void check_colour(const uint8_t *data, size_t size)
{
	struct termbg_rgb c;
	if (!termbg_parse_colour((const char *)data, size, &c))
		return;
	char back[32];
	int n = snprintf(back, sizeof back, "rgb:%04x/%04x/%04x", c.r, c.g, c.b);
	struct termbg_rgb d;
	FUZZ_CHECK(termbg_parse_colour(back, (size_t)n, &d) && d.r == c.r &&
		   d.g == c.g && d.b == c.b, "%s does not parse back", back);
	double l = termbg_luminance(c);
	FUZZ_CHECK(l >= 0 && l <= 1.0000001, "luminance %f", l);
	enum termbg_shade s = termbg_shade_of(c);
	FUZZ_CHECK(s == TERMBG_DARK || s == TERMBG_LIGHT, "shade %d", (int)s);
}

static void check_colorfgbg(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	enum termbg_shade sh = termbg_parse_colorfgbg(s);
	FUZZ_CHECK(sh == TERMBG_UNKNOWN || sh == TERMBG_DARK || sh == TERMBG_LIGHT,
		   "COLORFGBG shade %d", (int)sh);
	free(s);
}

static bool contains(const uint8_t *data, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(data + i, needle, n) == 0)
			return true;
	return false;
}

static void check_filter(const uint8_t *data, size_t size)
{
	struct termbg_filter f;
	termbg_filter_init(&f);
	size_t matched = 0; /* output is a subsequence: where it got to */
	size_t nout = 0;
	int64_t t = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size) {
			t += data[i] == 0xFF ? 2000 : 1;
			termbg_filter_put(&f, data[i], t);
		} else {
			termbg_filter_flush(&f);
		}
		int h = termbg_filter_hold_ms(&f);
		FUZZ_CHECK(h == -1 || h == 0 || h == TERMBG_PREFIX_MS, "hold %d", h);
		int k;
		while ((k = termbg_filter_get(&f)) >= 0) {
			FUZZ_CHECK(k < 256, "key %d was never put", k);
			while (matched < i + (i < size) && data[matched] != k)
				matched++;
			FUZZ_CHECK(matched < i + (i < size), "key %d out of order "
				   "or never put", k);
			matched++;
			nout++;
		}
	}
	FUZZ_CHECK(termbg_filter_hold_ms(&f) == -1, "held after a flush");
	if (!memchr(data, 27, size))
		FUZZ_CHECK(nout == size, "%zu of %zu keys without ESC", nout, size);
	if (f.answer.bg_known)
		FUZZ_CHECK(contains(data, size, "\033]11;"), "an answer from nothing");
	if (f.answer.da1)
		FUZZ_CHECK(contains(data, size, "\033[?"), "a DA1 from nothing");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_colour(data, size);
	check_colorfgbg(data, size);
	check_filter(data, size);
	return 0;
}
