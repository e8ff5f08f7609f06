/* sync_run.c — a transcript timed from its recording and the map written; see sync_run.h. */
#include "sync_run.h"

#include "../audio/backend.h"
#include "../i18n.h"
#include "../subtitle/profile.h"
#include "../subtitle/timing.h"
#include "../util/atomic_file.h"
#include "../util/error.h"

int sync_run(const sync_run_settings *s, const doc_text *t, sync_map *map)
{
    *map = (sync_map){0};
    if (t->n == 0)
        return error_set(ERR_DATA, _("%s: no sentences to time in the recording"), t->name);
    const char *const *sentences = (const char *const *)t->sent;
    cue_list cues = {0};
    int rc;
    if (s->cues) { /* the cues `subtitle` would cut, each timed from its first word */
        rc = cues_build(s->base, subtitle_profile_find("netflix", s->base), t->sent, t->para, t->n, &cues);
        timing_source src = timing_from_audio(s->audio, s->base, sentences, t->n, map);
        if (rc == 0)
            rc = src.assign(&src, &cues);
    } else {
        rc = audio_sync_align(s->audio, s->base, sentences, t->n, NULL, 0, map);
    }
    if (rc == 0)
        rc = sync_map_check_transcript(map, s->audio, s->base, s->force);
    sync_output_source written = {s->audio, s->lang, sentences, s->cues ? &cues : NULL};
    atomic_file out;
    if (rc == 0 && (rc = atomic_file_open(&out, s->output)) == 0)
        rc = atomic_file_finish(&out, sync_output_write(out.f, s->format, map, &written));
    cues_free(&cues);
    return rc;
}
