/* test_lexicon.c — unit tests of the lexical alignment score: the compiled lexicon
 * (building, mapping, lookup, greedy longest match, damaged files), the readers of TSV,
 * hunalign .dic and CC-CEDICT lines with their bad-line errors, stemming and stop words,
 * and the per-word coverage weighting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align/lexicon.h"
#include "align/lexlearn.h"
#include "align/lexmodel.h"
#include "align/lexset.h"
#include "align/lexsource.h"
#include "align/lexsynonyms.h"
#include "align/lexuser.h"
#include "align/lexwords.h"
#include "util/error.h"
#include "text/lang.h"
#include "util/search.h"
#include "util/u32set.h"
#include "scratch.h"

static lexicon *compile(lexicon_builder *b)
{
    void *bytes;
    size_t len;
    assert_int_equal(lexicon_builder_compile(b, &bytes, &len), 0);
    lexicon *lx;
    assert_int_equal(lexicon_from_bytes(bytes, len, "mem", &lx), 0);
    return lx;
}

static void lexicon_links_both_ways(void **state)
{
    (void)state;
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    assert_int_equal(lexicon_builder_link(b, "china", 5, "中国", 6), 0);
    assert_int_equal(lexicon_builder_link(b, "china", 5, "瓷器", 6), 0);
    assert_int_equal(lexicon_builder_link(b, "china", 5, "中国", 6), 0); /* duplicate */
    assert_int_equal(lexicon_builder_link(b, "porcelain", 9, "瓷器", 6), 0);
    lexicon *lx = compile(b);
    lexicon_builder_free(b);
    assert_string_equal(lexicon_lang(lx, 0), "en");
    assert_string_equal(lexicon_lang(lx, 1), "zh");
    assert_int_equal(lexicon_nkeys(lx, 0), 2);
    assert_int_equal(lexicon_nkeys(lx, 1), 2);
    assert_int_equal(lexicon_nlinks(lx), 3);
    long k = lexicon_find(lx, 0, "china", 5);
    assert_true(k >= 0);
    size_t n;
    const uint32_t *l = lexicon_links(lx, 0, k, &n);
    assert_int_equal(n, 2);
    uint32_t want = lexicon_hash("中国", 6);
    assert_true(l[0] == want || l[1] == want);
    assert_int_equal(lexicon_key_hash(lx, 1, lexicon_find(lx, 1, "中国", 6)), want);
    long z = lexicon_find(lx, 1, "瓷器", 6);
    lexicon_links(lx, 1, z, &n);
    assert_int_equal(n, 2);
    assert_int_equal(lexicon_find(lx, 0, "chin", 4), -1);
    assert_int_equal(lexicon_find(lx, 0, "chinas", 6), -1);
    lexicon_free(lx);
}

static void longest_prefix_is_greedy(void **state)
{
    (void)state;
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    const char *zh[] = {"北京", "北京大学", "大学", "北", "学生"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(lexicon_builder_link(b, "x", 1, zh[i], strlen(zh[i])), 0);
    lexicon *lx = compile(b);
    lexicon_builder_free(b);
    long key;
    const char *s = "北京大学生";
    assert_int_equal(lexicon_longest_prefix(lx, 1, s, strlen(s), &key), strlen("北京大学"));
    assert_int_equal(key, lexicon_find(lx, 1, "北京大学", strlen("北京大学")));
    s = "北方";
    assert_int_equal(lexicon_longest_prefix(lx, 1, s, strlen(s), &key), strlen("北"));
    s = "南方";
    assert_int_equal(lexicon_longest_prefix(lx, 1, s, strlen(s), &key), 0);
    assert_int_equal(key, -1);
    lexicon_free(lx);
}

static void damaged_and_missing_files_are_errors(void **state)
{
    (void)state;
    lexicon *lx;
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.lex", scratch_dir);
    assert_int_equal(lexicon_open(missing, &lx), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), "none.lex"));
    const char *p = write_file("text.lex", "hello\tworld\n", 12);
    assert_int_equal(lexicon_open(p, &lx), -ERR_DATA);
    p = write_file("empty.lex", "", 0);
    assert_int_equal(lexicon_open(p, &lx), -ERR_DATA);
    /* a real lexicon cut short: its arrays point past the end */
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "ru", &b), 0);
    assert_int_equal(lexicon_builder_link(b, "hous", 4, "дом", 6), 0);
    void *bytes;
    size_t len;
    assert_int_equal(lexicon_builder_compile(b, &bytes, &len), 0);
    lexicon_builder_free(b);
    p = write_file("whole.lex", bytes, len);
    assert_int_equal(lexicon_open(p, &lx), 0);
    lexicon_free(lx);
    p = write_file("cut.lex", bytes, len - 3);
    assert_int_equal(lexicon_open(p, &lx), -ERR_DATA);
    assert_non_null(strstr(error_last(), "cut.lex"));
    free(bytes);
}

