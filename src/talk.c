/* talk.c — the talk's timer, plan and rehearsal record as the app sees
 * them: page turns and keys in, the status line's time fields out. Time
 * comes in as `now`; nothing here reads the clock or a file. */
#include "lectern/talk.h"

#include <stdio.h>
#include <string.h>

#include "lectern/hash.h"

static bool has_duration(const struct talk *t)
{
	return t->duration_ms != 0 || t->end_ms != 0;
}

static void make_plan(struct talk *t, const struct deck *d,
		      const struct deck_index *ix)
{
	plan_free(&t->plan);
	plan_by_content(&t->plan, d, ix, t->set.main_end);
}

void talk_init(struct talk *t, const struct talk_settings *s,
	       const struct deck *d, const struct deck_index *ix,
	       size_t slide)
{
	memset(t, 0, sizeof *t);
	if (s)
		t->set = *s;
	else
		t->set.end_minute = -1;
	t->duration_ms = t->set.duration_ms;
	t->slide = slide;
	t->nslides = ix->count;
	t->title = d->title;
	t->deck = d;
	t->ix = ix;
	hash_hex(d->content_hash, t->key);
	/* the plan by content costs a pass over the text: only for pacing */
	if (t->set.duration_ms || t->set.end_minute >= 0)
		make_plan(t, d, ix);
	if (t->set.rehearse)
		t->rec = rehearsal_new(ix->count, t->key, d->title, slide, 0);
}

void talk_free(struct talk *t)
{
	plan_free(&t->plan);
	rehearsal_free(t->rec);
	memset(t, 0, sizeof *t);
}

int64_t talk_elapsed(const struct talk *t, int64_t now)
{
	return timer_elapsed(&t->timer, now);
}

/* The timer starts; an end time becomes the duration from now. */
static void start(struct talk *t, int64_t now)
{
	if (t->timer.started)
		return;
	timer_start(&t->timer, now);
	if (t->end_ms) {
		/* whole seconds, so that the countdown turns with the timer */
		int64_t d = t->end_ms - now;
		t->duration_ms = d >= 0 ? (d + 500) / 1000 * 1000 :
					  -((-d + 500) / 1000 * 1000);
		if (t->duration_ms == 0)
			t->duration_ms = -1; /* over already, not "none" */
		t->end_ms = 0;
	}
	if (t->rec)
		t->rec->cur_from = 0;
}

void talk_tick(struct talk *t, int64_t now)
{
	if (t->launched)
		return;
	t->launched = true;
	if (t->set.end_minute >= 0 && !t->timer.started && !t->duration_ms)
		t->end_ms = timer_clock_at(now, t->set.end_minute);
	if (t->rec && !t->rec->started_ms)
		t->rec->started_ms = now;
	if (t->set.start_at_launch)
		start(t, now);
}

void talk_moved(struct talk *t, size_t slide, int64_t now)
{
	start(t, now);
	if (t->rec)
		rehearsal_enter(t->rec, slide, timer_elapsed(&t->timer, now));
	t->slide = slide;
}

bool talk_key(struct talk *t, enum action act, int64_t now, char *msg,
	      size_t msglen)
{
	char buf[32];
	if (act == ACT_TIMER_PAUSE) {
		if (t->rec)
			rehearsal_settle(t->rec, timer_elapsed(&t->timer, now));
		bool was = t->timer.started;
		if (!was)
			start(t, now);
		else
			timer_toggle(&t->timer, now);
		snprintf(msg, msglen, "timer %s at %s",
			 !was ? "started" : t->timer.running ? "resumed" : "paused",
			 timer_format(timer_elapsed(&t->timer, now), buf,
				      sizeof buf));
		return true;
	}
	if (act == ACT_TIMER_RESET) {
		int64_t was = timer_elapsed(&t->timer, now);
		timer_reset(&t->timer);
		if (t->set.end_minute >= 0)
			t->duration_ms = 0; /* the end time is due again */
		else if (t->set.duration_ms)
			t->duration_ms = t->set.duration_ms;
		t->launched = false;
		talk_tick(t, now);
		if (t->rec)
			rehearsal_clear(t->rec, 0);
		snprintf(msg, msglen, "timer reset from %s%s",
			 timer_format(was, buf, sizeof buf),
			 t->rec ? "; rehearsal restarted" : "");
		return true;
	}
	return false;
}

