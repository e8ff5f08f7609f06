/* style_check.h — what `srt check` finds wrong in cues that are well formed: the limits
 * of a style profile (characters per line, lines per cue, reading speed, shortest and
 * longest time on screen, the gap between cues), line breaks a subtitler never makes
 * (line_end.h), and cues out of order or overlapping.
 *
 * The cues are checked as a strict client reads them (srt_read.h, SRT_STRICT); each
 * finding is handed over with the file line it is at, already translated, so that the
 * command prints it in the user's language and counts it. */
#ifndef POLYALIGN_SUBTITLE_STYLE_CHECK_H
#define POLYALIGN_SUBTITLE_STYLE_CHECK_H

#include "cues.h"
#include "profile.h"
#include "srt_read.h"

/* One style finding at file line `line`. */
typedef void (*style_finding_fn)(void *ctx, int line, const char *message);

/* Check cues (info: where each is in the file) under profile p for the language `base`
 * (for line breaks) and a frame rate `fps` (for the minimum gap). Each text is cut into
 * its lines in place while it is measured, and left as it was. 0 or -ERR_NOMEM. */
int style_check_cues(cue_list *cues, const srt_cue_info *info, const subtitle_profile *p, const char *base,
                     double fps, style_finding_fn report, void *ctx);

#endif
