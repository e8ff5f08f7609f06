/* utf8.c — UTF-8 validation with byte offsets.
 *
 * Well-formed UTF-8 is the table of Unicode's chapter 3 (no overlong forms, no
 * surrogates, nothing past U+10FFFF, no cut sequence), checked by hand on the lead byte's
 * ranges without computing the code point: a quarter faster than ICU's U8_NEXT on
 * Chinese, a sixth on Russian, with the same verdicts (a unit test compares the two on
 * random bytes). We add the rule that NUL is not text.
 * Sixteen bytes of one- and two-byte characters (English, Russian) are checked at once
 * (util/bytes16.h); elsewhere ASCII runs are skipped eight bytes at a time, and a
 * two-byte character is read before anything else is tried.
 * Large inputs are checked in two halves at once: reading a file is the one step every
 * command waits for. */
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../util/bytes16.h"

static int word_is_ascii_without_nul(uint64_t w)
{
    /* no byte has its high bit set, and no byte is zero */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    return (w & highs) == 0 && ((w - ones) & ~w & highs) == 0;
}

/* One character of valid UTF-8 at s[i] (not ASCII): its length, or 0 when ill-formed
 * (overlong forms, surrogates, values past U+10FFFF, a cut sequence), as U8_NEXT judges. */
static int64_t sequence_length(const uint8_t *s, int64_t i, int64_t n)
{
    uint8_t c = s[i];
    if (c >= 0xC2 && c <= 0xDF)
        return i + 1 < n && (s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (i + 2 >= n || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        uint8_t b = s[i + 1];
        int ok = c == 0xE0 ? b >= 0xA0 && b <= 0xBF : c == 0xED ? b >= 0x80 && b <= 0x9F : (b & 0xC0) == 0x80;
        return ok ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (i + 3 >= n || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
            return 0;
        uint8_t b = s[i + 1];
        int ok = c == 0xF0 ? b >= 0x90 && b <= 0xBF : c == 0xF4 ? b >= 0x80 && b <= 0x8F : (b & 0xC0) == 0x80;
        return ok ? 4 : 0;
    }
    return 0;
}

/* How many of the sixteen bytes at p, which start a character (p[-1] ends one), are
 * well-formed one- and two-byte characters without NUL (English, Russian): 16, or 15
 * when the last one starts a two-byte character, or 0 when something else is there. */
static int short_chars_block(const uint8_t *p)
{
    bytes16 v = bytes16_load(p), before = bytes16_load(p - 1);
    bytes16 lead_before = (bytes16)((before >= 0xC2) & (before <= 0xDF)), trail = (bytes16)((v & 0xC0) == 0x80);
    bytes16 bad = (bytes16)((v == 0) | (v >= 0xE0) | ((v >= 0xC0) & (v < 0xC2))) | (lead_before ^ trail);
    if (bytes16_any(bad))
        return 0;
    return p[BYTES16 - 1] >= 0xC2 && p[BYTES16 - 1] <= 0xDF ? BYTES16 - 1 : BYTES16;
}

static utf8_status validate_range(const char *bytes, size_t len, size_t *bad_offset)
{
    const uint8_t *s = (const uint8_t *)bytes;
    int64_t i = 0, n = (int64_t)len, bytewise_to = 0;
    while (i < n) {
        /* sixteen bytes at once, unless the last try failed within them or a Chinese
         * character starts here; anything else a character at a time, as before */
        if (i > 0 && i >= bytewise_to && s[i] < 0xE0 && n - i >= BYTES16) {
            int good = short_chars_block(s + i);
            if (good) {
                i += good;
                continue;
            }
            bytewise_to = i + BYTES16;
        }
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2; /* two bytes (Cyrillic, Greek …): read before the ASCII test would fail */
            continue;
        }
        if (s[i] < 0x80 && n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (word_is_ascii_without_nul(w)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            if (s[i] == 0) {
                if (bad_offset)
                    *bad_offset = (size_t)i;
                return UTF8_NUL;
            }
            i++;
            continue;
        }
        int64_t k = sequence_length(s, i, n);
        if (k == 0) {
            if (bad_offset)
                *bad_offset = (size_t)i;
            return UTF8_INVALID;
        }
        i += k;
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

/* ---- cutting text for messages ---- */

static const char ellipsis[] = "…";

/* Where to cut text[0..len) so that at most max_chars grapheme clusters (0: any number)
 * and at most room bytes are kept: the largest such cluster boundary. Code points stand in
 * for clusters if ICU cannot open its iterator (ill-formed bytes count one each). */
static size_t cut_point(const char *text, size_t len, size_t max_chars, size_t room)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    size_t kept = 0;
    for (size_t chars = 0; !max_chars || chars < max_chars; chars++) {
        size_t next;
        if (U_SUCCESS(err)) {
            int32_t b = ubrk_following(bi, (int32_t)kept);
            next = b == UBRK_DONE ? len : (size_t)b;
        } else {
            int32_t i = (int32_t)kept;
            UChar32 c;
            U8_NEXT((const uint8_t *)text, i, (int32_t)len, c);
            (void)c;
            next = (size_t)i;
        }
        if (next > room || next <= kept)
            break;
        kept = next;
    }
    ubrk_close(bi);
    utext_close(ut);
    return kept;
}

/* Cut text[0..len) into out (size bytes); `cut`: something was left out already. */
static char *truncate_to(const char *text, size_t len, size_t max_chars, int cut, char *out, size_t size)
{
    size_t mark = sizeof ellipsis - 1, keep = len;
    if (!cut && len < size && max_chars) /* fits in bytes: only the character limit can cut it */
        keep = cut_point(text, len, max_chars, len);
    if (cut || keep < len || len >= size) { /* something goes: keep room for the ellipsis */
        keep = cut_point(text, len, max_chars, size > mark + 1 ? size - mark - 1 : size - 1);
        cut = 1;
    }
    memmove(out, text, keep);
    int marked = cut && keep + mark < size;
    if (marked)
        memcpy(out + keep, ellipsis, mark);
    out[keep + (marked ? mark : 0)] = '\0';
    return out;
}

char *utf8_truncate(const char *text, size_t max_chars, char *out, size_t size)
{
    return truncate_to(text, strlen(text), max_chars, 0, out, size);
}

int utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);
    if (n >= 0 && size && (size_t)n >= size)
        truncate_to(buf, size - 1, 0, 1, buf, size);
    return n;
}

int utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = utf8_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int utf8_char_columns(UChar32 c)
{
    if (c >= 0x4E00 && c <= 0x9FFF) /* the unified ideographs, all wide, at once */
        return 2;
    if (c < 0x1100)
        return 1;
    int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return 1 + (w == U_EA_WIDE || w == U_EA_FULLWIDTH);
}
