/* cmd_align.c — `polyalign align`: align a pivot text with one or two translations.
 *
 * Parses options, loads the texts (segmented as their line structure says), runs the
 * aligner and writes the chosen format through a temporary file. A summary of what was
 * aligned, and of what was left out of the output, goes to stderr. Many groups of files
 * may go to one output; the lexicons are opened (the user's compiled) once for all. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../align/document.h"
#include "../export/alignment_output.h"
#include "../export/review.h"
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
    fprintf(stderr, "polyalign:  ");
    for (size_t s = 0; s < kinds; s++)
        fprintf(stderr, " %s×%zu", names[s], counts[s]);
    fputc('\n', stderr);
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

/* The page's title: the pivot's file name without its folder. */
static const char *review_title(const char *pivot)
{
    const char *slash = strrchr(pivot, '/');
    return slash ? slash + 1 : pivot;
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
    int said_missing = 0;

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
    output_writer *w = NULL;
    review_writer *rw = NULL;
    a->s.output.several_documents = nfiles > per_group;
    if (rc == 0)
        rc = output_begin(&w, (align_format)fmt, out.f, &a->s.output);
    if (rc == 0 && a->review)
        rc = review_begin(&rw, page.f, review_title(operands[0]), a->s.output.min_score);
    output_stats total = {0};
    for (int g = 0; rc == 0 && g < nfiles / per_group; g++) {
        align_document doc;
        align_document_init(&doc, warn, NULL);
        for (int k = 0; k < per_group && rc == 0; k++) {
            line_evidence ev;
            const char *lang = a->langs || (a->pivot_lang && k == 0) ? tags[k] : NULL;
            doc_text_options to = {lang, a->s.lines, a->s.encoding, a->s.input_format, a->s.marker};
            rc = align_document_load(&doc, operands[g * per_group + k], &to, &ev);
            if (rc == 0 && !a->quiet) {
                const doc_text *t = &doc.texts[k];
                cli_report_encoding(t->name, &t->encoding);
                cli_report_document(t->name, t->format, t->format_by_content, t->paragraphs, t->headings);
                cli_report_lines(t->name, a->s.lines, &ev);
            }
        }
        const char *bases[2] = {doc.texts[1].base, doc.texts[2].base};
        if (rc == 0)
            rc = align_settings_check_lexicon_langs(&a->s, bases, per_group - 1);
        if (rc == 0)
            rc = align_document_align(&doc, &a->s.opts);
        for (int p = 0; rc == 0 && p + 1 < per_group && !said_missing; p++)
            if (doc.fit[p].lexicon_missing && doc.fit[p].lexicons == 0) {
                cli_warn(_("no built-in %s-%s lexicon found (build it with make; see --lexicon-dir): aligning with "
                           "sentence lengths and anchors only, less accurately"),
                         doc.texts[0].base, doc.texts[p + 1].base);
                said_missing = 1;
            }
        for (int p = 0; rc == 0 && p + 1 < per_group; p++)
            if (doc.fit[p].headings_unpaired && !a->quiet)
                cli_warn(_("%s has %zu headings and %s has %zu: headings are not hard anchors of this pair, only "
                           "paragraph evidence"),
                         doc.texts[0].name, doc.texts[0].headings, doc.texts[p + 1].name, doc.texts[p + 1].headings);
        if (rc == 0)
            rc = align_document_judge(&doc, a->s.force);
        alignment al = align_document_view(&doc);
        output_stats st = {0};
        if (rc == 0)
            rc = output_add(w, &al, &st);
        if (rc == 0 && rw)
            rc = review_add(rw, &al, nfiles > per_group ? doc.texts[0].name : NULL);
        if (rc == 0 && !a->quiet)
            print_summary(&al, &st, (align_format)fmt, a->s.output.min_score);
        align_document_free(&doc);
    }
    align_settings_close_shared(&a->s);
    int end_rc = w ? output_end(w, &total) : 0;
    int page_rc = rw ? review_end(rw) : 0;
    if (a->review) /* the page only with the memory: both or neither */
        page_rc = atomic_file_finish(&page, rc ? rc : end_rc ? end_rc : page_rc);
    rc = atomic_file_finish(&out, rc ? rc : end_rc ? end_rc : page_rc);
    if (rc == 0 && total.chars_dropped)
        cli_warn(P_("%zu character that XML 1.0 forbids was dropped from the TMX",
                    "%zu characters that XML 1.0 forbids were dropped from the TMX", total.chars_dropped),
                 total.chars_dropped);
    return cli_report(rc);
}

const cli_runner align_cli_runner = CLI_RUNNER(align_args, align_settings_defaults, align_settings_handle, run);
