/* cmd_align.c — `polyalign align`: align a pivot text with one or two translations.
 *
 * Parses options, loads the texts (segmented as their line structure says), runs the
 * aligner and writes the chosen format through a temporary file. A summary of what was
 * aligned, and of what was left out of the output, goes to stderr. Many groups of files
 * may go to one output; the user's lexicons are compiled once for all of them. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../align/align.h"
#include "../align/lexuser.h"
#include "../align/mismatch.h"
#include "../align/output.h"
#include "../i18n.h"
#include "../text/lang.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"

enum {
    OPT_FORMAT = 'f',
    OPT_OUTPUT = 'o',
    OPT_QUIET = 'q',
    OPT_LANGS = 256,
    OPT_PRESEG,
    OPT_LINES,
    OPT_NEWLINE,
    OPT_MIN,
    OPT_PARTIAL,
    OPT_DOUBTFUL,
    OPT_FORCE,
    OPT_ENCODING,
    OPT_LANG_ALONE,
    OPT_LEXICON,
    OPT_LEXDIR,
    OPT_NO_SCORE,
    OPT_INPUT_FORMAT,
    OPT_MARKER
};

enum { MAX_USER_LEXICONS = 4 };

const cli_option align_cli_options[] = {
    {"langs", OPT_LANGS, 1, "L1,L2[,L3]", N_("languages of the files in order (default: guessed from the script)")},
    {"presegmented", OPT_PRESEG, 0, NULL, N_("inputs hold one sentence per line (blank line: new paragraph); the same as --lines sentence")},
    {"lines", OPT_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline is: a wrap inside a paragraph, the end of a one-line sentence, or the end of a one-line paragraph (default: decided per file and reported)")},
    {"newline-breaks", OPT_NEWLINE, 0, NULL, N_("a single newline ends a sentence (the same as --lines paragraph)")},
    {"format", OPT_FORMAT, 1, "FMT", N_("tmx, xliff (XLIFF 1.2), xliff2 (XLIFF 2.0), tsv (the review table: id, score, flag, one column per language), jsonl or beads (default: from -o, else beads)")},
    {"output", OPT_OUTPUT, 1, "FILE", N_("write to FILE (default: standard output)")},
    {"min-score", OPT_MIN, 1, "X", N_("a unit whose confidence (the probability that it is right) is below X (0..1, default 0.7) is doubtful: left out of a TMX, flagged in the review table, marked needs-review in XLIFF")},
    {"encoding", OPT_ENCODING, 1, "NAME", CLI_ENCODING_HELP},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", CLI_INPUT_FORMAT_HELP},
    {"anchor-marker", OPT_MARKER, 1, "TEXT", N_("a paragraph (or line) of only TEXT is a hard anchor: the k-th of the pivot meets the k-th of each translation and no bead crosses it (default <<<>>>; '' for none); headings of HTML, DOCX, ODT and Markdown are hard anchors too")},
    {"lang", OPT_LANG_ALONE, 1, "LANG", N_("not an option of align: --langs names the language of every file")},
    {"force", OPT_FORCE, 0, NULL, N_("align texts even when the evidence says they are not translations of each other (with a warning)")},
    {"keep-doubtful", OPT_DOUBTFUL, 0, NULL, N_("TMX: keep doubtful units, flagged with the property x-polyalign-flag=doubtful")},
    {"keep-partial", OPT_PARTIAL, 0, NULL, N_("TMX of three texts: keep units missing one translation")},
    {"lexicon", OPT_LEXICON, 1, "[LANG=]FILE", N_("add a user dictionary: TSV 'source<TAB>target', or hunalign .dic 'target @ source' (repeatable); LANG=: only for the translation in LANG, required with two translations")},
    {"lexicon-dir", OPT_LEXDIR, 1, "DIR", N_("find the built-in lexicons (en-zh.lex, en-ru.lex) in DIR (default: $POLYALIGN_LEXICONS, the build tree, ../share/polyalign/lexicons beside the installed binary, the install prefix)")},
    {"no-score", OPT_NO_SCORE, 1, "NAME", N_("leave a scorer out of the bead cost: prior, length, anchors, paragraphs or lexicon (for ablations; repeatable)")},
    {"quiet", OPT_QUIET, 0, NULL, N_("no summary on standard error")},
    {0},
};

typedef struct {
    const char *langs, *format, *output, *min_score;
    int keep_partial, keep_doubtful, force, quiet;
    line_structure lines;
    const char *encoding, *marker;
    doc_format input_format;
    const char *lexicon[MAX_USER_LEXICONS];
    const char *lexicon_lang[MAX_USER_LEXICONS];   /* NULL: for every pair */
    char lexicon_tag[MAX_USER_LEXICONS][LANG_TAG_MAX];
    size_t nlexicons;
    align_options opts;
} align_args;

