/* thai.c — Thai word ends from libthai (thai.h). Its breaker is made the
 * first time Thai is met (loading its dictionary, half a megabyte, is
 * not paid by decks without Thai) and kept for the process; one call at
 * a time uses it, since libthai does not say a breaker may be shared. */
#include "lectern/thai.h"

#include "config.h"

bool thai_char(uint32_t cp)
{
	return cp >= 0x0E01 && cp <= 0x0E5B;
}

#if LECTERN_THAI
#include <pthread.h>
#include <stdlib.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "lectern/strbuf.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ThBrk *breaker;
static bool tried;

/* libthai's time grows with the square of what it is given (it moves
 * the rest of its buffer along as it goes: a 1,000,000-character run took
 * 4.6 s), so a long run goes to it a window at a time. Each window's
 * breaks are kept but for its last MARGIN characters, whose words the
 * next window, starting at the last break kept, sees whole. */
#define WINDOW 1024
#define MARGIN 128

/* The breaks libthai finds in cps[from, to), into brk[from..to). Returns
 * the last one before `keep_to` that it set, or from. */
static size_t window_ends(const uint32_t *cps, size_t from, size_t to,
			  size_t keep_to, bool *brk, thwchar_t *w, int *pos)
{
	size_t n = to - from, last = from;
	for (size_t i = 0; i < n; i++)
		w[i] = (thwchar_t)cps[from + i];
	w[n] = 0;
	int k = th_brk_wc_find_breaks(breaker, w, pos, n);
	for (int j = 0; j < k; j++) {
		size_t at = from + (size_t)pos[j];
		if (pos[j] > 0 && at < to && at < keep_to) {
			brk[at] = true;
			last = at;
		}
	}
	return last;
}

/* The words of cps[from, to), a run of Thai: brk at each end within. */
static void run_ends(const uint32_t *cps, size_t from, size_t to, bool *brk)
{
	if (to - from < 2)
		return;
	size_t cap = to - from < WINDOW ? to - from : WINDOW;
	thwchar_t *w = xcalloc(cap + 1, sizeof *w);
	int *pos = xcalloc(cap, sizeof *pos);
	for (size_t start = from; start < to;) {
		if (to - start <= WINDOW) {
			window_ends(cps, start, to, to, brk, w, pos);
			break;
		}
		size_t end = start + WINDOW, keep = end - MARGIN;
		size_t last = window_ends(cps, start, end, keep, brk, w, pos);
		start = last > start ? last : keep; /* no word ends: go on */
	}
	free(pos);
	free(w);
}

bool thai_word_ends(const uint32_t *cps, size_t n, bool *brk)
{
	size_t i = 0;
	while (i < n && !thai_char(cps[i]))
		i++;
	if (i == n)
		return false;
	pthread_mutex_lock(&lock);
	if (!tried) {
		tried = true;
		breaker = th_brk_new(NULL); /* NULL: no dictionary installed */
	}
	if (!breaker) {
		pthread_mutex_unlock(&lock);
		return false;
	}
	while (i < n) {
		size_t j = i;
		while (j < n && thai_char(cps[j]))
			j++;
		run_ends(cps, i, j, brk);
		i = j;
		while (i < n && !thai_char(cps[i]))
			i++;
	}
	pthread_mutex_unlock(&lock);
	return true;
}

#else

bool thai_word_ends(const uint32_t *cps, size_t n, bool *brk)
{
	(void)cps;
	(void)n;
	(void)brk;
	return false;
}

#endif
