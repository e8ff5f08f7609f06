/* cmd_sync.c — `polyalign sync --lang LANG --audio RECORDING TRANSCRIPT`: the raw sync
 * map of a forced alignment, one start, end and confidence per sentence (per cue with
 * --cues), as JSON, TSV or SRT, for users who want only the times. Sentences whose audio
 * does not match the text are flagged in the output and on stderr, not silently timed. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../align/text.h"
#include "../audio/backend.h"
#include "../i18n.h"
#include "../subtitle/cues.h"
#include "../subtitle/srt.h"
#include "../subtitle/timing.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "commands.h"

enum { OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_FORMAT = 'f', OPT_AUDIO = 256, OPT_CUES, OPT_LINES, OPT_ENCODING };

const cli_option sync_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the transcript (required)")},
    {"audio", OPT_AUDIO, 1, "RECORDING", N_("the recording (required; any format FFmpeg reads)")},
    {"format", OPT_FORMAT, 1, "FMT", N_("json, tsv or srt (default: from -o, else json)")},
    {"cues", OPT_CUES, 0, NULL, N_("one entry per subtitle cue instead of per sentence")},
    {"lines", OPT_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline of the transcript is: a wrap, the end of a one-line sentence, or of a one-line paragraph (default: decided from the file and reported)")},
    {"encoding", OPT_ENCODING, 1, "NAME", CLI_ENCODING_HELP},
    {"output", OPT_OUTPUT, 1, "FILE", N_("where to write (default: standard output)")},
    {0},
};

typedef struct {
    const char *lang, *audio, *format, *output, *encoding;
    int cues;
    line_structure lines;
} sync_args;

static int handle_option(int key, const char *arg, void *ctx)
{
    sync_args *a = ctx;
    switch (key) {
    case OPT_LANG: a->lang = arg; return 0;
    case OPT_AUDIO: a->audio = arg; return 0;
    case OPT_FORMAT: a->format = arg; return 0;
    case OPT_OUTPUT: a->output = arg; return 0;
    case OPT_CUES: a->cues = 1; return 0;
    case OPT_LINES: return cli_lines(cli_find("sync"), arg, &a->lines);
    case OPT_ENCODING: a->encoding = arg; return 0;
    }
    return 0;
}

static double ms(double t) { return round(t * 1000) / 1000; }

void sync_report_warnings(const struct sync_map *m, const char *audio, const char *const *sentences)
{
    if (!m->sentence)
        return;
    double ratio = m->speech_seconds > 0 ? m->synth_seconds / m->speech_seconds : 0;
    if (ratio > 2.0 || ratio < 0.5)
        cli_warn(_("%s holds %.1f s of speech but the transcript takes about %.1f s to say: do they match?"), audio,
                 m->speech_seconds, m->synth_seconds);
    if (m->header_seconds > 0 && fabs(m->header_seconds - m->audio_seconds) > 1.0)
        cli_warn(_("%s: its header announces %.1f s of audio but %.1f s could be decoded (truncated or damaged?)"),
                 audio, m->header_seconds, m->audio_seconds);
    size_t low = 0;
    double sum = 0;
    for (size_t k = 0; k < m->n; k++) {
        sum += m->sentence[k].confidence;
        if (m->sentence[k].confidence < SYNC_LOW_CONFIDENCE) {
            char quoted[256];
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
    fprintf(stderr, _("mean confidence %.2f, %zu low\n"), m->n ? sum / m->n : 0.0, low);
}

typedef struct {
    double start, end, confidence;
    size_t sentence;
    const char *text;
} sync_row;

static int write_rows(FILE *f, const char *fmt, const sync_row *rows, size_t n, const sync_args *a,
                      const sync_map *m)
{
    if (strcmp(fmt, "tsv") == 0) {
        fputs("index\tsentence\tstart\tend\tconfidence\tflag\ttext\n", f);
        for (size_t k = 0; k < n; k++) {
            fprintf(f, "%zu\t%zu\t%.3f\t%.3f\t%.3f\t%s\t", k + 1, rows[k].sentence + 1, rows[k].start, rows[k].end,
                    rows[k].confidence, rows[k].confidence < SYNC_LOW_CONFIDENCE ? "low" : "ok");
            for (const char *p = rows[k].text; *p; p++)
                fputc(*p == '\n' || *p == '\t' ? ' ' : *p, f);
            fputc('\n', f);
        }
    } else if (strcmp(fmt, "srt") == 0) {
        cue_list cues = {0};
        int rc = 0;
        for (size_t k = 0; k < n && rc == 0; k++) {
            char *text = strdup(rows[k].text);
            rc = text ? cue_list_add(&cues, (cue){text, rows[k].sentence, 0, 1, 0, 0, rows[k].start, rows[k].end})
                      : error_nomem();
            if (rc < 0)
                free(text);
        }
        if (rc == 0)
            rc = subtitle_write(f, &cues, SUBTITLE_SRT);
        cues_free(&cues);
        return rc;
    } else {
        json_t *root = json_object(), *list = json_array();
        json_object_set_new(root, "audio", json_string(a->audio));
        json_object_set_new(root, "lang", json_string(a->lang));
        json_object_set_new(root, "duration", json_real(ms(m->audio_seconds)));
        json_object_set_new(root, "speech_seconds", json_real(ms(m->speech_seconds)));
        json_object_set_new(root, "leading_silence", json_real(ms(m->leading_silence)));
        for (size_t k = 0; k < n; k++) {
            json_t *o = json_object();
            json_object_set_new(o, "index", json_integer((json_int_t)k + 1));
            json_object_set_new(o, "sentence", json_integer((json_int_t)rows[k].sentence + 1));
            json_object_set_new(o, "start", json_real(ms(rows[k].start)));
            json_object_set_new(o, "end", json_real(ms(rows[k].end)));
            json_object_set_new(o, "confidence", json_real(ms(rows[k].confidence)));
            json_object_set_new(o, "low_confidence", json_boolean(rows[k].confidence < SYNC_LOW_CONFIDENCE));
            json_object_set_new(o, "text", json_string(rows[k].text));
            json_array_append_new(list, o);
        }
        json_object_set_new(root, a->cues ? "cues" : "sentences", list);
        int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        fputc('\n', f);
        json_decref(root);
        if (rc < 0 && !ferror(f))
            return error_nomem(); /* jansson fails for nothing else */
    }
    return ferror(f) ? -ERR_IO : 0; /* reported by atomic_file_finish, which knows the file */
}

