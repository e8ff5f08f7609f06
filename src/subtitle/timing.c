/* timing.c — the duration timing source and the display rules; see timing.h.
 *
 * The model: a recording is a lead-in pause, then each sentence's speech followed by a
 * pause (longer at a paragraph end), then a tail pause. Speech takes time in proportion
 * to its weight (syllables, or characters in Chinese); pauses have nominal lengths. One
 * scale factor stretches the whole model to the given duration. */
#include "timing.h"

#include <math.h>

/* nominal pauses in seconds; set on the dev recordings of ../shared/eval/subtitles, where
 * 0.45 / 1.1 / 0.9 gave start errors (median) of 0.82 / 0.48 / 0.76 / 0.96 s (en espeak,
 * en flite, ru, zh) and these 0.69 / 0.49 / 0.44 / 1.11 s */
static const double sentence_pause = 0.8, paragraph_pause = 1.6, edge_pause = 0.8;
static const double nominal_rate = 4.2; /* weight units per second */

static int assign_by_duration(const timing_source *self, cue_list *cues)
{
    if (!cues->n)
        return 0;
    double speech = 0, pauses = 2 * edge_pause;
    for (size_t k = 0; k < cues->n; k++) {
        speech += cues->v[k].weight / nominal_rate;
        if (cues->v[k].ends_sentence && k + 1 < cues->n)
            pauses += cues->v[k + 1].para != cues->v[k].para ? paragraph_pause : sentence_pause;
    }
    double scale = self->duration / (speech + pauses);
    double t = self->start + edge_pause * scale;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        c->start = t;
        t += c->weight / nominal_rate * scale;
        c->end = t;
        if (c->ends_sentence && k + 1 < cues->n)
            t += (cues->v[k + 1].para != c->para ? paragraph_pause : sentence_pause) * scale;
    }
    return 0;
}

timing_source timing_from_duration(double start, double duration)
{
    return (timing_source){"duration", assign_by_duration, start, duration};
}

size_t timing_display(cue_list *cues, const subtitle_profile *p, double fps)
{
    /* one forward pass: a cue starts with its speech, or after the previous cue and the
     * minimum gap; it stays up long enough to be read (and at least the minimum duration),
     * borrowing from the pause that follows; a later cue is pushed back only as much as
     * that takes, so the delay disappears in the next pause */
    double gap = p->min_gap_frames / fps + 0.0005;
    size_t too_fast = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        double speech_end = c->end;
        if (k > 0 && c->start < cues->v[k - 1].end + gap) {
            double shift = cues->v[k - 1].end + gap - c->start;
            c->start += shift;
            speech_end += shift;
        }
        double need = fmax(c->chars / p->max_cps, p->min_duration) + 0.002; /* ms rounding */
        c->end = fmax(speech_end, c->start + need);
        if (c->end - c->start > p->max_duration)
            c->end = c->start + p->max_duration;
        too_fast += c->chars / (c->end - c->start) > p->max_cps + 1e-9;
    }
    return too_fast;
}
