/* utf8.c — UTF-8 validation with byte offsets, on ICU's U8_NEXT.
 *
 * ICU's macro knows every ill-formed case (overlongs, surrogates, truncation, values past
 * U+10FFFF); we only add the rule that NUL is not text. ASCII runs are skipped eight bytes
 * at a time because plain-ASCII English dominates the inputs. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>
#include <unicode/utf8.h>

static int word_is_ascii_without_nul(uint64_t w)
{
    /* no byte has its high bit set, and no byte is zero */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    return (w & highs) == 0 && ((w - ones) & ~w & highs) == 0;
}

utf8_status utf8_validate(const char *bytes, size_t len, size_t *bad_offset)
{
    const uint8_t *s = (const uint8_t *)bytes;
    int64_t i = 0, n = (int64_t)len;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (word_is_ascii_without_nul(w)) {
                i += 8;
                continue;
            }
        }
        int64_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || c == 0) {
            if (bad_offset)
                *bad_offset = (size_t)at;
            return c == 0 ? UTF8_NUL : UTF8_INVALID;
        }
    }
    return UTF8_OK;
}

size_t utf8_bom_length(const char *bytes, size_t len)
{
    return len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}
