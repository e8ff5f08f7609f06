/* lexwords.h — words of a text as lexicon keys, the same way at build time and run time.
 *
 * Alphabetic languages: runs of letters, lower-cased (Russian ё read as е), function
 * words dropped (a short stop list per language), then the Snowball stem of the language
 * (libstemmer), so "walked" meets "walks" and "шёл" its other endings. Languages written
 * without spaces (Chinese, Japanese) are not split here: their keys are dictionary
 * headwords, found in running text by greedy longest match over the lexicon's keys
 * (lexset.h), which on the dev set beat ICU's word breaks for lookup. */
#ifndef POLYALIGN_ALIGN_LEXWORDS_H
#define POLYALIGN_ALIGN_LEXWORDS_H

#include <stddef.h>

typedef struct lexwords lexwords;

/* A normalizer for language `base` ("en", "ru", "zh" …). Never fails for a known language
 * without a stemmer: words are then only lower-cased. */
int lexwords_new(const char *base, lexwords **out);
void lexwords_free(lexwords *w);

/* Call `emit` with each content word key of text[0..len) (valid UTF-8); stops at the
 * first non-zero return and returns it. Keys are only valid during the call. */
typedef int (*lexwords_emit)(void *ctx, const char *key, size_t n);
int lexwords_each(lexwords *w, const char *text, size_t len, lexwords_emit emit, void *ctx);

#endif
