/* run_script.c — scripted tests of the app on its own, in the manner of
 * tmux's regress scripts: keys, sizes and time go in, the frame comes out
 * as text and is checked, with no terminal and no sleeps. Each argument is
 * a script; each line of a script is one command:
 *
 *   # a comment                  blank lines are skipped too
 *   set SECTION KEY = VALUE      a config line, applied at the next deck
 *   rehearse                     the next deck is rehearsed (--rehearse)
 *   end HH:MM                    the next deck's talk ends then (--end)
 *   deck PATH                    load PATH (relative to the script) afresh
 *   copy PATH                    load a private copy of PATH (for reload;
 *                                it keeps PATH's ending, and so its format)
 *   replace PATH                 overwrite that copy with PATH
 *   size W H                     the terminal's size (80 24 at first)
 *   time SECONDS                 the clock, in seconds since the epoch
 *   wait SECONDS                 the clock moves on
 *   key NAME ...                 keys by their config names (j, Space, C-c)
 *   type TEXT                    each character of TEXT as a key
 *   expect row N TEXT            row N (0-based; -1 is the last) reads TEXT
 *   expect contains TEXT         some row holds TEXT
 *   expect lacks TEXT            no row holds TEXT
 *   expect style TEXT STYLE      TEXT is drawn in STYLE (a [theme] name)
 *   expect slide N               slide N (1-based) is shown
 *   expect screen N              continuation screen N (1-based)
 *   expect mode NAME             slide, help, overview, black or search
 *   expect quit                  the app has asked to quit
 *   expect running               it has not
 *   expect next-change MS        app_next_change gives MS (-1: never)
 *   expect elapsed MS            the talk timer has run MS
 *   expect record N MS VISITS    the rehearsal holds MS and VISITS for
 *                                slide N (1-based), settled to now
 *   expect no-record             no rehearsal is being recorded
 *   dump                         prints the frame (while writing a test)
 *
 * TEXT is the rest of the line. A failed expectation prints the script's
 * file and line, what was expected and the frame. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/app.h"
#include "lectern/config.h"
#include "lectern/loader.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "lectern/timer.h"

struct run {
	const char *script;  /* its path, for messages */
	char dir[1024];      /* its directory, for relative paths */
	int line;
	struct app app;
	bool loaded;
	struct strbuf config; /* INI text from `set` */
	char copy[64];        /* the private copy's path, or "" */
	int width, height;
	int64_t now_ms;
	bool rehearse;        /* from `rehearse` */
	int end_minute;       /* from `end`; -1: none */
};

