/* deck.c — building and freeing the deck model: its nodes, and the pool
 * its strings live in. No parsing here. */
#include "lectern/deck.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"

/* Capacities live beside the arrays only while building; a finished deck is
 * read-only, so the model keeps just the counts and grows by doubling
 * whenever a count reaches a power of two (a shrunk array, whose count
 * need not be one, is not grown again). */
static void *grow_pow2(void *arr, size_t count, size_t size)
{
	if (count == 0 || (count & (count - 1)) == 0) {
		size_t cap = count ? count * 2 : 1;
		arr = xrealloc(arr, cap * size);
	}
	return arr;
}

/* ---- the string pool ------------------------------------------------
 * Strings are appended to the newest block; a block is freed only with
 * the deck. Blocks grow from POOL_FIRST to POOL_MAX bytes, so that a
 * small deck takes little and a large one few blocks; a string too large
 * to fit well gets a block of its own, behind the newest. */
#define POOL_FIRST ((size_t)4096)
#define POOL_MAX ((size_t)1 << 20)

struct pool_block {
	struct pool_block *next; /* the older blocks */
	size_t used, cap;
	char data[];
};

struct deck_pool {
	struct pool_block *head; /* the block strings go to */
	size_t next_cap;
};

static char *pool_alloc(struct deck_pool *p, size_t n)
{
	struct pool_block *b = p->head;
	if (b && b->cap - b->used >= n) {
		char *s = b->data + b->used;
		b->used += n;
		return s;
	}
	if (n > p->next_cap / 4) {
		/* large: a block of its own, the newest staying the head */
		struct pool_block *own = xmalloc(sizeof *own + n);
		own->used = own->cap = n;
		if (b) {
			own->next = b->next;
			b->next = own;
		} else {
			own->next = NULL;
			p->head = own;
		}
		return own->data;
	}
	struct pool_block *nb = xmalloc(sizeof *nb + p->next_cap);
	nb->next = b;
	nb->used = n;
	nb->cap = p->next_cap;
	p->head = nb;
	if (p->next_cap < POOL_MAX)
		p->next_cap *= 2;
	return nb->data;
}

