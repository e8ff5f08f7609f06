/* lexuser.c — the user's lexicons, compiled once per pair of languages; see lexuser.h. */
#include "lexuser.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "lexsource.h"

/* one file compiled for one pair; a command has a handful, so they are searched in turn */
typedef struct {
    size_t file;
    char src[LANG_TAG_MAX], tgt[LANG_TAG_MAX];
    lexicon *lx;
} compiled_lexicon;

struct user_lexicons {
    const char *const *files, *const *langs;
    size_t nfiles;
    compiled_lexicon *compiled;
    size_t ncompiled, cap;
    pthread_mutex_t lock;       /* over `compiled`: batch threads share the set */
};

int user_lexicons_new(const char *const *files, const char *const *langs, size_t n, user_lexicons **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return error_nomem();
    (*out)->files = files;
    (*out)->langs = langs;
    (*out)->nfiles = n;
    pthread_mutex_init(&(*out)->lock, NULL);
    return 0;
}

void user_lexicons_free(user_lexicons *u)
{
    if (!u)
        return;
    for (size_t k = 0; k < u->ncompiled; k++)
        lexicon_free(u->compiled[k].lx);
    free(u->compiled);
    pthread_mutex_destroy(&u->lock);
    free(u);
}

size_t user_lexicons_count(const user_lexicons *u)
{
    return u->nfiles;
}

/* Read and compile `path` for the pair src-tgt. */
static int compile_file(const char *path, const char *src, const char *tgt, lexicon **out)
{
    lexicon_builder *b;
    int rc = lexicon_builder_new(src, tgt, &b);
    if (rc < 0)
        return rc;
    rc = lexsource_read(b, src, tgt, lexsource_guess(path), path, NULL, NULL);
    void *bytes = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = lexicon_builder_compile(b, &bytes, &len);
    lexicon_builder_free(b);
    return rc == 0 ? lexicon_from_bytes(bytes, len, path, out) : rc;
}

/* user_lexicons_get with the lock held */
static int get_locked(user_lexicons *u, size_t k, const char *src, const char *tgt, const lexicon **out)
{
    for (size_t c = 0; c < u->ncompiled; c++) {
        const compiled_lexicon *e = &u->compiled[c];
        if (e->file == k && strcmp(e->src, src) == 0 && strcmp(e->tgt, tgt) == 0) {
            *out = e->lx;
            return 0;
        }
    }
    if (vec_reserve(&u->compiled, &u->cap, u->ncompiled + 1, sizeof *u->compiled) < 0)
        return error_nomem();
    compiled_lexicon *e = &u->compiled[u->ncompiled];
    e->file = k;
    snprintf(e->src, sizeof e->src, "%s", src);
    snprintf(e->tgt, sizeof e->tgt, "%s", tgt);
    int rc = compile_file(u->files[k], src, tgt, &e->lx);
    if (rc < 0)
        return rc;
    u->ncompiled++;
    *out = e->lx;
    return 0;
}

int user_lexicons_get(user_lexicons *u, size_t k, const char *src, const char *tgt, const lexicon **out)
{
    *out = NULL;
    if (u->langs && u->langs[k] && !lang_tags_match(u->langs[k], tgt))
        return 0;
    pthread_mutex_lock(&u->lock);
    int rc = get_locked(u, k, src, tgt, out);
    pthread_mutex_unlock(&u->lock);
    return rc;
}
