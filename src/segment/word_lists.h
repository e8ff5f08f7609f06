/* word_lists.h — what the boundary model knows of words before it reads any data.
 *
 * Two short hand-made lists per language, general knowledge rather than anything the
 * dev sets hold: abbreviations that take a full stop and rarely end a sentence ("etc.",
 * "govt.", "approx.", "min.", "ул.", "напр."), and words that typically start one
 * (pronouns, determiners, question words, greetings: "they", "why", "thanks", "это").
 * The training data cannot show every abbreviation a text may use ("The med. staff",
 * "pens, pencils, etc. are provided"), nor tell "call them at 303-832-8160. they
 * haven't" from "5 lb. of groceries" without them. They are features, not rules: the
 * model learns how much each is worth. Words are matched case-folded (tokens.h). */
#ifndef POLYALIGN_WORD_LISTS_H
#define POLYALIGN_WORD_LISTS_H

#include <stdint.h>

typedef struct word_lists word_lists;

/* The lists of a language (its base subtag); *out is NULL for a language without any.
 * 0 or -ERR_NOMEM. */
int word_lists_new(const char *lang, word_lists **out);

/* Is the word (word_hash) a known abbreviation / a typical sentence starter? */
int word_lists_abbreviation(const word_lists *w, uint64_t hash);
int word_lists_starter(const word_lists *w, uint64_t hash);

void word_lists_free(word_lists *w);

#endif
