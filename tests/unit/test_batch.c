/* test_batch.c — unit tests of src/batch and what batches share: manifests (header,
 * paths relative to the manifest, every kind of bad line kept with its line), folders of
 * NAME.LANG.EXT files, report lines written and read back, built-in lexicons opened
 * once for many threads, and Han spellings shared by threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align/hanlatin.h"
#include "align/lexbuiltin.h"
#include "align/lexicon.h"
#include "batch/batch.h"
#include "batch/manifest.h"
#include "batch/report.h"
#include "util/error.h"
#include "scratch.h"

/* write_file for text */
static const char *write_text(const char *name, const char *text)
{
    return write_file(name, text, strlen(text));
}

static const manifest_doc *doc_of(const manifest *m, const char *id)
{
    for (size_t k = 0; k < m->n; k++)
        if (m->docs[k].id && strcmp(m->docs[k].id, id) == 0)
            return &m->docs[k];
    fail_msg("no set %s", id);
    return NULL;
}

static void manifest_lines_keep_their_problems(void **state)
{
    (void)state;
    write_text("m/t/a.en.txt", "One.\n");
    write_text("m/t/a.zh.txt", "一。\n");
    write_text("m/t/b.en", "Two.\n");
    write_text("m/t/b.ru", "Два.\n");
    write_text("outside.zh", "二。\n");
    const char *path = write_text("m/manifest.tsv",
                                  "# sets of the test\r\n"
                                  "ID\ten\tzh\r\n"
                                  "\n"
                                  "a\tt/a.en.txt\tt/a.zh.txt \r\n"
                                  "cols\tt/a.en.txt\n"
                                  "a\tt/a.en.txt\tt/a.zh.txt\n"
                                  "gone\tt/a.en.txt\tt/none.zh\n"
                                  "swap\tt/a.zh.txt\tt/a.en.txt\n"
                                  "out\tt/a.en.txt\t../outside.zh\n"
                                  ".hidden\tt/a.en.txt\tt/a.zh.txt\n"
                                  "empty\tt/a.en.txt\t\n"
                                  "dir\tt/a.en.txt\tt\n");
    manifest m;
    assert_int_equal(manifest_read(path, &m), 0);
    assert_int_equal(m.nlangs, 2);
    assert_string_equal(m.langs[0], "en-US");
    assert_string_equal(m.langs[1], "zh-CN");
    assert_int_equal(m.n, 9);
    const manifest_doc *a = &m.docs[0];
    assert_int_equal(a->line, 4);
    assert_null(a->error);
    assert_null(a->note);
    assert_string_equal(a->given[1], "t/a.zh.txt"); /* a CR and a trailing space trimmed */
    assert_non_null(strstr(a->path[1], "/m/t/a.zh.txt"));
    assert_int_equal(a->bytes, strlen("One.\n") + strlen("一。\n"));
    assert_non_null(strstr(doc_of(&m, "cols")->error, "2 columns, but the header has 3"));
    assert_int_equal(m.docs[2].line, 6);
    assert_non_null(strstr(m.docs[2].error, "the id 'a' is already used on line 4"));
    assert_non_null(strstr(doc_of(&m, "gone")->error, "t/none.zh: No such file"));
    assert_non_null(strstr(doc_of(&m, "swap")->error, "t/a.zh.txt is in the en-US column, but its name says zh-CN"));
    const manifest_doc *out = doc_of(&m, "out");
    assert_null(out->error);
    assert_non_null(strstr(out->note, "../outside.zh is outside the manifest's folder"));
    assert_non_null(strstr(m.docs[6].error, "the id '.hidden' cannot name a file"));
    assert_non_null(strstr(doc_of(&m, "empty")->error, "no file for zh-CN"));
    assert_non_null(strstr(doc_of(&m, "dir")->error, "t: is a directory"));
    char where[600];
    manifest_doc_where(&m, out, where, sizeof where);
    assert_non_null(strstr(where, "manifest.tsv:9"));
    manifest_free(&m);
}

