/* lexicon_build.c — compile a published dictionary into polyalign's lexicon binary.
 *
 *   lexicon_build OUT.lex LANG0 LANG1 FORMAT FILE [INDEX]
 *
 * FORMAT is cedict, freedict (FILE the uncompressed .dict, INDEX its .index), tsv or dic.
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

int main(int argc, char **argv)
{
    if (argc < 6 || argc > 7) {
        fprintf(stderr, "usage: %s OUT.lex LANG0 LANG1 cedict|freedict|tsv|dic FILE [INDEX]\n", argv[0]);
        return ERR_USAGE;
    }
    const char *out = argv[1], *fmt_name = argv[4];
    static const char *const names[] = {"tsv", "dic", "cedict", "freedict"};
    int fmt = -1;
    for (int k = 0; k < 4; k++)
        if (strcmp(fmt_name, names[k]) == 0)
            fmt = k;
    if (fmt < 0 || (fmt == LEXSRC_FREEDICT) != (argc == 7)) {
        fprintf(stderr, "%s: unknown format '%s' or wrong file count\n", argv[0], fmt_name);
        return ERR_USAGE;
    }
    lexicon_builder *b = NULL;
    size_t skipped = 0;
    int rc = lexicon_builder_new(argv[2], argv[3], &b);
    if (rc == 0)
        rc = lexsource_read(b, argv[2], argv[3], (lexsource_format)fmt, argv[5], argc == 7 ? argv[6] : NULL,
                            &skipped);
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
