/* test_arena.c — the arena pass 1's records live in: records of every
 * size read back in order across chunk boundaries (one larger than a
 * chunk among them), read on after the chunks before them are given
 * back, and that memory going back to the system, which is the arena's
 * reason to be (its resident size falls; not measured under valgrind,
 * whose own bookkeeping stays). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/arena.h"

#define NREC 4000

static size_t size_of(size_t i)
{
	if (i == NREC / 2)
		return ((size_t)3 << 20) + 5; /* larger than a chunk */
	return 4 + (i * 2654435761u) % 9000; /* 4 to 9,003 bytes */
}

static void fill(unsigned char *r, size_t i, size_t n)
{
	memcpy(r, &(uint32_t){ (uint32_t)i }, 4);
	for (size_t k = 4; k < n; k++)
		r[k] = (unsigned char)(i * 7 + k);
}

static bool intact(const unsigned char *r, size_t i, size_t n)
{
	uint32_t id;
	memcpy(&id, r, 4);
	if (id != i)
		return false;
	for (size_t k = 4; k < n; k++)
		if (r[k] != (unsigned char)(i * 7 + k))
			return false;
	return true;
}

/* Resident bytes of this process, or 0 when /proc does not say. */
static size_t resident(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size, res;
	int got = f ? fscanf(f, "%lu %lu", &size, &res) : 0;
	if (f)
		fclose(f);
	return got == 2 ? res * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

static void test_in_order(bool release)
{
	struct arena *a = arena_new();
	struct arena_pos first = { 0 };
	size_t total = 0;
	for (size_t i = 0; i < NREC; i++) {
		struct arena_pos at;
		unsigned char *r = arena_alloc(a, size_of(i), &at);
		CHECK(((uintptr_t)r & 7) == 0, "record %zu at %p", i, (void *)r);
		CHECK(r == arena_at(at), "record %zu: its place", i);
		fill(r, i, size_of(i));
		total += size_of(i);
		if (i == 0)
			first = at;
	}
	size_t before = resident(), bad = 0;
	struct arena_pos at = first;
	for (size_t i = 0; i < NREC; i++) {
		bad += !intact(arena_at(at), i, size_of(i));
		if (release)
			arena_release_before(a, at);
		if (i + 1 < NREC)
			at = arena_after(at, size_of(i));
	}
	CHECK(bad == 0, "%zu of %d records read back wrong (release %d)", bad,
	      NREC, release);
	size_t after = resident();
	if (release && before && after && !getenv("LECTERN_WRAPPED"))
		/* all but the last chunk given back: most of the records */
		CHECK(before - after > total / 2, "resident %zu before, %zu "
		      "after giving back %zu bytes of records", before, after,
		      total);
	arena_free(a);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	test_in_order(false);
	test_in_order(true);
	arena_free(NULL);
	return check_done();
}
