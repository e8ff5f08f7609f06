/* resample.c — PCM to 16 kHz mono float with libswresample; see resample.h. */
#include "resample.h"

#include <libavutil/mem.h>
#include <libswresample/swresample.h>
#include <stdlib.h>

#include "../i18n.h"
#include "../util/error.h"

struct resampler {
    SwrContext *swr;
    int in_rate;                 /* what it converts from: resampler_accepts */
    enum AVSampleFormat in_format;
    AVChannelLayout in_layout;
    float *buf;
    int cap;
    audio_sink sink;
    void *ctx;
};

int resampler_new(int in_rate, enum AVSampleFormat in_format, const AVChannelLayout *in_layout, audio_sink sink,
                  void *ctx, resampler **out)
{
    *out = NULL;
    resampler *r = calloc(1, sizeof *r);
    if (!r)
        return error_nomem();
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    if (swr_alloc_set_opts2(&r->swr, &mono, AV_SAMPLE_FMT_FLT, AUDIO_RATE, (AVChannelLayout *)in_layout, in_format, in_rate, 0, NULL) <
            0 ||
        swr_init(r->swr) < 0) {
        resampler_free(r);
        return error_set(ERR_SOFTWARE, _("cannot convert audio of %d Hz to %d Hz mono"), in_rate, AUDIO_RATE);
    }
    if (av_channel_layout_copy(&r->in_layout, in_layout) < 0) {
        resampler_free(r);
        return error_nomem();
    }
    r->in_rate = in_rate;
    r->in_format = in_format;
    r->sink = sink;
    r->ctx = ctx;
    *out = r;
    return 0;
}

int resampler_push(resampler *r, const unsigned char *const *planes, int n)
{
    int need = swr_get_out_samples(r->swr, n);
    if (need < 0)
        return error_set(ERR_SOFTWARE, _("audio conversion failed"));
    if (need > r->cap) {
        float *b = realloc(r->buf, (size_t)need * sizeof *b);
        if (!b)
            return error_nomem();
        r->buf = b;
        r->cap = need;
    }
    unsigned char *outp = (unsigned char *)r->buf;
    int got = swr_convert(r->swr, &outp, r->cap, (const unsigned char **)planes, n);
    if (got < 0)
        return error_set(ERR_SOFTWARE, _("audio conversion failed"));
    return got ? r->sink(r->buf, (size_t)got, r->ctx) : 0;
}

int resampler_accepts(const resampler *r, int in_rate, enum AVSampleFormat in_format, const AVChannelLayout *in_layout)
{
    return r->in_rate == in_rate && r->in_format == in_format && av_channel_layout_compare(&r->in_layout, in_layout) == 0;
}

void resampler_free(resampler *r)
{
    if (!r)
        return;
    av_channel_layout_uninit(&r->in_layout);
    swr_free(&r->swr);
    free(r->buf);
    free(r);
}
