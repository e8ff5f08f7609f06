/* test_tm.c — unit tests of src/tm: the streaming reader (text versus markup, input that
 * is not a memory, elements TMX does not define), dates, language-tag matching, the
 * writer's copy of a unit, merging units of one source, tmx2po's one entry per message,
 * the fuzzy index, and what `tmx stats` counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/lang.h"
#include "tm/po_bridge.h"
#include "tm/tm_index.h"
#include "tm/tmx_check.h"
#include "tm/tmx_merge.h"
#include "tm/tmx_reader.h"
#include "tm/tmx_stats.h"
#include "tm/tmx_writer.h"
#include "util/error.h"
#include "util/u64sort.h"
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
    /* the same words: 100% only when numbers, case and punctuation agree too, else a
     * point off for each that differs, and the match says which */
    assert_int_equal(tm_index_lookup(ix, "Open 3 files.", 70, m, 4), 1);
    assert_int_equal(m[0].score, 100);
    assert_int_equal(m[0].differs, 0);
    assert_string_equal(m[0].target, "Откройте 3 файла.");
    assert_int_equal(tm_index_lookup(ix, "open 12 FILES", 70, m, 4), 1);
    assert_int_equal(m[0].score, 97);
    assert_int_equal(m[0].differs, TM_DIFF_NUMBERS | TM_DIFF_CASE | TM_DIFF_PUNCTUATION);
    assert_int_equal(tm_index_lookup(ix, "Open 3   files.", 70, m, 4), 1); /* spaces do not count */
    assert_int_equal(m[0].score, 100);
    /* inline tags: the unit's codes (<bpt>&lt;b&gt;</bpt>) are the query's <b>…</b> */
    assert_int_equal(tm_index_lookup(ix, "Press <b>OK</b> now", 70, m, 4), 1);
    assert_int_equal(m[0].score, 100);
    assert_int_equal(m[0].differs, 0);
    assert_int_equal(tm_index_lookup(ix, "Press OK now", 70, m, 4), 1);
    assert_int_equal(m[0].score, 99);
    assert_int_equal(m[0].differs, TM_DIFF_TAGS);
    assert_int_equal(tm_index_lookup(ix, "Press <i>OK</i> now", 70, m, 4), 1);
    assert_int_equal(m[0].differs, TM_DIFF_TAGS);
    /* one word of four changed: 75% (less the missing tags) */
    assert_int_equal(tm_index_lookup(ix, "Press OK later", 70, m, 4), 0);
    assert_int_equal(tm_index_lookup(ix, "Press <b>OK</b> now please", 70, m, 4), 1);
    assert_int_equal(m[0].score, 75);
    assert_int_equal(tm_index_lookup(ix, "Press OK now please", 70, m, 4), 1);
    assert_int_equal(m[0].score, 74);
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
    assert_int_equal(m[0].score, 97);
    assert_int_equal(tm_index_lookup(again, "Press OK now", 70, m, 4), 1);
    assert_int_equal(m[0].differs, TM_DIFF_TAGS); /* the tags are saved with the index */
    tm_index_free(again);
    assert_int_equal(tm_index_load(idx, NULL, NULL, &again), 0); /* any pair */
    tm_index_free(again);
    tm_index_free(ix);
    unlink(idx);
    unlink(path);
    free(path);
}

/* A TMX of en/ru units, one per source given (translations "t0", "t1", … in order). */
static char *write_memory(const char *const *sources, size_t n)
{
    size_t cap = 4096 + n * 512, len = 0;
    char *xml = malloc(cap);
    assert_non_null(xml);
    len += (size_t)snprintf(xml + len, cap - len,
                            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
                            "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" "
                            "srclang=\"en\" datatype=\"plaintext\"/><body>\n");
    for (size_t k = 0; k < n; k++) {
        assert_true(strlen(sources[k]) < 400);
        len += (size_t)snprintf(xml + len, cap - len,
                                "<tu><tuv xml:lang=\"en\"><seg>%s</seg></tuv><tuv xml:lang=\"ru\"><seg>t%zu</seg>"
                                "</tuv></tu>\n",
                                sources[k], k);
    }
    snprintf(xml + len, cap - len, "</body></tmx>\n");
    char *path = write_temp(xml);
    free(xml);
    return path;
}

