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

/* The words of cps[from, to), a run of Thai: brk at each end within. */
static void run_ends(const uint32_t *cps, size_t from, size_t to, bool *brk)
{
	size_t n = to - from;
	if (n < 2 || n > (size_t)INT32_MAX / 2)
		return;
	thwchar_t *w = xcalloc(n + 1, sizeof *w);
	int *pos = xcalloc(n, sizeof *pos);
	for (size_t i = 0; i < n; i++)
		w[i] = (thwchar_t)cps[from + i];
	int k = th_brk_wc_find_breaks(breaker, w, pos, n);
	for (int j = 0; j < k; j++)
		if (pos[j] > 0 && (size_t)pos[j] < n)
			brk[from + (size_t)pos[j]] = true;
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
