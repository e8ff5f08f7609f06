/* test_align.c — unit tests of src/align: the bead DP and its band, features and
 * anchors, the length model, three-way merging, a bead's shape name, the bead-confidence
 * model. */
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
#include "align/bead_confidence.h"
#include "align/coarse.h"
#include "align/dp.h"
#include "align/features.h"
#include "align/hard_anchor.h"
#include "align/alignment.h"
#include "align/scorer.h"
#include "align/weights.h"
#include "mem_text.h"
#include "util/error.h"

/* costs: 1-1 beads where i == j are free, everything else costs */
static double diagonal_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    (void)ctx;
    return di == 1 && dj == 1 && i == j ? 0 : 1.0 + di + dj;
}

static void dp_finds_the_cheapest_path(void **state)
{
    (void)state;
    dp_band band;
    assert_int_equal(band_full(&band, 5, 5), 0);
    dp_bead *b;
    size_t n;
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 1, &b, &n, NULL), 0);
    assert_int_equal(n, 5);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(b[k].i, k);
        assert_int_equal(b[k].di, 1);
        assert_int_equal(b[k].dj, 1);
        assert_true(b[k].confidence > 0.5 && b[k].confidence <= 1.0);
    }
    free(b);
    band_free(&band);
}

/* costs for the posterior: on a 2×2 document, 2-2 costs 2 and each 1-1 costs 1, so the
 * two paths [1-1][1-1] and [2-2] cost the same; every other bead costs 40 (weight e^-40) */
static double two_ways_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    (void)ctx;
    if (di == 2 && dj == 2)
        return 2.0;
    return di == 1 && dj == 1 && i == j ? 1.0 : 40.0;
}

/* A bead's confidence is its posterior probability: with two equally good alignments,
 * each bead of the one chosen holds half the weight; with one clearly best, nearly all. */
static void dp_confidence_is_a_posterior(void **state)
{
    (void)state;
    dp_band band;
    assert_int_equal(band_full(&band, 2, 2), 0);
    dp_bead *b;
    size_t n;
    assert_int_equal(dp_align(&band, two_ways_cost, NULL, align_nshapes, 1, &b, &n, NULL), 0);
    assert_true(n == 1 || n == 2);
    for (size_t k = 0; k < n; k++)
        assert_true(fabs(b[k].confidence - 0.5) < 1e-3);
    free(b);
    band_free(&band);
    /* diagonal_cost: the 1-1 path costs 0, the next best 3 or more, so each bead carries
     * all but a few per cent of the weight */
    assert_int_equal(band_full(&band, 3, 3), 0);
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 1, &b, &n, NULL), 0);
    assert_int_equal(n, 3);
    for (size_t k = 0; k < n; k++)
        assert_true(b[k].confidence > 0.8 && b[k].confidence <= 1.0);
    free(b);
    band_free(&band);
}

/* The evidence of the path's beads agrees with their posteriors; a sure path has wide
 * margins, a tie none. */
static void dp_evidence_of_the_path(void **state)
{
    (void)state;
    dp_band band;
    assert_int_equal(band_full(&band, 3, 3), 0);
    dp_bead *b;
    bead_evidence *ev;
    size_t n;
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 1, &b, &n, &ev), 0);
    assert_int_equal(n, 3);
    for (size_t k = 0; k < n; k++) {
        assert_true(fabs(ev[k].posterior - b[k].confidence) < 1e-12);
        assert_true(ev[k].start_node >= ev[k].posterior - 1e-6 && ev[k].end_node >= ev[k].posterior - 1e-6);
        assert_true(ev[k].rival < 0.2);
        assert_true(ev[k].soft_posterior < ev[k].posterior && ev[k].soft_posterior > 0);
        assert_true(ev[k].margin >= 2.9); /* the cheapest rival bead costs 3 */
    }
    free(b);
    free(ev);
    band_free(&band);
    assert_int_equal(band_full(&band, 2, 2), 0);
    assert_int_equal(dp_align(&band, two_ways_cost, NULL, align_nshapes, 1, &b, &n, &ev), 0);
    for (size_t k = 0; k < n; k++)
        assert_true(ev[k].margin < 1e-3 && fabs(ev[k].rival - 0.5) < 1e-3);
    free(b);
    free(ev);
    /* without confidences, no evidence */
    assert_int_equal(dp_align(&band, two_ways_cost, NULL, align_nshapes, 0, &b, &n, &ev), 0);
    assert_null(ev);
    free(b);
    band_free(&band);
}

