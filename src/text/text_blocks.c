/* text_blocks.c — a plain UTF-8 text read in blocks, twice; see text_blocks.h.
 *
 * read(2) straight into the caller's buffer (no stdio copy in between); the bytes of a
 * character cut by the end of a read wait in `carry` for the next one, so every block
 * validates on its own exactly as the whole text would. */
#include "text_blocks.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../i18n.h"
#include "../util/error.h"
#include "input.h"
#include "utf8.h"

int text_blocks_open(const char *path, text_blocks *tb)
{
    memset(tb, 0, sizeof *tb);
    tb->validate = 1;
    tb->is_stdin = !path || strcmp(path, "-") == 0;
    tb->name = text_input_name(path);
    if (tb->is_stdin) {
        tb->fd = 0;
        tb->spool = tmpfile();
        if (!tb->spool)
            return error_set(ERR_IO, _("cannot make a temporary file for standard input: %s"), strerror(errno));
        tb->spooling = 1;
        return 0;
    }
    tb->fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (tb->fd < 0 || fstat(tb->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (tb->fd >= 0)
            close(tb->fd);
        tb->fd = -1;
        return 1; /* the whole-file reader says why */
    }
    return 0;
}

static int read_error(const text_blocks *tb)
{
    return error_set(ERR_IO, _("%s: read error: %s"), tb->name, strerror(errno));
}

/* Fill buf[0..cap) from the descriptor as far as it goes (a pipe gives little at a time),
 * copying to the spool in the first pass over stdin. */
static int fill(text_blocks *tb, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    while (*got < cap && !tb->eof) {
        ssize_t n = read(tb->fd, buf + *got, cap - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return read_error(tb);
        if (n == 0) {
            tb->eof = 1;
            break;
        }
        if (tb->spooling && fwrite(buf + *got, 1, (size_t)n, tb->spool) != (size_t)n)
            return error_set(ERR_IO, _("cannot write a temporary file for standard input: %s"), strerror(errno));
        *got += (size_t)n;
    }
    return 0;
}

/* Where the last character of buf[0..n) starts when it is incomplete, else n. */
static size_t complete_prefix(const char *buf, size_t n)
{
    for (size_t k = n; k > 0 && n - k < 4; k--) {
        unsigned char b = (unsigned char)buf[k - 1];
        if ((b & 0xC0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return k - 1 + need > n ? k - 1 : n;
    }
    return n;
}

int text_blocks_read(text_blocks *tb, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    memcpy(buf, tb->carry, tb->ncarry);
    size_t n = tb->ncarry, more;
    tb->ncarry = 0;
    int rc = fill(tb, buf + n, cap - n, &more);
    if (rc < 0)
        return rc;
    n += more;
    if (!tb->started) {
        tb->started = 1;
        tb->bom = utf8_bom_length(buf, n);
        memmove(buf, buf + tb->bom, n - tb->bom);
        n -= tb->bom;
    }
    size_t keep = tb->eof ? n : complete_prefix(buf, n);
    tb->ncarry = n - keep;
    memcpy(tb->carry, buf + keep, tb->ncarry);
    size_t bad;
    if (tb->validate && utf8_validate(buf, keep, &bad) != UTF8_OK)
        tb->bad = 1;
    *got = keep;
    return 0;
}

int text_blocks_rewind(text_blocks *tb)
{
    if (tb->spool) {
        if (fflush(tb->spool) != 0)
            return error_set(ERR_IO, _("cannot write a temporary file for standard input: %s"), strerror(errno));
        tb->fd = fileno(tb->spool);
        tb->spooling = 0;
    }
    if (lseek(tb->fd, 0, SEEK_SET) != 0)
        return read_error(tb);
    tb->validate = 0;
    tb->started = 0;
    tb->ncarry = 0;
    tb->eof = 0;
    return 0;
}

int text_blocks_fallback(text_blocks *tb)
{
    if (!tb->spool)
        return 0;
    char buf[1 << 16];
    for (size_t got = 1; tb->spooling && got > 0;) { /* the rest of standard input, copied too */
        int rc = fill(tb, buf, sizeof buf, &got);
        if (rc < 0)
            return rc;
    }
    if (fflush(tb->spool) != 0 || lseek(fileno(tb->spool), 0, SEEK_SET) != 0 || dup2(fileno(tb->spool), 0) < 0)
        return error_set(ERR_IO, _("cannot write a temporary file for standard input: %s"), strerror(errno));
    clearerr(stdin);
    return 0;
}

void text_blocks_close(text_blocks *tb)
{
    if (tb->spool)
        fclose(tb->spool);
    else if (tb->fd >= 0)
        close(tb->fd);
    tb->spool = NULL;
    tb->fd = -1;
}
