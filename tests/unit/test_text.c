/* test_text.c — unit tests of src/text: UTF-8 validation, input reading, whitespace,
 * language tags; and file name extensions (src/util/file_ext.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "text/lines.h"
#include "text/input.h"
#include "text/lang.h"
#include "text/script.h"
#include "text/space.h"
#include "text/utf8.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/file_ext.h"

static void expect_bad(const char *bytes, size_t len, utf8_status want, size_t want_offset)
{
    size_t off = 999;
    assert_int_equal(utf8_validate(bytes, len, &off), want);
    assert_int_equal(off, want_offset);
}

static void utf8_accepts_text(void **state)
{
    (void)state;
    const char *s = "plain ASCII long enough for the word loop, 中文, русский, 😀";
    assert_int_equal(utf8_validate(s, strlen(s), NULL), UTF8_OK);
    assert_int_equal(utf8_validate("", 0, NULL), UTF8_OK);
}

static void utf8_reports_first_bad_byte(void **state)
{
    (void)state;
    expect_bad("abc\xff", 4, UTF8_INVALID, 3);
    expect_bad("abcdefghijkl\x80xyz", 16, UTF8_INVALID, 12);    /* stray continuation after the fast path */
    expect_bad("\xc0\xaf", 2, UTF8_INVALID, 0);                 /* overlong '/' */
    expect_bad("ok\xed\xa0\x80", 5, UTF8_INVALID, 2);           /* UTF-16 surrogate */
    expect_bad("\xf4\x90\x80\x80", 4, UTF8_INVALID, 0);         /* past U+10FFFF */
    expect_bad("\xe4\xb8", 2, UTF8_INVALID, 0);                 /* truncated */
    expect_bad("12345678\0", 9, UTF8_NUL, 8);
    expect_bad("a\0b", 3, UTF8_NUL, 1);
}

/* What ICU's U8_NEXT says of b: well formed, or the first NUL or ill-formed place. */
static utf8_status icu_verdict(const char *b, size_t len, size_t *where)
{
    for (int32_t i = 0, n = (int32_t)len; i < n;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)b, i, n, c);
        if (c <= 0) {
            *where = (size_t)at;
            return c == 0 ? UTF8_NUL : UTF8_INVALID;
        }
    }
    return UTF8_OK;
}

/* utf8_validate's verdict on b[0..len), and where it failed, are ICU's (test case t). */
static void expect_icu_verdict(const char *b, size_t len, int t)
{
    size_t want_at = 0;
    utf8_status want = icu_verdict(b, len, &want_at);
    size_t at = 0;
    if (utf8_validate(b, len, &at) != want || (want != UTF8_OK && at != want_at))
        fail_msg("case %d: %zu bytes, expected %d at %zu", t, len, want, want_at);
}

/* The validator's verdict and offset are ICU's U8_NEXT's on random short byte strings,
 * weighted to lead and continuation bytes where the ill-formed cases hide. */
static void utf8_agrees_with_icu(void **state)
{
    (void)state;
    unsigned seed = 15;
    char b[16];
    for (int t = 0; t < 200000; t++) {
        size_t len = (size_t)(rand_r(&seed) % 12);
        for (size_t k = 0; k < len; k++) {
            int r = rand_r(&seed);
            static const int base[] = {0, 0x80, 0xC0, 0xE0, 0xF0}, span[] = {128, 64, 32, 16, 16};
            b[k] = (char)(base[r % 5] + (r / 5) % span[r % 5]);
        }
        expect_icu_verdict(b, len, t);
    }
}

/* The same on longer strings, mostly ASCII and two-byte (Cyrillic) characters with a rare
 * other byte, so that sixteen-byte blocks are checked at once, and fail, at every offset. */
static void utf8_blocks_agree_with_icu(void **state)
{
    (void)state;
    unsigned seed = 16;
    char b[80];
    for (int t = 0; t < 300000; t++) {
        size_t len = 16 + (size_t)(rand_r(&seed) % 64);
        for (size_t k = 0; k < len;) {
            int r = rand_r(&seed) % 64;
            if (r < 30)
                b[k++] = (char)('a' + r % 26);
            else if (r < 61 && k + 1 < len) {
                b[k++] = (char)0xD0;
                b[k++] = (char)(0x90 + r % 32);
            } else {
                static const unsigned char odd[] = {0x00, 0x80, 0xBF, 0xC0, 0xC1, 0xD0, 0xE4, 0xF0, 0xFF};
                b[k++] = (char)odd[rand_r(&seed) % sizeof odd];
            }
        }
        expect_icu_verdict(b, len, t);
    }
}

