/* features.c — streaming MFCC extraction with FFTW; see features.h. */
#include "features.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/vec.h"

enum { FFT_SIZE = 512, MEL_BANDS = 26, BINS = FFT_SIZE / 2 + 1 };

static const float silence_db = -100.0f;

struct feature_extractor {
    audio_features *out;
    float pending[FRAME_LEN]; /* samples not yet in a full frame, pre-emphasized */
    float raw[FRAME_LEN];     /* the same as they came: loudness is measured on these */
    size_t npending;
    float window[FRAME_LEN];
    float mel[MEL_BANDS][BINS]; /* triangular filters */
    float *fft_in, *dct_in, *dct_out;
    fftwf_complex *fft_out;
    fftwf_plan fft, dct;
    float prev_sample; /* pre-emphasis state */
};

static double hz_to_mel(double hz) { return 1127.0 * log(1.0 + hz / 700.0); }
static double mel_to_hz(double mel) { return 700.0 * (exp(mel / 1127.0) - 1.0); }

static void build_filters(feature_extractor *ex)
{
    double lo = hz_to_mel(20.0), hi = hz_to_mel(AUDIO_NYQUIST);
    double edge[MEL_BANDS + 2];
    for (int b = 0; b < MEL_BANDS + 2; b++)
        edge[b] = mel_to_hz(lo + (hi - lo) * b / (MEL_BANDS + 1)) * FFT_SIZE / (2.0 * AUDIO_NYQUIST);
    for (int b = 0; b < MEL_BANDS; b++)
        for (int k = 0; k < BINS; k++) {
            double w = 0;
            if (k > edge[b] && k < edge[b + 1])
                w = (k - edge[b]) / (edge[b + 1] - edge[b]);
            else if (k >= edge[b + 1] && k < edge[b + 2])
                w = (edge[b + 2] - k) / (edge[b + 2] - edge[b + 1]);
            ex->mel[b][k] = (float)w;
        }
    for (int i = 0; i < FRAME_LEN; i++)
        ex->window[i] = (float)(0.54 - 0.46 * cos(2 * M_PI * i / (FRAME_LEN - 1)));
}

int feature_extractor_new(audio_features *out, feature_extractor **exp)
{
    *exp = NULL;
    feature_extractor *ex = calloc(1, sizeof *ex);
    if (!ex)
        return error_nomem();
    ex->out = out;
    ex->fft_in = fftwf_alloc_real(FFT_SIZE);
    ex->fft_out = fftwf_alloc_complex(BINS);
    ex->dct_in = fftwf_alloc_real(MEL_BANDS);
    ex->dct_out = fftwf_alloc_real(MEL_BANDS);
    if (!ex->fft_in || !ex->fft_out || !ex->dct_in || !ex->dct_out) {
        feature_extractor_free(ex);
        return error_nomem();
    }
    ex->fft = fftwf_plan_dft_r2c_1d(FFT_SIZE, ex->fft_in, ex->fft_out, FFTW_ESTIMATE);
    ex->dct = fftwf_plan_r2r_1d(MEL_BANDS, ex->dct_in, ex->dct_out, FFTW_REDFT10, FFTW_ESTIMATE);
    if (!ex->fft || !ex->dct) {
        feature_extractor_free(ex);
        return error_set(ERR_SOFTWARE, _("FFTW could not plan the transforms"));
    }
    build_filters(ex);
    *exp = ex;
    return 0;
}

static int reserve_frames(audio_features *f, size_t need)
{
    int rc = vec_reserve(&f->energy, &f->cap_energy, need, sizeof *f->energy);
    return rc < 0 ? rc : vec_reserve(&f->mfcc, &f->cap_mfcc, need, MFCC_DIM * sizeof *f->mfcc);
}

/* One frame of FRAME_LEN pre-emphasized samples in ex->pending. */
static int emit_frame(feature_extractor *ex)
{
    audio_features *f = ex->out;
    int rc = reserve_frames(f, f->n + 1);
    if (rc < 0)
        return rc;
    double energy = 0;
    for (int i = 0; i < FRAME_LEN; i++) {
        energy += (double)ex->raw[i] * ex->raw[i];
        ex->fft_in[i] = ex->pending[i] * ex->window[i];
    }
    memset(ex->fft_in + FRAME_LEN, 0, (FFT_SIZE - FRAME_LEN) * sizeof *ex->fft_in);
    fftwf_execute(ex->fft);
    float power[BINS];
    for (int k = 0; k < BINS; k++)
        power[k] = ex->fft_out[k][0] * ex->fft_out[k][0] + ex->fft_out[k][1] * ex->fft_out[k][1];
    for (int b = 0; b < MEL_BANDS; b++) {
        double s = 0;
        for (int k = 0; k < BINS; k++)
            s += ex->mel[b][k] * power[k];
        ex->dct_in[b] = (float)log(s + 1e-10);
    }
    fftwf_execute(ex->dct);
    float *row = f->mfcc + f->n * MFCC_DIM;
    for (int c = 0; c < MFCC_DIM; c++)
        row[c] = ex->dct_out[c] / (2.0f * MEL_BANDS);
    f->energy[f->n] = (float)(10.0 * log10(energy / FRAME_LEN + 1e-10));
    if (f->energy[f->n] < silence_db)
        f->energy[f->n] = silence_db;
    f->n++;
    return 0;
}

int feature_extractor_push(feature_extractor *ex, const float *samples, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float s = samples[i];
        ex->raw[ex->npending] = s;
        ex->pending[ex->npending++] = s - 0.97f * ex->prev_sample;
        ex->prev_sample = s;
        if (ex->npending == FRAME_LEN) {
            int rc = emit_frame(ex);
            if (rc < 0)
                return rc;
            memmove(ex->pending, ex->pending + FRAME_HOP, (FRAME_LEN - FRAME_HOP) * sizeof *ex->pending);
            memmove(ex->raw, ex->raw + FRAME_HOP, (FRAME_LEN - FRAME_HOP) * sizeof *ex->raw);
            ex->npending -= FRAME_HOP;
        }
    }
    return 0;
}

void feature_extractor_free(feature_extractor *ex)
{
    if (!ex)
        return;
    if (ex->fft)
        fftwf_destroy_plan(ex->fft);
    if (ex->dct)
        fftwf_destroy_plan(ex->dct);
    fftwf_free(ex->fft_in);
    fftwf_free(ex->fft_out);
    fftwf_free(ex->dct_in);
    fftwf_free(ex->dct_out);
    free(ex);
}

void audio_features_normalize(audio_features *f)
{
    if (f->n < 2)
        return;
    for (int c = 0; c < MFCC_DIM; c++) {
        double sum = 0, sq = 0;
        for (size_t k = 0; k < f->n; k++) {
            double v = f->mfcc[k * MFCC_DIM + c];
            sum += v;
            sq += v * v;
        }
        double mean = sum / f->n, var = sq / f->n - mean * mean;
        double sd = var > 1e-12 ? sqrt(var) : 1;
        for (size_t k = 0; k < f->n; k++)
            f->mfcc[k * MFCC_DIM + c] = (float)((f->mfcc[k * MFCC_DIM + c] - mean) / sd);
    }
}

void audio_features_free(audio_features *f)
{
    free(f->mfcc);
    free(f->energy);
    *f = (audio_features){0};
}
