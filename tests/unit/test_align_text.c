/* test_align_text.c — unit tests of the texts an alignment reads and of align/'s
 * documents: a text read from a file (doc/text.h: plain, presegmented, a marker paragraph, a guessed language, a missing,
 * empty or invalid file), full language tags, a bead side's text (alignment.h), the
 * anchors of a segmented text (hard_anchor.h's text_anchors_collect), the mismatch
 * judgement on fitted numbers (mismatch.h), align_two on small texts (align.h), and one
 * document set loaded, aligned, judged and viewed (document.h) on the Wuzhen article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "align/alignment.h"
#include "align/document.h"
#include "align/hard_anchor.h"
#include "align/mismatch.h"
#include "doc/document.h"
#include "mem_text.h"
#include "scratch.h"
#include "util/error.h"

static void side_read_from_plain_text(void **state)
{
    (void)state;
    const char text[] = "The summit opened. Leaders came.\n\n<<<>>>\n\nSecond chapter here. It ends.\n";
    doc_text t;
    doc_text_options o = {.lang = "en-US"};
    assert_int_equal(doc_text_load(&t, write_file("a.en.txt", text, sizeof text - 1), &o, NULL), 0);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.sent[0], "The summit opened.");
    assert_string_equal(t.sent[3], "It ends.");
    assert_string_equal(t.lang, "en-US");
    assert_string_equal(t.base, "en");
    assert_true(t.para[1] < t.para[2]); /* the chapters are other paragraphs */
    assert_int_equal(t.nanchors, 1);    /* the marker: between sentences 1 and 2, not a sentence */
    assert_int_equal(t.anchors[0].before, 2);
    assert_int_equal(t.anchors[0].after, 2);
    assert_false(t.anchors[0].heading);
    assert_non_null(strstr(t.name, "a.en.txt"));
    doc_text_free(&t);

    /* no marker at all ("" as the marker): the line stays text */
    o.marker = "";
    assert_int_equal(doc_text_load(&t, write_file("a.en.txt", text, sizeof text - 1), &o, NULL), 0);
    assert_int_equal(t.nanchors, 0);
    assert_int_equal(t.n, 5);
    doc_text_free(&t);
}

static void side_presegmented_and_guessed(void **state)
{
    (void)state;
    /* one sentence a line, even when a line holds two */
    const char text[] = "峰会开幕了。领导人来了。\n第二句。\n\n新段落。\n";
    doc_text t;
    doc_text_options o = {.lines = LINES_SENTENCE}; /* the language guessed: Han */
    line_evidence ev;
    assert_int_equal(doc_text_load(&t, write_file("b.txt", text, sizeof text - 1), &o, &ev), 0);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.sent[0], "峰会开幕了。领导人来了。");
    assert_string_equal(t.base, "zh");
    assert_string_equal(t.lang, "zh-CN");
    assert_int_equal(t.para[0], t.para[1]);
    assert_true(t.para[2] > t.para[1]);
    doc_text_free(&t);
}

static void side_refuses_what_it_cannot_read(void **state)
{
    (void)state;
    doc_text t;
    doc_text_options o = {.lang = "en"};
    char missing[600];
    snprintf(missing, sizeof missing, "%s/absent.txt", scratch_dir);
    assert_int_equal(doc_text_load(&t, missing, &o, NULL), -ERR_NOINPUT);
    assert_int_equal(doc_text_load(&t, write_file("bad.txt", "Good. \xff bad.", 12), &o, NULL), -ERR_DATA);
    assert_non_null(strstr(error_last(), "invalid UTF-8"));
    /* an empty file is a side of no sentence, not an error */
    assert_int_equal(doc_text_load(&t, write_file("empty.txt", "", 0), &o, NULL), 0);
    assert_int_equal(t.n, 0);
    doc_text_free(&t);
    doc_text_free(&t); /* freeing twice is harmless */
}

static void full_tags_for_cat_tools(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"en", "en-US"}, {"zh", "zh-CN"}, {"ru", "ru-RU"}, {"en-GB", "en-GB"}, {"zh-TW", "zh-TW"}, {"de", "de-DE"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char out[LANG_TAG_MAX];
        lang_full_tag(cases[k][0], out);
        assert_string_equal(out, cases[k][1]);
    }
}

static void bead_side_text_joined_as_written(void **state)
{
    (void)state;
    const char *en[] = {"One.", "Two.", "Three."};
    const char *zh[] = {"一。", "二。", "三。"};
    doc_text a = make_text("en-US", en, 3), b = make_text("zh-CN", zh, 3);
    char *s = alignment_side_text(&a, 0, 2);
    assert_string_equal(s, "One. Two.");
    free(s);
    s = alignment_side_text(&b, 1, 2);
    assert_string_equal(s, "二。三。"); /* no space between Chinese sentences */
    free(s);
    s = alignment_side_text(&a, 2, 1);
    assert_string_equal(s, "Three.");
    free(s);
    s = alignment_side_text(&a, 1, 0); /* a side with no sentence */
    assert_string_equal(s, "");
    free(s);
    free_text(&a);
    free_text(&b);
}

