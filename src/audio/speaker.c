/* speaker.c — how unlike the transcript's speaker each frame sounds; see speaker.h. */
#include "speaker.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/stats.h"

/* Speech frames on each side that make a frame's voice: a second of speech averages the
 * sounds of the words away and keeps the voice's. A frame's voice is the nearer of the
 * one before it and the one after it: at a change of speaker one side holds one voice
 * only, so a sentence's edges next to other speech keep their speaker's (one window
 * across both put the last sentence of a part among the other speech's and flagged it
 * missing). On the partial-transcript set (scripts/eval_partial.sh, one recording of each
 * kind measured), as multiples of the speaker's typical distance: the speaker's own
 * frames 0.7-1.35 (tenth to ninetieth percentile, 1.6-1.8 at the 99th), other speakers'
 * 1.7-3.6, music and applause 1.8-5.7, the speaker's untranscribed words in a partial
 * transcript 0.8-1.5 (2.1 at the 99th). */
enum { VOICE_WINDOW = 100 };

/* The distance from `centre` of the mean of speech frames [a, b) (prefix sums `sums`). */
static double distance_from(const double *sums, int dim, size_t a, size_t b, const double *centre)
{
    double s = 0;
    for (int d = 0; d < dim; d++) {
        double x = (sums[b * dim + d] - sums[a * dim + d]) / (double)(b - a) - centre[d];
        s += x * x;
    }
    return sqrt(s);
}

int speaker_unlikeness(const float *frames, size_t n, int stride, int ncep, const unsigned char *speech,
                       const unsigned char *transcript, double own_reach, float *unlike)
{
    memset(unlike, 0, n * sizeof *unlike);
    int dim = ncep - 1;
    size_t nspeech = 0;
    for (size_t k = 0; k < n; k++)
        nspeech += speech[k];
    /* sums[m]: the cepstra summed over the first m speech frames */
    double *sums = calloc((nspeech + 1) * (size_t)dim, sizeof *sums);
    double *dist = malloc((nspeech ? nspeech : 1) * sizeof *dist), *own = malloc((nspeech ? nspeech : 1) * sizeof *own);
    double *centre = calloc((size_t)dim, sizeof *centre);
    int rc = sums && dist && own && centre ? 0 : error_nomem();
    for (size_t k = 0, m = 0; rc == 0 && k < n; k++) {
        if (!speech[k])
            continue;
        for (int d = 0; d < dim; d++)
            sums[(m + 1) * dim + d] = sums[m * dim + d] + frames[k * stride + 1 + d];
        m++;
    }
    /* the speaker's voice: the mean cepstra over the speech frames the transcript was placed on */
    size_t nown = 0;
    for (size_t k = 0, m = 0; rc == 0 && k < n; k++) {
        if (!speech[k])
            continue;
        if (transcript[k]) {
            for (int d = 0; d < dim; d++)
                centre[d] += sums[(m + 1) * dim + d] - sums[m * dim + d];
            nown++;
        }
        m++;
    }
    for (int d = 0; rc == 0 && nown && d < dim; d++)
        centre[d] /= (double)nown;
    /* each speech frame's distance from it, the nearer of its voice over the second of
     * speech before it and over the second after it (at a change of speaker one side is
     * all one voice); the speaker's own typical distance */
    double typical = 0;
    size_t o = 0;
    for (size_t k = 0, m = 0; rc == 0 && nown && k < n; k++) {
        if (!speech[k])
            continue;
        size_t before = m > VOICE_WINDOW ? m - VOICE_WINDOW : 0, after = m + VOICE_WINDOW + 1 < nspeech ? m + VOICE_WINDOW + 1 : nspeech;
        dist[m] = fmin(distance_from(sums, dim, before, m + 1, centre), distance_from(sums, dim, m, after, centre));
        if (transcript[k])
            own[o++] = dist[m];
        m++;
    }
    if (rc == 0 && nown)
        rc = median_of(own, o, &typical);
    for (size_t k = 0, m = 0; rc == 0 && nown && typical > 0 && k < n; k++)
        if (speech[k]) {
            double r = dist[m++] / typical - own_reach;
            unlike[k] = r > 0 ? (float)r : 0.0f;
        }
    free(sums), free(dist), free(own), free(centre);
    return rc;
}