/* Units that differ only in a number: the exact one is 100% and first wherever it sits
 * in the memory, the others 99% saying "number", in memory order. */
static void exact_match_first_numbers_cost_a_point(void **state)
{
    (void)state;
    const char *sources[] = {
        "Provisional agenda for the 7386th meeting of the Security Council",
        "Provisional agenda for the 7395th meeting of the Security Council",
        "Provisional agenda for the 7378th meeting of the Security Council",
        "Provisional agenda for the 7369th meeting of the Security Council",
        "Provisional agenda for the 7360th meeting of the Security Council",
        "Provisional agenda for the 7370th meeting of the Security Council",
        "Provisional agenda for the 7355th meeting of the Security Council",
    };
    char *path = write_memory(sources, 7);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    tm_match m[8];
    assert_int_equal(tm_index_lookup(ix, sources[6], 70, m, 8), 7);
    assert_string_equal(m[0].source, sources[6]);
    assert_int_equal(m[0].score, 100);
    assert_int_equal(m[0].differs, 0);
    for (size_t k = 1; k < 7; k++) {
        assert_int_equal(m[k].score, 99);
        assert_int_equal(m[k].differs, TM_DIFF_NUMBERS);
        assert_int_equal(m[k].order, k - 1); /* ties in memory order */
    }
    /* numbers that come with added words are part of the edit distance, not a penalty */
    assert_int_equal(tm_index_lookup(ix, "Provisional agenda for the meeting of the Security Council", 70, m, 1), 1);
    assert_int_equal(m[0].score, 81); /* 2 tokens of 11 ("7386th": a number and "th") */
    assert_int_equal(m[0].differs, 0);
    tm_index_free(ix);
    unlink(path);
    free(path);
}

/* Hundreds of longer units holding the sentence, before it in the memory, do not crowd
 * its exact match out. */
static void exact_match_not_crowded_out(void **state)
{
    (void)state;
    enum { LONGER = 400 };
    static char text[LONGER + 1][128];
    const char *sources[LONGER + 1];
    for (size_t k = 0; k < LONGER; k++) {
        snprintf(text[k], sizeof text[k], "The committee adopted the report without a vote and %s", k % 2 ? "closed" : "left");
        sources[k] = text[k];
    }
    sources[LONGER] = "The committee adopted the report without a vote";
    char *path = write_memory(sources, LONGER + 1);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    tm_match m[TM_INDEX_MAX_MATCHES];
    assert_int_equal(tm_index_lookup(ix, sources[LONGER], 70, m, TM_INDEX_MAX_MATCHES), TM_INDEX_MAX_MATCHES);
    assert_int_equal(m[0].score, 100);
    assert_int_equal(m[0].order, LONGER);
    assert_int_equal(m[1].score, 80);
    tm_index_free(ix);
    unlink(path);
    free(path);
}

/* Low --min: one word of two is 50%, found both ways. */
static void low_min_finds_short_matches(void **state)
{
    (void)state;
    const char *sources[] = {"Provisional agenda", "Agenda items", "Something else entirely"};
    char *path = write_memory(sources, 3);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    tm_match m[4];
    assert_int_equal(tm_index_lookup(ix, "Provisional agendas", 50, m, 4), 1);
    assert_string_equal(m[0].source, "Provisional agenda");
    assert_int_equal(m[0].score, 50);
    assert_int_equal(tm_index_lookup(ix, "Agenda", 50, m, 4), 1);
    assert_string_equal(m[0].source, "Agenda items");
    assert_int_equal(m[0].score, 50);
    assert_int_equal(tm_index_lookup(ix, "Agenda", 51, m, 4), 0);
    assert_int_equal(tm_index_lookup(ix, "agenda", 40, m, 4), 2); /* "Provisional agenda" 50 − case */
    assert_int_equal(m[1].score, 49);
    assert_int_equal(m[1].differs, TM_DIFF_CASE);
    tm_index_free(ix);
    unlink(path);
    free(path);
}

