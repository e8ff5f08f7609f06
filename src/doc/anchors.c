/* anchors.c — finding a text's marker paragraphs and headings; see anchors.h. */
#include "anchors.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/vec.h"
#include "document.h"

int text_anchors_blank_markers(char *text, size_t len, const char *marker, unsigned char *kind, size_t *nkinds,
                              size_t **offsets, size_t *n)
{
    *offsets = NULL;
    *n = 0;
    size_t cap = 0, mlen = marker ? strlen(marker) : 0, para = 0;
    if (!mlen)
        return 0;
    for (size_t line = 0; line < len;) {
        const char *nl = memchr(text + line, '\n', len - line);
        size_t end = nl ? (size_t)(nl - text) : len, a = line, b = end;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (b - a == mlen && memcmp(text + a, marker, mlen) == 0) {
            int rc = vec_reserve(offsets, &cap, *n + 1, sizeof **offsets);
            if (rc == 0)
                (*offsets)[(*n)++] = a;
            if (rc < 0) {
                free(*offsets);
                *offsets = NULL;
                *n = 0;
                return rc;
            }
            memset(text + a, ' ', mlen);
            if (kind && para < *nkinds) {
                memmove(kind + para, kind + para + 1, *nkinds - para - 1);
                --*nkinds;
            }
        } else if (b > a) {
            para++;
        }
        line = end + 1;
    }
    return 0;
}

int text_anchors_collect(const size_t *offsets, size_t noffsets, const sentence_span *spans, size_t nspans,
                        const unsigned char *kind, size_t nkinds, text_anchor **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0, m = 0, s = 0;
    int rc = 0;
    /* markers and headings in text order: a marker at offset o sits before the first
     * sentence that starts after it */
    while (rc == 0 && (m < noffsets || s < nspans)) {
        text_anchor a;
        if (m < noffsets && (s == nspans || offsets[m] < spans[s].start)) {
            a = (text_anchor){s, s, 0};
            m++;
        } else if (kind && spans[s].para < nkinds && kind[spans[s].para] == PARA_HEADING) {
            size_t e = s + 1;
            while (e < nspans && spans[e].para == spans[s].para)
                e++;
            a = (text_anchor){s, e, 1};
            s = e;
        } else {
            s++;
            continue;
        }
        if ((rc = vec_reserve(out, &cap, *n + 1, sizeof **out)) == 0)
            (*out)[(*n)++] = a;
    }
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
