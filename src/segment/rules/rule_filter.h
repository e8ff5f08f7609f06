/* rule_filter.h — cheap necessary conditions for an SRX rule, read off its regexes.
 *
 * Running every rule's regex at every candidate break is what makes rule-based
 * segmentation slow. Most rules can only match when the character just before the
 * position is in some set (BEFORE ends in `\.` or `[!?]`), or the character at it is
 * (AFTER starts with `\s` or `\p{Lu}`). This module parses a pattern just far enough to
 * find those sets (a case-insensitive group counts with every case of its letters);
 * whenever it is unsure (an optional last atom that could be empty, syntax it does not
 * model) it says "any character", so the
 * filter never changes a decision, only skips regexes that cannot match.
 * The same parse also writes a pattern backwards (rule_reverse). */
#ifndef POLYALIGN_RULE_FILTER_H
#define POLYALIGN_RULE_FILTER_H

#include <unicode/uset.h>

/* The characters that can end a match of `pattern`, or NULL for "any" (caller uset_close).
 * *exact (may be NULL) is set when the pattern is one character set repeated (`[!?]`,
 * `\s+`): then the set test alone decides whether the pattern matches there. */
USet *rule_last_chars(const char *pattern, int *exact);

/* The characters that can start a match of `pattern`, or NULL for "any"; *exact likewise. */
USet *rule_first_chars(const char *pattern, int *exact);

/* The characters a match must hold as its first non-space character (White_Space), or
 * NULL when a match may be all spaces or the pattern is not understood. Most AFTER
 * patterns start with spaces (`\s+\p{Lu}`), so this is the character that tells them
 * apart. */
USet *rule_first_chars_after_space(const char *pattern);

/* The pattern matching the same strings written backwards, for running a BEFORE pattern
 * forward over reversed text (one anchored attempt instead of ICU's look-behind, which
 * tries every start position). NULL when the pattern uses what this parser does not
 * model or what reversal would change (back-references, possessive quantifiers).
 * The caller frees it. */
char *rule_reverse(const char *pattern);

#endif
