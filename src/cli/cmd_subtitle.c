/* cmd_subtitle.c — `polyalign subtitle --lang LANG TRANSCRIPT --duration S -o OUT.srt`:
 * the transcript's sentences cut into cues under a style profile, timed by a timing
 * source, written as SRT or WebVTT through a temporary file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../align/align.h"
#include "../doc/text.h"
#include "../audio/sync.h"
#include "../i18n.h"
#include "../subtitle/cues.h"
#include "../subtitle/profile.h"
#include "../subtitle/reshape.h"
#include "../subtitle/srt.h"
#include "../subtitle/srt_read.h"
#include "../subtitle/time_anchors.h"
#include "../subtitle/track_text.h"
#include "../subtitle/translate.h"
#include "../subtitle/timing.h"
#include "../text/input.h"
#include "../text/lang.h"
#include "../text/script.h"
#include "../text/utf8.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"
#include "style_options.h"

enum {
    OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_FORMAT = 'f', OPT_DURATION = 256, OPT_START, OPT_FROM, OPT_ALIGN, OPT_TIMES,
    OPT_TMX, OPT_AUDIO, OPT_LINES, OPT_ENCODING, OPT_INPUT_FORMAT
};

typedef struct {
    const char *lang, *output, *format, *from, *align, *times, *tmx, *audio, *encoding;
    doc_format input_format;
    double duration, start;
    line_structure lines;
    style_options style;
    int bad;
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
    STYLE_CLI_OPTIONS(subtitle_args, CLI_IN(0, 0)),
    {0},
};

/* A translated track: the source subtitles' timing, the alignment of the two transcripts. */
static int translated_cues(cue_list *source, const char *track_path, const char *source_text, const doc_text *t,
                           const char *base, const subtitle_profile *p, cue_list *out)
{
    doc_text src;
    doc_text_options to = {NULL, LINES_AUTO, NULL, DOC_AUTO, NULL};
    int rc = doc_text_load(&src, source_text, &to, NULL);
    if (rc < 0)
        return rc;
    /* the track must say what its transcript says: the timing is found by its characters */
    track_text_match m;
    if ((rc = track_text_compare(source, (const char *const *)src.sent, src.n, &m)) < 0) {
        doc_text_free(&src);
        return rc;
    }
    if (!m.holds_text) {
        doc_text_free(&src);
        return error_set(ERR_DATA,
                         _("%s does not hold the text of %s (%.0f%% of their character pairs in common, from cue %zu "
                           "on): give the transcript the track was made from"),
                         track_path, source_text, 100 * m.shared, m.first_diff_cue + 1);
    }
    if (!m.same)
        cli_warn(_("%s differs from %s from cue %zu on (%.0f%% of their character pairs in common): times from there "
                   "on are approximate"),
                 track_path, source_text, m.first_diff_cue + 1, 100 * m.shared);
    bead *beads = NULL;
    size_t n = 0;
    rc = align_two(&src, t, NULL, &beads, &n, NULL);
    if (rc == 0)
        rc = subtitle_translate(source, &src, t, beads, n, base, p, out);
    free(beads);
    doc_text_free(&src);
    return rc;
}

/* Problems of the --from track: what the reader repaired is said and read anyway; text it
 * had to skip would leave the translation without its timing, so the first such place
 * stops the command. */
typedef struct {
    const char *file;
    int unreadable_line;
    char unreadable[512];
} from_problems;

static void from_problem(void *ctx, srt_severity sev, int line, const char *message)
{
    from_problems *fp = ctx;
    if (sev == SRT_UNREADABLE && !fp->unreadable_line) {
        fp->unreadable_line = line;
        utf8_truncate(message, 0, fp->unreadable, sizeof fp->unreadable);
    } else if (sev == SRT_ERROR) {
        char place[4096];
        srt_problem_place(place, sizeof place, fp->file, line);
        cli_warn(_("%s: %s (read anyway)"), place, message);
    }
}

