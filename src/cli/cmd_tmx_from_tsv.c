/* cmd_tmx_from_tsv.c — `polyalign tmx from-tsv TABLE.tsv -o OUT.tmx`: the review table,
 * corrected by a person in a spreadsheet, back to a translation memory.
 *
 * Every row with text in the source language and in at least one other becomes a unit;
 * its score and flag go with it as the props x-polyalign-score and x-polyalign-flag, its
 * id as x-polyalign-id (a split row keeps the id it had on both halves). Rows with an
 * empty side (one the reviewer emptied, or a sentence the aligner left unpaired) are
 * left out and counted. The table is read whole before the TMX is opened, so an error in
 * it (tm/review_table.h names the line and the row) writes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../tm/review_table.h"
#include "../tm/tmx_writer.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_OUTPUT = 'o', OPT_QUIET = 'q' };

typedef struct {
    const char *output;
    int quiet;
} from_tsv_args;

const cli_option tmx_from_tsv_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "OUT.tmx", N_("the TMX to write (required)"), CLI_TEXT(from_tsv_args, output), CLI_REQUIRED},
    {"quiet", OPT_QUIET, 0, NULL, N_("no summary on standard error"), CLI_FLAG(from_tsv_args, quiet)},
    {0},
};

static int write_row(tmx_writer *w, const review_table *t, const review_row *r, size_t tuid)
{
    char id[32], score[32];
    snprintf(id, sizeof id, "%zu", tuid);
    int rc = tmx_writer_begin_tu(w, id);
    if (rc == 0 && r->id[0])
        rc = tmx_writer_prop(w, "x-polyalign-id", r->id);
    if (rc == 0 && !isnan(r->score)) {
        snprintf(score, sizeof score, "%.4f", r->score);
        rc = tmx_writer_prop(w, "x-polyalign-score", score);
    }
    if (rc == 0 && r->flag[0])
        rc = tmx_writer_prop(w, "x-polyalign-flag", r->flag);
    if (rc == 0 && r->document[0])
        rc = tmx_writer_prop(w, "x-polyalign-document", r->document);
    for (size_t k = 0; rc == 0 && k < t->nlangs; k++)
        if (r->text[k][0])
            rc = tmx_writer_tuv(w, t->langs[k], r->text[k]);
    return rc ? rc : tmx_writer_end_tu(w);
}

/* Whether a row has the source and at least one translation. */
static int row_is_unit(const review_table *t, const review_row *r)
{
    if (!r->text[0][strspn(r->text[0], " ")])
        return 0;
    for (size_t k = 1; k < t->nlangs; k++)
        if (r->text[k][strspn(r->text[k], " ")])
            return 1;
    return 0;
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    from_tsv_args *a = args;
    int status;
    if (!a->output || nops != 1)
        return cli_usage_error(self, _("give one table and -o OUT.tmx"));
    static const char *const writes[] = {"tmx", NULL};
    if ((status = cli_output_ext(self, a->output, writes, "TMX (.tmx)")) != 0)
        return status;
    review_table t;
    int rc = review_table_read(operands[0], &t);
    if (rc < 0)
        return cli_report(rc);
    size_t units = 0, left_out = 0;
    for (size_t k = 0; k < t.nrows; k++)
        units += row_is_unit(&t, &t.rows[k]);
    left_out = t.nrows - units;
    if (units == 0) {
        rc = error_set(ERR_DATA, _("%s: no row holds text in %s and in another language: nothing written"), t.name,
                       t.langs[0]);
        review_table_free(&t);
        return cli_report(rc);
    }
    atomic_file out;
    rc = atomic_file_open(&out, a->output);
    int opened = rc == 0;
    tmx_writer *w = NULL;
    tmx_header h = {.srclang = t.langs[0]};
    if (rc == 0)
        rc = tmx_writer_open(&w, out.f, &h);
    size_t tuid = 0;
    for (size_t k = 0; rc == 0 && k < t.nrows; k++)
        if (row_is_unit(&t, &t.rows[k]))
            rc = write_row(w, &t, &t.rows[k], ++tuid);
    size_t dropped = w ? tmx_writer_dropped(w) : 0;
    if (w) {
        int crc = tmx_writer_close(w);
        rc = rc ? rc : crc;
    }
    if (opened)
        rc = atomic_file_finish(&out, rc);
    if (rc == 0 && !a->quiet) {
        fprintf(stderr, P_("polyalign: %s: %zu row, ", "polyalign: %s: %zu rows, ", t.nrows), t.name, t.nrows);
        fprintf(stderr, P_("%zu translation unit written", "%zu translation units written", units), units);
        fprintf(stderr, P_(", %zu row with an empty side left out\n", ", %zu rows with an empty side left out\n",
                           left_out),
                left_out);
    }
    if (rc == 0 && dropped)
        cli_warn(P_("%zu character that XML 1.0 forbids was dropped from the TMX",
                    "%zu characters that XML 1.0 forbids were dropped from the TMX", dropped),
                 dropped);
    review_table_free(&t);
    return cli_report(rc);
}

const cli_runner tmx_from_tsv_cli_runner = CLI_RUNNER(from_tsv_args, NULL, NULL, run);
