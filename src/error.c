/* error.c — filling in a struct lt_error. */
#include "lectern/error.h"

#include <stdarg.h>
#include <stdio.h>

void lt_error_set(struct lt_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof e->what, fmt, ap);
	va_end(ap);
	e->has_offset = false;
	e->offset = 0;
	e->has_line = false;
	e->line = e->column = 0;
}

void lt_error_at(struct lt_error *e, size_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof e->what, fmt, ap);
	va_end(ap);
	e->has_offset = true;
	e->offset = offset;
	e->has_line = false;
	e->line = e->column = 0;
}
