/* space.c — collapsing whitespace runs; see space.h. */
#include "space.h"

#include <string.h>

static int is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int space_needs_collapse(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_ascii_space(text[i]) && (text[i] != ' ' || (i + 1 < len && is_ascii_space(text[i + 1]))))
            return 1;
    return 0;
}

int lone_mark(const char *text, size_t at, size_t end)
{
    return at < end && text[at] && strchr(".,;:!?", text[at]) && (at + 1 == end || is_ascii_space(text[at + 1]));
}

int capital_piece(const char *text, size_t from, size_t to)
{
    if (to <= from || to - from > 2)
        return 0;
    for (size_t k = from; k < to; k++)
        if (text[k] < 'A' || text[k] > 'Z')
            return 0;
    return 1;
}

/* Is the white space run before text[next] a wrap that unwrap_lines marked with a vertical
 * tab, before a lone . , ; : ! ? or between two capital pieces (after_piece: the word before
 * the run is one)? */
static int glued(const char *text, size_t next, size_t len, int after_piece, int vertical_tab)
{
    if (!vertical_tab || next >= len)
        return 0;
    size_t next_end = next;
    while (next_end < len && !is_ascii_space(text[next_end]))
        next_end++;
    return lone_mark(text, next, len) || (after_piece && capital_piece(text, next, next_end));
}

size_t space_collapse(const char *text, size_t len, char *out)
{
    size_t n = 0;
    int after_piece = 0; /* the word just copied is a capital piece */
    for (size_t i = 0; i < len;) {
        if (!is_ascii_space(text[i])) {
            size_t from = i;
            while (i < len && !is_ascii_space(text[i]))
                i++;
            after_piece = capital_piece(text, from, i);
            memmove(out + n, text + from, i - from);
            n += i - from;
            continue;
        }
        int vertical_tab = 0;
        while (i < len && is_ascii_space(text[i]))
            vertical_tab |= text[i++] == '\v';
        if (n == 0 || !glued(text, i, len, after_piece, vertical_tab))
            out[n++] = ' ';
    }
    return n;
}

int space_only(const char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)bytes[i] >= 128 || !char_is_space((unsigned char)bytes[i]))
            return 0; /* a byte of a UTF-8 sequence is no ASCII whitespace */
    return 1;
}
