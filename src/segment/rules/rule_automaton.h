/* rule_automaton.h — can an SRX rule's pattern match at this position at all?
 *
 * Segmentation asks this at nearly every space and full stop of a document, and an ICU
 * regex call costs far more than the answer is usually worth: "no". A rule automaton is
 * the position automaton (Glushkov) of a pattern's character sets: it reads the text
 * from the position onwards (an AFTER pattern) or backwards (a BEFORE pattern) one code
 * point at a time, straight from the UTF-8 document, and stops as soon as no match is
 * possible or one is complete.
 *
 * Where a pattern has what the automaton does not model (look-arounds, case-insensitive
 * groups, counted repeats too long to write out) it over-approximates: those are taken
 * as always true, so "may match" can be wrong but "cannot match" never is, and the regex
 * has the last word. A pattern of character sets, groups, repeats, `^` (read backwards)
 * and \b / \B is modelled exactly, and then its "matches" needs no regex at all (next
 * to combining marks and format characters, where ICU's \b looks further, it is unsure). */
#ifndef POLYALIGN_RULE_AUTOMATON_H
#define POLYALIGN_RULE_AUTOMATON_H

#include <stddef.h>

#include <unicode/uset.h>

typedef struct rule_automaton rule_automaton;

/* The automaton of `pattern` read forwards (dir > 0: matches starting at a position) or
 * backwards (dir < 0: matches ending at it). NULL when the pattern is empty, uses syntax
 * the parser does not model (rule_tree.h), or is too large: then nothing is known. */
rule_automaton *rule_automaton_new(const char *pattern, int dir);

/* Is the pattern modelled exactly? */
int rule_automaton_exact(const rule_automaton *a);

enum { RULE_NO_MATCH = 0, RULE_MAY_MATCH = 1, RULE_MATCHES = 2 };

/* Can a match start (or end) at byte `pos` of the valid UTF-8 text[0..len)?
 * RULE_NO_MATCH: certainly not; RULE_MATCHES: certainly (exact automata only);
 * RULE_MAY_MATCH: ask the regex. The automaton caches what it learns, so one thread at a
 * time may use it (each segmenter has its own). */
int rule_automaton_may_match(rule_automaton *a, const char *text, size_t len, size_t pos);

/* May a match of forward automaton `a` hold `word` as its first character outside
 * `spaces` (White_Space: the one rule_filter.h's rule_first_chars_after_space reads) and
 * `next` right after it? 0 only when it cannot ("\\s+[a-z][.)]" at " house": 'o' cannot
 * follow 'h'); 1 also when nothing is known (a match may end before `next`, be empty, or
 * the automaton reads backwards or is one of several look-aheads; a NULL automaton). */
int rule_automaton_may_follow(rule_automaton *a, const USet *spaces, UChar32 word, UChar32 next);

/* Can rule_automaton_may_follow ever say 0 for `a`? (It is always 1 otherwise.) */
int rule_automaton_reads_pairs(rule_automaton *a, const USet *spaces);

void rule_automaton_free(rule_automaton *a);

#endif
