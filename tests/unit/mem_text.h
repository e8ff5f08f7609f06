/* mem_text.h — an alignment side (doc/text.h) built in memory from a list of sentences,
 * for the unit tests of align/ that need one without reading a file: the sentences are
 * borrowed, all in paragraph 0. Included by one test file each. */
#ifndef POLYALIGN_TESTS_MEM_TEXT_H
#define POLYALIGN_TESTS_MEM_TEXT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/text.h"

/* A side built in memory: sentences in one paragraph. */
static doc_text make_text(const char *lang, const char **sents, size_t n)
{
    doc_text t = {0};
    snprintf(t.lang, sizeof t.lang, "%s", lang);
    snprintf(t.base, sizeof t.base, "%.2s", lang);
    t.name = strdup("mem");
    t.sent = malloc((n + 1) * sizeof *t.sent);
    t.para = calloc(n + 1, sizeof *t.para);
    for (size_t k = 0; k < n; k++)
        t.sent[k] = sents[k];
    t.n = n;
    return t;
}

static void free_text(doc_text *t)
{
    free(t->sent);
    free(t->para);
    free(t->name);
}

#endif
