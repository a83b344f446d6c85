/* check.h — a minimal test harness: CHECK records a failure and goes on,
 * check_done prints "N passed, N failed" and gives the exit status. */
#ifndef LECTERN_CHECK_H
#define LECTERN_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rmtree.h"

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (cond) {                                                  \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__,       \
				__LINE__, #cond);                            \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
		}                                                            \
	} while (0)

/* Under `meson test --setup valgrind`, LECTERN_WRAP names the wrapper
 * (valgrind and its options): the test runs itself again inside it. */
static inline void check_wrap(int argc, char **argv)
{
	const char *w = getenv("LECTERN_WRAP");
	if (!w || !*w || getenv("LECTERN_WRAPPED"))
		return;
	setenv("LECTERN_WRAPPED", "1", 1);
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s", w);
	char *args[64];
	int n = 0;
	for (char *t = strtok(buf, " "); t && n < 40; t = strtok(NULL, " "))
		args[n++] = t;
	for (int i = 0; i < argc && n < 63; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	execvp(args[0], args);
	perror("check_wrap");
}

/* Removes a test's temporary directory and all in it (depth first, links
 * not followed); says so on stderr when it cannot. */
static inline void check_rmtree(const char *dir)
{
	if (rmtree(dir) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* The bytes of the file at path, NUL-terminated, their count in *n; NULL
 * when it cannot be read. Caller frees. */
static inline char *check_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			char *more = realloc(buf, 2 * cap + 1);
			if (!more)
				free(buf);
			buf = more;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[len] = '\0';
	*n = len;
	return buf;
}

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
