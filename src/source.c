/* source.c — reading a deck file into memory as UTF-8 text. It knows
 * nothing of any deck format: it reads the bytes, finds their encoding,
 * decodes them (iconv, from glibc), drops a BOM and keeps everything else,
 * lines included. The encoding, in this order:
 *   1. the one the caller forces (--encoding);
 *   2. a BOM: UTF-8, UTF-32LE/BE, UTF-16LE/BE;
 *   3. UTF-8, when the bytes are valid UTF-8;
 *   4. GB18030 (which includes GBK and GB2312), when the bytes are valid
 *      GB18030 as a whole: the decks Chinese users save on Windows. This
 *      is a guess, so the caller is told (source.guessed) to warn.
 * A file that ends inside a character (`head -c`) loses that character
 * and says so (source.cut): it is a deck cut short, not a broken one. */
#include "lectern/source.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* ---- positions ------------------------------------------------------- */

/* Line and column (both from 1, the column in characters) of byte pos of
 * the UTF-8 text t, counting from (*line, *col) at byte from. */
static void advance(const char *t, size_t from, size_t pos, size_t *line,
		    size_t *col)
{
	for (size_t i = from; i < pos; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* An error at byte pos of the UTF-8 text t (valid up to pos). */
static void error_at(struct lt_error *err, const char *t, size_t pos,
		     size_t offset)
{
	size_t line = 1, col = 1;
	advance(t, 0, pos, &line, &col);
	err->has_offset = true;
	err->offset = offset;
	err->has_line = true;
	err->line = line;
	err->column = col;
}

/* ---- encodings ------------------------------------------------------- */

static const struct {
	const char *bom;
	size_t len;
	const char *encoding;
} boms[] = {
	/* UTF-32LE first: its BOM begins with UTF-16LE's */
	{ "\xFF\xFE\x00\x00", 4, "UTF-32LE" },
	{ "\x00\x00\xFE\xFF", 4, "UTF-32BE" },
	{ "\xEF\xBB\xBF", 3, "UTF-8" },
	{ "\xFF\xFE", 2, "UTF-16LE" },
	{ "\xFE\xFF", 2, "UTF-16BE" },
};

static bool is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* The BOM at the start of b that belongs to encoding (NULL: any), or
 * -1 for none. */
static int bom_of(const char *b, size_t n, const char *encoding)
{
	for (size_t i = 0; i < sizeof boms / sizeof *boms; i++) {
		if (n < boms[i].len || memcmp(b, boms[i].bom, boms[i].len) != 0)
			continue;
		if (!encoding || strcasecmp(encoding, boms[i].encoding) == 0 ||
		    (is_utf8_name(encoding) && strcmp(boms[i].encoding, "UTF-8") == 0))
			return (int)i;
	}
	return -1;
}

/* iconv's "UTF-16" and "UTF-32" read the byte order from a BOM and take
 * big-endian without one; so does this, naming the order, so that text
 * can be encoded back (positions in the file) the same way. */
static const char *byte_order(const char *encoding, const char *b, size_t n)
{
	bool u16 = strcasecmp(encoding, "UTF-16") == 0 ||
		   strcasecmp(encoding, "UTF16") == 0;
	bool u32 = strcasecmp(encoding, "UTF-32") == 0 ||
		   strcasecmp(encoding, "UTF32") == 0;
	if (!u16 && !u32)
		return encoding;
	int k = bom_of(b, n, NULL);
	if (k >= 0 && strncmp(boms[k].encoding, u16 ? "UTF-16" : "UTF-32", 6) == 0)
		return boms[k].encoding;
	return u16 ? "UTF-16BE" : "UTF-32BE";
}

/* When s[0..n) (n < 4) is the start of a UTF-8 character that the text
 * ends before finishing. */
static bool utf8_incomplete(const unsigned char *s, size_t n)
{
	size_t need = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 :
		      s[0] >= 0xE0 && s[0] <= 0xEF ? 3 :
		      s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (need == 0 || n >= need)
		return false;
	for (size_t i = 1; i < n; i++) {
		unsigned lo = 0x80, hi = 0xBF;
		if (i == 1) {
			if (s[0] == 0xE0)
				lo = 0xA0;
			else if (s[0] == 0xED)
				hi = 0x9F;
			else if (s[0] == 0xF0)
				lo = 0x90;
			else if (s[0] == 0xF4)
				hi = 0x8F;
		}
		if (s[i] < lo || s[i] > hi)
			return false;
	}
	return true;
}

/* Checks b[0..n) as UTF-8. True when valid, with *cut the bytes of an
 * unfinished last character (0 when there is none); else *bad is the
 * first byte that is not UTF-8. */
static bool check_utf8(const char *b, size_t n, size_t *cut, size_t *bad)
{
	*cut = 0;
	if (text_valid_utf8(b, n, bad))
		return true;
	if (n - *bad < 4 &&
	    utf8_incomplete((const unsigned char *)b + *bad, n - *bad)) {
		*cut = n - *bad;
		return true;
	}
	return false;
}

/* The outcome of decoding with iconv. */
struct decoded {
	struct strbuf text; /* UTF-8 */
	size_t bad;         /* when it failed: the first byte not decoded */
	size_t cut;         /* bytes of an unfinished last character */
	size_t wide;        /* characters beyond ASCII decoded */
	bool unknown;       /* iconv does not know the encoding */
};

/* Decodes b[0..n) from encoding into UTF-8. False when iconv does not
 * know the encoding (d->unknown) or a byte does not decode (d->bad). */
static bool decode(const char *encoding, const char *b, size_t n,
		   struct decoded *d)
{
	memset(d, 0, sizeof *d);
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		d->unknown = true;
		return false;
	}
	char *in = (char *)b;
	size_t inleft = n;
	size_t cap = n + n / 2 + 16;
	char *buf = xmalloc(cap);
	size_t used = 0;
	bool ok = true;
	while (inleft) {
		char *out = buf + used;
		size_t outleft = cap - used;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);
		used = (size_t)(out - buf);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		} else if (errno == EINVAL) {
			d->cut = inleft; /* ends inside a character */
			break;
		} else {
			d->bad = (size_t)(in - b);
			ok = false;
			break;
		}
	}
	iconv_close(cd);
	for (size_t i = 0; i < used; i++)
		d->wide += ((unsigned char)buf[i] & 0xC0) == 0xC0;
	d->text.data = buf;
	d->text.len = used;
	d->text.cap = cap;
	return ok;
}

