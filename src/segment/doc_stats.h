/* doc_stats.h — what a document says about its own words (Punkt, Kiss & Strunk 2006).
 *
 * Whether "Gov." or "approx." is an abbreviation, and whether "Take" after it starts a
 * sentence, is best read from the rest of the document: an abbreviation keeps its period
 * and is followed by lower case somewhere ("approx. two hours"), and a word that also
 * appears in lower case, never capitalized inside a sentence, is an ordinary word that
 * a capital only starts a sentence with, where a name is capitalized everywhere. Two
 * passes gather it: the periods and ! ? of the text name the words worth counting (the
 * word before each, the capitalized word after), then one walk over the tokens counts
 * those words in lower case and capitalized inside a sentence. Words are case-folded
 * hashes (tokens.h), so memory grows with the number of such words, not the text. */
#ifndef POLYALIGN_DOC_STATS_H
#define POLYALIGN_DOC_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint16_t with_period;       /* tokens "w." (the word, then a full stop and a space) */
    uint16_t period_then_lower; /* … followed by a word in lower case, a digit or , ; : */
    uint16_t after_term;        /* the word capitalized after . ! ? and a space */
    uint16_t lower;             /* the word in lower case anywhere */
    uint16_t upper_inside;      /* capitalized after a token with no . ! ? at its end */
} word_counts;

typedef struct doc_stats doc_stats;

/* Count the words of text[0..len) (validated UTF-8). 0 or -ERR_NOMEM. */
int doc_stats_new(const char *text, size_t len, doc_stats **out);

/* The counts of a word (word_hash of it), or NULL when no period or ! ? touches it. */
const word_counts *doc_stats_find(const doc_stats *s, uint64_t hash);

void doc_stats_free(doc_stats *s);

#endif
