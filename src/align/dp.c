/* dp.c — banded bead DP with a backward pass for confidences; see dp.h. Two sweeps over
 * the band, each computing a bead's cost once: forward (Viterbi and the inside sums at every
 * temperature the confidences use), backward (the outside sums, and each path bead's
 * evidence as soon as its rows are done). */
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

/* The temperatures of the passes behind the confidences: the posterior's (dp.h), the soft
 * posterior's, and one low enough for soft minima to be minima, the margin's (the best
 * path's cost). */
enum { AT_CONFIDENCE, AT_SOFT, AT_MARGIN, TEMPERATURES };
static const double temperature[TEMPERATURES] = {CONFIDENCE_TEMPERATURE, CONFIDENCE_SOFT_TEMPERATURE, 1e-6};

/* The rows of the band a sweep still looks at: a bead spans at most five rows, so the
 * recurrences of row i read rows i-5..i (or i..i+5) only, and a ring of six rows holds
 * them in O(band width) instead of O(n · band). In double precision: path costs grow with
 * the document (some 5 per bead), and a float's rounding at 100,000 beads (0.03) summed
 * over the path would leave no posterior standing at T = 1. */
enum { RING_ROWS = 6 };

typedef struct {
    const dp_band *band;
    size_t width;   /* the widest row */
    double *v;      /* RING_ROWS rows of `width` */
} row_ring;

static int ring_init(row_ring *r, const dp_band *b)
{
    r->band = b;
    r->width = 1;
    for (size_t i = 0; i <= b->n; i++)
        if (b->hi[i] >= b->lo[i] && b->hi[i] - b->lo[i] + 1 > r->width)
            r->width = b->hi[i] - b->lo[i] + 1;
    r->v = malloc(RING_ROWS * r->width * sizeof *r->v);
    return r->v ? 0 : error_nomem();
}

/* The ring's slot for node (i, j): the caller stays within RING_ROWS - 1 rows of the row
 * it fills. NULL outside the band. */
static inline double *ring_at(const row_ring *r, size_t i, size_t j)
{
    const dp_band *b = r->band;
    if (i > b->n || j < b->lo[i] || j > b->hi[i])
        return NULL;
    return &r->v[(i % RING_ROWS) * r->width + (j - b->lo[i])];
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

/* A bead's cost as the confidence passes take it: rounded to single precision, so that
 * the forward and the backward pass, which compute it apart, add exactly the same cost. */
static double in_single(double cost)
{
    return (float)cost;
}

static double pass_cost(bead_cost_fn cost, void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    return in_single(cost(ctx, i, di, j, dj));
}

/* The inside sums of every node, kept for the backward sweep: one float per node and
 * temperature (memory is O(n · band)), each relative to its row's lowest sum, kept in
 * double, so that a float's precision is spent on the differences within a row and not on
 * a path cost that grows with the document. */
typedef struct {
    float *v[TEMPERATURES];     /* per cell */
    double *base[TEMPERATURES]; /* per row */
    double *row[TEMPERATURES];  /* the row being computed, in full */
} inside_sums;

/* The inside sum at temperature t of cell c on row i, or INFINITY */
static inline double inside_at(const inside_sums *in, size_t t, size_t c, size_t i)
{
    return in->v[t][c] + in->base[t][i];
}

/* Store the row just computed (cells `first`.. of `width`), relative to its lowest sum. */
static void inside_store_row(inside_sums *in, size_t passes, size_t i, size_t first, size_t width)
{
    for (size_t t = 0; t < passes; t++) {
        double base = INFINITY;
        for (size_t k = 0; k < width; k++)
            if (in->row[t][k] < base)
                base = in->row[t][k];
        if (!isfinite(base))
            base = 0;
        in->base[t][i] = base;
        for (size_t k = 0; k < width; k++)
            in->v[t][first + k] = (float)(in->row[t][k] - base);
    }
}

/* The forward sweep, each bead's cost computed once for all its recurrences: Viterbi's
 * (the best cost to each node, in `best_to`; the shape of the best bead into it, in
 * `back`) and, for the first `passes` temperatures t, the inside one: the inside sum at
 * node c is the soft minimum over every path from (0, 0) to c of its cost, -t·log of the
 * total weight e^(-cost/t) of those paths. */
static void forward_sweep(const band_index *ix, bead_cost_fn cost, void *ctx, size_t max_shapes, row_ring *best_to,
                          uint8_t *back, size_t passes, inside_sums *inside)
{
    const dp_band *b = ix->band;
    for (size_t i = 0; i <= b->n; i++) {
        if (b->hi[i] < b->lo[i])
            continue;
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t c = cell(ix, i, j);
            double *here = ring_at(best_to, i, j);
            if (i == 0 && j == 0) {
                *here = 0;
                back[c] = NO_SHAPE;
                for (size_t t = 0; t < passes; t++)
                    inside->row[t][0] = 0;
                continue;
            }
            double best = INFINITY, soft[TEMPERATURES] = {INFINITY, INFINITY, INFINITY};
            uint8_t arg = NO_SHAPE;
            for (size_t s = 0; s < max_shapes; s++) {
                size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
                if (di > i || dj > j)
                    continue;
                size_t p = cell(ix, i - di, j - dj);
                if (p == SIZE_MAX)
                    continue;
                double from = *ring_at(best_to, i - di, j - dj);
                /* a node no path reaches has no finite soft minimum either */
                if (!isfinite(from) || !band_bead_allowed(b, i - di, di, j - dj, dj))
                    continue;
                double bc = cost(ctx, i - di, di, j - dj, dj);
                if (from + bc < best) {
                    best = from + bc;
                    arg = (uint8_t)s;
                }
                double single = in_single(bc);
                for (size_t t = 0; t < passes; t++) {
                    /* the row being computed is not stored yet: a 0-1 bead reads it in full */
                    double from_sum = di ? inside_at(inside, t, p, i - di) : inside->row[t][j - dj - b->lo[i]];
                    if (isfinite(from_sum))
                        soft[t] = soft_min(soft[t], from_sum + single, temperature[t]);
                }
            }
            *here = best;
            back[c] = arg;
            for (size_t t = 0; t < passes; t++)
                inside->row[t][j - b->lo[i]] = soft[t];
        }
        inside_store_row(inside, passes, i, ix->row_start[i], b->hi[i] - b->lo[i] + 1);
    }
}

