/* lexicon.c — compiling and memory-mapping lexicons; see lexicon.h for the layout.
 *
 * The builder keeps every link as two key strings in an arena; compiling sorts the keys of
 * each side, gives them indexes, and writes both directions of the links as compressed
 * rows (CSR), so a key's translations are one contiguous array in the mapped file. */
#include "lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/search.h"
#include "../util/vec.h"

#define LEX_MAGIC "PALEX02\n"

typedef struct {
    char magic[8];
    char lang[2][8];
    uint32_t nkeys[2];
    uint32_t nlinks;
    uint32_t reserved;
    uint64_t key_off[2];    /* uint32 [nkeys+1]: byte offsets of keys in the strings */
    uint64_t hash_off[2];   /* uint32 [nkeys] */
    uint64_t start_off[2];  /* uint32 [nkeys+1]: first link of each key */
    uint64_t link_off[2];   /* uint32 [nlinks]: hashes of the linked keys of the other side */
    uint64_t str_off, str_len;
} lex_header;

struct lexicon {
    const unsigned char *base;
    size_t len;
    int mapped;
    const lex_header *h;
    const uint32_t *key_off[2], *hash[2], *start[2], *link[2];
    const char *str;
};

uint32_t lexicon_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

/* ---- builder ---- */

typedef struct {
    uint32_t off[2], len[2];
} raw_link;

struct lexicon_builder {
    char lang[2][8];
    char *arena;
    size_t arena_n, arena_cap;
    raw_link *links;
    size_t nlinks, links_cap;
};

int lexicon_builder_new(const char *lang0, const char *lang1, lexicon_builder **out)
{
    lexicon_builder *b = calloc(1, sizeof *b);
    if (!b)
        return error_nomem();
    snprintf(b->lang[0], sizeof b->lang[0], "%s", lang0);
    snprintf(b->lang[1], sizeof b->lang[1], "%s", lang1);
    *out = b;
    return 0;
}

static int arena_add(lexicon_builder *b, const char *s, size_t n, uint32_t *off)
{
    if (b->arena_n + n > UINT32_MAX)
        return error_set(ERR_DATA, _("lexicon too large"));
    if (vec_reserve(&b->arena, &b->arena_cap, b->arena_n + n + 1, 1) < 0)
        return error_nomem();
    memcpy(b->arena + b->arena_n, s, n);
    *off = (uint32_t)b->arena_n;
    b->arena_n += n;
    return 0;
}

int lexicon_builder_link(lexicon_builder *b, const char *k0, size_t n0, const char *k1, size_t n1)
{
    if (n0 == 0 || n1 == 0)
        return 0;
    if (vec_reserve(&b->links, &b->links_cap, b->nlinks + 1, sizeof *b->links) < 0)
        return error_nomem();
    raw_link *l = &b->links[b->nlinks];
    int rc = arena_add(b, k0, n0, &l->off[0]);
    if (rc == 0)
        rc = arena_add(b, k1, n1, &l->off[1]);
    if (rc < 0)
        return rc;
    l->len[0] = (uint32_t)n0;
    l->len[1] = (uint32_t)n1;
    b->nlinks++;
    return 0;
}

size_t lexicon_builder_count(const lexicon_builder *b)
{
    return b->nlinks;
}

void lexicon_builder_free(lexicon_builder *b)
{
    if (!b)
        return;
    free(b->arena);
    free(b->links);
    free(b);
}