/* costs of a long document: each 1-1 bead on the diagonal costs 7 to 8, varying as real
 * beads do (the path's cost reaches 750,000, where a float rounds to 0.06), any other
 * bead 8 more than its size in diagonal steps */
static double long_diagonal_cost(void *ctx, size_t i, size_t di, size_t j, size_t dj)
{
    (void)ctx;
    double diagonal = 7 + (double)(i * 7919 % 101) / 100;
    return di == 1 && dj == 1 && i == j ? diagonal : 8 + 4 * (double)(di + dj);
}

/* On a document of 100,000 sentences, the posteriors of a clear path stay as high as on
 * a short one: the sums of path costs keep their precision however long the path. */
static void dp_posteriors_hold_on_long_documents(void **state)
{
    (void)state;
    enum { N = 100000, HALF_WIDTH = 3 };
    dp_band band;
    assert_int_equal(band_full(&band, N, N), 0);
    for (size_t i = 0; i <= N; i++) {
        band.lo[i] = i > HALF_WIDTH ? i - HALF_WIDTH : 0;
        band.hi[i] = i + HALF_WIDTH < N ? i + HALF_WIDTH : N;
    }
    dp_bead *b;
    size_t n;
    assert_int_equal(dp_align(&band, long_diagonal_cost, NULL, align_nshapes, 1, &b, &n, NULL), 0);
    assert_int_equal(n, N);
    double lowest = 1;
    for (size_t k = 0; k < n; k++)
        lowest = fmin(lowest, b[k].confidence);
    assert_true(lowest > 0.99); /* every detour costs 8 more: e^-8 of the weight each */
    free(b);
    band_free(&band);
}

