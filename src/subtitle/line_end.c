/* line_end.c — what may end a subtitle line; see line_end.h. */
#include "line_end.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"

enum { MAX_WORD_BYTES = 256 }; /* the weak words are short: a longer word is never one of them */

void line_last_word(const char *s, size_t end, char *w, size_t size)
{
    size_t b = end;
    while (b > 0 && isspace((unsigned char)s[b - 1]))
        b--;
    size_t a = b;
    while (a > 0 && b - a < MAX_WORD_BYTES && !isspace((unsigned char)s[a - 1]))
        a--;
    while (a < b && ((unsigned char)s[a] & 0xC0) == 0x80)
        a++; /* start on a character boundary */
    int32_t i = (int32_t)a, j = (int32_t)b;
    size_t n = 0;
    while (i < j && n + 4 < size) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, j, c);
        if (c < 0)
            break;
        U8_APPEND_UNSAFE((uint8_t *)w, n, u_tolower(c));
    }
    if (size)
        w[n] = '\0';
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

int line_breaks_inside_words(const char *lang, const char *s, size_t len, const size_t *pos, size_t n,
                             unsigned char *inside)
{
    memset(inside, 0, n);
    if (!lang_joins_unspaced(lang) || n == 0)
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, lang, NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    int rc = U_SUCCESS(err) ? 0 : error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    for (size_t k = 0; rc == 0 && k < n; k++)
        inside[k] = pos[k] > 0 && pos[k] < len && !ubrk_isBoundary(bi, (int32_t)pos[k]);
    ubrk_close(bi);
    utext_close(ut);
    return rc;
}

static int is_wide(UChar32 c)
{
    int w = c < 0 ? U_EA_NEUTRAL : u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

/* Whether the last character of s[0..n) is wide. */
static int wide_before(const char *s, size_t n)
{
    int32_t i = (int32_t)n;
    UChar32 c;
    U8_PREV((const uint8_t *)s, 0, i, c);
    return is_wide(c);
}

/* Whether the first character of s is wide. */
static int wide_at(const char *s)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, -1, c);
    return is_wide(c);
}

int line_join_unspaced(const char *s, size_t n, const char *next)
{
    return n && *next && (wide_before(s, n) || wide_at(next));
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
        return error_set(ERR_IO, _("out of memory"));
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