static void fail(struct run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void dump(struct run *r, FILE *to);

static void fail(struct run *r, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: FAIL: ", r->script, r->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	dump(r, stderr);
	check_failed++;
}

static void pass(void)
{
	check_passed++;
}

static char *path_of(struct run *r, const char *p)
{
	struct strbuf sb = STRBUF_INIT;
	if (p[0] == '/')
		sb_puts(&sb, p);
	else
		sb_printf(&sb, "%s/%s", r->dir, p);
	return sb_take(&sb);
}

static bool write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

static void load(struct run *r, const char *path)
{
	struct config cfg;
	struct config_diags diags = { 0 };
	config_default(&cfg);
	if (r->config.len)
		config_load_string(&cfg, "script", r->config.data, &diags);
	for (size_t i = 0; i < diags.n; i++)
		fail(r, "config: %s", diags.lines[i]);
	config_diags_free(&diags);
	struct deck *d;
	struct lt_error err;
	if (!deck_load(path, NULL, &d, &err)) {
		fail(r, "cannot load %s: %s", path, err.what);
		return;
	}
	if (r->loaded)
		app_free(&r->app);
	struct layout_opts lo;
	config_layout_opts(&cfg, r->width, &lo);
	cfg.rehearse = r->rehearse;
	cfg.end_minute = r->end_minute;
	struct talk_settings ts;
	config_talk_settings(&cfg, &ts);
	struct app_settings set = { cfg.footer, cfg.reveal_points, cfg.start,
				    deck_load_encoded, NULL, NULL, NULL, 0, &ts };
	app_init(&r->app, d, path, &lo, &cfg.keys, &set);
	app_resize(&r->app, r->width, r->height);
	app_tick(&r->app, r->now_ms);
	r->loaded = true;
}

static void dump(struct run *r, FILE *to)
{
	if (!r->loaded)
		return;
	struct frame f;
	app_frame(&r->app, &f);
	fprintf(to, "  frame %dx%d, slide %zu, screen %zu, mode %d:\n", f.width,
		f.height, r->app.slide + 1, r->app.screen + 1, (int)r->app.mode);
	for (int row = 0; row < f.height; row++) {
		char *t = frame_row_text(&f, row);
		fprintf(to, "  %3d|%s\n", row, t);
		free(t);
	}
	frame_free(&f);
}

/* Calls fn on each row's text until it returns true. */
static bool any_row(struct run *r, bool (*fn)(const char *row, void *ctx),
		    void *ctx)
{
	struct frame f;
	app_frame(&r->app, &f);
	bool found = false;
	for (int row = 0; row < f.height && !found; row++) {
		char *t = frame_row_text(&f, row);
		found = fn(t, ctx);
		free(t);
	}
	frame_free(&f);
	return found;
}

static bool row_has(const char *row, void *ctx)
{
	return strstr(row, ctx) != NULL;
}

static void trim_right(char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
}

static const char *const mode_names[] = {
	[MODE_SLIDE] = "slide", [MODE_HELP] = "help",
	[MODE_OVERVIEW] = "overview", [MODE_BLACK] = "black",
	[MODE_SEARCH] = "search",
};

/* The style TEXT is drawn in: the first span that holds it. */
static int style_of(struct run *r, const char *text)
{
	struct frame f;
	app_frame(&r->app, &f);
	int style = -1;
	for (size_t i = 0; i < f.nspans && style < 0; i++) {
		const struct fspan *sp = &f.spans[i];
		char *s = xstrndup(sp->text, sp->len);
		if (strstr(s, text))
			style = sp->style;
		free(s);
	}
	frame_free(&f);
	return style;
}

static void expect(struct run *r, char *what)
{
	char *rest = strchr(what, ' ');
	if (rest)
		*rest++ = '\0';
	else
		rest = what + strlen(what);
	struct app *a = &r->app;
	if (strcmp(what, "row") == 0) {
		char *text;
		long n = strtol(rest, &text, 10);
		if (*text == ' ')
			text++;
		struct frame f;
		app_frame(a, &f);
		int row = n < 0 ? f.height + (int)n : (int)n;
		char *got = frame_row_text(&f, row);
		frame_free(&f);
		trim_right(got);
		trim_right(text);
		if (strcmp(got, text) == 0)
			pass();
		else
			fail(r, "row %ld reads \"%s\", not \"%s\"", n, got, text);
		free(got);
	} else if (strcmp(what, "contains") == 0 || strcmp(what, "lacks") == 0) {
		bool want = what[0] == 'c';
		if (any_row(r, row_has, rest) == want)
			pass();
		else
			fail(r, "the frame %s \"%s\"", want ? "lacks" : "holds", rest);
	} else if (strcmp(what, "style") == 0) {
		char *name = strrchr(rest, ' ');
		if (!name) {
			fail(r, "expect style TEXT STYLE");
			return;
		}
		*name++ = '\0';
		int st = style_of(r, rest);
		if (st >= 0 && strcmp(config_element_name(st), name) == 0)
			pass();
		else
			fail(r, "\"%s\" is drawn as %s, not %s", rest,
			     st < 0 ? "nothing" : config_element_name(st), name);
	} else if (strcmp(what, "slide") == 0 || strcmp(what, "screen") == 0) {
		size_t want = strtoul(rest, NULL, 10);
		size_t got = (what[1] == 'l' ? a->slide : a->screen) + 1;
		if (got == want)
			pass();
		else
			fail(r, "%s %zu, not %zu", what, got, want);
	} else if (strcmp(what, "mode") == 0) {
		if (strcmp(mode_names[a->mode], rest) == 0)
			pass();
		else
			fail(r, "mode %s, not %s", mode_names[a->mode], rest);
	} else if (strcmp(what, "quit") == 0 || strcmp(what, "running") == 0) {
		if (a->quit == (what[0] == 'q'))
			pass();
		else
			fail(r, "quit is %s", a->quit ? "set" : "not set");
	} else if (strcmp(what, "next-change") == 0) {
		long long want = strtoll(rest, NULL, 10);
		long long got = (long long)app_next_change(a);
		if (got == want)
			pass();
		else
			fail(r, "next change in %lld ms, not %lld", got, want);
	} else if (strcmp(what, "elapsed") == 0) {
		long long want = strtoll(rest, NULL, 10);
		long long got = (long long)talk_elapsed(&a->talk, a->now_ms);
		if (got == want)
			pass();
		else
			fail(r, "the timer has run %lld ms, not %lld", got, want);
	} else if (strcmp(what, "record") == 0) {
		unsigned long n = 0, visits = 0;
		long long ms = 0;
		struct rehearsal *rec = talk_settle(&a->talk, a->now_ms);
		if (sscanf(rest, "%lu %lld %lu", &n, &ms, &visits) != 3 || n < 1) {
			fail(r, "expect record N MS VISITS");
		} else if (!rec || n > rec->n) {
			fail(r, "no record of slide %lu", n);
		} else if (rec->ms[n - 1] == ms && rec->visits[n - 1] == visits) {
			pass();
		} else {
			fail(r, "slide %lu: %lld ms and %u visits, not %lld and %lu",
			     n, (long long)rec->ms[n - 1], rec->visits[n - 1], ms,
			     visits);
		}
	} else if (strcmp(what, "no-record") == 0) {
		if (!a->talk.rec)
			pass();
		else
			fail(r, "a rehearsal is being recorded");
	} else {
		fail(r, "unknown expectation \"%s\"", what);
	}
}

static void keys(struct run *r, char *names)
{
	for (char *t = strtok(names, " "); t; t = strtok(NULL, " ")) {
		int k = keycode_parse(t);
		if (k < 0) {
			fail(r, "unknown key name \"%s\"", t);
			return;
		}
		app_key(&r->app, k);
	}
}

static void type(struct run *r, const char *s)
{
	size_t n = strlen(s), bad;
	if (!text_valid_utf8(s, n, &bad)) {
		fail(r, "type: not UTF-8");
		return;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)text_decode(s + i, n - i, &cp);
		app_key(&r->app, (int)cp);
	}
}

