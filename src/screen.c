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
#include <term.h>
#include <unistd.h>

#include "lectern/keys.h"
#include "lectern/strbuf.h"

struct screen {
	SCREEN *scr;
	FILE *in;     /* the terminal we read keys from */
	bool own_in;  /* opened /dev/tty ourselves */
	attr_t attrs[FS_COUNT];
	long filled; /* cells the last frame drew */
};

static struct screen *active; /* for the emergency restore */

/* Attributes per style: a readable default on any terminal, colour where
 * the terminal has it. */
static void setup_styles(struct screen *s)
{
	bool colour = has_colors() && getenv("NO_COLOR") == NULL;
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(4, COLOR_BLACK, COLOR_YELLOW);
		init_pair(5, COLOR_RED, -1);
	}
	attr_t cyan = colour ? COLOR_PAIR(1) : 0;
	attr_t yellow = colour ? COLOR_PAIR(2) : 0;
	for (int i = 0; i < FS_COUNT; i++)
		s->attrs[i] = A_NORMAL;
	s->attrs[LS_DECK_TITLE] = A_BOLD | yellow;
	s->attrs[LS_HEADER] = A_BOLD | cyan;
	s->attrs[LS_RULE] = cyan;
	s->attrs[LS_BLOCK_TITLE] = A_BOLD | yellow;
	s->attrs[LS_NUMBER] = A_NORMAL; /* colour here costs ~15 bytes a point per page turn */
	s->attrs[LS_LABEL] = A_BOLD | cyan;
	s->attrs[LS_SECTION] = A_BOLD;
	s->attrs[LS_DIM] = A_DIM;
	s->attrs[FS_FOOTER] = A_DIM;
	s->attrs[FS_PROGRESS] = cyan;
	s->attrs[FS_MATCH] = colour ? (A_BOLD | COLOR_PAIR(4)) : A_REVERSE;
	s->attrs[FS_OVERLAY] = A_NORMAL;
	s->attrs[FS_SELECTED] = A_REVERSE;
	s->attrs[FS_NOTICE] = A_BOLD | (colour ? COLOR_PAIR(5) : 0);
}

struct screen *screen_open(char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	if (!term || !*term) {
		snprintf(err, errlen, "TERM is not set: lectern cannot drive this "
			 "terminal (set TERM, e.g. TERM=xterm-256color)");
		return NULL;
	}
	/* checked apart from newterm, whose failure path leaks inside ncurses */
	int terr = 0;
	if (setupterm(term, STDOUT_FILENO, &terr) != OK) {
		snprintf(err, errlen, "TERM=%s is not a terminal type this system "
			 "knows (no terminfo entry; try TERM=xterm-256color)", term);
		return NULL;
	}
	del_curterm(cur_term);
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
	s->scr = newterm(term, stdout, s->in);
	if (!s->scr) {
		snprintf(err, errlen, "cannot start the terminal (TERM=%s)", term);
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
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	setup_styles(s);
	return s;
}

void screen_close(struct screen *s)
{
	if (!s)
		return;
	curs_set(1);
	endwin();
	delscreen(s->scr);
	if (s->own_in)
		fclose(s->in);
	active = NULL;
	free(s);
}

void screen_emergency_restore(void)
{
	if (active)
		endwin();
}

void screen_size(struct screen *s, int *width, int *height)
{
	(void)s;
	getmaxyx(stdscr, *height, *width);
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

int screen_read_key(struct screen *s, int timeout_ms)
{
	(void)s;
	wtimeout(stdscr, timeout_ms);
	wint_t wch;
	int r = wget_wch(stdscr, &wch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return map_key((int)wch);
	if (wch == '\n')
		return '\r';
	return (int)wch;
}

void screen_draw(struct screen *s, const struct frame *f)
{
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
	(void)s;
	def_prog_mode();
	endwin();
	kill(0, SIGTSTP);
	reset_prog_mode();
	refresh();
}