static void manifests_refused_whole(void **state)
{
    (void)state;
    manifest m;
    assert_int_equal(manifest_read(write_text("h1.tsv", "a\tb.en\tb.zh\n"), &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "h1.tsv:1: the first line must be the header"));
    assert_int_equal(manifest_read(write_text("h2.tsv", "\n#c\nid\ten\tnot a tag!\n"), &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "h2.tsv:3: column 3 of the header"));
    assert_int_equal(manifest_read(write_text("h3.tsv", "id\ten\n"), &m), -ERR_DATA);
    assert_int_equal(manifest_read(write_text("h4.tsv", "id\ten\tzh\tru\tde\n"), &m), -ERR_DATA);
    assert_int_equal(manifest_read(write_text("h5.tsv", ""), &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "h5.tsv: empty manifest"));
    assert_int_equal(manifest_read(write_text("h6.tsv", "id\ten\tzh\n\n"), &m), -ERR_DATA);
    assert_non_null(strstr(error_last(), "h6.tsv:1: no document set after the header"));
    assert_int_equal(manifest_read(write_text("h7.tsv", "id\ten\tzh\n\xff\n"), &m), -ERR_DATA);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.tsv", scratch_dir);
    assert_int_equal(manifest_read(missing, &m), -ERR_NOINPUT);
}

static void folders_give_a_set_per_name(void **state)
{
    (void)state;
    write_text("d/b.en.txt", "B.\n");
    write_text("d/b.zh.txt", "乙。\n");
    write_text("d/a.en", "A.\n");
    write_text("d/a.ZH", "甲。\n");
    write_text("d/c.en.txt", "C.\n");
    write_text("d/d.en.txt", "D.\n");
    write_text("d/d.zh.txt", "丁。\n");
    write_text("d/d.zh.md", "丁。\n");
    write_text("d/.e.en", "hidden\n");
    write_text("d/notes.txt", "not a text of a set\n");
    write_text("d/x.y.en", "X.\n"); /* NAME x.y */
    write_text("d/x.y.zh", "X。\n");
    char dir[600], langs[2][LANG_TAG_MAX] = {"en-US", "zh-CN"};
    const char *words[2] = {"en", "zh"};
    snprintf(dir, sizeof dir, "%s/d", scratch_dir);
    manifest m;
    assert_int_equal(manifest_from_dir(dir, langs, words, 2, &m), 0);
    assert_int_equal(m.n, 5);
    assert_string_equal(m.docs[0].id, "a");
    assert_null(m.docs[0].error);
    assert_string_equal(m.docs[0].given[1], "a.ZH");
    assert_string_equal(m.docs[1].id, "b");
    assert_string_equal(m.docs[1].given[0], "b.en.txt");
    assert_string_equal(m.docs[2].id, "c");
    assert_non_null(strstr(m.docs[2].error, "no zh-CN file (c.zh or c.zh.EXT)"));
    assert_string_equal(m.docs[3].id, "d");
    assert_non_null(strstr(m.docs[3].error, "two zh-CN files"));
    assert_string_equal(m.docs[4].id, "x.y");
    assert_null(m.docs[4].error);
    char where[600];
    manifest_doc_where(&m, &m.docs[2], where, sizeof where);
    assert_string_equal(where, dir);
    manifest_free(&m);
    const char *ru_words[2] = {"en", "ru"};
    char ru[2][LANG_TAG_MAX] = {"en-US", "ru-RU"};
    snprintf(dir, sizeof dir, "%s/d/none", scratch_dir);
    assert_int_equal(manifest_from_dir(dir, ru, ru_words, 2, &m), -ERR_NOINPUT);
}

