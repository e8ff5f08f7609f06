/* rule_set.h — the SRX rule engine: a language's rules compiled, and the first rule that
 * matches at a position of a UTF-8 document.
 *
 * What this folder is. SRX rules (srx.h) are ordered pairs of ICU regular expressions,
 * BEFORE and AFTER a candidate break; the first pair that matches there says break or
 * not. The segmenter (../segmenter.h) asks at every break ICU proposes and, for
 * break="yes" rules, at places ICU did not propose, so a document asks millions of times.
 *
 * Why ICU's regex alone was too slow. Run as `(?<=BEFORE)AFTER` at every candidate, one
 * rule after another, segmentation ran at 0.16-0.20 of a bare ICU sentence loop on one
 * thread: a look-behind tries every start position; ICU's regex engine is four to six
 * times slower through a UTF-8 UText than on UTF-16, so the whole text was converted; and
 * nearly every (rule, position) pair cannot match at all, which a regex call takes as long
 * to find out as a real match. So the engine answers cheaply first and calls ICU last:
 *
 *   srx.h            the rules file: parsed, the rules of a language chosen in order
 *   rule_tree.h      a parse tree of the ICU regex syntax the rules are written in
 *   rule_filter.h    necessary conditions read off the tree: the characters that can end
 *                    BEFORE or start AFTER; BEFORE written backwards (one anchored match
 *                    over reversed text instead of a look-behind)
 *   rule_index.h     which of the first 64 rules the characters around a position allow,
 *                    one bit mask per lookup
 *   rule_automaton.h position automata over the UTF-8 text: "cannot match" skips the
 *                    rule, and where a pattern is modelled exactly "matches" is final;
 *                    before them, the first two characters after the spaces are tested
 *                    as a pair against each AFTER (rule_automaton_may_follow, cached)
 *   window.h         a UTF-16 window (and its reverse) around the position, where what
 *                    the automata leave open runs as ICU regex
 *   rule_set.h       this: all of it together, deciding at a position
 *
 * The filters never change a decision, only skip regexes that cannot match; with
 * filtering off (rule_set_set_filtering) every regex runs, and tests compare the two. */
#ifndef POLYALIGN_RULE_SET_H
#define POLYALIGN_RULE_SET_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#include "srx.h"
#include "window.h"

typedef struct rule_set rule_set;

/* The rules of `rules` that apply to `lang` (a BCP 47 tag), compiled. 0 or a negative
 * error code (-ERR_DATA for a regex ICU refuses, with its line). */
int rule_set_new(const srx *rules, const char *lang, rule_set **out);

void rule_set_free(rule_set *rs);

/* Number of rules, and of break="yes" rules among them. */
size_t rule_set_count(const rule_set *rs);
size_t rule_set_break_count(const rule_set *rs);

/* With on = 0, every rule's regex runs at every position (the default is on). */
void rule_set_set_filtering(rule_set *rs, int on);

/* Per byte value: non-zero when a character that byte starts may start some break
 * rule's AFTER (filtering on; every character start may with filtering off). */
const uint8_t *rule_set_break_bytes(const rule_set *rs);

/* May c (at a position, a character the break bytes let through) start some break rule's
 * AFTER? 1 also when unsure. */
int rule_set_break_first(const rule_set *rs, UChar32 c);

/* Could some break="yes" rule match at byte q of text[0..len), between the characters
 * `before` and `at` (-1 at the edges)? Only there can a rule make a break ICU did not
 * propose. Never 0 where one matches. */
int rule_set_break_may_match(rule_set *rs, const char *text, size_t len, size_t q, UChar32 before, UChar32 at);

/* The state of one walk through a document: the UTF-16 window the regexes run on. One
 * per thread, as the rule set itself (its index caches what it learns). */
typedef struct {
    rule_set *rs;
    utf16_window w;
    unsigned generation; /* window generation the regexes were given */
    size_t chunk;        /* bytes the next refill of the window converts */
    int failed;          /* 0, or the error of a user's rule that ran past its budget */
} rule_runner;

/* A walk through text[0..len) deciding on `span` bytes of it (the budget of a user's
 * window searches grows with them). */
void rule_runner_init(rule_runner *rr, rule_set *rs, const char *text, size_t len, size_t span);
void rule_runner_free(rule_runner *rr);

/* The first rule matching at byte q: 1 break, 0 no break, -1 no rule matched (or an ICU
 * error). *matched is the rule's index in order, -1 when none. The UTF-16 window is
 * brought to q only when some rule gets as far as its regexes. */
int rule_runner_decide(rule_runner *rr, size_t q, int *matched);

#endif