/* Features of a bead, the model text, and the probability it gives. */
static void confidence_model_reads_and_applies(void **state)
{
    (void)state;
    bead_observation o = {.di = 2, .dj = 1, .ev = {0.9, 0.95, 1.0, 0.1, 0.8, 2.5}, .prev = 1, .next = 0.5,
                          .neighbours_empty = 1, .doc_posterior = 0.9, .length_cost = 30,
                          .cov = {{4, 2}, {3, 1}, 0.25}, .doc_rate = {0.5, 0.5}, .chars = {100, 35}, .ratio = 0.35};
    double f[CONF_FEATURES];
    confidence_features(&o, f);
    assert_true(f[CONF_BIAS] == 1);
    assert_true(fabs(f[CONF_POSTERIOR_LOGIT] - log(9.0)) < 1e-9);
    assert_true(fabs(f[CONF_NODE_LOGIT] - log(19.0)) < 1e-9);
    assert_true(fabs(f[CONF_NEIGHBOUR_LOGIT]) < 1e-9);
    assert_true(f[CONF_ONE_TO_ONE] == 0 && f[CONF_EMPTY_SIDE] == 0 && f[CONF_EXTRA_SENTENCES] == 1);
    assert_true(f[CONF_LENGTH_COST] == 20); /* capped */
    assert_true(fabs(f[CONF_COVERAGE] - 4.0 / 6) < 1e-9 && f[CONF_COVERAGE_WEAKEST] == 0.25);
    assert_true(fabs(f[CONF_COVERAGE_EXCESS] - (4.0 / 6 - 0.5)) < 1e-9 && f[CONF_NO_WORDS] == 0);
    assert_true(fabs(f[CONF_COVERAGE_Z] - (1 - 1) / sqrt(1 * 0.5 + 1)) < 1e-9); /* the target side: 1 of 2 */
    assert_true(fabs(f[CONF_RATIO_DEVIATION]) < 1e-9 && f[CONF_NEIGHBOURS_EMPTY] == 1);
    /* a posterior of exactly 1 is not infinitely sure */
    o.ev.posterior = 1;
    confidence_features(&o, f);
    assert_true(isfinite(f[CONF_POSTERIOR_LOGIT]) && f[CONF_POSTERIOR_LOGIT] > 9);

    /* the shape classes' own terms: a 2-1 bead's are zero, a 1-1 bead's repeat its features */
    double t[CONF_TERMS];
    confidence_terms(f, t);
    assert_true(t[CONF_POSTERIOR_LOGIT] == f[CONF_POSTERIOR_LOGIT]);
    assert_true(t[CONF_CLASS_ONE_TO_ONE * CONF_FEATURES + CONF_POSTERIOR_LOGIT] == 0);
    char name[64];
    confidence_term_name(CONF_CLASS_ONE_TO_ONE * CONF_FEATURES + CONF_MARGIN, name, sizeof name);
    assert_string_equal(name, "margin@one_to_one");

    char text[8192];
    size_t len = (size_t)snprintf(text, sizeof text, "# a comment\n");
    for (int k = 0; k < CONF_TERMS; k++) {
        confidence_term_name(k, name, sizeof name);
        len += (size_t)snprintf(text + len, sizeof text - len, "%s %s\n", name,
                                k == CONF_POSTERIOR_LOGIT ? "1" : k == CONF_BIAS ? "-0.5"
                                : k == CONF_CLASS_ONE_TO_ONE * CONF_FEATURES + CONF_BIAS ? "2" : "0");
    }
    confidence_model m;
    assert_int_equal(confidence_model_parse(text, len, "t", &m), 0);
    o.ev.posterior = 0.9;
    confidence_features(&o, f);
    assert_true(fabs(confidence_model_apply(&m, f) - 1 / (1 + exp(0.5 - log(9.0)))) < 1e-9);
    o.di = 1; /* a 1-1 bead: its class's bias counts too */
    confidence_features(&o, f);
    assert_true(fabs(confidence_model_apply(&m, f) - 1 / (1 + exp(0.5 - 2 - log(9.0)))) < 1e-9);
    o.di = 2;
    /* a term missing, repeated, unknown (of a feature or a class), or a weight that is no number */
    assert_int_equal(confidence_model_parse(text, len - strlen("leak@one_to_one 0\n"), "t", &m), -ERR_DATA);
    char bad[8400];
    snprintf(bad, sizeof bad, "%sbias 1\n", text);
    assert_int_equal(confidence_model_parse(bad, strlen(bad), "t", &m), -ERR_DATA);
    snprintf(bad, sizeof bad, "%snot_a_feature 1\n", text);
    assert_int_equal(confidence_model_parse(bad, strlen(bad), "t", &m), -ERR_DATA);
    snprintf(bad, sizeof bad, "%smargin@two_to_one 1\n", text);
    assert_int_equal(confidence_model_parse(bad, strlen(bad), "t", &m), -ERR_DATA);
    snprintf(bad, sizeof bad, "%smargin@ 1\n", text);
    assert_int_equal(confidence_model_parse(bad, strlen(bad), "t", &m), -ERR_DATA);
    snprintf(bad, sizeof bad, "bias x\n%s", text + strlen("# a comment\nbias -0.5\n"));
    assert_int_equal(confidence_model_parse(bad, strlen(bad), "t", &m), -ERR_DATA);
    /* the built-in model reads, and ranks a sure bead above a doubtful one */
    assert_int_equal(confidence_model_builtin(&m), 0);
    o.ev.posterior = 0.3;
    confidence_features(&o, f);
    double doubtful = confidence_model_apply(&m, f);
    o = (bead_observation){.di = 1, .dj = 1, .ev = {0.999, 0.999, 0.999, 0.001, 0.99, 8}, .prev = 0.999,
                           .next = 0.999, .doc_posterior = 0.95, .cov = {{5, 5}, {4, 4}, 0.8}, .doc_rate = {0.6, 0.6},
                           .chars = {80, 28}, .ratio = 0.35};
    confidence_features(&o, f);
    double sure = confidence_model_apply(&m, f);
    assert_true(sure > 0.9 && doubtful < sure);
    /* the confidence never rises above the posterior */
    assert_true(confidence_of_bead(&m, f, 0.4) == 0.4 && confidence_of_bead(&m, f, 1) == sure);
}

