/* coarse.h — the search band for long documents, found coarse-to-fine.
 *
 * Aligning every sentence with every other is O(n·m): fine for a chapter, not for a
 * 100,000-sentence corpus. So pairs of neighbouring sentences are merged, level after
 * level, until the documents are small enough to align in full with the length model;
 * each level's path, widened by a few sentences, is the band of the next finer level.
 * Time and memory grow about linearly. */
#ifndef POLYALIGN_ALIGN_COARSE_H
#define POLYALIGN_ALIGN_COARSE_H

#include <stddef.h>
#include <stdint.h>

#include "dp.h"

/* Band for aligning sentences of lengths src[0..n) and tgt[0..m) (characters), with the
 * length model's ratio and variance. Small documents get the full matrix. */
int coarse_band(const uint32_t *src, size_t n, const uint32_t *tgt, size_t m, double ratio, double variance,
                dp_band *out);

/* The same for a path that must pass through nodes[0..nnodes) (dp.h; borrowed, must
 * outlive the band): a band per stretch between two nodes, joined, the nodes forced. */
int coarse_band_forced(const uint32_t *src, size_t n, const uint32_t *tgt, size_t m, double ratio, double variance,
                       const dp_node *nodes, size_t nnodes, dp_band *out);

/* Widen a band by `extra` columns on each side (when the DP found no path inside it);
 * forced nodes stay forced. */
int band_widen(dp_band *b, size_t extra);

#endif
