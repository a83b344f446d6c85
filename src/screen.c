/* screen.c — drawing frames and reading keys with ncursesw. The only file
 * that includes <curses.h>. It draws by erasing the virtual screen and
 * adding the frame's spans; curses then sends the terminal only the cells
 * that changed, so a page turn costs little more than its new text. */
#define NCURSES_WIDECHAR 1
#include "lectern/screen.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lectern/keys.h"
#include "lectern/strbuf.h"
#include "lectern/termbg.h"

struct screen {
	SCREEN *scr;
	WINDOW *keys; /* a pad to read keys through: reading never refreshes */
	FILE *in;     /* the terminal we read keys from */
	bool own_in;  /* opened /dev/tty ourselves */
	attr_t attrs[FS_COUNT];
	short pairs[FS_COUNT];
	long filled;  /* cells the last frame drew */
	/* East Asian ambiguous characters two columns wide: curses counts
	 * them as one, so frames are written directly, each span at its
	 * absolute place, and only changed rows are rewritten. */
	bool direct;
	char **rows;  /* the last frame's rows, serialised, for the diff */
	int nrows;
	struct strbuf out;
	struct termbg_answer bg;       /* what the terminal said in time */
	bool asked;
	int64_t asked_at;              /* when the query went out */
	struct termios shell_modes;    /* the tty's modes before the query */
	int modes_fd;                  /* the tty they are of */
	bool quiet_as_shell;           /* newterm took send_query's quiet
					* modes for the shell's: endwin
					* leaves them (endwin_to_shell) */
	struct termbg_filter replies;  /* keeps late replies out of the keys */
	int early[32];                 /* keys typed while asking, to come */
	int nearly, earlypos;
	bool read_first;               /* curses may hold keys: read before
					* the next poll */
	bool styled;                   /* styles set, a frame maybe drawn */
};

static struct screen *active; /* for the emergency restore */

static void endwin_to_shell(struct screen *s);

/* The nearest of the 8 basic colours to a colour of the xterm 256-colour
 * palette, for terminals with fewer colours. */
static short to_basic(short c)
{
	if (c < 8)
		return c;
	if (c < 16)
		return (short)(c - 8);
	int r, g, b;
	if (c >= 232) {
		r = g = b = (c - 232) * 10 + 8;
	} else {
		int i = c - 16;
		r = (i / 36) * 51;
		g = (i / 6 % 6) * 51;
		b = (i % 6) * 51;
	}
	/* each channel on or off; black and white by brightness */
	int bits = (r > 127) | (g > 127) << 1 | (b > 127) << 2;
	static const short basic[8] = { COLOR_BLACK, COLOR_RED, COLOR_GREEN,
		COLOR_YELLOW, COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN, COLOR_WHITE };
	return basic[bits];
}

static short fit_colour(short c)
{
	if (c < 0 || c < COLORS)
		return c;
	return COLORS >= 16 && c < 16 ? c : to_basic(c);
}

static attr_t to_attr(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & ST_BOLD)
		r |= A_BOLD;
	if (a & ST_DIM)
		r |= A_DIM;
	if (a & ST_REVERSE)
		r |= A_REVERSE;
	if (a & ST_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ST_ITALIC)
		r |= A_ITALIC;
	return r;
}

/* Curses attributes for each style: the theme's colours where the
 * terminal has colours (fitted to 8 or 16 where it has no 256), else the
 * monochrome styles. */
