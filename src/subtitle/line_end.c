/* line_end.c — what may end a subtitle line; see line_end.h. */
#include "line_end.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"

enum { MAX_WORD_BYTES = 256 }; /* the weak words are short: a longer word is never one of them */

/* The word that ends s[0..end), trailing spaces skipped: bytes [*a, *b) (empty when none;
 * a word longer than MAX_WORD_BYTES is cut to its end). */
static void word_before(const char *s, size_t end, size_t *a, size_t *b)
{
    size_t j = end;
    while (j > 0 && isspace((unsigned char)s[j - 1]))
        j--;
    size_t i = j;
    while (i > 0 && j - i < MAX_WORD_BYTES && !isspace((unsigned char)s[i - 1]))
        i--;
    while (i < j && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++; /* start on a character boundary */
    *a = i;
    *b = j;
}

/* The word that begins at s + at, leading spaces skipped: bytes [*a, *b) of s[0..len). */
static void word_after(const char *s, size_t len, size_t at, size_t *a, size_t *b)
{
    size_t i = at;
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    size_t j = i;
    while (j < len && j - i < MAX_WORD_BYTES && !isspace((unsigned char)s[j]))
        j++;
    while (j > i && j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--; /* end on a character boundary */
    *a = i;
    *b = j;
}

/* s[a..b) lower-cased into w (size bytes, at least 1). */
static void lower_copy(const char *s, size_t a, size_t b, char *w, size_t size)
{
    int32_t i = (int32_t)a, j = (int32_t)b;
    size_t n = 0;
    while (i < j && n + 4 < size) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, j, c);
        if (c < 0)
            break;
        U8_APPEND_UNSAFE((uint8_t *)w, n, u_tolower(c));
    }
    w[n] = '\0';
}

void line_last_word(const char *s, size_t end, char *w, size_t size)
{
    size_t a, b;
    word_before(s, end, &a, &b);
    if (size)
        lower_copy(s, a, b, w, size);
}

/* Whether `word`, without the quotation marks around it («в», "the"), is in `list`. */
static int in_list(const char *const *list, const char *word)
{
    int32_t i = 0, j = (int32_t)strlen(word);
    for (int32_t k = i; i < j; i = k) {
        UChar32 c;
        U8_NEXT((const uint8_t *)word, k, j, c);
        if (c < 0 || !u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK))
            break;
    }
    for (int32_t k = j; j > i; j = k) {
        UChar32 c;
        U8_PREV((const uint8_t *)word, i, k, c);
        if (c < 0 || !u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK))
            break;
    }
    for (const char *const *w = list; w && *w; w++)
        if (strlen(*w) == (size_t)(j - i) && memcmp(*w, word + i, (size_t)(j - i)) == 0)
            return 1;
    return 0;
}

int line_end_word_is_weak(const subtitle_profile *p, const char *word)
{
    return in_list(p->no_line_end, word);
}

int line_end_word_is_avoided(const subtitle_profile *p, const char *word)
{
    return in_list(p->no_line_end, word) || in_list(p->avoid_line_end, word);
}

/* Whether the word at s + a, w in lower case, is capitalized inside the text: a name
 * ("Theresa May", "the White House"), not the modal or the pronoun its letters spell;
 * "I" is the pronoun wherever it stands. */
