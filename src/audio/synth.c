/* synth.c — espeak-ng synthesis into the feature extractor; see synth.h. */
#include "synth.h"

#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "resample.h"

static const double pause_after_sentence = 0.30; /* seconds of silence between sentences */
static const float noise_floor = 0.001f;          /* -60 dBFS */

/* Where espeak-ng starts speaking a word: the word's first character in the sentence
 * (code points, 0-based) and its time from the start of the sentence. */
typedef struct {
    int char_pos, ms;
} word_event;

typedef struct {
    resampler *rs;
    feature_extractor *ex;
    int rc, rate;
    unsigned noise_seed;
    size_t samples; /* samples at the synthesizer's rate pushed so far */
    word_event *words; /* the word events of the current sentence */
    size_t nwords, capwords;
} synth_state;

static synth_state *current; /* espeak-ng's callback has no context of its own here */

/* A faint noise floor under the synthetic speech, as every recording has one: digital
 * silence has no spectrum at all, and its log-mel outliers skew the normalization. */
static int to_features(const float *samples, size_t n, void *ctx)
{
    synth_state *s = ctx;
    float noisy[512];
    for (size_t done = 0; done < n;) {
        size_t m = n - done < 512 ? n - done : 512;
        for (size_t i = 0; i < m; i++) {
            s->noise_seed = s->noise_seed * 1103515245u + 12345u;
            noisy[i] = samples[done + i] + noise_floor * ((float)(s->noise_seed >> 9) / 4194304.0f - 1.0f);
        }
        int rc = feature_extractor_push(s->ex, noisy, m);
        if (rc < 0)
            return rc;
        done += m;
    }
    return 0;
}

static int on_speech(short *wav, int numsamples, espeak_EVENT *events)
{
    synth_state *s = current;
    for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
        if (e->type != espeakEVENT_WORD)
            continue;
        int rc = vec_reserve(&s->words, &s->capwords, s->nwords + 1, sizeof *s->words);
        if (rc < 0) {
            s->rc = rc;
            return 1;
        }
        s->words[s->nwords++] = (word_event){.char_pos = e->text_position - 1, .ms = e->audio_position};
    }
    if (wav && numsamples > 0 && s->rc == 0) {
        const unsigned char *plane = (const unsigned char *)wav;
        s->samples += (size_t)numsamples;
        s->rc = resampler_push(s->rs, &plane, numsamples);
    }
    return s->rc != 0;
}

