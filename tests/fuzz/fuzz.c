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

struct deck *fuzz_load(const uint8_t *data, size_t size)
{
	struct source src;
	struct lt_error err;
	struct deck *d = NULL;
	err.what[0] = '\0';
	if (!source_from_bytes("fuzz", (const char *)data, size, &src, &err)) {
		FUZZ_CHECK(err.what[0], "source rejected the input silently");
		FUZZ_CHECK(!err.has_offset || err.offset < size,
			   "source error offset %zu past %zu bytes", err.offset,
			   size);
		return NULL;
	}
	FUZZ_CHECK(src.text && src.text[src.len] == '\0' && src.len <= size,
		   "decoded text of %zu bytes from %zu", src.len, size);
	bool ok = deck_format_named("outline")->import(&src, &d, &err);
	source_free(&src);
	if (!ok) {
		FUZZ_CHECK(d == NULL, "a failed import handed out a deck");
		FUZZ_CHECK(err.what[0], "import rejected the input silently");
		FUZZ_CHECK(!err.has_offset || err.offset <= size,
			   "import error offset %zu past %zu bytes (%s)",
			   err.offset, size, err.what);
		return NULL;
	}
	FUZZ_CHECK(d != NULL, "a successful import gave no deck");
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
