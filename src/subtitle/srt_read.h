/* srt_read.h — reading SRT and WebVTT files, leniently, reporting every deviation.
 *
 * Players tolerate a lot (a BOM, CRLF, '.' before the milliseconds, a missing blank line)
 * and editors produce all of it, so the reader accepts what it can and reports each
 * problem with its line number: `srt check` prints them, `srt fix` repairs the cues. */
#ifndef POLYALIGN_SUBTITLE_SRT_READ_H
#define POLYALIGN_SUBTITLE_SRT_READ_H

#include <stddef.h>

#include "cues.h"

typedef enum { SRT_ERROR, SRT_WARNING } srt_severity;

/* Called per problem; line 0 means the whole file. */
typedef void (*srt_problem_fn)(void *ctx, srt_severity sev, int line, const char *message);

typedef struct {
    int line;               /* of the cue's first line */
} srt_cue_info;

/* Read `path` into cues (text lines joined by '\n'; start/end set; sentence = cue number
 * as written). info (may be NULL) gets one entry per cue. 0 or a negative error code
 * (file unreadable, not UTF-8); format problems are reported, not errors. */
int srt_read(const char *path, cue_list *out, srt_cue_info **info, srt_problem_fn report, void *ctx);

#endif
