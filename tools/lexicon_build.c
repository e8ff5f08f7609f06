/* lexicon_build.c — compile published dictionaries into polyalign's lexicon binary.
 *
 *   lexicon_build OUT.lex LANG0 LANG1 FORMAT FILE [INDEX] [FORMAT FILE [INDEX]]...
 *
 * FORMAT is cedict, freedict or mueller (FILE the uncompressed .dict, INDEX its .index),
 * tsv or dic; several sources go into one lexicon. With --synonyms, English words that no
 * source translates borrow the translations of their first WordNet sense's words
 * (align/lexsynonyms.h): the sources are read once to learn which words those are, then
 * again with them.
 * `make` runs it on the dictionaries scripts/fetch_lexicons.sh fetched; the output is
 * written beside OUT and renamed into place, so a failed build leaves no half lexicon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/lexicon.h"
#include "align/lexsource.h"
#include "align/lexsynonyms.h"
#include "i18n.h"
#include "util/atomic_file.h"
#include "util/error.h"

static int dictd_format(int fmt)
{
    return fmt == LEXSRC_FREEDICT || fmt == LEXSRC_MUELLER;
}

/* Read the sources argv[first..argc) into a new builder for lang0-lang1. 0, a negative
 * error code, or ERR_USAGE (positive) with the message printed. */
static int read_sources(int argc, char **argv, int first, const char *lang0, const char *lang1,
                        const lexsource_options *options, lexicon_builder **out, size_t *skipped)
{
    static const char *const names[] = {"tsv", "dic", "cedict", "freedict", "mueller"};
    int rc = lexicon_builder_new(lang0, lang1, out);
    for (int a = first; rc == 0 && a < argc;) {
        int fmt = -1;
        for (int k = 0; k < (int)(sizeof names / sizeof *names); k++)
            if (strcmp(argv[a], names[k]) == 0)
                fmt = k;
        int files = dictd_format(fmt) ? 2 : 1;
        if (fmt < 0 || a + files >= argc) {
            fprintf(stderr, "%s: unknown format '%s' or missing file\n", argv[0], argv[a]);
            return ERR_USAGE;
        }
        rc = lexsource_read_with(*out, lang0, lang1, (lexsource_format)fmt, argv[a + 1], files == 2 ? argv[a + 2] : NULL,
                                 options, skipped);
        a += 1 + files;
    }
    return rc;
}

/* The untranslated English words of the sources and their WordNet synonyms: the sources'
 * entries of one English word read once, the result asked which words they translate. */
static int read_synonyms(int argc, char **argv, int first, const char *dir, lexsynonyms **out)
{
    lexicon_builder *b = NULL;
    size_t skipped = 0, len = 0;
    void *bytes = NULL;
    lexicon *known = NULL;
    lexsource_options lone = {NULL, 1};
    int rc = read_sources(argc, argv, first, argv[first - 2], argv[first - 1], &lone, &b, &skipped);
    if (rc == 0)
        rc = lexicon_builder_compile(b, &bytes, &len);
    lexicon_builder_free(b);
    if (rc == 0 && (rc = lexicon_from_bytes(bytes, len, "sources", &known)) == 0) {
        rc = lexsynonyms_read(dir, known, out);
        lexicon_free(known);
    }
    return rc;
}

int main(int argc, char **argv)
{
    const char *synonyms_dir = NULL;
    if (argc > 2 && strcmp(argv[1], "--synonyms") == 0) {
        synonyms_dir = argv[2];
        argv[2] = argv[0]; /* the program's name stays argv[0] for the messages */
        argv += 2;
        argc -= 2;
    }
    if (argc < 6) {
        fprintf(stderr, "usage: %s [--synonyms WORDNET_DIR] OUT.lex LANG0 LANG1 FORMAT FILE [INDEX] [FORMAT FILE [INDEX]]...\n",
                argv[0]);
        return ERR_USAGE;
    }
    const char *out = argv[1];
    lexicon_builder *b = NULL;
    lexsynonyms *synonyms = NULL;
    size_t skipped = 0;
    int rc = synonyms_dir ? read_synonyms(argc, argv, 4, synonyms_dir, &synonyms) : 0;
    lexsource_options options = {synonyms, 0};
    if (rc == 0)
        rc = read_sources(argc, argv, 4, argv[2], argv[3], &options, &b, &skipped);
    size_t borrowed = synonyms ? lexsynonyms_count(synonyms) : 0;
    lexsynonyms_free(synonyms);
    if (rc == ERR_USAGE) {
        lexicon_builder_free(b);
        return ERR_USAGE;
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
    fprintf(stderr, "%s: %s-%s, %zu + %zu keys, %zu links, %zu bytes (%zu lines skipped, %zu WordNet synonym pairs)\n",
            out, argv[2], argv[3], lexicon_nkeys(lx, 0), lexicon_nkeys(lx, 1), lexicon_nlinks(lx), len, skipped,
            borrowed);
    lexicon_free(lx);
    return 0;
}