static void anchors_collected_in_text_order(void **state)
{
    (void)state;
    /* paragraphs: 0 heading (sentences 0, 1), 1 body (2), 2 heading (3), 3 body (4, 5) */
    sentence_span spans[] = {{0, 5, 0, 0, 0},   {6, 10, 0, 1, 0},  {20, 30, 1, 2, 0},
                             {40, 45, 2, 3, 0}, {50, 60, 3, 4, 0}, {61, 70, 3, 5, 0}};
    unsigned char kind[] = {PARA_HEADING, PARA_BODY, PARA_HEADING, PARA_BODY};
    size_t markers[] = {15, 47, 100}; /* before sentence 2, before 4, after the last */
    text_anchor *a;
    size_t n;
    assert_int_equal(text_anchors_collect(markers, 3, spans, 6, kind, 4, &a, &n), 0);
    assert_int_equal(n, 5);
    size_t want[][3] = {{0, 2, 1}, {2, 2, 0}, {3, 4, 1}, {4, 4, 0}, {6, 6, 0}};
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(a[k].before, want[k][0]);
        assert_int_equal(a[k].after, want[k][1]);
        assert_int_equal(a[k].heading, (int)want[k][2]);
    }
    free(a);
    /* without kinds, only markers; without markers, only headings; with neither, none */
    assert_int_equal(text_anchors_collect(markers, 3, spans, 6, NULL, 0, &a, &n), 0);
    assert_int_equal(n, 3);
    free(a);
    assert_int_equal(text_anchors_collect(NULL, 0, spans, 6, kind, 4, &a, &n), 0);
    assert_int_equal(n, 2);
    free(a);
    assert_int_equal(text_anchors_collect(NULL, 0, spans, 6, NULL, 0, &a, &n), 0);
    assert_int_equal(n, 0);
    free(a);
    /* no sentence at all: markers still count, before nothing */
    assert_int_equal(text_anchors_collect(markers, 2, NULL, 0, NULL, 0, &a, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(a[1].before, 0);
    free(a);
}

static void mismatch_judged_on_the_fitted_numbers(void **state)
{
    (void)state;
    align_fit fit = {0};
    fit.lexicons = 1;
    fit.beads = 100;
    fit.doubtful = 60;
    fit.lexical_rate[0] = 0.3;
    assert_true(align_fit_is_mismatch(&fit)); /* 0.6 doubtful above 0.3 coverage */
    fit.lexical_rate[0] = 0.7;
    assert_false(align_fit_is_mismatch(&fit));
    fit.lexical_rate[0] = 0.6;
    assert_false(align_fit_is_mismatch(&fit)); /* equal is not above */
    /* too few doubtful beads for a share to mean anything */
    fit.lexical_rate[0] = 0;
    fit.beads = 3;
    fit.doubtful = MISMATCH_MIN_DOUBTFUL - 1;
    assert_false(align_fit_is_mismatch(&fit));
    fit.doubtful = MISMATCH_MIN_DOUBTFUL;
    assert_true(align_fit_is_mismatch(&fit));
    fit.beads = 0;
    fit.doubtful = 0;
    assert_false(align_fit_is_mismatch(&fit));
    /* without a lexicon nothing is judged, only warned about from half doubtful */
    fit = (align_fit){0};
    fit.beads = 10;
    fit.doubtful = 5;
    assert_false(align_fit_is_mismatch(&fit));
    assert_true(align_fit_is_unjudged_doubtful(&fit));
    fit.doubtful = 4;
    assert_false(align_fit_is_unjudged_doubtful(&fit));
    fit.lexicons = 2;
    fit.doubtful = 10;
    assert_false(align_fit_is_unjudged_doubtful(&fit)); /* a lexicon judges instead */
}

static void align_two_small_texts(void **state)
{
    (void)state;
    const char *en[] = {"In 2016, the summit opened in Wuzhen.", "It lasted three days.",
                        "More than 1600 guests came from 110 countries, and they talked about the Internet."};
    const char *zh[] = {"2016年，峰会在乌镇开幕。", "会议持续了三天。", "来自110个国家的1600多位嘉宾出席。",
                        "他们讨论了互联网。"};
    doc_text a = make_text("en-US", en, 3), b = make_text("zh-CN", zh, 4);
    align_options o = {.refit_rounds = -1, .lexicons = {.no_builtin = 1}};
    bead *beads;
    size_t n;
    align_fit fit;
    assert_int_equal(align_two(&a, &b, &o, &beads, &n, &fit), 0);
    /* the beads cover both texts in order, each sentence once */
    size_t i = 0, j = 0;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(beads[k].start[0], i);
        assert_int_equal(beads[k].start[1], j);
        assert_true(beads[k].confidence >= 0 && beads[k].confidence <= 1);
        i += beads[k].len[0];
        j += beads[k].len[1];
    }
    assert_int_equal(i, 3);
    assert_int_equal(j, 4);
    assert_int_equal(beads[0].len[0], 1); /* the dates and numbers hold the first two 1-1 */
    assert_int_equal(beads[0].len[1], 1);
    assert_int_equal(beads[n - 1].len[0], 1);
    assert_int_equal(beads[n - 1].len[1], 2); /* the last English sentence is two Chinese ones */
    assert_int_equal(fit.beads, n);
    assert_int_equal(fit.lexicons, 0);
    free(beads);

    /* an empty translation: every pivot sentence alone */
    doc_text none = make_text("zh-CN", zh, 0);
    assert_int_equal(align_two(&a, &none, &o, &beads, &n, &fit), 0);
    assert_int_equal(n, 3);
    for (size_t k = 0; k < n; k++)
        assert_true(beads[k].len[0] == 1 && beads[k].len[1] == 0);
    free(beads);
    free_text(&none);
    free_text(&a);
    free_text(&b);
}

