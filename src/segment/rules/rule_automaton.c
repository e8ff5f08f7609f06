/* rule_automaton.c — the position automaton of a rule pattern; see rule_automaton.h.
 *
 * Every character-set atom of the parse tree is a position. The classic construction
 * gives each sub-expression the positions it can start with (first), end with (last)
 * and whether it can match empty; concatenation links the last positions of one item to
 * the first of the next (follow), and a repeat links its own last to its own first. A
 * backwards automaton is the same construction with every sequence read right to left.
 * Running it keeps the set of positions the text read so far can end at, as a bitset.
 * Read backwards, `^` is a position of its own that only the start of the text takes, so
 * "(?:^|\s)[a-z]\." rules out "word." at once. \b and \B put a condition on the links
 * across them (the two characters read on either side are, or are not, one a word
 * character and the other not), so "\b(?:Mr|Dr)\." is exact. A pattern that is only
 * look-behinds (or look-aheads) gets the automata of those next to the position: they
 * must all match there. A negative look-behind of one class where a backwards reading
 * ends, `(?<![\p{L}])`, is read as one more character outside the class or the start of
 * the text; other look-arounds are taken as true (the automaton is then not exact).
 * Which positions a character can take is a table lookup for ASCII; for other characters
 * a hash of the positions that are one literal character ("г", "т" in abbreviation
 * lists), and a set test only for positions that are real classes (\p{L}). */
#include "rule_automaton.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#include "../../text/utf8.h"
#include "rule_tree.h"

enum {
    MAX_WORDS = 16,          /* at most 1,024 positions: larger patterns get no automaton */
    MAX_STEPS = 128,         /* code points read before giving up with "may match" (rules look back
                                over a sentence of up to 80 characters for a list marker) */
    CACHE_SLOTS = 64,
    UNROLL_POSITIONS = 64,   /* counted repeats ({1,3}) are written out when this many do … */
    UNROLL_PRECISE = 128,    /* … and up to this many in a second, precise automaton that
                                reads only where the first one cannot say no */
    DFA_STATES = 128,        /* automata remember this many states' ASCII moves (state + 1
                                fits a byte) */
    DFA_HASH = 256
};
_Static_assert(DFA_STATES < 256, "a move (state + 1) is kept in a byte");

struct rule_automaton {
    int dir;
    int npos, words;
    int exact;               /* the automaton's yes is the regex's yes */
    int nullable;            /* conditions (bit per condition) under which a match may be empty */
    USet **sets;             /* per position, frozen */
    uint64_t *follow[3];     /* per link condition (none, \b, \B): npos x words */
    int asserts;             /* some link has a condition */
    const USet *word, *mark; /* what \b calls a word character; combining marks (shared by
                                all automata: rule_set_shared) */
    USet *own_word, *own_mark; /* … or this automaton's own, when they could not be shared */
    uint8_t ascii_word[128];
    rule_automaton *also;    /* another look-around that must match too */
    rule_automaton *precise; /* the same with larger counted repeats written out ("[^.!?\n]{1,80}",
                                read as + here): slower (its states outnumber the table) but
                                exact, asked only where this one is unsure */
    uint64_t *ascii;         /* 128 x words: the positions whose set holds ASCII character c */
    UChar32 *literal;        /* hash of the non-ASCII characters that are a position's whole set */
    uint64_t *literal_mask;  /* per hash slot, words: their positions */
    int literal_slots;       /* a power of two */
    uint64_t classes[MAX_WORDS]; /* positions whose set holds several non-ASCII characters, */
    int nclasses;            /* … grouped by their set (the copies of "[^.!?\n]{1,80}" written
                                out are one group: one set test per character, not eighty) */
    const USet **class_set;  /* per group, the set (kept in sets[] at its first position) */
    uint64_t *class_mask;    /* per group, words: its positions */
    uint64_t edge[MAX_WORDS];    /* `^` read backwards: taken by the start of the text only */
    UChar32 cache_char[CACHE_SLOTS]; /* recent characters beyond ASCII … */
    uint64_t *cache_mask;    /* … and the positions they take, words each (Cyrillic text reads
                                a few dozen letters over and over) */
    uint64_t first[3][MAX_WORDS], accept[3][MAX_WORDS]; /* per condition on the character
                                  before the first one read / after the last one */
    /* read first with every condition taken as met: a cheap "no" */
    uint64_t *any_follow;    /* npos x words: the union of follow[] */
    uint64_t any_first[MAX_WORDS], any_accept[MAX_WORDS];
    /* automata become deterministic as they run: state 0 is the start, the others are
     * the position sets met so far, with their moves on ASCII and on cached characters */
    int nstates;
    uint64_t *state_set;     /* DFA_STATES x words */
    uint8_t *move;           /* DFA_STATES x 128: the state reached plus one, 0 not yet known
                                (a byte: half the cache lines of the tables read most)
                                (zero-filled, so pages no run touches are never used) */
    uint8_t *move_wide;      /* DFA_STATES x CACHE_SLOTS: the same on the character cached there */
    int16_t hash_state[DFA_HASH];
    uint8_t state_flags[DFA_STATES]; /* per state: STATE_LIVE (positions left), STATE_ACCEPTS */
    int word_known, word_unknown; /* rule_automaton_may_follow: word_pos computed; or unknowable */
    uint64_t word_pos[MAX_WORDS]; /* positions that can take the first character after spaces */
};