/* a key during compilation: a span of the arena */
typedef struct {
    const char *s;
    uint32_t n;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorted unique keys of one side; *n gets their count. */
static span *side_keys(const lexicon_builder *b, int side, size_t *n)
{
    span *k = malloc((b->nlinks + 1) * sizeof *k);
    if (!k)
        return NULL;
    for (size_t i = 0; i < b->nlinks; i++)
        k[i] = (span){b->arena + b->links[i].off[side], b->links[i].len[side]};
    qsort(k, b->nlinks, sizeof *k, span_cmp);
    size_t w = 0;
    for (size_t i = 0; i < b->nlinks; i++)
        if (w == 0 || span_cmp(&k[w - 1], &k[i]) != 0)
            k[w++] = k[i];
    *n = w;
    return k;
}

typedef struct {
    const span *keys;
    span s;
} span_key;

static int span_is_below(size_t i, const void *ctx)
{
    const span_key *k = ctx;
    return span_cmp(&k->keys[i], &k->s) < 0;
}

static uint32_t span_index(const span *keys, size_t n, span s)
{
    span_key k = {keys, s};
    return (uint32_t)partition_point(0, n, span_is_below, &k);
}

int lexicon_builder_compile(lexicon_builder *b, void **bytes, size_t *len)
{
    *bytes = NULL;
    *len = 0;
    span *keys[2] = {NULL, NULL};
    size_t nk[2] = {0, 0};
    uint64_t *pairs = NULL;
    int rc = 0;
    for (int s = 0; s < 2 && rc == 0; s++)
        if (!(keys[s] = side_keys(b, s, &nk[s])))
            rc = error_nomem();
    /* links as (index0 << 32 | index1), sorted and unique */
    if (rc == 0 && !(pairs = malloc((b->nlinks + 1) * sizeof *pairs)))
        rc = error_nomem();
    size_t np = 0;
    for (size_t i = 0; rc == 0 && i < b->nlinks; i++) {
        uint64_t a = span_index(keys[0], nk[0], (span){b->arena + b->links[i].off[0], b->links[i].len[0]});
        uint64_t c = span_index(keys[1], nk[1], (span){b->arena + b->links[i].off[1], b->links[i].len[1]});
        pairs[np++] = a << 32 | c;
    }
    if (rc == 0) {
        qsort(pairs, np, sizeof *pairs, u64_cmp);
        size_t w = 0;
        for (size_t i = 0; i < np; i++)
            if (w == 0 || pairs[w - 1] != pairs[i])
                pairs[w++] = pairs[i];
        np = w;
    }
    size_t strlen_total = 0;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < nk[s]; i++)
            strlen_total += keys[s][i].n;
    lex_header h = {0};
    size_t off = sizeof h;
    for (int s = 0; s < 2; s++) {
        h.nkeys[s] = (uint32_t)nk[s];
        memcpy(h.lang[s], b->lang[s], sizeof h.lang[s]);
        h.key_off[s] = off, off += (nk[s] + 1) * 4;
        h.hash_off[s] = off, off += nk[s] * 4;
        h.start_off[s] = off, off += (nk[s] + 1) * 4;
        h.link_off[s] = off, off += np * 4;
    }
    memcpy(h.magic, LEX_MAGIC, 8);
    h.nlinks = (uint32_t)np;
    h.str_off = off;
    h.str_len = strlen_total;
    off += strlen_total;
    unsigned char *out = rc == 0 ? calloc(1, off) : NULL;
    if (rc == 0 && !out)
        rc = error_nomem();
    if (rc == 0) {
        memcpy(out, &h, sizeof h);
        char *str = (char *)out + h.str_off;
        size_t so = 0;
        for (int s = 0; s < 2; s++) {
            uint32_t *ko = (uint32_t *)(out + h.key_off[s]), *hs = (uint32_t *)(out + h.hash_off[s]);
            for (size_t i = 0; i < nk[s]; i++) {
                ko[i] = (uint32_t)so;
                memcpy(str + so, keys[s][i].s, keys[s][i].n);
                hs[i] = lexicon_hash(keys[s][i].s, keys[s][i].n);
                so += keys[s][i].n;
            }
            ko[nk[s]] = (uint32_t)so;
            /* rows: side 0 straight from the sorted pairs, side 1 by counting */
            uint32_t *st = (uint32_t *)(out + h.start_off[s]), *lk = (uint32_t *)(out + h.link_off[s]);
            for (size_t p = 0; p < np; p++)
                st[(s == 0 ? pairs[p] >> 32 : pairs[p] & 0xffffffffu) + 1]++;
            for (size_t i = 0; i < nk[s]; i++)
                st[i + 1] += st[i];
            uint32_t *fill = calloc(nk[s] + 1, sizeof *fill);
            if (!fill) {
                rc = error_nomem();
                break;
            }
            for (size_t p = 0; p < np; p++) {
                uint32_t a = (uint32_t)(pairs[p] >> 32), c = (uint32_t)(pairs[p] & 0xffffffffu);
                uint32_t from = s == 0 ? a : c, to = s == 0 ? c : a;
                const span *k = &keys[1 - s][to];
                lk[st[from] + fill[from]++] = lexicon_hash(k->s, k->n); /* read in sequence at run time */
            }
            free(fill);
        }
    }
    free(keys[0]);
    free(keys[1]);
    free(pairs);
    if (rc < 0) {
        free(out);
        return rc;
    }
    *bytes = out;
    *len = off;
    return 0;
}

