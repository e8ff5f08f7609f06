/* cmd_subtitle.c — `polyalign subtitle --lang LANG TRANSCRIPT --duration S -o OUT.srt`:
 * checks the options, loads the transcript, settles its language and style profile, lets
 * subtitle_run (subtitle/) cut, time and write the cues, and reports: how the transcript
 * was read, the summary, cues that read too fast, and the timing's warnings. */
#include <stdio.h>
#include <string.h>

#include "../doc/text.h"
#include "../i18n.h"
#include "../subtitle/subtitle_run.h"
#include "../subtitle/timing.h"
#include "../text/lang.h"
#include "../text/script.h"
#include "../util/error.h"
#include "commands.h"
#include "style_options.h"

enum {
    OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_FORMAT = 'f', OPT_QUIET = 'q', OPT_DURATION = 256, OPT_START, OPT_FROM, OPT_ALIGN, OPT_TIMES,
    OPT_TMX, OPT_AUDIO, OPT_LINES, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_FORCE
};

typedef struct {
    const char *lang, *output, *format, *from, *align, *times, *tmx, *audio, *encoding;
    doc_format input_format;
    double duration, start;
    line_structure lines;
    style_options style;
    int quiet;              /* no reports of how the transcript was read, no summary */
    int force;              /* --audio: time a transcript the recording does not seem to hold */
} subtitle_args;

/* the usage lines (commands.c gives their operands): timed by a recording, by a duration or
 * by known times; a translated track aligned with its source text, or taken from a memory */
enum {
    BY_AUDIO = CLI_FORM(1), BY_DURATION = CLI_FORM(2), BY_TIMES = CLI_FORM(3), FROM_ALIGN = CLI_FORM(4),
    FROM_TMX = CLI_FORM(5)
};

const cli_option subtitle_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the transcript (default: guessed from its script and reported; required with --tmx)"), CLI_TEXT(subtitle_args, lang), CLI_IN(BY_AUDIO | BY_DURATION | BY_TIMES | FROM_ALIGN, FROM_TMX)},
    {"audio", OPT_AUDIO, 1, "RECORDING", N_("time the cues from the recording itself (any format FFmpeg reads)"), CLI_TEXT(subtitle_args, audio), CLI_IN(0, BY_AUDIO)},
    {"force", OPT_FORCE, 0, NULL, SYNC_FORCE_HELP, CLI_FLAG(subtitle_args, force), CLI_IN(BY_AUDIO, 0)},
    {"duration", OPT_DURATION, 1, "SECONDS",
     N_("length of the recording the speech is spread over (with --times: where the last stretch ends)"),
     CLI_NUMBER(subtitle_args, duration, 0.001, SUBTITLE_MAX_TIME), CLI_IN(BY_TIMES, BY_DURATION)},
    {"from", OPT_FROM, 1, "SOURCE.srt", N_("a translated track: take the timing from these subtitles"), CLI_TEXT(subtitle_args, from), CLI_IN(0, FROM_ALIGN | FROM_TMX)},
    {"align", OPT_ALIGN, 1, "SOURCE_TEXT", N_("with --from: the transcript SOURCE.srt was made from"), CLI_TEXT(subtitle_args, align), CLI_IN(0, FROM_ALIGN)},
    {"tmx", OPT_TMX, 1, "FILE.tmx", N_("with --from: take the translations from this memory instead"), CLI_TEXT(subtitle_args, tmx), CLI_IN(0, FROM_TMX)},
    {"start", OPT_START, 1, "SECONDS", N_("where that span starts (default 0)"), CLI_NUMBER(subtitle_args, start, 0, SUBTITLE_MAX_TIME), CLI_IN(BY_DURATION, 0)},
    {"times", OPT_TIMES, 1, "FILE", N_("known start times: lines 'HH:MM:SS.mmm<TAB>text', the text a sentence's first words or a whole paragraph"), CLI_TEXT(subtitle_args, times), CLI_IN(0, BY_TIMES)},
    {"lines", OPT_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline of the transcript is: a wrap, the end of a one-line sentence, or of a one-line paragraph (default: decided from the file and reported)"), CLI_LINES(subtitle_args, lines)},
    {"encoding", OPT_ENCODING, 1, "NAME", CLI_ENCODING_HELP, CLI_TEXT(subtitle_args, encoding)},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", CLI_INPUT_FORMAT_HELP, CLI_INPUT_FORMAT(subtitle_args, input_format)},
    {"output", OPT_OUTPUT, 1, "OUT.srt", N_("the subtitles to write (default: standard output)"), CLI_TEXT(subtitle_args, output), CLI_SHOWN},
    {"format", OPT_FORMAT, 1, "FMT", N_("srt or vtt (default: from -o, else srt)"), CLI_TEXT(subtitle_args, format)},
    {"quiet", OPT_QUIET, 0, NULL, N_("say nothing on standard error of how the transcript was read, and no summary (warnings and errors still)"), CLI_FLAG(subtitle_args, quiet)},
    STYLE_CLI_OPTIONS(subtitle_args, CLI_IN(0, 0)),
    {0},
};

/* What subtitle_run says: its warnings, and what a memory gave. */
static void warn(void *ctx, const char *message)
{
    (void)ctx;
    cli_warn("%s", message);
}

static void memory_found(void *ctx, size_t found, size_t units, const char *src, const char *tgt)
{
    const subtitle_args *a = ctx;
    fprintf(stderr,
            P_("polyalign: %zu of %zu %s-%s unit of %s found in %s\n",
               "polyalign: %zu of %zu %s-%s units of %s found in %s\n", units),
            found, units, src, tgt, a->tmx, a->from);
}

