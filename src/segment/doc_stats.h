/* doc_stats.h — what a document says about its own abbreviations (after Punkt, Kiss &
 * Strunk 2006).
 *
 * Whether "Gov." or "approx." is an abbreviation is best read from the rest of the
 * document: an abbreviation keeps its full stop wherever it occurs, and somewhere a word
 * in lower case or a number follows it ("approx. two hours", "Gov. 5"), which never
 * follows a sentence's end. So one pass over the full stops after short words (five
 * characters or fewer, or with a full stop inside: initials, ordinals, abbreviations,
 * where a reader hesitates) counts, per word, its full stops and how many of them a
 * lower-case word follows, and the capitalized words that follow them when the short word
 * is in lower case (a word that often comes after "have." or "hymn." starts sentences;
 * after "Mr." or "J." a capital is more often a name). Punkt's orthographic evidence (is the
 * capitalized word also seen in lower case elsewhere?) needs every token of the text
 * counted, which costs as much as the rest of the segmenter; on the dev sets, one
 * paragraph per case, neither changed a figure, so only this cheap part is kept. Words
 * are case-folded hashes (tokens.h): memory grows with the number of such words. */
#ifndef POLYALIGN_DOC_STATS_H
#define POLYALIGN_DOC_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint16_t with_period;       /* tokens "w." (the word, then a full stop and a space) */
    uint16_t period_then_lower; /* … followed by a word in lower case, a digit or , ; : */
    uint16_t after_term;        /* the word capitalized after such a short word's full stop */
} word_counts;

typedef struct doc_stats doc_stats;

/* Count the words of text[0..len) (validated UTF-8). 0 or -ERR_NOMEM. */
int doc_stats_new(const char *text, size_t len, doc_stats **out);

/* The same a window at a time: begin, then add the full stops of text[from..to), where
 * text[0..len) holds at least DOC_STATS_REACH bytes before `from` (or the start of the
 * document) and `to` is a cut point (doc_stats_cut_before) DOC_STATS_REACH bytes or more
 * before len (or len at the end of the document). The counts are then those of
 * doc_stats_new over the whole document. 0 or -ERR_NOMEM. */
enum { DOC_STATS_REACH = 512 };
int doc_stats_begin(doc_stats **out);
int doc_stats_add(doc_stats *s, const char *text, size_t len, size_t from, size_t to);

/* A cut point at or before byte `at` of text[0..len): the start of a character that is
 * neither a space nor a closing mark, so that no full stop's look ahead (the closing
 * marks and spaces after it, then one word) goes past it by more than one word. 0 when
 * there is none. */
size_t doc_stats_cut_before(const char *text, size_t len, size_t at);

/* The counts of a word (word_hash of it), or NULL when it was not worth counting. */
const word_counts *doc_stats_find(const doc_stats *s, uint64_t hash);

void doc_stats_free(doc_stats *s);

#endif
