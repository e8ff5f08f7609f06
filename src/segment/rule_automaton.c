/* rule_automaton.c — the position automaton of a rule pattern; see rule_automaton.h.
 *
 * Every character-set atom of the parse tree is a position. The classic construction
 * gives each sub-expression the positions it can start with (first), end with (last)
 * and whether it can match empty; concatenation links the last positions of one item to
 * the first of the next (follow), and a repeat links its own last to its own first. A
 * backwards automaton is the same construction with every sequence read right to left.
 * Running it keeps the set of positions the text read so far can end at, as a bitset.
 * Read backwards, `^` is a position of its own that only the start of the text takes, so
 * "(?:^|\s)[a-z]\." rules out "word." at once. A pattern that is only look-behinds (or
 * look-aheads) gets the automaton of the one next to the position: it must match there.
 * Which positions a character can take is a table lookup for ASCII; for other characters
 * a hash of the positions that are one literal character ("г", "т" in abbreviation
 * lists), and a set test only for positions that are real classes (\p{L}). */
#include "rule_automaton.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "rule_tree.h"

enum {
    MAX_WORDS = 16,          /* at most 1,024 positions: larger patterns get no automaton */
    MAX_STEPS = 32,          /* code points read before giving up with "may match" */
    CACHE_SLOTS = 64
};

struct rule_automaton {
    int dir;
    int npos, words;
    USet **sets;             /* per position, frozen */
    uint64_t *follow;        /* npos x words */
    uint64_t *ascii;         /* 128 x words: the positions whose set holds ASCII character c */
    UChar32 *literal;        /* hash of the non-ASCII characters that are a position's whole set */
    uint64_t *literal_mask;  /* per hash slot, words: their positions */
    int literal_slots;       /* a power of two */
    uint64_t classes[MAX_WORDS]; /* positions whose set holds several non-ASCII characters */
    uint64_t edge[MAX_WORDS];    /* `^` read backwards: taken by the start of the text only */
    UChar32 cache_char[CACHE_SLOTS]; /* one-word automata: recent characters beyond ASCII … */
    uint64_t cache_mask[CACHE_SLOTS]; /* … and the positions they take (Cyrillic text reads a few
                                         dozen letters over and over) */
    uint64_t first[MAX_WORDS], accept[MAX_WORDS];
};

typedef struct {
    uint64_t first[MAX_WORDS], last[MAX_WORDS];
    int nullable;
} fragment;

typedef struct {
    rule_automaton *a;
    int next;                /* positions numbered so far */
} builder;

static void bits_or(uint64_t *to, const uint64_t *from, int words)
{
    for (int w = 0; w < words; w++)
        to[w] |= from[w];
}

/* follow[p] |= to, for every p in `from` */
static void link(rule_automaton *a, const uint64_t *from, const uint64_t *to)
{
    for (int w = 0; w < a->words; w++)
        for (uint64_t m = from[w]; m; m &= m - 1)
            bits_or(a->follow + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)a->words, to, a->words);
}

/* `^` or `\A`, which a backwards automaton reads as the start of the text */
static int is_text_start(const rule_item *it, int dir)
{
    return dir < 0 && it->kind == ATOM_ZERO_WIDTH && !it->look &&
           ((it->text_len == 1 && it->text[0] == '^') || (it->text_len == 2 && !strncmp(it->text, "\\A", 2)));
}

static int count_positions(const rule_item *it, int dir)
{
    if (it->kind == ATOM_SET || is_text_start(it, dir))
        return 1;
    if (it->kind == ATOM_ZERO_WIDTH)
        return 0; /* a look-around's contents are not read */
    int n = 0;
    for (int k = 0; k < it->nalts; k++)
        for (int j = 0; j < it->alts[k]->n; j++)
            n += count_positions(&it->alts[k]->items[j], dir);
    return n;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out);

static int sequence_fragment(builder *b, const rule_seq *s, fragment *out)
{
    memset(out, 0, sizeof *out);
    out->nullable = 1;
    for (int k = 0; k < s->n; k++) {
        fragment f;
        if (item_fragment(b, &s->items[b->a->dir > 0 ? k : s->n - 1 - k], &f) < 0)
            return -1;
        link(b->a, out->last, f.first);
        if (out->nullable)
            bits_or(out->first, f.first, b->a->words);
        if (!f.nullable)
            memset(out->last, 0, sizeof out->last);
        bits_or(out->last, f.last, b->a->words);
        out->nullable &= f.nullable;
    }
    return 0;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out)
{
    memset(out, 0, sizeof *out);
    if (is_text_start(it, b->a->dir)) {
        int p = b->next++;
        b->a->edge[p / 64] |= 1ull << (p % 64);
        out->first[p / 64] = out->last[p / 64] = 1ull << (p % 64);
        return 0;
    }
    if (it->kind == ATOM_ZERO_WIDTH) {
        out->nullable = 1;
        return 0;
    }
    if (it->kind == ATOM_SET) {
        int p = b->next++;
        USet *set = uset_clone(it->set);
        if (!set)
            return -1;
        uset_freeze(set);
        b->a->sets[p] = set;
        out->first[p / 64] = out->last[p / 64] = 1ull << (p % 64);
        for (UChar32 c = 0; c < 128; c++)
            if (uset_contains(set, c))
                b->a->ascii[(size_t)c * (size_t)b->a->words + (size_t)(p / 64)] |= 1ull << (p % 64);
    } else {
        for (int k = 0; k < it->nalts; k++) {
            fragment f;
            if (sequence_fragment(b, it->alts[k], &f) < 0)
                return -1;
            bits_or(out->first, f.first, b->a->words);
            bits_or(out->last, f.last, b->a->words);
            out->nullable |= f.nullable;
        }
    }
    if (it->max > 1)
        link(b->a, out->last, out->first);
    out->nullable |= it->min == 0;
    return 0;
}

