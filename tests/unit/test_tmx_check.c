/* test_tmx_check.c — unit tests of what `tmx validate` and `tmx lookup --index` check
 * before trusting a file: tmx_check_file (tm/tmx_check.h) on a clean memory, on one with
 * a problem of each kind at its line, on what is not XML or not TMX, on a missing file;
 * tmx_dtd_validate (tm/tmx_dtd.h) against a small DTD of the test's own, a unit at a
 * time; and tm_index_check (tm/tm_index.h) on an index, another pair's index, files that
 * are no index, cut short or absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "tm/tm_index.h"
#include "tm/tmx_check.h"
#include "tm/tmx_dtd.h"
#include "util/error.h"

#define HEADER                                                                                                     \
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" "          \
    "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n"
#define UNIT(en, ru) "<tu><tuv xml:lang=\"en\"><seg>" en "</seg></tuv><tuv xml:lang=\"ru\"><seg>" ru "</seg></tuv></tu>\n"

/* The problems reported, one "LINE: message" a line. */
typedef struct {
    char text[8192];
    int count;
} problems;

static void collect(void *ctx, const char *file, int line, int col, const char *message)
{
    problems *p = ctx;
    assert_non_null(strstr(file, ".tmx"));
    assert_true(line >= 1 && col >= 1);
    size_t used = strlen(p->text);
    snprintf(p->text + used, sizeof p->text - used, "%d: %s\n", line, message);
    p->count++;
}

static int check(const char *name, const char *tmx, const char *dtd, problems *p)
{
    memset(p, 0, sizeof *p);
    return tmx_check_file(write_file(name, tmx, strlen(tmx)), dtd, collect, p);
}

static void has(const problems *p, const char *want)
{
    if (!strstr(p->text, want))
        fail_msg("the problems\n%sdo not hold '%s'", p->text, want);
}

static void clean_memory_has_no_problem(void **state)
{
    (void)state;
    problems p;
    assert_int_equal(check("clean.tmx", HEADER UNIT("One.", "Один.") UNIT("Two.", "Два.") "</body>\n</tmx>\n", NULL, &p),
                     0);
    assert_int_equal(p.count, 0);
    /* a memory without units is a valid memory */
    assert_int_equal(check("empty-body.tmx", HEADER "</body>\n</tmx>\n", NULL, &p), 0);
}

static void each_problem_at_its_line(void **state)
{
    (void)state;
    problems p;
    const char *tmx = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n"
                      "<header creationtool=\"t\" segtype=\"word\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
                      "datatype=\"plaintext\" creationdate=\"2016-11-16\"/>\n<body>\n"           /* line 3 */
                      "<tu><tuv xml:lang=\"en\"><seg>Alone.</seg></tuv></tu>\n"                 /* 5 */
                      "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv><seg>B</seg></tuv></tu>\n" /* 6 */
                      "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"en\"><seg>B</seg></tuv></tu>\n"
                      "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"ru\"><seg></seg></tuv></tu>\n"
                      "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"q1x\"><seg>B</seg></tuv></tu>\n"
                      "<tu><tuv xml:lang=\"ru\"><seg>А</seg></tuv><tuv xml:lang=\"de\"><seg>B</seg></tuv></tu>\n"
                      "<tu><tuv xml:lang=\"en\"><seg><bpt i=\"1\">&lt;b&gt;</bpt>A</seg></tuv>"
                      "<tuv xml:lang=\"ru\"><seg>B</seg></tuv></tu>\n" /* 11 */
                      "<tu><tuv xml:lang=\"en\"><seg>A</seg><seg>B</seg></tuv><tuv xml:lang=\"ru\"><seg>B</seg></tuv></tu>\n"
                      "<x:y xmlns:x=\"urn:x\"/>\n" /* 13 */
                      "</body>\n</tmx>\n";
    int n = check("problems.tmx", tmx, NULL, &p);
    assert_int_equal(n, p.count);
    has(&p, "3: header lacks the required attribute creationtoolversion");
    has(&p, "3: header segtype \"word\" is not block, paragraph, sentence or phrase");
    has(&p, "creationdate \"2016-11-16\" is not YYYYMMDDThhmmssZ");
    has(&p, "5: translation unit with 1 tuv (a memory needs two languages)");
    has(&p, "6: tuv without xml:lang");
    has(&p, "7: language en appears twice in one unit");
    has(&p, "8: empty segment (ru)");
    has(&p, "9: unknown language tag \"q1x\"");
    has(&p, "10: no tuv in the source language en");
    has(&p, "11: 1 <bpt>/<ept> without a partner of the same i");
    has(&p, "12: tuv has 2 <seg> elements (exactly one is required)");
    has(&p, "13: element <x:y> is not part of TMX 1.4b (never processed)");
    assert_int_equal(n, 12);
}

static void what_is_not_a_memory_is_one_problem(void **state)
{
    (void)state;
    problems p;
    assert_int_equal(check("broken.tmx", HEADER UNIT("One.", "Один.") "<tu>\n</body>\n</tmx>\n", NULL, &p), 1);
    assert_int_equal(check("html.tmx", "<html><body>Hello</body></html>\n", NULL, &p), 1);
    assert_int_equal(check("empty.tmx", "", NULL, &p), 1);
    assert_int_equal(check("text.tmx", "just some words\n", NULL, &p), 1);
    /* an entity reference is refused, never expanded */
    assert_true(check("entity.tmx",
                      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"aaaaaaaaaa\">]>\n<tmx version=\"1.4\">"
                      "<header srclang=\"en\"/><body>" UNIT("&a;", "b") "</body></tmx>\n",
                      NULL, &p) >= 1);
    char path[600];
    snprintf(path, sizeof path, "%s/absent.tmx", scratch_dir);
    assert_int_equal(tmx_check_file(path, NULL, collect, &p), -ERR_NOINPUT);
}

