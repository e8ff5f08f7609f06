/* u64table.c — open-addressing tables keyed by 64-bit hashes; see u64table.h. */
#include "u64table.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "error.h"

void u64_table_init(u64_table *t, size_t size)
{
    *t = (u64_table){.size = size < sizeof(uint64_t) ? sizeof(uint64_t) : size};
}

static uint64_t key_at(const unsigned char *slots, size_t size, size_t k)
{
    uint64_t key;
    memcpy(&key, slots + k * size, sizeof key);
    return key;
}

/* Where the search for key starts in a table of cap slots: its bits mixed (the finalizer
 * of splitmix64), so that every bit of the key moves the slot. */
static size_t home_slot(uint64_t key, size_t cap)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    key ^= key >> 31;
    return (size_t)key & (cap - 1);
}

/* The index of key's slot in a table of cap slots: where it is, or the empty one where
 * it would go. */
static size_t probe(const unsigned char *slots, size_t size, size_t cap, uint64_t key)
{
    size_t at = home_slot(key, cap);
    for (uint64_t k; (k = key_at(slots, size, at)) && k != key;)
        at = (at + 1) & (cap - 1);
    return at;
}

static int grow(u64_table *t)
{
    if ((t->n + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 1024;
    unsigned char *bigger = calloc(cap + 1, t->size); /* the last slot: key 0's */
    if (!bigger)
        return error_nomem();
    for (size_t k = 0; k < t->cap; k++) {
        uint64_t key = key_at(t->slots, t->size, k);
        if (key)
            memcpy(bigger + probe(bigger, t->size, cap, key) * t->size, t->slots + k * t->size, t->size);
    }
    if (t->has_zero)
        memcpy(bigger + cap * t->size, t->slots + t->cap * t->size, t->size);
    free(t->slots);
    t->slots = bigger;
    t->cap = cap;
    return 0;
}

void *u64_table_put(u64_table *t, uint64_t key, int *added)
{
    *added = 0;
    if (grow(t) < 0)
        return NULL;
    if (!key) {
        *added = !t->has_zero;
        t->n += *added;
        t->has_zero = 1;
        return t->slots + t->cap * t->size;
    }
    unsigned char *slot = t->slots + probe(t->slots, t->size, t->cap, key) * t->size;
    if (!key_at(slot, t->size, 0)) {
        memcpy(slot, &key, sizeof key);
        t->n++;
        *added = 1;
    }
    return slot;
}

void *u64_table_get(const u64_table *t, uint64_t key)
{
    if (!key)
        return t->has_zero ? t->slots + t->cap * t->size : NULL;
    if (!t->cap)
        return NULL;
    size_t at = probe(t->slots, t->size, t->cap, key);
    return key_at(t->slots, t->size, at) ? t->slots + at * t->size : NULL;
}

void *u64_table_next(const u64_table *t, size_t *at)
{
    for (; *at < t->cap; ++*at)
        if (key_at(t->slots, t->size, *at))
            return t->slots + (*at)++ * t->size;
    if (t->has_zero && *at == t->cap)
        return t->slots + (*at)++ * t->size; /* key 0's slot, last */
    return NULL;
}

void u64_table_free(u64_table *t)
{
    free(t->slots);
    u64_table_init(t, t->size);
}

int u64_set_add(u64_table *t, uint64_t x)
{
    int added;
    if (!u64_table_put(t, x, &added))
        return error_nomem();
    return !added;
}
