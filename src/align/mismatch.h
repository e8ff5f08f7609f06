/* mismatch.h — are two texts translations of each other at all?
 *
 * An aligner always finds a path, so two unrelated documents still give beads, and some
 * of them high scores by chance. The document as a whole tells: in a real translation
 * few beads are doubtful and most content words meet a dictionary translation on the
 * other side of their bead; in two unrelated texts most beads are doubtful and few words
 * meet one. Measured on every dev pair against the same documents paired at random
 * (make eval; README), with the learned confidence (bead_confidence.h): true pairs have
 * at most 43 % doubtful beads and a pivot coverage of at least 0.53, and their share of
 * doubtful beads is always at least 0.10 below their coverage; shuffled pairs have 52 %
 * doubtful beads or more and a coverage of 0.46 or less, and their doubtful share is at
 * least 0.14 above their coverage. So a pair is judged not a
 * translation when its doubtful share exceeds its coverage, on enough doubtful beads for
 * a share to mean something. Without a lexicon there is no coverage, and the doubtful
 * share alone does not tell (a literary en-zh chapter aligned on lengths alone has more
 * than half its beads doubtful): such a pair is only warned about. */
#ifndef POLYALIGN_ALIGN_MISMATCH_H
#define POLYALIGN_ALIGN_MISMATCH_H

#include <stddef.h>

#include "align.h"

/* At least this many doubtful beads (confidence below ALIGN_DEFAULT_MIN_SCORE) before a
 * share is judged at all */
#define MISMATCH_MIN_DOUBTFUL 3
/* With no lexicon: the share of doubtful beads from which a warning says so */
#define MISMATCH_WARN_SHARE 0.5

/* Whether the pair whose alignment was fitted as `fit` is evidently not a translation
 * (judged only where a lexicon was used). */
int align_fit_is_mismatch(const align_fit *fit);

/* Whether a pair aligned without a lexicon has so many doubtful beads that it may not be
 * a translation, which nothing else can tell. */
int align_fit_is_unjudged_doubtful(const align_fit *fit);

#endif
