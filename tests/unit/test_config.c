/* test_config.c — settings from INI text: every section, the defaults kept
 * for what is wrong, and path:line: [section] key: message for each
 * problem. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lectern/config.h"

static bool has(const struct config_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->lines[i], needle))
			return true;
	return false;
}

static void test_good(void)
{
	struct config c;
	struct config_diags d = { 0 };
	config_default(&c);
	config_load_string(&c, "t.ini",
		"[keys]\nnext = x, Space\nblack = none\nquit = C-q, F10\n"
		"[theme]\nname = light\nheader = bold 214 on 17\n"
		"[layout]\nmargin = 3\nside_by_side = 0\nnumbering = paren\n"
		"ambiguous_width = 2\n"
		"[footer]\ntemplate = {clock} {title}{>}{n}/{total}\n"
		"[present]\nreveal = points\nstart = 5\n", &d);
	CHECK(d.n == 0, "no problems: %s", d.n ? d.lines[0] : "");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'x') == ACT_NEXT, "x is next");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, ' ') == ACT_NEXT, "Space is next");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'j') == ACT_NONE, "the binding replaced the defaults");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'b') == ACT_NONE, "black unbound");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 17) == ACT_QUIT, "C-q quits");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, KEY_F0_ + 10) == ACT_QUIT, "F10 quits");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'q') == ACT_NONE, "q no longer quits");
	CHECK(strcmp(c.theme, "light") == 0, "theme");
	CHECK(c.styles[LS_HEADER].fg == 214 && c.styles[LS_HEADER].bg == 17 &&
	      (c.styles[LS_HEADER].attr & ST_BOLD), "header style");
	CHECK(c.styles[LS_RULE].fg == 4, "light rule is blue");
	CHECK(c.margin == 3 && c.side_by_side > 10000 && c.numbering == NUM_PAREN &&
	      c.ambiguous == 2, "layout");
	CHECK(strcmp(c.footer, "{clock} {title}{>}{n}/{total}") == 0, "footer");
	CHECK(c.reveal_points && c.start == 5, "present");
	/* a key bound elsewhere leaves its old action */
	config_load_string(&c, "t2.ini", "[keys]\nhelp = x\n", &d);
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'x') == ACT_HELP, "x moved to help");
	config_diags_free(&d);
	/* an override survives a theme switch (the command line's --theme) */
	config_set_theme(&c, "mono");
	CHECK(c.styles[LS_HEADER].fg == 214, "override kept");
	CHECK(c.styles[LS_RULE].fg == COLOR_NONE, "mono rule has no colour");
}

static void test_bad(void)
{
	struct config c, def;
	struct config_diags d = { 0 };
	config_default(&c);
	config_default(&def);
	config_load_string(&c, "bad.ini",
		"[keys]\n"                       /* 1 */
		"next = Space, Bogus\n"          /* 2 */
		"jump = x\n"                     /* 3 */
		"[colours]\n"                    /* 4 */
		"header = red\n"                 /* 5 */
		"[theme]\n"                      /* 6 */
		"name = neon\n"                  /* 7 */
		"header = bold chartreuse\n"     /* 8 */
		"[layout]\n"                     /* 9 */
		"ambiguous_width = 3\n"          /* 10 */
		"margin = wide\n"                /* 11 */
		"[footer]\n"                     /* 12 */
		"template = {title} {weather}\n" /* 13 */
		"[present]\n"                    /* 14 */
		"reveal = some\n"                /* 15 */
		"this line has no equals sign\n" /* 16 */
		, &d);
	CHECK(has(&d, "bad.ini:2: [keys] next: unknown key name \"Bogus\""), "bad key name");
	CHECK(has(&d, "bad.ini:3: [keys] jump: unknown action"), "bad action");
	CHECK(has(&d, "bad.ini:5: [colours] header: unknown section"), "bad section");
	CHECK(has(&d, "bad.ini:7: [theme] name: unknown theme"), "bad theme");
	CHECK(has(&d, "bad.ini:8: [theme] header: \"chartreuse\""), "bad colour");
	CHECK(has(&d, "bad.ini:10: [layout] ambiguous_width:"), "bad width");
	CHECK(has(&d, "bad.ini:11: [layout] margin:"), "bad margin");
	CHECK(has(&d, "bad.ini:13: [footer] template: unknown field \"{weather}\""), "bad field");
	CHECK(has(&d, "bad.ini:15: [present] reveal:"), "bad reveal");
	CHECK(has(&d, "bad.ini:16: syntax error"), "syntax error");
	/* every bad setting kept its default */
	CHECK(memcmp(&c.keys, &def.keys, sizeof c.keys) == 0, "keys unchanged");
	CHECK(memcmp(c.styles, def.styles, sizeof c.styles) == 0, "styles unchanged");
	CHECK(c.ambiguous == 1 && c.margin == -1 && !c.reveal_points, "layout unchanged");
	CHECK(strcmp(c.footer, def.footer) == 0, "footer unchanged");
	config_diags_free(&d);
	CHECK(!config_load(&c, "/nonexistent/lectern.ini", &d) && d.n == 1 &&
	      strstr(d.lines[0], "cannot read"), "missing file reported");
	config_diags_free(&d);
	CHECK(!config_load(&c, "/", &d) && d.n == 1 &&
	      strstr(d.lines[0], "/: is a directory"), "a directory reported");
	config_diags_free(&d);
}

