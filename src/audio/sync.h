/* sync.h — forced alignment: when each sentence of a transcript is spoken in a recording.
 *
 * The aeneas method, made precise: the transcript is synthesized (synth.h), both the
 * recording and the synthetic speech become normalized MFCCs (features.h), long
 * non-speech stretches are collapsed in both so that pauses of any length meet, the
 * synthetic speech is warped onto the recording (dtw.h), and each sentence boundary is
 * then refined on the recording (boundary.h), with its pauses (vad.h) as one piece of
 * evidence weighed against the path. Cue boundaries inside sentences (marks) come from a
 * second reading, the sentences spoken as the phrases the cues cut them into, each warped
 * alone onto where its sentence was placed. Every sentence gets a confidence from how
 * well its frames matched. */
#ifndef POLYALIGN_AUDIO_SYNC_H
#define POLYALIGN_AUDIO_SYNC_H

#include <stddef.h>

#include "synth.h"

typedef struct {
    double start, end;  /* seconds in the recording */
    double confidence;  /* 0..1 */
    int missing;        /* nowhere in the recording: no time, no cue */
} sync_sentence;

/* A stretch of the recording the transcript does not hold (a host, applause, music,
 * speech left out of the transcript), between two placed sentences or at either end. */
typedef struct {
    double start, end;
    double speech_seconds; /* of it that the voice detector heard as speech */
    double sound_start;    /* where its sound begins, heard above the quiet level (end: none) */
} sync_skip;

typedef struct sync_map {
    sync_sentence *sentence; /* one per transcript sentence */
    size_t n;
    double *mark_time;       /* per mark: when that word is spoken */
    double audio_seconds;    /* decoded */
    double header_seconds;   /* what the file's header announced (0: nothing) */
    double speech_seconds;   /* of the recording that is speech */
    double synth_seconds;    /* the synthetic speech, pauses collapsed */
    double leading_silence;  /* before the first speech */
    sync_skip *skipped;      /* in time order; none when the transcript covers the recording */
    size_t nskipped;
    size_t nmissing;         /* sentences flagged missing */
} sync_map;

/* Sentences whose confidence is below this are flagged in every report. */
#define SYNC_LOW_CONFIDENCE 0.5

int sync_align(const char *audio_path, const char *lang, const char *const *sentences, size_t n, synth_mark *marks,
               size_t nmarks, sync_map *out);

void sync_map_free(sync_map *m);

#endif
