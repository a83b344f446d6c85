/* lm_table.h — the tables src/gen_lm.py generates (lm_table.c) and only
 * src/words.c reads (gen_lm.py's docstring says more): for the words of
 * the Chinese dictionary that sunpinyin's language model knows, how
 * readily a clause ends after each (end) and its back-off (bow); for the
 * pairs of them the model ties closest, how much likelier the second is
 * after the first than anywhere (assoc). Costs and associations are in
 * steps of 1/lm_quant nats; bow is offset by lm_bow_offset nats. Keys
 * are fingerprints in open addressing, 0 for an empty slot. */
#ifndef LECTERN_LM_TABLE_H
#define LECTERN_LM_TABLE_H

#include <stdint.h>

extern const unsigned lm_quant;
extern const unsigned lm_bow_offset;
extern const uint32_t lm_word_nslots;
extern const uint32_t lm_word_key[];
extern const unsigned char lm_word_end[];
extern const unsigned char lm_word_bow[];
extern const uint32_t lm_pair_nslots;
extern const uint32_t lm_pair_key[];
extern const unsigned char lm_pair_assoc[];

#endif