static int capitalized_inside(const char *s, size_t a, const char *w)
{
    if (a == 0 || strcmp(w, "i") == 0)
        return 0;
    int32_t i = (int32_t)a;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, -1, c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

int line_end_is_avoided(const subtitle_profile *p, const char *s, size_t m)
{
    char w[MAX_WORD_BYTES + 8];
    size_t a, b;
    word_before(s, m, &a, &b);
    lower_copy(s, a, b, w, sizeof w);
    if (capitalized_inside(s, a, w))
        return 0;
    if (line_end_word_is_avoided(p, w))
        return 1;
    /* a subject pronoun (or relative) and the auxiliaries after it: "it has | found" */
    int auxiliaries = 0;
    for (; a < b && in_list(p->auxiliaries, w); auxiliaries++) {
        word_before(s, a, &a, &b);
        lower_copy(s, a, b, w, sizeof w);
    }
    return auxiliaries && a < b && in_list(p->avoid_line_end, w);
}

/* The first code point of s, the last of s[0..n) (U_SENTINEL when empty). */
static UChar32 char_at(const char *s)
{
    int32_t i = 0;
    UChar32 c = U_SENTINEL;
    if (*s)
        U8_NEXT((const uint8_t *)s, i, -1, c);
    return c;
}

static UChar32 char_before(const char *s, size_t n)
{
    int32_t i = (int32_t)n;
    UChar32 c = U_SENTINEL;
    if (i > 0)
        U8_PREV((const uint8_t *)s, 0, i, c);
    return c;
}

/* Whether a lower-case word is one of the profile's function words: listed as leaning on
 * the next, as an auxiliary or as a function word. */
static int is_function_word(const subtitle_profile *p, const char *w)
{
    return line_end_word_is_avoided(p, w) || in_list(p->auxiliaries, w) || in_list(p->adjectives->function_words, w);
}

/* Whether a lower-case word is a content word under the profile: it begins with a letter
 * (not a digit, a quotation mark or a bracket, which begin something else) and is neither
 * a function word nor a determiner. Punctuation after it does not count. */
static int is_content_word(const subtitle_profile *p, char *w)
{
    if (!u_isalpha(char_at(w)))
        return 0;
    size_t n = strlen(w);
    for (UChar32 c; (c = char_before(w, n)) >= 0 && u_ispunct(c);)
        n -= U8_LENGTH(c);
    w[n] = '\0';
    return !is_function_word(p, w) && !in_list(p->adjectives->determiners, w);
}

/* Letters a noun's ending needs before it (the ending of "наций" is a noun's, though its
 * stem is short); an adjective's: the profile's adjective_stem. */
enum { NOUN_STEM = 1 };

/* Code points in w[0..n). */
static size_t char_count(const char *w, size_t n)
{
    size_t count = 0;
    for (int32_t i = 0; i < (int32_t)n; count++)
        U8_FWD_1((const uint8_t *)w, i, (int32_t)n);
    return count;
}

/* The length in code points of the longest ending of `list` that w ends with, after at
 * least min_stem letters; 0 when none. */
static size_t ending_length(const char *const *list, const char *w, size_t min_stem)
{
    size_t wl = strlen(w), best = 0;
    for (const char *const *e = list; e && *e; e++) {
        size_t el = strlen(*e);
        if (el > wl || memcmp(w + wl - el, *e, el) != 0)
            continue;
        size_t stem = char_count(w, wl - el), ending = char_count(*e, el);
        if (stem >= min_stem && ending > best)
            best = ending;
    }
    return best;
}

/* Whether the lower-case word w, at s + a, likely leads to a noun: a determiner, a word
 * with an adjective's ending, or one after a determiner without a noun's ending. */
static int leads_to_noun(const adjective_hints *h, const char *w, const char *s, size_t a)
{
    if (in_list(h->determiners, w))
        return 1;
    size_t adjective = ending_length(h->adjective_endings, w, (size_t)h->adjective_stem);
    size_t noun = ending_length(h->noun_endings, w, NOUN_STEM);
    if (adjective > noun)
        return 1;
    if (noun)
        return 0;
    char before[MAX_WORD_BYTES + 8];
    size_t pa, pb;
    word_before(s, a, &pa, &pb);
    lower_copy(s, pa, pb, before, sizeof before);
    return pa < pb && in_list(h->determiners, before);
}

/* Whether the words from s + at are a second adjective of a coordination and the noun the
 * two share: "[and] fair model", "[и] справедливую модель". */
static int coordinated_adjective(const subtitle_profile *p, const char *s, size_t len, size_t at)
{
    const adjective_hints *h = p->adjectives;
    char x[MAX_WORD_BYTES + 8], y[MAX_WORD_BYTES + 8];
    size_t xa, xb, ya, yb;
    word_after(s, len, at, &xa, &xb);
    word_after(s, len, xb, &ya, &yb);
    lower_copy(s, xa, xb, x, sizeof x);
    lower_copy(s, ya, yb, y, sizeof y);
    if (xa == xb || ya == yb || !u_isalpha(char_before(x, strlen(x))) || !is_content_word(p, x) ||
        !is_content_word(p, y))
        return 0;
    size_t adjective = ending_length(h->adjective_endings, x, (size_t)h->adjective_stem);
    size_t noun = ending_length(h->noun_endings, x, NOUN_STEM);
    return adjective > noun || (h->unmarked_adjectives && !noun);
}

int line_end_parts_noun_phrase(const subtitle_profile *p, const char *s, size_t len, size_t m)
{
    const adjective_hints *h = p->adjectives;
    if (!h || m >= len)
        return 0;
    char w[MAX_WORD_BYTES + 8], next[MAX_WORD_BYTES + 8];
    size_t a, b, na, nb;
    word_before(s, m, &a, &b);
    word_after(s, len, m, &na, &nb);
    if (a == b || na == nb || (a > 0 && !isspace((unsigned char)s[a - 1])))
        return 0; /* no word on a side, or one too long to be an adjective */
    lower_copy(s, a, b, w, sizeof w);
    lower_copy(s, na, nb, next, sizeof next);
    /* an adjective ends in a letter (a comma or a closing quotation mark ends its phrase) and
     * is no listed word itself */
    if (!u_isalpha(char_before(w, strlen(w))) || is_function_word(p, w))
        return 0;
    /* before a coordinator: two adjectives sharing a noun ("a more equal | and fair model") */
    if (in_list(h->coordinators, next))
        return !in_list(h->determiners, w) && leads_to_noun(h, w, s, a) && coordinated_adjective(p, s, len, nb);
    return is_content_word(p, next) && leads_to_noun(h, w, s, a);
}

/* For a flag per break position out[0..n), all cleared: ICU's word break iterator over
 * s[0..len) in a language written without spaces (its dictionary for Chinese and
 * Japanese). NULL when there is nothing to find (another language, no positions) or ICU
 * fails: *rc is 0 or the error. Close both with close_words. */
static UBreakIterator *open_words(const char *lang, const char *s, size_t len, size_t n, unsigned char *out,
                                  UText **ut, int *rc)
{
    memset(out, 0, n);
    *ut = NULL;
    *rc = 0;
    if (!lang_joins_unspaced(lang) || n == 0)
        return NULL;
    UErrorCode err = U_ZERO_ERROR;
    *ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, lang, NULL, 0, &err);
    ubrk_setUText(bi, *ut, &err);
    if (U_SUCCESS(err))
        return bi;
    ubrk_close(bi);
    utext_close(*ut);
    *ut = NULL;
    *rc = error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    return NULL;
}

