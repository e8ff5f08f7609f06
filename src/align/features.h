/* features.h — what the bead scores look at, computed once per sentence.
 *
 * Every candidate bead in the band is scored, so nothing here may be recomputed per bead:
 * each sentence gets its length in characters and small sorted sets of anchor keys that
 * survive translation (numbers, Latin words, transliterated names), plus counts of
 * question marks, exclamation marks and quotation marks. */
#ifndef POLYALIGN_ALIGN_FEATURES_H
#define POLYALIGN_ALIGN_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "hanlatin.h"
#include "../doc/text.h"

typedef enum {
    ANCHOR_NUMBER,  /* 1600, 3.5, 第三 -> 3 */
    ANCHOR_LATIN,   /* words in Latin script, lower-cased: "wic" in Chinese, any word in English */
    ANCHOR_NAME,    /* names: English capitalized words, Russian ones through BGN, Chinese pinyin */
    ANCHOR_KINDS
} anchor_kind;

typedef struct {
    uint32_t chars;                 /* non-space characters (code points) */
    uint8_t questions, exclamations, quotes;
    uint8_t quote_end;              /* the last quotation mark: 0 none, 1 opening, 2 closing */
    uint8_t in_quote;               /* inside a quotation after the sentence (the last mark
                                     * so far opened one) */
    uint32_t first[ANCHOR_KINDS];   /* offset of the sentence's keys in features.keys */
    uint16_t count[ANCHOR_KINDS];   /* number of keys (sorted, unique) */
} sentence_features;

typedef struct {
    sentence_features *s;   /* one per sentence */
    uint32_t *keys;         /* all keys */
    size_t n, nkeys;
    uint64_t total_chars;
} text_features;

/* Compute features of every sentence of t. 0 or a negative error code. */
int features_compute(const doc_text *t, text_features *out);

/* The same with the Han spellings of a command (hanlatin.h; NULL: the document's own). */
int features_compute_with(const doc_text *t, han_spellings *han, text_features *out);

void features_free(text_features *f);

/* Drop from each side the keys the other side never has: an anchor without a counterpart
 * anywhere in the document says nothing about which bead is right (every path must place
 * its sentence somewhere), and dropping it keeps the sets small and fast to compare. */
int features_prune_to_shared(text_features *a, text_features *b);

/* Number of distinct keys of kind k shared by source sentences [i, i+di) and target
 * sentences [j, j+dj); *only_src / *only_tgt get the keys found on one side only (on the
 * side with more keys, duplicates between its sentences are counted as distinct). */
void features_overlap(const text_features *src, size_t i, size_t di, const text_features *tgt, size_t j,
                      size_t dj, anchor_kind k, int *shared, int *only_src, int *only_tgt);

#endif
