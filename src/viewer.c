/* viewer.c — the presenting loop: locale and terminal checks, signals that
 * end the show cleanly (SIGTERM, SIGHUP when an SSH link drops, SIGINT),
 * fatal signals that still restore the terminal, and keys in, frames out.
 * Around the loop, the session (session.c): where to start and what to go
 * on with before it; the rehearsal record and where the talk was left
 * written after it, from here and never from a signal handler. */
#include "lectern/viewer.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lectern/app.h"
#include "lectern/audience.h"
#include "lectern/channel.h"
#include "lectern/console.h"
#include "lectern/export.h"
#include "lectern/layout.h"
#include "lectern/opening.h"
#include "lectern/screen.h"
#include "lectern/session.h"
#include "lectern/show.h"
#include "lectern/source.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

/* One line on stderr, made inert. */
static void say(const char *what)
{
	char *shown = text_display(what, strlen(what));
	fprintf(stderr, "lectern: %s\n", shown);
	free(shown);
}

static volatile sig_atomic_t stop_signal, resized, suspended;

/* The self-pipe: a signal handler writes a byte, so that the loop's poll
 * wakes at once whatever curses is doing with the terminal. */
static int wake_fds[2] = { -1, -1 };

static void wake(void)
{
	int saved = errno;
	if (wake_fds[1] >= 0 && write(wake_fds[1], "", 1) < 0) {
		/* full: the loop is awake already */
	}
	errno = saved;
}

static void on_stop(int sig)
{
	stop_signal = sig;
	wake();
}

/* Ours rather than curses': curses' handler can drop a resize that comes
 * while it is drawing. */
static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
	wake();
}

/* A SIGTSTP sent from outside (the tty sends none: its keys come raw)
 * suspends as ^Z does. Ours, not curses': curses' handler would end the
 * window with the modes it took for the shell's (screen.c). */
static void on_tstp(int sig)
{
	(void)sig;
	suspended = 1;
	wake();
}