/* Reading backwards gives ICU's code point and length for every code point, and for
 * byte strings that are not well formed (its own reading is the fallback there). */
static void utf8_reads_backwards_as_icu(void **state)
{
    (void)state;
    uint8_t b[8];
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        int32_t n = 0;
        UBool bad = false;
        b[0] = 'x';
        U8_APPEND((uint8_t *)b + 1, n, 7, c, bad);
        if (bad)
            continue; /* a surrogate */
        size_t bytes = 0;
        if (utf8_char_before((const char *)b, (size_t)n + 1, &bytes) != c || bytes != (size_t)n)
            fail_msg("U+%04X", (unsigned)c);
    }
    unsigned seed = 72;
    for (int t = 0; t < 200000; t++) {
        for (int k = 0; k < 4; k++)
            b[k] = (uint8_t)(0x80 + rand_r(&seed) % 0x80);
        for (size_t i = 1; i <= 4; i++) {
            int32_t back = i < 4 ? (int32_t)i : 4, k = back;
            UChar32 want;
            U8_PREV(b + i - (size_t)back, 0, k, want);
            size_t bytes = 0;
            UChar32 got = utf8_char_before((const char *)b, i, &bytes);
            if (got != want || bytes != (size_t)(back - k))
                fail_msg("%02x %02x %02x %02x up to %zu", b[0], b[1], b[2], b[3], i);
        }
    }
}

static void bom_is_detected(void **state)
{
    (void)state;
    assert_int_equal(utf8_bom_length("\xef\xbb\xbfx", 4), 3);
    assert_int_equal(utf8_bom_length("\xef\xbb", 2), 0);
    assert_int_equal(utf8_bom_length("x", 1), 0);
}

static void input_strips_bom_and_names_errors(void **state)
{
    (void)state;
    text_input in;
    assert_int_equal(text_input_from_memory("\xef\xbb\xbfHi", 5, "m.txt", &in), 0);
    assert_string_equal(in.bytes, "Hi");
    assert_int_equal(in.len, 2);
    assert_int_equal(in.offset, 3);
    text_input_free(&in);
    assert_int_equal(text_input_from_memory("\xef\xbb\xbfH\xff", 5, "m.txt", &in), -ERR_DATA);
    /* the BOM is no column; one stray byte is too little to guess an encoding from */
    assert_string_equal(error_last(),
                        "m.txt:1:2: invalid UTF-8 at byte 4; if the file is in another encoding, name it with --encoding");
    assert_int_equal(text_input_from_memory("a\nbé\xff", 6, "m.txt", &in), -ERR_DATA);
    assert_string_equal(error_last(), "m.txt:2:3: invalid UTF-8 at byte 5");
    assert_int_equal(text_input_read("/nonexistent/file.txt", &in), -ERR_NOINPUT);
    assert_non_null(strstr(error_last(), "/nonexistent/file.txt"));
}

static void space_collapses_runs(void **state)
{
    (void)state;
    char out[64];
    const char *s = "a  b\r\n\tc d";
    assert_true(space_needs_collapse(s, strlen(s)));
    size_t n = space_collapse(s, strlen(s), out);
    assert_int_equal(n, 7);
    assert_memory_equal(out, "a b c d", 7);
    assert_false(space_needs_collapse("a b c", 5));
    assert_true(space_needs_collapse("a\tb", 3));
    /* a wrap unwrap_lines marked (a vertical tab) is undone without a space before a lone
     * full stop or comma, and between capital pieces; elsewhere it is a space */
    static const struct {
        const char *in, *out;
    } glued[] = {
        {"pricing \v. Next", "pricing. Next"}, {"W\vA\vRN\vI\vNG / A", "WARNING / A"},
        {"a\vb \v, c\v.d", "a b, c .d"},     {"AB\vCDE", "AB CDE"},
        {"pricing\n. Next", "pricing . Next"},
    };
    for (size_t k = 0; k < sizeof glued / sizeof *glued; k++) {
        char buf[64];
        strcpy(buf, glued[k].in);
        n = space_collapse(buf, strlen(buf), buf); /* in place, as cues.c calls it */
        buf[n] = '\0';
        assert_string_equal(buf, glued[k].out);
    }
}

