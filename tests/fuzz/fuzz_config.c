/* fuzz_config.c — the config file parser (config.h) on any text: the input,
 * up to its first NUL byte, is a config file read by config_load_string;
 * it is also tried as a style value and a theme name. Invariants: loading
 * succeeds (a string is always readable); every problem is one line that
 * starts "fuzz:LINE: " with LINE a line of the input; a comment line changes
 * no setting (the same text without its comment lines reads the same);
 * every setting holds
 * a value the rest of lectern accepts (margin -1..40, side_by_side, ambiguous
 * 1 or 2, numbering, a theme, colours -1..255, attributes, keys that name
 * back to themselves, a footer template of known fields whose text is
 * inert, since the status line shows it byte for byte). */
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/config.h"
#include "lectern/footer.h"
#include "lectern/keys.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

static void check_style(const struct style *s, const char *what)
{
	FUZZ_CHECK(s->fg >= COLOR_NONE && s->fg <= 255 && s->bg >= COLOR_NONE &&
		   s->bg <= 255, "%s: colours %d on %d", what, s->fg, s->bg);
	FUZZ_CHECK((s->attr & ~(unsigned)(ST_BOLD | ST_DIM | ST_REVERSE |
					  ST_UNDERLINE | ST_ITALIC)) == 0,
		   "%s: attributes %#x", what, s->attr);
}

static void check_config(const struct config *c)
{
	FUZZ_CHECK(c->margin >= -1 && c->margin <= 40, "margin %d", c->margin);
	FUZZ_CHECK((c->side_by_side >= 1 && c->side_by_side <= 10000) ||
		   c->side_by_side == 100000, "side_by_side %d", c->side_by_side);
	FUZZ_CHECK(c->ambiguous == 1 || c->ambiguous == 2, "ambiguous %d",
		   c->ambiguous);
	FUZZ_CHECK(c->numbering == NUM_DECIMAL || c->numbering == NUM_PAREN ||
		   c->numbering == NUM_BULLET, "numbering %d", (int)c->numbering);
	FUZZ_CHECK(c->start <= 100000000UL, "start %lu", c->start);
	FUZZ_CHECK(memchr(c->theme, '\0', sizeof c->theme) &&
		   config_theme_known(c->theme), "theme %.16s", c->theme);
	for (int i = 0; i < FS_COUNT; i++)
		check_style(&c->styles[i], config_element_name(i));
	for (int m = 0; m < KM_COUNT; m++)
	for (int a = 0; a < ACT_COUNT; a++) {
		FUZZ_CHECK(c->keys.nkeys[m][a] >= 0 &&
			   c->keys.nkeys[m][a] <= KEYMAP_MAX_KEYS, "action %s: %d keys",
			   action_name((enum action)a), c->keys.nkeys[m][a]);
		FUZZ_CHECK(!c->keys.nkeys[m][a] ||
			   action_in_mode((enum action)a, (enum keymode)m),
			   "action %s bound in mode %s", action_name((enum action)a),
			   keymode_section((enum keymode)m));
		for (int k = 0; k < c->keys.nkeys[m][a]; k++) {
			int key = c->keys.keys[m][a][k];
			char name[64];
			FUZZ_CHECK(key >= 0 && key < KEY_LAST_, "action %s: key %d",
				   action_name((enum action)a), key);
			keycode_name(key, name, sizeof name);
			FUZZ_CHECK(keycode_parse(name) == key, "action %s: key %d "
				   "named \"%s\"", action_name((enum action)a), key,
				   name);
		}
	}
	const char *f = c->footer;
	size_t n = strnlen(f, sizeof c->footer);
	FUZZ_CHECK(n < sizeof c->footer, "footer not terminated");
	fuzz_check_inert(f, n, "footer template");
	for (const char *p = strchr(f, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		FUZZ_CHECK(e && footer_field_known(p + 1, (size_t)(e - p - 1)),
			   "footer template with an unknown field: %s", f);
	}
}

static void check_diags(const struct config_diags *d, const char *text)
{
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	for (size_t i = 0; i < d->n; i++) {
		const char *l = d->lines[i];
		FUZZ_CHECK(l && l[0] && !strchr(l, '\n'), "problem %zu is empty or "
			   "more than one line", i);
		FUZZ_CHECK(strncmp(l, "fuzz:", 5) == 0, "problem without the file "
			   "name: %s", l);
		char *end;
		unsigned long line = strtoul(l + 5, &end, 10);
		FUZZ_CHECK(end > l + 5 && *end == ':' && line >= 1 && line <= lines,
			   "problem not at a line of the %zu-line input: %s", lines,
			   l);
	}
}

static bool same_config(const struct config *a, const struct config *b)
{
	if (a->margin != b->margin || a->side_by_side != b->side_by_side ||
	    a->numbering != b->numbering || a->ambiguous != b->ambiguous ||
	    a->reveal_points != b->reveal_points || a->start != b->start ||
	    strcmp(a->theme, b->theme) != 0 || strcmp(a->footer, b->footer) != 0)
		return false;
	for (int i = 0; i < FS_COUNT; i++)
		if (a->styles[i].fg != b->styles[i].fg ||
		    a->styles[i].bg != b->styles[i].bg ||
		    a->styles[i].attr != b->styles[i].attr ||
		    a->style_set[i] != b->style_set[i])
			return false;
	for (int m = 0; m < KM_COUNT; m++)
		for (int i = 0; i < ACT_COUNT; i++)
			if (a->keys.nkeys[m][i] != b->keys.nkeys[m][i] ||
			    memcmp(a->keys.keys[m][i], b->keys.keys[m][i],
				   sizeof a->keys.keys[m][i][0] *
					   (size_t)a->keys.nkeys[m][i]))
				return false;
	return true;
}

/* The text without the lines that are comments (';' or '#' first, after
 * blanks). Caller frees. */
static char *drop_comments(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");
		size_t b = strspn(l, " \t");
		if (b >= n || (l[b] != ';' && l[b] != '#'))
			sb_put(&sb, l, n);
		if (l[n] == '\n')
			sb_putc(&sb, '\n');
		l += n + (l[n] == '\n');
	}
	return sb_take(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	struct config c;
	struct config_diags d = { 0 };
	config_default(&c);
	check_config(&c);
	FUZZ_CHECK(config_load_string(&c, "fuzz", text, &d), "a string config "
		   "could not be read");
	check_diags(&d, text);
	check_config(&c);
	config_diags_free(&d);

	char *bare = drop_comments(text);
	if (strcmp(bare, text) != 0) {
		struct config b;
		config_default(&b);
		config_load_string(&b, "fuzz", bare, &d);
		config_diags_free(&d);
		FUZZ_CHECK(same_config(&c, &b), "comment lines changed the "
			   "settings");
	}
	free(bare);

	/* the text as one value */
	struct style st;
	char bad[64];
	bad[0] = '\0';
	if (config_parse_style(text, &st, bad, sizeof bad))
		check_style(&st, "style value");
	else
		FUZZ_CHECK(memchr(bad, '\0', sizeof bad) && bad[0],
			   "a bad style without the bad word");
	struct config t;
	config_default(&t);
	bool known = strcasecmp(text, "dark") == 0 ||
		     strcasecmp(text, "light") == 0 || strcasecmp(text, "mono") == 0 ||
		     strcasecmp(text, "auto") == 0;
	FUZZ_CHECK(config_set_theme(&t, text) == known, "theme \"%s\"", text);
	check_config(&t);
	free(text);
	return 0;
}
