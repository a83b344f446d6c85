/* test_inject.c — terminal injection, seen from the terminal: the real
 * lectern binary in a pseudo-terminal presents a deck whose titles and
 * points are full of escape sequences (OSC 0/2 title changes, OSC 52
 * clipboard writes, OSC 4 palette changes, CSI mode changes, DCS, C1
 * controls, device queries, a full reset). Every slide, the contents, the
 * overview, a search and the help are shown, and the test proves that none
 * of it reached the terminal as a control: the byte stream lectern wrote
 * holds none of those sequences (so no query made the terminal answer)
 * but lectern's own background query, once, before anything is drawn,
 * libvterm saw no title set, no OSC or DCS, no bell, and the alternate
 * screen and hidden cursor stayed as lectern set them until it quit; the
 * sequences are on screen as inert text ("^[", U+FFFD). Runs at 80x24 and
 * 40x12.
 * usage: test_inject LECTERN */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/check.h"
#include "lectern/strbuf.h"
#include "lectern/termbg.h"
#include "lectern/text.h"
#include "vt.h"

static const char *lectern;
static char tmpdir[] = "/tmp/lectern-inject-XXXXXX";

/* ---- the deck ---------------------------------------------------------
 * Each sequence is split where a hex escape would swallow the next
 * character ("\x1b" "c" is ESC c, "\x1bc" would be one character). None
 * holds a comma: a comma separates the deck's boxes. */
static const char *const seqs[] = {
	"\x1b]0;pwned-title\x07",          /* OSC 0: window and icon title */
	"\x1b]2;pwned-st\x1b\\",           /* OSC 2 ended by ST */
	"\x1b]52;c;cHduZWQ=\x07",          /* OSC 52: write the clipboard */
	"\x1b]4;1;rgb:ff/00/00\x07",       /* OSC 4: change a palette colour */
	"\x1b[?1049l",                     /* leave the alternate screen */
	"\x1b[?25h",                       /* show the cursor */
	"\x1b[2J",                         /* clear the screen */
	"\x1b[H",                          /* cursor home */
	"\x1b" "P1$qm\x1b\\",              /* DCS: request status string */
	"\xc2\x9b" "31m",                  /* C1 CSI (U+009B): red */
	"\xc2\x9d" "0;c1-title\xc2\x9c",   /* C1 OSC ... C1 ST */
	"\x1b[6n",                         /* report the cursor position */
	"\x1b[c",                          /* device attributes */
	"\x1b" "c",                        /* RIS: full reset */
	"\x1b#8",                          /* DECALN: fill the screen with E */
	"\x0e",                            /* SO: shift to G1 */
	"\x07",                            /* BEL */
	"\x1b[?1000h",                     /* mouse reporting */
	"\x1b]8;;http://x.invalid/\x07link\x1b]8;;\x07", /* OSC 8 hyperlink */
	"\x1b_apc\x1b\\",                  /* APC */
	"\x1b[5i",                         /* printer on */
	"\x1b[?1h\x1b=",                   /* application cursor keys, keypad */
};
#define NSEQ (sizeof seqs / sizeof seqs[0])

/* What lectern must show instead (text.h, text_inert): on one screen row
 * each, short enough not to be wrapped at 80 columns. */
static const char *const shown[] = {
	"^[]0;pwned-title^G", "^[]2;pwned-st^[\\", "^[]52;c;cHduZWQ=^G",
	"^[]4;1;rgb:ff/00/00^G", "^[[?1049l", "^[[?25h", "^[[2J", "^[[H",
	"^[P1$qm^[\\", "\xEF\xBF\xBD" "31m", "\xEF\xBF\xBD" "0;c1-title\xEF\xBF\xBD",
	"^[[6n", "^[[c", "^[c", "^[#8", "^N", "^G", "^[[?1000h",
	"^[]8;;http://x.invalid/^Glink^[]8;;^G", "^[_apc^[\\", "^[[5i",
	"^[[?1h^[=",
};

#define NSECTIONS 3
#define NSLIDES 2 /* per section */
#define NPOINTS 4 /* per block, one block per slide */

