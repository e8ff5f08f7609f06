/* test_lexmodel.c — unit tests of the lexical score's document model (align/lexmodel.h)
 * from a user's lexicon to a bead's cost: the counts of a lexicon builder (lexicon.h)
 * and of a set of user files (lexuser.h), a side's words with every content word kept
 * (lexset.h's lexset_side_all), a bead's coverage, the coverage masks of a band giving
 * the very costs computed without them, costs recomputed after the rates change, and the
 * lexical scorer reading the model (scorer.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/dp.h"
#include "align/lexicon.h"
#include "align/lexmodel.h"
#include "align/lexset.h"
#include "align/lexuser.h"
#include "align/scorer.h"
#include "mem_text.h"
#include "scratch.h"
#include "util/error.h"

static const char terms[] = "summit\t峰会\nleader\t领导人\nInternet\t互联网\nsecurity\t安全\ncountry\t国家\n"
                            "future\t未来\ngovernance\t治理\n";

static void builder_and_user_set_count(void **state)
{
    (void)state;
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    assert_int_equal(lexicon_builder_count(b), 0);
    assert_int_equal(lexicon_builder_link(b, "summit", 6, "峰会", strlen("峰会")), 0);
    assert_int_equal(lexicon_builder_link(b, "summit", 6, "峰会", strlen("峰会")), 0); /* duplicates count */
    assert_int_equal(lexicon_builder_link(b, "leader", 6, "领导人", strlen("领导人")), 0);
    assert_int_equal(lexicon_builder_count(b), 3);
    void *bytes;
    size_t len;
    assert_int_equal(lexicon_builder_compile(b, &bytes, &len), 0);
    assert_int_equal(lexicon_builder_count(b), 3); /* still usable, still counted */
    free(bytes);
    lexicon_builder_free(b);

    const char *files[] = {"a.tsv", "b.tsv", "c.tsv"};
    user_lexicons *u;
    assert_int_equal(user_lexicons_new(files, NULL, 3, &u), 0); /* reads nothing yet */
    assert_int_equal(user_lexicons_count(u), 3);
    user_lexicons_free(u);
    assert_int_equal(user_lexicons_new(NULL, NULL, 0, &u), 0);
    assert_int_equal(user_lexicons_count(u), 0);
    user_lexicons_free(u);
}

/* The lexicon set of the test's terms only (no built-in lexicon). */
static lexset *open_terms(user_lexicons **u)
{
    const char *files[] = {write_file("terms.tsv", terms, sizeof terms - 1)};
    assert_int_equal(user_lexicons_new(files, NULL, 1, u), 0);
    lexset_config cfg = {NULL, *u, 1, NULL};
    lexset *ls;
    int missing;
    assert_int_equal(lexset_open("en", "zh", &cfg, &ls, &missing), 0);
    assert_int_equal(lexset_count(ls), 1);
    return ls;
}

static const char *en[] = {"The summit opened on Monday.", "Leaders from many countries came.",
                           "They spoke of Internet security.", "The future of governance was debated."};
static const char *zh[] = {"峰会于周一开幕。", "许多国家的领导人来了。", "他们谈到了互联网安全。", "会议讨论了治理的未来。"};

static void side_keeps_every_content_word_when_asked(void **state)
{
    (void)state;
    user_lexicons *u;
    lexset *ls = open_terms(&u);
    doc_text t = make_text("en-US", en, 4);
    lex_side known, all;
    assert_int_equal(lexset_side(ls, 0, &t, &known), 0);
    assert_int_equal(lexset_side_all(ls, 0, &t, &all), 0);
    assert_null(known.all);
    assert_non_null(all.all);
    assert_int_equal(all.n, 4);
    for (size_t k = 0; k < 4; k++) {
        /* the same known words either way, and at least as many content words in all */
        assert_int_equal(all.wstart[k + 1] - all.wstart[k], known.wstart[k + 1] - known.wstart[k]);
        assert_true(all.astart[k + 1] - all.astart[k] >= all.wstart[k + 1] - all.wstart[k]);
        for (uint32_t x = all.astart[k] + 1; x < all.astart[k + 1]; x++)
            assert_true(all.all[x - 1] < all.all[x]); /* sorted, unique */
    }
    /* "Monday" and "opened" are content words no lexicon knows */
    assert_true(all.astart[1] - all.astart[0] > all.wstart[1] - all.wstart[0]);
    /* "summit" is the one known word of sentence 0 */
    assert_int_equal(known.wstart[1] - known.wstart[0], 1);
    lex_side_free(&known);
    lex_side_free(&all);

    doc_text none = make_text("en-US", en, 0);
    assert_int_equal(lexset_side_all(ls, 0, &none, &all), 0);
    assert_int_equal(all.n, 0);
    lex_side_free(&all);
    free_text(&none);
    free_text(&t);
    lexset_free(ls);
    user_lexicons_free(u);
}

