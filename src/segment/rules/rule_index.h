/* rule_index.h — which rules can concern the characters around a position.
 *
 * A rule can only match where the character before the position is one its BEFORE can
 * end with, the character at it one its AFTER can start with, and the first character
 * after the spaces there one its AFTER can hold first after its own spaces
 * (rule_filter.h gives those sets). Segmentation asks this of every rule at every candidate break; the index
 * answers for 64 rules at once, as a bit mask: a table for ASCII characters and a small
 * cache for the others, which in Cyrillic or Chinese text are few and recur. */
#ifndef POLYALIGN_RULE_INDEX_H
#define POLYALIGN_RULE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/uset.h>

typedef struct rule_index rule_index;

/* An index of n rules: rule k ends its BEFORE with a character of lasts[k], starts its
 * AFTER with one of firsts[k] and holds one of words[k] as its first non-space character
 * (NULL: any character, or the edge of the text). Only the first 64 rules are indexed.
 * The sets must outlive the index. NULL: out of memory. */
rule_index *rule_index_new(const USet *const *lasts, const USet *const *firsts, const USet *const *words,
                           size_t n);

/* Bit k set: rule k may match between `before` and `at` (-1: the edge of the text). One
 * thread at a time: the index caches what it learns. */
uint64_t rule_index_candidates(rule_index *ix, UChar32 before, UChar32 at);

/* Bit k set: rule k may match where `word` is the first character from the position on
 * that is not White_Space (-1: none). Asked only of the rules left by the call above. */
uint64_t rule_index_word(rule_index *ix, UChar32 word);

void rule_index_free(rule_index *ix);

#endif
