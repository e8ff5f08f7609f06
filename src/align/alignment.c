/* alignment.c — a bead's side text and shape name, as every format shows them; see
 * alignment.h. */
#include "alignment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/lang.h"

void bead_shape_name(const alignment *a, const bead *b, char *buf, size_t size)
{
    size_t o = 0;
    for (size_t k = 0; k < a->ntexts && o < size; k++)
        o += (size_t)snprintf(buf + o, size - o, k ? "-%zu" : "%zu", b->len[k]);
}

char *alignment_side_text(const doc_text *t, size_t start, size_t len)
{
    int spaced = !lang_joins_unspaced(t->base);
    size_t total = 1;
    for (size_t k = start; k < start + len; k++)
        total += strlen(t->sent[k]) + 1;
    char *s = malloc(total), *p = s;
    if (!s)
        return NULL;
    for (size_t k = start; k < start + len; k++) {
        if (k > start && spaced)
            *p++ = ' ';
        size_t l = strlen(t->sent[k]);
        memcpy(p, t->sent[k], l);
        p += l;
    }
    *p = '\0';
    return s;
}
