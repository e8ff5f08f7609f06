/* main.c — `polyalign COMMAND [OPTIONS]`: global options and dispatch to a command.
 *
 * Standard output is a checked stream (checked_stream.h) closed here, after the command, as
 * coreutils' close_stdout does: output lost on a full disk or a closed pipe is an error
 * (74, "<stdout>: write error: REASON"), whatever the command printed with. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../util/checked_stream.h"
#include "../util/error.h"
#include "cli.h"
#include "man.h"

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

/* The member command `group word` (polyalign srt check …), its name in joined; NULL after a usage
 * error when word (NULL: none given) is none of the group's. */
static const cli_command *group_member(const char *group, const char *word, char joined[64])
{
    snprintf(joined, 64, "%s %s", group, word ? word : "");
    const cli_command *cmd = word && word[0] != '-' ? cli_find(joined) : NULL;
    if (!cmd)
        cli_group_usage_error(group, word && word[0] != '-' ? word : NULL);
    return cmd;
}

static int run(int argc, char **argv)
{
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
        if (strcmp(argv[2], "--man") == 0) { /* the man pages, from the same tables */
            if (argc == 3) {
                cli_print_man_index(stdout);
                return 0;
            }
            argv++;
            argc--;
            int in_group = cli_is_group(argv[2]);
            char joined[64];
            const cli_command *cmd = in_group ? group_member(argv[2], argc > 3 ? argv[3] : NULL, joined)
                                              : cli_find(argv[2]);
            if (!cmd)
                return in_group ? ERR_USAGE : cli_usage_error(NULL, _("unknown command '%s'"), argv[2]);
            cli_print_man(cmd, stdout);
            return 0;
        }
        int group = cli_is_group(argv[2]);
        if (group && argc == 3) {
            cli_print_group_help(argv[2], stdout);
            return 0;
        }
        char joined[64];
        const cli_command *cmd = group ? group_member(argv[2], argv[3], joined) : cli_find(argv[2]);
        if (!cmd)
            return group ? ERR_USAGE : cli_usage_error(NULL, _("unknown command '%s'"), argv[2]);
        cli_print_command_help(cmd, stdout);
        return 0;
    }
    if (name[0] == '-')
        return cli_usage_error(NULL, _("unknown option '%s'"), name);
    /* two-word commands: polyalign tmx validate … */
    if (cli_is_group(name)) {
        if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            cli_print_group_help(name, stdout);
            return 0;
        }
        char joined[64];
        const cli_command *sub = group_member(name, argc >= 3 ? argv[2] : NULL, joined);
        if (!sub)
            return ERR_USAGE;
        argv[2] = joined;
        return cli_run(sub, argc - 2, argv + 2);
    }
    const cli_command *cmd = cli_find(name);
    if (!cmd)
        return cli_usage_error(NULL, _("unknown command '%s'"), name);
    return cli_run(cmd, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    i18n_init();
    checked_stdout_init();
    int status = run(argc, argv);
    int e = checked_stdout_close();
    if (e)
        status = cli_report(error_set(ERR_IO, _("%s: write error: %s"), "<stdout>", strerror(e)));
    return status;
}
