/* sync.c — the forced aligner; see sync.h for the method. */
#include "sync.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/stats.h"
#include "boundary.h"
#include "decode.h"
#include "dtw.h"
#include "gap_dtw.h"
#include "speaker.h"
#include "vad.h"

enum { KEEP_PAUSE = 10 };                /* frames a collapsed pause keeps (100 ms) */
enum { DIM = MFCC_DIM + 1 };             /* the MFCCs and the speech/pause evidence */
static const double band_seconds = 30.0; /* the top DTW pass: drift allowed from the diagonal */
/* Set on ../shared/eval/subtitles (scripts/eval_sync.sh). All 13 cepstra are compared:
 * leaving c0 (normalized loudness) out cost en_flite 17 points of Netflix sync share on
 * dev-hard. The pause feature fixed a 2 s misplacement of a short sentence before a long
 * gap on dev (flite: start p90 2.02 -> 0.15 s); weights 1 and 2 gave the same figures, 4
 * hurt run-on Russian. */
static const float pause_weight = 1.5f; /* distance between a speech and a pause frame, besides MFCCs */
/* A recording frame the transcript does not hold may be skipped at the cost of a
 * typical matching frame plus this share of the way to frames at random (gap_dtw.h). */
static const double skip_margin = 0.45;
/* Below this much skipped speech, and with no sentence missing, the transcript covers
 * the recording and the plain warping (dtw.h) times it, as it always has. Full
 * transcripts skip up to 1.2 s (flite's voice on dev-hard, whose frames match the
 * synthesis least). */
enum { COVERED_MAX_SKIPPED_FRAMES = 250 };
/* Untranscribed stretches shorter than this are pauses, not reported. */
enum { SKIP_REPORT_FRAMES = 50 };

/* The kept frames of a sequence: all speech, and at most KEEP_PAUSE frames of each pause
 * (its first and last halves, so both edges of the pause stay). */
typedef struct {
    size_t *orig;   /* kept index → original frame */
    size_t *kept;   /* original frame → first kept index at or after it */
    size_t n;
    float *v;       /* kept frames' MFCCs, normalized */
} collapsed;

static int collapse(const audio_features *f, const unsigned char *speech, collapsed *c)
{
    *c = (collapsed){0};
    c->orig = malloc((f->n + 1) * sizeof *c->orig);
    c->kept = malloc((f->n + 1) * sizeof *c->kept);
    if (!c->orig || !c->kept)
        return error_nomem();
    for (size_t k = 0; k < f->n;) {
        size_t end = k;
        while (end < f->n && speech[end] == speech[k])
            end++;
        for (size_t t = k; t < end; t++) {
            c->kept[t] = c->n;
            if (speech[k] || end - k <= KEEP_PAUSE || t < k + KEEP_PAUSE / 2 || t >= end - KEEP_PAUSE / 2)
                c->orig[c->n++] = t;
        }
        k = end;
    }
    c->kept[f->n] = c->n;
    float *mfcc = malloc((c->n ? c->n : 1) * MFCC_DIM * sizeof *mfcc);
    c->v = malloc((c->n ? c->n : 1) * DIM * sizeof *c->v);
    if (!c->v || !mfcc) {
        free(mfcc);
        return error_nomem();
    }
    for (size_t k = 0; k < c->n; k++)
        memcpy(mfcc + k * MFCC_DIM, f->mfcc + c->orig[k] * MFCC_DIM, MFCC_DIM * sizeof *mfcc);
    audio_features view = {mfcc, NULL, c->n, 0, 0};
    audio_features_normalize(&view);
    for (size_t k = 0; k < c->n; k++) {
        memcpy(c->v + k * DIM, mfcc + k * MFCC_DIM, MFCC_DIM * sizeof *mfcc);
        c->v[k * DIM + MFCC_DIM] = speech[c->orig[k]] ? pause_weight : 0.0f;
    }
    free(mfcc);
    return 0;
}

static void collapsed_free(collapsed *c)
{
    free(c->orig);
    free(c->kept);
    free(c->v);
}

static int to_features(const float *samples, size_t n, void *ctx)
{
    return feature_extractor_push(ctx, samples, n);
}

/* Confidences from two pieces of evidence, each judged against the recording itself:
 * how well a sentence's synthetic speech matches where the path put it (its mean frame
 * distance, between the recording's typical sentence, 1, and frames at random, 0), and
 * whether it takes a plausible time there (its duration against the synthetic one,
 * beside the recording's typical ratio: a sentence squeezed into a fraction of a second
 * or stretched over a long stretch was not found). The lower of the two counts. */
