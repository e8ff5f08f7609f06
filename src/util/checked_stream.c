/* checked_stream.c — stdio over a descriptor, keeping the errno of a failed write; see
 * checked_stream.h. */
#include "checked_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* The process has one standard output: set once by checked_stdout_init, before any thread,
 * and kept to the end (checked_stdout_close). */
static checked_stream *standard_output;

static ssize_t write_all(void *cookie, const char *buf, size_t size)
{
    checked_stream *s = cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(s->fd, buf + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (!s->error)
                s->error = n < 0 ? errno : EIO;
            break;
        }
        done += (size_t)n;
    }
    return (ssize_t)done; /* short: stdio sets the stream's error flag */
}

static int close_fd(void *cookie)
{
    checked_stream *s = cookie;
    if (s->owns_fd && close(s->fd) != 0 && !s->error)
        s->error = errno;
    return 0;
}

checked_stream *checked_stream_open(int fd, int owns_fd)
{
    checked_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fd = fd;
    s->owns_fd = owns_fd;
    s->f = fopencookie(s, "w", (cookie_io_functions_t){NULL, write_all, NULL, close_fd});
    if (!s->f) {
        free(s);
        return NULL;
    }
    return s;
}

/* The failure not reported yet (EIO when stdio saw one the write function did not), now
 * reported. */
static int take_error(checked_stream *s, int failed)
{
    int e = s->error ? s->error : failed ? EIO : 0;
    s->error = 0;
    clearerr(s->f);
    return e;
}

int checked_stream_flush(checked_stream *s)
{
    int failed = fflush(s->f) != 0;
    return take_error(s, failed || ferror(s->f));
}

int checked_stream_close(checked_stream *s)
{
    int failed = fflush(s->f) != 0 || ferror(s->f);
    failed |= fclose(s->f) != 0;
    int e = s->error ? s->error : failed ? EIO : 0;
    free(s);
    return e;
}

void checked_stdout_init(void)
{
    checked_stream *s = checked_stream_open(STDOUT_FILENO, 0);
    if (!s)
        return;
    if (isatty(STDOUT_FILENO))
        setvbuf(s->f, NULL, _IOLBF, BUFSIZ);
    standard_output = s;
    stdout = s->f;
}

checked_stream *checked_stdout(void)
{
    return standard_output;
}

/* The stream is flushed, not closed: a library loaded after checked_stdout_init (the
 * audio module brings libstdc++, whose std::cout takes `stdout` as it is then) may hold
 * it and flush it at exit, after main returns. Freeing it made that flush write into
 * freed memory and corrupt the heap (subtitle --audio aborted at exit, 2 runs in 5). It
 * owns no descriptor, so nothing is lost by leaving it open. */
int checked_stdout_close(void)
{
    if (!standard_output)
        return fflush(stdout) != 0 || ferror(stdout) ? errno ? errno : EIO : 0;
    return checked_stream_flush(standard_output);
}
