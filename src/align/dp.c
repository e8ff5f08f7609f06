/* dp.c — banded bead DP with a backward pass for confidences; see dp.h. */
#include "dp.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "weights.h"

const bead_shape align_shapes[] = {
    {1, 1}, {0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 2}, {1, 3}, {3, 1}, {1, 4}, {4, 1}, {2, 3}, {3, 2}, {1, 5}, {5, 1},
};
const size_t align_nshapes = sizeof align_shapes / sizeof align_shapes[0];

enum { NO_SHAPE = 255 };

/* A temperature low enough for soft minima to be minima: the best path's cost */
#define MARGIN_TEMPERATURE 1e-6

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
    b->forced = NULL;
    b->nforced = 0;
    return 0;
}

void band_force(dp_band *b, const dp_node *nodes, size_t n)
{
    b->forced = n ? nodes : NULL;
    b->nforced = n;
    /* row i has passed the nodes above it (its columns start at the last one's) and not
     * reached those below (its columns end at the first one's); the nodes on the row are
     * between the two and always in the band */
    for (size_t i = 0, k = 0; i <= b->n; i++) {
        while (k < n && nodes[k].i < i)
            k++;
        size_t on = k;
        while (on < n && nodes[on].i == i)
            on++;
        size_t lo = k ? nodes[k - 1].j : 0, hi = on < n ? nodes[on].j : b->m;
        if (b->lo[i] < lo)
            b->lo[i] = lo;
        if (b->hi[i] > hi)
            b->hi[i] = hi;
        for (size_t f = k; f < on; f++) {
            if (b->lo[i] > nodes[f].j)
                b->lo[i] = nodes[f].j;
            if (b->hi[i] < nodes[f].j)
                b->hi[i] = nodes[f].j;
        }
    }
}

/* The number of forced nodes f with f.i <= i and f.j <= j: a prefix of the chain. */
static size_t forced_at_or_before(const dp_band *b, size_t i, size_t j)
{
    size_t lo = 0, hi = b->nforced;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->forced[mid].i <= i && b->forced[mid].j <= j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The number of forced nodes f with f.i >= i and f.j >= j: a suffix of the chain. */
static size_t forced_at_or_after(const dp_band *b, size_t i, size_t j)
{
    size_t lo = 0, hi = b->nforced;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->forced[mid].i >= i && b->forced[mid].j >= j)
            hi = mid;
        else
            lo = mid + 1;
    }
    return b->nforced - lo;
}

int band_bead_allowed(const dp_band *b, size_t i, size_t di, size_t j, size_t dj)
{
    if (!b->nforced)
        return 1;
    /* every node lies before the bead's end's region or after its start */
    return forced_at_or_before(b, i, j) + forced_at_or_after(b, i + di, j + dj) >= b->nforced;
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

/* -T·log(e^(-a/T) + e^(-b/T)): the soft minimum of two path costs at temperature T */
static double soft_min(double a, double b, double t)
{
    if (!isfinite(a))
        return b;
    if (!isfinite(b))
        return a;
    double lo = a < b ? a : b, hi = a < b ? b : a;
    return lo - t * log1p(exp(-(hi - lo) / t));
}

/* inside[c]: soft minimum (temperature t) over every path from (0, 0) to node c of its cost,
 * that is -t·log of the total weight e^(-cost/t) of those paths */
static void inside_pass(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx, size_t max_shapes,
                        double t, float *inside)
{
    const dp_band *b = ix->band;
    for (size_t i = 0; i <= b->n; i++) {
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t c = cell(ix, i, j);
            if (i == 0 && j == 0) {
                inside[c] = 0;
                continue;
            }
            double v = INFINITY;
            for (size_t s = 0; s < max_shapes; s++) {
                size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
                if (di > i || dj > j)
                    continue;
                size_t p = cell(ix, i - di, j - dj);
                if (p == SIZE_MAX || !isfinite(inside[p]) || !band_bead_allowed(b, i - di, di, j - dj, dj))
                    continue;
                v = soft_min(v, inside[p] + cached_cost(cc, p, s, cost, ctx, i - di, j - dj), t);
            }
            inside[c] = (float)v;
        }
    }
}

/* outside[c]: the same over every path from node c to (n, m) */
static void outside_pass(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx,
                         size_t max_shapes, double t, float *outside)
{
    const dp_band *b = ix->band;
    for (size_t i = b->n + 1; i-- > 0;) {
        for (size_t j = b->hi[i] + 1; j-- > b->lo[i];) {
            size_t c = cell(ix, i, j);
            if (i == b->n && j == b->m) {
                outside[c] = 0;
                continue;
            }
            double v = INFINITY;
            for (size_t s = 0; s < max_shapes; s++) {
                size_t e = cell(ix, i + align_shapes[s].di, j + align_shapes[s].dj);
                if (e == SIZE_MAX || !isfinite(outside[e]) ||
                    !band_bead_allowed(b, i, align_shapes[s].di, j, align_shapes[s].dj))
                    continue;
                v = soft_min(v, outside[e] + cached_cost(cc, c, s, cost, ctx, i, j), t);
            }
            outside[c] = (float)v;
        }
    }
}

/* The posterior probability of bead bd: the weight of the paths through it over the
 * weight of all paths, every path weighing e^(-cost/t). */
static double posterior(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx, double t,
                        const float *inside, const float *outside, const bead *bd)
{
    size_t c = cell(ix, bd->i, bd->j), e = cell(ix, bd->i + bd->di, bd->j + bd->dj);
    int s = align_shape_index(bd->di, bd->dj);
    double total = outside[cell(ix, 0, 0)];
    if (c == SIZE_MAX || e == SIZE_MAX || s < 0 || !isfinite(total))
        return 0;
    double through = inside[c] + cached_cost(cc, c, (size_t)s, cost, ctx, bd->i, bd->j) + outside[e];
    double p = exp(-(through - total) / t);
    return p > 1 ? 1 : p; /* float rounding */
}