static size_t literal_slot(const rule_automaton *a, UChar32 c)
{
    size_t h = (size_t)c * 2654435761u & (size_t)(a->literal_slots - 1);
    while (a->literal[h] != -1 && a->literal[h] != c)
        h = (h + 1) & (size_t)(a->literal_slots - 1);
    return h;
}

/* Sort the positions that can hold non-ASCII characters into literals and classes. */
static int index_non_ascii(rule_automaton *a)
{
    a->literal_slots = 16;
    while (a->literal_slots < 2 * a->npos)
        a->literal_slots *= 2;
    a->literal = malloc((size_t)a->literal_slots * sizeof *a->literal);
    a->literal_mask = calloc((size_t)a->literal_slots * (size_t)a->words, sizeof *a->literal_mask);
    if (!a->literal || !a->literal_mask)
        return -1;
    for (int k = 0; k < a->literal_slots; k++)
        a->literal[k] = -1;
    for (int p = 0; p < a->npos; p++) {
        USet *set = a->sets[p];
        if (!set)
            continue; /* the start of the text */
        UChar32 lo, hi;
        UErrorCode err = U_ZERO_ERROR;
        int32_t items = uset_getItemCount(set);
        if (items == 1 && uset_getItem(set, 0, &lo, &hi, NULL, 0, &err) == 0 && lo == hi) {
            if (lo < 128)
                continue; /* the ASCII table has it */
            size_t h = literal_slot(a, lo);
            a->literal[h] = lo;
            a->literal_mask[h * (size_t)a->words + (size_t)(p / 64)] |= 1ull << (p % 64);
        } else if (uset_size(set) > 0 && (uset_size(set) > 128 || uset_charAt(set, uset_size(set) - 1) >= 128)) {
            a->classes[p / 64] |= 1ull << (p % 64);
        }
    }
    return 0;
}

void rule_automaton_free(rule_automaton *a)
{
    if (!a)
        return;
    for (int p = 0; p < a->npos; p++)
        if (a->sets[p])
            uset_close(a->sets[p]);
    free(a->sets);
    free(a->follow);
    free(a->ascii);
    free(a->literal);
    free(a->literal_mask);
    free(a);
}

rule_automaton *rule_automaton_new(const char *pattern, int dir)
{
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    if (rule_tree_parse(pattern, &top, NULL) < 0)
        return NULL;
    dir = dir > 0 ? 1 : -1;
    /* only look-arounds: the one next to the position, read as a group */
    rule_item root = top;
    const rule_seq *only = top.nalts == 1 ? top.alts[0] : NULL;
    for (int k = 0; only && k < only->n; k++)
        if (only->items[k].kind != ATOM_ZERO_WIDTH)
            only = NULL;
    if (only && only->n > 0) {
        const rule_item *near = &only->items[dir > 0 ? 0 : only->n - 1];
        if (near->look == (dir > 0 ? '=' : '<')) {
            root = *near;
            root.kind = ATOM_GROUP;
            root.min = root.max = 1;
        }
    }
    int npos = count_positions(&root, dir);
    rule_automaton *a = npos > 0 && npos <= MAX_WORDS * 64 ? calloc(1, sizeof *a) : NULL;
    if (a) {
        a->dir = dir;
        a->npos = npos;
        a->words = (npos + 63) / 64;
        a->sets = calloc((size_t)npos, sizeof *a->sets);
        a->follow = calloc((size_t)npos * (size_t)a->words, sizeof *a->follow);
        a->ascii = calloc((size_t)128 * (size_t)a->words, sizeof *a->ascii);
        builder b = {a, 0};
        fragment f;
        if (!a->sets || !a->follow || !a->ascii || item_fragment(&b, &root, &f) < 0 || f.nullable) {
            rule_automaton_free(a); /* a pattern that can match empty rules nothing out */
            a = NULL;
        } else {
            memcpy(a->first, f.first, sizeof a->first);
            memcpy(a->accept, f.last, sizeof a->accept);
            for (int k = 0; k < CACHE_SLOTS; k++)
                a->cache_char[k] = -1;
            if (index_non_ascii(a) < 0) {
                rule_automaton_free(a);
                a = NULL;
            }
        }
    }
    rule_item_free(&top);
    return a;
}

