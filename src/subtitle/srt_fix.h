/* srt_fix.h — what subtitle editors call "fix common errors", on cues read leniently:
 * order by time, drop cues with nothing to see, cut over-long text again under the
 * style profile (its line breaks, lines per cue, reading speed), end each cue the
 * minimum gap before the next, move a cue that starts with the one before it after that
 * one's minimum duration, and lengthen cues too short to read as far as the next allows.
 *
 * A cue's start is where its speech is: it is never moved earlier, and the pieces of a
 * re-cut cue share its time rather than push the next cue back. */
#ifndef POLYALIGN_SUBTITLE_SRT_FIX_H
#define POLYALIGN_SUBTITLE_SRT_FIX_H

#include <stddef.h>

#include "cues.h"
#include "profile.h"

typedef struct {
    size_t dropped;         /* cues with nothing to see */
    size_t recut;           /* cues cut into more than one */
    size_t reordered;       /* cues moved to their place in time (equal starts keep their order) */
    size_t retimed;         /* cues written whole whose start or end moved */
} srt_fix_stats;

/* Repair `in` (reordered, its texts unwrapped in place) into `out` under profile p for
 * the language `base` and the frame rate `fps`. An `out` without cues is -ERR_DATA
 * naming `file` (an empty SRT is a file players refuse). 0 or a negative error code. */
int srt_fix_cues(cue_list *in, const subtitle_profile *p, const char *base, double fps, const char *file,
                 cue_list *out, srt_fix_stats *st);

#endif