static void setup_styles(struct screen *s, const struct style *colour_styles,
			 const struct style *mono_styles)
{
	/* NO_COLOR is main's to weigh against an explicit theme */
	bool colour = has_colors();
	const struct style *st = colour ? colour_styles : mono_styles;
	short npairs = 0;
	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < FS_COUNT; i++) {
		s->attrs[i] = to_attr(st[i].attr);
		s->pairs[i] = 0;
		if (!colour || (st[i].fg < 0 && st[i].bg < 0))
			continue;
		short fg = fit_colour(st[i].fg), bg = fit_colour(st[i].bg);
		if (st[i].fg >= 8 && st[i].fg < 16 && COLORS < 16)
			s->attrs[i] |= A_BOLD; /* bright colours as bold */
		/* one pair per distinct combination */
		short pair = 0;
		for (short p = 1; p <= npairs && !pair; p++) {
			short f, b;
			pair_content(p, &f, &b);
			if (f == fg && b == bg)
				pair = p;
		}
		if (!pair && npairs + 1 < COLOR_PAIRS) {
			pair = ++npairs;
			init_pair(pair, fg, bg);
		}
		s->pairs[i] = pair;
		s->attrs[i] |= COLOR_PAIR(pair);
	}
}

static bool send_query(struct screen *s);
static void take_answers(struct screen *s);

void screen_set_styles(struct screen *s, const struct style *colour_styles,
		       const struct style *mono_styles)
{
	setup_styles(s, colour_styles, mono_styles);
	if (s->styled) {
		/* the colours of pairs on screen changed: paint it all */
		for (int i = 0; i < s->nrows; i++) {
			free(s->rows[i]);
			s->rows[i] = NULL;
		}
		clearok(curscr, TRUE);
	}
	s->styled = true;
}

/* Whether fd is the terminal stdout writes to: a reply to a query on
 * stdout comes in there and nowhere else. */
static bool same_terminal(int fd)
{
	struct stat a, b;
	return isatty(fd) && isatty(STDOUT_FILENO) && fstat(fd, &a) == 0 &&
	       fstat(STDOUT_FILENO, &b) == 0 && a.st_rdev == b.st_rdev;
}

