/* boundary_features.h — what the learned boundary model sees at a candidate sentence end.
 *
 * A candidate is a place between two tokens: one ICU proposes, or a space where no
 * punctuation says anything ("Hope all is well with you Take Care", "08:02 PM All: It
 * is"). Its features are the evidence a human reader uses: the tokens on both sides, as
 * words and as shapes (Xx, d/d/d, x.x.), the punctuation run that ends the first
 * (".", "!?!?!", ":)", "。”"), how the second starts (capital, lower case, digit, quote,
 * emoji), how far the last sentence-final mark is, a line wrapped in the gap, the clause
 * that follows a Chinese closing quote (an attribution "……。”拉森博士……说。" ends in a
 * verb of saying), whether the first word is a known abbreviation and the second a
 * typical sentence starter (word_lists.h), and what the document itself says of the two
 * words (doc_stats.h: Punkt's abbreviation and orthographic evidence). Each feature is a 32-bit hash of a
 * template and its values; the model (boundary_model.h) holds a weight per hash, so the
 * feature set changes without a format change, and `make train` relearns the weights. */
#ifndef POLYALIGN_BOUNDARY_FEATURES_H
#define POLYALIGN_BOUNDARY_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#include "doc_stats.h"
#include "word_lists.h"

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
    const word_lists *words; /* the language's known abbreviations and starters, or NULL */
} boundary_site;

/* Is the space at q, after a token, worth the model's look when ICU proposed nothing?
 * `next` is the first character after the spaces, hi the end of the stretch. Not before
 * . , ; : or a closing mark (no sentence starts so), nor after an opening mark, a dash
 * or a token of quotes alone (it goes with a sentence: "деньги ! \" Ты готов"); before
 * lower case, even after an opening bracket, only right after a sentence-final mark, a
 * closing quote or a symbol ("like any lounges? im 15 btw", "LMAO. lol!", but not "18
 * проц. (при сохранении"); after a comma only two tokens into a sentence ("Sincerely,
 * Traci"); before a number only a date, a time or a list number ("Kay Mann 04/26/2001",
 * "1) the first"); between two words with nothing between only on a sign that a sentence
 * may end there: a token in capitals ("Talk to you later GT", "08:28 AM Enron"), or one
 * with a digit or ending in : ! ? ("Enron Investment Partners Congratulations!"). The
 * test costs a few byte tests, and most spaces fail it: running text has a capitalized
 * name every few words, and the model costs far more. (A capitalized sentence starter
 * as a sign, "Hope all is well with you Thanks", found no more boundaries on the dev
 * sets and cost a word hash at every capital.) */
int boundary_gap_candidate(const char *text, size_t len, size_t q, size_t next, size_t hi);

/* Is ICU's proposal at q (next: the first character after the spaces) worth the
 * model's look? Not a plain sentence end: a word of two letters or more in lower case
 * (after a capital, maybe; but a word of up to three letters after a number may be a
 * unit or an abbreviation: "2010-2012 гг. Виктор"), a number of two digits or more, or
 * a closing bracket, then
 * . ! or ? (and closing quotes or brackets), then a capital or a Chinese character, maybe
 * after an opening mark: "the results. The", "said it.” We", "in 2013. The", "(2000).
 * The", "Он устал. Мы", "Hola Srta. Ledesma. 他说", where ICU and the rules are right
 * all but a few times in a thousand (quotations that run on) and the model can only add
 * its own errors; nor a Chinese 。！？ without a closing quote after it (a bracket may
 * close: "(版本2.0。)然后离开"). The others (abbreviations and initials, ellipses,
 * symbols, colons, Chinese closing quotes before an attribution) get its look. */
int boundary_icu_candidate(const char *text, size_t len, size_t q, size_t next, size_t hi);

/* The features of a candidate. The first is its kind's: every candidate ICU proposed
 * has one, every space another, so that a model can set the two apart (the trainer
 * gives spaces a threshold of their own through it). */
void boundary_features_of(const boundary_site *site, boundary_features *out);

/* That first feature, for ICU's candidates (icu = 1) or the spaces. */
uint32_t boundary_kind_feature(int icu);

#endif
