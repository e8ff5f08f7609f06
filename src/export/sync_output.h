/* sync_output.h — writing a sync map (a forced alignment's times) as JSON, TSV or SRT.
 *
 * `polyalign sync` hands users the raw times: one row per sentence (or per cue), in time
 * order, each with its start, end, confidence and a flag (ok, low, missing), and the
 * stretches of the recording the transcript does not hold as rows of their own
 * (skipped, with or without speech). A missing sentence keeps its place in the
 * transcript's order but gets no time; SRT, made for players, leaves it and the skipped
 * stretches out. The map is computed by audio/; here it only becomes a file. */
#ifndef POLYALIGN_EXPORT_SYNC_OUTPUT_H
#define POLYALIGN_EXPORT_SYNC_OUTPUT_H

#include <stdio.h>

#include "../audio/sync.h"
#include "../subtitle/cues.h"

typedef enum { SYNC_FORMAT_JSON, SYNC_FORMAT_TSV, SYNC_FORMAT_SRT } sync_format;

/* The names, for messages and for guessing from an output file's extension. */
extern const char *const sync_format_names[];   /* sync_format order, NULL-terminated */
#define SYNC_FORMAT_NAMES "json, tsv or srt"

/* Parse "json", "tsv", "srt"; -1 if unknown. */
int sync_format_parse(const char *name);

/* The format an output file name implies (.tsv, .srt), else JSON. */
sync_format sync_format_from_path(const char *path);

typedef struct {
    const char *audio;                  /* the recording, as named by the user */
    const char *lang;                   /* the transcript's language tag */
    const char *const *sentences;       /* the transcript, m->n sentences */
    const cue_list *cues;               /* NULL: one row per sentence; else per cue */
} sync_output_source;

/* Write m to f in fmt. 0, -ERR_NOMEM, or -ERR_IO when f failed (the caller, which knows
 * the file's name, reports it). */
int sync_output_write(FILE *f, sync_format fmt, const sync_map *m, const sync_output_source *src);

#endif
