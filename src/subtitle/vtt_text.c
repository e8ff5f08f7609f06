/* vtt_text.c — WebVTT character references, written and read; see vtt_text.h. */
#include "vtt_text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "markup.h"

/* The tag at s, as markup.h knows tags (ASS overrides are text in WebVTT): its length, or 0. */
static size_t tag_at(const char *s)
{
    return s[0] == '<' ? markup_length(s) : 0;
}

void vtt_text_write(FILE *f, const char *text)
{
    for (size_t m; *text; text += m ? m : 1) {
        if ((m = tag_at(text)))
            fwrite(text, 1, m, f);
        else if (*text == '&')
            fputs("&amp;", f);
        else if (*text == '<')
            fputs("&lt;", f);
        else if (*text == '>')
            fputs("&gt;", f);
        else
            fputc(*text, f);
    }
}

static const struct {
    const char *name; /* with its ';' */
    UChar32 c;
} named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"nbsp;", 0xA0}, {"lrm;", 0x200E}, {"rlm;", 0x200F}};

/* The character of the reference at s (just after its '&'), its length in *n; -1 when
 * none is there. */
static UChar32 reference(const char *s, size_t *n)
{
    if (s[0] != '#') {
        for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
            if (strncmp(s, named[k].name, (*n = strlen(named[k].name))) == 0)
                return named[k].c;
        return -1;
    }
    int hex = s[1] == 'x' || s[1] == 'X';
    const char *digits = s + 1 + hex, *p = digits;
    long v = 0;
    for (; hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p); p++)
        if (v <= 0x10FFFF) /* past it, only the end is looked for */
            v = v * (hex ? 16 : 10) + (isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10);
    if (p == digits || *p != ';')
        return -1;
    *n = (size_t)(p + 1 - s);
    /* no character, or a control character that would break the cue's lines (&#10;) */
    int junk = v > 0x10FFFF || U_IS_SURROGATE(v) || (v < 0x20 && v != '\t') || (v >= 0x7F && v < 0xA0);
    return junk ? 0xFFFD : (UChar32)v;
}

void vtt_text_decode(char *line)
{
    char *w = line;
    for (const char *r = line; *r;) {
        size_t m = tag_at(r), n;
        UChar32 c;
        if (m) {
            memmove(w, r, m);
            w += m;
            r += m;
        } else if (*r == '&' && (c = reference(r + 1, &n)) >= 0) {
            /* a reference is longer than its UTF-8: "&#65536;" is 8 bytes, U+10000 is 4 */
            size_t k = 0;
            U8_APPEND_UNSAFE((uint8_t *)w, k, c);
            w += k;
            r += 1 + n;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}
