/* rehearsal.c — the record, its TSV form, and the summary and history
 * drawn from records. The file form: UTF-8 text, one record per file,
 * lines of tab-separated fields, '#' lines and blank lines ignored:
 *
 *   lectern-rehearsal  1
 *   deck      HASH  TITLE
 *   started   MS    (local time, for reading)
 *   ended     MS    (local time)
 *   planned   MS
 *   end       quit | signal
 *   slides    N
 *   slide     1  MS  VISITS  (label, for reading)
 *   ...       (N slide lines, numbered 1 to N in order)
 *
 * Unknown keys are skipped, so a later version may add some. Reading
 * never trusts the file: numbers are range-checked and text shown from it
 * is made inert. No I/O here. */
#include "lectern/rehearsal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/text.h"
#include "lectern/timer.h"

/* ---- recording ------------------------------------------------------- */

struct rehearsal *rehearsal_new(size_t n, const char *key, const char *title,
				size_t at, int64_t elapsed_ms)
{
	struct rehearsal *r = xcalloc(1, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key ? key : "");
	r->title = xstrdup(title ? title : "");
	r->n = n;
	r->ms = xcalloc(n ? n : 1, sizeof *r->ms);
	r->visits = xcalloc(n ? n : 1, sizeof *r->visits);
	r->cur = at < n ? at : 0;
	r->cur_from = elapsed_ms;
	if (n)
		r->visits[r->cur] = 1;
	return r;
}

void rehearsal_free(struct rehearsal *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->ms);
	free(r->visits);
	free(r);
}

void rehearsal_resize(struct rehearsal *r, size_t n)
{
	if (n == r->n)
		return;
	r->ms = xrealloc(r->ms, (n ? n : 1) * sizeof *r->ms);
	r->visits = xrealloc(r->visits, (n ? n : 1) * sizeof *r->visits);
	for (size_t i = r->n; i < n; i++) {
		r->ms[i] = 0;
		r->visits[i] = 0;
	}
	r->n = n;
	if (r->cur >= n)
		r->cur = n ? n - 1 : 0;
}

void rehearsal_settle(struct rehearsal *r, int64_t elapsed_ms)
{
	if (r->cur < r->n && elapsed_ms > r->cur_from)
		r->ms[r->cur] += elapsed_ms - r->cur_from;
	r->cur_from = elapsed_ms;
}

void rehearsal_enter(struct rehearsal *r, size_t slide, int64_t elapsed_ms)
{
	rehearsal_settle(r, elapsed_ms);
	if (slide == r->cur || slide >= r->n)
		return;
	r->cur = slide;
	r->visits[slide]++;
}

void rehearsal_clear(struct rehearsal *r, int64_t elapsed_ms)
{
	memset(r->ms, 0, (r->n ? r->n : 1) * sizeof *r->ms);
	memset(r->visits, 0, (r->n ? r->n : 1) * sizeof *r->visits);
	if (r->n)
		r->visits[r->cur] = 1;
	r->cur_from = elapsed_ms;
}

int64_t rehearsal_total(const struct rehearsal *r)
{
	int64_t t = 0;
	for (size_t i = 0; i < r->n; i++)
		t += r->ms[i];
	return t;
}

/* ---- the file -------------------------------------------------------- */

enum stamp { STAMP_FULL, STAMP_MINUTE, STAMP_SHORT };

/* ms since the epoch as local time: "2026-11-30 10:00:05", without the
 * seconds, or "11-30 10:00". */
static void local_time(int64_t ms, char *buf, size_t size, enum stamp how)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n = 0;
	if (localtime_r(&t, &tm))
		n = how == STAMP_FULL ? strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) :
		    how == STAMP_MINUTE ? strftime(buf, size, "%Y-%m-%d %H:%M", &tm) :
		    strftime(buf, size, "%m-%d %H:%M", &tm);
	if (!n)
		snprintf(buf, size, "?");
}