/* What the outside sweep learns of one bead of the best path, before the total weight
 * of the paths is known (it is only at the sweep's end): -t·log of the weight of the
 * paths through the bead, through its start and end nodes, and the cost of the best
 * path through a rival bead. INFINITY: no such path. */
typedef struct {
    double through[TEMPERATURES];
    double start_node, end_node;    /* at the confidence's temperature */
    double rival[TEMPERATURES];     /* at the confidence's and the margin's */
} bead_sums;

/* inside + outside at node (i, j) for temperature t, or INFINITY */
static double node_sum(const band_index *ix, const inside_sums *inside, const row_ring outside[], size_t t, size_t i,
                       size_t j)
{
    size_t c = cell(ix, i, j);
    if (c == SIZE_MAX || !isfinite(inside_at(inside, t, c, i)) || !isfinite(*ring_at(&outside[t], i, j)))
        return INFINITY;
    return inside_at(inside, t, c, i) + *ring_at(&outside[t], i, j);
}

/* The sums of bead bd, every row its paths leave it for already in `outside`. Rivals:
 * the other beads that leave bd's start node or reach its end node. */
static void sum_bead(const band_index *ix, bead_cost_fn cost, void *ctx, size_t max_shapes, size_t passes,
                     const inside_sums *inside, const row_ring outside[], const dp_bead *bd, bead_sums *sum)
{
    const dp_band *b = ix->band;
    size_t ei = bd->i + bd->di, ej = bd->j + bd->dj;
    size_t c = cell(ix, bd->i, bd->j), e = cell(ix, ei, ej);
    for (size_t t = 0; t < TEMPERATURES; t++)
        sum->through[t] = sum->rival[t] = INFINITY;
    if (c != SIZE_MAX && e != SIZE_MAX && align_shape_index(bd->di, bd->dj) >= 0) {
        double bc = pass_cost(cost, ctx, bd->i, bd->di, bd->j, bd->dj);
        for (size_t t = 0; t < passes; t++)
            sum->through[t] = inside_at(inside, t, c, bd->i) + bc + *ring_at(&outside[t], ei, ej);
    }
    sum->start_node = node_sum(ix, inside, outside, AT_CONFIDENCE, bd->i, bd->j);
    sum->end_node = node_sum(ix, inside, outside, AT_CONFIDENCE, ei, ej);
    if (passes < TEMPERATURES)
        return;
    for (size_t s = 0; s < max_shapes; s++) {
        size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
        if (di == bd->di && dj == bd->dj)
            continue;
        for (int end = 0; end < 2; end++) {
            if (end && (di > ei || dj > ej))
                continue;
            size_t i = end ? ei - di : bd->i, j = end ? ej - dj : bd->j;
            size_t rc = cell(ix, i, j), re = cell(ix, i + di, j + dj);
            if (rc == SIZE_MAX || re == SIZE_MAX || !band_bead_allowed(b, i, di, j, dj))
                continue;
            double rival_cost = NAN;
            static const size_t rival_temperatures[] = {AT_CONFIDENCE, AT_MARGIN};
            for (size_t k = 0; k < 2; k++) {
                size_t t = rival_temperatures[k];
                double out = *ring_at(&outside[t], i + di, j + dj), in = inside_at(inside, t, rc, i);
                if (!isfinite(in) || !isfinite(out))
                    continue;
                if (isnan(rival_cost))
                    rival_cost = pass_cost(cost, ctx, i, di, j, dj);
                double through = in + rival_cost + out;
                if (through < sum->rival[t])
                    sum->rival[t] = through;
            }
        }
    }
}

