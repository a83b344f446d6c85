/* resume.c — the resume state's file form and the rule for resuming.
 * The file: UTF-8 text, tab-separated "key value" lines, '#' and blank
 * lines ignored, the first line "lectern-resume 1"; keys deck, slide
 * (1-based), end (quit or signal), at (ms since the epoch), timer
 * (started 0/1, running 0/1, elapsed ms), duration (ms), record (a file
 * name). Unknown keys are skipped. No I/O here. */
#include "lectern/resume.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/text.h"

enum resume_what resume_decide(const struct resume_state *s,
			       enum resume_policy policy, bool forced,
			       int64_t now)
{
	if (policy == RESUME_NEVER && !forced)
		return RESUME_NONE;
	bool recent = s->at_ms <= now + 60000 &&
		      now - s->at_ms <= RESUME_WINDOW_MS;
	if (!s->quit && (recent || forced || policy == RESUME_ALWAYS))
		return RESUME_TALK;
	if (forced || policy == RESUME_ALWAYS)
		return RESUME_PLACE;
	return RESUME_NONE;
}

void resume_write(struct strbuf *out, const struct resume_state *s)
{
	sb_printf(out, "# where lectern left this deck\n");
	sb_printf(out, "lectern-resume\t%d\n", RESUME_VERSION);
	sb_printf(out, "deck\t%s\n", s->key);
	sb_printf(out, "slide\t%zu\n", s->slide + 1);
	sb_printf(out, "end\t%s\n", s->quit ? "quit" : "signal");
	sb_printf(out, "at\t%" PRId64 "\n", s->at_ms);
	sb_printf(out, "timer\t%d\t%d\t%" PRId64 "\n", s->timer_started,
		  s->timer_running, s->elapsed_ms);
	sb_printf(out, "duration\t%" PRId64 "\n", s->duration_ms);
	if (s->record[0])
		sb_printf(out, "record\t%s\n", s->record);
}

bool resume_record_name_ok(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && n < 128 && name[0] != '.' && !strchr(name, '/') &&
	       strcmp(name + n - 4, ".tsv") == 0;
}

static bool num(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!s || !*s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

#define MAX_MS ((int64_t)1 << 50)

/* One "key value..." line into s; false with a reason. */
static bool line_into(struct resume_state *s, char **f, int nf, char *err,
		      size_t errlen)
{
	const char *k = f[0];
	int64_t v, a, b;
	if (nf < 2) {
		snprintf(err, errlen, "%.40s: no value", k);
		return false;
	}
	if (strcmp(k, "deck") == 0) {
		if (strlen(f[1]) != 16 || strspn(f[1], "0123456789abcdef") != 16)
			goto bad;
		memcpy(s->key, f[1], 17);
	} else if (strcmp(k, "slide") == 0) {
		if (!num(f[1], 1, 100000000, &v))
			goto bad;
		s->slide = (size_t)v - 1;
	} else if (strcmp(k, "end") == 0) {
		if (strcmp(f[1], "quit") && strcmp(f[1], "signal"))
			goto bad;
		s->quit = f[1][0] == 'q';
	} else if (strcmp(k, "at") == 0 || strcmp(k, "duration") == 0) {
		if (!num(f[1], 0, MAX_MS, &v))
			goto bad;
		*(k[0] == 'a' ? &s->at_ms : &s->duration_ms) = v;
	} else if (strcmp(k, "timer") == 0) {
		if (nf < 4 || !num(f[1], 0, 1, &a) || !num(f[2], 0, 1, &b) ||
		    !num(f[3], 0, MAX_MS, &v))
			goto bad;
		s->timer_started = a;
		s->timer_running = b && a;
		s->elapsed_ms = v;
	} else if (strcmp(k, "record") == 0) {
		if (!resume_record_name_ok(f[1]))
			goto bad;
		snprintf(s->record, sizeof s->record, "%s", f[1]);
	}
	return true;
bad:
	snprintf(err, errlen, "%s: '%.40s' is not a valid value", k, f[1]);
	return false;
}

bool resume_parse(const char *text, size_t len, struct resume_state *out,
		  int *line, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	*line = 0;
	size_t bad;
	if (!text_valid_utf8(text, len, &bad) || memchr(text, '\0', len)) {
		snprintf(err, errlen, "not UTF-8 text");
		return false;
	}
	char *copy = xstrndup(text, len);
	bool ok = true, version = false, at = false;
	int n = 0;
	char *next;
	for (char *l = copy; ok && l; l = next) {
		char *nl = strchr(l, '\n');
		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		n++;
		size_t ll = strlen(l);
		if (ll && l[ll - 1] == '\r')
			l[--ll] = '\0';
		if (!ll || l[0] == '#')
			continue;
		char *f[6];
		int nf = 0;
		for (char *p = l; p && nf < 6;) {
			char *tab = strchr(p, '\t');
			if (tab)
				*tab = '\0';
			f[nf++] = p;
			p = tab ? tab + 1 : NULL;
		}
		if (!version) {
			int64_t v;
			if (strcmp(f[0], "lectern-resume") != 0 || nf < 2 ||
			    !num(f[1], 1, RESUME_VERSION, &v)) {
				snprintf(err, errlen, "not a lectern resume state "
					 "of version %d", RESUME_VERSION);
				ok = false;
			}
			version = true;
			continue;
		}
		at |= strcmp(f[0], "at") == 0;
		ok = line_into(out, f, nf, err, errlen);
	}
	free(copy);
	if (ok && (!version || !out->key[0] || !at)) {
		snprintf(err, errlen, "incomplete: no %s line",
			 !version ? "lectern-resume" : !out->key[0] ? "deck" : "at");
		n = 0;
		ok = false;
	}
	if (!ok)
		*line = n;
	return ok;
}
