/* srt.h — writing cues as SRT or WebVTT. */
#ifndef POLYALIGN_SUBTITLE_SRT_H
#define POLYALIGN_SUBTITLE_SRT_H

#include <stdio.h>

#include "cues.h"

typedef enum { SUBTITLE_SRT, SUBTITLE_VTT } subtitle_format;

/* Write all cues, numbered from 1 (SRT), or with a WEBVTT header (VTT). 0, or -ERR_IO when
 * writing to f failed: the caller, who knows the file, reports why (atomic_file_finish). */
int subtitle_write(FILE *f, const cue_list *cues, subtitle_format fmt);

#endif
