/* stats.h — small order statistics over arrays of doubles, shared by the stages that
 * judge a value against the typical one (forced alignment's costs and paces). */
#ifndef POLYALIGN_UTIL_STATS_H
#define POLYALIGN_UTIL_STATS_H

#include <stddef.h>

/* The median of v[0..n) (the mean of the middle two for even n; 0 for n == 0), v left
 * as it is. 0, or -ERR_NOMEM. */
int median_of(const double *v, size_t n, double *out);

#endif
