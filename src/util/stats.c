/* stats.c — order statistics; see stats.h. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int median_of(const double *v, size_t n, double *out)
{
    *out = 0;
    if (n == 0)
        return 0;
    double *s = malloc(n * sizeof *s);
    if (!s)
        return error_nomem();
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, by_value);
    *out = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    free(s);
    return 0;
}
