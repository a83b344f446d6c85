/* strbuf.h — a growable byte buffer, the one way lectern builds strings.
 * Allocation failure aborts: lectern cannot do anything useful without
 * memory, and every caller would otherwise need the same dead branch. */
#ifndef LECTERN_STRBUF_H
#define LECTERN_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *data; /* NUL-terminated once anything was put */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_put(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_repeat(struct strbuf *sb, const char *s, int times);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hands the buffer over, NUL-terminated (an empty string when nothing was
 * put); the strbuf is empty again. Caller frees. */
char *sb_take(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* Says "out of memory" and aborts: what the functions below do when
 * the system has none to give. */
_Noreturn void die_oom(void);
/* malloc and friends that abort on failure. Caller frees. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size `size` to hold `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrndup(const char *s, size_t n);
char *xstrdup(const char *s);

#endif
