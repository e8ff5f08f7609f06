/* test_export.c — unit tests of src/export: the alignment formats (their names and file
 * extensions, a bead line, the review table's rows, which beads a TMX keeps). The
 * writers are fed an alignment built in memory, so they are tested apart from the
 * aligner. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/alignment_output.h"

static void format_names_and_extensions(void **state)
{
    (void)state;
    assert_int_equal(align_format_parse("tmx"), FORMAT_TMX);
    assert_int_equal(align_format_parse("xliff2"), FORMAT_XLIFF2);
    assert_int_equal(align_format_parse("xml"), -1);
    assert_int_equal(align_format_from_path("out/a.tmx"), FORMAT_TMX);
    assert_int_equal(align_format_from_path("A.TMX"), FORMAT_TMX);
    assert_int_equal(align_format_from_path("a.align"), FORMAT_BEADS);
    assert_int_equal(align_format_from_path("a.xlf"), FORMAT_XLIFF);
    assert_int_equal(align_format_from_path("dir.d/file"), -1);
    assert_int_equal(align_format_from_path(NULL), -1);
}

/* One document: en has two sentences, zh one, and one doubtful bead [0,1]:[0]. */
static const char *en_sents[] = {"One.", "Two."};
static const char *zh_sents[] = {"一二。"};
static const doc_text en = {.lang = "en-US", .base = "en", .name = "doc.txt", .sent = en_sents, .n = 2};
static const doc_text zh = {.lang = "zh-CN", .base = "zh", .name = "doc.txt", .sent = zh_sents, .n = 1};
static const bead doubtful_bead[] = {{{0, 0, 0}, {2, 1, 0}, 0.25}};
static const alignment one_doubtful = {{&en, &zh, NULL}, 2, doubtful_bead, 1, NULL};

/* Write al in fmt to a string (caller frees). */
static char *written(align_format fmt, const alignment *al, const output_options *o, output_stats *st)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    output_writer *w = NULL;
    output_stats total = {0};
    assert_int_equal(output_begin(&w, fmt, f, o), 0);
    assert_int_equal(output_add(w, al, st), 0);
    assert_int_equal(output_end(w, &total), 0);
    fclose(f);
    return buf;
}

static void beads_and_tsv_show_every_bead(void **state)
{
    (void)state;
    output_options o = {.min_score = 0.5};
    output_stats st;
    char *s = written(FORMAT_BEADS, &one_doubtful, &o, &st);
    assert_string_equal(s, "[0,1]:[0]:0.2500\n");
    assert_int_equal(st.written, 1);
    free(s);
    s = written(FORMAT_TSV, &one_doubtful, &o, &st);
    assert_non_null(strstr(s, "1\t0.2500\tdoubtful\tOne. Two.\t一二。\n"));
    free(s);
}

static void tmx_leaves_doubtful_beads_out_unless_asked(void **state)
{
    (void)state;
    output_options o = {.min_score = 0.5};
    output_stats st;
    char *s = written(FORMAT_TMX, &one_doubtful, &o, &st);
    assert_null(strstr(s, "<tu "));
    assert_int_equal(st.below_min_score, 1);
    free(s);
    o.keep_doubtful = 1;
    s = written(FORMAT_TMX, &one_doubtful, &o, &st);
    assert_non_null(strstr(s, "x-polyalign-flag"));
    assert_int_equal(st.doubtful_kept, 1);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_names_and_extensions),
        cmocka_unit_test(beads_and_tsv_show_every_bead),
        cmocka_unit_test(tmx_leaves_doubtful_beads_out_unless_asked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
