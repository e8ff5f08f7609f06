/* man.c — man pages written from the command table.
 *
 * The same table that drives parsing and --help (cli.h) writes the man pages, so the
 * three cannot disagree: `polyalign help --man` prints polyalign(1), `polyalign help
 * --man COMMAND` the page of one command, and `make` renders them into man/ with the
 * built binary (tests/e2e/test_cli.sh compares every page with --help). */
#include "man.h"

#include <string.h>

#include "../i18n.h"

#ifndef POLYALIGN_VERSION
#define POLYALIGN_VERSION "0.0.0"
#endif

/* Text for roff: backslashes doubled, hyphens as \-, a leading dot or quote made inert. */
static void roff_text(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else if (*s == '\n')
            fputs("\n.br\n", out);
        else
            fputc(*s, out);
    }
}

/* "tmx stats" -> "tmx-stats" */
static void page_name(FILE *out, const char *command)
{
    for (const char *c = command; *c; c++)
        fputs(*c == ' ' ? "\\-" : (char[2]){*c, 0}, out);
}

static void header(FILE *out, const char *title)
{
    fputs(".TH ", out);
    for (const char *c = title; *c; c++)
        fputc(*c == ' ' ? '-' : (*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c), out);
    fprintf(out, " 1 \"\" \"polyalign %s\" \"%s\"\n", POLYALIGN_VERSION, _("User Commands"));
}

void cli_print_man(const cli_command *cmd, FILE *out)
{
    char title[80];
    snprintf(title, sizeof title, "polyalign %s", cmd->name);
    header(out, title);
    fprintf(out, ".SH %s\npolyalign\\-", _("NAME"));
    page_name(out, cmd->name);
    fputs(" \\- ", out);
    roff_text(out, _(cmd->summary));
    fprintf(out, "\n.SH %s\n", _("SYNOPSIS"));
    char line[1024];
    for (int k = 0; cli_synopsis(cmd, k, line, sizeof line); k++) {
        fprintf(out, "%s.B polyalign %s\n", k ? ".br\n" : "", cmd->name);
        roff_text(out, line);
        fputc('\n', out);
    }
    fprintf(out, ".SH %s\n", _("OPTIONS"));
    for (const cli_option *o = cmd->options; o->name; o++) {
        /* the tag of .TP is one line: \fB-x\fR, \fB--name\fR \fIARG\fR */
        fputs(".TP\n", out);
        if (o->key < 256)
            fprintf(out, "\\fB\\-%c\\fR, ", o->key);
        fputs("\\fB\\-\\-", out);
        roff_text(out, o->name);
        fputs("\\fR", out);
        if (o->has_arg) {
            fputs(" \\fI", out);
            roff_text(out, o->arg_name);
            fputs("\\fR", out);
        }
        fputc('\n', out);
        roff_text(out, _(o->help));
        fputc('\n', out);
    }
    fprintf(out, ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n%s\n", _("show this help and exit"));
    fprintf(out, ".SH %s\n.BR polyalign (1)\n", _("SEE ALSO"));
}

void cli_print_man_index(FILE *out)
{
    header(out, "polyalign");
    fprintf(out, ".SH %s\npolyalign \\- %s\n", _("NAME"), _("align text with its translations and with time"));
    fprintf(out, ".SH %s\n.B polyalign\n%s\n", _("SYNOPSIS"), _("COMMAND [OPTIONS] [FILE...]"));
    fprintf(out, ".SH %s\n", _("COMMANDS"));
    for (const cli_command *c = cli_commands; c->name; c++) {
        fprintf(out, ".TP\n.BR polyalign\\-");
        page_name(out, c->name);
        fputs(" (1)\n", out);
        roff_text(out, _(c->summary));
        fputc('\n', out);
    }
    fprintf(out, ".SH %s\n", _("EXIT STATUS"));
    static const struct {
        int code;
        const char *what;
    } codes[] = {
        {0, N_("success")},
        {1, N_("a check found problems (tmx validate, srt check)")},
        {2, N_("bad command line")},
        {65, N_("bad input data (named with file and position)")},
        {66, N_("an input file is missing or unreadable")},
        {70, N_("internal error")},
        {74, N_("a read or write failed (a full disk, say); no partial output is left")},
    };
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        fprintf(out, ".TP\n.B %d\n", codes[k].code);
        roff_text(out, _(codes[k].what));
        fputc('\n', out);
    }
    fprintf(out, ".SH %s\n", _("ENVIRONMENT"));
    static const struct {
        const char *name, *what;
    } env[] = {
        {"POLYALIGN_LEXICONS", N_("where the built-in lexicons are (else beside the binary, then the install prefix)")},
        {"POLYALIGN_LOCALEDIR", N_("where the message catalogs are")},
        {"POLYALIGN_AUDIO_MODULE", N_("the forced-alignment module to load")},
        {"SOURCE_DATE_EPOCH", N_("the creation date written into TMX headers (reproducible builds)")},
    };
    for (size_t k = 0; k < sizeof env / sizeof *env; k++) {
        fputs(".TP\n.B ", out);
        roff_text(out, env[k].name);
        fputc('\n', out);
        roff_text(out, _(env[k].what));
        fputc('\n', out);
    }
}
