/* align.c — the alignment pipeline; see align.h. */
#include "align.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "coarse.h"
#include "features.h"
#include "scorer.h"

/* The model's settings, all in one place, with what they gave on the dev sets
 * (strict F1: en-zh MAC / en-ru Gospels / un3 en-zh / un3 en-ru, `make eval`):
 *   LENGTH_VARIANCE 6.8 × ratio (Gale & Church's, scaled to the document's character
 *     ratio): 4 gave .700/.787/.925/.883, 10 gave .599/.793/.928/.934;
 *   ANCHOR_WEIGHT 1.5: 0.5 → .635/.787/.879/.894 (with the older model), 2 → .685/.799/.937/.932;
 *   PRIOR_STRENGTH 20 pseudo-beads toward the default priors: 5 and 80 within ±.006;
 *   no length cost for 1-0 and 0-1 beads (score_length.c): +.05 on un3, which drops
 *     sentences at random.
 * Together: .698 / .803 / .936 / .933. */
#define LENGTH_VARIANCE 6.8
#define ANCHOR_WEIGHT 1.5
#define PRIOR_STRENGTH 20.0

static double bead_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    bead_shape_at b = {i, di, j, dj};
    return model_cost(ctx, &b);
}

static int build_model(align_model *m, const align_fit *fit)
{
    align_scorer s;
    int rc = prior_scorer_new(fit->prior, &s);
    if (rc == 0)
        rc = model_add(m, s);
    if (rc == 0 && (rc = length_scorer_new(&m->pair, fit->ratio, fit->variance, &s)) == 0)
        rc = model_add(m, s);
    if (rc == 0 && (rc = anchor_scorer_new(&m->pair, &s)) == 0) {
        s.weight = ANCHOR_WEIGHT;
        rc = model_add(m, s);
    }
    if (rc == 0 && (rc = paragraph_scorer_new(&m->pair, &s)) == 0)
        rc = model_add(m, s);
    return rc;
}

/* Refit the shape priors from an alignment: counts smoothed toward the defaults, so a
 * rare shape never becomes impossible. (Refitting the length variance the same way was
 * measured and dropped: it made the model either too sharp or too loose on every set.) */
static void refit(align_fit *fit, const bead *b, size_t n)
{
    const double *def = prior_default_probs();
    double counts[16] = {0}, total = 0;
    for (size_t k = 0; k < n; k++) {
        int s = align_shape_index(b[k].di, b[k].dj);
        if (s >= 0)
            counts[s] += 1;
        total += 1;
    }
    for (size_t s = 0; s < align_nshapes; s++)
        fit->prior[s] = (counts[s] + PRIOR_STRENGTH * def[s]) / (total + PRIOR_STRENGTH);
}

int align_two(const align_text *src, const align_text *tgt, const align_options *o, bead **out, size_t *nout,
              align_fit *fit)
{
    *out = NULL;
    *nout = 0;
    text_features fs, ft;
    int rc = features_compute(src, &fs);
    if (rc < 0)
        return rc;
    rc = features_compute(tgt, &ft);
    if (rc == 0)
        rc = features_prune_to_shared(&fs, &ft);
    if (rc < 0) {
        features_free(&fs);
        features_free(&ft);
        return rc;
    }
    align_fit f = {0};
    f.ratio = fs.total_chars && ft.total_chars ? (double)ft.total_chars / (double)fs.total_chars : 1.0;
    f.variance = LENGTH_VARIANCE * f.ratio;
    memcpy(f.prior, prior_default_probs(), align_nshapes * sizeof f.prior[0]);

    uint32_t *ls = malloc((src->n + 1) * sizeof *ls), *lt = malloc((tgt->n + 1) * sizeof *lt);
    dp_band band = {0};
    if (!ls || !lt)
        rc = error_set(ERR_IO, _("out of memory"));
    for (size_t k = 0; rc == 0 && k < src->n; k++)
        ls[k] = fs.s[k].chars;
    for (size_t k = 0; rc == 0 && k < tgt->n; k++)
        lt[k] = ft.s[k].chars;
    if (rc == 0)
        rc = coarse_band(ls, src->n, lt, tgt->n, f.ratio, f.variance, &band);
    free(ls);
    free(lt);

    int rounds = o && o->refit_rounds >= 0 ? o->refit_rounds : 2;
    bead *beads = NULL;
    size_t n = 0;
    for (int round = 0; rc == 0 && round <= rounds; round++) {
        align_model m = {.pair = {src, tgt, &fs, &ft}};
        rc = build_model(&m, &f);
        free(beads);
        beads = NULL;
        for (int tries = 0; rc == 0; tries++) {
            rc = dp_align(&band, bead_cost, &m, align_nshapes, round == rounds, &beads, &n);
            if (rc != -ERR_FAILED || tries == 4)
                break;
            band_widen(&band, 32u << tries);
        }
        if (rc == -ERR_FAILED)
            rc = error_set(ERR_SOFTWARE, _("no alignment path found"));
        if (rc == 0 && round < rounds)
            refit(&f, beads, n);
        f.rounds = round;
        model_free(&m);
    }
    band_free(&band);
    features_free(&fs);
    features_free(&ft);
    if (rc < 0) {
        free(beads);
        return rc;
    }
    if (fit)
        *fit = f;
    *out = beads;
    *nout = n;
    return 0;
}

