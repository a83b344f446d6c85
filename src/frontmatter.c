/* frontmatter.c — the YAML block atop a Markdown deck (pandoc's "YAML
 * metadata block"): a first line "---" not followed by a blank line, and
 * the block ends at a line "---" or "...". Read with libyaml's event
 * parser, which keeps its own state on the heap, so that deep nesting
 * costs memory, not stack; this file only follows the top mapping's keys
 * it knows and skips (and reports) the rest. Builds nothing but a struct
 * frontmatter and warnings. */
#include "lectern/frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

/* The end of the line starting at i (its break not included). */
static size_t line_end(const char *t, size_t n, size_t i)
{
	while (i < n && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

/* Past the line break at i, if any. */
static size_t past_break(const char *t, size_t n, size_t i)
{
	if (i < n && t[i] == '\r') {
		if (++i < n && t[i] == '\n')
			i++;
	} else if (i < n && t[i] == '\n') {
		i++;
	}
	return i;
}

/* Whether t[s..e) is `mark` followed by spaces and tabs only. */
static bool is_fence(const char *t, size_t s, size_t e, const char *mark)
{
	size_t k = strlen(mark);
	if (e - s < k || memcmp(t + s, mark, k) != 0)
		return false;
	for (size_t i = s + k; i < e; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return false;
	return true;
}

static bool blank_line(const char *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return false;
	return true;
}

/* libyaml's marks count characters: this walks forward to the byte offset
 * of a character index (marks come in order, so the walk is linear). */
struct cursor {
	const char *t;
	size_t byte, chr, end;
};

static size_t cursor_at(struct cursor *c, size_t chr)
{
	while (c->chr < chr && c->byte < c->end) {
		unsigned char b = (unsigned char)c->t[c->byte];
		c->byte += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		c->chr++;
	}
	if (c->byte > c->end)
		c->byte = c->end;
	return c->byte;
}

struct reader {
	const struct source *src;
	struct deck *d;
	struct frontmatter *fm;
	yaml_parser_t parser;
	struct cursor cur;
	bool seen_title, seen_label, seen_contents, seen_truncated;
	/* warnings about the keys, told only if the block is front matter */
	struct held { size_t pos; char *msg; } *held;
	size_t nheld, held_cap;
};

static size_t at(struct reader *r, const yaml_mark_t *m)
{
	return cursor_at(&r->cur, m->index);
}

static void warn(struct reader *r, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct reader *r, size_t pos, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	r->held = xgrow(r->held, &r->held_cap, r->nheld + 1, sizeof *r->held);
	r->held[r->nheld++] = (struct held){ pos,
		text_inert(sb.data ? sb.data : "", sb.len) };
	sb_free(&sb);
}

/* Tells (or drops) the held warnings. */
static void flush(struct reader *r, bool tell)
{
	for (size_t i = 0; i < r->nheld; i++) {
		if (tell)
			deck_warn(r->d, source_offset(r->src, r->held[i].pos), 0, 0,
				  "%s", r->held[i].msg);
		free(r->held[i].msg);
	}
	free(r->held);
	r->held = NULL;
	r->nheld = r->held_cap = 0;
}

/* A scalar's value as model text: one line, inert. Caller frees. */
static char *scalar_text(const yaml_event_t *e)
{
	const char *v = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	char *flat = xstrndup(v, n);
	for (char *p = flat; p < flat + n; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	/* libyaml checks its input is UTF-8 and escapes decode to valid
	 * code points, but a NUL from "\0" would end the string early */
	size_t len = strlen(flat), bad;
	if (!text_valid_utf8(flat, len, &bad))
		len = bad;
	char *t = text_inert(flat, len);
	free(flat);
	return t;
}

/* Next event into *e; false (after a warning) on a YAML error. */
static bool next(struct reader *r, yaml_event_t *e)
{
	if (yaml_parser_parse(&r->parser, e))
		return true;
	size_t pos = at(r, &r->parser.problem_mark);
	flush(r, false); /* not front matter: its keys do not matter */
	warn(r, pos, "front matter is not YAML: %s%s%s; the file is read as "
	     "Markdown",
	     r->parser.problem ? r->parser.problem : "cannot parse",
	     r->parser.context ? " " : "",
	     r->parser.context ? r->parser.context : "");
	flush(r, true);
	return false;
}

/* Skips the rest of a node whose start event was e (already read). */
static bool skip_node(struct reader *r, const yaml_event_t *first)
{
	if (first->type != YAML_SEQUENCE_START_EVENT &&
	    first->type != YAML_MAPPING_START_EVENT)
		return true;
	size_t depth = 1;
	while (depth) {
		yaml_event_t e;
		if (!next(r, &e))
			return false;
		if (e.type == YAML_SEQUENCE_START_EVENT ||
		    e.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (e.type == YAML_SEQUENCE_END_EVENT ||
			 e.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&e);
	}
	return true;
}

static const char *kind_of(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "not text";
	}
}

/* A value that must be text: into *out (replacing what was there). */
static bool text_value(struct reader *r, const char *key, yaml_event_t *e,
		       char **out)
{
	if (e->type == YAML_SCALAR_EVENT) {
		free(*out);
		*out = scalar_text(e);
		return true;
	}
	warn(r, at(r, &e->start_mark), "front matter: %s is %s, not text; "
	     "ignored", key, kind_of(e));
	return skip_node(r, e);
}

static bool contents_value(struct reader *r, yaml_event_t *e)
{
	struct frontmatter *fm = r->fm;
	if (e->type != YAML_SEQUENCE_START_EVENT) {
		if (e->type == YAML_SCALAR_EVENT && e->data.scalar.length == 0 &&
		    e->data.scalar.plain_implicit) {
			fm->has_contents = true; /* "contents:" with nothing */
			return true;
		}
		warn(r, at(r, &e->start_mark), "front matter: contents is %s, "
		     "not a list of titles; ignored", kind_of(e));
		return skip_node(r, e);
	}
	for (size_t i = 0; i < fm->ncontents; i++)
		free(fm->contents[i]);
	fm->ncontents = 0;
	fm->has_contents = true;
	size_t cap = 0, cap2 = 0;
	for (;;) {
		yaml_event_t v;
		if (!next(r, &v))
			return false;
		if (v.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&v);
			return true;
		}
		size_t pos = at(r, &v.start_mark);
		if (v.type != YAML_SCALAR_EVENT) {
			warn(r, pos, "front matter: contents entry %zu is %s, not "
			     "a title; left out", fm->ncontents + 1, kind_of(&v));
			bool ok = skip_node(r, &v);
			yaml_event_delete(&v);
			if (!ok)
				return false;
			continue;
		}
		fm->contents = xgrow(fm->contents, &cap, fm->ncontents + 1,
				     sizeof *fm->contents);
		fm->contents_at = xgrow(fm->contents_at, &cap2, fm->ncontents + 1,
					sizeof *fm->contents_at);
		fm->contents_at[fm->ncontents] = pos;
		fm->contents[fm->ncontents++] = scalar_text(&v);
		yaml_event_delete(&v);
	}
}

static bool truncated_value(struct reader *r, yaml_event_t *e)
{
	if (e->type == YAML_SCALAR_EVENT) {
		const char *v = (const char *)e->data.scalar.value;
		static const char *const yes[] = { "true", "True", "TRUE", "yes",
						   "Yes", "YES", "on", "On", "ON" };
		static const char *const no[] = { "false", "False", "FALSE", "no",
						  "No", "NO", "off", "Off", "OFF" };
		for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
			if (strcmp(v, yes[i]) == 0) {
				r->fm->truncated = true;
				return true;
			}
			if (strcmp(v, no[i]) == 0) {
				r->fm->truncated = false;
				return true;
			}
		}
	}
	warn(r, at(r, &e->start_mark), "front matter: truncated is not true or "
	     "false; ignored");
	return skip_node(r, e);
}

/* The top mapping's pairs, up to its end. */
static bool read_pairs(struct reader *r)
{
	for (;;) {
		yaml_event_t k;
		if (!next(r, &k))
			return false;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return true;
		}
		size_t kpos = at(r, &k.start_mark);
		char *key = k.type == YAML_SCALAR_EVENT ? scalar_text(&k) : NULL;
		bool ok = skip_node(r, &k);
		yaml_event_delete(&k);
		yaml_event_t v;
		if (!ok || !next(r, &v)) {
			free(key);
			return false;
		}
		bool *seen = NULL;
		if (!key)
			warn(r, kpos, "front matter: a key that is not text; its "
			     "value is ignored");
		else if (strcmp(key, "title") == 0)
			seen = &r->seen_title;
		else if (strcmp(key, "contents_label") == 0)
			seen = &r->seen_label;
		else if (strcmp(key, "contents") == 0)
			seen = &r->seen_contents;
		else if (strcmp(key, "truncated") == 0)
			seen = &r->seen_truncated;
		else
			warn(r, kpos, "front matter: key \"%s\" is not used by "
			     "lectern (it reads title, contents, "
			     "contents_label, truncated)", key);
		if (seen && *seen)
			warn(r, kpos, "front matter: %s is given twice; the last "
			     "one counts", key);
		if (seen)
			*seen = true;
		if (key && r->fm->key_at == SIZE_MAX)
			r->fm->key_at = kpos;
		if (seen == &r->seen_title)
			ok = text_value(r, key, &v, &r->fm->title);
		else if (seen == &r->seen_label)
			ok = text_value(r, key, &v, &r->fm->contents_label);
		else if (seen == &r->seen_contents) {
			r->fm->contents_key_at = kpos;
			ok = contents_value(r, &v);
		} else if (seen == &r->seen_truncated)
			ok = truncated_value(r, &v);
		else
			ok = skip_node(r, &v);
		yaml_event_delete(&v);
		free(key);
		if (!ok)
			return false;
	}
}

/* Parses text[s..e) as the block; false when it is not a YAML mapping
 * (then it is Markdown: "---", a heading, "---" is a rule, a heading and
 * a rule) or not YAML at all (after a warning). */
static bool parse_block(struct reader *r, size_t s, size_t e)
{
	const char *t = r->src->text;
	r->cur = (struct cursor){ t, s, 0, e };
	yaml_parser_initialize(&r->parser);
	yaml_parser_set_input_string(&r->parser, (const unsigned char *)t + s,
				     e - s);
	yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
	bool ok = true, mapping = false;
	/* stream start, document start (none when the block is empty) */
	for (int i = 0; ok && i < 3; i++) {
		yaml_event_t ev;
		if (!next(r, &ev)) {
			ok = false;
			break;
		}
		yaml_event_type_t type = ev.type;
		if (type == YAML_MAPPING_START_EVENT) {
			mapping = true;
			yaml_event_delete(&ev);
			ok = read_pairs(r);
			break;
		}
		yaml_event_delete(&ev);
		if (type != YAML_STREAM_START_EVENT &&
		    type != YAML_DOCUMENT_START_EVENT)
			break; /* text, a list, nothing: not front matter */
	}
	yaml_parser_delete(&r->parser);
	return ok && mapping;
}

void frontmatter_read(const struct source *src, struct deck *d,
		      struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	fm->key_at = SIZE_MAX;
	const char *t = src->text;
	size_t n = src->len;
	size_t e0 = line_end(t, n, 0);
	if (!is_fence(t, 0, e0, "---"))
		return;
	size_t s = past_break(t, n, e0);
	if (s < n && blank_line(t, s, line_end(t, n, s)))
		return; /* "---" then a blank line: a rule, as in pandoc */
	size_t lines = 1, i = s;
	struct reader r = { src, d, fm, { 0 }, { 0 }, false, false, false, false,
			    NULL, 0, 0 };
	while (i < n) {
		size_t e = line_end(t, n, i);
		lines++;
		if (is_fence(t, i, e, "---") || is_fence(t, i, e, "...")) {
			bool ok = parse_block(&r, s, i);
			flush(&r, ok);
			if (!ok) {
				frontmatter_free(fm);
				return;
			}
			fm->found = true;
			fm->body = past_break(t, n, e);
			fm->body_line = lines;
			return;
		}
		i = past_break(t, n, e);
		if (i == e)
			break;
	}
	warn(&r, 0, "front matter: the \"---\" on line 1 is never closed by "
	     "a line \"---\" or \"...\"; the file is read as Markdown");
	flush(&r, true);
}

bool frontmatter_head_title(const struct source *head, char **title)
{
	const char *t = head->text;
	size_t n = head->len;
	size_t e0 = line_end(t, n, 0);
	if (e0 == n)
		return false; /* the first line may go on past the head */
	if (is_fence(t, 0, e0, "---")) {
		size_t s = past_break(t, n, e0);
		size_t e = line_end(t, n, s);
		if (e == n)
			return false; /* the line after it may go on */
		if (!blank_line(t, s, e)) {
			/* a block: it must close, with a whole line, here */
			bool closed = false;
			for (size_t i = s; !closed;) {
				e = line_end(t, n, i);
				if (e == n || e > FRONTMATTER_HEAD_MAX)
					break;
				closed = is_fence(t, i, e, "---") ||
					 is_fence(t, i, e, "...");
				i = past_break(t, n, e);
			}
			if (!closed && e <= FRONTMATTER_HEAD_MAX)
				return false; /* more of the file may close it */
			if (!closed) {
				/* closing past FRONTMATTER_HEAD_MAX, if ever: too
				 * long to read before the first screen (libyaml
				 * takes some 30 ms a MiB here), so decided, with
				 * no title to tell */
				*title = NULL;
				return true;
			}
		}
	}
	/* decided within the head: the front matter is read as the whole
	 * file's will be (its warnings are the import's to give) */
	struct deck *d = deck_new();
	struct frontmatter fm;
	frontmatter_read(head, d, &fm);
	*title = xstrdup(fm.title ? fm.title : "");
	frontmatter_free(&fm);
	deck_free(d);
	return true;
}

void frontmatter_free(struct frontmatter *fm)
{
	free(fm->title);
	free(fm->contents_label);
	for (size_t i = 0; i < fm->ncontents; i++)
		free(fm->contents[i]);
	free(fm->contents);
	free(fm->contents_at);
	memset(fm, 0, sizeof *fm);
}