enum { STATE_LIVE = 1, STATE_ACCEPTS = 2 };

/* Link conditions: none, a word boundary (\b), no word boundary (\B). */
enum { COND_NONE, COND_BOUNDARY, COND_INSIDE };

typedef struct {
    uint64_t first[3][MAX_WORDS], last[3][MAX_WORDS]; /* positions by pending condition */
    int nullable;            /* bit per condition under which it can match empty */
} fragment;

/* Both conditions at once: -1 when they contradict. */
static int combine(int x, int y)
{
    return x == COND_NONE ? y : y == COND_NONE || y == x ? x : -1;
}

typedef struct {
    rule_automaton *a;
    int next;                /* positions numbered so far */
    int unroll;              /* write counted repeats out */
    int at_end;              /* the item being built ends the reading (nothing read after it) */
} builder;

static void bits_or(uint64_t *to, const uint64_t *from, int words)
{
    for (int w = 0; w < words; w++)
        to[w] |= from[w];
}

/* follow[cond][p] |= to, for every p in `from` */
static void link(rule_automaton *a, int cond, const uint64_t *from, const uint64_t *to)
{
    uint64_t any_to = 0;
    for (int w = 0; w < a->words; w++)
        any_to |= to[w];
    for (int w = 0; any_to && w < a->words; w++)
        for (uint64_t m = from[w]; m; m &= m - 1) {
            a->asserts |= cond != COND_NONE; /* a real link under a condition, not an empty one */
            bits_or(a->follow[cond] + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)a->words, to, a->words);
        }
}

/* Every last position of `from` to every first position of `to`, with the conditions met
 * between them. */
