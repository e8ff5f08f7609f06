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

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "rule_tree.h"

enum {
    MAX_WORDS = 16,          /* at most 1,024 positions: larger patterns get no automaton */
    MAX_STEPS = 32,          /* code points read before giving up with "may match" */
    CACHE_SLOTS = 64,
    UNROLL_POSITIONS = 64,   /* counted repeats ({1,3}) are written out when this many do */
    DFA_STATES = 128,        /* one-word automata remember this many states' ASCII moves */
    DFA_HASH = 256
};

struct rule_automaton {
    int dir;
    int npos, words;
    int exact;               /* the automaton's yes is the regex's yes */
    int nullable;            /* a match may be empty */
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
    /* one-word automata become deterministic as they run: state 0 is the start, the
     * others are the position sets met so far, with their moves on ASCII characters */
    int nstates;
    uint64_t state_set[DFA_STATES];
    int16_t *move;           /* DFA_STATES x 128, -1 not yet known */
    uint64_t hash_key[DFA_HASH];
    int16_t hash_state[DFA_HASH];
};

typedef struct {
    uint64_t first[MAX_WORDS], last[MAX_WORDS];
    int nullable;
} fragment;

typedef struct {
    rule_automaton *a;
    int next;                /* positions numbered so far */
    int unroll;              /* write counted repeats out */
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

/* A repeat other than ?, *, + : {2}, {1,3}, {0,80} */
static int counted(const rule_item *it)
{
    return !(it->min <= 1 && (it->max == 1 || it->max == INT_MAX));
}

/* How many copies of the item the automaton holds. */
static int copies(const rule_item *it, int unroll)
{
    if (!unroll || !counted(it) || it->kind == ATOM_ZERO_WIDTH)
        return 1;
    return it->max != INT_MAX ? it->max : it->min > 1 ? it->min : 1;
}

static int count_positions(const rule_item *it, int dir, int unroll)
{
    if (is_text_start(it, dir))
        return 1;
    if (it->kind == ATOM_ZERO_WIDTH)
        return 0; /* a look-around's contents are not read */
    long n = it->kind == ATOM_SET;
    for (int k = 0; k < it->nalts; k++)
        for (int j = 0; j < it->alts[k]->n; j++)
            n += count_positions(&it->alts[k]->items[j], dir, unroll);
    n *= copies(it, unroll);
    return n > MAX_WORDS * 64 ? MAX_WORDS * 64 + 1 : (int)n;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out);

/* out = out followed by f */
static void concatenate(builder *b, fragment *out, const fragment *f)
{
    link(b->a, out->last, f->first);
    if (out->nullable)
        bits_or(out->first, f->first, b->a->words);
    if (!f->nullable)
        memset(out->last, 0, sizeof out->last);
    bits_or(out->last, f->last, b->a->words);
    out->nullable &= f->nullable;
}

static int sequence_fragment(builder *b, const rule_seq *s, fragment *out)
{
    memset(out, 0, sizeof *out);
    out->nullable = 1;
    for (int k = 0; k < s->n; k++) {
        fragment f;
        if (item_fragment(b, &s->items[b->a->dir > 0 ? k : s->n - 1 - k], &f) < 0)
            return -1;
        concatenate(b, out, &f);
    }
    return 0;
}

/* One copy of an atom, without its repeat count. */
static int atom_fragment(builder *b, const rule_item *it, fragment *out)
{
    memset(out, 0, sizeof *out);
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
        return 0;
    }
    b->a->exact &= !it->caseless; /* ICU's own case folding may differ in corners */
    for (int k = 0; k < it->nalts; k++) {
        fragment f;
        if (sequence_fragment(b, it->alts[k], &f) < 0)
            return -1;
        bits_or(out->first, f.first, b->a->words);
        bits_or(out->last, f.last, b->a->words);
        out->nullable |= f.nullable;
    }
    return 0;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out)
{
    memset(out, 0, sizeof *out);
    out->nullable = 1;
    if (is_text_start(it, b->a->dir)) {
        int p = b->next++;
        b->a->edge[p / 64] |= 1ull << (p % 64);
        out->first[p / 64] = out->last[p / 64] = 1ull << (p % 64);
        out->nullable = 0;
        return 0;
    }
    if (it->kind == ATOM_ZERO_WIDTH) {
        b->a->exact = 0; /* \b, look-arounds and anchors are taken as true */
        return 0;
    }
    int n = copies(it, b->unroll), written_out = n > 1 || (b->unroll && counted(it));
    if (counted(it) && !written_out)
        b->a->exact = 0; /* {1,3} read as + */
    for (int k = 0; k < n; k++) {
        fragment f;
        if (atom_fragment(b, it, &f) < 0)
            return -1;
        if (written_out ? it->max == INT_MAX && k == n - 1 : it->max > 1)
            link(b->a, f.last, f.first);
        if (written_out ? k >= it->min : it->min == 0)
            f.nullable = 1;
        concatenate(b, out, &f);
    }
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
    free(a->move);
    free(a);
}

