/* test_tmx_writer.c — unit tests of src/tm/tmx_writer.h, and of the reader's functions a
 * round trip through it exercises (tmx_reader.h: the input's name, the header's line and props,
 * standard input spooled to a file) and of tmx_stats.h's steps: the creation date and its
 * SOURCE_DATE_EPOCH, TMX's date form, units with props and notes written and read back
 * with their escapes, characters XML 1.0 forbids dropped and counted, a full device, and
 * counting units one at a time giving what tmx_stats_read gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scratch.h"
#include "tm/tmx_check.h"
#include "tm/tmx_reader.h"
#include "tm/tmx_stats.h"
#include "tm/tmx_writer.h"
#include "util/error.h"

static void creation_time_honours_source_date_epoch(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    assert_int_equal(tmx_creation_time(), 0);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    assert_int_equal(tmx_creation_time(), 1700000000);
    /* what is not a whole non-negative number is ignored: the time now */
    static const char *const bad[] = {"", "abc", "-5", "12x", "7 ", " 7", "+7", "99999999999999999999999"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        setenv("SOURCE_DATE_EPOCH", bad[k], 1);
        time_t before = time(NULL), t = tmx_creation_time(), after = time(NULL);
        if (t < before || t > after)
            fail_msg("SOURCE_DATE_EPOCH='%s' gave %lld", bad[k], (long long)t);
        /* and it is said: every value but the empty one (unset, as the specification reads it) */
        const char *ignored = tmx_source_date_epoch_ignored();
        if (k == 0 ? ignored != NULL : ignored == NULL || strcmp(ignored, bad[k]) != 0)
            fail_msg("SOURCE_DATE_EPOCH='%s' ignored without saying so", bad[k]);
    }
    setenv("SOURCE_DATE_EPOCH", "1479254400", 1);
    assert_null(tmx_source_date_epoch_ignored());
    unsetenv("SOURCE_DATE_EPOCH");
    time_t before = time(NULL), t = tmx_creation_time();
    assert_true(t >= before && t <= time(NULL));
}

static void dates_in_tmx_form(void **state)
{
    (void)state;
    char buf[32];
    tmx_format_date(0, buf, sizeof buf);
    assert_string_equal(buf, "19700101T000000Z");
    tmx_format_date(1700000000, buf, sizeof buf);
    assert_string_equal(buf, "20231114T221320Z");
    tmx_format_date(951782400, buf, 17); /* 29 February 2000, in the 17 bytes it needs */
    assert_string_equal(buf, "20000229T000000Z");
    assert_true(tmx_date_ok(buf));
    tmx_format_date(time(NULL), buf, sizeof buf);
    assert_true(tmx_date_ok(buf));
    assert_int_equal(strlen(buf), 16);
}

/* Write a memory of two units to path with SOURCE_DATE_EPOCH=1700000000; the characters
 * the writer dropped. */
static size_t write_memory(const char *path)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const char *types[] = {"x-po-header", "x-note"};
    const char *values[] = {"Language: ru", "a & b < c"};
    tmx_header h = {.srclang = "en-US", .prop_types = types, .prop_values = values, .nprops = 2};
    tmx_writer *w;
    assert_int_equal(tmx_writer_open(&w, f, &h), 0);
    assert_int_equal(tmx_writer_begin_tu(w, "1"), 0);
    assert_int_equal(tmx_writer_prop(w, "x-polyalign-score", "0.9731"), 0);
    assert_int_equal(tmx_writer_note(w, "checked by \"Anna\""), 0);
    assert_int_equal(tmx_writer_tuv(w, "en-US", "Press <OK> & \"go\"."), 0);
    assert_int_equal(tmx_writer_tuv(w, "zh-CN", "按“确定”。"), 0);
    assert_int_equal(tmx_writer_end_tu(w), 0);
    assert_int_equal(tmx_writer_begin_tu(w, NULL), 0);
    assert_int_equal(tmx_writer_tuv(w, "en-US", "Bell\x07 and\x01 form feed\x0c gone; tab\tkept"), 0);
    assert_int_equal(tmx_writer_tuv(w, "ru-RU", ""), 0);
    assert_int_equal(tmx_writer_end_tu(w), 0);
    size_t dropped = tmx_writer_dropped(w);
    assert_int_equal(tmx_writer_close(w), 0);
    assert_int_equal(fclose(f), 0);
    unsetenv("SOURCE_DATE_EPOCH");
    return dropped;
}

