/* u64table.h — open-addressing hash tables keyed by 64 bits.
 *
 * The TMX tools key units and segments by a 64-bit content hash (tmx_text_hash): merge
 * keeps, per distinct unit, which copy wins and, per source segment, its first unit;
 * stats counts duplicate units. The aligner counts word pairs (lexlearn.c) under keys
 * made of two 32-bit word hashes. One table serves all: slots of a fixed size whose
 * first 8 bytes are the key, 0 marking an empty slot (the key 0 itself has a slot of its
 * own after the others), linear probing, doubled when half full. A set is a table of
 * bare keys. The key's bits are mixed before they pick a slot, so keys that differ only
 * in their high bits (a word with each of its partners) spread as well as hashes do. */
#ifndef POLYALIGN_U64TABLE_H
#define POLYALIGN_U64TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned char *slots;
    size_t size;            /* bytes per slot: a uint64_t key first, then the payload */
    size_t cap, n;          /* cap: a power of two, or 0 before the first insert */
    int has_zero;           /* whether the key 0 is in, in the slot after the cap others */
} u64_table;

/* An empty table of slots of `size` bytes (at least 8). A multiple of 8 keeps the keys
 * aligned (sizeof of a struct that starts with the uint64_t key is); the table itself
 * copies keys in and out, so a packed struct of 12 bytes works too, and saves a quarter
 * of a large table (lexlearn.c). */
void u64_table_init(u64_table *t, size_t size);

/* The slot of `key`: the one holding it (*added = 0), or a new one, zeroed but for the
 * key (*added = 1). The pointer is valid until the next put. NULL when out of memory
 * (the message set). */
void *u64_table_put(u64_table *t, uint64_t key, int *added);

/* The slot of `key`, or NULL. */
void *u64_table_get(const u64_table *t, uint64_t key);

/* The slots in use, one by one: start with *at = 0; each call returns the next slot
 * holding a key, or NULL after the last. In no particular order; a put ends the walk. */
void *u64_table_next(const u64_table *t, size_t *at);

void u64_table_free(u64_table *t);

/* Sets: u64_table_init(t, sizeof(uint64_t)), then 1 when x was there already, 0 when it
 * was added, -ERR_NOMEM when out of memory. */
int u64_set_add(u64_table *t, uint64_t x);

#endif