/* The backward sweep: for the first `passes` temperatures, the outside recurrence
 * (outside[t] at node c: the same soft minimum over every path from c to (n, m)), and the
 * sums of each bead of the best path as soon as the rows it needs are in the ring. */
static void outside_sweep(const band_index *ix, bead_cost_fn cost, void *ctx, size_t max_shapes, size_t passes,
                          const inside_sums *inside, row_ring outside[], const dp_bead *beads, size_t nbeads,
                          bead_sums *sums)
{
    const dp_band *b = ix->band;
    size_t k = nbeads; /* path order: the beads starting on row i are the last ones not summed */
    for (size_t i = b->n + 1; i-- > 0;) {
        for (size_t j = b->hi[i] + 1; j-- > b->lo[i];) {
            if (i == b->n && j == b->m) {
                for (size_t t = 0; t < passes; t++)
                    *ring_at(&outside[t], i, j) = 0;
                continue;
            }
            double soft[TEMPERATURES] = {INFINITY, INFINITY, INFINITY};
            for (size_t s = 0; s < max_shapes; s++) {
                size_t di = align_shapes[s].di, dj = align_shapes[s].dj;
                /* a node from which no path goes on has no finite soft minimum at any temperature */
                if (cell(ix, i + di, j + dj) == SIZE_MAX || !isfinite(*ring_at(&outside[0], i + di, j + dj)) ||
                    !band_bead_allowed(b, i, di, j, dj))
                    continue;
                double bc = pass_cost(cost, ctx, i, di, j, dj);
                for (size_t t = 0; t < passes; t++) {
                    double out = *ring_at(&outside[t], i + di, j + dj);
                    if (isfinite(out))
                        soft[t] = soft_min(soft[t], out + bc, temperature[t]);
                }
            }
            for (size_t t = 0; t < passes; t++)
                *ring_at(&outside[t], i, j) = soft[t];
        }
        while (k > 0 && beads[k - 1].i == i) {
            k--;
            sum_bead(ix, cost, ctx, max_shapes, passes, inside, outside, &beads[k], &sums[k]);
        }
    }
}

/* e^(-(sum - total)/t), the share of the total weight a sum of paths carries */
static double share(double sum, double total, double t)
{
    if (!isfinite(total) || !isfinite(sum))
        return 0;
    double p = exp(-(sum - total) / t);
    return p > 1 ? 1 : p; /* float rounding */
}

/* The lowest excess cost of a rival's paths over the best path's, from the rival's sum */
static double excess(double rival, double total)
{
    double best = rival == INFINITY ? INFINITY : rival - total;
    return best < 0 ? 0 : best;
}

/* The confidences (and with `ev`, the evidence) of the path's beads from their sums. */
static void path_confidences(const double total[TEMPERATURES], const bead_sums *sums, dp_bead *beads, size_t n,
                             bead_evidence *ev)
{
    for (size_t k = 0; k < n; k++) {
        const bead_sums *s = &sums[k];
        const double t = temperature[AT_CONFIDENCE];
        beads[k].confidence = share(s->through[AT_CONFIDENCE], total[AT_CONFIDENCE], t);
        if (ev)
            ev[k] = (bead_evidence){beads[k].confidence,
                                    share(s->start_node, total[AT_CONFIDENCE], t),
                                    share(s->end_node, total[AT_CONFIDENCE], t),
                                    exp(-excess(s->rival[AT_CONFIDENCE], total[AT_CONFIDENCE]) / t),
                                    share(s->through[AT_SOFT], total[AT_SOFT], temperature[AT_SOFT]),
                                    excess(s->rival[AT_MARGIN], total[AT_MARGIN])};
    }
}