struct screen *screen_open(bool direct, bool ask_bg, char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	if (!term || !*term) {
		snprintf(err, errlen, "TERM is not set: lectern cannot drive this "
			 "terminal (set TERM, e.g. TERM=xterm-256color)");
		return NULL;
	}
	/* checked apart from newterm: its failure path leaks inside ncurses,
	 * and on a terminal it accepts but lectern cannot use (TERM=dumb) it
	 * has already changed the tty's modes, which only endwin restores.
	 * Loading the terminfo entry twice costs about 0.04 ms. */
	int terr = 0;
	if (setupterm(term, STDOUT_FILENO, &terr) != OK) {
		snprintf(err, errlen, "TERM=%s is not a terminal type this system "
			 "knows (no terminfo entry; try TERM=xterm-256color)", term);
		return NULL;
	}
	bool usable = cursor_address != NULL && !generic_type && !hard_copy;
	bool colours = max_colors >= 8;
	del_curterm(cur_term);
	if (!usable) {
		snprintf(err, errlen, "TERM=%s cannot place the cursor, so it cannot "
			 "show slides (use a terminal such as xterm, or --export "
			 "text)", term);
		return NULL;
	}
	struct screen *s = xcalloc(1, sizeof *s);
	if (isatty(STDIN_FILENO)) {
		s->in = stdin;
	} else {
		/* the deck may come on stdin: keys still come from the tty */
		s->in = fopen("/dev/tty", "r");
		s->own_in = true;
		if (!s->in) {
			snprintf(err, errlen, "cannot open /dev/tty to read keys");
			free(s);
			return NULL;
		}
	}
	/* ask where colours will be used (NO_COLOR is main's: it makes the
	 * theme mono unless one is named) */
	bool asked = ask_bg && colours &&
		     same_terminal(fileno(s->in)) && send_query(s);
	s->scr = newterm(term, stdout, s->in);
	if (!s->scr) {
		snprintf(err, errlen, "cannot start the terminal (TERM=%s)", term);
		if (s->quiet_as_shell)
			tcsetattr(s->modes_fd, TCSANOW, &s->shell_modes);
		if (s->own_in)
			fclose(s->in);
		free(s);
		return NULL;
	}
	set_term(s->scr);
	active = s;
	raw();
	noecho();
	nonl();
	/* keys are read through a pad: wgetch on stdscr would refresh it, and
	 * reading before the first frame would send curses' start-up output
	 * (the alternate screen, a clear) on its own */
	s->keys = newpad(1, 1);
	if (!s->keys)
		s->keys = stdscr;
	keypad(s->keys, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	termbg_filter_init(&s->replies);
	if (asked)
		take_answers(s);
	s->direct = direct;
	if (direct) {
		/* a clear start; from here on, frames bypass curses' model */
		clearok(curscr, TRUE);
		wrefresh(stdscr);
	}
	return s;
}

void screen_close(struct screen *s)
{
	if (!s)
		return;
	curs_set(1);
	endwin_to_shell(s);
	/* a terminal with no alternate screen (the Linux console, vt100)
	 * keeps the last slide under the shell's prompt: clear it */
	if ((!enter_ca_mode || !*enter_ca_mode) && clear_screen) {
		putp(clear_screen);
		fflush(stdout);
	}
	if (s->keys != stdscr)
		delwin(s->keys);
	delscreen(s->scr);
	if (s->own_in)
		fclose(s->in);
	active = NULL;
	for (int i = 0; i < s->nrows; i++)
		free(s->rows[i]);
	free(s->rows);
	sb_free(&s->out);
	free(s);
}

void screen_emergency_restore(void)
{
	if (!active)
		return;
	endwin_to_shell(active);
}

void screen_size(struct screen *s, int *width, int *height)
{
	(void)s;
	getmaxyx(stdscr, *height, *width);
}

void screen_resize(struct screen *s)
{
	(void)s;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
}

static int map_key(int code)
{
	static const struct {
		int curses, ours;
	} table[] = {
		{ KEY_UP, KEY_UP_ }, { KEY_DOWN, KEY_DOWN_ },
		{ KEY_LEFT, KEY_LEFT_ }, { KEY_RIGHT, KEY_RIGHT_ },
		{ KEY_PPAGE, KEY_PGUP_ }, { KEY_NPAGE, KEY_PGDN_ },
		{ KEY_HOME, KEY_HOME_ }, { KEY_END, KEY_END_ },
		{ KEY_IC, KEY_INSERT_ }, { KEY_DC, KEY_DELETE_ },
		{ KEY_BTAB, KEY_BTAB_ }, { KEY_RESIZE, KEY_RESIZE_ },
		{ KEY_BACKSPACE, 127 }, { KEY_ENTER, '\r' },
		{ KEY_A1, KEY_HOME_ }, { KEY_C1, KEY_END_ },
		{ KEY_A3, KEY_PGUP_ }, { KEY_C3, KEY_PGDN_ },
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].curses == code)
			return table[i].ours;
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return KEY_F0_ + (code - KEY_F0);
	return -1;
}

const struct termbg_answer *screen_background(const struct screen *s)
{
	return &s->bg;
}

int screen_input_fd(const struct screen *s)
{
	return fileno(s->in);
}

/* The next key from curses as a lectern key: -1 when none came within
 * timeout_ms, -2 for a key lectern has no code for. */
