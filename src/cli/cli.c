/* cli.c — option parsing, help and error reporting for the command table. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/script.h"
#include "../tm/tmx_writer.h"
#include "../util/error.h"
#include "../util/file_ext.h"

enum { KEY_HELP = 0x10000 };

const cli_command *cli_find(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* The subcommand's word when c is of group ("check" of "srt check"), else NULL. */
static const char *subcommand(const cli_command *c, const char *group)
{
    size_t n = strlen(group);
    return strncmp(c->name, group, n) == 0 && c->name[n] == ' ' ? c->name + n + 1 : NULL;
}

int cli_is_group(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (subcommand(c, name))
            return 1;
    return 0;
}

/* Append to buf, which holds *n bytes of size, as far as it goes. */
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
    if (*n + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *n, size - *n, fmt, ap);
    va_end(ap);
    if (k > 0)
        *n = *n + (size_t)k < size ? *n + (size_t)k : size - 1;
}

/* Whether p is one of o's group (or o itself). */
static int same_item(const cli_option *o, const cli_option *p)
{
    return p == o || (o->group && p->group == o->group);
}

/* o, or its group, as form f names it: "-o FILE", "(--tm FILE | --index FILE)", "[-q]". */
static void append_item(char *buf, size_t size, size_t *n, const cli_option *options, const cli_option *o,
                        unsigned f, int required)
{
    int members = 0;
    for (const cli_option *p = options; p->name; p++)
        members += same_item(o, p) && (p->shown & f);
    append(buf, size, n, "%s", required ? (members > 1 ? "(" : "") : "[");
    int k = 0;
    for (const cli_option *p = options; p->name; p++) {
        if (!same_item(o, p) || !(p->shown & f))
            continue;
        if (k++)
            append(buf, size, n, " | ");
        if (p->key < 256)
            append(buf, size, n, "-%c", p->key);
        else
            append(buf, size, n, "--%s", p->name);
        if (p->has_arg)
            append(buf, size, n, " %s", p->arg_name);
    }
    append(buf, size, n, "%s", required ? (members > 1 ? ")" : "") : "]");
}

int cli_synopsis(const cli_command *cmd, int form, char *buf, size_t size)
{
    if (form < 0 || form >= CLI_MAX_FORMS || !cmd->operands[form] || size == 0)
        return 0;
    unsigned f = 1u << form;
    size_t n = 0;
    buf[0] = '\0';
    int others = 0;
    for (int pass = 0; pass < 2; pass++) { /* the options the form requires, then those it names */
        for (const cli_option *o = cmd->options; o->name; o++) {
            if (!(o->shown & f)) {
                others += pass == 0;
                continue;
            }
            int first = 1, required = 0;
            for (const cli_option *p = cmd->options; p->name; p++) {
                if (same_item(o, p) && (p->shown & f))
                    first &= p >= o;
                required |= same_item(o, p) && (p->required & f);
            }
            if (!first || required != (pass == 0))
                continue;
            append(buf, size, &n, "%s", n ? " " : "");
            append_item(buf, size, &n, cmd->options, o, f, required);
        }
    }
    if (others)
        append(buf, size, &n, "%s%s", n ? " " : "", _("[OPTIONS]"));
    if (*cmd->operands[form])
        append(buf, size, &n, "%s%s", n ? " " : "", _(cmd->operands[form]));
    return 1;
}

/* "Usage: polyalign align …", then "   or: polyalign …" for each other form; *said counts
 * the lines (0: the next is the first). */
static void usage_lines(const cli_command *cmd, FILE *out, int *said)
{
    char line[1024];
    for (int k = 0; cli_synopsis(cmd, k, line, sizeof line); k++)
        fprintf(out, (*said)++ ? _("   or: polyalign %s %s\n") : _("Usage: polyalign %s %s\n"), cmd->name, line);
}

/* "Usage: polyalign srt check …", "   or: polyalign srt fix …": the forms of each command of the group. */
static void group_usage(const char *group, FILE *out)
{
    int said = 0;
    for (const cli_command *c = cli_commands; c->name; c++)
        if (subcommand(c, group))
            usage_lines(c, out, &said);
}

void cli_print_group_help(const char *group, FILE *out)
{
    group_usage(group, out);
    fprintf(out, "\n%s\n", _("Subcommands:"));
    for (const cli_command *c = cli_commands; c->name; c++)
        if (subcommand(c, group))
            fprintf(out, "  %-13s %s\n", subcommand(c, group), _(c->summary));
    fprintf(out, _("\n'polyalign help %s SUBCOMMAND' shows the options of a subcommand.\n"), group);
}

