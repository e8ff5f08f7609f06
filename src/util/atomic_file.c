/* atomic_file.c — temporary file + fsync-free rename, or a direct write to what is not a
 * regular file; see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
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

/* The descriptor a name such as /dev/stdout or /dev/fd/3 stands for, or -1: the caller
 * holds it open (a shell's `>>` among others), so it is written through a copy of it. */
static int named_descriptor(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/"};
    for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
        size_t n = strlen(dirs[k]);
        char *end;
        if (strncmp(path, dirs[k], n) == 0 && path[n] >= '0' && path[n] <= '9') {
            long fd = strtol(path + n, &end, 10);
            if (!*end && fd <= 1024)
                return (int)fd;
        }
    }
    return -1;
}

static int cannot_create(atomic_file *af, const char *given, int e)
{
    atomic_file_abort(af);
    return error_set(ERR_IO, _("%s: cannot create output: %s"), given, strerror(e));
}

/* A new file or a regular one: the hidden temporary file beside it; returns its descriptor
 * or -1 with errno set. */
static int open_temporary(atomic_file *af, const char *given)
{
    /* a symbolic link is written through: the file it names is replaced, the link stays */
    const char *path = given;
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
        errno = ENOMEM;
        return -1;
    }
    path = af->path;
    snprintf(af->tmp_path, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        free(af->tmp_path);
        af->tmp_path = NULL;
        return -1;
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
    return fd;
}

int atomic_file_open(atomic_file *af, const char *path)
{
    memset(af, 0, sizeof *af);
    if (!path || strcmp(path, "-") == 0) {
        af->out = checked_stdout();
        af->f = stdout;
        return 0;
    }
    if (!(af->name = strdup(path)))
        return error_nomem();
    struct stat st;
    int named = named_descriptor(path), fd;
    if (named >= 0)
        fd = fcntl(named, F_DUPFD_CLOEXEC, 0);
    else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC); /* a device, a FIFO: written as it is */
    else
        fd = open_temporary(af, path);
    if (fd < 0 && errno == ENOMEM) {
        atomic_file_abort(af);
        return error_nomem();
    }
    if (fd < 0)
        return cannot_create(af, path, errno);
    af->out = checked_stream_open(fd, 1);
    if (!af->out) {
        close(fd);
        atomic_file_abort(af);
        return error_nomem();
    }
    af->f = af->out->f;
    return 0;
}

/* "FILE: write error: REASON" (errno e) after the output is discarded. */
static int write_error(atomic_file *af, int e)
{
    int rc = error_set(ERR_IO, _("%s: write error: %s"), af->name ? af->name : "<stdout>", strerror(e));
    atomic_file_abort(af);
    return rc;
}

int atomic_file_finish(atomic_file *af, int rc)
{
    int failed = af->out ? af->out->error != 0 : af->f && ferror(af->f);
    if (rc < 0 && !failed) { /* given up for a reason of its own */
        atomic_file_abort(af);
        return rc;
    }
    int e;
    if (!af->name) { /* stdout: what was written is out already */
        e = af->out ? checked_stream_flush(af->out) : fflush(stdout) != 0 || ferror(stdout) ? errno ? errno : EIO : 0;
        memset(af, 0, sizeof *af);
        return e ? error_set(ERR_IO, _("%s: write error: %s"), "<stdout>", strerror(e)) : rc;
    }
    if (rc < 0)
        return write_error(af, af->out->error);
    e = checked_stream_close(af->out);
    af->out = NULL;
    af->f = NULL;
    if (e)
        return write_error(af, e);
    if (af->tmp_path && rename(af->tmp_path, af->path) != 0)
        return write_error(af, errno);
    free(af->tmp_path);
    free(af->path);
    free(af->name);
    memset(af, 0, sizeof *af);
    return 0;
}

int atomic_file_commit(atomic_file *af)
{
    return atomic_file_finish(af, 0);
}

void atomic_file_abort(atomic_file *af)
{
    if (af->out && af->name)
        checked_stream_close(af->out); /* what it held is discarded, its errors too */
    if (af->tmp_path)
        unlink(af->tmp_path);
    free(af->tmp_path);
    free(af->path);
    free(af->name);
    memset(af, 0, sizeof *af);
}