static char warnings[2048];

static void keep_warning(void *ctx, const char *message)
{
    (void)ctx;
    snprintf(warnings + strlen(warnings), sizeof warnings - strlen(warnings), "%s\n", message);
}

static void document_loaded_aligned_judged(void **state)
{
    (void)state;
    align_document d;
    warnings[0] = '\0';
    align_document_init(&d, keep_warning, NULL);
    doc_text_options to = {0};
    assert_int_equal(align_document_load(&d, "corpus/wuzhen/article.en.txt", &to, NULL), 0);
    assert_int_equal(align_document_load(&d, "corpus/wuzhen/article.zh.txt", &to, NULL), 0);
    assert_int_equal(d.ntexts, 2);
    assert_string_equal(d.texts[0].lang, "en-US"); /* guessed, completed */
    assert_string_equal(d.texts[1].lang, "zh-CN");
    align_options o = {.refit_rounds = -1, .lexicons = {.dir = "build/lexicons"}};
    assert_int_equal(align_document_align(&d, &o), 0);
    assert_true(d.n > 0);
    /* every sentence of both texts in exactly one bead, in order */
    size_t covered[2] = {0, 0};
    for (size_t k = 0; k < d.n; k++)
        for (int s = 0; s < 2; s++) {
            assert_int_equal(d.beads[k].start[s], covered[s]);
            covered[s] += d.beads[k].len[s];
        }
    assert_int_equal(covered[0], d.texts[0].n);
    assert_int_equal(covered[1], d.texts[1].n);
    double mean = align_document_mean_confidence(&d);
    assert_true(mean > 0.5 && mean <= 1); /* a real translation */
    assert_int_equal(align_document_doubtful(&d, 0), 0);
    assert_int_equal(align_document_doubtful(&d, 1.01), d.n);
    assert_true(align_document_doubtful(&d, ALIGN_DEFAULT_MIN_SCORE) < d.n / 2);
    assert_int_equal(align_document_judge(&d, 0), 0);
    alignment view = align_document_view(&d);
    assert_int_equal(view.ntexts, 2);
    assert_int_equal(view.n, d.n);
    assert_ptr_equal(view.beads, d.beads);
    assert_ptr_equal(view.text[0], &d.texts[0]);
    align_document_free(&d);

    /* two texts that are not translations of each other: refused, or with force warned about */
    align_document_init(&d, keep_warning, NULL);
    assert_int_equal(align_document_load(&d, "corpus/wuzhen/article.en.txt", &to, NULL), 0);
    assert_int_equal(align_document_load(&d, "corpus/wuzhen/address.zh.txt", &to, NULL), 0);
    assert_int_equal(align_document_align(&d, &o), 0);
    assert_int_equal(align_document_judge(&d, 0), -ERR_DATA);
    warnings[0] = '\0';
    assert_int_equal(align_document_judge(&d, 1), 0);
    assert_true(warnings[0] != '\0');
    align_document_free(&d);

    /* a third text is loaded; a fourth is refused */
    align_document_init(&d, keep_warning, NULL);
    static const char *const files[] = {"corpus/wuzhen/keynote.en.txt", "corpus/wuzhen/keynote.zh.txt",
                                        "corpus/wuzhen/keynote.ru.txt"};
    for (int k = 0; k < 3; k++)
        assert_int_equal(align_document_load(&d, files[k], &to, NULL), 0);
    assert_true(align_document_load(&d, files[0], &to, NULL) < 0);
    assert_int_equal(align_document_align(&d, &o), 0);
    view = align_document_view(&d);
    assert_int_equal(view.ntexts, 3);
    align_document_free(&d);

    /* nothing aligned: no beads, a mean confidence of 0 */
    align_document_init(&d, NULL, NULL);
    assert_true(align_document_mean_confidence(&d) == 0);
    assert_int_equal(align_document_doubtful(&d, 0.7), 0);
    align_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(side_read_from_plain_text),
        cmocka_unit_test(side_presegmented_and_guessed),
        cmocka_unit_test(side_refuses_what_it_cannot_read),
        cmocka_unit_test(full_tags_for_cat_tools),
        cmocka_unit_test(bead_side_text_joined_as_written),
        cmocka_unit_test(anchors_collected_in_text_order),
        cmocka_unit_test(mismatch_judged_on_the_fitted_numbers),
        cmocka_unit_test(align_two_small_texts),
        cmocka_unit_test(document_loaded_aligned_judged),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
