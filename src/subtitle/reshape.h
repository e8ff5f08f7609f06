/* reshape.h — cues reshaped once their times are known.
 *
 * A two-line cue whose speech lasts longer than a cue may stay up is split at its line
 * break, each line becoming a cue over its share of the speech (by display width).
 *
 * Speech too fast to read: the display rules first lengthen a cue into the pause after it; a cue that still reads
 * faster than the profile allows is merged with its neighbour (the next, else the one
 * before) when their joined text fits one cue of at most two lines, re-cut by the same
 * cutter; the merged cue spans both, so it has their time together to be read. With
 * starts measured on a recording, only cues of one sentence merge: a sentence's own
 * start stays in sync. */
#ifndef POLYALIGN_SUBTITLE_RESHAPE_H
#define POLYALIGN_SUBTITLE_RESHAPE_H

#include "cues.h"
#include "profile.h"

/* Split cues whose speech outlasts the profile's longest cue; returns how many were
 * split, or a negative error. */
int cues_split_too_long(cue_list *cues, const subtitle_profile *p);

/* Merge too-fast cues in place (same_sentence: only within a sentence); returns how many
 * merges were made, or a negative error. */
int cues_merge_too_fast(cue_list *cues, const char *lang, const subtitle_profile *p, int same_sentence);

#endif
