/* session.c — the state files around a presentation: the lock, resuming,
 * the records to plan by and compare with, and writing it all back at the
 * end. Reads and writes only through statefile.c, under the XDG state
 * directory (xdg.c); parses only through resume.c and rehearsal.c. */
#include "lectern/session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern/hash.h"
#include "lectern/statefile.h"
#include "lectern/xdg.h"

static void warn(struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&s->warnings, fmt, ap);
	va_end(ap);
	sb_putc(&s->warnings, '\n');
}

/* Reads a record file; NULL (with a warning, unless it is absent and
 * quiet_absent) when it cannot be had. */
static struct rehearsal *read_record(const char *path, struct strbuf *warnings,
				     bool quiet_absent)
{
	char *text;
	size_t n;
	struct lt_error err;
	int r = statefile_read(path, &text, &n, &err);
	if (r <= 0) {
		if (r < 0 || !quiet_absent)
			sb_printf(warnings, "%s: %s\n", path,
				  r < 0 ? err.what : "no such file");
		return NULL;
	}
	struct rehearsal *rec;
	int line;
	char what[256];
	if (!rehearsal_parse(text, n, &rec, &line, what, sizeof what)) {
		if (line)
			sb_printf(warnings, "%s:%d: %s\n", path, line, what);
		else
			sb_printf(warnings, "%s: %s\n", path, what);
		rec = NULL;
	}
	free(text);
	return rec;
}

/* The newest record of the deck holding any time, other than the file
 * named `except`; NULL when there is none. Unreadable ones are warned
 * about and passed over. */
