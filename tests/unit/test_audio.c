/* test_audio.c — unit tests of src/audio: MFCC frames and normalization, the speech
 * detector, banded DTW on a known warp, espeak-ng synthesis spans and word marks, and
 * decoding a WAV written here (and refusing what is not audio). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/boundary.h"
#include "audio/decode.h"
#include "audio/dtw.h"
#include "audio/gap_dtw.h"
#include "audio/speaker.h"
#include "audio/features.h"
#include "audio/synth.h"
#include "audio/vad.h"
#include "util/error.h"

static void mfcc_frames_energy_and_normalization(void **state)
{
    (void)state;
    audio_features f = {0};
    feature_extractor *ex;
    assert_int_equal(feature_extractor_new(&f, &ex), 0);
    float *x = calloc(AUDIO_RATE, sizeof *x); /* 0.5 s of silence, then 0.5 s of a 440 Hz tone */
    for (int i = AUDIO_RATE / 2; i < AUDIO_RATE; i++)
        x[i] = 0.3f * sinf(2 * (float)M_PI * 440 * i / AUDIO_RATE);
    assert_int_equal(feature_extractor_push(ex, x, 1000), 0); /* in pieces of any size */
    assert_int_equal(feature_extractor_push(ex, x + 1000, AUDIO_RATE - 1000), 0);
    feature_extractor_free(ex);
    assert_int_equal(f.n, (AUDIO_RATE - FRAME_LEN) / FRAME_HOP + 1);
    assert_true(f.energy[5] < -90);
    assert_true(f.energy[f.n - 5] > -40); /* pre-emphasis damps a low tone */
    audio_features_normalize(&f);
    for (int c = 0; c < MFCC_DIM; c++) {
        double sum = 0;
        for (size_t k = 0; k < f.n; k++)
            sum += f.mfcc[k * MFCC_DIM + c];
        assert_true(fabs(sum / f.n) < 1e-3);
    }
    audio_features_free(&f);
    free(x);
}

static void vad_bridges_dips_and_drops_blips(void **state)
{
    (void)state;
    enum { N = 300 };
    float e[N];
    unsigned char speech[N];
    for (int k = 0; k < N; k++)
        e[k] = k >= 50 && k < 250 ? -20.0f : -70.0f; /* speech 50..250 */
    for (int k = 120; k < 126; k++)
        e[k] = -70.0f; /* a 60 ms dip inside a word */
    for (int k = 10; k < 13; k++)
        e[k] = -20.0f; /* a 30 ms click in the lead-in */
    vad_levels lv;
    assert_int_equal(vad_detect(e, N, speech, &lv), 0);
    assert_true(lv.threshold_db > -70 && lv.threshold_db < -20);
    assert_int_equal(speech[11], 0);
    assert_int_equal(speech[49], 0);
    assert_int_equal(speech[50], 1);
    assert_int_equal(speech[122], 1);
    assert_int_equal(speech[249], 1);
    assert_int_equal(speech[250], 0);
}

/* Frames [from, to) at `db`, speech where loud (the detector's verdict, as it would be). */
static void fill(float *e, unsigned char *speech, int from, int to, float db)
{
    for (int k = from; k < to; k++)
        e[k] = db, speech[k] = db > -40.0f;
}

/* Levels: floor -58, speech -16 dB: quiet level -51.7, onset level -53.8. */
static recording_evidence evidence_of(const float *e, const unsigned char *speech, size_t n)
{
    recording_evidence ev = {speech, e, n, 0, 0};
    boundary_levels(&(vad_levels){-58.0f, -16.0f, -45.0f}, &ev);
    return ev;
}

/* A soft onset in two steps (a sound, faint frames under the quiet level, the word) starts
 * with its first sound after a pause; the same faint frames after the word before (a
 * reverberant tail) join nothing, and an end does not follow them. */
static void boundary_onsets_join_faint_frames(void **state)
{
    (void)state;
    enum { N = 300 };
    float e[N];
    unsigned char speech[N];
    fill(e, speech, 0, N, -58.0f);
    fill(e, speech, 100, 108, -37.0f); /* the lead-in sound */
    fill(e, speech, 108, 119, -52.5f); /* faint: over the onset level, under the quiet level */
    fill(e, speech, 119, 170, -16.0f); /* the word */
    recording_evidence ev = evidence_of(e, speech, N);
    assert_true(ev.onset_db < -52.5f && ev.quiet_db > -52.5f);
    assert_int_equal(boundary_start(&ev, 125), 100);
    assert_int_equal(boundary_end(&ev, 100, 175), 170); /* ends keep the quiet level */

    /* run on from the word before: nothing quiet within reach before the faint frames */
    fill(e, speech, 0, 108, -16.0f);
    ev = evidence_of(e, speech, N);
    assert_int_equal(boundary_start(&ev, 125), 119);
}

