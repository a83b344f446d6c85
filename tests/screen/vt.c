/* vt.c — pseudo-terminal plus libvterm, for screen tests and benchmarks. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *t = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
		t->title_sets++;
	return 1;
}

static const VTermScreenCallbacks callbacks = {
	.settermprop = settermprop,
};

/* An answer from the terminal to the program: at once, or kept back. */
static void answer(struct vt *t, const char *bytes, size_t n)
{
	if (t->drop_replies)
		return;
	if (t->hold_replies) {
		if (t->nheld + n > t->heldcap) {
			t->heldcap = (t->nheld + n) * 2;
			t->held = realloc(t->held, t->heldcap);
		}
		memcpy(t->held + t->nheld, bytes, n);
		t->nheld += n;
		return;
	}
	if (write(t->fd, bytes, n) < 0) {
		/* the program is gone */
	}
}

/* libvterm answers DA1 and the like but not OSC 11 (it does not know a
 * background colour): this terminal answers it with bg_reply. */
static void osc_query(struct vt *t, const char *body, size_t n)
{
	if (n != 4 || memcmp(body, "11;?", 4) != 0)
		return;
	t->bg_queries++;
	if (t->typed_at_query && write(t->fd, t->typed_at_query,
				       strlen(t->typed_at_query)) < 0)
		return;
	if (!t->bg_reply)
		return;
	/* sent with the other answers to what this read brought */
	int len = snprintf(t->pending + t->npending,
			   sizeof t->pending - t->npending, "\033]11;%s%s",
			   t->bg_reply, t->bg_end ? t->bg_end : "\033\\");
	if (len > 0 && (size_t)len < sizeof t->pending - t->npending)
		t->npending += (size_t)len;
}

#if VTERM_VERSION_MAJOR == 0 && VTERM_VERSION_MINOR < 2
static int on_osc(const char *command, size_t cmdlen, void *user)
{
	osc_query(user, command, cmdlen);
	return 1;
}
#else
/* libvterm 0.2 on gives the command's number and its string in pieces */
static int on_osc(int command, VTermStringFragment frag, void *user)
{
	static char buf[64];
	static size_t n;
	if (frag.initial)
		n = 0;
	for (size_t i = 0; i < frag.len && n < sizeof buf; i++)
		buf[n++] = frag.str[i];
	if (frag.final && command == 11) {
		char body[80];
		int len = snprintf(body, sizeof body, "11;%.*s", (int)n, buf);
		osc_query(user, body, (size_t)len);
	}
	return 1;
}
#endif

static const VTermParserCallbacks fallbacks = {
	.osc = on_osc,
};

bool vt_spawn(struct vt *t, int cols, int rows, const char *term,
	      char *const argv[])
{
	return vt_spawn_locale(t, cols, rows, term, NULL, "C.UTF-8", argv);
}

bool vt_spawn_locale(struct vt *t, int cols, int rows, const char *term,
		     const char *lc_all, const char *lang, char *const argv[])
{
	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	t->status = -1;
	t->cursor_visible = true;
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };
	pid_t pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (term)
			setenv("TERM", term, 1);
		else
			unsetenv("TERM");
		setenv("LANG", lang, 1);
		if (lc_all)
			setenv("LC_ALL", lc_all, 1);
		else
			unsetenv("LC_ALL");
		unsetenv("LC_CTYPE");
		unsetenv("NO_COLOR");
		unsetenv("COLORFGBG"); /* the tests' terminal says what it is */
		execv(argv[0], argv);
		_exit(127);
	}
	t->pid = pid;
	fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	t->vs = vterm_obtain_screen(t->vt);
	vterm_screen_set_callbacks(t->vs, &callbacks, t);
	vterm_screen_set_unrecognised_fallbacks(t->vs, &fallbacks, t);
	vterm_screen_enable_altscreen(t->vs, 1);
	vterm_screen_reset(t->vs, 1);
	return true;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads once, waiting up to ms; false when nothing came. */
static bool read_some(struct vt *t, int ms)
{
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	if (poll(&p, 1, ms) <= 0)
		return false;
	char buf[65536];
	ssize_t n = read(t->fd, buf, sizeof buf);
	if (n <= 0)
		return false;
	t->bytes += (size_t)n;
	if (t->logging) {
		if (t->loglen + (size_t)n > t->logcap) {
			t->logcap = (t->loglen + (size_t)n) * 2;
			t->log = realloc(t->log, t->logcap);
		}
		memcpy(t->log + t->loglen, buf, (size_t)n);
		t->loglen += (size_t)n;
	}
	vterm_input_write(t->vt, buf, (size_t)n);
	/* answer what it asked (device attributes and the like), all the
	 * answers to one read at once, in order, as terminals do */
	size_t o;
	while ((o = vterm_output_read(t->vt, t->pending + t->npending,
				      sizeof t->pending - t->npending)) > 0)
		t->npending += o;
	if (t->npending)
		answer(t, t->pending, t->npending);
	t->npending = 0;
	return true;
}

void vt_release_replies(struct vt *t, int pieces, int pause_ms)
{
	size_t at = 0, n = t->nheld;
	t->hold_replies = t->drop_replies = false;
	if (pieces < 1)
		pieces = 1;
	for (int i = 0; i < pieces && at < n; i++) {
		size_t end = i == pieces - 1 ? n : n * (size_t)(i + 1) / (size_t)pieces;
		if (end > at && write(t->fd, t->held + at, end - at) < 0)
			break;
		at = end;
		if (i < pieces - 1)
			vt_pump(t, pause_ms, pause_ms);
	}
	t->nheld = 0;
}

