/* decode.c — libavformat + libavcodec + libswresample decoding; see decode.h. */
#include "decode.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>

#include "../i18n.h"
#include "../util/error.h"

/* Rates beyond any recording's (studio audio stops at 768 kHz): a damaged header claiming
 * a gigahertz would have the resampler build filter tables for minutes and gigabytes. */
enum { MAX_SAMPLE_RATE = 768000 };

typedef struct {
    audio_sink sink;
    void *ctx;
    decode_report *report;
} counting_sink;

static int count_and_pass(const float *samples, size_t n, void *ctx)
{
    counting_sink *c = ctx;
    c->report->seconds += (double)n / AUDIO_RATE;
    return c->sink(samples, n, c->ctx);
}

static int av_failure(const char *path, const char *what, int averr)
{
    char msg[AV_ERROR_MAX_STRING_SIZE] = "";
    av_strerror(averr, msg, sizeof msg);
    return error_set(averr == AVERROR(ENOENT) ? ERR_NOINPUT : ERR_DATA, "%s: %s (%s)", path, what, msg);
}

/* Send one packet (NULL: drain) and pass every frame it yields on. */
static int decode_packet(AVCodecContext *dec, const AVPacket *pkt, AVFrame *frame, resampler **rs,
                         counting_sink *sink, const char *path)
{
    int ret = avcodec_send_packet(dec, pkt);
    if (ret == AVERROR_INVALIDDATA)
        return 0; /* a damaged packet: skipped */
    if (ret < 0 && ret != AVERROR_EOF)
        return av_failure(path, _("cannot decode the audio"), ret);
    for (;;) {
        ret = avcodec_receive_frame(dec, frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return 0;
        if (ret == AVERROR_INVALIDDATA)
            continue;
        if (ret < 0)
            return av_failure(path, _("cannot decode the audio"), ret);
        int rate = frame->sample_rate;
        if (rate < 1 || rate > MAX_SAMPLE_RATE) {
            av_frame_unref(frame);
            return error_set(ERR_DATA, _("%s: the audio claims a sample rate of %d Hz, which no recording has"), path,
                             rate);
        }
        AVChannelLayout layout;
        if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&layout, frame->ch_layout.nb_channels);
        else if (av_channel_layout_copy(&layout, &frame->ch_layout) < 0) {
            av_frame_unref(frame);
            return error_nomem();
        }
        ret = 0;
        if (*rs && !resampler_accepts(*rs, rate, frame->format, &layout)) {
            /* the stream changed its rate, format or channels: finish the old converter */
            ret = resampler_push(*rs, NULL, 0);
            resampler_free(*rs);
            *rs = NULL;
        }
        if (ret == 0 && !*rs)
            ret = resampler_new(rate, frame->format, &layout, count_and_pass, sink, rs);
        av_channel_layout_uninit(&layout);
        if (ret < 0) {
            av_frame_unref(frame);
            return ret;
        }
        ret = resampler_push(*rs, (const unsigned char *const *)frame->extended_data, frame->nb_samples);
        av_frame_unref(frame);
        if (ret < 0)
            return ret;
    }
}

int audio_decode(const char *path, audio_sink sink, void *ctx, decode_report *report)
{
    *report = (decode_report){0};
    av_log_set_level(AV_LOG_QUIET);
    AVFormatContext *fmt = NULL;
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "protocol_whitelist", "file", 0); /* no network, no playlists reaching out */
    int ret = avformat_open_input(&fmt, path, NULL, &opts);
    av_dict_free(&opts);
    if (ret < 0)
        return av_failure(path, _("cannot open the recording"), ret);
    AVCodecContext *dec = NULL;
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    resampler *rs = NULL;
    counting_sink counting = {sink, ctx, report};
    int rc = 0;
    if (!pkt || !frame) {
        rc = error_nomem();
        goto done;
    }
    if ((ret = avformat_find_stream_info(fmt, NULL)) < 0) {
        rc = av_failure(path, _("cannot read the recording"), ret);
        goto done;
    }
    const AVCodec *codec = NULL;
    int stream = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (stream < 0) {
        rc = error_set(ERR_DATA, _("%s: no audio stream in this file"), path);
        goto done;
    }
    if (!codec) {
        rc = error_set(ERR_DATA, _("%s: no decoder for its audio stream"), path);
        goto done;
    }
    AVStream *st = fmt->streams[stream];
    if (st->duration > 0)
        report->header_seconds = st->duration * av_q2d(st->time_base);
    else if (fmt->duration > 0)
        report->header_seconds = (double)fmt->duration / AV_TIME_BASE;
    if (!(dec = avcodec_alloc_context3(codec)) || avcodec_parameters_to_context(dec, st->codecpar) < 0 ||
        (ret = avcodec_open2(dec, codec, NULL)) < 0) {
        rc = dec ? av_failure(path, _("cannot open the audio decoder"), ret) : error_nomem();
        goto done;
    }
    while (rc == 0) {
        ret = av_read_frame(fmt, pkt);
        if (ret == AVERROR_EOF)
            break;
        if (ret < 0) {
            rc = error_set(ERR_DATA, _("%s: read error after %.1f s of audio"), path, report->seconds);
            break;
        }
        if (pkt->stream_index == stream)
            rc = decode_packet(dec, pkt, frame, &rs, &counting, path);
        av_packet_unref(pkt);
    }
    if (rc == 0)
        rc = decode_packet(dec, NULL, frame, &rs, &counting, path);
    if (rc == 0 && rs)
        rc = resampler_push(rs, NULL, 0);
    if (rc == 0 && report->seconds == 0)
        rc = error_set(ERR_DATA, _("%s: the audio stream holds no samples"), path);
done:
    resampler_free(rs);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return rc;
}
