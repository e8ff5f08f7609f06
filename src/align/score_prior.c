/* score_prior.c — bead-shape priors: the cost of a bead's shape alone, -log P(shape).
 *
 * Defaults follow Gale & Church (1993) extended to the larger shapes; align.c refits them
 * to each document from its own first-pass alignment, since a translated novel and a
 * UN resolution merge and split sentences at very different rates. */
#include <math.h>
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"
#include "dp.h"
#include "scorer.h"

/* indexed like align_shapes */
static const double default_probs[] = {
    0.89,  0.005, 0.005, 0.0445, 0.0445, 0.011, 0.004, 0.004, 0.001, 0.001, 0.001, 0.001, 0.0003, 0.0003,
};

typedef struct {
    double cost[16][16]; /* by di, dj */
} prior_state;

static double prior_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    (void)p;
    return ((const prior_state *)state)->cost[b->di][b->dj];
}

int prior_scorer_new(const double *probs, align_scorer *out)
{
    prior_state *st = malloc(sizeof *st);
    if (!st)
        return error_nomem();
    for (size_t a = 0; a < 16; a++)
        for (size_t b = 0; b < 16; b++)
            st->cost[a][b] = INFINITY;
    for (size_t s = 0; s < align_nshapes; s++) {
        double pr = probs ? probs[s] : default_probs[s];
        st->cost[align_shapes[s].di][align_shapes[s].dj] = -log(pr > 1e-9 ? pr : 1e-9);
    }
    *out = (align_scorer){"prior", 1.0, st, prior_cost, free};
    return 0;
}

const double *prior_default_probs(void)
{
    return default_probs;
}
