/* dp.c — banded bead DP with a backward pass for confidences; see dp.h. */
#include "dp.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

const bead_shape align_shapes[] = {
    {1, 1}, {0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 2}, {1, 3}, {3, 1}, {1, 4}, {4, 1}, {2, 3}, {3, 2}, {1, 5}, {5, 1},
};
const size_t align_nshapes = sizeof align_shapes / sizeof align_shapes[0];

enum { NO_SHAPE = 255 };

int align_shape_index(size_t di, size_t dj)
{
    for (size_t s = 0; s < align_nshapes; s++)
        if (align_shapes[s].di == di && align_shapes[s].dj == dj)
            return (int)s;
    return -1;
}

int band_full(dp_band *b, size_t n, size_t m)
{
    b->n = n;
    b->m = m;
    b->lo = malloc((n + 1) * sizeof *b->lo);
    b->hi = malloc((n + 1) * sizeof *b->hi);
    if (!b->lo || !b->hi) {
        band_free(b);
        return error_nomem();
    }
    for (size_t i = 0; i <= n; i++) {
        b->lo[i] = 0;
        b->hi[i] = m;
    }
    return 0;
}

void band_free(dp_band *b)
{
    free(b->lo);
    free(b->hi);
    b->lo = b->hi = NULL;
}

/* Cells of the band, row by row: cell (i, j) is at row_start[i] + j - lo[i]. */
typedef struct {
    const dp_band *band;
    size_t *row_start;
    size_t cells;
} band_index;

static int index_band(const dp_band *b, band_index *ix)
{
    ix->band = b;
    ix->row_start = malloc((b->n + 2) * sizeof *ix->row_start);
    if (!ix->row_start)
        return error_nomem();
    size_t c = 0;
    for (size_t i = 0; i <= b->n; i++) {
        ix->row_start[i] = c;
        c += b->hi[i] >= b->lo[i] ? b->hi[i] - b->lo[i] + 1 : 0;
    }
    ix->row_start[b->n + 1] = c;
    ix->cells = c;
    return 0;
}

/* Cell number of (i, j), or SIZE_MAX outside the band. */
static inline size_t cell(const band_index *ix, size_t i, size_t j)
{
    const dp_band *b = ix->band;
    if (i > b->n || j < b->lo[i] || j > b->hi[i])
        return SIZE_MAX;
    return ix->row_start[i] + (j - b->lo[i]);
}

/* Bead costs kept from the forward pass for the backward one, by start cell and shape:
 * the backward pass and the confidences ask for the same beads again, and a bead's cost
 * (a sum of scorers) is most of the time. NaN: not computed. Only when it fits in
 * COST_CACHE_MAX bytes; long documents recompute. */
enum { COST_CACHE_MAX = 64 << 20 };

typedef struct {
    float *v;       /* [cells × max_shapes] or NULL */
    size_t shapes;
} cost_cache;

static double cached_cost(const cost_cache *cc, size_t c, size_t s, bead_cost_fn cost, void *ctx, size_t i,
                          size_t j)
{
    if (cc->v) {
        float *slot = &cc->v[c * cc->shapes + s];
        if (isnan(*slot))
            *slot = (float)cost(ctx, i, align_shapes[s].di, j, align_shapes[s].dj);
        return *slot;
    }
    return cost(ctx, i, align_shapes[s].di, j, align_shapes[s].dj);
}

/* backward[c]: cost of the best path from node c to (n, m) */
static void backward_pass(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx,
                          size_t max_shapes, float *backward)
{
    const dp_band *b = ix->band;
    for (size_t i = b->n + 1; i-- > 0;) {
        for (size_t j = b->hi[i] + 1; j-- > b->lo[i];) {
            size_t c = cell(ix, i, j);
            if (i == b->n && j == b->m) {
                backward[c] = 0;
                continue;
            }
            double best = INFINITY;
            for (size_t s = 0; s < max_shapes; s++) {
                size_t e = cell(ix, i + align_shapes[s].di, j + align_shapes[s].dj);
                if (e == SIZE_MAX || !isfinite(backward[e]))
                    continue;
                double v = backward[e] + cached_cost(cc, c, s, cost, ctx, i, j);
                if (v < best)
                    best = v;
            }
            backward[c] = (float)best;
        }
    }
}

