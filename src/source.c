/* source.c — reading a deck file into memory and checking that it is
 * text. It drops a BOM and keeps everything else, lines included: it knows
 * nothing of any deck format. */
#include "lectern/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

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

/* Takes ownership of bytes. */
static bool normalise(const char *name, char *bytes, size_t n,
		      struct source *out, struct lt_error *err)
{
	memset(out, 0, sizeof *out);
	if (!check_bytes(bytes, n, err)) {
		free(bytes);
		return false;
	}
	out->name = xstrdup(name);
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		out->base = 3;
		memmove(bytes, bytes + 3, n - 3);
		n -= 3;
	}
	out->text = xrealloc(bytes, n + 1);
	out->text[n] = '\0';
	out->len = n;
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
	memset(s, 0, sizeof *s);
}

size_t source_offset(const struct source *s, size_t pos)
{
	return s->base + pos;
}