/* The posterior probability of passing through node (i, j). */
static double node_posterior(const band_index *ix, double t, const float *inside, const float *outside, size_t i,
                             size_t j)
{
    size_t c = cell(ix, i, j);
    double total = outside[cell(ix, 0, 0)];
    if (c == SIZE_MAX || !isfinite(total) || !isfinite(inside[c]) || !isfinite(outside[c]))
        return 0;
    double p = exp(-(inside[c] + outside[c] - total) / t);
    return p > 1 ? 1 : p;
}

/* The lowest excess cost, over the best path's, of the paths through another bead that
 * leaves bd's start node or reaches its end node (at temperature t: soft minima). */
static double rival_excess(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx,
                           size_t max_shapes, const float *inside, const float *outside, const bead *bd)
{
    const dp_band *b = ix->band;
    double total = outside[cell(ix, 0, 0)], best = INFINITY;
    size_t ei = bd->i + bd->di, ej = bd->j + bd->dj;
    for (size_t s = 0; s < max_shapes; s++) {
        size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
        if (di == bd->di && dj == bd->dj)
            continue;
        for (int end = 0; end < 2; end++) {
            if (end && (di > ei || dj > ej))
                continue;
            size_t i = end ? ei - di : bd->i, j = end ? ej - dj : bd->j;
            size_t c = cell(ix, i, j), e = cell(ix, i + di, j + dj);
            if (c == SIZE_MAX || e == SIZE_MAX || !isfinite(inside[c]) || !isfinite(outside[e]) ||
                !band_bead_allowed(b, i, di, j, dj))
                continue;
            double through = inside[c] + cached_cost(cc, c, s, cost, ctx, i, j) + outside[e] - total;
            if (through < best)
                best = through;
        }
    }
    return best < 0 ? 0 : best;
}

/* Inside and outside passes at temperature t into the two arrays. */
static void passes(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx, size_t max_shapes,
                   double t, float *inside, float *outside)
{
    inside_pass(ix, cc, cost, ctx, max_shapes, t, inside);
    outside_pass(ix, cc, cost, ctx, max_shapes, t, outside);
}

/* The evidence of the path's beads (dp.h), the passes at CONFIDENCE_TEMPERATURE already
 * in the arrays; the arrays are reused for the other temperatures. */
static void path_evidence(const band_index *ix, const cost_cache *cc, bead_cost_fn cost, void *ctx,
                          size_t max_shapes, float *inside, float *outside, const bead *beads, size_t n,
                          bead_evidence *ev)
{
    const double t = CONFIDENCE_TEMPERATURE;
    for (size_t k = 0; k < n; k++) {
        const bead *bd = &beads[k];
        ev[k] = (bead_evidence){bd->confidence, node_posterior(ix, t, inside, outside, bd->i, bd->j),
                                node_posterior(ix, t, inside, outside, bd->i + bd->di, bd->j + bd->dj),
                                exp(-rival_excess(ix, cc, cost, ctx, max_shapes, inside, outside, bd) / t), 0, 0};
    }
    passes(ix, cc, cost, ctx, max_shapes, CONFIDENCE_SOFT_TEMPERATURE, inside, outside);
    for (size_t k = 0; k < n; k++)
        ev[k].soft_posterior =
            posterior(ix, cc, cost, ctx, CONFIDENCE_SOFT_TEMPERATURE, inside, outside, &beads[k]);
    passes(ix, cc, cost, ctx, max_shapes, MARGIN_TEMPERATURE, inside, outside);
    for (size_t k = 0; k < n; k++)
        ev[k].margin = rival_excess(ix, cc, cost, ctx, max_shapes, inside, outside, &beads[k]);
}

int dp_align(const dp_band *b, bead_cost_fn cost, void *ctx, size_t max_shapes, int confidence, bead **out,
             size_t *nout, bead_evidence **evidence)
{
    *out = NULL;
    *nout = 0;
    if (evidence)
        *evidence = NULL;
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
                if (p == SIZE_MAX || !isfinite(forward[p]) || !band_bead_allowed(b, i - di, di, j - dj, dj))
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
        /* the Viterbi costs are no longer needed: their array holds the inside costs */
        float *inside = forward, *outside = malloc(ix.cells * sizeof *outside);
        if (!outside) {
            free(beads);
            free(cc.v);
            free(forward);
            free(ix.row_start);
            return error_nomem();
        }
        inside_pass(&ix, &cc, cost, ctx, max_shapes, CONFIDENCE_TEMPERATURE, inside);
        outside_pass(&ix, &cc, cost, ctx, max_shapes, CONFIDENCE_TEMPERATURE, outside);
        for (size_t t = 0; t < count; t++)
            beads[t].confidence =
                posterior(&ix, &cc, cost, ctx, CONFIDENCE_TEMPERATURE, inside, outside, &beads[t]);
        bead_evidence *ev = evidence ? malloc((count + 1) * sizeof *ev) : NULL;
        if (evidence && !ev) {
            free(outside);
            free(beads);
            free(cc.v);
            free(forward);
            free(ix.row_start);
            return error_nomem();
        }
        if (ev) {
            path_evidence(&ix, &cc, cost, ctx, max_shapes, inside, outside, beads, count, ev);
            *evidence = ev;
        }
        free(outside);
    }
    free(cc.v);
    free(forward);
    free(ix.row_start);
    *out = beads;
    *nout = count;
    return 0;
}
