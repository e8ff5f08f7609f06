/* test_po_bridge.c — unit tests of PO catalogs into a TMX (tm/po_bridge.h's po_to_tmx)
 * and of the charset conversion before it (tm/po_charset.h): contexts, flags, plural
 * forms and the header kept as props, fuzzy messages left out or kept, two catalogs in
 * one memory, a windows-1251 and a KOI8-R catalog converted, bad bytes named with their
 * line and offset, an unknown charset, a catalog with nothing to write, a missing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gettext-po.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "tm/po_bridge.h"
#include "tm/po_charset.h"
#include "tm/tmx_reader.h"
#include "util/error.h"

#define PO_HEADER(charset)                                                                                         \
    "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: t 1\\n\"\n\"Language: ru\\n\"\n"                                 \
    "\"Content-Type: text/plain; charset=" charset "\\n\"\n"                                                        \
    "\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? " \
    "1 : 2);\\n\"\n\n"

static const char catalog[] = PO_HEADER("UTF-8") "#. a comment for translators\n#, c-format\nmsgid \"Open %s\"\n"
                                                 "msgstr \"Открыть %s\"\n\n"
                                                 "msgctxt \"menu\"\nmsgid \"File\"\nmsgstr \"Файл\"\n\n"
                                                 "#, fuzzy\nmsgid \"Close\"\nmsgstr \"Закрыть\"\n\n"
                                                 "msgid \"Untranslated\"\nmsgstr \"\"\n\n"
                                                 "msgid \"%d file\"\nmsgid_plural \"%d files\"\n"
                                                 "msgstr[0] \"%d файл\"\nmsgstr[1] \"%d файла\"\nmsgstr[2] \"%d файлов\"\n";

static void ignore_po_error(int severity, po_message_t message, const char *filename, size_t lineno, size_t column,
                            int multiline, const char *text)
{
    (void)severity, (void)message, (void)filename, (void)lineno, (void)column, (void)multiline, (void)text;
}

static void ignore_po_error2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
                             const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
                             const char *t2)
{
    (void)severity, (void)m1, (void)f1, (void)l1, (void)c1, (void)ml1, (void)t1;
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
}

static const struct po_xerror_handler quiet = {ignore_po_error, ignore_po_error2};

/* po_to_tmx of the catalogs at paths into a memory file; its path (static). */
static const char *to_tmx(const char *const *paths, size_t n, int include_fuzzy, po_bridge_stats *st, int *rc)
{
    static char out[600];
    snprintf(out, sizeof out, "%s/out.tmx", scratch_dir);
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    memset(st, 0, sizeof *st);
    *rc = po_to_tmx(paths, n, "en", include_fuzzy, f, st);
    fclose(f);
    return out;
}

/* The units of the memory at path: "en|ru|prop=value;…" a line, into buf. */
static void units_of(const char *path, char *buf, size_t size)
{
    tmx_reader *r;
    assert_int_equal(tmx_reader_open(path, &r), 0);
    buf[0] = '\0';
    tmx_unit u = {0};
    while (tmx_reader_next(r, &u) == 1) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s|%s|", u.tuv[0].text, u.ntuv > 1 ? u.tuv[1].text : "");
        for (size_t k = 0; k < u.nnotes; k++) {
            used = strlen(buf);
            snprintf(buf + used, size - used, "%s=%s;", u.notes[k].type ? u.notes[k].type : "note", u.notes[k].text);
        }
        used = strlen(buf);
        snprintf(buf + used, size - used, "\n");
    }
    const char *header = tmx_reader_header_prop(r, "x-po-header");
    assert_non_null(header);
    assert_non_null(strstr(header, "Project-Id-Version: t 1"));
    tmx_unit_free(&u);
    tmx_reader_close(r);
}