static void units_written_read_back(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/written.tmx", scratch_dir);
    assert_int_equal(write_memory(path), 3);

    tmx_reader *r;
    assert_int_equal(tmx_reader_open(path, &r), 0);
    assert_string_equal(tmx_reader_name(r), path);
    assert_int_equal(tmx_reader_header_line(r), 5); /* the declaration, a DOCTYPE on two lines, <tmx> */
    const tmx_attrs *h = tmx_reader_header(r);
    assert_string_equal(tmx_attr_get(h, "srclang"), "en-US");
    assert_string_equal(tmx_attr_get(h, "adminlang"), "en-US");
    assert_string_equal(tmx_attr_get(h, "datatype"), "plaintext");
    assert_string_equal(tmx_attr_get(h, "segtype"), "sentence");
    assert_string_equal(tmx_attr_get(h, "creationtool"), "polyalign");
    assert_string_equal(tmx_attr_get(h, "creationdate"), "20231114T221320Z");
    assert_string_equal(tmx_reader_header_prop(r, "x-po-header"), "Language: ru");
    assert_string_equal(tmx_reader_header_prop(r, "x-note"), "a & b < c");

    tmx_unit u = {0};
    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_string_equal(tmx_attr_get(&u.attrs, "tuid"), "1");
    assert_int_equal(u.nnotes, 2);
    assert_string_equal(u.notes[0].type, "x-polyalign-score");
    assert_string_equal(u.notes[0].text, "0.9731");
    assert_null(u.notes[1].type);
    assert_string_equal(u.notes[1].text, "checked by \"Anna\"");
    assert_int_equal(u.ntuv, 2);
    assert_string_equal(tmx_tuv_lang(&u.tuv[0]), "en-US");
    assert_string_equal(u.tuv[0].text, "Press <OK> & \"go\".");
    assert_string_equal(u.tuv[1].text, "按“确定”。");

    assert_int_equal(tmx_reader_next(r, &u), 1);
    assert_null(tmx_attr_get(&u.attrs, "tuid"));
    assert_string_equal(u.tuv[0].text, "Bell and form feed gone; tab\tkept");
    assert_string_equal(u.tuv[1].text, "");
    assert_int_equal(tmx_reader_next(r, &u), 0);
    assert_string_equal(tmx_reader_languages(r), "en-US, zh-CN, ru-RU");
    tmx_unit_free(&u);
    tmx_reader_close(r);

    /* a header on the first line, after blank lines, or missing */
    static const char *const heads[][2] = {
        {"<tmx version=\"1.4\"><header srclang=\"en\"/><body/></tmx>", "1"},
        {"<?xml version=\"1.0\"?>\n\n\n<tmx version=\"1.4\">\n<header srclang=\"en\"/><body/></tmx>", "5"},
    };
    for (size_t k = 0; k < 2; k++) {
        assert_int_equal(tmx_reader_open(write_file("head.tmx", heads[k][0], strlen(heads[k][0])), &r), 0);
        assert_int_equal(tmx_reader_header_line(r), atoi(heads[k][1]));
        assert_null(tmx_reader_header_prop(r, "x-po-header"));
        tmx_reader_close(r);
    }
}

/* Nothing written is ever reported as written: a full device fails at the latest on close. */
static void a_full_device_is_an_io_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    tmx_header h = {.srclang = "en"};
    tmx_writer *w;
    int rc = tmx_writer_open(&w, f, &h);
    if (rc == 0) {
        for (int k = 0; k < 1000 && rc == 0; k++) {
            rc = tmx_writer_begin_tu(w, NULL);
            if (rc == 0)
                rc = tmx_writer_tuv(w, "en", "A sentence that fills the buffer of the stream sooner or later.");
            if (rc == 0)
                rc = tmx_writer_end_tu(w);
        }
        int close_rc = tmx_writer_close(w);
        rc = rc ? rc : close_rc;
    }
    fclose(f);
    assert_int_equal(rc, -ERR_IO);
}