/* Code points in the first `bytes` bytes of a UTF-8 string. */
static int chars_before(const char *s, size_t bytes)
{
    int n = 0;
    for (size_t i = 0; i < bytes && s[i]; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The first and last voiced frames of [from, to): energy within 35 dB of the loudest. */
static void find_speech(const audio_features *f, synth_span *sp)
{
    if (sp->seg_end > f->n)
        sp->seg_end = f->n;
    if (sp->seg_start > sp->seg_end)
        sp->seg_start = sp->seg_end;
    /* a frame's window reaches FRAME_LEN / FRAME_HOP frames ahead: the segment's last
     * frames hear the next sentence begin */
    size_t end = sp->seg_end - sp->seg_start > FRAME_LEN / FRAME_HOP ? sp->seg_end - FRAME_LEN / FRAME_HOP : sp->seg_end;
    float peak = -1e9f;
    for (size_t k = sp->seg_start; k < end; k++)
        if (f->energy[k] > peak)
            peak = f->energy[k];
    sp->speech_start = sp->seg_start;
    sp->speech_end = sp->seg_start;
    for (size_t k = sp->seg_start; k < end; k++)
        if (f->energy[k] > peak - 35.0f) {
            if (sp->speech_end == sp->seg_start)
                sp->speech_start = k;
            sp->speech_end = k + 1;
        }
}

/* The 10 ms frame that the next synthesized sample falls in. */
static size_t frame_at(const synth_state *s)
{
    return (size_t)((double)s->samples * FRAMES_PER_SECOND / s->rate + 0.5);
}

/* Silence through the resampler, so it follows the speech still in its buffer. */
static int push_silence(synth_state *s, double seconds)
{
    short zeros[512] = {0};
    const unsigned char *plane = (const unsigned char *)zeros;
    for (int left = (int)(seconds * s->rate); left > 0 && s->rc == 0; left -= 512) {
        s->samples += (size_t)(left < 512 ? left : 512);
        s->rc = resampler_push(s->rs, &plane, left < 512 ? left : 512);
    }
    return s->rc;
}

/* Speak text[from, to) (a NUL-terminated copy in `buf`) into the features. */
static void speak(synth_state *s, const char *text, size_t from, size_t to, char *buf, size_t index)
{
    memcpy(buf, text + from, to - from);
    buf[to - from] = 0;
    unsigned uid = 0;
    espeak_ERROR err = espeak_Synth(buf, to - from + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, &uid, NULL);
    if (s->rc == 0 && err != EE_OK)
        s->rc = error_set(ERR_SOFTWARE, _("espeak-ng could not synthesize sentence %zu"), index + 1);
}

static int synth_sentence(synth_state *s, const char *text, size_t index, int phrases, synth_span *sp,
                          synth_mark *marks, size_t nmarks, size_t *next_mark)
{
    sp->seg_start = frame_at(s);
    s->nwords = 0;
    size_t len = strlen(text), from = 0;
    char *buf = malloc(len + 1);
    if (!buf)
        return s->rc = error_nomem();
    for (; phrases && s->rc == 0 && *next_mark < nmarks && marks[*next_mark].sentence == index; ++*next_mark) {
        size_t to = marks[*next_mark].byte < len ? marks[*next_mark].byte : len;
        if (to > from) {
            speak(s, text, from, to, buf, index);
            from = to;
        }
        marks[*next_mark].frame = frame_at(s);
    }
    if (s->rc == 0)
        speak(s, text, from, len, buf, index);
    free(buf);
    for (; s->rc == 0 && *next_mark < nmarks && marks[*next_mark].sentence == index; ++*next_mark) {
        int want = chars_before(text, marks[*next_mark].byte);
        int ms = 0;
        for (size_t w = 0; w < s->nwords; w++) {
            ms = s->words[w].ms;
            if (s->words[w].char_pos >= want)
                break;
        }
        marks[*next_mark].frame = sp->seg_start + (size_t)(ms * FRAMES_PER_SECOND / 1000);
    }
    if (s->rc == 0)
        push_silence(s, pause_after_sentence);
    sp->seg_end = frame_at(s);
    return s->rc;
}

/* One reading of the transcript into `out`, in the session begun by synth_transcript. */
static int read_transcript(int rate, const char *const *sentences, size_t n, int phrases, synth_span *spans,
                           synth_mark *marks, size_t nmarks, audio_features *out)
{
    synth_state s = {0};
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    s.rc = feature_extractor_new(out, &s.ex);
    if (s.rc == 0)
        s.rc = resampler_new(rate, AV_SAMPLE_FMT_S16, &mono, to_features, &s, &s.rs);
    s.rate = rate;
    current = &s;
    size_t next_mark = 0;
    push_silence(&s, pause_after_sentence); /* a recording starts with a pause too */
    for (size_t k = 0; k < n && s.rc == 0; k++)
        synth_sentence(&s, sentences[k], k, phrases, &spans[k], marks, nmarks, &next_mark);
    if (s.rc == 0)
        s.rc = resampler_push(s.rs, NULL, 0);
    for (size_t k = 0; k < n && s.rc == 0; k++)
        find_speech(out, &spans[k]);
    for (size_t m = 0; m < nmarks; m++)
        if (marks[m].frame >= out->n)
            marks[m].frame = out->n ? out->n - 1 : 0;
    current = NULL;
    resampler_free(s.rs);
    feature_extractor_free(s.ex);
    free(s.words);
    return s.rc;
}

int synth_transcript(const char *lang, const char *const *sentences, size_t n, synth_span *spans,
                     synth_mark *marks, size_t nmarks, audio_features *out, synth_span *phrased_spans,
                     audio_features *phrased)
{
    const char *voice = synth_voice_for(lang);
    if (!voice)
        return error_set(ERR_USAGE, _("no synthesizer voice for '%s' (available: %s)"), lang, synth_languages());
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
    if (rate <= 0)
        return error_set(ERR_SOFTWARE, _("espeak-ng could not start (is espeak-ng-data installed?)"));
    if (espeak_SetVoiceByName(voice) != EE_OK) {
        espeak_Terminate();
        return error_set(ERR_SOFTWARE, _("espeak-ng has no voice '%s'"), voice);
    }
    espeak_SetSynthCallback(on_speech);
    int rc = read_transcript(rate, sentences, n, 0, spans, marks, nmarks, out);
    if (rc == 0 && phrased)
        rc = read_transcript(rate, sentences, n, 1, phrased_spans, marks, nmarks, phrased);
    espeak_Terminate();
    return rc;
}