/* The buffers of one dp_align call */
typedef struct {
    band_index ix;
    row_ring best_to, outside[TEMPERATURES];
    uint8_t *back;
    inside_sums inside;
    bead_sums *sums;
} dp_work;

static void work_free(dp_work *w)
{
    free(w->ix.row_start);
    free(w->best_to.v);
    free(w->back);
    free(w->sums);
    for (size_t t = 0; t < TEMPERATURES; t++) {
        free(w->inside.v[t]);
        free(w->inside.base[t]);
        free(w->inside.row[t]);
        free(w->outside[t].v);
    }
}

/* The path's beads from the back pointers, into a new array. */
static int trace_back(const dp_work *w, dp_bead **out, size_t *nout)
{
    const dp_band *b = w->ix.band;
    size_t count = 0;
    for (size_t i = b->n, j = b->m; i || j; count++) {
        const bead_shape *s = &align_shapes[w->back[cell(&w->ix, i, j)]];
        i -= s->di;
        j -= s->dj;
    }
    dp_bead *beads = malloc((count + 1) * sizeof *beads);
    if (!beads)
        return error_nomem();
    size_t k = count;
    for (size_t i = b->n, j = b->m; i || j;) {
        const bead_shape *s = &align_shapes[w->back[cell(&w->ix, i, j)]];
        i -= s->di;
        j -= s->dj;
        beads[--k] = (dp_bead){i, s->di, j, s->dj, 1.0};
    }
    *out = beads;
    *nout = count;
    return 0;
}

int dp_align(const dp_band *b, bead_cost_fn cost, void *ctx, size_t max_shapes, int confidence, dp_bead **out,
             size_t *nout, bead_evidence **evidence)
{
    *out = NULL;
    *nout = 0;
    if (evidence)
        *evidence = NULL;
    if (max_shapes > align_nshapes)
        max_shapes = align_nshapes;
    size_t passes = !confidence ? 0 : evidence ? TEMPERATURES : 1;
    dp_work w = {0};
    int rc = index_band(b, &w.ix);
    if (rc == 0)
        rc = ring_init(&w.best_to, b);
    if (rc == 0 && !(w.back = malloc(w.ix.cells)))
        rc = error_nomem();
    for (size_t t = 0; rc == 0 && t < passes; t++) {
        w.inside.v[t] = malloc(w.ix.cells * sizeof *w.inside.v[t]);
        w.inside.base[t] = malloc((b->n + 1) * sizeof *w.inside.base[t]);
        w.inside.row[t] = malloc(w.best_to.width * sizeof *w.inside.row[t]);
        if (!w.inside.v[t] || !w.inside.base[t] || !w.inside.row[t])
            rc = error_nomem();
        else
            rc = ring_init(&w.outside[t], b);
    }
    if (rc < 0) {
        work_free(&w);
        return rc;
    }
    forward_sweep(&w.ix, cost, ctx, max_shapes, &w.best_to, w.back, passes, &w.inside);
    const double *end = ring_at(&w.best_to, b->n, b->m);
    if (!end || !isfinite(*end)) {
        work_free(&w);
        return -ERR_FAILED;
    }
    dp_bead *beads = NULL;
    size_t count = 0;
    rc = trace_back(&w, &beads, &count);
    bead_evidence *ev = NULL;
    if (rc == 0 && confidence) {
        w.sums = malloc((count + 1) * sizeof *w.sums);
        ev = evidence ? malloc((count + 1) * sizeof *ev) : NULL;
        if (!w.sums || (evidence && !ev)) {
            rc = error_nomem();
        } else {
            outside_sweep(&w.ix, cost, ctx, max_shapes, passes, &w.inside, w.outside, beads, count, w.sums);
            double total[TEMPERATURES] = {INFINITY, INFINITY, INFINITY};
            for (size_t t = 0; t < passes; t++)
                total[t] = *ring_at(&w.outside[t], 0, 0);
            path_confidences(total, w.sums, beads, count, ev);
        }
    }
    work_free(&w);
    if (rc < 0) {
        free(beads);
        free(ev);
        return rc;
    }
    if (evidence)
        *evidence = ev;
    *out = beads;
    *nout = count;
    return 0;
}
