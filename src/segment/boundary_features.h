/* boundary_features.h — what the learned boundary model sees at a candidate sentence end.
 *
 * A candidate is a place between two tokens: one ICU proposes, or a space where no
 * punctuation says anything ("Hope all is well with you Take Care", "08:02 PM All: It
 * is"). Its features are the evidence a human reader uses: the tokens on both sides, as
 * words and as shapes (Xx, d/d/d, x.x.), the punctuation run that ends the first
 * (".", "!?!?!", ":)", "。”"), how the second starts (capital, lower case, digit, quote,
 * emoji), how far the last sentence-final mark is, a line wrapped in the gap, the clause
 * that follows a Chinese closing quote (an attribution "……。”拉森博士……说。" ends in a
 * verb of saying), and what the document itself says of the two words (doc_stats.h:
 * Punkt's abbreviation and orthographic evidence). Each feature is a 32-bit hash of a
 * template and its values; the model (boundary_model.h) holds a weight per hash, so the
 * feature set changes without a format change, and `make train` relearns the weights. */
#ifndef POLYALIGN_BOUNDARY_FEATURES_H
#define POLYALIGN_BOUNDARY_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#include "doc_stats.h"

enum { BOUNDARY_MAX_FEATURES = 40 };

typedef struct {
    uint32_t v[BOUNDARY_MAX_FEATURES];
    int n;
} boundary_features;

typedef struct {
    const char *text;       /* the document (validated UTF-8) */
    size_t len;
    size_t lo, hi;          /* the stretch the features may read: [lo, hi) */
    size_t q;               /* the candidate: right after the first token */
    size_t next;            /* the first character after the spaces at q (hi: none) */
    int icu;                /* ICU's iterator proposed a break here */
    int wrap;               /* a line break of wrapped text lies in the gap */
    size_t line_start;      /* with wrap: where the line that ends at q starts */
    const doc_stats *stats; /* evidence from the whole document, or NULL */
} boundary_site;

/* Is the space at a boundary between `before` (the last character of the first token) and
 * `after` (the first of the next) worth the model's look when ICU proposed nothing? Not
 * between two words in lower case, nor after a comma, a hyphen or an opening mark: a
 * sentence boundary without a mark is almost always before a capital, a digit or a
 * symbol, or after a symbol. */
int boundary_gap_candidate(UChar32 before, UChar32 after);

/* The features of a candidate. The first is its kind's: every candidate ICU proposed
 * has one, every space another, so that a model can set the two apart (the trainer
 * gives spaces a threshold of their own through it). */
void boundary_features_of(const boundary_site *site, boundary_features *out);

/* That first feature, for ICU's candidates (icu = 1) or the spaces. */
uint32_t boundary_kind_feature(int icu);

#endif