/* A DTD of our own making: a <tu> needs two <tuv>, a <tuv> an xml:lang. */
static const char mini_dtd[] =
    "<!ELEMENT tmx (header, body)>\n<!ATTLIST tmx version CDATA #REQUIRED>\n"
    "<!ELEMENT header EMPTY>\n<!ATTLIST header creationtool CDATA #IMPLIED creationtoolversion CDATA #IMPLIED "
    "segtype CDATA #IMPLIED o-tmf CDATA #IMPLIED adminlang CDATA #IMPLIED srclang CDATA #REQUIRED "
    "datatype CDATA #IMPLIED>\n"
    "<!ELEMENT body (tu*)>\n<!ELEMENT tu (tuv, tuv+)>\n<!ELEMENT tuv (seg)>\n"
    "<!ATTLIST tuv xml:lang CDATA #REQUIRED>\n<!ELEMENT seg (#PCDATA)>\n";

static void dtd_checked_a_unit_at_a_time(void **state)
{
    (void)state;
    char dtd[600];
    snprintf(dtd, sizeof dtd, "%s", write_file("mini.dtd", mini_dtd, sizeof mini_dtd - 1));
    problems p;
    const char *good = HEADER UNIT("One.", "Один.") UNIT("Two.", "Два.") "</body>\n</tmx>\n";
    const char *path = write_file("good.tmx", good, strlen(good));
    memset(&p, 0, sizeof p);
    assert_int_equal(tmx_dtd_validate(path, -1, dtd, collect, &p), 0);
    assert_int_equal(check("good2.tmx", good, dtd, &p), 0); /* through tmx_check_file */

    /* a unit of one tuv and a <note> the DTD does not declare: each reported once */
    const char *bad = HEADER UNIT("One.", "Один.") "<tu><tuv xml:lang=\"en\"><seg>Alone.</seg></tuv></tu>\n" UNIT(
        "Two.", "Два.") "<tu><note>x</note><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"ru\"><seg>Б</seg>"
                        "</tuv></tu>\n</body>\n</tmx>\n";
    path = write_file("bad.tmx", bad, strlen(bad));
    memset(&p, 0, sizeof p);
    int n = tmx_dtd_validate(path, -1, dtd, collect, &p);
    assert_int_equal(n, p.count);
    assert_true(n >= 2);
    has(&p, "6: ");  /* the lone tuv's unit */
    has(&p, "8: ");  /* the note's unit */
    assert_null(strstr(p.text, "7: "));  /* the good unit between them */

    /* through tmx_check_file, the reader's problem and the DTD's add up */
    assert_int_equal(check("bad2.tmx", bad, dtd, &p), n + 1);

    /* a DTD that cannot be read is an error, not a count */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.dtd", scratch_dir);
    memset(&p, 0, sizeof p);
    assert_true(tmx_dtd_validate(path, -1, missing, collect, &p) < 0);
}

static void index_checked_by_its_header(void **state)
{
    (void)state;
    const char *tmx = HEADER UNIT("Open the file.", "Откройте файл.") UNIT("Close it.", "Закройте его.") "</body>\n</tmx>\n";
    char tmx_path[600], idx[600];
    snprintf(tmx_path, sizeof tmx_path, "%s", write_file("memory.tmx", tmx, strlen(tmx)));
    snprintf(idx, sizeof idx, "%s/memory.idx", scratch_dir);
    tm_index *ix;
    assert_int_equal(tm_index_build(tmx_path, "en", "ru", &ix), 0);
    assert_int_equal(tm_index_save(ix, idx), 0);
    tm_index_free(ix);

    assert_int_equal(tm_index_check(idx, "en", "ru"), 0);
    assert_int_equal(tm_index_check(idx, "en-US", "ru-RU"), -ERR_USAGE); /* built for en to ru */
    assert_int_equal(tm_index_check(idx, NULL, NULL), 0);                 /* any pair */
    assert_int_equal(tm_index_check(idx, "en", NULL), 0);
    assert_int_equal(tm_index_check(idx, "ru", "en"), -ERR_USAGE);
    assert_non_null(strstr(error_last(), "the index was built for en to ru, not ru to en"));

    /* a TMX, an empty file and a header cut short are no index */
    assert_int_equal(tm_index_check(tmx_path, "en", "ru"), -ERR_DATA);
    assert_non_null(strstr(error_last(), "not a polyalign memory index"));
    assert_int_equal(tm_index_check(write_file("empty.idx", "", 0), "en", "ru"), -ERR_DATA);
    FILE *f = fopen(idx, "rb");
    char head[16];
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    assert_int_equal(tm_index_check(write_file("cut.idx", head, sizeof head), "en", "ru"), -ERR_DATA);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/none.idx", scratch_dir);
    assert_int_equal(tm_index_check(missing, "en", "ru"), -ERR_NOINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_memory_has_no_problem),
        cmocka_unit_test(each_problem_at_its_line),
        cmocka_unit_test(what_is_not_a_memory_is_one_problem),
        cmocka_unit_test(dtd_checked_a_unit_at_a_time),
        cmocka_unit_test(index_checked_by_its_header),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
