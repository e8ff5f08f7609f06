/* test_tm.c — unit tests of src/tm: the streaming reader (text versus markup), dates,
 * language-tag matching, the writer's copy of a unit, and the fuzzy index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/lang.h"
#include "tm/tm_index.h"
#include "tm/tmx_check.h"
#include "tm/tmx_reader.h"
#include "tm/tmx_writer.h"
#include "util/error.h"
#include "util/u64table.h"

static const char *sample =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
    "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\">"
    "<prop type=\"x-po-header\">Language: ru</prop></header><body>\n"
    "<tu tuid=\"7\"><prop type=\"x-context\">menu</prop><tuv xml:lang=\"en\"><seg>Press <bpt i=\"1\">&lt;b&gt;</bpt>OK"
    "<ept i=\"1\">&lt;/b&gt;</ept> now</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Нажмите ОК</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Open 3 files.</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Откройте 3 файла.</seg>"
    "</tuv></tu>\n</body></tmx>\n";

static char *write_temp(const char *content)
{
    char *path = strdup("/tmp/polyalign-test-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

static void reader_gives_text_and_markup(void **state)
{
    (void)state;
    char *path = write_temp(sample);
    tmx_reader *r;
    assert_int_equal(tmx_reader_open(path, &r), 0);
    tmx_reader_keep_markup(r, 1);
    assert_string_equal(tmx_attr_get(tmx_reader_header(r), "srclang"), "en");
    assert_string_equal(tmx_reader_header_prop(r, "x-po-header"), "Language: ru");
    tmx_unit u = {0};
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_string_equal(tmx_attr_get(&u.attrs, "tuid"), "7");
    assert_int_equal(u.ntuv, 2);
    assert_string_equal(u.tuv[0].text, "Press OK now"); /* codes left out of the text */
    assert_non_null(strstr(u.tuv[0].xml, "<bpt i=\"1\">&lt;b&gt;</bpt>"));
    assert_int_equal(u.tuv[0].unpaired, 0);
    assert_string_equal(tmx_tuv_lang(&u.tuv[1]), "ru-RU");
    assert_string_equal(u.notes[0].type, "x-context");
    /* the unit written back keeps its markup */
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    tmx_writer *w;
    tmx_header h = {.srclang = "en"};
    assert_int_equal(tmx_writer_open(&w, f, &h), 0);
    assert_int_equal(tmx_writer_copy_unit(w, &u), 0);
    assert_int_equal(tmx_writer_close(w), 0);
    fclose(f);
    assert_non_null(strstr(buf, "<seg>Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept> now</seg>"));
    free(buf);
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_int_equal(tmx_reader_next(r, &u), 0);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    unlink(path);
    free(path);
}

/* Which two variants of a unit answer a language pair: exact tags first, never the same
 * variant twice, the source's best alone when there is no target. */
static void unit_pairs_pick_variants(void **state)
{
    (void)state;
    char *path = write_temp("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
                            "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" "
                            "srclang=\"en\" datatype=\"plaintext\"/><body>\n"
                            "<tu><tuv xml:lang=\"en-GB\"><seg>Colour</seg></tuv><tuv xml:lang=\"en-US\"><seg>Color</seg>"
                            "</tuv><tuv xml:lang=\"ru\"><seg>Цвет</seg></tuv></tu>\n"
                            "<tu><tuv xml:lang=\"en\"><seg>Alone</seg></tuv></tu>\n</body></tmx>\n");
    tmx_reader *r;
    assert_int_equal(tmx_reader_open(path, &r), 0);
    tmx_unit u = {0};
    const char *s, *t;
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_true(tmx_unit_pair(&u, "en", "en-GB", &s, &t)); /* en takes en-US, leaving en-GB */
    assert_string_equal(s, "Color");
    assert_string_equal(t, "Colour");
    assert_true(tmx_unit_pair(&u, "en-GB", "en", &s, &t));
    assert_string_equal(s, "Colour");
    assert_string_equal(t, "Color");
    assert_true(tmx_unit_pair(&u, "en", "ru", &s, &t)); /* the first English variant */
    assert_string_equal(s, "Colour");
    assert_string_equal(t, "Цвет");
    assert_false(tmx_unit_pair(&u, "de", "ru", &s, &t));
    assert_null(s);
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_false(tmx_unit_pair(&u, "en", "ru", &s, &t)); /* no target: the source alone */
    assert_string_equal(s, "Alone");
    assert_null(t);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    unlink(path);
    free(path);
}

static void dates_and_tags(void **state)
{
    (void)state;
    assert_true(tmx_date_ok("20161116T093000Z"));
    assert_false(tmx_date_ok("2016-11-16"));
    assert_false(tmx_date_ok("20161316T093000Z"));
    assert_false(tmx_date_ok("20161116T093000"));
    assert_true(lang_tags_match("ru", "ru-RU"));
    assert_true(lang_tags_match("zh_CN", "zh-cn"));
    assert_false(lang_tags_match("zh-CN", "zh-TW"));
    assert_false(lang_tags_match("en", "eng"));
}