/* --lexicon [LANG=]FILE: the file, and in lang the base subtag of LANG ("" when none).
 * What comes before '=' is a language only when it is a tag ICU knows and names no
 * directory, so a file called a=b.tsv is still a file (and ./zh=x.tsv always is). */
static const char *lexicon_arg(const char *arg, char lang[LANG_TAG_MAX])
{
    lang[0] = '\0';
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= LANG_TAG_MAX || memchr(arg, '/', (size_t)(eq - arg)))
        return arg;
    char tag[LANG_TAG_MAX], norm[LANG_TAG_MAX];
    snprintf(tag, sizeof tag, "%.*s", (int)(eq - arg), arg);
    if (lang_normalize(tag, norm) < 0)
        return arg;
    lang_base(norm, lang);
    return eq + 1;
}

/* Every --lexicon LANG= must name a translation of the group, else it would silently do
 * nothing; 0 or -ERR_USAGE. */
static int check_lexicon_langs(const align_args *a, const align_text *texts, int ntexts)
{
    for (size_t u = 0; u < a->nlexicons; u++) {
        int used = !a->lexicon_lang[u];
        for (int k = 1; k < ntexts && !used; k++)
            used = lang_tags_match(a->lexicon_lang[u], texts[k].base);
        if (!used)
            return error_set(ERR_USAGE, _("--lexicon %s=%s: no translation is in %s"), a->lexicon_lang[u],
                             a->lexicon[u], a->lexicon_lang[u]);
    }
    return 0;
}

static int handle_option(int key, const char *arg, void *ctx)
{
    align_args *a = ctx;
    const cli_command *self = cli_find("align");
    switch (key) {
    case OPT_LEXICON:
        if (a->nlexicons == MAX_USER_LEXICONS)
            return cli_usage_error(self, _("at most %d --lexicon files"), MAX_USER_LEXICONS);
        a->lexicon[a->nlexicons] = lexicon_arg(arg, a->lexicon_tag[a->nlexicons]);
        a->lexicon_lang[a->nlexicons] = a->lexicon_tag[a->nlexicons][0] ? a->lexicon_tag[a->nlexicons] : NULL;
        a->nlexicons++;
        break;
    case OPT_LEXDIR: a->opts.lexicons.dir = arg; break;
    case OPT_NO_SCORE: {
        int k = align_score_kind(arg);
        if (k < 0)
            return cli_usage_error(self, _("unknown scorer '%s' (use prior, length, anchors, paragraphs or lexicon)"),
                                   arg);
        a->opts.disabled |= 1u << k;
        break;
    }
    case OPT_LANGS: a->langs = arg; break;
    case OPT_FORMAT: a->format = arg; break;
    case OPT_OUTPUT: a->output = arg; break;
    case OPT_MIN: a->min_score = arg; break;
    case OPT_PRESEG: a->lines = LINES_SENTENCE; break;
    case OPT_NEWLINE: a->lines = LINES_PARAGRAPH; break;
    case OPT_LINES: return cli_lines(self, arg, &a->lines);
    case OPT_PARTIAL: a->keep_partial = 1; break;
    case OPT_DOUBTFUL: a->keep_doubtful = 1; break;
    case OPT_FORCE: a->force = 1; break;
    case OPT_ENCODING: a->encoding = arg; break;
    case OPT_INPUT_FORMAT: return cli_input_format(self, arg, &a->input_format);
    case OPT_MARKER: a->marker = arg; break;
    case OPT_LANG_ALONE: /* an exact --lang, which getopt would otherwise take for --langs */
        return cli_usage_error(self, _("--lang %s: align takes --langs with one language per file in order (e.g. "
                                       "--langs en,zh), or none to guess them from each file's script"),
                               arg);
    case OPT_QUIET: a->quiet = 1; break;
    }
    return 0;
}

/* Split and normalize --langs into full tags; returns the count or -1 (message printed). */
static int parse_langs(const cli_command *self, const char *list, char tags[3][LANG_TAG_MAX])
{
    int n = 0;
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        char one[LANG_TAG_MAX], norm[LANG_TAG_MAX];
        if (n == 3 || len == 0 || len >= sizeof one) {
            cli_usage_error(self, _("--langs takes two or three language tags separated by commas"));
            return -1;
        }
        memcpy(one, p, len);
        one[len] = '\0';
        if (cli_lang(self, one, norm))
            return -1;
        align_full_tag(norm, tags[n++]);
        p += len + (p[len] == ',');
    }
    return n;
}

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