/* The slow path of word-pair indexes: a query of common words ("Report of the") against
 * 20,000 long units that all hold them. The work is bounded by the units whose length can
 * reach --min (3 or 4 words at 70), not by how common the words are; the short matches
 * are all found. */
static void common_words_cost_little(void **state)
{
    (void)state;
    enum { LONG = 20000 };
    const char **sources = malloc((LONG + 3) * sizeof *sources);
    char (*text)[96] = malloc(LONG * sizeof *text);
    assert_non_null(sources);
    assert_non_null(text);
    for (size_t k = 0; k < LONG; k++) {
        snprintf(text[k], sizeof text[k], "Report of the Committee on item %zu of the agenda of its session", k);
        sources[k] = text[k];
    }
    sources[LONG] = "Report of the Board";
    sources[LONG + 1] = "The report of the";
    sources[LONG + 2] = "Report of the Secretary";
    char *path = write_memory(sources, LONG + 3);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    tm_match m[8];
    assert_int_equal(tm_index_lookup(ix, "Report of the", 70, m, 8), 3);
    assert_true(tm_index_last_work(ix) <= 30);
    assert_int_equal(m[0].score, 75); /* "The report of the": 3 of 4 words, case aside */
    /* a rare word costs as little; a long query reads the long units, as it must */
    assert_int_equal(tm_index_lookup(ix, "Board", 70, m, 8), 0);
    assert_true(tm_index_last_work(ix) <= 4);
    assert_int_equal(tm_index_lookup(ix, "Report of the Committee on item 7 of the agenda of its session", 90, m, 8), 8);
    assert_true(tm_index_last_work(ix) >= LONG);
    tm_index_free(ix);
    unlink(path);
    free(path);
    free(text);
    free(sources);
}

/* The index answers what scoring every unit answers: random segments over a small
 * vocabulary (many common words, repeats in a segment), queries of all lengths, every
 * --min from 10 to 100 by 15. */
static void index_agrees_with_scoring_every_unit(void **state)
{
    (void)state;
    enum { UNITS = 600, QUERIES = 40 };
    static const char *const words[] = {"the", "of", "report", "council", "agenda", "meeting", "provisional",
                                        "security", "and", "to", "item", "General", "Assembly", "1", "2015"};
    static char text[UNITS][400];
    const char *sources[UNITS];
    uint32_t seed = 12345;
    for (size_t k = 0; k < UNITS; k++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 16) % 24, len = 0;
        for (size_t w = 0; w < n; w++) {
            seed = seed * 1103515245u + 12345u;
            len += (size_t)snprintf(text[k] + len, sizeof text[k] - len, "%s%s", w ? " " : "",
                                    words[(seed >> 16) % (sizeof words / sizeof *words)]);
        }
        sources[k] = text[k];
    }
    char *path = write_memory(sources, UNITS);
    tm_index *ix;
    assert_int_equal(tm_index_build(path, "en", "ru", &ix), 0);
    static tm_match got[TM_INDEX_MAX_MATCHES], want[UNITS];
    size_t nonempty = 0;
    for (int min = 10; min <= 100; min += 15) {
        for (size_t k = 0; k < QUERIES; k++) {
            const char *query = sources[(k * 37) % UNITS];
            ptrdiff_t found = tm_index_lookup(ix, query, min, got, TM_INDEX_MAX_MATCHES);
            assert_true(found >= 0);
            size_t n = (size_t)found;
            tm_query *q;
            assert_int_equal(tm_query_new(ix, query, &q), 0);
            size_t nw = 0;
            for (size_t u = 0; u < tm_index_units(ix); u++)
                nw += (size_t)tm_index_score(ix, q, u, min, &want[nw]);
            tm_query_free(q);
            qsort(want, nw, sizeof *want, tm_match_compare);
            assert_int_equal(n, nw < TM_INDEX_MAX_MATCHES ? nw : TM_INDEX_MAX_MATCHES);
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(got[i].order, want[i].order);
                assert_int_equal(got[i].score, want[i].score);
            }
            nonempty += n > 1;
        }
    }
    assert_true(nonempty > QUERIES); /* the check compared real answers */
    tm_index_free(ix);
    unlink(path);
    free(path);
}

