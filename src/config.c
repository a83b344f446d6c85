/* config.c — reading settings with inih: tables of sections, keys and
 * themes, a line-counting reader so that every problem says where it is,
 * and defaults kept for whatever is wrong. No curses: styles are plain
 * colour numbers and attribute bits that screen.c maps to the terminal. */
#include "lectern/config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <ini.h>

#include "lectern/footer.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"
#include "lectern/timer.h"
#include "lectern/xdg.h"

/* ---- themes ---------------------------------------------------------- */

static const char *const element_names[FS_COUNT] = {
	[LS_TEXT] = "text",
	[LS_DECK_TITLE] = "deck_title",
	[LS_HEADER] = "header",
	[LS_RULE] = "rule",
	[LS_BLOCK_TITLE] = "block_title",
	[LS_NUMBER] = "point_number",
	[LS_LABEL] = "label",
	[LS_SECTION] = "section",
	[LS_DIM] = "dimmed",
	[LS_STRONG] = "strong",
	[LS_EMPH] = "emphasis",
	[LS_STRONG_EMPH] = "strong_emphasis",
	[LS_CODE] = "code",
	[LS_CODE_BLOCK] = "code_block",
	[FS_FOOTER] = "footer",
	[FS_PROGRESS] = "progress_bar",
	[FS_MATCH] = "search_match",
	[FS_OVERLAY] = "overlay",
	[FS_SELECTED] = "selected",
	[FS_NOTICE] = "notice",
	[FS_WHITE] = "white_screen",
	[FS_TIMER_WARN] = "timer_warning",
	[FS_TIMER_OVER] = "timer_over",
};
static_assert(sizeof element_names / sizeof *element_names == FS_COUNT,
	      "a name for every style");

struct theme {
	const char *name;
	const char *spec[FS_COUNT]; /* style values, as a config file has them */
};

/* auto is the default: until the terminal says what its background is
 * (config_theme_resolve), a palette readable on light and dark ones alike:
 * no yellow or cyan text (1.4:1 to 2:1 on white in xterm's palette), no
 * blue (about 2:1 on black); magenta, which keeps 3:1 or more on black and
 * on white in xterm's, Tango's and libvterm's palettes, red for code (3.6:1
 * on black in xterm's), and the default colour made bold. */
static const struct theme themes[] = {
	{ "auto", {
		[LS_DECK_TITLE] = "bold magenta", [LS_HEADER] = "bold magenta",
		[LS_RULE] = "magenta", [LS_BLOCK_TITLE] = "bold",
		[LS_LABEL] = "bold magenta", [LS_SECTION] = "bold",
		[LS_DIM] = "dim", [FS_FOOTER] = "dim", [FS_PROGRESS] = "magenta",
		[FS_MATCH] = "bold black on yellow", [FS_SELECTED] = "reverse",
		[FS_NOTICE] = "bold red", [FS_WHITE] = "black on bright-white",
		[FS_TIMER_WARN] = "magenta", [FS_TIMER_OVER] = "red",
		[LS_STRONG] = "bold",
		[LS_EMPH] = "italic", [LS_STRONG_EMPH] = "bold italic",
		[LS_CODE] = "red", [LS_CODE_BLOCK] = "red",
	} },
	{ "dark", {
		[LS_DECK_TITLE] = "bold yellow", [LS_HEADER] = "bold cyan",
		[LS_RULE] = "cyan", [LS_BLOCK_TITLE] = "bold yellow",
		[LS_LABEL] = "bold cyan", [LS_SECTION] = "bold",
		[LS_DIM] = "dim", [FS_FOOTER] = "dim", [FS_PROGRESS] = "cyan",
		[FS_MATCH] = "bold black on yellow", [FS_SELECTED] = "reverse",
		[FS_NOTICE] = "bold red", [FS_WHITE] = "black on bright-white",
		[FS_TIMER_WARN] = "yellow", [FS_TIMER_OVER] = "red",
		[LS_STRONG] = "bold",
		[LS_EMPH] = "italic", [LS_STRONG_EMPH] = "bold italic",
		[LS_CODE] = "green", [LS_CODE_BLOCK] = "green",
	} },
	{ "light", {
		[LS_DECK_TITLE] = "bold blue", [LS_HEADER] = "bold blue",
		[LS_RULE] = "blue", [LS_BLOCK_TITLE] = "bold magenta",
		[LS_LABEL] = "bold blue", [LS_SECTION] = "bold",
		[LS_DIM] = "dim", [FS_FOOTER] = "dim", [FS_PROGRESS] = "blue",
		[FS_MATCH] = "black on 229", [FS_SELECTED] = "reverse",
		[FS_NOTICE] = "bold red", [FS_WHITE] = "black on bright-white",
		[FS_TIMER_WARN] = "magenta", [FS_TIMER_OVER] = "red",
		[LS_STRONG] = "bold",
		[LS_EMPH] = "italic", [LS_STRONG_EMPH] = "bold italic",
		[LS_CODE] = "red", [LS_CODE_BLOCK] = "red",
	} },
	{ "mono", {
		[LS_DECK_TITLE] = "bold", [LS_HEADER] = "bold",
		[LS_BLOCK_TITLE] = "bold underline", [LS_LABEL] = "bold",
		[LS_SECTION] = "bold", [LS_DIM] = "dim", [FS_FOOTER] = "dim",
		[FS_MATCH] = "reverse", [FS_SELECTED] = "reverse",
		[FS_NOTICE] = "bold", [FS_WHITE] = "reverse",
		[FS_TIMER_WARN] = "bold", [FS_TIMER_OVER] = "reverse",
		[LS_STRONG] = "bold", [LS_EMPH] = "italic",
		[LS_STRONG_EMPH] = "bold italic", [LS_CODE] = "underline",
	} },
};

