/* test_rules.c — unit tests of the segmenter's machinery: rule filters and reversal
 * (rule_filter.c), rule automata against ICU's regex (rule_automaton.c), UTF-16 windows (window.c), paired delimiters (pairs.c), and a check
 * that the filters never change a decision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "segment/pairs.h"
#include "segment/rules/rule_automaton.h"
#include "segment/rules/rule_filter.h"
#include "segment/segmenter.h"
#include "segment/rules/rule_tree.h"
#include "segment/rules/srx.h"
#include "segment/rules/window.h"

static void filter_sets(void **state)
{
    (void)state;
    USet *s = rule_last_chars("\\b(?:Mr|Dr)\\.", NULL);
    assert_non_null(s);
    assert_int_equal(uset_size(s), 1);
    assert_true(uset_contains(s, '.'));
    uset_close(s);
    s = rule_last_chars("[!?]{1,3}[\"”]{0,2}", NULL); /* optional quote: ! ? or the quote */
    assert_non_null(s);
    assert_true(uset_contains(s, '!') && uset_contains(s, 0x201D) && !uset_contains(s, '.'));
    uset_close(s);
    s = rule_first_chars("\\s+\\p{Lu}", NULL);
    assert_non_null(s);
    assert_true(uset_contains(s, ' ') && !uset_contains(s, 'A'));
    uset_close(s);
    s = rule_first_chars("(?:ab|c)d?", NULL);
    assert_true(uset_contains(s, 'a') && uset_contains(s, 'c') && !uset_contains(s, 'd'));
    uset_close(s);
    /* "any" whenever unsure: empty match possible, flags, '.', unbalanced */
    assert_null(rule_first_chars("\\s*", NULL));
    assert_null(rule_first_chars("(?i:mr)", NULL));
    assert_null(rule_first_chars(".x", NULL));
    assert_null(rule_last_chars("(?<=x)", NULL));
    assert_null(rule_last_chars("(ab", NULL));
    assert_null(rule_first_chars("", NULL));
    int exact;
    uset_close(rule_first_chars("\\s+", &exact));
    assert_true(exact);
    uset_close(rule_first_chars("\\s+\\p{Lu}", &exact));
    assert_false(exact);
    uset_close(rule_last_chars("[!?]", &exact));
    assert_true(exact);
    /* the first character after the spaces */
    s = rule_first_chars_after_space("\\s+\\p{Lu}");
    assert_non_null(s);
    assert_true(uset_contains(s, 'A') && !uset_contains(s, ' ') && !uset_contains(s, 'a'));
    uset_close(s);
    s = rule_first_chars_after_space("\\s+(?:a|\\d{1,2})[.)]");
    assert_true(uset_contains(s, 'a') && uset_contains(s, '7') && !uset_contains(s, 'b'));
    uset_close(s);
    assert_null(rule_first_chars_after_space("\\s*"));    /* may be all spaces */
    assert_null(rule_first_chars_after_space("[\\s,]x")); /* spaces mixed with others */
}

/* Does `pattern` match all of `text`? */
static int matches(const char *pattern, const char *text)
{
    UChar up[512], ut[512];
    int32_t pl, tl;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(up, 512, &pl, pattern, -1, &err);
    u_strFromUTF8(ut, 512, &tl, text, -1, &err);
    UParseError pe;
    URegularExpression *re = uregex_open(up, pl, 0, &pe, &err);
    assert_true(U_SUCCESS(err));
    uregex_setText(re, ut, tl, &err);
    int m = uregex_matches(re, 0, &err);
    uregex_close(re);
    return m;
}

static void reversal_matches_reversed_strings(void **state)
{
    (void)state;
    char *r = rule_reverse("\\b(?:Mr|Mrs)\\.");
    assert_non_null(r);
    assert_true(matches(r, ".rM"));
    assert_true(matches(r, ".srM"));
    assert_false(matches(r, "Mr."));
    free(r);
    r = rule_reverse("^\\d{1,3}[.)]\\s?x");
    assert_true(matches(r, "x )21"));
    assert_false(matches(r, "x ).21"));
    free(r);
    r = rule_reverse("(?<![A-Za-z])т\\.\\s?[дп]");
    assert_non_null(r);
    assert_true(matches(r, "д .т"));
    free(r);
    assert_null(rule_reverse("a++"));       /* possessive */
    assert_null(rule_reverse("(?i:abc)"));  /* flags */
    assert_null(rule_reverse("(a)\\1"));    /* back-reference */
}

