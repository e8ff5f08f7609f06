/* atomic_file.c — temporary file + fsync-free rename; see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../i18n.h"
#include "error.h"

/* The file a symbolic link names, existing or not yet (malloc'd; NULL when unreadable). */
static char *link_target(const char *link)
{
    char *real = realpath(link, NULL);
    if (real)
        return real;
    char to[4096];
    ssize_t n = readlink(link, to, sizeof to - 1);
    if (n <= 0)
        return NULL;
    to[n] = '\0';
    const char *slash = strrchr(link, '/');
    size_t dirlen = to[0] == '/' || !slash ? 0 : (size_t)(slash - link + 1); /* relative to the link's folder */
    char *path = malloc(dirlen + (size_t)n + 1);
    if (path)
        snprintf(path, dirlen + (size_t)n + 1, "%.*s%s", (int)dirlen, link, to);
    return path;
}

int atomic_file_open(atomic_file *af, const char *path)
{
    memset(af, 0, sizeof *af);
    if (!path || strcmp(path, "-") == 0) {
        af->f = stdout;
        return 0;
    }
    /* a symbolic link is written through: the file it names is replaced, the link stays */
    const char *given = path;
    struct stat st;
    char *target = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ? link_target(path) : NULL;
    if (target)
        path = target;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    size_t n = strlen(path) + 32;
    af->path = strdup(path);
    af->tmp_path = malloc(n);
    free(target);
    if (!af->path || !af->tmp_path) {
        atomic_file_abort(af);
        return error_set(ERR_IO, _("%s: out of memory"), given);
    }
    path = af->path;
    snprintf(af->tmp_path, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(af->tmp_path);
        af->tmp_path = NULL;
        atomic_file_abort(af);
        return error_set(ERR_IO, _("%s: cannot create output: %s"), given, strerror(e));
    }
    /* mkstemp makes the file 0600: a file replaced keeps its mode, a new one gets the
     * usual umask-based mode */
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        fchmod(fd, st.st_mode & 07777);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    af->f = fdopen(fd, "wb");
    if (!af->f) {
        int e = errno;
        close(fd);
        atomic_file_abort(af);
        return error_set(ERR_IO, _("%s: cannot create output: %s"), given, strerror(e));
    }
    return 0;
}

int atomic_file_commit(atomic_file *af)
{
    if (!af->path) {
        if (fflush(stdout) != 0 || ferror(stdout))
            return error_set(ERR_IO, _("<stdout>: write error: %s"), strerror(errno));
        return 0;
    }
    int failed = ferror(af->f) != 0;
    int e = errno;
    if (fclose(af->f) != 0) {
        failed = 1;
        e = errno;
    }
    af->f = NULL;
    if (!failed && rename(af->tmp_path, af->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        int rc = error_set(ERR_IO, _("%s: write error: %s"), af->path, strerror(e));
        atomic_file_abort(af);
        return rc;
    }
    free(af->tmp_path);
    free(af->path);
    memset(af, 0, sizeof *af);
    return 0;
}

void atomic_file_abort(atomic_file *af)
{
    if (af->f && af->f != stdout)
        fclose(af->f);
    if (af->tmp_path)
        unlink(af->tmp_path);
    free(af->tmp_path);
    free(af->path);
    memset(af, 0, sizeof *af);
}
