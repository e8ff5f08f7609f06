/* u32set.h — sets of 32-bit ids (anchor keys, word hashes) as sorted plain arrays.
 *
 * The aligner keeps small per-sentence sets of hashed keys and intersects them millions
 * of times; sorted arrays are compact and fast to search. One place sorts and searches
 * them. */
#ifndef POLYALIGN_U32SET_H
#define POLYALIGN_U32SET_H

#include <stddef.h>
#include <stdint.h>

/* Sort v[0..n) and drop repeats; returns the new count. */
size_t u32_sort_unique(uint32_t *v, size_t n);

/* x in the sorted v[0..n), or NULL. */
const uint32_t *u32_find(const uint32_t *v, size_t n, uint32_t x);

#endif
