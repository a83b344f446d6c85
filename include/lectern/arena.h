/* arena.h — memory handed out in order and handed back in order, to the
 * system and not only to malloc. An importer's records from one pass,
 * read in order by the next pass, which builds the deck from them: given
 * back as it goes, they and the nodes made from them are never all in
 * memory at once. (Freed one by one to malloc, small records stay the
 * process's: a million slides' 88 bytes each outlived the pass.) */
#ifndef LECTERN_ARENA_H
#define LECTERN_ARENA_H

#include <stddef.h>

struct arena;
struct arena_chunk;

/* Where a record is; records are 8-byte aligned. */
struct arena_pos {
	struct arena_chunk *chunk;
	size_t off;
};

/* An empty arena. Caller frees with arena_free. */
struct arena *arena_new(void);
/* Gives back all of it; accepts NULL. */
void arena_free(struct arena *a);

/* Room for n bytes (n >= 1), uninitialised, after every record before
 * it; *pos gets its place. Aborts when out of memory, like xmalloc. */
void *arena_alloc(struct arena *a, size_t n, struct arena_pos *pos);
/* The record at pos. */
void *arena_at(struct arena_pos pos);
/* The place of the record allocated next after the one of n bytes at
 * pos (only when there is one). */
struct arena_pos arena_after(struct arena_pos pos, size_t n);
/* Gives back the memory of every record before pos's chunk: they must
 * not be read again. */
void arena_release_before(struct arena *a, struct arena_pos pos);

#endif
