/* tm_index.c — a token n-gram index and edit-distance scoring; see tm_index.h.
 *
 * Layout (arrays, so that saving is writing them and loading is reading them back):
 *   units:    for each unit, offsets of its source and target texts in `text`, and of
 *             its normalized tokens (32-bit hashes) in `tokens`;
 *   postings: for each of BUCKETS hash buckets, the units holding an n-gram that falls
 *             in it (word unigrams, or character bigrams for Chinese/Japanese), CSR-style.
 * A query counts, per unit, the query's n-grams it shares (skipping n-grams so common
 * that they select nothing), scores the best-sharing units by edit distance over tokens,
 * and keeps those above the threshold. */
#include "tm_index.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "../util/vec.h"
#include "tmx_reader.h"

enum { BUCKETS = 1 << 20, CANDIDATES = TM_INDEX_MAX_MATCHES, MAX_TOKENS = 512 };
static const char MAGIC[8] = "PATMIX2", MAGIC_V1[8] = "PATMIX1"; /* 1: without the languages */

typedef struct {
    uint32_t src, tgt;      /* offsets in text */
    uint32_t tok, ntok;     /* tokens[tok .. tok + ntok) */
} unit_entry;

struct tm_index {
    char lang[2][LANG_TAG_MAX]; /* source and target, canonical */
    int by_char;            /* tokens are characters (zh, ja), else words */
    unit_entry *units;
    size_t nunits, ucap;
    char *text;
    size_t ntext, tcap;
    uint32_t *tokens;
    size_t ntokens, kcap;
    uint32_t *head;         /* BUCKETS + 1 offsets into post */
    uint32_t *post;
    size_t npost;
    uint16_t *hits;         /* per unit, query scratch (zero between queries) */
};

static uint32_t hash32(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (uint8_t)s[k]) * 16777619u;
    return h ? h : 1;
}

/* Normalized tokens of s: words (or characters) lower-cased, numbers as one "#" token,
 * punctuation and spaces dropped. Returns the count (at most max). */
static size_t tokenize(const char *s, int by_char, uint32_t *out, size_t max)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t n = (int32_t)strlen(s), i = 0;
    size_t count = 0;
    char word[256];
    size_t wn = 0;
    int in_number = 0;
    while (i <= n && count < max) {
        UChar32 c = 0;
        if (i < n)
            U8_NEXT(p, i, n, c);
        else
            i++; /* one past the end flushes the last word */
        int digit = c > 0 && u_isdigit(c), letter = c > 0 && (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK);
        if (digit) {
            if (!in_number) {
                if (wn)
                    out[count++] = hash32(word, wn), wn = 0;
                if (count < max)
                    out[count++] = hash32("#", 1);
            }
            in_number = 1;
            continue;
        }
        in_number = 0;
        if (letter && !by_char) {
            UChar32 lower = u_tolower(c);
            if (wn + 4 < sizeof word)
                U8_APPEND_UNSAFE((uint8_t *)word, wn, lower);
            continue;
        }
        if (wn)
            out[count++] = hash32(word, wn), wn = 0;
        if (letter && by_char && count < max) {
            char one[4];
            size_t on = 0;
            U8_APPEND_UNSAFE((uint8_t *)one, on, u_tolower(c));
            out[count++] = hash32(one, on);
        }
    }
    return count;
}

/* The index keys of a token sequence: pairs of neighbouring tokens (words or characters),
 * far more selective than single ones; a one-token segment is its own key. */
static size_t keys_of(const uint32_t *tok, size_t n, uint32_t *out)
{
    size_t k = 0;
    if (n < 2) {
        for (size_t i = 0; i < n; i++)
            out[k++] = tok[i] & (BUCKETS - 1);
    } else {
        for (size_t i = 0; i + 1 < n; i++)
            out[k++] = (tok[i] * 31u + tok[i + 1]) & (BUCKETS - 1);
    }
    return u32_sort_unique(out, k); /* distinct keys only: a unit counts once per key */
}

static int add_text(tm_index *ix, const char *s, uint32_t *at)
{
    size_t n = strlen(s) + 1;
    if (ix->ntext + n > UINT32_MAX)
        return error_set(ERR_DATA, _("memory too large for the index (over 4 GB of text)"));
    if (vec_reserve(&ix->text, &ix->tcap, ix->ntext + n, 1) < 0)
        return error_nomem();
    memcpy(ix->text + ix->ntext, s, n);
    *at = (uint32_t)ix->ntext;
    ix->ntext += n;
    return 0;
}

