/* hash.h — a fast 64-bit hash of bytes, the same on every machine: it
 * keys a deck's rehearsal records and resume state by the deck's content,
 * so that a renamed file keeps its history and an edited one starts anew.
 * Not for security: anyone can make two inputs collide. */
#ifndef LECTERN_HASH_H
#define LECTERN_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const void *data, size_t n);

/* The hash as 16 lowercase hex digits and a NUL. */
void hash_hex(uint64_t h, char out[17]);

#endif
