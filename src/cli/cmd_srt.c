/* cmd_srt.c — `polyalign srt check FILE --lang L` (format errors, then style problems, one
 * line each, exit 1 when anything is wrong) and `polyalign srt fix FILE -o OUT` (what
 * subtitle editors call "fix common errors": renumber, drop empty cues, order by time,
 * resolve overlaps, keep the minimum gap, re-break over-long lines, plain UTF-8 and LF). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../align/text.h"
#include "../i18n.h"
#include "../subtitle/cues.h"
#include "../subtitle/line_end.h"
#include "../subtitle/markup.h"
#include "../subtitle/profile.h"
#include "../subtitle/srt.h"
#include "../subtitle/srt_read.h"
#include "../subtitle/timing.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"
#include "style_options.h"

enum { OPT_LANG = 'l', OPT_OUTPUT = 'o' };

const cli_option srt_check_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the subtitles (required)")},
    STYLE_CLI_OPTIONS,
    {0},
};

const cli_option srt_fix_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "FILE", N_("the repaired subtitles (required)")},
    {"lang", OPT_LANG, 1, "LANG", N_("language, for re-breaking long lines (default: guessed from the text)")},
    STYLE_CLI_OPTIONS,
    {0},
};

typedef struct {
    const cli_command *self;
    const char *lang, *output;
    style_options style;
    const char *file;
    int problems;
} srt_args;

static int handle_option(int key, const char *arg, void *ctx)
{
    srt_args *a = ctx;
    int st = style_option(a->self, key, arg, &a->style);
    if (st >= 0)
        return st;
    switch (key) {
    case OPT_LANG: a->lang = arg; break;
    case OPT_OUTPUT: a->output = arg; break;
    }
    return 0;
}

static void print_problem(void *ctx, srt_severity sev, int line, const char *message)
{
    srt_args *a = ctx;
    char place[4096];
    srt_problem_place(place, sizeof place, a->file, line);
    a->problems++;
    printf("%s: %s: %s\n", place, sev == SRT_WARNING ? _("warning") : _("error"), message);
}

/* Parse the command line: one file, the options. Returns 0, -1 after --help, or an exit
 * status. */
