/* u32set.c — sorted arrays of 32-bit ids; see u32set.h. */
#include "u32set.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "error.h"
#include "search.h"
#include "vec.h"

/* Quicksort specialized for uint32 (qsort's comparison calls were a tenth of the
 * aligner's time): median of three, insertion sort below 16, recursion on the smaller
 * half only. */
static void sort_u32(uint32_t *v, size_t n)
{
    while (n > 16) {
        uint32_t a = v[0], b = v[n / 2], c = v[n - 1];
        uint32_t pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint32_t t = v[i];
            v[i++] = v[j];
            v[j--] = t;
        }
        size_t left = j + 1;
        if (left < n - left) {
            sort_u32(v, left);
            v += left;
            n -= left;
        } else {
            sort_u32(v + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t k = i;
        for (; k > 0 && v[k - 1] > x; k--)
            v[k] = v[k - 1];
        v[k] = x;
    }
}

size_t u32_sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    sort_u32(v, n);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if (v[w - 1] != v[i])
            v[w++] = v[i];
    return w;
}

typedef struct {
    const uint32_t *v;
    uint32_t x;
} u32_key;

static int u32_is_below(size_t i, const void *ctx)
{
    const u32_key *k = ctx;
    return k->v[i] < k->x;
}

const uint32_t *u32_lower_bound(const uint32_t *v, size_t n, uint32_t x)
{
    u32_key k = {v, x};
    return v + partition_point(0, n, u32_is_below, &k);
}

const uint32_t *u32_find(const uint32_t *v, size_t n, uint32_t x)
{
    const uint32_t *p = u32_lower_bound(v, n, x);
    return p < v + n && *p == x ? p : NULL;
}

static size_t slot_of(uint32_t key, size_t mask)
{
    return (size_t)(key * 2654435761u) & mask;
}

int u32_map_init(u32_map *m, size_t expected)
{
    size_t size = 16;
    while (size < 2 * expected)
        size *= 2;
    m->key = malloc(size * sizeof *m->key);
    m->val = malloc(size * sizeof *m->val);
    m->mask = size - 1;
    m->used = 0;
    if (!m->key || !m->val) {
        u32_map_free(m);
        return error_nomem();
    }
    memset(m->val, 0xff, size * sizeof *m->val);
    return 0;
}

int u32_map_put(u32_map *m, uint32_t key, uint32_t val)
{
    if ((m->used + 1) * 2 > m->mask + 1) {
        u32_map bigger;
        if (u32_map_init(&bigger, m->mask + 1) < 0)
            return error_nomem();
        for (size_t i = 0; i <= m->mask; i++)
            if (m->val[i] != U32_MAP_NONE)
                u32_map_put(&bigger, m->key[i], m->val[i]);
        u32_map_free(m);
        *m = bigger;
    }
    size_t i = slot_of(key, m->mask);
    while (m->val[i] != U32_MAP_NONE && m->key[i] != key)
        i = (i + 1) & m->mask;
    m->used += m->val[i] == U32_MAP_NONE;
    m->key[i] = key;
    m->val[i] = val;
    return 0;
}

uint32_t u32_map_get(const u32_map *m, uint32_t key)
{
    for (size_t i = slot_of(key, m->mask); m->val[i] != U32_MAP_NONE; i = (i + 1) & m->mask)
        if (m->key[i] == key)
            return m->val[i];
    return U32_MAP_NONE;
}

void u32_map_free(u32_map *m)
{
    free(m->key);
    free(m->val);
    m->key = m->val = NULL;
}

size_t u32_sort_unique_from(uint32_t *v, size_t from, size_t n)
{
    return from + u32_sort_unique(v + from, n - from);
}

int u32_vec_push(u32_vec *b, uint32_t x)
{
    if (vec_reserve(&b->v, &b->cap, b->n + 1, sizeof *b->v) < 0)
        return error_nomem();
    b->v[b->n++] = x;
    return 0;
}
