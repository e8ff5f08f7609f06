/* u64sort.c — in-place radix sort of 64-bit keys and counting repeats; see u64sort.h. */
#include "u64sort.h"

enum { SMALL = 32 };

static void insertion_sort(uint64_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Sort v[0..n), whose keys agree above bit shift + 8, on the byte at `shift`, then each
 * bucket on the bytes below it. At most eight levels deep. */
static void radix_sort(uint64_t *v, size_t n, unsigned shift)
{
    if (n <= SMALL) {
        insertion_sort(v, n);
        return;
    }
    size_t count[256] = {0}, start[256], next[256];
    for (size_t i = 0; i < n; i++)
        count[(v[i] >> shift) & 0xFF]++;
    size_t at = 0;
    for (int b = 0; b < 256; b++) {
        start[b] = next[b] = at;
        at += count[b];
    }
    /* each bucket in turn: swap the key at its next free place home until one belongs */
    for (int b = 0; b < 256; b++) {
        size_t end = start[b] + count[b];
        while (next[b] < end) {
            uint64_t x = v[next[b]];
            unsigned home = (unsigned)((x >> shift) & 0xFF);
            if (home == (unsigned)b) {
                next[b]++;
                continue;
            }
            v[next[b]] = v[next[home]];
            v[next[home]++] = x;
        }
    }
    if (shift == 0)
        return;
    for (int b = 0; b < 256; b++)
        if (count[b] > 1)
            radix_sort(v + start[b], count[b], shift - 8);
}

void u64_sort(uint64_t *v, size_t n)
{
    radix_sort(v, n, 56);
}

size_t u64_count_repeats(uint64_t *v, size_t n)
{
    u64_sort(v, n);
    size_t repeats = 0;
    for (size_t i = 1; i < n; i++)
        repeats += v[i] == v[i - 1];
    return repeats;
}
