/* weights.h — every weight of the alignment model, in one place, with what it gave.
 *
 * Figures are strict F1 from `make eval` on en-zh MAC dev / en-ru Gospels dev / un3 en-zh
 * / un3 en-ru. Weights multiply costs in nats (scorer.h); the length score has weight 1.
 *
 * Before the lexicons (length + anchors + paragraphs + learned priors):
 *   LENGTH_VARIANCE 6.8 × ratio (Gale & Church's, scaled to the document's character
 *     ratio): 4 gave .700/.787/.925/.883, 10 gave .599/.793/.928/.934;
 *   ANCHOR_WEIGHT 1.5: 0.5 → .635/.787/.879/.894 (with the older model), 2 → .685/.799/.937/.932;
 *   PRIOR_STRENGTH 20 pseudo-beads toward the default priors: 5 and 80 within ±.006;
 *   no length cost for 1-0 and 0-1 beads (score_length.c): +.05 on un3, which drops
 *     sentences at random.
 *   Together: .701 / .800 / .936 / .935.
 *
 * The lexical score (score_lexical.c): see LEXICON_WEIGHT below. */
#ifndef POLYALIGN_ALIGN_WEIGHTS_H
#define POLYALIGN_ALIGN_WEIGHTS_H

#define LENGTH_VARIANCE 6.8
#define ANCHOR_WEIGHT 1.5
#define PRIOR_STRENGTH 20.0

/* Lexical coverage, below the length weight (correlated evidence is otherwise counted
 * twice). */
#define LEXICON_WEIGHT 0.5

#endif
