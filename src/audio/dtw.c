/* dtw.c — banded, multi-resolution DTW with bit-packed directions; see dtw.h. */
#include "dtw.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

/* Two levels: 40 ms frames in a wide band, then 10 ms in a narrow one. A third, 160 ms
 * level blurred pauses away and put a sentence boundary 2 s off (dev en_flite) that the
 * narrow finer bands could not repair. */
enum { FACTOR = 4, LEVELS = 2, FINE_RADIUS = 8 };
enum { STEP_DIAG = 0, STEP_UP = 1, STEP_LEFT = 2 }; /* from (i-1,j-1), (i,j-1), (i-1,j) */

int dtw_downsample(const feature_seq *in, size_t factor, feature_seq *out, float **owned)
{
    size_t n = (in->n + factor - 1) / factor;
    float *v = calloc(n ? n * in->dim : 1, sizeof *v);
    if (!v)
        return error_nomem();
    for (size_t k = 0; k < n; k++) {
        size_t from = k * factor, to = from + factor < in->n ? from + factor : in->n;
        for (size_t t = from; t < to; t++)
            for (int d = 0; d < in->dim; d++)
                v[k * in->dim + d] += in->v[t * in->dim + d];
        for (int d = 0; d < in->dim; d++)
            v[k * in->dim + d] /= (float)(to - from);
    }
    *out = (feature_seq){v, n, in->dim};
    *owned = v;
    return 0;
}

float dtw_distance(const float *a, const float *b, int dim)
{
    float s = 0;
    for (int d = 0; d < dim; d++) {
        float x = a[d] - b[d];
        s += x * x;
    }
    return sqrtf(s);
}

double dtw_chance_distance(const feature_seq *a, const feature_seq *b)
{
    if (!a->n || !b->n)
        return 1;
    double sum = 0;
    unsigned seed = 12345;
    enum { SAMPLES = 4000 };
    for (int k = 0; k < SAMPLES; k++) {
        seed = seed * 1103515245u + 12345u;
        size_t x = (seed >> 8) % a->n;
        seed = seed * 1103515245u + 12345u;
        size_t y = (seed >> 8) % b->n;
        sum += dtw_distance(a->v + x * a->dim, b->v + y * b->dim, a->dim);
    }
    return sum / SAMPLES;
}

/* Make the windows [lo, hi) of consecutive rows nondecreasing and overlapping, so a
 * monotone path through them exists from (0,0) to (ncols-1, nrows-1). */
static void repair_windows(size_t *lo, size_t *hi, size_t nrows, size_t ncols)
{
    lo[0] = 0;
    hi[nrows - 1] = ncols;
    for (size_t j = 0; j < nrows; j++) {
        if (hi[j] > ncols)
            hi[j] = ncols;
        if (j && hi[j] < hi[j - 1])
            hi[j] = hi[j - 1];
    }
    for (size_t j = nrows; j-- > 0;) {
        if (j + 1 < nrows && lo[j] > lo[j + 1])
            lo[j] = lo[j + 1];
        if (j && lo[j] > hi[j - 1])
            lo[j] = hi[j - 1] ? hi[j - 1] - 1 : 0;
        if (lo[j] >= hi[j])
            lo[j] = hi[j] - 1;
    }
}

/* One DTW pass within the windows; fills col[]/cost[] per row. */
static int dtw_pass(const feature_seq *rows, const feature_seq *cols, const size_t *lo,
                    const size_t *hi, size_t *col, float *cost)
{
    size_t nrows = rows->n, ncols = cols->n;
    size_t *offset = malloc((nrows + 1) * sizeof *offset);
    if (!offset)
        return error_nomem();
    offset[0] = 0;
    for (size_t j = 0; j < nrows; j++)
        offset[j + 1] = offset[j] + (hi[j] - lo[j]);
    uint8_t *dir = calloc(offset[nrows] / 4 + 1, 1);
    double *prev = malloc((ncols + 1) * sizeof *prev), *cur = malloc((ncols + 1) * sizeof *cur);
    if (!dir || !prev || !cur) {
        free(offset);
        free(dir);
        free(prev);
        free(cur);
        return error_nomem();
    }
    /* prev/cur are indexed by column; only [lo, hi) of each row is valid */
    for (size_t j = 0; j < nrows; j++) {
        const float *r = rows->v + j * rows->dim;
        for (size_t i = lo[j]; i < hi[j]; i++) {
            double d = dtw_distance(r, cols->v + i * cols->dim, rows->dim);
            double best = DBL_MAX;
            int step = STEP_DIAG;
            if (j == 0 && i == 0)
                best = 0;
            if (j > 0 && i > 0 && i - 1 >= lo[j - 1] && i - 1 < hi[j - 1] && prev[i - 1] < best)
                best = prev[i - 1], step = STEP_DIAG;
            if (j > 0 && i >= lo[j - 1] && i < hi[j - 1] && prev[i] < best)
                best = prev[i], step = STEP_UP;
            if (i > lo[j] && cur[i - 1] < best)
                best = cur[i - 1], step = STEP_LEFT;
            cur[i] = best + d;
            size_t cell = offset[j] + (i - lo[j]);
            dir[cell / 4] |= (uint8_t)(step << (2 * (cell % 4)));
        }
        double *t = prev;
        prev = cur;
        cur = t;
    }
    /* trace back from the last cell, recording the first column of each row */
    size_t i = ncols - 1, j = nrows - 1;
    for (size_t k = 0; k < nrows; k++)
        cost[k] = 0;
    size_t *cells = calloc(nrows, sizeof *cells);
    if (!cells) {
        free(offset);
        free(dir);
        free(prev);
        free(cur);
        return error_nomem();
    }
    for (;;) {
        col[j] = i;
        cost[j] += dtw_distance(rows->v + j * rows->dim, cols->v + i * cols->dim, rows->dim);
        cells[j]++;
        if (i == 0 && j == 0)
            break;
        size_t cell = offset[j] + (i - lo[j]);
        int step = (dir[cell / 4] >> (2 * (cell % 4))) & 3;
        int diag_ok = j > 0 && i > 0 && i - 1 >= lo[j - 1] && i - 1 < hi[j - 1];
        int up_ok = j > 0 && i >= lo[j - 1] && i < hi[j - 1];
        int left_ok = i > lo[j];
        if (!((step == STEP_DIAG && diag_ok) || (step == STEP_UP && up_ok) || (step == STEP_LEFT && left_ok)))
            step = diag_ok ? STEP_DIAG : up_ok ? STEP_UP : STEP_LEFT; /* an unreachable cell: any way back */
        if (step == STEP_DIAG)
            i--, j--;
        else if (step == STEP_UP)
            j--;
        else
            i--;
    }
    for (size_t k = 0; k < nrows; k++)
        cost[k] /= cells[k] ? (float)cells[k] : 1.0f;
    free(cells);
    free(offset);
    free(dir);
    free(prev);
    free(cur);
    return 0;
}