static void model_from_the_terms(void **state)
{
    (void)state;
    user_lexicons *u;
    lexset *ls = open_terms(&u);
    doc_text a = make_text("en-US", en, 4), b = make_text("zh-CN", zh, 4);
    lex_side sides[2];
    assert_int_equal(lexset_side(ls, 0, &a, &sides[0]), 0);
    assert_int_equal(lexset_side(ls, 1, &b, &sides[1]), 0);
    lexmodel *m;
    assert_int_equal(lexmodel_new(sides, &m), 0);

    /* coverage: the right bead covers its words, a wrong one does not */
    lex_coverage right, wrong, wide;
    lexmodel_coverage(m, 2, 1, 2, 1, &right); /* Internet security: 互联网安全 */
    assert_int_equal(right.words[0], 2);
    assert_int_equal(right.covered[0], 2);
    assert_int_equal(right.covered[1], right.words[1]);
    assert_true(right.weakest == 1);
    lexmodel_coverage(m, 2, 1, 0, 1, &wrong);
    assert_int_equal(wrong.covered[0], 0);
    assert_true(wrong.weakest == 0);
    lexmodel_coverage(m, 0, 2, 0, 2, &wide);
    assert_int_equal(wide.covered[0], wide.words[0]);
    lexmodel_coverage(m, 1, 0, 1, 1, &wide); /* one side empty: its words not counted */
    assert_int_equal(wide.words[0], 0);

    /* the band's coverage masks give the same cost as computing them bead by bead,
     * inside the band and outside it */
    double before[4][4][3][3];
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++)
            for (size_t di = 0; di < 3 && i + di <= 4; di++)
                for (size_t dj = 0; dj < 3 && j + dj <= 4; dj++)
                    before[i][j][di][dj] = lexmodel_cost(m, i, di, j, dj);
    dp_band band;
    assert_int_equal(band_full(&band, 4, 4), 0);
    for (size_t r = 0; r <= 4; r++) /* a narrow corridor: the diagonal */
        band.lo[r] = band.hi[r] = r;
    assert_int_equal(lexmodel_set_band(m, &band), 0);
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++)
            for (size_t di = 0; di < 3 && i + di <= 4; di++)
                for (size_t dj = 0; dj < 3 && j + dj <= 4; dj++)
                    assert_true(fabs(lexmodel_cost(m, i, di, j, dj) - before[i][j][di][dj]) < 1e-9);
    band_free(&band);
    assert_true(before[2][2][1][1] < before[2][0][1][1]);

    /* the scorer reads the model, which stays the caller's */
    align_scorer s;
    assert_int_equal(lexical_scorer_new(m, &s), 0);
    assert_string_equal(s.name, "lexicon");
    assert_null(s.free_state);
    bead_shape_at at = {2, 1, 2, 1};
    assert_true(fabs(s.cost(s.state, NULL, &at) - before[2][2][1][1]) < 1e-12);

    /* rates changed by hand: the costs follow once recomputed */
    double old = lexmodel_cost(m, 2, 1, 2, 1);
    for (int side = 0; side < 2; side++)
        for (size_t v = 0; v < m->nv[side]; v++)
            m->q[side][v] = 0.0; /* no word is ever covered in a right bead: no evidence */
    lexmodel_update_costs(m);
    double flat = lexmodel_cost(m, 2, 1, 2, 1);
    assert_true(flat != old);
    assert_true(fabs(flat - lexmodel_cost(m, 2, 1, 0, 1)) < 1e-9); /* right and wrong alike */
    for (int side = 0; side < 2; side++)
        for (size_t v = 0; v < m->nv[side]; v++)
            m->q[side][v] = 1.0; /* clamped: finite costs */
    lexmodel_update_costs(m);
    assert_true(isfinite(lexmodel_cost(m, 2, 1, 0, 1)));
    assert_true(lexmodel_cost(m, 2, 1, 2, 1) < lexmodel_cost(m, 2, 1, 0, 1));

    lexmodel_free(m);
    lex_side_free(&sides[0]);
    lex_side_free(&sides[1]);
    free_text(&a);
    free_text(&b);
    lexset_free(ls);
    user_lexicons_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builder_and_user_set_count),
        cmocka_unit_test(side_keeps_every_content_word_when_asked),
        cmocka_unit_test(model_from_the_terms),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