static void close_words(UBreakIterator *bi, UText *ut)
{
    ubrk_close(bi);
    utext_close(ut);
}

/* Middle dots that join the parts of a transliterated name: 萨蒂亚·纳德拉, マリー・キュリー. */
static int is_name_dot(UChar32 c)
{
    return c == 0x00B7 || c == 0x30FB || c == 0xFF65 || c == 0x2027;
}

static int is_cjk_letter(UChar32 c)
{
    if (c < 0)
        return 0;
    UScriptCode sc = uscript_getScript(c, &(UErrorCode){U_ZERO_ERROR});
    return sc == USCRIPT_HAN || sc == USCRIPT_KATAKANA || sc == USCRIPT_HIRAGANA;
}

/* Whether break m of s[0..len) falls inside a transliterated name: among the characters
 * that ICU's dictionary does not know as words (one-character words: 萨|蒂|亚) on either
 * side of a middle dot between two of them. */
static int in_name(UBreakIterator *bi, const char *s, size_t len, size_t m)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        /* walk from m over one-character CJK words to a name dot, toward dir */
        int32_t at = (int32_t)m;
        for (int words = 0; words < 8; words++) {
            int32_t next = dir < 0 ? ubrk_preceding(bi, at) : ubrk_following(bi, at);
            if (next == UBRK_DONE || next < 0 || (size_t)next > len)
                break;
            int32_t i = dir < 0 ? next : at;
            UChar32 c;
            U8_NEXT((const uint8_t *)s, i, (int32_t)len, c);
            if (i != (dir < 0 ? at : next))
                break; /* a word of more than one character */
            if (is_name_dot(c))
                return line_break_splits_name(s, len, (size_t)at); /* a dot between two letters */
            if (!is_cjk_letter(c))
                break;
            at = next;
        }
    }
    return 0;
}

