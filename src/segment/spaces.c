/* spaces.c — the whitespace and opening marks around a break.
 *
 * A break ICU proposes comes after the spaces that follow a sentence; the rules speak of
 * the position right after its punctuation, and a sentence is printed without the spaces
 * around it. The spaces trimmed are ASCII's, U+00A0 and U+3000, read as bytes: these run
 * at every break. Opening quotes and brackets before a break belong to the sentence after
 * it (UAX #29 counts every quote as Close). */
#include "segmenter_impl.h"

#include <unicode/uchar.h>

#include "../text/utf8.h"

/* Length of an opening quote or bracket (Unicode Pi or Ps) ending at text[i], or 0.
 * UAX #29 counts every quote as Close, so "。“Next" would keep “ with the sentence
 * before; an opening mark always belongs to the sentence after. */
size_t opener_before(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    size_t bytes;
    UChar32 c = utf8_char_before(t, i, &bytes);
    int8_t type = c < 0 ? 0 : u_charType(c);
    return type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ? bytes : 0;
}

/* Length of the whitespace character ending at text[i] (exclusive end), or 0. */
size_t space_before(const char *t, size_t i)
{
    if (i >= 1 && (t[i - 1] == ' ' || (t[i - 1] >= '\t' && t[i - 1] <= '\r')))
        return 1;
    if (i >= 2 && (unsigned char)t[i - 2] == 0xC2 && (unsigned char)t[i - 1] == 0xA0)
        return 2; /* U+00A0 */
    if (i >= 3 && (unsigned char)t[i - 3] == 0xE3 && (unsigned char)t[i - 2] == 0x80 &&
        (unsigned char)t[i - 1] == 0x80)
        return 3; /* U+3000 ideographic space */
    return 0;
}

size_t space_after(const char *t, size_t i, size_t len)
{
    if (i < len && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
        return 1;
    if (i + 1 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (i + 2 < len && (unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
        (unsigned char)t[i + 2] == 0x80)
        return 3;
    return 0;
}

int is_blank_line(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!(t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v'))
            return 0;
    return 1;
}

/* The first character from byte i on that is not White_Space (or `to`). */
size_t skip_spaces(const char *text, size_t len, size_t i, size_t to)
{
    size_t k;
    while (i < to && (k = space_after(text, i, len)) != 0)
        i += k;
    return i;
}