rule_automaton *rule_automaton_new(const char *pattern, int dir)
{
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    int possessive = 0;
    if (rule_tree_parse(pattern, &top, &possessive) < 0)
        return NULL;
    dir = dir > 0 ? 1 : -1;
    /* only look-arounds: the one next to the position, read as a group */
    rule_item root = top;
    int through_look = 0;
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
            through_look = 1;
        }
    }
    int unroll = count_positions(&root, dir, 1) <= UNROLL_POSITIONS;
    int npos = count_positions(&root, dir, unroll);
    rule_automaton *a = npos <= MAX_WORDS * 64 ? calloc(1, sizeof *a) : NULL;
    if (a) {
        a->dir = dir;
        a->exact = !possessive && !through_look;
        a->npos = npos;
        a->words = npos > 0 ? (npos + 63) / 64 : 1;
        a->sets = calloc((size_t)npos + 1, sizeof *a->sets);
        a->follow = calloc((size_t)(npos + 1) * (size_t)a->words, sizeof *a->follow);
        a->ascii = calloc((size_t)128 * (size_t)a->words, sizeof *a->ascii);
        a->move = a->words == 1 ? malloc((size_t)DFA_STATES * 128 * sizeof *a->move) : NULL;
        builder b = {a, 0, unroll};
        fragment f;
        if (!a->sets || !a->follow || !a->ascii || (a->words == 1 && !a->move) ||
            item_fragment(&b, &root, &f) < 0 || index_non_ascii(a) < 0) {
            rule_automaton_free(a);
            a = NULL;
        } else {
            a->nullable = f.nullable;
            memcpy(a->first, f.first, sizeof a->first);
            memcpy(a->accept, f.last, sizeof a->accept);
            for (int k = 0; k < CACHE_SLOTS; k++)
                a->cache_char[k] = -1;
            if (a->move)
                memset(a->move, 0xFF, (size_t)DFA_STATES * 128 * sizeof *a->move);
            a->nstates = 1; /* the start */
            for (int k = 0; k < DFA_HASH; k++)
                a->hash_state[k] = -1;
        }
    }
    rule_item_free(&top);
    return a;
}

int rule_automaton_exact(const rule_automaton *a)
{
    return a->exact;
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

/* The state holding position set `set`, added if new; -1 when the table is full. */
static int state_of(rule_automaton *a, uint64_t set)
{
    size_t h = (size_t)((set * 0x9E3779B97F4A7C15ull) >> 56) % DFA_HASH;
    for (int probe = 0; probe < DFA_HASH; probe++, h = (h + 1) % DFA_HASH) {
        int id = a->hash_state[h];
        if (id < 0) {
            if (a->nstates == DFA_STATES)
                return -1;
            id = a->nstates++;
            a->state_set[id] = set;
            a->hash_state[h] = (int16_t)id;
            a->hash_key[h] = set;
            return id;
        }
        if (a->hash_key[h] == set)
            return id;
    }
    return -1;
}

/* The outcome once the reading stops on position set `set`. */
static int verdict(const rule_automaton *a, uint64_t accepted)
{
    return !accepted ? RULE_NO_MATCH : a->exact ? RULE_MATCHES : RULE_MAY_MATCH;
}

/* Most patterns have at most 64 positions: one word of state, and ASCII moves looked up
 * in the table once they have been made. */
static inline int may_match_small(rule_automaton *a, int dir, const uint8_t *t, size_t len, size_t pos)
{
    int state = 0;      /* -1 once off the table */
    uint64_t set = 0;   /* its positions (none at the start) */
    for (int step = 0; step < MAX_STEPS; step++) {
        UChar32 c = read_char(dir, t, len, &pos);
        int known = c >= 0 && c < 128 && state >= 0 ? a->move[state * 128 + c] : -1;
        if (known >= 0) {
            state = known;
            set = a->state_set[known];
        } else {
            uint64_t next = state == 0 ? a->first[0] : 0;
            for (uint64_t m = set; m; m &= m - 1)
                next |= a->follow[__builtin_ctzll(m)];
            next = taking_cached(a, c, next);
            int from = state;
            state = c < 0 ? -1 : state_of(a, next);
            if (from >= 0 && state >= 0 && c < 128)
                a->move[from * 128 + c] = (int16_t)state;
            set = next;
        }
        if (c < 0 || !set || set & a->accept[0])
            return verdict(a, set & a->accept[0]); /* the edge of the text ends the reading */
    }
    return RULE_MAY_MATCH;
}

int rule_automaton_may_match(rule_automaton *a, const char *text, size_t len, size_t pos)
{
    const uint8_t *t = (const uint8_t *)text;
    if (a->nullable)
        return a->exact ? RULE_MATCHES : RULE_MAY_MATCH;
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
            return verdict(a, done);
        memcpy(state, next, (size_t)words * sizeof *state);
    }
    return RULE_MAY_MATCH;
}
