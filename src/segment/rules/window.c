/* window.c — UTF-8 to UTF-16 windows with an offset map; see window.h. */
#include "window.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "../../i18n.h"
#include "../../util/error.h"
#include "../../util/u32set.h"

void window_init(utf16_window *w, const char *text, size_t len)
{
    memset(w, 0, sizeof *w);
    w->text = text;
    w->len = len;
}

void window_free(utf16_window *w)
{
    free(w->u);
    free(w->rev);
    free(w->byte_at);
    memset(w, 0, sizeof *w);
}

static size_t char_start(const char *t, size_t i)
{
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

int window_cover(utf16_window *w, size_t from, size_t to, size_t chunk)
{
    if (to > w->len)
        to = w->len;
    if (w->u && from >= w->start && to <= w->end)
        return 0;
    from = char_start(w->text, from > w->len ? w->len : from);
    size_t end = to > from + chunk ? to : from + chunk;
    /* on to the next character boundary: rounding down inside a multi-byte character
     * fell short of `to`, and the window then took the whole rest of the document */
    while (end < w->len && ((const uint8_t *)w->text)[end] >= 0x80 && ((const uint8_t *)w->text)[end] < 0xC0)
        end++;
    if (end > w->len)
        end = w->len;
    size_t need = end - from + 1; /* UTF-16 units never outnumber UTF-8 bytes */
    if (need > (size_t)w->ucap) {
        UChar *u = realloc(w->u, need * sizeof *u);
        if (u)
            w->u = u;
        UChar *rev = u ? realloc(w->rev, need * sizeof *rev) : NULL;
        if (rev)
            w->rev = rev;
        uint32_t *map = rev ? realloc(w->byte_at, (need + 1) * sizeof *map) : NULL;
        if (!map)
            return error_nomem();
        w->byte_at = map;
        w->ucap = (int32_t)need;
    }
    const uint8_t *s = (const uint8_t *)w->text + from;
    int64_t i = 0, n = (int64_t)(end - from);
    int32_t o = 0;
    int pairs = 0; /* surrogate pairs written */
    while (i < n) {
        if (s[i] < 0x80) { /* a run of ASCII, the common case: one byte, one unit */
            int64_t run = i;
            while (run < n && s[run] < 0x80)
                run++;
            UChar *u = w->u + o;
            uint32_t *at = w->byte_at + o;
            for (int64_t k = 0; k < run - i; k++) {
                u[k] = s[i + k];
                at[k] = (uint32_t)(i + k);
            }
            o += (int32_t)(run - i);
            i = run;
            continue;
        }
        int64_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            c = 0xFFFD; /* cannot happen: input is validated */
        w->byte_at[o] = (uint32_t)at;
        if (c > 0xFFFF) {
            w->byte_at[o + 1] = (uint32_t)at;
            pairs = 1;
        }
        U16_APPEND_UNSAFE(w->u, o, c);
    }
    w->byte_at[o] = (uint32_t)n;
    w->ulen = o;
    UChar *rev = w->rev + o - 1;
    for (int32_t k = 0; !pairs && k < o; k++) /* no pairs: a plain reversal */
        rev[-k] = w->u[k];
    for (int32_t k = 0; pairs && k < o; k++) { /* by code point: surrogate pairs stay in order */
        if (U16_IS_LEAD(w->u[k]) && k + 1 < o && U16_IS_TRAIL(w->u[k + 1])) {
            w->rev[o - k - 2] = w->u[k];
            w->rev[o - k - 1] = w->u[k + 1];
            k++;
        } else {
            w->rev[o - k - 1] = w->u[k];
        }
    }
    w->start = from;
    w->end = end;
    w->generation++;
    return 0;
}

int32_t window_index(const utf16_window *w, size_t byte)
{
    /* the first index whose byte offset is >= the byte's */
    uint32_t rel = (uint32_t)(byte - w->start);
    return (int32_t)(u32_lower_bound(w->byte_at, (size_t)w->ulen, rel) - w->byte_at);
}

size_t window_byte(const utf16_window *w, int32_t index)
{
    return w->start + w->byte_at[index];
}
