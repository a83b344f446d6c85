/* test_wire.c — the presenter's protocol and its two ends, in one
 * process: messages encoded and read back byte by byte, malformed ones
 * refused with a reason, a presenter and followers on a socket in a
 * temporary directory (deck, late join, coalesced positions, a second
 * presenter refused, a stale socket replaced, a follower that sends
 * garbage or stops reading dropped, another uid refused when run as
 * root). Time is passed in, never waited for, except for the kernel's
 * socket buffers. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "lectern/channel.h"
#include "lectern/follow.h"
#include "lectern/present.h"
#include "lectern/wire.h"

static char dir[] = "/tmp/lectern-wire-XXXXXX";
static const char *self; /* this program, for the other user's side */

/* ---- messages -------------------------------------------------------- */

/* A STATE from a peer that knows no reveal steps (bytes 24..27 zero)
 * means every step shown. */
static void test_step_zero_is_all(void)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct wire_state st = { 1, 2, WIRE_SLIDE, UINT32_MAX, -1, -1, UINT32_MAX };
	wire_put_state(&buf, &len, &cap, &st);
	CHECK(len == WIRE_HEADER + WIRE_STATE_SIZE && buf[len - 8] == 0 &&
	      buf[len - 5] == 0, "all steps travel as 0");
	struct wire_reader r;
	wire_reader_init(&r);
	wire_reader_feed(&r, buf, len);
	struct wire_msg m;
	CHECK(wire_read_next(&r, &m) == 1 && m.state.step == UINT32_MAX,
	      "0 reads as all steps");
	wire_reader_free(&r);
	free(buf);
}

static void test_round_trip(void)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct wire_state st = { 7, 12, WIRE_WHITE, 3, 1, 2, 5 };
	wire_put_hello(&buf, &len, &cap);
	wire_put_deck(&buf, &len, &cap, 7, "markdown", "# A\n", 4);
	wire_put_state(&buf, &len, &cap, &st);
	wire_put_bye(&buf, &len, &cap);
	struct wire_reader r;
	wire_reader_init(&r);
	int seen = 0;
	for (size_t i = 0; i < len; i++) {
		wire_reader_feed(&r, buf + i, 1); /* a byte at a time */
		struct wire_msg m;
		int got;
		while ((got = wire_read_next(&r, &m)) == 1) {
			switch (seen++) {
			case 0:
				CHECK(m.type == WIRE_HELLO && m.version == WIRE_VERSION,
				      "hello");
				break;
			case 1:
				CHECK(m.type == WIRE_DECK && m.generation == 7 &&
				      strcmp(m.format, "markdown") == 0 &&
				      m.deck_len == 4 && memcmp(m.deck, "# A\n", 4) == 0,
				      "deck");
				break;
			case 2:
				CHECK(m.type == WIRE_STATE && m.state.generation == 7 &&
				      m.state.slide == 12 && m.state.screen == WIRE_WHITE &&
				      m.state.revealed == 3 && m.state.block == 1 &&
				      m.state.point == 2 && m.state.step == 5, "state");
				break;
			case 3:
				CHECK(m.type == WIRE_BYE, "bye");
				break;
			}
		}
		CHECK(got == 0, "no error at byte %zu: %s", i, r.error);
	}
	CHECK(seen == 4, "four messages, got %d", seen);
	wire_reader_free(&r);
	free(buf);
}

/* Feeds bytes; the reader must refuse them with a reason holding why. */
static void refused(const char *bytes, size_t n, const char *why)
{
	struct wire_reader r;
	wire_reader_init(&r);
	wire_reader_feed(&r, bytes, n);
	struct wire_msg m;
	int got;
	while ((got = wire_read_next(&r, &m)) == 1)
		;
	CHECK(got == -1 && strstr(r.error, why), "refused (%s): got %d, '%s'",
	      why, got, r.error);
	wire_reader_free(&r);
}

