/* cmd_align.c — `polyalign align`: align a pivot text with one or two translations.
 *
 * Checks the options, opens the output (through a temporary file) and the lexicons (the
 * user's compiled) once for all the groups of files, and lets align_run (export/) load,
 * align, judge and write each group. What it reports goes to stderr: how each text was
 * read, a summary of what was aligned and of what was left out of the output. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../export/align_run.h"
#include "../i18n.h"
#include "../text/lang.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "align_options.h"
#include "commands.h"

enum { OPT_FORMAT = 'f', OPT_OUTPUT = 'o', OPT_QUIET = 'q', OPT_LANGS = 256, OPT_LANG_ALONE, OPT_REVIEW };

typedef struct {
    align_settings s;   /* first, for align_settings_defaults and _handle */
    const char *langs, *pivot_lang, *format, *output, *review;
    int quiet;
} align_args;
_Static_assert(offsetof(align_args, s) == 0, "align_settings_defaults and _handle take the struct as its settings");

const cli_option align_cli_options[] = {
    {"langs", OPT_LANGS, 1, "L1,L2[,L3]", N_("languages of the files in order (default: guessed from the script)"), CLI_TEXT(align_args, langs), CLI_SHOWN, CLI_ALTERNATIVE(1)},
    {"format", OPT_FORMAT, 1, "FMT", N_("tmx, xliff (XLIFF 1.2), xliff2 (XLIFF 2.0), tsv (the review table: id, score, flag, one column per language), jsonl or beads (default: from -o, else beads)"), CLI_TEXT(align_args, format)},
    {"output", OPT_OUTPUT, 1, "FILE", N_("write to FILE (default: standard output)"), CLI_TEXT(align_args, output), CLI_SHOWN},
    {"review", OPT_REVIEW, 1, "OUT.html", N_("also write a review page: the beads side by side with shape and confidence, doubtful ones highlighted, a filter, n/p to the next/previous doubtful bead (one HTML file, no network)"), CLI_TEXT(align_args, review)},
    ALIGN_CLI_OPTIONS(align_args),
    /* exact, ahead of getopt's abbreviations: --lang would otherwise be taken for --langs */
    {"lang", OPT_LANG_ALONE, 1, "LANG", N_("language of the pivot file alone, the translations' guessed from their script (--langs names every file's)"), CLI_TEXT(align_args, pivot_lang), CLI_SHOWN, CLI_ALTERNATIVE(1)},
    {"quiet", OPT_QUIET, 0, NULL, N_("no summary on standard error"), CLI_FLAG(align_args, quiet)},
    {0},
};