static void dp_reports_an_empty_band(void **state)
{
    (void)state;
    dp_band band;
    assert_int_equal(band_full(&band, 4, 4), 0);
    for (size_t i = 1; i <= 4; i++)
        band.lo[i] = band.hi[i] = 0; /* (4,4) unreachable */
    dp_bead *b;
    size_t n;
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 0, &b, &n, NULL), -1);
    band_free(&band);
}

/* A forced node is passed through even when the cheapest path would step over it: on a
 * 5x5 diagonal, node (2, 3) makes the path leave the diagonal, and no bead straddles it. */
static void dp_passes_through_forced_nodes(void **state)
{
    (void)state;
    static const dp_node nodes[] = {{2, 3}};
    dp_band band;
    assert_int_equal(band_full(&band, 5, 5), 0);
    band_force(&band, nodes, 1);
    assert_true(band.hi[1] <= 3 && band.lo[3] >= 3); /* rows above end at 3, rows below start there */
    dp_bead *b;
    size_t n;
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 1, &b, &n, NULL), 0);
    int through = 0;
    for (size_t k = 0; k < n; k++) {
        size_t ei = b[k].i + b[k].di, ej = b[k].j + b[k].dj;
        assert_true((ei <= 2 && ej <= 3) || (b[k].i >= 2 && b[k].j >= 3));
        through |= ei == 2 && ej == 3;
        assert_true(b[k].confidence >= 0 && b[k].confidence <= 1.0);
    }
    assert_true(through);
    free(b);
    /* a bead that would step over the node is not allowed; one ending on it is */
    assert_false(band_bead_allowed(&band, 1, 2, 2, 2));
    assert_true(band_bead_allowed(&band, 1, 1, 2, 1));
    assert_true(band_bead_allowed(&band, 2, 1, 3, 1));
    band_free(&band);
    /* without nodes, the diagonal again */
    assert_int_equal(band_full(&band, 5, 5), 0);
    assert_int_equal(dp_align(&band, diagonal_cost, NULL, align_nshapes, 0, &b, &n, NULL), 0);
    assert_int_equal(n, 5);
    free(b);
    band_free(&band);
}

/* The band of a long document pair built chapter by chapter holds each forced node, and
 * the DP finds a path through all of them. */
static void coarse_band_keeps_forced_nodes(void **state)
{
    (void)state;
    enum { N = 2000 };
    uint32_t *src = malloc(N * sizeof *src), *tgt = malloc(N * sizeof *tgt);
    for (size_t k = 0; k < N; k++)
        src[k] = tgt[k] = 20 + (uint32_t)((k * 7919) % 97);
    static const dp_node nodes[] = {{500, 520}, {1200, 1190}, {1600, 1600}};
    dp_band band;
    assert_int_equal(coarse_band_forced(src, N, tgt, N, 1.0, 6.8, nodes, 3, &band), 0);
    for (size_t k = 0; k < 3; k++)
        assert_true(band.lo[nodes[k].i] <= nodes[k].j && nodes[k].j <= band.hi[nodes[k].i]);
    assert_int_equal(band_widen(&band, 8), 0);
    assert_true(band.hi[499] <= 520 && band.lo[501] >= 520);
    band_free(&band);
    free(src);
    free(tgt);
}

/* Markers pair k-th with k-th and must be as many on both sides; headings pair when
 * their numbers agree and are left out (flagged) when they do not. */
