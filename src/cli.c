/* cli.c — parsing the command line into a struct cli. */
#include "lectern/cli.h"

#include "lectern/config.h"
#include "lectern/timer.h"
#include "lectern/loader.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/layout.h"

/* In parts: ISO C promises string literals of 4095 bytes, no more. */
const char *const cli_usage[] = {
	"usage: lectern [OPTIONS] DECK\n"
	"       lectern --rehearsals DECK\n"
	"       lectern --export FORMAT [--width N] [--columns N] [--notes]\n"
	"               [-o FILE] DECK\n"
	"       lectern --check [--encoding NAME] DECK\n"
	"       lectern --check-config [--config FILE]\n"
	"       lectern --present [--socket PATH] DECK\n"
	"       lectern --follow [SOCKET]\n"
	"\n"
	"Presents a lecture deck in the terminal, or exports it.\n"
	"DECK is a Markdown deck (.md, .markdown) or a flattened outline text\n"
	"(the 目录页 format, any other name); - reads stdin (an outline).\n"
	"\n"
	"  -e, --export FORMAT  write the deck as FORMAT: text, json or\n"
	"                       markdown (then the importer's guesses go to\n"
	"                       stderr at the lines of the Markdown)\n"
	"  -f, --format NAME    read DECK as outline or markdown, whatever its\n"
	"                       name\n"
	"  -w, --width N        columns for the text export (default 80)\n"
	"      --columns N      at most N blocks side by side in the text\n"
	"                       export (1 keeps them stacked, for handouts)\n"
	"      --notes          each slide's speaker notes in the text export\n"
	"  -o, --output FILE    write the export to FILE instead of standard\n"
	"                       output (- is standard output): a file is\n"
	"                       replaced atomically, keeping its mode; a\n"
	"                       symlink is followed; a device, FIFO or socket\n"
	"                       is written through; never the deck itself\n"
	"  -c, --check          list the places the importer had to guess or\n"
	"                       found text missing, as FILE:LINE:COLUMN:\n"
	"                       warning: slide N: message (the column in\n"
	"                       characters, N as the viewer numbers slides)\n"
	"      --encoding NAME  read the deck as NAME (any iconv name: GB18030,\n"
	"                       UTF-16, BIG5, ...); by default a BOM, else\n"
	"                       UTF-8, else GB18030 (with a warning)\n"
	"      --config FILE    read settings from FILE instead of\n"
	"                       $XDG_CONFIG_HOME/lectern/config.ini\n"
	"      --no-config      read no config file\n"
	"      --theme NAME     auto, dark, light or mono (auto, the default,\n"
	"                       suits the terminal's background)\n"
	"      --check-config   report problems in the config file and exit\n"
	"      --present        present with a console (current and next\n"
	"                       slide, notes, time) and publish the position\n"
	"                       to followers on a Unix socket\n"
	"      --socket PATH    the presenter's socket (default:\n"
	"                       $XDG_RUNTIME_DIR/lectern/DECKNAME.sock)\n"
	"      --follow         show what a presenter shows, at this terminal's\n"
	"                       size; SOCKET is a deck name or a path (default:\n"
	"                       the only presenter running)\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n",

	"\n"
	"Timing, rehearsing and resuming a talk (also with --present):\n"
	"      --duration TIME  the talk's length: 45m, 1h30m, 90 (minutes),\n"
	"                       45:00; a countdown and the pace against it\n"
	"      --end HH:MM      the talk ends then: its length runs from the\n"
	"                       timer's start to that time\n"
	"      --plan last|FILE pace by the last rehearsal's times (or by a\n"
	"                       record FILE) instead of the slides' content\n"
	"      --main-end N     slide N ends the main part; slides after it\n"
	"                       are backup and have no time in the plan\n"
	"      --rehearse       record the time on every slide; on exit write\n"
	"                       the record and print a summary\n"
	"      --rehearsals     print DECK's rehearsals side by side and exit\n"
	"      --start N        open at slide N (no resuming)\n"
	"      --resume         open where this deck was left, even after a\n"
	"                       quit (a talk cut off by a lost connection is\n"
	"                       resumed anyway within 4 hours)\n"
	"\n"
	"Keys while presenting: Space/Right/PgDn next, Left/PgUp previous,\n"
	"g/G first/last, N Enter go to N, ' or C-o back, t contents,\n"
	"o overview, / search (n/N next/previous match), b/w black/white\n"
	"screen, v speaker notes, ? help, r reload, q quit (q and Esc close\n"
	"overlays), P pause/resume the timer, C-r reset it.\n"
	"\n"
	"State (rehearsal records, where a talk was left) is kept under\n"
	"$XDG_STATE_HOME/lectern (~/.local/state/lectern).\n"
	"\n"
	"Exit status: 0 ok; 1 --check, --check-config or --rehearsals found\n"
	"warnings; 2 bad usage or a deck that cannot be loaded (or decoded);\n"
	"3 output or terminal error; 128+N when ended by signal N.\n"
	"See man lectern and man lectern.ini for the rest.\n",
	NULL,
};

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* True when name is a theme of config.c's table; else the names in err. */
static bool known_theme(const char *name, char *err, int errlen)
{
	if (config_theme_known(name))
		return true;
	char names[128];
	config_theme_names(names, sizeof names);
	snprintf(err, (size_t)errlen, "unknown theme '%s' (%s)", name, names);
	return false;
}