static void lang_tags_are_canonical(void **state)
{
    (void)state;
    char out[LANG_TAG_MAX];
    assert_int_equal(lang_normalize("zh-cn", out), 0);
    assert_string_equal(out, "zh-CN");
    assert_int_equal(lang_normalize("en_GB", out), 0);
    assert_string_equal(out, "en-GB");
    assert_int_equal(lang_normalize("ru", out), 0);
    assert_string_equal(out, "ru");
    assert_int_equal(lang_normalize("zh-Hans-CN", out), 0);
    assert_string_equal(out, "zh-Hans-CN");
    assert_int_equal(lang_normalize("qq", out), -ERR_USAGE);
    assert_int_equal(lang_normalize("", out), -ERR_USAGE);
    assert_int_equal(lang_normalize("en--", out), -ERR_USAGE);
    lang_base("zh-Hans-CN", out);
    assert_string_equal(out, "zh");
    lang_to_locale("zh-Hans-CN", out);
    assert_string_equal(out, "zh_Hans_CN");
}

/* The one rule for languages written without spaces, by tag in any spelling. */
static void unspaced_languages(void **state)
{
    (void)state;
    const char *unspaced[] = {"zh", "zh-CN", "ZH_tw", "zh-Hant-TW", "ja", "ja-JP", "th"};
    for (size_t k = 0; k < sizeof unspaced / sizeof *unspaced; k++)
        assert_true(lang_is_unspaced(unspaced[k]));
    const char *spaced[] = {"en", "en-US", "ru", "ko", "zha", "jav", "", "t"};
    for (size_t k = 0; k < sizeof spaced / sizeof *spaced; k++)
        assert_false(lang_is_unspaced(spaced[k]));
    /* sentences join without a space in Chinese and Japanese, not in Thai */
    assert_true(lang_joins_unspaced("zh-CN"));
    assert_true(lang_joins_unspaced("ja"));
    assert_false(lang_joins_unspaced("th"));
    assert_false(lang_joins_unspaced("en"));
    assert_false(lang_joins_unspaced("zha"));
}

/* Inputs of 8 MB or more are checked in two halves at once: the first bad byte is still
 * the one reported, wherever the cut falls. */
static void utf8_large_input_in_halves(void **state)
{
    (void)state;
    size_t len = 9u << 20, off = 0;
    char *b = malloc(len);
    assert_non_null(b);
    memset(b, 'a', len);
    for (size_t i = len / 2 - 4; i < len / 2 + 4; i += 2)
        memcpy(b + i, "\xD0\xB6", 2); /* Cyrillic across the cut */
    assert_int_equal(utf8_validate(b, len, &off), UTF8_OK);
    b[len - 10] = (char)0xFF;
    assert_int_equal(utf8_validate(b, len, &off), UTF8_INVALID);
    assert_int_equal(off, len - 10);
    b[100] = 0;
    assert_int_equal(utf8_validate(b, len, &off), UTF8_NUL);
    assert_int_equal(off, 100);
    b[100] = 'a';
    b[len - 10] = 'a';
    memset(b + len / 2 - 2, 0x80, 6); /* stray continuation bytes over the cut */
    assert_int_equal(utf8_validate(b, len, &off), UTF8_INVALID);
    assert_int_equal(off, len / 2 - 2);
    free(b);
}

/* An output format chosen by -o: the extension of the last path component, in any case. */
static void file_extensions_in_any_case(void **state)
{
    (void)state;
    assert_true(file_ext_is("out.vtt", "vtt"));
    assert_true(file_ext_is("out.VTT", "vtt"));
    assert_true(file_ext_is("dir/Out.Vtt", "vtt"));
    assert_true(file_ext_is("a.b/c.TMX", "tmx"));
    assert_false(file_ext_is("out.vtt.srt", "vtt"));
    assert_false(file_ext_is("dir.vtt/out", "vtt")); /* a dot in a directory name */
    assert_false(file_ext_is("outvtt", "vtt"));
    assert_false(file_ext_is("out.vtt2", "vtt"));
    assert_false(file_ext_is(NULL, "vtt")); /* standard output */
}

