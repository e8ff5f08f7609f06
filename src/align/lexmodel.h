/* lexmodel.h — the per-document state of the lexical score (score_lexical.c).
 *
 * Built once per document pair from the words of each side (lexset.h), refitted from
 * each pass of the aligner (the rate at which a word is covered in the beads it chose),
 * read by the scorer for every candidate bead. */
#ifndef POLYALIGN_ALIGN_LEXMODEL_H
#define POLYALIGN_ALIGN_LEXMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "dp.h"
#include "lexset.h"

enum { LEX_MAX_SPAN = 5 };  /* the largest side of a bead shape (dp.h) */
enum { LEX_MAX_WORDS = 64 }; /* content words per sentence that count (one bit each) */

typedef struct lexmodel {
    size_t n[2];                /* sentences per side */
    size_t nv[2];               /* words (vocabulary) per side */
    uint32_t *ws[2], *w[2];     /* per sentence: word ids, offsets [n+1] */
    uint32_t *vs[2], *v[2];     /* per word: ids of the other side's words translating it,
                                 * offsets [nv+1] (sorted) */
    double *chance[2];          /* per word: share of other-side sentences covering it */
    double *q[2];               /* per word: rate of coverage in right beads */
    double q_side[2];           /* the fitted rate over all words of a side */
    float *cost[2];             /* per word, per other-side span 0..5: covered, not covered */
    float *base[2];             /* per sentence, per span: the cost if no word were covered */
    /* coverage masks of sentence pairs inside the DP band: cell (x, l) of source sentence
     * x and target sentence l holds the bits of x's words covered by l, and of l's words
     * covered by x; rows span columns [lo[x], lo[x] + len[x]) from cell offset off[x] */
    uint64_t (*cell)[2];
    size_t *lo, *len, *off;
} lexmodel;

/* The model of a document pair. */
int lexmodel_new(const lex_side sides[2], lexmodel **out);
void lexmodel_free(lexmodel *m);

/* Precompute the coverage masks of the cells of band b (and a margin around it). */
int lexmodel_set_band(lexmodel *m, const dp_band *b);

/* Learn each word's coverage rate from an alignment of the document. */
void lexmodel_fit(lexmodel *m, const dp_bead *b, size_t nb);

/* Recompute the per-word costs from the rates (after changing q or chance). */
void lexmodel_update_costs(lexmodel *m);

/* Cost of the bead source [i, i+di) with target [j, j+dj), in nats. */
double lexmodel_cost(const lexmodel *m, size_t i, size_t di, size_t j, size_t dj);

/* How much of a bead the dictionaries explain, for the confidence model
 * (bead_confidence.h). */
typedef struct {
    unsigned words[2], covered[2]; /* content words of each side, and those covered */
    double weakest;     /* the lowest share of covered words of a sentence of the bead
                         * (among those with words); 1 when no sentence has any */
} lex_coverage;

/* The coverage of the bead source [i, i+di) with target [j, j+dj). */
void lexmodel_coverage(const lexmodel *m, size_t i, size_t di, size_t j, size_t dj, lex_coverage *out);

#endif