/* ICU's answer: does a match of `pattern` start at UTF-16 index q of u (dir > 0), or end
 * there (dir < 0)? The whole text stays visible to \b and look-arounds. */
static int icu_matches_at(const char *pattern, const UChar *u, int32_t n, int32_t q, int dir)
{
    UChar up[1024];
    int32_t pl;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(up, 1024, &pl, pattern, -1, &err);
    UParseError pe;
    URegularExpression *re = uregex_open(up, pl, 0, &pe, &err);
    assert_true(U_SUCCESS(err));
    uregex_setText(re, u, n, &err);
    uregex_useTransparentBounds(re, true, &err);
    uregex_useAnchoringBounds(re, false, &err);
    int hit = 0;
    if (dir > 0) {
        uregex_setRegion(re, q, n, &err);
        hit = uregex_lookingAt(re, -1, &err);
    }
    for (int32_t from = q; dir < 0 && from >= 0 && !hit; from--) {
        uregex_setRegion(re, from, q, &err);
        hit = uregex_matches(re, -1, &err);
    }
    assert_true(U_SUCCESS(err));
    uregex_close(re);
    return hit;
}

/* The automata never say "cannot match" where ICU matches, and an exact automaton's
 * "matches" is ICU's: at every position of texts in three scripts, both directions. */
