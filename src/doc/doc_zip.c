/* doc_zip.c — bounded reading of ZIP parts with libzip; see doc_zip.h. */
#include "doc_zip.h"

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "../i18n.h"
#include "../util/error.h"

struct doc_zip {
    zip_t *za;
    char *name;
};

int doc_zip_open(const char *buf, size_t len, const char *name, doc_zip **out)
{
    *out = NULL;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &err);
    if (!src) {
        zip_error_fini(&err);
        return error_nomem();
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!za) {
        int code = zip_error_code_zip(&err);
        zip_source_free(src);
        int rc = code == ZIP_ER_MEMORY ? error_nomem()
                                       : error_set(ERR_DATA, _("%s: not a readable ZIP container: %s"), name,
                                                   zip_error_strerror(&err));
        zip_error_fini(&err);
        return rc;
    }
    zip_error_fini(&err);
    doc_zip *z = calloc(1, sizeof *z);
    if (!z || !(z->name = strdup(name))) {
        free(z);
        zip_discard(za);
        return error_nomem();
    }
    z->za = za;
    *out = z;
    return 0;
}

int doc_zip_has(doc_zip *z, const char *part)
{
    return zip_name_locate(z->za, part, 0) >= 0;
}

/* The first bytes of the "mimetype" part of an OpenDocument or EPUB container. */
static int mimetype_is(doc_zip *z, const char *type)
{
    char *m = NULL;
    size_t n = 0;
    int yes = doc_zip_read(z, "mimetype", 256, 1, &m, &n) == 0 && m && n == strlen(type) && memcmp(m, type, n) == 0;
    free(m);
    return yes;
}

const char *doc_zip_kind(doc_zip *z)
{
    /* Office Open XML by its main part, OpenDocument and EPUB by their mimetype part */
    static const char *const by_part[][2] = {
        {"word/document.xml", "docx"}, {"xl/workbook.xml", "xlsx"}, {"ppt/presentation.xml", "pptx"}};
    static const char *const by_type[][2] = {{"application/vnd.oasis.opendocument.text", "odt"},
                                             {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
                                             {"application/vnd.oasis.opendocument.presentation", "odp"},
                                             {"application/epub+zip", "epub"}};
    for (size_t k = 0; k < sizeof by_part / sizeof *by_part; k++)
        if (doc_zip_has(z, by_part[k][0]))
            return by_part[k][1];
    for (size_t k = 0; k < sizeof by_type / sizeof *by_type; k++)
        if (mimetype_is(z, by_type[k][0]))
            return by_type[k][1];
    return NULL;
}

static int too_big(const doc_zip *z, const char *part, size_t limit)
{
    return error_set(ERR_DATA, _("%s: part %s expands to more than the %zu MB polyalign reads (a ZIP bomb?): refused"),
                     z->name, part, limit >> 20);
}

int doc_zip_read(doc_zip *z, const char *part, size_t limit, int optional, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    zip_int64_t index = zip_name_locate(z->za, part, 0);
    if (index < 0)
        return optional ? 0 : error_set(ERR_DATA, _("%s: the ZIP container has no part %s"), z->name, part);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > limit)
        return too_big(z, part, limit);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return error_set(ERR_DATA, _("%s: part %s is encrypted: save the document without a password"), z->name, part);
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)index, 0);
    if (!f)
        return error_set(ERR_DATA, _("%s: part %s cannot be read: %s"), z->name, part, zip_strerror(z->za));
    size_t cap = (st.valid & ZIP_STAT_SIZE) && st.size < limit ? (size_t)st.size + 1 : (limit < 65536 ? limit + 1 : 65536);
    char *buf = malloc(cap + 1);
    size_t n = 0;
    int rc = buf ? 0 : error_nomem();
    while (rc == 0) {
        if (n == cap) {
            if (cap > limit) /* the header said less: inflating stops at the limit */
                break;
            size_t bigger = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *b = realloc(buf, bigger + 1);
            if (!b) {
                rc = error_nomem();
                break;
            }
            buf = b;
            cap = bigger;
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0)
            rc = error_set(ERR_DATA, _("%s: part %s is damaged: %s"), z->name, part, zip_file_strerror(f));
        else if (got == 0)
            break;
        else
            n += (size_t)got;
    }
    if (rc == 0 && n > limit)
        rc = too_big(z, part, limit);
    zip_fclose(f);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

void doc_zip_close(doc_zip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    free(z->name);
    free(z);
}
