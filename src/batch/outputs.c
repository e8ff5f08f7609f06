/* outputs.c — report.jsonl, all.tmx and the review index; see outputs.h. */
#include "outputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "../export/review.h"
#include "../i18n.h"
#include "../tm/tmx_merge.h"
#include "../util/atomic_file.h"
#include "../util/error.h"

static int make_folder(const char *path)
{
    struct stat st;
    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    return error_set(ERR_IO, _("%s: cannot make the output folder: %s"), path,
                     errno == EEXIST ? _("a file of that name is in the way") : strerror(errno));
}

int batch_make_folders(const char *outdir, int review)
{
    char sub[PATH_MAX];
    int rc = make_folder(outdir);
    if (rc == 0 && snprintf(sub, sizeof sub, "%s/docs", outdir) < (int)sizeof sub)
        rc = make_folder(sub);
    if (rc == 0 && review && snprintf(sub, sizeof sub, "%s/review", outdir) < (int)sizeof sub)
        rc = make_folder(sub);
    return rc;
}

static int out_path(const char *outdir, const char *name, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", outdir, name);
    return n < 0 || (size_t)n >= size ? error_set(ERR_IO, _("%s/%s: path too long"), outdir, name) : 0;
}

int batch_write_report(const char *outdir, const char *name, const batch_entry *v, size_t n)
{
    char path[PATH_MAX];
    int rc = out_path(outdir, name, path, sizeof path);
    atomic_file out;
    if (rc == 0)
        rc = atomic_file_open(&out, path);
    if (rc < 0)
        return rc;
    for (size_t k = 0; k < n; k++) {
        fputs(v[k].line, out.f);
        fputc('\n', out.f);
    }
    return atomic_file_finish(&out, 0);
}

/* Conflicts between documents are counted, not listed: a corpus has many. */
static void count_conflict(void *ctx, const tmx_conflict *c)
{
    (void)c;
    ++*(size_t *)ctx;
}

int batch_write_all(const char *outdir, const batch_entry *v, size_t n, batch_summary *s)
{
    char path[PATH_MAX];
    int rc = out_path(outdir, "all.tmx", path, sizeof path);
    if (rc < 0)
        return rc;
    const char **paths = malloc((n + 1) * sizeof *paths);
    if (!paths)
        return error_nomem();
    size_t np = 0;
    for (size_t k = 0; k < n; k++)
        if (v[k].tmx)
            paths[np++] = v[k].tmx;
    s->all_written = 0;
    if (np == 0) {
        unlink(path);
        free(paths);
        return 0;
    }
    atomic_file out;
    rc = atomic_file_open(&out, path);
    tmx_merge_stats st = {0};
    size_t conflicts = 0;
    if (rc == 0)
        rc = atomic_file_finish(&out, tmx_merge(paths, np, out.f, count_conflict, &conflicts, &st));
    free(paths);
    if (rc == 0) {
        s->all_written = 1;
        s->units = st.kept;
        s->conflicts = conflicts;
    }
    return rc;
}

/* The set's review page as a path from OUTDIR ("review/ID.html", "../s1/review/ID.html"),
 * from its TMX's ("docs/ID.tmx"), into buf; 0 when the TMX's path is not of that form. */
static int page_of_tmx(const char *tmx, char *buf, size_t size)
{
    const char *docs = NULL;
    for (const char *p = strstr(tmx, "docs/"); p; p = strstr(p + 1, "docs/"))
        if (p == tmx || p[-1] == '/')
            docs = p;
    size_t len = strlen(tmx);
    if (!docs || len < 4 || strcmp(tmx + len - 4, ".tmx") != 0)
        return 0;
    int n = snprintf(buf, size, "%.*sreview/%.*s.html", (int)(docs - tmx), tmx, (int)(tmx + len - 4 - docs - 5),
                     docs + 5);
    return n > 0 && (size_t)n < size;
}

/* One row of the index from a report line; strings borrowed from o (and buffers). */
static void index_row(const char *outdir, json_t *o, review_index_row *row, char href[PATH_MAX], char sentences[128])
{
    const char *tmx = json_string_value(json_object_get(o, "tmx"));
    char page[PATH_MAX], path[PATH_MAX];
    struct stat st;
    *row = (review_index_row){json_string_value(json_object_get(o, "id")), NULL, NULL,
                              (size_t)json_integer_value(json_object_get(o, "beads")),
                              (size_t)json_integer_value(json_object_get(o, "doubtful")),
                              json_number_value(json_object_get(o, "mean_confidence")),
                              json_string_value(json_object_get(o, "error"))};
    if (tmx && page_of_tmx(tmx, page, sizeof page) && snprintf(path, sizeof path, "%s/%s", outdir, page) > 0 &&
        stat(path, &st) == 0) {
        snprintf(href, PATH_MAX, "../%.*s", PATH_MAX - 4, page);
        row->href = href;
    }
    json_t *per_lang = json_object_get(o, "sentences"), *langs = json_object_get(o, "langs");
    size_t used = 0;
    for (size_t k = 0; per_lang && k < json_array_size(langs) && used < 128; k++) {
        const char *lang = json_string_value(json_array_get(langs, k));
        used += (size_t)snprintf(sentences + used, 128 - used, "%s%s %lld", k ? " · " : "", lang ? lang : "",
                                 (long long)json_integer_value(json_object_get(per_lang, lang ? lang : "")));
    }
    row->sentences = per_lang ? sentences : NULL;
}

int batch_write_review_index(const char *outdir, const batch_entry *v, size_t n, double min_score)
{
    char path[PATH_MAX];
    int rc = out_path(outdir, "review/index.html", path, sizeof path);
    if (rc < 0)
        return rc;
    review_index_row *rows = calloc(n + 1, sizeof *rows);
    json_t **lines = calloc(n + 1, sizeof *lines);
    char (*href)[PATH_MAX] = calloc(n + 1, sizeof *href), (*sentences)[128] = calloc(n + 1, sizeof *sentences);
    if (!rows || !lines || !href || !sentences)
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < n; k++) {
        if (!(lines[k] = json_loads(v[k].line, 0, NULL)))
            rc = error_nomem(); /* the lines are ours: only memory can fail */
        else
            index_row(outdir, lines[k], &rows[k], href[k], sentences[k]);
    }
    atomic_file out;
    if (rc == 0 && (rc = atomic_file_open(&out, path)) == 0)
        rc = atomic_file_finish(&out, review_write_index(out.f, _("polyalign review: document sets"), rows, n,
                                                         min_score));
    for (size_t k = 0; lines && k < n; k++)
        json_decref(lines[k]);
    free(lines);
    free(rows);
    free(href);
    free(sentences);
    return rc;
}