/* ---- reading ---- */

/* Check that every array lies inside the buffer and every offset inside its target. */
static int lexicon_check(lexicon *lx, const char *name)
{
    const lex_header *h = (const lex_header *)lx->base;
    if (lx->len < sizeof *h || memcmp(h->magic, LEX_MAGIC, 8) != 0)
        return error_set(ERR_DATA, _("%s: not a polyalign lexicon (rebuild it with make)"), name);
    uint64_t len = lx->len;
    for (int s = 0; s < 2; s++) {
        uint64_t nk = h->nkeys[s], nl = h->nlinks;
        if (memchr(h->lang[s], '\0', sizeof h->lang[s]) == NULL || h->key_off[s] % 4 || h->hash_off[s] % 4 ||
            h->start_off[s] % 4 || h->link_off[s] % 4 || h->key_off[s] > len || (nk + 1) * 4 > len - h->key_off[s] ||
            h->hash_off[s] > len || nk * 4 > len - h->hash_off[s] || h->start_off[s] > len ||
            (nk + 1) * 4 > len - h->start_off[s] || h->link_off[s] > len || nl * 4 > len - h->link_off[s])
            return error_set(ERR_DATA, _("%s: damaged lexicon (array out of the file)"), name);
    }
    if (h->str_off > len || h->str_len > len - h->str_off)
        return error_set(ERR_DATA, _("%s: damaged lexicon (array out of the file)"), name);
    lx->h = h;
    lx->str = (const char *)lx->base + h->str_off;
    for (int s = 0; s < 2; s++) {
        lx->key_off[s] = (const uint32_t *)(lx->base + h->key_off[s]);
        lx->hash[s] = (const uint32_t *)(lx->base + h->hash_off[s]);
        lx->start[s] = (const uint32_t *)(lx->base + h->start_off[s]);
        lx->link[s] = (const uint32_t *)(lx->base + h->link_off[s]);
        for (uint32_t i = 0; i < h->nkeys[s]; i++)
            if (lx->key_off[s][i] > lx->key_off[s][i + 1] || lx->start[s][i] > lx->start[s][i + 1])
                return error_set(ERR_DATA, _("%s: damaged lexicon (offsets out of order)"), name);
        if (lx->key_off[s][h->nkeys[s]] > h->str_len || lx->start[s][h->nkeys[s]] > h->nlinks)
            return error_set(ERR_DATA, _("%s: damaged lexicon (offsets out of the file)"), name);
    }
    return 0;
}