static void automata_agree_with_icu(void **state)
{
    (void)state;
    static const char *patterns[] = {
        "\\s+\\p{Lu}", "\\b(?:Mr|Mrs|Dr)\\.", "(?:\\b[A-Za-z]\\.){1,5}", "[\\p{L}\\d]\\s?[.!?][\"'”’»)]?",
        "\\s+[•⁃]?\\s?(?:\\d{1,2}[.)]|[a-z][.)])\\)?\\s", "(?:^|\\s)[a-z]\\.", "\\d{1,3}(?:\\.\\d{1,3}){0,3}\\.",
        "\\B\\.", "(?<![\\p{L}])(?i:ср|см|др)\\.", "(?<=\\s[a-z]\\.)(?<=(?:^|\\s)[a-z][.)])", "\\s*", "(?:т|Т)\\.\\s?[ек]\\.",
        "[^\\s.!?]{2,4}\\.", "\\w+\\b", "x(?=\\s)", "\\p{Ll}{2}[.．!?！？]",
        /* a review's finds: regex class syntax that UnicodeSet reads otherwise, ICU's \s,
         * \b next to format characters, `^` repeated or quantified */
        "[ ]A", "x[ ,]", "[a$]", "[{ab}]", "\\sSmith", "\\bbr\\.", "\\Bbr\\.", "x\\b", "^?x", "^^x",
        "\\b^x", "(?:^|\\s){2}x",
        /* fuzz_srx's: \W inside a class; escapes a UnicodeSet reads otherwise are not modelled */
        "[\\p{L}\\W]\\s?[.!?]", "\\W\\.", "[\\W\\d]x", "[\\h.]x", "[\\v]x",
        /* a negative look-behind of one class where a backwards reading ends is read as a
         * character outside it or the start of the text; elsewhere it is taken as true */
        "(?<![\\p{L}\\d])\\p{Lu}\\s?\\.", "(?:(?<![\\p{L}])т\\.\\s?[дп]|(?<![\\p{L}])и\\s(?:др|пр))\\.",
        "(?<![\\p{L}\\d])(?<!\\d\\s)гг?\\.", "(?<![A-Za-z])[ap]\\.m", "(?:(?<![a-z])x)+\\.", "(?<!\\s)\\bx",
        /* fuzz_srx's: a count past what the automata model (it overflowed an int) */
        "x{3,200000}", "a{0,}\\.",
    };
    /* the patterns, by direction, no automaton is built for (their rules always go to ICU);
     * every other one must build, or the loop below would skip it unchecked */
    static const struct {
        const char *pattern;
        int dir;
    } no_automaton[] = {
        {"(?<=\\s[a-z]\\.)(?<=(?:^|\\s)[a-z][.)])", 1}, {"^?x", -1}, {"^^x", -1}, {"\\b^x", -1}, {"(?:^|\\s){2}x", -1},
        /* escapes a UnicodeSet reads otherwise than the regex (fuzz_srx): left to ICU */
        {"[\\h.]x", 1}, {"[\\h.]x", -1}, {"[\\v]x", 1}, {"[\\v]x", -1},
        {"x{3,200000}", 1}, {"x{3,200000}", -1},
    };
    static const char *texts[] = {
        "Mr. Smith met Dr. Jones. J. R. R. Tolkien, i.e. a. here 1. First 2) second. U.S.A. x y",
        "Это т. е. Ср. рис. 5. См. выше.  Л. Н. Толстой.",
        "“我们。”他说。《你好。世界》ｆａｉｌｅｄ．Ｔｈｅ好！",
        "cafe\xCC\x81. Next\xE2\x80\xAF" "1.2.3. word", /* a combining accent, a narrow no-break space */
        "x Ab\xC2\xAD" "br. ax\xE2\x80\x8B x A $a {b} Dr.\vSmith Dr.\xC2\x85Smith x,y \xE2\x80\x8E" "br.",
        "Л. т.д. А.Б. Иванов, 5г. и 1999 гг. xx. 5 x. a.m. Ба. т. п. ди др. и пр. Яx.",
        /* other cases: Cyrillic Extended-C letters fold to с, д, т (U+1C83, U+1C81, U+1C84) */
        "СР. См. \xE1\xB2\x83р. \xE1\xB2\x81р. ДР. с\xE1\xB2\x84. Ср.  ср.",
    };
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        for (int dir = -1; dir <= 1; dir += 2) {
            rule_automaton *a = rule_automaton_new(patterns[p], dir);
            int want_null = 0;
            for (size_t k = 0; k < sizeof no_automaton / sizeof no_automaton[0]; k++)
                want_null |= no_automaton[k].dir == dir && strcmp(no_automaton[k].pattern, patterns[p]) == 0;
            if ((a == NULL) != want_null)
                fail_msg("%s (dir %d): %s", patterns[p], dir, a ? "an automaton, where none was expected" : "no automaton");
            for (size_t t = 0; a && t < sizeof texts / sizeof texts[0]; t++) {
                const char *text = texts[t];
                size_t len = strlen(text);
                UChar u[512];
                int32_t n;
                UErrorCode err = U_ZERO_ERROR;
                u_strFromUTF8(u, 512, &n, text, (int32_t)len, &err);
                for (size_t q = 0; q <= len; q++) {
                    if (q < len && ((unsigned char)text[q] & 0xC0) == 0x80)
                        continue;
                    int32_t uq;
                    err = U_ZERO_ERROR;
                    u_strFromUTF8(NULL, 0, &uq, text, (int32_t)q, &err);
                    int icu = icu_matches_at(patterns[p], u, n, uq, dir);
                    int ours = rule_automaton_may_match(a, text, len, q);
                    if ((icu && ours == RULE_NO_MATCH) || (!icu && ours == RULE_MATCHES))
                        fail_msg("%s (dir %d) at byte %zu of \"%s\": ICU %d, automaton %d", patterns[p], dir, q,
                                 text, icu, ours);
                }
            }
            rule_automaton_free(a);
        }
    }
    rule_automaton *a = rule_automaton_new("\\b(?:Mr|Dr)\\.", -1);
    assert_true(rule_automaton_exact(a));
    rule_automaton_free(a);
    a = rule_automaton_new("(?<![\\p{L}\\d])\\p{Lu}\\s?\\.", -1);
    assert_true(rule_automaton_exact(a)); /* the look-behind ends the backwards reading */
    rule_automaton_free(a);
    a = rule_automaton_new("(?<![\\p{L}])(?i:ср|см|др)\\.", -1);
    assert_true(rule_automaton_exact(a)); /* Cyrillic case folding is read as ICU reads it */
    rule_automaton_free(a);
    a = rule_automaton_new("(?<=\\s)x", 1);
    assert_false(rule_automaton_exact(a)); /* a look-around is taken as true */
    rule_automaton_free(a);
    assert_null(rule_automaton_new("(?i:mr)\\.", -1)); /* Latin folding (ss, ß) is not modelled */
    assert_null(rule_automaton_new("", 1));
}