int cmd_sync(int argc, char **argv)
{
    const cli_command *self = cli_find("sync");
    sync_args a = {0};
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    if (!a.lang || !a.audio || argc - first != 1)
        return cli_usage_error(self, _("give --lang, --audio and one transcript file"));
    const char *fmt = a.format                        ? a.format
                      : file_ext_is(a.output, "tsv") ? "tsv"
                      : file_ext_is(a.output, "srt") ? "srt"
                                                     : "json";
    if (strcmp(fmt, "json") && strcmp(fmt, "tsv") && strcmp(fmt, "srt"))
        return cli_usage_error(self, _("unknown format '%s' (use json, tsv or srt)"), fmt);
    char lang[LANG_TAG_MAX], base[LANG_TAG_MAX];
    if (cli_lang(self, a.lang, lang))
        return ERR_USAGE;
    lang_base(lang, base);
    if (!synth_voice_for(base))
        return cli_usage_error(self, _("no synthesizer voice for '%s' (available: %s)"), base, synth_languages());

    align_text t = {0};
    line_evidence ev;
    align_text_options to = {lang, a.lines, a.encoding};
    int rc = align_text_load(&t, argv[first], &to, &ev);
    if (rc < 0)
        return cli_report(rc);
    cli_report_encoding(t.name, &t.encoding);
    cli_report_lines(t.name, a.lines, &ev);
    if (t.n == 0) {
        align_text_free(&t);
        return cli_report(error_set(ERR_DATA, _("%s: no sentences to align"), argv[first]));
    }
    sync_map map = {0};
    cue_list cues = {0};
    sync_row *rows = NULL;
    size_t nrows = 0;
    if (a.cues) {
        rc = cues_build(base, subtitle_profile_find("netflix", base), t.sent, t.para, t.n, &cues);
        timing_source src = timing_from_audio(a.audio, base, (const char *const *)t.sent, t.n, &map);
        if (rc == 0)
            rc = src.assign(&src, &cues);
        nrows = cues.n;
    } else {
        rc = audio_sync_align(a.audio, base, (const char *const *)t.sent, t.n, NULL, 0, &map);
        nrows = t.n;
    }
    if (rc == 0 && !(rows = calloc(nrows ? nrows : 1, sizeof *rows)))
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < nrows; k++) {
        if (a.cues) {
            const cue *c = &cues.v[k];
            rows[k] = (sync_row){c->start, c->end, map.sentence[c->sentence].confidence, c->sentence, c->text};
        } else {
            const sync_sentence *s = &map.sentence[k];
            rows[k] = (sync_row){s->start, s->end, s->confidence, k, t.sent[k]};
        }
    }
    atomic_file out;
    if (rc == 0 && (rc = atomic_file_open(&out, a.output)) == 0)
        rc = atomic_file_finish(&out, write_rows(out.f, fmt, rows, nrows, &a, &map));
    if (rc == 0)
        sync_report_warnings(&map, a.audio, (const char *const *)t.sent);
    free(rows);
    cues_free(&cues);
    sync_map_free(&map);
    align_text_free(&t);
    return cli_report(rc);
}
