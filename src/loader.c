/* loader.c — the table of deck formats and the path from a file to a
 * deck: source.c reads and checks the bytes, the format's importer builds
 * the deck. Knows no format's rules itself. */
#include "lectern/loader.h"

#include <string.h>
#include <strings.h>

#include "lectern/outline.h"
#include "lectern/source.h"

static const char *const outline_ext[] = { ".txt", NULL };

const struct deck_format deck_formats[] = {
	{ "outline", outline_ext, outline_import },
};
const size_t deck_nformats = sizeof deck_formats / sizeof *deck_formats;

const struct deck_format *deck_format_named(const char *name)
{
	for (size_t i = 0; i < deck_nformats; i++)
		if (strcmp(deck_formats[i].name, name) == 0)
			return &deck_formats[i];
	return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcasecmp(s + n - k, tail) == 0;
}

const struct deck_format *deck_format_for(const char *path)
{
	for (size_t i = 0; i < deck_nformats; i++)
		for (const char *const *e = deck_formats[i].extensions; *e; e++)
			if (ends_with(path, *e))
				return &deck_formats[i];
	return &deck_formats[0];
}

static bool import(const char *name, struct source *src,
		   const struct deck_format *format, struct deck **out,
		   struct lt_error *err)
{
	if (!format)
		format = deck_format_for(name);
	bool ok = format->import(src, out, err);
	source_free(src);
	return ok;
}

bool deck_load(const char *path, const struct deck_format *format,
	       struct deck **out, struct lt_error *err)
{
	struct source src;
	*out = NULL;
	if (!source_read(path, &src, err))
		return false;
	return import(path, &src, format, out, err);
}

bool deck_load_bytes(const char *name, const char *bytes, size_t n,
		     const struct deck_format *format, struct deck **out,
		     struct lt_error *err)
{
	struct source src;
	*out = NULL;
	if (!source_from_bytes(name, bytes, n, &src, err))
		return false;
	return import(name, &src, format, out, err);
}
