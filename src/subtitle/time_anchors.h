/* time_anchors.h — reading a time-coded transcript (`subtitle --times FILE`).
 *
 * Each line is "HH:MM:SS.mmm<TAB>text", where the text begins a sentence of the transcript
 * (a few words of it, or the whole paragraph that follows the time, as transcription tools
 * write them). Lines are matched in order; letters and digits alone are compared, case
 * folded, across sentence ends, so "yes, no" finds the sentences "Yes." "No.". */
#ifndef POLYALIGN_SUBTITLE_TIME_ANCHORS_H
#define POLYALIGN_SUBTITLE_TIME_ANCHORS_H

#include <stddef.h>

#include "timing.h"

/* The known start times in the file at `path` for the n sentences; with the recording's
 * duration known (> 0), every time must fall before its end. *out is malloc'd (the caller
 * frees it), sorted by sentence and by time. A bad line is an ERR_DATA naming file and
 * line; a file without any time too. */
int time_anchors_read(const char *path, const char *const *sentences, size_t n, double duration, time_anchor **out,
                      size_t *count);

#endif
