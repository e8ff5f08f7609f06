/* subtitle_run.c — a transcript (or a translated track) to timed subtitles; see
 * subtitle_run.h. */
#include "subtitle_run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../align/align.h"
#include "../audio/sync.h"
#include "../i18n.h"
#include "../text/lang.h"
#include "../text/script.h"
#include "../text/utf8.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "reshape.h"
#include "srt_read.h"
#include "time_anchors.h"
#include "timing.h"
#include "track_text.h"
#include "translate.h"

/* A warning to the reporter, formatted (dropped when memory is short: it is only said). */
static void say(const subtitle_reporter *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(const subtitle_reporter *r, const char *fmt, ...)
{
    if (!r->warn)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *message = NULL;
    int n = vasprintf(&message, fmt, ap);
    va_end(ap);
    if (n >= 0)
        r->warn(r->ctx, message);
    free(message);
}

/* A translated track: the source subtitles' timing, the alignment of the two transcripts. */
static int translated_cues(const subtitle_reporter *r, cue_list *source, const char *track_path,
                           const char *source_text, const doc_text *t, const char *base, const subtitle_profile *p,
                           cue_list *out)
{
    doc_text src;
    doc_text_options to = {NULL, LINES_AUTO, NULL, DOC_AUTO, NULL};
    int rc = doc_text_load(&src, source_text, &to, NULL);
    if (rc < 0)
        return rc;
    /* the track must say what its transcript says: the timing is found by its characters */
    track_text_match m;
    if ((rc = track_text_compare(source, (const char *const *)src.sent, src.n, &m)) < 0) {
        doc_text_free(&src);
        return rc;
    }
    if (!m.holds_text) {
        doc_text_free(&src);
        return error_set(ERR_DATA,
                         _("%s does not hold the text of %s (%.0f%% of their character pairs in common, from cue %zu "
                           "on): give the transcript the track was made from"),
                         track_path, source_text, 100 * m.shared, m.first_diff_cue + 1);
    }
    if (!m.same)
        say(r, _("%s differs from %s from cue %zu on (%.0f%% of their character pairs in common): times from there "
                 "on are approximate"),
            track_path, source_text, m.first_diff_cue + 1, 100 * m.shared);
    bead *beads = NULL;
    size_t n = 0;
    rc = align_two(&src, t, NULL, &beads, &n, NULL);
    if (rc == 0)
        rc = subtitle_translate(source, &src, t, beads, n, base, p, out);
    free(beads);
    doc_text_free(&src);
    return rc;
}

/* A repair of the --from track's reader, said: read anyway. (Text it had to skip would
 * leave the translation without its timing: srt_read_repairing stops there.) */
static void from_repaired(void *ctx, const char *place, const char *message)
{
    say(ctx, _("%s: %s (read anyway)"), place, message);
}

static int by_first(const void *x, const void *y)
{
    const double *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Read the source track of a translation: its cues, with every repair said. */
static int read_source_track(const subtitle_reporter *r, const char *path, cue_list *track)
{
    int rc = srt_read_repairing(path, track, NULL, from_repaired, (void *)r);
    if (rc < 0)
        return rc;
    if (!track->n) {
        cues_free(track);
        return error_set(ERR_DATA, _("%s: no cues to take the timing from"), path);
    }
    /* out of order as written; overlapping once in time order */
    size_t disorder = 0, overlaps = 0;
    double (*span)[2] = malloc(track->n * sizeof *span);
    if (!span) {
        cues_free(track);
        return error_nomem();
    }
    for (size_t k = 0; k < track->n; k++) {
        disorder += k > 0 && track->v[k].start < track->v[k - 1].start;
        span[k][0] = track->v[k].start;
        span[k][1] = track->v[k].end;
    }
    qsort(span, track->n, sizeof *span, by_first);
    for (size_t k = 0; k + 1 < track->n; k++)
        overlaps += span[k + 1][0] < span[k][1];
    free(span);
    if (disorder)
        say(r, P_("%s: %zu cue starts before the one above it: the cues are taken in time order",
                  "%s: %zu cues start before the one above them: the cues are taken in time order", disorder),
            path, disorder);
    if (overlaps)
        say(r, P_("%s: %zu cue overlaps the next: each ends where the next begins",
                  "%s: %zu cues overlap the next: each ends where the next begins", overlaps),
            path, overlaps);
    return 0;
}

/* The language of a subtitle track, guessed from the script of all its text. */
static int track_language(const cue_list *track, char lang[LANG_TAG_MAX])
{
    size_t len;
    char *all = cue_list_text(track, &len);
    if (!all)
        return error_nomem();
    script_guess_language(all, len, lang);
    free(all);
    lang_base(lang, lang);
    return 0;
}

/* A translated track from a memory: units whose source segment is in the source track. */
static int memory_cues(const subtitle_reporter *r, cue_list *source, const char *tmx, const char *lang,
                       const char *base, const subtitle_profile *p, cue_list *out)
{
    char src[LANG_TAG_MAX];
    int rc = track_language(source, src);
    if (rc < 0)
        return rc;
    size_t found, units;
    rc = subtitle_translate_tmx(source, tmx, src, lang, base, p, out, &found, &units);
    if (rc == 0 && r->memory_found)
        r->memory_found(r->ctx, found, units, src, base);
    return rc;
}

int subtitle_run(const subtitle_settings *s, const doc_text *t, const subtitle_reporter *r, subtitle_result *res)
{
    static const subtitle_reporter silent = {0};
    if (!r)
        r = &silent;
    memset(res, 0, sizeof *res);
    cue_list *cues = &res->cues;
    const subtitle_profile *p = s->profile;
    int rc = 0;
    cue_list source = {0};
    if (s->from && (rc = read_source_track(r, s->from, &source)) == 0)
        rc = s->tmx ? memory_cues(r, &source, s->tmx, s->lang, s->base, p, cues)
                    : translated_cues(r, &source, s->from, s->align, t, s->base, p, cues);
    else if (!s->from)
        rc = cues_build(s->base, p, t->sent, t->para, t->n, cues);
    cues_free(&source);
    time_anchor *anchors = NULL;
    size_t nanchors = 0;
    if (rc == 0 && s->times)
        rc = time_anchors_read(s->times, (const char *const *)t->sent, t->n, s->duration, &anchors, &nanchors);
    timing_source src = s->times   ? timing_from_anchors(anchors, nanchors, s->duration)
                        : s->audio ? timing_from_audio(s->audio, s->base, (const char *const *)t->sent, t->n, &res->map)
                                   : timing_from_duration(s->start, s->duration);
    int by_duration = !s->from && !s->times && !s->audio;
    res->stretched = by_duration && timing_duration_stretches_pauses(cues, s->duration, &res->usual);
    if (rc == 0 && !s->from)
        rc = src.assign(&src, cues);
    if (rc == 0 && s->audio)
        rc = sync_map_check_transcript(&res->map, s->audio, s->base, s->force);
    free(anchors);
    /* starts measured on the recording or given in a time-coded transcript stay where they are */
    int measured = s->audio || s->times, reshaped = 0;
    if (rc == 0 && !s->from && (reshaped = cues_split_too_long(cues, p)) < 0)
        rc = reshaped;
    res->too_fast = rc == 0 ? timing_display(cues, p, s->fps, measured) : 0;
    if (res->too_fast && (reshaped = cues_merge_too_fast(cues, s->base, p, measured)) < 0)
        rc = reshaped;
    else if (res->too_fast && reshaped > 0)
        res->too_fast = timing_display(cues, p, s->fps, measured);
    /* no cues: an empty SRT is a file players and ffmpeg refuse, so none is written */
    if (rc == 0 && cues->n == 0)
        rc = s->tmx ? error_set(ERR_DATA, _("no unit of %s was found in %s: no subtitles to write"), s->tmx, s->from)
                    : error_set(ERR_DATA, _("%s has no sentences: no subtitles to write"), t->name);
    atomic_file out;
    if (rc == 0 && (rc = atomic_file_open(&out, s->output)) == 0)
        rc = atomic_file_finish(&out, subtitle_write(out.f, cues, s->format));
    return rc;
}

void subtitle_result_free(subtitle_result *res)
{
    sync_map_free(&res->map);
    cues_free(&res->cues);
}
