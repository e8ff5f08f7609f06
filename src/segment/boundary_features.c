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

#include <unicode/uchar.h>

#include "../text/utf8.h"
#include "tokens.h"

enum {
    TOKEN_MAX = 64,     /* bytes of a token the features look at */
    WORD_MAX = 24,      /* bytes of a word taken as itself */
    SHAPE_MAX = 10,     /* symbols of a shape */
    LOOK_BACK = 96,     /* bytes searched back for the start of the sentence */
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
    F_WRAP,
    F_HAN_CHARS,
    F_CLAUSE_END,
    F_CLAUSE_END2,
    F_CLAUSE_LEN,
    F_DOC_PREV,
    F_DOC_NEXT,
    F_ABBREVIATION,
    F_STARTER
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
    uint64_t x = ((uint64_t)h << 32 | h) ^ v; /* one multiply and shift: a murmur-style finalizer */
    x *= 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(x >> 32);
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

/* A token ends a sentence when its last character before closing quotes and brackets
 * is a sentence-final mark ("said.", "you?”", "end.)"); the token ends at byte `end`. */
static int ends_sentence(const char *text, size_t from, size_t end)
{
    size_t bytes;
    char_class k = CH_NONE;
    while (end > from && (k = char_class_of(utf8_char_before(text, end, &bytes))) == CH_CLOSE)
        end -= bytes;
    return end > from && k == CH_TERM;
}

static int space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const size_t span_limits[] = {0, 1, 2, 3, 6, 12, 25};
enum { SPAN_BUCKETS = 7, SPAN_MAX_TOKENS = 26 };

/* Tokens since the last one that ends a sentence, within LOOK_BACK bytes of `end` and
 * not before lo, nor across a line end (a bucket: 0, 1, 2, 3, 4-6, 7-12, 13-25, more).
 * The start of the stretch or of a line counts as a sentence end. Tokens are read
 * between ASCII spaces, byte by byte: this runs at every candidate. */
static int tokens_since_term(const char *text, size_t lo, size_t end)
{
    size_t floor = end > lo + LOOK_BACK ? end - LOOK_BACK : lo, tokens = 0, i = end;
    for (;;) {
        while (i > floor && space_byte(text[i - 1]) && text[i - 1] != '\n')
            i--;
        if (i <= lo || text[i - 1] == '\n')
            break; /* a sentence starts there */
        if (i <= floor || tokens >= SPAN_MAX_TOKENS) {
            tokens = SPAN_MAX_TOKENS;
            break;
        }
        size_t token_end = i;
        while (i > floor && !space_byte(text[i - 1]))
            i--;
        while (i > lo && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--; /* the floor may cut a character */
        if (ends_sentence(text, i, token_end))
            break;
        tokens++;
    }
    return bucket(tokens, span_limits, SPAN_BUCKETS);
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

/* Punkt's evidence: is the word before a full stop an abbreviation in this document
 * (it keeps its full stop, and lower case follows it somewhere), is the capitalized word
 * after it one that often comes after such full stops? */
static void document_features(const boundary_site *s, size_t pwa, size_t pwb, size_t trail_at, size_t nwa,
                              size_t nwb, boundary_features *f)
{
    size_t bytes;
    if (pwa < pwb && trail_at < s->q && s->text[trail_at] == '.') {
        const word_counts *c = doc_stats_find(s->stats, word_hash(s->text, pwa, pwb));
        if (c) {
            int many = c->with_period >= 3 ? 2 : c->with_period >= 2;
            add(f, mix_int(start(F_DOC_PREV), (uint64_t)(many * 2 + (c->period_then_lower > 0))));
        }
    }
    if (nwa < nwb && char_class_of(utf8_char_at(s->text, s->len, nwa, &bytes)) == CH_UPPER) {
        const word_counts *c = doc_stats_find(s->stats, word_hash(s->text, nwa, nwb));
        if (c)
            add(f, mix_int(start(F_DOC_NEXT), (uint64_t)(c->after_term >= 2)));
    }
}

uint32_t boundary_kind_feature(int icu)
{
    return mix_int(start(F_KIND), (uint64_t)(icu != 0));
}

/* Is token [from, to) in capitals ("GT", "AM", "MIRAMAR"): two or more letters, no lower case? */
static int all_caps(const char *text, size_t from, size_t to)
{
    int letters = 0;
    for (size_t i = from, bytes; i < to; i += bytes) {
        char_class k = char_class_of(utf8_char_at(text, to, i, &bytes));
        if (k == CH_LOWER)
            return 0;
        letters += k == CH_UPPER;
    }
    return letters >= 2;
}

/* Does token [from, to) hold a digit, or end with : ! ? ("08:28", "Jill:",
 * "Congratulations!")? (Not a comma: "He said to| Him, they" is everywhere.) */
static int token_cue(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    char last = to > from ? text[to - 1] : 0;
    return last == ':' || last == '!' || last == '?';
}

int boundary_gap_candidate(const char *text, size_t len, size_t q, size_t next, size_t hi)
{
    size_t bytes;
    UChar32 last = utf8_char_before(text, q, &bytes);
    char_class b = char_class_of(last), a = char_class_of(utf8_char_at(text, len, next, &bytes));
    if (a == CH_TERM || a == CH_PAUSE || a == CH_NONE || b == CH_OPEN || b == CH_DASH)
        return 0; /* no sentence starts with . , ; : and none ends with ( or - */
    if (a == CH_CLOSE && utf8_char_at(text, len, next, &bytes) >= 0x80)
        return 0; /* nor with a closing bracket or quote: "кто они такие… »" */
    size_t w = next; /* the first character after opening marks: "(New Scientist Space)", "“Go" */
    char_class first = a;
    while (w < hi && first == CH_OPEN) {
        w += bytes;
        first = w < hi ? char_class_of(utf8_char_at(text, len, w, &bytes)) : CH_NONE;
    }
    if (first == CH_LOWER)
        return a == CH_LOWER && (b == CH_TERM || b == CH_CLOSE || b == CH_SYMBOL); /* "проц. (при" */
    size_t pa = token_start_before(text, 0, q, TOKEN_MAX), k = pa;
    while (k < q && (char_class_of(utf8_char_at(text, len, k, &bytes)) == CH_CLOSE || char_class_of(utf8_char_at(text, len, k, &bytes)) == CH_OPEN))
        k += bytes;
    if (k == q)
        return 0; /* a token of quotes alone goes with a sentence, ends none: "деньги ! \" Ты" */
    if (b == CH_PAUSE && last == ',') /* "Sincerely, Traci", "Greg, I faxed": a greeting */
        return tokens_since_term(text, 0, q) <= 2;
    if (!char_class_is_word(b))
        return 1; /* after a mark or a symbol */
    /* two words and nothing between: a sentence ends there only on some sign of it */
    a = first;
    size_t nb = token_end_after(text, len, hi, w, TOKEN_MAX);
    if (a == CH_DIGIT) /* before a number: a date, a time or a list item ("04/26/2001", "1)", "2.") */
        return memchr(text + w, '/', nb - w) || memchr(text + w, ':', nb - w) ||
               (nb - w <= 3 && (text[nb - 1] == ')' || text[nb - 1] == '.'));
    if (a != CH_UPPER && a != CH_LETTER)
        return a == CH_SYMBOL && w == next; /* "<spahnn@hnks.com>", "---", ":-)" */
    return all_caps(text, w, nb) || token_cue(text, w, nb) || all_caps(text, pa, q) || token_cue(text, pa, q);
}

int boundary_icu_candidate(const char *text, size_t len, size_t q, size_t next, size_t hi)
{
    size_t bytes, mark_bytes, i = q;
    UChar32 after = -1;
    while (next < hi && (char_class_of(after = utf8_char_at(text, len, next, &bytes)) == CH_OPEN || after == '\'' ||
                         after == '"'))
        next += bytes; /* "word. “The", "word. (The", "word. 'The" */
    if (next >= hi)
        return 1;
    int quote = 0; /* a closing quote after the mark: an attribution may follow */
    UChar32 mark = utf8_char_before(text, i, &mark_bytes);
    while (i > 0 && char_class_of(mark) == CH_CLOSE) {
        quote |= u_charType(mark) == U_FINAL_PUNCTUATION || mark == 0x300D || mark == 0x300F || mark == '"' || mark == '\'';
        i -= mark_bytes;
        mark = i > 0 ? utf8_char_before(text, i, &mark_bytes) : -1;
    }
    char_class k = char_class_of(mark), a = char_class_of(after);
    if (k == CH_TERM && mark >= 0x3000)
        return quote; /* 。！？: only a closing quote after them may hide an attribution */
    if (k != CH_TERM || mark == 0x2026 || (a != CH_UPPER && a != CH_HAN))
        return 1;
    i -= mark_bytes;
    if (mark == '.' && i > 0 && text[i - 1] == '.')
        return 1; /* an ellipsis */
    /* before the mark: a word of two lower-case letters or more, a number of two digits
     * or more ("in 2013. The"), or a closing bracket ("(2000). The") */
    int lower = 0, digits = 0;
    while (i > 0 && char_class_of(utf8_char_before(text, i, &bytes)) == CH_LOWER) {
        i -= bytes;
        lower++;
    }
    while (!lower && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') {
        i--;
        digits++;
    }
    if (!lower && !digits)
        return !(i > 0 && text[i - 1] == ')');
    if (lower < 2 && digits < 2)
        return 1;
    if (lower && lower <= 3 && i > 1 && text[i - 1] == ' ' && text[i - 2] >= '0' && text[i - 2] <= '9')
        return 1; /* a unit or an abbreviation after a number: "2010-2012 гг. Виктор", "5 km. The" */
    if (lower && i > 0 && char_class_of(utf8_char_before(text, i, &bytes)) == CH_UPPER)
        i -= bytes;
    return !(i == 0 || char_is_space(utf8_char_before(text, i, &bytes)));
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
    /* words as themselves only when short enough to be words: a run of Chinese, a URL is not */
    uint64_t pword = pwa < pwb && pwb - pwa <= WORD_MAX ? word_hash(t, pwa, pwb) : 0;
    uint64_t nword_h = nwa < nwb && nwb - nwa <= WORD_MAX ? word_hash(t, nwa, nwb) : 0;
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

    /* the token before that ("1979 г.", "11:58 p.m."), and how far the sentence has gone
     * ("В 2010-2012 гг. Виктор": two tokens, an adverbial opening it) */
    size_t i = pa;
    while (i > s->lo && t[i - 1] != '\n' && char_is_space(utf8_char_before(t, i, &bytes)))
        i -= bytes;
    char p2shape[SHAPE_MAX + 2];
    shape_of(t, token_start_before(t, s->lo, i, TOKEN_MAX), i, p2shape);
    add(f, mix_str(mix_str(start(F_PREV2_SHAPE), p2shape), pshape));
    add(f, mix_int(mix_str(start(F_SINCE_TERM), trail), (uint64_t)tokens_since_term(t, s->lo, pa)));

    /* the marks that end the token after */
    char ntrail[SHAPE_MAX + 2];
    shape_of(t, nwb > s->next ? nwb : nb, nb, ntrail);
    add(f, mix_int(mix_str(start(F_NEXT_TRAIL), ntrail), (uint64_t)(nword * 2 + term)));

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
    if (s->words) {
        int abbreviation = pword && term && word_lists_abbreviation(s->words, pword);
        int starter = nword_h && word_lists_starter(s->words, nword_h);
        add(f, mix_int(mix_str(start(F_ABBREVIATION), trail), (uint64_t)(abbreviation * 64 + s->icu * 32 + nword)));
        add(f, mix_int(mix_str(start(F_STARTER), trail), (uint64_t)(starter * 64 + abbreviation * 32 + nword)));
    }
}