static const struct {
	const char *name;
	short color;
} colors[] = {
	{ "default", COLOR_NONE }, { "black", 0 }, { "red", 1 }, { "green", 2 },
	{ "yellow", 3 }, { "blue", 4 }, { "magenta", 5 }, { "cyan", 6 },
	{ "white", 7 }, { "gray", 8 }, { "grey", 8 }, { "bright-black", 8 },
	{ "bright-red", 9 }, { "bright-green", 10 }, { "bright-yellow", 11 },
	{ "bright-blue", 12 }, { "bright-magenta", 13 }, { "bright-cyan", 14 },
	{ "bright-white", 15 },
};

static const struct {
	const char *name;
	unsigned bit;
} attrs[] = {
	{ "bold", ST_BOLD }, { "dim", ST_DIM }, { "reverse", ST_REVERSE },
	{ "underline", ST_UNDERLINE }, { "italic", ST_ITALIC },
	{ "normal", 0 },
};

const char *config_element_name(int style)
{
	return style >= 0 && style < FS_COUNT ? element_names[style] : "?";
}

static bool parse_color(const char *w, short *out)
{
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
		if (strcasecmp(colors[i].name, w) == 0) {
			*out = colors[i].color;
			return true;
		}
	char *end;
	long v = strtol(w, &end, 10);
	if (*w && !*end && v >= 0 && v <= 255) {
		*out = (short)v;
		return true;
	}
	return false;
}

bool config_parse_style(const char *value, struct style *out, char *bad,
			size_t badlen)
{
	struct style s = { COLOR_NONE, COLOR_NONE, 0 };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", value);
	bool on = false, fg_set = false;
	for (char *w = strtok(buf, " \t,"); w; w = strtok(NULL, " \t,")) {
		bool found = false;
		if (strcasecmp(w, "on") == 0) {
			on = true;
			continue;
		}
		for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
			if (strcasecmp(attrs[i].name, w) == 0) {
				s.attr |= attrs[i].bit;
				found = true;
			}
		short c;
		if (!found && parse_color(w, &c)) {
			if (on) {
				s.bg = c;
				on = false;
			} else if (!fg_set) {
				s.fg = c;
				fg_set = true;
			} else {
				s.bg = c; /* "black yellow": foreground, background */
			}
			found = true;
		}
		if (!found) {
			snprintf(bad, badlen, "%s", w);
			return false;
		}
	}
	if (on) {
		snprintf(bad, badlen, "on (a background colour must follow)");
		return false;
	}
	*out = s;
	return true;
}