/* Refuse (or, with --force, warn about) a translation that evidently is not one of the
 * pivot: a TMX of chance pairs would look like a memory and mislead a translator. */
static int check_translations(const align_text *texts, int ntexts, const align_fit *fit, int force)
{
    for (int p = 0; p + 1 < ntexts; p++) {
        double share = fit[p].beads ? 100.0 * (double)fit[p].doubtful / (double)fit[p].beads : 0;
        if (align_fit_is_unjudged_doubtful(&fit[p]))
            cli_warn(_("%.0f%% of the beads of %s and %s are doubtful, and without a lexicon for the pair polyalign "
                       "cannot tell whether one is a translation of the other"),
                     share, texts[0].name, texts[p + 1].name);
        if (!align_fit_is_mismatch(&fit[p]))
            continue;
        char coverage[PATH_MAX + 160] = "";
        if (fit[p].lexicons)
            snprintf(coverage, sizeof coverage,
                     _(", more than the %.0f%% of the content words of %s that meet a dictionary translation in their "
                       "bead"),
                     100.0 * fit[p].lexical_rate[0], texts[0].name);
        if (!force)
            return error_set(ERR_DATA,
                             _("%s does not look like a translation of %s: %.0f%% of the beads are doubtful (confidence "
                               "below %.2f)%s; nothing written (--force aligns anyway)"),
                             texts[p + 1].name, texts[0].name, share, ALIGN_DEFAULT_MIN_SCORE, coverage);
        cli_warn(_("%s does not look like a translation of %s: %.0f%% of the beads are doubtful%s; aligned anyway "
                   "(--force)"),
                 texts[p + 1].name, texts[0].name, share, coverage);
    }
    return 0;
}

/* Align one document group (pivot + translations) into `al`; beads are malloc'd. */
static int align_group(align_text *texts, int ntexts, const align_options *o, alignment *al, align_fit fit[2])
{
    for (int k = 0; k < ntexts; k++)
        if (texts[k].n == 0)
            cli_warn(_("%s has no sentences: every sentence of the other side stays unaligned"), texts[k].name);
    *al = (alignment){{&texts[0], &texts[1], ntexts == 3 ? &texts[2] : NULL}, (size_t)ntexts, NULL, 0, fit};
    bead3 *beads = NULL;
    int rc;
    if (ntexts == 2) {
        bead *two = NULL;
        size_t n = 0;
        rc = align_two(&texts[0], &texts[1], o, &two, &n, &fit[0]);
        beads = rc == 0 ? malloc((n + 1) * sizeof *beads) : NULL;
        if (rc == 0 && !beads)
            rc = error_nomem();
        for (size_t k = 0; rc == 0 && k < n; k++)
            beads[k] = (bead3){{two[k].i, two[k].j, 0}, {two[k].di, two[k].dj, 0}, two[k].confidence};
        al->n = n;
        free(two);
    } else {
        rc = align_three(&texts[0], &texts[1], &texts[2], o, &beads, &al->n, fit);
    }
    al->beads = beads;
    return rc;
}