typedef struct {
    char keys[16][32];
    size_t n;
} key_list;

static int collect(void *ctx, const char *key, size_t n)
{
    key_list *k = ctx;
    snprintf(k->keys[k->n++], sizeof k->keys[0], "%.*s", (int)n, key);
    return 0;
}

static void words_are_stemmed_content_words(void **state)
{
    (void)state;
    lexwords *w;
    key_list k = {0};
    assert_int_equal(lexwords_new("en", &w), 0);
    const char *s = "The Dogs walked to the Houses of London.";
    assert_int_equal(lexwords_each(w, s, strlen(s), collect, &k), 0);
    lexwords_free(w);
    assert_int_equal(k.n, 4);
    assert_string_equal(k.keys[0], "dog");
    assert_string_equal(k.keys[1], "walk");
    assert_string_equal(k.keys[2], "hous");
    assert_string_equal(k.keys[3], "london");
    memset(&k, 0, sizeof k);
    assert_int_equal(lexwords_new("ru", &w), 0);
    s = "Он шёл и шел домой.";
    assert_int_equal(lexwords_each(w, s, strlen(s), collect, &k), 0);
    lexwords_free(w);
    assert_int_equal(k.n, 3); /* "он" and "и" are function words; ё reads as е */
    assert_string_equal(k.keys[0], k.keys[1]);
    assert_true(lang_is_unspaced("zh"));
    assert_false(lang_is_unspaced("ru"));
}

static lexicon *read_source(const char *name, const char *text, lexsource_format fmt, int expect_rc)
{
    const char *p = write_file(name, text, strlen(text));
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    int rc = lexsource_read(b, "en", "zh", fmt, p, NULL, NULL);
    assert_int_equal(rc, expect_rc);
    lexicon *lx = rc == 0 ? compile(b) : NULL;
    lexicon_builder_free(b);
    return lx;
}

static void user_lexicons_parse_and_fail_loudly(void **state)
{
    (void)state;
    lexicon *lx = read_source("terms.tsv", "# termbase\n\nPeking University\t北京大学\nporcelain\t瓷器\n", LEXSRC_TSV, 0);
    assert_true(lexicon_find(lx, 0, "univers", 7) >= 0);
    assert_true(lexicon_find(lx, 0, "peke", 4) >= 0 || lexicon_find(lx, 0, "peking", 6) >= 0);
    assert_true(lexicon_find(lx, 1, "北京大学", strlen("北京大学")) >= 0);
    lexicon_free(lx);
    lx = read_source("h.dic", "瓷器 @ porcelain\n", LEXSRC_DIC, 0);
    assert_true(lexicon_find(lx, 0, "porcelain", 9) >= 0);
    assert_true(lexicon_find(lx, 1, "瓷器", 6) >= 0);
    lexicon_free(lx);
    assert_int_equal(lexsource_guess("a/b.dic"), LEXSRC_DIC);
    assert_int_equal(lexsource_guess("a/b.tsv"), LEXSRC_TSV);

    read_source("bad.tsv", "porcelain\t瓷器\nno tab here\n", LEXSRC_TSV, -ERR_DATA);
    assert_non_null(strstr(error_last(), "bad.tsv:2"));
    read_source("bad.dic", "瓷器 porcelain\n", LEXSRC_DIC, -ERR_DATA);
    assert_non_null(strstr(error_last(), "bad.dic:1"));
    read_source("utf8.tsv", "ok\t好\nbad\t\xff\xfe\n", LEXSRC_TSV, -ERR_DATA);
    assert_non_null(strstr(error_last(), "utf8.tsv:2"));
    read_source("empty.tsv", "", LEXSRC_TSV, -ERR_DATA);
    assert_non_null(strstr(error_last(), "empty.tsv"));
    read_source("stop.tsv", "the\t的\n", LEXSRC_TSV, -ERR_DATA); /* no content word on one side */
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/absent.tsv", scratch_dir);
    assert_int_equal(lexsource_read(b, "en", "zh", LEXSRC_TSV, missing, NULL, NULL), -ERR_NOINPUT);
    lexicon_builder_free(b);
}

