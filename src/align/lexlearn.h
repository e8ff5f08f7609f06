/* lexlearn.h — word pairs learned from the document's own first-pass alignment.
 *
 * A small dictionary (FreeDict eng-rus has 1,700 headwords) leaves most words of a text
 * without a known translation. But the first pass already aligns most sentences rightly,
 * and a word and its translation then keep meeting in the same beads: counted over the
 * beads, pairs whose Dice coefficient 2·c(s,t) / (c(s) + c(t)) is high and that meet
 * often enough are taken as translations of each other for the second pass, beside the
 * dictionary's. The coverage score (score_lexical.c) then weighs them like any other
 * gloss, so the few wrong pairs cost little. */
#ifndef POLYALIGN_ALIGN_LEXLEARN_H
#define POLYALIGN_ALIGN_LEXLEARN_H

#include <stddef.h>

#include "dp.h"
#include "lexset.h"

/* From sides with `all` filled and the beads of a first pass, make `out`: the same
 * sides with learned pairs added (words that gained a translation become content words,
 * their translations are added to the sentences' translation lists). *learned gets the
 * number of pairs. 0 or -ERR_IO. */
int lexlearn_pairs(const lex_side in[2], const dp_bead *b, size_t nb, lex_side out[2], size_t *learned);

#endif
