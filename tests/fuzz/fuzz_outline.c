/* fuzz_outline.c — the loader (decoding, the outline importer, warnings
 * located) on any bytes, and both exports of every deck it accepts. The
 * whole input is the deck file, in any encoding source.c reads; its first
 * byte also picks the text export's width, 1..200. Invariants: the model
 * is consistent and all its text inert (deck.h), every warning located in
 * the file and on a slide the viewer has, in line order, the JSON export
 * is well-formed UTF-8 JSON with one object per node of the model, and no
 * line of the text export is wider than the width (export.h), except for
 * a lone wide character at width 1. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/export.h"
#include "lectern/layout.h"
#include "lectern/outline.h"
#include "lectern/source.h"
#include "lectern/strbuf.h"
#include "lectern/text.h"

/* ---- the model ------------------------------------------------------- */

static void check_span(struct span sp, size_t size, const char *what)
{
	FUZZ_CHECK(sp.start <= sp.end && sp.end <= size,
		   "%s: source range [%zu, %zu) in %zu bytes", what,
		   (size_t)sp.start, (size_t)sp.end, size);
}

static void check_deck(const struct deck *d, size_t size)
{
	/* source ranges are the importer's positions; warnings the file's */
	size_t end = fuzz_text_end > size ? fuzz_text_end : size;
	struct deck_index ix;
	deck_index_build(&ix, d);
	fuzz_check_inert(d->title, strlen(d->title), "deck title");
	if (d->contents_label)
		fuzz_check_inert(d->contents_label, strlen(d->contents_label),
				 "contents label");
	for (size_t i = 0; i < d->ntoc; i++) {
		fuzz_check_inert(d->toc[i].title, strlen(d->toc[i].title),
				 "toc entry");
		bool found = false;
		for (size_t s = 0; s < d->nsections && !found; s++)
			found = d->sections[s].toc_index == i;
		FUZZ_CHECK(found == d->toc[i].present,
			   "toc entry %zu: present is %d, a section points at "
			   "it: %d", i, d->toc[i].present, found);
	}
	size_t slides = 0, blocks = 0, points = 0;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		fuzz_check_inert(sec->title, strlen(sec->title), "section title");
		check_span(sec->src, end, "section");
		FUZZ_CHECK(sec->toc_index == (size_t)-1 || sec->toc_index < d->ntoc,
			   "section %zu: toc index %zu of %zu", s, sec->toc_index,
			   d->ntoc);
		FUZZ_CHECK(sec->first_slide == slides, "section %zu starts "
			   "at slide %zu, after %zu", s, sec->first_slide, slides);
		slides += sec->nslides;
		for (size_t l = 0; l < sec->nslides; l++) {
			const struct slide *sl = section_slide(d, sec, l);
			const char *hdr = slide_header(d, sl);
			fuzz_check_inert(hdr, strlen(hdr), "header");
			check_span(sl->src, end, "slide");
			size_t nb = slide_nblocks(d, sl);
			blocks += nb;
			for (size_t b = 0; b < nb; b++) {
				const struct block *bk = slide_block(d, sl, b);
				const char *title = block_title(d, bk);
				fuzz_check_inert(title, strlen(title),
						 "block title");
				check_span(bk->src, end, "block");
				size_t np = block_npoints(d, bk);
				points += np;
				for (size_t p = 0; p < np; p++) {
					const char *text = point_text(
						d, block_point(d, bk, p));
					fuzz_check_inert(text, strlen(text),
							 "point");
					check_span(block_point(d, bk, p)->src,
						   end, "point");
				}
			}
		}
	}
	FUZZ_CHECK(deck_count_slides(d) == slides, "deck_count_slides %zu, "
		   "counted %zu", deck_count_slides(d), slides);
	FUZZ_CHECK(deck_count_blocks(d) == blocks, "deck_count_blocks %zu, "
		   "counted %zu", deck_count_blocks(d), blocks);
	FUZZ_CHECK(deck_count_points(d) == points, "deck_count_points %zu, "
		   "counted %zu", deck_count_points(d), points);
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		fuzz_check_inert(w->message, strlen(w->message), "warning");
		FUZZ_CHECK(w->message[0], "warning %zu is empty", i);
		FUZZ_CHECK(w->offset <= size, "warning at %zu past %zu bytes: %s",
			   w->offset, size, w->message);
		FUZZ_CHECK(w->section <= d->nsections, "warning in section %zu "
			   "of %zu: %s", w->section, d->nsections, w->message);
		FUZZ_CHECK(w->slide == 0 || (w->section > 0 && w->slide <=
				d->sections[w->section - 1].nslides),
			   "warning in section %zu, slide %zu: %s", w->section,
			   w->slide, w->message);
		/* outline_import sorts them, as --check prints them */
		FUZZ_CHECK(i == 0 || d->warnings[i - 1].offset <= w->offset,
			   "warnings out of order at %zu", i);
		/* the loader locates them: in the file, in line order, on a
		 * slide the viewer has */
		FUZZ_CHECK(w->line >= 1 && w->column >= 1, "warning at line "
			   "%zu, column %zu: %s", w->line, w->column, w->message);
		const struct warning *p = i ? &d->warnings[i - 1] : NULL;
		FUZZ_CHECK(!p || p->line < w->line || (p->line == w->line &&
			   p->column <= w->column), "warning %zu at %zu:%zu "
			   "after one at %zu:%zu", i, w->line, w->column,
			   p ? p->line : 0, p ? p->column : 0);
		FUZZ_CHECK(w->number >= 1 && w->number <= ix.count,
			   "warning on slide %zu of %zu: %s", w->number,
			   ix.count, w->message);
		FUZZ_CHECK(w->section == 0 || w->number ==
			   ix.section_first[w->section - 1] + w->slide + 1,
			   "warning in section %zu, slide %zu shown on slide "
			   "%zu: %s", w->section, w->slide, w->number, w->message);
	}
	for (size_t i = 0; i < d->ntoc; i++)
		check_span(d->toc[i].src, end, "contents entry");
	deck_index_free(&ix);
}

