/* test_align_run.c — unit tests of export/align_run: the groups of files of `polyalign
 * align` read, aligned and written in order into one output and one review page, what is
 * said about them going to the reporter, and the first error stopping the run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/align_run.h"
#include "util/error.h"

#include "scratch.h"

static const char en_text[] = "The house is red. The garden is green.\n\nThe sky is blue.\n";
static const char zh_text[] = "房子是红色的。花园是绿色的。\n\n天空是蓝色的。\n";

/* What the reporter heard. */
typedef struct {
    int texts, groups, no_lexicon, aligned, stop_at_group;
    size_t beads;
    char last_text[256];
} heard;

static void text_read(void *ctx, const doc_text *t, const line_evidence *ev)
{
    heard *h = ctx;
    (void)ev;
    h->texts++;
    snprintf(h->last_text, sizeof h->last_text, "%s", t->name);
}

static int group_read(void *ctx, const align_document *d)
{
    heard *h = ctx;
    assert_int_equal(d->ntexts, 2);
    if (++h->groups == h->stop_at_group)
        return error_set(ERR_USAGE, "stopped at group %d", h->groups);
    return 0;
}

static void no_lexicon(void *ctx, const char *pivot, const char *translation)
{
    heard *h = ctx;
    h->no_lexicon++;
    assert_string_equal(pivot, "en");
    assert_string_equal(translation, "zh");
}

static void aligned(void *ctx, const alignment *al, const output_stats *st)
{
    heard *h = ctx;
    h->aligned++;
    h->beads += al->n;
    assert_int_equal(st->written, al->n); /* beads: every bead is written */
}

static align_run_reporter reporter_of(heard *h)
{
    return (align_run_reporter){text_read, group_read, no_lexicon, NULL, aligned, NULL, h};
}

/* Two groups (the same pair twice) as beads into *out (caller frees); the run's status. */
static int run_two_groups(heard *h, align_format fmt, char **out, char **page)
{
    char en[512], zh[512];
    snprintf(en, sizeof en, "%s", write_file("a.en.txt", en_text, strlen(en_text)));
    snprintf(zh, sizeof zh, "%s", write_file("a.zh.txt", zh_text, strlen(zh_text)));
    const char *files[] = {en, zh, en, zh};
    align_options ao = {.refit_rounds = -1};
    align_run_settings s = {files, 4, 2, {"en-US", "zh-CN", NULL}, {NULL, LINES_AUTO, NULL, DOC_AUTO, NULL}, &ao, 0,
                            fmt, {.min_score = 0.7}};
    size_t size = 0, page_size = 0;
    FILE *f = open_memstream(out, &size);
    FILE *p = page ? open_memstream(page, &page_size) : NULL;
    align_run_reporter r = reporter_of(h);
    output_stats total;
    int rc = align_run(&s, f, p, &r, &total);
    fclose(f);
    if (p)
        fclose(p);
    return rc;
}

static void groups_go_to_one_output_in_order(void **state)
{
    (void)state;
    heard h = {0};
    char *out = NULL, *page = NULL;
    assert_int_equal(run_two_groups(&h, FORMAT_BEADS, &out, &page), 0);
    assert_int_equal(h.texts, 4);
    assert_int_equal(h.groups, 2);
    assert_int_equal(h.aligned, 2);
    assert_true(h.no_lexicon <= 1); /* said once in a run, whatever the groups */
    assert_true(h.beads >= 4);
    /* several documents: each group's beads after a line naming its files */
    const char *first = strstr(out, "a.en.txt");
    assert_non_null(first);
    assert_non_null(strstr(first + 1, "a.en.txt"));
    assert_non_null(strstr(out, "[0]:[0]"));
    /* the review page is titled with the pivot's name, without its folder */
    const char *title = strstr(page, "<title>"), *end = title ? strstr(title, "</title>") : NULL;
    assert_non_null(end);
    const char *name = strstr(title, "a.en.txt");
    assert_true(name && name < end);
    assert_true(!strstr(title, scratch_dir) || strstr(title, scratch_dir) > end);
    free(out);
    free(page);
}

static void the_reporter_can_stop_a_group(void **state)
{
    (void)state;
    heard h = {.stop_at_group = 2};
    char *out = NULL;
    assert_int_equal(run_two_groups(&h, FORMAT_TSV, &out, NULL), -ERR_USAGE);
    assert_int_equal(h.groups, 2);
    assert_int_equal(h.aligned, 1); /* the first group was written, the second stopped before aligning */
    assert_string_equal(error_last(), "stopped at group 2");
    free(out);
}

static void a_missing_file_stops_the_run(void **state)
{
    (void)state;
    char en[512], missing[512];
    snprintf(en, sizeof en, "%s", write_file("b.en.txt", en_text, strlen(en_text)));
    snprintf(missing, sizeof missing, "%s/absent.zh.txt", scratch_dir);
    const char *files[] = {en, missing};
    align_options ao = {.refit_rounds = -1};
    align_run_settings s = {files, 2, 2, {NULL, NULL, NULL}, {NULL, LINES_AUTO, NULL, DOC_AUTO, NULL}, &ao, 0,
                            FORMAT_TMX, {.min_score = 0.7}};
    heard h = {0};
    align_run_reporter r = reporter_of(&h);
    char *out = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&out, &size);
    output_stats total;
    assert_int_equal(align_run(&s, f, NULL, &r, &total), -ERR_NOINPUT);
    fclose(f);
    assert_int_equal(h.texts, 1); /* the pivot was read and said, its language guessed */
    assert_int_equal(h.groups, 0);
    assert_int_equal(h.aligned, 0);
    assert_non_null(strstr(error_last(), "absent.zh.txt"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_go_to_one_output_in_order),
        cmocka_unit_test(the_reporter_can_stop_a_group),
        cmocka_unit_test(a_missing_file_stops_the_run),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
