/* test_subtitle_run.c — unit tests of subtitle/subtitle_run: a transcript cut into cues,
 * timed and written; a translated track from a source track and its transcript, the
 * track's repairs said to the reporter; no sentences refused with nothing written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subtitle/subtitle_run.h"
#include "util/error.h"

#include "scratch.h"

static const char en_text[] = "Hello world. This is a test.\n\nAnother paragraph here.\n";
static const char zh_text[] = "你好世界。这是一个测试。\n\n这里是另一段。\n";

/* The text of a file written into scratch_dir as name. */
static void load(doc_text *t, const char *name, const char *text, const char *lang)
{
    const char *path = write_file(name, text, strlen(text));
    doc_text_options o = {lang, LINES_AUTO, NULL, DOC_AUTO, NULL};
    assert_int_equal(doc_text_load(t, path, &o, NULL), 0);
}

static subtitle_settings by_duration(const char *lang, const char *base, const char *output, double duration)
{
    return (subtitle_settings){.lang = lang, .base = base, .profile = subtitle_profile_find("netflix", base),
                               .fps = 23.976, .duration = duration, .output = output, .format = SUBTITLE_SRT};
}

static void a_transcript_spread_over_a_duration(void **state)
{
    (void)state;
    doc_text t;
    load(&t, "a.en.txt", en_text, "en-US");
    char out[512];
    snprintf(out, sizeof out, "%s/a.srt", scratch_dir);
    subtitle_settings s = by_duration("en-US", "en", out, 10);
    subtitle_result res;
    assert_int_equal(subtitle_run(&s, &t, NULL, &res), 0);
    assert_int_equal(res.cues.n, 3);
    assert_int_equal(res.too_fast, 0);
    for (size_t k = 0; k < res.cues.n; k++) { /* in order, inside the span */
        assert_true(res.cues.v[k].start < res.cues.v[k].end);
        assert_true(k == 0 || res.cues.v[k - 1].end <= res.cues.v[k].start);
        assert_true(res.cues.v[k].end <= 10.0005);
    }
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char line[64];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "1\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, " --> "));
    fclose(f);
    subtitle_result_free(&res);
    doc_text_free(&t);
}

static void no_sentences_writes_nothing(void **state)
{
    (void)state;
    doc_text t;
    load(&t, "empty.txt", "", "en-US");
    char out[512];
    snprintf(out, sizeof out, "%s/empty.srt", scratch_dir);
    subtitle_settings s = by_duration("en-US", "en", out, 10);
    subtitle_result res;
    assert_int_equal(subtitle_run(&s, &t, NULL, &res), -ERR_DATA);
    assert_non_null(strstr(error_last(), "no subtitles to write"));
    assert_int_equal(access(out, F_OK), -1);
    subtitle_result_free(&res);
    doc_text_free(&t);
}

static void warned(void *ctx, const char *message)
{
    char *last = ctx;
    snprintf(last, 512, "%s", message);
}

static void a_translated_track_takes_the_source_timing(void **state)
{
    (void)state;
    /* the source track's last two cues overlap: said, and each ends where the next begins */
    static const char track[] = "1\n00:00:01,000 --> 00:00:03,000\nHello world.\n\n"
                                "2\n00:00:03,000 --> 00:00:05,500\nThis is a test.\n\n"
                                "3\n00:00:05,000 --> 00:00:07,000\nAnother paragraph here.\n";
    char track_path[512], source_path[512], out[512], last[512] = "";
    snprintf(track_path, sizeof track_path, "%s", write_file("track.en.srt", track, strlen(track)));
    snprintf(source_path, sizeof source_path, "%s", write_file("source.en.txt", en_text, strlen(en_text)));
    snprintf(out, sizeof out, "%s/track.zh.srt", scratch_dir);
    doc_text t;
    load(&t, "b.zh.txt", zh_text, "zh-CN");
    subtitle_settings s = by_duration("zh-CN", "zh", out, 0);
    s.from = track_path;
    s.align = source_path;
    subtitle_reporter r = {warned, NULL, last};
    subtitle_result res;
    assert_int_equal(subtitle_run(&s, &t, &r, &res), 0);
    assert_non_null(strstr(last, "overlaps the next"));
    assert_true(res.cues.n >= 1);
    assert_true(res.cues.v[0].start >= 1.0 - 1e-9);
    assert_true(res.cues.v[res.cues.n - 1].end <= 7.0 + 1e-9);
    subtitle_result_free(&res);
    doc_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_transcript_spread_over_a_duration),
        cmocka_unit_test(no_sentences_writes_nothing),
        cmocka_unit_test(a_translated_track_takes_the_source_timing),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
