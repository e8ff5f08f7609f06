/* timing_audio.c — the recording as a timing source: cues start when their words are
 * spoken. The transcript's sentences are force-aligned to the recording (audio/sync.h);
 * a cue that opens a sentence takes the sentence's start, one that continues it the time
 * of its first word, and each cue's speech ends where the next cue of its sentence
 * starts, or with the sentence. A sentence the recording does not hold has no cue. */
#include <stdlib.h>
#include <string.h>

#include "../audio/backend.h"
#include "../i18n.h"
#include "../util/error.h"
#include "timing.h"

static int assign_by_audio(const timing_source *self, cue_list *cues)
{
    synth_mark *marks = calloc(cues->n ? cues->n : 1, sizeof *marks);
    size_t *mark_of = calloc(cues->n ? cues->n : 1, sizeof *mark_of);
    if (!marks || !mark_of) {
        free(marks);
        free(mark_of);
        return error_nomem();
    }
    size_t nmarks = 0, done_in_sentence = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        if (k == 0 || cues->v[k - 1].sentence != c->sentence) {
            done_in_sentence = 0;
        } else if (c->sentence < self->nsentences) {
            mark_of[k] = nmarks + 1;
            size_t byte = cue_text_visible_byte(self->sentences[c->sentence], done_in_sentence);
            marks[nmarks++] = (synth_mark){.sentence = c->sentence, .byte = byte};
        }
        done_in_sentence += cue_text_visible_chars(c->text);
    }
    int rc = audio_sync_align(self->audio, self->lang, self->sentences, self->nsentences, marks, nmarks, self->map);
    for (size_t k = 0; rc == 0 && k < cues->n; k++) {
        cue *c = &cues->v[k];
        const sync_sentence *s = &self->map->sentence[c->sentence];
        c->start = mark_of[k] ? self->map->mark_time[mark_of[k] - 1] : s->start;
        if (c->start < s->start)
            c->start = s->start;
        if (c->start > s->end)
            c->start = s->end;
    }
    for (size_t k = 0; rc == 0 && k < cues->n; k++) {
        cue *c = &cues->v[k];
        int continues = k + 1 < cues->n && cues->v[k + 1].sentence == c->sentence;
        c->end = continues ? cues->v[k + 1].start : self->map->sentence[c->sentence].end;
        if (c->end <= c->start)
            c->end = c->start + 0.001;
    }
    /* a cue stays up into the pause after its sentence, not over the untranscribed speech
     * that follows */
    for (size_t k = 0, next_skip = 0; rc == 0 && k < cues->n; k++) {
        cue *c = &cues->v[k];
        const sync_map *m = self->map;
        while (next_skip < m->nskipped && m->skipped[next_skip].start < c->end - 0.001)
            next_skip++;
        if (next_skip < m->nskipped && m->skipped[next_skip].sound_start < m->skipped[next_skip].end)
            c->latest_end = m->skipped[next_skip].sound_start;
    }
    /* a sentence that is nowhere in the recording gets no cue (the sync map and stderr
     * name it) */
    size_t kept = 0;
    for (size_t k = 0; k < cues->n; k++) {
        if (rc == 0 && self->map->sentence[cues->v[k].sentence].missing)
            free(cues->v[k].text);
        else
            cues->v[kept++] = cues->v[k];
    }
    cues->n = kept;
    free(marks);
    free(mark_of);
    return rc;
}

timing_source timing_from_audio(const char *audio, const char *lang, const char *const *sentences, size_t n,
                                struct sync_map *map)
{
    return (timing_source){.name = "audio",
                           .assign = assign_by_audio,
                           .audio = audio,
                           .lang = lang,
                           .sentences = sentences,
                           .nsentences = n,
                           .map = map};
}
