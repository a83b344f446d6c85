/* style.h — every style lectern draws with, in one list: the layout's
 * (what a slide is made of) and then the app's (status line, overlays).
 * A style is a name here; config.c gives each its colours and attributes,
 * screen.c turns those into the terminal's. */
#ifndef LECTERN_STYLE_H
#define LECTERN_STYLE_H

/* What the layout draws: a page's spans use only these. */
enum lstyle {
	LS_TEXT,        /* point text */
	LS_DECK_TITLE,  /* the title page */
	LS_HEADER,      /* a content slide's header */
	LS_RULE,        /* the line under a header */
	LS_BLOCK_TITLE,
	LS_NUMBER,      /* a point's number */
	LS_LABEL,       /* "Contents", a section's number on its cover */
	LS_SECTION,     /* a section title on its cover or in the contents */
	LS_DIM,         /* contents entries with no section in the text */
	LS_STRONG,      /* **strong** text */
	LS_EMPH,        /* *emphasised* text */
	LS_STRONG_EMPH, /* both */
	LS_CODE,        /* `code` in a line of text */
	LS_CODE_BLOCK,  /* a code block's lines, verbatim */
	LS_COUNT
};

/* What the app adds around the slides. */
enum {
	FS_FOOTER = LS_COUNT, /* the status line */
	FS_PROGRESS,          /* its progress bar */
	FS_MATCH,             /* a search match */
	FS_OVERLAY,           /* help and overview text */
	FS_SELECTED,          /* the overview's current row */
	FS_NOTICE,            /* a message in the status line */
	FS_WHITE,             /* the white screen */
	FS_TIMER_WARN,        /* the countdown's last minutes; behind plan */
	FS_TIMER_OVER,        /* the countdown past zero */
	FS_COUNT
};

/* Attributes, independent of curses. */
enum {
	ST_BOLD = 1, ST_DIM = 2, ST_REVERSE = 4, ST_UNDERLINE = 8, ST_ITALIC = 16,
};

#define COLOR_NONE (-1) /* the terminal's default */

struct style {
	short fg, bg;  /* COLOR_NONE or 0..255 */
	unsigned attr; /* ST_* */
};

#endif