static double confidence_at(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx,
                            size_t max_shapes, const float *backward, const bead *bd)
{
    size_t c = cell(ix, bd->i, bd->j);
    double chosen = INFINITY, sum = 0;
    double m[64];
    size_t k = 0;
    for (size_t s = 0; s < max_shapes && k < 64; s++) {
        size_t e = cell(ix, bd->i + align_shapes[s].di, bd->j + align_shapes[s].dj);
        if (e == SIZE_MAX || !isfinite(backward[e]))
            continue;
        double v = backward[e] + cached_cost(cc, c, s, cost, ctx, bd->i, bd->j);
        if (align_shapes[s].di == bd->di && align_shapes[s].dj == bd->dj)
            chosen = v;
        m[k++] = v;
    }
    if (!isfinite(chosen))
        return 0;
    for (size_t t = 0; t < k; t++)
        sum += exp(-(m[t] - chosen > 50 ? 50 : m[t] - chosen));
    return 1.0 / sum;
}

int dp_align(const dp_band *b, bead_cost_fn cost, void *ctx, size_t max_shapes, int confidence, bead **out,
             size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (max_shapes > align_nshapes)
        max_shapes = align_nshapes;
    band_index ix = {0};
    int rc = index_band(b, &ix);
    if (rc < 0)
        return rc;
    float *forward = malloc(ix.cells * sizeof *forward);
    uint8_t *back = malloc(ix.cells);
    cost_cache cc = {NULL, max_shapes};
    if (confidence && ix.cells <= COST_CACHE_MAX / sizeof(float) / (max_shapes ? max_shapes : 1) &&
        (cc.v = malloc(ix.cells * max_shapes * sizeof *cc.v)) != NULL)
        for (size_t k = 0; k < ix.cells * max_shapes; k++)
            cc.v[k] = NAN; /* without the cache, only slower */
    if (!forward || !back) {
        free(cc.v);
        free(forward);
        free(back);
        free(ix.row_start);
        return error_nomem();
    }
    for (size_t i = 0; i <= b->n; i++) {
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t c = cell(&ix, i, j);
            if (i == 0 && j == 0) {
                forward[c] = 0;
                back[c] = NO_SHAPE;
                continue;
            }
            double best = INFINITY;
            uint8_t arg = NO_SHAPE;
            for (size_t s = 0; s < max_shapes; s++) {
                size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
                if (di > i || dj > j)
                    continue;
                size_t p = cell(&ix, i - di, j - dj);
                if (p == SIZE_MAX || !isfinite(forward[p]))
                    continue;
                double bc = cost(ctx, i - di, di, j - dj, dj);
                if (cc.v)
                    cc.v[p * max_shapes + s] = (float)bc;
                double v = forward[p] + bc;
                if (v < best) {
                    best = v;
                    arg = (uint8_t)s;
                }
            }
            forward[c] = (float)best;
            back[c] = arg;
        }
    }
    size_t end = cell(&ix, b->n, b->m);
    if (end == SIZE_MAX || !isfinite(forward[end])) {
        free(cc.v);
        free(forward);
        free(back);
        free(ix.row_start);
        return -ERR_FAILED;
    }
    /* trace back */
    size_t count = 0;
    for (size_t i = b->n, j = b->m; i || j;) {
        const bead_shape *s = &align_shapes[back[cell(&ix, i, j)]];
        i -= s->di;
        j -= s->dj;
        count++;
    }
    bead *beads = malloc((count + 1) * sizeof *beads);
    if (!beads) {
        free(cc.v);
        free(forward);
        free(back);
        free(ix.row_start);
        return error_nomem();
    }
    size_t k = count;
    for (size_t i = b->n, j = b->m; i || j;) {
        const bead_shape *s = &align_shapes[back[cell(&ix, i, j)]];
        i -= s->di;
        j -= s->dj;
        beads[--k] = (bead){i, s->di, j, s->dj, 1.0};
    }
    free(back);
    if (confidence) {
        float *backward = forward; /* the forward costs are no longer needed */
        backward_pass(&ix, &cc, cost, ctx, max_shapes, backward);
        for (size_t t = 0; t < count; t++)
            beads[t].confidence = confidence_at(&ix, &cc, cost, ctx, max_shapes, backward, &beads[t]);
    }
    free(cc.v);
    free(forward);
    free(ix.row_start);
    *out = beads;
    *nout = count;
    return 0;
}