static void cedict_glosses_are_cleaned(void **state)
{
    (void)state;
    lexicon *lx = read_source("cedict.u8",
                              "# comment\n"
                              "中國 中国 [Zhong1 guo2] /China/Middle Kingdom (old name)/\n"
                              "個 个 [ge4] /variant of 箇|个[ge4]/CL:個|个[ge4]/\n"
                              "not an entry\n",
                              LEXSRC_CEDICT, 0);
    long k = lexicon_find(lx, 0, "china", 5);
    assert_true(k >= 0);
    size_t n;
    lexicon_links(lx, 0, k, &n);
    assert_int_equal(n, 2); /* traditional and simplified */
    assert_true(lexicon_find(lx, 0, "kingdom", 7) >= 0);
    assert_int_equal(lexicon_find(lx, 0, "old", 3), -1); /* parenthesized note */
    assert_int_equal(lexicon_find(lx, 0, "variant", 7), -1);
    assert_int_equal(lexicon_find(lx, 1, "个", 3), -1);
    lexicon_free(lx);
}

/* The key of one word of `lang`, as the lexicon stores it. */
static void word_key(const char *lang, const char *word, char *out)
{
    lexwords *w;
    key_list k = {0};
    assert_int_equal(lexwords_new(lang, &w), 0);
    assert_int_equal(lexwords_each(w, word, strlen(word), collect, &k), 0);
    lexwords_free(w);
    assert_int_equal(k.n, 1);
    strcpy(out, k.keys[0]);
}

static int has_ru_word(const lexicon *lx, const char *word)
{
    char key[32];
    word_key("ru", word, key);
    return lexicon_find(lx, 1, key, strlen(key)) >= 0;
}

