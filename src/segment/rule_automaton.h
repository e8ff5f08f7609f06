/* rule_automaton.h — can an SRX rule's pattern match at this position at all?
 *
 * Segmentation asks this at nearly every space and full stop of a document, and an ICU
 * regex call costs far more than the answer is usually worth: "no". A rule automaton is
 * the position automaton (Glushkov) of a pattern's character sets: it reads the text
 * from the position onwards (an AFTER pattern) or backwards (a BEFORE pattern) one code
 * point at a time, straight from the UTF-8 document, and stops as soon as no match is
 * possible or one is complete.
 *
 * It over-approximates: anchors, \b and look-arounds are taken as always true, and
 * counted repeats as unbounded ones, so "may match" can be wrong but "cannot match" never
 * is. The regex still has the last word whenever the automaton says yes. */
#ifndef POLYALIGN_RULE_AUTOMATON_H
#define POLYALIGN_RULE_AUTOMATON_H

#include <stddef.h>

typedef struct rule_automaton rule_automaton;

/* The automaton of `pattern` read forwards (dir > 0: matches starting at a position) or
 * backwards (dir < 0: matches ending at it). NULL when the pattern matches the empty
 * string, uses syntax the parser does not model (rule_tree.h), or is too large: then
 * nothing can be ruled out. */
rule_automaton *rule_automaton_new(const char *pattern, int dir);

/* 0 when no match can start (or end) at byte `pos` of the valid UTF-8 text[0..len);
 * 1 when one may. The automaton caches what it learns about characters, so one thread at
 * a time may use it (each segmenter has its own). */
int rule_automaton_may_match(rule_automaton *a, const char *text, size_t len, size_t pos);

void rule_automaton_free(rule_automaton *a);

#endif
