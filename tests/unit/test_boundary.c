/* test_boundary.c — unit tests of the learned sentence-boundary model (issue 15): the
 * model text's reader, the features and the gates that decide where the model looks,
 * the document's own abbreviation counts, the word lists, the observer the trainer
 * records through, and the built-in model on the cases the issue names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/boundary_features.h"
#include "segment/boundary_model.h"
#include "segment/doc_stats.h"
#include "segment/segmenter.h"
#include "segment/rules/srx.h"
#include "segment/tokens.h"
#include "segment/word_lists.h"
#include "util/error.h"

/* The sentences of text as one string, " | " between them. */
static char *sentences(segmenter *seg, const char *text)
{
    char *copy = strdup(text);
    sentence_list l = {0};
    assert_int_equal(segmenter_run(seg, copy, strlen(copy), 0, sentence_list_push, &l), 0);
    size_t cap = strlen(text) + 4 * l.n + 1, at = 0;
    char *out = calloc(cap, 1);
    for (size_t k = 0; k < l.n; k++)
        at += (size_t)snprintf(out + at, cap - at, "%s%.*s", k ? " | " : "", (int)(l.v[k].end - l.v[k].start),
                               copy + l.v[k].start);
    sentence_list_free(&l);
    free(copy);
    return out;
}

static void expect_sentences(const char *lang, const char *text, const char *want)
{
    segmenter *seg;
    assert_int_equal(segmenter_new(lang, NULL, &seg), 0);
    char *got = sentences(seg, text);
    assert_string_equal(got, want);
    free(got);
    segmenter_free(seg);
}

/* The two texts of issue 15: a Chinese quotation followed by a long attribution is one
 * sentence; a Russian year abbreviation before a capital ends one. */
static void builtin_model_on_the_issues_cases(void **state)
{
    (void)state;
    expect_sentences("zh-CN", "“北极海冰面积创下新低，这种情况以前从未出现。”拉森博士在日内瓦举行的新闻发布会上说。",
                     "“北极海冰面积创下新低，这种情况以前从未出现。”拉森博士在日内瓦举行的新闻发布会上说。");
    expect_sentences("ru", "Температура выросла в 1979 г. Тающая мерзлота опасна.",
                     "Температура выросла в 1979 г. | Тающая мерзлота опасна.");
    /* what the rules always knew still holds around them */
    expect_sentences("zh-CN", "“好。”他说。走吧。", "“好。”他说。 | 走吧。");
    expect_sentences("ru", "Он живёт в г. Москва. Она тоже.", "Он живёт в г. Москва. | Она тоже.");
    /* years (гг.) after a range of years are the model's to decide too, not a plain end */
    expect_sentences("ru", "В 1990-1995 гг. Смирнов работал в г. Томске.", "В 1990-1995 гг. Смирнов работал в г. Томске.");
}

/* Causes found on segmentation test suites we do not tune on (issue 15's unseen cases):
 * tokenized text's detached abbreviations, clitics and '' quotes; a section cited at a
 * sentence end; a temperature's unit; a company before its defined name; a Latin "PS."
 * in Russian; "i.v."; time zones; Russian degrees; single curly quotes. */
