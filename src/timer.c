/* timer.c — the stopwatch, durations and clock times: pure arithmetic on
 * values passed in. Only timer_clock_at consults the time zone (through
 * localtime_r and mktime); nothing here reads the clock. */
#include "lectern/timer.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void timer_start(struct timer *t, int64_t now)
{
	if (t->started)
		return;
	t->started = true;
	t->running = true;
	t->base_ms = 0;
	t->run_from = now;
}

void timer_pause(struct timer *t, int64_t now)
{
	if (!t->running)
		return;
	t->base_ms = timer_elapsed(t, now);
	t->running = false;
}

void timer_resume(struct timer *t, int64_t now)
{
	if (t->running)
		return;
	t->started = true;
	t->running = true;
	t->run_from = now;
}

void timer_toggle(struct timer *t, int64_t now)
{
	if (t->running)
		timer_pause(t, now);
	else
		timer_resume(t, now);
}

void timer_reset(struct timer *t)
{
	memset(t, 0, sizeof *t);
}

void timer_restore(struct timer *t, int64_t elapsed_ms, bool running,
		   int64_t now)
{
	t->started = true;
	t->running = running;
	t->base_ms = elapsed_ms > 0 ? elapsed_ms : 0;
	t->run_from = now;
}

int64_t timer_elapsed(const struct timer *t, int64_t now)
{
	if (!t->running)
		return t->base_ms;
	int64_t run = now - t->run_from;
	return t->base_ms + (run > 0 ? run : 0);
}

int64_t timer_next_second(const struct timer *t, int64_t now)
{
	if (!t->running)
		return -1;
	return 1000 - timer_elapsed(t, now) % 1000;
}

/* ---- parsing --------------------------------------------------------- */

#define MAX_MS ((int64_t)24 * 3600 * 1000)

/* Digits at *p as a number (at most 9 of them); false when none. */
static bool number(const char **p, long *out)
{
	const char *s = *p;
	long v = 0;
	int n = 0;
	while (isdigit((unsigned char)*s) && n < 9) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (!n || isdigit((unsigned char)*s))
		return false;
	*p = s;
	*out = v;
	return true;
}

static bool clock_form(const char *s, int64_t *ms)
{
	long part[3];
	int n = 0;
	const char *p = s;
	while (n < 3) {
		const char *at = p;
		if (!number(&p, &part[n]))
			return false;
		/* the parts after the first have two digits */
		if (n > 0 && p - at != 2)
			return false;
		n++;
		if (*p != ':')
			break;
		p++;
	}
	if (*p || n < 2)
		return false;
	long h = n == 3 ? part[0] : 0, m = part[n - 2], sec = part[n - 1];
	if (sec > 59 || (n == 3 && m > 59))
		return false;
	*ms = ((int64_t)h * 3600 + (int64_t)m * 60 + sec) * 1000;
	return true;
}

static bool unit_form(const char *s, int64_t *ms)
{
	static const struct {
		char unit;
		int64_t ms;
	} units[] = { { 'h', 3600000 }, { 'm', 60000 }, { 's', 1000 } };
	const char *p = s;
	size_t next = 0; /* the units still allowed start here */
	int64_t total = 0;
	long v;
	if (!number(&p, &v))
		return false;
	if (!*p) {
		*ms = (int64_t)v * 60000; /* a bare number: minutes */
		return true;
	}
	for (;;) {
		size_t u = next;
		while (u < 3 && units[u].unit != tolower((unsigned char)*p))
			u++;
		if (u == 3)
			return false;
		total += (int64_t)v * units[u].ms;
		next = u + 1;
		p++;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (!number(&p, &v))
			return false;
	}
	*ms = total;
	return true;
}

bool timer_parse_duration(const char *s, int64_t *ms, char *err,
			  size_t errlen)
{
	int64_t v = 0;
	bool ok = strchr(s, ':') ? clock_form(s, &v) : unit_form(s, &v);
	if (!ok) {
		snprintf(err, errlen, "'%s' is not a duration (45m, 1h30m, 90s, "
			 "90 for minutes, or 45:00)", s);
		return false;
	}
	if (v <= 0 || v > MAX_MS) {
		snprintf(err, errlen, "'%s': a duration must be more than 0 and "
			 "at most 24 hours", s);
		return false;
	}
	*ms = v;
	return true;
}

bool timer_parse_clock(const char *s, int *minutes, char *err, size_t errlen)
{
	const char *p = s;
	long h, m;
	const char *at;
	bool ok = number(&p, &h) && p - s <= 2 && *p++ == ':' &&
		  (at = p, number(&p, &m)) && p - at == 2 && !*p && h <= 23 &&
		  m <= 59;
	if (!ok) {
		snprintf(err, errlen, "'%s' is not a time of day (HH:MM, "
			 "00:00 to 23:59)", s);
		return false;
	}
	*minutes = (int)(h * 60 + m);
	return true;
}

int64_t timer_clock_at(int64_t now, int minutes)
{
	time_t t = (time_t)(now / 1000);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return now;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	int64_t at = (int64_t)mktime(&tm) * 1000;
	const int64_t half_day = (int64_t)12 * 3600 * 1000;
	if (at < now - half_day) {
		tm.tm_mday++; /* mktime carries into the month */
		tm.tm_hour = minutes / 60;
		tm.tm_min = minutes % 60;
		tm.tm_isdst = -1;
		at = (int64_t)mktime(&tm) * 1000;
	} else if (at > now + half_day) {
		tm.tm_mday--;
		tm.tm_hour = minutes / 60;
		tm.tm_min = minutes % 60;
		tm.tm_isdst = -1;
		at = (int64_t)mktime(&tm) * 1000;
	}
	return at;
}

char *timer_format(int64_t ms, char *buf, size_t size)
{
	int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); /* floor */
	const char *sign = s < 0 ? "-" : "";
	if (s < 0)
		s = -s;
	if (s >= 3600)
		snprintf(buf, size, "%s%lld:%02d:%02d", sign, (long long)(s / 3600),
			 (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, size, "%s%d:%02d", sign, (int)(s / 60), (int)(s % 60));
	return buf;
}
