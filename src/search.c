/* search.c — queries against the deck's text, slide by slide. */
#include "lectern/search.h"

#include <string.h>

const char *search_find(const char *hay, size_t hn, const char *needle,
			size_t nn)
{
	if (!nn || nn > hn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++) {
		size_t k = 0;
		while (k < nn) {
			unsigned char x = (unsigned char)hay[i + k];
			unsigned char y = (unsigned char)needle[k];
			if (x >= 'A' && x <= 'Z')
				x += 32;
			if (y >= 'A' && y <= 'Z')
				y += 32;
			if (x != y)
				break;
			k++;
		}
		if (k == nn)
			return hay + i;
	}
	return NULL;
}

static bool has(const char *s, const char *q)
{
	return search_find(s, strlen(s), q, strlen(q)) != NULL;
}

bool search_slide_matches(const struct deck *d, const struct deck_index *ix,
			  size_t i, const char *q)
{
	size_t s, l;
	switch (deck_index_locate(ix, d, i, &s, &l)) {
	case PAGE_TITLE:
		return has(d->title, q);
	case PAGE_CONTENTS:
		for (size_t t = 0; t < d->ntoc; t++)
			if (has(d->toc[t].title, q))
				return true;
		return false;
	case PAGE_COVER:
		return has(d->sections[s].title, q);
	case PAGE_CONTENT: {
		const struct slide *sl = &d->sections[s].slides[l];
		if (has(sl->header, q))
			return true;
		for (size_t b = 0; b < sl->nblocks; b++) {
			if (has(sl->blocks[b].title, q))
				return true;
			for (size_t p = 0; p < sl->blocks[b].npoints; p++)
				if (has(sl->blocks[b].points[p].text, q))
					return true;
		}
		return false;
	}
	}
	return false;
}