static void pool_free(struct deck_pool *p)
{
	if (!p)
		return;
	for (struct pool_block *b = p->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

char *deck_strndup(struct deck *d, const char *s, size_t n)
{
	char *c = pool_alloc(d->pool, n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

char *deck_strdup(struct deck *d, const char *s)
{
	return deck_strndup(d, s, strlen(s));
}

char *deck_take_str(struct deck *d, char *s)
{
	char *c = deck_strdup(d, s ? s : "");
	free(s);
	return c;
}

/* ---- nodes ----------------------------------------------------------- */

struct deck *deck_new(void)
{
	struct deck *d = xcalloc(1, sizeof *d);
	d->pool = xcalloc(1, sizeof *d->pool);
	d->pool->next_cap = POOL_FIRST;
	d->title = deck_strdup(d, "");
	return d;
}

const struct attr_runs *point_runs(const struct point *p)
{
	static const struct attr_runs none = { NULL, 0 };
	return p->style ? &p->style->runs : &none;
}

const char *point_info(const struct point *p)
{
	return p->style ? p->style->info : NULL;
}

struct point_style *point_style(struct point *p)
{
	if (!p->style)
		p->style = xcalloc(1, sizeof *p->style);
	return p->style;
}

void deck_adopt_text(struct deck *d, char *t)
{
	d->text = t; /* once: strings may point into an earlier one */
}

/* Node arrays and runs are on the heap; strings are the pool's. */
static void block_clear(struct block *b)
{
	free(b->title_runs.v);
	for (size_t i = 0; i < b->npoints; i++)
		if (b->points[i].style) {
			free(b->points[i].style->runs.v);
			free(b->points[i].style);
		}
	free(b->points);
}

static void slide_clear(struct slide *sl)
{
	free(sl->header_runs.v);
	free(sl->notes.v);
	for (size_t i = 0; i < sl->nblocks; i++)
		block_clear(&sl->blocks[i]);
	free(sl->blocks);
}

static void section_clear(struct section *s)
{
	free(s->title_runs.v);
	free(s->notes.v);
	for (size_t i = 0; i < s->nslides; i++)
		slide_clear(&s->slides[i]);
	free(s->slides);
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	free(d->toc);
	for (size_t i = 0; i < d->nsections; i++)
		section_clear(&d->sections[i]);
	free(d->sections);
	free(d->warnings);
	free(d->notes.v);
	pool_free(d->pool);
	free(d->text);
	free(d);
}

/* An array of n elements of size, cut to n (freed when n is 0). */
static void *exact(void *arr, size_t n, size_t size)
{
	if (!arr)
		return NULL;
	if (n == 0) {
		free(arr);
		return NULL;
	}
	return xrealloc(arr, n * size);
}

static void runs_shrink(struct attr_runs *r)
{
	r->v = exact(r->v, r->n, sizeof *r->v);
}

void slide_shrink(struct slide *sl)
{
	runs_shrink(&sl->header_runs);
	sl->notes.v = exact(sl->notes.v, sl->notes.n, sizeof *sl->notes.v);
	sl->blocks = exact(sl->blocks, sl->nblocks, sizeof *sl->blocks);
	for (size_t i = 0; i < sl->nblocks; i++) {
		struct block *b = &sl->blocks[i];
		runs_shrink(&b->title_runs);
		b->points = exact(b->points, b->npoints, sizeof *b->points);
		for (size_t k = 0; k < b->npoints; k++)
			if (b->points[k].style)
				runs_shrink(&b->points[k].style->runs);
	}
}

void deck_shrink(struct deck *d)
{
	d->toc = exact(d->toc, d->ntoc, sizeof *d->toc);
	d->sections = exact(d->sections, d->nsections, sizeof *d->sections);
	d->warnings = exact(d->warnings, d->nwarnings, sizeof *d->warnings);
	d->notes.v = exact(d->notes.v, d->notes.n, sizeof *d->notes.v);
	for (size_t i = 0; i < d->nsections; i++) {
		struct section *s = &d->sections[i];
		runs_shrink(&s->title_runs);
		s->notes.v = exact(s->notes.v, s->notes.n, sizeof *s->notes.v);
		s->slides = exact(s->slides, s->nslides, sizeof *s->slides);
		for (size_t k = 0; k < s->nslides; k++)
			slide_shrink(&s->slides[k]);
	}
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
	assert(b->npoints < UINT32_MAX); /* see deck.h */
	b->points = grow_pow2(b->points, b->npoints, sizeof *b->points);
	struct point *p = &b->points[b->npoints++];
	memset(p, 0, sizeof *p);
	return p;
}

struct section *deck_set_sections(struct deck *d, size_t n)
{
	d->sections = n ? xcalloc(n, sizeof *d->sections) : NULL;
	d->nsections = n;
	for (size_t i = 0; i < n; i++)
		d->sections[i].toc_index = NO_INDEX;
	return d->sections;
}

struct slide *section_set_slides(struct section *s, size_t n)
{
	s->slides = n ? xcalloc(n, sizeof *s->slides) : NULL;
	s->nslides = n;
	return s->slides;
}

struct block *slide_set_blocks(struct slide *sl, size_t n)
{
	sl->blocks = n ? xcalloc(n, sizeof *sl->blocks) : NULL;
	sl->nblocks = n;
	return sl->blocks;
}

struct point *block_set_points(struct block *b, size_t n)
{
	assert(n <= UINT32_MAX); /* block.npoints: see deck.h */
	b->points = n ? xcalloc(n, sizeof *b->points) : NULL;
	b->npoints = n;
	return b->points;
}

void deck_add_toc(struct deck *d, const char *title)
{
	d->toc = grow_pow2(d->toc, d->ntoc, sizeof *d->toc);
	d->toc[d->ntoc].title = deck_strdup(d, title);
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
	w->message = deck_strndup(d, sb.data ? sb.data : "", sb.len);
	sb_free(&sb);
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
