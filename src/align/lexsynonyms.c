/* lexsynonyms.c — WordNet synonyms for untranslated English words; see lexsynonyms.h.
 *
 * Two passes per part of speech: the index gives each lemma's synsets, most frequent
 * first, and the untranslated lemmas are kept with their first synset's offset; the data
 * file, in offset order, then gives the words of those synsets. Only lemmas and synonyms
 * written in plain letters are read (no phrases "give_up", no "(a)" markers). */
#include "lexsynonyms.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/search.h"
#include "../util/vec.h"
#include "lexwords.h"

typedef struct {
    uint32_t synonym, word; /* arena offsets of two NUL-terminated keys */
} synonym_pair;

typedef struct {
    long offset;   /* of the synset in data.POS */
    uint32_t word; /* arena offset of the untranslated lemma's key */
} pending;

struct lexsynonyms {
    char *arena;
    size_t used, cap;
    synonym_pair *pairs;
    size_t n, pairs_cap;
};

/* The one key of a word (lexwords.h), into out[0..64); 0 when it has none (a function
 * word) or more than one. */
typedef struct {
    char key[64];
    size_t n, count;
} one_key;

static int take_key(void *ctx, const char *key, size_t n)
{
    one_key *k = ctx;
    if (k->count++ == 0 && n < sizeof k->key) {
        memcpy(k->key, key, n);
        k->key[n] = '\0';
        k->n = n;
    }
    return 0;
}

static size_t word_key(lexwords *w, const char *word, size_t len, one_key *k)
{
    k->n = k->count = 0;
    for (size_t i = 0; i < len; i++)
        if (word[i] < 'a' || word[i] > 'z')
            return 0;
    if (lexwords_each(w, word, len, take_key, k) < 0)
        return 0;
    return k->count == 1 ? k->n : 0;
}

static int arena_add(lexsynonyms *s, const char *key, size_t n, uint32_t *at)
{
    if (vec_reserve(&s->arena, &s->cap, s->used + n + 1, 1) < 0)
        return -ERR_NOMEM;
    memcpy(s->arena + s->used, key, n);
    s->arena[s->used + n] = '\0';
    *at = (uint32_t)s->used;
    s->used += n + 1;
    return 0;
}

static FILE *open_part(const char *dir, const char *kind, const char *pos)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", dir, kind, pos);
    FILE *f = fopen(path, "r");
    if (!f)
        error_set(ERR_NOINPUT, _("%s: cannot open WordNet file: %m"), path);
    return f;
}

/* Close a part read as far as needed: a read error is -ERR_IO, never a WordNet cut short. */
static int close_part(FILE *f, const char *dir, const char *kind, const char *pos, int rc)
{
    if (rc == 0 && ferror(f)) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.%s", dir, kind, pos);
        rc = error_set(ERR_IO, _("%s: read error"), path);
    }
    fclose(f);
    return rc;
}

/* index.POS: "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…". */
static int read_index(lexsynonyms *s, lexwords *w, const lexicon *known, const char *dir, const char *pos,
                      pending **list, size_t *n, size_t *cap)
{
    FILE *f = open_part(dir, "index", pos);
    if (!f)
        return -ERR_NOINPUT;
    char *line = NULL;
    size_t lcap = 0;
    int rc = 0;
    while (rc == 0 && getline(&line, &lcap, f) > 0) {
        if (line[0] == ' ')
            continue; /* the licence */
        char *save = NULL, *lemma = strtok_r(line, " \n", &save);
        strtok_r(NULL, " ", &save); /* pos */
        char *synsets = strtok_r(NULL, " ", &save), *pointers = strtok_r(NULL, " ", &save);
        if (!lemma || !synsets || !pointers)
            continue;
        for (long k = atol(pointers) + 2; k > 0 && strtok_r(NULL, " ", &save); k--)
            ; /* the pointer symbols, sense_cnt and tagsense_cnt */
        char *first = strtok_r(NULL, " \n", &save);
        one_key key;
        size_t kn = first ? word_key(w, lemma, strlen(lemma), &key) : 0;
        if (kn == 0 || lexicon_find(known, 0, key.key, kn) >= 0)
            continue; /* translated already, or not a plain word */
        if (vec_reserve(list, cap, *n + 1, sizeof **list) < 0) {
            rc = -ERR_NOMEM;
            break;
        }
        (*list)[*n].offset = atol(first);
        rc = arena_add(s, key.key, kn, &(*list)[*n].word);
        ++*n;
    }
    free(line);
    return close_part(f, dir, "index", pos, rc);
}

static int pending_cmp(const void *a, const void *b)
{
    long x = ((const pending *)a)->offset, y = ((const pending *)b)->offset;
    return (x > y) - (x < y);
}

/* data.POS: "offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id…] …": each
 * word of a pending synset becomes a synonym of the lemmas waiting for it. */
