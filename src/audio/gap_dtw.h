/* gap_dtw.h — warping a transcript's synthetic speech onto a recording that holds more
 * than the transcript, or less.
 *
 * A transcript may quote only parts of a speech; a recording may open with a host, hold
 * applause, music or an interpreter between the parts. Plain DTW must warp every
 * recording frame onto some transcript frame, so untranscribed speech drags sentences
 * off their place. Here the synthetic frames (rows) come in sentences, and between two
 * sentences, before the first and after the last, recording frames (columns) may be
 * skipped at a fixed cost per frame; a sentence that is nowhere in the recording (it
 * matches where the path put it far worse than the others do) is left out. A skipped frame costs more than a
 * frame that matches its sentence and less than one matched with speech it does not
 * hold, so the path passes over what the transcript lacks and keeps what it has.
 *
 * The search is coarse to fine: a full matrix (no band: the parts may lie anywhere) on
 * frames averaged 4 or more to one, which also decides which sentences are missing and
 * what a skip costs (what a matching frame costs depends on how alike the voices are);
 * then narrow windows around that path, with the skips, at each finer level. */
#ifndef POLYALIGN_AUDIO_GAP_DTW_H
#define POLYALIGN_AUDIO_GAP_DTW_H

#include <stddef.h>

#include "dtw.h"

typedef struct {
    dtw_path path;          /* col/cost per row; rows of a missing sentence: col SIZE_MAX, cost 0 */
    unsigned char *missing; /* per sentence: found nowhere in the recording */
    unsigned char *skipped; /* per column: passed over, matched with no row */
    /* How much better the sentences match their places in order than played backwards:
     * (reversed - in order) / reversed of their mean frame costs, the median over the
     * sentences placed (up to 64, spread over the transcript), on every frame of the
     * final path, or, when there is none, on the top level's averaged frames. Measured
     * when at least GAP_ORDER_MIN_SENTENCES long enough to tell are placed
     * (order_measured); kept when the path fails (-ERR_DATA). */
    double order_evidence;
    int order_measured;
} gap_path;

/* A median over fewer sentences says little of the whole transcript. */
#define GAP_ORDER_MIN_SENTENCES 3

/* What an earlier path learnt of the recording, for warping it again. */
typedef struct {
    const float *col_price;      /* per column (or NULL): matching column i costs col_price[i] times the
                                    chance distance more (it holds sound the transcript lacks) */
    const unsigned char *placed; /* per sentence (or NULL): found in the recording, never left out */
} gap_prior;

/* Warp `rows` onto `cols`. Sentence s is rows [first_row[s], first_row[s + 1]), with
 * first_row[0] = 0 and first_row[n] = rows->n, none empty. A skipped column costs what
 * a placed sentence's frame typically costs plus `skip_margin` of the way from there to
 * the distance between frames drawn at random (dtw_chance_distance). `prior` may be NULL.
 * Returns ERR_DATA when no path exists. */
int gap_dtw_align(const feature_seq *rows, const size_t *first_row, size_t n, const feature_seq *cols,
                  const gap_prior *prior, double skip_margin, gap_path *out);

void gap_path_free(gap_path *p);

#endif
