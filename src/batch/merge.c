/* merge.c — the shards of a batch joined into one report.jsonl and all.tmx; see
 * batch_merge in batch.h.
 *
 * Each shard left report.K-of-N.jsonl in its folder (one folder for all shards, or one
 * each). Their lines are sorted by set and written, with all.tmx merged from the sets'
 * TMX files in that order, by the same code as one run's (outputs.h): the files are
 * byte for byte those of one run. A line's `tmx` is relative to its report's folder; when
 * a shard's folder is not the output folder, it is made relative to the output folder. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../i18n.h"
#include "../text/input.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "batch.h"
#include "outputs.h"
#include "report.h"

typedef struct {
    size_t set;
    char *line;         /* as written, or rewritten for the output folder */
    char *tmx;          /* the TMX from the current folder, NULL for a failed set */
} merged_set;

typedef struct {
    merged_set *v;
    size_t n, cap;
    size_t sets;        /* of the manifest, 0 before the first line */
    unsigned shards;    /* N of the reports, 0 before the first */
    char *seen;         /* [shards]: which K were found */
} merge_state;

/* Folder `to` as seen from folder `from` (both real paths): "", "../shard-1", "a/b". */
static void relative_folder(const char *from, const char *to, char *buf, size_t size)
{
    size_t common = 0;
    for (size_t k = 0; from[k] && from[k] == to[k]; k++)
        if (from[k + 1] == '/' || from[k + 1] == '\0')
            if (to[k + 1] == '/' || to[k + 1] == '\0')
                common = k + 1;
    if (strcmp(from, "/") == 0)
        common = 0;
    size_t o = 0;
    buf[0] = '\0';
    for (const char *p = from + common; *p && o < size; p++)
        if (*p == '/')
            o += (size_t)snprintf(buf + o, size - o, "%s..", o ? "/" : "");
    const char *rest = to + common + (to[common] == '/');
    if (*rest && o < size)
        snprintf(buf + o, size - o, "%s%s", o ? "/" : "", rest);
}

/* The line with its "tmx" seen from another folder (prefix "../shard-1"); malloc'd. */
static char *line_from(const char *line, size_t len, const char *prefix, const char *tmx)
{
    json_t *o = json_loadb(line, len, JSON_DECODE_ANY, NULL);
    char *moved = malloc(strlen(prefix) + strlen(tmx) + 2), *out = NULL;
    if (o && moved) {
        sprintf(moved, "%s/%s", prefix, tmx);
        json_object_set_new(o, "tmx", json_string(moved));
        out = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
    }
    free(moved);
    json_decref(o);
    return out;
}

/* The lines of one shard's report into st. */
static int read_report(merge_state *st, const char *dir, const char *name, const char *prefix)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    text_input in;
    int rc = text_input_read_encoded(path, "UTF-8", &in);
    if (rc < 0)
        return rc;
    size_t lineno = 0;
    for (char *p = in.bytes, *nl; rc == 0 && *p; p = nl ? nl + 1 : p + strlen(p)) {
        nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        if (len == 0)
            continue;
        char where[PATH_MAX + 32];
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        report_entry e;
        if ((rc = report_parse(p, len, where, &e)) < 0)
            break;
        if (st->sets && e.sets != st->sets)
            rc = error_set(ERR_DATA, _("%s: a set of a manifest of %zu sets, where the other reports have %zu: "
                                       "shards of different manifests"),
                           where, e.sets, st->sets);
        st->sets = e.sets;
        merged_set m = {e.set, NULL, NULL};
        if (rc == 0)
            rc = vec_reserve(&st->v, &st->cap, st->n + 1, sizeof *st->v);
        if (rc == 0) {
            m.line = prefix[0] && e.tmx ? line_from(p, len, prefix, e.tmx) : strndup(p, len);
            if (e.tmx && !e.failed && (m.tmx = malloc(strlen(dir) + strlen(e.tmx) + 2)))
                sprintf(m.tmx, "%s/%s", dir, e.tmx);
            if (!m.line || (e.tmx && !e.failed && !m.tmx))
                rc = error_nomem();
            st->v[st->n++] = m;
        }
        report_entry_free(&e);
    }
    text_input_free(&in);
    return rc;
}