static const struct theme *find_theme(const char *name)
{
	for (size_t i = 0; i < sizeof themes / sizeof *themes; i++)
		if (strcasecmp(themes[i].name, name) == 0)
			return &themes[i];
	return NULL;
}

bool config_theme_known(const char *name)
{
	return find_theme(name) != NULL;
}

void config_theme_names(char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof themes / sizeof *themes && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				      themes[i].name);
}

bool config_set_theme(struct config *c, const char *name)
{
	const struct theme *t = find_theme(name);
	if (!t)
		return false;
	snprintf(c->theme, sizeof c->theme, "%s", t->name);
	for (int i = 0; i < FS_COUNT; i++) {
		if (c->style_set[i])
			continue;
		char bad[64];
		struct style s = { COLOR_NONE, COLOR_NONE, 0 };
		if (t->spec[i])
			config_parse_style(t->spec[i], &s, bad, sizeof bad);
		c->styles[i] = s;
	}
	return true;
}

bool config_theme_is_auto(const struct config *c)
{
	return strcmp(c->theme, "auto") == 0;
}

void config_theme_resolve(struct config *c, enum termbg_shade shade)
{
	static const char *const by_shade[] = {
		[TERMBG_UNKNOWN] = NULL, [TERMBG_DARK] = "dark",
		[TERMBG_LIGHT] = "light",
	};
	if (config_theme_is_auto(c) && by_shade[shade])
		config_set_theme(c, by_shade[shade]);
}

void config_default(struct config *c)
{
	memset(c, 0, sizeof *c);
	keymap_default(&c->keys);
	config_set_theme(c, "auto");
	c->margin = -1;
	c->side_by_side = 100;
	c->measure = LAYOUT_MEASURE;
	c->numbering = NUM_DECIMAL;
	c->ambiguous = 1;
	snprintf(c->footer, sizeof c->footer, "%s", FOOTER_DEFAULT);
	c->reveal_points = false;
	c->start = 0;
	c->end_minute = -1;
	c->warn_ms = 5 * 60 * 1000;
	c->resume = RESUME_AUTO;
}

void config_talk_settings(const struct config *c, struct talk_settings *t)
{
	memset(t, 0, sizeof *t);
	t->duration_ms = c->duration_ms;
	t->end_minute = c->end_minute;
	t->warn_ms = c->warn_ms;
	t->start_at_launch = c->timer_at_launch;
	t->main_end = (size_t)c->main_end;
	t->rehearse = c->rehearse;
}

void config_layout_opts(const struct config *c, int width,
			struct layout_opts *o)
{
	layout_opts_default(o, width);
	o->margin = c->margin;
	o->side_by_side = c->side_by_side;
	o->measure = c->measure;
	o->ambiguous = c->ambiguous;
	o->numbering = (int)c->numbering;
}

/* ---- diagnostics ----------------------------------------------------- */