/* A cue boundary inside a sentence moves to the end of a quiet dip close by, a dip under
 * the onset level: faint frames are no dip, and the cue starts with its first sound. */
static void boundary_mark_takes_a_quiet_dip(void **state)
{
    (void)state;
    enum { N = 300 };
    float e[N];
    unsigned char speech[N];
    fill(e, speech, 0, N, -58.0f);
    fill(e, speech, 40, 100, -16.0f);  /* the word before */
    fill(e, speech, 100, 108, -58.0f); /* a short pause */
    fill(e, speech, 108, 115, -37.0f); /* the cue's first sound */
    fill(e, speech, 115, 126, -52.5f); /* faint */
    fill(e, speech, 126, 200, -16.0f);
    recording_evidence ev = evidence_of(e, speech, N);
    assert_int_equal(boundary_mark(&ev, 127), 108);
    assert_int_equal(boundary_mark(&ev, 75), 75); /* no dip within reach: the path's frame */
}

/* rows: a random walk; cols: the same, every frame of rows' second half said twice */
static void dtw_recovers_a_known_warp(void **state)
{
    (void)state;
    enum { M = 600, DIMS = 4 };
    float *rows = malloc(M * DIMS * sizeof *rows), *cols = malloc(2 * M * DIMS * sizeof *cols);
    size_t *truth = malloc(M * sizeof *truth);
    unsigned seed = 1;
    float v[DIMS] = {0};
    size_t n = 0;
    for (int j = 0; j < M; j++) {
        for (int d = 0; d < DIMS; d++) {
            seed = seed * 1103515245u + 12345u;
            v[d] = 0.7f * v[d] + ((float)((seed >> 8) % 1000) / 500.0f - 1.0f);
            rows[j * DIMS + d] = v[d];
        }
        truth[j] = n;
        for (int r = 0; r < (j >= M / 2 ? 2 : 1); r++, n++)
            memcpy(cols + n * DIMS, rows + j * DIMS, sizeof v);
    }
    feature_seq a = {rows, M, DIMS}, b = {cols, n, DIMS};
    dtw_path p;
    assert_int_equal(dtw_align(&a, &b, 30.0, &p), 0);
    for (int j = 0; j < M; j++)
        assert_int_equal(p.col[j], truth[j]);
    assert_true(p.cost[M / 2] < 1e-6);
    dtw_path_free(&p);
    feature_seq empty = {rows, 0, DIMS};
    assert_true(dtw_align(&empty, &b, 30.0, &p) < 0);
    free(rows);
    free(cols);
    free(truth);
}

/* A random walk of `n` frames into v (state carried in *seed and walk). */
static void random_walk(float *v, size_t n, unsigned *seed, float *walk)
{
    for (size_t j = 0; j < n; j++)
        for (int d = 0; d < 4; d++) {
            *seed = *seed * 1103515245u + 12345u;
            walk[d] = 0.7f * walk[d] + ((float)((*seed >> 8) % 1000) / 500.0f - 1.0f);
            v[j * 4 + d] = walk[d];
        }
}

/* Four sentences of 120 frames; the recording holds other "speech" (another walk), then
 * sentence 0, more other speech, sentences 1 and 3 back to back, and a tail. Sentence 2
 * is nowhere. Each placed sentence's rows land on their own frames, the other speech is
 * skipped, sentence 2 is missing. */
