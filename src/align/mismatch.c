/* mismatch.c — the document-level judgement of mismatch.h. */
#include "mismatch.h"

static double doubtful_share(const align_fit *fit)
{
    return fit->beads && fit->doubtful >= MISMATCH_MIN_DOUBTFUL ? (double)fit->doubtful / (double)fit->beads : 0;
}

int align_fit_is_mismatch(const align_fit *fit)
{
    double share = doubtful_share(fit);
    return fit->lexicons && share > 0 && share > fit->lexical_rate[0];
}

int align_fit_is_unjudged_doubtful(const align_fit *fit)
{
    return !fit->lexicons && doubtful_share(fit) >= MISMATCH_WARN_SHARE;
}
