/* score_length.c — the Gale & Church (1993) length model, per document.
 *
 * The target length of a translation is about ratio × the source length, with a
 * variance growing with the length: delta = (lt - ratio·ls) / sqrt(variance · mean) and
 * the cost is -log P(|Delta| >= |delta|) under a standard normal. Lengths are characters
 * (code points, spaces excluded), never bytes: one Chinese character is one. The ratio
 * and variance are measured on each document pair (align.c), not fixed per language. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"
#include "scorer.h"

typedef struct {
    double ratio, variance;
} length_state;

/* -log erfc(z), tabulated: the DP asks for it millions of times. Linear interpolation
 * between steps of 1/64 is accurate to about 1e-4 nats, far below what matters here. */
enum { TAIL_STEPS_PER_UNIT = 64, TAIL_MAX = 25 };
static float tail_table[TAIL_MAX * TAIL_STEPS_PER_UNIT + 2];
static pthread_once_t tail_once = PTHREAD_ONCE_INIT;

static void fill_tail_table(void)
{
    for (int k = 0; k <= TAIL_MAX * TAIL_STEPS_PER_UNIT + 1; k++)
        tail_table[k] = (float)-log(erfc((double)k / TAIL_STEPS_PER_UNIT));
}

static double neg_log_erfc(double z)
{
    if (z >= TAIL_MAX)
        return z * z + log(z * sqrt(M_PI)); /* asymptotic: erfc underflows */
    pthread_once(&tail_once, fill_tail_table);
    double x = z * TAIL_STEPS_PER_UNIT;
    int k = (int)x;
    double f = x - k;
    return tail_table[k] + f * (tail_table[k + 1] - tail_table[k]);
}

double length_cost_gc(double ls, double lt, double ratio, double variance)
{
    if (ls == 0 && lt == 0)
        return 0;
    double mean = (ls + lt / ratio) / 2;
    double delta = fabs(lt - ls * ratio) / sqrt(variance * (mean > 1 ? mean : 1));
    return neg_log_erfc(delta / M_SQRT2);
}

static double length_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    const length_state *st = state;
    double ls = 0, lt = 0;
    for (size_t k = b->i; k < b->i + b->di; k++)
        ls += p->fsrc->s[k].chars;
    for (size_t k = b->j; k < b->j + b->dj; k++)
        lt += p->ftgt->s[k].chars;
    if (b->di == 0 || b->dj == 0)
        return 0; /* a sentence left out: its length says nothing, the prior prices it */
    return length_cost_gc(ls, lt, st->ratio, st->variance);
}

int length_scorer_new(const align_pair *p, double ratio, double variance, align_scorer *out)
{
    (void)p;
    length_state *st = malloc(sizeof *st);
    if (!st)
        return error_nomem();
    st->ratio = ratio > 0 ? ratio : 1;
    st->variance = variance > 0 ? variance : 6.8;
    *out = (align_scorer){"length", 1.0, st, length_cost, free};
    return 0;
}
