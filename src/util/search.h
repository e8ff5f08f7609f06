/* search.h — the one binary search of the project.
 *
 * Every sorted table (lexicon keys, learned word pairs, anchor keys, word hashes, UTF-16
 * offsets of a segmentation window, TM postings) asks the same question: where does the
 * part of the range that sorts below a key end? partition_point answers it for any table
 * through a predicate, so the halving loop, and its off-by-one risks, is written once.
 * It is inline so that a predicate the caller defines in its own file is inlined too. */
#ifndef POLYALIGN_SEARCH_H
#define POLYALIGN_SEARCH_H

#include <stddef.h>

/* The first i in [lo, hi) for which is_below(i, ctx) is false, where is_below holds for a
 * prefix of the range and not after it; hi when it holds throughout. */
static inline size_t partition_point(size_t lo, size_t hi, int (*is_below)(size_t i, const void *ctx), const void *ctx)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (is_below(mid, ctx))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