static void mueller_translations_are_words(void **state)
{
    (void)state;
    const char *entry = "abandon\n"
                        "   [x] \n"
                        "   1. _v.\n"
                        "      1) покидать, оставлять\n"
                        "      2) отказываться от\n"
                        "      3) _refl. предаваться (страсти, отчаянию); to abandon\n"
                        "      oneself to the idea склоняться к мысли\n"
                        "      10)бросать\n"
                        "   2. _n. _книж. развязность, несдержанность\n"
                        "   3) = abandon 2; оставление застрахованного груза страховщику в случае аварии\n";
    char dict[600], index[64];
    snprintf(dict, sizeof dict, "%s", write_file("m.dict", entry, strlen(entry))); /* the next call reuses its buffer */
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(entry);
    snprintf(index, sizeof index, "00-database-info\tA\tB\nabandon\tA\t%c%c\n", b64[n / 64], b64[n % 64]);
    char idx[600];
    snprintf(idx, sizeof idx, "%s", write_file("m.index", index, strlen(index)));
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "ru", &b), 0);
    size_t skipped = 0;
    assert_int_equal(lexsource_read(b, "en", "ru", LEXSRC_MUELLER, dict, idx, &skipped), 0);
    lexicon *lx = compile(b);
    lexicon_builder_free(b);
    assert_int_equal(skipped, 1); /* the database's own header */
    assert_true(lexicon_find(lx, 0, "abandon", 7) >= 0);
    assert_true(has_ru_word(lx, "покидать"));
    assert_true(has_ru_word(lx, "оставлять"));
    assert_true(has_ru_word(lx, "предаваться")); /* after its label */
    assert_true(has_ru_word(lx, "бросать"));     /* "10)" with no space after it */
    assert_true(has_ru_word(lx, "развязность"));
    assert_false(has_ru_word(lx, "страсти"));    /* a note in parentheses */
    assert_false(has_ru_word(lx, "склоняться")); /* an example's translation, wrapped over lines */
    assert_false(has_ru_word(lx, "отказываться")); /* two words: "от" is a word too */
    assert_false(has_ru_word(lx, "страховщику")); /* a definition, not a translation */
    assert_int_equal(lexicon_find(lx, 0, "idea", 4), -1);
    lexicon_free(lx);

    /* an index whose entries lie past the text (another dictionary's .dict): no lexicon */
    snprintf(dict, sizeof dict, "%s", write_file("short.dict", "abandon\n", 8));
    assert_int_equal(lexicon_builder_new("en", "ru", &b), 0);
    assert_int_equal(lexsource_read(b, "en", "ru", LEXSRC_MUELLER, dict, idx, NULL), -ERR_DATA);
    assert_non_null(strstr(error_last(), "short.dict"));
    lexicon_builder_free(b);
}

static void british_spellings_meet_american_ones(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"organisation", "organization"}, {"realised", "realized"}, {"colours", "colors"},
        {"behaviour", "behavior"},        {"centre", "center"},     {"metres", "meters"},
        {"analyse", "analyze"},           {"programmes", "programs"}, {"labour", "labor"},
    };
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        char a[32], b[32];
        word_key("en", pairs[k][0], a);
        word_key("en", pairs[k][1], b);
        assert_string_equal(a, b);
    }
    char a[32], b[32];
    word_key("en", "tour", a); /* too short to be read as "tor" */
    word_key("en", "tor", b);
    assert_string_not_equal(a, b);
    word_key("en", "rise", a); /* a stem of four letters or more before -ise */
    assert_string_equal(a, "rise");
    word_key("ru", "центр", a); /* English only */
    assert_string_equal(a, "центр");
}

/* A WordNet of two noun synsets and nothing else, in scratch_dir. */
static void write_wordnet(void)
{
    static const char *const empty[] = {"index.verb", "data.verb", "index.adj", "data.adj", "index.adv", "data.adv"};
    for (size_t k = 0; k < sizeof empty / sizeof *empty; k++)
        write_file(empty[k], "  1 licence line\n", strlen("  1 licence line\n"));
    /* "brow": first sense the forehead (synset 100), then a hill's top (200) */
    const char *index = "  1 licence line\n"
                        "brow n 2 1 @ 2 0 00000100 00000200\n"
                        "forehead n 1 0 1 0 00000100\n"
                        "temple n 1 0 1 0 00000300\n";
    const char *data = "  1 licence line\n"
                       "00000100 08 n 02 brow 0 forehead 0 000 | the part of the face above the eyes\n"
                       "00000200 08 n 02 brow 1 crest 0 000 | the peak of a hill\n"
                       "00000300 08 n 02 temple 0 Forehead(a) 0 000 | (made up)\n";
    write_file("index.noun", index, strlen(index));
    write_file("data.noun", data, strlen(data));
}