static void hard_anchors_pair_up(void **state)
{
    (void)state;
    text_anchor a[] = {{0, 1, 1}, {4, 4, 0}, {7, 8, 1}}, b[] = {{0, 1, 1}, {3, 3, 0}, {9, 10, 1}};
    hard_anchor_pair_in in = {"a", "b", a, b, 3, 3, 12, 14};
    dp_node *nodes;
    size_t n;
    int unpaired;
    assert_int_equal(hard_anchor_pair(&in, &nodes, &n, &unpaired), 0);
    assert_false(unpaired);
    /* (0,0) is a corner and dropped: (1,1), (4,3), (7,9), (8,10) */
    assert_int_equal(n, 4);
    assert_true(nodes[0].i == 1 && nodes[0].j == 1 && nodes[1].i == 4 && nodes[1].j == 3);
    assert_true(nodes[2].i == 7 && nodes[2].j == 9 && nodes[3].i == 8 && nodes[3].j == 10);
    free(nodes);
    in.ntgt = 2; /* one heading fewer: markers only */
    assert_int_equal(hard_anchor_pair(&in, &nodes, &n, &unpaired), 0);
    assert_true(unpaired);
    assert_int_equal(n, 1);
    assert_true(nodes[0].i == 4 && nodes[0].j == 3);
    free(nodes);
    in.ntgt = 1; /* no marker on one side: refused */
    assert_int_equal(hard_anchor_pair(&in, &nodes, &n, &unpaired), -65);
    /* blanking marker lines keeps offsets and drops the paragraph's kind */
    char text[] = "Title\n\n<<<>>>\n\nBody.\n";
    unsigned char kind[] = {1, 0, 0};
    size_t nk = 3, *off, noff;
    assert_int_equal(text_anchors_blank_markers(text, strlen(text), "<<<>>>", kind, &nk, &off, &noff), 0);
    assert_int_equal(noff, 1);
    assert_int_equal(off[0], 7);
    assert_int_equal(nk, 2);
    assert_string_equal(text, "Title\n\n      \n\nBody.\n");
    free(off);
}

static void coarse_band_holds_the_diagonal(void **state)
{
    (void)state;
    enum { N = 3000 };
    uint32_t *src = malloc(N * sizeof *src), *tgt = malloc(N * sizeof *tgt);
    for (size_t k = 0; k < N; k++)
        src[k] = tgt[k] = 20 + (uint32_t)((k * 7919) % 97); /* varied lengths, translated 1:1 */
    dp_band band;
    assert_int_equal(coarse_band(src, N, tgt, N, 1.0, 6.8, &band), 0);
    size_t width = 0;
    for (size_t i = 0; i <= N; i++) {
        assert_true(band.lo[i] <= i && i <= band.hi[i]);
        width += band.hi[i] - band.lo[i] + 1;
    }
    assert_true(width / (N + 1) < 64); /* a band, not the full matrix */
    band_free(&band);
    free(src);
    free(tgt);
}

static void length_cost_is_a_tail(void **state)
{
    (void)state;
    assert_true(length_cost_gc(100, 100, 1.0, 6.8) < 0.01);
    assert_true(length_cost_gc(100, 130, 1.0, 6.8) > length_cost_gc(100, 110, 1.0, 6.8));
    assert_true(fabs(length_cost_gc(100, 30, 0.3, 2.0)) < 0.01); /* the ratio is applied */
    /* continuous where the table ends (z = 25, lt = 4250 here) and the asymptote starts */
    double below = length_cost_gc(0, 4249, 1.0, 6.8), above = length_cost_gc(0, 4251, 1.0, 6.8);
    assert_true(isfinite(below) && below > 600 && above > below && above - below < 1.0);
}

/* One English sentence and one in lang, as texts with their features. */
typedef struct {
    doc_text a, b;
    text_features fa, fb;
} sentence_pair;

static void sentence_pair_make(sentence_pair *x, const char *en, const char *other, const char *lang)
{
    x->a = make_text("en", &en, 1);
    x->b = make_text(lang, &other, 1);
    assert_int_equal(features_compute(&x->a, &x->fa), 0);
    assert_int_equal(features_compute(&x->b, &x->fb), 0);
}

static void sentence_pair_free(sentence_pair *x)
{
    features_free(&x->fa);
    features_free(&x->fb);
    free_text(&x->a);
    free_text(&x->b);
}

