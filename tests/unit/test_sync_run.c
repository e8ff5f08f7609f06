/* test_sync_run.c — unit tests of export/sync_run: no sentences refused and a recording
 * that cannot be read reported, each with nothing written and an old output kept. (The
 * timing itself runs in the audio module, which tests/e2e/test_sync.sh drives through
 * the binary: in this test binary espeak-ng's synthesis thread deadlocked.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/sync_run.h"
#include "util/error.h"

#include "scratch.h"

static const char text[] = "The bridge opens today.\n\nPlease walk across with us.\n";

static void load(doc_text *t, const char *name, const char *content)
{
    const char *path = write_file(name, content, strlen(content));
    doc_text_options o = {"en-US", LINES_AUTO, NULL, DOC_AUTO, NULL};
    assert_int_equal(doc_text_load(t, path, &o, NULL), 0);
}

/* The whole of a file, or NULL when it does not exist. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void failures_write_nothing(void **state)
{
    (void)state;
    char out[512];
    snprintf(out, sizeof out, "%s", write_file("kept.tsv", "OLD\n", 4));
    doc_text t;
    load(&t, "blank.en.txt", "\n\n");
    sync_run_settings s = {"/nonexistent/speech.wav", "en-US", "en", 0, SYNC_FORMAT_TSV, out};
    sync_map map;
    assert_int_equal(sync_run(&s, &t, &map), -ERR_DATA); /* no sentence to time */
    assert_non_null(strstr(error_last(), "no sentences"));
    sync_map_free(&map);
    doc_text_free(&t);
    load(&t, "speech.en.txt", text);
    assert_true(sync_run(&s, &t, &map) < 0); /* a recording that is not there */
    sync_map_free(&map);
    doc_text_free(&t);
    assert_string_equal(slurp(out), "OLD\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failures_write_nothing),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