void cli_print_command_help(const cli_command *cmd, FILE *out)
{
    int said = 0;
    usage_lines(cmd, out, &said);
    fprintf(out, "%s\n\n%s\n", _(cmd->summary), _("Options:"));
    for (const cli_option *o = cmd->options; o->name; o++) {
        char left[64];
        int n = o->key < 256 ? snprintf(left, sizeof left, "-%c, --%s", o->key, o->name)
                             : snprintf(left, sizeof left, "    --%s", o->name);
        if (o->has_arg && n > 0 && (size_t)n < sizeof left)
            snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg_name);
        fprintf(out, "  %-26s %s\n", left, _(o->help));
    }
    fprintf(out, "  %-26s %s\n", "-h, --help", _("show this help and exit"));
}

/* "polyalign: MESSAGE" on stderr. */
static void vsay(const char *fmt, va_list ap)
{
    fputs("polyalign: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
    if (cmd) {
        int said = 0;
        usage_lines(cmd, stderr, &said);
        fprintf(stderr, _("Try 'polyalign help %s' for more information.\n"), cmd->name);
    } else
        fprintf(stderr, _("Usage: polyalign COMMAND [OPTIONS]\nTry 'polyalign --help' for more information.\n"));
    return ERR_USAGE;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

int cli_group_usage_error(const char *group, const char *sub)
{
    char names[256] = "";
    size_t n = 0;
    for (const cli_command *c = cli_commands; c->name && n < sizeof names; c++)
        if (subcommand(c, group))
            n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "", subcommand(c, group));
    if (sub)
        say(_("'%s' has no subcommand '%s' (it takes one of: %s)"), group, sub, names);
    else
        say(_("'%s' takes a subcommand: %s"), group, names);
    group_usage(group, stderr);
    fprintf(stderr, _("Try 'polyalign help %s' for more information.\n"), group);
    return ERR_USAGE;
}

/* One option: into the argument struct where its row says, checked, else to the handler. */
static int take_option(const cli_command *cmd, int key, const char *arg, void *ctx)
{
    const cli_option *o = cmd->options;
    while (o->name && o->key != key)
        o++;
    cli_store store = o->name ? o->store : CLI_BY_HANDLER;
    void *at = store == CLI_BY_HANDLER ? NULL : (char *)ctx + o->offset;
    switch (store) {
    case CLI_STORE_TEXT: *(const char **)at = arg; return 0;
    case CLI_STORE_FLAG: *(int *)at = 1; return 0;
    case CLI_STORE_SET: *(int *)at = (int)o->min; return 0;
    case CLI_STORE_LANG: return cli_lang(cmd, arg, at);
    case CLI_STORE_COUNT: return cli_count(cmd, o->name, arg, (long)o->min, (long)o->max, at);
    case CLI_STORE_NUMBER: return cli_number(cmd, o->name, arg, o->min, o->max, at);
    case CLI_STORE_LINES: return cli_lines(cmd, arg, at);
    case CLI_STORE_INPUT_FORMAT: return cli_input_format(cmd, arg, at);
    case CLI_BY_HANDLER: break;
    }
    return cmd->runner->handle ? cmd->runner->handle(cmd, key, arg, ctx) : 0;
}

/* Parse the options of `cmd` with getopt_long into ctx: 0 with *first_operand set, -1 after
 * --help, or an exit status > 0. */
static int parse(const cli_command *cmd, int argc, char **argv, void *ctx, int *first_operand)
{
    size_t n = 0;
    while (cmd->options[n].name)
        n++;
    struct option *longopts = calloc(n + 2, sizeof *longopts);
    char *shortopts = calloc(2 * n + 4, 1);
    if (!longopts || !shortopts) {
        free(longopts);
        free(shortopts);
        return cli_report(error_nomem());
    }
    char *sp = shortopts;
    *sp++ = ':'; /* report a missing argument as ':' */
    for (size_t i = 0; i < n; i++) {
        const cli_option *o = &cmd->options[i];
        longopts[i] = (struct option){o->name, o->has_arg ? required_argument : no_argument, NULL, o->key};
        if (o->key < 256) {
            *sp++ = (char)o->key;
            if (o->has_arg)
                *sp++ = ':';
        }
    }
    *sp++ = 'h';
    longopts[n] = (struct option){"help", no_argument, NULL, KEY_HELP};
    int status = 0;
    optind = 1;
    opterr = 0;
    int c;
    while (status == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'h' || c == KEY_HELP) {
            cli_print_command_help(cmd, stdout);
            status = -1;
        } else if (c == '?') {
            status = optopt ? cli_usage_error(cmd, _("unknown option '-%c'"), optopt)
                            : cli_usage_error(cmd, _("unknown option '%s'"), argv[optind - 1]);
        } else if (c == ':') {
            status = cli_usage_error(cmd, _("option '%s' needs an argument"), argv[optind - 1]);
        } else {
            status = take_option(cmd, c, optarg, ctx);
        }
    }
    free(longopts);
    free(shortopts);
    *first_operand = optind;
    return status;
}

