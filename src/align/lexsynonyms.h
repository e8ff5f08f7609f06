/* lexsynonyms.h — WordNet synonyms for the English words no dictionary translates.
 *
 * CC-CEDICT glosses 额头 as "forehead" and nowhere as "brow", so "mop the sweat from his
 * brow" met no dictionary word in "抹了抹额头汗水". WordNet (Debian's wordnet-base) puts
 * "brow" and "forehead" in one synset. When a compiled lexicon is built, an English word
 * that the dictionaries do not translate at all borrows the translations of the words of
 * its most frequent sense (the first synset its index lists), and only those: a word
 * with translations of its own keeps them alone, and later senses ("brow" of a hill) are
 * left out, so the new links are few and mostly right. Keys are lexwords.h's, so the
 * pairs meet the dictionaries' words however they are inflected. */
#ifndef POLYALIGN_ALIGN_LEXSYNONYMS_H
#define POLYALIGN_ALIGN_LEXSYNONYMS_H

#include <stddef.h>

#include "lexicon.h"

typedef struct lexsynonyms lexsynonyms;

/* Read WordNet's index.{noun,verb,adj,adv} and data.* from `dir`; `known` is the
 * lexicon the dictionaries gave (its English side 0 says which words are translated).
 * Lines that are not entries (the licence) are passed over. 0, -ERR_NOINPUT when a file
 * is missing, -ERR_IO when one cannot be read to its end, or -ERR_NOMEM. */
int lexsynonyms_read(const char *dir, const lexicon *known, lexsynonyms **out);

/* The untranslated words whose first sense holds the word of key[0..n): their number,
 * the first at index *first for lexsynonyms_word. */
size_t lexsynonyms_find(const lexsynonyms *s, const char *key, size_t n, size_t *first);

/* The key of untranslated word i (NUL-terminated). */
const char *lexsynonyms_word(const lexsynonyms *s, size_t i);

/* Pairs read (a synonym and an untranslated word). */
size_t lexsynonyms_count(const lexsynonyms *s);

void lexsynonyms_free(lexsynonyms *s);

#endif