static void sentence_confidences(const collapsed *syn, const collapsed *rec, const dtw_path *p,
                                 const synth_span *spans, sync_sentence *out, size_t n)
{
    double *cost = calloc(n ? n : 1, sizeof *cost), *rate = calloc(n ? n : 1, sizeof *rate);
    if (!cost || !rate) {
        free(cost);
        free(rate);
        return; /* confidences stay 0: flagged, never wrongly trusted */
    }
    feature_seq syn_frames = {syn->v, syn->n, DIM}, rec_frames = {rec->v, rec->n, DIM};
    double chance = dtw_chance_distance(&syn_frames, &rec_frames);
    /* the typical figures are over the sentences placed: a missing one has no time */
    size_t placed = 0;
    for (size_t s = 0; s < n; s++) {
        if (out[s].missing)
            continue;
        size_t from = syn->kept[spans[s].speech_start], to = syn->kept[spans[s].speech_end], rows = 0;
        for (size_t k = from; k < to && k < syn->n; k++, rows++)
            cost[placed] += p->cost[k];
        cost[placed] = rows ? cost[placed] / rows : chance;
        double said = (double)(spans[s].speech_end - spans[s].speech_start) / FRAMES_PER_SECOND;
        rate[placed++] = log(fmax(out[s].end - out[s].start, 0.01) / fmax(said, 0.01));
    }
    double typical_cost, typical_rate;
    if (median_of(cost, placed, &typical_cost) < 0 || median_of(rate, placed, &typical_rate) < 0) {
        free(cost);
        free(rate);
        return; /* confidences stay 0 */
    }
    for (size_t s = n, k = placed; s-- > 0;) /* back to sentence numbers, from the end */
        if (!out[s].missing)
            k--, cost[s] = cost[k], rate[s] = rate[k];
    for (size_t s = 0; s < n; s++) {
        if (out[s].missing)
            continue;
        double acoustic = chance - typical_cost > 1e-6 ? (chance - cost[s]) / (chance - typical_cost) : 0;
        /* within 1.5x of the recording's typical pace: fully plausible; at 4x: not at all;
         * and the same against the synthesizer's own pace, with 2x and 6x (speakers are
         * slower or faster than it, but a whole transcript said in a quarter of the
         * recording, or stretched over four times its length, was not found there) */
        double off = fabs(rate[s] - typical_rate), off_synth = fabs(rate[s]);
        double pace = fmin(1.0 - (off - log(1.5)) / (log(4.0) - log(1.5)),
                           1.0 - (off_synth - log(2.0)) / (log(6.0) - log(2.0)));
        double conf = fmin(fmin(acoustic, pace), 1.0);
        out[s].confidence = conf < 0 ? 0 : conf;
    }
    free(cost);
    free(rate);
}

/* The collapsed recording column the path gave synthetic frame f. */
static size_t path_column(const collapsed *syn, const dtw_path *p, size_t f)
{
    size_t k = syn->kept[f];
    return p->col[k < syn->n ? k : syn->n - 1];
}

/* The recording frame matched with synthetic row r (a kept frame). */
static size_t row_real_frame(const collapsed *rec, const dtw_path *p, size_t r)
{
    return rec->orig[p->col[r]];
}

/* The recording frame matched with synthetic frame f. */
static size_t real_frame(const collapsed *syn, const collapsed *rec, const dtw_path *p, size_t f)
{
    return rec->orig[path_column(syn, p, f)];
}

/* An edge piece across a pause (the warping with skips only). Where untranscribed sound
 * lies next to a sentence, the path may lay the sentence's first or last words on it and
 * cross the clear pause between it and the sentence on synthetic speech, as if the
 * pause were inside a word: with an unlike voice (flite's against the synthesizer's) any
 * speech, music or applause matches those words about as well as the words themselves,
 * and a collapsed pause (KEEP_PAUSE frames) costs little to cross. When the piece beyond
 * such a pause holds less than half of the sentence's synthetic speech, and the
 * synthesizer does not pause anywhere near the frames the path laid on the pause (the
 * recording's pause is not a comma the synthesizer says as well), the sentence starts
 * after the pause (ends before it), and the piece goes to the untranscribed stretch.
 * Only on a side where the path skipped recording (EDGE_SKIP_FRAMES or more): between
 * two sentences that follow each other a pause the synthesizer lacks is a speaker's. */
