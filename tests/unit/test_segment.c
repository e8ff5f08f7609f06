/* test_segment.c — unit tests of src/segment: SRX parsing and language maps, and the
 * segmenter's spans, paragraphs and rule decisions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "segment/segmenter.h"
#include "segment/rules/srx.h"
#include "util/error.h"

static const char *two_langs_srx =
    "<?xml version='1.0'?><srx xmlns='http://www.lisa.org/srx20' version='2.0'>"
    "<header cascade='%s'/><body><languagerules>"
    "<languagerule languagerulename='all'><rule break='no'><beforebreak>A\\.</beforebreak>"
    "<afterbreak>\\s</afterbreak></rule></languagerule>"
    "<languagerule languagerulename='en'><rule><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>"
    "<rule break='no'><beforebreak>B\\.</beforebreak><afterbreak></afterbreak></rule></languagerule>"
    "</languagerules><maprules><languagemap languagepattern='.*' languagerulename='all'/>"
    "<languagemap languagepattern='EN.*' languagerulename='en'/></maprules></body></srx>";

static srx *parse(const char *cascade)
{
    char xml[2048];
    snprintf(xml, sizeof xml, two_langs_srx, cascade);
    srx *s = NULL;
    assert_int_equal(srx_parse(xml, strlen(xml), "t.srx", &s), 0);
    return s;
}

static void srx_cascade_collects_rules_in_order(void **state)
{
    (void)state;
    srx *s = parse("yes");
    const srx_rule **rules;
    int n = srx_rules_for(s, "en-GB", &rules);
    assert_int_equal(n, 3);
    assert_string_equal(rules[0]->before, "A\\.");
    assert_false(rules[0]->do_break);
    assert_true(rules[1]->do_break); /* break defaults to yes */
    assert_string_equal(rules[2]->after, "");
    free(rules);
    n = srx_rules_for(s, "ru", &rules);
    assert_int_equal(n, 1);
    free(rules);
    srx_free(s);
}

static void srx_without_cascade_takes_first_map(void **state)
{
    (void)state;
    srx *s = parse("no");
    const srx_rule **rules;
    assert_int_equal(srx_rules_for(s, "en", &rules), 1);
    free(rules);
    srx_free(s);
}

static void srx_errors_name_the_file(void **state)
{
    (void)state;
    srx *s;
    assert_int_equal(srx_parse("<srx>", 5, "bad.srx", &s), -ERR_DATA);
    assert_non_null(strstr(error_last(), "bad.srx:1:"));
    assert_int_equal(srx_parse("<x/>", 4, "x.srx", &s), -ERR_DATA);
    assert_non_null(strstr(error_last(), "not an SRX file"));
    const char *bad_map = "<srx><body><languagerules/><maprules><languagemap languagepattern='.*' "
                          "languagerulename='nope'/></maprules></body></srx>";
    assert_int_equal(srx_parse(bad_map, strlen(bad_map), "m.srx", &s), 0);
    const srx_rule **rules;
    assert_int_equal(srx_rules_for(s, "en", &rules), -ERR_DATA);
    assert_non_null(strstr(error_last(), "unknown languagerule \"nope\""));
    srx_free(s);
    /* an external entity is not fetched: the parse fails, or the rule it stands in holds
     * nothing of the file (a file of ours, so that its text is known) */
    char ent[] = "/tmp/test_segment_XXXXXX";
    int fd = mkstemp(ent);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "XXE-MARKER", 10), 10);
    close(fd);
    char xxe[1024];
    snprintf(xxe, sizeof xxe,
             "<!DOCTYPE srx [<!ENTITY e SYSTEM 'file://%s'>]><srx><body><languagerules>"
             "<languagerule languagerulename='x'><rule break='no'><beforebreak>a&e;</beforebreak>"
             "<afterbreak>b</afterbreak></rule></languagerule></languagerules><maprules>"
             "<languagemap languagepattern='.*' languagerulename='x'/></maprules></body></srx>",
             ent);
    int rc = srx_parse(xxe, strlen(xxe), "xxe.srx", &s);
    unlink(ent);
    if (rc == 0) {
        assert_int_equal(srx_rules_for(s, "en", &rules), 1);
        assert_string_equal(rules[0]->after, "b"); /* the rule itself was read */
        assert_null(strstr(rules[0]->before, "XXE-MARKER"));
        free(rules);
        srx_free(s);
    } else {
        assert_int_equal(rc, -ERR_DATA);
    }
}

