/* vec.c — see vec.h. */
#include "vec.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "error.h"

int vec_reserve(void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void **slot = v;
    void *bigger = realloc(*slot, c * size);
    if (!bigger)
        return error_nomem();
    *slot = bigger;
    *cap = c;
    return 0;
}
