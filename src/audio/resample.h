/* resample.h — any PCM stream to 16 kHz mono float, through libswresample.
 *
 * The recording (whatever FFmpeg decodes) and the synthetic speech (espeak-ng's 22,050 Hz
 * int16) both reach the feature extractor at one rate and format; this is the one place
 * that converts. Samples are pushed in blocks and handed on to a sink as they come, so
 * nothing holds a whole recording. */
#ifndef POLYALIGN_AUDIO_RESAMPLE_H
#define POLYALIGN_AUDIO_RESAMPLE_H

#include <stddef.h>

#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>

enum { AUDIO_RATE = 16000 };

/* Receives converted samples; returns 0 or a negative error code to stop. */
typedef int (*audio_sink)(const float *samples, size_t n, void *ctx);

typedef struct resampler resampler;

/* A converter from `in_rate` Hz, `in_format`, `in_layout` to AUDIO_RATE mono float. */
int resampler_new(int in_rate, enum AVSampleFormat in_format, const AVChannelLayout *in_layout, audio_sink sink,
                  void *ctx, resampler **out);

/* Convert `n` input samples (per channel; `planes` as FFmpeg lays them out) and pass them
 * on. NULL planes with n = 0 flush what the converter holds. */
int resampler_push(resampler *r, const unsigned char *const *planes, int n);

/* Does r convert from these? A stream may change its rate, sample format or channels
 * midway (a damaged or spliced file does): its frames then need a new converter. */
int resampler_accepts(const resampler *r, int in_rate, enum AVSampleFormat in_format, const AVChannelLayout *in_layout);

void resampler_free(resampler *r);

#endif
