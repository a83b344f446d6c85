/* fuzz.c — the helpers of fuzz.h. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/loader.h"
#include "lectern/source.h"
#include "lectern/text.h"

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt,
	       ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: invariant failed: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

size_t fuzz_text_end;

static void check_error(const struct lt_error *err, size_t size, const char *who)
{
	FUZZ_CHECK(err->what[0], "%s rejected the input silently", who);
	FUZZ_CHECK(!err->has_offset || err->offset <= size,
		   "%s error offset %zu past %zu bytes (%s)", who, err->offset,
		   size, err->what);
	FUZZ_CHECK(!err->has_line || (err->line >= 1 && err->column >= 1),
		   "%s error at line %zu, column %zu (%s)", who, err->line,
		   err->column, err->what);
}

struct deck *fuzz_load(const uint8_t *data, size_t size)
{
	struct source src;
	struct lt_error err;
	struct deck *d = NULL;
	err.what[0] = '\0';
	/* the source first, for what the loader does not hand out */
	bool read = source_from_bytes("fuzz", (const char *)data, size, NULL,
				      &src, &err);
	if (!read) {
		check_error(&err, size, "source");
		FUZZ_CHECK(!err.has_offset || err.offset < size,
			   "source error offset %zu past %zu bytes", err.offset,
			   size);
	} else {
		/* UTF-16 and GB18030 take 2 bytes where UTF-8 takes 3 */
		FUZZ_CHECK(src.text && src.text[src.len] == '\0' &&
			   src.len <= size + size / 2 && src.base <= 4,
			   "decoded text of %zu bytes from %zu", src.len, size);
		FUZZ_CHECK(src.cut < 4, "%zu bytes of a cut character", src.cut);
		fuzz_text_end = src.base + src.len;
		source_free(&src);
	}
	err.what[0] = '\0';
	bool ok = deck_load_bytes("fuzz", (const char *)data, size,
				  deck_format_named("outline"), &d, &err);
	if (!ok) {
		FUZZ_CHECK(d == NULL, "a failed load handed out a deck");
		check_error(&err, size, read ? "import" : "source");
		return NULL;
	}
	FUZZ_CHECK(read, "the loader read what the source refused");
	FUZZ_CHECK(d != NULL, "a successful load gave no deck");
	return d;
}

void fuzz_check_inert(const char *s, size_t n, const char *what)
{
	size_t bad;
	FUZZ_CHECK(s != NULL, "%s is NULL", what);
	FUZZ_CHECK(text_valid_utf8(s, n, &bad), "%s: invalid UTF-8 at byte %zu",
		   what, bad);
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int len = text_decode(s + i, n - i, &cp);
		FUZZ_CHECK(len > 0, "%s: cannot decode at byte %zu", what, i);
		FUZZ_CHECK(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0),
			   "%s: control character U+%04X at byte %zu", what,
			   (unsigned)cp, i);
		i += (size_t)len;
	}
}

/* ---- JSON: a strict RFC 8259 reader that only checks ------------------ */

static void json_ws(struct fuzz_json *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\n' ||
			       j->s[j->i] == '\t' || j->s[j->i] == '\r'))
		j->i++;
}

static void json_expect(struct fuzz_json *j, char c)
{
	json_ws(j);
	FUZZ_CHECK(j->i < j->n && j->s[j->i] == c, "JSON: '%c' expected at "
		   "byte %zu", c, j->i);
	j->i++;
}

