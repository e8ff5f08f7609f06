/* cmd_sync.c — `polyalign sync [--lang LANG] --audio RECORDING TRANSCRIPT`: the raw sync
 * map of a forced alignment, one start, end and confidence per sentence (per cue with
 * --cues), as JSON, TSV or SRT, for users who want only the times. Sentences whose audio
 * does not match the text are flagged in the output and on stderr, not silently timed.
 * Without --lang the transcript's language is guessed from its script and reported, as
 * subtitle and segment guess it. The timing and the writing are export/sync_run.c; here
 * the options, the transcript's reading and the report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audio/backend.h"
#include "../doc/text.h"
#include "../export/sync_run.h"
#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_FORMAT = 'f', OPT_QUIET = 'q', OPT_AUDIO = 256, OPT_CUES, OPT_LINES, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_FORCE };

typedef struct {
    const char *lang, *audio, *format, *output, *encoding;
    doc_format input_format;
    int cues, force;
    line_structure lines;
    int quiet;              /* no reports of how the transcript was read */
} sync_args;

const cli_option sync_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the transcript (default: guessed from its script and reported)"), CLI_TEXT(sync_args, lang), CLI_SHOWN},
    {"audio", OPT_AUDIO, 1, "RECORDING", N_("the recording (required; any format FFmpeg reads)"), CLI_TEXT(sync_args, audio), CLI_REQUIRED},
    {"format", OPT_FORMAT, 1, "json|tsv|srt", N_("json, tsv or srt (default: from -o, else json)"), CLI_TEXT(sync_args, format), CLI_SHOWN},
    {"cues", OPT_CUES, 0, NULL, N_("one entry per subtitle cue instead of per sentence"), CLI_FLAG(sync_args, cues), CLI_SHOWN},
    {"lines", OPT_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline of the transcript is: a wrap, the end of a one-line sentence, or of a one-line paragraph (default: decided from the file and reported)"), CLI_LINES(sync_args, lines)},
    {"encoding", OPT_ENCODING, 1, "NAME", CLI_ENCODING_HELP, CLI_TEXT(sync_args, encoding)},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", CLI_INPUT_FORMAT_HELP, CLI_INPUT_FORMAT(sync_args, input_format)},
    {"output", OPT_OUTPUT, 1, "FILE", N_("where to write (default: standard output)"), CLI_TEXT(sync_args, output), CLI_SHOWN},
    {"force", OPT_FORCE, 0, NULL, SYNC_FORCE_HELP, CLI_FLAG(sync_args, force)},
    {"quiet", OPT_QUIET, 0, NULL, N_("say nothing on standard error of how the transcript was read (warnings, errors and the summary still)"), CLI_FLAG(sync_args, quiet)},
    {0},
};

void sync_report_warnings(const struct sync_map *m, const char *audio, const char *const *sentences)
{
    if (!m->sentence)
        return;
    if (!sync_map_holds_transcript(m))
        cli_warn(_("%s does not seem to hold the transcript: its sentences match the recording in order hardly "
                   "better than played backwards (order evidence %.3f, below %.2f); timed anyway (--force), "
                   "every time is doubtful"),
                 audio, m->order_evidence, SYNC_MIN_ORDER_EVIDENCE);
    double ratio = m->speech_seconds > 0 ? m->synth_seconds / m->speech_seconds : 0;
    /* a transcript shorter than the speech is reported below when it covers part of it */
    if (ratio > 2.0 || (ratio < 0.5 && !m->nskipped && !m->nmissing))
        cli_warn(_("%s holds %.1f s of speech but the transcript takes about %.1f s to say: do they match?"), audio,
                 m->speech_seconds, m->synth_seconds);
    if (m->header_seconds > 0 && fabs(m->header_seconds - m->audio_seconds) > 1.0)
        cli_warn(_("%s: its header announces %.1f s of audio but %.1f s could be decoded (truncated or damaged?)"),
                 audio, m->header_seconds, m->audio_seconds);
    size_t low = 0;
    double sum = 0;
    for (size_t k = 0; k < m->n; k++) {
        char quoted[256];
        if (m->sentence[k].missing) {
            cli_warn(_("sentence %zu is nowhere in the recording: it gets no time and no cue: \"%s\""), k + 1,
                     utf8_truncate(sentences[k], 40, quoted, sizeof quoted));
            continue;
        }
        sum += m->sentence[k].confidence;
        if (m->sentence[k].confidence < SYNC_LOW_CONFIDENCE) {
            if (low++ < 10)
                cli_warn(_("sentence %zu (%.2f–%.2f s) matches the recording poorly (confidence %.2f): \"%s\""),
                         k + 1, m->sentence[k].start, m->sentence[k].end, m->sentence[k].confidence,
                         utf8_truncate(sentences[k], 40, quoted, sizeof quoted));
        }
    }
    if (low > 10)
        cli_warn(P_("%zu more sentence with low confidence", "%zu more sentences with low confidence", low - 10),
                 low - 10);
    fprintf(stderr,
            P_("polyalign: %s: %.1f s of audio, %.1f s of speech starting at %.2f s; %zu sentence, ",
               "polyalign: %s: %.1f s of audio, %.1f s of speech starting at %.2f s; %zu sentences, ", m->n),
            audio, m->audio_seconds, m->speech_seconds, m->leading_silence, m->n);
    size_t placed = m->n - m->nmissing;
    fprintf(stderr, _("mean confidence %.2f, %zu low\n"), placed ? sum / placed : 0.0, low);
    if (m->nskipped || m->nmissing) {
        double speech = 0, skipped_audio = 0;
        for (size_t k = 0; k < m->nskipped; k++)
            speech += m->skipped[k].speech_seconds, skipped_audio += m->skipped[k].end - m->skipped[k].start;
        fprintf(stderr,
                P_("polyalign: %s: the transcript covers part of the recording: %zu sentence placed, ",
                   "polyalign: %s: the transcript covers part of the recording: %zu sentences placed, ", placed),
                audio, placed);
        fprintf(stderr, P_("%zu missing; %.1f s of untranscribed speech skipped in %zu stretch (%.1f s of audio)\n",
                           "%zu missing; %.1f s of untranscribed speech skipped in %zu stretches (%.1f s of audio)\n",
                           m->nskipped),
                m->nmissing, speech, m->nskipped, skipped_audio);
    }
}