/* The language `tag` (checked, into lang and its base), a voice for it with --audio,
 * and its style profile under the style options. 0 or an exit status. */
static int language_settings(const cli_command *self, const subtitle_args *a, const char *tag,
                             char lang[LANG_TAG_MAX], char base[LANG_TAG_MAX], subtitle_profile *p)
{
    if (cli_lang(self, tag, lang))
        return ERR_USAGE;
    lang_base(lang, base);
    if (a->audio && !synth_voice_for(base)) /* before decoding anything */
        return cli_usage_error(self, _("no synthesizer voice for '%s' (available: %s)"), base, synth_languages());
    return style_profile(self, &a->style, base, p);
}

static void defaults(void *args)
{
    subtitle_args *a = args;
    style_options_init(&a->style);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    subtitle_args *a = args;
    int status;
    if ((a->tmx && !a->lang) || nops != (a->tmx ? 0 : 1))
        return cli_usage_error(self, a->tmx ? _("with --tmx, give --lang and no transcript")
                                            : _("give one transcript file"));
    if ((a->duration > 0 && !a->times) + !!a->from + !!a->times + !!a->audio != 1)
        return cli_usage_error(self, _("give one timing source: --audio RECORDING, --duration SECONDS, --times FILE, "
                                       "or --from SOURCE.srt --align SOURCE_TEXT"));
    if (a->force && !a->audio)
        return cli_usage_error(self, _("--force goes with --audio (it times a transcript the recording does not seem to hold)"));
    if (a->start > 0 && (a->duration <= 0 || a->times))
        return cli_usage_error(self, _("--start goes with --duration alone (known times say where the speech is)"));
    if (a->start + a->duration > SUBTITLE_MAX_TIME)
        return cli_usage_error(self, _("--start and --duration end after 99:59:59.999, the last time a subtitle file "
                                       "holds"));
    if (!a->from != !(a->align || a->tmx) || (a->align && a->tmx))
        return cli_usage_error(self, _("--from goes with either --align or --tmx"));
    char lang[LANG_TAG_MAX], base[LANG_TAG_MAX];
    subtitle_profile p;
    subtitle_format format;
    if ((status = style_output_format(self, a->format, a->output, &format)) != 0)
        return status;
    /* with --lang, what it decides is checked before anything is loaded */
    if (a->lang && (status = language_settings(self, a, a->lang, lang, base, &p)) != 0)
        return status;

    doc_text t = {0};
    line_evidence ev;
    doc_text_options to = {a->lang ? lang : NULL, a->lines, a->encoding, a->input_format, NULL, "--lang"};
    int rc = a->tmx ? 0 : doc_text_load(&t, operands[0], &to, &ev);
    if (rc < 0)
        return cli_report(rc);
    if (!a->tmx && !a->quiet) {
        cli_report_encoding(t.name, &t.encoding);
        cli_report_document(t.name, t.format, t.format_by_content, t.paragraphs, t.headings);
        cli_report_lines(t.name, a->lines, &ev);
    }
    if (!a->lang) { /* guessed by the loader from the script, as align guesses it */
        const char *guessed = strcmp(t.lang, "und") ? t.lang : "en"; /* no text: any will do */
        if (!a->quiet)
            cli_report_guessed_lang(t.name, guessed, 0);
        if ((status = language_settings(self, a, guessed, lang, base, &p)) != 0) {
            doc_text_free(&t);
            return status;
        }
    } else if (!a->tmx) {
        script_tally letters = {0};
        for (size_t s = 0; s < t.n; s++)
            script_tally_add(&letters, t.sent[s], strlen(t.sent[s]));
        style_warn_other_script(t.name, &letters, lang);
    }
    subtitle_settings ss = {lang,    base,   &p,     a->style.fps, a->audio, a->times, a->start, a->duration,
                            a->from, a->align, a->tmx, a->output,   format,      a->force};
    subtitle_reporter r = {warn, memory_found, a};
    subtitle_result res;
    rc = subtitle_run(&ss, &t, &r, &res);
    const cue_list *cues = &res.cues;
    int by_duration = !a->from && !a->times && !a->audio;
    if (rc == 0) {
        if (!a->tmx && !a->quiet) {
            fprintf(stderr, P_("polyalign: %zu sentence, ", "polyalign: %zu sentences, ", t.n), t.n);
            fprintf(stderr, P_("%zu cue (%s, %s)\n", "%zu cues (%s, %s)\n", cues->n), cues->n, p.name, base);
        }
        for (size_t k = 0; k < cues->n && res.too_fast; k++) {
            const cue *c = &cues->v[k];
            if (cue_reads_too_fast(c, &p))
                fprintf(stderr, _("polyalign: cue %zu reads at %.1f characters per second (limit %.0f)\n"), k + 1,
                        c->chars / (c->end - c->start), p.max_cps);
        }
        if (res.stretched)
            cli_warn(_("the text takes about %.0f s at a usual speaking rate, --duration gives %.0f s: the pauses "
                       "between sentences are stretched to fill it (--start or --times say where the speech is)"),
                     res.usual, a->duration);
        if (by_duration && cues->n && cues->v[cues->n - 1].end > a->start + a->duration + 0.0005)
            cli_warn(_("the cues run to %.3f s, past the end of --duration (%.3f s): at the profile's reading speed "
                       "and shortest cue the text needs longer"),
                     cues->v[cues->n - 1].end, a->start + a->duration);
        if (a->audio)
            sync_report_warnings(&res.map, a->audio, (const char *const *)t.sent);
    }
    subtitle_result_free(&res);
    doc_text_free(&t);
    return cli_report(rc);
}

const cli_runner subtitle_cli_runner = CLI_RUNNER(subtitle_args, defaults, NULL, run);
