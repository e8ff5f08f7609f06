/* fuzz_audio.c — libFuzzer target: the front end of the audio decoder (audio/decode.c).
 *
 * `subtitle --audio` and `sync` hand any file to FFmpeg: libavformat sniffs the container
 * (local files only), libavcodec decodes the first audio stream and our resampler
 * (audio/resample.c) turns it into 16 kHz mono blocks. The input is written to a file
 * of no telling extension, so the format is found from its bytes as a misnamed upload's
 * would be. FFmpeg itself is not instrumented: this fuzzes our side of it (opening,
 * stream choice, damaged packets, layouts, rates and the sink), under the sanitizers. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/decode.h"
#include "input_file.h"

enum { MAX_SECONDS = 600 }; /* a tiny file may claim hours; stop the sink there */

static int check_block(const float *samples, size_t n, void *ctx)
{
    double *seconds = ctx;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(samples[i])) {
            fprintf(stderr, "sample %zu of a block is not a number\n", i);
            abort();
        }
    *seconds += (double)n / AUDIO_RATE;
    return *seconds > MAX_SECONDS ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double seconds = 0;
    decode_report report;
    (void)audio_decode(fuzz_input_file(data, size, ".bin"), check_block, &seconds, &report);
    return 0;
}
