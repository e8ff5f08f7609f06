/* fuzz_review_table.c — libFuzzer target: the review table `tmx from-tsv` reads back
 * (tm/review_table.c), a TSV a translator has corrected in a spreadsheet: any bytes, any
 * quoting, line ends and encodings a spreadsheet may save.
 *
 * A table read must be whole: at least two language columns, every row a text per
 * language (never NULL), rows in the order of the file (numbers and first lines rising),
 * and no score outside [0, 1] unless it is left empty (NAN). A table refused is an error
 * with a message, never a crash. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "input_file.h"
#include "tm/review_table.h"

static void check_table(const review_table *t)
{
    if (t->nlangs < 2 || !t->langs) {
        fprintf(stderr, "a table with %zu language columns\n", t->nlangs);
        abort();
    }
    for (size_t k = 0; k < t->nrows; k++) {
        const review_row *r = &t->rows[k];
        if (!r->text || !r->id || !r->flag || !r->document) {
            fprintf(stderr, "row %zu (line %zu) misses a cell\n", r->number, r->line);
            abort();
        }
        for (size_t l = 0; l < t->nlangs; l++)
            if (!r->text[l]) {
                fprintf(stderr, "row %zu (line %zu) has no text %zu\n", r->number, r->line, l);
                abort();
            }
        if (!isnan(r->score) && !(r->score >= 0 && r->score <= 1)) {
            fprintf(stderr, "row %zu (line %zu): score %g\n", r->number, r->line, r->score);
            abort();
        }
        if (k && (r->number <= t->rows[k - 1].number || r->line <= t->rows[k - 1].line)) {
            fprintf(stderr, "row %zu (line %zu) after row %zu (line %zu)\n", r->number, r->line,
                    t->rows[k - 1].number, t->rows[k - 1].line);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    review_table t;
    if (review_table_read(fuzz_input_file(data, size, ".tsv"), &t) == 0) {
        check_table(&t);
        review_table_free(&t);
    }
    return 0;
}
