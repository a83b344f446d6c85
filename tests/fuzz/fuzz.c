/* fuzz.c — the helpers of fuzz.h. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
