/* boundary_features.c — the features of a candidate sentence boundary; see
 * boundary_features.h.
 *
 * Tokens are read straight from the UTF-8 text around the candidate, never more than a
 * few hundred bytes away, so a candidate costs the same in a tweet and in a book. A
 * token's shape maps each character to its class (X capital, x lower case, d digit, h
 * ideograph, E symbol or emoji; ASCII punctuation as itself; other marks by kind) and
 * squeezes runs, so "08/16/2000" is "d/d/d", "Thanks," is "Xx," and "!?!?!" stays. */
#include "boundary_features.h"

#include <string.h>

#include "../text/utf8.h"
#include "tokens.h"

enum {
    TOKEN_MAX = 64,     /* bytes of a token the features look at */
    SHAPE_MAX = 10,     /* symbols of a shape */
    LOOK_BACK = 320,    /* bytes searched back for the last sentence-final mark */
    CLAUSE_MAX = 40     /* characters of the clause after a Chinese candidate */
};

/* templates: the first value of each feature's hash */
enum {
    F_KIND = 1,
    F_PREV_SHAPE,
    F_PREV_WORD,
    F_TRAIL,
    F_NEXT_SHAPE,
    F_NEXT_WORD,
    F_NEXT_CLASS,
    F_TRAIL_NEXT,
    F_PREV_WORD_NEXT,
    F_SHAPES,
    F_PREV_LEN,
    F_PREV2_SHAPE,
    F_SINCE_TERM,
    F_NEXT_WORD_TRAIL,
    F_NEXT_TRAIL,
    F_NEXT2_SHAPE,
    F_WRAP,
    F_HAN_CHARS,
    F_CLAUSE_END,
    F_CLAUSE_END2,
    F_CLAUSE_LEN,
    F_DOC_PREV,
    F_DOC_NEXT
};

