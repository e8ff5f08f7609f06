/* vad.c — adaptive energy speech detection; see vad.h. */
#include "vad.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

enum { BRIDGE_FRAMES = 12, MIN_SPEECH_FRAMES = 6 }; /* 120 ms dips bridged, 60 ms blips dropped */

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Runs of `value` shorter than `shortest` frames, not touching the ends, are flipped. */
static void drop_short_runs(unsigned char *v, size_t n, unsigned char value, size_t shortest)
{
    for (size_t k = 0; k < n;) {
        size_t end = k;
        while (end < n && v[end] == v[k])
            end++;
        if (v[k] == value && k > 0 && end < n && end - k < shortest)
            memset(v + k, !value, end - k);
        k = end;
    }
}

int vad_levels_of(const float *energy, size_t n, vad_levels *levels)
{
    *levels = (vad_levels){0};
    if (n == 0)
        return 0;
    float *sorted = malloc(n * sizeof *sorted);
    if (!sorted)
        return error_nomem();
    memcpy(sorted, energy, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_value);
    levels->floor_db = sorted[n / 10];
    levels->speech_db = sorted[n - 1 - n / 20];
    free(sorted);
    float span = levels->speech_db - levels->floor_db;
    const float share = 0.3f; /* 0.2 and 0.25 tied on dev and dev-hard and lost one rms sentence */
    levels->threshold_db = levels->floor_db + (span > 20 ? share * span : span / 2 > 3 ? span / 2 : 3);
    return 0;
}

int vad_detect(const float *energy, size_t n, unsigned char *speech, vad_levels *levels)
{
    int rc = vad_levels_of(energy, n, levels);
    if (rc < 0 || n == 0)
        return rc;
    for (size_t k = 0; k < n; k++)
        speech[k] = energy[k] > levels->threshold_db;
    drop_short_runs(speech, n, 0, BRIDGE_FRAMES);
    drop_short_runs(speech, n, 1, MIN_SPEECH_FRAMES);
    return 0;
}
