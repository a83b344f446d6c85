/* search.h — finding text in a deck: which slides hold a query, and where
 * in a run of text it is. Pure functions of the deck; the app keeps the
 * query and the position. */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/deck.h"
#include "lectern/layout.h"

/* The first occurrence of needle in hay[0..hn), ASCII letters matched
 * without case; NULL when there is none. */
const char *search_find(const char *hay, size_t hn, const char *needle,
			size_t nn);

/* Whether slide i (as deck_index numbers them) shows the query. */
bool search_slide_matches(const struct deck *d, const struct deck_index *ix,
			  size_t i, const char *query);

#endif
