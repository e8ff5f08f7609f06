/* main.c — `polyalign COMMAND [OPTIONS]`: global options and dispatch to a command. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "cli.h"

#ifndef POLYALIGN_VERSION
#define POLYALIGN_VERSION "0.0.0"
#endif

static void print_help(FILE *out)
{
    fprintf(out, _("Usage: polyalign COMMAND [OPTIONS] [FILE...]\n"
                   "Align text with its translations and with time.\n\nCommands:\n"));
    for (const cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-13s %s\n", c->name, _(c->summary));
    fprintf(out, _("\n  --help       show this help\n  --version    show the version\n\n"
                   "'polyalign help COMMAND' shows the options of a command.\n"));
}

int main(int argc, char **argv)
{
    i18n_init();
    if (argc < 2)
        return cli_usage_error(NULL, _("no command given"));
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("polyalign %s\n", POLYALIGN_VERSION);
        return 0;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            print_help(stdout);
            return 0;
        }
        char joined[64];
        snprintf(joined, sizeof joined, "%s %s", argv[2], argc > 3 ? argv[3] : "");
        const cli_command *cmd = argc > 3 ? cli_find(joined) : NULL;
        cmd = cmd ? cmd : cli_find(argv[2]);
        if (!cmd)
            return cli_usage_error(NULL, _("unknown command '%s'"), argv[2]);
        cli_print_command_help(cmd, stdout);
        return 0;
    }
    if (name[0] == '-')
        return cli_usage_error(NULL, _("unknown option '%s'"), name);
    /* two-word commands: polyalign tmx validate … */
    char joined[64];
    if (argc >= 3 && argv[2][0] != '-') {
        snprintf(joined, sizeof joined, "%s %s", name, argv[2]);
        const cli_command *sub = cli_find(joined);
        if (sub) {
            argv[2] = joined;
            return sub->run(argc - 2, argv + 2);
        }
    }
    const cli_command *cmd = cli_find(name);
    if (!cmd)
        return cli_usage_error(NULL, _("unknown command '%s'"), name);
    return cmd->run(argc - 1, argv + 1);
}
