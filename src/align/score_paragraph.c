/* score_paragraph.c — paragraph boundaries as soft anchors.
 *
 * Translators keep paragraphs far more often than sentences, so a bead that runs across a
 * paragraph end on one side costs a lot, and a bead that starts a paragraph on one side
 * only costs a little (paragraphs are sometimes split or joined too). Documents without
 * paragraphs on both sides give no evidence and cost nothing. */
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"
#include "scorer.h"
#include "weights.h"

static const double crossing_cost = PARAGRAPH_CROSSING_COST, misaligned_start_cost = PARAGRAPH_START_COST;

static size_t crossings(const doc_text *t, size_t i, size_t d)
{
    return d > 1 ? t->para[i + d - 1] - t->para[i] : 0;
}

static int starts_paragraph(const doc_text *t, size_t i, size_t d)
{
    return d > 0 && i > 0 && t->para[i] != t->para[i - 1];
}

static double paragraph_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    (void)state;
    double c = crossing_cost * (double)(crossings(p->src, b->i, b->di) + crossings(p->tgt, b->j, b->dj));
    if (b->di && b->dj && starts_paragraph(p->src, b->i, b->di) != starts_paragraph(p->tgt, b->j, b->dj))
        c += misaligned_start_cost;
    return c;
}

int paragraph_scorer_new(const align_pair *p, align_scorer *out)
{
    int informative = p->src->n && p->tgt->n && p->src->para[p->src->n - 1] > 0 && p->tgt->para[p->tgt->n - 1] > 0;
    *out = (align_scorer){"paragraphs", informative ? 1.0 : 0.0, NULL, paragraph_cost, NULL};
    return 0;
}