static void gap_dtw_skips_what_the_transcript_lacks(void **state)
{
    (void)state;
    enum { S = 4, LEN = 120, DIMS = 4 };
    float *rows = malloc(S * LEN * DIMS * sizeof *rows), *cols = malloc(2000 * DIMS * sizeof *cols);
    unsigned seed = 7;
    float walk[DIMS] = {0};
    random_walk(rows, S * LEN, &seed, walk);
    size_t n = 0, where[S] = {0};
    const int layout[] = {-150, 0, -200, 1, 3, -90}; /* negative: that many frames of other speech */
    for (size_t k = 0; k < sizeof layout / sizeof *layout; k++) {
        if (layout[k] < 0) {
            random_walk(cols + n * DIMS, (size_t)-layout[k], &seed, walk);
            n += (size_t)-layout[k];
        } else {
            where[layout[k]] = n;
            memcpy(cols + n * DIMS, rows + (size_t)layout[k] * LEN * DIMS, LEN * DIMS * sizeof *cols);
            n += LEN;
        }
    }
    size_t first[S + 1] = {0, LEN, 2 * LEN, 3 * LEN, 4 * LEN};
    feature_seq a = {rows, S * LEN, DIMS}, b = {cols, n, DIMS};
    gap_path p;
    assert_int_equal(gap_dtw_align(&a, first, S, &b, NULL, 0.45, &p), 0);
    assert_int_equal(p.missing[0] + p.missing[1] + p.missing[3], 0);
    assert_int_equal(p.missing[2], 1);
    for (int s = 0; s < S; s++) {
        if (s == 2) {
            assert_true(p.path.col[first[s]] == SIZE_MAX);
            continue;
        }
        for (size_t j = first[s] + 2; j < first[s + 1] - 2; j++)
            assert_true(p.path.col[j] + 2 >= where[s] + (j - first[s]) && p.path.col[j] <= where[s] + (j - first[s]) + 2);
    }
    size_t skipped_other = 0, skipped_transcript = 0;
    for (size_t i = 0; i < n; i++) {
        int in_transcript = 0;
        for (int s = 0; s < S; s++)
            in_transcript |= s != 2 && i >= where[s] && i < where[s] + LEN;
        skipped_transcript += p.skipped[i] && in_transcript;
        skipped_other += p.skipped[i] && !in_transcript;
    }
    assert_true(skipped_other >= 150 + 200 + 90 - 10);
    assert_true(skipped_transcript <= 4);
    gap_path_free(&p);
    /* without skips to make, the path is the plain one */
    feature_seq whole = {rows, S * LEN, DIMS};
    assert_int_equal(gap_dtw_align(&a, first, S, &whole, NULL, 0.45, &p), 0);
    for (size_t j = 0; j < S * LEN; j++)
        assert_true(p.path.col[j] == j);
    gap_path_free(&p);
    feature_seq empty = {rows, 0, DIMS};
    assert_true(gap_dtw_align(&a, first, S, &empty, NULL, 0.45, &p) < 0);
    free(rows);
    free(cols);
}

/* The order evidence tells a recording of the transcript from one of something else: the
 * sentences' own frames match far better in order than reversed; another walk's frames
 * match about as badly either way. With two sentences it is not measured. */
static void gap_dtw_order_evidence_tells_another_text(void **state)
{
    (void)state;
    enum { S = 5, LEN = 100, DIMS = 4 };
    float *rows = malloc(S * LEN * DIMS * sizeof *rows), *other = malloc(S * LEN * DIMS * sizeof *other);
    unsigned seed = 11;
    float walk[DIMS] = {0};
    random_walk(rows, S * LEN, &seed, walk);
    random_walk(other, S * LEN, &seed, walk);
    size_t first[S + 1] = {0, LEN, 2 * LEN, 3 * LEN, 4 * LEN, 5 * LEN};
    feature_seq a = {rows, S * LEN, DIMS}, same = {rows, S * LEN, DIMS}, unlike = {other, S * LEN, DIMS};
    gap_path p;
    assert_int_equal(gap_dtw_align(&a, first, S, &same, NULL, 0.45, &p), 0);
    assert_true(p.order_measured);
    assert_true(p.order_evidence > 0.5);
    gap_path_free(&p);
    assert_int_equal(gap_dtw_align(&a, first, S, &unlike, NULL, 0.45, &p), 0);
    assert_true(p.order_measured);
    assert_true(p.order_evidence < 0.13);
    gap_path_free(&p);
    feature_seq two = {rows, 2 * LEN, DIMS};
    assert_int_equal(gap_dtw_align(&two, first, 2, &same, NULL, 0.45, &p), 0);
    assert_false(p.order_measured);
    gap_path_free(&p);
    free(rows);
    free(other);
}

/* A column's price moves a sentence the recording holds twice to its other copy. */
static void gap_dtw_price_moves_a_sentence(void **state)
{
    (void)state;
    enum { LEN = 120, GAP = 200, DIMS = 4, N = 2 * LEN + GAP };
    float *rows = malloc(LEN * DIMS * sizeof *rows), *cols = malloc(N * DIMS * sizeof *cols);
    float *price = calloc(N, sizeof *price);
    unsigned seed = 11;
    float walk[DIMS] = {0};
    random_walk(rows, LEN, &seed, walk);
    memcpy(cols, rows, LEN * DIMS * sizeof *cols);
    random_walk(cols + LEN * DIMS, GAP, &seed, walk);
    memcpy(cols + (LEN + GAP) * DIMS, rows, LEN * DIMS * sizeof *cols);
    size_t first[2] = {0, LEN};
    unsigned char placed[1] = {1};
    feature_seq a = {rows, LEN, DIMS}, b = {cols, N, DIMS};
    for (int priced = 0; priced < 2; priced++) {
        for (size_t i = 0; i < N; i++)
            price[i] = (priced ? i >= LEN + GAP : i < LEN) ? 1.0f : 0.0f;
        gap_path p;
        assert_int_equal(gap_dtw_align(&a, first, 1, &b, &(gap_prior){price, placed}, 0.45, &p), 0);
        size_t at = priced ? 0 : LEN + GAP;
        assert_int_equal(p.missing[0], 0);
        for (size_t j = 2; j < LEN - 2; j++)
            assert_true(p.path.col[j] + 2 >= at + j && p.path.col[j] <= at + j + 2);
        gap_path_free(&p);
    }
    free(rows);
    free(cols);
    free(price);
}

