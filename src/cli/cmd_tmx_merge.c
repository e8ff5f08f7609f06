/* cmd_tmx_merge.c — `polyalign tmx merge A.tmx B.tmx … -o OUT.tmx`: one memory from many,
 * units of the same source that agree gathered into one holding every language (newest
 * changedate wins), conflicting translations kept and listed on stderr. */
#include <stdio.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../tm/tmx_merge.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_OUTPUT = 'o', OPT_QUIET = 'q' };

typedef struct {
    const char *output;
    int quiet;
} merge_args;

const cli_option tmx_merge_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "OUT.tmx", N_("the merged TMX (required)"), CLI_TEXT(merge_args, output), CLI_REQUIRED},
    {"quiet", OPT_QUIET, 0, NULL, N_("do not list conflicts, only count them"), CLI_FLAG(merge_args, quiet)},
    {0},
};

static void print_conflict(void *ctx, const tmx_conflict *c)
{
    char quoted[512];
    if (!*(int *)ctx)
        fprintf(stderr, _("%s:%d:1: another translation (%s) of \"%s\" than the unit at %s:%d (both kept)\n"),
                c->file, c->line, c->lang, utf8_truncate(c->source, 80, quoted, sizeof quoted), c->other_file,
                c->other_line);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    merge_args *a = args;
    int status;
    if (!a->output)
        return cli_usage_error(self, _("-o OUT.tmx is required"));
    static const char *const writes[] = {"tmx", NULL};
    if ((status = cli_output_ext(self, a->output, writes, "TMX (.tmx)")) != 0)
        return status;
    if (nops == 0)
        return cli_usage_error(self, _("give the TMX files to merge"));
    atomic_file out;
    int rc = atomic_file_open(&out, a->output);
    tmx_merge_stats st;
    if (rc == 0)
        rc = tmx_merge((const char *const *)operands, (size_t)nops, out.f, print_conflict, &a->quiet, &st);
    rc = atomic_file_finish(&out, rc);
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu unit read", "polyalign: %zu units read", st.units), st.units);
        fprintf(stderr, P_(", %zu unit written", ", %zu units written", st.kept), st.kept);
        fprintf(stderr, P_(", %zu duplicate dropped", ", %zu duplicates dropped", st.duplicates), st.duplicates);
        fprintf(stderr, P_(", %zu unit joined to one of the same source", ", %zu units joined to one of the same source",
                           st.joined),
                st.joined);
        fprintf(stderr, P_(", %zu conflict kept\n", ", %zu conflicts kept\n", st.conflicts), st.conflicts);
    }
    return cli_report(rc);
}

const cli_runner tmx_merge_cli_runner = CLI_RUNNER(merge_args, NULL, NULL, run);