static bool json_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Reads a string; returns its raw (escaped) bytes through *start, *len. */
static void json_string(struct fuzz_json *j, size_t *start, size_t *len)
{
	json_expect(j, '"');
	*start = j->i;
	for (;;) {
		FUZZ_CHECK(j->i < j->n, "JSON: unterminated string");
		unsigned char c = (unsigned char)j->s[j->i];
		FUZZ_CHECK(c >= 0x20, "JSON: raw control byte 0x%02X at %zu", c,
			   j->i);
		if (c == '"')
			break;
		if (c == '\\') {
			FUZZ_CHECK(j->i + 1 < j->n, "JSON: escape at the end");
			char e = j->s[j->i + 1];
			if (e == 'u') {
				FUZZ_CHECK(j->i + 5 < j->n && json_hex(j->s[j->i + 2]) &&
					   json_hex(j->s[j->i + 3]) &&
					   json_hex(j->s[j->i + 4]) &&
					   json_hex(j->s[j->i + 5]),
					   "JSON: bad \\u escape at %zu", j->i);
				j->i += 6;
				continue;
			}
			FUZZ_CHECK(strchr("\"\\/bfnrt", e) && e, "JSON: bad "
				   "escape at %zu", j->i);
			j->i += 2;
			continue;
		}
		j->i++;
	}
	*len = j->i - *start;
	j->i++;
}

static void json_value(struct fuzz_json *j, int depth);

static void json_count_key(struct fuzz_json *j, const char *k, size_t n)
{
	if (n == 6 && memcmp(k, "header", 6) == 0)
		j->headers++;
	else if (n == 6 && memcmp(k, "blocks", 6) == 0)
		j->blocks_keys++;
	else if (n == 6 && memcmp(k, "points", 6) == 0)
		j->points_keys++;
	else if (n == 6 && memcmp(k, "slides", 6) == 0)
		j->slides_keys++;
	else if (n == 6 && memcmp(k, "offset", 6) == 0)
		j->offsets++;
}

static void json_value(struct fuzz_json *j, int depth)
{
	FUZZ_CHECK(depth < 32, "JSON: nested too deep");
	json_ws(j);
	FUZZ_CHECK(j->i < j->n, "JSON: value expected at the end");
	char c = j->s[j->i];
	size_t st, len;
	if (c == '{') {
		j->i++;
		json_ws(j);
		if (j->i < j->n && j->s[j->i] == '}') {
			j->i++;
			return;
		}
		for (;;) {
			json_string(j, &st, &len);
			json_count_key(j, j->s + st, len);
			json_expect(j, ':');
			json_value(j, depth + 1);
			json_ws(j);
			FUZZ_CHECK(j->i < j->n, "JSON: unterminated object");
			if (j->s[j->i] == '}') {
				j->i++;
				return;
			}
			json_expect(j, ',');
		}
	} else if (c == '[') {
		j->i++;
		json_ws(j);
		if (j->i < j->n && j->s[j->i] == ']') {
			j->i++;
			return;
		}
		for (;;) {
			json_value(j, depth + 1);
			json_ws(j);
			FUZZ_CHECK(j->i < j->n, "JSON: unterminated array");
			if (j->s[j->i] == ']') {
				j->i++;
				return;
			}
			json_expect(j, ',');
		}
	} else if (c == '"') {
		json_string(j, &st, &len);
		j->strings++;
	} else if (c == 't' && j->n - j->i >= 4 && memcmp(j->s + j->i, "true", 4) == 0) {
		j->i += 4;
	} else if (c == 'f' && j->n - j->i >= 5 && memcmp(j->s + j->i, "false", 5) == 0) {
		j->i += 5;
	} else if (c == 'n' && j->n - j->i >= 4 && memcmp(j->s + j->i, "null", 4) == 0) {
		j->i += 4;
	} else {
		/* numbers: the export writes only unsigned integers */
		FUZZ_CHECK(c >= '0' && c <= '9', "JSON: unexpected '%c' at %zu",
			   c, j->i);
		FUZZ_CHECK(c != '0' || j->i + 1 >= j->n || j->s[j->i + 1] < '0' ||
			   j->s[j->i + 1] > '9', "JSON: leading zero at %zu", j->i);
		while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
			j->i++;
	}
}

void fuzz_check_json(const char *s, size_t n, struct fuzz_json *j)
{
	memset(j, 0, sizeof *j);
	j->s = s;
	j->n = n;
	json_value(j, 0);
	json_ws(j);
	FUZZ_CHECK(j->i == j->n, "JSON: trailing bytes at %zu of %zu", j->i, j->n);
}
