/* atomic_file.h — write an output file through a temporary file and rename.
 *
 * Users kill runs, disks fill up, inputs turn out bad half-way: none of that may leave a
 * truncated TMX or SRT where a good one was expected. Output goes to a hidden temporary
 * file in the target directory (same file system, so rename is atomic) and only a
 * successful commit puts it in place. "-" or NULL means stdout. */
#ifndef POLYALIGN_ATOMIC_FILE_H
#define POLYALIGN_ATOMIC_FILE_H

#include <stdio.h>

typedef struct {
    FILE *f;            /* write here */
    char *path;         /* final path, NULL for stdout */
    char *tmp_path;     /* temporary path, NULL for stdout */
} atomic_file;

/* 0 or -ERR_IO with a message naming the path. */
int atomic_file_open(atomic_file *af, const char *path);

/* Flush, close and rename into place. 0 or -ERR_IO (the temporary file is removed). */
int atomic_file_commit(atomic_file *af);

/* Discard everything written (removes the temporary file). Safe to call twice. */
void atomic_file_abort(atomic_file *af);

#endif