static void on_fatal(int sig)
{
	screen_emergency_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool install_signals(void)
{
	if (pipe2(wake_fds, O_NONBLOCK | O_CLOEXEC) != 0)
		return false;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return true;
}

static void drain_wake_pipe(void)
{
	char buf[64];
	while (read(wake_fds[0], buf, sizeof buf) > 0)
		;
}

/* The loop's clock: the only place lectern reads the time. */
static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool viewer_utf8_locale(char *err, size_t errlen)
{
	/* only the character type matters here; loading every category
	 * costs a dozen file opens before the first screen */
	setlocale(LC_CTYPE, "");
	if (codeset_is_utf8())
		return true;
	/* common over SSH when LANG is not forwarded: use C.UTF-8 */
	static const char *fallbacks[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks; i++)
		if (setlocale(LC_CTYPE, fallbacks[i]) && codeset_is_utf8())
			return true;
	snprintf(err, errlen, "the locale is not UTF-8 and this system has no "
		 "C.UTF-8: set LANG to a UTF-8 locale (e.g. LANG=en_US.UTF-8)");
	return false;
}

static void draw(struct screen *scr, const struct show *s)
{
	struct frame f;
	s->frame(s->ctx, &f);
	screen_draw(scr, &f);
	frame_free(&f);
	if (s->drawn)
		s->drawn(s->ctx);
}

/* Sets the styles for the terminal's background as now known (theme
 * auto): the first time (*shown is -1) and whenever the shade changes;
 * true then. */
static bool restyle(struct screen *scr, const struct config *cfg,
		    const struct config *mono, int *shown)
{
	enum termbg_shade now = termbg_decide(screen_background(scr),
					      getenv("COLORFGBG"));
	if ((int)now == *shown)
		return false;
	*shown = (int)now;
	struct config themed = *cfg;
	config_theme_resolve(&themed, now);
	screen_set_styles(scr, themed.styles, mono->styles);
	return true;
}

/* A terminal that hung up: poll says its descriptor is ready, and reading
 * it gives nothing, for ever. */
#define EMPTY_READS_MAX 100
#define MAX_SHOW_FDS 300

int viewer_loop(const struct show *s, const struct config *cfg)
{
	char err[256];
	if (!isatty(STDOUT_FILENO)) {
		fprintf(stderr, "lectern: standard output is not a terminal; to "
			"write the slides as text use --export text\n");
		return 3;
	}
	if (!viewer_utf8_locale(err, sizeof err)) {
		fprintf(stderr, "lectern: %s\n", err);
		return 3;
	}
	/* without colours: the mono theme, keeping attribute overrides */
	struct config mono = *cfg;
	config_set_theme(&mono, "mono");
	for (int i = 0; i < FS_COUNT; i++)
		mono.styles[i].fg = mono.styles[i].bg = COLOR_NONE;
	if (!install_signals()) {
		fprintf(stderr, "lectern: cannot make a pipe: %s\n", strerror(errno));
		return 3;
	}
	struct screen *scr = screen_open(cfg->ambiguous == 2,
					 config_theme_is_auto(cfg), err, sizeof err);
	if (!scr) {
		say(err);
		return 3;
	}
	/* theme auto: light or dark after the terminal's background, which
	 * may be known only after the first frame */
	int shade = -1;
	restyle(scr, cfg, &mono, &shade);
	int w, h;
	screen_size(scr, &w, &h);
	s->resize(s->ctx, w, h);
	s->tick(s->ctx, wall_ms());
	draw(scr, s);
	/* One loop over the terminal, the self-pipe and the show's own
	 * descriptors, waiting until the frame next changes by itself (the
	 * clock) or forever: an idle viewer with no time on screen makes no
	 * wake-ups at all. */
	int empty_reads = 0;
	struct pollfd fds[2 + MAX_SHOW_FDS];
	while (!s->quit(s->ctx) && !stop_signal) {
		int64_t wait = s->next_change(s->ctx);
		fds[0] = (struct pollfd){ .fd = screen_input_fd(scr), .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = wake_fds[0], .events = POLLIN };
		size_t nshow = s->pollfds ? s->pollfds(s->ctx, fds + 2, MAX_SHOW_FDS) : 0;
		/* keys curses holds already (typed while the terminal was
		 * asked its background) wake no poll */
		bool held = screen_keys_held(scr);
		int r = poll(fds, 2 + nshow, held ? 0 : wait < 0 ? -1 :
			     wait > INT_MAX ? INT_MAX : (int)wait + 1);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0 && fds[1].revents)
			drain_wake_pipe();
		if (stop_signal)
			break;
		s->tick(s->ctx, wall_ms());
		bool dirty = r == 0; /* the deadline came */
		if (s->service && s->service(s->ctx, fds + 2, r > 0 ? nshow : 0))
			dirty = true;
		if (resized) {
			resized = 0;
			screen_resize(scr);
			screen_size(scr, &w, &h);
			s->resize(s->ctx, w, h);
			screen_forget(scr);
			dirty = true;
		}
		if (suspended) {
			suspended = 0;
			screen_suspend(scr);
			dirty = true;
		}
		if ((r > 0 && fds[0].revents) || held) {
			int key, got = 0;
			while (!s->quit(s->ctx) && (key = screen_read_key(scr, 0)) >= 0) {
				got++;
				if (key == KEY_RESIZE_) {
					screen_size(scr, &w, &h);
					s->resize(s->ctx, w, h);
					screen_forget(scr);
				} else {
					s->key(s->ctx, key);
				}
				if (s->take_suspend(s->ctx))
					screen_suspend(scr);
			}
			dirty |= got > 0;
			empty_reads = got ? 0 : empty_reads + 1;
			if ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) ||
			    empty_reads > EMPTY_READS_MAX) {
				stop_signal = SIGHUP;
				break;
			}
		}
		if (config_theme_is_auto(cfg) && restyle(scr, cfg, &mono, &shade))
			dirty = true;
		if (dirty && !s->quit(s->ctx))
			draw(scr, s);
	}
	screen_close(scr);
	int rd = wake_fds[0], wr = wake_fds[1];
	wake_fds[0] = wake_fds[1] = -1;
	close(rd);
	close(wr);
	return stop_signal ? 128 + stop_signal : 0;
}

/* ---- the slides ------------------------------------------------------ */

static void app_show_resize(void *ctx, int w, int h)
{
	app_resize(ctx, w, h);
}

static void app_show_key(void *ctx, int key)
{
	app_key(ctx, key);
}

static void app_show_tick(void *ctx, int64_t now)
{
	app_tick(ctx, now);
}

static int64_t app_show_next(void *ctx)
{
	return app_next_change(ctx);
}

static void app_show_frame(void *ctx, struct frame *f)
{
	app_frame(ctx, f);
}

static bool app_show_quit(void *ctx)
{
	return ((struct app *)ctx)->quit;
}

static bool app_show_suspend(void *ctx)
{
	struct app *a = ctx;
	bool s = a->suspend;
	a->suspend = false;
	return s;
}

void viewer_app_show(struct app *a, struct show *s)
{
	*s = (struct show){ a, app_show_resize, app_show_key, app_show_tick,
			    app_show_next, app_show_frame, app_show_quit,
			    app_show_suspend, NULL, NULL, NULL };
}

/* The app's settings from the config; reload reads the deck as it was
 * read (format, encoding), and the config's problems go to the app. The
 * app opens at slide `start` (1-based) with the talk settings ts. */
