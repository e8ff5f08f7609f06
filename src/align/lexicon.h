/* lexicon.h — a bilingual word lexicon, compiled to one binary that is memory-mapped.
 *
 * A lexicon links words of side 0 (English, the pivot) with words of side 1 (Chinese,
 * Russian, …). Words are normalized keys (lexwords.h): Snowball stems of lower-cased
 * words for alphabetic languages, dictionary headwords for Chinese. The compiled form is
 * what `make` builds from CC-CEDICT and FreeDict (tools/lexicon_build.c) and what a
 * user's --lexicon file is turned into in memory, so both take one code path:
 *
 *   header | per side: key offsets[n+1], key hashes[n], link starts[n+1], links[…] | strings
 *
 * Keys are sorted bytewise, so lookup is a binary search and greedy longest match walks
 * a narrowing range of keys sharing a prefix. Links are the hashes (lexicon_hash) of the
 * other side's keys, the id space in which several lexicons meet per document, stored in
 * place so that a word's translations are read in one sequential run. Every
 * offset is checked when a file is opened: a damaged file is an error, never a crash. */
#ifndef POLYALIGN_ALIGN_LEXICON_H
#define POLYALIGN_ALIGN_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct lexicon lexicon;

/* ---- building ---- */

typedef struct lexicon_builder lexicon_builder;

/* A builder for languages lang0 (side 0) and lang1 (side 1), base subtags like "en". */
int lexicon_builder_new(const char *lang0, const char *lang1, lexicon_builder **out);

/* Link key k0 of side 0 with key k1 of side 1 (normalized keys, copied). */
int lexicon_builder_link(lexicon_builder *b, const char *k0, size_t n0, const char *k1, size_t n1);

/* Number of links added so far (duplicates included). */
size_t lexicon_builder_count(const lexicon_builder *b);

/* The compiled bytes (malloc'd, *len bytes). The builder stays usable. */
int lexicon_builder_compile(lexicon_builder *b, void **bytes, size_t *len);

void lexicon_builder_free(lexicon_builder *b);

/* ---- reading ---- */

/* Map a compiled file. -ERR_NOINPUT when it cannot be opened, -ERR_DATA when damaged. */
int lexicon_open(const char *path, lexicon **out);

/* Use compiled bytes in memory (takes ownership of the malloc'd buffer). */
int lexicon_from_bytes(void *bytes, size_t len, const char *name, lexicon **out);

void lexicon_free(lexicon *lx);

const char *lexicon_lang(const lexicon *lx, int side);
size_t lexicon_nkeys(const lexicon *lx, int side);
size_t lexicon_nlinks(const lexicon *lx);

/* Index of key s[0..n) on `side`, or -1. */
long lexicon_find(const lexicon *lx, int side, const char *s, size_t n);

/* Length in bytes of the longest key of `side` that is a prefix of s[0..n), with its
 * index in *key; 0 when none. */
size_t lexicon_longest_prefix(const lexicon *lx, int side, const char *s, size_t n, long *key);

/* The keys of the other side linked to key `k` of `side`: *n hashes (lexicon_hash). */
const uint32_t *lexicon_links(const lexicon *lx, int side, long k, size_t *n);

/* Hash of key `k` of `side` (lexicon_hash of its bytes, stored in the file). */
uint32_t lexicon_key_hash(const lexicon *lx, int side, long k);

/* The hash that identifies a key across lexicons (FNV-1a of its bytes). */
uint32_t lexicon_hash(const char *s, size_t n);

#endif