void talk_deck_changed(struct talk *t, const struct deck *d,
		       const struct deck_index *ix)
{
	t->title = d->title;
	t->deck = d;
	t->ix = ix;
	t->nslides = ix->count;
	if (t->slide >= ix->count)
		t->slide = ix->count ? ix->count - 1 : 0;
	if (t->plan.at && !t->plan.by_times)
		make_plan(t, d, ix);
	else if (t->plan.by_times && t->plan.n != ix->count)
		make_plan(t, d, ix); /* the times no longer fit the slides */
	if (t->rec)
		rehearsal_resize(t->rec, ix->count);
}

void talk_footer(const struct talk *t, int64_t now, struct footer_info *in)
{
	in->elapsed_ms = timer_elapsed(&t->timer, now);
	in->timer_started = t->timer.started;
	in->timer_paused = t->timer.started && !t->timer.running;
	in->rehearsing = t->rec != NULL;
	in->warn_ms = t->set.warn_ms;
	in->has_remaining = has_duration(t);
	in->has_pace = false;
	in->timer_next_ms = timer_next_second(&t->timer, now);
	if (t->end_ms) {
		/* not started: the time left until the end, by the wall clock */
		in->remaining_ms = t->end_ms - now;
		int64_t r = ((in->remaining_ms % 1000) + 1000) % 1000;
		in->timer_next_ms = r ? r : 1000;
	} else if (t->duration_ms) {
		in->remaining_ms = t->duration_ms - in->elapsed_ms;
		if (t->timer.started && t->plan.at) {
			in->has_pace = true;
			in->pace_ms = plan_pace(&t->plan, t->duration_ms, t->slide,
						in->elapsed_ms);
		}
	}
}

void talk_restore(struct talk *t, bool started, bool running,
		  int64_t elapsed_ms, int64_t duration_ms, int64_t now)
{
	if (!started)
		return;
	t->launched = true;
	timer_restore(&t->timer, elapsed_ms, running, now);
	if (t->set.end_minute >= 0) {
		/* the end time holds: as if the talk began elapsed_ms ago */
		int64_t d = timer_clock_at(now, t->set.end_minute) - now +
			    elapsed_ms;
		t->duration_ms = d ? (d + 500) / 1000 * 1000 : -1;
		t->end_ms = 0;
	} else if (!t->set.duration_ms && duration_ms) {
		t->duration_ms = duration_ms;
	}
	if (t->duration_ms && !t->plan.at)
		make_plan(t, t->deck, t->ix);
	if (t->rec)
		t->rec->cur_from = timer_elapsed(&t->timer, now);
}

bool talk_plan_by(struct talk *t, const struct rehearsal *r)
{
	if (r->n != t->nslides)
		return false;
	struct plan p;
	if (!plan_by_times(&p, r->ms, r->n, t->set.main_end))
		return false;
	plan_free(&t->plan);
	t->plan = p;
	if (!t->duration_ms && !t->end_ms && t->set.end_minute < 0) {
		size_t end = t->set.main_end && t->set.main_end < r->n ?
				     t->set.main_end : r->n;
		int64_t sum = 0;
		for (size_t i = 0; i < end; i++)
			sum += r->ms[i];
		t->duration_ms = (sum + 500) / 1000 * 1000;
		if (!t->duration_ms)
			t->duration_ms = 1000;
	}
	return true;
}

void talk_adopt_record(struct talk *t, struct rehearsal *r, int64_t now)
{
	rehearsal_free(t->rec);
	t->rec = r;
	rehearsal_resize(r, t->nslides);
	r->cur = t->slide < r->n ? t->slide : 0;
	r->cur_from = timer_elapsed(&t->timer, now);
}

struct rehearsal *talk_settle(struct talk *t, int64_t now)
{
	if (!t->rec)
		return NULL;
	rehearsal_settle(t->rec, timer_elapsed(&t->timer, now));
	t->rec->planned_ms = t->duration_ms > 0 ? t->duration_ms : 0;
	return t->rec;
}
