/* sync_run.h — what `polyalign sync` does once its command line is read: a transcript's
 * sentences force-aligned to the recording (one time per sentence, or per subtitle cue
 * cut as `subtitle` cuts them), the sync map written as JSON, TSV or SRT through a
 * temporary file, so a failed run leaves the old output or none.
 *
 * The CLI parses, loads the transcript (doc/text.h), calls sync_run and reports the map
 * (sentences placed, missing, matched poorly). Nothing here prints. */
#ifndef POLYALIGN_EXPORT_SYNC_RUN_H
#define POLYALIGN_EXPORT_SYNC_RUN_H

#include "../doc/text.h"
#include "sync_output.h"

typedef struct {
    const char *audio;      /* the recording, any format FFmpeg reads */
    const char *lang;       /* the transcript's language tag, as the output names it */
    const char *base;       /* its base subtag: the synthesizer's voice, the cues' rules */
    int cues;               /* one row per subtitle cue instead of per sentence */
    sync_format format;
    const char *output;     /* NULL or "-": standard output */
    int force;              /* time a transcript the recording does not seem to hold */
} sync_run_settings;

/* Align t's sentences to the recording into *map and write it. *map is filled as far as
 * the run went (sync_map_free it either way). 0, or an error code with its message:
 * -ERR_DATA when t has no sentence or, without s->force, when the recording does not hold
 * it (sync_map_holds_transcript: nothing is written), the recording's and the output's
 * errors. */
int sync_run(const sync_run_settings *s, const doc_text *t, sync_map *map);

#endif