static void link_all(rule_automaton *a, const fragment *from, const fragment *to)
{
    for (int x = 0; x < 3; x++)
        for (int y = 0; y < 3; y++)
            if (combine(x, y) >= 0)
                link(a, combine(x, y), from->last[x], to->first[y]);
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

/* A negative look-behind of one character class, `(?<![\p{L}])`, where a backwards
 * reading ends (at_end: nothing is read after it): there it is one more character outside
 * the class, or the start of the text, and the automaton reads it as such (two positions)
 * instead of taking it as true. */
static int lookbehind_read(const rule_item *it, int dir, int at_end)
{
    if (dir > 0 || !at_end || it->kind != ATOM_ZERO_WIDTH || it->look != '>' || it->nalts != 1 ||
        it->alts[0]->n != 1)
        return 0;
    const rule_item *one = &it->alts[0]->items[0];
    return one->kind == ATOM_SET && one->min == 1 && one->max == 1;
}

/* Whether the contents of item `it` (at the reading's end or not) end the reading there
 * too: only when it is read once. */
static int contents_at_end(const rule_item *it, int at_end)
{
    return at_end && it->min == 1 && it->max == 1;
}

static int count_positions(const rule_item *it, int dir, int unroll, int at_end)
{
    if (is_text_start(it, dir))
        return 1;
    if (lookbehind_read(it, dir, at_end))
        return 2;
    if (it->kind == ATOM_ZERO_WIDTH)
        return 0; /* a look-around's contents are not read */
    long n = it->kind == ATOM_SET;
    for (int k = 0; k < it->nalts; k++)
        for (int j = 0; j < it->alts[k]->n; j++) /* read backwards, item 0 is read last */
            n += count_positions(&it->alts[k]->items[j], dir, unroll, contents_at_end(it, at_end) && j == 0);
    n *= copies(it, unroll);
    return n > MAX_WORDS * 64 ? MAX_WORDS * 64 + 1 : (int)n;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out);

/* out = out followed by f */
static void concatenate(builder *b, fragment *out, const fragment *f)
{
    int words = b->a->words;
    fragment r;
    memset(&r, 0, sizeof r);
    link_all(b->a, out, f);
    for (int y = 0; y < 3; y++) { /* first: out's, and f's where out can be empty */
        bits_or(r.first[y], out->first[y], words);
        bits_or(r.last[y], f->last[y], words);
    }
    for (int n = 0; n < 3; n++) {
        for (int y = 0; y < 3; y++) {
            if (out->nullable >> n & 1 && combine(n, y) >= 0)
                bits_or(r.first[combine(n, y)], f->first[y], words);
            if (f->nullable >> n & 1 && combine(y, n) >= 0)
                bits_or(r.last[combine(y, n)], out->last[y], words);
            if (out->nullable >> n & 1 && f->nullable >> y & 1 && combine(n, y) >= 0)
                r.nullable |= 1 << combine(n, y);
        }
    }
    *out = r;
}

static int sequence_fragment(builder *b, const rule_seq *s, fragment *out)
{
    memset(out, 0, sizeof *out);
    out->nullable = 1 << COND_NONE;
    int at_end = b->at_end;
    for (int k = 0; k < s->n; k++) {
        fragment f;
        int item = b->a->dir > 0 ? k : s->n - 1 - k;
        b->at_end = at_end && item == 0; /* read backwards, item 0 is read last */
        int rc = item_fragment(b, &s->items[item], &f);
        b->at_end = at_end;
        if (rc < 0)
            return -1;
        concatenate(b, out, &f);
    }
    return 0;
}

/* A new position reading a character of `set` (taken over), added to out's first and
 * last; -1 when there is none left or no set. */
static int set_position(builder *b, USet *set, fragment *out)
{
    int p = b->next++;
    if (!set || p >= b->a->npos) { /* more positions than counted (a repeat count past int): not modelled */
        if (set)
            uset_close(set);
        return -1;
    }
    b->a->sets[p] = set; /* kept (frozen) by index_non_ascii only where it is a class */
    out->first[COND_NONE][p / 64] |= 1ull << (p % 64);
    out->last[COND_NONE][p / 64] |= 1ull << (p % 64);
    for (UChar32 c = 0; c < 128; c++)
        if (uset_contains(set, c))
            b->a->ascii[(size_t)c * (size_t)b->a->words + (size_t)(p / 64)] |= 1ull << (p % 64);
    return 0;
}

/* A new position only the start of the text takes (`^` read backwards), added to out's
 * first and last; -1 when there is none left. */
static int edge_position(builder *b, fragment *out)
{
    int p = b->next++;
    if (p >= b->a->npos)
        return -1;
    b->a->edge[p / 64] |= 1ull << (p % 64);
    out->first[COND_NONE][p / 64] |= 1ull << (p % 64);
    out->last[COND_NONE][p / 64] |= 1ull << (p % 64);
    return 0;
}

/* One copy of an atom, without its repeat count. */
static int atom_fragment(builder *b, const rule_item *it, fragment *out)
{
    memset(out, 0, sizeof *out);
    if (it->kind == ATOM_SET)
        return set_position(b, uset_clone(it->set), out);
    /* a caseless group's sets hold every case of their characters (rule_tree.h), and the
     * tree refuses the scripts where ICU's full case folding matches one text character
     * to two of the pattern: what remains is read exactly */
    for (int k = 0; k < it->nalts; k++) {
        fragment f;
        if (sequence_fragment(b, it->alts[k], &f) < 0)
            return -1;
        for (int c = 0; c < 3; c++) {
            bits_or(out->first[c], f.first[c], b->a->words);
            bits_or(out->last[c], f.last[c], b->a->words);
        }
        out->nullable |= f.nullable;
    }
    return 0;
}

static int item_fragment(builder *b, const rule_item *it, fragment *out)
{
    memset(out, 0, sizeof *out);
    out->nullable = 1 << COND_NONE;
    if (is_text_start(it, b->a->dir)) {
        if (it->min != 1 || it->max != 1)
            return -1; /* `^?`, `^*`: not modelled */
        out->nullable = 0;
        return edge_position(b, out);
    }
    if (lookbehind_read(it, b->a->dir, b->at_end)) { /* a character outside the class, or the start */
        out->nullable = 0;
        USet *outside = uset_cloneAsThawed(it->alts[0]->items[0].set);
        if (outside)
            uset_complement(outside);
        return set_position(b, outside, out) < 0 ? -1 : edge_position(b, out);
    }
    if (it->kind == ATOM_ZERO_WIDTH) {
        if (!it->look && it->text_len == 2 && (it->text[1] == 'b' || it->text[1] == 'B') && it->text[0] == '\\')
            out->nullable = 1 << (it->text[1] == 'b' ? COND_BOUNDARY : COND_INSIDE);
        else
            b->a->exact = 0; /* look-arounds and other anchors are taken as true */
        return 0;
    }
    int n = copies(it, b->unroll), written_out = n > 1 || (b->unroll && counted(it));
    if (counted(it) && !written_out)
        b->a->exact = 0; /* {1,3} read as + */
    int at_end = b->at_end;
    for (int k = 0; k < n; k++) {
        fragment f;
        b->at_end = contents_at_end(it, at_end);
        int rc = atom_fragment(b, it, &f);
        b->at_end = at_end;
        if (rc < 0)
            return -1;
        if (written_out ? it->max == INT_MAX && k == n - 1 : it->max > 1)
            link_all(b->a, &f, &f);
        if (written_out ? k >= it->min : it->min == 0)
            f.nullable |= 1 << COND_NONE;
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

/* Sort the positions that can hold non-ASCII characters into literals and classes. Only
 * classes are ever tested against their set; the others let it go (a frozen set costs a
 * few kilobytes, and abbreviation lists have hundreds of one-letter positions). */
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
            if (lo >= 128) { /* (the ASCII table has the others) */
                size_t h = literal_slot(a, lo);
                a->literal[h] = lo;
                a->literal_mask[h * (size_t)a->words + (size_t)(p / 64)] |= 1ull << (p % 64);
            }
        } else if (uset_size(set) > 0 && (uset_size(set) > 128 || uset_charAt(set, uset_size(set) - 1) >= 128)) {
            a->classes[p / 64] |= 1ull << (p % 64);
            int g = 0;
            while (g < a->nclasses && !uset_equals(a->class_set[g], set))
                g++;
            if (g == a->nclasses) { /* a new group, its set kept at p */
                if (!a->class_set && (!(a->class_set = calloc((size_t)a->npos, sizeof *a->class_set)) ||
                                      !(a->class_mask = calloc((size_t)a->npos * (size_t)a->words, sizeof *a->class_mask))))
                    return -1;
                uset_freeze(set);
                a->class_set[a->nclasses++] = set;
            }
            a->class_mask[(size_t)g * (size_t)a->words + (size_t)(p / 64)] |= 1ull << (p % 64);
            if (a->class_set[g] == set)
                continue;
        }
        uset_close(set);
        a->sets[p] = NULL;
    }
    return 0;
}

