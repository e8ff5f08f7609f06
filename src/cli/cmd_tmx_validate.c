/* cmd_tmx_validate.c — `polyalign tmx validate FILE…`: one line per problem
 * (FILE:LINE:COL: message), exit 1 when any file has one. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../tm/tmx_check.h"
#include "../tm/tmx_reader.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_DTD = 256, OPT_QUIET = 'q' };

typedef struct {
    const char *dtd;
    int quiet;
} validate_args;

const cli_option tmx_validate_cli_options[] = {
    {"dtd", OPT_DTD, 1, "FILE", N_("also validate against this DTD (a unit at a time, in constant memory)"), CLI_TEXT(validate_args, dtd), CLI_SHOWN},
    {"quiet", OPT_QUIET, 0, NULL, N_("print problems only, no summary"), CLI_FLAG(validate_args, quiet)},
    {0},
};

static void print_problem(void *ctx, const char *file, int line, int col, const char *message)
{
    (void)ctx;
    printf("%s:%d:%d: %s\n", file, line, col, message);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    validate_args *a = args;
    if (nops == 0)
        return cli_usage_error(self, _("give the TMX files to validate"));
    int worst = 0;
    for (int i = 0; i < nops; i++) {
        int n = tmx_check_file(operands[i], a->dtd, print_problem, NULL);
        const char *name = strcmp(operands[i], "-") ? operands[i] : TMX_STDIN_NAME;
        if (n < 0) {
            int rc = cli_report(n);
            worst = rc > worst ? rc : worst;
        } else {
            if (!a->quiet && n)
                fprintf(stderr, P_("polyalign: %s: %d problem\n", "polyalign: %s: %d problems\n", (unsigned long)n),
                        name, n);
            else if (!a->quiet)
                fprintf(stderr, _("polyalign: %s: valid\n"), name);
            if (n && worst < ERR_FAILED)
                worst = ERR_FAILED;
        }
    }
    fflush(stdout);
    return worst;
}

const cli_runner tmx_validate_cli_runner = CLI_RUNNER(validate_args, NULL, NULL, run);