static int build_postings(tm_index *ix)
{
    ix->head = calloc(BUCKETS + 1, sizeof *ix->head);
    ix->hits = calloc(ix->nunits + 1, sizeof *ix->hits);
    if (!ix->head || !ix->hits)
        return error_nomem();
    uint32_t keys[MAX_TOKENS];
    for (size_t u = 0; u < ix->nunits; u++) {
        size_t nk = keys_of(ix->tokens + ix->units[u].tok, ix->units[u].ntok, keys);
        for (size_t k = 0; k < nk; k++)
            ix->head[keys[k] + 1]++;
    }
    for (size_t b = 0; b < BUCKETS; b++)
        ix->head[b + 1] += ix->head[b];
    ix->npost = ix->head[BUCKETS];
    ix->post = malloc((ix->npost + 1) * sizeof *ix->post);
    uint32_t *fill = malloc(BUCKETS * sizeof *fill);
    if (!ix->post || !fill) {
        free(fill);
        return error_nomem();
    }
    memcpy(fill, ix->head, BUCKETS * sizeof *fill);
    for (size_t u = 0; u < ix->nunits; u++) {
        size_t nk = keys_of(ix->tokens + ix->units[u].tok, ix->units[u].ntok, keys);
        for (size_t k = 0; k < nk; k++)
            ix->post[fill[keys[k]]++] = (uint32_t)u;
    }
    free(fill);
    return 0;
}

/* A tag in canonical spelling, or as given when ICU refuses it (the index still works). */
static void canonical(const char *tag, char out[LANG_TAG_MAX])
{
    if (lang_normalize(tag, out) < 0)
        snprintf(out, LANG_TAG_MAX, "%s", tag);
}