enum {
    EDGE_SYNTH_PAUSE_REACH = 10, /* synthetic frames either side of the crossing that must be speech */
    EDGE_PAUSE_FRAMES = 30,      /* a pause the piece lies beyond: 0.3 s, the value of boundary.c's
                                    clear pause, chosen on its own (retuning that must not move it) */
    EDGE_SKIP_FRAMES = 50,       /* recording skipped beside the sentence before its edges are
                                    doubted: 0.5 s, SKIP_REPORT_FRAMES's value, likewise */
    EDGE_OWN_PAUSE_FRAMES = 60,  /* a pause up to 0.6 s may be the speaker's own inside a sentence */
    EDGE_LONG_PAUSE_FRAMES = 120, /* from 1.2 s, a pause is taken for one between a sentence and
                                     the untranscribed sound beside it on weaker evidence */
};

/* How well, against the rest of its sentence, a piece beyond a pause of `frames` may match
 * and still go to the untranscribed sound (piece_no_better): as well as the rest (1.0) for
 * a pause a speaker makes inside a sentence, down to 0.9 for one of 1.2 s or more. Speakers
 * seldom stop that long after a sentence's first or before its last word, and a piece of a
 * few words matches an unlike voice's speech nearly as well as its own: the first 0.13 s
 * of a dev flite sentence laid on the other speech before its part, across a 1.2-1.3 s
 * pause, matched there at 0.96 and 0.99 of the rest's cost on the two seeds of
 * surrounded_dev_en_flite, and started 1.4 s early. The speaker's own pause of 0.5 s in a
 * dev-hard sentence (0.86-0.94, tests/e2e/test_sync.sh) keeps 1.0; a cut-off of 0.95 for
 * every pause cut it. */
static double piece_cutoff(size_t frames)
{
    if (frames <= EDGE_OWN_PAUSE_FRAMES)
        return 1.0;
    double over = (double)(frames - EDGE_OWN_PAUSE_FRAMES) / (EDGE_LONG_PAUSE_FRAMES - EDGE_OWN_PAUSE_FRAMES);
    return 1.0 - 0.1 * fmin(over, 1.0);
}

typedef struct {
    const collapsed *syn, *rec;
    const dtw_path *path;
    const unsigned char *syn_speech;
    const recording_evidence *ev;
} edge_view;

/* Whether the synthetic speech in [from, to) holds no pause near the frames the path laid
 * on recording frames [k, e). */
static int synth_runs_on(const edge_view *v, size_t from, size_t to, size_t k, size_t e)
{
    size_t fa = from, fb = to;
    for (size_t f = from; f < to; f++) {
        size_t r = real_frame(v->syn, v->rec, v->path, f);
        if (r < k)
            fa = f;
        if (r >= e && fb == to)
            fb = f;
    }
    size_t lo = fa > from + EDGE_SYNTH_PAUSE_REACH ? fa - EDGE_SYNTH_PAUSE_REACH : from;
    size_t hi = fb + EDGE_SYNTH_PAUSE_REACH < to ? fb + EDGE_SYNTH_PAUSE_REACH : to;
    for (size_t f = lo; f < hi; f++)
        if (!v->syn_speech[f])
            return 0;
    return 1;
}

/* Whether the sentence's synthetic rows the path laid beyond recording pause [k, e) (before
 * it: `from_start`; else after it) match there no better, frame for frame, than its other
 * rows match theirs (beyond a long pause: not much better, piece_cutoff), and are fewer
 * than half of them. Words of the sentence that the
 * speaker set apart with a pause match as well as the rest (the same voice saying the
 * same words: a dev-hard sentence with a 0.5 s pause after its first half, 0.87-0.93 of
 * the rest's cost); the sentence's words laid on other speech, music or applause cost
 * more (1.0-1.5 of the rest's on the partial-transcript set). */
static int piece_no_better(const edge_view *v, const synth_span *sp, int from_start, size_t k, size_t e)
{
    double piece = 0, rest = 0;
    size_t npiece = 0, nrest = 0;
    size_t from = v->syn->kept[sp->speech_start], to = v->syn->kept[sp->speech_end];
    for (size_t j = from; j < to && j < v->syn->n; j++) {
        size_t r = v->rec->orig[v->path->col[j]];
        if (from_start ? r < k : r >= e)
            piece += v->path->cost[j], npiece++;
        else if (r < k || r >= e)
            rest += v->path->cost[j], nrest++;
    }
    return npiece && nrest && npiece < nrest && piece / (double)npiece >= piece_cutoff(e - k) * rest / (double)nrest;
}

/* The clear pauses (>= EDGE_PAUSE_FRAMES) inside the recording frames the path gave the
 * first half of sentence `sp` (`from_start`) or its second half, crossed on running
 * synthetic speech, with a piece beyond them that matches no better than the rest: the
 * one nearest the sentence's edge (the least cut), as [*k, *e); 0 when none. */
