/* cli.h — the command line: what the user asked for, parsed and checked.
 * Parsing prints nothing; main reports errors and decides the exit. */
#ifndef LECTERN_CLI_H
#define LECTERN_CLI_H

#include <stdbool.h>
#include <stdint.h>

struct deck_format;

/* Exit statuses, as the manual documents them. */
enum {
	EXIT_OK = 0,
	EXIT_WARNINGS = 1, /* --check: the deck loads, with warnings */
	EXIT_BAD = 2,      /* bad usage, or a deck that cannot be loaded */
	EXIT_IO = 3,       /* output cannot be written, no usable terminal */
};

enum cli_action { CLI_VIEW, CLI_EXPORT, CLI_CHECK, CLI_CHECK_CONFIG,
		  CLI_PRESENT, CLI_FOLLOW, CLI_REHEARSALS, CLI_HELP, CLI_VERSION };
enum format { FMT_TEXT, FMT_JSON, FMT_MARKDOWN };

struct cli {
	enum cli_action action;
	enum format format;
	int width;          /* --width, 80 by default */
	int columns;        /* --columns: most blocks side by side, 0: as wide */
	const char *output; /* -o FILE, or NULL for stdout */
	const char *deck;   /* DECK, "-" for stdin */
	const char *config; /* --config FILE, or NULL for the default */
	bool no_config;     /* --no-config */
	const char *theme;  /* --theme NAME, or NULL */
	const char *socket; /* --socket PATH (--present), or the SOCKET of
			       --follow; NULL for the default */
	const char *encoding; /* --encoding NAME, or NULL: found by reading */
	/* presenting: the talk's time, rehearsing, resuming */
	int64_t duration_ms; /* --duration; 0: not given */
	int end_minute;      /* --end, minutes after midnight; -1: not given */
	const char *plan;    /* --plan: "last" or a record file; NULL */
	bool rehearse;       /* --rehearse */
	bool resume;         /* --resume */
	unsigned long start; /* --start N; 0: not given */
	unsigned long main_end; /* --main-end N; 0: not given */
	const struct deck_format *deck_format; /* --format NAME, or NULL: by
						 * the deck's name */
	bool notes;         /* --notes: the text export shows speaker notes */
};

/* Parses argv. False with a message in err (one line) on bad usage. */
bool cli_parse(int argc, char **argv, struct cli *c, char *err, int errlen);

/* The --help text. */
extern const char *const cli_usage[]; /* parts; NULL after the last */

#endif
