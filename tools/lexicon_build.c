/* lexicon_build.c — compile published dictionaries into polyalign's lexicon binary.
 *
 *   lexicon_build OUT.lex LANG0 LANG1 FORMAT FILE [INDEX] [FORMAT FILE [INDEX]]...
 *
 * FORMAT is cedict, freedict or mueller (FILE the uncompressed .dict, INDEX its .index),
 * tsv or dic; several sources go into one lexicon.
 * `make` runs it on the dictionaries scripts/fetch_lexicons.sh fetched; the output is
 * written beside OUT and renamed into place, so a failed build leaves no half lexicon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/lexicon.h"
#include "align/lexsource.h"
#include "i18n.h"
#include "util/atomic_file.h"
#include "util/error.h"

static int dictd_format(int fmt)
{
    return fmt == LEXSRC_FREEDICT || fmt == LEXSRC_MUELLER;
}

int main(int argc, char **argv)
{
    static const char *const names[] = {"tsv", "dic", "cedict", "freedict", "mueller"};
    if (argc < 6) {
        fprintf(stderr, "usage: %s OUT.lex LANG0 LANG1 FORMAT FILE [INDEX] [FORMAT FILE [INDEX]]...\n", argv[0]);
        return ERR_USAGE;
    }
    const char *out = argv[1];
    lexicon_builder *b = NULL;
    size_t skipped = 0;
    int rc = lexicon_builder_new(argv[2], argv[3], &b);
    for (int a = 4; rc == 0 && a < argc;) {
        int fmt = -1;
        for (int k = 0; k < (int)(sizeof names / sizeof *names); k++)
            if (strcmp(argv[a], names[k]) == 0)
                fmt = k;
        int files = dictd_format(fmt) ? 2 : 1;
        if (fmt < 0 || a + files >= argc) {
            fprintf(stderr, "%s: unknown format '%s' or missing file\n", argv[0], argv[a]);
            lexicon_builder_free(b);
            return ERR_USAGE;
        }
        rc = lexsource_read(b, argv[2], argv[3], (lexsource_format)fmt, argv[a + 1], files == 2 ? argv[a + 2] : NULL,
                            &skipped);
        a += 1 + files;
    }
    void *bytes = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = lexicon_builder_compile(b, &bytes, &len);
    lexicon_builder_free(b);
    atomic_file af;
    if (rc == 0 && (rc = atomic_file_open(&af, out)) == 0)
        rc = atomic_file_finish(&af, fwrite(bytes, 1, len, af.f) == len ? 0 : -ERR_IO);
    free(bytes);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], error_last());
        return error_exit_status(rc);
    }
    lexicon *lx;
    if ((rc = lexicon_open(out, &lx)) < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], error_last());
        remove(out); /* a lexicon that does not check out must not look up to date to make */
        return error_exit_status(rc);
    }
    fprintf(stderr, "%s: %s-%s, %zu + %zu keys, %zu links, %zu bytes (%zu lines skipped)\n", out, argv[2], argv[3],
            lexicon_nkeys(lx, 0), lexicon_nkeys(lx, 1), lexicon_nlinks(lx), len, skipped);
    lexicon_free(lx);
    return 0;
}