int cli_run(const cli_command *cmd, int argc, char **argv)
{
    const cli_runner *r = cmd->runner;
    void *args = calloc(1, r->args_size);
    if (!args)
        return cli_report(error_nomem());
    if (r->defaults)
        r->defaults(args);
    int first = argc;
    int status = parse(cmd, argc, argv, args, &first);
    const char *epoch = cmd->writes_tmx && status == 0 ? tmx_source_date_epoch_ignored() : NULL;
    if (epoch) /* never a date other than the one asked for, silently */
        cli_warn(_("SOURCE_DATE_EPOCH='%s' is not a whole number of seconds since 1970: ignored, dates written are "
                   "the time of the run"),
                 epoch);
    if (status == 0)
        status = r->run(cmd, args, argc - first, argv + first);
    else if (status < 0) /* --help */
        status = 0;
    free(args);
    return status;
}

int cli_number(const cli_command *cmd, const char *option, const char *arg, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno == ERANGE || !isfinite(v) || !(v >= min && v <= max)) {
        if (isfinite(max))
            return cli_usage_error(cmd, _("--%s takes a number from %g to %g, not '%s'"), option, min, max, arg);
        return cli_usage_error(cmd, _("--%s takes a number of at least %g, not '%s'"), option, min, arg);
    }
    *out = v;
    return 0;
}

int cli_count(const cli_command *cmd, const char *option, const char *arg, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || errno == ERANGE || v < min || v > max)
        return cli_usage_error(cmd, _("--%s takes a whole number from %ld to %ld, not '%s'"), option, min, max, arg);
    *out = v;
    return 0;
}

int cli_lang(const cli_command *cmd, const char *arg, char *out)
{
    if (lang_normalize(arg, out) < 0)
        return cli_usage_error(cmd, "%s", error_last());
    return 0;
}

int cli_lines(const cli_command *cmd, const char *arg, line_structure *out)
{
    int s = line_structure_parse(arg);
    if (s < 0)
        return cli_usage_error(cmd, _("--lines takes wrap, sentence or paragraph, not '%s'"), arg);
    *out = (line_structure)s;
    return 0;
}

int cli_output_ext(const cli_command *cmd, const char *output, const char *const *writes, const char *names)
{
    const char *ext = file_ext_foreign(output, writes);
    if (!ext)
        return 0;
    return cli_usage_error(cmd, _("-o %s: polyalign %s writes %s, not .%s; name the output after one of them"), output,
                           cmd->name, names, ext);
}

int cli_input_format(const cli_command *cmd, const char *arg, doc_format *out)
{
    int f = doc_format_parse(arg);
    if (f < 0)
        return cli_usage_error(cmd, _("--input-format takes %s, not '%s'"), DOC_FORMAT_NAMES, arg);
    *out = (doc_format)f;
    return 0;
}

void cli_report_document(const char *file, doc_format f, int by_content, size_t paragraphs, size_t headings)
{
    if (f == DOC_TXT || f == DOC_AUTO)
        return;
    char paras[64], heads[64];
    snprintf(paras, sizeof paras, P_("%zu paragraph", "%zu paragraphs", paragraphs), paragraphs);
    snprintf(heads, sizeof heads, P_("%zu heading", "%zu headings", headings), headings);
    fprintf(stderr,
            by_content ? _("polyalign: %s: read as %s, as its content says (%s, %s); --input-format overrides\n")
                       : _("polyalign: %s: read as %s (%s, %s)\n"),
            file, doc_format_name(f), paras, heads);
}

void cli_report_lines(const char *file, line_structure requested, const line_evidence *ev)
{
    if (requested != LINES_AUTO || ev->lines == 0)
        return;
    fprintf(stderr,
            P_("polyalign: %s: read as %s (of %zu line followed by another, %.0f%% end mid-sentence, "
               "%.1f sentence ends inside a line); --lines wrap|sentence|paragraph overrides\n",
               "polyalign: %s: read as %s (of %zu lines followed by another, %.0f%% end mid-sentence, "
               "%.1f sentence ends inside a line); --lines wrap|sentence|paragraph overrides\n",
               ev->lines),
            file, _(line_structure_name(ev->structure)), ev->lines, 100.0 * ev->mid_sentence, ev->inner_ends);
}

void cli_report_encoding(const char *file, const text_encoding *e)
{
    if (e->name[0] && e->confidence >= 0)
        fprintf(stderr, _("polyalign: %s: not UTF-8; read as %s (detected, confidence %d%%; --encoding NAME overrides)\n"),
                file, e->name, e->confidence);
}

void cli_guess_lang(const char *file, const char *text, size_t len, int quiet, char *out)
{
    script_language_or_english(text, len, out);
    cli_report_guessed_lang(file, out, quiet);
}

void cli_report_guessed_lang(const char *file, const char *lang, int quiet)
{
    if (!quiet)
        fprintf(stderr, _("polyalign: %s: language %s, guessed from the text (--lang sets it)\n"), file, lang);
}

int cli_report(int rc)
{
    if (rc >= 0)
        return rc;
    fprintf(stderr, "polyalign: %s\n", error_last());
    return error_exit_status(rc);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "polyalign: %s", _("warning: "));
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
