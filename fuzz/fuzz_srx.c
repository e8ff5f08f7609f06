/* fuzz_srx.c — libFuzzer target: the SRX loader and the rule compiler behind --rules.
 *
 * A user's SRX file is parsed (libxml2, no network, no entities), its rules are chosen
 * for a language and compiled the way the segmenter compiles them: ICU regexes, BEFORE
 * reversed for an anchored backward match (rule_filter.c), the character-set and automaton
 * filters (rule_tree.c, rule_index.c, rule_automaton.c), all of them parsers of regex
 * text we wrote. An input starting with '<' is a whole SRX file; any other is one rule,
 * "BEFORE\nAFTER" (the first byte's low bit: break or not), put into an SRX file here so
 * that the fuzzer spends its time on the regexes rather than on XML. Rules that compile
 * segment a short fixed text in three scripts, which must lose nothing and come out the
 * same with the filters on and off (every rule's regex run at every position): the
 * filters may only skip work, never change a decision. A one-rule input is tried for
 * en, ru and zh; a whole file, whose hundreds of rules take long to compile, for the
 * one its size picks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>

#include "segment/segmenter.h"
#include "segment/rules/srx.h"

static const char sample[] = "Mr. Smith met Dr. Jones (at 3.50 p.m.) on Jan. 5. \"Stop. Go.\" she said; he left...\n"
                             "1. The first item 2. The second. See www.example.com/a.b now! ok? Yes.\n"
                             "Это было в 1999 г. в Москве. Он ушёл. — Куда? — спросила мама.\n\n"
                             "他读了《你好。世界》这本书。“我们很接近了。”他说。然后睡了！好吗？";

/* One rule "BEFORE\nAFTER" in an SRX file for every language; NULL when it cannot be. */
static char *srx_of_rule(const uint8_t *data, size_t size)
{
    int do_break = size && (data[0] & 1);
    const uint8_t *text = size ? data + 1 : data;
    size_t len = size ? size - 1 : 0;
    const uint8_t *nl = memchr(text, '\n', len);
    size_t before_len = nl ? (size_t)(nl - text) : len;
    char *before = strndup((const char *)text, before_len);
    char *after = nl ? strndup((const char *)nl + 1, len - before_len - 1) : strdup("");
    xmlChar *b = before && !memchr(text, '\0', len) ? xmlEncodeSpecialChars(NULL, (const xmlChar *)before) : NULL;
    xmlChar *a = b && after ? xmlEncodeSpecialChars(NULL, (const xmlChar *)after) : NULL;
    char *xml = NULL;
    if (a && asprintf(&xml,
                      "<srx version='2.0'><header cascade='no'/><body><languagerules>"
                      "<languagerule languagerulename='r'><rule break='%s'><beforebreak>%s</beforebreak>"
                      "<afterbreak>%s</afterbreak></rule></languagerule></languagerules><maprules>"
                      "<languagemap languagepattern='.*' languagerulename='r'/></maprules></body></srx>",
                      do_break ? "yes" : "no", (const char *)b, (const char *)a) < 0)
        xml = NULL;
    xmlFree(a);
    xmlFree(b);
    free(before);
    free(after);
    return xml;
}

/* The sentences of the sample under rules, with the filters on or off; 0 when the rules
 * do not compile for lang. Aborts on lost text. */
static int segment_sample(const srx *rules, const char *lang, int filtering, sentence_list *out)
{
    segmenter *seg;
    if (segmenter_new(lang, rules, &seg) < 0)
        return 0;
    segmenter_set_filtering(seg, filtering);
    char text[sizeof sample];
    memcpy(text, sample, sizeof sample);
    size_t bad_at;
    int rc = segmenter_run(seg, text, sizeof sample - 1, 0, sentence_list_push, out);
    segmenter_free(seg);
    if (rc == 0 && !sentence_spans_cover(text, sizeof sample - 1, out->v, out->n, &bad_at)) {
        fprintf(stderr, "text lost at byte %zu with these rules (%s)\n", bad_at, lang);
        abort();
    }
    return rc == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *one_rule = size && data[0] == '<' ? NULL : srx_of_rule(data, size);
    if (!one_rule && !(size && data[0] == '<'))
        return 0;
    const char *xml = one_rule ? one_rule : (const char *)data;
    srx *rules = NULL;
    if (srx_parse(xml, one_rule ? strlen(one_rule) : size, "fuzz.srx", &rules) < 0) {
        free(one_rule);
        return 0;
    }
    static const char *const languages[] = {"en", "ru-RU", "zh-CN"};
    enum { NLANGS = sizeof languages / sizeof languages[0] };
    size_t first = one_rule ? 0 : size % NLANGS, last = one_rule ? NLANGS : first + 1;
    for (size_t k = first; k < last; k++) {
        sentence_list filtered = {0}, every_rule = {0};
        if (segment_sample(rules, languages[k], 1, &filtered) && segment_sample(rules, languages[k], 0, &every_rule))
            for (size_t i = 0; i < filtered.n || i < every_rule.n; i++)
                if (i >= filtered.n || i >= every_rule.n || filtered.v[i].end != every_rule.v[i].end) {
                    fprintf(stderr, "%s: the rule filters changed sentence %zu (%zu sentences with them, %zu "
                            "without)\n", languages[k], i, filtered.n, every_rule.n);
                    abort();
                }
        sentence_list_free(&filtered);
        sentence_list_free(&every_rule);
    }
    srx_free(rules);
    free(one_rule);
    return 0;
}
