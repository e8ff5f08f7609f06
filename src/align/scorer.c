/* scorer.c — the model: a list of weighted scorers summed per bead. */
#include "scorer.h"

#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

int model_add(align_model *m, align_scorer s)
{
    if (m->n >= MAX_SCORERS) {
        if (s.free_state)
            s.free_state(s.state);
        return error_set(ERR_SOFTWARE, _("too many alignment scorers"));
    }
    m->scorer[m->n++] = s;
    return 0;
}

double model_cost(const align_model *m, const bead_shape_at *b)
{
    double c = 0;
    for (size_t k = 0; k < m->n; k++)
        c += m->scorer[k].weight * m->scorer[k].cost(m->scorer[k].state, &m->pair, b);
    return c;
}

void model_free(align_model *m)
{
    for (size_t k = 0; k < m->n; k++)
        if (m->scorer[k].free_state)
            m->scorer[k].free_state(m->scorer[k].state);
    m->n = 0;
}
