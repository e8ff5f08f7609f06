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
    double order_evidence;   /* how much better the transcript's sentences match the
                              * recording in order than backwards (gap_dtw.h) */
    int order_measured;      /* 0: too few sentences placed to tell */
} sync_map;

/* The layout of the structures above and of sync_align's arguments, as the program and
 * the audio module (backend.h) were built with: raised whenever they change, so that a
 * module from another build is refused instead of writing past the caller's map. */
#define SYNC_ABI_VERSION 2

/* In the module: the SYNC_ABI_VERSION it was built with (a function, not a variable: the
 * unit tests link the audio sources and load the module too, and a global defined twice
 * is an ODR violation to AddressSanitizer). */
int polyalign_audio_abi_version(void);

/* Sentences whose confidence is below this are flagged in every report. */
#define SYNC_LOW_CONFIDENCE 0.5

/* Below this order evidence the recording does not hold the transcript: it is another
 * text or another language, and every time would be a guess dressed as a measurement
 * (each sentence's confidence is judged against the recording's typical sentence, so a
 * transcript wrong throughout looks typical). Measured on ../shared/eval/subtitles (dev,
 * dev-hard), our own voices and the partial-transcript set (full and partial
 * transcripts, recordings with other speech, music and applause; 89 runs): 0.207 at the
 * least (flite's rms voice at rate 1.2); each dev transcript against the recordings of
 * the two other languages, and against our recordings of another text in its own
 * language (20 runs): 0.093 at the most. The cut-off lies between, at their geometric
 * mean. Bench recordings of 12 and 63 minutes: 0.32 and 0.31. */
#define SYNC_MIN_ORDER_EVIDENCE 0.14

/* Whether the map says the recording holds the transcript: either too few sentences were
 * placed to tell, or they match in order as speech of that text does. */
int sync_map_holds_transcript(const sync_map *m);

/* 0 when the map holds the transcript or `force` times it anyway; else -ERR_DATA, its
 * message saying that `audio` does not hold the transcript in `lang` and what to do. */
int sync_map_check_transcript(const sync_map *m, const char *audio, const char *lang, int force);

int sync_align(const char *audio_path, const char *lang, const char *const *sentences, size_t n, synth_mark *marks,
               size_t nmarks, sync_map *out);

void sync_map_free(sync_map *m);

#endif
