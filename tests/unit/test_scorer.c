/* test_scorer.c — unit tests of the bead cost (align/scorer.h) and what it is made of:
 * the shapes searched (dp.h's align_shape_index), the scorers' names (align.h's
 * align_score_kind), each scorer alone on texts built in memory (priors, lengths,
 * anchors, paragraphs), the model summing them by weight and refusing a ninth, and the
 * features they read computed with shared Han spellings and pruned to what both sides
 * have (features.h). */
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
#include "align/dp.h"
#include "align/features.h"
#include "align/hanlatin.h"
#include "align/scorer.h"
#include "mem_text.h"
#include "util/error.h"

static void every_shape_has_its_index(void **state)
{
    (void)state;
    for (size_t k = 0; k < align_nshapes; k++)
        assert_int_equal(align_shape_index(align_shapes[k].di, align_shapes[k].dj), (int)k);
    assert_int_equal(align_shape_index(1, 1), 0);
    assert_int_equal(align_shape_index(0, 0), -1); /* a bead of nothing */
    assert_int_equal(align_shape_index(3, 3), -1);
    assert_int_equal(align_shape_index(6, 1), -1);
    assert_int_equal(align_shape_index((size_t)-1, 1), -1);
    assert_int_equal(align_shape_index(1, 1000000), -1);
}

static void scorers_by_name(void **state)
{
    (void)state;
    assert_int_equal(align_score_kind("prior"), SCORE_PRIOR);
    assert_int_equal(align_score_kind("length"), SCORE_LENGTH);
    assert_int_equal(align_score_kind("anchors"), SCORE_ANCHORS);
    assert_int_equal(align_score_kind("paragraphs"), SCORE_PARAGRAPHS);
    assert_int_equal(align_score_kind("lexicon"), SCORE_LEXICON);
    assert_int_equal(align_score_kind(""), -1);
    assert_int_equal(align_score_kind("Prior"), -1);
    assert_int_equal(align_score_kind("words"), -1);
    assert_int_equal(align_score_kind("prior "), -1);
}

static void priors_are_minus_log_probabilities(void **state)
{
    (void)state;
    const double *p = prior_default_probs();
    double sum = 0;
    for (size_t k = 0; k < align_nshapes; k++) {
        assert_true(p[k] > 0 && p[k] < 1);
        sum += p[k];
    }
    assert_true(fabs(sum - 1) < 0.02); /* 1.0146: near a distribution, the larger shapes rounded up */
    assert_true(p[align_shape_index(1, 1)] > p[align_shape_index(1, 2)]);
    assert_true(p[align_shape_index(1, 2)] > p[align_shape_index(1, 5)]);

    align_scorer s;
    assert_int_equal(prior_scorer_new(NULL, &s), 0);
    assert_string_equal(s.name, "prior");
    bead_shape_at b11 = {0, 1, 0, 1}, b21 = {0, 2, 0, 1}, b33 = {0, 3, 0, 3};
    assert_true(fabs(s.cost(s.state, NULL, &b11) + log(p[0])) < 1e-12);
    assert_true(fabs(s.cost(s.state, NULL, &b21) + log(p[align_shape_index(2, 1)])) < 1e-12);
    assert_true(isinf(s.cost(s.state, NULL, &b33))); /* a shape never searched */
    s.free_state(s.state);

    /* the document's own probabilities; a zero one is a large cost, never infinite */
    double mine[16] = {0};
    mine[0] = 0.5;
    mine[align_shape_index(2, 1)] = 0.5;
    assert_int_equal(prior_scorer_new(mine, &s), 0);
    assert_true(fabs(s.cost(s.state, NULL, &b11) - log(2)) < 1e-12);
    bead_shape_at b12 = {0, 1, 0, 2};
    double zero = s.cost(s.state, NULL, &b12);
    assert_true(isfinite(zero) && zero > 20);
    s.free_state(s.state);
}

/* Features of both sides, and the pair the scorers see. */
typedef struct {
    doc_text src, tgt;
    text_features fsrc, ftgt;
    align_pair pair;
} fixture;

static void fixture_make(fixture *f, const char *sl, const char **ss, size_t ns, const char *tl, const char **ts,
                         size_t nt)
{
    f->src = make_text(sl, ss, ns);
    f->tgt = make_text(tl, ts, nt);
    assert_int_equal(features_compute(&f->src, &f->fsrc), 0);
    assert_int_equal(features_compute(&f->tgt, &f->ftgt), 0);
    f->pair = (align_pair){&f->src, &f->tgt, &f->fsrc, &f->ftgt};
}

