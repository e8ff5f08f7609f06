/* bytes16.h — sixteen bytes of text tested at once.
 *
 * The scans that look at every byte of a text (UTF-8 validation, the quotation pairing's
 * search for its next delimiter) ask the same few questions of each byte. GCC's and
 * Clang's vector extension answers them for sixteen bytes in a handful of instructions
 * (SSE2 on x86-64, NEON on ARM, plain code elsewhere): a comparison gives a mask, 0xFF in
 * each byte where it holds and 0 where not, and these helpers load and read the masks.
 * Inline: each is a few instructions in a hot loop. */
#ifndef POLYALIGN_BYTES16_H
#define POLYALIGN_BYTES16_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { BYTES16 = 16 };
typedef uint8_t bytes16 __attribute__((vector_size(BYTES16)));

/* The sixteen bytes at p (no alignment needed). */
static inline bytes16 bytes16_load(const uint8_t *p)
{
    bytes16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Is some byte of mask m set? */
static inline int bytes16_any(bytes16 m)
{
    uint64_t a, b;
    memcpy(&a, &m, 8);
    memcpy(&b, (const char *)&m + 8, 8);
    return (a | b) != 0;
}

/* How many bytes of mask m are set? */
static inline size_t bytes16_count(bytes16 m)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t a, b;
    memcpy(&a, &m, 8);
    memcpy(&b, (const char *)&m + 8, 8);
    return (size_t)((((a & ones) * ones) >> 56) + (((b & ones) * ones) >> 56));
}

#endif
