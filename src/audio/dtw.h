/* dtw.h — dynamic time warping of two feature sequences, banded and coarse-to-fine.
 *
 * The synthetic speech (rows) is warped onto the recording (columns). Each row may only
 * visit a window of columns: the top pass, on frames averaged 4 to one, searches a wide
 * band around the diagonal; the fine pass on the 10 ms frames searches a narrow band
 * around the path above it.
 * Time and memory grow linearly with the length: directions are kept as two bits per
 * visited cell and costs as two rows. */
#ifndef POLYALIGN_AUDIO_DTW_H
#define POLYALIGN_AUDIO_DTW_H

#include <stddef.h>

typedef struct {
    const float *v; /* n × dim, row-major */
    size_t n;
    int dim;
} feature_seq;

typedef struct {
    size_t *col;  /* col[j]: the first recording frame matched with synthetic frame j */
    float *cost;  /* cost[j]: the mean distance of row j's path cells */
} dtw_path;

/* Euclidean distance between two frames of `dim` values. */
float dtw_distance(const float *a, const float *b, int dim);

/* Frames averaged `factor` to one (the last group may be shorter); *owned is the new
 * frames' memory, for the caller to free. */
int dtw_downsample(const feature_seq *in, size_t factor, feature_seq *out, float **owned);

/* Mean distance between frames of `a` and `b` drawn at random (a fixed seed): what a
 * match worth nothing costs. */
double dtw_chance_distance(const feature_seq *a, const feature_seq *b);

/* Warp `rows` onto `cols` (frames of equal dim). `band_seconds` is the top pass's
 * half-width (frames are 10 ms). */
int dtw_align(const feature_seq *rows, const feature_seq *cols, double band_seconds, dtw_path *out);

void dtw_path_free(dtw_path *p);

#endif