static void app_settings_of(const struct config *cfg,
			    const struct deck_format *format,
			    const char *encoding,
			    const struct config_diags *problems,
			    unsigned long start, const struct talk_settings *ts,
			    struct app_settings *set)
{
	*set = (struct app_settings){ cfg->footer, cfg->reveal_points,
				      start, deck_load_encoded, format,
				      encoding, problems ? problems->lines : NULL,
				      problems ? problems->n : 0, ts };
}

/* ---- the talk's state on disk ---------------------------------------- */

/* Where to start, before the app exists: --start, else where the talk
 * was left (session.c). Returns the 1-based slide to open at. */
static unsigned long begin_session(struct session *ses, const struct deck *d,
				   const struct config *cfg)
{
	char first_key[32] = "g";
	if (cfg->keys.nkeys[KM_SLIDE][ACT_FIRST])
		keycode_name(cfg->keys.keys[KM_SLIDE][ACT_FIRST][0], first_key,
			     sizeof first_key);
	struct session_opts so = { cfg->resume, cfg->force_resume,
				   cfg->start_given, cfg->rehearse, cfg->plan,
				   first_key };
	session_begin(ses, &so, d, wall_ms());
	return ses->resumed != RESUME_NONE ? ses->was.slide + 1 : cfg->start;
}

/* The session's decisions into the app, before the first frame: the plan,
 * the timer and the rehearsal to go on with, and the notice. */
static void begin_talk(struct app *a, struct session *ses)
{
	app_tick(a, wall_ms());
	int64_t now = a->now_ms;
	struct talk *t = &a->talk;
	if (ses->plan && !talk_plan_by(t, ses->plan))
		sb_printf(&ses->warnings, "--plan: that rehearsal has %zu slides "
			  "and this deck %zu, or no time: planning by content\n",
			  ses->plan->n, t->nslides);
	if (ses->resumed == RESUME_TALK)
		talk_restore(t, ses->was.timer_started, ses->was.timer_running,
			     ses->was.elapsed_ms, ses->was.duration_ms, now);
	if (ses->record) {
		talk_adopt_record(t, ses->record, now);
		ses->record = NULL;
	}
	/* the notice, else the first problem with a state file unless the
	 * config's problems are being counted, in the status line (all of
	 * them go to stderr at the end) */
	const char *w = ses->warnings.data;
	if (ses->notice[0])
		snprintf(a->message, sizeof a->message, "%s", ses->notice);
	else if (w && *w && !a->message[0])
		snprintf(a->message, sizeof a->message, "%.*s",
			 (int)strcspn(w, "\n"), w);
}

/* After the loop, which returned rc: the record and where the talk was
 * left, on disk, from here and never from a signal handler; the summary
 * on standard output (unless the terminal hung up) and problems on
 * standard error. Nothing is written when the loop never ran (rc 3: no
 * usable terminal). */
static void end_talk(struct app *a, struct session *ses,
		     const struct config *cfg, int rc)
{
	int sig = rc > 128 ? rc - 128 : 0;
	if (rc != 0 && !sig)
		return;
	int64_t now = wall_ms();
	struct talk *t = &a->talk;
	struct session_end e = {
		.slide = a->slide,
		.quit = sig == 0,
		.now = now,
		.timer_started = t->timer.started,
		.timer_running = t->timer.running,
		.elapsed_ms = talk_elapsed(t, now),
		.duration_ms = t->duration_ms,
		.record = talk_settle(t, now),
		.deck = a->deck,
		.ix = &a->ix,
		.ambiguous = cfg->ambiguous,
	};
	struct strbuf summary = STRBUF_INIT;
	session_end(ses, &e, &summary);
	if (summary.len && sig != SIGHUP) {
		fwrite(summary.data, 1, summary.len, stdout);
		fflush(stdout);
	}
	for (const char *l = ses->warnings.data; l && *l;) {
		size_t len = strcspn(l, "\n");
		char *shown = text_display(l, len);
		fprintf(stderr, "lectern: %s\n", shown);
		free(shown);
		l += len + (l[len] ? 1 : 0);
	}
	sb_free(&summary);
}


/* Sets up the app for a deck as the settings and the session say: the
 * slide to start on, the talk's timer, the record being resumed. */
static void start_app(struct app *a, struct session *ses, struct deck *deck,
		      const char *path, const struct deck_format *format,
		      const char *encoding, const struct config *cfg,
		      const struct config_diags *problems)
{
	unsigned long start = begin_session(ses, deck, cfg);
	struct layout_opts lo;
	config_layout_opts(cfg, 80, &lo);
	struct talk_settings ts;
	config_talk_settings(cfg, &ts);
	struct app_settings set;
	app_settings_of(cfg, format, encoding, problems, start, &ts, &set);
	app_init(a, deck, path, &lo, &cfg->keys, &set);
	begin_talk(a, ses);
}