/* Text in a field: tabs and line ends would split it. */
static void put_field(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		sb_putc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void rehearsal_write(struct strbuf *out, const struct rehearsal *r,
		     char *const *labels)
{
	char when[64];
	sb_printf(out, "# lectern rehearsal record: times in milliseconds of "
		  "the talk timer\n");
	sb_printf(out, "lectern-rehearsal\t%d\n", REHEARSAL_VERSION);
	sb_printf(out, "deck\t%s\t", r->key);
	put_field(out, r->title);
	sb_putc(out, '\n');
	local_time(r->started_ms, when, sizeof when, STAMP_FULL);
	sb_printf(out, "started\t%" PRId64 "\t%s\n", r->started_ms, when);
	local_time(r->ended_ms, when, sizeof when, STAMP_FULL);
	sb_printf(out, "ended\t%" PRId64 "\t%s\n", r->ended_ms, when);
	sb_printf(out, "planned\t%" PRId64 "\n", r->planned_ms);
	sb_printf(out, "end\t%s\n", r->complete ? "quit" : "signal");
	sb_printf(out, "slides\t%zu\n", r->n);
	sb_printf(out, "# slide\tms\tvisits\tlabel\n");
	for (size_t i = 0; i < r->n; i++) {
		sb_printf(out, "slide\t%zu\t%" PRId64 "\t%u", i + 1, r->ms[i],
			  r->visits[i]);
		if (labels && labels[i]) {
			sb_putc(out, '\t');
			put_field(out, labels[i]);
		}
		sb_putc(out, '\n');
	}
}

/* The parser's state: the line being read and its fields. */
struct reader {
	int line;
	char *field[6];
	int nfields;
	char *err;
	size_t errlen;
};

static bool fail(struct reader *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool fail(struct reader *rd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rd->err, rd->errlen, fmt, ap);
	va_end(ap);
	return false;
}

/* A decimal number in [lo, hi]. */
static bool num(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

#define MAX_SLIDES 100000000
#define MAX_MS ((int64_t)1 << 50) /* 35,000 years */

static bool need(struct reader *rd, int n)
{
	if (rd->nfields >= n)
		return true;
	return fail(rd, "%s: expected %d fields, found %d", rd->field[0], n,
		    rd->nfields);
}

static bool header_line(struct reader *rd, struct rehearsal *r, bool *have_n)
{
	const char *k = rd->field[0];
	int64_t v;
	if (strcmp(k, "deck") == 0) {
		if (!need(rd, 2))
			return false;
		if (strlen(rd->field[1]) != 16 ||
		    strspn(rd->field[1], "0123456789abcdef") != 16)
			return fail(rd, "deck: '%.40s' is not a deck hash (16 hex "
				    "digits)", rd->field[1]);
		memcpy(r->key, rd->field[1], 17);
		free(r->title);
		r->title = xstrdup(rd->nfields > 2 ? rd->field[2] : "");
	} else if (strcmp(k, "started") == 0 || strcmp(k, "ended") == 0 ||
		   strcmp(k, "planned") == 0) {
		if (!need(rd, 2) || !num(rd->field[1], 0, MAX_MS, &v))
			return rd->nfields < 2 ? false :
			       fail(rd, "%s: '%.40s' is not a time in ms", k,
				    rd->field[1]);
		*(k[0] == 's' ? &r->started_ms : k[0] == 'e' ? &r->ended_ms :
		  &r->planned_ms) = v;
	} else if (strcmp(k, "end") == 0) {
		if (!need(rd, 2))
			return false;
		if (strcmp(rd->field[1], "quit") && strcmp(rd->field[1], "signal"))
			return fail(rd, "end: '%.40s' is not quit or signal",
				    rd->field[1]);
		r->complete = rd->field[1][0] == 'q';
	} else if (strcmp(k, "slides") == 0) {
		if (*have_n)
			return fail(rd, "slides: given twice");
		if (!need(rd, 2) || !num(rd->field[1], 0, MAX_SLIDES, &v))
			return rd->nfields < 2 ? false :
			       fail(rd, "slides: '%.40s' is not a slide count",
				    rd->field[1]);
		rehearsal_resize(r, (size_t)v);
		*have_n = true;
	}
	/* other keys: from a later version; skipped */
	return true;
}

static bool slide_line(struct reader *rd, struct rehearsal *r, bool have_n,
		       size_t *next)
{
	int64_t no, ms, visits;
	if (!have_n)
		return fail(rd, "slide before the slides line");
	if (!need(rd, 4))
		return false;
	if (!num(rd->field[1], 1, MAX_SLIDES, &no) || (size_t)no != *next + 1)
		return fail(rd, "slide: '%.40s' where slide %zu was due",
			    rd->field[1], *next + 1);
	if ((size_t)no > r->n)
		return fail(rd, "slide %" PRId64 " of %zu", no, r->n);
	if (!num(rd->field[2], 0, MAX_MS, &ms))
		return fail(rd, "slide %" PRId64 ": '%.40s' is not a time in ms",
			    no, rd->field[2]);
	if (!num(rd->field[3], 0, UINT32_MAX, &visits))
		return fail(rd, "slide %" PRId64 ": '%.40s' is not a number of "
			    "visits", no, rd->field[3]);
	r->ms[no - 1] = ms;
	r->visits[no - 1] = (unsigned)visits;
	*next = (size_t)no;
	return true;
}

bool rehearsal_parse(const char *text, size_t len, struct rehearsal **out,
		     int *line, char *err, size_t errlen)
{
	struct reader rd = { .err = err, .errlen = errlen };
	*out = NULL;
	*line = 0;
	size_t bad;
	if (!text_valid_utf8(text, len, &bad) || memchr(text, '\0', len)) {
		snprintf(err, errlen, "not UTF-8 text");
		return false;
	}
	char *copy = xstrndup(text, len);
	struct rehearsal *r = rehearsal_new(0, "", "", 0, 0);
	bool ok = true, seen_version = false, have_n = false;
	size_t next = 0;
	char *save = NULL;
	/* strtok_r would merge empty lines away and lose count of them */
	for (char *l = copy; ok && l; l = save) {
		char *nl = strchr(l, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		rd.line++;
		size_t ll = strlen(l);
		if (ll && l[ll - 1] == '\r')
			l[--ll] = '\0';
		if (!ll || l[0] == '#')
			continue;
		rd.nfields = 0;
		for (char *f = l; f && rd.nfields < 6;) {
			char *tab = strchr(f, '\t');
			if (tab)
				*tab = '\0';
			rd.field[rd.nfields++] = f;
			f = tab ? tab + 1 : NULL;
		}
		if (!seen_version) {
			int64_t v;
			if (strcmp(rd.field[0], "lectern-rehearsal") != 0)
				ok = fail(&rd, "not a lectern rehearsal record (the "
					  "first line is not 'lectern-rehearsal')");
			else if (rd.nfields < 2 || !num(rd.field[1], 1, 1000, &v))
				ok = fail(&rd, "lectern-rehearsal: no version");
			else if (v > REHEARSAL_VERSION)
				ok = fail(&rd, "version %" PRId64 " is newer than this "
					  "lectern reads (%d)", v, REHEARSAL_VERSION);
			seen_version = true;
		} else if (strcmp(rd.field[0], "slide") == 0) {
			ok = slide_line(&rd, r, have_n, &next);
		} else {
			ok = header_line(&rd, r, &have_n);
		}
	}
	if (ok && !seen_version) {
		rd.line = 0;
		ok = fail(&rd, "empty: not a lectern rehearsal record");
	} else if (ok && (!have_n || !r->key[0])) {
		rd.line = 0;
		ok = fail(&rd, "no %s line", !r->key[0] ? "deck" : "slides");
	} else if (ok && next != r->n) {
		ok = fail(&rd, "ends after slide %zu of %zu", next, r->n);
	}
	free(copy);
	if (!ok) {
		*line = rd.line;
		rehearsal_free(r);
		return false;
	}
	r->cur = 0;
	r->cur_from = 0;
	*out = r;
	return true;
}

/* ---- labels ---------------------------------------------------------- */

char **rehearsal_labels(const struct deck *d, const struct deck_index *ix)
{
	char **l = xcalloc(ix->count ? ix->count : 1, sizeof *l);
	for (size_t i = 0; i < ix->count; i++) {
		size_t sec, sl;
		switch (deck_index_locate(ix, d, i, &sec, &sl)) {
		case PAGE_TITLE:
			l[i] = xstrdup("Title page");
			break;
		case PAGE_CONTENTS:
			l[i] = xstrdup("Contents");
			break;
		case PAGE_COVER: {
			struct strbuf sb = STRBUF_INIT;
			sb_printf(&sb, "Section: %s", d->sections[sec].title);
			l[i] = sb_take(&sb);
			break;
		}
		case PAGE_CONTENT: {
			/* a slide's header is often its section's title: its
			 * first block's title tells the slides apart */
			const struct slide *s =
				section_slide(d, &d->sections[sec], sl);
			const char *name = slide_header(d, s);
			size_t nb = slide_nblocks(d, s);
			for (size_t b = 0; b < nb; b++) {
				const char *title =
					block_title(d, slide_block(d, s, b));
				if (title[0]) {
					name = title;
					break;
				}
			}
			l[i] = xstrdup(name);
			break;
		}
		}
	}
	return l;
}

void rehearsal_labels_free(char **labels, size_t n)
{
	if (!labels)
		return;
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

/* ---- what a lecturer reads ------------------------------------------- */

/* s made inert and cut to at most width columns ("…" marks a cut), then
 * padded with spaces to width when pad. */
static void put_cell(struct strbuf *out, const char *s, int width, bool pad,
		     int amb)
{
	char *safe = text_display(s, strlen(s));
	int w = text_width(safe, strlen(safe), amb), used = w;
	size_t len = strlen(safe);
	if (w > width) {
		int ew = text_width("…", strlen("…"), amb);
		len = text_fit(safe, len, width - ew, amb, &used);
		while (len && safe[len - 1] == ' ') {
			len--;
			used--;
		}
		sb_put(out, safe, len);
		sb_puts(out, "…");
		used += ew;
	} else {
		sb_put(out, safe, len);
	}
	if (pad)
		for (; used < width; used++)
			sb_putc(out, ' ');
	free(safe);
}

static const char *fmt_ms(int64_t ms, char *buf, size_t size)
{
	return timer_format(ms, buf, size);
}

/* slide indices sorted by time, longest first */
static const struct rehearsal *sort_rec;

static int by_time(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int64_t tx = sort_rec->ms[x], ty = sort_rec->ms[y];
	return tx > ty ? -1 : tx < ty ? 1 : (x > y) - (x < y);
}

static int64_t abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

void rehearsal_summary(struct strbuf *out, const struct rehearsal *r,
		       const struct rehearsal *prev, char *const *labels,
		       int ambiguous)
{
	char a[32], b[32], c[32];
	/* whole seconds first, so that the figures shown add up */
	int64_t total = rehearsal_total(r) / 1000 * 1000;
	sb_printf(out, "Rehearsal: %s", fmt_ms(total, a, sizeof a));
	if (r->planned_ms > 0) {
		int64_t planned = r->planned_ms / 1000 * 1000;
		int64_t d = total - planned;
		sb_printf(out, " against %s planned", fmt_ms(planned, b, sizeof b));
		if (d)
			sb_printf(out, ", %s %s", fmt_ms(abs64(d), c, sizeof c),
				  d > 0 ? "over" : "under");
		else
			sb_puts(out, ", to the second");
	}
	sb_putc(out, '\n');
	/* the slowest three */
	size_t *order = xmalloc((r->n ? r->n : 1) * sizeof *order);
	for (size_t i = 0; i < r->n; i++)
		order[i] = i;
	sort_rec = r;
	qsort(order, r->n, sizeof *order, by_time);
	for (size_t k = 0; k < 3 && k < r->n && r->ms[order[k]] > 0; k++) {
		size_t i = order[k];
		sb_printf(out, "%s %3zu  ", k ? "       " : "Slowest", i + 1);
		put_cell(out, labels ? labels[i] : "", 40, true, ambiguous);
		sb_printf(out, " %7s", fmt_ms(r->ms[i], a, sizeof a));
		if (r->visits[i] > 1)
			sb_printf(out, " (%u visits)", r->visits[i]);
		sb_putc(out, '\n');
	}
	free(order);
	if (!prev) {
		sb_puts(out, "No earlier rehearsal of this deck to compare with.\n");
		return;
	}
	int64_t pt = rehearsal_total(prev) / 1000 * 1000, d = total - pt;
	local_time(prev->started_ms, c, sizeof c, STAMP_MINUTE);
	sb_printf(out, "Previous (%s): %s; this one ", c, fmt_ms(pt, a, sizeof a));
	if (d)
		sb_printf(out, "%s %s.\n", fmt_ms(abs64(d), b, sizeof b),
			  d > 0 ? "longer" : "shorter");
	else
		sb_puts(out, "as long.\n");
	/* the slides that changed most, by a second or more */
	size_t n = r->n < prev->n ? r->n : prev->n, best[3];
	int nb = 0;
	for (; nb < 3; nb++) {
		int64_t top = 999;
		size_t at = n;
		for (size_t i = 0; i < n; i++) {
			int64_t di = abs64(r->ms[i] / 1000 - prev->ms[i] / 1000) * 1000;
			bool taken = false;
			for (int k = 0; k < nb; k++)
				taken |= best[k] == i;
			if (di > top && !taken) {
				top = di;
				at = i;
			}
		}
		if (at == n)
			break;
		best[nb] = at;
	}
	for (int k = 0; k < nb; k++) {
		size_t i = best[k];
		int64_t now_s = r->ms[i] / 1000 * 1000, was = prev->ms[i] / 1000 * 1000;
		int64_t di = now_s - was;
		sb_printf(out, "%s %3zu  ", k ? "       " : "Changed", i + 1);
		put_cell(out, labels ? labels[i] : "", 40, true, ambiguous);
		sb_printf(out, " %7s -> %s (%s%s)\n", fmt_ms(was, a, sizeof a),
			  fmt_ms(now_s, b, sizeof b), di > 0 ? "+" : "-",
			  fmt_ms(abs64(di), c, sizeof c));
	}
}

#define BAR_CELLS 10
#define LABEL_COLS 24

/* A bar of value/max of BAR_CELLS cells, in eighths of a cell, padded to
 * BAR_CELLS columns (each block character is one column, or two where
 * ambiguous characters are). */
static void put_bar(struct strbuf *out, int64_t value, int64_t max, int amb)
{
	static const char *const eighths[8] = { "▏", "▎", "▍", "▌", "▋", "▊",
						 "▉", "█" };
	int64_t e = max > 0 ? (value * BAR_CELLS * 8 + max / 2) / max : 0;
	if (value > 0 && e == 0)
		e = 1; /* any time at all shows */
	int cells = 0;
	for (; e >= 8; e -= 8, cells++)
		sb_puts(out, eighths[7]);
	if (e > 0) {
		sb_puts(out, eighths[e - 1]);
		cells++;
	}
	for (int i = cells * amb; i < BAR_CELLS * amb; i++)
		sb_putc(out, ' ');
}

void rehearsal_history(struct strbuf *out, struct rehearsal *const *recs,
		       size_t nrecs, char *const *labels, size_t n,
		       const char *title, int columns, int ambiguous)
{
	sb_puts(out, "Rehearsals of ");
	put_cell(out, title, 60, false, ambiguous);
	if (!nrecs) {
		sb_puts(out, ": none recorded yet (lectern --rehearse DECK "
			"records one).\n");
		return;
	}
	size_t first = nrecs > (size_t)columns ? nrecs - (size_t)columns : 0;
	sb_printf(out, ": %zu recorded", nrecs);
	if (first)
		sb_printf(out, ", the last %zu shown", nrecs - first);
	sb_puts(out, ", oldest first\n\n");
	/* the scale: the longest slide time shown */
	int64_t max = 0;
	for (size_t k = first; k < nrecs; k++)
		for (size_t i = 0; i < recs[k]->n && i < n; i++)
			if (recs[k]->ms[i] > max)
				max = recs[k]->ms[i];
	char buf[64];
	int colw = 8 + 1 + BAR_CELLS * ambiguous + 2;
	sb_printf(out, "%*s", 5 + LABEL_COLS, "");
	for (size_t k = first; k < nrecs; k++) {
		local_time(recs[k]->started_ms, buf, sizeof buf, STAMP_SHORT);
		if (!recs[k]->complete)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "*");
		sb_printf(out, "%-*s", k + 1 < nrecs ? colw : 0, buf);
	}
	sb_putc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		sb_printf(out, "%4zu ", i + 1);
		put_cell(out, labels[i], LABEL_COLS, true, ambiguous);
		for (size_t k = first; k < nrecs; k++) {
			const struct rehearsal *r = recs[k];
			if (i >= r->n) {
				sb_printf(out, "%8s%*s", "-", colw - 8, "");
				continue;
			}
			/* a slide never shown: "-" rather than 0:00 */
			sb_printf(out, "%8s ", r->visits[i] || r->ms[i] ?
				  fmt_ms(r->ms[i], buf, sizeof buf) : "-");
			put_bar(out, r->ms[i], max, ambiguous);
			if (k + 1 < nrecs)
				sb_puts(out, "  ");
		}
		/* no blanks at the end of a line */
		while (out->len && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		sb_putc(out, '\n');
	}
	sb_printf(out, "%4s ", "");
	put_cell(out, "total", LABEL_COLS, true, ambiguous);
	for (size_t k = first; k < nrecs; k++)
		sb_printf(out, "%8s%*s", fmt_ms(rehearsal_total(recs[k]), buf,
						sizeof buf),
			  k + 1 < nrecs ? colw - 8 : 0, "");
	sb_putc(out, '\n');
	sb_printf(out, "%4s ", "");
	put_cell(out, "planned", LABEL_COLS, true, ambiguous);
	for (size_t k = first; k < nrecs; k++)
		sb_printf(out, "%8s%*s",
			  recs[k]->planned_ms > 0 ?
				  fmt_ms(recs[k]->planned_ms, buf, sizeof buf) : "-",
			  k + 1 < nrecs ? colw - 8 : 0, "");
	sb_putc(out, '\n');
	bool cut = false;
	for (size_t k = first; k < nrecs; k++)
		cut |= !recs[k]->complete;
	if (cut)
		sb_puts(out, "\n* ended by a signal or a lost connection\n");
}
