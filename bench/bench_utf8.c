/* bench_utf8.c — how long checking a file's UTF-8 takes: lectern's own
 * check (text_valid_utf8) against libunistring's u8_check, which it
 * replaced, in turns, each a median of RUNS passes over the whole file.
 * Every deck is checked twice on reading, and the Markdown title page's
 * head once per step (src/source.c, src/loader.c).
 * usage: bench_utf8 FILE [RUNS]
 * prints: bytes lectern_ms u8_check_ms */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <unistr.h>

#include "bench.h"

#include "lectern/text.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_utf8 FILE [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 21;
	if (runs < 1 || runs > 1000)
		runs = 21;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	size_t cap = 1 << 20, n = 0, got;
	char *b = malloc(cap);
	while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	if (!b)
		return 2;
	double *own = malloc((size_t)runs * sizeof *own);
	double *lib = malloc((size_t)runs * sizeof *lib);
	if (!own || !lib)
		return 2;
	size_t agree = 0;
	for (int r = 0; r < runs; r++) {
		size_t bad = n;
		double t0 = now_ms();
		bool ok = text_valid_utf8(b, n, &bad);
		double t1 = now_ms();
		/* the buffer may have changed, as far as the compiler knows:
		 * u8_check is not hoisted out of the loop */
		__asm__ volatile("" : : "r"(b) : "memory");
		const uint8_t *p = u8_check((const uint8_t *)b, n);
		double t2 = now_ms();
		own[r] = t1 - t0;
		lib[r] = t2 - t1;
		agree += ok == !p && (ok || bad == (size_t)(p - (const uint8_t *)b));
	}
	printf("%zu %.2f %.2f\n", n, median(own, runs), median(lib, runs));
	int rc = agree == (size_t)runs ? 0 : 1;
	if (rc)
		fprintf(stderr, "bench_utf8: the two checks disagree\n");
	free(own);
	free(lib);
	free(b);
	return rc;
}