/* inside[] of line_breaks_inside_words, from an open word iterator */
static void fill_inside(UBreakIterator *bi, const char *s, size_t len, const size_t *pos, size_t n,
                        unsigned char *inside)
{
    for (size_t k = 0; k < n; k++)
        inside[k] = pos[k] <= 0 || pos[k] >= len             ? 0
                    : !ubrk_isBoundary(bi, (int32_t)pos[k]) ? LINE_BREAK_IN_WORD
                    : in_name(bi, s, len, pos[k]) && !line_break_splits_name(s, len, pos[k]) ? LINE_BREAK_IN_NAME
                                                                                              : 0;
}

int line_breaks_inside_words(const char *lang, const char *s, size_t len, const size_t *pos, size_t n,
                             unsigned char *inside)
{
    UText *ut;
    int rc;
    UBreakIterator *bi = open_words(lang, s, len, n, inside, &ut, &rc);
    if (bi)
        fill_inside(bi, s, len, pos, n, inside);
    close_words(bi, ut);
    return rc;
}

/* The lower-case text of ICU word [a, b) into w (size bytes): "" when it is too long to be
 * a listed word. */
static void word_text(const char *s, int32_t a, int32_t b, char *w, size_t size)
{
    w[0] = '\0';
    if (a >= 0 && b > a && (size_t)(b - a) < MAX_WORD_BYTES)
        lower_copy(s, (size_t)a, (size_t)b, w, size);
}

/* Whether every character of w is a number (一, 两, 3). */
static int is_numeral(const char *w)
{
    int32_t i = 0, n = (int32_t)strlen(w);
    while (i < n) {
        UChar32 c;
        U8_NEXT((const uint8_t *)w, i, n, c);
        if (c < 0 || u_getNumericValue(c) == U_NO_NUMERIC_VALUE)
            return 0;
    }
    return n > 0;
}

/* Whether the ICU word ending at m leads to a noun: a determiner (所有, 这些), or a measure
 * word after a determiner or a numeral (一个, 每|个). */
static int word_leads_to_noun(const adjective_hints *h, UBreakIterator *bi, const char *s, int32_t m)
{
    char w[MAX_WORD_BYTES + 8];
    int32_t a = ubrk_preceding(bi, m);
    word_text(s, a, m, w, sizeof w);
    if (in_list(h->determiners, w))
        return 1;
    if (!in_list(h->classifiers, w) || a <= 0)
        return 0;
    int32_t pa = ubrk_preceding(bi, a);
    word_text(s, pa, a, w, sizeof w);
    return in_list(h->determiners, w) || is_numeral(w);
}

/* hints[] of line_breaks_word_hints, from an open word iterator */
static void fill_hints(UBreakIterator *bi, const subtitle_profile *p, const char *s, size_t len, const size_t *pos,
                       size_t n, unsigned char *hints)
{
    const adjective_hints *h = p->adjectives;
    char next[MAX_WORD_BYTES + 8];
    for (size_t k = 0; k < n; k++) {
        int32_t m = (int32_t)pos[k];
        if (m <= 0 || (size_t)m >= len || !ubrk_isBoundary(bi, m))
            continue;
        word_text(s, m, ubrk_following(bi, m), next, sizeof next);
        if (in_list(p->no_line_start, next))
            hints[k] |= LINE_BREAK_BEFORE_BOUND;
        else if (h && u_isalpha(char_at(next)) && !in_list(h->determiners, next) && word_leads_to_noun(h, bi, s, m))
            hints[k] |= LINE_BREAK_AFTER_DETERMINER;
    }
}

