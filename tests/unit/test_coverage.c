/* test_coverage.c — the segmenter never loses text (issue 15 §1), on every input we have.
 *
 * sentence_spans_cover (segmenter.h) states the contract: the sentences, in order, hold
 * every non-White_Space character of the input. Here it is checked on every text file under
 * tests/ and on the .txt files of corpus/wuzhen in English, Russian and Chinese, on every
 * case of the .jsonl files of $SHARED/eval/segment in its own language when the shared data is present, and
 * in each way of running the segmenter: the built-in rules, --newline-breaks, the rule
 * filters off, the built-in rules loaded as a user's SRX file (no quote and bracket
 * pairing then), and the multi-thread path of texts of 4 MB or more. A lost character is
 * reported with its input, language, mode and byte offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "segment/segmenter.h"
#include "segment/rules/srx.h"
#include "text/input.h"
#include "util/error.h"

enum { PARALLEL_BYTES = 4200000 }; /* past PARALLEL_MIN_BYTES, segmenter_impl.h's 4 MB threshold */

static const char *const languages[] = {"en", "ru", "zh"};
enum { NLANGS = sizeof languages / sizeof languages[0] };

typedef struct {
    char *name;
    char *text;
    size_t len;
    const char *lang; /* NULL: every language */
} input;

typedef struct {
    input *v;
    size_t n, cap;
    size_t files, cases; /* what was collected, for the report */
} input_set;

static void add_input(input_set *set, const char *name, const char *text, size_t len, const char *lang)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 256;
        set->v = realloc(set->v, set->cap * sizeof *set->v);
        assert_non_null(set->v);
    }
    input *in = &set->v[set->n++];
    in->name = strdup(name);
    in->text = malloc(len + 1);
    assert_non_null(in->name);
    assert_non_null(in->text);
    memcpy(in->text, text, len);
    in->text[len] = '\0';
    in->len = len;
    in->lang = lang;
}

/* A file that reads as UTF-8 text (binary files are not inputs of the segmenter). */
static void add_file(input_set *set, const char *path, const char *lang)
{
    text_input in;
    if (text_input_read(path, &in) < 0)
        return;
    add_input(set, path, in.bytes, in.len, lang);
    text_input_free(&in);
    set->files++;
}

static void add_tree(input_set *set, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            add_tree(set, path);
        else if (S_ISREG(st.st_mode))
            add_file(set, path, NULL);
    }
    closedir(d);
}

/* corpus/wuzhen/NAME.LANG.txt, in its own language */
static void add_corpus(input_set *set)
{
    glob_t g;
    if (glob("corpus/wuzhen/*.txt", 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++)
        for (int k = 0; k < NLANGS; k++) {
            char suffix[8];
            snprintf(suffix, sizeof suffix, ".%s.txt", languages[k]);
            size_t n = strlen(g.gl_pathv[i]);
            if (n > strlen(suffix) && strcmp(g.gl_pathv[i] + n - strlen(suffix), suffix) == 0)
                add_file(set, g.gl_pathv[i], languages[k]);
        }
    globfree(&g);
}

static const char *known_language(const char *lang)
{
    for (int k = 0; lang && k < NLANGS; k++)
        if (strcmp(lang, languages[k]) == 0)
            return languages[k];
    return NULL;
}

/* Every case {"lang", "id", "text"} of the .jsonl files of $SHARED/eval/segment in en, ru
 * or zh. */
static void add_shared_cases(input_set *set)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/eval/segment/*.jsonl", shared);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "r");
        assert_non_null(f);
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, f) > 0) {
            json_t *c = json_loads(line, 0, NULL);
            const char *lang = known_language(json_string_value(json_object_get(c, "lang")));
            json_t *text = json_object_get(c, "text");
            const char *id = json_string_value(json_object_get(c, "id"));
            if (lang && json_is_string(text)) {
                add_input(set, id ? id : g.gl_pathv[i], json_string_value(text), json_string_length(text), lang);
                set->cases++;
            }
            json_decref(c);
        }
        free(line);
        fclose(f);
    }
    globfree(&g);
}

static void free_inputs(input_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->v[i].name);
        free(set->v[i].text);
    }
    free(set->v);
}

typedef struct {
    const char *name;
    newline_mode newlines;
    int filtering;
    int user_rules;     /* the built-in rules read as a user's file (--rules) */
} mode;

static const mode modes[] = {
    {"built-in rules", NEWLINES_WRAP, 1, 0},
    {"--newline-breaks", NEWLINES_BREAK, 1, 0},
    {"--lines wrap", NEWLINES_ALL_WRAPS, 1, 0},
    {"rule filters off", NEWLINES_WRAP, 0, 0},
    {"--rules src/segment/rules.srx", NEWLINES_WRAP, 1, 1},
};
enum { NMODES = sizeof modes / sizeof modes[0] };

/* Segment a copy of text[0..len) and check the contract; a failure names everything. */
static void check_covers(segmenter *seg, const char *what, const char *lang, const char *how, const char *text,
                         size_t len, newline_mode newlines)
{
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    copy[len] = '\0';
    sentence_list l = {0};
    int rc = segmenter_run(seg, copy, len, newlines, sentence_list_push, &l);
    if (rc != 0)
        fail_msg("%s (%s, %s): segmenter_run returned %d: %s", what, lang, how, rc, error_last());
    size_t bad_at = 0;
    if (!sentence_spans_cover(copy, len, l.v, l.n, &bad_at))
        fail_msg("%s (%s, %s): text lost at byte %zu of %zu: \"%.40s\"", what, lang, how, bad_at, len,
                 text + bad_at);
    sentence_list_free(&l);
    free(copy);
}