int lexicon_from_bytes(void *bytes, size_t len, const char *name, lexicon **out)
{
    *out = NULL;
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) {
        free(bytes);
        return error_nomem();
    }
    lx->base = bytes;
    lx->len = len;
    int rc = lexicon_check(lx, name);
    if (rc < 0) {
        lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

int lexicon_open(const char *path, lexicon **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return error_set(ERR_NOINPUT, _("%s: cannot open lexicon: %m"), path);
    struct stat st;
    if (fstat(fd, &st) < 0 || st.st_size <= 0) {
        close(fd);
        return error_set(ERR_DATA, _("%s: empty lexicon file"), path);
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int map_errno = errno;
    close(fd);
    if (p == MAP_FAILED) { /* no address space left is out of memory (71) */
        errno = map_errno;
        return map_errno == ENOMEM ? error_nomem() : error_set(ERR_IO, _("%s: cannot map lexicon: %m"), path);
    }
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) {
        munmap(p, (size_t)st.st_size);
        return error_nomem();
    }
    lx->base = p;
    lx->len = (size_t)st.st_size;
    lx->mapped = 1;
    int rc = lexicon_check(lx, path);
    if (rc < 0) {
        lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    if (lx->mapped)
        munmap((void *)lx->base, lx->len);
    else
        free((void *)lx->base);
    free(lx);
}

const char *lexicon_lang(const lexicon *lx, int side)
{
    return lx->h->lang[side];
}

size_t lexicon_nkeys(const lexicon *lx, int side)
{
    return lx->h->nkeys[side];
}

size_t lexicon_nlinks(const lexicon *lx)
{
    return lx->h->nlinks;
}

/* Compare key k of `side` with s[0..n): <0, 0, >0 like memcmp on the whole strings. */
static int key_cmp(const lexicon *lx, int side, size_t k, const char *s, size_t n)
{
    const char *ks = lx->str + lx->key_off[side][k];
    size_t kn = lx->key_off[side][k + 1] - lx->key_off[side][k];
    int c = memcmp(ks, s, kn < n ? kn : n);
    return c ? c : (kn > n) - (kn < n);
}

/* a string looked for among the keys of one side, for partition_point */
typedef struct {
    const lexicon *lx;
    int side;
    const char *s;
    size_t n;
} key_query;

static int key_is_below(size_t k, const void *ctx)
{
    const key_query *q = ctx;
    return key_cmp(q->lx, q->side, k, q->s, q->n) < 0;
}

long lexicon_find(const lexicon *lx, int side, const char *s, size_t n)
{
    key_query q = {lx, side, s, n};
    size_t lo = partition_point(0, lx->h->nkeys[side], key_is_below, &q);
    return lo < lx->h->nkeys[side] && key_cmp(lx, side, lo, s, n) == 0 ? (long)lo : -1;
}

/* Compare the first n bytes of key k (the whole key when shorter: then it sorts below)
 * with s[0..n). */
static int key_prefix_cmp(const key_query *q, size_t k)
{
    const char *ks = q->lx->str + q->lx->key_off[q->side][k];
    size_t kn = q->lx->key_off[q->side][k + 1] - q->lx->key_off[q->side][k];
    int c = memcmp(ks, q->s, kn < q->n ? kn : q->n);
    return c == 0 && kn < q->n ? -1 : c;
}

static int prefix_is_below(size_t k, const void *ctx)
{
    return key_prefix_cmp(ctx, k) < 0;
}

static int prefix_is_at_most(size_t k, const void *ctx)
{
    return key_prefix_cmp(ctx, k) <= 0;
}

/* First key in [lo, hi) whose first n bytes compare >= s[0..n) (or > when `after`). */
static size_t prefix_bound(const lexicon *lx, int side, size_t lo, size_t hi, const char *s, size_t n, int after)
{
    key_query q = {lx, side, s, n};
    return partition_point(lo, hi, after ? prefix_is_at_most : prefix_is_below, &q);
}

size_t lexicon_longest_prefix(const lexicon *lx, int side, const char *s, size_t n, long *key)
{
    size_t lo = 0, hi = lx->h->nkeys[side], best = 0;
    *key = -1;
    /* extend the prefix one UTF-8 character at a time; the keys sharing it stay a range */
    for (size_t len = 0; len < n && lo < hi;) {
        len++;
        while (len < n && ((unsigned char)s[len] & 0xC0) == 0x80)
            len++;
        lo = prefix_bound(lx, side, lo, hi, s, len, 0);
        hi = prefix_bound(lx, side, lo, hi, s, len, 1);
        if (lo < hi && key_cmp(lx, side, lo, s, len) == 0) {
            best = len;
            *key = (long)lo;
        }
    }
    return best;
}

const uint32_t *lexicon_links(const lexicon *lx, int side, long k, size_t *n)
{
    *n = lx->start[side][k + 1] - lx->start[side][k];
    return lx->link[side] + lx->start[side][k];
}

uint32_t lexicon_key_hash(const lexicon *lx, int side, long k)
{
    return lx->hash[side][k];
}
