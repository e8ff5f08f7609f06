/* scorer.h — the bead cost as a sum of pluggable scores.
 *
 * A bead joins source sentences [i, i+di) with target sentences [j, j+dj). Its cost is the
 * sum, over the model's scorers, of weight × cost, each cost in nats (-log of a
 * probability ratio), so that adding a module (a lexicon, say) is adding one entry.
 * Scorers see the pair through align_pair and keep their own precomputed state. */
#ifndef POLYALIGN_ALIGN_SCORER_H
#define POLYALIGN_ALIGN_SCORER_H

#include <stddef.h>

#include "features.h"
#include "../doc/text.h"

typedef struct {
    const doc_text *src, *tgt;
    const text_features *fsrc, *ftgt;
} align_pair;

typedef struct {
    size_t i, di, j, dj;
} bead_shape_at;

typedef struct {
    const char *name;
    double weight;
    void *state;
    double (*cost)(const void *state, const align_pair *p, const bead_shape_at *b);
    void (*free_state)(void *state);
} align_scorer;

enum { MAX_SCORERS = 8 };

typedef struct {
    align_pair pair;
    align_scorer scorer[MAX_SCORERS];
    size_t n;
} align_model;

/* Add a scorer (takes ownership of its state). 0 or -ERR_SOFTWARE when full. */
int model_add(align_model *m, align_scorer s);

/* Sum of weight × cost for one bead. */
double model_cost(const align_model *m, const bead_shape_at *b);

void model_free(align_model *m);

/* ---- the scorers (one file each) ---- */

/* Bead-shape priors: -log P(shape). `probs` is indexed like align_shapes (dp.h); NULL for
 * the defaults. */
int prior_scorer_new(const double *probs, align_scorer *out);

/* Gale & Church length cost of ls source and lt target characters. */
double length_cost_gc(double ls, double lt, double ratio, double variance);

/* The default shape probabilities, indexed like align_shapes. */
const double *prior_default_probs(void);

/* Gale & Church length model with the character ratio and variance of this document. */
int length_scorer_new(const align_pair *p, double ratio, double variance, align_scorer *out);

/* Numbers, Latin words, names, ?, !, quotation marks. */
int anchor_scorer_new(const align_pair *p, align_scorer *out);

/* Dictionary coverage, weighed per word (score_lexical.c); the model stays the caller's. */
struct lexmodel;
int lexical_scorer_new(const struct lexmodel *m, align_scorer *out);

/* Paragraph boundaries as soft anchors. */
int paragraph_scorer_new(const align_pair *p, align_scorer *out);

#endif