void rule_automaton_free(rule_automaton *a)
{
    if (!a)
        return;
    for (int p = 0; a->sets && p < a->npos; p++)
        if (a->sets[p])
            uset_close(a->sets[p]);
    free(a->sets);
    for (int c = 0; c < 3; c++)
        free(a->follow[c]);
    free(a->any_follow);
    free(a->cache_mask);
    free(a->state_set);
    if (a->own_word)
        uset_close(a->own_word);
    if (a->own_mark)
        uset_close(a->own_mark);
    rule_automaton_free(a->also);
    rule_automaton_free(a->precise);
    free(a->ascii);
    free(a->literal);
    free(a->literal_mask);
    free(a->class_set);
    free(a->class_mask);
    free(a->move);
    free(a->move_wide);
    free(a);
}

/* The frozen set of `pat`: the process's shared one, else a set of our own in *own. */
static const USet *shared_or_own(const char *pat, USet **own)
{
    const USet *set = rule_set_shared(pat);
    if (set)
        return set;
    if ((*own = rule_set_from_pattern(pat)))
        uset_freeze(*own);
    return *own;
}

/* The automaton of one parsed pattern (or look-around content, read as a group). */
static rule_automaton *build(const rule_item *root, int dir, int exact, int limit, int *wider)
{
    int written_out = count_positions(root, dir, 1, 1);
    int unroll = written_out <= limit;
    *wider |= !unroll && written_out <= UNROLL_PRECISE;
    int npos = count_positions(root, dir, unroll, 1);
    rule_automaton *a = npos <= MAX_WORDS * 64 ? calloc(1, sizeof *a) : NULL;
    if (!a)
        return NULL;
    a->dir = dir;
    a->exact = exact;
    a->npos = npos;
    a->words = npos > 0 ? (npos + 63) / 64 : 1;
    a->sets = calloc((size_t)npos + 1, sizeof *a->sets);
    for (int c = 0; c < 3; c++)
        a->follow[c] = calloc((size_t)(npos + 1) * (size_t)a->words, sizeof *a->follow[c]);
    a->ascii = calloc((size_t)128 * (size_t)a->words, sizeof *a->ascii);
    a->state_set = calloc((size_t)DFA_STATES * (size_t)a->words, sizeof *a->state_set);
    a->cache_mask = calloc((size_t)CACHE_SLOTS * (size_t)a->words, sizeof *a->cache_mask);
    a->any_follow = calloc((size_t)(npos + 1) * (size_t)a->words, sizeof *a->any_follow);
    builder b = {a, 0, unroll, 1};
    fragment f;
    if (!a->sets || !a->follow[0] || !a->follow[1] || !a->follow[2] || !a->ascii || !a->state_set ||
        !a->cache_mask || !a->any_follow || item_fragment(&b, root, &f) < 0 || index_non_ascii(a) < 0) {
        rule_automaton_free(a);
        return NULL;
    }
    a->nullable = f.nullable;
    memcpy(a->first, f.first, sizeof a->first);
    memcpy(a->accept, f.last, sizeof a->accept);
    for (int c = 1; c < 3; c++)
        for (int w = 0; w < a->words; w++)
            a->asserts |= (a->first[c][w] | a->accept[c][w]) != 0;
    a->asserts |= (a->nullable & ~(1 << COND_NONE)) != 0;
    if (a->asserts) { /* what \b reads: word characters, and those it looks through */
        a->word = shared_or_own(rule_class_escape('w'), &a->own_word);
        /* ICU's \b looks through these to the character before them, and finds no
         * boundary right before one: the automaton is unsure next to them */
        a->mark = shared_or_own("[\\p{Grapheme_Extend}\\p{Cf}]", &a->own_mark);
        if (!a->word || !a->mark) {
            rule_automaton_free(a);
            return NULL;
        }
        for (UChar32 c = 0; c < 128; c++)
            a->ascii_word[c] = (uint8_t)uset_contains(a->word, c);
    }
    /* the start of the text is read once, with nothing after it: `^^x`, `\b^x` (read
     * backwards, a condition beyond the start) are not modelled */
    for (int p = 0; p < npos; p++) {
        if (!(a->edge[p / 64] >> (p % 64) & 1))
            continue;
        uint64_t bad = (a->accept[COND_BOUNDARY][p / 64] | a->accept[COND_INSIDE][p / 64]) >> (p % 64) & 1;
        for (int c = 0; c < 3; c++)
            for (int w = 0; w < a->words; w++)
                bad |= a->follow[c][(size_t)p * (size_t)a->words + (size_t)w] & a->edge[w];
        if (bad) {
            rule_automaton_free(a);
            return NULL;
        }
    }
    for (size_t k = 0; k < (size_t)npos * (size_t)a->words; k++)
        a->any_follow[k] = a->follow[0][k] | a->follow[1][k] | a->follow[2][k];
    for (int w = 0; w < a->words; w++) {
        a->any_first[w] = a->first[0][w] | a->first[1][w] | a->first[2][w];
        a->any_accept[w] = a->accept[0][w] | a->accept[1][w] | a->accept[2][w];
    }
    for (int k = 0; k < CACHE_SLOTS; k++)
        a->cache_char[k] = -1;
    a->nstates = 1; /* the start */
    for (int k = 0; k < DFA_HASH; k++)
        a->hash_state[k] = -1;
    return a;
}