static void report_lines_round_trip(void **state)
{
    (void)state;
    const char *files[2] = {"a.en", "a.zh"};
    char langs[2][LANG_TAG_MAX] = {"en-GB", "zh-CN"};
    size_t sentences[2] = {12, 11};
    report_fields f = {.set = 3, .sets = 9, .line = 5, .id = "a", .files = files, .langs = langs, .nlangs = 2,
                       .sentences = sentences, .beads = 10, .doubtful = 1, .units = 9,
                       .mean_confidence = 0.912349, .seconds = 0.12345, .tmx = "docs/a.tmx", .shard = 1, .shards = 4};
    char *line = report_line(&f);
    assert_non_null(line);
    assert_string_equal(line, "{\"set\":3,\"sets\":9,\"line\":5,\"id\":\"a\",\"files\":[\"a.en\",\"a.zh\"],"
                              "\"langs\":[\"en-GB\",\"zh-CN\"],\"sentences\":{\"en-GB\":12,\"zh-CN\":11},"
                              "\"beads\":10,\"mean_confidence\":0.9123,\"doubtful\":1,\"units\":9,"
                              "\"seconds\":0.123,\"tmx\":\"docs/a.tmx\",\"shard\":\"1/4\",\"error\":null}");
    report_entry e;
    assert_int_equal(report_parse(line, strlen(line), "r:1", &e), 0);
    assert_int_equal(e.set, 3);
    assert_int_equal(e.sets, 9);
    assert_int_equal(e.line, 5);
    assert_false(e.failed);
    assert_string_equal(e.tmx, "docs/a.tmx");
    assert_true(report_entry_has_files(&e, files, 2));
    const char *others[2] = {"a.en", "b.zh"};
    assert_false(report_entry_has_files(&e, others, 2));
    report_entry_free(&e);
    /* the set moved in an edited manifest, not in a shard now: its results stay */
    report_fields now = {.set = 0, .sets = 2, .line = 2, .id = "a", .files = files, .langs = langs, .nlangs = 2};
    char *again = report_line_again(line, strlen(line), &now);
    assert_non_null(again);
    assert_string_equal(again, "{\"set\":0,\"sets\":2,\"line\":2,\"id\":\"a\",\"files\":[\"a.en\",\"a.zh\"],"
                               "\"langs\":[\"en-GB\",\"zh-CN\"],\"sentences\":{\"en-GB\":12,\"zh-CN\":11},"
                               "\"beads\":10,\"mean_confidence\":0.9123,\"doubtful\":1,\"units\":9,"
                               "\"seconds\":0.123,\"tmx\":\"docs/a.tmx\",\"error\":null}");
    free(again);
    free(line);
    report_fields failed = {.set = 1, .sets = 2, .langs = langs, .nlangs = 2, .error = "a.zh: bad"};
    line = report_line(&failed);
    assert_int_equal(report_parse(line, strlen(line), "r:2", &e), 0);
    assert_true(e.failed);
    assert_null(e.tmx);
    assert_null(e.id);
    report_entry_free(&e);
    free(line);
    assert_int_equal(report_parse("{\"set\":3,\"sets\":2,\"files\":[]}", 30, "r:3", &e), -ERR_DATA);
    assert_non_null(strstr(error_last(), "r:3: not a line of a polyalign batch report"));
    assert_int_equal(report_parse("nonsense", 8, "r:4", &e), -ERR_DATA);
    char name[64];
    batch_report_name(2, 5, name, sizeof name);
    assert_string_equal(name, "report.2-of-5.jsonl");
    batch_report_name(0, 0, name, sizeof name);
    assert_string_equal(name, "report.jsonl");
}

/* ---- built-in lexicons shared by threads ---- */

typedef struct {
    lexicon_builtins *b;
    const lexicon *got;
    int rc, missing;
} getter;

static void *get_en_zh(void *arg)
{
    getter *g = arg;
    g->rc = lexicon_builtins_get(g->b, "en", "zh", &g->got, &g->missing);
    return NULL;
}

