/* document.c — building a document's paragraphs; see document.h. */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/vec.h"

static int reserve(document *d, size_t more)
{
    if (d->len + more + 1 <= d->cap)
        return 0;
    size_t cap = d->cap ? d->cap : 4096;
    while (cap < d->len + more + 1)
        cap *= 2;
    char *t = realloc(d->text, cap);
    if (!t)
        return error_nomem();
    d->text = t;
    d->cap = cap;
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int document_append(document *d, const char *s, size_t len)
{
    int rc = reserve(d, len + 2);
    if (rc < 0)
        return rc;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == 0xEF && k + 2 < len && (unsigned char)s[k + 1] == 0xBB && (unsigned char)s[k + 2] == 0xBF) {
            k += 2; /* U+FEFF, a byte order mark left inside the text: not content (a paragraph of
                       it alone would otherwise be emptied when the text is read as UTF-8) */
            continue;
        }
        if (is_space(c)) {
            d->space = 1;
            continue;
        }
        if (d->space && d->open) {
            d->text[d->len++] = ' ';
            d->open++;
        }
        if (!d->open && d->n) {
            /* the first character of a paragraph after another: the blank line between */
            memcpy(d->text + d->len, "\n\n", 2);
            d->len += 2;
        }
        d->space = 0;
        d->text[d->len++] = (char)c;
        d->open++;
    }
    d->text[d->len] = '\0';
    return 0;
}

int document_in_paragraph(const document *d)
{
    return d->open > 0;
}

int document_end_paragraph(document *d, para_kind kind)
{
    d->space = 0;
    if (!d->open)
        return 0; /* nothing but white space: no paragraph */
    int rc = vec_reserve(&d->kind, &d->kcap, d->n + 1, 1);
    if (rc < 0)
        return rc;
    d->kind[d->n++] = (unsigned char)kind;
    d->open = 0;
    return 0;
}

int document_copy(document *d, const document *from, size_t first, size_t count)
{
    const char *p = from->text, *end = from->text ? from->text + from->len : NULL;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < first + count && k < from->n; k++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (k >= first) {
            rc = document_append(d, p, n);
            if (rc == 0)
                rc = document_end_paragraph(d, (para_kind)from->kind[k]);
        }
        p += n;
        while (p < end && *p == '\n')
            p++;
    }
    return rc;
}

int document_take(document *d, document *from)
{
    int rc = from->n ? document_copy(d, from, 0, from->n) : 0;
    document_free(from);
    return rc;
}

size_t document_headings(const document *d)
{
    size_t h = 0;
    for (size_t k = 0; k < d->n; k++)
        h += d->kind[k] == PARA_HEADING;
    return h;
}

char *document_release_text(document *d, size_t *len)
{
    char *t = d->text;
    *len = d->len;
    if (!t) {
        t = calloc(1, 1);
        *len = 0;
    }
    d->text = NULL;
    d->len = d->cap = d->open = 0;
    return t;
}

void document_free(document *d)
{
    free(d->text);
    free(d->kind);
    memset(d, 0, sizeof *d);
}