static int edge_pause(const edge_view *v, const synth_span *sp, int from_start, size_t *pk, size_t *pe)
{
    size_t half = sp->speech_start + (sp->speech_end - sp->speech_start) / 2;
    size_t a = real_frame(v->syn, v->rec, v->path, from_start ? sp->speech_start : half);
    size_t b = real_frame(v->syn, v->rec, v->path, from_start ? half : sp->speech_end - 1);
    const recording_evidence *ev = v->ev;
    int found = 0;
    for (size_t k = a + 1; k < b && k < ev->n;) {
        if (ev->speech[k] || !ev->speech[k - 1]) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < b && !ev->speech[e])
            e++;
        if (from_start && found)
            break; /* the start's piece: the first pause found is the least cut */
        if (e < b && e - k >= EDGE_PAUSE_FRAMES && synth_runs_on(v, sp->speech_start, sp->speech_end, k, e) &&
            piece_no_better(v, sp, from_start, k, e))
            *pk = k, *pe = e, found = 1;
        k = e;
    }
    return found;
}

/* Whether the path skipped EDGE_SKIP_FRAMES or more of recording between sentence s
 * and the placed sentence before it (`before`; or the recording's start) or after it (or
 * the recording's end). */
static int skipped_beside(const edge_view *v, const unsigned char *skipped, const synth_span *spans, size_t n,
                          const unsigned char *missing, size_t s, int before)
{
    size_t from, to;
    if (before) {
        size_t p = s;
        while (p > 0 && missing[p - 1])
            p--;
        from = p ? path_column(v->syn, v->path, spans[p - 1].speech_end - (spans[p - 1].speech_end > 0)) : 0;
        to = path_column(v->syn, v->path, spans[s].speech_start);
    } else {
        size_t q = s + 1;
        while (q < n && missing[q])
            q++;
        from = path_column(v->syn, v->path, spans[s].speech_end - 1);
        to = q < n ? path_column(v->syn, v->path, spans[q].speech_start) : v->rec->n;
    }
    size_t frames = 0;
    for (size_t c = from; c < to && c < v->rec->n; c++)
        frames += skipped[c];
    return frames >= EDGE_SKIP_FRAMES;
}

/* Sentence s is synthetic rows [first[s], first[s + 1]): from the middle of the pause
 * before it to the middle of the pause after, so each keeps half of each pause. Empty
 * sentences (no voiced frame) get a row of their own; 0 when the rows are too few. */
static int sentence_rows(const collapsed *syn, const synth_span *spans, size_t n, size_t *first)
{
    first[0] = 0;
    for (size_t s = 1; s < n; s++) {
        size_t mid = syn->kept[(spans[s - 1].speech_end + spans[s].speech_start) / 2];
        first[s] = mid > first[s - 1] ? mid : first[s - 1] + 1;
    }
    first[n] = syn->n;
    return n == 0 || first[n - 1] < first[n];
}

/* The frames as the warping with skips sees them: the first GAP_CEPSTRA cepstra (the
 * broad shape of the spectrum, which voices share) and the speech/pause evidence. The
 * higher cepstra carry what is particular to a voice: with them, any speech of a voice
 * unlike the synthesizer's matches a sentence about as well as its own words do, and
 * sentences were placed on untranscribed speech. On the partial-transcript set
 * (scripts/eval_partial.sh), recordings meeting every target with 13 / 10 / 8 / 6 / 5 /
 * 4 / 3 cepstra: 47 / 51 / 54 / 57 / 60 / 61 / 57 of 68; with 4, 37 of 44 on the seed the
 * others were compared on first, 24 of 24 on the other two (13: 31/44, 16/24), and no full
 * transcript of ../shared/eval/subtitles or scripts/eval_voices.sh taken for partial.
 * The plain warping keeps all 13 (without c0 alone it lost 17 points on dev-hard). */
enum { GAP_CEPSTRA = 4, GAP_DIM = GAP_CEPSTRA + 1 };

static float *envelope_view(const collapsed *c)
{
    float *v = malloc((c->n ? c->n : 1) * GAP_DIM * sizeof *v);
    for (size_t k = 0; v && k < c->n; k++) {
        memcpy(v + k * GAP_DIM, c->v + k * DIM, GAP_CEPSTRA * sizeof *v);
        v[k * GAP_DIM + GAP_CEPSTRA] = c->v[k * DIM + MFCC_DIM];
    }
    return v;
}

/* Whether the path with skips found the transcript covering the recording: no sentence
 * missing and less than COVERED_MAX_SKIPPED_FRAMES of speech skipped. */