int viewer_run(struct deck *deck, const char *path,
	       const struct deck_format *format, const char *encoding,
	       const struct config *cfg, const struct config_diags *problems)
{
	struct session ses;
	struct app a;
	start_app(&a, &ses, deck, path, format, encoding, cfg, problems);
	struct show s;
	viewer_app_show(&a, &s);
	int rc = viewer_loop(&s, cfg);
	end_talk(&a, &ses, cfg, rc);
	app_free(&a);
	session_free(&ses);
	return rc;
}

/* ---- a large deck, read while its title page is up ------------------- */

/* Decks up to this size are read before the first screen, as every
 * deck was: that takes a few milliseconds, and a deck that cannot be
 * read is reported before the terminal is taken. */
#define READ_FIRST_MAX ((off_t)128 * 1024)

struct arrival {
	struct app *a;
	const struct config *cfg;
	struct session ses;
	bool begun; /* the deck is in and the talk has begun */
};

/* The deck is in: the session decides where to start (--start, or where
 * the talk was left), and the talk begins as viewer_run begins it. */
static void deck_arrived(void *ctx, struct deck *d)
{
	struct arrival *ar = ctx;
	unsigned long start = begin_session(&ar->ses, d, ar->cfg);
	app_set_deck(ar->a, d, start > 1 ? start - 1 : 0);
	begin_talk(ar->a, &ar->ses);
	ar->begun = true;
}

int viewer_run_file(const char *path, const struct deck_format *format,
		    const char *encoding, const struct config *cfg,
		    const struct config_diags *problems, struct lt_error *err)
{
	struct stat st;
	if (!isatty(STDOUT_FILENO) || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_size <= READ_FIRST_MAX) {
		struct deck *d;
		if (!deck_load_encoded(path, format, encoding, &d, err))
			return 2;
		return viewer_run(d, path, format, encoding, cfg, problems);
	}
	struct deck *head = deck_load_head(path, format, encoding);
	if (!head)
		head = deck_new(); /* nothing certain: an empty title page */
	struct layout_opts lo;
	config_layout_opts(cfg, 80, &lo);
	struct talk_settings ts;
	config_talk_settings(cfg, &ts);
	struct app_settings set;
	app_settings_of(cfg, format, encoding, problems, 0, &ts, &set);
	struct app a;
	app_init(&a, head, path, &lo, &cfg->keys, &set);
	struct arrival ar = { .a = &a, .cfg = cfg };
	struct show inner, s;
	viewer_app_show(&a, &inner);
	struct opening *o = opening_new(&inner, &a, path, format, encoding,
					deck_arrived, &ar);
	opening_show(o, &s);
	int rc = viewer_loop(&s, cfg);
	if (opening_failed(o, err))
		rc = 2;
	opening_free(o);
	if (ar.begun) {
		end_talk(&a, &ar.ses, cfg, rc);
		session_free(&ar.ses);
	}
	app_free(&a);
	return rc;
}

/* ---- the presenter's console and the audience view ------------------- */

/* The deck as followers get it: as Markdown, which reads back to the same
 * deck, with its speaker notes left out. */
static char *followers_deck(const struct deck *d, size_t *n,
			    const char **format)
{
	struct strbuf sb = STRBUF_INIT;
	export_markdown_public(&sb, d);
	*format = "markdown";
	*n = sb.len;
	return sb_take(&sb);
}

int viewer_present(struct deck *deck, const char *path,
		   const struct deck_format *format, const char *encoding,
		   const struct config *cfg, const struct config_diags *problems,
		   const char *socket)
{
	struct lt_error err;
	char *sock = socket ? channel_path_for(socket, true, &err) :
		     channel_path_of_deck(strcmp(path, "-") == 0 ? "stdin" : path,
					  true, &err);
	if (!sock) {
		deck_free(deck);
		say(err.what);
		return 3;
	}
	struct session ses;
	struct app a;
	start_app(&a, &ses, deck, path, format, encoding, cfg, problems);
	struct console *c = console_new(&a, sock, followers_deck, &err);
	free(sock);
	if (!c) {
		app_free(&a);
		session_free(&ses);
		say(err.what);
		return 3;
	}
	struct show s;
	console_show(c, &s);
	int rc = viewer_loop(&s, cfg);
	console_free(c);
	end_talk(&a, &ses, cfg, rc);
	app_free(&a);
	session_free(&ses);
	return rc;
}

int viewer_follow(const char *socket, const struct config *cfg)
{
	char *path = NULL;
	if (socket) {
		struct lt_error err;
		path = channel_path_for(socket, false, &err);
		if (!path) {
			say(err.what);
			return 3;
		}
	}
	struct audience *v = audience_new(path, cfg);
	free(path);
	struct show s;
	audience_show(v, &s);
	int rc = viewer_loop(&s, cfg);
	audience_free(v);
	return rc;
}
