/* footer.c — the status line's fields, as one table (name, what it shows,
 * its style, how often it changes by itself), and the template's
 * expansion. No app state here: everything comes in footer_info. */
#include "lectern/footer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/strbuf.h"
#include "lectern/style.h"

static void f_title(struct strbuf *v, const struct footer_info *in)
{
	sb_puts(v, in->title ? in->title : "");
}

static void f_section(struct strbuf *v, const struct footer_info *in)
{
	if (in->section)
		sb_puts(v, in->section);
}

static void f_n(struct strbuf *v, const struct footer_info *in)
{
	sb_printf(v, "%zu", in->n);
}

static void f_total(struct strbuf *v, const struct footer_info *in)
{
	sb_printf(v, "%zu", in->total);
}

static void f_screen(struct strbuf *v, const struct footer_info *in)
{
	if (in->screens > 1)
		sb_printf(v, " (%zu/%zu)", in->screen + 1, in->screens);
}

static void f_clock(struct strbuf *v, const struct footer_info *in)
{
	time_t now = (time_t)(in->now_ms / 1000);
	struct tm tm;
	if (localtime_r(&now, &tm))
		sb_printf(v, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

static void f_progress(struct strbuf *v, const struct footer_info *in)
{
	if (in->bar <= 0)
		return;
	size_t last = in->total > 1 ? in->total - 1 : 1;
	size_t at = in->n ? in->n - 1 : 0;
	int full = (int)((at * (size_t)in->bar + last / 2) / last);
	for (int i = 0; i < in->bar; i++)
		sb_putc(v, i < full ? '#' : '-');
}

static const struct field {
	const char *name;
	void (*show)(struct strbuf *v, const struct footer_info *in);
	int style;
	int period_s; /* it changes by itself every period_s; 0: never */
} fields[] = {
	{ "title", f_title, FS_FOOTER, 0 },
	{ "section", f_section, FS_FOOTER, 0 },
	{ "n", f_n, FS_FOOTER, 0 },
	{ "total", f_total, FS_FOOTER, 0 },
	{ "screen", f_screen, FS_FOOTER, 0 },
	{ "clock", f_clock, FS_FOOTER, 60 },
	{ "progress", f_progress, FS_PROGRESS, 0 },
};

#define SPLIT "{>}" /* where the right-aligned part starts */

static const struct field *field_named(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strlen(fields[i].name) == len &&
		    strncmp(fields[i].name, name, len) == 0)
			return &fields[i];
	return NULL;
}

bool footer_field_known(const char *name, size_t len)
{
	return (len == 1 && name[0] == '>') || field_named(name, len);
}

void footer_field_names(char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof fields / sizeof *fields && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "{%s} ", fields[i].name);
	if (n < size)
		snprintf(buf + n, size - n, SPLIT);
}

static void seg_add(struct footer_seg *segs, size_t *n, const char *s,
		    size_t len, int style)
{
	if (*n < 64 && len)
		segs[(*n)++] = (struct footer_seg){ xstrndup(s, len), style };
}

/* Drops separator characters (" |-:/") from the end of the segments. */
static void seg_trim(struct footer_seg *segs, size_t *n)
{
	while (*n) {
		char *t = segs[*n - 1].text;
		size_t len = strlen(t);
		while (len && strchr(" |-:/", t[len - 1]))
			t[--len] = '\0';
		if (len)
			return;
		free(t);
		(*n)--;
	}
}

static size_t expand(const char *t, size_t tlen, const struct footer_info *in,
		     struct footer_seg *segs)
{
	size_t n = 0;
	const char *end = t + tlen;
	while (t < end) {
		const char *o = memchr(t, '{', (size_t)(end - t));
		const char *c = o ? memchr(o, '}', (size_t)(end - o)) : NULL;
		if (!c) {
			seg_add(segs, &n, t, (size_t)(end - t), FS_FOOTER);
			break;
		}
		seg_add(segs, &n, t, (size_t)(o - t), FS_FOOTER);
		const struct field *f = field_named(o + 1, (size_t)(c - o - 1));
		struct strbuf v = STRBUF_INIT;
		if (f)
			f->show(&v, in);
		if (v.len)
			seg_add(segs, &n, v.data, v.len, f->style);
		else
			seg_trim(segs, &n);
		sb_free(&v);
		t = c + 1;
	}
	return n;
}

void footer_expand(const char *tmpl, const struct footer_info *in,
		   struct footer_line *out)
{
	const char *split = strstr(tmpl, SPLIT);
	size_t llen = split ? (size_t)(split - tmpl) : strlen(tmpl);
	out->nleft = expand(tmpl, llen, in, out->left);
	out->nright = 0;
	if (split)
		out->nright = expand(split + 3, strlen(split + 3), in, out->right);
}

void footer_line_free(struct footer_line *l)
{
	for (size_t i = 0; i < l->nleft; i++)
		free(l->left[i].text);
	for (size_t i = 0; i < l->nright; i++)
		free(l->right[i].text);
	l->nleft = l->nright = 0;
}

int64_t footer_next_change(const char *tmpl, int64_t now_ms)
{
	int64_t best = -1;
	for (const char *o = strchr(tmpl, '{'); o; o = strchr(o + 1, '{')) {
		const char *c = strchr(o, '}');
		if (!c)
			break;
		const struct field *f = field_named(o + 1, (size_t)(c - o - 1));
		if (!f || !f->period_s)
			continue;
		int64_t period = (int64_t)f->period_s * 1000;
		int64_t wait = period - now_ms % period;
		if (best < 0 || wait < best)
			best = wait;
	}
	return best;
}
