/* arena.c — records in chunks mapped from the system, each given back
 * whole once every record in it has been read for the last time. */
#include "lectern/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "lectern/strbuf.h"

/* A chunk holds a megabyte of records: the memory held beyond what is
 * still to be read is under a chunk, and a mapping a megabyte costs
 * nothing next to filling it. A record larger gets a chunk of its own. */
#define CHUNK_SIZE ((size_t)1 << 20)
#define ALIGN 8

struct arena_chunk {
	struct arena_chunk *next; /* the one allocated after it */
	size_t size;              /* of the mapping, this header included */
	size_t used;              /* bytes of it handed out, header included */
};

struct arena {
	struct arena_chunk *first, *last; /* oldest still held, newest */
};

static size_t align_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static const size_t header = (sizeof(struct arena_chunk) + ALIGN - 1) &
			     ~(size_t)(ALIGN - 1);

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

static void chunk_free(struct arena_chunk *c)
{
	munmap(c, c->size);
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct arena_chunk *c = a->first, *next; c; c = next) {
		next = c->next;
		chunk_free(c);
	}
	free(a);
}

static struct arena_chunk *chunk_new(size_t need)
{
	size_t size = CHUNK_SIZE;
	if (need > size - header) {
		if (need > SIZE_MAX - header - CHUNK_SIZE)
			die_oom();
		size = (header + need + CHUNK_SIZE - 1) & ~(CHUNK_SIZE - 1);
	}
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		die_oom();
	struct arena_chunk *c = m;
	c->next = NULL;
	c->size = size;
	c->used = header;
	return c;
}

void *arena_alloc(struct arena *a, size_t n, struct arena_pos *pos)
{
	n = align_up(n ? n : 1);
	struct arena_chunk *c = a->last;
	if (!c || c->size - c->used < n) {
		struct arena_chunk *nc = chunk_new(n);
		if (c)
			c->next = nc;
		else
			a->first = nc;
		a->last = c = nc;
	}
	pos->chunk = c;
	pos->off = c->used;
	c->used += n;
	return (char *)c + pos->off;
}

void *arena_at(struct arena_pos pos)
{
	return (char *)pos.chunk + pos.off;
}

struct arena_pos arena_after(struct arena_pos pos, size_t n)
{
	size_t off = pos.off + align_up(n ? n : 1);
	if (off < pos.chunk->used)
		return (struct arena_pos){ pos.chunk, off };
	return (struct arena_pos){ pos.chunk->next, header };
}

void arena_release_before(struct arena *a, struct arena_pos pos)
{
	while (a->first && a->first != pos.chunk) {
		struct arena_chunk *c = a->first;
		a->first = c->next;
		if (a->last == c)
			a->last = NULL;
		chunk_free(c);
	}
}