int tm_index_build(const char *tmx_path, const char *src, const char *tgt, tm_index **out)
{
    *out = NULL;
    tm_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return error_nomem();
    ix->by_char = lang_is_unspaced(src);
    canonical(src, ix->lang[0]);
    canonical(tgt, ix->lang[1]);
    tmx_reader *r = NULL;
    int rc = tmx_reader_open(tmx_path, &r);
    tmx_unit u = {0};
    int more = 0;
    while (rc == 0 && (more = tmx_reader_next(r, &u)) == 1) {
        const char *s, *t;
        if (!tmx_unit_pair(&u, src, tgt, &s, &t))
            continue;
        unit_entry e = {0};
        uint32_t tok[MAX_TOKENS];
        e.ntok = (uint32_t)tokenize(s, ix->by_char, tok, MAX_TOKENS);
        e.tok = (uint32_t)ix->ntokens;
        if ((rc = vec_reserve(&ix->units, &ix->ucap, ix->nunits + 1, sizeof *ix->units)) < 0 ||
            (rc = vec_reserve(&ix->tokens, &ix->kcap, ix->ntokens + e.ntok, sizeof *ix->tokens)) < 0 ||
            (rc = add_text(ix, s, &e.src)) < 0 || (rc = add_text(ix, t, &e.tgt)) < 0)
            break;
        memcpy(ix->tokens + ix->ntokens, tok, e.ntok * sizeof *tok);
        ix->ntokens += e.ntok;
        ix->units[ix->nunits++] = e;
    }
    if (rc == 0 && more < 0)
        rc = more;
    tmx_unit_free(&u);
    tmx_reader_close(r);
    if (rc == 0)
        rc = build_postings(ix);
    if (rc < 0) {
        tm_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

const char *tm_index_lang(const tm_index *ix, int side)
{
    return ix->lang[side ? 1 : 0];
}

size_t tm_index_units(const tm_index *ix)
{
    return ix->nunits;
}

/* Levenshtein distance between token sequences, two rows. */
static size_t edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *row)
{
    size_t *prev = row, *cur = row + m + 1;
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

static int cmp_match(const void *a, const void *b)
{
    const tm_match *x = a, *y = b;
    return y->score - x->score;
}

size_t tm_index_lookup(const tm_index *cix, const char *query, int min_score, tm_match *out, size_t max)
{
    tm_index *ix = (tm_index *)cix; /* the hit counters are scratch, zero again on return */
    uint32_t q[MAX_TOKENS], keys[MAX_TOKENS];
    size_t nq = tokenize(query, ix->by_char, q, MAX_TOKENS);
    size_t nk = keys_of(q, nq, keys);
    if (!nq || !ix->nunits)
        return 0;
    /* units sharing n-grams; n-grams in more than 2% of units select nothing */
    size_t common = ix->nunits / 50 > 1000 ? ix->nunits / 50 : 1000;
    uint32_t *touched = NULL; /* every unit counted, so that all counters go back to zero */
    size_t ntouched = 0, tcap = 0;
    int failed = 0;
    /* rarest n-grams first; the three rarest are used even when common (a memory with a
     * small vocabulary has only common words) */
    for (size_t i = 1; i < nk; i++) {
        uint32_t v = keys[i];
        size_t j = i, len = ix->head[v + 1] - ix->head[v];
        while (j > 0 && ix->head[keys[j - 1] + 1] - ix->head[keys[j - 1]] > len) {
            keys[j] = keys[j - 1];
            j--;
        }
        keys[j] = v;
    }
    for (size_t k = 0; k < nk && !failed; k++) {
        uint32_t from = ix->head[keys[k]], to = ix->head[keys[k] + 1];
        if (to - from > common && k >= 3)
            break;
        for (uint32_t p = from; p < to; p++) {
            uint32_t u = ix->post[p];
            if (ix->hits[u] == 0) {
                if (vec_reserve(&touched, &tcap, ntouched + 1, sizeof *touched) < 0) {
                    failed = 1;
                    break;
                }
                touched[ntouched++] = u;
            }
            if (ix->hits[u] < UINT16_MAX)
                ix->hits[u]++;
        }
    }
    /* the best-sharing candidates (a partial selection by hit count) */
    uint32_t cand[CANDIDATES];
    size_t nc = 0;
    for (size_t t = 0; t < ntouched; t++) {
        uint32_t u = touched[t];
        if (nc < CANDIDATES) {
            cand[nc++] = u;
            continue;
        }
        size_t worst = 0;
        for (size_t c = 1; c < nc; c++)
            if (ix->hits[cand[c]] < ix->hits[cand[worst]])
                worst = c;
        if (ix->hits[u] > ix->hits[cand[worst]])
            cand[worst] = u;
    }
    for (size_t t = 0; t < ntouched; t++)
        ix->hits[touched[t]] = 0;
    free(touched);
    size_t *row = malloc(sizeof *row * 2 * (MAX_TOKENS + 1));
    size_t nout = 0;
    tm_match *all = malloc(sizeof *all * (nc + 1));
    for (size_t c = 0; c < nc && row && all; c++) {
        const unit_entry *e = &ix->units[cand[c]];
        size_t longer = e->ntok > nq ? e->ntok : nq, diff = e->ntok > nq ? e->ntok - nq : nq - e->ntok;
        if ((double)diff > longer * (1 - min_score / 100.0))
            continue; /* the length difference alone rules it out */
        size_t d = edit_distance(q, nq, ix->tokens + e->tok, e->ntok, row);
        int score = (int)(100.0 * (1.0 - (double)d / (double)longer) + 1e-9);
        if (score == 100 && (nq == MAX_TOKENS || e->ntok == MAX_TOKENS))
            score = 99; /* only the first MAX_TOKENS tokens were compared */
        if (score >= min_score)
            all[nout++] = (tm_match){ix->text + e->src, ix->text + e->tgt, score};
    }
    if (all)
        qsort(all, nout, sizeof *all, cmp_match);
    size_t n = nout < max ? nout : max;
    if (all)
        memcpy(out, all, n * sizeof *out);
    free(all);
    free(row);
    return n;
}

/* ---- saving and loading: the arrays, as they are ---- */

typedef struct {
    char magic[8];
    uint64_t by_char, nunits, ntext, ntokens, npost, buckets;
    char lang[2][LANG_TAG_MAX]; /* source and target, NUL-terminated */
} saved_header;

int tm_index_save(const tm_index *ix, const char *path)
{
    /* through a temporary file: an interrupted save must not leave an index that every
     * later run trips over */
    atomic_file af;
    int rc = atomic_file_open(&af, path);
    if (rc < 0)
        return rc;
    FILE *f = af.f;
    saved_header h = {{0}, (uint64_t)ix->by_char, ix->nunits, ix->ntext, ix->ntokens, ix->npost, BUCKETS, {{0}}};
    memcpy(h.magic, MAGIC, sizeof MAGIC);
    memcpy(h.lang, ix->lang, sizeof h.lang);
    int ok = fwrite(&h, sizeof h, 1, f) == 1 && fwrite(ix->units, sizeof *ix->units, ix->nunits, f) == ix->nunits &&
             fwrite(ix->text, 1, ix->ntext, f) == ix->ntext &&
             fwrite(ix->tokens, sizeof *ix->tokens, ix->ntokens, f) == ix->ntokens &&
             fwrite(ix->head, sizeof *ix->head, BUCKETS + 1, f) == BUCKETS + 1 &&
             fwrite(ix->post, sizeof *ix->post, ix->npost, f) == ix->npost;
    return atomic_file_finish(&af, ok ? 0 : -ERR_IO); /* a short write is the stream's failure, reported there */
}

/* Read n elements; n comes from the file, so it must fit in what the file still holds. */
static int read_array(FILE *f, void **v, size_t size, size_t n, size_t file_size)
{
    long at = ftell(f);
    if (at < 0 || n > (file_size - (size_t)at) / size)
        return -1;
    *v = malloc(size * (n + 1));
    return *v && fread(*v, size, n, f) == n ? 0 : -1;
}

/* Was the index built for src -> tgt? (NULL: any language on that side) */
static int langs_fit(const saved_header *h, const char *src, const char *tgt)
{
    const char *want[2] = {src, tgt};
    for (int k = 0; k < 2; k++) {
        char tag[LANG_TAG_MAX];
        if (!want[k])
            continue;
        canonical(want[k], tag);
        if (strcasecmp(tag, h->lang[k]) != 0)
            return 0;
    }
    return 1;
}

/* Read and check the header of an index open at f: ours, this version, for src to tgt. */
static int read_header(FILE *f, const char *path, const char *src, const char *tgt, saved_header *h)
{
    int rc = fread(h, sizeof *h, 1, f) == 1 && memcmp(h->magic, MAGIC, sizeof MAGIC) == 0 && h->buckets == BUCKETS
                 ? 0
                 : error_set(ERR_DATA, _("%s: not a polyalign memory index"), path);
    if (rc < 0 && memcmp(h->magic, MAGIC_V1, sizeof MAGIC_V1) == 0)
        rc = error_set(ERR_DATA, _("%s: a memory index of an older polyalign, which does not record its "
                                   "languages: delete it, and give --tm to build it again"),
                       path);
    if (rc == 0 && (memchr(h->lang[0], '\0', LANG_TAG_MAX) == NULL || memchr(h->lang[1], '\0', LANG_TAG_MAX) == NULL))
        rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    if (rc == 0 && !langs_fit(h, src, tgt))
        rc = error_set(ERR_USAGE, _("%s: the index was built for %s to %s, not %s to %s: give another --index file"),
                       path, h->lang[0], h->lang[1], src ? src : h->lang[0], tgt ? tgt : h->lang[1]);
    return rc;
}

int tm_index_check(const char *path, const char *src, const char *tgt)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    saved_header h = {{0}, 0, 0, 0, 0, 0, 0, {{0}}};
    int rc = read_header(f, path, src, tgt, &h);
    fclose(f);
    return rc;
}

int tm_index_load(const char *path, const char *src, const char *tgt, tm_index **out)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    saved_header h = {{0}, 0, 0, 0, 0, 0, 0, {{0}}};
    fseek(f, 0, SEEK_END);
    size_t file_size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    tm_index *ix = calloc(1, sizeof *ix);
    int rc = ix ? read_header(f, path, src, tgt, &h) : error_nomem();
    if (rc == 0) {
        memcpy(ix->lang, h.lang, sizeof ix->lang);
        ix->by_char = (int)h.by_char;
        ix->nunits = h.nunits;
        ix->ntext = h.ntext;
        ix->ntokens = h.ntokens;
        ix->npost = h.npost;
        if (read_array(f, (void **)&ix->units, sizeof *ix->units, ix->nunits, file_size) < 0 ||
            read_array(f, (void **)&ix->text, 1, ix->ntext, file_size) < 0 ||
            read_array(f, (void **)&ix->tokens, sizeof *ix->tokens, ix->ntokens, file_size) < 0 ||
            read_array(f, (void **)&ix->head, sizeof *ix->head, BUCKETS + 1, file_size) < 0 ||
            read_array(f, (void **)&ix->post, sizeof *ix->post, ix->npost, file_size) < 0 ||
            !(ix->hits = calloc(ix->nunits + 1, sizeof *ix->hits)))
            rc = error_set(ERR_DATA, _("%s: truncated memory index"), path);
    }
    /* offsets must stay inside their arrays: a damaged file must not make us read wild */
    for (size_t u = 0; rc == 0 && u < ix->nunits; u++) {
        const unit_entry *e = &ix->units[u];
        if (e->src >= ix->ntext || e->tgt >= ix->ntext || (size_t)e->tok + e->ntok > ix->ntokens ||
            e->ntok > MAX_TOKENS)
            rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    }
    for (size_t b = 0; rc == 0 && b < BUCKETS; b++)
        if (ix->head[b] > ix->head[b + 1] || ix->head[b + 1] > ix->npost)
            rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    for (size_t p = 0; rc == 0 && p < ix->npost; p++)
        if (ix->post[p] >= ix->nunits)
            rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    if (rc == 0 && ix->ntext && ix->text[ix->ntext - 1] != '\0')
        rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    fclose(f);
    if (rc < 0) {
        tm_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

void tm_index_free(tm_index *ix)
{
    if (!ix)
        return;
    free(ix->units);
    free(ix->text);
    free(ix->tokens);
    free(ix->head);
    free(ix->post);
    free(ix->hits);
    free(ix);
}
