/* hard_anchor.c — marker paragraphs and headings as forced alignment nodes; see
 * hard_anchor.h. */
#include "hard_anchor.h"

#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"

static size_t count_kind(const text_anchor *a, size_t n, int heading)
{
    size_t c = 0;
    for (size_t k = 0; k < n; k++)
        c += a[k].heading == heading;
    return c;
}

static int node_cmp(const void *x, const void *y)
{
    const dp_node *a = x, *b = y;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* Sort, drop duplicates and the corners; 0 when the rest is a chain (both coordinates
 * never decreasing), -1 when two nodes cross. */
static int make_chain(dp_node *v, size_t *n, size_t rows, size_t cols)
{
    qsort(v, *n, sizeof *v, node_cmp);
    size_t w = 0;
    for (size_t k = 0; k < *n; k++) {
        if ((v[k].i == 0 && v[k].j == 0) || (v[k].i == rows && v[k].j == cols))
            continue;
        if (w && v[w - 1].i == v[k].i && v[w - 1].j == v[k].j)
            continue;
        if (w && v[k].j < v[w - 1].j)
            return -1;
        v[w++] = v[k];
    }
    *n = w;
    return 0;
}

/* Nodes of the paired anchors of one kind: marker k with marker k, heading k with heading k. */
static size_t add_nodes(const hard_anchor_pair_in *in, int heading, dp_node *v, size_t w)
{
    size_t a = 0, b = 0;
    for (;;) {
        while (a < in->nsrc && in->src[a].heading != heading)
            a++;
        while (b < in->ntgt && in->tgt[b].heading != heading)
            b++;
        if (a == in->nsrc || b == in->ntgt)
            return w;
        v[w++] = (dp_node){in->src[a].before, in->tgt[b].before};
        if (heading)
            v[w++] = (dp_node){in->src[a].after, in->tgt[b].after};
        a++, b++;
    }
}

int hard_anchor_pair(const hard_anchor_pair_in *in, dp_node **nodes, size_t *n, int *headings_unpaired)
{
    *nodes = NULL;
    *n = 0;
    *headings_unpaired = 0;
    size_t ms = count_kind(in->src, in->nsrc, 0), mt = count_kind(in->tgt, in->ntgt, 0);
    size_t hs = count_kind(in->src, in->nsrc, 1), ht = count_kind(in->tgt, in->ntgt, 1);
    if (ms != mt)
        return error_set(ERR_DATA,
                         _("anchor markers: %zu in %s, %zu in %s; each marker must have its counterpart (or give "
                           "--anchor-marker '' to align without them)"),
                         ms, in->src_name, mt, in->tgt_name);
    int headings = hs == ht && hs > 0;
    *headings_unpaired = hs != ht;
    size_t total = ms + (headings ? 2 * hs : 0);
    if (!total)
        return 0;
    dp_node *v = malloc(total * sizeof *v);
    if (!v)
        return error_nomem();
    size_t w = add_nodes(in, 0, v, 0);
    if (headings)
        w = add_nodes(in, 1, v, w);
    if (make_chain(v, &w, in->src_sentences, in->tgt_sentences) < 0 && headings) {
        /* headings that cross the markers' pairing: markers alone */
        *headings_unpaired = 1;
        w = add_nodes(in, 0, v, 0);
        make_chain(v, &w, in->src_sentences, in->tgt_sentences);
    }
    if (!w) {
        free(v);
        v = NULL;
    }
    *nodes = v;
    *n = w;
    return 0;
}
