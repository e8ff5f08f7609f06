/* test_review_table.c — unit tests of src/tm/review_table.h, the TSV a person corrects in
 * a spreadsheet: cells quoted only when they must be, the header row, a table written
 * by the writer's functions read back whole, the edits a spreadsheet makes (columns
 * reordered, a decimal comma, trailing empty cells, CRLF, blank rows, a document column)
 * and every refusal naming the table, its line and its row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "tm/review_table.h"
#include "util/error.h"

/* What review_table_cell writes for text. */
static char *cell_of(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    review_table_cell(f, text);
    fclose(f);
    return buf;
}

static void cells_quoted_only_when_they_must_be(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"plain text", "plain text"},
        {"", ""},
        {"say \"hi\" inside", "say \"hi\" inside"}, /* a quote not at the start stays as is */
        {"a\tb", "\"a\tb\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\rhere", "\"cr\rhere\""},
        {"\"leading quote", "\"\"\"leading quote\""},
        {"\"x\"\ty", "\"\"\"x\"\"\ty\""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got = cell_of(cases[k][0]);
        assert_string_equal(got, cases[k][1]);
        free(got);
    }
}

static void header_names_the_columns(void **state)
{
    (void)state;
    const char *langs[] = {"en-US", "zh-CN", "ru-RU"};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    review_table_header(f, langs, 3, 0);
    review_table_header(f, langs, 2, 1);
    fclose(f);
    assert_string_equal(buf, "id\tscore\tflag\ten-US\tzh-CN\tru-RU\n"
                             "id\tscore\tflag\tdocument\ten-US\tzh-CN\n");
    free(buf);
}

/* Cells no spreadsheet writes plainly survive the writer and the reader. */
static void written_table_reads_back(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        {"Plain.", "简单。"},
        {"A tab\there", "换行\n在这里"},
        {"\"Quoted\" at the start", "“引号”"},
        {"", "只有译文"},
    };
    const char *langs[] = {"en-US", "zh-CN"};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    review_table_header(f, langs, 2, 0);
    for (size_t k = 0; k < 4; k++) {
        fprintf(f, "%zu\t0.%zu\t%s\t", k + 1, k + 5, k == 1 ? "doubtful" : "");
        review_table_cell(f, texts[k][0]);
        fputc('\t', f);
        review_table_cell(f, texts[k][1]);
        fputc('\n', f);
    }
    fclose(f);
    review_table t;
    assert_int_equal(review_table_read(write_file("round.tsv", buf, len), &t), 0);
    free(buf);
    assert_int_equal(t.nlangs, 2);
    assert_string_equal(t.langs[0], "en-US");
    assert_string_equal(t.langs[1], "zh-CN");
    assert_int_equal(t.nrows, 4);
    for (size_t k = 0; k < 4; k++) {
        char id[8];
        snprintf(id, sizeof id, "%zu", k + 1);
        assert_string_equal(t.rows[k].id, id);
        assert_true(fabs(t.rows[k].score - (double)(k + 5) / 10) < 1e-9);
        assert_string_equal(t.rows[k].flag, k == 1 ? "doubtful" : "");
        assert_string_equal(t.rows[k].document, "");
        assert_string_equal(t.rows[k].text[0], texts[k][0]);
        assert_string_equal(t.rows[k].text[1], texts[k][1]);
        assert_int_equal(t.rows[k].number, k + 2); /* the header is row 1 */
    }
    /* the quoted cell with a line break spans two lines: the next row starts one later */
    assert_int_equal(t.rows[1].line, 3);
    assert_int_equal(t.rows[2].line, 5);
    assert_true(strstr(t.name, "round.tsv") != NULL);
    review_table_free(&t);
}

