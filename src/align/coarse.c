/* coarse.c — coarse-to-fine band construction; see coarse.h. */
#include "coarse.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "scorer.h"

enum {
    FULL_CELLS = 20000,     /* n·m up to this is aligned in full */
    HALO = 6,               /* sentences added on each side of the projected path */
    COARSE_SHAPES = 6       /* 1-1, 0-1, 1-0, 1-2, 2-1, 2-2 at coarse levels */
};

typedef struct {
    const uint32_t *src, *tgt;
    double ratio, variance;
    double skip_cost;       /* -log P(0-1 or 1-0) */
} coarse_ctx;

static double coarse_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    const coarse_ctx *c = ctx;
    double ls = 0, lt = 0;
    for (size_t k = i; k < i + di; k++)
        ls += c->src[k];
    for (size_t k = j; k < j + dj; k++)
        lt += c->tgt[k];
    double shape = di == 1 && dj == 1 ? 0.12 : (di == 0 || dj == 0) ? c->skip_cost : 2.5;
    return shape + length_cost_gc(ls, lt, c->ratio, c->variance);
}

static uint32_t *halve(const uint32_t *v, size_t n, size_t *out_n)
{
    *out_n = (n + 1) / 2;
    uint32_t *h = malloc((*out_n + 1) * sizeof *h);
    if (!h)
        return NULL;
    for (size_t k = 0; k < *out_n; k++)
        h[k] = v[2 * k] + (2 * k + 1 < n ? v[2 * k + 1] : 0);
    return h;
}

/* Fine band from a coarse path: each coarse bead's rectangle, doubled, plus HALO. */
static int project(const dp_bead *path, size_t count, size_t n, size_t m, dp_band *out)
{
    out->n = n;
    out->m = m;
    out->lo = malloc((n + 1) * sizeof *out->lo);
    out->hi = malloc((n + 1) * sizeof *out->hi);
    if (!out->lo || !out->hi) {
        band_free(out);
        return error_nomem();
    }
    for (size_t i = 0; i <= n; i++) {
        out->lo[i] = m;
        out->hi[i] = 0;
    }
    for (size_t k = 0; k < count; k++) {
        size_t r0 = 2 * path[k].i, r1 = 2 * (path[k].i + path[k].di);
        size_t c0 = 2 * path[k].j, c1 = 2 * (path[k].j + path[k].dj);
        r1 = r1 > n ? n : r1;
        c1 = c1 > m ? m : c1;
        c0 = c0 > m ? m : c0;
        size_t lo = c0 > HALO ? c0 - HALO : 0, hi = c1 + HALO > m ? m : c1 + HALO;
        size_t rlo = r0 > HALO ? r0 - HALO : 0, rhi = r1 + HALO > n ? n : r1 + HALO;
        for (size_t r = rlo; r <= rhi; r++) {
            if (lo < out->lo[r])
                out->lo[r] = lo;
            if (hi > out->hi[r])
                out->hi[r] = hi;
        }
    }
    out->lo[0] = 0;
    out->hi[n] = m;
    return 0;
}

int coarse_band(const uint32_t *src, size_t n, const uint32_t *tgt, size_t m, double ratio, double variance,
                dp_band *out)
{
    memset(out, 0, sizeof *out);
    if ((double)(n + 1) * (double)(m + 1) <= FULL_CELLS || n < 4 || m < 4)
        return band_full(out, n, m);
    size_t hn, hm;
    uint32_t *hs = halve(src, n, &hn), *ht = halve(tgt, m, &hm);
    dp_band coarse = {0};
    int rc = hs && ht ? coarse_band(hs, hn, ht, hm, ratio, variance * 2, &coarse)
                      : error_nomem();
    dp_bead *path = NULL;
    size_t count = 0;
    coarse_ctx ctx = {hs, ht, ratio, variance * 2, 6.0};
    for (int tries = 0; rc == 0; tries++) {
        rc = dp_align(&coarse, coarse_cost, &ctx, COARSE_SHAPES, 0, &path, &count, NULL);
        if (rc != -ERR_FAILED || tries == 3)
            break;
        rc = band_widen(&coarse, 16 << tries);
    }
    if (rc == 0)
        rc = project(path, count, n, m, out);
    free(path);
    band_free(&coarse);
    free(hs);
    free(ht);
    return rc;
}

int band_widen(dp_band *b, size_t extra)
{
    for (size_t i = 0; i <= b->n; i++) {
        b->lo[i] = b->lo[i] > extra ? b->lo[i] - extra : 0;
        b->hi[i] = b->hi[i] + extra > b->m ? b->m : b->hi[i] + extra;
    }
    if (b->nforced)
        band_force(b, b->forced, b->nforced);
    return 0;
}

int coarse_band_forced(const uint32_t *src, size_t n, const uint32_t *tgt, size_t m, double ratio, double variance,
                       const dp_node *nodes, size_t nnodes, dp_band *out)
{
    if (!nnodes)
        return coarse_band(src, n, tgt, m, ratio, variance, out);
    int rc = band_full(out, n, m);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i <= n; i++) {
        out->lo[i] = m;
        out->hi[i] = 0;
    }
    /* one band per stretch from a node (or the start) to the next (or the end); a row
     * two stretches share (a node's) takes the columns of both */
    for (size_t k = 0; rc == 0 && k <= nnodes; k++) {
        dp_node from = k ? nodes[k - 1] : (dp_node){0, 0}, to = k < nnodes ? nodes[k] : (dp_node){n, m};
        dp_band part;
        rc = coarse_band(src + from.i, to.i - from.i, tgt + from.j, to.j - from.j, ratio, variance, &part);
        for (size_t r = 0; rc == 0 && r <= part.n; r++) {
            size_t i = from.i + r, lo = from.j + part.lo[r], hi = from.j + part.hi[r];
            if (part.lo[r] > part.hi[r])
                continue;
            if (lo < out->lo[i])
                out->lo[i] = lo;
            if (hi > out->hi[i])
                out->hi[i] = hi;
        }
        if (rc == 0)
            band_free(&part);
    }
    if (rc < 0) {
        band_free(out);
        return rc;
    }
    band_force(out, nodes, nnodes);
    return 0;
}