static const char *section_title(int s, struct strbuf *sb)
{
	static const char *const names[NSECTIONS] = { "Alpha", "Beta", "Gamma" };
	sb_reset(sb);
	sb_printf(sb, "%s %s", names[s], seqs[(4 + s) % NSEQ]);
	return sb->data;
}

/* The deck in the outline format (FORMAT.md): one block per slide, so
 * every title follows a known header and every seam is certain. */
static char *make_deck(void)
{
	struct strbuf d = STRBUF_INIT, t = STRBUF_INIT;
	const char *title = "Deck \x1b]0;pwned-title\x07 Title \xc2\x9d" "0;c1-title\xc2\x9c";
	sb_printf(&d, "%s,", title);
	for (int s = 0; s < NSECTIONS; s++)
		sb_printf(&d, "%s%s", s ? " " : "", section_title(s, &t));
	sb_puts(&d, ",Contents \x1b[2J Page,\xe7\x9b\xae\xe5\xbd\x95\xe9\xa1\xb5,");
	size_t k = 0;
	for (int s = 0; s < NSECTIONS; s++) {
		section_title(s, &t);
		sb_printf(&d, "%s,%s,", t.data, title);
		for (int l = 0; l < NSLIDES; l++) {
			sb_printf(&d, "%s,Block %s %d,", t.data, seqs[k++ % NSEQ], l + 1);
			for (int p = 0; p < NPOINTS; p++)
				sb_printf(&d, "%d.Point %s here.", p + 1, seqs[k++ % NSEQ]);
		}
	}
	sb_free(&t);
	return sb_take(&d);
}

/* ---- watching the terminal --------------------------------------------
 * vt.c keeps every byte lectern writes (vt_log_start); the callbacks below
 * count what libvterm acted on. */

static int alt_off, cursor_on, title_sets, bells, oscs, dcss, bg_queries;
static bool running; /* lectern has drawn and not been told to quit */

/* Up to 40 bytes at s, controls shown as '.', for a message. */
static const char *excerpt(const char *s, size_t n)
{
	static char buf[48];
	size_t i;
	for (i = 0; i < n && i < 40; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F ? '.' : s[i];
	buf[i] = '\0';
	return buf;
}

static int on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *t = user;
	if (prop == VTERM_PROP_ALTSCREEN) {
		t->altscreen = val->boolean;
		if (running && !val->boolean)
			alt_off++;
	} else if (prop == VTERM_PROP_CURSORVISIBLE) {
		t->cursor_visible = val->boolean;
		if (running && val->boolean)
			cursor_on++;
	} else if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME) {
		t->title_sets++;
		title_sets++;
	}
	return 1;
}

static int on_bell(void *user)
{
	(void)user;
	bells++;
	return 1;
}

static int on_osc(const char *command, size_t len, void *user)
{
	(void)user;
	if (len == 4 && memcmp(command, "11;?", 4) == 0) {
		bg_queries++; /* lectern's own: what is the background? */
		return 1;
	}
	oscs++;
	fprintf(stderr, "OSC reached the terminal: %s\n", excerpt(command, len));
	return 1;
}

static int on_dcs(const char *command, size_t len, void *user)
{
	(void)user;
	dcss++;
	fprintf(stderr, "DCS reached the terminal: %s\n", excerpt(command, len));
	return 1;
}

static const VTermScreenCallbacks screen_cb = {
	.settermprop = on_prop,
	.bell = on_bell,
};

static const VTermParserCallbacks fallbacks = {
	.osc = on_osc,
	.dcs = on_dcs,
};

/* Sequences a terminal acts on that lectern itself never sends while it
 * runs (ncurses clears with CSI 2 J, so that one is checked on screen). */