static int covers(const collapsed *crec, const unsigned char *rec_speech, const gap_path *gp, size_t n)
{
    size_t skipped_speech = 0, missing = 0;
    for (size_t c = 0; c < crec->n; c++)
        skipped_speech += gp->skipped[c] && rec_speech[crec->orig[c]];
    for (size_t s = 0; s < n; s++)
        missing += gp->missing[s];
    return !missing && skipped_speech < COVERED_MAX_SKIPPED_FRAMES;
}

/* The second warping with skips: matching a column whose voice is unlike the speaker's
 * (speaker.h; the speaker heard where the first path placed the transcript) costs
 * other_voice_price of the chance distance for each time the speaker's typical distance
 * from their own voice it lies beyond own_voice_reach of it; the sentences the first path
 * placed stay placed (it found them; the price only moves them: a flite sentence that
 * matches its own place poorly, moved there off other speech, was taken for missing).
 * The speaker's own frames reach 1.6-1.8 times their typical distance at most, their
 * untranscribed words in a partial transcript 2.1, other speakers' lie at 1.7-3.6, music
 * and applause further (speaker.c). On the partial-transcript set: recordings meeting
 * every target 65 -> 66 of 68, cues in untranscribed sound 5 -> 0, and on a second seed
 * of its surrounded and music kinds (scripts/eval_partial.sh does not build it) 8 -> 10
 * of 12, cues 10 -> 3. A reach of 1.5 priced the speaker's own words: at 2.0 (with the
 * edge check's cut-off at 0.95, not in), a short sentence of 7 partial transcripts moved
 * onto the untranscribed sentence beside it. */
static const double own_voice_reach = 1.8, other_voice_price = 2.0;

static int warp_again_by_voice(const collapsed *crec, const unsigned char *rec_speech, const feature_seq *rows,
                               const size_t *first, size_t n, const feature_seq *cols, gap_path *gp)
{
    unsigned char *speech = malloc(crec->n + 1), *placed = malloc(crec->n + 1);
    float *price = malloc((crec->n + 1) * sizeof *price);
    unsigned char *placed_sentences = malloc(n + 1);
    int rc = speech && placed && price && placed_sentences ? 0 : error_nomem();
    for (size_t s = 0; rc == 0 && s < n; s++)
        placed_sentences[s] = !gp->missing[s];
    for (size_t c = 0; rc == 0 && c < crec->n; c++)
        speech[c] = rec_speech[crec->orig[c]], placed[c] = !gp->skipped[c];
    if (rc == 0)
        rc = speaker_unlikeness(crec->v, crec->n, DIM, MFCC_DIM, speech, placed, own_voice_reach, price);
    for (size_t c = 0; rc == 0 && c < crec->n; c++)
        price[c] *= (float)other_voice_price;
    gap_path again = {0};
    if (rc == 0)
        rc = gap_dtw_align(rows, first, n, cols, &(gap_prior){price, placed_sentences}, skip_margin, &again);
    if (rc == 0) {
        gap_path_free(gp);
        *gp = again;
    }
    free(speech), free(placed), free(price), free(placed_sentences);
    return rc == -ERR_DATA ? 0 : rc; /* no path with that price: the first one stands */
}

/* The warping that allows skips (gap_dtw.h), kept only when the transcript does not
 * cover the recording: some sentence is missing or enough speech was skipped; then
 * warped again, with other voices priced (warp_again_by_voice). */
static int warp_with_gaps(const collapsed *csyn, const collapsed *crec, const unsigned char *rec_speech,
                          const synth_span *spans, size_t n, gap_path *gp, sync_map *out)
{
    size_t *first = malloc((n + 1) * sizeof *first);
    if (!first)
        return error_nomem();
    int rc = 0;
    if (sentence_rows(csyn, spans, n, first)) {
        float *rv = envelope_view(csyn), *cv = envelope_view(crec);
        feature_seq rows = {rv, csyn->n, GAP_DIM}, cols = {cv, crec->n, GAP_DIM};
        rc = rv && cv ? gap_dtw_align(&rows, first, n, &cols, NULL, skip_margin, gp) : error_nomem();
        /* whether the transcript is in the recording at all: from the first path, over
         * every sentence (a second one, by voice, keeps the sentences this one placed),
         * and measured even when no path with gaps exists */
        out->order_evidence = gp->order_evidence, out->order_measured = gp->order_measured;
        if (rc == 0 && gp->skipped && !covers(crec, rec_speech, gp, n))
            rc = warp_again_by_voice(crec, rec_speech, &rows, first, n, &cols, gp);
        else if (rc == 0)
            gap_path_free(gp);
        free(rv), free(cv);
    }
    free(first);
    if (rc == -ERR_DATA)
        return 0; /* no path with gaps exists: the plain warping decides, and warns of a poor match */
    return rc;    /* out of memory, or a fault of ours: never hidden behind the other warping */
}

