/* utf8.c — UTF-8 validation with byte offsets, on ICU's U8_NEXT.
 *
 * ICU's macro knows every ill-formed case (overlongs, surrogates, truncation, values past
 * U+10FFFF); we only add the rule that NUL is not text. ASCII runs are skipped eight bytes
 * at a time because plain-ASCII English dominates the inputs. Large inputs are checked in
 * two halves at once: reading a file is the one step every command waits for. */
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <unistd.h>
#include <string.h>
#include <unicode/utf8.h>

static int word_is_ascii_without_nul(uint64_t w)
{
    /* no byte has its high bit set, and no byte is zero */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    return (w & highs) == 0 && ((w - ones) & ~w & highs) == 0;
}

static utf8_status validate_range(const char *bytes, size_t len, size_t *bad_offset)
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

enum { PARALLEL_BYTES = 8 << 20 };

typedef struct {
    const char *bytes;
    size_t len, bad;
    utf8_status status;
} half;

static void *validate_half(void *arg)
{
    half *h = arg;
    h->status = validate_range(h->bytes, h->len, &h->bad);
    return NULL;
}

utf8_status utf8_validate(const char *bytes, size_t len, size_t *bad_offset)
{
    if (len < PARALLEL_BYTES || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return validate_range(bytes, len, bad_offset);
    /* cut at a byte that starts a character: each half is then valid on its own exactly
     * when the whole is (a cut inside a sequence would split it) */
    size_t mid = len / 2;
    while (mid < len && ((unsigned char)bytes[mid] & 0xC0) == 0x80 && mid < len / 2 + 3)
        mid++;
    half second = {bytes + mid, len - mid, 0, UTF8_OK};
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, validate_half, &second) == 0;
    if (!threaded)
        validate_half(&second);
    size_t bad = 0;
    utf8_status first = validate_range(bytes, mid, &bad);
    if (threaded)
        pthread_join(thread, NULL);
    if (first != UTF8_OK) {
        if (bad_offset)
            *bad_offset = bad;
        return first;
    }
    if (second.status != UTF8_OK && bad_offset)
        *bad_offset = mid + second.bad;
    return second.status;
}

size_t utf8_bom_length(const char *bytes, size_t len)
{
    return len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}