/* Frames of two voices (cepstra about two means, 0 and 1.5), A B A with pauses between:
 * with A the transcript's, no frame of A is priced, even next to B, and B's frames away
 * from A are; pauses never; with no transcript frame, nothing is. */
static void speaker_unlikeness_tells_another_voice(void **state)
{
    (void)state;
    enum { RUN = 300, PAUSE = 20, N = 3 * RUN + 2 * PAUSE, STRIDE = MFCC_DIM + 1 };
    float *frames = malloc(N * STRIDE * sizeof *frames), *unlike = malloc(N * sizeof *unlike);
    unsigned char speech[N], transcript[N], voice[N];
    unsigned seed = 3;
    for (size_t k = 0; k < N; k++) {
        size_t part = k / (RUN + PAUSE), in = k % (RUN + PAUSE);
        speech[k] = in < RUN;
        voice[k] = part == 1;
        transcript[k] = speech[k] && !voice[k];
        for (int d = 0; d < STRIDE; d++) {
            seed = seed * 1103515245u + 12345u;
            frames[k * STRIDE + d] = (voice[k] ? 1.5f : 0.0f) + (float)((seed >> 8) % 1000) / 250.0f - 2.0f;
        }
    }
    assert_int_equal(speaker_unlikeness(frames, N, STRIDE, MFCC_DIM, speech, transcript, 1.8, unlike), 0);
    for (size_t k = 0; k < N; k++) {
        size_t in = k % (RUN + PAUSE);
        if (!speech[k] || transcript[k])
            assert_true(unlike[k] == 0.0f);
        else if (in >= 100 && in < RUN - 100)
            assert_true(unlike[k] > 1.0f);
    }
    memset(transcript, 0, sizeof transcript);
    assert_int_equal(speaker_unlikeness(frames, N, STRIDE, MFCC_DIM, speech, transcript, 1.8, unlike), 0);
    for (size_t k = 0; k < N; k++)
        assert_true(unlike[k] == 0.0f);
    free(frames);
    free(unlike);
}

static void synth_spans_and_word_marks(void **state)
{
    (void)state;
    const char *sentences[] = {"Good morning.", "Minutes matter, and the work starts now."};
    synth_span spans[2], phrased_spans[2];
    synth_mark marks[] = {{1, strlen("Minutes matter, and the "), 0}};
    audio_features f = {0}, phrased = {0};
    /* espeak-ng is started once a process (a second shutdown hangs): both readings here */
    assert_int_equal(synth_transcript("en", sentences, 2, spans, marks, 1, &f, phrased_spans, &phrased), 0);
    assert_true(f.n > 100);
    assert_true(spans[0].seg_start > 0 && spans[0].seg_end == spans[1].seg_start && spans[1].seg_end <= f.n);
    for (int s = 0; s < 2; s++) {
        assert_true(spans[s].speech_start < spans[s].speech_end);
        assert_true(spans[s].speech_start >= spans[s].seg_start && spans[s].speech_end <= spans[s].seg_end);
        assert_true(phrased_spans[s].speech_start < phrased_spans[s].speech_end && phrased_spans[s].speech_end <= phrased.n);
    }
    /* the mark, in the reading as phrases: where "work starts now." begins, well inside
     * the second sentence, which is said slower as two phrases than whole */
    assert_true(marks[0].frame > phrased_spans[1].speech_start + 50 && marks[0].frame < phrased_spans[1].speech_end - 20);
    assert_true(phrased_spans[1].speech_end - phrased_spans[1].speech_start > spans[1].speech_end - spans[1].speech_start);
    audio_features_free(&f);
    audio_features_free(&phrased);
    assert_int_equal(synth_transcript("de", sentences, 2, spans, NULL, 0, &f, NULL, NULL), -ERR_USAGE);
    assert_non_null(strstr(error_last(), "en, ru, zh"));
    assert_string_equal(synth_voice_for("zh"), "cmn-latn-pinyin");
}

