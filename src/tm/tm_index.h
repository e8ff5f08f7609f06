/* tm_index.h — fuzzy lookup in a translation memory, as CAT tools show it.
 *
 * A match percentage is 100 × (1 − edit distance / length of the longer segment), rounded
 * down, counted in words for languages written with spaces and in characters for the
 * others (Chinese, Japanese, Thai: lang_is_unspaced), over normalized tokens: lower case,
 * every number one token, punctuation, spaces and inline tags left out. What the
 * normalization hides still counts, as a penalty: one point for each of numbers, inline
 * tags, punctuation and case that differ (tm_match.differs says which), so only a unit
 * equal to the query in all of them is 100%, and "Open 3 files." is 99% for "Open 12 files.".
 *
 * Comparing a query with a million segments one by one would take seconds. The index
 * keeps, for every normalized token of the sources (the k-th "the" of a segment being a
 * token of its own), the units that contain it, the units ordered by length. A unit
 * scoring at least min must share at least min% of the longer segment's tokens with the
 * query and have a length within min% of the query's, so a lookup reads only the units of
 * those lengths in the lists of the query's rarest tokens (prefix filtering), drops those
 * that cannot reach the count through the other lists, and scores the rest: nothing that
 * scores at least min is missed, and common words cost little. It can be saved and
 * loaded; a saved index records its two languages, and loading it for another pair is
 * refused (it would silently answer in the languages it was built for).
 * Lookups on one index are not thread-safe (the index keeps a scratch counter). */
#ifndef POLYALIGN_TM_INDEX_H
#define POLYALIGN_TM_INDEX_H

#include <stddef.h>

typedef struct tm_index tm_index;

/* What differs between a query and a unit beyond their normalized words: each costs a
 * point of the percentage. */
enum {
    TM_DIFF_NUMBERS = 1,        /* the numbers as written ("7355" against "7360") */
    TM_DIFF_TAGS = 2,           /* inline tags (<b>…</b>; a unit's bpt/ept/ph/it/ut codes) */
    TM_DIFF_PUNCTUATION = 4,    /* punctuation and symbols, in order */
    TM_DIFF_CASE = 8,           /* a word both have, in other capitals */
};

typedef struct {
    const char *source;     /* the memory's source segment */
    const char *target;     /* its translation */
    int score;              /* 0..100 */
    unsigned differs;       /* TM_DIFF_* bits */
    size_t order;           /* the unit's place in the memory (0: first) */
} tm_match;

/* The most matches one lookup can return. */
enum { TM_INDEX_MAX_MATCHES = 256 };

/* Build from the units of a TMX holding both languages (tags match by prefix). */
int tm_index_build(const char *tmx_path, const char *src, const char *tgt, tm_index **out);

/* Save to / load from a file written by tm_index_save. Loading checks that the index was
 * built for source `src` and target `tgt` (canonical tags compared; NULL: any) and fails
 * with -ERR_USAGE, naming both pairs, when it was not. */
int tm_index_save(const tm_index *ix, const char *path);
int tm_index_load(const char *path, const char *src, const char *tgt, tm_index **out);

/* Only check that the file at path is an index of ours for src to tgt (the header alone):
 * 0, or the error tm_index_load would give for it. */
int tm_index_check(const char *path, const char *src, const char *tgt);

/* The languages the index was built for, as given to tm_index_build (canonicalized). */
const char *tm_index_lang(const tm_index *ix, int side /* 0: source, 1: target */);

size_t tm_index_units(const tm_index *ix);

/* The best matches of `query` scoring at least min_score, best first (at most max): by
 * score, then by place in the memory, so that ties always come out in the same order.
 * Returns how many, or -ERR_NOMEM (the message set): a lookup cut short by memory is
 * never an answer of "no match". */
ptrdiff_t tm_index_lookup(const tm_index *ix, const char *query, int min_score, tm_match *out, size_t max);

/* What the last tm_index_lookup on ix cost: postings read and units scored. A query's
 * work is bounded by the units whose length can reach min_score, never by how common
 * its words are ("Report of the" reads only units of 3 or 4 words at --min 70). */
size_t tm_index_last_work(const tm_index *ix);

/* A query tokenized once, for scoring it against units one by one. */
typedef struct tm_query tm_query;

/* 0, or -ERR_IO when out of memory. */
int tm_query_new(const tm_index *ix, const char *text, tm_query **out);
void tm_query_free(tm_query *q);

/* Score unit number `unit` (0 .. tm_index_units − 1, in the index's own order) as
 * tm_index_lookup does: 1 and *out filled when it scores at least min_score, else 0.
 * Scoring every unit this way is what the index must agree with (make bench checks). */
int tm_index_score(const tm_index *ix, tm_query *q, size_t unit, int min_score, tm_match *out);

/* Order of matches for qsort: higher score first, then earlier in the memory. */
int tm_match_compare(const void *a, const void *b);

void tm_index_free(tm_index *ix);

#endif
