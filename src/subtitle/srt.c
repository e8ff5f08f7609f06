/* srt.c — SRT and WebVTT output: UTF-8 without BOM, LF line ends, times to the millisecond;
 * WebVTT's cue text with its character references (vtt_text.h), SRT's as it is. */
#include "srt.h"

#include <math.h>

#include "../util/error.h"
#include "vtt_text.h"

static void timestamp(FILE *f, double t, char sep)
{
    long ms = lround(t * 1000);
    if (ms < 0)
        ms = 0;
    fprintf(f, "%02ld:%02ld:%02ld%c%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, sep, ms % 1000);
}

int subtitle_write(FILE *f, const cue_list *cues, subtitle_format fmt)
{
    char sep = fmt == SUBTITLE_VTT ? '.' : ',';
    if (fmt == SUBTITLE_VTT)
        fputs("WEBVTT\n\n", f);
    for (size_t k = 0; k < cues->n; k++) {
        if (fmt == SUBTITLE_SRT)
            fprintf(f, "%zu\n", k + 1);
        timestamp(f, cues->v[k].start, sep);
        fputs(" --> ", f);
        timestamp(f, cues->v[k].end, sep);
        fputc('\n', f);
        if (fmt == SUBTITLE_VTT)
            vtt_text_write(f, cues->v[k].text);
        else
            fputs(cues->v[k].text, f);
        fputs("\n\n", f);
    }
    return ferror(f) ? -ERR_IO : 0;
}