/* The automaton of `pattern` with counted repeats written out up to `limit` positions;
 * *wider is set when a larger limit (up to UNROLL_PRECISE) would write out more. */
static rule_automaton *automaton_new(const char *pattern, int dir, int limit, int *wider)
{
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    int possessive = 0;
    if (rule_tree_parse(pattern, &top, &possessive) < 0)
        return NULL;
    dir = dir > 0 ? 1 : -1;
    rule_automaton *a = NULL;
    const rule_seq *only = top.nalts == 1 ? top.alts[0] : NULL;
    for (int k = 0; only && k < only->n; k++)
        if (only->items[k].kind != ATOM_ZERO_WIDTH)
            only = NULL;
    if (only && only->n > 0) {
        /* only look-arounds, all at the position: each one ahead (behind) of it must
         * match there, read as a group; negative ones say nothing. When every one is
         * positive and modelled, they all matching is the pattern matching: exact where
         * each automaton is. */
        int all = !possessive;
        for (int k = 0; k < only->n; k++)
            all &= only->items[k].look == (dir > 0 ? '=' : '<');
        for (int k = only->n - 1; k >= 0; k--) {
            rule_item look = only->items[k];
            if (look.look != (dir > 0 ? '=' : '<'))
                continue;
            look.kind = ATOM_GROUP;
            look.min = look.max = 1;
            rule_automaton *one = build(&look, dir, all, limit, wider);
            if (one) {
                one->also = a;
                a = one;
            } else {
                all = 0;
            }
        }
        for (rule_automaton *one = a; !all && one; one = one->also)
            one->exact = 0; /* one was not modelled: the others only rule out */
    } else {
        a = build(&top, dir, !possessive, limit, wider);
    }
    rule_item_free(&top);
    return a;
}

rule_automaton *rule_automaton_new(const char *pattern, int dir)
{
    int wider = 0, unused = 0;
    rule_automaton *a = automaton_new(pattern, dir, UNROLL_POSITIONS, &wider);
    if (a && wider)
        a->precise = automaton_new(pattern, dir, UNROLL_PRECISE, &unused); /* NULL: a alone */
    return a;
}

int rule_automaton_exact(const rule_automaton *a)
{
    return a->exact;
}

/* The next code point in the reading direction, or -1 at the edge of the text. */
static inline UChar32 read_char(int dir, const uint8_t *t, size_t len, size_t *at)
{
    size_t bytes;
    UChar32 c;
    if (dir > 0) {
        if (*at >= len)
            return -1;
        c = utf8_char_at((const char *)t, len, *at, &bytes);
        *at += bytes;
    } else {
        if (*at == 0)
            return -1;
        c = utf8_char_before((const char *)t, *at, &bytes);
        *at -= bytes;
    }
    return c;
}

/* The positions of `candidates` that a character beyond ASCII can take. */
static uint64_t taking_wide(const rule_automaton *a, UChar32 c, int w, uint64_t candidates)
{
    size_t slot = literal_slot(a, c);
    uint64_t keep = a->literal[slot] == c ? a->literal_mask[slot * (size_t)a->words + (size_t)w] : 0;
    for (int g = 0; g < a->nclasses && (candidates & a->classes[w]); g++) {
        uint64_t m = candidates & a->class_mask[(size_t)g * (size_t)a->words + (size_t)w];
        if (m && uset_contains(a->class_set[g], c))
            keep |= m;
    }
    return candidates & keep;
}

