/* search.h — finding text in a deck: which slides show a query, and where
 * in a run of text it is. Pure functions of the deck; the app keeps the
 * query and where the reader is. Smart case, as in vim and less -i: a
 * query in lower case matches any case, one capital letter makes it
 * exact. */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/deck.h"
#include "lectern/layout.h"

struct search_query {
	const char *text; /* not owned; valid UTF-8 */
	size_t len;
	bool fold;        /* match without case */
};

void search_query_init(struct search_query *q, const char *text);

/* The first match in hay[0..hn), its length in *len; NULL for none. */
const char *search_find(const struct search_query *q, const char *hay,
			size_t hn, size_t *len);

/* Whether slide i (as deck_index numbers them) shows the query anywhere:
 * titles, headers, block titles, points, the contents page's label and
 * entries, a cover's number. */
bool search_slide_matches(const struct deck *d, const struct deck_index *ix,
			  size_t i, const struct search_query *q);

/* Every slide that matches, in order, into *out (caller frees); their
 * count. */
size_t search_all(const struct deck *d, const struct deck_index *ix,
		  const struct search_query *q, size_t **out);

#endif
