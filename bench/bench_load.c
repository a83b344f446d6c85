/* bench_load.c — how long one deck takes to read and import, to export as
 * JSON and as text at 80 columns, and the process's peak memory. Run it
 * once per deck (bench/run.sh does) so that the peak belongs to one deck.
 * Prints: bytes slides load_ms json_ms text_ms peak_kib (medians of RUNS). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "bench.h"

#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_load DECK [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	if (runs < 1 || runs > 100)
		runs = 5;
	double load[100], json[100], text[100];
	size_t slides = 0;
	struct stat st;
	if (stat(argv[1], &st) != 0) {
		perror(argv[1]);
		return 2;
	}
	size_t bytes = (size_t)st.st_size;
	for (int r = 0; r < runs; r++) {
		struct lt_error err;
		struct deck *d;
		double t0 = now_ms();
		if (!deck_load(argv[1], NULL, &d, &err)) {
			fprintf(stderr, "bench_load: %s: %s\n", argv[1], err.what);
			return 2;
		}
		double t1 = now_ms();
		struct strbuf out = STRBUF_INIT;
		export_json(&out, d);
		double t2 = now_ms();
		sb_free(&out);
		struct layout_opts o;
		layout_opts_default(&o, 80);
		double t3 = now_ms();
		export_text(&out, d, &o);
		double t4 = now_ms();
		sb_free(&out);
		slides = deck_count_slides(d);
		deck_free(d);
		load[r] = t1 - t0;
		json[r] = t2 - t1;
		text[r] = t4 - t3;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%zu %zu %.2f %.2f %.2f %ld\n", bytes, slides, median(load, runs),
	       median(json, runs), median(text, runs), ru.ru_maxrss);
	return 0;
}
