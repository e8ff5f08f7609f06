/* score_anchor.c — evidence that survives translation: numbers, Latin words, names,
 * question and exclamation marks, quotation marks.
 *
 * A shared anchor is a reward (negative cost); an anchor with no counterpart in the bead
 * is a penalty where anchors are reliable (numbers; Latin words outside the English
 * pivot, which CAT users leave untranslated) and nothing where they are not (names,
 * whose transliteration is only a guess). Punctuation counts that differ cost a little:
 * question and exclamation marks, and quotation marks (opening and closing alike, since
 * languages pair them differently; apostrophes are not counted). A bead that ends inside
 * a quotation on one side and outside on the other costs ANCHOR_QUOTE_STATE_PENALTY: in
 * dialogue a bead ends where a speaker's turn does, on both sides. */
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"
#include "scorer.h"
#include "weights.h"

/* weights in nats, set on the dev sets: weights.h */
static const double number_reward = ANCHOR_NUMBER_REWARD, number_penalty = ANCHOR_NUMBER_PENALTY;
static const double latin_reward = ANCHOR_LATIN_REWARD, latin_penalty = ANCHOR_LATIN_PENALTY;
static const double name_reward = ANCHOR_NAME_REWARD;
static const double punct_reward = ANCHOR_PUNCT_REWARD, punct_penalty = ANCHOR_PUNCT_PENALTY;
static const double quote_penalty = ANCHOR_QUOTE_PENALTY, quote_state_penalty = ANCHOR_QUOTE_STATE_PENALTY;

typedef enum { MARK_QUESTION, MARK_EXCLAMATION, MARK_QUOTE } mark_kind;

static int marks(const text_features *f, size_t i, size_t d, mark_kind k)
{
    int s = 0;
    for (size_t x = i; x < i + d; x++)
        s += k == MARK_QUESTION ? f->s[x].questions : k == MARK_EXCLAMATION ? f->s[x].exclamations : f->s[x].quotes;
    return s;
}

static double punct_cost(int a, int b)
{
    int lo = a < b ? a : b, diff = a > b ? a - b : b - a;
    return -punct_reward * (lo > 2 ? 2 : lo) + punct_penalty * (diff > 3 ? 3 : diff);
}

static double anchor_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    (void)state;
    if (b->di == 0 || b->dj == 0)
        return 0;
    int shared, only_src, only_tgt;
    double c = 0;
    features_overlap(p->fsrc, b->i, b->di, p->ftgt, b->j, b->dj, ANCHOR_NUMBER, &shared, &only_src, &only_tgt);
    c += -number_reward * shared + number_penalty * (only_src + only_tgt);
    features_overlap(p->fsrc, b->i, b->di, p->ftgt, b->j, b->dj, ANCHOR_LATIN, &shared, &only_src, &only_tgt);
    c += -latin_reward * shared + latin_penalty * only_tgt;
    features_overlap(p->fsrc, b->i, b->di, p->ftgt, b->j, b->dj, ANCHOR_NAME, &shared, &only_src, &only_tgt);
    c += -name_reward * shared;
    c += punct_cost(marks(p->fsrc, b->i, b->di, MARK_QUESTION), marks(p->ftgt, b->j, b->dj, MARK_QUESTION));
    c += punct_cost(marks(p->fsrc, b->i, b->di, MARK_EXCLAMATION), marks(p->ftgt, b->j, b->dj, MARK_EXCLAMATION));
    int qs = marks(p->fsrc, b->i, b->di, MARK_QUOTE), qt = marks(p->ftgt, b->j, b->dj, MARK_QUOTE);
    int qdiff = qs > qt ? qs - qt : qt - qs;
    c += quote_penalty * (qdiff > 4 ? 4 : qdiff);
    /* a bead ends inside a quotation on one side only: a speaker's turn cut apart */
    if (p->fsrc->s[b->i + b->di - 1].in_quote != p->ftgt->s[b->j + b->dj - 1].in_quote)
        c += quote_state_penalty;
    return c;
}

int anchor_scorer_new(const align_pair *p, align_scorer *out)
{
    (void)p;
    *out = (align_scorer){"anchors", 1.0, NULL, anchor_cost, NULL};
    return 0;
}
