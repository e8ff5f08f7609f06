/* timing.c — the duration timing source and the display rules; see timing.h.
 *
 * The model: a recording is a lead-in pause, then each sentence's speech followed by a
 * pause (longer at a paragraph end), then a tail pause. Speech takes time in proportion
 * to its weight (mostly spoken syllables, numbers and acronyms as read out, each syllable
 * weighted by its consonants: syllables.c; a quarter written length), plus a short pause
 * at each comma; pauses have nominal lengths. Given a
 * duration, the speech is stretched to fill what the pauses leave: how fast someone
 * speaks varies far more than how long they pause between sentences (across our
 * recordings the speaking rate differs by a factor of two, while the pauses between
 * sentences do not follow it in proportion), so the pauses keep their nominal
 * lengths and only an implausible rate (beyond twice or half the nominal) makes them
 * shrink or grow too. With known times of some sentences (a time-coded transcript),
 * each stretch between two of them is scaled alone. */
#include "timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Nominal pauses in seconds: after a sentence, at a paragraph end, at a comma (semicolon,
 * colon) inside a sentence, the silence before the first word (lead-in) and after the
 * last (tail); and the share of a cue's speaking time its written length sets (the rest
 * its spoken weight). How they were chosen: the recordings we have were split by
 * synthesizer; the values were tuned on the espeak-ng ones (dev and dev-hard en, ru, zh,
 * and our own six espeak-ng voices of scripts/eval_voices.sh), minimising the mean over
 * the three sets of the median start and end errors plus twice any excess over the
 * proportional baseline, and are reported on the flite ones (dev and dev-hard en_flite,
 * our seven flite voices), see README.md. The sentence pause, 0.5 s, is also what the
 * recordings hold: their gaps between sentences average 0.45-0.67 s in every set. The
 * lead-in is the one of the dev recordings and ours, 0.8 s: dev-hard's 2-4 s of music and
 * noise lie beyond what a text model can guess, and a longer guess cost more on the
 * recordings that start at once than it gained there. The tail is longer than the lead-in:
 * a recording is cut close before the first word but left running after the last. Written
 * length takes a quarter of the weight because, in English, it follows speaking time
 * more closely than syllables do (spread of speaking time per unit 0.12 against 0.17 on
 * espeak-ng, 0.15 against 0.23 on flite), while in Russian syllables do better. */
static const double sentence_pause = 0.5, paragraph_pause = 2.0, comma_pause = 0.05;
static const double lead_in = 0.8, tail = 1.4;
static const double length_share = 0.25;
static const double nominal_rate = 4.2; /* weight units per second */
static const double rate_range = 2;     /* speech stretches alone within this factor */

/* The nominal pause after cue k: at a sentence end, longer at a paragraph end. */
static double pause_after(const cue_list *cues, size_t k)
{
    const cue *c = &cues->v[k];
    if (!c->ends_sentence || k + 1 == cues->n)
        return 0;
    return cues->v[k + 1].para != c->para ? paragraph_pause : sentence_pause;
}

/* The pauses a speaker makes inside a cue: at its commas, semicolons and colons. */
static double inner_pauses(const cue *c)
{
    if (!c->text)
        return 0;
    size_t n = 0;
    for (const char *p = c->text; *p; p++)
        n += *p == ',' || *p == ';' || *p == ':';
    for (const char *p = c->text; (p = strstr(p, "\xEF\xBC")); p += 3) /* U+FF0C，U+FF1A：U+FF1B； */
        n += (unsigned char)p[2] == 0x8C || (unsigned char)p[2] == 0x9A || (unsigned char)p[2] == 0x9B;
    return comma_pause * (double)n;
}

/* Weight units per character of the whole transcript: written length in the units of
 * spoken weight. */
static double weight_per_char(const cue_list *cues)
{
    double w = 0, ch = 0;
    for (size_t k = 0; k < cues->n; k++) {
        w += cues->v[k].weight;
        ch += cues->v[k].chars;
    }
    return ch > 0 ? w / ch : 0;
}

/* How long cue c takes to say at the nominal rate, pauses at its commas aside. */
static double speech_time(const cue *c, double per_char)
{
    double w = per_char > 0 ? (1 - length_share) * c->weight + length_share * per_char * c->chars : c->weight;
    return w / nominal_rate;
}

/* The model's own clock: cues timed at the nominal rate and pauses, from 0 after the
 * lead-in. Returns the model's total length, tail included. */
static double model_times(cue_list *cues)
{
    double t = lead_in, per_char = weight_per_char(cues);
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        c->start = t;
        t += speech_time(c, per_char) + inner_pauses(c);
        c->end = t;
        t += pause_after(cues, k);
    }
    return t + tail;
}

int timing_duration_stretches_pauses(const cue_list *cues, double duration, double *usual)
{
    double t = lead_in + tail, per_char = weight_per_char(cues);
    for (size_t k = 0; k < cues->n; k++)
        t += speech_time(&cues->v[k], per_char) + inner_pauses(&cues->v[k]) + pause_after(cues, k);
    *usual = t;
    return cues->n && duration > t * rate_range;
}

static int assign_by_duration(const timing_source *self, cue_list *cues)
{
    if (!cues->n)
        return 0;
    double total = model_times(cues), speech = 0;
    for (size_t k = 0; k < cues->n; k++)
        speech += cues->v[k].end - cues->v[k].start - inner_pauses(&cues->v[k]);
    double edges = lead_in + tail, pauses = total - speech - edges;
    /* speech stretched to fill what the pauses leave, within the plausible range of rates;
     * beyond it the pauses and edges stretch too, and when even the fastest speech does
     * not fit, everything shrinks alike */
    double speech_scale = speech > 0 ? (self->duration - pauses - edges) / speech : 1;
    speech_scale = fmin(fmax(speech_scale, 1 / rate_range), rate_range);
    double pause_scale = pauses + edges > 0 ? (self->duration - speech_scale * speech) / (pauses + edges) : 1;
    if (pause_scale < 0)
        speech_scale = pause_scale = self->duration / total;
    /* walk the model again: each cue's speech and each pause before it, scaled by its kind */
    double model_end = 0, real = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        double gap = c->start - model_end, in = inner_pauses(c), length = c->end - c->start - in;
        model_end = c->end;
        c->start = self->start + real + gap * pause_scale;
        c->end = c->start + length * speech_scale + in * pause_scale;
        real = c->end - self->start;
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
    double total = model_times(cues);
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
    if (model && real && n && self->duration > 0 && self->duration > real[n - 1] && total > model[n - 1]) {
        /* the recording's end, known too: the last stretch ends with it (the tail included) */
        model[n] = total;
        real[n++] = self->duration;
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

timing_source timing_from_anchors(const time_anchor *anchors, size_t n, double duration)
{
    return (timing_source){
        .name = "times", .assign = assign_by_anchors, .duration = duration, .anchors = anchors, .nanchors = n};
}

timing_source timing_from_duration(double start, double duration)
{
    return (timing_source){.name = "duration", .assign = assign_by_duration, .start = start, .duration = duration};
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
    double gap = profile_gap_to_write(p->min_gap_frames, fps);
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
        if (c->latest_end > 0 && c->end > c->latest_end) /* not over speech the transcript lacks */
            c->end = fmax(c->latest_end, c->start + 0.001);
        too_fast += cue_reads_too_fast(c, p);
    }
    return too_fast;
}
