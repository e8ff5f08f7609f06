/* fuzz_tmx.c — libFuzzer target: the streaming TMX reader (tm/tmx_reader.c).
 *
 * Every TMX command (validate, stats, merge, extract, lookup, po) starts here: the input
 * is opened as a TMX file, its header and props read, and every unit taken with its inner
 * markup kept (the costlier path merge and conversion use) and paired en→zh the way the
 * exporters pair them, until the end or the first error. Hostile XML must be refused
 * cleanly: no crash, no leak, no entity expansion. */
#include <stdint.h>
#include <stdlib.h>

#include "tm/tmx_reader.h"
#include "input_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tmx_reader *r;
    if (tmx_reader_open(fuzz_input_file(data, size, ".tmx"), &r) < 0)
        return 0;
    tmx_reader_keep_markup(r, 1);
    (void)tmx_attr_get(tmx_reader_header(r), "srclang");
    (void)tmx_reader_header_prop(r, "x-po-header");
    tmx_unit u = {0};
    while (tmx_reader_next(r, &u) > 0) {
        const char *s, *t;
        for (size_t i = 0; i < u.ntuv; i++)
            (void)tmx_tuv_lang(&u.tuv[i]);
        if (tmx_unit_pair(&u, "en", "zh", &s, &t) > 0)
            (void)tmx_text_hash(0, s);
    }
    tmx_unit_free(&u);
    tmx_reader_close(r);
    return 0;
}