int line_breaks_word_hints(const char *lang, const subtitle_profile *p, const char *s, size_t len,
                           const size_t *pos, size_t n, unsigned char *hints)
{
    UText *ut;
    int rc;
    UBreakIterator *bi = open_words(lang, s, len, n, hints, &ut, &rc);
    if (bi)
        fill_hints(bi, p, s, len, pos, n, hints);
    close_words(bi, ut);
    return rc;
}

int line_breaks_words(const char *lang, const subtitle_profile *p, const char *s, size_t len, const size_t *pos,
                      size_t n, unsigned char *inside, unsigned char *hints)
{
    UText *ut;
    int rc;
    memset(hints, 0, n);
    UBreakIterator *bi = open_words(lang, s, len, n, inside, &ut, &rc);
    if (bi) {
        fill_inside(bi, s, len, pos, n, inside);
        fill_hints(bi, p, s, len, pos, n, hints);
    }
    close_words(bi, ut);
    return rc;
}

int line_break_splits_name(const char *s, size_t len, size_t m)
{
    if (m == 0 || m >= len)
        return 0;
    int32_t i = (int32_t)m, j = (int32_t)m;
    UChar32 before, after;
    U8_PREV((const uint8_t *)s, 0, i, before);
    U8_NEXT((const uint8_t *)s, j, (int32_t)len, after);
    if (is_name_dot(before)) { /* 萨蒂亚·|纳德拉 */
        UChar32 c = U_SENTINEL;
        if (i > 0)
            U8_PREV((const uint8_t *)s, 0, i, c);
        return is_cjk_letter(c) && is_cjk_letter(after);
    }
    if (is_name_dot(after)) { /* 萨蒂亚|·纳德拉 */
        UChar32 c = U_SENTINEL;
        if (j < (int32_t)len)
            U8_NEXT((const uint8_t *)s, j, (int32_t)len, c);
        return is_cjk_letter(before) && is_cjk_letter(c);
    }
    return 0;
}

static int is_wide(UChar32 c)
{
    int w = c < 0 ? U_EA_NEUTRAL : u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

int line_join_unspaced(const char *s, size_t n, const char *next)
{
    return n && *next && (is_wide(char_before(s, n)) || is_wide(char_at(next)));
}

int line_break_judge(const char *lang, const subtitle_profile *p, const char *line, const char *next, char *word,
                     size_t size)
{
    size_t n = strlen(line), m = strlen(next);
    line_last_word(line, n, word, size);
    if (line_end_word_is_weak(p, word))
        return LINE_BREAK_WEAK_WORD;
    /* In a language written with spaces a break at a space is a subtitler's to make (even
     * before "...maybe", where UAX #14 keeps punctuation with the space). In one written
     * without, the two lines as running text, and whether UAX #14 may break where they
     * meet (joined as line_join_unspaced says). */
    if (!lang_joins_unspaced(lang))
        return LINE_BREAK_FINE;
    int space = n && m && !line_join_unspaced(line, n, next);
    char *joined = malloc(n + m + 2);
    if (!joined)
        return error_nomem();
    memcpy(joined, line, n);
    if (space)
        joined[n] = ' ';
    memcpy(joined + n + space, next, m + 1);
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, joined, -1, &err);
    UBreakIterator *bi = ubrk_open(UBRK_LINE, lang, NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    int verdict = LINE_BREAK_FINE;
    if (U_FAILURE(err))
        verdict = error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    else if (n && m && !ubrk_isBoundary(bi, (int32_t)(n + space)))
        verdict = LINE_BREAK_FORBIDDEN;
    ubrk_close(bi);
    utext_close(ut);
    free(joined);
    return verdict;
}