int cmd_align(int argc, char **argv)
{
    const cli_command *self = cli_find("align");
    align_args a = {0};
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    int nfiles = argc - first, per_group = nfiles;
    char tags[3][LANG_TAG_MAX];
    if (a.langs) {
        per_group = parse_langs(self, a.langs, tags);
        if (per_group < 0)
            return ERR_USAGE;
        if (per_group < 2 || nfiles == 0 || nfiles % per_group != 0)
            return cli_usage_error(self, _("--langs names %d languages for %d files"), per_group, nfiles);
    } else if (nfiles < 2 || nfiles > 3) {
        return cli_usage_error(self, _("give two or three files: the pivot text first, then its translations"));
    }
    if (!a.format && (status = cli_output_ext(self, a.output, align_format_extensions, ALIGN_FORMAT_NAMES)) != 0)
        return status;
    int fmt = a.format ? align_format_parse(a.format) : align_format_from_path(a.output);
    if (a.format && fmt < 0)
        return cli_usage_error(self, _("unknown format '%s' (use tmx, xliff, xliff2, tsv, jsonl or beads)"), a.format);
    if (fmt == FORMAT_XLIFF2 && per_group == 3)
        return cli_usage_error(self, _("XLIFF 2.0 holds one target language: give one translation, or use --format "
                                       "xliff (XLIFF 1.2: a <file> per language)"));
    if (fmt < 0)
        fmt = FORMAT_BEADS;
    output_options oo = {ALIGN_DEFAULT_MIN_SCORE, a.keep_partial, a.keep_doubtful};
    a.opts.refit_rounds = -1;
    /* one file for two translations would give one pair junk links or no entries */
    for (size_t u = 0; per_group == 3 && u < a.nlexicons; u++)
        if (!a.lexicon_lang[u])
            return cli_usage_error(self, _("--lexicon %s: with two translations, say which one it is for: "
                                           "--lexicon LANG=%s"),
                                   a.lexicon[u], a.lexicon[u]);
    if (!a.opts.lexicons.dir)
        a.opts.lexicons.dir = getenv("POLYALIGN_LEXICONS");
    if (a.opts.lexicons.dir && !*a.opts.lexicons.dir)
        a.opts.lexicons.dir = NULL;
    int said_missing = 0;
    if (a.min_score && cli_number(self, "min-score", a.min_score, 0, 1, &oo.min_score))
        return ERR_USAGE;

    /* every group of files is one document in every language; all go to one output, and
     * all share the user's lexicons, each compiled once (freed here, after the last group) */
    atomic_file out;
    int rc = atomic_file_open(&out, a.output);
    if (rc < 0)
        return cli_report(rc);
    rc = user_lexicons_new(a.lexicon, a.lexicon_lang, a.nlexicons, &a.opts.lexicons.user);
    output_writer *w = NULL;
    if (rc == 0)
        rc = output_begin(&w, (align_format)fmt, out.f, &oo);
    output_stats total = {0};
    for (int g = 0; rc == 0 && g < nfiles / per_group; g++) {
        align_text texts[3];
        memset(texts, 0, sizeof texts);
        for (int k = 0; k < per_group && rc == 0; k++) {
            line_evidence ev;
            align_text_options to = {a.langs ? tags[k] : NULL, a.lines, a.encoding, a.input_format, a.marker};
            rc = align_text_load(&texts[k], argv[first + g * per_group + k], &to, &ev);
            if (rc == 0 && !a.quiet) {
                cli_report_encoding(texts[k].name, &texts[k].encoding);
                cli_report_document(texts[k].name, texts[k].format, texts[k].format_by_content, texts[k].paragraphs,
                                    texts[k].headings);
                cli_report_lines(texts[k].name, a.lines, &ev);
            }
            if (rc == 0 && !a.langs) {
                char full[LANG_TAG_MAX];
                align_full_tag(texts[k].lang, full);
                snprintf(texts[k].lang, sizeof texts[k].lang, "%s", full);
            }
        }
        alignment al = {0};
        output_stats st = {0};
        align_fit fit[2];
        memset(fit, 0, sizeof fit);
        if (rc == 0)
            rc = check_lexicon_langs(&a, texts, per_group);
        if (rc == 0)
            rc = align_group(texts, per_group, &a.opts, &al, fit);
        for (int p = 0; rc == 0 && p + 1 < per_group && !said_missing; p++)
            if (fit[p].lexicon_missing && fit[p].lexicons == 0) {
                cli_warn(_("no built-in %s-%s lexicon found (build it with make; see --lexicon-dir): aligning with "
                           "sentence lengths and anchors only, less accurately"),
                         texts[0].base, texts[p + 1].base);
                said_missing = 1;
            }
        for (int p = 0; rc == 0 && p + 1 < per_group; p++)
            if (fit[p].headings_unpaired && !a.quiet)
                cli_warn(_("%s has %zu headings and %s has %zu: headings are not hard anchors of this pair, only "
                           "paragraph evidence"),
                         texts[0].name, texts[0].headings, texts[p + 1].name, texts[p + 1].headings);
        if (rc == 0)
            rc = check_translations(texts, per_group, fit, a.force);
        if (rc == 0)
            rc = output_add(w, &al, &st);
        if (rc == 0 && !a.quiet)
            print_summary(&al, &st, (align_format)fmt, oo.min_score);
        free((void *)al.beads);
        for (int k = 0; k < per_group; k++)
            align_text_free(&texts[k]);
    }
    user_lexicons_free(a.opts.lexicons.user);
    int end_rc = w ? output_end(w, &total) : 0;
    rc = atomic_file_finish(&out, rc ? rc : end_rc);
    if (rc == 0 && total.chars_dropped)
        cli_warn(P_("%zu character that XML 1.0 forbids was dropped from the output",
                    "%zu characters that XML 1.0 forbids were dropped from the output", total.chars_dropped),
                 total.chars_dropped);
    return cli_report(rc);
}
