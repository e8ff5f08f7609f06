/* fuzz_doc.c — libFuzzer target: the document readers (doc/doc_read.c and the HTML, DOCX,
 * ODT and Markdown readers behind it), on any bytes.
 *
 * The first byte chooses --input-format (auto, txt, html, xhtml, docx, odt, md); the rest
 * is the file. Besides the sanitizers, the reader's promise aborts on failure: what it
 * hands on is valid UTF-8 without NUL, paragraphs one a line with one blank line between
 * (no empty paragraph, no line break inside one), as many as the kinds it reports. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc_read.h"
#include "input_file.h"
#include "text/utf8.h"

static void check(const doc_input *in)
{
    size_t bad;
    if (utf8_validate(in->text.bytes, in->text.len, &bad) != UTF8_OK)
        abort();
    if (in->format == DOC_TXT)
        return;
    size_t paras = 0;
    const char *t = in->text.bytes, *end = t + in->text.len;
    for (const char *p = t; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == p || (nl && nl + 1 < end && nl[1] != '\n') || (nl && nl + 2 >= end))
            abort(); /* an empty paragraph, a line break inside one, or a trailing break */
        paras++;
        p = nl ? nl + 2 : end;
    }
    if (paras != in->nparas)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_input_file(data + 1, size - 1, ".in");
    doc_read_options o = {NULL, (doc_format)(data[0] % (DOC_MD + 1))};
    doc_input in;
    if (doc_read(path, &o, &in) == 0) {
        check(&in);
        doc_input_free(&in);
    }
    return 0;
}
