/* beads.h — the beads of an alignment of two or three texts: the value type the aligner
 * hands to the writers (export/) and to subtitles in other languages (subtitle/).
 *
 * A bead is a group of consecutive sentences of each text that translate each other:
 * sentences [start[k], start[k] + len[k]) of text k, the pivot first. Two texts leave
 * start[2] and len[2] at 0. A side with len 0 holds no sentence (a 1-0 or 0-1 bead); its
 * start is where the sentences would be. */
#ifndef POLYALIGN_DOC_BEADS_H
#define POLYALIGN_DOC_BEADS_H

#include <stddef.h>

typedef struct {
    size_t start[3], len[3];    /* sentence ranges in pivot, first and second translation */
    double confidence;          /* the probability that the bead is right (align/dp.h);
                                 * three texts: the lower of the two pairs' */
} bead;

#endif