/* The language tag and its base for `tag`, which must have a synthesizer voice. 0 or a
 * usage error's exit status. */
static int language_settings(const cli_command *self, const char *tag, char lang[LANG_TAG_MAX],
                             char base[LANG_TAG_MAX])
{
    if (cli_lang(self, tag, lang))
        return ERR_USAGE;
    lang_base(lang, base);
    if (!synth_voice_for(base))
        return cli_usage_error(self, _("no synthesizer voice for '%s' (available: %s)"), base, synth_languages());
    return 0;
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    sync_args *a = args;
    int status;
    if (!a->audio || nops != 1)
        return cli_usage_error(self, _("give --audio and one transcript file"));
    if (!a->format && (status = cli_output_ext(self, a->output, sync_format_names, SYNC_FORMAT_NAMES)) != 0)
        return status;
    int fmt = a->format ? sync_format_parse(a->format) : (int)sync_format_from_path(a->output);
    if (fmt < 0)
        return cli_usage_error(self, _("unknown format '%s' (use json, tsv or srt)"), a->format);
    char lang[LANG_TAG_MAX], base[LANG_TAG_MAX];
    /* with --lang, its voice is checked before anything is loaded */
    if (a->lang && (status = language_settings(self, a->lang, lang, base)) != 0)
        return status;

    doc_text t = {0};
    line_evidence ev;
    doc_text_options to = {a->lang ? lang : NULL, a->lines, a->encoding, a->input_format, NULL, "--lang"};
    int rc = doc_text_load(&t, operands[0], &to, &ev);
    if (rc < 0)
        return cli_report(rc);
    if (!a->quiet) {
        cli_report_encoding(t.name, &t.encoding);
        cli_report_document(t.name, t.format, t.format_by_content, t.paragraphs, t.headings);
        cli_report_lines(t.name, a->lines, &ev);
    }
    if (!a->lang) { /* guessed by the loader from the script, as align guesses it */
        int no_text = strcmp(t.lang, "und") == 0; /* any will do: the empty transcript is refused below */
        const char *guessed = no_text ? "en" : t.lang;
        if (!no_text && !a->quiet)
            cli_report_guessed_lang(t.name, guessed, 0);
        if ((status = language_settings(self, guessed, lang, base)) != 0) {
            doc_text_free(&t);
            return status;
        }
    }
    sync_run_settings run_settings = {a->audio, lang, base, a->cues, (sync_format)fmt, a->output, a->force};
    sync_map map;
    rc = sync_run(&run_settings, &t, &map);
    if (rc == 0)
        sync_report_warnings(&map, a->audio, (const char *const *)t.sent);
    sync_map_free(&map);
    doc_text_free(&t);
    return cli_report(rc);
}

const cli_runner sync_cli_runner = CLI_RUNNER(sync_args, NULL, NULL, run);