static void untranslated_words_borrow_their_first_sense(void **state)
{
    (void)state;
    write_wordnet();
    lexicon_builder *b;
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    assert_int_equal(lexicon_builder_link(b, "forehead", 8, "额头", strlen("额头")), 0);
    assert_int_equal(lexicon_builder_link(b, "crest", 5, "山顶", strlen("山顶")), 0);
    assert_int_equal(lexicon_builder_link(b, "templ", 5, "庙", strlen("庙")), 0); /* "temple" has its own */
    lexicon *known = compile(b);
    lexicon_builder_free(b);
    lexsynonyms *syn;
    assert_int_equal(lexsynonyms_read(scratch_dir, known, &syn), 0);
    lexicon_free(known);
    size_t first, n = lexsynonyms_find(syn, "forehead", 8, &first);
    assert_int_equal(n, 1); /* brow; not temple, which is translated */
    assert_string_equal(lexsynonyms_word(syn, first), "brow");
    assert_int_equal(lexsynonyms_find(syn, "crest", 5, &first), 0); /* brow's second sense */
    assert_int_equal(lexsynonyms_find(syn, "brow", 4, &first), 0);

    /* read with them, a dictionary's "forehead" links "brow" too; a phrase does not */
    const char *tsv = "forehead\t额头\nhigh forehead\t高额\n";
    char path[600];
    snprintf(path, sizeof path, "%s", write_file("s.tsv", tsv, strlen(tsv)));
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    lexsource_options options = {syn, 0};
    assert_int_equal(lexsource_read_with(b, "en", "zh", LEXSRC_TSV, path, NULL, &options, NULL), 0);
    lexicon *lx = compile(b);
    lexicon_builder_free(b);
    long k = lexicon_find(lx, 0, "brow", 4);
    assert_true(k >= 0);
    size_t links;
    lexicon_links(lx, 0, k, &links);
    assert_int_equal(links, 1);
    lexicon_free(lx);
    /* only the entries of one English word, as lexicon_build's first pass reads them */
    assert_int_equal(lexicon_builder_new("en", "zh", &b), 0);
    lexsource_options lone = {NULL, 1};
    assert_int_equal(lexsource_read_with(b, "en", "zh", LEXSRC_TSV, path, NULL, &lone, NULL), 0);
    lx = compile(b);
    lexicon_builder_free(b);
    assert_int_equal(lexicon_find(lx, 0, "high", 4), -1);
    lexicon_free(lx);
    lexsynonyms_free(syn);

    char missing[600];
    snprintf(missing, sizeof missing, "%s/no-wordnet", scratch_dir);
    assert_int_equal(lexsynonyms_read(missing, NULL, &syn), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), "no-wordnet/index.noun"));
}

static void greedy_match_over_user_lexicon(void **state)
{
    (void)state;
    const char *p = write_file("g.tsv", "Beijing\t北京\nuniversity\t大学\nPeking University\t北京大学\nstudent\t学生\n",
                               strlen("Beijing\t北京\nuniversity\t大学\nPeking University\t北京大学\nstudent\t学生\n"));
    const char *user[] = {p};
    lexset_config cfg = {NULL, NULL, 1, NULL};
    assert_int_equal(user_lexicons_new(user, NULL, 1, &cfg.user), 0);
    lexset *ls;
    int missing;
    assert_int_equal(lexset_open("en", "zh", &cfg, &ls, &missing), 0);
    assert_int_equal(missing, 0);
    assert_int_equal(lexset_count(ls), 1);
    const char *sent[] = {"北京大学生很多。"};
    size_t para[] = {0};
    doc_text t = {.sent = sent, .para = para, .n = 1};
    lex_side side;
    assert_int_equal(lexset_side(ls, 1, &t, &side), 0);
    /* 北京大学 then 生 (unknown): never 北京 + 大学 + 学生 */
    assert_int_equal(side.wstart[1], 1);
    assert_int_equal(side.words[0], lexicon_hash("北京大学", strlen("北京大学")));
    lex_side_free(&side);
    lexset_free(ls);
    user_lexicons_free(cfg.user);
}

/* A lexicon declared for zh joins the en-zh pair only: an en-zh file applied to en-ru
 * either fails ("no entries") or links Han words no Russian sentence holds. */