static void print_summary(const alignment *al, const output_stats *st, align_format fmt, double min_score)
{
    size_t counts[64] = {0};
    char names[64][32];
    size_t kinds = 0;
    double sum = 0;
    for (size_t k = 0; k < al->n; k++) {
        char shape[32];
        bead_shape_name(al, &al->beads[k], shape, sizeof shape);
        size_t s = 0;
        while (s < kinds && strcmp(names[s], shape) != 0)
            s++;
        if (s == kinds && kinds < 64)
            snprintf(names[kinds++], sizeof names[0], "%s", shape);
        if (s < 64)
            counts[s]++;
        sum += al->beads[k].confidence;
    }
    fprintf(stderr, "polyalign: ");
    for (size_t t = 0; t < al->ntexts; t++)
        fprintf(stderr, P_("%s%s (%s, %zu sentence)", "%s%s (%s, %zu sentences)", al->text[t]->n), t ? " + " : "",
                al->text[t]->name, al->text[t]->lang, al->text[t]->n);
    fprintf(stderr, P_(": %zu bead, mean confidence %.3f\n", ": %zu beads, mean confidence %.3f\n", al->n), al->n,
            al->n ? sum / (double)al->n : 0.0);
    if (kinds > 0) { /* the beads by shape; none when both texts are empty */
        fprintf(stderr, "polyalign:  ");
        for (size_t s = 0; s < kinds; s++)
            fprintf(stderr, " %s×%zu", names[s], counts[s]);
        fputc('\n', stderr);
    }
    if (st->below_min_score)
        fprintf(stderr, P_("polyalign: %zu doubtful bead (confidence below --min-score %.2f) left out; --keep-doubtful keeps it flagged\n",
                           "polyalign: %zu doubtful beads (confidence below --min-score %.2f) left out; --keep-doubtful keeps them flagged\n", st->below_min_score),
                st->below_min_score, min_score);
    if (st->doubtful_kept)
        fprintf(stderr, P_("polyalign: %zu doubtful unit (confidence below --min-score %.2f) kept, flagged x-polyalign-flag=doubtful\n",
                           "polyalign: %zu doubtful units (confidence below --min-score %.2f) kept, flagged x-polyalign-flag=doubtful\n", st->doubtful_kept),
                st->doubtful_kept, min_score);
    if (fmt == FORMAT_XLIFF || fmt == FORMAT_XLIFF2)
        fprintf(stderr,
                P_("polyalign: %zu unit written (%zu marked needs-review: confidence below --min-score %.2f), ",
                   "polyalign: %zu units written (%zu marked needs-review: confidence below --min-score %.2f), ",
                   st->written),
                st->written, st->needs_review, min_score);
    if (fmt == FORMAT_XLIFF || fmt == FORMAT_XLIFF2)
        fprintf(stderr, P_("%zu bead without pivot text left out\n", "%zu beads without pivot text left out\n",
                           st->empty_side_left_out),
                st->empty_side_left_out);
    if (fmt == FORMAT_TMX) {
        fprintf(stderr,
                P_("polyalign: %zu translation unit written", "polyalign: %zu translation units written", st->written),
                st->written);
        fprintf(stderr, P_(", %zu bead with an empty side left out\n", ", %zu beads with an empty side left out\n",
                           st->empty_side_left_out),
                st->empty_side_left_out);
    }
}

/* What align says as the groups are aligned (align_run.h): only warnings with --quiet. */
typedef struct {
    const align_args *a;
    align_format format;
} reporter;

static void report_text(void *ctx, const doc_text *t, const line_evidence *ev)
{
    const reporter *c = ctx;
    if (c->a->quiet)
        return;
    cli_report_encoding(t->name, &t->encoding);
    cli_report_document(t->name, t->format, t->format_by_content, t->paragraphs, t->headings);
    cli_report_lines(t->name, c->a->s.lines, ev);
}

/* Every --lexicon LANG= names a translation of the group. */
static int check_lexicons(void *ctx, const align_document *d)
{
    const reporter *c = ctx;
    const char *bases[2] = {d->texts[1].base, d->texts[2].base};
    return align_settings_check_lexicon_langs(&c->a->s, bases, d->ntexts - 1);
}

static void report_no_lexicon(void *ctx, const char *pivot, const char *translation)
{
    cli_warn(_("no built-in %s-%s lexicon found (build it with make; see --lexicon-dir): aligning with "
               "sentence lengths and anchors only, less accurately"),
             pivot, translation);
}

static void report_headings(void *ctx, const doc_text *pivot, const doc_text *translation)
{
    const reporter *c = ctx;
    if (!c->a->quiet)
        cli_warn(_("%s has %zu headings and %s has %zu: headings are not hard anchors of this pair, only "
                   "paragraph evidence"),
                 pivot->name, pivot->headings, translation->name, translation->headings);
}

static void report_aligned(void *ctx, const alignment *al, const output_stats *st)
{
    const reporter *c = ctx;
    if (!c->a->quiet)
        print_summary(al, st, c->format, c->a->s.output.min_score);
    /* units a translator may want, left out: said, and with --quiet too when none was written */
    if (st->partial_left_out && (!c->a->quiet || st->written == 0))
        fprintf(stderr,
                P_("polyalign: %zu bead with the pivot and one translation left out; --keep-partial keeps it\n",
                   "polyalign: %zu beads with the pivot and one translation left out; --keep-partial keeps them\n",
                   st->partial_left_out),
                st->partial_left_out);
}

