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

/* ---- the string space -----------------------------------------------
 * A handle is a 32-bit place in a space of 1 MiB segments: seg[h >> 20]
 * is where the bytes of segment h >> 20 begin. The pool's blocks and the
 * text each take whole segments (a large one several in a row), so that
 * deck_str is one lookup, and a block never moves once made.
 * Strings are appended to the newest block; blocks grow from POOL_FIRST
 * to POOL_MAX bytes, so that a small deck takes little and a large one
 * few blocks; a string too large to fit well gets a block of its own,
 * behind the newest. */
#define SEG_BITS 20
#define SEG_SIZE ((size_t)1 << SEG_BITS)
#define SEG_MAX ((size_t)1 << (32 - SEG_BITS))
#define POOL_FIRST ((size_t)4096)
#define POOL_MAX SEG_SIZE

/* A table of what few nodes have, by node index: entries begin with
 * their node's index and are sorted by it. Importers set them on the
 * node they are building, so an entry is nearly always appended. */
struct sparse {
	unsigned char *v;
	size_t n, cap, size; /* entries, room, bytes an entry */
};

struct num_entry { uint32_t node; uint32_t number; };
struct style_entry { uint32_t node; struct point_style style; };
struct runs_entry { uint32_t node; struct attr_runs runs; };
struct notes_entry { uint32_t node; struct notes notes; };

struct deck_store {
	char **seg;
	size_t nseg, seg_cap;
	char **chunks;        /* the pool's blocks, to free */
	size_t nchunks, chunks_cap;
	uint32_t cur;         /* handle of the newest block's first byte */
	size_t used, cap;     /* in the newest block */
	size_t next_cap;
	size_t slides_cap, blocks_cap, points_cap; /* the columns' room */
	size_t open_section;  /* where slides go; NO_INDEX: none yet */
	struct sparse numbers, styles, title_runs, header_runs, notes;
};

static void sparse_init(struct sparse *s, size_t size)
{
	*s = (struct sparse){ NULL, 0, 0, size };
}

static uint32_t entry_node(const struct sparse *s, size_t i)
{
	uint32_t k;
	memcpy(&k, s->v + i * s->size, sizeof k);
	return k;
}