static void user_lexicon_joins_its_pair_only(void **state)
{
    (void)state;
    const char *p = write_file("pair.tsv", "Internet\t互联网\n", strlen("Internet\t互联网\n"));
    const char *user[] = {p, p};
    const char *zh_only[] = {"zh", NULL};
    lexset_config cfg = {NULL, NULL, 1, NULL};
    assert_int_equal(user_lexicons_new(user, zh_only, 1, &cfg.user), 0);
    lexset *ls;
    int missing;
    assert_int_equal(lexset_open("en", "ru", &cfg, &ls, &missing), 0);
    assert_int_equal(lexset_count(ls), 0);
    lexset_free(ls);
    assert_int_equal(lexset_open("en", "zh", &cfg, &ls, &missing), 0);
    assert_int_equal(lexset_count(ls), 1);
    lexset_free(ls);
    user_lexicons_free(cfg.user);
    /* undeclared (NULL): every pair, as before */
    const char *second_for_all[] = {"ru", NULL};
    lexset_config all = {NULL, NULL, 1, NULL};
    assert_int_equal(user_lexicons_new(user + 1, second_for_all + 1, 1, &all.user), 0);
    assert_int_equal(lexset_open("en", "zh", &all, &ls, &missing), 0);
    assert_int_equal(lexset_count(ls), 1);
    lexset_free(ls);
    assert_int_equal(lexset_open("en", "ru", &all, &ls, &missing), 0);
    assert_int_equal(lexset_count(ls), 1);
    lexset_free(ls);
    user_lexicons_free(all.user);
}

/* A user's file is compiled once per pair and lent to every lexset of that pair: the
 * sets of many document groups share one lexicon, which outlives them all. */
static void user_lexicon_compiled_once_per_pair(void **state)
{
    (void)state;
    const char *p = write_file("once.tsv", "Internet\t互联网\n", strlen("Internet\t互联网\n"));
    const char *user[] = {p};
    lexset_config cfg = {NULL, NULL, 1, NULL};
    assert_int_equal(user_lexicons_new(user, NULL, 1, &cfg.user), 0);
    lexset *first, *second;
    int missing;
    assert_int_equal(lexset_open("en", "zh", &cfg, &first, &missing), 0);
    assert_true(unlink(p) == 0); /* never read again for this pair */
    assert_int_equal(lexset_open("en", "zh", &cfg, &second, &missing), 0);
    assert_int_equal(lexset_count(second), 1);
    lexset_free(first);
    lexset_free(second); /* they only borrowed it: the set still holds it (ASan would say) */
    const lexicon *zh, *again, *ru;
    assert_int_equal(user_lexicons_get(cfg.user, 0, "en", "zh", &zh), 0);
    assert_int_equal(user_lexicons_get(cfg.user, 0, "en", "zh", &again), 0);
    assert_ptr_equal(again, zh);
    assert_true(lexicon_find(zh, 1, "互联网", strlen("互联网")) >= 0);
    /* another pair compiles the file for its own languages: read again, so now an error */
    assert_int_equal(user_lexicons_get(cfg.user, 0, "en", "ru", &ru), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), "once.tsv"));
    user_lexicons_free(cfg.user);
}

/* The one binary search: the end of the part below a key, on every edge of a range, and
 * a brute-force comparison with u32_lower_bound on duplicates. */
static int below_ctx(size_t i, const void *ctx)
{
    const uint32_t *k = ctx; /* k[0]: the key, k[1..]: the table */
    return k[1 + i] < k[0];
}

static void one_lower_bound(void **state)
{
    (void)state;
    uint32_t t[1 + 9] = {0, 1, 3, 3, 3, 5, 8, 8, 13, 21};
    for (uint32_t x = 0; x <= 22; x++) {
        t[0] = x;
        size_t want = 0;
        while (want < 9 && t[1 + want] < x)
            want++;
        assert_int_equal(partition_point(0, 9, below_ctx, t), want);
        assert_int_equal(u32_lower_bound(t + 1, 9, x) - (t + 1), want);
        /* a sub-range: the answer is clamped to it */
        size_t in_sub = want < 2 ? 2 : want > 6 ? 6 : want;
        assert_int_equal(partition_point(2, 6, below_ctx, t), in_sub);
    }
    assert_int_equal(partition_point(4, 4, below_ctx, t), 4);
    assert_ptr_equal(u32_lower_bound(t + 1, 0, 5), t + 1);
}

