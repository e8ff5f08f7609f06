/* srt_fix.c — repairing cues; see srt_fix.h.
 *
 * Three passes: each cue's text is unwrapped and cut again under the profile over the
 * time it has (longer as reading it needs, up to where the next cue begins); then
 * overlaps and short gaps are resolved pair by pair; then cues too short to read are
 * lengthened as far as the next one allows. */
#include "srt_fix.h"

#include <math.h>
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"

/* By start, then in the order read (qsort is not stable): `sentence` holds that order. */
static int by_start(const void *x, const void *y)
{
    const cue *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->sentence > b->sentence) - (a->sentence < b->sentence);
}

/* Cues written whole (not re-cut) whose start or end moved by a millisecond or more. */
static size_t count_retimed(const cue_list *in, const cue_list *out)
{
    size_t retimed = 0;
    for (size_t k = 0; k < out->n; k++) {
        const cue *c = &out->v[k], *was = &in->v[c->sentence];
        int whole = (k == 0 || out->v[k - 1].sentence != c->sentence) &&
                    (k + 1 == out->n || out->v[k + 1].sentence != c->sentence);
        retimed += whole && (fabs(c->start - was->start) >= 0.0005 || fabs(c->end - was->end) >= 0.0005);
    }
    return retimed;
}

int srt_fix_cues(cue_list *in, const subtitle_profile *p, const char *base, double fps, const char *file,
                 cue_list *out, srt_fix_stats *st)
{
    size_t dropped = 0, recut = 0, reordered = 0;
    for (size_t k = 0; k < in->n; k++)
        in->v[k].sentence = k;
    qsort(in->v, in->n, sizeof *in->v, by_start); /* out of order: by time */
    for (size_t k = 0; k < in->n; k++)
        reordered += in->v[k].sentence != k; /* cues moved to their place in time */
    int rc = 0;
    double gap = profile_gap_to_write(p->min_gap_frames, fps);
    for (size_t k = 0; k < in->n && rc == 0; k++) {
        cue *c = &in->v[k];
        /* the text on one line, then cut again under the profile */
        char *text = cue_text_unwrap((const char *const *)&c->text, 1, base);
        if (!text) {
            rc = error_nomem();
            break;
        }
        free(c->text);
        c->text = text;
        if (!cue_text_visible_chars(text)) { /* nothing to see: empty, or markup alone */
            dropped++;
            continue;
        }
        /* the cue's time, longer as reading the text needs (its pieces share it all, with a
         * gap and a millisecond's rounding each, rather than the last one alone taking the
         * free time after it), up to where the next begins: its start is where its speech
         * is, so the pieces share that time rather than push the next one back */
        double width = cue_reading_width(text, p), pieces = ceil(width / (p->max_chars * p->max_lines));
        double end = fmax(c->end > c->start ? c->end : c->start + p->min_duration,
                          c->start + width / p->max_cps + fmax(pieces, 1) * (gap + 0.002));
        for (size_t n = k + 1; n < in->n; n++) {
            if (!cue_text_visible_chars(in->v[n].text))
                continue; /* nothing to see: dropped */
            if (in->v[n].start <= c->start + p->min_duration)
                continue; /* starting with this one: the pass below moves it */
            end = fmin(end, fmax(in->v[n].start - gap, c->start + p->min_duration));
            break;
        }
        size_t parts = 0;
        rc = cues_cut_over(base, p, text, 0, k, c->start, end, out, &parts); /* each piece knows its cue */
        recut += parts > 1;
    }
    /* overlaps and gaps: end each cue the minimum gap before the next one; a next cue
     * that starts (almost) with this one is moved after its minimum duration */
    for (size_t k = 0; k + 1 < out->n; k++) {
        cue *c = &out->v[k], *next = &out->v[k + 1];
        double earliest = c->start + p->min_duration + 0.002 + gap;
        if (next->start < earliest) {
            double shift = earliest - next->start;
            next->start += shift;
            next->end = fmax(next->end, next->start + p->min_duration + 0.002);
        }
        if (c->end > next->start - gap)
            c->end = next->start - gap;
    }
    /* too short to see: longer, as far as the next cue allows */
    for (size_t k = 0; k < out->n; k++) {
        cue *c = &out->v[k];
        double want = c->start + fmax(p->min_duration, c->chars / p->max_cps) + 0.002;
        double limit = k + 1 < out->n ? out->v[k + 1].start - gap : want;
        if (c->end < want)
            c->end = fmin(want, limit);
        if (c->end <= c->start)
            c->end = c->start + 0.001;
    }
    /* no cues left: an empty SRT is a file players and ffmpeg refuse, so none is written */
    if (rc == 0 && out->n == 0)
        rc = error_set(ERR_DATA, _("%s: no cue with text to write"), file);
    st->dropped = dropped;
    st->recut = recut;
    st->reordered = reordered;
    st->retimed = rc == 0 ? count_retimed(in, out) : 0;
    return rc;
}
