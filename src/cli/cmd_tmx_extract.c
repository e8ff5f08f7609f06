/* cmd_tmx_extract.c — `polyalign tmx extract --langs en,zh FILE.tmx`: a bitext as TSV, or
 * line-parallel PREFIX.en / PREFIX.zh files (--moses), what MT engineers train on.
 * Languages match by prefix (en matches en-GB); segment text is exported without inline
 * markup, with tabs and line breaks turned into spaces. --unique drops repeated pairs
 * (whitespace normalized). A file with no unit holding both languages is named in a
 * warning; when no file has one, nothing is written and the exit status is 65. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../tm/tmx_reader.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "commands.h"

enum { OPT_LANGS = 256, OPT_MOSES, OPT_UNIQUE, OPT_OUTPUT = 'o' };

typedef struct {
    const char *langs, *moses, *output;
    int unique;
} extract_args;

const cli_option tmx_extract_cli_options[] = {
    {"langs", OPT_LANGS, 1, "SRC,TGT", N_("the two languages to export (required)"), CLI_TEXT(extract_args, langs), CLI_REQUIRED},
    {"moses", OPT_MOSES, 1, "PREFIX", N_("write PREFIX.SRC and PREFIX.TGT, one segment per line"), CLI_TEXT(extract_args, moses), CLI_SHOWN},
    {"output", OPT_OUTPUT, 1, "FILE", N_("TSV output file (default: standard output)"), CLI_TEXT(extract_args, output)},
    {"unique", OPT_UNIQUE, 0, NULL, N_("write each segment pair once (whitespace normalized)"), CLI_FLAG(extract_args, unique)},
    {0},
};


static void put_line(FILE *f, const char *text)
{
    for (const char *p = text; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    extract_args *a = args;
    int status;
    char src[LANG_TAG_MAX], tgt[LANG_TAG_MAX], one[LANG_TAG_MAX];
    const char *comma = a->langs ? strchr(a->langs, ',') : NULL;
    if (!comma || comma == a->langs || !comma[1] || (size_t)(comma - a->langs) >= sizeof one)
        return cli_usage_error(self, _("--langs takes two language tags: SRC,TGT"));
    snprintf(one, sizeof one, "%.*s", (int)(comma - a->langs), a->langs);
    if (cli_lang(self, one, src) || cli_lang(self, comma + 1, tgt))
        return ERR_USAGE;
    if (nops == 0)
        return cli_usage_error(self, _("give the TMX files to extract from"));
    static const char *const writes[] = {"tsv", "txt", NULL};
    if (!a->moses && (status = cli_output_ext(self, a->output, writes, "TSV (.tsv)")) != 0)
        return status;

    atomic_file out[2];
    int nout = a->moses ? 2 : 1, rc = 0;
    memset(out, 0, sizeof out);
    for (int k = 0; k < nout && rc == 0; k++) {
        char path[4096];
        if (a->moses)
            snprintf(path, sizeof path, "%s.%s", a->moses, k ? tgt : src);
        rc = atomic_file_open(&out[k], a->moses ? path : a->output);
    }
    size_t pairs = 0, repeated = 0;
    u64_table seen; /* --unique: the pairs written, by hash */
    u64_table_init(&seen, sizeof(uint64_t));
    for (int i = 0; i < nops && rc == 0; i++) {
        tmx_reader *r;
        if ((rc = tmx_reader_open(operands[i], &r)) < 0)
            break;
        tmx_unit u = {0};
        size_t file_pairs = 0;
        while ((rc = tmx_reader_next(r, &u)) == 1) {
            const char *s, *t;
            if (!tmx_unit_pair(&u, src, tgt, &s, &t))
                continue;
            file_pairs++;
            if (a->unique) {
                int again = u64_set_add(&seen, tmx_text_hash(tmx_text_hash(1469598103934665603ULL, s), t));
                if (again < 0) {
                    rc = again;
                    break;
                }
                if (again) {
                    repeated++;
                    continue;
                }
            }
            put_line(out[0].f, s);
            fputc(a->moses ? '\n' : '\t', out[0].f);
            put_line(out[a->moses ? 1 : 0].f, t);
            fputc('\n', out[a->moses ? 1 : 0].f);
            pairs++;
        }
        if (rc == 0 && !file_pairs)
            cli_warn(_("%s: no unit holds both %s and %s (languages in it: %s)"), tmx_reader_name(r), src, tgt,
                     *tmx_reader_languages(r) ? tmx_reader_languages(r) : _("none"));
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    u64_table_free(&seen);
    if (rc == 0 && pairs == 0) /* an empty bitext from a typo in --langs is no success */
        rc = error_set(ERR_DATA, _("no segment pair extracted: no unit holds both %s and %s; nothing written"), src, tgt);
    for (int k = 0; k < nout; k++) {
        int c = atomic_file_finish(&out[k], rc);
        rc = rc < 0 ? rc : c;
    }
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu segment pair extracted", "polyalign: %zu segment pairs extracted", pairs),
                pairs);
        if (a->unique)
            fprintf(stderr, P_(", %zu repeated pair left out", ", %zu repeated pairs left out", repeated), repeated);
        fputc('\n', stderr);
    }
    return cli_report(rc < 0 ? rc : 0);
}

const cli_runner tmx_extract_cli_runner = CLI_RUNNER(extract_args, NULL, NULL, run);
