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
 * With the lexical score (score_lexical.c; CC-CEDICT for en-zh, FreeDict + Snowball for
 * en-ru), REFIT_ROUNDS 1, LEXICON_WEIGHT 0.3, LEX_Q_START 0.5, LEX_Q_PRIOR_BEADS 2:
 *   .870 / .822 / .978 / .953 (lax .991 / .997 / .998 / .993).
 *   LEXICON_WEIGHT 0.15 → .847/.819/.977/.948; 0.2 → .858/.819/.979/.952;
 *     0.25 → .863/.820/.979/.952; 0.35 → .869 en-zh; 0.4 → .868; 0.5 → .857/.823/.977/.953;
 *     0.7 → .843/.816/.973/.954; 1.0 → .806/.807/.968/.946 (above the length weight the
 *     two count the same evidence twice).
 *   LEX_Q_PRIOR_BEADS 0.5 → .870 en-zh, 5 → .867, 10 → .865.
 *   LEX_Q_START 0.3 → .858 en-zh, 0.7 → .870.
 *   REFIT_ROUNDS 2 (three passes) with weight 0.5: .855 against .857 for one refit, at
 *     1.5× the time; one refit already lands on the priors' fixed point within ±.002.
 * Then word pairs learned from the first pass (LEARN_PAIRS, lexlearn.c), count 3, Dice .5:
 *   .880 / .829 / .978 / .963 (lax .993 / .997 / .998 / .995); halves of en-zh .852 / .916,
 *   of en-ru .844 / .816 (documents in name order).
 *   count 2, Dice .5 → .879/.830/.977/.961; 2, .4 → .873/.828/.976/.958;
 *   2, .6 → .884/.827/.978/.965; without learning .870/.822/.978/.953.
 *   More refits, stopping early at a fixed point (beads unchanged), with learning:
 *   REFIT_ROUNDS 2 → .878/.829/.963/.978, 3 → .869/.829/.963/.978: the word rates learned
 *   from the aligner's own beads sharpen on its own mistakes; one refit is best.
 * Checked on halves (documents in name order) with everything else fixed, LEXICON_WEIGHT
 *   0.2 / 0.3 / 0.4 / 0.5: en-zh half A .843/.852/.834/.835, half B .907/.916/.914/.905;
 *   en-ru half A .836/.844/.840/.843, half B .817/.816/.819/.812. Chosen on either en-zh
 *   half, 0.3 is also best on the other; chosen on en-ru A, it gives .816 on B (best .819).
 * Chinese words for lookup: greedy longest match over the lexicons' headwords (lexset.c)
 *   against ICU's word breaks (ubrk, "zh") looked up whole: .880 against .865 on en-zh
 *   (halves .852/.916 against .831/.909), un3 en-zh .978 against .975.
 * ASCII ' counted as a quotation mark unless inside a word (features.c), as ’ was, with
 *   every weight above unchanged: .898/.829/.978/.963 (halves of en-zh .883/.919).
 * ANCHOR_QUOTE_STATE_PENALTY (a bead ending inside a quotation on one side only) 0.5 / 1 /
 *   2: en-zh .910/.912/.904 (0 .898); at 1, .912/.832/.978/.963.
 * Mueller's English-Russian dictionary joined to FreeDict in the en-ru lexicon (one-word
 *   translations, lexsource.c), every weight unchanged: .912/.835/.978/.977; British
 *   spellings read as American ones (lexwords.c): .912/.835/.979/.978; untranslated English
 *   words borrowing their first WordNet sense's translations (lexsynonyms.c): .916/.835/.979/.978. */
#ifndef POLYALIGN_ALIGN_WEIGHTS_H
#define POLYALIGN_ALIGN_WEIGHTS_H

#define LENGTH_VARIANCE 6.8
#define ANCHOR_WEIGHT 1.5
#define PRIOR_STRENGTH 20.0

/* Inside the anchor score (score_anchor.c), in nats before ANCHOR_WEIGHT: a shared number
 * or Latin word or name is a reward, one on one side only a penalty where anchors are
 * reliable; differing counts of ?, ! and quotation marks cost a little. */
#define ANCHOR_NUMBER_REWARD 1.5
#define ANCHOR_NUMBER_PENALTY 0.7
#define ANCHOR_LATIN_REWARD 1.0
#define ANCHOR_LATIN_PENALTY 0.4
#define ANCHOR_NAME_REWARD 0.8
#define ANCHOR_PUNCT_REWARD 0.4
#define ANCHOR_PUNCT_PENALTY 0.6
#define ANCHOR_QUOTE_PENALTY 0.3
/* A bead that ends inside a quotation on one side only (features.h: in_quote). Chosen by
 * leaving each en-zh document out in turn from 0, 0.5, 1, 2 (1 in five folds of six,
 * 0.5 in one): strict F1 of the documents left out .898 -> .910. */
#define ANCHOR_QUOTE_STATE_PENALTY 1.0

/* Paragraphs (score_paragraph.c): a bead across a paragraph end, a bead starting a
 * paragraph on one side only. The dev sets have no paragraphs: leaving this score out
 * changes none of their figures. */
#define PARAGRAPH_CROSSING_COST 4.0
#define PARAGRAPH_START_COST 1.5

/* Lexical coverage, below the length weight (correlated evidence is otherwise counted
 * twice). */
#define LEXICON_WEIGHT 0.3

/* Coverage rate of a word in right beads before the first pass has taught one, and the
 * pseudo-beads pulling each word's learned rate toward the rate of its whole side. */
#define LEX_Q_START 0.5
#define LEX_Q_PRIOR_BEADS 2.0

/* Word pairs learned from the first pass (lexlearn.c): pairs meeting in at least
 * LEARN_MIN_COUNT beads of up to two sentences a side, with a Dice coefficient of at
 * least LEARN_MIN_DICE. LEARN_PAIRS 0 turns the learning off. */
#define LEARN_PAIRS 1
#define LEARN_MIN_COUNT 3
#define LEARN_MIN_DICE 0.5

/* Alignment passes after the first: each refits the bead priors and the words' coverage
 * rates from the previous pass's beads. */
#define REFIT_ROUNDS 1

/* The posterior (dp.c): every path weighs e^(-cost/T); a bead's posterior is the share of
 * the weight of all paths that goes through it (forward-backward over the same band). Its
 * confidence is learned from it and the bead's other evidence (bead_confidence.h). */
#define CONFIDENCE_TEMPERATURE 1.0
/* A second posterior for the confidence model (bead_confidence.h), at a temperature at
 * which alignments costing a few nats more still count */
#define CONFIDENCE_SOFT_TEMPERATURE 3.0

#endif
