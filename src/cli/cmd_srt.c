/* cmd_srt.c — `polyalign srt check FILE [--lang L]` (format errors, then style problems, one
 * line each, exit 1 when anything is wrong) and `polyalign srt fix FILE -o OUT` (what
 * subtitle editors call "fix common errors": renumber, drop empty cues, order by time,
 * resolve overlaps, keep the minimum gap, re-break over-long lines, plain UTF-8 and LF).
 * The checks are subtitle/style_check.c, the repairs subtitle/srt_fix.c; here the options,
 * the language and the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../subtitle/cues.h"
#include "../subtitle/profile.h"
#include "../subtitle/srt.h"
#include "../subtitle/srt_fix.h"
#include "../subtitle/srt_read.h"
#include "../subtitle/style_check.h"
#include "../text/lang.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"
#include "style_options.h"

enum { OPT_LANG = 'l', OPT_OUTPUT = 'o' };

typedef struct {
    const cli_command *self;
    const char *lang, *output;
    style_options style;
    const char *file;
    int problems;
} srt_args;

const cli_option srt_check_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the subtitles (default: guessed from the text)"), CLI_TEXT(srt_args, lang), CLI_SHOWN},
    STYLE_CLI_OPTIONS(srt_args, CLI_SHOWN),
    {0},
};

const cli_option srt_fix_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "OUT.srt", N_("the repaired subtitles (required)"), CLI_TEXT(srt_args, output), CLI_REQUIRED},
    {"lang", OPT_LANG, 1, "LANG", N_("language, for re-breaking long lines (default: guessed from the text)"), CLI_TEXT(srt_args, lang), CLI_SHOWN},
    STYLE_CLI_OPTIONS(srt_args, CLI_SHOWN),
    {0},
};

static void print_problem(void *ctx, srt_severity sev, int line, const char *message)
{
    srt_args *a = ctx;
    char place[4096];
    srt_problem_place(place, sizeof place, a->file, line);
    a->problems++;
    printf("%s: %s: %s\n", place, sev == SRT_WARNING ? _("warning") : _("error"), message);
}

static void defaults(void *args)
{
    srt_args *a = args;
    style_options_init(&a->style);
}

/* The one subtitle file: 0, or a usage error. */
static int setup(const cli_command *self, srt_args *a, int nops, char **operands)
{
    a->self = self;
    if (nops != 1)
        return cli_usage_error(self, _("give one subtitle file"));
    a->file = operands[0];
    return 0;
}

/* The language (tag `lang`, checked) and its profile under the style options. */
static int language_profile(srt_args *a, const char *lang, subtitle_profile *p, char base[LANG_TAG_MAX])
{
    char tag[LANG_TAG_MAX];
    if (cli_lang(a->self, lang, tag))
        return ERR_USAGE;
    lang_base(tag, base);
    return style_profile(a->self, &a->style, base, p);
}

static void print_finding(void *ctx, int line, const char *message)
{
    srt_args *a = ctx;
    a->problems++;
    printf("%s:%d: %s: %s\n", a->file, line, _("style"), message);
}

/* Cues mostly in another script than --lang's are checked or cut under the wrong limits:
 * said. */
static void warn_other_script(const srt_args *a, const cue_list *cues)
{
    char tag[LANG_TAG_MAX];
    script_tally letters = {0};
    for (size_t k = 0; k < cues->n; k++)
        script_tally_add(&letters, cues->v[k].text, strlen(cues->v[k].text));
    if (lang_normalize(a->lang, tag) == 0)
        style_warn_other_script(a->file, &letters, tag);
}

/* Without --lang: the language the cues are written in, by their script (Chinese, Russian,
 * else English), said on stderr. */
static int guessed_profile(srt_args *a, const cue_list *cues, subtitle_profile *p, char base[LANG_TAG_MAX])
{
    size_t len;
    char *all = cue_list_text(cues, &len), lang[LANG_TAG_MAX];
    if (!all)
        return cli_report(error_nomem());
    cli_guess_lang(a->file, all, len, 0, lang);
    free(all);
    return language_profile(a, lang, p, base);
}

/* What srt fix read in spite of the format, said as it reads on. */
static void fix_repaired(void *ctx, const char *place, const char *message)
{
    (void)ctx;
    fprintf(stderr, "polyalign: ");
    fprintf(stderr, _("%s: %s (read anyway)"), place, message);
    fputc('\n', stderr);
}

