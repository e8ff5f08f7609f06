/* atomic_file.h — write an output file through a temporary file and rename.
 *
 * Users kill runs, disks fill up, inputs turn out bad half-way: none of that may leave a
 * truncated TMX or SRT where a good one was expected. Output to a regular file (or to a
 * name not taken yet) goes to a hidden temporary file ".NAME.XXXXXX" in the target
 * directory (same file system, so rename is atomic) and only a successful commit puts it
 * in place; a run killed with SIGKILL can leave that hidden file behind, never a
 * truncated NAME. What is not a regular file — "-" or NULL (stdout), a device such as
 * /dev/full, a FIFO, /dev/stdout and /dev/fd/N — is written directly: a temporary file
 * beside /dev/full would be wrong, and renaming it over the device worse.
 *
 * Every write, flush and close is checked (checked_stream.h): a failure is reported once,
 * as "FILE: write error: REASON" (FILE is "<stdout>" for standard output). */
#ifndef POLYALIGN_ATOMIC_FILE_H
#define POLYALIGN_ATOMIC_FILE_H

#include <stdio.h>

#include "checked_stream.h"

typedef struct {
    FILE *f;                /* write here */
    char *name;             /* the output as named, for messages; NULL for stdout */
    char *path;             /* the file replaced (a link's target); NULL when written directly */
    char *tmp_path;         /* the hidden temporary file; NULL when written directly */
    checked_stream *out;    /* the stream behind f; stdout's own for stdout (NULL in programs
                             * that did not call checked_stdout_init) */
} atomic_file;

/* 0 or -ERR_IO with a message naming the path (-ERR_NOMEM when memory is short). */
int atomic_file_open(atomic_file *af, const char *path);

/* End the output with the status of writing it: when rc is 0, flush, close and rename into
 * place; otherwise discard it. A write to the output that failed is reported in every case
 * (the writer's error came from it): "FILE: write error: REASON", -ERR_IO. Otherwise returns
 * rc, or the error of committing. */
int atomic_file_finish(atomic_file *af, int rc);

/* atomic_file_finish(af, 0). */
int atomic_file_commit(atomic_file *af);

/* Discard everything written (removes the temporary file). Safe to call twice. */
void atomic_file_abort(atomic_file *af);

#endif