void config_diags_free(struct config_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

struct ctx {
	struct config *c;
	struct config_diags *d;
	const char *path;
	int line; /* the line the reader gave last */
	/* the source: a file or a string */
	FILE *f;
	const char *s;
	/* the line of each problem this run added, to put them in order */
	int *at;
	size_t first, at_cap; /* d->lines[first..] are this run's */
	bool skipping; /* after a section header with no ']' */
};

/* Adds a problem (taking text) found at line. */
static void add_diag(struct ctx *x, int line, char *text)
{
	struct config_diags *d = x->d;
	d->lines = xgrow(d->lines, &d->cap, d->n + 1, sizeof *d->lines);
	d->lines[d->n++] = text;
	size_t k = d->n - 1 - x->first;
	x->at = xgrow(x->at, &x->at_cap, k + 1, sizeof *x->at);
	x->at[k] = line;
}

/* Puts this run's problems in line order (inih reports a syntax error
 * when it is done), keeping the order of those on one line. */
static void sort_diags(struct ctx *x)
{
	char **l = x->d->lines + x->first;
	size_t n = x->d->n - x->first;
	for (size_t i = 1; i < n; i++) {
		char *t = l[i];
		int a = x->at[i];
		size_t j = i;
		for (; j > 0 && x->at[j - 1] > a; j--) {
			l[j] = l[j - 1];
			x->at[j] = x->at[j - 1];
		}
		l[j] = t;
		x->at[j] = a;
	}
	free(x->at);
	x->at = NULL;
	x->at_cap = 0;
}

static void diag(struct ctx *x, const char *section, const char *key,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void diag(struct ctx *x, const char *section, const char *key,
		 const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s:%d: [%s]", x->path, x->line, section);
	if (key)
		sb_printf(&sb, " %s", key);
	sb_puts(&sb, ": ");
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	add_diag(x, x->line, sb_take(&sb));
}

/* ---- sections -------------------------------------------------------- */

static bool parse_long(const char *v, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

/* The actions a presenter cannot do without: a binding that leaves one
 * of them with no key is refused. */
static const struct {
	enum keymode mode;
	enum action act;
} vital[] = {
	{ KM_SLIDE, ACT_NEXT }, { KM_SLIDE, ACT_PREV }, { KM_SLIDE, ACT_QUIT },
};

static bool is_vital(enum keymode mode, enum action a)
{
	for (size_t i = 0; i < sizeof vital / sizeof *vital; i++)
		if (vital[i].mode == mode && vital[i].act == a)
			return true;
	return false;
}

/* After a binding: false (and the keymap as it was before) when it left a
 * vital action with no key. */
static bool keys_still_vital(struct ctx *x, const char *section,
			     const char *key, const struct keymap *before)
{
	for (size_t i = 0; i < sizeof vital / sizeof *vital; i++) {
		if (x->c->keys.nkeys[vital[i].mode][vital[i].act])
			continue;
		if (vital[i].act == ACT_QUIT)
			diag(x, section, key, "this leaves no key to quit (q, C-c "
			     "and C-\\ would do nothing: only kill would end "
			     "lectern); the binding is ignored");
		else
			diag(x, section, key, "this leaves %s with no key; the "
			     "binding is ignored", action_name(vital[i].act));
		x->c->keys = *before;
		return false;
	}
	return true;
}

static void sec_keys(struct ctx *x, enum keymode mode, const char *key,
		     const char *value)
{
	const char *section = keymode_section(mode);
	enum action a = action_by_name(key);
	if (a != ACT_NONE && action_in_mode(a, mode) &&
	    !value[strspn(value, " \t,")]) {
		/* "search =" would unbind it without a word */
		diag(x, section, key, is_vital(mode, a) ? "no key given, and %s "
		     "needs one; the defaults stay" : "no key given (to unbind "
		     "%s, write \"none\"); the defaults stay", action_name(a));
		return;
	}
	if (a == ACT_NONE || !action_in_mode(a, mode)) {
		struct strbuf names = STRBUF_INIT;
		for (int i = 1; i < ACT_COUNT; i++)
			if (action_in_mode((enum action)i, mode))
				sb_printf(&names, "%s%s", names.len ? ", " : "",
					  action_name((enum action)i));
		diag(x, section, key, "unknown action (actions: %s)", names.data);
		sb_free(&names);
		return;
	}
	int keys[KEYMAP_MAX_KEYS], n = 0;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", value);
	bool none = false;
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		char *e = tok + strlen(tok);
		while (e > tok && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (!*tok)
			continue;
		if (strcasecmp(tok, "none") == 0) {
			none = true;
			continue;
		}
		int k = keycode_parse(tok);
		if (k < 0) {
			char names[512];
			keycode_names(names, sizeof names);
			diag(x, section, key, "unknown key name \"%s\" (%s); the "
			     "defaults stay", tok, names);
			return;
		}
		if (n == KEYMAP_MAX_KEYS) {
			diag(x, section, key, "more than %d keys; the defaults stay",
			     KEYMAP_MAX_KEYS);
			return;
		}
		keys[n++] = k;
	}
	if (none && n) {
		diag(x, section, key, "\"none\" cannot go with other keys; the "
		     "defaults stay");
		return;
	}
	/* the binding replaces the action's defaults, and a key bound here
	 * leaves whatever action of the mode had it before */
	struct keymap before = x->c->keys;
	keymap_bind(&x->c->keys, mode, a, keys, n);
	keys_still_vital(x, section, key, &before);
}

static void sec_theme(struct ctx *x, const char *key, const char *value)
{
	if (strcmp(key, "name") == 0) {
		if (!config_set_theme(x->c, value)) {
			char names[128];
			config_theme_names(names, sizeof names);
			diag(x, "theme", key, "unknown theme \"%s\" (%s); keeping "
			     "%s", value, names, x->c->theme);
		} else {
			x->c->theme_named = true;
		}
		return;
	}
	for (int i = 0; i < FS_COUNT; i++)
		if (strcmp(element_names[i], key) == 0) {
			struct style s;
			char bad[128];
			if (!config_parse_style(value, &s, bad, sizeof bad)) {
				diag(x, "theme", key, "\"%s\" is not a colour or "
				     "attribute (colours: black red green yellow "
				     "blue magenta cyan white, bright-*, default, "
				     "0-255; attributes: bold dim reverse underline "
				     "italic; \"on COLOUR\" for the background)", bad);
				return;
			}
			x->c->styles[i] = s;
			x->c->style_set[i] = true;
			return;
		}
	struct strbuf names = STRBUF_INIT;
	for (int i = 0; i < FS_COUNT; i++)
		sb_printf(&names, ", %s", element_names[i]);
	diag(x, "theme", key, "unknown element (name%s)", names.data);
	sb_free(&names);
}

static void sec_layout(struct ctx *x, const char *key, const char *value)
{
	long n;
	if (strcmp(key, "margin") == 0) {
		if (strcasecmp(value, "auto") == 0)
			x->c->margin = -1;
		else if (parse_long(value, 0, 40, &n))
			x->c->margin = (int)n;
		else
			diag(x, "layout", key, "\"%s\" is not auto or a number of "
			     "columns from 0 to 40", value);
	} else if (strcmp(key, "side_by_side") == 0) {
		if (parse_long(value, 0, 10000, &n))
			x->c->side_by_side = n ? (int)n : 100000;
		else
			diag(x, "layout", key, "\"%s\" is not a width in columns "
			     "(0 turns side by side off)", value);
	} else if (strcmp(key, "measure") == 0) {
		if (parse_long(value, 0, 10000, &n) && (n == 0 || n >= 20))
			x->c->measure = (int)n;
		else
			diag(x, "layout", key, "\"%s\" is not a width in columns "
			     "from 20 (0: the whole width)", value);
	} else if (strcmp(key, "numbering") == 0) {
		if (strcmp(value, "1.") == 0 || strcasecmp(value, "decimal") == 0)
			x->c->numbering = NUM_DECIMAL;
		else if (strcmp(value, "1)") == 0 || strcasecmp(value, "paren") == 0)
			x->c->numbering = NUM_PAREN;
		else if (strcasecmp(value, "bullet") == 0 || strcmp(value, "-") == 0)
			x->c->numbering = NUM_BULLET;
		else
			diag(x, "layout", key, "\"%s\" is not one of decimal (1.), "
			     "paren (1)) or bullet", value);
	} else if (strcmp(key, "ambiguous_width") == 0) {
		if (parse_long(value, 1, 2, &n))
			x->c->ambiguous = (int)n;
		else
			diag(x, "layout", key, "\"%s\" is not 1 or 2", value);
	} else {
		diag(x, "layout", key, "unknown key (margin, side_by_side, "
		     "measure, numbering, ambiguous_width)");
	}
}

static void sec_footer(struct ctx *x, const char *key, const char *value)
{
	if (strcmp(key, "template") != 0) {
		diag(x, "footer", key, "unknown key (template)");
		return;
	}
	for (const char *p = strchr(value, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		if (!e || !footer_field_known(p + 1, (size_t)(e - p - 1))) {
			char names[256];
			footer_field_names(names, sizeof names);
			diag(x, "footer", key, "unknown field \"%.*s\" (fields: "
			     "%s); the default stays",
			     e ? (int)(e - p + 1) : (int)strlen(p), p, names);
			return;
		}
	}
	size_t bad;
	if (!text_valid_utf8(value, strlen(value), &bad)) {
		diag(x, "footer", key, "not UTF-8 at byte %zu; the default stays",
		     bad);
		return;
	}
	for (const unsigned char *q = (const unsigned char *)value; *q; q++)
		if (*q < 0x20 || *q == 0x7F ||
		    (*q == 0xC2 && q[1] >= 0x80 && q[1] < 0xA0)) {
			diag(x, "footer", key, "a control character (byte %zu) "
			     "would reach the terminal; the default stays",
			     (size_t)(q - (const unsigned char *)value));
			return;
		}
	if (strlen(value) >= sizeof x->c->footer) {
		diag(x, "footer", key, "longer than %zu bytes; the default stays",
		     sizeof x->c->footer - 1);
		return;
	}
	snprintf(x->c->footer, sizeof x->c->footer, "%s", value);
}

static void sec_present(struct ctx *x, const char *key, const char *value)
{
	long n;
	char err[160];
	int64_t ms;
	if (strcmp(key, "reveal") == 0) {
		if (strcasecmp(value, "all") == 0)
			x->c->reveal_points = false;
		else if (strcasecmp(value, "points") == 0)
			x->c->reveal_points = true;
		else
			diag(x, "present", key, "\"%s\" is not all or points", value);
	} else if (strcmp(key, "start") == 0) {
		if (parse_long(value, 1, 100000000, &n))
			x->c->start = (unsigned long)n;
		else
			diag(x, "present", key, "\"%s\" is not a slide number", value);
	} else if (strcmp(key, "duration") == 0) {
		if (strcasecmp(value, "none") == 0)
			x->c->duration_ms = 0;
		else if (timer_parse_duration(value, &ms, err, sizeof err))
			x->c->duration_ms = ms;
		else
			diag(x, "present", key, "%s, or none", err);
	} else if (strcmp(key, "warn") == 0) {
		if (strcmp(value, "0") == 0 || strcasecmp(value, "none") == 0)
			x->c->warn_ms = 0;
		else if (timer_parse_duration(value, &ms, err, sizeof err))
			x->c->warn_ms = ms;
		else
			diag(x, "present", key, "%s, or none", err);
	} else if (strcmp(key, "timer_start") == 0) {
		if (strcasecmp(value, "turn") == 0)
			x->c->timer_at_launch = false;
		else if (strcasecmp(value, "launch") == 0)
			x->c->timer_at_launch = true;
		else
			diag(x, "present", key, "\"%s\" is not turn or launch", value);
	} else if (strcmp(key, "main_end") == 0) {
		if (strcasecmp(value, "last") == 0)
			x->c->main_end = 0;
		else if (parse_long(value, 1, 100000000, &n))
			x->c->main_end = (unsigned long)n;
		else
			diag(x, "present", key, "\"%s\" is not a slide number or "
			     "last", value);
	} else if (strcmp(key, "resume") == 0) {
		static const char *const names[] = { [RESUME_AUTO] = "auto",
			[RESUME_ALWAYS] = "always", [RESUME_NEVER] = "never" };
		size_t i = 0;
		while (i < 3 && strcasecmp(value, names[i]) != 0)
			i++;
		if (i < 3)
			x->c->resume = (enum resume_policy)i;
		else
			diag(x, "present", key, "\"%s\" is not auto, always or "
			     "never", value);
	} else {
		diag(x, "present", key, "unknown key (reveal, start, duration, "
		     "warn, timer_start, main_end, resume)");
	}
}

static const struct {
	const char *name;
	void (*fn)(struct ctx *x, const char *key, const char *value);
} sections[] = {
	{ "theme", sec_theme },
	{ "layout", sec_layout },
	{ "footer", sec_footer },
	{ "present", sec_present },
};

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct ctx *x = user;
	enum keymode mode = keymode_by_section(section);
	if (mode != KM_COUNT) {
		sec_keys(x, mode, name, value ? value : "");
		return 1;
	}
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		if (strcmp(sections[i].name, section) == 0) {
			sections[i].fn(x, name, value ? value : "");
			return 1;
		}
	/* the sections, from the tables */
	struct strbuf names = STRBUF_INIT;
	for (int m = 0; m < KM_COUNT; m++)
		sb_printf(&names, "%s, ", keymode_section((enum keymode)m));
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		sb_printf(&names, "%s%s", i ? ", " : "", sections[i].name);
	if (!*section)
		diag(x, "", name, "setting outside a section (sections: %s)",
		     names.data);
	else
		diag(x, section, name, "unknown section (sections: %s)",
		     names.data);
	sb_free(&names);
	return 1;
}

/* inih reads line by line through this, so the handler knows the line.
 * inih handles lines of at most num - 1 bytes; a longer one would come in
 * pieces and its tail be read as a line of its own (a long comment ending
 * in "margin = 40" would set the margin). Such a line is reported and
 * skipped whole. */
static int next_byte(struct ctx *x)
{
	if (x->f)
		return fgetc(x->f);
	return *x->s ? (unsigned char)*x->s++ : EOF;
}

/* Looks at a line before inih does, and returns its length, or 0 to
 * hand inih a blank line instead. A section header with no ']' is one
 * error, and the lines after it, up to the next header, are skipped: inih
 * would read them into the section before it and report each as a bogus
 * problem there. A line that is no header, comment or key = value is a
 * syntax error; inih would report only the first such line. */
static size_t check_line(struct ctx *x, const char *str, size_t n)
{
	const char *p = str + strspn(str, " \t");
	if (*p == '\0' || *p == ';' || *p == '#')
		return n;
	if (*p == '[') {
		x->skipping = strchr(p, ']') == NULL;
		if (!x->skipping)
			return n;
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s:%d: section header with no ']': the lines up "
			  "to the next section are skipped", x->path, x->line);
		add_diag(x, x->line, sb_take(&sb));
		return 0;
	}
	if (x->skipping)
		return 0;
	if (!strpbrk(p, "=:")) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s:%d: syntax error: expected [section] or "
			  "key = value", x->path, x->line);
		add_diag(x, x->line, sb_take(&sb));
		return 0;
	}
	return n;
}