/* The one 64-bit hash table of merge, stats and the aligner's word pairs: sets, payloads
 * kept through growth, keys that share their low bits, the walk over them. */
/* The text hash reads a text as if its white space were single spaces, trimmed: a text
 * already spaced so (hashed 8 bytes at a time) and the same text spaced otherwise (walked
 * byte by byte) hash alike and count the same characters, at every length around a block. */
static void text_hash_sees_normalized_spacing(void **state)
{
    (void)state;
    const char *words[] = {"a", "bc", "def", "Привет", "世界", "ghijklmn", "o"};
    char plain[256], spaced[256];
    for (size_t n = 1; n <= 7; n++) {
        size_t p = 0, q = 0;
        q += (size_t)snprintf(spaced + q, sizeof spaced - q, n % 2 ? " \t" : "\n");
        for (size_t k = 0; k < n; k++) {
            p += (size_t)snprintf(plain + p, sizeof plain - p, "%s%s", k ? " " : "", words[k]);
            q += (size_t)snprintf(spaced + q, sizeof spaced - q, "%s%s", k ? (k % 2 ? "  " : "\r\n ") : "", words[k]);
        }
        snprintf(spaced + q, sizeof spaced - q, " \n");
        size_t plain_chars = 0, spaced_chars = 1;
        assert_true(tmx_text_hash_count(7, plain, &plain_chars) == tmx_text_hash_count(7, spaced, &spaced_chars));
        assert_int_equal(plain_chars, spaced_chars);
        assert_true(tmx_text_hash(7, plain) != tmx_text_hash(8, plain));
    }
    size_t chars = 9;
    assert_true(tmx_text_hash_count(1, "", &chars) == tmx_text_hash_count(1, " \t ", NULL));
    assert_int_equal(chars, 0);
    assert_true(tmx_text_hash(1, "abcdefgh") != tmx_text_hash(1, "abcdefg"));
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* tmx stats counts duplicate units by sorting their hashes in place: the radix sort must
 * agree with qsort on keys spread like hashes, on keys sharing their high bytes, on runs
 * of one key, and count each repeat once */
static void u64_sort_agrees_with_qsort(void **state)
{
    (void)state;
    enum { N = 5000 };
    uint64_t *v = malloc(N * sizeof *v), *w = malloc(N * sizeof *w);
    assert_non_null(v);
    assert_non_null(w);
    for (int kind = 0; kind < 3; kind++) {
        uint64_t x = 88172645463325252ULL;
        size_t distinct_expected = 0;
        for (size_t i = 0; i < N; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
            v[i] = kind == 0 ? x : kind == 1 ? x % 300 : x & 0xFFFF; /* repeats in kinds 1, 2 */
        }
        memcpy(w, v, N * sizeof *v);
        qsort(w, N, sizeof *w, compare_u64);
        for (size_t i = 0; i < N; i++)
            distinct_expected += !i || w[i] != w[i - 1];
        assert_int_equal(u64_count_repeats(v, N), N - distinct_expected);
        assert_memory_equal(v, w, N * sizeof *v);
    }
    assert_int_equal(u64_count_repeats(v, 0), 0);
    v[0] = 5;
    assert_int_equal(u64_count_repeats(v, 1), 0);
    free(v);
    free(w);
}

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

/* Input that is not a memory is named in words, with the exit code of its kind. */
static void reader_says_what_is_not_a_memory(void **state)
{
    (void)state;
    static const struct {
        const char *content, *message;
        int code;
    } cases[] = {
        {"", ": empty file (0 bytes), not a TMX document", -ERR_DATA},
        {"  \n\n", ": only white space, not a TMX document", -ERR_DATA},
        {"<?xml version=\"1.0\"?>\n", ":2:1: not a TMX document: no XML element in it", -ERR_DATA},
        {"msgid \"x\"\n", ":1:1: not a TMX document: text where XML should begin with '<'", -ERR_DATA},
        {"<html><body/></html>", ":1:1: not a TMX document: the root element is <html>, not <tmx>", -ERR_DATA},
        {"<?xml version=\"1.0\"?>\n<!-- a comment -->\n\n<xliff version=\"1.2\"/>",
         ":4:1: not a TMX document: the root element is <xliff>, not <tmx>", -ERR_DATA}, /* where it is */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *path = write_temp(cases[k].content);
        tmx_reader *r = NULL;
        assert_int_equal(tmx_reader_open(path, &r), cases[k].code);
        assert_null(r);
        char want[256];
        snprintf(want, sizeof want, "%s%s", path, cases[k].message);
        assert_string_equal(error_last(), want);
        unlink(path);
        free(path);
    }
    char dir[] = "/tmp/polyalign-test-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    tmx_reader *r = NULL;
    assert_int_equal(tmx_reader_open(dir, &r), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), ": is a directory, not a TMX file"));
    rmdir(dir);
}

