/* sentences.c — the sentence list callers fill, and the contract every segmentation keeps.
 *
 * sentence_spans_cover is issue 15's invariant: the sentences, joined, hold every
 * character of the input that is not White_Space, in order. Tests and the fuzz target
 * check it on every segmentation they make. */
#include "segmenter.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../text/utf8.h"
#include "../util/vec.h"

int sentence_list_push(const char *text, const sentence_span *s, void *list)
{
    (void)text;
    sentence_list *l = list;
    int rc = vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v);
    if (rc == 0)
        l->v[l->n++] = *s;
    return rc;
}

void sentence_list_free(sentence_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

int sentence_spans_cover(const char *text, size_t len, const sentence_span *v, size_t n, size_t *bad_at)
{
    size_t covered = 0; /* text[0..covered) is in a sentence or White_Space */
    for (size_t k = 0; k <= n; k++) {
        size_t gap_end = k < n ? v[k].start : len;
        if (k < n && (v[k].start < covered || v[k].end < v[k].start || v[k].end > len)) {
            *bad_at = v[k].start;
            return 0;
        }
        for (size_t i = covered, bytes; i < gap_end; i += bytes)
            if (!u_isUWhiteSpace(utf8_char_at(text, len, i, &bytes))) {
                *bad_at = i;
                return 0;
            }
        covered = k < n ? v[k].end : len;
    }
    return 1;
}