/* The next code point in the reading direction, or -1 at the edge of the text. */
static inline UChar32 read_char(int dir, const uint8_t *t, size_t len, size_t *at)
{
    UChar32 c;
    if (dir > 0) {
        if (*at >= len)
            return -1;
        if (t[*at] < 0x80)
            return t[(*at)++];
        size_t avail = len - *at < 4 ? len - *at : 4;
        int32_t i = 0;
        U8_NEXT(t + *at, i, (int32_t)avail, c);
        *at += (size_t)i;
    } else {
        if (*at == 0)
            return -1;
        if (t[*at - 1] < 0x80)
            return t[--(*at)];
        int32_t back = *at < 4 ? (int32_t)*at : 4, i = back;
        U8_PREV(t + *at - (size_t)back, 0, i, c);
        *at -= (size_t)(back - i);
    }
    return c;
}

/* The positions of `candidates` that a character beyond ASCII can take. */
static uint64_t taking_wide(const rule_automaton *a, UChar32 c, int w, uint64_t candidates)
{
    size_t slot = literal_slot(a, c);
    uint64_t keep = a->literal[slot] == c ? a->literal_mask[slot * (size_t)a->words + (size_t)w] : 0;
    for (uint64_t m = candidates & a->classes[w]; m; m &= m - 1)
        if (uset_contains(a->sets[w * 64 + __builtin_ctzll(m)], c))
            keep |= m & -m;
    return candidates & keep;
}

/* The positions of `candidates` that character c (-1: the edge of the text) can take. */
static inline uint64_t taking(const rule_automaton *a, UChar32 c, int w, uint64_t candidates)
{
    if (c >= 0 && c < 128)
        return candidates & a->ascii[(size_t)c * (size_t)a->words + (size_t)w];
    return c < 0 ? candidates & a->edge[w] : taking_wide(a, c, w, candidates);
}

/* taking() for one-word automata, remembering what characters beyond ASCII take. */
static inline uint64_t taking_cached(rule_automaton *a, UChar32 c, uint64_t candidates)
{
    if (c < 128)
        return taking(a, c, 0, candidates);
    size_t slot = (size_t)(c ^ c >> 6) % CACHE_SLOTS;
    if (a->cache_char[slot] != c) {
        a->cache_mask[slot] = taking_wide(a, c, 0, ~0ull);
        a->cache_char[slot] = c;
    }
    return candidates & a->cache_mask[slot];
}

/* Most patterns have at most 64 positions: one word of state, no loops over words. */
static inline int may_match_small(rule_automaton *a, int dir, const uint8_t *t, size_t len, size_t pos)
{
    UChar32 c = read_char(dir, t, len, &pos);
    uint64_t state = taking_cached(a, c, a->first[0]);
    for (int step = 1; step < MAX_STEPS; step++) {
        if (c < 0 || !state || state & a->accept[0])
            return (state & a->accept[0]) != 0; /* the edge of the text ends the reading */
        c = read_char(dir, t, len, &pos);
        uint64_t next = 0;
        for (uint64_t m = state; m; m &= m - 1)
            next |= a->follow[__builtin_ctzll(m)];
        state = taking_cached(a, c, next);
    }
    return 1;
}

int rule_automaton_may_match(rule_automaton *a, const char *text, size_t len, size_t pos)
{
    const uint8_t *t = (const uint8_t *)text;
    if (a->words == 1) /* the direction a constant in each copy */
        return a->dir > 0 ? may_match_small(a, 1, t, len, pos) : may_match_small(a, -1, t, len, pos);
    uint64_t state[MAX_WORDS], next[MAX_WORDS];
    int words = a->words;
    for (int step = 0; step < MAX_STEPS; step++) {
        UChar32 c = read_char(a->dir, t, len, &pos);
        if (step == 0) {
            memcpy(next, a->first, (size_t)words * sizeof *next);
        } else {
            memset(next, 0, (size_t)words * sizeof *next);
            for (int w = 0; w < words; w++)
                for (uint64_t m = state[w]; m; m &= m - 1)
                    bits_or(next, a->follow + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)words, words);
        }
        uint64_t any = 0, done = 0;
        for (int w = 0; w < words; w++) {
            next[w] = taking(a, c, w, next[w]);
            any |= next[w];
            done |= next[w] & a->accept[w];
        }
        if (c < 0 || !any || done)
            return done != 0;
        memcpy(state, next, (size_t)words * sizeof *state);
    }
    return 1;
}
