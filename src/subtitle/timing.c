/* timing.c — the duration timing source and the display rules; see timing.h.
 *
 * The model: a recording is a lead-in pause, then each sentence's speech followed by a
 * pause (longer at a paragraph end), then a tail pause. Speech takes time in proportion
 * to its weight (spoken syllables, numbers and acronyms as read out, each syllable
 * weighted by its consonants: syllables.c); pauses have nominal lengths. One
 * scale factor stretches the whole model to the given duration; with known times of some
 * sentences (a time-coded transcript), each stretch between two of them is scaled alone. */
#include "timing.h"

#include <math.h>
#include <stdlib.h>

/* nominal pauses in seconds; set on the dev recordings of ../shared/eval/subtitles, where
 * 0.45 / 1.1 / 0.9 gave start errors (median) of 0.82 / 0.48 / 0.76 / 0.96 s (en espeak,
 * en flite, ru, zh) and these 0.69 / 0.49 / 0.44 / 1.11 s (with plain vowel-group
 * syllables; left as they were when the weights became syllables.c's, whose unit is
 * still a syllable of mean complexity) */
static const double sentence_pause = 0.8, paragraph_pause = 1.6, edge_pause = 0.8;
static const double nominal_rate = 4.2; /* weight units per second */

/* The model's own clock: cues timed at the nominal rate and pauses, from 0 after the
 * lead-in. Returns the model's total length, tail included. */
static double model_times(cue_list *cues)
{
    double t = edge_pause;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        c->start = t;
        t += c->weight / nominal_rate;
        c->end = t;
        if (c->ends_sentence && k + 1 < cues->n)
            t += cues->v[k + 1].para != c->para ? paragraph_pause : sentence_pause;
    }
    return t + edge_pause;
}

static int assign_by_duration(const timing_source *self, cue_list *cues)
{
    double scale = cues->n ? self->duration / model_times(cues) : 1;
    for (size_t k = 0; k < cues->n; k++) {
        cues->v[k].start = self->start + cues->v[k].start * scale;
        cues->v[k].end = self->start + cues->v[k].end * scale;
    }
    return 0;
}

/* Real time of model time m: linear between anchors, at the nearest pace outside them. */
static double map_time(const double *model, const double *real, size_t n, double m)
{
    if (n == 1)
        return real[0] + (m - model[0]);
    size_t k = 0;
    while (k + 2 < n && m > model[k + 1])
        k++;
    double span = model[k + 1] - model[k];
    double pace = span > 0 ? (real[k + 1] - real[k]) / span : 1;
    return real[k] + (m - model[k]) * pace;
}

static int assign_by_anchors(const timing_source *self, cue_list *cues)
{
    model_times(cues);
    double *model = malloc((self->nanchors + 1) * sizeof *model), *real = malloc((self->nanchors + 1) * sizeof *real);
    size_t n = 0;
    for (size_t a = 0; model && real && a < self->nanchors; a++) {
        for (size_t k = 0; k < cues->n; k++) {
            if (cues->v[k].sentence == self->anchors[a].sentence) {
                if (!n || cues->v[k].start > model[n - 1]) {
                    model[n] = cues->v[k].start;
                    real[n++] = self->anchors[a].time;
                }
                break;
            }
        }
    }
    for (size_t k = 0; n && k < cues->n; k++) {
        double s = map_time(model, real, n, cues->v[k].start), e = map_time(model, real, n, cues->v[k].end);
        cues->v[k].start = s > 0 ? s : 0;
        cues->v[k].end = e > cues->v[k].start ? e : cues->v[k].start + 0.001;
    }
    free(model);
    free(real);
    return 0;
}

timing_source timing_from_anchors(const time_anchor *anchors, size_t n)
{
    return (timing_source){"times", assign_by_anchors, 0, 0, anchors, n, NULL, NULL, NULL, 0, NULL};
}

timing_source timing_from_duration(double start, double duration)
{
    return (timing_source){"duration", assign_by_duration, start, duration, NULL, 0, NULL, NULL, NULL, 0, NULL};
}

size_t timing_display(cue_list *cues, const subtitle_profile *p, double fps, int measured_starts)
{
    /* Each cue starts with its speech and stays up long enough to be read (and at least
     * the minimum duration), borrowing from the pause that follows. When the next cue
     * starts too soon for that: with estimated times, the next cue is pushed back only
     * as far as it takes, and the delay disappears in the next pause; with starts
     * measured on the recording, starts stay (a viewer notices a late subtitle at once,
     * a short one hardly): the cue ends the minimum gap before the next, and only a cue
     * that would fall under the minimum duration pushes the next one back. */
    double gap = p->min_gap_frames / fps + 0.0005;
    double tolerance = 3 / fps; /* Netflix sync tolerance: a start may be 3 frames off */
    size_t too_fast = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        if (k > 0 && c->start < cues->v[k - 1].end + gap) {
            double shift = cues->v[k - 1].end + gap - c->start;
            c->start += shift;
            if (c->end < c->start)
                c->end = c->start;
        }
        double need = fmax(c->chars / p->max_cps, p->min_duration) + 0.002; /* ms rounding */
        c->end = fmax(c->end, c->start + need);
        if (c->end - c->start > p->max_duration)
            c->end = c->start + p->max_duration;
        if (measured_starts && k + 1 < cues->n) {
            /* the next start may slip by the sync tolerance (3 frames) for this one to be read */
            double limit = cues->v[k + 1].start - gap + tolerance;
            double shortest = c->start + p->min_duration + 0.002;
            if (c->end > limit)
                c->end = fmax(limit, shortest);
            if (c->end > cues->v[k + 1].start - gap)
                c->end = fmax(cues->v[k + 1].start - gap, fmin(c->end, c->start + need));
        }
        too_fast += cue_reads_too_fast(c, p);
    }
    return too_fast;
}
