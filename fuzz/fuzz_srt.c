/* fuzz_srt.c — libFuzzer target: the SRT and WebVTT reader (subtitle/srt_read.c).
 *
 * `srt check`, `srt fix` and `subtitle --from` read a user's subtitles, which players and
 * editors produce in every shape: the input is read as a lenient player reads it and as
 * a strict parser does, with the per-cue information and every problem reported. */
#include <stdint.h>
#include <stdlib.h>

#include "subtitle/srt_read.h"
#include "input_file.h"

static void ignore_problem(void *ctx, srt_severity sev, int line, const char *message)
{
    (void)ctx, (void)sev, (void)line, (void)message;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size, ".srt");
    srt_reading readings[] = {SRT_LENIENT, SRT_STRICT};
    for (int k = 0; k < 2; k++) {
        cue_list cues = {0};
        srt_cue_info *info = NULL;
        if (srt_read(path, readings[k], &cues, &info, ignore_problem, NULL) == 0)
            free(info);
        cues_free(&cues);
    }
    return 0;
}
