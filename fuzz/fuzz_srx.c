/* fuzz_srx.c — libFuzzer target: the SRX loader and the rule compiler behind --rules.
 *
 * A user's SRX file is parsed (libxml2, no network, no entities), its rules are chosen
 * for a language and compiled the way the segmenter compiles them: ICU regexes, BEFORE
 * reversed for an anchored backward match (rule_filter.c), the character-set and automaton
 * filters (rule_index.c, rule_automaton.c), all of them parsers of regex text we wrote.
 * Rules that compile then segment a short fixed text, which must lose nothing. A file
 * that is refused is fine; a crash, a leak or a lost character is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segmenter.h"
#include "segment/srx.h"

static const char sample[] = "Mr. Smith met Dr. Jones (at 3.50 p.m.) on Jan. 5. \"Stop. Go.\" she said; he left...\n"
                             "Это было в 1999 г. в Москве. Он ушёл.\n\n他读了《你好。世界》这本书。然后睡了！好吗？";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srx *rules = NULL;
    if (srx_parse((const char *)data, size, "fuzz.srx", &rules) < 0)
        return 0;
    static const char *const languages[] = {"en", "ru-RU", "zh-CN"};
    for (size_t k = 0; k < sizeof languages / sizeof languages[0]; k++) {
        segmenter *seg;
        if (segmenter_new(languages[k], rules, &seg) < 0)
            continue;
        char text[sizeof sample];
        memcpy(text, sample, sizeof sample);
        sentence_list l = {0};
        size_t bad_at;
        if (segmenter_run(seg, text, sizeof sample - 1, 0, sentence_list_push, &l) == 0 &&
            !sentence_spans_cover(text, sizeof sample - 1, l.v, l.n, &bad_at)) {
            fprintf(stderr, "text lost at byte %zu with these rules\n", bad_at);
            abort();
        }
        sentence_list_free(&l);
        segmenter_free(seg);
    }
    srx_free(rules);
    return 0;
}