/* Bindings that would leave a presenter stuck or an action silently
 * unbound are refused, and say so at their line. */
static void test_vital(void)
{
	struct config c, def;
	struct config_diags d = { 0 };
	config_default(&c);
	config_default(&def);
	config_load_string(&c, "v.ini",
		"[keys]\n"                       /* 1 */
		"quit = none\n"                  /* 2 */
		"next = ,\n"                     /* 3 */
		"search =\n"                     /* 4 */
		"first = Space, Right, l, j, n, PgDn, Enter, Down\n" /* 5 */
		"prev = none\n"                  /* 6 */
		, &d);
	CHECK(d.n == 5, "five problems: %zu", d.n);
	CHECK(has(&d, "v.ini:2: [keys] quit: this leaves no key to quit"), "quit = none");
	CHECK(has(&d, "v.ini:3: [keys] next: no key given, and next needs one"), "next = ,");
	CHECK(has(&d, "v.ini:4: [keys] search: no key given (to unbind search, write \"none\")"),
	      "search =");
	CHECK(has(&d, "v.ini:5: [keys] first: this leaves next with no key"),
	      "a binding that takes every key of next");
	CHECK(has(&d, "v.ini:6: [keys] prev: this leaves prev with no key"), "prev = none");
	CHECK(memcmp(&c.keys, &def.keys, sizeof c.keys) == 0, "the defaults stay");
	config_diags_free(&d);
}

/* A section header with no ']' is one error; the lines under it are
 * skipped, not read into the section before; problems in line order. */
static void test_broken_header(void)
{
	struct config c;
	struct config_diags d = { 0 };
	config_default(&c);
	config_load_string(&c, "h.ini",
		"[layout]\n"                     /* 1 */
		"margin = 3\n"                   /* 2 */
		"[keys\n"                        /* 3 */
		"next = x\n"                     /* 4 */
		"help = y\n"                     /* 5 */
		"[theme]\n"                      /* 6 */
		"no equals here\n"               /* 7 */
		"name = neon\n"                  /* 8 */
		"and none here\n"                /* 9 */
		, &d);
	CHECK(d.n == 4, "four problems: %zu", d.n);
	CHECK(d.n > 0 && strstr(d.lines[0], "h.ini:3: section header with no ']'"),
	      "the header, first: %s", d.n ? d.lines[0] : "");
	CHECK(d.n > 1 && strstr(d.lines[1], "h.ini:7: syntax error"), "line 7 second");
	CHECK(d.n > 2 && strstr(d.lines[2], "h.ini:8: [theme] name"), "line 8 third");
	CHECK(d.n > 3 && strstr(d.lines[3], "h.ini:9: syntax error"), "line 9 last");
	CHECK(c.margin == 3, "the section before was read");
	CHECK(keymap_lookup(&c.keys, KM_SLIDE, 'x') == ACT_NONE, "lines under it skipped");
	config_diags_free(&d);
}

static void test_keys(void)
{
	for (int k = 1; k < KEY_LAST_; k++) {
		if (k == KEY_RESIZE_ || k == KEY_F0_ || (k > 0x7E && k < KEY_BASE && k != 0x7F &&
					 k % 4099 != 0))
			continue;
		char name[32];
		keycode_name(k, name, sizeof name);
		int back = keycode_parse(name);
		if (k == '\n' || k == 8 || k == 0x1B || k == 0x7F || k == '\r' ||
		    k == '\t' || k == ' ' || k == ',')
			continue; /* named keys have their own names */
		CHECK(back == k, "key %d named '%s' parses back as %d", k, name, back);
	}
	CHECK(keycode_parse("Space") == ' ' && keycode_parse("PgDn") == KEY_PGDN_ &&
	      keycode_parse("F5") == KEY_F0_ + 5 && keycode_parse("C-n") == 14 &&
	      keycode_parse("é") == 0xE9 && keycode_parse("F13") == -1 &&
	      keycode_parse("ab") == -1 && keycode_parse("") == -1, "key names");
	/* the names messages list: each key once, S-Tab among them */
	char names[512];
	keycode_names(names, sizeof names);
	CHECK(strstr(names, ", S-Tab") && strstr(names, ", Comma") &&
	      !strstr(names, "BackTab") && !strstr(names, "Return"), "%s", names);
}

int main(int argc, char **argv)
{
	check_wrap(argc, argv);
	test_good();
	test_bad();
	test_vital();
	test_broken_header();
	test_keys();
	return check_done();
}