typedef struct {
    char names[8][32];
    int lines[8];
    int n;
} foreign_seen;

static void note_foreign(void *ctx, int line, int col, const char *name)
{
    (void)col;
    foreign_seen *f = ctx;
    if (f->n < 8) {
        snprintf(f->names[f->n], sizeof f->names[0], "%s", name);
        f->lines[f->n++] = line;
    }
}

/* Every element TMX 1.4b does not define is reported, in the header and in units at any
 * depth, and never processed: the XInclude's file is not read into the segment. */
static void reader_reports_foreign_elements(void **state)
{
    (void)state;
    char *path = write_temp("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                            "<header srclang=\"en\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></header><body>\n"
                            "<tu><tuv xml:lang=\"en\"><seg>A <hi>b <font>c</font></hi></seg></tuv>"
                            "<tuv xml:lang=\"ru\"><seg>Б<xi:include href=\"/etc/passwd\" parse=\"text\"/></seg></tuv></tu>\n"
                            "</body></tmx>\n");
    foreign_seen seen = {0};
    tmx_reader_options o = {-1, note_foreign, &seen};
    tmx_reader *r;
    assert_int_equal(tmx_reader_open_with(path, &o, &r), 0);
    tmx_unit u = {0};
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_int_equal(seen.n, 3);
    assert_string_equal(seen.names[0], "xi:include");
    assert_int_equal(seen.lines[0], 2);
    assert_string_equal(seen.names[1], "font");
    assert_string_equal(seen.names[2], "xi:include");
    assert_int_equal(seen.lines[2], 3);
    assert_string_equal(u.tuv[1].text, "Б"); /* nothing of /etc/passwd */
    assert_string_equal(tmx_reader_languages(r), "en, ru");
    assert_int_equal(tmx_reader_next(r, &u), 0);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    unlink(path);
    free(path);
}

static char *memory_of(const char *units)
{
    char *doc = NULL;
    assert_true(asprintf(&doc,
                         "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
                         "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
                         "datatype=\"plaintext\"/><body>\n%s</body></tmx>\n",
                         units) > 0);
    char *path = write_temp(doc);
    free(doc);
    return path;
}

