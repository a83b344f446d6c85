/* search.c — queries against the text each slide shows. */
#include "lectern/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"
#include "lectern/text.h"

void search_query_init(struct search_query *q, const char *text)
{
	q->text = text;
	q->len = strlen(text);
	q->fold = true;
	for (size_t i = 0; i < q->len;) {
		uint32_t cp;
		i += (size_t)text_decode(text + i, q->len - i, &cp);
		if (text_is_upper(cp))
			q->fold = false;
	}
}

const char *search_find(const struct search_query *q, const char *hay,
			size_t hn, size_t *len)
{
	return text_find(hay, hn, q->text, q->len, q->fold, len);
}

static bool has(const struct search_query *q, const char *s)
{
	size_t len;
	return s && search_find(q, s, strlen(s), &len) != NULL;
}

bool search_slide_matches(const struct deck *d, const struct deck_index *ix,
			  size_t i, const struct search_query *q)
{
	size_t s, l;
	switch (deck_index_locate(ix, d, i, &s, &l)) {
	case PAGE_TITLE:
		return has(q, d->title);
	case PAGE_CONTENTS:
		/* the heading the contents page shows (layout.c's) */
		if (has(q, layout_contents_heading(d)))
			return true;
		for (size_t t = 0; t < d->ntoc; t++)
			if (has(q, d->toc[t].title))
				return true;
		if (!d->ntoc)
			for (size_t k = 0; k < d->nsections; k++)
				if (has(q, d->sections[k].title))
					return true;
		return false;
	case PAGE_COVER: {
		char num[32];
		layout_cover_number(d, s, num, sizeof num);
		return has(q, d->sections[s].title) || has(q, num);
	}
	case PAGE_CONTENT: {
		const struct slide *sl = section_slide(d, &d->sections[s], l);
		if (has(q, slide_header(d, sl)))
			return true;
		size_t nb = slide_nblocks(d, sl);
		for (size_t b = 0; b < nb; b++) {
			const struct block *bl = slide_block(d, sl, b);
			if (has(q, block_title(d, bl)))
				return true;
			size_t np = block_npoints(d, bl);
			for (size_t p = 0; p < np; p++) {
				const struct point *pt = block_point(d, bl, p);
				if (has(q, point_text(d, pt)))
					return true;
			}
		}
		return false;
	}
	}
	return false;
}

size_t search_all(const struct deck *d, const struct deck_index *ix,
		  const struct search_query *q, size_t **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < ix->count; i++)
		if (search_slide_matches(d, ix, i, q)) {
			*out = xgrow(*out, &cap, n + 1, sizeof **out);
			(*out)[n++] = i;
		}
	return n;
}