static int read_data(lexsynonyms *s, lexwords *w, const char *dir, const char *pos, const pending *list, size_t n)
{
    FILE *f = open_part(dir, "data", pos);
    if (!f)
        return -ERR_NOINPUT;
    char *line = NULL;
    size_t lcap = 0, at = 0;
    int rc = 0;
    while (rc == 0 && at < n && getline(&line, &lcap, f) > 0) {
        if (line[0] == ' ')
            continue;
        long offset = atol(line);
        while (at < n && list[at].offset < offset)
            at++;
        if (at == n || list[at].offset != offset)
            continue;
        char *save = NULL;
        strtok_r(line, " ", &save);
        strtok_r(NULL, " ", &save);
        strtok_r(NULL, " ", &save);
        char *count = strtok_r(NULL, " ", &save);
        long words = count ? strtol(count, NULL, 16) : 0;
        for (long k = 0; rc == 0 && k < words; k++) {
            char *word = strtok_r(NULL, " ", &save);
            if (!word || !strtok_r(NULL, " ", &save))
                break;
            for (char *c = word; *c; c++)
                *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
            word[strcspn(word, "(")] = '\0'; /* an adjective's position marker, "(a)" */
            one_key key;
            size_t kn = word_key(w, word, strlen(word), &key);
            for (size_t j = at; rc == 0 && kn && j < n && list[j].offset == offset; j++) {
                if (strcmp(key.key, s->arena + list[j].word) == 0)
                    continue; /* the lemma itself */
                if (vec_reserve(&s->pairs, &s->pairs_cap, s->n + 1, sizeof *s->pairs) < 0) {
                    rc = -ERR_NOMEM;
                    break;
                }
                s->pairs[s->n].word = list[j].word;
                rc = arena_add(s, key.key, kn, &s->pairs[s->n].synonym);
                s->n += rc == 0;
            }
        }
    }
    free(line);
    return close_part(f, dir, "data", pos, rc);
}

/* Pairs by synonym, then word (qsort_r's context: the arena their offsets point into). */
static int pair_cmp(const void *a, const void *b, void *arena)
{
    const synonym_pair *x = a, *y = b;
    const char *keys = arena;
    int c = strcmp(keys + x->synonym, keys + y->synonym);
    return c ? c : strcmp(keys + x->word, keys + y->word);
}

int lexsynonyms_read(const char *dir, const lexicon *known, lexsynonyms **out)
{
    static const char *const parts[] = {"noun", "verb", "adj", "adv"};
    lexsynonyms *s = calloc(1, sizeof *s);
    lexwords *w = NULL;
    if (!s)
        return error_nomem();
    int rc = lexwords_new("en", &w);
    for (size_t p = 0; rc == 0 && p < sizeof parts / sizeof *parts; p++) {
        pending *list = NULL;
        size_t n = 0, cap = 0;
        rc = read_index(s, w, known, dir, parts[p], &list, &n, &cap);
        if (rc == 0 && n > 0)
            qsort(list, n, sizeof *list, pending_cmp);
        if (rc == 0) /* read even with nothing pending: a missing part is an error */
            rc = read_data(s, w, dir, parts[p], list, n);
        free(list);
    }
    lexwords_free(w);
    if (rc == 0 && s->n > 0) {
        qsort_r(s->pairs, s->n, sizeof *s->pairs, pair_cmp, s->arena);
        size_t kept = 0; /* a word listed twice under one synonym (two parts of speech) once */
        for (size_t i = 0; i < s->n; i++)
            if (kept == 0 || strcmp(s->arena + s->pairs[i].synonym, s->arena + s->pairs[kept - 1].synonym) != 0 ||
                strcmp(s->arena + s->pairs[i].word, s->arena + s->pairs[kept - 1].word) != 0)
                s->pairs[kept++] = s->pairs[i];
        s->n = kept;
    }
    if (rc < 0) {
        lexsynonyms_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

typedef struct {
    const lexsynonyms *s;
    const char *key;
    size_t n;
} key_query;

/* Does pair i's synonym sort below the key (bytewise, as strcmp)? */
static int synonym_is_below(size_t i, const void *ctx)
{
    const key_query *q = ctx;
    const char *a = q->s->arena + q->s->pairs[i].synonym;
    size_t an = strlen(a);
    int c = memcmp(a, q->key, an < q->n ? an : q->n);
    return c < 0 || (c == 0 && an < q->n);
}

static int synonym_is_at_most(size_t i, const void *ctx)
{
    const key_query *q = ctx;
    const char *a = q->s->arena + q->s->pairs[i].synonym;
    return synonym_is_below(i, ctx) || (strlen(a) == q->n && memcmp(a, q->key, q->n) == 0);
}

size_t lexsynonyms_find(const lexsynonyms *s, const char *key, size_t n, size_t *first)
{
    key_query q = {s, key, n};
    size_t lo = partition_point(0, s->n, synonym_is_below, &q);
    size_t hi = partition_point(lo, s->n, synonym_is_at_most, &q);
    *first = lo;
    return hi - lo;
}

const char *lexsynonyms_word(const lexsynonyms *s, size_t i)
{
    return s->arena + s->pairs[i].word;
}

size_t lexsynonyms_count(const lexsynonyms *s)
{
    return s->n;
}

void lexsynonyms_free(lexsynonyms *s)
{
    if (!s)
        return;
    free(s->arena);
    free(s->pairs);
    free(s);
}
