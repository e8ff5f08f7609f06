/* align.c — the alignment pipeline; see align.h. */
#include "align.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "bead_confidence.h"
#include "coarse.h"
#include "hard_anchor.h"
#include "features.h"
#include "lexlearn.h"
#include "lexmodel.h"
#include "scorer.h"
#include "weights.h"

static double bead_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    bead_shape_at b = {i, di, j, dj};
    return model_cost(ctx, &b);
}

static const char *const score_names[SCORE_KINDS] = {"prior", "length", "anchors", "paragraphs", "lexicon"};

int align_score_kind(const char *name)
{
    for (int k = 0; k < SCORE_KINDS; k++)
        if (strcmp(name, score_names[k]) == 0)
            return k;
    return -1;
}

/* Add scorer s unless its kind is disabled (its state is then freed). */
static int add_scorer(align_model *m, unsigned disabled, score_kind kind, align_scorer s)
{
    if (disabled & (1u << kind)) {
        if (s.free_state)
            s.free_state(s.state);
        return 0;
    }
    return model_add(m, s);
}

static int build_model(align_model *m, const align_fit *fit, const lexmodel *lex, unsigned disabled)
{
    align_scorer s;
    int rc = prior_scorer_new(fit->prior, &s);
    if (rc == 0)
        rc = add_scorer(m, disabled, SCORE_PRIOR, s);
    if (rc == 0 && (rc = length_scorer_new(&m->pair, fit->ratio, fit->variance, &s)) == 0)
        rc = add_scorer(m, disabled, SCORE_LENGTH, s);
    if (rc == 0 && (rc = anchor_scorer_new(&m->pair, &s)) == 0) {
        s.weight = ANCHOR_WEIGHT;
        rc = add_scorer(m, disabled, SCORE_ANCHORS, s);
    }
    if (rc == 0 && (rc = paragraph_scorer_new(&m->pair, &s)) == 0)
        rc = add_scorer(m, disabled, SCORE_PARAGRAPHS, s);
    if (rc == 0 && lex && (rc = lexical_scorer_new(lex, &s)) == 0) {
        s.weight = LEXICON_WEIGHT;
        rc = add_scorer(m, disabled, SCORE_LEXICON, s);
    }
    return rc;
}

/* The words of a document pair per the lexicons, and its lexical model; *lex stays NULL
 * when no lexicon applies to the pair or the score is disabled. */
static int lexical_model(const doc_text *src, const doc_text *tgt, const align_options *o, align_fit *f,
                         lex_side sides[2], lexmodel **lex)
{
    *lex = NULL;
    if (o && (o->disabled & (1u << SCORE_LEXICON)))
        return 0;
    lexset *ls;
    int rc = lexset_open(src->base, tgt->base, o ? &o->lexicons : NULL, &ls, &f->lexicon_missing);
    if (rc < 0)
        return rc;
    f->lexicons = lexset_count(ls);
    if (f->lexicons) {
        rc = lexset_side_all(ls, 0, src, &sides[0]);
        if (rc == 0)
            rc = lexset_side_all(ls, 1, tgt, &sides[1]);
        if (rc == 0)
            rc = lexmodel_new(sides, lex);
    }
    lexset_free(ls);
    return rc;
}

/* After the first pass: the model rebuilt with the word pairs the pass teaches. */
static int learn_pairs(const lex_side sides[2], const dp_bead *b, size_t n, const dp_band *band, align_fit *f,
                       lexmodel **lex)
{
    lex_side more[2];
    int rc = lexlearn_pairs(sides, b, n, more, &f->learned_pairs);
    lexmodel_free(*lex); /* first, so that two models never take memory at once */
    *lex = NULL;
    lexmodel *m = NULL;
    if (rc == 0)
        rc = lexmodel_new(more, &m);
    if (rc == 0)
        rc = lexmodel_set_band(m, band);
    lex_side_free(&more[0]);
    lex_side_free(&more[1]);
    if (rc < 0) {
        lexmodel_free(m);
        return rc;
    }
    *lex = m;
    return 0;
}

/* The unweighted cost of bead b under the model's scorer called `name` (0 without one). */
static double scorer_cost(const align_model *m, const char *name, const bead_shape_at *b)
{
    for (size_t k = 0; k < m->n; k++)
        if (strcmp(m->scorer[k].name, name) == 0)
            return m->scorer[k].cost(m->scorer[k].state, &m->pair, b);
    return 0;
}

/* Turn the posteriors of the final path into the confidence model's probabilities
 * (bead_confidence.h), telling o->confidence_observer the features first. */
