/* lexset.c — finding, loading and applying the lexicons of a pair; see lexset.h. */
#include "lexset.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "../util/vec.h"
#include "lexbuiltin.h"
#include "lexicon.h"
#include "lexwords.h"

enum { MAX_LEXICONS = 8 };

struct lexset {
    const lexicon *lx[MAX_LEXICONS]; /* the built-in one first, then the user's */
    int swap[MAX_LEXICONS];     /* the lexicon's side 0 is our side 1 */
    size_t n;
    lexicon_builtins *own;      /* the built-ins opened for this set alone (no shared set
                                 * in lexset_config); the user's are borrowed from
                                 * lexset_config.user, which frees them */
    lexwords *w[2];
    int unspaced[2];
};

static int add_lexicon(lexset *ls, const lexicon *lx, const char *src)
{
    if (ls->n == MAX_LEXICONS)
        return error_set(ERR_USAGE, _("too many lexicons (at most %d)"), MAX_LEXICONS);
    ls->swap[ls->n] = strcmp(lexicon_lang(lx, 0), src) != 0;
    ls->lx[ls->n++] = lx;
    return 0;
}

int lexset_open(const char *src, const char *tgt, const lexset_config *cfg, lexset **out, int *builtin_missing)
{
    *out = NULL;
    *builtin_missing = 0;
    lexset *ls = calloc(1, sizeof *ls);
    if (!ls)
        return error_nomem();
    int rc = 0;
    if (!cfg || !cfg->no_builtin) {
        lexicon_builtins *builtins = cfg ? cfg->builtins : NULL;
        if (!builtins)
            rc = lexicon_builtins_new(cfg ? cfg->dir : NULL, &ls->own);
        const lexicon *lx = NULL;
        if (rc == 0)
            rc = lexicon_builtins_get(builtins ? builtins : ls->own, src, tgt, &lx, builtin_missing);
        if (rc == 0 && lx)
            rc = add_lexicon(ls, lx, src);
    }
    for (size_t u = 0; cfg && cfg->user && u < user_lexicons_count(cfg->user) && rc == 0; u++) {
        const lexicon *lx;
        if ((rc = user_lexicons_get(cfg->user, u, src, tgt, &lx)) == 0 && lx)
            rc = add_lexicon(ls, lx, src);
    }
    if (rc == 0)
        rc = lexwords_new(src, &ls->w[0]);
    if (rc == 0)
        rc = lexwords_new(tgt, &ls->w[1]);
    ls->unspaced[0] = lang_is_unspaced(src);
    ls->unspaced[1] = lang_is_unspaced(tgt);
    if (rc < 0) {
        lexset_free(ls);
        return rc;
    }
    *out = ls;
    return 0;
}

void lexset_free(lexset *ls)
{
    if (!ls)
        return;
    lexicon_builtins_free(ls->own);
    lexwords_free(ls->w[0]);
    lexwords_free(ls->w[1]);
    free(ls);
}

size_t lexset_count(const lexset *ls)
{
    return ls->n;
}


/* ---- sentences ---- */

/* a distinct word met while reading: its hash and its translations in the buffer */
typedef struct {
    uint32_t hash, first, count;
} seen_word;

typedef struct {
    const lexset *ls;
    int side;
    u32_vec *words, *trans, *all;   /* all: NULL unless every word is wanted */
    u32_map seen;                   /* word hash -> index in `met` */
    seen_word *met;
    size_t nmet, met_cap;
} word_ctx;

/* A key of our side: when some lexicon knows it, add it (and, the first time, its
 * translations). */
static int add_key(void *ctx, const char *key, size_t n)
{
    word_ctx *c = ctx;
    uint32_t h = lexicon_hash(key, n);
    if (c->all && u32_vec_push(c->all, h) < 0)
        return error_nomem();
    uint32_t at = u32_map_get(&c->seen, h);
    if (at != U32_MAP_NONE)
        return c->met[at].count ? u32_vec_push(c->words, h) : 0;
    seen_word w = {h, (uint32_t)c->trans->n, 0};
    for (size_t k = 0; k < c->ls->n; k++) {
        const lexicon *lx = c->ls->lx[k];
        int s = c->side ^ c->ls->swap[k];
        long id = lexicon_find(lx, s, key, n);
        if (id < 0)
            continue;
        size_t nl;
        const uint32_t *links = lexicon_links(lx, s, id, &nl);
        for (size_t l = 0; l < nl; l++)
            if (u32_vec_push(c->trans, links[l]) < 0)
                return error_nomem();
    }
    w.count = (uint32_t)(c->trans->n - w.first);
    if (vec_reserve(&c->met, &c->met_cap, c->nmet + 1, sizeof *c->met) < 0 ||
        u32_map_put(&c->seen, h, (uint32_t)c->nmet) < 0)
        return error_nomem();
    c->met[c->nmet++] = w;
    return w.count ? u32_vec_push(c->words, h) : 0;
}