static void test_malformed(void)
{
	refused("GET / HTTP/1.1\r\n", 16, "bad magic");
	refused("LCTN\x02\x01\0\0\0\0\0\x01\x01", 13, "another version");
	refused("LCTN\x01\x01\0\x01\0\0\0\x01\x01", 13, "reserved");
	refused("LCTN\x01\x01\0\0\x7f\0\0\0", 12, "longer than the limit");
	refused("LCTN\x01\x03\0\0\0\0\0\x01x", 13, "STATE of the wrong size");
	refused("LCTN\x01\x09\0\0\0\0\0\0", 12, "unknown type");
	refused("LCTN\x01\x02\0\0\0\0\0\x02xy", 14, "too short");
	refused("LCTN\x01\x02\0\0\0\0\0\x07\0\0\0\x01\x02\0z", 19, "NUL");
	refused("LCTN\x01\x04\0\0\0\0\0\x01x", 13, "BYE with a payload");
	/* a partial header waits for more */
	struct wire_reader r;
	struct wire_msg m;
	wire_reader_init(&r);
	wire_reader_feed(&r, "LCTN\x01", 5);
	CHECK(wire_read_next(&r, &m) == 0, "a partial header is not an error");
	wire_reader_free(&r);
}

/* ---- a presenter and followers --------------------------------------- */

struct seen {
	int decks, states, up, down;
	uint32_t generation;
	char format[32];
	size_t deck_len;
	struct wire_state last;
	char why[256];
};

static void on_deck(void *ctx, uint32_t gen, const char *format,
		    const char *bytes, size_t n)
{
	struct seen *s = ctx;
	(void)bytes;
	s->decks++;
	s->generation = gen;
	snprintf(s->format, sizeof s->format, "%s", format);
	s->deck_len = n;
}

static void on_state(void *ctx, const struct wire_state *st)
{
	struct seen *s = ctx;
	s->states++;
	s->last = *st;
}

static void on_status(void *ctx, bool connected, const char *why)
{
	struct seen *s = ctx;
	if (connected)
		s->up++;
	else
		s->down++;
	snprintf(s->why, sizeof s->why, "%s", why);
}

/* Runs the presenter and the followers for a few rounds of poll, the
 * clock at now. */
static void pump(struct presenter *p, struct follow **fs, int nf, int64_t now,
		 int rounds)
{
	for (int r = 0; r < rounds; r++) {
		struct pollfd fds[64];
		size_t n = p ? presenter_pollfds(p, fds, 32) : 0;
		size_t base = n;
		for (int i = 0; i < nf; i++)
			fds[n++] = (struct pollfd){ .fd = follow_fd(fs[i]),
						    .events = POLLIN };
		poll(fds, n, 10);
		if (p)
			presenter_service(p, fds, base, now);
		for (int i = 0; i < nf; i++)
			follow_service(fs[i], fds[base + (size_t)i].revents != 0, now);
	}
}