static int run_check(const cli_command *self, void *args, int nops, char **operands)
{
    srt_args *a = args;
    subtitle_profile profile, *p = &profile;
    char base[LANG_TAG_MAX];
    int st = setup(self, a, nops, operands);
    if (st)
        return st;
    if (a->lang && (st = language_profile(a, a->lang, p, base)) != 0)
        return st;
    cue_list cues;
    srt_cue_info *info;
    int rc = srt_read(a->file, SRT_STRICT, &cues, &info, print_problem, a);
    if (rc < 0)
        return cli_report(rc);
    if (a->lang)
        warn_other_script(a, &cues);
    else if ((st = guessed_profile(a, &cues, p, base)) != 0) {
        cues_free(&cues);
        free(info);
        return st;
    }
    rc = style_check_cues(&cues, info, p, base, a->style.fps, print_finding, a);
    fflush(stdout);
    cues_free(&cues);
    free(info);
    if (rc < 0)
        return cli_report(rc);
    if (a->problems)
        fprintf(stderr, P_("polyalign: %s: %d problem\n", "polyalign: %s: %d problems\n", (unsigned long)a->problems),
                a->file, a->problems);
    return a->problems ? ERR_FAILED : 0;
}

const cli_runner srt_check_cli_runner = CLI_RUNNER(srt_args, defaults, NULL, run_check);

/* What a WebVTT file has that the repaired file will not: cue settings (position, line,
 * alignment), cue identifiers, NOTE / STYLE / REGION blocks. Said, so that nothing is
 * lost unnoticed. */
static void warn_vtt_extras(const char *file, const srt_cue_info *info, size_t n)
{
    size_t settings = 0, ids = 0, blocks = 0;
    for (size_t k = 0; k < n; k++) {
        settings += info[k].vtt_settings != 0;
        ids += info[k].vtt_id != 0;
        blocks += (size_t)info[k].vtt_blocks;
    }
    if (settings || ids || blocks)
        cli_warn(_("%s: WebVTT extras are not kept (cues with settings: %zu; cue identifiers: %zu; NOTE, STYLE and "
                   "REGION blocks: %zu)"),
                 file, settings, ids, blocks);
}

static int run_fix(const cli_command *self, void *args, int nops, char **operands)
{
    srt_args *a = args;
    subtitle_profile profile, *p = &profile;
    char base[LANG_TAG_MAX];
    int st = setup(self, a, nops, operands);
    if (st)
        return st;
    if (!a->output)
        return cli_usage_error(self, _("-o OUT.srt is required"));
    subtitle_format format;
    if ((st = style_output_format(self, NULL, a->output, &format)) != 0)
        return st;
    if (a->lang && (st = language_profile(a, a->lang, p, base)) != 0)
        return st;
    cue_list in, out = {0};
    srt_cue_info *info;
    int rc = srt_read_repairing(a->file, &in, &info, fix_repaired, NULL);
    if (rc < 0)
        return cli_report(rc);
    warn_vtt_extras(a->file, info, in.n);
    if (a->lang)
        warn_other_script(a, &in);
    free(info);
    if (!a->lang && (st = guessed_profile(a, &in, p, base)) != 0) {
        cues_free(&in);
        return st;
    }
    srt_fix_stats fixed = {0};
    rc = srt_fix_cues(&in, p, base, a->style.fps, a->file, &out, &fixed);
    atomic_file f;
    if (rc == 0 && (rc = atomic_file_open(&f, a->output)) == 0)
        rc = atomic_file_finish(&f, subtitle_write(f.f, &out, format));
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu cue read", "polyalign: %zu cues read", in.n), in.n);
        fprintf(stderr, P_(", %zu cue written", ", %zu cues written", out.n), out.n);
        fprintf(stderr, P_(", %zu empty one dropped", ", %zu empty ones dropped", fixed.dropped), fixed.dropped);
        fprintf(stderr, P_(", %zu cue re-cut", ", %zu cues re-cut", fixed.recut), fixed.recut);
        fprintf(stderr, P_(", %zu retimed (start or end moved)", ", %zu retimed (start or end moved)", fixed.retimed),
                fixed.retimed);
        fprintf(stderr, P_(", %zu put back in time order\n", ", %zu put back in time order\n", fixed.reordered),
                fixed.reordered);
    }
    cues_free(&in);
    cues_free(&out);
    return cli_report(rc);
}

const cli_runner srt_fix_cli_runner = CLI_RUNNER(srt_args, defaults, NULL, run_fix);