/* The stretches between placed sentences (and before the first, after the last) where
 * the path skipped at least SKIP_REPORT_FRAMES of recording; each one's sound begins at
 * its first frame heard above the recording's quiet level (a subtitle cue may stay up
 * until then). The voice detector's onset came later in a music bed quieter than speech:
 * the cue before it stayed up 0.29 s into the music (music_dev_ru_espeak of the second
 * seed, once its sentence's start was found 0.18 s later with boundary_near). */
static int skipped_stretches(const collapsed *crec, const unsigned char *skipped, const recording_evidence *ev,
                             sync_map *out)
{
    out->skipped = calloc(out->n + 1, sizeof *out->skipped);
    if (!out->skipped)
        return error_nomem();
    size_t nframes = ev->n;
    double from = 0;
    for (size_t s = 0; s <= out->n; s++) {
        if (s < out->n && out->sentence[s].missing)
            continue;
        double to = s < out->n ? out->sentence[s].start : (double)nframes / FRAMES_PER_SECOND;
        size_t a = (size_t)(from * FRAMES_PER_SECOND), b = (size_t)(to * FRAMES_PER_SECOND), frames = 0, speech = 0;
        for (size_t c = crec->kept[a < nframes ? a : nframes]; c < crec->n && crec->orig[c] < b; c++)
            frames += skipped[c];
        size_t onset = b;
        for (size_t k = a; k < b && k < nframes; k++) {
            speech += ev->speech[k];
            if (ev->energy[k] > ev->quiet_db && onset == b)
                onset = k;
        }
        if (frames >= SKIP_REPORT_FRAMES && to > from)
            out->skipped[out->nskipped++] =
                (sync_skip){from, to, (double)speech / FRAMES_PER_SECOND, (double)onset / FRAMES_PER_SECOND};
        if (s < out->n)
            from = out->sentence[s].end;
    }
    return 0;
}

/* Cue boundaries inside sentences (marks). A cue is cut where a phrase ends, and a
 * speaker marks the break: the phrase's last word lengthened, often a pause. The
 * synthesizer reading the sentence whole does neither, and the warping, which cannot
 * tell the lengthened word from the next one, put the boundary inside it (own
 * recordings spoken cue by cue, scripts/eval_cues.sh: 'barn | at the edge' 0.14-0.33 s
 * early in three English voices). So the transcript is spoken again, every sentence as
 * its phrases (synth.h), and each sentence with marks is warped once more, alone, onto
 * the stretch of recording where it was placed; the sentences keep their times. A mark
 * is then moved to a quiet dip close by (boundary_mark); a missing sentence's marks take
 * its (empty) place. On scripts/eval_cues.sh, cue starts inside sentences within
 * Netflix's tolerance 149 -> 151 of 152 (rms, m3 15 -> 16 of 16; slt stays at 15: its
 * 'barn | at' now right, 'organised | anything' 0.09 -> 0.15 s late); ../shared (sync
 * map and subtitles), scripts/eval_voices.sh and eval_partial.sh the same; `sync --cues`
 * 0.54 -> 0.69 s on a 100 s recording. Mind that those recordings are spoken cue by cue,
 * as this reading is: real speakers break less at some cue cuts. */
static int place_marks(const collapsed *csyn, const synth_span *spans, const synth_mark *marks, size_t nmarks,
                       const collapsed *crec, const recording_evidence *ev, sync_map *out)
{
    int rc = 0;
    for (size_t m = 0; rc == 0 && m < nmarks;) {
        const sync_sentence *placed = &out->sentence[marks[m].sentence];
        const synth_span *sp = &spans[marks[m].sentence];
        size_t end = m;
        while (end < nmarks && marks[end].sentence == marks[m].sentence)
            end++;
        size_t a = (size_t)(placed->start * FRAMES_PER_SECOND + 0.5), b = (size_t)(placed->end * FRAMES_PER_SECOND + 0.5);
        size_t r0 = csyn->kept[sp->speech_start], r1 = csyn->kept[sp->speech_end];
        size_t c0 = crec->kept[a < ev->n ? a : ev->n], c1 = crec->kept[b < ev->n ? b : ev->n];
        dtw_path p = {0};
        feature_seq rows = {csyn->v + r0 * DIM, r1 > r0 ? r1 - r0 : 0, DIM}, cols = {crec->v + c0 * DIM, c1 > c0 ? c1 - c0 : 0, DIM};
        if (!placed->missing && rows.n && cols.n)
            rc = dtw_align(&rows, &cols, band_seconds, &p);
        for (; rc == 0 && m < end; m++) {
            size_t row = csyn->kept[marks[m].frame];
            row = row > r0 ? row - r0 : 0;
            out->mark_time[m] = p.col ? (double)boundary_mark(ev, crec->orig[c0 + p.col[row < rows.n ? row : rows.n - 1]]) /
                                            FRAMES_PER_SECOND
                                      : placed->start;
        }
        dtw_path_free(&p);
    }
    return rc;
}