static const struct {
	const char *seq, *name;
} never[] = {
	{ "\x1b]", "OSC" }, { "\x1bP", "DCS" }, { "\x1b_", "APC" },
	{ "\x1b^", "PM" }, { "\x1bX", "SOS" }, { "\x1b" "c", "RIS" },
	{ "\x1b#8", "DECALN" }, { "\x1b[?1049l", "CSI ?1049l" },
	{ "\x1b[?47l", "CSI ?47l" }, { "\x1b[?1047l", "CSI ?1047l" },
	{ "\x1b[?25h", "CSI ?25h" }, { "\x1b[6n", "CSI 6n" }, { "\x1b[c", "CSI c" },
	{ "\x1b[>c", "CSI >c" }, { "\x1b[5i", "CSI 5i" },
	{ "\x1b[?1000h", "CSI ?1000h" }, { "\x0e", "SO" }, { "\x07", "BEL" },
};

/* What lectern wrote holds none of `never`, no C1 control (UTF-8 C2 80..9F)
 * and is valid UTF-8. */
static void check_stream(struct vt *t, const char *where)
{
	const char *log = t->log ? t->log : "";
	size_t n = t->loglen;
	/* lectern's background query, once, before the screen is first
	 * cleared, then left out of what is searched */
	static const char query[] = TERMBG_QUERY;
	char *s = malloc(n + 1);
	memcpy(s, log, n);
	char *q = memmem(s, n, query, sizeof query - 1);
	if (q) {
		char *clear = memmem(s, n, "\x1b[2J", 4);
		CHECK(clear && q < clear, "%s: the query came after drawing began",
		      where);
		memmove(q, q + sizeof query - 1,
			n - (size_t)(q - s) - (sizeof query - 1));
		n -= sizeof query - 1;
		CHECK(!memmem(s, n, query, sizeof query - 1), "%s: asked twice",
		      where);
	}
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
		const char *hit = memmem(s, n, never[i].seq, strlen(never[i].seq));
		CHECK(!hit, "%s: lectern wrote %s at byte %zu: %s", where, never[i].name,
		      hit ? (size_t)(hit - s) : 0,
		      hit ? excerpt(hit, n - (size_t)(hit - s)) : "");
	}
	for (size_t i = 0; i + 1 < n; i++)
		if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			CHECK(0, "%s: a C1 control (U+%04X) at byte %zu", where,
			      (unsigned char)s[i + 1], i);
			break;
		}
	size_t bad = 0;
	CHECK(text_valid_utf8(s, n, &bad), "%s: the stream is not UTF-8 at byte %zu",
	      where, bad);
	free(s);
}

static void check_state(struct vt *t, const char *where)
{
	CHECK(title_sets == 0, "%s: the window title was set %d times", where, title_sets);
	CHECK(oscs == 0 && dcss == 0, "%s: %d OSC and %d DCS reached the terminal",
	      where, oscs, dcss);
	CHECK(bg_queries <= 1, "%s: the background asked %d times", where,
	      bg_queries);
	CHECK(bells == 0, "%s: the bell rang %d times", where, bells);
	CHECK(alt_off == 0 && t->altscreen, "%s: left the alternate screen (%d)", where,
	      alt_off);
	CHECK(cursor_on == 0 && !t->cursor_visible, "%s: the cursor was shown (%d)",
	      where, cursor_on);
	/* DECALN or a reset would leave rows of E or an empty screen */
	char *row = vt_row(t, 1);
	CHECK(strncmp(row, "EEEEEEEEEE", 10) != 0, "%s: screen filled with E", where);
	free(row);
}

/* Appends the screen, rows joined by newlines. */
static void grab(struct vt *t, struct strbuf *all)
{
	char *s = vt_screen(t);
	sb_puts(all, s);
	free(s);
}