static void warn(void *ctx, const char *message)
{
    (void)ctx;
    cli_warn("%s", message);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    align_args *a = args;
    int status;
    int nfiles = nops, per_group = nfiles;
    char tags[3][LANG_TAG_MAX];
    if (a->langs && a->pivot_lang)
        return cli_usage_error(self, _("give --langs (every file's language) or --lang (the pivot's), not both"));
    if (a->pivot_lang) { /* the pivot's language; the translations' guessed */
        char norm[LANG_TAG_MAX];
        if (cli_lang(self, a->pivot_lang, norm))
            return ERR_USAGE;
        lang_full_tag(norm, tags[0]);
    }
    if (a->langs) {
        per_group = align_parse_langs(self, a->langs, tags);
        if (per_group < 0)
            return ERR_USAGE;
        if (per_group < 2 || nfiles == 0 || nfiles % per_group != 0)
            return cli_usage_error(self, _("--langs names %d languages for %d files"), per_group, nfiles);
    } else if (nfiles < 2 || nfiles > 3) {
        return cli_usage_error(self, _("give two or three files: the pivot text first, then its translations"));
    }
    if (!a->format && (status = cli_output_ext(self, a->output, align_format_extensions, ALIGN_FORMAT_NAMES)) != 0)
        return status;
    int fmt = a->format ? align_format_parse(a->format) : align_format_from_path(a->output);
    if (a->format && fmt < 0)
        return cli_usage_error(self, _("unknown format '%s' (use tmx, xliff, xliff2, tsv, jsonl or beads)"), a->format);
    if (fmt == FORMAT_XLIFF2 && per_group == 3)
        return cli_usage_error(self, _("XLIFF 2.0 holds one target language: give one translation, or use --format "
                                       "xliff (XLIFF 1.2: a <file> per language)"));
    if (fmt < 0)
        fmt = FORMAT_BEADS;
    if (align_settings_finish(self, &a->s, per_group))
        return ERR_USAGE;
    /* every group of files is one document in every language; all go to one output, and
     * all share the user's lexicons, each compiled once (freed here, after the last group) */
    atomic_file out, page = {0};
    int rc = atomic_file_open(&out, a->output);
    if (rc < 0)
        return cli_report(rc);
    if (a->review && (rc = atomic_file_open(&page, a->review)) < 0) {
        atomic_file_abort(&out);
        return cli_report(rc);
    }
    rc = align_settings_open_shared(&a->s);
    align_run_settings rs = {(const char *const *)operands, (size_t)nfiles, per_group, {NULL, NULL, NULL},
                             {NULL, a->s.lines, a->s.encoding, a->s.input_format, a->s.marker}, &a->s.opts,
                             a->s.force, (align_format)fmt, a->s.output};
    for (int k = 0; k < per_group; k++)
        rs.langs[k] = a->langs || (a->pivot_lang && k == 0) ? tags[k] : NULL;
    reporter c = {a, (align_format)fmt};
    align_run_reporter r = {report_text, check_lexicons, report_no_lexicon, report_headings, report_aligned, warn, &c};
    output_stats total = {0};
    if (rc == 0)
        rc = align_run(&rs, out.f, a->review ? page.f : NULL, &r, &total);
    align_settings_close_shared(&a->s);
    int page_rc = a->review ? atomic_file_finish(&page, rc) : 0; /* the page only with the memory: both or neither */
    rc = atomic_file_finish(&out, rc ? rc : page_rc);
    if (rc == 0 && total.chars_dropped)
        cli_warn(P_("%zu character that XML 1.0 forbids was dropped from the TMX",
                    "%zu characters that XML 1.0 forbids were dropped from the TMX", total.chars_dropped),
                 total.chars_dropped);
    return cli_report(rc);
}

const cli_runner align_cli_runner = CLI_RUNNER(align_args, align_settings_defaults, align_settings_handle, run);