static int seen_cmp(const void *a, const void *b)
{
    const seen_word *x = a, *y = b;
    return (x->hash > y->hash) - (x->hash < y->hash);
}

/* The vocabulary of the words known to a lexicon, sorted, with their translations. */
static int make_vocab(word_ctx *c, const uint32_t *trans, lex_side *out)
{
    size_t nk = 0, nt = 0;
    for (size_t i = 0; i < c->nmet; i++)
        if (c->met[i].count) {
            c->met[nk++] = c->met[i];
            nt += c->met[i].count;
        }
    if (nk > 1)
        qsort(c->met, nk, sizeof *c->met, seen_cmp);
    out->nvocab = nk;
    out->vocab = malloc((nk + 1) * sizeof *out->vocab);
    out->vstart = malloc((nk + 1) * sizeof *out->vstart);
    out->vtrans = malloc((nt + 1) * sizeof *out->vtrans);
    if (!out->vocab || !out->vstart || !out->vtrans)
        return error_nomem();
    size_t w = 0;
    for (size_t i = 0; i < nk; i++) {
        out->vocab[i] = c->met[i].hash;
        out->vstart[i] = (uint32_t)w;
        memcpy(out->vtrans + w, trans + c->met[i].first, c->met[i].count * sizeof *trans);
        w += u32_sort_unique(out->vtrans + w, c->met[i].count);
    }
    out->vstart[nk] = (uint32_t)w;
    return 0;
}

/* Greedy longest match of the lexicons' headwords over unspaced text. */
static int headwords_each(word_ctx *c, const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        size_t best = 0;
        for (size_t k = 0; k < c->ls->n; k++) {
            long key;
            size_t m = lexicon_longest_prefix(c->ls->lx[k], c->side ^ c->ls->swap[k], s + pos, len - pos, &key);
            if (m > best)
                best = m;
        }
        if (best) {
            int rc = add_key(c, s + pos, best);
            if (rc < 0)
                return rc;
            pos += best;
        } else {
            /* a character no lexicon knows: a word of its own, for learning only */
            size_t from = pos;
            UChar32 ch;
            U8_NEXT_UNSAFE(s, pos, ch);
            if (c->all && u_isalpha(ch) && u32_vec_push(c->all, lexicon_hash(s + from, pos - from)) < 0)
                return error_nomem();
        }
    }
    return 0;
}

static int side_words(const lexset *ls, int side, const doc_text *t, lex_side *out, int want_all)
{
    memset(out, 0, sizeof *out);
    u32_vec words = {0}, trans = {0}, all = {0};
    out->n = t->n;
    out->wstart = malloc((t->n + 1) * sizeof *out->wstart);
    out->astart = want_all ? malloc((t->n + 1) * sizeof *out->astart) : NULL;
    word_ctx c = {ls, side, &words, &trans, want_all ? &all : NULL, {0}, NULL, 0, 0};
    int rc = out->wstart && (out->astart || !want_all) ? u32_map_init(&c.seen, 1024) : error_nomem();
    for (size_t k = 0; k < t->n && rc == 0; k++) {
        size_t w0 = words.n, a0 = all.n;
        out->wstart[k] = (uint32_t)w0;
        if (want_all)
            out->astart[k] = (uint32_t)a0;
        if (ls->n == 0)
            continue;
        if (ls->unspaced[side])
            rc = headwords_each(&c, t->sent[k], strlen(t->sent[k]));
        else
            rc = lexwords_each(ls->w[side], t->sent[k], strlen(t->sent[k]), add_key, &c);
        words.n = u32_sort_unique_from(words.v, w0, words.n);
        all.n = u32_sort_unique_from(all.v, a0, all.n);
    }
    if (rc == 0) {
        out->wstart[t->n] = (uint32_t)words.n;
        if (want_all)
            out->astart[t->n] = (uint32_t)all.n;
        rc = make_vocab(&c, trans.v, out);
    }
    out->words = words.v;
    out->all = all.v;
    free(trans.v);
    free(c.met);
    u32_map_free(&c.seen);
    if (rc < 0) {
        if (rc == -ERR_NOMEM)
            error_nomem();
        lex_side_free(out);
    }
    return rc;
}

int lexset_side(const lexset *ls, int side, const doc_text *t, lex_side *out)
{
    return side_words(ls, side, t, out, 0);
}

int lexset_side_all(const lexset *ls, int side, const doc_text *t, lex_side *out)
{
    return side_words(ls, side, t, out, 1);
}

void lex_side_free(lex_side *s)
{
    free(s->wstart);
    free(s->words);
    free(s->astart);
    free(s->all);
    free(s->vocab);
    free(s->vstart);
    free(s->vtrans);
    memset(s, 0, sizeof *s);
}