static int setup(const cli_command *self, int argc, char **argv, srt_args *a)
{
    int first;
    a->self = self;
    style_options_init(&a->style);
    int status = cli_parse(self, argc, argv, handle_option, a, &first);
    if (status)
        return status < 0 ? -1 : status;
    if (argc - first != 1)
        return cli_usage_error(self, _("give one subtitle file"));
    a->file = argv[first];
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

static void style(srt_args *a, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void style(srt_args *a, int line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    a->problems++;
    printf("%s:%d: %s: %s\n", a->file, line, _("style"), msg);
}

/* Characters per line (reported at the line, the cue's text starting at file line `line`)
 * and in all, and the number of lines, of one cue. */
static double check_lines(srt_args *a, const subtitle_profile *p, char *text, int line, int *nlines)
{
    double chars = 0;
    *nlines = 0;
    for (char *t = text, *nl; t; t = nl ? nl + 1 : NULL) {
        nl = strchr(t, '\n');
        if (nl)
            *nl = '\0';
        double w = cue_text_width(t, p);
        chars += w;
        if (w > p->max_chars)
            style(a, line + *nlines, _("line of %.1f characters (limit %.0f)"), w, p->max_chars);
        if (nl)
            *nl = '\n';
        (*nlines)++;
    }
    return chars;
}

/* Line breaks a subtitler never makes, between each line of a cue and the next. */
static int check_breaks(srt_args *a, const subtitle_profile *p, const char *lang, const char *text, int line)
{
    char *copy = strdup(text);
    if (!copy)
        return error_nomem();
    markup_strip(copy); /* "the</i>" ends with "the" */
    int rc = 0, k = 1;
    for (char *t = copy, *nl; rc >= 0 && (nl = strchr(t, '\n')); t = nl + 1, k++) {
        *nl = '\0';
        char *next_nl = strchr(nl + 1, '\n');
        if (next_nl)
            *next_nl = '\0';
        char word[256];
        rc = line_break_judge(lang, p, t, nl + 1, word, sizeof word);
        if (rc == LINE_BREAK_WEAK_WORD)
            style(a, line, _("line %d ends with '%s', which leans on the next word: break before it"), k, word);
        else if (rc == LINE_BREAK_FORBIDDEN)
            style(a, line, _("line %d is broken where Unicode line breaking allows no break (before closing "
                             "punctuation, after an opening bracket)"), k);
        if (next_nl)
            *next_nl = '\n';
    }
    free(copy);
    return rc < 0 ? rc : 0;
}

/* All the cues' text, one after the other (malloc'd; NULL when out of memory). */
static char *cues_text(const cue_list *cues, size_t *len)
{
    size_t size = 1;
    for (size_t k = 0; k < cues->n; k++)
        size += strlen(cues->v[k].text) + 1;
    char *all = malloc(size);
    size_t at = 0;
    for (size_t k = 0; all && k < cues->n; k++)
        at += (size_t)sprintf(all + at, "%s\n", cues->v[k].text);
    if (all)
        all[at] = '\0';
    *len = at;
    return all;
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

int cmd_srt_check(int argc, char **argv)
{
    const cli_command *self = cli_find("srt check");
    srt_args a = {0};
    subtitle_profile profile, *p = &profile;
    char base[LANG_TAG_MAX];
    int st = setup(self, argc, argv, &a);
    if (st)
        return st < 0 ? 0 : st;
    if (!a.lang)
        return cli_usage_error(self, _("give the language with --lang"));
    if ((st = language_profile(&a, a.lang, p, base)) != 0)
        return st;
    cue_list cues;
    srt_cue_info *info;
    int rc = srt_read(a.file, SRT_STRICT, &cues, &info, print_problem, &a);
    if (rc < 0)
        return cli_report(rc);
    warn_other_script(&a, &cues);
    for (size_t k = 0; k < cues.n; k++) {
        cue *c = &cues.v[k];
        int line = info[k].line, nlines;
        double chars = check_lines(&a, p, c->text, info[k].text_line ? info[k].text_line : line, &nlines);
        if ((rc = check_breaks(&a, p, base, c->text, line)) < 0)
            break;
        if (nlines > p->max_lines)
            style(&a, line, P_("%d line (at most %d)", "%d lines (at most %d)", (unsigned long)nlines), nlines,
                  p->max_lines);
        double d = c->end - c->start;
        if (d > 0 && chars / d > p->max_cps + 1e-9)
            style(&a, line, _("reading speed %.1f characters per second (limit %.0f)"), chars / d, p->max_cps);
        if (d > 0 && d + 1e-9 < p->min_duration)
            style(&a, line, _("shown %.3f s, less than %.3f s"), d, p->min_duration);
        if (d > p->max_duration + 1e-9)
            style(&a, line, _("shown %.3f s, more than %.0f s"), d, p->max_duration);
        if (k + 1 < cues.n) {
            double next = cues.v[k + 1].start;
            if (next < c->start)
                style(&a, info[k + 1].line, _("out of order: starts before the previous cue"));
            else if (next < c->end)
                style(&a, info[k + 1].line, _("overlaps the previous cue"));
            else if (profile_gap_too_short(next - c->end, p->min_gap_frames, a.style.fps))
                style(&a, info[k + 1].line,
                      P_("less than %d frame after the previous cue", "less than %d frames after the previous cue",
                         (unsigned long)p->min_gap_frames),
                      p->min_gap_frames);
        }
    }
    fflush(stdout);
    cues_free(&cues);
    free(info);
    if (rc < 0)
        return cli_report(rc);
    if (a.problems)
        fprintf(stderr, P_("polyalign: %s: %d problem\n", "polyalign: %s: %d problems\n", (unsigned long)a.problems),
                a.file, a.problems);
    return a.problems ? ERR_FAILED : 0;
}

static int by_start(const void *x, const void *y)
{
    const cue *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

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

/* Without --lang: the language the cues are written in, by their script (Chinese, Russian,
 * else English), said on stderr. */
static int guessed_profile(srt_args *a, const cue_list *cues, subtitle_profile *p, char base[LANG_TAG_MAX])
{
    size_t len;
    char *all = cues_text(cues, &len), lang[LANG_TAG_MAX];
    if (!all)
        return cli_report(error_nomem());
    align_guess_language(all, len, lang);
    free(all);
    if (!lang[0]) /* no letters to tell */
        snprintf(lang, sizeof lang, "en");
    fprintf(stderr, _("polyalign: %s: language %s, guessed from the text (--lang sets it)\n"), a->file, lang);
    return language_profile(a, lang, p, base);
}

int cmd_srt_fix(int argc, char **argv)
{
    const cli_command *self = cli_find("srt fix");
    srt_args a = {0};
    subtitle_profile profile, *p = &profile;
    char base[LANG_TAG_MAX];
    int st = setup(self, argc, argv, &a);
    if (st)
        return st < 0 ? 0 : st;
    if (!a.output)
        return cli_usage_error(self, _("-o FILE is required"));
    subtitle_format format;
    if ((st = style_output_format(self, NULL, a.output, &format)) != 0)
        return st;
    if (a.lang && (st = language_profile(&a, a.lang, p, base)) != 0)
        return st;
    cue_list in, out = {0};
    srt_cue_info *info;
    int rc = srt_read(a.file, SRT_LENIENT, &in, &info, NULL, NULL);
    if (rc < 0)
        return cli_report(rc);
    warn_vtt_extras(a.file, info, in.n);
    if (a.lang)
        warn_other_script(&a, &in);
    free(info);
    if (!a.lang && (st = guessed_profile(&a, &in, p, base)) != 0) {
        cues_free(&in);
        return st;
    }
    if (in.n) /* out of order: by time */
        qsort(in.v, in.n, sizeof *in.v, by_start);
    size_t dropped = 0, rebroken = 0;
    double gap = profile_gap_to_write(p->min_gap_frames, a.style.fps);
    for (size_t k = 0; k < in.n && rc == 0; k++) {
        cue *c = &in.v[k];
        /* the text on one line, then cut again under the profile */
        char *text = cue_text_unwrap((const char *const *)&c->text, 1, base);
        if (!text) {
            rc = error_nomem();
            break;
        }
        free(c->text);
        c->text = text;
        if (!cue_text_visible_chars(text)) { /* nothing to see: empty, or markup alone */
            dropped++;
            continue;
        }
        /* the cue's time, longer as reading the text needs (its pieces share it all, with a
         * gap and a millisecond's rounding each, rather than the last one alone taking the
         * free time after it), up to where the next begins: its start is where its speech
         * is, so the pieces share that time rather than push the next one back */
        double width = cue_reading_width(text, p), pieces = ceil(width / (p->max_chars * p->max_lines));
        double end = fmax(c->end > c->start ? c->end : c->start + p->min_duration,
                          c->start + width / p->max_cps + fmax(pieces, 1) * (gap + 0.002));
        for (size_t n = k + 1; n < in.n; n++) {
            if (!cue_text_visible_chars(in.v[n].text))
                continue; /* nothing to see: dropped */
            if (in.v[n].start <= c->start + p->min_duration)
                continue; /* starting with this one: the pass below moves it */
            end = fmin(end, fmax(in.v[n].start - gap, c->start + p->min_duration));
            break;
        }
        size_t parts = 0;
        rc = cues_cut_over(base, p, text, 0, 0, c->start, end, &out, &parts);
        rebroken += parts > 1;
    }
    /* overlaps and gaps: end each cue the minimum gap before the next one; a next cue
     * that starts (almost) with this one is moved after its minimum duration */
    for (size_t k = 0; k + 1 < out.n; k++) {
        cue *c = &out.v[k], *next = &out.v[k + 1];
        double earliest = c->start + p->min_duration + 0.002 + gap;
        if (next->start < earliest) {
            double shift = earliest - next->start;
            next->start += shift;
            next->end = fmax(next->end, next->start + p->min_duration + 0.002);
        }
        if (c->end > next->start - gap)
            c->end = next->start - gap;
    }
    /* too short to see: longer, as far as the next cue allows */
    for (size_t k = 0; k < out.n; k++) {
        cue *c = &out.v[k];
        double want = c->start + fmax(p->min_duration, c->chars / p->max_cps) + 0.002;
        double limit = k + 1 < out.n ? out.v[k + 1].start - gap : want;
        if (c->end < want)
            c->end = fmin(want, limit);
        if (c->end <= c->start)
            c->end = c->start + 0.001;
    }
    /* no cues left: an empty SRT is a file players and ffmpeg refuse, so none is written */
    if (rc == 0 && out.n == 0)
        rc = error_set(ERR_DATA, _("%s: no cue with text to write"), a.file);
    atomic_file f;
    if (rc == 0 && (rc = atomic_file_open(&f, a.output)) == 0)
        rc = atomic_file_finish(&f, subtitle_write(f.f, &out, format));
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu cue read", "polyalign: %zu cues read", in.n), in.n);
        fprintf(stderr, P_(", %zu cue written", ", %zu cues written", out.n), out.n);
        fprintf(stderr, P_(", %zu empty one dropped", ", %zu empty ones dropped", dropped), dropped);
        fprintf(stderr, P_(", %zu cue re-cut\n", ", %zu cues re-cut\n", rebroken), rebroken);
    }
    cues_free(&in);
    cues_free(&out);
    return cli_report(rc);
}
