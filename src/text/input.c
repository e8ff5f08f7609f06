/* input.c — read a file or stdin into memory and check it is UTF-8 text. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../i18n.h"
#include "../util/error.h"
#include "utf8.h"

static int read_stream(FILE *f, const char *name, char **out, size_t *out_len)
{
    /* a regular file is read into a buffer of its size at once (a pipe, or a file that
     * grows meanwhile, goes on doubling) */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return error_nomem();
    for (;;) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len < cap) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                return error_set(ERR_IO, _("%s: read error: %s"), name, strerror(e));
            }
            if (feof(f))
                break;
            continue;
        }
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            return error_nomem();
        }
        buf = bigger;
        cap *= 2;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

/* The line and column (both from 1, the column in characters) of byte `at` of buf, whose
 * bytes before it are valid UTF-8: where an editor shows the bad byte. */
static void line_and_column(const char *buf, size_t at, size_t *line, size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t k = 0; k < at; k++) {
        unsigned char c = (unsigned char)buf[k];
        if (c == '\n') {
            ++*line;
            *column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Take ownership of buf: validate, strip the BOM, fill `out`. */
static int adopt_buffer(char *buf, size_t len, const char *name, text_input *out)
{
    size_t bad, bom = utf8_bom_length(buf, len);
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
        free(buf);
        return error_set(ERR_DATA, _("%s: UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8 "
                                     "first, e.g. with iconv -f UTF-16 -t UTF-8"),
                         name);
    }
    utf8_status st = utf8_validate(buf + bom, len - bom, &bad);
    if (st != UTF8_OK) {
        size_t line, column;
        line_and_column(buf + bom, bad, &line, &column);
        free(buf);
        return error_set(ERR_DATA,
                         st == UTF8_NUL ? _("%s:%zu:%zu: NUL byte at byte %zu (not a text file)")
                                        : _("%s:%zu:%zu: invalid UTF-8 at byte %zu"),
                         name, line, column, bad + bom);
    }
    if (bom)
        memmove(buf, buf + bom, len - bom + 1);
    out->bytes = buf;
    out->len = len - bom;
    out->offset = bom;
    out->name = strdup(name);
    if (!out->name) {
        free(buf);
        return error_nomem();
    }
    return 0;
}

int text_input_read(const char *path, text_input *out)
{
    memset(out, 0, sizeof *out);
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return error_set(errno == ENOENT || errno == EACCES ? ERR_NOINPUT : ERR_IO,
                         "%s: %s", name, strerror(errno));
    char *buf = NULL;
    size_t len = 0;
    int rc = read_stream(f, name, &buf, &len);
    if (!is_stdin)
        fclose(f);
    if (rc < 0)
        return rc;
    return adopt_buffer(buf, len, name, out);
}

int text_input_from_memory(const char *bytes, size_t len, const char *name, text_input *out)
{
    memset(out, 0, sizeof *out);
    char *buf = malloc(len + 1);
    if (!buf)
        return error_nomem();
    memcpy(buf, bytes, len);
    buf[len] = '\0';
    return adopt_buffer(buf, len, name, out);
}

void text_input_free(text_input *in)
{
    free(in->bytes);
    free(in->name);
    memset(in, 0, sizeof *in);
}
