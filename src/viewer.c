/* viewer.c — the presenting loop: locale and terminal checks, signals that
 * end the show cleanly (SIGTERM, SIGHUP when an SSH link drops, SIGINT),
 * fatal signals that still restore the terminal, and keys in, frames out. */
#include "lectern/viewer.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern/app.h"
#include "lectern/layout.h"
#include "lectern/screen.h"
#include "lectern/text.h"

static volatile sig_atomic_t stop_signal, resized;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* Ours rather than curses': without SA_RESTART a wait for a key ends at
 * once, so a resize is never left waiting for the next key. */
static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void on_fatal(int sig)
{
	screen_emergency_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop; /* no SA_RESTART: a wait for a key ends */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
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

static void draw(struct screen *scr, struct app *a)
{
	struct frame f;
	app_frame(a, &f);
	screen_draw(scr, &f);
	frame_free(&f);
}

int viewer_run(struct deck *deck, const char *path,
	       const struct deck_format *format, const struct config *cfg)
{
	char err[256];
	if (!isatty(STDOUT_FILENO)) {
		fprintf(stderr, "lectern: standard output is not a terminal; to "
			"write the slides as text use --export text\n");
		deck_free(deck);
		return 3;
	}
	if (!viewer_utf8_locale(err, sizeof err)) {
		fprintf(stderr, "lectern: %s\n", err);
		deck_free(deck);
		return 3;
	}
	struct layout_opts lo;
	layout_opts_default(&lo, 80);
	if (cfg->margin >= 0)
		lo.margin = cfg->margin;
	lo.side_by_side = cfg->side_by_side;
	lo.ambiguous = cfg->ambiguous;
	lo.numbering = (int)cfg->numbering;
	lo.contents = deck->contents_label;
	struct app_settings set = { cfg->footer, cfg->reveal_points, cfg->start,
				    deck_load, format };
	struct app a;
	app_init(&a, deck, path, &lo, &cfg->keys, &set);
	/* without colours: the mono theme, keeping attribute overrides */
	struct config mono = *cfg;
	config_set_theme(&mono, "mono");
	for (int i = 0; i < FS_COUNT; i++)
		mono.styles[i].fg = mono.styles[i].bg = COLOR_NONE;
	install_signals();
	struct screen *scr = screen_open(cfg->styles, mono.styles,
					 cfg->ambiguous == 2, err, sizeof err);
	if (!scr) {
		app_free(&a);
		char *shown = text_display(err, strlen(err));
		fprintf(stderr, "lectern: %s\n", shown);
		free(shown);
		return 3;
	}
	int w, h;
	screen_size(scr, &w, &h);
	app_resize(&a, w, h);
	draw(scr, &a);
	bool clock = app_wants_clock(&a);
	time_t last_minute = time(NULL) / 60;
	while (!a.quit && !stop_signal) {
		/* a short wait: curses may restart an interrupted read, so the
		 * flags set by signals are looked at every tenth of a second */
		int key = screen_read_key(scr, 100);
		if (stop_signal)
			break;
		if (resized) {
			resized = 0;
			screen_resize(scr);
			screen_size(scr, &w, &h);
			app_resize(&a, w, h);
			screen_forget(scr);
			draw(scr, &a);
		}
		if (key < 0) {
			time_t now = time(NULL);
			if (clock && now / 60 != last_minute) {
				last_minute = now / 60;
				draw(scr, &a); /* the minute has turned */
			}
			continue;
		}
		if (key == KEY_RESIZE_) {
			screen_size(scr, &w, &h);
			app_resize(&a, w, h);
			screen_forget(scr);
		} else if (key == 26) { /* C-z */
			screen_suspend(scr);
		} else {
			app_key(&a, key);
		}
		if (!a.quit)
			draw(scr, &a);
	}
	screen_close(scr);
	app_free(&a);
	return stop_signal ? 128 + stop_signal : 0;
}