/* Windows for `rows` from the path one level coarser (col_coarse over rows/FACTOR). */
static void windows_from_coarse(const size_t *col_coarse, size_t ncoarse, size_t nrows, size_t ncols, size_t *lo,
                                size_t *hi)
{
    for (size_t j = 0; j < nrows; j++) {
        size_t c = j / FACTOR;
        size_t a = c > 0 ? c - 1 : c, b = c + 1 < ncoarse ? c + 1 : c;
        size_t from = col_coarse[a] * FACTOR, to = (col_coarse[b] + 1) * FACTOR;
        lo[j] = from > FINE_RADIUS ? from - FINE_RADIUS : 0;
        hi[j] = to + FINE_RADIUS;
    }
    repair_windows(lo, hi, nrows, ncols);
}

int dtw_align(const feature_seq *rows, const feature_seq *cols, double band_seconds, dtw_path *out)
{
    *out = (dtw_path){0};
    if (rows->n == 0 || cols->n == 0)
        return error_set(ERR_DATA, _("nothing to align: no speech frames"));
    feature_seq r[LEVELS], c[LEVELS];
    float *owned[2 * LEVELS] = {0};
    r[0] = *rows;
    c[0] = *cols;
    int rc = 0, levels = 1;
    for (; levels < LEVELS && rc == 0 && r[levels - 1].n >= 4 * FACTOR && c[levels - 1].n >= 4 * FACTOR; levels++) {
        rc = dtw_downsample(&r[levels - 1], FACTOR, &r[levels], &owned[2 * levels]);
        if (rc == 0)
            rc = dtw_downsample(&c[levels - 1], FACTOR, &c[levels], &owned[2 * levels + 1]);
    }
    size_t *col = NULL;
    float *cost = NULL;
    size_t scale = 1;
    for (int l = 1; l < levels; l++)
        scale *= FACTOR;
    for (int l = levels - 1; l >= 0 && rc == 0; l--, scale /= FACTOR) {
        size_t nr = r[l].n, nc = c[l].n;
        size_t *nlo = malloc(nr * sizeof *nlo), *nhi = malloc(nr * sizeof *nhi), *ncol = malloc(nr * sizeof *ncol);
        float *ncost = malloc(nr * sizeof *ncost);
        if (!nlo || !nhi || !ncol || !ncost) {
            free(nlo), free(nhi), free(ncol), free(ncost);
            rc = error_nomem();
            break;
        }
        if (l == levels - 1) {
            double half = band_seconds * 100.0 / (double)scale + 2;
            for (size_t j = 0; j < nr; j++) {
                double centre = nr > 1 ? (double)j * (nc - 1) / (nr - 1) : 0;
                nlo[j] = centre > half ? (size_t)(centre - half) : 0;
                nhi[j] = (size_t)(centre + half) + 1;
            }
            repair_windows(nlo, nhi, nr, nc);
        } else {
            windows_from_coarse(col, r[l + 1].n, nr, nc, nlo, nhi);
        }
        rc = dtw_pass(&r[l], &c[l], nlo, nhi, ncol, ncost);
        free(col), free(cost), free(nlo), free(nhi);
        col = ncol;
        cost = ncost;
    }
    for (int k = 0; k < 2 * LEVELS; k++)
        free(owned[k]);
    if (rc < 0) {
        free(col);
        free(cost);
        return rc;
    }
    out->col = col;
    out->cost = cost;
    return 0;
}

void dtw_path_free(dtw_path *p)
{
    free(p->col);
    free(p->cost);
    *p = (dtw_path){0};
}