/* The positions of `candidates` that character c (-1: the edge of the text) can take. */
static inline uint64_t taking(const rule_automaton *a, UChar32 c, int w, uint64_t candidates)
{
    if (c >= 0 && c < 128)
        return candidates & a->ascii[(size_t)c * (size_t)a->words + (size_t)w];
    return c < 0 ? candidates & a->edge[w] : taking_wide(a, c, w, candidates);
}

/* next &= the positions character c takes, remembering what characters beyond ASCII take.
 * Returns whether any is left. */
static inline uint64_t take(rule_automaton *a, int words, UChar32 c, uint64_t *next)
{
    uint64_t any = 0;
    if (c >= 128) {
        size_t slot = (size_t)(c ^ c >> 6) % CACHE_SLOTS;
        uint64_t *mask = a->cache_mask + slot * (size_t)words;
        if (a->cache_char[slot] != c) {
            for (int w = 0; w < words; w++)
                mask[w] = taking_wide(a, c, w, ~0ull);
            a->cache_char[slot] = c;
            for (int k = 0; a->move_wide && k < a->nstates; k++) /* moves on the character it replaces */
                a->move_wide[k * CACHE_SLOTS + (int)slot] = 0;
        }
        for (int w = 0; w < words; w++)
            any |= next[w] &= mask[w];
        return any;
    }
    for (int w = 0; w < words; w++)
        any |= next[w] = taking(a, c, w, next[w]);
    return any;
}

/* The state holding position set `set`, added if new; -1 when the table is full. */
static int state_of(rule_automaton *a, int words, const uint64_t *set)
{
    uint64_t h = 1469598103934665603ull;
    for (int w = 0; w < words; w++)
        h = (h ^ set[w]) * 0x9E3779B97F4A7C15ull;
    size_t slot = (size_t)(h >> 56) % DFA_HASH;
    for (int probe = 0; probe < DFA_HASH; probe++, slot = (slot + 1) % DFA_HASH) {
        int id = a->hash_state[slot];
        if (id < 0) {
            if (a->nstates == DFA_STATES)
                return -1;
            id = a->nstates++;
            memcpy(a->state_set + (size_t)id * (size_t)words, set, (size_t)words * sizeof *set);
            a->hash_state[slot] = (int16_t)id;
            uint64_t live = 0, accepts = 0;
            for (int w = 0; w < words; w++) {
                live |= set[w];
                accepts |= set[w] & a->any_accept[w];
            }
            a->state_flags[id] = (uint8_t)((live ? STATE_LIVE : 0) | (accepts ? STATE_ACCEPTS : 0));
            return id;
        }
        if (!memcmp(a->state_set + (size_t)id * (size_t)words, set, (size_t)words * sizeof *set))
            return id;
    }
    return -1;
}

/* The outcome once the reading stops, `accepted` holding the accepting positions reached. */
static int verdict(const rule_automaton *a, uint64_t accepted)
{
    return !accepted ? RULE_NO_MATCH : a->exact ? RULE_MATCHES : RULE_MAY_MATCH;
}

/* The reading with every link condition taken as met: deterministic as it goes, its
 * ASCII moves looked up in a table once made. Its "no" always holds; without conditions
 * its "yes" too. `words` is a constant in each inlined copy. A move already made is a
 * table lookup and a test of the state's flags: the position set is read only for a
 * new move. */
static inline __attribute__((always_inline)) int read_relaxed(rule_automaton *a, int dir, int words, const uint8_t *t, size_t len, size_t pos)
{
    int state = 0; /* -1 once off the table; else `set` is its positions only once loaded */
    uint64_t set[MAX_WORDS], next[MAX_WORDS];
    for (int w = 0; w < words; w++) /* only the words in use: not a 128-byte memset per call */
        set[w] = 0;
    for (int step = 0; step < MAX_STEPS; step++) {
        UChar32 c = read_char(dir, t, len, &pos);
        size_t slot = (size_t)(c ^ c >> 6) % CACHE_SLOTS; /* for characters beyond ASCII */
        int known = c < 0 || state < 0 || !a->move ? -1
                    : c < 128               ? a->move[state * 128 + c] - 1
                    : a->cache_char[slot] == c ? a->move_wide[state * CACHE_SLOTS + (int)slot] - 1
                                               : -1;
        if (known >= 0) {
            state = known;
            int flags = a->state_flags[known];
            if (!(flags & STATE_LIVE) || (flags & STATE_ACCEPTS))
                return verdict(a, flags & STATE_ACCEPTS);
            continue;
        }
        if (state >= 0) /* the positions of the state reached by known moves */
            memcpy(set, a->state_set + (size_t)state * (size_t)words, (size_t)words * sizeof *set);
        for (int w = 0; w < words; w++)
            next[w] = state == 0 ? a->any_first[w] : 0;
        for (int w = 0; w < words; w++)
            for (uint64_t m = set[w]; m; m &= m - 1)
                bits_or(next, a->any_follow + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)words, words);
        uint64_t any = take(a, words, c, next), done = 0;
        int from = state;
        state = c < 0 ? -1 : state_of(a, words, next);
        if (from >= 0 && state >= 0 && !a->move) { /* the tables, once the automaton is used */
            a->move = calloc((size_t)DFA_STATES * 128, sizeof *a->move);
            a->move_wide = a->move ? calloc((size_t)DFA_STATES * CACHE_SLOTS, sizeof *a->move_wide) : NULL;
            if (!a->move_wide) {
                free(a->move);
                a->move = NULL; /* no memory: read on without remembering */
            }
        }
        if (from >= 0 && state >= 0 && a->move)
            *(c < 128 ? &a->move[from * 128 + c] : &a->move_wide[from * CACHE_SLOTS + (int)slot]) = (uint8_t)(state + 1);
        memcpy(set, next, (size_t)words * sizeof *set);
        for (int w = 0; w < words; w++)
            done |= set[w] & a->any_accept[w];
        if (c < 0 || !any || done)
            return verdict(a, done); /* the edge of the text ends the reading */
    }
    return RULE_MAY_MATCH;
}

