/* main.c — lectern's entry: parse the command line, load the deck, and
 * export, check or present it. The only place that decides exit statuses
 * and prints errors (one line each, on stderr). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "lectern/cli.h"
#include "lectern/config.h"
#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/fileio.h"
#include "lectern/loader.h"
#include "lectern/session.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "lectern/viewer.h"

/* One line on stderr, "lectern: " first; whatever the user gave (file
 * names, option values) is made inert before it reaches the terminal. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *line = text_display(sb.data ? sb.data : "", sb.len);
	fprintf(stderr, "lectern: %s\n", line);
	free(line);
	sb_free(&sb);
}

static char *display_name(const char *path)
{
	return text_display(path, strlen(path));
}

/* FILE:LINE:COLUMN: as compilers print it, so that editors jump there;
 * FILE:OFFSET: where only the byte offset is known. */
static void print_error(const char *raw, const struct lt_error *e)
{
	char *name = display_name(raw);
	if (e->has_line)
		say("%s:%zu:%zu: %s", name, e->line, e->column, e->what);
	else if (e->has_offset)
		say("%s:%zu: %s", name, e->offset, e->what);
	else
		say("%s: %s", name, e->what);
	free(name);
}

/* Loads the deck named on the command line; NULL after printing why.
 * Caller frees with deck_free. */
static struct deck *load(const char *path, const struct deck_format *format,
			 const char *encoding)
{
	struct lt_error err;
	struct deck *d;
	if (!deck_load_encoded(path, format, encoding, &d, &err)) {
		print_error(strcmp(path, "-") == 0 ? "(stdin)" : path, &err);
		return NULL;
	}
	return d;
}

static int do_export(const struct cli *c, const struct deck *d,
		     const struct config *cfg)
{
	struct strbuf out = STRBUF_INIT, diag = STRBUF_INIT;
	if (c->format == FMT_JSON) {
		export_json(&out, d);
	} else if (c->format == FMT_MARKDOWN) {
		/* the importer's guesses, at the lines of the Markdown */
		char *name = display_name(c->output && strcmp(c->output, "-") ?
					  c->output : "(stdout)");
		export_markdown(&out, d, name, &diag);
		free(name);
	} else if (c->notes) {
		struct layout_opts o;
		config_layout_opts(cfg, c->width, &o);
		export_text_notes(&out, d, &o);
	} else {
		/* the layout settings the screen would use */
		struct layout_opts o;
		config_layout_opts(cfg, c->width, &o);
		if (c->columns)
			o.max_columns = c->columns;
		export_text(&out, d, &o);
	}
	int rc = EXIT_OK;
	struct lt_error err;
	const char *path = c->output ? c->output : "-";
	if (!file_write(path, out.data ? out.data : "", out.len, &err)) {
		if (strcmp(path, "-") == 0)
			say("%s", err.what);
		else
			print_error(path, &err);
		rc = EXIT_IO;
	}
	if (diag.len)
		fputs(diag.data, stderr);
	sb_free(&out);
	sb_free(&diag);
	return rc;
}

static int do_check(const struct cli *c, const struct deck *d)
{
	char *name = display_name(strcmp(c->deck, "-") == 0 ? "(stdin)" : c->deck);
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		printf("%s:%zu:%zu: warning: slide %zu: %s\n", name, w->line,
		       w->column, w->number, w->message);
	}
	if (d->warnings_not_listed)
		printf("%s: and %zu more warnings, not listed (lectern lists the "
		       "first %d)\n", name, d->warnings_not_listed,
		       DECK_MAX_WARNINGS);
	free(name);
	if (fflush(stdout) != 0)
		return EXIT_IO;
	return d->nwarnings ? EXIT_WARNINGS : EXIT_OK;
}

/* NO_COLOR as no-color.org has it: set and not empty. */
static bool no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v && *v;
}

/* Reads the settings: defaults, then the config file, then the command
 * line. The config file's problems go into *d as path:line: [section]
 * key: message. An export reads no config file unless --config names one,
 * so that two people exporting a deck get the same file. *path is the
 * file read, or NULL (caller frees). NO_COLOR means the mono theme without
 * colours, unless a theme is named. */
static void load_config(const struct cli *c, struct config *cfg,
			struct config_diags *d, char **path)
{
	config_default(cfg);
	*path = NULL;
	bool personal = !c->no_config &&
			(c->config || c->action != CLI_EXPORT);
	if (personal) {
		*path = c->config ? xstrdup(c->config) : config_default_path();
		if (*path && (c->config || access(*path, F_OK) == 0))
			config_load(cfg, *path, d);
	}
	if (c->theme) {
		config_set_theme(cfg, c->theme);
	} else if (no_color() && !cfg->theme_named) {
		/* an explicit theme, here or in the config file, wins */
		config_set_theme(cfg, "mono");
		for (int i = 0; i < FS_COUNT; i++)
			cfg->styles[i].fg = cfg->styles[i].bg = COLOR_NONE;
	}
}

/* The config file's problems on stderr, and then forgotten. */
static void print_problems(struct config_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		say("%s", d->lines[i]);
	config_diags_free(d);
}

/* --check-config: the problems, one a line on stdout in the order of the
 * file, or a line that says which file was read. */
