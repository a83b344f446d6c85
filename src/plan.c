/* plan.c — content weights, the plan's windows, and the pace. Reads the
 * deck model only; no layout, no I/O. */
#include "lectern/plan.h"

#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"

uint64_t plan_weight(const struct deck *d, const struct deck_index *ix,
		     size_t i)
{
	size_t sec, sl;
	if (deck_index_locate(ix, d, i, &sec, &sl) != PAGE_CONTENT)
		return 1000;
	const struct slide *s = section_slide(d, &d->sections[sec], sl);
	uint64_t points = 0, bytes = strlen(slide_header(d, s));
	size_t nb = slide_nblocks(d, s);
	for (size_t b = 0; b < nb; b++) {
		const struct block *bk = slide_block(d, s, b);
		size_t np = block_npoints(d, bk);
		bytes += strlen(block_title(d, bk));
		points += np;
		for (size_t p = 0; p < np; p++)
			bytes += strlen(point_text(d, block_point(d, bk, p)));
	}
	return 2000 + 1000 * points + bytes * 1000 / PLAN_BYTES_PER_UNIT;
}

/* Fills p->at from the weights w[0..n) (the main part only). */
static bool windows(struct plan *p, const uint64_t *w, size_t n,
		    size_t main_end)
{
	if (main_end == 0 || main_end > n)
		main_end = n;
	double total = 0;
	for (size_t i = 0; i < main_end; i++)
		total += (double)w[i];
	if (total <= 0)
		return false;
	p->n = n;
	p->at = xmalloc((n + 1) * sizeof *p->at);
	double sum = 0;
	for (size_t i = 0; i <= n; i++) {
		p->at[i] = i < main_end ? sum / total : 1.0;
		if (i < main_end)
			sum += (double)w[i];
	}
	return true;
}

void plan_by_content(struct plan *p, const struct deck *d,
		     const struct deck_index *ix, size_t main_end)
{
	memset(p, 0, sizeof *p);
	size_t n = ix->count;
	uint64_t *w = xmalloc((n ? n : 1) * sizeof *w);
	for (size_t i = 0; i < n; i++)
		w[i] = plan_weight(d, ix, i);
	if (!windows(p, w, n, main_end)) {
		/* no slides: one empty window */
		p->n = 0;
		p->at = xcalloc(1, sizeof *p->at);
	}
	free(w);
}

bool plan_by_times(struct plan *p, const int64_t *ms, size_t n,
		   size_t main_end)
{
	memset(p, 0, sizeof *p);
	uint64_t *w = xmalloc((n ? n : 1) * sizeof *w);
	for (size_t i = 0; i < n; i++)
		w[i] = ms[i] > 0 ? (uint64_t)ms[i] : 0;
	bool ok = windows(p, w, n, main_end);
	free(w);
	p->by_times = ok;
	return ok;
}

void plan_free(struct plan *p)
{
	free(p->at);
	memset(p, 0, sizeof *p);
}

int64_t plan_pace(const struct plan *p, int64_t duration_ms, size_t slide,
		  int64_t elapsed_ms)
{
	if (!p->at || duration_ms <= 0)
		return 0;
	double from = 1.0, to = 1.0;
	if (slide < p->n) {
		from = p->at[slide];
		to = p->at[slide + 1];
	}
	/* whole seconds, so that the pace turns with the timer's seconds */
	int64_t open = (int64_t)(from * (double)duration_ms / 1000 + 0.5) * 1000;
	int64_t close = (int64_t)(to * (double)duration_ms / 1000 + 0.5) * 1000;
	if (elapsed_ms < open)
		return open - elapsed_ms;
	if (elapsed_ms > close)
		return close - elapsed_ms;
	return 0;
}