/* May an AFTER hold this first non-space character and this one after it? Wherever ICU
 * matches, yes; "no" for pairs no match can hold; and nothing is known where a match may
 * stop before the second character. */
static void pairs_after_spaces_hold_where_icu_matches(void **state)
{
    (void)state;
    USet *spaces = rule_set_from_pattern("[\\p{White_Space}]");
    static const char *patterns[] = {
        "\\s+[•⁃]?\\s?(?:\\d{1,2}[.)]|[a-z][.)])\\)?\\s", "\\s+[aA1][.)]\\s", "\\s+\\p{Lu}\\p{Ll}",
        "\\s+I\\s\\p{Ll}", "\\s*\\[(?:\\d{1,3}|[a-z])\\]", "\\s+(?:He|She|It)\\b", "\\p{Lu}\\p{Ll}",
        "\\s", "\\s+\\p{Lu}", "\\s*", "\\s*\\(?[\\dIVX]", "x(?=\\s)",
    };
    static const char *texts[] = {
        "a. here 1. First 2) second 3.) third • 4. x He said. She. It is. I am [1] [a] (IV) Ab (2 •a) x\n",
        "  Это т. е. Ср. рис. 5. См. выше.\u00a0 Л. Н. Толстой. a) b.",
    };
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        rule_automaton *a = rule_automaton_new(patterns[p], 1);
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            const char *text = texts[t];
            int32_t len = (int32_t)strlen(text), n;
            UChar u[512];
            UErrorCode err = U_ZERO_ERROR;
            u_strFromUTF8(u, 512, &n, text, len, &err);
            for (int32_t uq = 0; uq < n; uq++) {
                int32_t k = uq;
                UChar32 word, next;
                do
                    U16_NEXT(u, k, n, word);
                while (k < n && u_isUWhiteSpace(word));
                if (k >= n || u_isUWhiteSpace(word))
                    continue;
                U16_NEXT(u, k, n, next);
                if (icu_matches_at(patterns[p], u, n, uq, 1) && !rule_automaton_may_follow(a, spaces, word, next))
                    fail_msg("%s at %d of \"%s\": U+%04X U+%04X", patterns[p], uq, text, (unsigned)word, (unsigned)next);
            }
        }
        rule_automaton_free(a);
    }
    rule_automaton *a = rule_automaton_new("\\s+[•⁃]?\\s?(?:\\d{1,2}[.)]|[a-z][.)])\\)?\\s", 1);
    assert_false(rule_automaton_may_follow(a, spaces, 'h', 'o')); /* " house" */
    assert_true(rule_automaton_may_follow(a, spaces, 'b', ')'));
    assert_true(rule_automaton_may_follow(a, spaces, 0x2022, 'o')); /* "•o." */
    rule_automaton_free(a);
    a = rule_automaton_new("\\s", 1);
    assert_true(rule_automaton_may_follow(a, spaces, 'h', 'o')); /* the match ends first */
    rule_automaton_free(a);
    uset_close(spaces);
}

