/* source.c — reading a deck file into memory, checking that it is text,
 * and normalising away the bytes that carry no structure (BOM, CR, LF).
 * It knows nothing of the outline format beyond that. */
#include "lectern/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

void lt_error_set(struct lt_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof e->what, fmt, ap);
	va_end(ap);
	e->has_offset = false;
	e->offset = 0;
}

void lt_error_at(struct lt_error *e, size_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof e->what, fmt, ap);
	va_end(ap);
	e->has_offset = true;
	e->offset = offset;
}

/* Reads all of fd, up to SOURCE_MAX_BYTES. Caller frees *buf. */
static bool read_all(int fd, char **buf, size_t *len, struct lt_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			lt_error_set(err, "cannot read: %s", strerror(errno));
			sb_free(&sb);
			return false;
		}
		if (r == 0)
			break;
		if (sb.len + (size_t)r > SOURCE_MAX_BYTES) {
			lt_error_set(err, "deck too large: over %zu MiB "
				     "(the limit lectern reads)",
				     SOURCE_MAX_BYTES / (1024 * 1024));
			sb_free(&sb);
			return false;
		}
		sb_put(&sb, chunk, (size_t)r);
	}
	*len = sb.len;
	*buf = sb_take(&sb);
	return true;
}

static bool check_bytes(const char *b, size_t n, struct lt_error *err)
{
	if (n == 0) {
		lt_error_set(err, "empty file: no deck to show");
		return false;
	}
	const char *nul = memchr(b, '\0', n);
	size_t bad;
	bool valid = text_valid_utf8(b, n, &bad);
	if (nul && (valid || (size_t)(nul - b) < bad)) {
		lt_error_at(err, (size_t)(nul - b),
			    "NUL byte: a binary file, not a text deck");
		return false;
	}
	if (!valid) {
		lt_error_at(err, bad, "invalid UTF-8 (byte 0x%02X); "
			    "lectern reads UTF-8 text only",
			    (unsigned)(unsigned char)b[bad]);
		return false;
	}
	return true;
}

static void add_gap(struct source *s, size_t *cap, size_t pos,
		    size_t removed, bool newline)
{
	if (s->ngaps && s->gaps[s->ngaps - 1].pos == pos) {
		s->gaps[s->ngaps - 1].removed = removed;
		s->gaps[s->ngaps - 1].newline |= newline;
		return;
	}
	s->gaps = xgrow(s->gaps, cap, s->ngaps + 1, sizeof *s->gaps);
	s->gaps[s->ngaps].pos = pos;
	s->gaps[s->ngaps].removed = removed;
	s->gaps[s->ngaps].newline = newline;
	s->ngaps++;
}

/* Takes ownership of bytes. */
static bool normalise(const char *name, char *bytes, size_t n,
		      struct source *out, struct lt_error *err)
{
	memset(out, 0, sizeof *out);
	if (!check_bytes(bytes, n, err)) {
		free(bytes);
		return false;
	}
	size_t cap = 0, removed = 0, w = 0, r = 0;
	out->name = xstrdup(name);
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		r = 3;
		removed = 3;
		add_gap(out, &cap, 0, removed, false);
	}
	/* in place: the normalised text is never longer */
	for (; r < n; r++) {
		char c = bytes[r];
		if (c == '\r' || c == '\n') {
			removed++;
			add_gap(out, &cap, w, removed, true);
			continue;
		}
		bytes[w++] = c;
	}
	out->text = xrealloc(bytes, w + 1);
	out->text[w] = '\0';
	out->len = w;
	return true;
}

bool source_from_bytes(const char *name, const char *bytes, size_t n,
		       struct source *out, struct lt_error *err)
{
	if (n > SOURCE_MAX_BYTES) {
		lt_error_set(err, "deck too large: over %zu MiB",
			     SOURCE_MAX_BYTES / (1024 * 1024));
		memset(out, 0, sizeof *out);
		return false;
	}
	char *copy = xmalloc(n + 1);
	memcpy(copy, bytes, n);
	return normalise(name, copy, n, out, err);
}

bool source_read(const char *path, struct source *out, struct lt_error *err)
{
	memset(out, 0, sizeof *out);
	int fd;
	bool is_stdin = strcmp(path, "-") == 0;
	if (is_stdin) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			lt_error_set(err, "cannot open: %s", strerror(errno));
			return false;
		}
	}
	struct stat st;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			lt_error_set(err, "is a directory, not a deck file");
			if (!is_stdin)
				close(fd);
			return false;
		}
		if (S_ISREG(st.st_mode) && (size_t)st.st_size > SOURCE_MAX_BYTES) {
			lt_error_set(err, "deck too large: %lld bytes, over "
				     "the %zu MiB lectern reads",
				     (long long)st.st_size,
				     SOURCE_MAX_BYTES / (1024 * 1024));
			if (!is_stdin)
				close(fd);
			return false;
		}
	}
	char *buf;
	size_t len;
	bool ok = read_all(fd, &buf, &len, err);
	if (!is_stdin)
		close(fd);
	if (!ok)
		return false;
	return normalise(path, buf, len, out, err);
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->text);
	free(s->gaps);
	memset(s, 0, sizeof *s);
}

size_t source_gap_after(const struct source *s, size_t pos)
{
	size_t lo = 0, hi = s->ngaps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->gaps[mid].pos <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The last gap at or before pos, or NULL. */
static const struct source_gap *gap_at(const struct source *s, size_t pos)
{
	size_t lo = source_gap_after(s, pos);
	return lo ? &s->gaps[lo - 1] : NULL;
}

size_t source_offset(const struct source *s, size_t pos)
{
	const struct source_gap *g = gap_at(s, pos);
	return pos + (g ? g->removed : 0);
}

bool source_newline_before(const struct source *s, size_t pos)
{
	const struct source_gap *g = gap_at(s, pos);
	return g && g->pos == pos && g->newline;
}