static void every_input_in_every_mode(input_set *set)
{
    srx *user = NULL;
    assert_int_equal(srx_load("src/segment/rules.srx", &user), 0);
    for (int m = 0; m < NMODES; m++)
        for (int k = 0; k < NLANGS; k++) {
            segmenter *seg;
            assert_int_equal(segmenter_new(languages[k], modes[m].user_rules ? user : NULL, &seg), 0);
            segmenter_set_filtering(seg, modes[m].filtering);
            for (size_t i = 0; i < set->n; i++)
                if (!set->v[i].lang || set->v[i].lang == languages[k])
                    check_covers(seg, set->v[i].name, languages[k], modes[m].name, set->v[i].text, set->v[i].len,
                                 modes[m].newlines);
            segmenter_free(seg);
        }
    srx_free(user);
}

/* All inputs one after another, paragraphs apart, repeated past 4 MB: the text is cut at
 * paragraph ends and segmented on threads. */
static void every_input_on_threads(input_set *set)
{
    size_t total = 0, used = 0;
    for (size_t i = 0; i < set->n; i++)
        total += set->v[i].len + 2;
    assert_true(total > 0);
    char *big = malloc(PARALLEL_BYTES + total + 1);
    assert_non_null(big);
    while (used < PARALLEL_BYTES)
        for (size_t i = 0; i < set->n; i++) {
            memcpy(big + used, set->v[i].text, set->v[i].len);
            used += set->v[i].len;
            memcpy(big + used, "\n\n", 2);
            used += 2;
        }
    for (int k = 0; k < NLANGS; k++) {
        segmenter *seg;
        assert_int_equal(segmenter_new(languages[k], NULL, &seg), 0);
        segmenter_set_jobs(seg, 3);
        check_covers(seg, "all inputs past 4 MB", languages[k], "--jobs 3", big, used, 0);
        segmenter_free(seg);
    }
    free(big);
}

static void no_text_is_lost_on_any_input(void **state)
{
    (void)state;
    input_set set = {0};
    add_tree(&set, "tests");
    add_corpus(&set);
    add_shared_cases(&set);
    assert_true(set.files >= 20); /* run from the top of the checkout, as tests/run.sh does */
    print_message("# %zu files and %zu shared cases, %d modes\n", set.files, set.cases, NMODES);
    every_input_in_every_mode(&set);
    every_input_on_threads(&set);
    free_inputs(&set);
}

/* The contract itself: a lost character, an overlap and a span past the end are caught. */
static void coverage_check_catches_losses(void **state)
{
    (void)state;
    const char *t = "Hello there. Help me (";
    size_t len = strlen(t), bad = 0;
    sentence_span whole[] = {{0, 12, 0, 0, 0}, {13, 22, 0, 1, 0}};
    assert_true(sentence_spans_cover(t, len, whole, 2, &bad));
    sentence_span short_by_one[] = {{0, 12, 0, 0, 0}, {13, 20, 0, 1, 0}};
    assert_false(sentence_spans_cover(t, len, short_by_one, 2, &bad));
    assert_int_equal(bad, 21);
    assert_false(sentence_spans_cover(t, len, whole, 1, &bad));
    assert_int_equal(bad, 13);
    sentence_span overlapping[] = {{0, 12, 0, 0, 0}, {11, 22, 0, 1, 0}};
    assert_false(sentence_spans_cover(t, len, overlapping, 2, &bad));
    assert_int_equal(bad, 11);
    sentence_span past_end[] = {{0, 23, 0, 0, 0}};
    assert_false(sentence_spans_cover(t, len, past_end, 1, &bad));
    const char *spaces = " \t\n\xc2\xa0\xe3\x80\x80";
    assert_true(sentence_spans_cover(spaces, strlen(spaces), NULL, 0, &bad));
}

/* Issue 15 §1: a text ending inside an unclosed bracket kept its last sentence only when
 * something came after; "Help me (" and en-ud-dev-0452's ":(" were dropped. */
static void unclosed_bracket_at_the_end_keeps_its_sentence(void **state)
{
    (void)state;
    const char *cases[][3] = {
        /* language, text, its last sentence */
        {"en", "Hello there. Help me (", "Help me ("},
        {"en", "WILL SOMEONE PLZ HELP ME IT'S DUE WENSDAY!?!?! :(", "WILL SOMEONE PLZ HELP ME IT'S DUE WENSDAY!?!?! :("},
        {"en", "Hello there. Help me ( \n", "Help me ("},
        {"ru", "Он ушёл. Помогите «", "Помогите «"},
        {"zh", "他走了。帮帮我《", "帮帮我《"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        segmenter *seg;
        assert_int_equal(segmenter_new(cases[i][0], NULL, &seg), 0);
        char *text = strdup(cases[i][1]);
        sentence_list l = {0};
        assert_int_equal(segmenter_run(seg, text, strlen(text), 0, sentence_list_push, &l), 0);
        assert_true(l.n >= 1);
        const sentence_span *last = &l.v[l.n - 1];
        assert_int_equal(last->end - last->start, strlen(cases[i][2]));
        assert_memory_equal(text + last->start, cases[i][2], strlen(cases[i][2]));
        sentence_list_free(&l);
        free(text);
        segmenter_free(seg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(coverage_check_catches_losses),
        cmocka_unit_test(unclosed_bracket_at_the_end_keeps_its_sentence),
        cmocka_unit_test(no_text_is_lost_on_any_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
