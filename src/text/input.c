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

/* Replace *buf by its conversion from `charset` to UTF-8 (*buf freed on error). */
static int convert_buffer(char **buf, size_t *len, const char *name, const char *charset)
{
    char *utf8;
    size_t n;
    int rc = encoding_convert(*buf, *len, name, charset, &utf8, &n);
    free(*buf);
    if (rc < 0)
        return rc;
    *buf = utf8;
    *len = n;
    return 0;
}

/* What bytes that are not UTF-8 are: damaged UTF-8, too few to tell, or worth asking
 * ICU's detector about (enough non-ASCII bytes to go on, most of them outside
 * well-formed UTF-8 sequences). Damaged
 * UTF-8 has a few bad bytes among many good sequences; GB18030 or windows-1251 text forms
 * a good sequence now and then by chance, among far more bad bytes. */
enum { DETECT_MIN_HIGH_BYTES = 8 };

typedef enum { BYTES_DAMAGED_UTF8, BYTES_TOO_FEW, BYTES_DETECTABLE } bad_bytes_kind;

static bad_bytes_kind classify_bad_bytes(const char *buf, size_t len)
{
    size_t in_sequences = 0, stray = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)buf[i] < 0x80) {
            i++;
            continue;
        }
        int32_t k = (int32_t)i;
        UChar32 u;
        U8_NEXT((const uint8_t *)buf, k, (int32_t)(len - i > 4 ? i + 4 : len), u);
        if (u >= 0x80) {
            in_sequences += (size_t)k - i;
            i = (size_t)k;
        } else {
            stray++;
            i++;
        }
    }
    if (in_sequences >= stray)
        return BYTES_DAMAGED_UTF8;
    return stray + in_sequences >= DETECT_MIN_HIGH_BYTES ? BYTES_DETECTABLE : BYTES_TOO_FEW;
}

/* Take ownership of buf: convert it when it is in another encoding (named, or detected
 * clearly: encoding.h), validate, strip the BOM, fill `out`. */
static int adopt_buffer(char *buf, size_t len, const char *name, const char *encoding, text_input *out)
{
    int utf16_bom = len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                                 ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF));
    int rc = 0;
    if (!encoding_is_auto(encoding) && !encoding_is_utf8(encoding)) {
        snprintf(out->encoding.name, sizeof out->encoding.name, "%s", encoding);
        out->encoding.confidence = -1;
        rc = convert_buffer(&buf, &len, name, encoding);
    } else if (utf16_bom && !encoding_is_utf8(encoding)) {
        snprintf(out->encoding.name, sizeof out->encoding.name, "UTF-16");
        out->encoding.confidence = 100;
        rc = convert_buffer(&buf, &len, name, "UTF-16");
    }
    if (rc < 0)
        return rc;
    size_t bad, bom = utf8_bom_length(buf, len);
    utf8_status st = utf8_validate(buf + bom, len - bom, &bad);
    char hint[320] = "";
    bad_bytes_kind kind = st == UTF8_INVALID && encoding_is_auto(encoding) && !out->encoding.name[0]
                              ? classify_bad_bytes(buf + bom, len - bom)
                              : BYTES_DAMAGED_UTF8;
    if (kind == BYTES_DETECTABLE) {
        char candidates[256];
        if (encoding_detect(buf, len, &out->encoding, candidates, sizeof candidates)) {
            if ((rc = convert_buffer(&buf, &len, name, out->encoding.name)) < 0)
                return rc;
            bom = utf8_bom_length(buf, len);
            st = utf8_validate(buf + bom, len - bom, &bad);
        } else if (candidates[0]) {
            snprintf(hint, sizeof hint, _("; if the file is in another encoding, it may be %s: name it with --encoding"),
                     candidates);
            memset(&out->encoding, 0, sizeof out->encoding);
        }
    } else if (kind == BYTES_TOO_FEW) {
        snprintf(hint, sizeof hint, "%s", _("; if the file is in another encoding, name it with --encoding"));
    }
    if (st != UTF8_OK) {
        size_t line, column;
        line_and_column(buf + bom, bad, &line, &column);
        free(buf);
        if (st == UTF8_NUL)
            return error_set(ERR_DATA, _("%s:%zu:%zu: NUL byte at byte %zu (not a text file)"), name, line, column,
                             bad + bom);
        return error_set(ERR_DATA, _("%s:%zu:%zu: invalid UTF-8 at byte %zu%s"), name, line, column, bad + bom, hint);
    }
    if (bom)
        memmove(buf, buf + bom, len - bom + 1);
    out->bytes = buf;
    out->len = len - bom;
    out->offset = bom;
    out->name = strdup(name);
    if (!out->name) {
        free(buf);
        out->bytes = NULL; /* the caller may free *out after an error */
        return error_nomem();
    }
    return 0;
}

const char *text_input_name(const char *path)
{
    return !path || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int text_input_read_bytes(const char *path, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = text_input_name(path);
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return error_set(errno == ENOENT || errno == EACCES ? ERR_NOINPUT : ERR_IO,
                         "%s: %s", name, strerror(errno));
    int rc = read_stream(f, name, out, out_len);
    if (!is_stdin)
        fclose(f);
    return rc;
}

int text_input_adopt(char *buf, size_t len, const char *name, const char *encoding, text_input *out)
{
    memset(out, 0, sizeof *out);
    return adopt_buffer(buf, len, name, encoding, out);
}

int text_input_read_encoded(const char *path, const char *encoding, text_input *out)
{
    memset(out, 0, sizeof *out);
    char *buf;
    size_t len;
    int rc = text_input_read_bytes(path, &buf, &len);
    if (rc < 0)
        return rc;
    return adopt_buffer(buf, len, text_input_name(path), encoding, out);
}

int text_input_read(const char *path, text_input *out)
{
    return text_input_read_encoded(path, NULL, out);
}

int text_input_from_memory(const char *bytes, size_t len, const char *name, text_input *out)
{
    memset(out, 0, sizeof *out);
    char *buf = malloc(len + 1);
    if (!buf)
        return error_nomem();
    memcpy(buf, bytes, len);
    buf[len] = '\0';
    return adopt_buffer(buf, len, name, NULL, out);
}

void text_input_free(text_input *in)
{
    free(in->bytes);
    free(in->name);
    memset(in, 0, sizeof *in);
}