/* Shell-quotes s for a command the user may paste. */
static void sh_quote(struct strbuf *sb, const char *s)
{
	if (s[0] && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
			   "WXYZ0123456789_./-+,:@%") == strlen(s)) {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *s);
	}
	sb_putc(sb, '\'');
}

/* The iconv command that would convert the file, for the error when no
 * encoding fits: "deck.txt" becomes "deck.utf8.txt". */
static void iconv_hint(struct strbuf *sb, const char *name)
{
	sb_puts(sb, "iconv -f ENCODING -t UTF-8");
	if (strcmp(name, "-") == 0)
		return;
	sb_putc(sb, ' ');
	sh_quote(sb, name);
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');
	struct strbuf to = STRBUF_INIT;
	if (dot && dot != (slash ? slash + 1 : name)) {
		sb_put(&to, name, (size_t)(dot - name));
		sb_printf(&to, ".utf8%s", dot);
	} else {
		sb_printf(&to, "%s.utf8", name);
	}
	sb_puts(sb, " > ");
	sh_quote(sb, to.data);
	sb_free(&to);
}

/* Bytes that s[0..n) (UTF-8, whole characters) takes in the encoding cd
 * converts to. */
static size_t encoded_len(iconv_t cd, const char *s, size_t n)
{
	char *in = (char *)s;
	size_t inleft = n, total = 0;
	char buf[4096];
	while (inleft) {
		char *out = buf;
		size_t outleft = sizeof buf;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);
		total += sizeof buf - outleft;
		if (r == (size_t)-1 && errno != E2BIG) {
			/* a character the encoding has no bytes for cannot
			 * come from decoding it; count it as one byte */
			uint32_t cp;
			size_t skip = (size_t)text_decode(in, inleft, &cp);
			in += skip;
			inleft -= skip;
			total++;
		}
	}
	return total;
}

/* ---- normalising ----------------------------------------------------- */

/* The text is UTF-8 now: no NUL may be in it. The byte offset is given
 * only when the text is the file's own bytes. */
static bool check_nul(const struct source *s, struct lt_error *err)
{
	const char *nul = memchr(s->text, '\0', s->len);
	if (!nul)
		return true;
	size_t pos = (size_t)(nul - s->text);
	if (s->encoding)
		lt_error_set(err, "NUL character: a binary file, not a text "
			     "deck");
	else
		lt_error_set(err, "NUL byte at offset %zu: a binary file, not "
			     "a text deck", s->base + pos);
	error_at(err, s->text, pos, s->base + pos);
	err->has_offset = s->encoding == NULL;
	return false;
}