/* Which link conditions hold between two characters read one after the other (-1: the
 * edge of the text): bit COND_BOUNDARY or COND_INSIDE, both when a combining mark makes
 * it depend on characters further away (ICU looks through marks). */
static int conditions(const rule_automaton *a, UChar32 x, UChar32 y)
{
    if ((x >= 128 && uset_contains(a->mark, x)) || (y >= 128 && uset_contains(a->mark, y)))
        return 1 << COND_NONE | 1 << COND_BOUNDARY | 1 << COND_INSIDE;
    int wx = x >= 0 && (x < 128 ? a->ascii_word[x] : uset_contains(a->word, x));
    int wy = y >= 0 && (y < 128 ? a->ascii_word[y] : uset_contains(a->word, y));
    return 1 << COND_NONE | 1 << (wx != wy ? COND_BOUNDARY : COND_INSIDE);
}

/* The general reading: any number of positions, and links under conditions. */
static int may_match_general(rule_automaton *a, const uint8_t *t, size_t len, size_t pos)
{
    uint64_t state[MAX_WORDS], next[MAX_WORDS];
    int words = a->words, sure = a->exact;
    size_t back = pos;
    UChar32 prev = read_char(-a->dir, t, len, &back); /* the character across the position */
    size_t peek_at = pos;
    UChar32 ahead = read_char(a->dir, t, len, &peek_at);
    int held = a->asserts ? conditions(a, prev, ahead) : 1 << COND_NONE;
    sure &= (held & 6) != 6;
    if (a->nullable & held)
        return sure ? RULE_MATCHES : RULE_MAY_MATCH;
    for (int step = 0; step < MAX_STEPS; step++) {
        UChar32 c = read_char(a->dir, t, len, &pos);
        if (a->asserts) {
            held = conditions(a, prev, c);
            sure &= (held & 6) != 6;
        }
        memset(next, 0, (size_t)words * sizeof *next);
        for (int cond = 0; cond < 3; cond++) {
            if (!(held >> cond & 1))
                continue;
            if (step == 0)
                bits_or(next, a->first[cond], words);
            for (int w = 0; step > 0 && w < words; w++)
                for (uint64_t m = state[w]; m; m &= m - 1)
                    bits_or(next, a->follow[cond] + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)words, words);
        }
        uint64_t any = 0;
        for (int w = 0; w < words; w++)
            any |= next[w] = taking(a, c, w, next[w]);
        if (c < 0) { /* the edge (taken by `^` only) ends the reading */
            uint64_t done = 0;
            for (int w = 0; w < words; w++)
                done |= next[w] & a->accept[COND_NONE][w];
            return done ? (sure ? RULE_MATCHES : RULE_MAY_MATCH) : RULE_NO_MATCH;
        }
        if (!any)
            return RULE_NO_MATCH;
        /* accepted here, under the condition between c and the character after it */
        int after = 1 << COND_NONE;
        if (a->asserts) {
            peek_at = pos;
            after = conditions(a, c, read_char(a->dir, t, len, &peek_at));
        }
        uint64_t done = 0;
        for (int cond = 0; cond < 3; cond++)
            for (int w = 0; after >> cond & 1 && w < words; w++)
                done |= next[w] & a->accept[cond][w];
        if (done)
            return sure && (after & 6) != 6 ? RULE_MATCHES : RULE_MAY_MATCH;
        memcpy(state, next, (size_t)words * sizeof *state);
        prev = c;
    }
    return RULE_MAY_MATCH;
}

