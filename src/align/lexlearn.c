/* lexlearn.c — learning document-specific word pairs; see lexlearn.h.
 *
 * Counts live in tables keyed by 64 bits (u64table.h): one of pairs, keyed (s << 32 | t),
 * and one of each word's own count, keyed (side << 32 | w), so that no word's hash can
 * take a pair's count or the other way round. Only beads of one to two sentences a side
 * are counted: bigger beads pair too many words with too many. */
#include "lexlearn.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/search.h"
#include "../util/u32set.h"
#include "../util/u64table.h"
#include "../util/vec.h"
#include "weights.h"

/* a count of a word pair or of one word (u64table.h: the key first); packed, 12 bytes
 * rather than 16, as the table of a long document holds millions of them */
typedef struct __attribute__((packed)) {
    uint64_t key;
    uint32_t count;
} count_slot;

static int count_add(u64_table *counts, uint64_t key)
{
    int added;
    count_slot *c = u64_table_put(counts, key, &added);
    if (!c)
        return error_nomem();
    c->count++;
    return 0;
}

static uint32_t count_of(const u64_table *counts, uint64_t key)
{
    const count_slot *c = u64_table_get(counts, key);
    return c ? c->count : 0;
}

static uint64_t word_key(int side, uint32_t w)
{
    return (uint64_t)side << 32 | w;
}

/* The sorted unique words of sentences [i, i+d) of a side, into buf; returns the count. */
static size_t bead_words(const lex_side *s, size_t i, size_t d, uint32_t *buf, size_t cap)
{
    size_t n = 0;
    for (size_t k = i; k < i + d; k++)
        for (uint32_t x = s->astart[k]; x < s->astart[k + 1] && n < cap; x++)
            buf[n++] = s->all[x];
    return u32_sort_unique(buf, n);
}

typedef struct {
    uint32_t from, to;
} pair;

static int pair_cmp(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    return x->from != y->from ? (x->from > y->from) - (x->from < y->from) : (x->to > y->to) - (x->to < y->to);
}

/* First of the pairs p[0..np) (sorted) learned for word `from`, or np. */
typedef struct {
    const pair *p;
    uint32_t from;
} pair_key;

static int pair_is_below(size_t i, const void *ctx)
{
    const pair_key *k = ctx;
    return k->p[i].from < k->from;
}

static size_t first_pair(const pair *p, size_t np, uint32_t from)
{
    pair_key key = {p, from};
    size_t lo = partition_point(0, np, pair_is_below, &key);
    return lo < np && p[lo].from == from ? lo : np;
}

/* `out`: side `in` with the learned pairs p (sorted by source word): words that gained a
 * translation join each sentence's words and the vocabulary, with their translations. */
static int augment(const lex_side *in, const pair *p, size_t np, lex_side *out)
{
    memset(out, 0, sizeof *out);
    out->n = in->n;
    size_t wcap = 0, nw = 0;
    out->wstart = malloc((in->n + 1) * sizeof *out->wstart);
    if (!out->wstart)
        return error_nomem();
    for (size_t k = 0; k < in->n; k++) {
        out->wstart[k] = (uint32_t)nw;
        size_t w0 = nw, most = (in->wstart[k + 1] - in->wstart[k]) + (in->astart[k + 1] - in->astart[k]);
        if (vec_reserve(&out->words, &wcap, nw + most + 1, sizeof *out->words) < 0)
            return error_nomem();
        for (uint32_t x = in->wstart[k]; x < in->wstart[k + 1]; x++)
            out->words[nw++] = in->words[x];
        for (uint32_t x = in->astart[k]; x < in->astart[k + 1]; x++)
            if (first_pair(p, np, in->all[x]) < np)
                out->words[nw++] = in->all[x];
        nw = u32_sort_unique_from(out->words, w0, nw);
    }
    out->wstart[in->n] = (uint32_t)nw;
    if (!out->words && !(out->words = malloc(sizeof *out->words)))
        return error_nomem();
    /* the vocabulary: the lexicons' words and the learned ones, merged in order */
    size_t nv = 0, nt = 0;
    out->vocab = malloc((in->nvocab + np + 1) * sizeof *out->vocab);
    out->vstart = malloc((in->nvocab + np + 1) * sizeof *out->vstart);
    out->vtrans = malloc((in->vstart[in->nvocab] + np + 1) * sizeof *out->vtrans);
    if (!out->vocab || !out->vstart || !out->vtrans)
        return error_nomem();
    for (size_t v = 0, q = 0; v < in->nvocab || q < np;) {
        uint32_t h = v < in->nvocab && (q == np || in->vocab[v] <= p[q].from) ? in->vocab[v] : p[q].from;
        out->vocab[nv] = h;
        out->vstart[nv] = (uint32_t)nt;
        size_t t0 = nt;
        if (v < in->nvocab && in->vocab[v] == h) {
            for (uint32_t x = in->vstart[v]; x < in->vstart[v + 1]; x++)
                out->vtrans[nt++] = in->vtrans[x];
            v++;
        }
        for (; q < np && p[q].from == h; q++)
            out->vtrans[nt++] = p[q].to;
        nt = u32_sort_unique_from(out->vtrans, t0, nt);
        nv++;
    }
    out->nvocab = nv;
    out->vstart[nv] = (uint32_t)nt;
    return 0;
}