static void run(const char *lang, const char *input, sentence_list *out)
{
    segmenter *seg;
    assert_int_equal(segmenter_new(lang, NULL, &seg), 0);
    char *text = strdup(input);
    memset(out, 0, sizeof *out);
    assert_int_equal(segmenter_run(seg, text, strlen(text), 0, sentence_list_push, out), 0);
    free(text);
    segmenter_free(seg);
}

static void segmenter_spans_and_paragraphs(void **state)
{
    (void)state;
    sentence_list l;
    run("en", "  One. Two?\n\n  Three\nwrapped.  ", &l);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.v[0].start, 2);
    assert_int_equal(l.v[0].end, 6);
    assert_int_equal(l.v[1].start, 7);
    assert_int_equal(l.v[1].end, 11);
    assert_int_equal(l.v[1].para, 0);
    assert_int_equal(l.v[2].para, 1);
    assert_int_equal(l.v[2].index, 2);
    assert_int_equal(l.v[2].start, 15);
    assert_int_equal(l.v[2].end, 29);
    sentence_list_free(&l);
}

static void segmenter_applies_builtin_rules(void **state)
{
    (void)state;
    sentence_list l;
    run("en", "Mr. Smith is here. Yes.", &l);
    assert_int_equal(l.n, 2);
    sentence_list_free(&l);
    run("zh-CN", "“好。”他说。走吧。", &l);
    assert_int_equal(l.n, 2);
    sentence_list_free(&l);
}

static void segmenter_newline_breaks(void **state)
{
    (void)state;
    segmenter *seg;
    assert_int_equal(segmenter_new("en", NULL, &seg), 0);
    char text[] = "a line\nanother line\n\nnext para";
    sentence_list l = {0};
    assert_int_equal(segmenter_run(seg, text, strlen(text), 1, sentence_list_push, &l), 0);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.v[1].para, 0);
    assert_int_equal(l.v[2].para, 1);
    sentence_list_free(&l);
    segmenter_free(seg);
}

static void segmenter_rejects_bad_rule_regex(void **state)
{
    (void)state;
    const char *xml = "<srx><body><languagerules><languagerule languagerulename='x'><rule>"
                      "<beforebreak>(</beforebreak></rule></languagerule></languagerules><maprules>"
                      "<languagemap languagepattern='.*' languagerulename='x'/></maprules></body></srx>";
    srx *s;
    assert_int_equal(srx_parse(xml, strlen(xml), "r.srx", &s), 0);
    segmenter *seg;
    assert_int_equal(segmenter_new("en", s, &seg), -ERR_DATA);
    assert_non_null(strstr(error_last(), "r.srx:1: invalid rule regex"));
    srx_free(s);
}

static void segmenter_handles_unbounded_lookbehind(void **state)
{
    (void)state;
    /* BEFORE with '+' cannot be a look-behind: the window search must still apply it */
    const char *xml = "<srx><body><languagerules><languagerule languagerulename='x'>"
                      "<rule break='no'><beforebreak>\\bno+\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
                      "</languagerule></languagerules><maprules>"
                      "<languagemap languagepattern='.*' languagerulename='x'/></maprules></body></srx>";
    srx *s;
    assert_int_equal(srx_parse(xml, strlen(xml), "u.srx", &s), 0);
    segmenter *seg;
    assert_int_equal(segmenter_new("en", s, &seg), 0);
    char text[] = "Say nooo. Fine. Go.";
    sentence_list l = {0};
    assert_int_equal(segmenter_run(seg, text, strlen(text), 0, sentence_list_push, &l), 0);
    assert_int_equal(l.n, 2);
    sentence_list_free(&l);
    segmenter_free(seg);
    srx_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(srx_cascade_collects_rules_in_order),
        cmocka_unit_test(srx_without_cascade_takes_first_map),
        cmocka_unit_test(srx_errors_name_the_file),
        cmocka_unit_test(segmenter_spans_and_paragraphs),
        cmocka_unit_test(segmenter_applies_builtin_rules),
        cmocka_unit_test(segmenter_newline_breaks),
        cmocka_unit_test(segmenter_rejects_bad_rule_regex),
        cmocka_unit_test(segmenter_handles_unbounded_lookbehind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
