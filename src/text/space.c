/* space.c — collapsing whitespace runs; see space.h. */
#include "space.h"

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

size_t space_collapse(const char *text, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_ascii_space(text[i]))
            out[n++] = text[i];
        else if (n == 0 || out[n - 1] != ' ')
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