enum { BEAD_WORDS = 256 };

/* Beads of one or two sentences a side: bigger ones pair too many words with too many. */
static int learnable(const dp_bead *b)
{
    return b->di && b->dj && b->di <= 2 && b->dj <= 2;
}

/* Keep, of the n words w of one side of a bead, those seen in at least LEARN_MIN_COUNT
 * beads, with their counts into c; returns how many. */
static size_t frequent_words(const u64_table *words, int side, uint32_t *w, double *c, size_t n)
{
    size_t kept = 0;
    for (size_t x = 0; x < n; x++) {
        uint32_t count = count_of(words, word_key(side, w[x]));
        if (count >= LEARN_MIN_COUNT) {
            w[kept] = w[x];
            c[kept++] = count;
        }
    }
    return kept;
}

/* Whether two words counted cs and ct times can form a pair of Dice coefficient
 * LEARN_MIN_DICE: their pair count is at most the smaller of the two. */
static int dice_reachable(double cs, double ct)
{
    return 2.0 * (cs < ct ? cs : ct) / (cs + ct) >= LEARN_MIN_DICE;
}

int lexlearn_pairs(const lex_side in[2], const dp_bead *b, size_t nb, lex_side out[2], size_t *learned)
{
    *learned = 0;
    memset(out, 0, 2 * sizeof *out);
    u64_table counts, words; /* of pairs, of single words */
    u64_table_init(&counts, sizeof(count_slot));
    u64_table_init(&words, sizeof(count_slot));
    pair *p[2] = {NULL, NULL};
    size_t np[2] = {0, 0}, cap[2] = {0, 0};
    uint32_t *ws = malloc(BEAD_WORDS * sizeof *ws), *wt = malloc(BEAD_WORDS * sizeof *wt);
    double *cs = malloc(BEAD_WORDS * sizeof *cs), *ct = malloc(BEAD_WORDS * sizeof *ct);
    int rc = ws && wt && cs && ct ? 0 : error_nomem();
    /* each word's count first, then only the pairs that can be kept: a pair meets in no
     * more beads than its rarer word, so a word seen in fewer than LEARN_MIN_COUNT beads,
     * or two words whose counts are too far apart for the Dice coefficient to reach
     * LEARN_MIN_DICE, are never counted as a pair (the pairs of frequent with rare words
     * were most of the table, the largest allocation of a long document's alignment) */
    for (size_t k = 0; k < nb && rc == 0; k++) {
        if (!learnable(&b[k]))
            continue;
        size_t ns = bead_words(&in[0], b[k].i, b[k].di, ws, BEAD_WORDS);
        size_t nt = bead_words(&in[1], b[k].j, b[k].dj, wt, BEAD_WORDS);
        for (size_t x = 0; x < ns && rc == 0; x++)
            rc = count_add(&words, word_key(0, ws[x]));
        for (size_t y = 0; y < nt && rc == 0; y++)
            rc = count_add(&words, word_key(1, wt[y]));
    }
    for (size_t k = 0; k < nb && rc == 0; k++) {
        if (!learnable(&b[k]))
            continue;
        size_t ns = frequent_words(&words, 0, ws, cs, bead_words(&in[0], b[k].i, b[k].di, ws, BEAD_WORDS));
        size_t nt = frequent_words(&words, 1, wt, ct, bead_words(&in[1], b[k].j, b[k].dj, wt, BEAD_WORDS));
        for (size_t x = 0; x < ns && rc == 0; x++)
            for (size_t y = 0; y < nt && rc == 0; y++)
                if (dice_reachable(cs[x], ct[y]))
                    rc = count_add(&counts, (uint64_t)ws[x] << 32 | wt[y]);
    }
    /* keep the pairs that meet often and rarely apart (in any order: sorted below) */
    size_t at = 0;
    for (const count_slot *c; rc == 0 && (c = u64_table_next(&counts, &at));) {
        if (c->count < LEARN_MIN_COUNT)
            continue;
        uint32_t s = (uint32_t)(c->key >> 32), t = (uint32_t)c->key;
        double count_s = count_of(&words, word_key(0, s)), count_t = count_of(&words, word_key(1, t));
        if (2.0 * c->count / (count_s + count_t) < LEARN_MIN_DICE)
            continue;
        for (int side = 0; side < 2 && rc == 0; side++) {
            if (vec_reserve(&p[side], &cap[side], np[side] + 1, sizeof *p[side]) < 0)
                rc = error_nomem();
            else
                p[side][np[side]++] = side == 0 ? (pair){s, t} : (pair){t, s};
        }
        *learned += rc == 0;
    }
    for (int side = 0; side < 2 && rc == 0; side++) {
        if (np[side] > 1)
            qsort(p[side], np[side], sizeof *p[side], pair_cmp);
        rc = augment(&in[side], p[side], np[side], &out[side]);
    }
    u64_table_free(&counts);
    u64_table_free(&words);
    free(ws);
    free(wt);
    free(cs);
    free(ct);
    free(p[0]);
    free(p[1]);
    if (rc < 0) {
        lex_side_free(&out[0]);
        lex_side_free(&out[1]);
        return error_nomem();
    }
    return 0;
}