/* Text cut for a message keeps whole user-perceived characters and says it was cut: the
 * bytes of "%.80s" would split a Chinese character, a combining accent or an emoji. */
static void utf8_truncate_cuts_between_characters(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(utf8_truncate("short", 80, out, sizeof out), "short"); /* nothing cut, no mark */
    assert_string_equal(utf8_truncate("abcdef", 3, out, sizeof out), "abc…");
    assert_string_equal(utf8_truncate("互联网发展", 2, out, sizeof out), "互联…");
    assert_string_equal(utf8_truncate("互联网", 3, out, sizeof out), "互联网");
    /* e + combining acute is one character; so is a flag (two regional indicators) */
    assert_string_equal(utf8_truncate("e\u0301e\u0301e\u0301", 2, out, sizeof out), "e\u0301e\u0301…");
    assert_string_equal(utf8_truncate("\U0001F1E8\U0001F1F3\U0001F1F7\U0001F1FA", 1, out, sizeof out),
                        "\U0001F1E8\U0001F1F3…");
    /* the buffer's size cuts too, the ellipsis within it: 9 bytes hold 互 (3) + … (3) + NUL */
    char small[9];
    assert_string_equal(utf8_truncate("互联网发展", 0, small, sizeof small), "互…");
    assert_string_equal(utf8_truncate("互联", 0, small, 7), "互联");
    char tiny[3];
    assert_string_equal(utf8_truncate("互联", 0, tiny, sizeof tiny), ""); /* no room for either */
    /* in place */
    char text[] = "Интернет";
    assert_string_equal(utf8_truncate(text, 3, text, sizeof text), "Инт…");
    /* a message formatted too long for its buffer ends on a whole character and "…" */
    char msg[16];
    assert_int_equal(utf8_snprintf(msg, sizeof msg, "%s: %s", "a.tmx", "互联网发展报告"), 28);
    assert_string_equal(msg, "a.tmx: 互…"); /* 7 + 3 + 3 + NUL of 16: 联 would not leave room */
    size_t bad;
    assert_int_equal(utf8_validate(msg, strlen(msg), &bad), UTF8_OK);
    assert_int_equal(utf8_snprintf(msg, sizeof msg, "%d", 42), 2);
    assert_string_equal(msg, "42");
}

/* Every write error is kept with its reason until reported, once: glibc's stdio drops it. */
static void checked_stream_keeps_the_reason(void **state)
{
    (void)state;
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0)
        skip();
    checked_stream *s = checked_stream_open(fd, 1);
    assert_non_null(s);
    for (int k = 0; k < 10000; k++)
        fputs("a line that fills the buffer more than once\n", s->f);
    errno = 0; /* as if other calls had come in between */
    assert_int_equal(checked_stream_flush(s), ENOSPC);
    assert_int_equal(checked_stream_flush(s), 0); /* reported once */
    fputs("more\n", s->f);
    assert_int_equal(checked_stream_close(s), ENOSPC);
}

/* A device is written directly: the failure is reported with its name, the device stays.
 * As root the device is a node made in a scratch folder: a regression renaming a file over
 * it must not replace the machine's /dev/full. */
