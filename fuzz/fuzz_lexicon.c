/* fuzz_lexicon.c — libFuzzer target: the readers of lexicons (align/lexsource.c, lexicon.c).
 *
 * A user's termbase (--lexicon terms.tsv: `source<TAB>target`), a hunalign dictionary
 * (terms.dic: `target @ source`), CC-CEDICT lines and dictd entries (FreeDict's and
 * Mueller's layouts, as `make` compiles them) are read into a lexicon builder, which is
 * compiled and the result opened from memory, as `align --lexicon` does; or the input is
 * taken as a compiled lexicon (a damaged or hostile .lex in --lexicon-dir). The first
 * byte chooses the format (tsv, dic, cedict, compiled; with bit 0x40, a dictd entry:
 * FreeDict's when bit 0 is set, else Mueller's) and the pair (en-zh or en-ru); the rest
 * is the file (for dictd, the .dict text, one entry under the headword "fuzz" of an index
 * written beside it). Malformed lines are refused with file and line (tsv, dic)
 * or skipped (cedict), a damaged .lex is refused; a crash or a leak is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align/lexicon.h"
#include "align/lexsource.h"
#include "input_file.h"

static char index_path[4096 + 8];

static void remove_index(void)
{
    unlink(index_path);
}

/* What the aligner asks of a lexicon, on every key: all of it must stay inside the file
 * once lexicon_check has accepted it. */
static void use_lexicon(const lexicon *lx)
{
    static const char *const words[] = {"internet", "互联网大会", "интернет"};
    for (int side = 0; side < 2; side++) {
        (void)lexicon_lang(lx, side);
        size_t keys = lexicon_nkeys(lx, side), n;
        for (size_t k = 0; k < keys && k < 4096; k++) {
            (void)lexicon_key_hash(lx, side, (long)k);
            (void)lexicon_links(lx, side, (long)k, &n);
        }
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
            long key;
            (void)lexicon_find(lx, side, words[w], strlen(words[w]));
            if (lexicon_longest_prefix(lx, side, words[w], strlen(words[w]), &key))
                (void)lexicon_links(lx, side, key, &n);
        }
    }
    (void)lexicon_nlinks(lx);
}

/* A dictd index naming the whole .dict text one entry: offset 0, length `size` in the
 * index's base64 digits; its path. */
static const char *dictd_index(size_t size)
{
    char *path = index_path;
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (!path[0]) {
        snprintf(path, sizeof index_path, "%s.index", fuzz_input_file((const uint8_t *)"", 0, ".lexicon"));
        atexit(remove_index);
    }
    char len[16];
    int n = 0;
    do
        len[n++] = digits[size % 64];
    while ((size /= 64) > 0 && n < 15);
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fprintf(f, "00-database-info\tA\tA\nfuzz\tA\t");
    while (n > 0)
        fputc(len[--n], f);
    fputc('\n', f);
    if (fclose(f) != 0)
        abort();
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] % 4 == 3) { /* a compiled lexicon */
        void *copy = malloc(size - 1 ? size - 1 : 1);
        lexicon *lx;
        if (!copy)
            abort();
        memcpy(copy, data + 1, size - 1);
        if (lexicon_from_bytes(copy, size - 1, "fuzz.lex", &lx) == 0) {
            use_lexicon(lx);
            lexicon_free(lx);
        }
        return 0;
    }
    static const lexsource_format formats[] = {LEXSRC_TSV, LEXSRC_DIC, LEXSRC_CEDICT};
    int dictd = (data[0] & 0x40) != 0;
    lexsource_format fmt = dictd ? (data[0] & 1 ? LEXSRC_FREEDICT : LEXSRC_MUELLER) : formats[data[0] % 4];
    const char *target = fmt == LEXSRC_CEDICT || (!dictd && !(data[0] & 0x80)) ? "zh" : "ru";
    const char *index = dictd ? dictd_index(size - 1) : NULL;
    const char *path = fuzz_input_file(data + 1, size - 1, ".lexicon");
    lexicon_builder *b;
    if (lexicon_builder_new("en", target, &b) < 0)
        abort();
    size_t skipped = 0;
    void *bytes = NULL;
    size_t len = 0;
    lexicon *lx = NULL;
    if (lexsource_read(b, "en", target, fmt, path, index, &skipped) == 0 &&
        lexicon_builder_compile(b, &bytes, &len) == 0 && lexicon_from_bytes(bytes, len, path, &lx) == 0) {
        use_lexicon(lx);
        lexicon_free(lx);
    }
    lexicon_builder_free(b);
    return 0;
}