static int curses_key(struct screen *s, int timeout_ms)
{
	wtimeout(s->keys, timeout_ms);
	wint_t wch;
	int r = wget_wch(s->keys, &wch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		int k = map_key((int)wch);
		return k < 0 ? -2 : k;
	}
	if (wch == '\n')
		return '\r';
	return (int)wch;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void note_answers(struct screen *s);

/* The next key through the reply filter, waiting at most timeout_ms: the
 * answers to the background query arrive as keys (ESC, ], 1, 1, ;, ...),
 * the filter takes them out, and note_answers sees what they said.
 * waiting: a prefix of an answer waits for the rest (TERMBG_PREFIX_MS)
 * and is then taken as keys; else it stays held for the next call. */
static int next_key(struct screen *s, int timeout_ms, bool waiting)
{
	for (;;) {
		int k = termbg_filter_get(&s->replies);
		if (k >= 0)
			return k;
		int hold = termbg_filter_hold_ms(&s->replies);
		k = curses_key(s, hold < 0 ? timeout_ms : waiting ? hold : 0);
		if (k == -2)
			continue;
		if (k == -1) {
			if (hold < 0 || !waiting) {
				s->read_first = hold >= 0;
				return -1;
			}
			termbg_filter_flush(&s->replies);
			continue;
		}
		termbg_filter_put(&s->replies, k, monotonic_ms());
		note_answers(s);
	}
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* ---- the background query -------------------------------------------
 * The query goes out before newterm, so that the terminal can answer
 * while curses starts, and nothing waits for the answer: the first frame
 * takes it if it has come by then, else the viewer restyles when it comes
 * (screen_background), if within TERMBG_ANSWER_MS of the query; a later
 * one is only taken out of the input. Until curses has the terminal, echo
 * and line editing are off, so that the answer is neither shown nor held
 * back for a newline. newterm records those modes as the shell's, so
 * every endwin is followed by the shell's own (endwin_to_shell). They are
 * never handed to curses to record (def_shell_mode): that puts echo back
 * on for a moment while curses runs, and a key typed in that moment is
 * echoed where curses does not know, so that every frame after lands off
 * by its width. The answers are read as keys through the filter, which
 * takes them out: whatever else came meanwhile (keys typed, a PgDn) curses
 * decodes, to be read in order. */

static bool send_query(struct screen *s)
{
	int fd = s->modes_fd = fileno(s->in);
	if (tcgetattr(fd, &s->shell_modes) != 0)
		return false;
	struct termios quiet = s->shell_modes;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON);
	quiet.c_cc[VMIN] = 1;
	quiet.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &quiet) != 0)
		return false;
	s->quiet_as_shell = true;
	static const char query[] = TERMBG_QUERY;
	s->asked = true;
	s->asked_at = monotonic_ms();
	if (!write_all(STDOUT_FILENO, query, sizeof query - 1)) {
		tcsetattr(fd, TCSANOW, &s->shell_modes);
		s->quiet_as_shell = s->asked = false;
		return false;
	}
	return true;
}

/* Every endwin puts back the modes newterm recorded as the shell's, which
 * are send_query's quiet ones: the shell's own must follow. */
static void endwin_to_shell(struct screen *s)
{
	endwin();
	if (s->quiet_as_shell)
		tcsetattr(s->modes_fd, TCSANOW, &s->shell_modes);
}

/* What the answers that came through the filter said: the background,
 * if in time. */
static void note_answers(struct screen *s)
{
	const struct termbg_answer *a = &s->replies.answer;
	if (s->asked && a->bg_known && !s->bg.bg_known &&
	    monotonic_ms() - s->asked_at <= TERMBG_ANSWER_MS)
		s->bg = *a;
}

/* Reads whatever answers have come already, without waiting; keys
 * typed meanwhile are kept for screen_read_key. */
static void take_answers(struct screen *s)
{
	int k;
	while ((k = next_key(s, 0, false)) >= 0)
		if (s->nearly < (int)(sizeof s->early / sizeof *s->early))
			s->early[s->nearly++] = k;
	s->read_first = true;
}

int screen_read_key(struct screen *s, int timeout_ms)
{
	if (s->earlypos < s->nearly)
		return s->early[s->earlypos++];
	return next_key(s, timeout_ms, true);
}

bool screen_keys_held(const struct screen *s)
{
	return s->earlypos < s->nearly || s->read_first;
}

static struct strbuf *out_buf;

static int out_putc(int c)
{
	sb_putc(out_buf, (char)c);
	return c;
}

static void out_cap(const char *cap)
{
	if (cap)
		tputs(cap, 1, out_putc);
}

/* A frame's row as a string: equal strings, equal rows. Each span is
 * "col:width:style:text" and a 0x1f (frame text is inert: it holds no
 * control characters). Caller frees. */