/* Every report.K-of-N.jsonl of dir into st. */
static int read_folder(merge_state *st, const char *dir, const char *outdir_real)
{
    DIR *d = opendir(dir);
    if (!d)
        return error_set(ERR_NOINPUT, "%s: %s", dir, strerror(errno));
    char *real = realpath(dir, NULL), prefix[PATH_MAX] = "";
    if (real && outdir_real)
        relative_folder(outdir_real, real, prefix, sizeof prefix);
    free(real);
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        unsigned k, n;
        char tail[8];
        if (sscanf(e->d_name, "report.%u-of-%u.%7s", &k, &n, tail) != 3 || strcmp(tail, "jsonl") != 0 || n == 0 ||
            k >= n)
            continue;
        if (st->shards && n != st->shards) {
            rc = error_set(ERR_DATA, _("%s/%s: a shard of %u, where the other reports are shards of %u"), dir,
                           e->d_name, n, st->shards);
            break;
        }
        if (!st->shards && !(st->seen = calloc(n, 1))) {
            rc = error_nomem();
            break;
        }
        st->shards = n;
        if (st->seen[k]++) {
            rc = error_set(ERR_DATA, _("%s/%s: shard %u/%u is there twice"), dir, e->d_name, k, n);
            break;
        }
        rc = read_report(st, dir, e->d_name, prefix);
    }
    closedir(d);
    return rc;
}

static int by_set(const void *a, const void *b)
{
    const merged_set *x = a, *y = b;
    return (x->set > y->set) - (x->set < y->set);
}

/* All shards there, each set once. */
static int check_complete(const merge_state *st, const char *const *dirs)
{
    if (!st->shards)
        return error_set(ERR_NOINPUT, _("%s: no shard report (report.K-of-N.jsonl) to merge"), dirs[0]);
    for (unsigned k = 0; k < st->shards; k++)
        if (!st->seen[k])
            return error_set(ERR_DATA,
                             _("shard %u/%u is missing (no report.%u-of-%u.jsonl): run it (with --resume if it was "
                               "cut short), then merge; nothing written"),
                             k, st->shards, k, st->shards);
    for (size_t k = 0; k < st->n; k++)
        if (st->v[k].set != k)
            return error_set(ERR_DATA,
                             k < st->v[k].set ? _("set %zu of the manifest is in no report; nothing written")
                                              : _("set %zu of the manifest is in two reports; nothing written"),
                             k < st->v[k].set ? k : st->v[k].set);
    if (st->n != st->sets)
        return error_set(ERR_DATA, _("set %zu of the manifest is in no report; nothing written"), st->n);
    return 0;
}

int batch_merge(const char *const *dirs, size_t ndirs, const char *outdir, int review, double min_score,
                batch_summary *s)
{
    memset(s, 0, sizeof *s);
    merge_state st = {0};
    int rc = batch_make_folders(outdir, review);
    char *outdir_real = rc == 0 ? realpath(outdir, NULL) : NULL;
    for (size_t k = 0; k < ndirs && rc == 0; k++)
        rc = read_folder(&st, dirs[k], outdir_real);
    free(outdir_real);
    if (rc == 0 && st.n > 1)
        qsort(st.v, st.n, sizeof *st.v, by_set);
    if (rc == 0)
        rc = check_complete(&st, dirs);
    batch_entry *v = rc == 0 ? calloc(st.n + 1, sizeof *v) : NULL;
    if (rc == 0 && !v)
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < st.n; k++) {
        v[k] = (batch_entry){st.v[k].set, st.v[k].line, st.v[k].tmx};
        s->counts.total++;
        s->counts.done++;
        s->counts.failed += !st.v[k].tmx;
    }
    if (rc == 0)
        rc = batch_write_report(outdir, "report.jsonl", v, st.n);
    if (rc == 0)
        rc = batch_write_all(outdir, v, st.n, s);
    if (rc == 0 && review)
        rc = batch_write_review_index(outdir, v, st.n, min_score);
    free(v);
    for (size_t k = 0; k < st.n; k++) {
        free(st.v[k].line);
        free(st.v[k].tmx);
    }
    free(st.v);
    free(st.seen);
    return rc;
}
