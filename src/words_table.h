/* words_table.h — the table src/gen_words.py generates (words_table.c)
 * and only src/words.c reads: nslots slots of open addressing, a 32-bit
 * fingerprint each (0 = empty) and one byte of information (bits 0-6: the
 * word's cost, -ln(frequency / total) * cost_scale; bit 7: a verb). */
#ifndef LECTERN_WORDS_TABLE_H
#define LECTERN_WORDS_TABLE_H

#include <stdint.h>

extern const uint32_t words_nslots;
extern const unsigned char words_unknown; /* the cost of an unknown character */
extern const unsigned words_cost_scale;
extern const uint32_t words_key[];
extern const unsigned char words_info[];

#endif
