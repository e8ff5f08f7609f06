/* u64sort.h — sorting 64-bit keys in place, and counting the repeats among them.
 *
 * `tmx stats` counts duplicate units by their 64-bit content hashes. A hash set doubled
 * as it grows held twice the keys' bytes, and half as much again while it was copied into
 * a bigger one, which made it the largest part of the command's peak memory; a list of
 * the keys, sorted once at the end, holds each key once and is read in order. qsort would
 * allocate a second list to merge into, so the sort is a radix sort in place (American
 * flag sort: one byte at a time from the top, each bucket swapped into place). */
#ifndef POLYALIGN_U64SORT_H
#define POLYALIGN_U64SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort v[0..n) in ascending order, in place, with no allocation. */
void u64_sort(uint64_t *v, size_t n);

/* How many of v[0..n) equal an earlier one (n minus the distinct values); v is sorted
 * on the way. */
size_t u64_count_repeats(uint64_t *v, size_t n);

#endif