static int may_match_one(rule_automaton *a, const uint8_t *t, size_t len, size_t pos)
{
    if (!a->nullable) {
        /* conditions taken as met: a "no" holds, and without conditions so does the rest */
        int v = a->words == 1   ? (a->dir > 0 ? read_relaxed(a, 1, 1, t, len, pos) : read_relaxed(a, -1, 1, t, len, pos))
                : a->words == 2 ? (a->dir > 0 ? read_relaxed(a, 1, 2, t, len, pos) : read_relaxed(a, -1, 2, t, len, pos))
                                : read_relaxed(a, a->dir, a->words, t, len, pos);
        if (v == RULE_NO_MATCH || !a->asserts || !a->exact)
            return v; /* the conditions only pay when they make the answer certain */
    } else if (!a->asserts) {
        return a->exact ? RULE_MATCHES : RULE_MAY_MATCH;
    }
    return may_match_general(a, t, len, pos);
}

/* All of a and the automata chained to it (a look-around each) must match. */
static int chain_may_match(rule_automaton *a, const char *text, size_t len, size_t pos)
{
    int v = may_match_one(a, (const uint8_t *)text, len, pos);
    for (rule_automaton *more = a->also; v != RULE_NO_MATCH && more; more = more->also) {
        int w = may_match_one(more, (const uint8_t *)text, len, pos);
        if (w != RULE_MATCHES) /* all must match: certain only when each one is */
            v = w;
    }
    return v;
}

int rule_automaton_may_match(rule_automaton *a, const char *text, size_t len, size_t pos)
{
    int v = chain_may_match(a, text, len, pos);
    if (v == RULE_MAY_MATCH && a->precise) /* the fast one is unsure: the precise one says */
        v = chain_may_match(a->precise, text, len, pos);
    return v;
}

/* The characters the positions of `m` (words wide) take, as a new set (NULL: no memory):
 * the ASCII table, the literals and the classes, which between them hold every set. */
static USet *positions_chars(const rule_automaton *a, const uint64_t *m)
{
    USet *s = uset_openEmpty();
    size_t words = (size_t)a->words;
    for (UChar32 c = 0; s && c < 128; c++)
        for (size_t w = 0; w < words; w++)
            if (a->ascii[(size_t)c * words + w] & m[w]) {
                uset_add(s, c);
                break;
            }
    for (int k = 0; s && k < a->literal_slots; k++)
        for (size_t w = 0; a->literal[k] >= 0 && w < words; w++)
            if (a->literal_mask[(size_t)k * words + w] & m[w]) {
                uset_add(s, a->literal[k]);
                break;
            }
    for (int g = 0; s && g < a->nclasses; g++)
        for (size_t w = 0; w < words; w++)
            if (a->class_mask[(size_t)g * words + w] & m[w]) {
                uset_addAll(s, a->class_set[g]);
                break;
            }
    return s;
}

/* The positions that can take a match's first character other than a space (word, -1
 * when a match may stop before that character or with it: then nothing is known). */
static int word_positions(const rule_automaton *a, const USet *spaces, uint64_t *word)
{
    int words = a->words;
    /* reached: positions that can take a character with only spaces read before it */
    uint64_t reached[MAX_WORDS] = {0}, todo[MAX_WORDS] = {0};
    bits_or(reached, a->any_first, words);
    bits_or(todo, a->any_first, words);
    for (;;) {
        int w = 0;
        while (w < words && !todo[w])
            w++;
        if (w == words)
            break;
        int p = w * 64 + __builtin_ctzll(todo[w]);
        todo[w] &= todo[w] - 1;
        uint64_t one[MAX_WORDS] = {0};
        one[w] = 1ull << (p % 64);
        USet *chars = positions_chars(a, one);
        if (!chars)
            return -1;
        int space = uset_containsSome(chars, spaces), other = !uset_containsAll(spaces, chars);
        uset_close(chars);
        if (a->any_accept[w] & one[w])
            return -1; /* a match may end with a space, or with its first word character */
        const uint64_t *next = a->any_follow + (size_t)p * (size_t)words;
        for (int v = 0; space && v < words; v++) {
            todo[v] |= next[v] & ~reached[v];
            reached[v] |= next[v];
        }
        if (other)
            word[w] |= one[w];
    }
    return 0;
}

int rule_automaton_reads_pairs(rule_automaton *a, const USet *spaces)
{
    if (!a || a->dir < 0 || a->nullable || a->also)
        return 0;
    if (!a->word_known) {
        a->word_unknown = word_positions(a, spaces, a->word_pos) < 0;
        a->word_known = 1;
    }
    return !a->word_unknown;
}

int rule_automaton_may_follow(rule_automaton *a, const USet *spaces, UChar32 word, UChar32 next)
{
    if (!rule_automaton_reads_pairs(a, spaces))
        return 1;
    uint64_t follow[MAX_WORDS] = {0}, any = 0;
    for (int w = 0; w < a->words; w++)
        for (uint64_t m = taking(a, word, w, a->word_pos[w]); m; m &= m - 1)
            bits_or(follow, a->any_follow + (size_t)(w * 64 + __builtin_ctzll(m)) * (size_t)a->words, a->words);
    for (int w = 0; w < a->words; w++)
        any |= taking(a, next, w, follow[w]);
    return any != 0;
}