/* Standard input spooled to a file that can be read twice, and named as standard input. */
static void standard_input_spooled(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/stdin.tmx", scratch_dir);
    write_memory(path);
    int saved = dup(0), in = open(path, O_RDONLY);
    assert_true(saved >= 0 && in >= 0);
    assert_int_equal(dup2(in, 0), 0);
    close(in);
    int fd = tmx_stdin_spool();
    dup2(saved, 0);
    close(saved);
    assert_true(fd >= 0);
    assert_int_equal(lseek(fd, 0, SEEK_CUR), 0);
    for (int pass = 0; pass < 2; pass++) { /* the second reading of the same descriptor */
        assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
        tmx_reader_options o = {.fd = fd};
        tmx_reader *r;
        assert_int_equal(tmx_reader_open_with(TMX_STDIN_NAME, &o, &r), 0);
        assert_string_equal(tmx_reader_name(r), TMX_STDIN_NAME);
        tmx_unit u = {0};
        int units = 0;
        while (tmx_reader_next(r, &u) == 1)
            units++;
        assert_int_equal(units, 2);
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    close(fd);
}

/* tmx_stats_init, _add_unit and _finish over the units of a reader count what
 * tmx_stats_read counts: outliers, duplicates, untranslated and empty segments. */
static void stats_by_steps_agree_with_stats_read(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/stats.tmx", scratch_dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    tmx_header h = {.srclang = "en"};
    tmx_writer *w;
    assert_int_equal(tmx_writer_open(&w, f, &h), 0);
    for (int k = 0; k < 30; k++) {
        char en[64], zh[64];
        snprintf(en, sizeof en, "Sentence number %d.", k % 25); /* units 25-27 repeat 0-2 */
        snprintf(zh, sizeof zh, "第%d句。", k % 25);
        tmx_writer_begin_tu(w, NULL);
        tmx_writer_tuv(w, "en", en);
        tmx_writer_tuv(w, "zh", k == 3 ? en : k == 4 ? "" : k == 5 ? "很长很长很长很长很长很长很长很长很长很长很长很长的句子" : zh);
        tmx_writer_end_tu(w);
    }
    assert_int_equal(tmx_writer_close(w), 0);
    fclose(f);

    tmx_stats whole, steps;
    assert_int_equal(tmx_stats_read(path, &whole), 0);
    tmx_stats_init(&steps);
    tmx_reader *r;
    assert_int_equal(tmx_reader_open(path, &r), 0);
    tmx_unit u = {0};
    while (tmx_reader_next(r, &u) == 1)
        assert_int_equal(tmx_stats_add_unit(&steps, &u, "en"), 0);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    tmx_stats_finish(&steps);

    assert_int_equal(steps.units, 30);
    assert_int_equal(steps.units, whole.units);
    assert_int_equal(steps.duplicates, 3); /* 28 and 29 differ from 3 and 4 in zh */
    assert_int_equal(steps.duplicates, whole.duplicates);
    assert_int_equal(steps.nlang, 2);
    assert_int_equal(steps.nlang, whole.nlang);
    for (size_t k = 0; k < steps.nlang; k++) {
        assert_string_equal(steps.lang[k].tag, whole.lang[k].tag);
        assert_int_equal(steps.lang[k].tuvs, whole.lang[k].tuvs);
        assert_int_equal(steps.lang[k].empty, whole.lang[k].empty);
        assert_int_equal(steps.lang[k].untranslated, whole.lang[k].untranslated);
        assert_int_equal(steps.lang[k].outliers, whole.lang[k].outliers);
    }
    assert_string_equal(steps.lang[1].tag, "zh");
    assert_int_equal(steps.lang[1].empty, 1);
    assert_int_equal(steps.lang[1].untranslated, 1);
    assert_int_equal(steps.lang[1].outliers, 2); /* the long one, and the untranslated copy of the English */
    tmx_stats_free(&steps);
    tmx_stats_free(&whole);

    /* nothing added: nothing counted, and finishing is harmless */
    tmx_stats_init(&steps);
    tmx_stats_finish(&steps);
    assert_int_equal(steps.units, 0);
    assert_int_equal(steps.duplicates, 0);
    assert_int_equal(steps.nlang, 0);
    tmx_stats_free(&steps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(creation_time_honours_source_date_epoch),
        cmocka_unit_test(dates_in_tmx_form),
        cmocka_unit_test(units_written_read_back),
        cmocka_unit_test(a_full_device_is_an_io_error),
        cmocka_unit_test(standard_input_spooled),
        cmocka_unit_test(stats_by_steps_agree_with_stats_read),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
