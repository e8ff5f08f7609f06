/* boundary.h — sentence and cue boundaries placed on the recording's own frames.
 *
 * The warping path (dtw.h, gap_dtw.h) puts a boundary within a word or so of where it
 * lies; the recording's frame energies and its speech/pause evidence (vad.h) put it on
 * the sound: a start where speech resumes and back over the word's soft onset, an end
 * where speech stops and on over the word's fading tail, a cue boundary inside a
 * sentence at the end of a short quiet dip near the path's frame. Frames are 10 ms. */
#ifndef POLYALIGN_AUDIO_BOUNDARY_H
#define POLYALIGN_AUDIO_BOUNDARY_H

#include <stddef.h>

#include "vad.h"

/* The recording's frame-level evidence for placing boundaries. */
typedef struct {
    const unsigned char *speech; /* the voice detector's verdict per frame */
    const float *energy;         /* dB per frame */
    size_t n;
    float quiet_db; /* frames above it are heard, even those the detector's smoothing dropped */
    float onset_db; /* lower: faint frames above it join a word's onset to its sounds */
} recording_evidence;

/* The quiet and onset levels of a recording (or a stretch of it) with these levels. */
void boundary_levels(const vad_levels *levels, recording_evidence *e);

/* `e` with the levels of the 5 s either side of frame `at` where those are higher (a
 * recording pieced together from parts with floors of their own). */
int boundary_near(const recording_evidence *e, size_t at, recording_evidence *out);

/* A start on the recording: the path's frame r, moved to where speech resumes when the
 * path put it inside a pause (or to a clear pause's end close by when it put it inside
 * running speech), then back over the word's soft onset. */
size_t boundary_start(const recording_evidence *e, size_t r);

/* An end on the recording (one past the last frame), no earlier than from + 1: the path's
 * frame r for the pause after the speech, moved back to where speech stopped when that is
 * in a pause, then on over the word's fading tail. */
size_t boundary_end(const recording_evidence *e, size_t from, size_t r);

/* A cue boundary inside a sentence: the path's frame r for the first word of the cue,
 * moved to the end of a short quiet dip close by, or r when there is none. */
size_t boundary_mark(const recording_evidence *e, size_t r);

#endif
