/* lexbuiltin.c — the built-in lexicons opened once per command; see lexbuiltin.h. */
#include "lexbuiltin.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/resource_dir.h"
#include "../util/vec.h"

#ifndef LEXICONDIR
#define LEXICONDIR "/usr/local/share/polyalign/lexicons"
#endif

/* one pair asked for: the lexicon found for it, or none */
typedef struct {
    char pair[32];          /* "en-zh", as asked */
    lexicon *lx;            /* NULL: none found */
    int missing;
} builtin_entry;

struct lexicon_builtins {
    char *dir;
    pthread_mutex_t lock;
    builtin_entry *v;
    size_t n, cap;
};

int lexicon_builtins_new(const char *dir, lexicon_builtins **out)
{
    lexicon_builtins *b = calloc(1, sizeof *b);
    if (!b || (dir && !(b->dir = strdup(dir)))) {
        free(b);
        return error_nomem();
    }
    pthread_mutex_init(&b->lock, NULL);
    *out = b;
    return 0;
}

void lexicon_builtins_free(lexicon_builtins *b)
{
    if (!b)
        return;
    for (size_t k = 0; k < b->n; k++)
        lexicon_free(b->v[k].lx);
    free(b->v);
    free(b->dir);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

/* Path of the built-in lexicon for `pair` ("en-zh"), or "" when none is found: in `dir`
 * when given, else beside the executable (./polyalign beside build/, build/san/polyalign
 * two levels below), else where `make install` puts it relative to PREFIX/bin, else the
 * compiled prefix. */
static void find_builtin(const char *dir, const char *pair, char *path, size_t size)
{
    static const char *const beside_exe[] = {"build/lexicons", "../lexicons", "../share/polyalign/lexicons", NULL};
    char file[64], found[PATH_MAX];
    snprintf(file, sizeof file, "%.40s.lex", pair);
    path[0] = '\0';
    int rc = dir ? resource_dir_find(NULL, dir, file, found, NULL, 0)
                 : resource_dir_find(beside_exe, LEXICONDIR, file, found, NULL, 0);
    if (rc == 0)
        snprintf(path, size, "%.*s/%s", PATH_MAX - 80, found, file);
}

/* Open the lexicon of src-tgt (or tgt-src) into e. */
static int open_pair(const lexicon_builtins *b, const char *src, const char *tgt, builtin_entry *e)
{
    char pair[2][32], path[PATH_MAX];
    snprintf(pair[0], sizeof pair[0], "%s-%s", src, tgt);
    snprintf(pair[1], sizeof pair[1], "%s-%s", tgt, src);
    for (int k = 0; k < 2 && !e->lx; k++) {
        find_builtin(b->dir, pair[k], path, sizeof path);
        int rc = path[0] ? lexicon_open(path, &e->lx) : 0;
        if (rc < 0)
            return rc;
    }
    /* only the pairs we ship lexicons for can be missing, whichever side is the pivot */
    const char *other = strcmp(src, "en") == 0 ? tgt : strcmp(tgt, "en") == 0 ? src : "";
    e->missing = !e->lx && (strcmp(other, "zh") == 0 || strcmp(other, "ru") == 0);
    return 0;
}

int lexicon_builtins_get(lexicon_builtins *b, const char *src, const char *tgt, const lexicon **out, int *missing)
{
    *out = NULL;
    *missing = 0;
    char pair[32];
    snprintf(pair, sizeof pair, "%.15s-%.15s", src, tgt);
    pthread_mutex_lock(&b->lock);
    int rc = 0;
    size_t k = 0;
    while (k < b->n && strcmp(b->v[k].pair, pair) != 0)
        k++;
    if (k == b->n) {
        builtin_entry e = {{0}, NULL, 0};
        snprintf(e.pair, sizeof e.pair, "%s", pair);
        rc = vec_reserve(&b->v, &b->cap, b->n + 1, sizeof *b->v);
        if (rc == 0)
            rc = open_pair(b, src, tgt, &e);
        if (rc == 0)
            b->v[b->n++] = e;
    }
    if (rc == 0) {
        *out = b->v[k].lx;
        *missing = b->v[k].missing;
    }
    pthread_mutex_unlock(&b->lock);
    return rc;
}