int polyalign_audio_abi_version(void)
{
    return SYNC_ABI_VERSION;
}

int sync_align(const char *audio_path, const char *lang, const char *const *sentences, size_t n, synth_mark *marks,
               size_t nmarks, sync_map *out)
{
    *out = (sync_map){0};
    audio_features rec = {0}, syn = {0}, phr = {0};
    unsigned char *rec_speech = NULL, *syn_speech = NULL, *phr_speech = NULL;
    synth_span *spans = calloc(n ? n : 1, sizeof *spans), *phr_spans = calloc(n ? n : 1, sizeof *phr_spans);
    collapsed crec = {0}, csyn = {0}, cphr = {0};
    dtw_path path = {0};
    feature_extractor *ex = NULL;
    decode_report report;
    int rc = spans && phr_spans ? feature_extractor_new(&rec, &ex) : error_nomem();
    if (rc == 0)
        rc = audio_decode(audio_path, to_features, ex, &report);
    feature_extractor_free(ex);
    /* a silent or noise-only recording is refused before the transcript is spoken */
    /* of the synthetic tracks only the speech masks count: their levels are never read */
    vad_levels levels = {0}, synthetic_levels_unread;
    if (rc == 0 && !(rec_speech = malloc(rec.n + 1)))
        rc = error_nomem();
    if (rc == 0)
        rc = vad_detect(rec.energy, rec.n, rec_speech, &levels);
    if (rc == 0 && levels.speech_db - levels.floor_db < 10)
        rc = error_set(ERR_DATA, _("%s: no speech found (the loud and quiet parts differ by only %.1f dB)"),
                       audio_path, levels.speech_db - levels.floor_db);
    if (rc == 0)
        rc = synth_transcript(lang, sentences, n, spans, marks, nmarks, &syn, phr_spans, nmarks ? &phr : NULL);
    if (rc == 0 && (!(syn_speech = malloc(syn.n + 1)) || !(phr_speech = malloc(phr.n + 1))))
        rc = error_nomem();
    if (rc == 0)
        rc = vad_detect(syn.energy, syn.n, syn_speech, &synthetic_levels_unread);
    if (rc == 0)
        rc = collapse(&rec, rec_speech, &crec);
    if (rc == 0)
        rc = collapse(&syn, syn_speech, &csyn);
    if (rc == 0 && nmarks)
        rc = vad_detect(phr.energy, phr.n, phr_speech, &synthetic_levels_unread);
    if (rc == 0 && nmarks)
        rc = collapse(&phr, phr_speech, &cphr);
    /* the collapsed copies hold what the warping needs: the full MFCCs can go (a third of
     * the memory on long recordings) */
    free(rec.mfcc);
    free(syn.mfcc);
    free(phr.mfcc);
    rec.mfcc = syn.mfcc = phr.mfcc = NULL;
    gap_path gaps = {0};
    if (rc == 0)
        rc = warp_with_gaps(&csyn, &crec, rec_speech, spans, n, &gaps, out);
    if (rc == 0 && gaps.skipped) {
        path = gaps.path;
        gaps.path = (dtw_path){0};
    } else if (rc == 0) {
        feature_seq rows = {csyn.v, csyn.n, DIM}, cols = {crec.v, crec.n, DIM};
        rc = dtw_align(&rows, &cols, band_seconds, &path);
    }
    if (rc == 0 && (!(out->sentence = calloc(n ? n : 1, sizeof *out->sentence)) ||
                    !(out->mark_time = calloc(nmarks ? nmarks : 1, sizeof *out->mark_time))))
        rc = error_nomem();
    if (rc == 0) {
        out->n = n;
        out->audio_seconds = report.seconds;
        out->header_seconds = report.header_seconds;
        size_t speech = 0, first = rec.n;
        for (size_t k = 0; k < rec.n; k++) {
            speech += rec_speech[k];
            if (rec_speech[k] && first == rec.n)
                first = k;
        }
        out->speech_seconds = (double)speech / FRAMES_PER_SECOND;
        out->leading_silence = (double)first / FRAMES_PER_SECOND;
        size_t syn_speech_frames = 0;
        for (size_t k = 0; k < syn.n; k++)
            syn_speech_frames += syn_speech[k];
        out->synth_seconds = (double)syn_speech_frames / FRAMES_PER_SECOND;
        recording_evidence ev = {rec_speech, rec.energy, rec.n, 0, 0};
        boundary_levels(&levels, &ev);
        double placed_end = 0;
        for (size_t s = 0; s < n; s++) {
            synth_span *sp = &spans[s];
            if (gaps.missing && gaps.missing[s]) {
                out->sentence[s] = (sync_sentence){placed_end, placed_end, 0, 1};
                out->nmissing++;
                continue;
            }
            size_t ra = real_frame(&csyn, &crec, &path, sp->speech_start);
            size_t rb = real_frame(&csyn, &crec, &path, sp->speech_end), k, e;
            synth_span said = *sp; /* its speech as the path laid it */
            if (gaps.skipped && sp->speech_end > sp->speech_start) {
                /* a sentence's last frames may come after the last row of its own: a frame
                 * the collapsing dropped stands for the next row kept, and the rows split
                 * at the middle of a pause that may collapse to nothing. With recording
                 * skipped between it and the next sentence, those frames were laid beyond
                 * the skip, and the sentence ended where the next begins (over 63 s of
                 * untranscribed speech, 4 of 386 sentences of a partial transcript of a
                 * 117-minute recording). It ends after the last of its rows laid before
                 * such a jump. */
                size_t r0 = csyn.kept[sp->speech_start], r = csyn.kept[sp->speech_end - 1];
                r = r < csyn.n ? r : csyn.n - 1;
                while (r > r0 && row_real_frame(&crec, &path, r) > row_real_frame(&crec, &path, r - 1) + EDGE_SKIP_FRAMES)
                    r--;
                size_t last = row_real_frame(&crec, &path, r);
                if (rb > last + EDGE_SKIP_FRAMES) {
                    rb = last + 1;
                    said.speech_end = csyn.orig[r] + 1 < sp->speech_end ? csyn.orig[r] + 1 : sp->speech_end;
                }
            }
            if (gaps.skipped && said.speech_end > said.speech_start + 1) {
                edge_view v = {&csyn, &crec, &path, syn_speech, &ev};
                if (skipped_beside(&v, gaps.skipped, spans, n, gaps.missing, s, 1) && edge_pause(&v, &said, 1, &k, &e))
                    ra = e;
                if (skipped_beside(&v, gaps.skipped, spans, n, gaps.missing, s, 0) && edge_pause(&v, &said, 0, &k, &e))
                    rb = k;
            }
            recording_evidence at_start = ev, at_end = ev;
            if (gaps.skipped && ((rc = boundary_near(&ev, ra, &at_start)) < 0 ||
                                 (rc = boundary_near(&ev, rb, &at_end)) < 0))
                break;
            size_t a = boundary_start(&at_start, ra);
            size_t b = boundary_end(&at_end, a, rb);
            if (b <= a)
                b = a + 1;
            out->sentence[s] = (sync_sentence){(double)a / FRAMES_PER_SECOND, (double)b / FRAMES_PER_SECOND, 0, 0};
            placed_end = out->sentence[s].end;
        }
        sentence_confidences(&csyn, &crec, &path, spans, out->sentence, n);
        /* a transcript the recording does not hold (sync.h): its sentences look typical
         * of it, so their confidences say nothing; none is trusted, in proportion to the
         * evidence, should the caller time it anyway */
        double trusted = sync_map_holds_transcript(out)
                             ? 1
                             : SYNC_LOW_CONFIDENCE * fmax(out->order_evidence, 0) / SYNC_MIN_ORDER_EVIDENCE;
        for (size_t s = 0; s < n; s++)
            out->sentence[s].confidence = fmin(out->sentence[s].confidence, trusted);
        if (nmarks)
            rc = place_marks(&cphr, phr_spans, marks, nmarks, &crec, &ev, out);
        if (rc == 0 && gaps.skipped)
            rc = skipped_stretches(&crec, gaps.skipped, &ev, out);
    }
    gap_path_free(&gaps);
    dtw_path_free(&path);
    collapsed_free(&crec);
    collapsed_free(&csyn);
    collapsed_free(&cphr);
    free(rec_speech);
    free(syn_speech);
    free(phr_speech);
    free(spans);
    free(phr_spans);
    audio_features_free(&rec);
    audio_features_free(&syn);
    audio_features_free(&phr);
    if (rc < 0)
        sync_map_free(out);
    return rc;
}
