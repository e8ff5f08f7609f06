/* u32set.h — sets of 32-bit ids (anchor keys, word hashes) as sorted plain arrays.
 *
 * The aligner keeps small per-sentence sets of hashed keys and intersects them millions
 * of times; sorted arrays are compact and fast to search. One place sorts and searches
 * them, and maps ids to table indexes. */
#ifndef POLYALIGN_U32SET_H
#define POLYALIGN_U32SET_H

#include <stddef.h>
#include <stdint.h>

/* Sort v[0..n) and drop repeats; returns the new count. */
size_t u32_sort_unique(uint32_t *v, size_t n);

/* The same for the tail v[from..n) (one sentence's ids appended to a document's);
 * returns the new n. */
size_t u32_sort_unique_from(uint32_t *v, size_t from, size_t n);

/* A growing array of ids: the per-sentence key and word lists are appended to it. */
typedef struct {
    uint32_t *v;
    size_t n, cap;
} u32_vec;

/* Append x. 0, or -ERR_NOMEM with "out of memory" (vec_reserve). */
int u32_vec_push(u32_vec *b, uint32_t x);

/* The first element >= x in the sorted v[0..n) (v + n when none). */
const uint32_t *u32_lower_bound(const uint32_t *v, size_t n, uint32_t x);

/* x in the sorted v[0..n), or NULL. */
const uint32_t *u32_find(const uint32_t *v, size_t n, uint32_t x);

/* A map from 32-bit ids to 32-bit values (open addressing, grows as needed): the index
 * of a word hash in a per-document table, looked up for every translation. */
typedef struct {
    uint32_t *key, *val;    /* val U32_MAP_NONE: empty slot */
    size_t mask, used;
} u32_map;

#define U32_MAP_NONE UINT32_MAX

/* 0 or -ERR_IO (the message set). */
int u32_map_init(u32_map *m, size_t expected);
/* Insert or overwrite; val must not be U32_MAP_NONE. 0 or -ERR_IO. */
int u32_map_put(u32_map *m, uint32_t key, uint32_t val);
/* The value of key, or U32_MAP_NONE. */
uint32_t u32_map_get(const u32_map *m, uint32_t key);
void u32_map_free(u32_map *m);

#endif
