/* bench_present.c — a presenter and N followers, each in a pseudo-terminal
 * read back through libvterm: for each page turn, the time from the key on
 * the presenter to the presenter's last byte (its own key-to-screen) and
 * to the last byte of the last follower. Medians and 99th percentiles
 * over TURNS turns.
 *
 * usage: bench_present LECTERN DECK FOLLOWERS TURNS
 * Prints: followers turns presenter_med presenter_p99 last_med last_p99
 * (milliseconds). */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#include "bench.h"

#include "../tests/screen/vt.h"

static bool footer_has(struct vt *t, const char *s)
{
	char *f = vt_row(t, t->rows - 1);
	bool r = strstr(f, s) != NULL;
	free(f);
	return r;
}

#define QUIET_MS 40

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: bench_present LECTERN DECK FOLLOWERS TURNS\n");
		return 2;
	}
	int nf = atoi(argv[3]), turns = atoi(argv[4]);
	if (nf < 0 || nf > 200 || turns < 2 || turns > 2000)
		return 2;
	if (!bench_private_xdg())
		return 2;
	struct vt *t = calloc((size_t)nf + 1, sizeof *t);
	char *pargv[] = { argv[1], (char *)"--present", argv[2], NULL };
	if (!vt_spawn(&t[0], 120, 40, "xterm-256color", pargv) ||
	    !vt_wait_for(&t[0], "follower", 5000)) {
		fprintf(stderr, "bench_present: the presenter did not start\n");
		return 1;
	}
	char *fargv[] = { argv[1], (char *)"--follow", NULL };
	for (int i = 1; i <= nf; i++) {
		if (!vt_spawn(&t[i], 80, 24, "xterm-256color", fargv) ||
		    !vt_wait_for(&t[i], "/", 10000)) {
			fprintf(stderr, "bench_present: follower %d did not start\n", i);
			return 1;
		}
	}
	double *self = calloc((size_t)turns, sizeof *self);
	double *last = calloc((size_t)turns, sizeof *last);
	struct pollfd *fds = calloc((size_t)nf + 1, sizeof *fds);
	for (int k = 0; k < turns; k++) {
		/* back and forth over the first slides: every turn draws */
		vt_send(&t[0], k % 2 ? "\x1bOD" : " ");
		double t0 = now_ms(), quiet_since = t0, lastp = t0, lastf = t0;
		while (now_ms() - quiet_since < QUIET_MS) {
			for (int i = 0; i <= nf; i++)
				fds[i] = (struct pollfd){ .fd = t[i].fd, .events = POLLIN };
			if (poll(fds, (nfds_t)nf + 1, QUIET_MS) <= 0)
				continue;
			double at = now_ms();
			for (int i = 0; i <= nf; i++) {
				if (!(fds[i].revents & POLLIN))
					continue;
				/* the bytes as they come, never a wait: the
				 * harness must not be what is measured */
				char buf[65536];
				ssize_t r = read(t[i].fd, buf, sizeof buf);
				if (r <= 0)
					continue;
				vterm_input_write(t[i].vt, buf, (size_t)r);
				t[i].bytes += (size_t)r;
				quiet_since = at;
				if (i == 0)
					lastp = at;
				else if (at > lastf)
					lastf = at;
			}
		}
		self[k] = lastp - t0;
		last[k] = nf ? lastf - t0 : 0;
	}
	/* every follower shows where the presenter is */
	const char *where = turns % 2 ? "2/24" : "1/24";
	int wrong = 0;
	for (int i = 1; i <= nf; i++)
		wrong += !footer_has(&t[i], where);
	printf("%d %d %.2f %.2f %.2f %.2f%s\n", nf, turns, percentile(self, turns, 50),
	       percentile(self, turns, 99), percentile(last, turns, 50), percentile(last, turns, 99),
	       wrong ? "  (some followers are not on the slide!)" : "");
	for (int i = 0; i <= nf; i++) {
		vt_send(&t[i], "q");
		vt_wait_exit(&t[i], 2000);
		vt_close(&t[i]);
	}
	free(t);
	free(self);
	free(last);
	free(fds);
	return wrong ? 1 : 0;
}