static char *reader(char *str, int num, void *stream)
{
	struct ctx *x = stream;
	size_t n = 0;
	bool too_long = false;
	int c = EOF;
	while ((c = next_byte(x)) != EOF) {
		if (c == '\n')
			break;
		if (n + 2 < (size_t)num)
			str[n++] = (char)c;
		else
			too_long = true;
	}
	if (c == EOF && n == 0 && !too_long)
		return NULL;
	x->line++;
	if (too_long) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s:%d: line longer than %d bytes: skipped",
			  x->path, x->line, num - 2);
		add_diag(x, x->line, sb_take(&sb));
		n = 0;
	}
	str[n] = '\0';
	n = check_line(x, str, n);
	str[n++] = '\n';
	str[n] = '\0';
	return str;
}

static bool run(struct ctx *x)
{
	x->first = x->d->n;
	int rc = ini_parse_stream(reader, x, handler, x);
	if (rc > 0) {
		/* what check_line let through and inih still refused; inih
		 * goes on after a bad line, and reports the first */
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s:%d: syntax error: expected [section] or "
			  "key = value", x->path, rc);
		add_diag(x, rc, sb_take(&sb));
	}
	sort_diags(x);
	return rc >= 0;
}

static void file_problem(struct config_diags *d, const char *path,
			 const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s: %s", path, what);
	d->lines = xgrow(d->lines, &d->cap, d->n + 1, sizeof *d->lines);
	d->lines[d->n++] = sb_take(&sb);
}

bool config_load(struct config *c, const char *path, struct config_diags *d)
{
	struct ctx x = { .c = c, .d = d, .path = path };
	x.f = fopen(path, "r");
	if (!x.f) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "cannot read the config file: %s", strerror(errno));
		file_problem(d, path, sb.data);
		sb_free(&sb);
		return false;
	}
	struct stat st;
	if (fstat(fileno(x.f), &st) == 0 && S_ISDIR(st.st_mode)) {
		/* fopen takes a directory; reading it gives nothing */
		file_problem(d, path, "is a directory, not a config file");
		fclose(x.f);
		return false;
	}
	bool ok = run(&x);
	fclose(x.f);
	return ok;
}

bool config_load_string(struct config *c, const char *name, const char *text,
			struct config_diags *d)
{
	struct ctx x = { .c = c, .d = d, .path = name, .s = text };
	return run(&x);
}

char *config_default_path(void)
{
	return xdg_path(XDG_CONFIG, "config.ini");
}
