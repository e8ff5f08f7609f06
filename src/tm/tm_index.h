/* tm_index.h — fuzzy lookup in a translation memory, as CAT tools show it.
 *
 * A match percentage is 100 × (1 − edit distance / length of the longer segment), counted
 * in words for languages written with spaces and in characters for the others (Chinese,
 * Japanese, Thai: lang_is_unspaced), after normalizing case, punctuation and numbers (so
 * "Open 3 files." and "open 12 files" are a 100% match, as translators expect). Comparing a query with a million
 * segments one by one would take seconds; the index keeps, for every pair of neighbouring
 * normalized words (characters, for Chinese) of the sources, the units that contain it, so
 * a query only scores the few units that share the most with it. It can be saved and
 * loaded; a saved index records its two languages, and loading it for another pair is
 * refused (it would silently answer in the languages it was built for).
 * Lookups on one index are not thread-safe (the index keeps a scratch counter). */
#ifndef POLYALIGN_TM_INDEX_H
#define POLYALIGN_TM_INDEX_H

#include <stddef.h>

typedef struct tm_index tm_index;

typedef struct {
    const char *source;     /* the memory's source segment */
    const char *target;     /* its translation */
    int score;              /* 0..100 */
} tm_match;

/* The most matches one lookup can return (it scores this many best-sharing candidates). */
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

/* The best matches of `query` scoring at least min_score, best first (at most max). */
size_t tm_index_lookup(const tm_index *ix, const char *query, int min_score, tm_match *out, size_t max);

void tm_index_free(tm_index *ix);

#endif
