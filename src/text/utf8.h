/* utf8.h — checking that input bytes are text we can trust.
 *
 * Everything past the input boundary assumes valid UTF-8 without NUL bytes, so this is
 * the one place that looks at raw bytes and names the offset of the first bad one. */
#ifndef POLYALIGN_UTF8_H
#define POLYALIGN_UTF8_H

#include <stddef.h>

typedef enum {
    UTF8_OK = 0,
    UTF8_INVALID,   /* ill-formed sequence, surrogate, overlong form … */
    UTF8_NUL        /* a NUL byte: binary data, never text */
} utf8_status;

/* Check bytes[0..len). On failure *bad_offset is the byte offset of the first bad byte. */
utf8_status utf8_validate(const char *bytes, size_t len, size_t *bad_offset);

/* Length of a leading UTF-8 byte-order mark (3) or 0. */
size_t utf8_bom_length(const char *bytes, size_t len);

#endif