static struct rehearsal *newest_record(const char *dir, const char *except,
				       const char *key, struct strbuf *warnings)
{
	char **names;
	size_t n = statefile_list(dir, ".tsv", &names);
	struct rehearsal *found = NULL;
	for (size_t i = n; i-- > 0 && !found;) {
		if (except && strcmp(names[i], except) == 0)
			continue;
		struct strbuf p = STRBUF_INIT;
		sb_printf(&p, "%s/%s", dir, names[i]);
		struct rehearsal *r = read_record(p.data, warnings, true);
		if (r && strcmp(r->key, key) == 0 && rehearsal_total(r) > 0)
			found = r;
		else
			rehearsal_free(r);
		sb_free(&p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return found;
}

/* The resume state of the deck, when the lock is ours. */
static bool read_state(struct session *s)
{
	char *text;
	size_t n;
	struct lt_error err;
	int r = statefile_read(s->resume_path, &text, &n, &err);
	if (r == 0)
		return false;
	if (r < 0) {
		warn(s, "%s: %s; starting at the beginning", s->resume_path,
		     err.what);
		return false;
	}
	int line;
	char what[256];
	bool ok = resume_parse(text, n, &s->was, &line, what, sizeof what);
	free(text);
	if (!ok) {
		if (line)
			warn(s, "%s:%d: %s; starting at the beginning",
			     s->resume_path, line, what);
		else
			warn(s, "%s: %s; starting at the beginning",
			     s->resume_path, what);
		return false;
	}
	if (strcmp(s->was.key, s->key) != 0) {
		warn(s, "%s: the state of another deck; starting at the "
		     "beginning", s->resume_path);
		return false;
	}
	return true;
}

static void pick_up(struct session *s, const struct session_opts *o,
		    const struct deck *d, int64_t now)
{
	if (o->start_given || !read_state(s))
		return;
	s->resumed = resume_decide(&s->was, o->policy, o->forced, now);
	if (s->resumed == RESUME_NONE)
		return;
	if (s->resumed == RESUME_TALK && s->was.record[0]) {
		struct strbuf p = STRBUF_INIT;
		sb_printf(&p, "%s/%s", s->records_dir, s->was.record);
		s->record = read_record(p.data, &s->warnings, false);
		if (s->record && strcmp(s->record->key, s->key) != 0) {
			warn(s, "%s: the record of another deck; not going on "
			     "with it", p.data);
			rehearsal_free(s->record);
			s->record = NULL;
		}
		if (s->record)
			snprintf(s->record_name, sizeof s->record_name, "%s",
				 s->was.record);
		sb_free(&p);
	}
	const char *k = o->first_key && *o->first_key ? o->first_key : "g";
	snprintf(s->notice, sizeof s->notice, "resumed at slide %zu%s; %s goes "
		 "to slide 1", s->was.slide + 1,
		 s->record ? " with the rehearsal" :
		 s->resumed == RESUME_TALK ? " (cut off)" : "", k);
	(void)d;
}

static void load_plan(struct session *s, const struct session_opts *o)
{
	if (!o->plan)
		return;
	if (strcmp(o->plan, "last") == 0) {
		if (!s->records_dir) {
			warn(s, "--plan last: no state directory (set HOME or "
			     "XDG_STATE_HOME); planning by content");
			return;
		}
		s->plan = newest_record(s->records_dir, s->record_name, s->key,
					&s->warnings);
		if (!s->plan)
			warn(s, "--plan last: no earlier rehearsal of this deck; "
			     "planning by content");
		return;
	}
	s->plan = read_record(o->plan, &s->warnings, false);
	if (!s->plan)
		warn(s, "--plan %s: planning by content", o->plan);
}

void session_begin(struct session *s, const struct session_opts *o,
		   const struct deck *d, int64_t now)
{
	memset(s, 0, sizeof *s);
	s->lock_fd = -1;
	hash_hex(d->content_hash, s->key);
	char rel[64];
	snprintf(rel, sizeof rel, "resume/%s.tsv", s->key);
	s->resume_path = xdg_path(XDG_STATE, rel);
	snprintf(rel, sizeof rel, "rehearsals/%s", s->key);
	s->records_dir = xdg_path(XDG_STATE, rel);
	if (!s->resume_path || !s->records_dir) {
		free(s->resume_path);
		free(s->records_dir);
		s->resume_path = s->records_dir = NULL;
		if (o->rehearse || o->forced)
			warn(s, "no state directory (HOME and XDG_STATE_HOME are "
			     "unset): nothing is kept");
		load_plan(s, o);
		return;
	}
	struct lt_error err;
	char *dir = xstrndup(s->resume_path, (size_t)(strrchr(s->resume_path, '/') -
						      s->resume_path));
	if (statefile_mkdirs(dir, &err)) {
		struct strbuf lock = STRBUF_INIT;
		sb_printf(&lock, "%s/%s.lock", dir, s->key);
		bool busy;
		s->lock_fd = statefile_lock(lock.data, &busy, &err);
		if (busy)
			snprintf(s->notice, sizeof s->notice, "another lectern "
				 "has this deck open: this one keeps no resume "
				 "state");
		else if (s->lock_fd < 0)
			warn(s, "%s: %s; this talk cannot be resumed", lock.data,
			     err.what);
		sb_free(&lock);
	} else {
		warn(s, "%s; this talk cannot be resumed", err.what);
	}
	free(dir);
	if (s->lock_fd >= 0)
		pick_up(s, o, d, now);
	load_plan(s, o);
	if (o->rehearse || s->record)
		s->previous = newest_record(s->records_dir, s->record_name,
					    s->key, &s->warnings);
}

/* A record file's name from its start (UTC, so that names sort by time)
 * and the process: no two lecterns write the same file. */
static void record_name(char *buf, size_t size, int64_t started_ms)
{
	time_t t = (time_t)(started_ms / 1000);
	struct tm tm;
	char stamp[32] = "0";
	if (gmtime_r(&t, &tm))
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, size, "%s-%ld.tsv", stamp, (long)getpid());
}

static void write_record(struct session *s, const struct session_end *e,
			 char **labels)
{
	struct rehearsal *r = e->record;
	struct lt_error err;
	if (!s->records_dir)
		return;
	if (!statefile_mkdirs(s->records_dir, &err)) {
		warn(s, "%s; the rehearsal is not kept", err.what);
		return;
	}
	if (!s->record_name[0])
		record_name(s->record_name, sizeof s->record_name,
			    r->started_ms ? r->started_ms : e->now);
	struct strbuf text = STRBUF_INIT, path = STRBUF_INIT;
	rehearsal_write(&text, r, labels);
	sb_printf(&path, "%s/%s", s->records_dir, s->record_name);
	if (!statefile_write(path.data, text.data, text.len, &err)) {
		warn(s, "%s: cannot write: %s; the rehearsal is not kept",
		     path.data, err.what);
		s->record_name[0] = '\0';
	}
	sb_free(&text);
	sb_free(&path);
}

static void write_state(struct session *s, const struct session_end *e,
			bool recorded)
{
	struct resume_state st = { 0 };
	memcpy(st.key, s->key, sizeof st.key);
	st.slide = e->slide;
	st.quit = e->quit;
	st.at_ms = e->now;
	st.timer_started = e->timer_started;
	st.timer_running = e->timer_running;
	st.elapsed_ms = e->elapsed_ms;
	st.duration_ms = e->duration_ms > 0 ? e->duration_ms : 0;
	if (recorded && !e->quit)
		snprintf(st.record, sizeof st.record, "%s", s->record_name);
	struct strbuf text = STRBUF_INIT;
	resume_write(&text, &st);
	struct lt_error err;
	if (!statefile_write(s->resume_path, text.data, text.len, &err))
		warn(s, "%s: cannot write: %s; this talk cannot be resumed",
		     s->resume_path, err.what);
	sb_free(&text);
}

void session_end(struct session *s, const struct session_end *e,
		 struct strbuf *summary)
{
	bool recorded = false;
	struct rehearsal *r = e->record;
	if (r) {
		r->ended_ms = e->now;
		r->complete = e->quit;
		char **labels = rehearsal_labels(e->deck, e->ix);
		if (rehearsal_total(r) > 0) {
			write_record(s, e, labels);
			recorded = s->record_name[0] != '\0';
			rehearsal_summary(summary, r, s->previous, labels,
					  e->ambiguous);
			if (recorded)
				sb_printf(summary, "Recorded in %s/%s\n",
					  s->records_dir, s->record_name);
		} else {
			sb_puts(summary, "Rehearsal: no time recorded (the timer "
				"never ran); nothing written.\n");
		}
		rehearsal_labels_free(labels, e->ix->count);
	}
	if (s->lock_fd >= 0 && s->resume_path)
		write_state(s, e, recorded);
	statefile_unlock(s->lock_fd);
	s->lock_fd = -1;
}

void session_free(struct session *s)
{
	statefile_unlock(s->lock_fd);
	free(s->resume_path);
	free(s->records_dir);
	rehearsal_free(s->record);
	rehearsal_free(s->plan);
	rehearsal_free(s->previous);
	sb_free(&s->warnings);
	memset(s, 0, sizeof *s);
	s->lock_fd = -1;
}

static int by_start(const void *a, const void *b)
{
	const struct rehearsal *x = *(struct rehearsal *const *)a;
	const struct rehearsal *y = *(struct rehearsal *const *)b;
	return (x->started_ms > y->started_ms) - (x->started_ms < y->started_ms);
}

void session_history(const struct deck *d, int columns, int ambiguous,
		     struct strbuf *out, struct strbuf *warnings)
{
	char key[17], rel[64];
	hash_hex(d->content_hash, key);
	snprintf(rel, sizeof rel, "rehearsals/%s", key);
	char *dir = xdg_path(XDG_STATE, rel);
	char **names = NULL;
	size_t n = dir ? statefile_list(dir, ".tsv", &names) : 0;
	struct rehearsal **recs = xcalloc(n ? n : 1, sizeof *recs);
	size_t nrecs = 0;
	for (size_t i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		sb_printf(&p, "%s/%s", dir, names[i]);
		struct rehearsal *r = read_record(p.data, warnings, true);
		if (r && strcmp(r->key, key) != 0) {
			sb_printf(warnings, "%s: the record of another deck; "
				  "skipped\n", p.data);
			rehearsal_free(r);
			r = NULL;
		}
		if (r)
			recs[nrecs++] = r;
		sb_free(&p);
		free(names[i]);
	}
	free(names);
	qsort(recs, nrecs, sizeof *recs, by_start);
	struct deck_index ix;
	deck_index_build(&ix, d);
	char **labels = rehearsal_labels(d, &ix);
	rehearsal_history(out, recs, nrecs, labels, ix.count, d->title, columns,
			  ambiguous);
	rehearsal_labels_free(labels, ix.count);
	deck_index_free(&ix);
	for (size_t i = 0; i < nrecs; i++)
		rehearsal_free(recs[i]);
	free(recs);
	free(dir);
}