static int shared_keys(const char *en, const char *other, const char *lang, anchor_kind kind)
{
    sentence_pair x;
    sentence_pair_make(&x, en, other, lang);
    int shared, oa, ob;
    features_overlap(&x.fa, 0, 1, &x.fb, 0, 1, kind, &shared, &oa, &ob);
    sentence_pair_free(&x);
    return shared;
}

static void anchors_survive_translation(void **state)
{
    (void)state;
    assert_int_equal(shared_keys("Some 1,600 people from 110 countries.", "约1600人来自110个国家。", "zh", ANCHOR_NUMBER), 2);
    assert_int_equal(shared_keys("The 3rd conference.", "第三届大会。", "zh", ANCHOR_NUMBER), 1);
    assert_int_equal(shared_keys("It was said by President Xi Jinping today.", "习近平主席说。", "zh", ANCHOR_NAME), 2);
    assert_int_equal(shared_keys("Director Denis Davydov said so.", "Так сказал директор Денис Давыдов.", "ru", ANCHOR_NAME), 2);
    assert_int_equal(shared_keys("The WIC report.", "WIC报告。", "zh", ANCHOR_LATIN), 1);
    assert_int_equal(shared_keys("No numbers here.", "这里没有数字。", "zh", ANCHOR_NUMBER), 0);
}

static void features_count_characters(void **state)
{
    (void)state;
    sentence_pair x;
    sentence_pair_make(&x, "Hello, big world!", "你好，世界！", "zh");
    assert_int_equal(x.fa.s[0].chars, 15); /* spaces excluded */
    assert_int_equal(x.fb.s[0].chars, 6);
    assert_int_equal(x.fa.s[0].exclamations, 1);
    assert_int_equal(x.fb.s[0].exclamations, 1);
    sentence_pair_free(&x);
}

/* The features of n sentences of language lang (the text itself is not kept). */
static void features_of(const char *lang, const char **sentences, size_t n, text_features *f)
{
    doc_text t = make_text(lang, sentences, n);
    assert_int_equal(features_compute(&t, f), 0);
    free_text(&t);
}

/* The quotation marks counted in one sentence of language lang. */
static int quotes_of(const char *lang, const char *sentence)
{
    text_features f;
    features_of(lang, &sentence, 1, &f);
    int q = f.s[0].quotes;
    features_free(&f);
    return q;
}

/* Dialogue in ASCII single quotes (British novels typed plainly) counts its quotation
 * marks as “ ” do; an apostrophe inside a word (Trinket's, don't) is no quotation mark. */
static void features_count_ascii_single_quotes(void **state)
{
    (void)state;
    assert_int_equal(quotes_of("en", "'I won a dozen taels,' replied Trinket."), 2);
    assert_int_equal(quotes_of("en", "Trinket's friends don't know."), 0);
    assert_int_equal(quotes_of("en", "\u2018Yes,\u2019 he said."), 2);
    assert_int_equal(quotes_of("zh", "韦小宝道：\u201c赢了十几两银子。\u201d"), 2);
}

/* Whether each sentence ends inside a quotation, from its last quotation mark (the state
 * of the sentence before when it has none). */
static void features_follow_quotations(void **state)
{
    (void)state;
    const char *en[] = {"'Stop her, Zhou dear!' said Xi-feng in alarm.", "'She mustn't do that,",
                        "Trinket's friends don't know.", "I am much too young!'", "\u201cYes,\u201d he said, \u201cbut"};
    const char *zh[] = {"凤姐忙说：\u201c周姐姐，搀着不拜罢。", "我年轻。\u201d"};
    text_features fa, fb;
    features_of("en", en, 5, &fa);
    features_of("zh", zh, 2, &fb);
    const int en_inside[] = {0, 1, 1, 0, 1};
    for (int k = 0; k < 5; k++)
        assert_int_equal(fa.s[k].in_quote, en_inside[k]);
    assert_int_equal(fb.s[0].in_quote, 1);
    assert_int_equal(fb.s[1].in_quote, 0);
    features_free(&fa);
    features_free(&fb);
}