static uint32_t mix(uint32_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t mix_int(uint32_t h, uint64_t v)
{
    unsigned char b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (unsigned char)(v >> (8 * k));
    return mix(h, b, 8);
}

static uint32_t mix_str(uint32_t h, const char *s)
{
    return mix(h, s, strlen(s) + 1);
}

static uint32_t start(int template)
{
    return mix_int(2166136261u, (uint64_t)template);
}

static void add(boundary_features *f, uint32_t h)
{
    if (f->n < BOUNDARY_MAX_FEATURES)
        f->v[f->n++] = h;
}

/* The symbol of a character in a shape. */
static char shape_symbol(UChar32 c, char_class k)
{
    switch (k) {
    case CH_UPPER: return 'X';
    case CH_LOWER: return 'x';
    case CH_LETTER: return 'l';
    case CH_HAN: return 'h';
    case CH_DIGIT: return 'd';
    case CH_SYMBOL: return c < 128 ? (char)c : 'E';
    case CH_SPACE: return '_';
    case CH_NONE: return 0;
    default: break;
    }
    if (c < 128)
        return (char)c;
    switch (k) {
    case CH_TERM: return c == 0xFF01 ? '!' : c == 0xFF1F ? '?' : c == 0x2026 ? ':' : '.';
    case CH_OPEN: return '<';
    case CH_CLOSE: return '>';
    case CH_DASH: return '-';
    case CH_PAUSE: return ',';
    default: return 'p';
    }
}

/* The shape of text[from, to) in out (NUL-terminated, at most SHAPE_MAX symbols and '~'
 * when cut): word classes squeezed to one symbol, punctuation to three. */
static void shape_of(const char *text, size_t from, size_t to, char out[SHAPE_MAX + 2])
{
    int n = 0, run = 0;
    for (size_t i = from, bytes; i < to && n <= SHAPE_MAX; i += bytes) {
        UChar32 c = utf8_char_at(text, to, i, &bytes);
        char_class k = char_class_of(c);
        char s = shape_symbol(c, k);
        run = n > 0 && out[n - 1] == s ? run + 1 : 1;
        if (run > 1 && (char_class_is_word(k) || k == CH_SYMBOL || run > 3))
            continue;
        if (n == SHAPE_MAX) {
            out[n++] = '~';
            break;
        }
        out[n++] = s;
    }
    out[n] = '\0';
}

static int bucket(size_t v, const size_t *limits, int n)
{
    int b = 0;
    while (b < n && v > limits[b])
        b++;
    return b;
}

/* Tokens since the last one that ends with a sentence-final mark, within LOOK_BACK bytes
 * of `end` and not before lo, nor across a line end (a bucket: 0, 1, 2, 3, 4-6, 7-12,
 * 13-25, more). The start of the stretch or of a line counts as a mark. */
static int tokens_since_term(const char *text, size_t lo, size_t end)
{
    size_t floor = end > lo + LOOK_BACK ? end - LOOK_BACK : lo, tokens = 0, i = end, bytes;
    for (;;) {
        UChar32 c = -1;
        while (i > floor && char_is_space(c = utf8_char_before(text, i, &bytes)) && c != '\n')
            i -= bytes;
        if (i <= lo || c == '\n')
            break; /* a sentence starts there */
        if (i <= floor) {
            tokens = 99;
            break;
        }
        size_t t = i;
        while (t > floor && char_class_of(utf8_char_before(text, t, &bytes)) == CH_CLOSE)
            t -= bytes;
        if (t > floor && char_class_of(utf8_char_before(text, t, &bytes)) == CH_TERM)
            break;
        tokens++;
        i = token_start_before(text, floor, i, LOOK_BACK);
    }
    static const size_t limits[] = {0, 1, 2, 3, 6, 12, 25};
    return bucket(tokens, limits, 7);
}

/* The clause after a candidate followed by Chinese: its length, its last one or two
 * characters and the mark that ends it ("拉森博士在日内瓦举行的新闻发布会上说。": 17+,
 * 说, 上说, .). */
static void clause_features(const boundary_site *s, uint32_t trail, boundary_features *f)
{
    size_t i = s->next, bytes, n = 0;
    UChar32 last = -1, before_last = -1;
    char_class end = CH_NONE;
    while (i < s->hi && n < CLAUSE_MAX) {
        UChar32 c = utf8_char_at(s->text, s->len, i, &bytes);
        char_class k = char_class_of(c);
        if (k == CH_TERM || k == CH_PAUSE || k == CH_OPEN || k == CH_CLOSE || k == CH_SPACE) {
            end = k;
            break;
        }
        before_last = last;
        last = c;
        n++;
        i += bytes;
    }
    static const size_t limits[] = {2, 4, 8, 16};
    int len = bucket(n, limits, 4);
    add(f, mix_int(mix_int(mix_int(start(F_CLAUSE_END), trail), (uint64_t)end), (uint64_t)(uint32_t)last));
    add(f, mix_int(mix_int(mix_int(mix_int(start(F_CLAUSE_END2), trail), (uint64_t)end), (uint64_t)(uint32_t)last),
                   (uint64_t)(uint32_t)before_last));
    add(f, mix_int(mix_int(mix_int(start(F_CLAUSE_LEN), trail), (uint64_t)end), (uint64_t)len));
}

/* Punkt's evidence: is the word before a full stop an abbreviation in this document, is
 * the capitalized word after it an ordinary word (also in lower case) or a name? */
static void document_features(const boundary_site *s, size_t pwa, size_t pwb, size_t trail_at, size_t nwa,
                              size_t nwb, boundary_features *f)
{
    size_t bytes;
    if (pwa < pwb && trail_at < s->q && s->text[trail_at] == '.') {
        const word_counts *c = doc_stats_find(s->stats, word_hash(s->text, pwa, pwb));
        if (c) {
            int bare = c->lower + c->upper_inside > c->with_period;
            int many = c->with_period >= 3 ? 2 : c->with_period >= 2;
            add(f, mix_int(start(F_DOC_PREV), (uint64_t)(many * 4 + (c->period_then_lower > 0) * 2 + bare)));
        }
    }
    if (nwa < nwb && char_class_of(utf8_char_at(s->text, s->len, nwa, &bytes)) == CH_UPPER) {
        const word_counts *c = doc_stats_find(s->stats, word_hash(s->text, nwa, nwb));
        if (c)
            add(f, mix_int(start(F_DOC_NEXT),
                           (uint64_t)((c->lower > 0) * 4 + (c->upper_inside > 0) * 2 + (c->after_term >= 2))));
    }
}

uint32_t boundary_kind_feature(int icu)
{
    return mix_int(start(F_KIND), (uint64_t)(icu != 0));
}

int boundary_gap_candidate(UChar32 before, UChar32 after)
{
    char_class b = char_class_of(before), a = char_class_of(after);
    if (a == CH_LOWER || a == CH_PAUSE || a == CH_NONE)
        return b == CH_TERM || b == CH_CLOSE || b == CH_SYMBOL;
    return b != CH_OPEN && b != CH_DASH;
}

void boundary_features_of(const boundary_site *s, boundary_features *f)
{
    const char *t = s->text;
    size_t bytes;
    f->n = 0;
    add(f, boundary_kind_feature(s->icu));

    /* the token before: its word and the marks after it */
    size_t pa = token_start_before(t, s->lo, s->q, TOKEN_MAX), pwa, pwb;
    token_word(t, pa, s->q, &pwa, &pwb);
    size_t trail_at = pwb > pa ? pwb : pa;
    char pshape[SHAPE_MAX + 2], trail[SHAPE_MAX + 2], nshape[SHAPE_MAX + 2];
    shape_of(t, pa, s->q, pshape);
    shape_of(t, trail_at, s->q, trail);
    uint32_t trail_h = mix_str(0, trail);
    int term = strpbrk(trail, ".!?:") != NULL;

    /* the token after */
    size_t nb = s->next < s->hi ? token_end_after(t, s->len, s->hi, s->next, TOKEN_MAX) : s->next, nwa, nwb;
    token_word(t, s->next, nb, &nwa, &nwb);
    shape_of(t, s->next, nb, nshape);
    char_class nclass = s->next < s->hi ? char_class_of(utf8_char_at(t, s->len, s->next, &bytes)) : CH_NONE;
    char_class nword = nwa < nwb ? char_class_of(utf8_char_at(t, s->len, nwa, &bytes)) : CH_NONE;
    uint64_t pword = pwa < pwb ? word_hash(t, pwa, pwb) : 0, nword_h = nwa < nwb ? word_hash(t, nwa, nwb) : 0;
    static const size_t len_limits[] = {1, 2, 3, 4, 6};
    int plen = 0;
    for (size_t i = pwa; i < pwb; i += bytes, plen++)
        utf8_char_at(t, pwb, i, &bytes);

    add(f, mix_str(start(F_PREV_SHAPE), pshape));
    if (pword)
        add(f, mix_int(start(F_PREV_WORD), pword));
    add(f, mix_int(mix_str(start(F_TRAIL), trail), (uint64_t)s->icu));
    add(f, mix_str(start(F_NEXT_SHAPE), nshape));
    if (nword_h)
        add(f, mix_int(start(F_NEXT_WORD), nword_h));
    add(f, mix_int(start(F_NEXT_CLASS), (uint64_t)(nclass * 16 + nword)));
    add(f, mix_int(mix_int(mix_str(start(F_TRAIL_NEXT), trail), (uint64_t)(nclass * 16 + nword)), (uint64_t)s->icu));
    if (pword)
        add(f, mix_int(mix_int(start(F_PREV_WORD_NEXT), pword), (uint64_t)(nword * 2 + term)));
    add(f, mix_str(mix_str(start(F_SHAPES), pshape), nshape));
    add(f, mix_int(mix_str(mix_str(start(F_PREV_LEN), trail), pshape), (uint64_t)(bucket((size_t)plen, len_limits, 5) * 16 + nword)));
    if (nword_h)
        add(f, mix_int(mix_int(start(F_NEXT_WORD_TRAIL), nword_h), (uint64_t)term));

    /* the token before that */
    size_t i = pa;
    while (i > s->lo && t[i - 1] != '\n' && char_is_space(utf8_char_before(t, i, &bytes)))
        i -= bytes;
    char p2shape[SHAPE_MAX + 2];
    shape_of(t, token_start_before(t, s->lo, i, TOKEN_MAX), i, p2shape);
    add(f, mix_str(mix_str(start(F_PREV2_SHAPE), p2shape), pshape));
    add(f, mix_int(mix_str(start(F_SINCE_TERM), trail), (uint64_t)tokens_since_term(t, s->lo, pa)));

    /* the marks that end the token after, and the token after that */
    char ntrail[SHAPE_MAX + 2], n2shape[SHAPE_MAX + 2];
    shape_of(t, nwb > s->next ? nwb : nb, nb, ntrail);
    add(f, mix_int(mix_str(start(F_NEXT_TRAIL), ntrail), (uint64_t)(nword * 2 + term)));
    size_t j = nb;
    while (j < s->hi && t[j] != '\n' && char_is_space(utf8_char_at(t, s->len, j, &bytes)))
        j += bytes;
    shape_of(t, j, j < s->hi ? token_end_after(t, s->len, s->hi, j, TOKEN_MAX) : j, n2shape);
    add(f, mix_str(mix_str(start(F_NEXT2_SHAPE), nshape), n2shape));

    if (s->wrap) {
        static const size_t line_limits[] = {20, 40, 60};
        size_t chars = 0;
        for (size_t k = s->line_start; k < s->q; k += bytes, chars++)
            utf8_char_at(t, s->len, k, &bytes);
        add(f, mix_int(mix_int(start(F_WRAP), (uint64_t)bucket(chars, line_limits, 3)), (uint64_t)(nword * 2 + term)));
    }

    /* Chinese: the characters on both sides, and the clause that follows */
    char_class plast = pwb > pwa ? char_class_of(utf8_char_before(t, pwb, &bytes)) : CH_NONE;
    if (plast == CH_HAN || nword == CH_HAN) {
        UChar32 a = pwb > pwa ? utf8_char_before(t, pwb, &bytes) : -1;
        UChar32 b = nwa < nwb ? utf8_char_at(t, s->len, nwa, &bytes) : -1;
        add(f, mix_int(mix_int(mix_int(start(F_HAN_CHARS), (uint64_t)(uint32_t)a), (uint64_t)(uint32_t)b), trail_h));
        if (nclass == CH_HAN)
            clause_features(s, trail_h, f);
    }

    if (s->stats)
        document_features(s, pwa, pwb, trail_at, nwa, nwb, f);
}
