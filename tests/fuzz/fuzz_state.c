/* fuzz_state.c — the state file parsers on any bytes: the input is read
 * as a rehearsal record (rehearsal.h) and as a resume state (resume.h).
 * Invariants: a refusal says why and names a line of the input (or 0 for
 * the whole); what is accepted writes out and reads back the same; an
 * accepted record's summary and history render, every line of them inert
 * text; an accepted state names a record only by a plain file name. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/rehearsal.h"
#include "lectern/resume.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

static int lines_of(const uint8_t *data, size_t size)
{
	int n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

static void check_inert(const struct strbuf *sb, const char *what)
{
	size_t bad;
	FUZZ_CHECK(text_valid_utf8(sb->data ? sb->data : "", sb->len, &bad),
		   "%s: not UTF-8 at %zu", what, bad);
	for (size_t i = 0; i < sb->len; i++) {
		unsigned char c = (unsigned char)sb->data[i];
		FUZZ_CHECK(c >= 0x20 || c == '\n', "%s: control byte %#x", what, c);
	}
}

static void record(const uint8_t *data, size_t size)
{
	struct rehearsal *r;
	int line;
	char err[256] = "";
	if (!rehearsal_parse((const char *)data, size, &r, &line, err, sizeof err)) {
		FUZZ_CHECK(err[0] && line >= 0 && line <= lines_of(data, size),
			   "refusal: line %d, '%s'", line, err);
		return;
	}
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	rehearsal_write(&a, r, NULL);
	struct rehearsal *back;
	FUZZ_CHECK(rehearsal_parse(a.data, a.len, &back, &line, err, sizeof err),
		   "its own output refused: %d: %s", line, err);
	rehearsal_write(&b, back, NULL);
	FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
		   "written twice, two texts");
	sb_reset(&a);
	char **labels = xcalloc(r->n ? r->n : 1, sizeof *labels);
	for (size_t i = 0; i < r->n && i < 1000; i++)
		labels[i] = r->title;
	size_t n = r->n < 1000 ? r->n : 1000;
	struct rehearsal *two[2] = { r, back };
	rehearsal_history(&a, two, 2, labels, n, r->title, 3, 1 + (int)(size % 2));
	check_inert(&a, "history");
	if (n == r->n) {
		sb_reset(&a);
		rehearsal_summary(&a, r, back, labels, 1);
		check_inert(&a, "summary");
	}
	free(labels);
	sb_free(&a);
	sb_free(&b);
	rehearsal_free(back);
	rehearsal_free(r);
}

static void state(const uint8_t *data, size_t size)
{
	struct resume_state s, back;
	int line;
	char err[256] = "";
	if (!resume_parse((const char *)data, size, &s, &line, err, sizeof err)) {
		FUZZ_CHECK(err[0] && line >= 0 && line <= lines_of(data, size),
			   "refusal: line %d, '%s'", line, err);
		return;
	}
	FUZZ_CHECK(!s.record[0] || resume_record_name_ok(s.record),
		   "record name '%s'", s.record);
	struct strbuf a = STRBUF_INIT;
	resume_write(&a, &s);
	FUZZ_CHECK(resume_parse(a.data, a.len, &back, &line, err, sizeof err),
		   "its own output refused: %d: %s", line, err);
	FUZZ_CHECK(strcmp(s.key, back.key) == 0 && s.slide == back.slide &&
		   s.quit == back.quit && s.at_ms == back.at_ms &&
		   s.timer_started == back.timer_started &&
		   s.timer_running == back.timer_running &&
		   s.elapsed_ms == back.elapsed_ms &&
		   s.duration_ms == back.duration_ms &&
		   strcmp(s.record, back.record) == 0, "read back differently");
	sb_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	record(data, size);
	state(data, size);
	return 0;
}