/* What a spreadsheet does to a table on its way back. */
static void edited_table_is_understood(void **state)
{
    (void)state;
    const char table[] = "EN\tFlag\tID\tDocument\tScore\tru\t\r\n"  /* reordered, any case, an empty column */
                         "One.\t\t1\ta.en.txt\t0,75\tОдин.\r\n"       /* a decimal comma, trailing cells cut */
                         "\t\t\t\t\t\t\r\n"                           /* a blank row */
                         "Two.\tdoubtful\t\ta.en.txt\t\t\t\t\r\n";    /* empty id, score and text; extra empty cells */
    review_table t;
    assert_int_equal(review_table_read(write_file("edited.tsv", table, sizeof table - 1), &t), 0);
    assert_int_equal(t.nlangs, 2);
    assert_string_equal(t.langs[0], "en");
    assert_string_equal(t.langs[1], "ru");
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[0].id, "1");
    assert_true(fabs(t.rows[0].score - 0.75) < 1e-9);
    assert_string_equal(t.rows[0].document, "a.en.txt");
    assert_string_equal(t.rows[0].text[0], "One.");
    assert_string_equal(t.rows[0].text[1], "Один."); /* no CR left */
    assert_string_equal(t.rows[1].id, "");
    assert_true(isnan(t.rows[1].score));
    assert_string_equal(t.rows[1].flag, "doubtful");
    assert_string_equal(t.rows[1].text[1], "");
    assert_int_equal(t.rows[1].line, 4);
    assert_int_equal(t.rows[1].number, 3); /* blank rows are not counted */
    review_table_free(&t);
}

/* Reading `table` fails with -ERR_DATA and a message holding `want`. */
static void refused(const char *table, const char *want)
{
    review_table t;
    int rc = review_table_read(write_file("bad.tsv", table, strlen(table)), &t);
    assert_int_equal(rc, -ERR_DATA);
    if (!strstr(error_last(), want))
        fail_msg("'%s' does not hold '%s'", error_last(), want);
    assert_null(t.rows); /* freed on the way out */
}

static void what_cannot_be_meant_is_refused(void **state)
{
    (void)state;
    refused("", "bad.tsv: an empty table, without even its header row");
    refused("\n\n", "an empty table");
    refused("id\tscore\ten\tzh\n1\t0.5\ta\tb\n", "bad.tsv:1: the header must name the columns id, score and flag");
    refused("id\tscore\tflag\ten\n1\t0.5\t\ta\n", "the header must name"); /* one language */
    refused("id\tscore\tflag\ten\tnot a tag!\n", "bad.tsv:1: column 5 of the header, 'not a tag!', is neither");
    refused("id\tscore\tflag\ten\tzh\n1\thigh\t\ta\tb\n", "bad.tsv:2: row 2: score 'high' is not a number from 0 to 1");
    refused("id\tscore\tflag\ten\tzh\n1\t1.5\t\ta\tb\n", "row 2: score '1.5' is not a number");
    refused("id\tscore\tflag\ten\tzh\n1\t-0.1\t\ta\tb\n", "score '-0.1'");
    refused("id\tscore\tflag\ten\tzh\n1\tnan\t\ta\tb\n", "score 'nan'");
    refused("id\tscore\tflag\ten\tzh\n1\t0.5x\t\ta\tb\n", "score '0.5x'");
    refused("id\tscore\tflag\ten\tzh\n\n1\t0.5\t\ta\tb\tc\n", "bad.tsv:3: row 2 has 6 cells, the header 5 columns");
    refused("id\tscore\tflag\ten\tzh\n1\t0.5\t\t\"never closed\tb\n",
            "bad.tsv:2: a quoted cell of this row is never closed");
}

static void a_missing_table_is_no_input(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/absent.tsv", scratch_dir);
    review_table t;
    assert_int_equal(review_table_read(path, &t), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), "absent.tsv"));
}

/* Ten thousand rows and a 100 KB cell: nothing is cut. */
static void large_table(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char *langs[] = {"en", "zh"};
    review_table_header(f, langs, 2, 0);
    for (int k = 0; k < 10000; k++)
        fprintf(f, "%d\t1\t\tSentence %d.\t句子%d。\n", k, k, k);
    fputs("big\t0\t\t", f);
    for (int k = 0; k < 100000; k++)
        fputc('a' + k % 26, f);
    fputs("\tx\n", f);
    fclose(f);
    review_table t;
    assert_int_equal(review_table_read(write_file("large.tsv", buf, len), &t), 0);
    free(buf);
    assert_int_equal(t.nrows, 10001);
    assert_string_equal(t.rows[9999].text[1], "句子9999。");
    assert_int_equal(strlen(t.rows[10000].text[0]), 100000);
    assert_true(t.rows[10000].score == 0);
    review_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_quoted_only_when_they_must_be),
        cmocka_unit_test(header_names_the_columns),
        cmocka_unit_test(written_table_reads_back),
        cmocka_unit_test(edited_table_is_understood),
        cmocka_unit_test(what_cannot_be_meant_is_refused),
        cmocka_unit_test(a_missing_table_is_no_input),
        cmocka_unit_test(large_table),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