static void window_maps_offsets(void **state)
{
    (void)state;
    const char *text = "ab中😀c";
    utf16_window w;
    window_init(&w, text, strlen(text));
    assert_int_equal(window_cover(&w, 0, strlen(text), 4), 0);
    assert_int_equal(w.ulen, 6);            /* a b 中 (surrogate pair) c */
    assert_int_equal(window_index(&w, 2), 2);
    assert_int_equal(window_index(&w, 5), 3); /* after 中 */
    assert_int_equal(window_index(&w, 9), 5); /* after 😀 */
    assert_int_equal(window_byte(&w, 5), 9);
    assert_int_equal(w.rev[0], 'c');
    assert_int_equal(w.rev[1], w.u[3]);      /* the pair keeps its order */
    assert_int_equal(w.rev[5], 'a');
    window_free(&w);
}

/* A window asked to reach into the middle of a multi-byte character stays a window: it
 * once rounded down, fell short, and took the whole rest of the document. */
static void window_stays_bounded_at_multibyte_ends(void **state)
{
    (void)state;
    size_t n = 300000; /* 100,000 Cyrillic letters of 2 bytes, some 3-byte Han */
    char *text = malloc(n + 1);
    for (size_t k = 0; k < n; k += 2)
        memcpy(text + k, "ж", 2);
    text[n] = '\0';
    utf16_window w;
    window_init(&w, text, n);
    assert_int_equal(window_cover(&w, 1000, 2001, 100), 0); /* 2001: inside a letter */
    assert_true(w.end >= 2001 && w.end <= 2004);
    assert_true(w.ulen < 1100);
    assert_int_equal(window_cover(&w, 150000, 150001, 64), 0);
    assert_true(w.end - w.start < 200);
    window_free(&w);
    free(text);
}

static void pairs_protect_inside(void **state)
{
    (void)state;
    const char *text = "He (said. so) «a. b» and \"c. d\" x.\n\n(open. never closed";
    protected_spans s;
    assert_int_equal(pairs_find(text, strlen(text), &s), 0);
    size_t cursor = 0;
    const char *in1 = strstr(text, "said.") + 5, *in2 = strstr(text, "a.") + 2, *in3 = strstr(text, "c.") + 2;
    const char *out1 = strstr(text, "x.") + 2, *out2 = strstr(text, "open.") + 5;
    assert_true(pairs_protects(&s, (size_t)(in1 - text), &cursor));
    assert_true(pairs_protects(&s, (size_t)(in2 - text), &cursor));
    assert_true(pairs_protects(&s, (size_t)(in3 - text), &cursor));
    assert_false(pairs_protects(&s, (size_t)(out1 - text), &cursor));
    assert_false(pairs_protects(&s, (size_t)(out2 - text), &cursor));
    pairs_free(&s);
}

/* Segment text in lang under rules (NULL: built-in) with and without the filters, into
 * with and without; the two must be the same sentences. */
static void segment_both_ways(const char *lang, const srx *rules, const char *input, sentence_list *with,
                              sentence_list *without)
{
    memset(with, 0, sizeof *with);
    memset(without, 0, sizeof *without);
    for (int filtered = 0; filtered < 2; filtered++) {
        segmenter *seg;
        assert_int_equal(segmenter_new(lang, rules, &seg), 0);
        segmenter_set_filtering(seg, filtered);
        char *text = strdup(input);
        assert_int_equal(segmenter_run(seg, text, strlen(text), 0, sentence_list_push, filtered ? with : without),
                         0);
        free(text);
        segmenter_free(seg);
    }
    assert_int_equal(with->n, without->n);
    for (size_t i = 0; i < with->n; i++) {
        assert_int_equal(with->v[i].start, without->v[i].start);
        assert_int_equal(with->v[i].end, without->v[i].end);
    }
}

