/* tokens.c — character classes, tokens and word hashes for the boundary model; see
 * tokens.h. ASCII is classified by a table, the rest by ICU's properties. */
#include "tokens.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "../text/utf8.h"

/* ASCII's classes, sixteen to a row (abbreviated below, spelled out in tokens.h) */
#define PU CH_PUNCT
#define SP CH_SPACE
#define TE CH_TERM
#define CL CH_CLOSE
#define SY CH_SYMBOL
#define OP CH_OPEN
#define PA CH_PAUSE
#define DA CH_DASH
#define DI CH_DIGIT
#define UP CH_UPPER
#define LO CH_LOWER
const uint8_t ascii_char_class[128] = {
    PU, PU, PU, PU, PU, PU, PU, PU, PU, SP, SP, SP, SP, SP, PU, PU,  /* 00-0F */
    PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU,  /* 10-1F */
    SP, TE, CL, PU, SY, PU, PU, CL, OP, CL, PU, SY, PA, DA, TE, PU,  /* 20-2F */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PA, PA, SY, SY, SY, TE,  /* 30-3F */
    PU, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,  /* 40-4F */
    UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, OP, PU, CL, SY, PU,  /* 50-5F */
    SY, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,  /* 60-6F */
    LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, OP, SY, CL, SY, PU,  /* 70-7F */
};
#undef PU
#undef SP
#undef TE
#undef CL
#undef SY
#undef OP
#undef PA
#undef DA
#undef DI
#undef UP
#undef LO

char_class char_class_wide(UChar32 c)
{
    if (c < 0)
        return CH_NONE;
    if (c >= 0x410 && c <= 0x44F) /* the Russian alphabet but ё, Ё: most of Cyrillic text */
        return c < 0x430 ? CH_UPPER : CH_LOWER;
    if (c >= 0x4E00 && c <= 0x9FFF) /* the unified ideographs */
        return CH_HAN;
    if (char_is_space(c))
        return CH_SPACE;
    int8_t type = u_charType(c);
    switch (type) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
        return CH_UPPER;
    case U_LOWERCASE_LETTER:
        return CH_LOWER;
    case U_OTHER_LETTER:
    case U_MODIFIER_LETTER: {
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript(c, &err);
        return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ? CH_HAN : CH_LETTER;
    }
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
        return CH_LETTER;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
        return CH_DIGIT;
    case U_START_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
        return CH_OPEN;
    case U_END_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return CH_CLOSE;
    case U_DASH_PUNCTUATION:
        return CH_DASH;
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
        return CH_SYMBOL;
    default:
        break;
    }
    if (type == U_OTHER_PUNCTUATION && (c == 0x2026 || u_hasBinaryProperty(c, UCHAR_S_TERM)))
        return CH_TERM;
    /* full-width and ideographic pauses: ， 、 ； ： */
    if (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A)
        return CH_PAUSE;
    /* variation selectors and joiners that follow emoji count with them */
    if (c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F))
        return CH_SYMBOL;
    return CH_PUNCT;
}

size_t token_start_before(const char *text, size_t lo, size_t end, size_t max)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = end, bytes;
    while (i > lo && end - i < max) {
        unsigned char b = t[i - 1];
        if (b < 0x80) { /* ASCII without decoding */
            if (b == ' ' || (b >= '\t' && b <= '\r'))
                break;
            i--;
            continue;
        }
        UChar32 c = utf8_char_before(text, i, &bytes);
        if (char_is_space(c) || end - (i - bytes) > max)
            break;
        i -= bytes;
    }
    return i;
}

size_t token_end_after(const char *text, size_t len, size_t hi, size_t start, size_t max)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = start, bytes;
    if (hi > len)
        hi = len;
    while (i < hi && i - start < max) {
        unsigned char b = t[i];
        if (b < 0x80) {
            if (b == ' ' || (b >= '\t' && b <= '\r'))
                break;
            i++;
            continue;
        }
        UChar32 c = utf8_char_at(text, len, i, &bytes);
        if (char_is_space(c) || i + bytes - start > max)
            break;
        i += bytes;
    }
    return i;
}

void token_word(const char *text, size_t from, size_t to, size_t *wfrom, size_t *wto)
{
    size_t a = from, b = to, bytes;
    while (a < b && !char_class_is_word(char_class_of(utf8_char_at(text, b, a, &bytes))))
        a += bytes;
    while (b > a && !char_class_is_word(char_class_of(utf8_char_before(text, b, &bytes))))
        b -= bytes;
    *wfrom = a;
    *wto = b;
}

uint64_t word_hash(const char *text, size_t from, size_t to)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = from, bytes; i < to; i += bytes) {
        UChar32 c = utf8_char_at(text, to, i, &bytes);
        c = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c)
            : c >= 0x410 && c <= 0x42F ? c + 32 /* Russian capitals, the common case */
                                       : u_foldCase(c, U_FOLD_CASE_DEFAULT);
        for (int k = 0; k < 3; k++) {
            h ^= (uint8_t)(c >> (8 * k));
            h *= 1099511628211ull;
        }
    }
    return h;
}