static void test_presenter(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/talk.sock", dir);
	struct lt_error err;
	struct presenter *p = presenter_open(path, &err);
	CHECK(p != NULL, "presenter: %s", err.what);
	if (!p)
		return;
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	      "the socket is 0600: %o", (unsigned)(st.st_mode & 0777));
	/* one driver only */
	struct presenter *p2 = presenter_open(path, &err);
	CHECK(!p2 && strstr(err.what, "another presenter"), "second presenter "
	      "refused: %s", err.what);
	presenter_set_deck(p, "outline", "Deck,body", 9);
	struct wire_state s1 = { presenter_generation(p), 4, WIRE_SLIDE,
				 UINT32_MAX, -1, -1, UINT32_MAX };
	presenter_set_state(p, &s1);
	struct seen a = { 0 }, b = { 0 };
	struct follow_handler ha = { &a, on_deck, on_state, on_status };
	struct follow_handler hb = { &b, on_deck, on_state, on_status };
	struct follow *fs[2] = { follow_new(path, &ha), NULL };
	pump(p, fs, 1, 1000, 10);
	CHECK(a.up == 1 && a.decks == 1 && a.states == 1 && a.last.slide == 4,
	      "a follower gets the deck and the position: up %d decks %d "
	      "states %d slide %u", a.up, a.decks, a.states, a.last.slide);
	CHECK(strcmp(a.format, "outline") == 0 && a.deck_len == 9, "the deck");
	CHECK(presenter_followers(p) == 1, "one follower");
	/* page turns go out at once while the follower keeps up, and
	 * coalesce once it does not: only the latest position matters, so
	 * a follower that reads nothing costs no more than its socket's
	 * buffer */
	for (uint32_t i = 5; i < 50005; i++) {
		struct wire_state s = s1;
		s.slide = i;
		presenter_set_state(p, &s);
	}
	pump(p, fs, 1, 1100, 40);
	CHECK(a.last.slide == 50004, "the latest position arrives: %u",
	      a.last.slide);
	CHECK(a.states < 50000, "positions coalesce: %d sent for 50,000",
	      a.states);
	/* a late joiner sees the current slide at once */
	fs[1] = follow_new(path, &hb);
	pump(p, fs, 2, 1200, 10);
	CHECK(b.decks == 1 && b.last.slide == 50004, "a late joiner: slide %u",
	      b.last.slide);
	/* reload: a new deck reaches everyone, then the position */
	presenter_set_deck(p, "outline", "Deck,body two", 13);
	s1.generation = presenter_generation(p);
	s1.slide = 2;
	presenter_set_state(p, &s1);
	pump(p, fs, 2, 1300, 10);
	CHECK(a.decks == 2 && b.decks == 2 && a.generation == 2 &&
	      b.last.slide == 2, "reload reaches every follower");
	/* the presenter goes away: followers say so and come back by
	 * themselves when it returns */
	presenter_free(p);
	pump(NULL, fs, 2, 1400, 5);
	CHECK(a.down >= 1 && !strstr(a.why, "garbage"), "the follower noticed: %s",
	      a.why);
	p = presenter_open(path, &err);
	CHECK(p != NULL, "a presenter again: %s", err.what);
	if (p) {
		presenter_set_deck(p, "outline", "Deck,again", 10);
		presenter_set_state(p, &s1);
		for (int64_t t = 1500; t < 6000 && a.up < 2; t += 250)
			pump(p, fs, 2, t, 3);
		CHECK(a.up == 2 && b.up == 2, "both reconnected: %d %d", a.up, b.up);
	}
	follow_free(fs[0]);
	follow_free(fs[1]);
	pump(p, NULL, 0, 6100, 3);
	CHECK(!p || presenter_followers(p) == 0, "the followers said goodbye");
	presenter_free(p);
	CHECK(access(path, F_OK) != 0, "the socket is removed at the end");
}

/* A raw connection that sends bytes or never reads. */
static int raw_connect(const char *path)
{
	int fd = channel_connect(path);
	CHECK(fd >= 0, "connect: %s", strerror(errno));
	return fd;
}