static const char *action_option(enum cli_action a)
{
	return a == CLI_EXPORT ? "--export" : a == CLI_CHECK ? "--check" :
	       a == CLI_PRESENT ? "--present" : a == CLI_FOLLOW ? "--follow" :
	       a == CLI_REHEARSALS ? "--rehearsals" :
	       "--check-config";
}

/* --export, --check, --check-config, --present, --follow and
 * --rehearsals each do one
 * thing: two of them together would leave one silently ignored. */
static bool set_action(struct cli *c, enum cli_action a, char *err, int errlen)
{
	if (c->action != CLI_VIEW && c->action != a) {
		snprintf(err, (size_t)errlen, "%s and %s do not go together%s",
			 action_option(c->action), action_option(a),
			 (c->action == CLI_EXPORT && a == CLI_CHECK) ||
			 (c->action == CLI_CHECK && a == CLI_EXPORT) ?
			 " (--export json lists the warnings too)" : "");
		return false;
	}
	c->action = a;
	return true;
}

/* Long options without a short form. */
enum {
	OPT_DURATION = 256, OPT_END, OPT_PLAN, OPT_MAIN_END, OPT_REHEARSE,
	OPT_REHEARSALS, OPT_START, OPT_RESUME,
};

bool cli_parse(int argc, char **argv, struct cli *c, char *err, int errlen)
{
	static const struct option longopts[] = {
		{ "export", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "notes", no_argument, NULL, 'n' },
		{ "width", required_argument, NULL, 'w' },
		{ "columns", required_argument, NULL, 'L' },
		{ "output", required_argument, NULL, 'o' },
		{ "check", no_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "theme", required_argument, NULL, 'T' },
		{ "check-config", no_argument, NULL, 'K' },
		{ "present", no_argument, NULL, 'P' },
		{ "follow", no_argument, NULL, 'F' },
		{ "socket", required_argument, NULL, 'S' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "end", required_argument, NULL, OPT_END },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "main-end", required_argument, NULL, OPT_MAIN_END },
		{ "rehearse", no_argument, NULL, OPT_REHEARSE },
		{ "rehearsals", no_argument, NULL, OPT_REHEARSALS },
		{ "start", required_argument, NULL, OPT_START },
		{ "resume", no_argument, NULL, OPT_RESUME },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	memset(c, 0, sizeof *c);
	c->action = CLI_VIEW;
	c->width = 80;
	c->end_minute = -1;
	bool width_set = false;
	const char *presenting = NULL; /* an option only for presenting */
	long n;
	opterr = 0;
	optind = 1;
	int ch;
	while ((ch = getopt_long(argc, argv, ":e:f:w:o:chV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			if (!set_action(c, CLI_EXPORT, err, errlen))
				return false;
			if (strcmp(optarg, "text") == 0) {
				c->format = FMT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				c->format = FMT_JSON;
			} else if (strcmp(optarg, "markdown") == 0) {
				c->format = FMT_MARKDOWN;
			} else {
				snprintf(err, (size_t)errlen, "unknown export format "
					 "'%s' (use text, json or markdown)", optarg);
				return false;
			}
			break;
		case 'f':
			c->deck_format = deck_format_named(optarg);
			if (!c->deck_format) {
				char names[128] = "";
				size_t k = 0;
				for (size_t i = 0; i < deck_nformats && k < sizeof names; i++)
					k += (size_t)snprintf(names + k, sizeof names - k,
							      "%s%s", i ? ", " : "",
							      deck_formats[i].name);
				snprintf(err, (size_t)errlen, "unknown deck format "
					 "'%s' (%s)", optarg, names);
				return false;
			}
			break;
		case 'n':
			c->notes = true;
			break;
		case 'w':
			if (!parse_int(optarg, 1, 10000, &c->width)) {
				snprintf(err, (size_t)errlen, "--width wants a number "
					 "of columns from 1 to 10000, not '%s'",
					 optarg);
				return false;
			}
			width_set = true;
			break;
		case 'L':
			if (!parse_int(optarg, 1, LAYOUT_MAX_COLUMNS, &c->columns)) {
				snprintf(err, (size_t)errlen, "--columns wants 1 to %d "
					 "blocks side by side, not '%s'",
					 LAYOUT_MAX_COLUMNS, optarg);
				return false;
			}
			break;
		case 'o':
			c->output = optarg;
			break;
		case 'c':
			if (!set_action(c, CLI_CHECK, err, errlen))
				return false;
			break;
		case 'C':
			c->config = optarg;
			break;
		case 'N':
			c->no_config = true;
			break;
		case 'T':
			if (!known_theme(optarg, err, errlen))
				return false;
			c->theme = optarg;
			break;
		case 'K':
			if (!set_action(c, CLI_CHECK_CONFIG, err, errlen))
				return false;
			break;
		case 'P':
			if (!set_action(c, CLI_PRESENT, err, errlen))
				return false;
			break;
		case 'F':
			if (!set_action(c, CLI_FOLLOW, err, errlen))
				return false;
			break;
		case 'S':
			c->socket = optarg;
			break;
		case 'E':
			if (!*optarg) {
				snprintf(err, (size_t)errlen, "--encoding wants an "
					 "encoding name (UTF-8, GB18030, UTF-16, "
					 "...; `iconv -l` lists them)");
				return false;
			}
			c->encoding = optarg;
			break;
		case OPT_DURATION:
			if (!timer_parse_duration(optarg, &c->duration_ms, err,
						  (size_t)errlen))
				return false;
			presenting = "--duration";
			break;
		case OPT_END:
			if (!timer_parse_clock(optarg, &c->end_minute, err,
					       (size_t)errlen))
				return false;
			presenting = "--end";
			break;
		case OPT_PLAN:
			c->plan = optarg;
			presenting = "--plan";
			break;
		case OPT_MAIN_END:
		case OPT_START:
			if (!parse_long(optarg, 1, 100000000, &n)) {
				snprintf(err, (size_t)errlen, "%s wants a slide "
					 "number, not '%s'", ch == OPT_START ? "--start" :
					 "--main-end", optarg);
				return false;
			}
			*(ch == OPT_START ? &c->start : &c->main_end) = (unsigned long)n;
			presenting = ch == OPT_START ? "--start" : "--main-end";
			break;
		case OPT_REHEARSE:
			c->rehearse = true;
			presenting = "--rehearse";
			break;
		case OPT_REHEARSALS:
			if (!set_action(c, CLI_REHEARSALS, err, errlen))
				return false;
			break;
		case OPT_RESUME:
			c->resume = true;
			presenting = "--resume";
			break;
		case 'h':
			c->action = CLI_HELP;
			return true;
		case 'V':
			c->action = CLI_VERSION;
			return true;
		case ':':
			snprintf(err, (size_t)errlen, "option %s needs a value",
				 argv[optind - 1]);
			return false;
		default:
			snprintf(err, (size_t)errlen, "unknown option '%s'",
				 argv[optind - 1]);
			return false;
		}
	}
	if (presenting && c->action != CLI_VIEW && c->action != CLI_PRESENT) {
		snprintf(err, (size_t)errlen, "%s only goes with presenting a "
			 "deck", presenting);
		return false;
	}
	if (c->action == CLI_CHECK_CONFIG && optind < argc) {
		snprintf(err, (size_t)errlen, "--check-config reads no deck ('%s' "
			 "is extra)", argv[optind]);
		return false;
	}
	if (c->action == CLI_CHECK_CONFIG)
		return true;
	if (c->action == CLI_FOLLOW) {
		/* its one argument names the presenter, not a deck */
		if (optind + 1 < argc || c->socket) {
			snprintf(err, (size_t)errlen, "--follow takes one SOCKET "
				 "at most (a name or a path)");
			return false;
		}
		c->socket = optind < argc ? argv[optind] : NULL;
		return true;
	}
	if (c->socket && c->action != CLI_PRESENT) {
		snprintf(err, (size_t)errlen, "--socket only goes with --present");
		return false;
	}
	if (optind >= argc) {
		snprintf(err, (size_t)errlen, "no deck given");
		return false;
	}
	if (optind + 1 < argc) {
		snprintf(err, (size_t)errlen, "one deck at a time ('%s' is extra)",
			 argv[optind + 1]);
		return false;
	}
	c->deck = argv[optind];
	if (c->duration_ms && c->end_minute >= 0) {
		snprintf(err, (size_t)errlen, "--duration and --end both give "
			 "the talk's length: use one");
		return false;
	}
	if (c->start && c->resume) {
		snprintf(err, (size_t)errlen, "--start and --resume both say "
			 "where to open: use one");
		return false;
	}
	if ((width_set || c->output || c->columns) && c->action != CLI_EXPORT) {
		snprintf(err, (size_t)errlen, "%s only goes with --export",
			 width_set ? "--width" : c->output ? "--output" :
			 "--columns");
		return false;
	}
	if (c->notes && (c->action != CLI_EXPORT || c->format != FMT_TEXT)) {
		snprintf(err, (size_t)errlen, "--notes only goes with --export "
			 "text (the JSON and Markdown exports always keep notes)");
		return false;
	}
	return true;
}
