/* deck.c — building and freeing the deck model. No parsing here. */
#include "lectern/deck.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"

/* Capacities live beside the arrays only while building; a finished deck is
 * read-only, so the model keeps just the counts and grows by doubling
 * whenever a count reaches a power of two. */
static void *grow_pow2(void *arr, size_t count, size_t size)
{
	if (count == 0 || (count & (count - 1)) == 0) {
		size_t cap = count ? count * 2 : 1;
		arr = xrealloc(arr, cap * size);
	}
	return arr;
}

struct deck *deck_new(void)
{
	struct deck *d = xcalloc(1, sizeof *d);
	d->title = xstrdup("");
	return d;
}

static void notes_clear(struct notes *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i].text);
	free(n->v);
}

static void block_clear(struct block *b)
{
	free(b->title);
	free(b->title_runs.v);
	for (size_t i = 0; i < b->npoints; i++) {
		free(b->points[i].text);
		free(b->points[i].runs.v);
		free(b->points[i].info);
	}
	free(b->points);
}

static void slide_clear(struct slide *sl)
{
	free(sl->header);
	free(sl->header_runs.v);
	notes_clear(&sl->notes);
	for (size_t i = 0; i < sl->nblocks; i++)
		block_clear(&sl->blocks[i]);
	free(sl->blocks);
}

static void section_clear(struct section *s)
{
	free(s->title);
	free(s->title_runs.v);
	notes_clear(&s->notes);
	for (size_t i = 0; i < s->nslides; i++)
		slide_clear(&s->slides[i]);
	free(s->slides);
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->contents_label);
	for (size_t i = 0; i < d->ntoc; i++)
		free(d->toc[i].title);
	free(d->toc);
	for (size_t i = 0; i < d->nsections; i++)
		section_clear(&d->sections[i]);
	free(d->sections);
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i].message);
	free(d->warnings);
	notes_clear(&d->notes);
	free(d);
}

struct section *deck_add_section(struct deck *d)
{
	d->sections = grow_pow2(d->sections, d->nsections, sizeof *d->sections);
	struct section *s = &d->sections[d->nsections++];
	memset(s, 0, sizeof *s);
	s->toc_index = NO_INDEX;
	return s;
}

struct slide *section_add_slide(struct section *s)
{
	s->slides = grow_pow2(s->slides, s->nslides, sizeof *s->slides);
	struct slide *sl = &s->slides[s->nslides++];
	memset(sl, 0, sizeof *sl);
	return sl;
}

struct block *slide_add_block(struct slide *sl)
{
	sl->blocks = grow_pow2(sl->blocks, sl->nblocks, sizeof *sl->blocks);
	struct block *b = &sl->blocks[sl->nblocks++];
	memset(b, 0, sizeof *b);
	return b;
}

struct point *block_add_point(struct block *b)
{
	b->points = grow_pow2(b->points, b->npoints, sizeof *b->points);
	struct point *p = &b->points[b->npoints++];
	memset(p, 0, sizeof *p);
	return p;
}

void deck_add_toc(struct deck *d, char *title)
{
	d->toc = grow_pow2(d->toc, d->ntoc, sizeof *d->toc);
	d->toc[d->ntoc].title = title;
	d->toc[d->ntoc].present = false;
	d->toc[d->ntoc].src = (struct span){ 0, 0 };
	d->ntoc++;
}

void runs_add(struct attr_runs *r, size_t start, size_t end, uint32_t attr)
{
	if (start >= end || !attr)
		return;
	struct attr_run *last = r->n ? &r->v[r->n - 1] : NULL;
	if (last && last->end == start && last->attr == attr) {
		last->end = (uint32_t)end;
		return;
	}
	r->v = grow_pow2(r->v, r->n, sizeof *r->v);
	r->v[r->n++] = (struct attr_run){ (uint32_t)start, (uint32_t)end, attr };
}

void notes_add(struct notes *n, char *text, uint32_t step, struct span src)
{
	n->v = grow_pow2(n->v, n->n, sizeof *n->v);
	n->v[n->n++] = (struct note){ text, src, step };
}

uint32_t slide_steps(const struct slide *sl)
{
	return sl->nsteps ? sl->nsteps : 1;
}

void deck_warn(struct deck *d, size_t offset, size_t section, size_t slide,
	       const char *fmt, ...)
{
	if (d->nwarnings >= DECK_MAX_WARNINGS) {
		d->warnings_not_listed++;
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	d->warnings = grow_pow2(d->warnings, d->nwarnings, sizeof *d->warnings);
	struct warning *w = &d->warnings[d->nwarnings++];
	w->offset = offset;
	w->section = section;
	w->slide = slide;
	w->message = sb_take(&sb);
	w->seq = d->nwarnings - 1;
	w->line = w->column = w->number = 0;
}

static int cmp_warning(const void *a, const void *b)
{
	const struct warning *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	/* equal offsets keep the order they were found in */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void deck_sort_warnings(struct deck *d)
{
	if (d->nwarnings > 1)
		qsort(d->warnings, d->nwarnings, sizeof *d->warnings, cmp_warning);
}

size_t deck_count_slides(const struct deck *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nsections; i++)
		n += d->sections[i].nslides;
	return n;
}

size_t deck_count_blocks(const struct deck *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nsections; i++)
		for (size_t j = 0; j < d->sections[i].nslides; j++)
			n += d->sections[i].slides[j].nblocks;
	return n;
}

size_t deck_count_points(const struct deck *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nsections; i++)
		for (size_t j = 0; j < d->sections[i].nslides; j++)
			for (size_t k = 0; k < d->sections[i].slides[j].nblocks; k++)
				n += d->sections[i].slides[j].blocks[k].npoints;
	return n;
}