/* The anchor score of the 1-1 bead of one English and one Chinese sentence. */
static double anchor_cost_of(const char *en, const char *zh)
{
    sentence_pair x;
    sentence_pair_make(&x, en, zh, "zh");
    align_pair p = {&x.a, &x.b, &x.fa, &x.fb};
    align_scorer s;
    assert_int_equal(anchor_scorer_new(&p, &s), 0);
    bead_shape_at one_to_one = {0, 1, 0, 1};
    double c = s.cost(s.state, &p, &one_to_one);
    sentence_pair_free(&x);
    return c;
}

/* A bead that ends inside a quotation on one side only (a speaker's turn cut apart) costs
 * ANCHOR_QUOTE_STATE_PENALTY more than one ending inside it on both, the marks counted
 * alike. */
static void anchors_keep_quotations_whole(void **state)
{
    (void)state;
    double both = anchor_cost_of("'Go on, he said.", "他说：\u201c去吧。");
    double one = anchor_cost_of("'Go on, he said.", "去吧。\u201d他说。");
    assert_true(fabs(one - both - ANCHOR_QUOTE_STATE_PENALTY) < 1e-9);
}

static void three_way_beads_partition_every_text(void **state)
{
    (void)state;
    const char *en[] = {"The meeting opened at 10 a.m. in Geneva.", "Delegates from 45 countries attended.",
                        "The chair thanked them.", "It closed on 3 May."};
    const char *zh[] = {"会议于上午10时在日内瓦开幕，来自45个国家的代表出席。", "主席向他们表示感谢。",
                        "会议于5月3日闭幕。"};
    const char *ru[] = {"Заседание открылось в 10 часов в Женеве.", "В нём участвовали делегаты из 45 стран.",
                        "Председатель поблагодарил их.", "Оно закрылось 3 мая."};
    doc_text te = make_text("en", en, 4), tz = make_text("zh", zh, 3), tr = make_text("ru", ru, 4);
    bead *b;
    size_t n;
    assert_int_equal(align_three(&te, &tz, &tr, NULL, &b, &n, NULL), 0);
    size_t next[3] = {0, 0, 0};
    for (size_t k = 0; k < n; k++)
        for (int side = 0; side < 3; side++) {
            assert_int_equal(b[k].start[side], next[side]);
            next[side] += b[k].len[side];
        }
    assert_int_equal(next[0], 4);
    assert_int_equal(next[1], 3);
    assert_int_equal(next[2], 4);
    assert_int_equal(b[0].len[0], 2); /* en 0-1 merge into zh 0, so ru 0-1 go with them */
    assert_int_equal(b[0].len[2], 2);
    free(b);
    free_text(&te);
    free_text(&tz);
    free_text(&tr);
}

static void bead_shape_names_every_side(void **state)
{
    (void)state;
    doc_text t = {0};
    alignment al = {{&t, &t, &t}, 3, NULL, 0, NULL};
    bead b = {{0, 0, 0}, {2, 1, 0}, 1.0};
    char name[32];
    bead_shape_name(&al, &b, name, sizeof name);
    assert_string_equal(name, "2-1-0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dp_finds_the_cheapest_path),
        cmocka_unit_test(dp_reports_an_empty_band),
        cmocka_unit_test(dp_confidence_is_a_posterior),
        cmocka_unit_test(dp_evidence_of_the_path),
        cmocka_unit_test(dp_posteriors_hold_on_long_documents),
        cmocka_unit_test(confidence_model_reads_and_applies),
        cmocka_unit_test(coarse_band_holds_the_diagonal),
        cmocka_unit_test(dp_passes_through_forced_nodes),
        cmocka_unit_test(coarse_band_keeps_forced_nodes),
        cmocka_unit_test(hard_anchors_pair_up),
        cmocka_unit_test(length_cost_is_a_tail),
        cmocka_unit_test(anchors_survive_translation),
        cmocka_unit_test(features_count_characters),
        cmocka_unit_test(features_count_ascii_single_quotes),
        cmocka_unit_test(features_follow_quotations),
        cmocka_unit_test(anchors_keep_quotations_whole),
        cmocka_unit_test(three_way_beads_partition_every_text),
        cmocka_unit_test(bead_shape_names_every_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