static void atomic_file_reports_write_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/fullXXXXXX", full[64] = "/dev/full", want[128];
    struct stat st;
    if (geteuid() == 0) {
        assert_non_null(mkdtemp(dir));
        snprintf(full, sizeof full, "%s/full", dir);
        if (mknod(full, S_IFCHR | 0666, makedev(1, 7)) != 0) {
            rmdir(dir);
            skip();
        }
    } else if (stat(full, &st) != 0) {
        skip();
    }
    snprintf(want, sizeof want, "%s: write error: No space left on device", full);
    atomic_file af;
    assert_int_equal(atomic_file_open(&af, full), 0);
    assert_null(af.tmp_path);
    fputs("lost\n", af.f);
    assert_int_equal(atomic_file_commit(&af), -ERR_IO);
    assert_string_equal(error_last(), want);
    assert_int_equal(stat(full, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* a writer that gave up because of the failure: the write error is what is reported */
    assert_int_equal(atomic_file_open(&af, full), 0);
    for (int k = 0; k < 10000; k++)
        fputs("a line that fills the buffer more than once\n", af.f);
    error_set(ERR_DATA, "the writer's own message");
    assert_int_equal(atomic_file_finish(&af, -ERR_IO), -ERR_IO);
    assert_string_equal(error_last(), want);
    /* an output given up for a reason of its own keeps that reason */
    assert_int_equal(atomic_file_open(&af, full), 0);
    error_set(ERR_DATA, "bad input");
    assert_int_equal(atomic_file_finish(&af, -ERR_DATA), -ERR_DATA);
    assert_string_equal(error_last(), "bad input");
    if (geteuid() == 0) {
        unlink(full);
        rmdir(dir);
    }
}

/* An output written through a symbolic link replaces the file it names, keeping the link
 * and the file's mode; an aborted write leaves the old content. */
static void atomic_file_writes_through_links(void **state)
{
    (void)state;
    char dir[] = "/tmp/atomicXXXXXX";
    assert_non_null(mkdtemp(dir));
    char real[64], link_path[64];
    snprintf(real, sizeof real, "%s/real.srt", dir);
    snprintf(link_path, sizeof link_path, "%s/link.srt", dir);
    FILE *f = fopen(real, "w");
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(chmod(real, 0640), 0);
    assert_int_equal(symlink("real.srt", link_path), 0);
    atomic_file af;
    assert_int_equal(atomic_file_open(&af, link_path), 0);
    fputs("new\n", af.f);
    atomic_file_abort(&af); /* nothing changes */
    char buf[16] = "";
    f = fopen(real, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "old\n");
    assert_int_equal(atomic_file_open(&af, link_path), 0);
    fputs("new\n", af.f);
    assert_int_equal(atomic_file_commit(&af), 0);
    struct stat st;
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(real, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    f = fopen(real, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "new\n");
    unlink(link_path);
    unlink(real);
    /* a link to a file not written yet: the file is made, the link stays */
    assert_int_equal(symlink("real.srt", link_path), 0);
    assert_int_equal(atomic_file_open(&af, link_path), 0);
    fputs("first\n", af.f);
    assert_int_equal(atomic_file_commit(&af), 0);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(real, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    unlink(link_path);
    unlink(real);
    rmdir(dir);
}

/* A text's main script against its language's: Han for Chinese and Japanese, kana for
 * Japanese, Cyrillic for Russian; too few letters or no main script fit anything. */
static void scripts_fit_languages(void **state)
{
    (void)state;
    char script[8];
    const char *zh = "第三届世界互联网大会于二零一六年十一月在乌镇举行，来自世界各地的代表出席了会议。";
    const char *ja = "今日の世界では、インターネットは最も急速に成長している産業分野です。";
    const char *ru = "Сегодня интернет является самой быстрорастущей отраслью экономики.";
    const char *en = "Today the Internet is the fastest growing sector of the economy.";
    assert_true(script_fits_language(zh, strlen(zh), "zh-CN", script));
    assert_true(script_fits_language(zh, strlen(zh), "ja", script));
    assert_true(script_fits_language(ja, strlen(ja), "ja", script));
    assert_true(script_fits_language(ru, strlen(ru), "ru", script));
    assert_true(script_fits_language(en, strlen(en), "en", script));
    assert_false(script_fits_language(zh, strlen(zh), "en", script));
    assert_string_equal(script, "Hani");
    assert_false(script_fits_language(ru, strlen(ru), "en", script));
    assert_string_equal(script, "Cyrl");
    assert_false(script_fits_language(en, strlen(en), "ru", script));
    assert_string_equal(script, "Latn");
    assert_false(script_fits_language(ja, strlen(ja), "ru", script));
    assert_true(script_fits_language("Да, OK.", 10, "en", script)); /* too few letters */
}

/* What a single newline means, decided from the lines themselves. */
static void line_structure_is_decided_per_file(void **state)
{
    (void)state;
    const char *wrapped = "The Internet is in need of new principles of governance that would\n"
                          "recognise the key role of the state. Such was the main conclusion of\n"
                          "the 3rd World Internet Conference held last week in Wuzhen, China, and\n"
                          "attended by some 1600 people from 110 countries, heads of state and\n"
                          "leading Internet companies, international organisations and research\n"
                          "institutes.\n";
    line_evidence ev = text_line_structure(wrapped, strlen(wrapped));
    assert_int_equal(ev.structure, LINES_WRAP);
    assert_int_equal(ev.lines, 5);
    const char *verses = "In the beginning God created the heavens and the earth.\n"
                         "Now the earth was formless and void,\n"
                         "and darkness was over the surface of the deep. And the Spirit of God was hovering over the waters.\n"
                         "And God said, “Let there be light,” and there was light.\n"
                         "And God saw that the light was good, and He separated the light from the darkness.\n"
                         "God called the light “day,” and the darkness He called “night.”\n";
    ev = text_line_structure(verses, strlen(verses));
    assert_int_equal(ev.structure, LINES_SENTENCE);
    const char *paragraphs = "Wuzhen summit: states must lead\n"
                             "The Internet needs new rules. The state must play the key role. So said the "
                             "conference. Some 1600 people came.\n"
                             "The theme was innovation. It drew heads of state. It ended with a report. It was long.\n"
                             "乌镇峰会召开。来自110个国家的约1600人出席了大会。大会发布了报告。\n";
    ev = text_line_structure(paragraphs, strlen(paragraphs));
    assert_int_equal(ev.structure, LINES_PARAGRAPH);
    const char *blank_separated = "One paragraph.\n\nAnother one.\n";
    ev = text_line_structure(blank_separated, strlen(blank_separated));
    assert_int_equal(ev.lines, 0); /* no single newline: nothing to decide, wrap as before */
    assert_int_equal(ev.structure, LINES_WRAP);
    /* two lines are too few to tell a width from, unless every line is a few words with
     * no sentence end inside: a list or a signature */
    const char *list = "features\ncontact manager\nevents, activities\n";
    ev = text_line_structure(list, strlen(list));
    assert_int_equal(ev.structure, LINES_SENTENCE);
    assert_int_equal(ev.lines, 2);
    const char *cjk_list = "特点\n联系人管理\n活动\n"; /* 12 columns at most: a few words */
    ev = text_line_structure(cjk_list, strlen(cjk_list));
    assert_int_equal(ev.structure, LINES_SENTENCE);
    const char *cjk_prose = "来自六十个国家的领导人出席\n了峰会。\n"; /* 13 characters, 26 columns */
    ev = text_line_structure(cjk_prose, strlen(cjk_prose));
    assert_int_equal(ev.structure, LINES_WRAP);
    const char *signature = "Sincerely,\nTraci\n\n\n";
    ev = text_line_structure(signature, strlen(signature));
    assert_int_equal(ev.structure, LINES_SENTENCE);
    const char *short_prose[] = {"This sentence is\nwrapped over lines. Next one.", "One.\r\nstill one. Two.\r\n",
                                 "The quick brown fox jumped\nover the lazy dog.\n", "Hello\r\nworld.\r\n"};
    for (size_t k = 0; k < 4; k++) {
        ev = text_line_structure(short_prose[k], strlen(short_prose[k]));
        assert_int_equal(ev.structure, LINES_WRAP);
        assert_int_equal(ev.lines, 0);
    }
    /* ...or unless one of the few lines is longer than any wrap width and far longer than
     * a line followed by another: headings, then a paragraph on one line */
    const char *headed[] = {"Putter King Scavenger Hunt Trophy\n(6 3/4\" Engraved Crystal Trophy - Picture Coming Soon)\n"
                            "The Putter King team will judge the scavenger hunt and all decisions will be final.  The "
                            "scavenger hunt is open to anyone and everyone.",
                            "My Title\nFirst paragraph is here with a long text that goes on and on for a while. Second "
                            "sentence here, also long.\nSecond paragraph. More.\n"};
    for (size_t k = 0; k < 2; k++) {
        ev = text_line_structure(headed[k], strlen(headed[k]));
        assert_int_not_equal(ev.structure, LINES_WRAP);
        assert_int_equal(ev.lines, 2);
    }
    /* a paragraph wrapped at a wide width is still wrapped */
    const char *wide = "This paragraph is wrapped at a width of a little more than one hundred columns, which some "
                       "editors use,\nand so is its second line, which is just as long as the first one was, or "
                       "nearly so, too.\nThe end.\n";
    ev = text_line_structure(wide, strlen(wide));
    assert_int_equal(ev.structure, LINES_WRAP);
    assert_int_equal(line_structure_parse("sentence"), LINES_SENTENCE);
    assert_int_equal(line_structure_parse("verse"), -1);
}

/* The line structure tallied block by block (segment reads large files so) is the one
 * decided on the whole text, wherever the blocks are cut: inside a line, a CRLF pair or
 * a character, and past the 2,000 lines the evidence stops at. */
static void line_structure_in_blocks(void **state)
{
    (void)state;
    static const char *const lines[] = {"In the beginning God created the heavens and the earth.",
                                        "Now the earth was formless and void,", "and darkness was over the deep.",
                                        "  Он сказал. Потом ушёл. «Да?» — Нет.  ", "", "乌镇峰会召开。来自110个国家的约1600人出席了大会。",
                                        "a line that ends mid-sentence and goes on", "in lower case.\r"};
    char *text = malloc(600000);
    assert_non_null(text);
    for (int variant = 0; variant < 3; variant++) {
        size_t len = 0;
        unsigned seed = 7u + (unsigned)variant;
        for (int k = 0; len < (variant == 2 ? 500000u : 20000u); k++) {
            seed = seed * 1103515245u + 12345u;
            const char *l = lines[(seed >> 16) % (variant == 0 ? 4 : 8)];
            len += (size_t)sprintf(text + len, "%s\n", l);
        }
        text[len - 1] = variant == 1 ? 'x' : '\n'; /* a last line without its newline */
        line_evidence whole = text_line_structure(text, len);
        for (size_t block = 1; block < 5000; block = block * 3 + 1) {
            line_tally t;
            line_tally_init(&t);
            for (size_t at = 0; at < len; at += block)
                assert_int_equal(line_tally_add(&t, text + at, len - at < block ? len - at : block), 0);
            line_evidence ev = line_tally_finish(&t);
            assert_int_equal(ev.structure, whole.structure);
            assert_int_equal(ev.lines, whole.lines);
            assert_true(ev.mid_sentence == whole.mid_sentence && ev.near_width == whole.near_width &&
                        ev.inner_ends == whole.inner_ends);
        }
    }
    free(text);
}

/* The language guessed from a text's script: Han weighs three Latin letters, so a
 * Chinese text quoting English names stays Chinese; no letters, no guess. */
static void languages_guessed_from_scripts(void **state)
{
    (void)state;
    char lang[LANG_TAG_MAX];
    script_guess_language("世界互联网大会在乌镇 (World Internet Conference)", strlen("世界互联网大会在乌镇 (World Internet Conference)"), lang);
    assert_string_equal(lang, "zh-CN");
    script_guess_language("Привет, мир", strlen("Привет, мир"), lang);
    assert_string_equal(lang, "ru-RU");
    script_guess_language("Hello, world", 12, lang);
    assert_string_equal(lang, "en-US");
    script_guess_language("12:30 - 14:00", 13, lang);
    assert_string_equal(lang, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_accepts_text),
        cmocka_unit_test(line_structure_is_decided_per_file),
        cmocka_unit_test(unspaced_languages),
        cmocka_unit_test(utf8_reports_first_bad_byte),
        cmocka_unit_test(utf8_agrees_with_icu),
        cmocka_unit_test(utf8_blocks_agree_with_icu),
        cmocka_unit_test(utf8_reads_backwards_as_icu),
        cmocka_unit_test(utf8_large_input_in_halves),
        cmocka_unit_test(bom_is_detected),
        cmocka_unit_test(input_strips_bom_and_names_errors),
        cmocka_unit_test(space_collapses_runs),
        cmocka_unit_test(lang_tags_are_canonical),
        cmocka_unit_test(file_extensions_in_any_case),
        cmocka_unit_test(atomic_file_writes_through_links),
        cmocka_unit_test(utf8_truncate_cuts_between_characters),
        cmocka_unit_test(checked_stream_keeps_the_reason),
        cmocka_unit_test(atomic_file_reports_write_errors),
        cmocka_unit_test(scripts_fit_languages),
        cmocka_unit_test(languages_guessed_from_scripts),
        cmocka_unit_test(line_structure_in_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