static void count_conflict(void *ctx, const tmx_conflict *c)
{
    assert_string_equal(c->lang, "zh-CN");
    assert_string_equal(c->source, "Bye");
    (*(int *)ctx)++;
}

/* Units of one source whose shared languages agree become one unit with every language;
 * a unit that translates a shared language differently is a conflict, kept. */
static void merge_gathers_units_of_one_source(void **state)
{
    (void)state;
    char *zh = memory_of("<tu><tuv xml:lang=\"en\"><seg>Hello</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>你好</seg></tuv></tu>\n"
                         "<tu><tuv xml:lang=\"en\"><seg>Bye</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>再见</seg></tuv></tu>\n");
    char *ru = memory_of("<tu><tuv xml:lang=\"en\"><seg>Hello</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Привет</seg></tuv></tu>\n");
    char *zhru = memory_of("<tu><tuv xml:lang=\"en\"><seg>Hello </seg></tuv><tuv xml:lang=\"zh-CN\"><seg>你好</seg></tuv>"
                           "<tuv xml:lang=\"ru-RU\"><seg>Привет</seg></tuv></tu>\n"
                           "<tu><tuv xml:lang=\"en\"><seg>Bye</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>拜拜</seg></tuv></tu>\n");
    const char *paths[] = {zh, ru, zhru};
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    tmx_merge_stats st;
    int conflicts = 0;
    assert_int_equal(tmx_merge(paths, 3, out, count_conflict, &conflicts, &st), 0);
    fclose(out);
    assert_int_equal(st.units, 5);
    assert_int_equal(st.kept, 3);
    assert_int_equal(st.joined, 1);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(st.conflicts, 1);
    assert_int_equal(conflicts, 1);
    /* the Hello unit holds the three languages, in the order they were first met */
    const char *hello = strstr(buf, "<seg>Hello");
    assert_non_null(hello);
    const char *zh_at = strstr(hello, "你好"), *ru_at = strstr(hello, "Привет"), *end = strstr(hello, "</tu>");
    assert_true(zh_at && ru_at && zh_at < ru_at && ru_at < end);
    free(buf);
    for (size_t k = 0; k < 3; k++) {
        unlink(paths[k]);
        free((char *)paths[k]);
    }
}

/* tmx2po writes one entry per msgctxt and msgid: another translation of the same source
 * is counted and kept as a comment; a memory without the language writes nothing. */
static void tmx2po_keeps_one_entry_per_message(void **state)
{
    (void)state;
    char *tmx = memory_of("<tu><tuv xml:lang=\"en\"><seg>Open</seg></tuv><tuv xml:lang=\"ru\"><seg>Открыть</seg></tuv></tu>\n"
                          "<tu><tuv xml:lang=\"en\"><seg>Open</seg></tuv><tuv xml:lang=\"ru\"><seg>Открыть</seg></tuv></tu>\n"
                          "<tu><tuv xml:lang=\"en\"><seg>Open</seg></tuv><tuv xml:lang=\"ru\"><seg>Открой</seg></tuv></tu>\n"
                          "<tu><prop type=\"x-context\">menu</prop><tuv xml:lang=\"en\"><seg>Open</seg></tuv>"
                          "<tuv xml:lang=\"ru\"><seg>Открыть</seg></tuv></tu>\n");
    char po[] = "/tmp/polyalign-test-po-XXXXXX";
    close(mkstemp(po));
    po_bridge_stats st;
    assert_int_equal(tmx_to_po(tmx, "ru", po, &st), 0);
    assert_int_equal(st.messages, 2); /* "Open", and "Open" in context "menu" */
    assert_int_equal(st.alternatives, 1);
    FILE *f = fopen(po, "r");
    char text[2048] = "";
    assert_true(fread(text, 1, sizeof text - 1, f) > 0);
    fclose(f);
    assert_non_null(strstr(text, "# other translation: Открой\n"));
    assert_int_equal(tmx_to_po(tmx, "de", po, &st), -ERR_DATA);
    assert_non_null(strstr(error_last(), "no unit translates into de (languages in the memory: en, ru)"));
    unlink(po);
    unlink(tmx);
    free(tmx);
}

