/* lexuser.h — the user's lexicons (--lexicon) of one command, each compiled once.
 *
 * A user's file is compiled in memory for one pair of languages, since its words become
 * keys by the rules of each language (lexwords.h). A command may align many document
 * groups, and with three texts two pairs per group, always in the same languages: the
 * set reads and compiles a file the first time a pair (source, target language) asks
 * for it, and hands the same lexicon to every later group of that pair. Reading only on
 * demand keeps the errors where they were: a file is read, and a malformed one refused
 * with its name and line, when the first pair that uses it is aligned, and never when
 * no pair does (its language is not a target, or the lexical score is off).
 *
 * Ownership: the caller makes the set, lends it to every lexset through lexset_config,
 * and frees it after the last of those lexsets; the set owns the compiled lexicons and a
 * lexset only borrows them. The file names and languages are borrowed too and must
 * outlive the set. Threads may share a set (a batch does): a get that compiles holds
 * the set's lock, and a compiled lexicon is read-only. */
#ifndef POLYALIGN_ALIGN_LEXUSER_H
#define POLYALIGN_ALIGN_LEXUSER_H

#include <stddef.h>

#include "lexicon.h"

typedef struct user_lexicons user_lexicons;

/* A set of n files; langs[k] is the target language (base subtag) file k is for, or NULL
 * for every pair (langs NULL: all for every pair). Reads nothing yet. */
int user_lexicons_new(const char *const *files, const char *const *langs, size_t n, user_lexicons **out);
void user_lexicons_free(user_lexicons *u);

/* Number of files in the set. */
size_t user_lexicons_count(const user_lexicons *u);

/* File k compiled for source `src` and target `tgt` (base subtags), side 0 being src;
 * *out is NULL when the file is for another target language. Compiled on the first call
 * for the pair and kept for later calls; a file that fails to load is an error naming
 * it (and the line, for a malformed one), and is tried again on a later call. */
int user_lexicons_get(user_lexicons *u, size_t k, const char *src, const char *tgt, const lexicon **out);

#endif