static int calibrate_confidences(const align_model *m, const lexmodel *lex, const align_fit *f,
                                 const align_options *o, dp_bead *beads, const bead_evidence *ev, size_t n)
{
    confidence_model model;
    int rc = confidence_model_builtin(&model), learning = o && o->confidence_observer;
    if (rc < 0 && !learning) /* learning a model after its features changed needs no old one */
        return rc;
    double *conf = malloc((n + 1) * sizeof *conf);
    if (!conf)
        return error_nomem();
    double mean = 0;
    for (size_t k = 0; k < n; k++)
        mean += ev[k].posterior / (double)n;
    for (size_t k = 0; k < n; k++) {
        const dp_bead *b = &beads[k];
        bead_shape_at at = {b->i, b->di, b->j, b->dj};
        int empty = (k && (!beads[k - 1].di || !beads[k - 1].dj)) + (k + 1 < n && (!beads[k + 1].di || !beads[k + 1].dj));
        bead_observation ob = {.di = b->di,
                               .dj = b->dj,
                               .ev = ev[k],
                               .prev = k ? ev[k - 1].posterior : 1,
                               .next = k + 1 < n ? ev[k + 1].posterior : 1,
                               .neighbours_empty = empty,
                               .doc_posterior = mean,
                               .length_cost = scorer_cost(m, "length", &at),
                               .lexicon_cost = scorer_cost(m, "lexicon", &at),
                               .anchor_cost = scorer_cost(m, "anchors", &at),
                               .prior_cost = scorer_cost(m, "prior", &at),
                               .doc_rate = {f->lexical_rate[0], f->lexical_rate[1]},
                               .ratio = f->ratio};
        lexmodel_coverage(lex, b->i, b->di, b->j, b->dj, &ob.cov);
        /* the neighbours' sentences of the other side: [before, after) around the bead's */
        size_t tj = k ? beads[k - 1].j : b->j, tend = k + 1 < n ? beads[k + 1].j + beads[k + 1].dj : b->j + b->dj;
        size_t si = k ? beads[k - 1].i : b->i, send = k + 1 < n ? beads[k + 1].i + beads[k + 1].di : b->i + b->di;
        lexmodel_coverage(lex, b->i, b->di, tj, tend - tj, &ob.wide[0]);
        lexmodel_coverage(lex, si, send - si, b->j, b->dj, &ob.wide[1]);
        for (size_t x = b->i; x < b->i + b->di; x++)
            ob.chars[0] += m->pair.fsrc->s[x].chars;
        for (size_t x = b->j; x < b->j + b->dj; x++)
            ob.chars[1] += m->pair.ftgt->s[x].chars;
        double features[CONF_FEATURES];
        confidence_features(&ob, features);
        if (o && o->confidence_observer)
            o->confidence_observer(o->observer_ctx, b, features);
        conf[k] = rc < 0 ? b->confidence : confidence_of_bead(&model, features, b->confidence);
    }
    for (size_t k = 0; k < n; k++) /* after: the neighbours' features read the posteriors */
        beads[k].confidence = conf[k];
    free(conf);
    return 0;
}

/* Refit the shape priors from an alignment: counts smoothed toward the defaults, so a
 * rare shape never becomes impossible. (Refitting the length variance the same way was
 * measured and dropped: it made the model either too sharp or too loose on every set.) */
static void refit(align_fit *fit, const dp_bead *b, size_t n)
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