static char *serialise_row(const struct frame *f, int row)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < f->row_count[row]; k++) {
		const struct fspan *sp = &f->spans[f->row_first[row] + k];
		sb_printf(&sb, "%d:%d:%d:", sp->col, sp->width, sp->style);
		sb_put(&sb, sp->text, sp->len);
		sb_putc(&sb, '\x1f');
	}
	return sb_take(&sb);
}

#define MAX_ROW_SPANS 128

/* Where each span of a serialised row starts; 0 when there are more than
 * max. */
static size_t split_spans(const char *key, const char **at, size_t max)
{
	size_t n = 0;
	for (const char *p = key; *p; p++) {
		if (n == max)
			return 0;
		at[n++] = p;
		p = strchr(p, '\x1f');
		if (!p)
			break;
	}
	return n;
}

/* The length of a serialised span, up to its 0x1f. */
static size_t span_len(const char *p)
{
	const char *e = strchr(p, '\x1f');
	return e ? (size_t)(e - p) : strlen(p);
}

/* True when the two serialised spans cover the same cells (col:width:). */
static bool same_cells(const char *a, const char *b)
{
	const char *ea = strchr(strchr(a, ':') + 1, ':');
	return strncmp(a, b, (size_t)(ea - a) + 1) == 0;
}

/* The text of a serialised span: after "col:width:style:". */
static const char *span_text(const char *p)
{
	return strchr(strchr(strchr(p, ':') + 1, ':') + 1, ':') + 1;
}

static bool printable_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

/* Writes text at row, col in style, setting the style only when it is not
 * the one *current holds (-1: unknown, and the cursor too: else it is on
 * this row, where a column address is shorter). */
static void put_text(struct screen *s, int row, int col, const char *text,
		     size_t len, int style, int *current)
{
	if (*current >= 0 && column_address)
		out_cap(tiparm(column_address, col));
	else
		out_cap(tiparm(cursor_address, row, col));
	if (*current != style)
		vid_puts(s->attrs[style] & ~A_COLOR, s->pairs[style], NULL,
			 out_putc);
	*current = style;
	sb_put(&s->out, text, len);
}

static void put_span(struct screen *s, int row, const struct fspan *sp)
{
	int current = -1;
	put_text(s, row, sp->col, sp->text, sp->len, sp->style, &current);
	vid_puts(A_NORMAL, 0, NULL, out_putc);
}

/* Rewrites only what changed when every span of the row covers the cells
 * it covered before (a timer's digits turning): of a span of plain ASCII
 * in the same style only the characters that differ, else the span; the
 * style is set once for a run of spans that share it. False, and nothing
 * written, when the row's shape changed. */
static bool redraw_spans(struct screen *s, const struct frame *f, int row,
			 const char *old, const char *key)
{
	const char *a[MAX_ROW_SPANS], *b[MAX_ROW_SPANS];
	size_t na = split_spans(old, a, MAX_ROW_SPANS);
	size_t nb = split_spans(key, b, MAX_ROW_SPANS);
	if (!nb || na != nb || nb != f->row_count[row])
		return false;
	for (size_t k = 0; k < nb; k++)
		if (!same_cells(a[k], b[k]))
			return false;
	int current = -1;
	for (size_t k = 0; k < nb; k++) {
		size_t la = span_len(a[k]), lb = span_len(b[k]);
		if (la == lb && memcmp(a[k], b[k], lb) == 0)
			continue;
		const struct fspan *sp = &f->spans[f->row_first[row] + k];
		const char *ta = span_text(a[k]);
		size_t head = (size_t)(span_text(b[k]) - b[k]);
		if (la != lb || memcmp(a[k], b[k], head) != 0 ||
		    !printable_ascii(ta, la - head) ||
		    !printable_ascii(sp->text, sp->len)) {
			put_text(s, row, sp->col, sp->text, sp->len, sp->style,
				 &current);
			continue;
		}
		/* one column a byte: the characters that differ */
		size_t from = 0, to = sp->len;
		while (from < to && ta[from] == sp->text[from])
			from++;
		while (to > from && ta[to - 1] == sp->text[to - 1])
			to--;
		put_text(s, row, sp->col + (int)from, sp->text + from, to - from,
			 sp->style, &current);
	}
	if (current >= 0)
		vid_puts(A_NORMAL, 0, NULL, out_putc);
	return true;
}