/* Hands the UTF-8 text over to out, without its first skip bytes (a BOM).
 * Takes ownership of b. */
static bool take_utf8(struct source *out, char *b, size_t n, size_t skip,
		      struct lt_error *err)
{
	size_t cut, bad;
	if (!check_utf8(b + skip, n - skip, &cut, &bad)) {
		lt_error_set(err, "invalid UTF-8 (byte 0x%02X at offset %zu)",
			     (unsigned)(unsigned char)b[skip + bad], skip + bad);
		error_at(err, b + skip, bad, skip + bad);
		free(b);
		return false;
	}
	memmove(b, b + skip, n - skip);
	n -= skip + cut;
	out->text = xrealloc(b, n + 1);
	out->text[n] = '\0';
	out->len = n;
	out->base = skip;
	out->cut = cut;
	return check_nul(out, err);
}

/* Hands text decoded from encoding over to out; skip: the BOM bytes
 * left out before decoding. */
static bool adopt(struct source *out, const char *encoding,
		  struct decoded *d, size_t skip, struct lt_error *err)
{
	out->encoding = encoding;
	out->base = skip;
	out->cut = d->cut;
	char *t = d->text.data;
	size_t len = d->text.len;
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		/* a BOM that the encoding decoded as U+FEFF: its bytes in
		 * the file come before text[0] */
		iconv_t cd = iconv_open(encoding, "UTF-8");
		if (cd != (iconv_t)-1) {
			out->base += encoded_len(cd, t, 3);
			iconv_close(cd);
		}
		memmove(t, t + 3, len - 3);
		len -= 3;
	}
	out->text = xrealloc(t, len + 1);
	out->text[len] = '\0';
	out->len = len;
	d->text.data = NULL;
	return check_nul(out, err);
}

/* Decodes b[skip..n) (skip: a BOM) from encoding into out. Does not take
 * b. */
static bool take_decoded(struct source *out, const char *encoding,
			 const char *b, size_t n, size_t skip,
			 struct lt_error *err)
{
	struct decoded d;
	if (decode(encoding, b + skip, n - skip, &d))
		return adopt(out, encoding, &d, skip, err);
	if (d.unknown) {
		lt_error_set(err, "unknown encoding \"%s\" (`iconv -l` lists "
			     "the names)", encoding);
	} else {
		lt_error_set(err, "not %s: byte 0x%02X at offset %zu does not "
			     "decode", encoding,
			     (unsigned)(unsigned char)b[skip + d.bad], skip + d.bad);
		error_at(err, d.text.data, d.text.len, skip + d.bad);
	}
	sb_free(&d.text);
	return false;
}

/* No encoding given: a BOM, else UTF-8, else GB18030 (see the top).
 * Takes ownership of b. */
static bool detect(const char *name, char *b, size_t n, struct source *out,
		   struct lt_error *err)
{
	int k = bom_of(b, n, NULL);
	if (k >= 0 && strcmp(boms[k].encoding, "UTF-8") == 0)
		return take_utf8(out, b, n, boms[k].len, err);
	if (k >= 0) {
		bool ok = take_decoded(out, boms[k].encoding, b, n, boms[k].len,
				       err);
		free(b);
		return ok;
	}
	size_t cut, bad;
	bool valid = check_utf8(b, n, &cut, &bad);
	/* a cut last character makes a UTF-8 deck only when some other
	 * character beyond ASCII came before it: a Latin-1 "Caf\xE9" is no
	 * UTF-8 deck cut short */
	if (valid && cut) {
		bool wide = false;
		for (size_t i = 0; i < n - cut && !wide; i++)
			wide = (unsigned char)b[i] >= 0x80;
		if (!wide) {
			valid = false;
			bad = n - cut;
		}
	}
	const char *nul = memchr(b, '\0', n);
	if (nul && (valid || (size_t)(nul - b) < bad)) {
		lt_error_set(err, "NUL byte at offset %zu: a binary file, not "
			     "a text deck", (size_t)(nul - b));
		error_at(err, b, (size_t)(nul - b), (size_t)(nul - b));
		free(b);
		return false;
	}
	if (valid)
		return take_utf8(out, b, n, 0, err);
	/* GB18030 when it decodes the whole file; one cut character at the
	 * end only when something beyond ASCII decoded before it (a Latin-1
	 * "Caf\xE9" is no GB18030 deck) */
	struct decoded d;
	if (decode("GB18030", b, n, &d) && (d.cut == 0 || d.wide > 0)) {
		free(b);
		out->guessed = true;
		return adopt(out, "GB18030", &d, 0, err);
	}
	sb_free(&d.text);
	struct strbuf hint = STRBUF_INIT;
	iconv_hint(&hint, name);
	lt_error_set(err, "invalid UTF-8 (byte 0x%02X at offset %zu), and not "
		     "GB18030 either; tried a BOM (UTF-8, UTF-16, UTF-32), "
		     "UTF-8 and GB18030. Name the encoding with --encoding, or "
		     "convert the file: %s", (unsigned)(unsigned char)b[bad], bad,
		     hint.data);
	sb_free(&hint);
	error_at(err, b, bad, bad);
	free(b);
	return false;
}

