/* checked_stream.h — a stdio stream that remembers why writing failed.
 *
 * glibc's stdio forgets it: a write that fails only sets ferror() and drops the buffer,
 * so by the time an output is closed errno is long gone and fflush and fclose succeed. A
 * full disk would then lose the output and report success, or at best "write error"
 * without the reason. A checked stream writes through its own function (fopencookie) that
 * keeps the errno of the first failed write, so the output's owner can report it once,
 * with the file's name. Standard output is replaced by one at start (checked_stdout_init):
 * every command's printf is then checked by the same code. */
#ifndef POLYALIGN_CHECKED_STREAM_H
#define POLYALIGN_CHECKED_STREAM_H

#include <stdio.h>

typedef struct {
    FILE *f;        /* write here */
    int fd;
    int owns_fd;    /* the descriptor is closed with the stream */
    int error;      /* errno of the first failure not reported yet, 0 if none */
} checked_stream;

/* A buffered stream writing to fd; NULL when out of memory. */
checked_stream *checked_stream_open(int fd, int owns_fd);

/* Flush: 0 when everything written so far reached the system, else the errno of the first
 * failed write since the last report (EIO when the stream failed without saying why). The
 * failure counts as reported: the next call returns 0 unless a write fails again. */
int checked_stream_flush(checked_stream *s);

/* Flush, close (the descriptor too, when owned) and free: 0 or the errno of the first
 * failure not reported yet, a failing close included (NFS reports a full disk there). */
int checked_stream_close(checked_stream *s);

/* Replace stdout by a checked stream over descriptor 1 (line-buffered on a terminal). Call
 * once, at start, before any output; if memory is short, stdout stays as it was. */
void checked_stdout_init(void);

/* The checked stream behind stdout, NULL before checked_stdout_init (or when it failed). */
checked_stream *checked_stdout(void);

/* Flush and close stdout: 0 or the errno of a failure not reported yet. */
int checked_stdout_close(void);

#endif
