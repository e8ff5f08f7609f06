/* speaker.h — how unlike the transcript's speaker each stretch of a recording sounds.
 *
 * The warping with skips (gap_dtw.h) compares only the broad shape of the spectrum, which
 * voices share, so a sentence can be laid on another speaker's words (a host, an
 * interpreter) when that voice matches the synthesizer about as well as the speaker's
 * own. What the synthesizer cannot tell, the recording can: the speaker of the sentences
 * the warping placed sounds like themselves and unlike the others. A speech frame's voice
 * is the mean of its cepstra over about a second of speech before it, or after it (the
 * nearer of the two to the speaker's); the speaker's is the mean over the frames the
 * transcript was placed on; a frame lies as far from it as the speaker's own frames
 * typically do, or further. */
#ifndef POLYALIGN_AUDIO_SPEAKER_H
#define POLYALIGN_AUDIO_SPEAKER_H

#include <stddef.h>

/* Frames are `n` rows of `stride` floats, the cepstra first (`ncep` of them; c0, the
 * loudness, is left out); speech[k] says whether frame k is speech, transcript[k] whether
 * the transcript was placed on it. unlike[k] receives, for a speech frame, how many times
 * the speaker's typical (median) distance from their own voice it lies from it, less
 * `own_reach` and never below 0; 0 for a pause, and everywhere when the transcript holds
 * no speech frame. 0, or -ERR_NOMEM. */
int speaker_unlikeness(const float *frames, size_t n, int stride, int ncep, const unsigned char *speech,
                       const unsigned char *transcript, double own_reach, float *unlike);

#endif
