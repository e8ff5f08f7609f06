/* vec.h — growing an array by doubling, the one place that does it.
 *
 * Sentence spans, anchor keys, cues, offsets: many modules collect items into an array
 * whose final size is unknown. They keep (pointer, count, capacity) themselves and call
 * vec_reserve before appending. */
#ifndef POLYALIGN_VEC_H
#define POLYALIGN_VEC_H

#include <stddef.h>

/* Make room for `need` elements of `size` bytes in *v (capacity *cap, at least doubled
 * when it grows). 0, or -ERR_NOMEM with "out of memory" (the array is left as it was). */
int vec_reserve(void *v, size_t *cap, size_t need, size_t size);

#endif