/* Rewrites the rows that changed, each span at its absolute position, so
 * that the terminal's own width for ambiguous characters never shifts
 * what follows them; in a row whose spans kept their places, only the
 * spans that changed. */
static void draw_direct(struct screen *s, const struct frame *f)
{
	if (s->nrows != f->height) {
		for (int i = 0; i < s->nrows; i++)
			free(s->rows[i]);
		free(s->rows);
		s->rows = xcalloc((size_t)f->height, sizeof *s->rows);
		s->nrows = f->height;
	}
	out_buf = &s->out;
	sb_reset(&s->out);
	for (int row = 0; row < f->height; row++) {
		char *key = serialise_row(f, row);
		if (s->rows[row] && strcmp(s->rows[row], key) == 0) {
			free(key);
			continue;
		}
		char *old = s->rows[row];
		s->rows[row] = key;
		if (old && redraw_spans(s, f, row, old, key)) {
			free(old);
			continue;
		}
		free(old);
		out_cap(tiparm(cursor_address, row, 0));
		vid_puts(A_NORMAL, 0, NULL, out_putc);
		out_cap(clr_eol);
		for (size_t k = 0; k < f->row_count[row]; k++)
			put_span(s, row, &f->spans[f->row_first[row] + k]);
	}
	if (s->out.len) {
		fflush(stdout);
		size_t off = 0;
		while (off < s->out.len) {
			ssize_t w = write(STDOUT_FILENO, s->out.data + off,
					  s->out.len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
	}
}

void screen_forget(struct screen *s)
{
	for (int i = 0; i < s->nrows; i++) {
		free(s->rows[i]);
		s->rows[i] = NULL;
	}
	if (s->direct) {
		clearok(curscr, TRUE);
		wrefresh(stdscr);
	}
}

void screen_draw(struct screen *s, const struct frame *f)
{
	if (s->direct) {
		draw_direct(s, f);
		return;
	}
	/* Going from a full slide to a sparse one (a cover, the black
	 * screen), one clear costs less than erasing every old line. */
	long filled = 0;
	for (size_t i = 0; i < f->nspans; i++)
		filled += f->spans[i].width;
	if (s->filled > 200 && filled * 4 < s->filled)
		clearok(stdscr, TRUE);
	s->filled = filled;
	werase(stdscr);
	for (int row = 0; row < f->height; row++) {
		for (size_t k = 0; k < f->row_count[row]; k++) {
			const struct fspan *sp = &f->spans[f->row_first[row] + k];
			wattrset(stdscr, (int)s->attrs[sp->style]);
			mvwaddnstr(stdscr, row, sp->col, sp->text, (int)sp->len);
		}
	}
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
}

void screen_suspend(struct screen *s)
{
	def_prog_mode();
	endwin_to_shell(s);
	/* stopped by the default action, as ^Z stops a shell's job, not by
	 * the handler in force: the viewer's asks for this very call, and
	 * curses' own (if the viewer set none) would end the window again,
	 * putting back the modes it took for the shell's (send_query's) */
	struct sigaction stop = { .sa_handler = SIG_DFL }, handler;
	sigemptyset(&stop.sa_mask);
	sigaction(SIGTSTP, &stop, &handler);
	kill(0, SIGTSTP);
	sigaction(SIGTSTP, &handler, NULL);
	reset_prog_mode();
	refresh();
	/* the shell drew over the direct writer's rows, which curses never
	 * knew: the next frame writes them all */
	screen_forget(s);
}