/* Takes ownership of bytes. */
static bool normalise(const char *name, char *b, size_t n,
		      const char *encoding, struct source *out,
		      struct lt_error *err)
{
	memset(out, 0, sizeof *out);
	out->name = xstrdup(name);
	out->file_len = n;
	bool ok;
	if (n == 0) {
		lt_error_set(err, "empty file: no deck to show");
		free(b);
		ok = false;
	} else if (encoding) {
		const char *enc = byte_order(encoding, b, n);
		int k = bom_of(b, n, enc);
		size_t skip = k >= 0 ? boms[k].len : 0;
		if (is_utf8_name(enc)) {
			ok = take_utf8(out, b, n, skip, err);
		} else {
			ok = take_decoded(out, enc, b, n, skip, err);
			free(b);
		}
	} else {
		ok = detect(name, b, n, out, err);
	}
	if (!ok)
		source_free(out);
	return ok;
}

bool source_from_bytes(const char *name, const char *bytes, size_t n,
		       const char *encoding, struct source *out,
		       struct lt_error *err)
{
	if (n > SOURCE_MAX_BYTES) {
		lt_error_set(err, "deck too large: over %zu MiB",
			     SOURCE_MAX_BYTES / (1024 * 1024));
		memset(out, 0, sizeof *out);
		return false;
	}
	char *copy = xmalloc(n + 1);
	memcpy(copy, bytes, n);
	return normalise(name, copy, n, encoding, out, err);
}

bool source_read(const char *path, const char *encoding, struct source *out,
		 struct lt_error *err)
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
	return normalise(path, buf, len, encoding, out, err);
}

bool source_read_head(const char *path, const char *encoding, size_t max,
		      struct source *out, bool *whole, struct lt_error *err)
{
	memset(out, 0, sizeof *out);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		lt_error_set(err, "cannot open: %s", strerror(errno));
		return false;
	}
	char *buf = xmalloc(max + 1);
	size_t n = 0;
	while (n < max) {
		ssize_t r = read(fd, buf + n, max - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	/* one byte more says whether the file goes on */
	char more;
	ssize_t r;
	do
		r = read(fd, &more, 1);
	while (r < 0 && errno == EINTR);
	*whole = r == 0;
	close(fd);
	return normalise(path, buf, n, encoding, out, err);
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->name);
	if (!s->given)
		free(s->text);
	memset(s, 0, sizeof *s);
}

char *source_give_text(struct source *s)
{
	s->given = true;
	return s->text;
}

size_t source_offset(const struct source *s, size_t pos)
{
	return s->base + pos;
}

void source_locate(const struct source *s, const size_t *pos, size_t n,
		   struct source_loc *out)
{
	iconv_t cd = (iconv_t)-1;
	if (s->encoding)
		cd = iconv_open(s->encoding, "UTF-8");
	size_t at = 0, line = 1, col = 1, bytes = 0;
	for (size_t i = 0; i < n; i++) {
		size_t p = pos[i] < s->len ? pos[i] : s->len;
		while (p > 0 && p < s->len &&
		       ((unsigned char)s->text[p] & 0xC0) == 0x80)
			p--; /* the start of its character */
		if (p < at) {
			/* out of order: count again from the start */
			at = bytes = 0;
			line = col = 1;
		}
		advance(s->text, at, p, &line, &col);
		if (cd != (iconv_t)-1)
			bytes += encoded_len(cd, s->text + at, p - at);
		else
			bytes += p - at;
		at = p;
		out[i].line = line;
		out[i].column = col;
		out[i].offset = s->base + bytes;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}