static void fuzzy_index_scores_like_cat_tools(void **state)
{
    (void)state;
    char *path = write_temp(sample);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    assert_int_equal(tm_index_units(ix), 2);
    tm_match m[4];
    /* numbers and case normalized: a 100% match */
    assert_int_equal(tm_index_lookup(ix, "open 12 FILES", 70, m, 4), 1);
    assert_int_equal(m[0].score, 100);
    assert_string_equal(m[0].target, "Откройте 3 файла.");
    /* one word of four changed: 75% */
    assert_int_equal(tm_index_lookup(ix, "Press OK later", 70, m, 4), 0);
    assert_int_equal(tm_index_lookup(ix, "Press OK now please", 70, m, 4), 1);
    assert_int_equal(m[0].score, 75);
    /* saved and loaded: the same answers */
    char idx[] = "/tmp/polyalign-idx-XXXXXX";
    int fd = mkstemp(idx);
    close(fd);
    assert_int_equal(tm_index_save(ix, idx), 0);
    tm_index *again;
    assert_int_equal(tm_index_load(idx, "en", "ru-RU", &again), -ERR_USAGE); /* not the pair it was built for */
    assert_int_equal(tm_index_load(idx, "ru", "en", &again), -ERR_USAGE);
    assert_null(again);
    assert_int_equal(tm_index_load(idx, "en", "ru", &again), 0);
    assert_string_equal(tm_index_lang(again, 0), "en");
    assert_string_equal(tm_index_lang(again, 1), "ru");
    assert_int_equal(tm_index_lookup(again, "open 12 FILES", 70, m, 4), 1);
    tm_index_free(again);
    assert_int_equal(tm_index_load(idx, NULL, NULL, &again), 0); /* any pair */
    tm_index_free(again);
    tm_index_free(ix);
    unlink(idx);
    unlink(path);
    free(path);
}

/* The one 64-bit hash table of merge, stats and the aligner's word pairs: sets, payloads
 * kept through growth, keys that share their low bits, the walk over them. */
static void u64_tables_keep_keys_and_payloads(void **state)
{
    (void)state;
    u64_table set;
    u64_table_init(&set, sizeof(uint64_t));
    assert_null(u64_table_get(&set, 42));
    assert_int_equal(u64_set_add(&set, 42), 0);
    assert_int_equal(u64_set_add(&set, 42), 1);
    assert_null(u64_table_get(&set, 0));
    assert_int_equal(u64_set_add(&set, 0), 0); /* 0 is a key like any other */
    assert_int_equal(u64_set_add(&set, 1), 0);
    assert_int_equal(u64_set_add(&set, 0), 1);
    assert_int_equal(set.n, 3);
    u64_table_free(&set);

    typedef struct {
        uint64_t key;
        uint32_t value;
    } slot;
    u64_table t;
    u64_table_init(&t, sizeof(slot));
    int zero_added;
    slot *zero = u64_table_put(&t, 0, &zero_added); /* before growth: kept through it */
    assert_int_equal(zero_added, 1);
    zero->value = 123456;
    enum { N = 5000 };
    for (uint64_t k = 1; k <= N; k++) {
        int added;
        slot *s = u64_table_put(&t, k << 32, &added); /* all share their low bits */
        assert_non_null(s);
        assert_int_equal(added, 1);
        assert_int_equal(s->value, 0);
        s->value = (uint32_t)k;
    }
    assert_int_equal(t.n, N + 1);
    assert_int_equal(((const slot *)u64_table_get(&t, 0))->value, 123456);
    for (uint64_t k = 1; k <= N; k++) {
        const slot *s = u64_table_get(&t, k << 32);
        assert_non_null(s);
        assert_int_equal(s->value, k);
        int added;
        assert_ptr_equal(u64_table_put(&t, k << 32, &added), s);
        assert_int_equal(added, 0);
    }
    assert_null(u64_table_get(&t, 7));
    /* the walk meets every slot in use once */
    uint64_t seen = 0, sum = 0;
    size_t at = 0;
    for (const slot *s; (s = u64_table_next(&t, &at));) {
        assert_int_equal(s->key, s->value == 123456 ? 0 : (uint64_t)s->value << 32);
        seen++;
        sum += s->value;
    }
    assert_int_equal(seen, N + 1);
    assert_int_equal(sum, (uint64_t)N * (N + 1) / 2 + 123456);
    u64_table_free(&t);
    at = 0;
    assert_null(u64_table_next(&t, &at)); /* an empty table has nothing to walk */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_gives_text_and_markup),
        cmocka_unit_test(unit_pairs_pick_variants),
        cmocka_unit_test(dates_and_tags),
        cmocka_unit_test(fuzzy_index_scores_like_cat_tools),
        cmocka_unit_test(u64_tables_keep_keys_and_payloads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