static void fixture_free(fixture *f)
{
    features_free(&f->fsrc);
    features_free(&f->ftgt);
    free_text(&f->src);
    free_text(&f->tgt);
}

static void length_cost_follows_the_ratio(void **state)
{
    (void)state;
    const char *en[] = {"The summit opened on Monday in Wuzhen.", "Short.", "A much longer sentence follows here now."};
    const char *zh[] = {"峰会于周一在乌镇开幕。", "短。", "接下来是一个长得多的句子。"};
    fixture f;
    fixture_make(&f, "en", en, 3, "zh", zh, 3);
    align_scorer s;
    double ratio = (double)f.ftgt.total_chars / (double)f.fsrc.total_chars;
    assert_int_equal(length_scorer_new(&f.pair, ratio, 6.8, &s), 0);
    bead_shape_at right = {0, 1, 0, 1}, wrong = {0, 1, 1, 1}, gap = {0, 1, 0, 0}, joined = {0, 2, 0, 1};
    double c_right = s.cost(s.state, &f.pair, &right), c_wrong = s.cost(s.state, &f.pair, &wrong);
    assert_true(c_right < c_wrong);
    assert_true(s.cost(s.state, &f.pair, &gap) == 0); /* left out: the prior prices it */
    assert_true(s.cost(s.state, &f.pair, &joined) > c_right);
    s.free_state(s.state);

    /* a ratio or variance of zero or less takes the defaults, not a division by zero */
    assert_int_equal(length_scorer_new(&f.pair, 0, -1, &s), 0);
    assert_true(isfinite(s.cost(s.state, &f.pair, &right)));
    s.free_state(s.state);
    fixture_free(&f);
}

static void anchors_reward_what_survives_translation(void **state)
{
    (void)state;
    const char *en[] = {"In 2016, 1600 guests came to WIC.", "Why?", "Nothing here."};
    const char *zh[] = {"2016年，1600位嘉宾参加了WIC。", "为什么？", "这里什么也没有。"};
    fixture f;
    fixture_make(&f, "en", en, 3, "zh", zh, 3);
    align_scorer s;
    assert_int_equal(anchor_scorer_new(&f.pair, &s), 0);
    assert_string_equal(s.name, "anchors");
    bead_shape_at match = {0, 1, 0, 1}, cross = {0, 1, 2, 1}, q = {1, 1, 1, 1}, qcross = {1, 1, 2, 1};
    assert_true(s.cost(s.state, &f.pair, &match) < 0);                        /* numbers and a Latin word shared */
    assert_true(s.cost(s.state, &f.pair, &cross) > 0);                        /* numbers on one side only */
    assert_true(s.cost(s.state, &f.pair, &q) < s.cost(s.state, &f.pair, &qcross)); /* ? meets ？ */
    bead_shape_at gap = {0, 1, 0, 0};
    assert_true(s.cost(s.state, &f.pair, &gap) == 0);
    assert_null(s.free_state); /* stateless */
    fixture_free(&f);
}

static void paragraphs_are_soft_anchors(void **state)
{
    (void)state;
    const char *en[] = {"One.", "Two.", "Three.", "Four."};
    const char *zh[] = {"一。", "二。", "三。", "四。"};
    fixture f;
    fixture_make(&f, "en", en, 4, "zh", zh, 4);
    align_scorer s;
    /* one paragraph on each side: no evidence, no weight */
    assert_int_equal(paragraph_scorer_new(&f.pair, &s), 0);
    assert_true(s.weight == 0);
    /* paragraphs {0,1} {2,3} on both sides */
    f.src.para[2] = f.src.para[3] = 1;
    f.tgt.para[2] = f.tgt.para[3] = 1;
    assert_int_equal(paragraph_scorer_new(&f.pair, &s), 0);
    assert_true(s.weight == 1);
    bead_shape_at inside = {0, 2, 0, 2}, across = {1, 2, 1, 2}, start_both = {2, 1, 2, 1}, start_one = {2, 1, 1, 1};
    assert_true(s.cost(s.state, &f.pair, &inside) == 0);
    assert_true(s.cost(s.state, &f.pair, &across) > 0);
    assert_true(s.cost(s.state, &f.pair, &start_both) == 0);
    assert_true(s.cost(s.state, &f.pair, &start_one) > 0);
    assert_true(s.cost(s.state, &f.pair, &across) > s.cost(s.state, &f.pair, &start_one)); /* crossing costs most */
    fixture_free(&f);

    /* an empty side: no evidence, and nothing read out of bounds */
    fixture_make(&f, "en", en, 0, "zh", zh, 4);
    assert_int_equal(paragraph_scorer_new(&f.pair, &s), 0);
    assert_true(s.weight == 0);
    fixture_free(&f);
}