static void test_bad_followers(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/bad.sock", dir);
	/* a stale socket, left by a presenter that crashed */
	int stale = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	CHECK(strlen(path) < sizeof sa.sun_path, "short path");
	memcpy(sa.sun_path, path, strlen(path) + 1);
	CHECK(bind(stale, (struct sockaddr *)&sa, sizeof sa) == 0, "stale bind");
	close(stale);
	struct lt_error err;
	struct presenter *p = presenter_open(path, &err);
	CHECK(p != NULL, "a stale socket is replaced: %s", err.what);
	if (!p)
		return;
	/* a big deck, so that a follower that does not read stalls */
	size_t big = 8 << 20;
	char *deck = malloc(big);
	memset(deck, 'x', big);
	presenter_set_deck(p, "outline", deck, big);
	free(deck);
	int garbage = raw_connect(path);
	int sleeper = raw_connect(path);
	pump(p, NULL, 0, 1000, 5);
	CHECK(presenter_followers(p) == 2, "two connections");
	CHECK(send(garbage, "HELLO? ", 7, 0) == 7, "send garbage");
	pump(p, NULL, 0, 1100, 5);
	char ev[200] = "";
	presenter_take_event(p, ev, sizeof ev);
	CHECK(presenter_followers(p) == 1 && strstr(ev, "bad magic"),
	      "garbage closes that one connection, with a reason: '%s'", ev);
	/* the sleeper never reads: dropped once stalled long enough, and the
	 * presenter never waited for it */
	pump(p, NULL, 0, 1200, 3);
	CHECK(presenter_next_deadline(p, 1200) > 0, "a stalled follower has a "
	      "deadline");
	pump(p, NULL, 0, 1200 + PRESENT_STALL_MS + 10, 3);
	presenter_take_event(p, ev, sizeof ev);
	CHECK(presenter_followers(p) == 0 && strstr(ev, "stopped reading"),
	      "the sleeper is dropped: '%s'", ev);
	close(garbage);
	close(sleeper);
	/* another user, where the test may become one: the socket is opened
	 * to everyone here so that only the uid check stands in the way */
	if (geteuid() == 0) {
		chmod(dir, 0755);
		chmod(path, 0666);
		/* the other user is this program again, started afresh (so
		 * that under valgrind it holds none of this process's memory) */
		pid_t pid = fork();
		if (pid == 0) {
			execl(self, self, "--connect-as-nobody", path, (char *)NULL);
			_exit(5);
		}
		for (int i = 0; i < 50; i++)
			pump(p, NULL, 0, 9000, 1);
		int status = 0;
		waitpid(pid, &status, 0);
		presenter_take_event(p, ev, sizeof ev);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		      strstr(ev, "uid 65534"), "another uid is refused: status "
		      "%d, '%s'", status, ev);
		chmod(dir, 0700);
	}
	presenter_free(p);
}

static void test_channel(void)
{
	char *path, *d;
	struct lt_error err;
	char rt[300];
	snprintf(rt, sizeof rt, "%s/runtime", dir);
	mkdir(rt, 0700);
	setenv("XDG_RUNTIME_DIR", rt, 1);
	path = channel_path_for("talks/monday.md", true, &err);
	CHECK(path && strcmp(path, "talks/monday.md") == 0, "a path stays");
	free(path);
	path = channel_path_of_deck("talks/monday.md", true, &err);
	char want[400];
	snprintf(want, sizeof want, "%s/lectern/monday.sock", rt);
	CHECK(path && strcmp(path, want) == 0, "NAME.sock: %s", path);
	free(path);
	struct stat st;
	snprintf(want, sizeof want, "%s/lectern", rt);
	CHECK(stat(want, &st) == 0 && (st.st_mode & 0777) == 0700,
	      "the directory is 0700");
	chmod(want, 0755);
	d = channel_dir(false, &err);
	CHECK(!d && strstr(err.what, "0700"), "an open directory is refused: %s",
	      err.what);
	free(d);
	chmod(want, 0700);
	CHECK(!channel_find(&err) && strstr(err.what, "no presenter"),
	      "no presenter: %s", err.what);
	unsetenv("XDG_RUNTIME_DIR");
}

/* The other user's side of test_bad_followers: connect as nobody and
 * expect the presenter to hang up. Exit 0 when it does. */
static int connect_as_nobody(const char *path)
{
	if (setgid(65534) != 0 || setuid(65534) != 0)
		return 2;
	int fd = channel_connect(path);
	if (fd < 0)
		return 3;
	fcntl(fd, F_SETFL, 0);
	char c;
	struct timeval tv = { 5, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return recv(fd, &c, 1, 0) == 0 ? 0 : 4;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--connect-as-nobody") == 0)
		return connect_as_nobody(argv[2]);
	check_wrap(argc, argv);
	self = argv[0];
	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(dir))
		return 2;
	test_round_trip();
	test_step_zero_is_all();
	test_malformed();
	test_presenter();
	test_bad_followers();
	test_channel();
	check_rmtree(dir);
	return check_done();
}
