/* features.h — MFCCs and frame energy of 16 kHz speech, computed as samples arrive.
 *
 * 25 ms Hamming windows every 10 ms, a 512-point FFT (FFTW), 26 mel bands up to 8 kHz,
 * log, DCT-II (FFTW's REDFT10) to 13 cepstral coefficients; beside them the frame's
 * energy in dB before pre-emphasis (which would hide a low voice under white noise: a
 * deep flite voice read 3 dB over the floor), which the speech/non-speech detector reads. After the last sample,
 * audio_features_normalize applies cepstral mean and variance normalization over the file,
 * so a recording's microphone, room and level and a synthesizer's timbre weigh less
 * in the comparison. A hundred frames a second of 14 floats: an hour is 20 MB. */
#ifndef POLYALIGN_AUDIO_FEATURES_H
#define POLYALIGN_AUDIO_FEATURES_H

#include <stddef.h>

enum { MFCC_DIM = 13, FRAME_HOP = 160, FRAME_LEN = 400, FRAMES_PER_SECOND = 100, AUDIO_NYQUIST = 8000 };

typedef struct {
    float *mfcc;   /* n × MFCC_DIM */
    float *energy; /* n, dB */
    size_t n, cap_mfcc, cap_energy;
} audio_features;

typedef struct feature_extractor feature_extractor;

int feature_extractor_new(audio_features *out, feature_extractor **ex);

/* Append the frames completed by these samples. */
int feature_extractor_push(feature_extractor *ex, const float *samples, size_t n);

void feature_extractor_free(feature_extractor *ex);

/* Cepstral mean and variance normalization over frames [0, n). */
void audio_features_normalize(audio_features *f);

void audio_features_free(audio_features *f);

#endif
