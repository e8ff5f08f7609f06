/* align.h — sentence alignment of two or three texts.
 *
 * align_two finds the beads between a pivot (source) text and one translation: features,
 * the per-document length ratio, a band (full or coarse-to-fine), then the DP with the
 * model of scorer.h; the shape priors and length variance are refitted from the output
 * and the DP rerun, as the document teaches what kind of translation it is.
 * align_three aligns a pivot with two translations into beads that hold all three: the
 * finest grouping consistent with both pairwise alignments (a unit closes only where both
 * agree on a pivot boundary), so each unit is a translation in all three languages
 * whenever the pairwise beads are right. A joint search costing three-text beads with the
 * pairwise shape priors was tried and dropped: it prefers splitting one side wrongly to
 * paying for a rare large shape (article: [1]:[1]:[1] where zh 1 covers en 1-2). */
#ifndef POLYALIGN_ALIGN_H
#define POLYALIGN_ALIGN_H

#include <stddef.h>

#include "../doc/beads.h"
#include "../doc/text.h"
#include "dp.h"
#include "hanlatin.h"
#include "lexset.h"

/* The scorers of the bead cost, by name, for align_options.disabled (an ablation). */
typedef enum { SCORE_PRIOR, SCORE_LENGTH, SCORE_ANCHORS, SCORE_PARAGRAPHS, SCORE_LEXICON, SCORE_KINDS } score_kind;

/* "prior", "length", "anchors", "paragraphs", "lexicon" -> kind, or -1. */
int align_score_kind(const char *name);

typedef struct {
    int refit_rounds;       /* refits of priors and lexical rates; -1: the default (weights.h) */
    unsigned disabled;      /* bit (1u << score_kind) per scorer left out */
    lexset_config lexicons; /* where the lexicons are, and the user's */
    han_spellings *han;     /* Han spellings shared by a command's documents (hanlatin.h),
                             * or NULL: each document spells its own */
    /* For learning the confidence model (tools/confidence_train.c), or NULL: called with
     * each bead of a pair's path (its confidence the posterior) and its features
     * (bead_confidence.h) before the model turns them into the bead's confidence */
    void (*confidence_observer)(void *ctx, const dp_bead *b, const double *features);
    void *observer_ctx;
} align_options;

typedef struct {
    double ratio, variance;         /* length model */
    double prior[16];               /* shape probabilities, like align_shapes */
    int rounds;
    size_t lexicons;                /* lexicons used (built-in and the user's) */
    int lexicon_missing;            /* the built-in lexicon of this pair was not found */
    double lexical_rate[2];         /* fitted share of words covered in the beads, per side */
    size_t learned_pairs;           /* word pairs learned from the first pass */
    size_t beads, doubtful;         /* beads, and those below ALIGN_DEFAULT_MIN_SCORE */
    size_t hard_anchors;            /* nodes the alignment was made to pass through */
    int headings_unpaired;          /* the texts' numbers of headings differ: not anchors */
} align_fit;

/* Beads of two texts: start[0]/len[0] in src, start[1]/len[1] in tgt (beads.h). */
int align_two(const doc_text *src, const doc_text *tgt, const align_options *o, bead **out, size_t *nout,
              align_fit *fit);

/* The confidence below which a TMX unit is doubtful, left out unless asked for (and then
 * flagged). Chosen on the dev sets (make eval; units a TMX keeps, precision / recall of
 * the right beads, on documents the confidence model did not learn from): at 0.7, en-zh
 * 0.951 / 0.876, un3 en-zh 0.988 / 0.992, un3 en-ru 0.979 / 0.981; at 0.6 en-zh keeps
 * 0.920 at 0.930, at 0.9 only 0.720 at 0.984. (With the plain posterior as confidence,
 * 0.7 gave en-zh 0.937 / 0.916.) The mismatch judgement (mismatch.h) is measured at it. */
#define ALIGN_DEFAULT_MIN_SCORE 0.7

/* Beads over three texts, consistent across all of them. */
int align_three(const doc_text *pivot, const doc_text *a, const doc_text *b, const align_options *o,
                bead **out, size_t *nout, align_fit fit[2]);

#endif
