/* bench_tick.c — what a presenter costs while nobody touches it: the
 * bytes each tick of the status line's clock or timer sends over the
 * wire (through a pseudo-terminal and libvterm), and the CPU time the
 * program uses idle, from /proc/PID/schedstat (nanoseconds on a CPU).
 * After the first screen it sends KEYS (e.g. a Space, to start the talk
 * timer) and lets things settle, then watches for SECONDS.
 *
 * usage: bench_tick COLS ROWS SECONDS KEYS PROGRAM [ARGS...]
 * prints: ticks N bytes B median M max X cpu_ms C footer "..." */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>

#include "bench.h"

#include "../tests/screen/vt.h"

/* ns the process has run on a CPU; -1 when it cannot be read */
static long long cpu_ns(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	long long ns = -1;
	if (f) {
		if (fscanf(f, "%lld", &ns) != 1)
			ns = -1;
		fclose(f);
	}
	return ns;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: bench_tick COLS ROWS SECONDS KEYS PROGRAM "
			"[ARGS...]\n");
		return 2;
	}
	int cols = atoi(argv[1]), rows = atoi(argv[2]);
	double seconds = atof(argv[3]);
	const char *keys = argv[4];
	if (!bench_private_xdg())
		return 2;
	struct vt t;
	if (!vt_spawn(&t, cols, rows, "xterm-256color", argv + 5))
		return 2;
	if (!vt_wait_for(&t, "/", 5000)) {
		fprintf(stderr, "bench_tick: no first screen\n");
		vt_close(&t);
		return 2;
	}
	if (*keys)
		vt_send(&t, keys);
	vt_pump(&t, 1500, 1500); /* the turn's redraw, and a tick or so */
	static size_t burst[100000];
	size_t nb = 0, total = 0, current = 0;
	bool verbose = getenv("BENCH_VERBOSE") != NULL;
	if (verbose)
		vt_log_start(&t);
	long long cpu0 = cpu_ns(t.pid);
	double end = now_ms() + seconds * 1000;
	while (now_ms() < end) {
		size_t before = t.bytes;
		vt_pump(&t, 40, 40);
		size_t got = t.bytes - before;
		if (got) {
			current += got;
		} else if (current) {
			/* quiet for 40 ms: the burst is over */
			if (verbose) {
				fprintf(stderr, "%zu bytes: ", current);
				for (size_t i = t.loglen - current; i < t.loglen; i++) {
					unsigned char c = (unsigned char)t.log[i];
					if (c < 0x20 || c == 0x7f)
						fprintf(stderr, "\\x%02x", c);
					else
						fputc(c, stderr);
				}
				fputc('\n', stderr);
			}
			if (nb < sizeof burst / sizeof *burst)
				burst[nb++] = current;
			total += current;
			current = 0;
		}
	}
	if (current && nb < sizeof burst / sizeof *burst) {
		burst[nb++] = current;
		total += current;
	}
	long long cpu1 = cpu_ns(t.pid);
	char *footer = vt_row(&t, t.rows - 1);
	size_t max = 0;
	for (size_t i = 0; i < nb; i++)
		if (burst[i] > max)
			max = burst[i];
	qsort(burst, nb, sizeof *burst, cmp_double);
	printf("ticks %zu bytes %zu median %zu max %zu cpu_ms %.2f footer \"%s\"\n",
	       nb, total, nb ? burst[nb / 2] : 0, max,
	       cpu0 >= 0 && cpu1 >= 0 ? (double)(cpu1 - cpu0) / 1e6 : -1.0,
	       footer);
	free(footer);
	vt_send(&t, "q");
	if (vt_wait_exit(&t, 5000) < 0) {
		kill(t.pid, SIGTERM);
		vt_wait_exit(&t, 5000);
	}
	vt_close(&t);
	return 0;
}
