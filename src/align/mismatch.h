/* mismatch.h — are two texts translations of each other at all?
 *
 * An aligner always finds a path, so two unrelated documents still give beads, and some
 * of them high scores by chance. The document as a whole tells: in a real translation
 * few beads are doubtful and most content words meet a dictionary translation on the
 * other side of their bead; in two unrelated texts most beads are doubtful and few words
 * meet one. Measured on every dev pair against the same documents paired at random
 * (make eval; README): true pairs have at most 36 % doubtful beads and a pivot coverage
 * of at least 0.53, and their share of doubtful beads is always at least 0.17 below their
 * coverage; shuffled pairs have 42 % doubtful beads or more and a coverage of 0.46 or
 * less, and their doubtful share is above their coverage. So a pair is judged not a
 * translation when its doubtful share exceeds its coverage (with no lexicon, when half
 * its beads are doubtful), and only on enough doubtful beads for a share to mean
 * something. */
#ifndef POLYALIGN_ALIGN_MISMATCH_H
#define POLYALIGN_ALIGN_MISMATCH_H

#include <stddef.h>

#include "align.h"

/* With no lexicon: at least this share of the beads doubtful (confidence below
 * ALIGN_DEFAULT_MIN_SCORE) */
#define MISMATCH_DOUBTFUL_SHARE 0.5
/* in any case, at least this many doubtful beads */
#define MISMATCH_MIN_DOUBTFUL 3

/* Whether the pair whose alignment was fitted as `fit` is evidently not a translation. */
int align_fit_is_mismatch(const align_fit *fit);

#endif