static int count_samples(const float *samples, size_t n, void *ctx)
{
    (void)samples;
    *(size_t *)ctx += n;
    return 0;
}

static void write_le(FILE *f, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)(v >> (8 * i)) & 0xFF, f);
}

/* The header of a 16-bit PCM WAV whose data chunk says it holds data_bytes. */
static void write_wav_header(FILE *f, uint32_t channels, uint32_t rate, uint32_t data_bytes)
{
    fputs("RIFF", f);
    write_le(f, 36 + data_bytes, 4);
    fputs("WAVEfmt ", f);
    write_le(f, 16, 4);
    write_le(f, 1, 2);
    write_le(f, channels, 2);
    write_le(f, rate, 4);
    write_le(f, rate * 2 * channels, 4);
    write_le(f, 2 * channels, 2);
    write_le(f, 16, 2);
    fputs("data", f);
    write_le(f, data_bytes, 4);
}

static void decode_wav_and_refuse_text(void **state)
{
    (void)state;
    char path[] = "/tmp/polyalign_test_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    uint32_t rate = 44100, n = 44100; /* one second of stereo 44.1 kHz s16 */
    write_wav_header(f, 2, rate, n * 4);
    for (uint32_t i = 0; i < n; i++) {
        int16_t s = (int16_t)(8000 * sin(2 * M_PI * 300 * i / rate));
        write_le(f, (uint16_t)s, 2);
        write_le(f, (uint16_t)s, 2);
    }
    fclose(f);
    size_t got = 0;
    decode_report r;
    assert_int_equal(audio_decode(path, count_samples, &got, &r), 0);
    assert_true(got > AUDIO_RATE - 200 && got < AUDIO_RATE + 200); /* resampled to 16 kHz mono */
    assert_true(fabs(r.seconds - 1.0) < 0.02);
    f = fopen(path, "w");
    fputs("this is not audio\n", f);
    fclose(f);
    assert_true(audio_decode(path, count_samples, &got, &r) < 0);
    assert_non_null(strstr(error_last(), path));
    unlink(path);
    assert_int_equal(audio_decode("/nonexistent/x.wav", count_samples, &got, &r), -ERR_NOINPUT);
}

/* Found by fuzz/fuzz_audio.c: a WAV header claiming 1,048,379,392 Hz (the rest of the
 * file a plain tone) had the resampler build its filter tables for minutes, gigabytes
 * deep, in `subtitle --audio` and `sync`. A rate no recording has is now refused. */
static void decode_refuses_a_sample_rate_no_recording_has(void **state)
{
    (void)state;
    char path[] = "/tmp/polyalign_test_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    /* the fuzzer's header: mono 16-bit PCM at 0x3E7D0000 Hz, 8 MB/s, 12 MB of data */
    static const unsigned char header[44] = {'R', 'I', 'F', 'F', 0x64, 0x06, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't',
                                             ' ', 0x10, 0, 0, 0, 0x01, 0, 0x01, 0, 0, 0, 0x7D, 0x3E, 0, 0, 0x80, 0,
                                             0x02, 0, 0x10, 0, 'd', 'a', 't', 'a', 0x40, 0x06, 0xC0, 0};
    fwrite(header, 1, sizeof header, f);
    for (int i = 0; i < 800; i++)
        write_le(f, (uint16_t)(int16_t)(8000 * sin(2 * M_PI * i / 40)), 2);
    fclose(f);
    size_t got = 0;
    decode_report r;
    assert_int_equal(audio_decode(path, count_samples, &got, &r), -ERR_DATA);
    assert_non_null(strstr(error_last(), "1048379392 Hz"));
    assert_int_equal(got, 0);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mfcc_frames_energy_and_normalization),
        cmocka_unit_test(vad_bridges_dips_and_drops_blips),
        cmocka_unit_test(boundary_onsets_join_faint_frames),
        cmocka_unit_test(boundary_mark_takes_a_quiet_dip),
        cmocka_unit_test(dtw_recovers_a_known_warp),
        cmocka_unit_test(gap_dtw_skips_what_the_transcript_lacks),
        cmocka_unit_test(gap_dtw_order_evidence_tells_another_text),
        cmocka_unit_test(gap_dtw_price_moves_a_sentence),
        cmocka_unit_test(speaker_unlikeness_tells_another_voice),
        cmocka_unit_test(synth_spans_and_word_marks),
        cmocka_unit_test(decode_wav_and_refuse_text),
        cmocka_unit_test(decode_refuses_a_sample_rate_no_recording_has),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
