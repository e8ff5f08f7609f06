/* vad.h — which frames of a recording hold speech, from their energy.
 *
 * The threshold adapts to the recording: between its noise floor (a low percentile of
 * frame energy: room noise, a music bed) and its speech level (a high percentile).
 * Short dips inside words are bridged and short blips dropped. The result is evidence
 * for the aligner, not the truth: commas pause too, and run-on sentences do not. */
#ifndef POLYALIGN_AUDIO_VAD_H
#define POLYALIGN_AUDIO_VAD_H

#include <stddef.h>

typedef struct {
    float floor_db, speech_db, threshold_db;
} vad_levels;

/* The levels of energy[0..n) (dB): its noise floor, speech level and the threshold between. */
int vad_levels_of(const float *energy, size_t n, vad_levels *levels);

/* speech[k] = 1 where frame k of energy[0..n) (dB, 100 frames/s) is speech. */
int vad_detect(const float *energy, size_t n, unsigned char *speech, vad_levels *levels);

#endif