/* A word covered by chance everywhere weighs less than one covered only where aligned. */
/* The id sets: sorted unique, found, and mapped. */
static void id_sets_sort_and_map(void **state)
{
    (void)state;
    uint32_t v[1000];
    uint32_t seed = 12345;
    for (size_t k = 0; k < 1000; k++) {
        seed = seed * 1103515245u + 12345u;
        v[k] = (seed >> 8) % 300;
    }
    size_t n = u32_sort_unique(v, 1000);
    assert_true(n > 250 && n <= 300);
    for (size_t k = 1; k < n; k++)
        assert_true(v[k - 1] < v[k]);
    assert_non_null(u32_find(v, n, v[17]));
    assert_null(u32_find(v, n, 301));
    uint32_t same[40];
    for (size_t k = 0; k < 40; k++)
        same[k] = 7;
    assert_int_equal(u32_sort_unique(same, 40), 1);
    u32_map m;
    assert_int_equal(u32_map_init(&m, 2), 0);
    for (uint32_t k = 0; k < 5000; k++)
        assert_int_equal(u32_map_put(&m, k * 7919u, k), 0);
    assert_int_equal(u32_map_get(&m, 7919u * 4321u), 4321);
    assert_int_equal(u32_map_get(&m, 1), U32_MAP_NONE);
    u32_map_free(&m);
    /* the growing id list of features.c and lexset.c: one sentence's ids appended, then
     * its tail sorted and deduplicated without touching the sentences before it */
    u32_vec b = {0};
    const uint32_t first[] = {9, 3}, second[] = {5, 1, 5, 4, 1};
    for (size_t k = 0; k < 2; k++)
        assert_int_equal(u32_vec_push(&b, first[k]), 0);
    for (size_t k = 0; k < 5; k++)
        assert_int_equal(u32_vec_push(&b, second[k]), 0);
    b.n = u32_sort_unique_from(b.v, 2, b.n);
    assert_int_equal(b.n, 5);
    const uint32_t want[] = {9, 3, 1, 4, 5};
    for (size_t k = 0; k < 5; k++)
        assert_int_equal(b.v[k], want[k]);
    free(b.v);
}

static void coverage_is_weighed_against_chance(void **state)
{
    (void)state;
    /* source: 4 sentences; word R (rare) in sentence 0, word C (common) in every one.
     * target: 4 sentences; R's translation only in target 0, C's in every one. */
    enum { R = 100, C = 200, RT = 300, CT = 400 };
    uint32_t sw[] = {R, C, C, C, C}, sws[] = {0, 2, 3, 4, 5};
    uint32_t tw[] = {RT, CT, CT, CT, CT}, tws[] = {0, 2, 3, 4, 5};
    /* the vocabularies (sorted) and each word's translations */
    uint32_t sv[] = {R, C}, svs[] = {0, 1, 2}, svt[] = {RT, CT};
    uint32_t tv[] = {RT, CT}, tvs[] = {0, 1, 2}, tvt[] = {R, C};
    lex_side sides[2] = {{4, sws, sw, NULL, NULL, 2, sv, svs, svt}, {4, tws, tw, NULL, NULL, 2, tv, tvs, tvt}};
    lexmodel *m;
    assert_int_equal(lexmodel_new(sides, &m), 0);
    assert_int_equal(m->nv[0], 2);
    /* C is covered by every target sentence (chance 1): no evidence either way */
    double right = lexmodel_cost(m, 0, 1, 0, 1), wrong = lexmodel_cost(m, 0, 1, 1, 1);
    assert_true(right < 0);
    assert_true(wrong > right);
    double common_only = lexmodel_cost(m, 1, 1, 2, 1);
    assert_true(common_only == 0.0);
    assert_true(lexmodel_cost(m, 0, 0, 0, 1) == 0.0); /* empty side */
    dp_bead beads[] = {{0, 1, 0, 1, 1}, {1, 1, 1, 1, 1}, {2, 1, 2, 1, 1}, {3, 1, 3, 1, 1}};
    lexmodel_fit(m, beads, 4);
    assert_true(m->q_side[0] > 0.9);
    lexmodel_free(m);
}