static void present(const char *deck, int cols, int rows, bool check_text)
{
	char where[64];
	snprintf(where, sizeof where, "%dx%d", cols, rows);
	alt_off = cursor_on = title_sets = bells = oscs = dcss = bg_queries = 0;
	running = false;

	struct vt t;
	char *argv[] = { (char *)lectern, (char *)deck, NULL };
	if (!vt_spawn(&t, cols, rows, "xterm-256color", argv)) {
		CHECK(0, "%s: spawn", where);
		return;
	}
	vt_log_start(&t);
	vterm_screen_set_callbacks(t.vs, &screen_cb, &t);
	vterm_screen_set_unrecognised_fallbacks(t.vs, &fallbacks, &t);
	int npages = 2 + NSECTIONS * (1 + NSLIDES);
	char last[32];
	snprintf(last, sizeof last, "%d/%d", npages, npages);
	bool up = vt_wait_loaded(&t, 3000);
	CHECK(up, "%s: lectern shows the first slide", where);
	if (!up) {
		vt_close(&t);
		return;
	}
	vt_pump(&t, 200, 50);
	running = true;
	check_state(&t, where);

	/* every slide, every screen of it */
	struct strbuf all = STRBUF_INIT;
	bool end = false;
	for (int i = 0; i < 300 && !end; i++) {
		grab(&t, &all);
		char *f = vt_row(&t, t.rows - 1);
		end = strstr(f, last) && (!strstr(f, "(") || strstr(f, "(2/2)") ||
					  strstr(f, "(3/3)") || strstr(f, "(4/4)"));
		free(f);
		if (!end) {
			vt_send(&t, " ");
			vt_pump_reply(&t, 2000, 300, 40);
		}
	}
	CHECK(end, "%s: paged through to %s", where, last);
	check_state(&t, "paging");
	/* the contents, the overview, a search, the help */
	static const char *const views[][2] = {
		{ "t", "contents" }, { "\x1b", NULL }, { "o", "overview" },
		{ "\r", NULL }, { "g/pwned\r", "search" }, { "n", NULL },
		{ "?", "help" }, { "\x1b", NULL },
	};
	for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
		vt_send(&t, views[v][0]);
		vt_pump_reply(&t, 2000, 300, 40);
		grab(&t, &all);
		if (views[v][1])
			check_state(&t, views[v][1]);
	}
	check_stream(&t, where);

	if (check_text) {
		for (size_t i = 0; i < NSEQ; i++)
			CHECK(strstr(all.data, shown[i]) != NULL,
			      "%s: '%s' not seen on screen", where, shown[i]);
		CHECK(strstr(all.data, "Contents ^[[2J Page") != NULL,
		      "%s: the contents label inert", where);
	}

	/* quit: lectern puts the terminal back */
	running = false;
	vt_send(&t, "q");
	CHECK(vt_wait_exit(&t, 3000) == 0, "%s: q exits 0", where);
	CHECK(!t.altscreen && t.cursor_visible, "%s: screen restored on exit", where);
	CHECK(title_sets == 0, "%s: no title set, even on exit", where);
	vt_close(&t);
	sb_free(&all);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_inject LECTERN\n");
		return 2;
	}
	lectern = argv[1];
	if (!mkdtemp(tmpdir))
		return 2;
	/* where lectern keeps resume state and rehearsal records: never the
	 * user's own */
	char state[300];
	snprintf(state, sizeof state, "%s/state", tmpdir);
	setenv("XDG_STATE_HOME", state, 1);
	char path[128];
	snprintf(path, sizeof path, "%s/escapes.txt", tmpdir);
	char *deck = make_deck();
	FILE *f = fopen(path, "wb");
	if (!f || fputs(deck, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		return 2;
	}
	free(deck);

	/* the importer kept the deck's shape: a sanity check that the deck
	 * is one, or the screens below would prove little */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s --export text --width 80 %s", lectern, path);
	FILE *p = popen(cmd, "r");
	struct strbuf ex = STRBUF_INIT;
	char buf[4096];
	size_t r;
	while (p && (r = fread(buf, 1, sizeof buf, p)) > 0)
		sb_put(&ex, buf, r);
	int st = p ? pclose(p) : -1;
	CHECK(st == 0 && ex.data, "the deck exports");
	size_t pages = 1;
	for (size_t i = 1; i < ex.len; i++)
		pages += ex.data[i] == '\f' && ex.data[i - 1] == '\n';
	CHECK(pages == 2 + NSECTIONS * (1 + NSLIDES), "the deck has %zu pages", pages);
	sb_free(&ex);

	present(path, 80, 24, true);
	present(path, 40, 12, false);

	check_rmtree(tmpdir);
	return check_done();
}