static int check_config(const struct cli *c, const struct config_diags *d,
			const char *path)
{
	for (size_t i = 0; i < d->n; i++) {
		char *line = text_display(d->lines[i], strlen(d->lines[i]));
		printf("%s\n", line);
		free(line);
	}
	if (d->n == 0) {
		char *name = path ? display_name(path) : NULL;
		if (c->no_config)
			printf("no config file read (--no-config)\n");
		else if (!name)
			printf("no config file: neither XDG_CONFIG_HOME nor HOME "
			       "is set\n");
		else if (c->config || access(path, F_OK) == 0)
			printf("%s: ok\n", name);
		else
			printf("no config file at %s\n", name);
		free(name);
	}
	if (fflush(stdout) != 0)
		return EXIT_IO;
	return d->n ? EXIT_WARNINGS : EXIT_OK;
}

/* The command line's presenting options over the config's. */
static void apply_cli(const struct cli *c, struct config *cfg)
{
	if (c->duration_ms) {
		cfg->duration_ms = c->duration_ms;
		cfg->end_minute = -1;
	}
	if (c->end_minute >= 0) {
		cfg->end_minute = c->end_minute;
		cfg->duration_ms = 0;
	}
	if (c->main_end)
		cfg->main_end = c->main_end;
	if (c->start) {
		cfg->start = c->start;
		cfg->start_given = true;
	}
	cfg->force_resume = c->resume;
	cfg->rehearse = c->rehearse;
	cfg->plan = c->plan;
}

/* Prints each line of lines as a warning; returns how many. */
static size_t say_lines(const struct strbuf *lines)
{
	size_t n = 0;
	for (const char *l = lines->data; l && *l; n++) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		say("%.*s", (int)len, l);
		l += len + (e ? 1 : 0);
	}
	return n;
}

/* lectern --rehearsals: the deck's records side by side. */
static int do_rehearsals(const struct deck *d, const struct config *cfg)
{
	struct strbuf out = STRBUF_INIT, warnings = STRBUF_INIT;
	session_history(d, 3, cfg->ambiguous, &out, &warnings);
	size_t problems = say_lines(&warnings);
	int rc = problems ? EXIT_WARNINGS : EXIT_OK;
	struct lt_error err;
	if (!file_write("-", out.data ? out.data : "", out.len, &err)) {
		say("%s", err.what);
		rc = EXIT_IO;
	}
	sb_free(&out);
	sb_free(&warnings);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	char err[256];
	if (!cli_parse(argc, argv, &c, err, sizeof err)) {
		say("%s", err);
		fputs("Try 'lectern --help'.\n", stderr);
		return EXIT_BAD;
	}
	if (c.action == CLI_HELP) {
		for (const char *const *part = cli_usage; *part; part++)
			fputs(*part, stdout);
		return EXIT_OK;
	}
	if (c.action == CLI_VERSION) {
		printf("lectern %s\n", LECTERN_VERSION);
		return EXIT_OK;
	}
	struct config cfg;
	struct config_diags diags = { 0 };
	char *config_path = NULL;
	if (c.action != CLI_CHECK)
		load_config(&c, &cfg, &diags, &config_path);
	apply_cli(&c, &cfg);
	if (c.action == CLI_CHECK_CONFIG) {
		int rc = check_config(&c, &diags, config_path);
		config_diags_free(&diags);
		free(config_path);
		return rc;
	}
	free(config_path);
	/* the viewer shows the config's problems while it runs; the lines
	 * go to stderr once it is done, where the full screen hid nothing */
	bool full_screen = c.action == CLI_VIEW || c.action == CLI_PRESENT ||
			   c.action == CLI_FOLLOW;
	if (!full_screen)
		print_problems(&diags);
	if (c.output && strcmp(c.output, "-") != 0 && strcmp(c.deck, "-") != 0 &&
	    file_same(c.output, c.deck)) {
		say("%s: refusing to overwrite the deck with its export", c.output);
		config_diags_free(&diags);
		return EXIT_BAD;
	}
	if (c.action == CLI_FOLLOW) {
		int rc = viewer_follow(c.socket, &cfg);
		print_problems(&diags);
		return rc;
	}
	if (c.action == CLI_VIEW && strcmp(c.deck, "-") != 0) {
		/* a large deck is read while its title page is up */
		struct lt_error lerr;
		int rc = viewer_run_file(c.deck, c.deck_format, c.encoding, &cfg,
					 &diags, &lerr);
		if (rc == EXIT_BAD)
			print_error(c.deck, &lerr);
		print_problems(&diags);
		return rc;
	}
	struct deck *d = load(c.deck, c.deck_format, c.encoding);
	int rc = EXIT_BAD;
	if (full_screen) {
		if (d && c.action == CLI_PRESENT)
			rc = viewer_present(d, c.deck, c.deck_format, c.encoding, &cfg,
					    &diags, c.socket);
		else if (d)
			rc = viewer_run(d, c.deck, c.deck_format, c.encoding, &cfg, &diags);
		print_problems(&diags);
	} else if (d) {
		rc = c.action == CLI_EXPORT ? do_export(&c, d, &cfg) :
		     c.action == CLI_REHEARSALS ? do_rehearsals(d, &cfg) :
		     do_check(&c, d);
		deck_free(d);
	}
	return rc;
}