/* The first entry whose node is >= node. */
static size_t sparse_lower(const struct sparse *s, uint32_t node)
{
	size_t lo = 0, hi = s->n;
	if (hi && entry_node(s, hi - 1) < node)
		return hi; /* the usual case: past the last */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (entry_node(s, mid) < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void *sparse_find(const struct sparse *s, uint32_t node)
{
	size_t i = sparse_lower(s, node);
	return i < s->n && entry_node(s, i) == node ? s->v + i * s->size
						     : NULL;
}

/* node's entry, made zeroed (but for its node) if it has none. */
static void *sparse_get(struct sparse *s, uint32_t node)
{
	size_t i = sparse_lower(s, node);
	if (i < s->n && entry_node(s, i) == node)
		return s->v + i * s->size;
	s->v = xgrow(s->v, &s->cap, s->n + 1, s->size);
	memmove(s->v + (i + 1) * s->size, s->v + i * s->size,
		(s->n - i) * s->size);
	s->n++;
	unsigned char *e = s->v + i * s->size;
	memset(e, 0, s->size);
	memcpy(e, &node, sizeof node);
	return e;
}

static void sparse_shrink(struct sparse *s)
{
	if (s->n < s->cap) {
		s->v = s->n ? xrealloc(s->v, s->n * s->size) : (free(s->v), NULL);
		s->cap = s->n;
	}
}

/* n bytes at b, taking the next whole segments: the handle of b[0]. */
static uint32_t seg_map(struct deck_store *st, char *b, size_t n)
{
	size_t k = n ? (n + SEG_SIZE - 1) / SEG_SIZE : 1;
	/* 4 GiB of strings: SOURCE_MAX_BYTES keeps a deck's far below */
	assert(st->nseg + k <= SEG_MAX);
	st->seg = xgrow(st->seg, &st->seg_cap, st->nseg + k, sizeof *st->seg);
	uint32_t h = (uint32_t)(st->nseg << SEG_BITS);
	for (size_t i = 0; i < k; i++)
		st->seg[st->nseg++] = b + i * SEG_SIZE;
	return h;
}

static char *seg_block(struct deck_store *st, size_t n, uint32_t *h)
{
	char *b = xmalloc(n);
	st->chunks = xgrow(st->chunks, &st->chunks_cap, st->nchunks + 1,
			   sizeof *st->chunks);
	st->chunks[st->nchunks++] = b;
	*h = seg_map(st, b, n);
	return b;
}

/* Room for n bytes in the pool: their handle. */
static uint32_t pool_alloc(struct deck_store *st, size_t n)
{
	if (st->cap - st->used >= n && st->nchunks) {
		uint32_t h = st->cur + (uint32_t)st->used;
		st->used += n;
		return h;
	}
	uint32_t h;
	if (n > st->next_cap / 4) {
		/* large: a block of its own, the newest staying the one
		 * strings go to */
		seg_block(st, n, &h);
		return h;
	}
	seg_block(st, st->next_cap, &st->cur);
	st->used = n;
	st->cap = st->next_cap;
	if (st->next_cap < POOL_MAX)
		st->next_cap *= 2;
	return st->cur;
}

const char *deck_str(const struct deck *d, uint32_t s)
{
	return d->store->seg[s >> SEG_BITS] + (s & (SEG_SIZE - 1));
}

uint32_t deck_intern(struct deck *d, const char *s, size_t n)
{
	uint32_t h = pool_alloc(d->store, n + 1);
	char *c = (char *)deck_str(d, h);
	memcpy(c, s, n);
	c[n] = '\0';
	return h;
}

uint32_t deck_intern_take(struct deck *d, char *s)
{
	uint32_t h = s ? deck_intern(d, s, strlen(s)) : DECK_EMPTY_STR;
	free(s);
	return h;
}

char *deck_strndup(struct deck *d, const char *s, size_t n)
{
	return (char *)deck_str(d, deck_intern(d, s, n));
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

uint32_t deck_map_text(struct deck *d, char *t, size_t n)
{
	return seg_map(d->store, t, n + 1);
}

void deck_adopt_text(struct deck *d, char *t)
{
	d->text = t; /* once: strings may point into an earlier one */
}

/* ---- nodes ----------------------------------------------------------- */

struct deck *deck_new(void)
{
	struct deck *d = xcalloc(1, sizeof *d);
	struct deck_store *st = xcalloc(1, sizeof *st);
	d->store = st;
	st->next_cap = POOL_FIRST;
	st->open_section = NO_INDEX;
	sparse_init(&st->numbers, sizeof(struct num_entry));
	sparse_init(&st->styles, sizeof(struct style_entry));
	sparse_init(&st->title_runs, sizeof(struct runs_entry));
	sparse_init(&st->header_runs, sizeof(struct runs_entry));
	sparse_init(&st->notes, sizeof(struct notes_entry));
	uint32_t empty = deck_intern(d, "", 0);
	assert(empty == DECK_EMPTY_STR);
	(void)empty;
	d->title = deck_strdup(d, "");
	return d;
}

static void store_free(struct deck_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->styles.n; i++) {
		struct style_entry *e = (void *)(st->styles.v + i * st->styles.size);
		free(e->style.runs.v);
	}
	for (size_t i = 0; i < st->title_runs.n; i++)
		free(((struct runs_entry *)(void *)st->title_runs.v)[i].runs.v);
	for (size_t i = 0; i < st->header_runs.n; i++)
		free(((struct runs_entry *)(void *)st->header_runs.v)[i].runs.v);
	for (size_t i = 0; i < st->notes.n; i++)
		free(((struct notes_entry *)(void *)st->notes.v)[i].notes.v);
	free(st->numbers.v);
	free(st->styles.v);
	free(st->title_runs.v);
	free(st->header_runs.v);
	free(st->notes.v);
	for (size_t i = 0; i < st->nchunks; i++)
		free(st->chunks[i]);
	free(st->chunks);
	free(st->seg);
	free(st);
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	free(d->toc);
	for (size_t i = 0; i < d->nsections; i++) {
		free(d->sections[i].title_runs.v);
		free(d->sections[i].notes.v);
	}
	free(d->sections);
	free(d->slides);
	free(d->blocks);
	free(d->points);
	free(d->warnings);
	free(d->notes.v);
	store_free(d->store);
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

void deck_shrink(struct deck *d)
{
	struct deck_store *st = d->store;
	d->toc = exact(d->toc, d->ntoc, sizeof *d->toc);
	d->sections = exact(d->sections, d->nsections, sizeof *d->sections);
	d->warnings = exact(d->warnings, d->nwarnings, sizeof *d->warnings);
	d->notes.v = exact(d->notes.v, d->notes.n, sizeof *d->notes.v);
	for (size_t i = 0; i < d->nsections; i++) {
		struct section *s = &d->sections[i];
		runs_shrink(&s->title_runs);
		s->notes.v = exact(s->notes.v, s->notes.n, sizeof *s->notes.v);
	}
	d->slides = exact(d->slides, d->nslides, sizeof *d->slides);
	d->blocks = exact(d->blocks, d->nblocks, sizeof *d->blocks);
	d->points = exact(d->points, d->npoints, sizeof *d->points);
	st->slides_cap = d->nslides;
	st->blocks_cap = d->nblocks;
	st->points_cap = d->npoints;
	for (size_t i = 0; i < st->styles.n; i++)
		runs_shrink(&((struct style_entry *)(void *)st->styles.v)[i].style.runs);
	for (size_t i = 0; i < st->title_runs.n; i++)
		runs_shrink(&((struct runs_entry *)(void *)st->title_runs.v)[i].runs);
	for (size_t i = 0; i < st->header_runs.n; i++)
		runs_shrink(&((struct runs_entry *)(void *)st->header_runs.v)[i].runs);
	for (size_t i = 0; i < st->notes.n; i++) {
		struct notes *n = &((struct notes_entry *)(void *)st->notes.v)[i].notes;
		n->v = exact(n->v, n->n, sizeof *n->v);
	}
	sparse_shrink(&st->numbers);
	sparse_shrink(&st->styles);
	sparse_shrink(&st->title_runs);
	sparse_shrink(&st->header_runs);
	sparse_shrink(&st->notes);
}

struct section *deck_add_section(struct deck *d)
{
	d->sections = grow_pow2(d->sections, d->nsections, sizeof *d->sections);
	struct section *s = &d->sections[d->nsections++];
	memset(s, 0, sizeof *s);
	s->toc_index = NO_INDEX;
	return deck_open_section(d, d->nsections - 1);
}

struct section *deck_set_sections(struct deck *d, size_t n)
{
	d->sections = n ? xcalloc(n, sizeof *d->sections) : NULL;
	d->nsections = n;
	for (size_t i = 0; i < n; i++)
		d->sections[i].toc_index = NO_INDEX;
	return d->sections;
}

struct section *deck_open_section(struct deck *d, size_t k)
{
	assert(k < d->nsections);
	d->store->open_section = k;
	struct section *s = &d->sections[k];
	s->first_slide = d->nslides;
	s->nslides = 0;
	return s;
}

/* Room for one more node in a column of count nodes and room *cap. */
static void *column_grow(void *arr, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return arr;
	assert(count < UINT32_MAX); /* a node takes a byte of text at least */
	return xgrow(arr, cap, count + 1, size);
}

void deck_reserve(struct deck *d, size_t slides, size_t blocks,
		  size_t points)
{
	struct deck_store *st = d->store;
	if (d->nslides + slides > st->slides_cap) {
		st->slides_cap = d->nslides + slides;
		d->slides = xrealloc(d->slides, st->slides_cap * sizeof *d->slides);
	}
	if (d->nblocks + blocks > st->blocks_cap) {
		st->blocks_cap = d->nblocks + blocks;
		d->blocks = xrealloc(d->blocks, st->blocks_cap * sizeof *d->blocks);
	}
	if (d->npoints + points > st->points_cap) {
		st->points_cap = d->npoints + points;
		d->points = xrealloc(d->points, st->points_cap * sizeof *d->points);
	}
}

struct slide *deck_add_slide(struct deck *d)
{
	struct deck_store *st = d->store;
	assert(st->open_section != NO_INDEX);
	d->slides = column_grow(d->slides, &st->slides_cap, d->nslides,
				sizeof *d->slides);
	struct slide *sl = &d->slides[d->nslides++];
	memset(sl, 0, sizeof *sl);
	sl->first_block = (uint32_t)d->nblocks;
	d->sections[st->open_section].nslides++;
	return sl;
}

struct block *deck_add_block(struct deck *d)
{
	assert(d->nslides > 0);
	d->blocks = column_grow(d->blocks, &d->store->blocks_cap, d->nblocks,
				sizeof *d->blocks);
	struct block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->first_point = (uint32_t)d->npoints;
	return b;
}

struct point *deck_add_point(struct deck *d)
{
	assert(d->nblocks > 0);
	d->points = column_grow(d->points, &d->store->points_cap, d->npoints,
				sizeof *d->points);
	struct point *p = &d->points[d->npoints++];
	memset(p, 0, sizeof *p);
	return p;
}

/* ---- what few nodes have --------------------------------------------- */

static uint32_t point_index(const struct deck *d, const struct point *p)
{
	assert(p >= d->points && p < d->points + d->npoints);
	return (uint32_t)(p - d->points);
}

static uint32_t block_index(const struct deck *d, const struct block *b)
{
	assert(b >= d->blocks && b < d->blocks + d->nblocks);
	return (uint32_t)(b - d->blocks);
}

static uint32_t slide_index(const struct deck *d, const struct slide *sl)
{
	assert(sl >= d->slides && sl < d->slides + d->nslides);
	return (uint32_t)(sl - d->slides);
}

void point_set_number(struct deck *d, const struct point *p, uint32_t n)
{
	uint32_t i = point_index(d, p);
	if (n) {
		struct num_entry *e = sparse_get(&d->store->numbers, i);
		e->number = n;
	} else if (sparse_find(&d->store->numbers, i)) {
		struct num_entry *e = sparse_get(&d->store->numbers, i);
		e->number = 0; /* read as none, as before */
	}
}

struct point_style *point_style(struct deck *d, const struct point *p)
{
	struct style_entry *e = sparse_get(&d->store->styles,
					   point_index(d, p));
	return &e->style;
}

static void set_runs(struct sparse *s, uint32_t node, struct attr_runs runs)
{
	struct runs_entry *e = runs.n || sparse_find(s, node) ?
			       sparse_get(s, node) : NULL;
	if (!e) {
		free(runs.v);
		return;
	}
	free(e->runs.v);
	e->runs = runs;
}

void block_set_title_runs(struct deck *d, const struct block *b,
			  struct attr_runs runs)
{
	set_runs(&d->store->title_runs, block_index(d, b), runs);
}

void slide_set_header_runs(struct deck *d, const struct slide *sl,
			   struct attr_runs runs)
{
	set_runs(&d->store->header_runs, slide_index(d, sl), runs);
}

struct notes *slide_notes_edit(struct deck *d, const struct slide *sl)
{
	struct notes_entry *e = sparse_get(&d->store->notes,
					   slide_index(d, sl));
	return &e->notes;
}

/* ---- reading --------------------------------------------------------- */

static const struct attr_runs no_runs = { NULL, 0 };

const struct slide *section_slide(const struct deck *d,
				  const struct section *s, size_t i)
{
	assert(i < s->nslides);
	return &d->slides[s->first_slide + i];
}

size_t slide_nblocks(const struct deck *d, const struct slide *sl)
{
	uint32_t i = slide_index(d, sl);
	size_t end = i + 1 < d->nslides ? d->slides[i + 1].first_block
					 : d->nblocks;
	return end - sl->first_block;
}

const struct block *slide_block(const struct deck *d, const struct slide *sl,
				size_t k)
{
	assert(k < slide_nblocks(d, sl));
	return &d->blocks[sl->first_block + k];
}

size_t block_npoints(const struct deck *d, const struct block *b)
{
	uint32_t i = block_index(d, b);
	size_t end = i + 1 < d->nblocks ? d->blocks[i + 1].first_point
					 : d->npoints;
	return end - b->first_point;
}

const struct point *block_point(const struct deck *d, const struct block *b,
				size_t k)
{
	assert(k < block_npoints(d, b));
	return &d->points[b->first_point + k];
}

const char *slide_header(const struct deck *d, const struct slide *sl)
{
	return deck_str(d, sl->header);
}

const char *block_title(const struct deck *d, const struct block *b)
{
	return deck_str(d, b->title);
}

const char *point_text(const struct deck *d, const struct point *p)
{
	return deck_str(d, p->text);
}

uint32_t point_number(const struct deck *d, const struct point *p)
{
	const struct num_entry *e = sparse_find(&d->store->numbers,
						point_index(d, p));
	return e ? e->number : 0;
}

const struct attr_runs *point_runs(const struct deck *d,
				   const struct point *p)
{
	const struct style_entry *e = sparse_find(&d->store->styles,
						  point_index(d, p));
	return e ? &e->style.runs : &no_runs;
}

const char *point_info(const struct deck *d, const struct point *p)
{
	const struct style_entry *e = sparse_find(&d->store->styles,
						  point_index(d, p));
	return e ? e->style.info : NULL;
}

const struct attr_runs *block_title_runs(const struct deck *d,
					 const struct block *b)
{
	const struct runs_entry *e = sparse_find(&d->store->title_runs,
						 block_index(d, b));
	return e ? &e->runs : &no_runs;
}

const struct attr_runs *slide_header_runs(const struct deck *d,
					  const struct slide *sl)
{
	const struct runs_entry *e = sparse_find(&d->store->header_runs,
						 slide_index(d, sl));
	return e ? &e->runs : &no_runs;
}

const struct notes *slide_notes(const struct deck *d, const struct slide *sl)
{
	static const struct notes none = { NULL, 0 };
	const struct notes_entry *e = sparse_find(&d->store->notes,
						  slide_index(d, sl));
	return e ? &e->notes : &none;
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
	return d->nslides;
}

size_t deck_count_blocks(const struct deck *d)
{
	return d->nblocks;
}

size_t deck_count_points(const struct deck *d)
{
	return d->npoints;
}
