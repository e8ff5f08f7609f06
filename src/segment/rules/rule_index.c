/* rule_index.c — rule masks per character; see rule_index.h. */
#include "rule_index.h"

#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 256 };

typedef struct {
    const USet *const *sets;
    uint64_t ascii[128];      /* rules whose set holds ASCII character c */
    uint64_t edge;            /* rules with no set: the edge of the text passes them too */
    UChar32 key[CACHE_SLOTS]; /* recent characters beyond ASCII … */
    uint64_t mask[CACHE_SLOTS]; /* … and their rules */
} side_index;

struct rule_index {
    size_t n;                 /* rules indexed, at most 64 */
    side_index before, at, word;
};

static void side_init(side_index *s, const USet *const *sets, size_t n)
{
    s->sets = sets;
    for (size_t k = 0; k < n; k++) {
        if (!sets[k])
            s->edge |= 1ull << k;
        for (UChar32 c = 0; c < 128; c++)
            if (!sets[k] || uset_contains(sets[k], c))
                s->ascii[c] |= 1ull << k;
    }
    for (int k = 0; k < CACHE_SLOTS; k++)
        s->key[k] = -1;
}

/* A character beyond ASCII that is not in its cache slot: its rules, looked up and kept
 * there. Out of line, so that the common case below saves no registers. */
static __attribute__((noinline)) uint64_t side_mask_miss(side_index *s, size_t n, UChar32 c, size_t slot)
{
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!s->sets[k] || uset_contains(s->sets[k], c))
            m |= 1ull << k;
    s->key[slot] = c;
    s->mask[slot] = m;
    return m;
}

static uint64_t side_mask(side_index *s, size_t n, UChar32 c)
{
    if (c < 0)
        return s->edge;
    if (c < 128)
        return s->ascii[c];
    size_t slot = (size_t)(c ^ c >> 8) % CACHE_SLOTS;
    return s->key[slot] == c ? s->mask[slot] : side_mask_miss(s, n, c, slot);
}

rule_index *rule_index_new(const USet *const *lasts, const USet *const *firsts, const USet *const *words,
                           size_t n)
{
    rule_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->n = n < 64 ? n : 64;
    side_init(&ix->before, lasts, ix->n);
    side_init(&ix->at, firsts, ix->n);
    side_init(&ix->word, words, ix->n);
    return ix;
}

uint64_t rule_index_candidates(rule_index *ix, UChar32 before, UChar32 at)
{
    return side_mask(&ix->before, ix->n, before) & side_mask(&ix->at, ix->n, at);
}

uint64_t rule_index_word(rule_index *ix, UChar32 word)
{
    return side_mask(&ix->word, ix->n, word);
}

void rule_index_free(rule_index *ix)
{
    free(ix);
}
