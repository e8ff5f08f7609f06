/* sync_map.c — reading and releasing a sync map, on the side of the program that asked
 * for it (the map is filled by the loadable audio backend, judged and freed by the
 * commands). */
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"
#include "sync.h"

void sync_map_free(sync_map *m)
{
    free(m->sentence);
    free(m->mark_time);
    free(m->skipped);
    *m = (sync_map){0};
}

int sync_map_holds_transcript(const sync_map *m)
{
    return !m->order_measured || m->order_evidence >= SYNC_MIN_ORDER_EVIDENCE;
}

int sync_map_check_transcript(const sync_map *m, const char *audio, const char *lang, int force)
{
    if (force || sync_map_holds_transcript(m))
        return 0;
    return error_set(ERR_DATA,
                     _("%s does not hold the transcript as '%s' speech: its sentences match the recording in order "
                       "hardly better than played backwards (order evidence %.3f, below %.2f; a transcript of the "
                       "recording gives 0.2 or more). Check the transcript, the recording and --lang; nothing "
                       "written (--force times it anyway)"),
                     audio, lang, m->order_evidence, SYNC_MIN_ORDER_EVIDENCE);
}