static void messages_become_units_with_their_props(void **state)
{
    (void)state;
    const char *paths[] = {write_file("ru.po", catalog, sizeof catalog - 1)};
    po_bridge_stats st;
    int rc;
    const char *out = to_tmx(paths, 1, 0, &st, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(st.skipped_fuzzy, 1);
    char units[4096];
    units_of(out, units, sizeof units);
    assert_non_null(strstr(units, "Open %s|Открыть %s|x-po-flags=c-format;x-po-extracted=a comment for translators\n;\n"));
    assert_non_null(strstr(units, "File|Файл|x-context=menu;\n"));
    assert_null(strstr(units, "Close")); /* fuzzy: left out */
    assert_null(strstr(units, "Untranslated"));
    /* a plural message: one unit per form, the msgid and form as props */
    assert_non_null(strstr(units, "|%d файл|"));
    assert_non_null(strstr(units, "|%d файла|"));
    assert_non_null(strstr(units, "|%d файлов|"));
    assert_non_null(strstr(units, "x-po-plural-form=2"));
    assert_non_null(strstr(units, "x-po-msgid-plural=%d files"));
    assert_int_equal(st.units, 5);

    /* fuzzy kept when asked, marked */
    out = to_tmx(paths, 1, 1, &st, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(st.skipped_fuzzy, 0);
    assert_int_equal(st.units, 6);
    units_of(out, units, sizeof units);
    assert_non_null(strstr(units, "Close|Закрыть|x-po-fuzzy=yes;\n"));
}

static void two_catalogs_in_one_memory(void **state)
{
    (void)state;
    char first[600];
    snprintf(first, sizeof first, "%s", write_file("a.po", catalog, sizeof catalog - 1));
    const char second[] = PO_HEADER("UTF-8") "msgid \"Save\"\nmsgstr \"Сохранить\"\n";
    const char *paths[] = {first, write_file("b.po", second, sizeof second - 1)};
    po_bridge_stats st;
    int rc;
    const char *out = to_tmx(paths, 2, 0, &st, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(st.units, 6);
    char units[4096];
    units_of(out, units, sizeof units);
    assert_non_null(strstr(units, "Save|Сохранить|"));
    assert_non_null(strstr(units, "File|Файл|"));
}

static void other_charsets_converted(void **state)
{
    (void)state;
    /* "Файл" in windows-1251 and in KOI8-R */
    const char cp1251[] = PO_HEADER("CP1251") "msgid \"File\"\nmsgstr \"\xd4\xe0\xe9\xeb\"\n";
    const char koi8[] = PO_HEADER("KOI8-R") "msgid \"File\"\nmsgstr \"\xe6\xc1\xca\xcc\"\n";
    const char *files[][2] = {{"cp1251.po", cp1251}, {"koi8.po", koi8}};
    size_t sizes[] = {sizeof cp1251 - 1, sizeof koi8 - 1};
    for (size_t k = 0; k < 2; k++) {
        const char *paths[] = {write_file(files[k][0], files[k][1], sizes[k])};
        po_bridge_stats st;
        int rc;
        const char *out = to_tmx(paths, 1, 0, &st, &rc);
        assert_int_equal(rc, 0);
        char units[1024];
        units_of(out, units, sizeof units);
        assert_string_equal(units, "File|Файл|\n");

        /* po_catalog_to_utf8 alone: the strings and the header's charset */
        po_file_t po = po_file_read(paths[0], &quiet);
        assert_non_null(po);
        assert_int_equal(po_catalog_to_utf8(po, paths[0]), 0);
        po_message_iterator_t it = po_message_iterator(po, NULL);
        po_message_t header = po_next_message(it), m = po_next_message(it);
        assert_non_null(strstr(po_message_msgstr(header), "charset=UTF-8"));
        assert_string_equal(po_message_msgstr(m), "Файл");
        po_message_iterator_free(it);
        po_file_free(po);
    }
}

/* po_to_tmx of the catalog po[0..len), written as `name`, fails with -ERR_DATA and a
 * message holding `want`. */
static void po_refused(const char *name, const char *po, size_t len, const char *want)
{
    const char *paths[] = {write_file(name, po, len)};
    po_bridge_stats st;
    int rc;
    to_tmx(paths, 1, 0, &st, &rc);
    assert_int_equal(rc, -ERR_DATA);
    if (!strstr(error_last(), want))
        fail_msg("'%s' does not hold '%s'", error_last(), want);
}

static void bad_bytes_and_charsets_refused(void **state)
{
    (void)state;
    /* a raw bad byte: libgettextpo's own reading refuses it, with its line */
    const char bad[] = PO_HEADER("UTF-8") "msgid \"Good\"\nmsgstr \"Хорошо\"\n\nmsgid \"Bad\"\nmsgstr \"ab\xff\"\n";
    po_refused("bad.po", bad, sizeof bad - 1, "bad.po:12:");
    /* a bad byte written as an octal escape reaches the conversion, which names it */
    const char escaped[] = PO_HEADER("UTF-8") "msgid \"Good\"\nmsgstr \"Хорошо\"\n\nmsgid \"Bad\"\nmsgstr \"ab\\377\"\n";
    po_refused("escaped.po", escaped, sizeof escaped - 1,
               "escaped.po:12: the msgstr of msgid \"Bad\" is not valid UTF-8: bad byte at offset 2");

    const char unknown[] = PO_HEADER("NO-SUCH-CHARSET") "msgid \"A\"\nmsgstr \"B\"\n";
    const char *path = write_file("unknown.po", unknown, sizeof unknown - 1);
    po_file_t po = po_file_read(path, &quiet);
    if (po) { /* libgettextpo may refuse the charset itself */
        assert_int_equal(po_catalog_to_utf8(po, path), -ERR_DATA);
        assert_non_null(strstr(error_last(), "declares charset \"NO-SUCH-CHARSET\", which is unknown"));
        po_file_free(po);
    }
}

static void nothing_to_write_is_an_error(void **state)
{
    (void)state;
    const char empty[] = PO_HEADER("UTF-8") "msgid \"A\"\nmsgstr \"\"\n\n#, fuzzy\nmsgid \"B\"\nmsgstr \"Б\"\n";
    po_refused("none.po", empty, sizeof empty - 1, "no translated message to write (read: 2, fuzzy and left out: 1)");
    po_refused("zero.po", "", 0, "zero.po: empty file (0 bytes), not a PO file");

    char missing[600];
    snprintf(missing, sizeof missing, "%s/absent.po", scratch_dir);
    const char *paths[] = {missing};
    po_bridge_stats st;
    int rc;
    to_tmx(paths, 1, 0, &st, &rc);
    assert_true(rc < 0);
}

static void header_message_declares_utf8(void **state)
{
    (void)state;
    const char koi8[] = PO_HEADER("KOI8-R") "msgid \"A\"\nmsgstr \"B\"\n";
    po_file_t po = po_file_read(write_file("h.po", koi8, sizeof koi8 - 1), &quiet);
    assert_non_null(po);
    po_message_iterator_t it = po_message_iterator(po, NULL);
    po_message_t header = po_next_message(it);
    assert_int_equal(po_header_message_to_utf8(header), 0);
    const char *h = po_message_msgstr(header);
    assert_non_null(strstr(h, "Content-Type: text/plain; charset=UTF-8\n"));
    assert_null(strstr(h, "KOI8-R"));
    assert_non_null(strstr(h, "Project-Id-Version: t 1\n")); /* the other fields kept */
    po_message_iterator_free(it);
    po_file_free(po);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(messages_become_units_with_their_props),
        cmocka_unit_test(two_catalogs_in_one_memory),
        cmocka_unit_test(other_charsets_converted),
        cmocka_unit_test(bad_bytes_and_charsets_refused),
        cmocka_unit_test(nothing_to_write_is_an_error),
        cmocka_unit_test(header_message_declares_utf8),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