static void command(struct run *r, char *cmd)
{
	char *arg = strchr(cmd, ' ');
	if (arg)
		*arg++ = '\0';
	else
		arg = cmd + strlen(cmd);
	if (strcmp(cmd, "set") == 0) {
		char *key = strchr(arg, ' ');
		if (!key) {
			fail(r, "set SECTION KEY = VALUE");
			return;
		}
		*key++ = '\0';
		sb_printf(&r->config, "[%s]\n%s\n", arg, key);
		return;
	}
	if (strcmp(cmd, "rehearse") == 0) {
		r->rehearse = true;
		return;
	}
	if (strcmp(cmd, "end") == 0) {
		char err[128];
		if (!timer_parse_clock(arg, &r->end_minute, err, sizeof err))
			fail(r, "end: %s", err);
		return;
	}
	if (strcmp(cmd, "deck") == 0 || strcmp(cmd, "copy") == 0 ||
	    strcmp(cmd, "replace") == 0) {
		char *p = path_of(r, arg);
		if (cmd[0] == 'd') {
			load(r, p);
		} else {
			size_t n;
			char *data = check_read_file(p, &n);
			if (!r->copy[0]) {
				/* the copy keeps the name's ending: the
				 * loader picks the format by it */
				const char *dot = strrchr(p, '.');
				if (!dot || strchr(dot, '/') || strlen(dot) > 16)
					dot = "";
				snprintf(r->copy, sizeof r->copy,
					 "/tmp/lectern-app-XXXXXX%s", dot);
				int fd = mkstemps(r->copy, (int)strlen(dot));
				if (fd >= 0)
					close(fd);
			}
			if (!data || !write_file(r->copy, data, n))
				fail(r, "cannot copy %s", p);
			else if (cmd[0] == 'c')
				load(r, r->copy);
			free(data);
		}
		free(p);
		return;
	}
	if (strcmp(cmd, "size") == 0) {
		if (sscanf(arg, "%d %d", &r->width, &r->height) != 2) {
			fail(r, "size W H");
			return;
		}
		if (r->loaded)
			app_resize(&r->app, r->width, r->height);
		return;
	}
	if (strcmp(cmd, "time") == 0 || strcmp(cmd, "wait") == 0) {
		double s = strtod(arg, NULL);
		int64_t ms = (int64_t)(s * 1000);
		r->now_ms = cmd[0] == 't' ? ms : r->now_ms + ms;
		if (r->loaded)
			app_tick(&r->app, r->now_ms);
		return;
	}
	if (!r->loaded) {
		fail(r, "\"%s\" before a deck", cmd);
		return;
	}
	if (strcmp(cmd, "key") == 0)
		keys(r, arg);
	else if (strcmp(cmd, "type") == 0)
		type(r, arg);
	else if (strcmp(cmd, "expect") == 0)
		expect(r, arg);
	else if (strcmp(cmd, "dump") == 0)
		dump(r, stdout);
	else
		fail(r, "unknown command \"%s\"", cmd);
}

static void run_script(const char *path)
{
	struct run r = { .script = path, .width = 80, .height = 24,
			 .end_minute = -1 };
	snprintf(r.dir, sizeof r.dir, "%s", path);
	char *slash = strrchr(r.dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(r.dir, sizeof r.dir, ".");
	size_t n;
	char *text = check_read_file(path, &n);
	if (!text) {
		fprintf(stderr, "%s: cannot read\n", path);
		check_failed++;
		return;
	}
	for (char *l = text; l && *l;) {
		char *end = strchr(l, '\n');
		if (end)
			*end = '\0';
		r.line++;
		while (*l == ' ' || *l == '\t')
			l++;
		if (*l && *l != '#')
			command(&r, l);
		l = end ? end + 1 : NULL;
	}
	if (r.loaded)
		app_free(&r.app);
	if (r.copy[0])
		unlink(r.copy);
	sb_free(&r.config);
	free(text);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	for (int i = 1; i < argc; i++)
		run_script(argv[i]);
	return check_done();
}
