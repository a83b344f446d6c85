/* error.h — what went wrong, and where: the one error type that library
 * code returns (it never prints or exits). main and the app decide how to
 * show it. */
#ifndef LECTERN_ERROR_H
#define LECTERN_ERROR_H

#include <stdbool.h>
#include <stddef.h>

struct lt_error {
	bool has_offset;
	size_t offset;  /* byte offset in the file, when has_offset */
	bool has_line;
	size_t line, column; /* from 1, the column in characters, when has_line */
	char what[1024];
};

void lt_error_set(struct lt_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lt_error_at(struct lt_error *e, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