static void builtin_lexicons_open_once_for_all_threads(void **state)
{
    (void)state;
    lexicon_builder *lb;
    void *bytes;
    size_t len;
    assert_int_equal(lexicon_builder_new("en", "zh", &lb), 0);
    assert_int_equal(lexicon_builder_link(lb, "cat", 3, "猫", 3) | lexicon_builder_compile(lb, &bytes, &len), 0);
    lexicon_builder_free(lb);
    write_file("lex/en-zh.lex", bytes, len);
    free(bytes);
    char dir[600];
    snprintf(dir, sizeof dir, "%s/lex", scratch_dir);
    lexicon_builtins *b;
    assert_int_equal(lexicon_builtins_new(dir, &b), 0);
    getter g[4];
    pthread_t t[4];
    for (int k = 0; k < 4; k++) {
        g[k] = (getter){b, NULL, -1, -1};
        assert_int_equal(pthread_create(&t[k], NULL, get_en_zh, &g[k]), 0);
    }
    for (int k = 0; k < 4; k++) {
        pthread_join(t[k], NULL);
        assert_int_equal(g[k].rc, 0);
        assert_false(g[k].missing);
        assert_non_null(g[k].got);
        assert_ptr_equal(g[k].got, g[0].got); /* one lexicon, opened once */
    }
    const lexicon *lx;
    int missing;
    assert_int_equal(lexicon_builtins_get(b, "zh", "en", &lx, &missing), 0);
    assert_non_null(lx); /* the pair the other way round */
    assert_int_equal(lexicon_builtins_get(b, "en", "ru", &lx, &missing), 0);
    assert_null(lx);
    assert_true(missing); /* a pair polyalign ships, not found */
    assert_int_equal(lexicon_builtins_get(b, "de", "fr", &lx, &missing), 0);
    assert_null(lx);
    assert_false(missing);
    lexicon_builtins_free(b);
}

/* ---- Han spellings shared by threads ---- */

typedef struct {
    han_spellings *h;
    int rc;
    char out[64][HAN_SPELLING_MAX + 1];
} speller;

static const UChar32 han_sample[64] = {0x4E60, 0x8FD1, 0x5E73, 0x4E4C, 0x9547, 0x4E2D, 0x56FD, 0x4E92, 0x8054, 0x7F51};

static void *spell_sample(void *arg)
{
    speller *s = arg;
    UTransliterator *t = NULL;
    for (int k = 0; k < 64 && s->rc >= 0; k++)
        s->rc = han_spelling(s->h, &t, han_sample[k] ? han_sample[k] : 0x4E00 + k, s->out[k]);
    if (t)
        utrans_close(t);
    return NULL;
}

static void han_spellings_are_shared_and_the_same(void **state)
{
    (void)state;
    han_spellings *own, *shared;
    assert_int_equal(han_spellings_new(&own), 0);
    assert_int_equal(han_spellings_new(&shared), 0);
    speller alone = {own, 0, {{0}}}, s[3];
    spell_sample(&alone);
    assert_int_equal(alone.rc, 1);
    assert_string_equal(alone.out[0], "xi"); /* 习近平 */
    assert_string_equal(alone.out[1], "jin");
    assert_string_equal(alone.out[2], "ping");
    pthread_t t[3];
    for (int k = 0; k < 3; k++) {
        s[k] = (speller){shared, 0, {{0}}};
        assert_int_equal(pthread_create(&t[k], NULL, spell_sample, &s[k]), 0);
    }
    for (int k = 0; k < 3; k++) {
        pthread_join(t[k], NULL);
        assert_int_equal(s[k].rc, 1);
        for (int c = 0; c < 64; c++)
            assert_string_equal(s[k].out[c], alone.out[c]);
    }
    UTransliterator *none = NULL;
    char out[HAN_SPELLING_MAX + 1];
    assert_int_equal(han_spelling(shared, &none, 'A', out), 0); /* outside the range */
    assert_int_equal(han_spelling(shared, &none, 0x4E60, out), 1);
    assert_null(none); /* in the cache: no transliterator opened */
    assert_string_equal(out, "xi");
    han_spellings_free(own);
    han_spellings_free(shared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(manifest_lines_keep_their_problems),
        cmocka_unit_test(manifests_refused_whole),
        cmocka_unit_test(folders_give_a_set_per_name),
        cmocka_unit_test(report_lines_round_trip),
        cmocka_unit_test(builtin_lexicons_open_once_for_all_threads),
        cmocka_unit_test(han_spellings_are_shared_and_the_same),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
