/* utf8.h — checking that input bytes are text we can trust, and cutting text for messages.
 *
 * Everything past the input boundary assumes valid UTF-8 without NUL bytes, so this is
 * the one place that looks at raw bytes and names the offset of the first bad one. It is
 * also the one place that shortens text for a message: printf's "%.80s" and a message
 * buffer too small both cut bytes, which splits a character and leaves stderr invalid
 * UTF-8; utf8_truncate cuts between user-perceived characters and says so with "…". */
#ifndef POLYALIGN_UTF8_H
#define POLYALIGN_UTF8_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/utf8.h>

typedef enum {
    UTF8_OK = 0,
    UTF8_INVALID,   /* ill-formed sequence, surrogate, overlong form … */
    UTF8_NUL        /* a NUL byte: binary data, never text */
} utf8_status;

/* Check bytes[0..len). On failure *bad_offset is the byte offset of the first bad byte. */
utf8_status utf8_validate(const char *bytes, size_t len, size_t *bad_offset);

/* Length of a leading UTF-8 byte-order mark (3) or 0. */
size_t utf8_bom_length(const char *bytes, size_t len);

/* Copy text into out (size bytes, the NUL included; size >= 1), keeping at most max_chars
 * user-perceived characters (grapheme clusters; 0: as many as size holds) and never cutting
 * inside one. When anything is left out, "…" ends the copy, within size. out may be text
 * itself. Returns out. */
char *utf8_truncate(const char *text, size_t max_chars, char *out, size_t size);

/* How many columns character c takes on screen: two for wide (CJK) characters, else one. */
int utf8_char_columns(UChar32 c);

/* vsnprintf for messages: a result too long for buf is cut as utf8_truncate cuts, with
 * "…", instead of in the middle of a character. Returns what vsnprintf returns. */
int utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
int utf8_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The code point starting at byte i of validated text[0..len) (i < len), its length in
 * *bytes. ASCII, the common case on the hot paths of segmentation, needs no decoding;
 * the two- and three-byte characters of Cyrillic and Chinese text are read here, ICU's
 * U8_NEXT only for the rest: the same code points. Always inlined: the compiler left
 * calls to it in the segmenter's hot loops (word_rules, the model's token walks). */
static inline __attribute__((always_inline)) UChar32 utf8_char_at(const char *text, size_t len, size_t i, size_t *bytes)
{
    const uint8_t *t = (const uint8_t *)text;
    uint8_t lead = t[i];
    if (lead < 0x80) {
        *bytes = 1;
        return lead;
    }
    if (lead >= 0xC2 && lead < 0xE0 && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) { /* U+0080-U+07FF */
        *bytes = 2;
        return (UChar32)(lead & 0x1F) << 6 | (t[i + 1] & 0x3F);
    }
    /* U+1000-U+FFFF without the surrogates' lead byte ED */
    if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && i + 2 < len && (t[i + 1] & 0xC0) == 0x80 &&
        (t[i + 2] & 0xC0) == 0x80) {
        *bytes = 3;
        return (UChar32)(lead & 0x0F) << 12 | (UChar32)(t[i + 1] & 0x3F) << 6 | (t[i + 2] & 0x3F);
    }
    UChar32 c;
    int32_t k = 0;
    U8_NEXT(t + i, k, (int32_t)(len - i < 4 ? len - i : 4), c);
    *bytes = (size_t)k;
    return c;
}

/* The code point ending at byte i of validated text (i > 0), its length in *bytes.
 * ASCII, and the two- and three-byte characters of Cyrillic and Chinese text, are read
 * here; ICU's reading backwards (a call) only for the rest: the same code points. */
static inline UChar32 utf8_char_before(const char *text, size_t i, size_t *bytes)
{
    const uint8_t *t = (const uint8_t *)text;
    uint8_t last = t[i - 1];
    if (last < 0x80) {
        *bytes = 1;
        return last;
    }
    if (last < 0xC0 && i >= 3) {
        uint8_t mid = t[i - 2], lead = t[i - 3];
        if (mid >= 0xC2 && mid < 0xE0) { /* a lead byte: U+0080-U+07FF */
            *bytes = 2;
            return (UChar32)(mid & 0x1F) << 6 | (last & 0x3F);
        }
        /* U+1000-U+FFFF without the surrogates' lead byte ED */
        if ((mid & 0xC0) == 0x80 && lead >= 0xE1 && lead <= 0xEF && lead != 0xED) {
            *bytes = 3;
            return (UChar32)(lead & 0x0F) << 12 | (UChar32)(mid & 0x3F) << 6 | (last & 0x3F);
        }
    }
    UChar32 c;
    int32_t back = i < 4 ? (int32_t)i : 4, k = back;
    U8_PREV(t + i - (size_t)back, 0, k, c);
    *bytes = (size_t)(back - k);
    return c;
}

#endif
