/* fuzz_po.c — libFuzzer target: the PO front end of `polyalign po` (tm/po_bridge.c).
 *
 * A PO catalog goes through libgettextpo (whose fatal errors po_bridge.c turns into a
 * longjmp back to itself) and every message, plural form, context, flag and comment into
 * a TMX written to /dev/null; the first byte says whether fuzzy messages go too. A refused
 * catalog is fine; a crash, a leak or an exit is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tm/po_bridge.h"
#include "input_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    const char *path = fuzz_input_file(data + 1, size - 1, ".po");
    po_bridge_stats st;
    (void)po_to_tmx(&path, 1, "en", data[0] & 1, sink, &st);
    return 0;
}