/* tmx stats counts a repeated unit once as a duplicate, a segment equal to its source
 * or a unit holding the source alone as untranslated, an empty segment as empty, and a
 * segment ten times longer than its language's median ratio as an outlier. */
static void stats_count_duplicates_untranslated_and_outliers(void **state)
{
    (void)state;
    char units[8192] = "";
    for (int k = 0; k < 12; k++) /* a median ratio of about 1 for ru */
        snprintf(units + strlen(units), sizeof units - strlen(units),
                 "<tu><tuv xml:lang=\"en\"><seg>Line %d</seg></tuv><tuv xml:lang=\"ru\"><seg>Стр %d</seg></tuv></tu>\n",
                 k, k);
    strcat(units, "<tu><tuv xml:lang=\"en\"><seg>Line 0</seg></tuv><tuv xml:lang=\"ru\"><seg>Стр 0</seg></tuv></tu>\n"
                  "<tu><tuv xml:lang=\"en\"><seg>OK</seg></tuv><tuv xml:lang=\"ru\"><seg>OK</seg></tuv></tu>\n"
                  "<tu><tuv xml:lang=\"en\"><seg>Alone</seg></tuv></tu>\n"
                  "<tu><tuv xml:lang=\"en\"><seg>Gap</seg></tuv><tuv xml:lang=\"ru\"><seg></seg></tuv></tu>\n"
                  "<tu><tuv xml:lang=\"en\"><seg>Ab</seg></tuv><tuv xml:lang=\"ru\"><seg>Очень-очень-длинный-перевод</seg>"
                  "</tuv></tu>\n");
    char *tmx = memory_of(units);
    tmx_stats s;
    assert_int_equal(tmx_stats_read(tmx, &s), 0);
    assert_string_equal(s.srclang, "en");
    assert_int_equal(s.units, 17);
    assert_int_equal(s.duplicates, 1);
    assert_int_equal(s.nlang, 2);
    assert_string_equal(s.lang[0].tag, "en");
    assert_int_equal(s.lang[0].tuvs, 17);
    assert_int_equal(s.lang[0].untranslated, 1); /* "Alone" */
    assert_string_equal(s.lang[1].tag, "ru");
    assert_int_equal(s.lang[1].tuvs, 16);
    assert_int_equal(s.lang[1].empty, 1);
    assert_int_equal(s.lang[1].untranslated, 1); /* "OK" */
    assert_int_equal(s.lang[1].outliers, 1);
    tmx_stats_free(&s);
    assert_true(tmx_stats_read("/nonexistent/x.tmx", &s) < 0);
    tmx_stats_free(&s);
    unlink(tmx);
    free(tmx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_gives_text_and_markup),
        cmocka_unit_test(unit_pairs_pick_variants),
        cmocka_unit_test(reader_says_what_is_not_a_memory),
        cmocka_unit_test(reader_reports_foreign_elements),
        cmocka_unit_test(merge_gathers_units_of_one_source),
        cmocka_unit_test(tmx2po_keeps_one_entry_per_message),
        cmocka_unit_test(dates_and_tags),
        cmocka_unit_test(fuzzy_index_scores_like_cat_tools),
        cmocka_unit_test(exact_match_first_numbers_cost_a_point),
        cmocka_unit_test(exact_match_not_crowded_out),
        cmocka_unit_test(low_min_finds_short_matches),
        cmocka_unit_test(common_words_cost_little),
        cmocka_unit_test(index_agrees_with_scoring_every_unit),
        cmocka_unit_test(u64_tables_keep_keys_and_payloads),
        cmocka_unit_test(u64_sort_agrees_with_qsort),
        cmocka_unit_test(text_hash_sees_normalized_spacing),
        cmocka_unit_test(stats_count_duplicates_untranslated_and_outliers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
