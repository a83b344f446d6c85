/* bench.h — what the benchmarks share: a monotonic clock in milliseconds
 * and order statistics over samples. */
#ifndef LECTERN_BENCH_H
#define LECTERN_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../tests/unit/rmtree.h"

static inline double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The p-th percentile of v[0..n) (sorts v): the smallest sample that at
 * least p % of the samples do not exceed. 0 when n is 0. */
static inline double percentile(double *v, int n, int p)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (n * p + 99) / 100 - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* The median of v[0..n) (sorts v): the middle sample, or the mean of the
 * two middle ones. */
static inline double median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The state directory of bench_private_xdg, removed at exit. */
static char bench_xdg_dir[] = "/tmp/lectern-bench-XXXXXX";

static inline void bench_xdg_remove(void)
{
	rmtree(bench_xdg_dir);
}

/* Keeps the programs a benchmark starts out of the user's files: no
 * personal config, and state (resume points, rehearsal records, the
 * presenter's socket) in a directory of the benchmark's own, removed at
 * exit. Without it a launch that was killed leaves a resume point, and
 * the next launch of the deck opens there instead of on its title. Sets
 * XDG_STATE_HOME and XDG_RUNTIME_DIR to it and XDG_CONFIG_HOME to a
 * directory that does not exist. False when the directory cannot be
 * made. */
static inline int bench_private_xdg(void)
{
	if (!mkdtemp(bench_xdg_dir)) {
		perror("bench: mkdtemp");
		return 0;
	}
	atexit(bench_xdg_remove);
	setenv("XDG_STATE_HOME", bench_xdg_dir, 1);
	setenv("XDG_RUNTIME_DIR", bench_xdg_dir, 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	return 1;
}

#endif
