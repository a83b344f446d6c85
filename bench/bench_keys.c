/* bench_keys.c — what a key costs on a slide of any size: the app alone
 * (keys in, frame out, no terminal), on the deck given. It opens slide
 * SLIDE at W x H, times the first frame (the layout), then times each
 * Space (the next continuation screen) and each Left back, key and frame
 * together.
 * usage: bench_keys DECK SLIDE W H [KEYS]
 * Prints: screens first_ms key_median_ms key_max_ms */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"

#include "lectern/app.h"
#include "lectern/config.h"
#include "lectern/loader.h"

static double frame_after(struct app *a, int key)
{
	double t0 = now_ms();
	if (key)
		app_key(a, key);
	struct frame f;
	app_frame(a, &f);
	frame_free(&f);
	return now_ms() - t0;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: bench_keys DECK SLIDE W H [KEYS]\n");
		return 2;
	}
	int keys = argc > 5 ? atoi(argv[5]) : 200;
	if (keys < 2 || keys > 100000)
		keys = 200;
	struct deck *d;
	struct lt_error err;
	if (!deck_load(argv[1], NULL, &d, &err)) {
		fprintf(stderr, "bench_keys: %s: %s\n", argv[1], err.what);
		return 2;
	}
	struct config cfg;
	config_default(&cfg);
	cfg.footer[0] = '\0';
	snprintf(cfg.footer, sizeof cfg.footer, "{n}/{total}{screen}");
	struct layout_opts lo;
	int w = atoi(argv[3]), h = atoi(argv[4]);
	config_layout_opts(&cfg, w, &lo);
	struct app_settings set = { cfg.footer, false,
				    strtoul(argv[2], NULL, 10), NULL, NULL, NULL,
				    NULL, 0, NULL };
	struct app a;
	app_init(&a, d, argv[1], &lo, &cfg.keys, &set);
	app_resize(&a, w, h);
	double first = frame_after(&a, 0);
	size_t screens = app_screens(&a);
	double *t = malloc((size_t)keys * sizeof *t);
	if (!t)
		return 2;
	for (int i = 0; i < keys; i++)
		t[i] = frame_after(&a, i < keys / 2 ? ' ' : KEY_LEFT_);
	qsort(t, (size_t)keys, sizeof *t, cmp_double);
	printf("%zu %.2f %.3f %.3f\n", screens, first, t[keys / 2], t[keys - 1]);
	free(t);
	app_free(&a);
	return 0;
}