static int by_first(const void *x, const void *y)
{
    const double *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Read the source track of a translation: its cues, with every repair said. */
static int read_source_track(const char *path, cue_list *track)
{
    from_problems fp = {path, 0, ""};
    int rc = srt_read(path, SRT_LENIENT, track, NULL, from_problem, &fp);
    if (rc < 0)
        return rc;
    if (fp.unreadable_line) {
        cues_free(track);
        return error_set(ERR_DATA, _("%s:%d: %s"), path, fp.unreadable_line, fp.unreadable);
    }
    if (!track->n) {
        cues_free(track);
        return error_set(ERR_DATA, _("%s: no cues to take the timing from"), path);
    }
    /* out of order as written; overlapping once in time order */
    size_t disorder = 0, overlaps = 0;
    double (*span)[2] = malloc(track->n * sizeof *span);
    if (!span) {
        cues_free(track);
        return error_nomem();
    }
    for (size_t k = 0; k < track->n; k++) {
        disorder += k > 0 && track->v[k].start < track->v[k - 1].start;
        span[k][0] = track->v[k].start;
        span[k][1] = track->v[k].end;
    }
    qsort(span, track->n, sizeof *span, by_first);
    for (size_t k = 0; k + 1 < track->n; k++)
        overlaps += span[k + 1][0] < span[k][1];
    free(span);
    if (disorder)
        cli_warn(P_("%s: %zu cue starts before the one above it: the cues are taken in time order",
                    "%s: %zu cues start before the one above them: the cues are taken in time order", disorder),
                 path, disorder);
    if (overlaps)
        cli_warn(P_("%s: %zu cue overlaps the next: each ends where the next begins",
                    "%s: %zu cues overlap the next: each ends where the next begins", overlaps),
                 path, overlaps);
    return 0;
}

/* The language of a subtitle track, guessed from the script of all its text. */
static int track_language(const cue_list *track, char lang[LANG_TAG_MAX])
{
    size_t len;
    char *all = cue_list_text(track, &len);
    if (!all)
        return error_nomem();
    script_guess_language(all, len, lang);
    free(all);
    lang_base(lang, lang);
    return 0;
}

/* A translated track from a memory: units whose source segment is in the source track. */
static int memory_cues(cue_list *source, const subtitle_args *a, const char *lang, const char *base,
                       const subtitle_profile *p, cue_list *out)
{
    char src[LANG_TAG_MAX];
    int rc = track_language(source, src);
    if (rc < 0)
        return rc;
    size_t found, units;
    rc = subtitle_translate_tmx(source, a->tmx, src, lang, base, p, out, &found, &units);
    if (rc == 0)
        fprintf(stderr,
                P_("polyalign: %zu of %zu %s-%s unit of %s found in %s\n",
                   "polyalign: %zu of %zu %s-%s units of %s found in %s\n", units),
                found, units, src, base, a->tmx,
                a->from);
    return rc;
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
    doc_text_options to = {a->lang ? lang : NULL, a->lines, a->encoding, a->input_format, NULL};
    int rc = a->tmx ? 0 : doc_text_load(&t, operands[0], &to, &ev);
    if (rc < 0)
        return cli_report(rc);
    if (!a->tmx) {
        cli_report_encoding(t.name, &t.encoding);
        cli_report_document(t.name, t.format, t.format_by_content, t.paragraphs, t.headings);
        cli_report_lines(t.name, a->lines, &ev);
    }
    if (!a->lang) { /* guessed by the loader from the script, as align guesses it */
        const char *guessed = strcmp(t.lang, "und") ? t.lang : "en"; /* no text: any will do */
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
    cue_list cues = {0}, source = {0};
    if (a->from && (rc = read_source_track(a->from, &source)) == 0)
        rc = a->tmx ? memory_cues(&source, a, lang, base, &p, &cues)
                    : translated_cues(&source, a->from, a->align, &t, base, &p, &cues);
    else if (!a->from)
        rc = cues_build(base, &p, t.sent, t.para, t.n, &cues);
    cues_free(&source);
    time_anchor *anchors = NULL;
    size_t nanchors = 0;
    if (rc == 0 && a->times)
        rc = time_anchors_read(a->times, (const char *const *)t.sent, t.n, a->duration, &anchors, &nanchors);
    sync_map map = {0};
    timing_source src = a->times   ? timing_from_anchors(anchors, nanchors, a->duration)
                        : a->audio ? timing_from_audio(a->audio, base, (const char *const *)t.sent, t.n, &map)
                                   : timing_from_duration(a->start, a->duration);
    int by_duration = !a->from && !a->times && !a->audio;
    double usual = 0;
    int stretched = by_duration && timing_duration_stretches_pauses(&cues, a->duration, &usual);
    if (rc == 0 && !a->from)
        rc = src.assign(&src, &cues);
    free(anchors);
    /* starts measured on the recording or given in a time-coded transcript stay where they are */
    int measured = a->audio || a->times, reshaped = 0;
    if (rc == 0 && !a->from && (reshaped = cues_split_too_long(&cues, &p)) < 0)
        rc = reshaped;
    size_t too_fast = rc == 0 ? timing_display(&cues, &p, a->style.fps, measured) : 0;
    if (too_fast && (reshaped = cues_merge_too_fast(&cues, base, &p, measured)) < 0)
        rc = reshaped;
    else if (too_fast && reshaped > 0)
        too_fast = timing_display(&cues, &p, a->style.fps, measured);
    /* no cues: an empty SRT is a file players and ffmpeg refuse, so none is written */
    if (rc == 0 && cues.n == 0)
        rc = a->tmx ? error_set(ERR_DATA, _("no unit of %s was found in %s: no subtitles to write"), a->tmx, a->from)
                    : error_set(ERR_DATA, _("%s has no sentences: no subtitles to write"), t.name);
    atomic_file out;
    if (rc == 0 && (rc = atomic_file_open(&out, a->output)) == 0)
        rc = atomic_file_finish(&out, subtitle_write(out.f, &cues, format));
    if (rc == 0) {
        if (!a->tmx) {
            fprintf(stderr, P_("polyalign: %zu sentence, ", "polyalign: %zu sentences, ", t.n), t.n);
            fprintf(stderr, P_("%zu cue (%s, %s)\n", "%zu cues (%s, %s)\n", cues.n), cues.n, p.name, base);
        }
        for (size_t k = 0; k < cues.n && too_fast; k++) {
            cue *c = &cues.v[k];
            if (cue_reads_too_fast(c, &p))
                fprintf(stderr, _("polyalign: cue %zu reads at %.1f characters per second (limit %.0f)\n"), k + 1,
                        c->chars / (c->end - c->start), p.max_cps);
        }
        if (stretched)
            cli_warn(_("the text takes about %.0f s at a usual speaking rate, --duration gives %.0f s: the pauses "
                       "between sentences are stretched to fill it (--start or --times say where the speech is)"),
                     usual, a->duration);
        if (by_duration && cues.n && cues.v[cues.n - 1].end > a->start + a->duration + 0.0005)
            cli_warn(_("the cues run to %.3f s, past the end of --duration (%.3f s): at the profile's reading speed "
                       "and shortest cue the text needs longer"),
                     cues.v[cues.n - 1].end, a->start + a->duration);
        if (a->audio)
            sync_report_warnings(&map, a->audio, (const char *const *)t.sent);
    }
    sync_map_free(&map);
    cues_free(&cues);
    doc_text_free(&t);
    return cli_report(rc);
}

const cli_runner subtitle_cli_runner = CLI_RUNNER(subtitle_args, defaults, NULL, run);
