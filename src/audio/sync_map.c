/* sync_map.c — releasing a sync map, on the side of the program that asked for it (the
 * map is filled by the loadable audio backend, freed by the commands). */
#include <stdlib.h>

#include "sync.h"

void sync_map_free(sync_map *m)
{
    free(m->sentence);
    free(m->mark_time);
    free(m->skipped);
    *m = (sync_map){0};
}