/* ---- three texts ---- */

/* Pivot end of a bead */
static size_t pivot_end(const bead *b)
{
    return b->i + b->di;
}

int align_three(const align_text *pivot, const align_text *a, const align_text *b, const align_options *o,
                bead3 **out, size_t *nout, align_fit fit[2])
{
    *out = NULL;
    *nout = 0;
    bead *ba = NULL, *bb = NULL;
    size_t na = 0, nb = 0;
    int rc = align_two(pivot, a, o, &ba, &na, fit ? &fit[0] : NULL);
    if (rc == 0)
        rc = align_two(pivot, b, o, &bb, &nb, fit ? &fit[1] : NULL);
    bead3 *v = rc == 0 ? malloc((na + nb + 1) * sizeof *v) : NULL;
    if (rc == 0 && !v)
        rc = error_set(ERR_IO, _("out of memory"));
    size_t n = 0, x = 0, y = 0;
    /* Merge two partitions of the pivot into their finest common coarsening: a group
     * closes when both alignments reach the same pivot position. Beads without pivot
     * sentences at a group boundary stay on their own. */
    while (rc == 0 && (x < na || y < nb)) {
        size_t at = x < na ? ba[x].i : bb[y].i;
        if (y < nb && bb[y].i < at)
            at = bb[y].i;
        if (x < na && ba[x].di == 0 && ba[x].i == at) {
            v[n++] = (bead3){{at, ba[x].j, bb[y < nb ? y : nb - 1].j}, {0, ba[x].dj, 0}, ba[x].confidence};
            if (y >= nb)
                v[n - 1].start[2] = b->n;
            x++;
            continue;
        }
        if (y < nb && bb[y].di == 0 && bb[y].i == at) {
            v[n++] = (bead3){{at, x < na ? ba[x].j : a->n, bb[y].j}, {0, 0, bb[y].dj}, bb[y].confidence};
            y++;
            continue;
        }
        bead3 g = {{at, x < na ? ba[x].j : a->n, y < nb ? bb[y].j : b->n}, {0, 0, 0}, 1.0};
        size_t end_a = at, end_b = at;
        do {
            if (x < na && (end_a < end_b || end_a == at)) {
                g.len[1] += ba[x].dj;
                if (ba[x].confidence < g.confidence)
                    g.confidence = ba[x].confidence;
                end_a = pivot_end(&ba[x++]);
            } else if (y < nb) {
                g.len[2] += bb[y].dj;
                if (bb[y].confidence < g.confidence)
                    g.confidence = bb[y].confidence;
                end_b = pivot_end(&bb[y++]);
            } else {
                break;
            }
        } while (end_a != end_b || end_a == at);
        g.len[0] = end_a - at;
        v[n++] = g;
    }
    free(ba);
    free(bb);
    if (rc < 0) {
        free(v);
        return rc;
    }
    *out = v;
    *nout = n;
    return 0;
}
