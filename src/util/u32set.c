/* u32set.c — sorted arrays of 32-bit ids; see u32set.h. */
#include "u32set.h"

#include <stdlib.h>

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

size_t u32_sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if (v[w - 1] != v[i])
            v[w++] = v[i];
    return w;
}

const uint32_t *u32_find(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x ? v + lo : NULL;
}