/* Segment with and without the character-set filters: the sentences must be the same. */
static void filters_change_no_decision(void **state)
{
    (void)state;
    static const char *texts[][2] = {
        {"en", "Mr. Smith met Dr. Jones at 5 p.m. He said: \"Hi! How are you?\" she replied. "
               "1. First item 2. Second item. See p. 55. The U.S. Government. I live in the U.S. How about you? "
               "e.g. this. Visit www.example.com/a?b=c now. It cost $3.50. Wait... what? (Yes. No.) "
               "a. here it is b. another. J. R. R. Tolkien wrote it. At 6 a.m. Mr. Smith left."},
        {"ru", "Это было в 1999 г. в Москве. Л. Н. Толстой писал, т. е. много. «Ты где? — спросила мама. — Дома.» "
               "См. рис. 5. Он ушёл и т. д. Потом пришёл. — А ты? — Я тоже."},
        {"zh", "“我们很接近了。”他说。他读了《你好。世界》这本书。「今天先这样。」然后离开。好吗？好！"},
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        sentence_list a, b;
        segment_both_ways(texts[k][0], NULL, texts[k][1], &a, &b);
        assert_true(a.n > 3);
        sentence_list_free(&a);
        sentence_list_free(&b);
    }
}

/* What fuzz_segment and fuzz_srx found the filters and the regexes disagreeing on. */
static void fuzz_finds_filters_and_regexes_agree(void **state)
{
    (void)state;
    /* `^` written backwards was `$`, which ICU also matches before a line break that ends
     * the text: after a leading "\r", "p." read as a list marker at a line's start to the
     * regex, not to the automaton (the start of the text only, as SRX means) */
    sentence_list a, b;
    segment_both_ways("ru", NULL, "\rp. 55e", &a, &b);
    assert_int_equal(a.n, 2);
    sentence_list_free(&a);
    sentence_list_free(&b);
    /* [\p{L}\W] became a UnicodeSet of letters and 'W': the automaton refused '.' there */
    const char *xml = "<srx version='2.0'><header cascade='no'/><body><languagerules><languagerule "
                      "languagerulename='r'><rule break='yes'><beforebreak>[\\p{L}\\W]\\.</beforebreak>"
                      "<afterbreak></afterbreak></rule></languagerule></languagerules><maprules><languagemap "
                      "languagepattern='.*' languagerulename='r'/></maprules></body></srx>";
    srx *rules;
    assert_int_equal(srx_parse(xml, strlen(xml), "w.srx", &rules), 0);
    segment_both_ways("en", rules, "he left...", &a, &b);
    assert_int_equal(a.n, 3);
    sentence_list_free(&a);
    sentence_list_free(&b);
    srx_free(rules);
}

/* A break="yes" rule is tried wherever its AFTER may start (at every space, for most), so
 * its BEFORE must end in characters the filter can name: a BEFORE the filter reads as
 * "any" (an `&` in a class was one) runs the regex at every space and made English
 * segmentation six times slower. Every built-in break rule passes. */
static void builtin_break_rules_are_filtered(void **state)
{
    (void)state;
    extern const char builtin_rules_srx[];
    extern const size_t builtin_rules_srx_len;
    srx *rules;
    assert_int_equal(srx_parse(builtin_rules_srx, builtin_rules_srx_len, "rules.srx", &rules), 0);
    static const char *const langs[] = {"en", "ru", "zh"};
    for (size_t k = 0; k < 3; k++) {
        const srx_rule **r;
        int n = srx_rules_for(rules, langs[k], &r);
        assert_true(n > 10);
        for (int i = 0; i < n; i++) {
            if (!r[i]->do_break || !r[i]->before[0])
                continue;
            USet *last = rule_last_chars(r[i]->before, NULL);
            if (!last)
                fprintf(stderr, "rules.srx:%d: BEFORE of a break rule the filter cannot read\n", r[i]->line);
            assert_non_null(last);
            uset_close(last);
        }
        free(r);
    }
    srx_free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(filter_sets),
        cmocka_unit_test(reversal_matches_reversed_strings),
        cmocka_unit_test(automata_agree_with_icu),
        cmocka_unit_test(pairs_after_spaces_hold_where_icu_matches),
        cmocka_unit_test(window_maps_offsets),
        cmocka_unit_test(window_stays_bounded_at_multibyte_ends),
        cmocka_unit_test(pairs_protect_inside),
        cmocka_unit_test(filters_change_no_decision),
        cmocka_unit_test(fuzz_finds_filters_and_regexes_agree),
        cmocka_unit_test(builtin_break_rules_are_filtered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