/* Words that keep meeting in the first pass's beads become translations of each other. */
static void pairs_are_learned_from_beads(void **state)
{
    (void)state;
    /* six 1-1 beads; X (source) and Y (target) meet in beads 0, 2 and 4, the other
     * words are each in one bead only; no dictionary word at all */
    enum { X = 10, Y = 20 };
    uint32_t sall[] = {X, 101, 102, X, 103, X}, sast[] = {0, 1, 2, 3, 4, 5, 6};
    uint32_t tall[] = {Y, 201, 202, Y, 203, Y}, tast[] = {0, 1, 2, 3, 4, 5, 6};
    sall[0] = X, sall[2] = X, sall[4] = X, sall[1] = 101, sall[3] = 103, sall[5] = 105;
    tall[0] = Y, tall[2] = Y, tall[4] = Y, tall[1] = 201, tall[3] = 203, tall[5] = 205;
    uint32_t zero[7] = {0};
    lex_side in[2] = {{6, zero, NULL, sast, sall, 0, NULL, zero, NULL}, {6, zero, NULL, tast, tall, 0, NULL, zero, NULL}};
    dp_bead b[6];
    for (size_t k = 0; k < 6; k++)
        b[k] = (dp_bead){k, 1, k, 1, 1};
    lex_side out[2];
    size_t learned;
    assert_int_equal(lexlearn_pairs(in, b, 6, out, &learned), 0);
    assert_int_equal(learned, 1);
    /* sentence 0 of each side now has X (Y) as a word, translated by Y (X) */
    assert_int_equal(out[0].wstart[1] - out[0].wstart[0], 1);
    assert_int_equal(out[0].words[0], X);
    assert_int_equal(out[0].nvocab, 1);
    assert_int_equal(out[0].vocab[0], X);
    assert_int_equal(out[0].vtrans[out[0].vstart[0]], Y);
    assert_int_equal(out[1].vtrans[out[1].vstart[0]], X);
    assert_int_equal(out[0].wstart[2] - out[0].wstart[1], 0); /* 101: met nothing twice */
    lexmodel *m;
    assert_int_equal(lexmodel_new(out, &m), 0);
    /* refitted on the beads (before it, q = LEX_Q_START = 0.5 is Y's chance rate 3/6: every
     * cost is 0), X's sentence costs less against Y's than against one of an unlinked word */
    lexmodel_fit(m, b, 6);
    assert_true(lexmodel_cost(m, 0, 1, 0, 1) < lexmodel_cost(m, 0, 1, 1, 1));
    lexmodel_free(m);
    lex_side_free(&out[0]);
    lex_side_free(&out[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lexicon_links_both_ways),
        cmocka_unit_test(longest_prefix_is_greedy),
        cmocka_unit_test(damaged_and_missing_files_are_errors),
        cmocka_unit_test(words_are_stemmed_content_words),
        cmocka_unit_test(user_lexicons_parse_and_fail_loudly),
        cmocka_unit_test(cedict_glosses_are_cleaned),
        cmocka_unit_test(mueller_translations_are_words),
        cmocka_unit_test(british_spellings_meet_american_ones),
        cmocka_unit_test(untranslated_words_borrow_their_first_sense),
        cmocka_unit_test(greedy_match_over_user_lexicon),
        cmocka_unit_test(user_lexicon_joins_its_pair_only),
        cmocka_unit_test(user_lexicon_compiled_once_per_pair),
        cmocka_unit_test(id_sets_sort_and_map),
        cmocka_unit_test(one_lower_bound),
        cmocka_unit_test(coverage_is_weighed_against_chance),
        cmocka_unit_test(pairs_are_learned_from_beads),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
