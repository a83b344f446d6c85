/* footer.c — the status line's fields, as one table (name, what it shows,
 * its style, what changes it by itself), and the template's
 * expansion. No app state here: everything comes in footer_info. */
#include "lectern/footer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/strbuf.h"
#include "lectern/style.h"
#include "lectern/timer.h"

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
	if (in->total)
		sb_printf(v, "%zu", in->total);
	else
		sb_puts(v, "\xE2\x80\xA6"); /* "…": still loading */
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
	if (in->bar <= 0 || !in->total)
		return;
	size_t last = in->total > 1 ? in->total - 1 : 1;
	size_t at = in->n ? in->n - 1 : 0;
	int full = (int)((at * (size_t)in->bar + last / 2) / last);
	for (int i = 0; i < in->bar; i++)
		sb_putc(v, i < full ? '#' : '-');
}

/* ---- the talk's time (talk.c fills footer_info) ---------------------- */

/* The time fields keep their width as they tick ("9:59" is " 9:59",
 * the pace "   on time"), so that a tick never moves the rest of the
 * status line and costs only the digits that changed. */
#define TIME_COLS 5
#define PACE_COLS 11

static void pad_to(struct strbuf *v, size_t from, size_t cols)
{
	size_t n = v->len - from; /* ASCII: a byte a column */
	if (n >= cols)
		return;
	char text[64];
	snprintf(text, sizeof text, "%s", v->data + from);
	v->len = from;
	for (size_t i = n; i < cols; i++)
		sb_putc(v, ' ');
	sb_puts(v, text);
}

static void put_time(struct strbuf *v, int64_t ms)
{
	char buf[32];
	size_t from = v->len;
	sb_puts(v, timer_format(ms, buf, sizeof buf));
	pad_to(v, from, TIME_COLS);
}

static void f_elapsed(struct strbuf *v, const struct footer_info *in)
{
	put_time(v, in->elapsed_ms);
	if (in->timer_paused)
		sb_puts(v, " paused");
}

/* a countdown shows the seconds begun: 0:01, 0:00, -0:01 */
static void f_remaining(struct strbuf *v, const struct footer_info *in)
{
	if (!in->has_remaining)
		return;
	put_time(v, in->remaining_ms + 999);
	if (in->timer_paused)
		sb_puts(v, " paused");
}

static int remaining_style(const struct footer_info *in)
{
	if (!in->has_remaining)
		return FS_FOOTER;
	if (in->remaining_ms <= 0)
		return FS_TIMER_OVER;
	return in->remaining_ms <= in->warn_ms ? FS_TIMER_WARN : FS_FOOTER;
}

/* the countdown with a duration, the time so far in a rehearsal without
 * one, else nothing */
static void f_timer(struct strbuf *v, const struct footer_info *in)
{
	if (in->has_remaining)
		f_remaining(v, in);
	else if (in->rehearsing)
		f_elapsed(v, in);
}

static void f_pace(struct strbuf *v, const struct footer_info *in)
{
	if (!in->has_pace)
		return;
	char buf[32];
	if (in->pace_ms > 0)
		snprintf(buf, sizeof buf, "ahead ");
	else if (in->pace_ms < 0)
		snprintf(buf, sizeof buf, "behind ");
	else
		snprintf(buf, sizeof buf, "on time");
	size_t from = v->len;
	sb_puts(v, buf);
	if (in->pace_ms)
		sb_puts(v, timer_format((in->pace_ms > 0 ? in->pace_ms :
					 -in->pace_ms) + 999, buf, sizeof buf));
	pad_to(v, from, PACE_COLS);
}

/* The pace takes the countdown's colour, so that a tick that changes
 * both sets one style (the bytes per tick over SSH). */
static int pace_style(const struct footer_info *in)
{
	return remaining_style(in);
}

/* How often a field changes by itself. */
enum tick {
	TICK_NEVER,
	TICK_MINUTE, /* on the wall clock's minute */
	TICK_TIMER,  /* when the talk's timer says (timer_next_ms) */
};

static const struct field {
	const char *name;
	void (*show)(struct strbuf *v, const struct footer_info *in);
	int style;
	int (*style_of)(const struct footer_info *in); /* NULL: style */
	enum tick tick;
} fields[] = {
	{ "title", f_title, FS_FOOTER, NULL, TICK_NEVER },
	{ "section", f_section, FS_FOOTER, NULL, TICK_NEVER },
	{ "n", f_n, FS_FOOTER, NULL, TICK_NEVER },
	{ "total", f_total, FS_FOOTER, NULL, TICK_NEVER },
	{ "screen", f_screen, FS_FOOTER, NULL, TICK_NEVER },
	{ "clock", f_clock, FS_FOOTER, NULL, TICK_MINUTE },
	{ "progress", f_progress, FS_PROGRESS, NULL, TICK_NEVER },
	{ "elapsed", f_elapsed, FS_FOOTER, NULL, TICK_TIMER },
	{ "remaining", f_remaining, FS_FOOTER, remaining_style, TICK_TIMER },
	{ "timer", f_timer, FS_FOOTER, remaining_style, TICK_TIMER },
	{ "pace", f_pace, FS_FOOTER, pace_style, TICK_TIMER },
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

/* Adds a run; lit[] says which runs are the template's own text. */
static void seg_add(struct footer_seg *segs, bool *lit, size_t *n,
		    const char *s, size_t len, int style, bool literal)
{
	if (*n < 64 && len) {
		lit[*n] = literal;
		segs[(*n)++] = (struct footer_seg){ xstrndup(s, len), style };
	}
}

/* Drops separator characters (" |-:/") from the end of the template's
 * own text before an empty field; never from a field's value (the
 * progress bar ends in '-'). */
static void seg_trim(struct footer_seg *segs, const bool *lit, size_t *n)
{
	while (*n && lit[*n - 1]) {
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
	bool lit[64];
	const char *end = t + tlen;
	while (t < end) {
		const char *o = memchr(t, '{', (size_t)(end - t));
		const char *c = o ? memchr(o, '}', (size_t)(end - o)) : NULL;
		if (!c) {
			seg_add(segs, lit, &n, t, (size_t)(end - t), FS_FOOTER,
				true);
			break;
		}
		seg_add(segs, lit, &n, t, (size_t)(o - t), FS_FOOTER, true);
		const struct field *f = field_named(o + 1, (size_t)(c - o - 1));
		struct strbuf v = STRBUF_INIT;
		if (f)
			f->show(&v, in);
		if (v.len)
			seg_add(segs, lit, &n, v.data, v.len,
				f->style_of ? f->style_of(in) : f->style, false);
		else
			seg_trim(segs, lit, &n);
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

int64_t footer_next_change(const char *tmpl, const struct footer_info *in)
{
	int64_t best = -1;
	for (const char *o = strchr(tmpl, '{'); o; o = strchr(o + 1, '{')) {
		const char *c = strchr(o, '}');
		if (!c)
			break;
		const struct field *f = field_named(o + 1, (size_t)(c - o - 1));
		int64_t wait = -1;
		if (!f || f->tick == TICK_NEVER)
			continue;
		if (f->tick == TICK_MINUTE) {
			wait = 60000 - in->now_ms % 60000;
		} else {
			/* a timer field that shows nothing ({timer} with no
			 * duration and no rehearsal) wakes nobody */
			struct strbuf v = STRBUF_INIT;
			f->show(&v, in);
			if (v.len)
				wait = in->timer_next_ms;
			sb_free(&v);
		}
		if (wait >= 0 && (best < 0 || wait < best))
			best = wait;
	}
	return best;
}
