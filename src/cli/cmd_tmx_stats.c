/* cmd_tmx_stats.c — `polyalign tmx stats FILE…`: what a memory holds, in one streaming pass:
 * units, languages and their counts, duplicate units, empty and untranslated segments,
 * and units whose target/source length ratio is far from the memory's median (a sign of
 * misalignment). Text or JSON Lines, one report per file. The counting is tm/tmx_stats.c,
 * the report export/tmx_stats_report.c; a file that cannot be read is reported and the
 * others still described. */
#include <stdio.h>
#include <string.h>

#include "../export/tmx_stats_report.h"
#include "../i18n.h"
#include "../tm/tmx_stats.h"
#include "commands.h"

enum { OPT_FORMAT = 'f' };

typedef struct {
    const char *format;
} tmx_stats_args;

const cli_option tmx_stats_cli_options[] = {
    {"format", OPT_FORMAT, 1, "text|jsonl", N_("text (default) or jsonl"), CLI_TEXT(tmx_stats_args, format), CLI_SHOWN},
    {0},
};

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    tmx_stats_args *a = args;
    const char *format = a->format;
    int jsonl = format && strcmp(format, "jsonl") == 0;
    if (format && !jsonl && strcmp(format, "text") != 0)
        return cli_usage_error(self, _("unknown format '%s' (use text or jsonl)"), format);
    if (nops == 0)
        return cli_usage_error(self, _("give the TMX files to describe"));
    int worst = 0;
    for (int i = 0; i < nops; i++) {
        tmx_stats s;
        int rc = tmx_stats_read(operands[i], &s);
        const char *name = strcmp(operands[i], "-") ? operands[i] : TMX_STDIN_NAME;
        if (rc == 0) {
            /* counted all the same, but a CAT tool would refuse the file: say so */
            if (!s.has_header)
                cli_warn(_("%s has no <header>, which TMX requires: CAT tools refuse it, and its source language is "
                           "unknown ('polyalign tmx validate' lists every problem)"),
                         name);
            else if (!s.srclang)
                cli_warn(_("%s: the <header> has no srclang, which TMX requires: the source language is unknown"),
                         name);
            (jsonl ? tmx_stats_report_jsonl : tmx_stats_report_text)(stdout, name, &s);
        } else {
            int e = cli_report(rc);
            worst = e > worst ? e : worst;
        }
        tmx_stats_free(&s);
    }
    fflush(stdout);
    return worst;
}

const cli_runner tmx_stats_cli_runner = CLI_RUNNER(tmx_stats_args, NULL, NULL, run);
