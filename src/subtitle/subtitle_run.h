/* subtitle_run.h — what `polyalign subtitle` does once its command line is read and its
 * transcript loaded: the transcript's sentences cut into cues under a style profile (or a
 * translated track made from a source track, aligned with its source text or taken from a
 * memory), timed by one timing source, re-cut where a cue is too long or reads too fast,
 * and written as SRT or WebVTT through a temporary file.
 *
 * The CLI parses, loads the transcript, settles its language and profile, calls
 * subtitle_run and reports from the result. Nothing here prints: warnings and what a
 * memory gave go to a reporter; errors are returned as error.h codes with their message. */
#ifndef POLYALIGN_SUBTITLE_SUBTITLE_RUN_H
#define POLYALIGN_SUBTITLE_SUBTITLE_RUN_H

#include "../audio/sync.h"
#include "../doc/text.h"
#include "cues.h"
#include "profile.h"
#include "srt.h"

typedef struct {
    const char *lang, *base;        /* the transcript's language (a full tag) and its base subtag */
    const subtitle_profile *profile;
    double fps;                     /* for the shortest gap */
    /* one timing source: */
    const char *audio;              /* the recording the transcript is spoken in, */
    const char *times;              /* known start times (duration: where the last stretch ends), */
    double start, duration;         /* or the span the speech is spread over; */
    const char *from;               /* or a translated track: the source track, with */
    const char *align;              /* the source transcript, */
    const char *tmx;                /* or a memory (then the transcript is not used) */
    const char *output;             /* NULL: standard output */
    subtitle_format format;
    int force;                      /* with audio: time a transcript the recording does not seem to hold */
} subtitle_settings;

typedef struct {
    void (*warn)(void *ctx, const char *message); /* translated, without "warning: " */
    /* with a memory: `found` of its `units` src-tgt units were in the source track */
    void (*memory_found)(void *ctx, size_t found, size_t units, const char *src, const char *tgt);
    void *ctx;
} subtitle_reporter;

typedef struct {
    cue_list cues;                  /* as written */
    size_t too_fast;                /* cues that still read faster than the profile allows */
    int stretched;                  /* timed by a duration longer than the text takes at a */
    double usual;                   /* usual speaking rate (usual: how long that is) */
    sync_map map;                   /* with audio: the sync map, for its warnings */
} subtitle_result;

/* The subtitles of transcript t (empty with s->tmx) into s->output; *res is filled in
 * either way (free it with subtitle_result_free). 0 or a negative error code; no cues at
 * all is an error (-ERR_DATA: players refuse an empty SRT), and nothing is written then. */
int subtitle_run(const subtitle_settings *s, const doc_text *t, const subtitle_reporter *r, subtitle_result *res);

void subtitle_result_free(subtitle_result *res);

#endif