/* The DP's beads of src and tgt (align_two's work). */
static int align_path(const doc_text *src, const doc_text *tgt, const align_options *o, dp_bead **out, size_t *nout,
              align_fit *fit)
{
    *out = NULL;
    *nout = 0;
    text_features fs, ft;
    han_spellings *han = o ? o->han : NULL;
    int rc = features_compute_with(src, han, &fs);
    if (rc < 0)
        return rc;
    rc = features_compute_with(tgt, han, &ft);
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

    /* markers and headings: nodes the path must pass through (hard_anchor.h) */
    dp_node *nodes = NULL;
    size_t nnodes = 0;
    hard_anchor_pair_in pin = {src->name, tgt->name, src->anchors, tgt->anchors, src->nanchors, tgt->nanchors,
                               src->n, tgt->n};
    rc = hard_anchor_pair(&pin, &nodes, &nnodes, &f.headings_unpaired);
    f.hard_anchors = nnodes;
    uint32_t *ls = malloc((src->n + 1) * sizeof *ls), *lt = malloc((tgt->n + 1) * sizeof *lt);
    dp_band band = {0};
    if (rc == 0 && (!ls || !lt))
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < src->n; k++)
        ls[k] = fs.s[k].chars;
    for (size_t k = 0; rc == 0 && k < tgt->n; k++)
        lt[k] = ft.s[k].chars;
    if (rc == 0)
        rc = coarse_band_forced(ls, src->n, lt, tgt->n, f.ratio, f.variance, nodes, nnodes, &band);
    free(ls);
    free(lt);

    lexmodel *lex = NULL;
    lex_side sides[2];
    memset(sides, 0, sizeof sides);
    if (rc == 0)
        rc = lexical_model(src, tgt, o, &f, sides, &lex);
    if (rc == 0 && lex)
        rc = lexmodel_set_band(lex, &band);
    int rounds = o && o->refit_rounds >= 0 ? o->refit_rounds : REFIT_ROUNDS;
    unsigned disabled = o ? o->disabled : 0;
    dp_bead *beads = NULL;
    size_t n = 0;
    for (int round = 0; rc == 0 && round <= rounds; round++) {
        align_model m = {.pair = {src, tgt, &fs, &ft}};
        rc = build_model(&m, &f, lex, disabled);
        free(beads);
        beads = NULL;
        bead_evidence *ev = NULL;
        for (int tries = 0; rc == 0; tries++) {
            rc = dp_align(&band, bead_cost, &m, align_nshapes, round == rounds, &beads, &n,
                          round == rounds && lex ? &ev : NULL);
            if (rc != -ERR_FAILED || tries == 4)
                break;
            band_widen(&band, 32u << tries);
            if (lex && (rc = lexmodel_set_band(lex, &band)) < 0)
                break;
        }
        if (rc == -ERR_FAILED)
            rc = error_set(ERR_SOFTWARE, _("no alignment path found"));
        if (rc == 0 && ev && src->n && tgt->n) { /* one empty text: one path, nothing to doubt */
            f.lexical_rate[0] = lex->q_side[0];
            f.lexical_rate[1] = lex->q_side[1];
            rc = calibrate_confidences(&m, lex, &f, o, beads, ev, n);
        }
        free(ev);
        if (rc == 0 && round < rounds) {
            refit(&f, beads, n);
            if (lex && round == 0 && LEARN_PAIRS)
                rc = learn_pairs(sides, beads, n, &band, &f, &lex);
            if (lex && rc == 0)
                lexmodel_fit(lex, beads, n);
        }
        f.rounds = round;
        model_free(&m);
    }
    if (lex) {
        f.lexical_rate[0] = lex->q_side[0];
        f.lexical_rate[1] = lex->q_side[1];
    }
    lexmodel_free(lex);
    lex_side_free(&sides[0]);
    lex_side_free(&sides[1]);
    band_free(&band);
    free(nodes);
    features_free(&fs);
    features_free(&ft);
    if (rc < 0) {
        free(beads);
        return rc;
    }
    f.beads = n;
    for (size_t k = 0; k < n; k++)
        f.doubtful += beads[k].confidence < ALIGN_DEFAULT_MIN_SCORE;
    if (fit)
        *fit = f;
    *out = beads;
    *nout = n;
    return 0;
}

int align_two(const doc_text *src, const doc_text *tgt, const align_options *o, bead **out, size_t *nout,
              align_fit *fit)
{
    *out = NULL;
    *nout = 0;
    dp_bead *path = NULL;
    size_t n = 0;
    int rc = align_path(src, tgt, o, &path, &n, fit);
    bead *v = rc == 0 ? malloc((n + 1) * sizeof *v) : NULL;
    if (rc == 0 && !v)
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < n; k++)
        v[k] = (bead){{path[k].i, path[k].j, 0}, {path[k].di, path[k].dj, 0}, path[k].confidence};
    free(path);
    if (rc < 0)
        return rc;
    *out = v;
    *nout = n;
    return 0;
}

/* ---- three texts ---- */

/* Pivot end of a bead */
static size_t pivot_end(const dp_bead *b)
{
    return b->i + b->di;
}

int align_three(const doc_text *pivot, const doc_text *a, const doc_text *b, const align_options *o,
                bead **out, size_t *nout, align_fit fit[2])
{
    *out = NULL;
    *nout = 0;
    dp_bead *ba = NULL, *bb = NULL;
    size_t na = 0, nb = 0;
    int rc = align_path(pivot, a, o, &ba, &na, fit ? &fit[0] : NULL);
    if (rc == 0)
        rc = align_path(pivot, b, o, &bb, &nb, fit ? &fit[1] : NULL);
    bead *v = rc == 0 ? malloc((na + nb + 1) * sizeof *v) : NULL;
    if (rc == 0 && !v)
        rc = error_nomem();
    size_t n = 0, x = 0, y = 0;
    /* Merge two partitions of the pivot into their finest common coarsening: a group
     * closes when both alignments reach the same pivot position. Beads without pivot
     * sentences at a group boundary stay on their own. */
    while (rc == 0 && (x < na || y < nb)) {
        size_t at = x < na ? ba[x].i : bb[y].i;
        if (y < nb && bb[y].i < at)
            at = bb[y].i;
        if (x < na && ba[x].di == 0 && ba[x].i == at) {
            v[n++] = (bead){{at, ba[x].j, y < nb ? bb[y].j : b->n}, {0, ba[x].dj, 0}, ba[x].confidence};
            x++;
            continue;
        }
        if (y < nb && bb[y].di == 0 && bb[y].i == at) {
            v[n++] = (bead){{at, x < na ? ba[x].j : a->n, bb[y].j}, {0, 0, bb[y].dj}, bb[y].confidence};
            y++;
            continue;
        }
        bead g = {{at, x < na ? ba[x].j : a->n, y < nb ? bb[y].j : b->n}, {0, 0, 0}, 1.0};
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