void vt_pump(struct vt *t, int ms, int quiet_ms)
{
	long end = now_ms() + ms;
	while (now_ms() < end) {
		long left = end - now_ms();
		if (!read_some(t, (int)(left < quiet_ms ? left : quiet_ms)))
			return;
	}
}

void vt_pump_reply(struct vt *t, int first_ms, int ms, int quiet_ms)
{
	if (read_some(t, first_ms))
		vt_pump(t, ms, quiet_ms);
}

char *vt_row(struct vt *t, int row)
{
	char *s = malloc((size_t)t->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1);
	size_t n = 0, keep = 0;
	for (int col = 0; col < t->cols; col++) {
		VTermScreenCell c;
		VTermPos pos = { row, col };
		vterm_screen_get_cell(t->vs, pos, &c);
		if (c.chars[0] == (uint32_t)-1)
			continue; /* the right half of a wide character */
		if (c.chars[0] == 0) {
			s[n++] = ' ';
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i]; i++) {
			uint32_t cp = c.chars[i];
			if (cp < 0x80) {
				s[n++] = (char)cp;
			} else if (cp < 0x800) {
				s[n++] = (char)(0xC0 | (cp >> 6));
				s[n++] = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				s[n++] = (char)(0xE0 | (cp >> 12));
				s[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				s[n++] = (char)(0x80 | (cp & 0x3F));
			} else {
				s[n++] = (char)(0xF0 | (cp >> 18));
				s[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
				s[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				s[n++] = (char)(0x80 | (cp & 0x3F));
			}
		}
		keep = n;
	}
	s[keep] = '\0';
	return s;
}

char *vt_screen(struct vt *t)
{
	size_t cap = 1, n = 0;
	char *all = malloc(1);
	all[0] = '\0';
	for (int r = 0; r < t->rows; r++) {
		char *row = vt_row(t, r);
		size_t rl = strlen(row);
		all = realloc(all, cap + rl + 1);
		cap += rl + 1;
		memcpy(all + n, row, rl);
		n += rl;
		all[n++] = '\n';
		all[n] = '\0';
		free(row);
	}
	return all;
}

bool vt_footer_has(struct vt *t, const char *s)
{
	char *f = vt_row(t, t->rows - 1);
	bool r = strstr(f, s) != NULL;
	free(f);
	return r;
}

bool vt_go(struct vt *t, const char *keys, const char *s)
{
	vt_send(t, keys);
	for (int i = 0; i < 150; i++) {
		vt_pump(t, 20, 10);
		if (vt_footer_has(t, s))
			return true;
	}
	char *f = vt_row(t, t->rows - 1);
	fprintf(stderr, "  the status line reads '%s', not '%s'\n", f, s);
	free(f);
	return false;
}

bool vt_contains(struct vt *t, const char *needle)
{
	char *s = vt_screen(t);
	bool found = strstr(s, needle) != NULL;
	free(s);
	return found;
}

/* Pumps until the screen holds needle (or, !present, no longer does) and
 * lacks unless (NULL: no such condition); false after timeout_ms. */
static bool wait_screen(struct vt *t, const char *needle, bool present,
			const char *unless, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	for (;;) {
		if (vt_contains(t, needle) == present &&
		    !(unless && vt_contains(t, unless)))
			return true;
		if (now_ms() >= end)
			return false;
		read_some(t, 20);
	}
}

bool vt_wait_for(struct vt *t, const char *needle, int timeout_ms)
{
	return wait_screen(t, needle, true, NULL, timeout_ms);
}

bool vt_wait_loaded(struct vt *t, int timeout_ms)
{
	/* "1/…" is the head shown while the rest loads */
	return wait_screen(t, "/", true, "/\xE2\x80\xA6", timeout_ms);
}

bool vt_wait_gone(struct vt *t, const char *needle, int timeout_ms)
{
	return wait_screen(t, needle, false, NULL, timeout_ms);
}

void vt_send(struct vt *t, const char *bytes)
{
	size_t n = strlen(bytes);
	while (n) {
		ssize_t w = write(t->fd, bytes, n);
		if (w < 0) {
			if (errno == EAGAIN) {
				read_some(t, 5);
				continue;
			}
			return;
		}
		bytes += w;
		n -= (size_t)w;
	}
}

void vt_resize(struct vt *t, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	ioctl(t->fd, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH */
}

bool vt_cell(struct vt *t, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = { row, col };
	return vterm_screen_get_cell(t->vs, pos, cell) != 0;
}

int vt_wait_exit(struct vt *t, int timeout_ms)
{
	if (t->status >= 0)
		return t->status;
	long end = now_ms() + timeout_ms;
	for (;;) {
		read_some(t, 10);
		int st;
		struct rusage ru;
		pid_t r = wait4(t->pid, &st, WNOHANG, &ru);
		if (r == t->pid) {
			t->maxrss_kib = ru.ru_maxrss;
			vt_pump(t, 100, 20);
			t->status = WIFEXITED(st) ? WEXITSTATUS(st)
						  : 128 + WTERMSIG(st);
			return t->status;
		}
		if (now_ms() >= end)
			return -1;
	}
}

void vt_log_start(struct vt *t)
{
	t->logging = true;
	t->loglen = 0;
}

void vt_close(struct vt *t)
{
	free(t->log);
	free(t->held);
	if (t->status < 0 && t->pid > 0) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, NULL, 0);
	}
	if (t->fd >= 0)
		close(t->fd);
	if (t->vt)
		vterm_free(t->vt);
	memset(t, 0, sizeof *t);
}
