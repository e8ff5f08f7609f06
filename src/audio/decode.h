/* decode.h — the first audio stream of any recording FFmpeg reads, as 16 kHz mono.
 *
 * wav, flac, mp3, ogg, mp4, mkv, webm …: libavformat opens the container (local files
 * only, no network protocols), libavcodec decodes the first audio stream, and the
 * resampler hands 16 kHz mono float samples to a sink block by block, so a two-hour
 * recording never sits in memory. */
#ifndef POLYALIGN_AUDIO_DECODE_H
#define POLYALIGN_AUDIO_DECODE_H

#include "resample.h"

typedef struct {
    double seconds;        /* audio delivered to the sink */
    double header_seconds; /* what the container claims (0 when unknown) */
} decode_report;

/* Decode `path`; errors name the file (and the time reached, for a read error). */
int audio_decode(const char *path, audio_sink sink, void *ctx, decode_report *report);

#endif
