/* fuzz_times.c — libFuzzer target: `subtitle --times FILE` (subtitle/time_anchors.c).
 *
 * Lines "HH:MM:SS.mmm<TAB>first words" are read against a fixed transcript in English,
 * Russian and Chinese (the sentences of the tests' --times cases among them), with and
 * without a recording length (the first byte); the anchors found must name sentences of
 * the transcript, in order, at increasing times. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "subtitle/time_anchors.h"
#include "input_file.h"

static const char *const transcript[] = {
    "The Internet is now a global village.", "We need new international rules.", "Nothing like this happened before.",
    "Yes.", "No.", "The committee approved the agreement after a long debate.", "Fine.",
    "Next paragraph starts here.", "Интернет стал глобальной деревней.", "Да.", "互联网让世界变成了地球村。", "好。",
};
enum { NSENTENCES = sizeof transcript / sizeof transcript[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    double duration = data[0] & 1 ? 60.0 : 0;
    time_anchor *anchors;
    size_t n;
    if (time_anchors_read(fuzz_input_file(data + 1, size - 1, ".times"), transcript, NSENTENCES, duration, &anchors,
                          &n) < 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (anchors[i].sentence >= NSENTENCES || (i && (anchors[i].sentence <= anchors[i - 1].sentence ||
                                                        anchors[i].time <= anchors[i - 1].time))) {
            fprintf(stderr, "anchor %zu: sentence %zu at %.3f s is out of order\n", i, anchors[i].sentence,
                    anchors[i].time);
            abort();
        }
    free(anchors);
    return 0;
}