/* ---- JSON ------------------------------------------------------------ */

static void check_json(const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;
	export_json(&sb, d);
	size_t bad;
	FUZZ_CHECK(sb.len > 0, "empty JSON export");
	FUZZ_CHECK(text_valid_utf8(sb.data, sb.len, &bad),
		   "JSON export: invalid UTF-8 at byte %zu", bad);
	struct fuzz_json j;
	fuzz_check_json(sb.data, sb.len, &j);
	size_t missing = 0;
	for (size_t i = 0; i < d->ntoc; i++)
		missing += !d->toc[i].present;
	FUZZ_CHECK(j.slides_keys == d->nsections, "JSON: %zu sections, deck "
		   "%zu", j.slides_keys, d->nsections);
	FUZZ_CHECK(j.headers == deck_count_slides(d) &&
		   j.blocks_keys == deck_count_slides(d), "JSON: %zu slides, "
		   "deck %zu", j.headers, deck_count_slides(d));
	FUZZ_CHECK(j.points_keys == deck_count_blocks(d), "JSON: %zu blocks, "
		   "deck %zu", j.points_keys, deck_count_blocks(d));
	FUZZ_CHECK(j.offsets == d->nwarnings, "JSON: %zu warnings, deck %zu",
		   j.offsets, d->nwarnings);
	/* every string of the model once: title, toc, section titles,
	 * headers, block titles (and their placements), points, warnings
	 * and missing sections */
	size_t placements = 0;
	for (size_t b = 0; b < d->nblocks; b++)
		placements += d->blocks[b].title_after_points;
	size_t want = 1 + d->ntoc + d->nsections + deck_count_slides(d) +
		      deck_count_blocks(d) + placements + deck_count_points(d) +
		      d->nwarnings + missing;
	FUZZ_CHECK(j.strings == want, "JSON: %zu strings, the deck has %zu",
		   j.strings, want);
	sb_free(&sb);
}

/* ---- the text export ------------------------------------------------- */

static void check_text(const struct deck *d, int width)
{
	struct layout_opts o;
	layout_opts_default(&o, width);
	struct strbuf sb = STRBUF_INIT;
	export_text(&sb, d, &o);
	struct deck_index ix;
	deck_index_build(&ix, d);
	size_t pages = 1, lineno = 0;
	const char *s = sb.data ? sb.data : "";
	size_t bad;
	FUZZ_CHECK(text_valid_utf8(s, sb.len, &bad),
		   "text export: invalid UTF-8 at byte %zu", bad);
	FUZZ_CHECK(sb.len == 0 || s[sb.len - 1] == '\n',
		   "text export does not end with a newline");
	for (size_t i = 0; i < sb.len; lineno++) {
		const char *nl = memchr(s + i, '\n', sb.len - i);
		size_t len = (size_t)(nl - (s + i));
		if (len >= 1 && s[i] == '\f') {
			/* a slide's first line: its number, within the width */
			pages++;
			char want[64];
			snprintf(want, sizeof want, "slide %zu of %zu", pages,
				 ix.count);
			FUZZ_CHECK(len - 1 <= (size_t)width && (len == 1 ||
				   isdigit((unsigned char)s[i + 1]) ||
				   (len - 1 == strlen(want) &&
				    memcmp(s + i + 1, want, len - 1) == 0)),
				   "text export: slide %zu begins with %.*s",
				   pages, (int)len, s + i);
		} else {
			fuzz_check_inert(s + i, len, "text export line");
			int w = text_width(s + i, len, o.ambiguous);
			FUZZ_CHECK(w <= width || (width < 2 && w <= 2),
				   "text export at width %d: line %zu is %d "
				   "columns: %.*s", width, lineno, w, (int)len,
				   s + i);
		}
		i += len + 1;
	}
	FUZZ_CHECK(pages == ix.count, "text export: %zu pages, %zu slides",
		   pages, ix.count);
	deck_index_free(&ix);
	sb_free(&sb);
}

/* UTF-8 (by its bytes or a BOM), as deck_load_head requires. */
static bool utf8_source(const uint8_t *data, size_t n, struct source *src)
{
	struct lt_error err;
	if (!source_from_bytes("fuzz", (const char *)data, n, NULL, src, &err))
		return false;
	if (!src->encoding && !src->guessed)
		return true;
	source_free(src);
	return false;
}

/* The promise a large deck's title page rests on (deck_load_head): a
 * title the head of a UTF-8 deck tells is the full import's title. The
 * head is a prefix whose length the input's last byte chooses. */
static void check_head(const uint8_t *data, size_t size, const struct deck *d)
{
	if (size < 2)
		return;
	size_t k = size - 1 - (size_t)data[size - 1] * (size - 1) / 256;
	struct source whole, head;
	if (!utf8_source(data, size, &whole))
		return;
	source_free(&whole);
	if (!utf8_source(data, k, &head))
		return;
	char *title = NULL;
	if (outline_head_title(&head, &title))
		FUZZ_CHECK(strcmp(title, d->title) == 0,
			   "the head of %zu bytes tells title \"%s\", the "
			   "import \"%s\"", k, title, d->title);
	free(title);
	source_free(&head);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck *d = fuzz_load(data, size);
	if (!d)
		return 0;
	check_deck(d, size);
	check_head(data, size, d);
	check_json(d);
	check_text(d, size ? data[0] % 200 + 1 : 80);
	deck_free(d);
	return 0;
}
