/* outputs.c — report.jsonl and all.tmx; see outputs.h. */
#include "outputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
