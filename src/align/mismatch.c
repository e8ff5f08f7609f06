/* mismatch.c — the document-level judgement of mismatch.h. */
#include "mismatch.h"

int align_fit_is_mismatch(const align_fit *fit)
{
    if (fit->beads == 0 || fit->doubtful < MISMATCH_MIN_DOUBTFUL)
        return 0;
    double share = (double)fit->doubtful / (double)fit->beads;
    return fit->lexicons ? share > fit->lexical_rate[0] : share >= MISMATCH_DOUBTFUL_SHARE;
}