static void rules_on_unseen_kinds_of_text(void **state)
{
    (void)state;
    /* want NULL: the text is one sentence */
    static const struct {
        const char *lang, *text, *want;
    } cases[] = {
        {"en", "Hello Mr . Robinson how are you today?", NULL},
        {"ru", "Смотри рис . 4 и таблицу.", NULL},
        {"en",
         "This appeared on Sebadoh 's album '' Smash Your Head '' . It also appeared on '' Slanged ! '' , "
         "and on '' All Grown Up ! '' and more .",
         "This appeared on Sebadoh 's album '' Smash Your Head '' . | It also appeared on '' Slanged ! '' , "
         "and on '' All Grown Up ! '' and more ."},
        {"en", "The statute is codified at 42 U.S.C. § 1983. It provides a right of action.",
         "The statute is codified at 42 U.S.C. § 1983. | It provides a right of action."},
        {"ru", "Это введение к работе. §2. Нахождение объекта.", "Это введение к работе. | §2. Нахождение объекта."},
        {"en", "It was 12°C. It was a wide range.", "It was 12°C. | It was a wide range."},
        {"en", "The parties are Foo Inc. (“Company A”), and Bar Inc. (“Company B”).", NULL},
        {"ru", "PS. По поводу того, как сообщать о проблемах.", NULL},
        /* "v." (versus) is no abbreviation at the end of "i.v."; a time zone is one by name */
        {"en", "She gave him the i.v. It was night.", "She gave him the i.v. | It was night."},
        {"en", "The update was at 3 p.m. ASST prepared it. The call is at 3 p.m. AST. Join on time.",
         "The update was at 3 p.m. | ASST prepared it. | The call is at 3 p.m. AST. | Join on time."},
        /* a Russian degree before the name */
        {"ru", "Беседу провёл к.п.н. И. П. Карташов.", NULL},
        /* a Chinese quotation its speaker introduced ends at its closing mark */
        {"zh-CN", "他说：“真的？！”我笑了。“好。”他说。", "他说：“真的？！” | 我笑了。 | “好。”他说。"},
        /* an initialism written apart in tokenized text; an alternative question */
        {"en", "It meets U.S. Route 171/U.S . Highway 190 there . He was Chief Justice w.e.f . He left .",
         "It meets U.S. Route 171/U.S . Highway 190 there . | He was Chief Justice w.e.f . | He left ."},
        {"en", "Will their families tear them apart? or will their love triumph?", NULL},
        /* a lower-case initialism before a lower-case word; a company in text set in capitals */
        {"en", "The nurse gave him the i.v. in his vein.", NULL},
        {"en", "CHISWICK PRESS:--CHARLES WHITTINGHAM AND CO. TOOKS COURT, CHANCERY LANE, LONDON.", NULL},
        {"en", "He works at Foo Co. London is nice.", "He works at Foo Co. | London is nice."},
        /* a heart ends a sentence as a smiley does */
        {"en", "I love it <3 My kids love it too.", "I love it <3 | My kids love it too."},
        /* a capitalised approx./vs./cf. opens a sentence, it never ends one */
        {"en", "Approx. 200 came. Vs. Texas is a case.", "Approx. 200 came. | Vs. Texas is a case."},
        /* the number a word like Section takes is no list marker */
        {"en", "She rewrote Section 7. Attached find the changes in Section 7. Kelly called.",
         "She rewrote Section 7. | Attached find the changes in Section 7. | Kelly called."},
        /* Jr. follows a name: a pronoun after it starts a sentence, a name's part does not */
        {"en", "I met John Jr. He is nice. Martin Luther King Jr. Day is a holiday.",
         "I met John Jr. | He is nice. | Martin Luther King Jr. Day is a holiday."},
        /* a dotted initialism after a time is a zone only when shaped like one */
        {"en", "I had lunch at 3P.M. S.A.T. scores come out tomorrow. It closes at 11:58 p.m. P.D.T. on Monday.",
         "I had lunch at 3P.M. | S.A.T. scores come out tomorrow. | It closes at 11:58 p.m. P.D.T. on Monday."},
        /* ‘…’ quotes a passage inside a sentence; ’ between letters is an apostrophe */
        {"en", "For example, ‘it should be grown in dragon’s blood. It grows on mountains’ (translated by Anne "
               "p. 154). The Herbal also includes lore.",
         "For example, ‘it should be grown in dragon’s blood. It grows on mountains’ (translated by Anne "
         "p. 154). | The Herbal also includes lore."},
        {"en", "Rock of the ‘90s. The students’ union met. It’s late.",
         "Rock of the ‘90s. | The students’ union met. | It’s late."},
        /* ! run into a letter is a click letter or a query string; "Yahoo!" goes on */
        {"en", "He speaks !Xũ, !Kung and !Xun. See search?q=forensic for more.",
         "He speaks !Xũ, !Kung and !Xun. | See search?q=forensic for more."},
        {"en", "Ghosh and Mahdian at Yahoo! Research extended it. Wow! It works.",
         "Ghosh and Mahdian at Yahoo! Research extended it. | Wow! | It works."},
        /* an ellipsis in brackets leaves words out of a quotation, before its citation */
        {"en", "\"Bohr [...] used the analogy of stairways [...]\" (Smith 55). Next one.",
         "\"Bohr [...] used the analogy of stairways [...]\" (Smith 55). | Next one."},
        /* a rank in tokenized text; a second numbered item after a long first one */
        {"en", "He held the rank of Brig . General and retired .", NULL},
        {"ru",
         "1. Общественные объединения по видам спорта создаются и действуют в соответствии с настоящим "
         "Законом и законодательством Республики. 2. По каждому виду спорта.",
         "1. Общественные объединения по видам спорта создаются и действуют в соответствии с настоящим "
         "Законом и законодательством Республики. | 2. По каждому виду спорта."},
        {"en", "He wrote the Slavonic Dances, Op. 46. These were a success.",
         "He wrote the Slavonic Dances, Op. 46. | These were a success."},
        /* a paragraph's first quote standing apart with none after it closes a quotation
         * opened before the text; with a partner, or after another quote, it opens one */
        {"en", "What to do ? '' Graham was convicted . The informant was released .",
         "What to do ? '' | Graham was convicted . | The informant was released ."},
        {"en", "He left . '' Graham was convicted , '' he said . Then .",
         "He left . | '' Graham was convicted , '' he said . | Then ."},
        {"en", "'' It exploded , '' she wrote . '' Why did n't she leave ?",
         "'' It exploded , '' she wrote . | '' Why did n't she leave ?"},
        /* a full stop, then a spaced ellipsis opening the next sentence; a detached
         * period after an ellipsis ends the sentence it closes */
        {"en", "He combined words into compounds. . . . The practice was not abandoned. . . .",
         "He combined words into compounds. | . . . The practice was not abandoned. . . ."},
        {"en", "End it with a period . . . . Next sentence.", "End it with a period . . . . | Next sentence."},
        /* marks alone at the start of a text are what is left of the sentence before it */
        {"ru", ". А вы там стоите бесплатно ? Да.", ". А вы там стоите бесплатно ? | Да."},
        /* degrees written out go on to their scale */
        {"en", "It was 40 deg. C. outside. It was 40 deg. F. The sun was hot.",
         "It was 40 deg. C. outside. | It was 40 deg. F. | The sun was hot."},
        /* footnote numbers set right after a sentence end go with it */
        {"en", "It creates a gap in a consultation.11 12 Take the example. We had 2.5 Apples.",
         "It creates a gap in a consultation.11 12 | Take the example. | We had 2.5 Apples."},
        /* marks standing apart after a full stop are a sentence of their own, but not after
         * ! or ?, nor an unresolved reference */
        {"en", "Hello. ?? Maissen left . . Then he came back.", "Hello. | ?? | Maissen left . | . | Then he came back."},
        {"en", "It aired on Bravo! . As shown in Fig. ?? The end.", "It aired on Bravo! . | As shown in Fig. ?? | The end."},
        /* a Russian replica opened by a hyphen typed for a dash */
        {"ru", "- \"Так в чем же дело?\" - \"Не радуют\".", "- \"Так в чем же дело?\" | - \"Не радуют\"."},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        expect_sentences(cases[k].lang, cases[k].text, cases[k].want ? cases[k].want : cases[k].text);
}

/* A model of a few weights, read from text: the weights of the features present, less the
 * threshold; another language's section is skipped; a malformed text names its line. */
static void model_text_is_read_and_scored(void **state)
{
    (void)state;
    boundary_features f = {{0x10, 0x20, 0x30}, 3};
    const char *text = "# a comment\n"
                       "lang ru threshold 5 features 1\n"
                       "00000010 1000\n"
                       "lang en threshold -100 features 2\n"
                       "00000010 250\n"
                       "00000030 -50\n";
    boundary_model *m;
    assert_int_equal(boundary_model_parse(text, strlen(text), "t", "en-GB", &m), 0);
    assert_non_null(m);
    assert_true(boundary_model_margin(m, &f) == 250 - 50 + 100);
    boundary_model_free(m);
    assert_int_equal(boundary_model_parse(text, strlen(text), "t", "zh", &m), 0);
    assert_null(m);
    const char *bad = "lang en threshold 0 features 2\n00000010 1\nnot a weight\n";
    assert_int_equal(boundary_model_parse(bad, strlen(bad), "bad.txt", "en", &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "bad.txt:3:"));
    const char *header = "lang en threshold\n";
    assert_int_equal(boundary_model_parse(header, strlen(header), "h.txt", "en", &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "h.txt:1:"));
}

/* Where the model looks: spaces worth a look, ICU's plain sentence ends not. */
static void gates_choose_the_places_to_look(void **state)
{
    (void)state;
    struct {
        const char *text;   /* the candidate is the first space after '|', which is removed */
        int gap;
    } gaps[] = {
        {"Talk to you later| GT", 1},                 /* capitals */
        {"08:28 AM Enron Investment Partners| Congratulations! You", 1},
        {"Kay Mann| 04/26/2001 07:17 AM", 1},         /* a date */
        {"are you kidding?| why would you", 1},
        {"Sincerely,| Traci", 1},                     /* a greeting's comma */
        {"We met in| Paris last year", 0},            /* a name */
        {"Truly| I tell you", 0},                     /* I is always a capital */
        {"in the| house", 0},
        {"a total of| 2014 delegates", 0},            /* a number, not a date */
        {"Paris, France, Europe, and| Rome", 0},
        {"the end| . Then", 0},                       /* no sentence starts with . */
    };
    for (size_t k = 0; k < sizeof gaps / sizeof *gaps; k++) {
        char buf[128];
        const char *bar = strchr(gaps[k].text, '|');
        size_t q = (size_t)(bar - gaps[k].text);
        snprintf(buf, sizeof buf, "%.*s%s", (int)q, gaps[k].text, bar + 1);
        size_t next = q + 1, len = strlen(buf);
        if (boundary_gap_candidate(buf, len, q, next, len) != gaps[k].gap)
            fail_msg("gap candidate \"%s\": expected %d", gaps[k].text, gaps[k].gap);
    }
    struct {
        const char *text;
        int look;
    } icu[] = {
        {"the results.| The", 0},
        {"in 2013.| The", 0},
        {"himself.| 'I will", 0},
        {"said it.| “We", 0},
        {"Он устал.| Мы", 0},
        {"会议结束。|大家", 0},
        {"в 1979 г.| Тающая", 1},  /* a one-letter word: an abbreviation? */
        {"В 2010-2012 гг.| Виктор", 1}, /* a short word after a number: a unit? */
        {"weighs 5 kg.| The", 1},
        {"were 2013 dogs.| The", 0}, /* a word of four letters after a number ends */
        {"the U.S.| The", 1},
        {"出现。”|拉森", 1},       /* a closing quote: an attribution may follow */
        {"a smile!👍| Next", 1},
        {"the end...| Then", 1},
    };
    for (size_t k = 0; k < sizeof icu / sizeof *icu; k++) {
        char buf[128];
        const char *bar = strchr(icu[k].text, '|');
        size_t q = (size_t)(bar - icu[k].text);
        snprintf(buf, sizeof buf, "%.*s%s", (int)q, icu[k].text, bar + 1);
        size_t len = strlen(buf), next = q;
        while (next < len && buf[next] == ' ')
            next++;
        if (boundary_icu_candidate(buf, len, q, next, len) != icu[k].look)
            fail_msg("ICU candidate \"%s\": expected %d", icu[k].text, icu[k].look);
    }
}

/* Features: the kind's first, the same text gives the same hashes, a different token
 * another; never more than the maximum. */
static void features_are_deterministic(void **state)
{
    (void)state;
    const char *a = "They arrived at 5 p.m. The meeting began.", *b = "They arrived at 5 p.m. the meeting began.";
    size_t q = strlen("They arrived at 5 p.m."), len = strlen(a);
    boundary_site s = {a, len, 0, len, q, q + 1, 1, 0, 0, NULL, NULL};
    boundary_features f1, f2, f3;
    boundary_features_of(&s, &f1);
    boundary_features_of(&s, &f2);
    assert_true(f1.n > 5 && f1.n <= BOUNDARY_MAX_FEATURES);
    assert_int_equal(f1.v[0], boundary_kind_feature(1));
    assert_memory_equal(f1.v, f2.v, sizeof(uint32_t) * (size_t)f1.n);
    s.text = b;
    boundary_features_of(&s, &f3);
    assert_true(f3.n != f1.n || memcmp(f1.v, f3.v, sizeof(uint32_t) * (size_t)f1.n) != 0);
    s.icu = 0;
    boundary_features_of(&s, &f3);
    assert_int_equal(f3.v[0], boundary_kind_feature(0));
}

/* The document's own evidence: "Ave." keeps its full stop and lower case or a number
 * follows it; a long word's full stop is not counted. */
static void document_counts_abbreviations(void **state)
{
    (void)state;
    const char *t = "We met on Fifth Ave. near the park. Then Ave. 5 closed. We left at noon. Noon came. "
                    "It was afterwards. We went.";
    doc_stats *s;
    assert_int_equal(doc_stats_new(t, strlen(t), &s), 0);
    const word_counts *c = doc_stats_find(s, word_hash("ave", 0, 3));
    assert_non_null(c);
    assert_int_equal(c->with_period, 2);
    assert_int_equal(c->period_then_lower, 2);
    c = doc_stats_find(s, word_hash("noon", 0, 4)); /* "noon." then "Noon": capitalized after a short word */
    assert_non_null(c);
    assert_int_equal(c->with_period, 1);
    assert_int_equal(c->after_term, 1);
    assert_null(doc_stats_find(s, word_hash("afterwards", 0, 10)));
    doc_stats_free(s);
}

static void word_lists_know_abbreviations_and_starters(void **state)
{
    (void)state;
    word_lists *en, *ru, *none;
    assert_int_equal(word_lists_new("en-US", &en), 0);
    assert_int_equal(word_lists_new("ru", &ru), 0);
    assert_int_equal(word_lists_new("fr", &none), 0);
    assert_null(none);
    assert_true(word_lists_abbreviation(en, word_hash("Etc", 0, 3)));
    assert_false(word_lists_abbreviation(en, word_hash("in", 0, 2)));
    assert_true(word_lists_starter(en, word_hash("They", 0, 4)));
    assert_false(word_lists_starter(en, word_hash("house", 0, 5)));
    const char *g = "г", *eto = "Это";
    assert_true(word_lists_abbreviation(ru, word_hash(g, 0, strlen(g))));
    assert_true(word_lists_starter(ru, word_hash(eto, 0, strlen(eto))));
    assert_false(word_lists_starter(NULL, word_hash(eto, 0, strlen(eto))));
    word_lists_free(en);
    word_lists_free(ru);
}

typedef struct {
    int icu, gap, fixed, hard, with_features;
} tally;

static void count(const char *text, const boundary_candidate *c, void *ctx)
{
    (void)text;
    tally *t = ctx;
    t->icu += c->kind == CANDIDATE_ICU;
    t->gap += c->kind == CANDIDATE_GAP;
    t->fixed += c->kind == CANDIDATE_FIXED;
    t->hard += c->kind == CANDIDATE_HARD;
    t->with_features += c->features != NULL;
    if ((c->kind == CANDIDATE_ICU || c->kind == CANDIDATE_GAP) != (c->features != NULL))
        fail_msg("a candidate of kind %d with%s features", c->kind, c->features ? "" : "out");
}

/* The observer hears of every decision, and the sentences do not change for it; a user's
 * rules run without the model. */
static void observer_and_user_rules(void **state)
{
    (void)state;
    const char *text = "Talk to you later GT Thanks for the note. Mr. Smith came. It is done";
    segmenter *seg;
    assert_int_equal(segmenter_new("en", NULL, &seg), 0);
    char *plain = sentences(seg, text);
    tally t = {0};
    segmenter_set_observer(seg, count, &t);
    char *observed = sentences(seg, text);
    assert_string_equal(plain, observed);
    assert_true(t.gap >= 1);
    assert_true(t.hard >= 1);
    assert_true(t.icu + t.fixed >= 2);
    segmenter_set_observer(seg, NULL, NULL);
    segmenter_set_model(seg, NULL); /* ICU and the rules alone: no break without a mark */
    char *rules_only = sentences(seg, text);
    assert_string_equal(rules_only, "Talk to you later GT Thanks for the note. | Mr. Smith came. | It is done");
    free(plain);
    free(observed);
    free(rules_only);
    segmenter_free(seg);

    srx *user;
    assert_int_equal(srx_load("src/segment/rules.srx", &user), 0);
    assert_int_equal(segmenter_new("ru", user, &seg), 0);
    char *got = sentences(seg, "Температура выросла в 1979 г. Тающая мерзлота опасна.");
    assert_string_equal(got, "Температура выросла в 1979 г. | Тающая мерзлота опасна."); /* ICU's break */
    free(got);
    segmenter_free(seg);
    srx_free(user);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_model_on_the_issues_cases),
        cmocka_unit_test(rules_on_unseen_kinds_of_text),
        cmocka_unit_test(model_text_is_read_and_scored),
        cmocka_unit_test(gates_choose_the_places_to_look),
        cmocka_unit_test(features_are_deterministic),
        cmocka_unit_test(document_counts_abbreviations),
        cmocka_unit_test(word_lists_know_abbreviations_and_starters),
        cmocka_unit_test(observer_and_user_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