static int freed;

static double constant_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    (void)p, (void)b;
    return *(const double *)state;
}

static void count_free(void *state)
{
    free(state);
    freed++;
}

static void model_sums_weighted_costs(void **state)
{
    (void)state;
    align_model m = {0};
    bead_shape_at b = {0, 1, 0, 1};
    assert_true(model_cost(&m, &b) == 0); /* no scorer: no cost */
    freed = 0;
    for (size_t k = 0; k < MAX_SCORERS; k++) {
        double *c = malloc(sizeof *c);
        *c = (double)(k + 1);
        assert_int_equal(model_add(&m, (align_scorer){"c", 0.5, c, constant_cost, count_free}), 0);
    }
    assert_int_equal(m.n, MAX_SCORERS);
    assert_true(fabs(model_cost(&m, &b) - 0.5 * MAX_SCORERS * (MAX_SCORERS + 1) / 2) < 1e-12);
    /* one too many: refused, its state freed at once */
    double *extra = malloc(sizeof *extra);
    *extra = 100;
    assert_int_equal(model_add(&m, (align_scorer){"x", 1, extra, constant_cost, count_free}), -ERR_SOFTWARE);
    assert_int_equal(freed, 1);
    assert_int_equal(m.n, MAX_SCORERS);
    model_free(&m);
    assert_int_equal(freed, MAX_SCORERS + 1);
    assert_int_equal(m.n, 0);
    model_free(&m); /* twice is harmless */
    assert_int_equal(freed, MAX_SCORERS + 1);
}

static void features_with_shared_spellings_and_pruned(void **state)
{
    (void)state;
    const char *en[] = {"Xi Jinping spoke in Wuzhen in 2016.", "Paris and 42 others."};
    const char *zh[] = {"习近平2016年在乌镇讲话。", "还有别的。"};
    doc_text a = make_text("en", en, 2), b = make_text("zh", zh, 2);
    han_spellings *han = NULL;
    assert_int_equal(han_spellings_new(&han), 0);
    text_features fa, fb, own;
    assert_int_equal(features_compute_with(&a, han, &fa), 0);
    assert_int_equal(features_compute_with(&b, han, &fb), 0);
    assert_int_equal(features_compute(&b, &own), 0);
    /* shared spellings change nothing of what is found */
    assert_int_equal(fb.nkeys, own.nkeys);
    assert_memory_equal(fb.keys, own.keys, own.nkeys * sizeof *own.keys);
    assert_int_equal(fa.n, 2);
    assert_int_equal(fa.s[0].count[ANCHOR_NUMBER], 1);

    size_t before = fa.nkeys;
    assert_int_equal(features_prune_to_shared(&fa, &fb), 0);
    /* "Paris" and 42 have no counterpart in Chinese: gone; 2016 stays on both sides */
    assert_true(fa.nkeys < before);
    assert_int_equal(fa.s[1].count[ANCHOR_NUMBER], 0);
    assert_int_equal(fa.s[0].count[ANCHOR_NUMBER], 1);
    assert_int_equal(fb.s[0].count[ANCHOR_NUMBER], 1);
    int shared, only_a, only_b;
    features_overlap(&fa, 0, 1, &fb, 0, 1, ANCHOR_NUMBER, &shared, &only_a, &only_b);
    assert_int_equal(shared, 1);
    assert_int_equal(only_a + only_b, 0);
    /* pruned again: nothing more to drop */
    size_t after = fa.nkeys;
    assert_int_equal(features_prune_to_shared(&fa, &fb), 0);
    assert_int_equal(fa.nkeys, after);
    features_free(&fa);
    features_free(&fb);
    features_free(&own);
    han_spellings_free(han);
    free_text(&a);
    free_text(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shape_has_its_index),
        cmocka_unit_test(scorers_by_name),
        cmocka_unit_test(priors_are_minus_log_probabilities),
        cmocka_unit_test(length_cost_follows_the_ratio),
        cmocka_unit_test(anchors_reward_what_survives_translation),
        cmocka_unit_test(paragraphs_are_soft_anchors),
        cmocka_unit_test(model_sums_weighted_costs),
        cmocka_unit_test(features_with_shared_spellings_and_pruned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
