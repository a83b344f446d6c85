/* words_table.h — the tables src/gen_words.py generates (words_table.c)
 * and only src/words.c reads (its comment says more): the cost of each
 * character of U+4E00..U+9FFF, -ln(frequency / total) * cost_scale; and
 * nslots slots of open addressing for words of 2 to 4 characters, a
 * fingerprint each (0 = empty; bit 0: longer words start with these two
 * characters) and one byte of information (bits 0-6: the cost, 127 for
 * none; bit 7: a verb). */
#ifndef LECTERN_WORDS_TABLE_H
#define LECTERN_WORDS_TABLE_H

#include <stdint.h>

extern const uint32_t words_nslots;
extern const unsigned char words_unknown; /* the cost of an unknown character */
extern const unsigned words_cost_scale;
extern const unsigned char words_single[0x9FFF - 0x4E00 + 1];
extern const uint32_t words_key[];
extern const unsigned char words_info[];

#endif
