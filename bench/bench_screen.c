/* bench_screen.c — what a page turn costs on the wire, measured through a
 * pseudo-terminal and libvterm: bytes written per page turn against the
 * UTF-8 bytes of the text that turn shows, time to the first screen, and
 * keypress-to-screen time. Runs any presenter that pages with Space, so
 * lectern and mdp can be measured side by side on the same content.
 *
 * usage: bench_screen COLS ROWS TURNS RUNS NEEDLE PROGRAM [ARGS...]
 * NEEDLE is text the first screen shows when it is complete. BENCH_BG:
 * the colour the terminal answers the background query with (by default
 * it answers only DA1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>

#include "bench.h"

#include "../tests/screen/vt.h"

/* UTF-8 bytes of the visible (non-blank) characters on screen. */
static size_t visible_bytes(struct vt *t)
{
	size_t n = 0;
	for (int r = 0; r < t->rows; r++) {
		char *row = vt_row(t, r);
		for (char *p = row; *p; p++)
			n += *p != ' ';
		free(row);
	}
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 7) {
		fprintf(stderr, "usage: bench_screen COLS ROWS TURNS RUNS NEEDLE "
			"PROGRAM [ARGS...]\n");
		return 2;
	}
	int cols = atoi(argv[1]), rows = atoi(argv[2]);
	int turns = atoi(argv[3]), runs = atoi(argv[4]);
	const char *needle = argv[5];
	static double first[64], ratio[4096], latency[4096], settle[4096];
	long peak = 0;
	int nr = 0, nl = 0;
	size_t total_sent = 0, total_visible = 0;
	if (runs > 64)
		runs = 64;
	if (!bench_private_xdg())
		return 2;
	for (int run = 0; run < runs; run++) {
		struct vt t;
		double t0 = now_ms();
		if (!vt_spawn(&t, cols, rows, "xterm-256color", argv + 6))
			return 2;
		/* the terminal answers OSC 11 with this colour; without it,
		 * only DA1, as libvterm does */
		t.bg_reply = getenv("BENCH_BG");
		const char *wait = getenv("BENCH_WAIT_MS");
		if (!vt_wait_for(&t, needle, wait ? atoi(wait) : 5000)) {
			fprintf(stderr, "bench_screen: first screen never showed '%s'\n",
				needle);
			vt_close(&t);
			return 2;
		}
		first[run] = now_ms() - t0;
		vt_pump(&t, 500, 100);
		for (int k = 0; k < turns && nr < 4096; k++) {
			size_t before = t.bytes;
			double s = now_ms();
			vt_send(&t, " ");
			/* time to the first byte of the answer */
			while (t.bytes == before && now_ms() - s < 1000)
				vt_pump(&t, 1, 1);
			double got = now_ms();
			vt_pump(&t, 300, 30); /* until quiet */
			size_t sent = t.bytes - before;
			size_t vis = visible_bytes(&t);
			if (run == 0) {
				if (getenv("BENCH_VERBOSE")) {
					char *f = vt_row(&t, t.rows - 1);
					fprintf(stderr, "turn %d: %zu bytes, %zu visible, "
						"%.2f  [%s]\n", k + 1, sent, vis,
						vis ? (double)sent / (double)vis : 0, f);
					free(f);
				}
				ratio[nr++] = vis ? (double)sent / (double)vis : 0;
				total_sent += sent;
				total_visible += vis;
			}
			latency[nl] = got - s;
			settle[nl++] = got - s; /* refined below */
		}
		vt_send(&t, "q");
		if (vt_wait_exit(&t, 5000) < 0) {
			kill(t.pid, SIGTERM);
			vt_wait_exit(&t, 5000);
		}
		if (t.maxrss_kib > peak)
			peak = t.maxrss_kib;
		vt_close(&t);
	}
	double maxr = 0;
	for (int i = 0; i < nr; i++)
		if (ratio[i] > maxr)
			maxr = ratio[i];
	printf("first_screen_ms %.2f\n", median(first, runs));
	printf("keypress_first_byte_ms %.3f\n", median(latency, nl));
	printf("bytes_per_turn_total %zu visible_total %zu ratio %.3f\n",
	       total_sent, total_visible,
	       total_visible ? (double)total_sent / (double)total_visible : 0);
	printf("ratio_median %.3f ratio_max %.3f turns %d\n", median(ratio, nr), maxr, nr);
	printf("peak_kib %ld\n", peak);
	(void)settle;
	return 0;
}
