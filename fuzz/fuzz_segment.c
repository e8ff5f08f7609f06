/* fuzz_segment.c — libFuzzer target: the sentence segmenter on any text.
 *
 * The first byte chooses the language (en, ru, zh) and --newline-breaks; the rest is the
 * text, skipped unless it is valid UTF-8 without NUL (what text_input lets through).
 * Besides the sanitizers, two properties abort on failure:
 *   - no text lost: the sentences hold every non-whitespace character, in order
 *     (sentence_spans_cover, issue 15 §1);
 *   - the rule filters change nothing: the same sentences with every rule's regex run at
 *     every position (segmenter_set_filtering 0), as the filters promise;
 *   - the printed text of a sentence (space_collapse, for wrapped ones) is its span with
 *     only ASCII whitespace changed.
 * Segmenters are built once per language and kept: compiling the rules is the slow part. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segmenter.h"
#include "text/space.h"
#include "text/utf8.h"
#include "util/error.h"

static const char *const languages[] = {"en", "ru", "zh"};
enum { NLANGS = sizeof languages / sizeof languages[0] };

static segmenter *segmenter_for(int lang, int filtering)
{
    static segmenter *made[NLANGS][2];
    if (!made[lang][filtering]) {
        if (segmenter_new(languages[lang], NULL, &made[lang][filtering]) < 0) {
            fprintf(stderr, "segmenter_new: %s\n", error_last());
            abort();
        }
        segmenter_set_filtering(made[lang][filtering], filtering);
    }
    return made[lang][filtering];
}

/* text[0..len) without its ASCII whitespace, into out; the length. */
static size_t without_ascii_space(const char *text, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!(text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
            out[n++] = text[i];
    return n;
}

/* What the CLI prints of each sentence holds the same characters as its span. */
static void check_printed(const char *text, const sentence_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *span = text + l->v[i].start;
        size_t len = l->v[i].end - l->v[i].start;
        if (!l->v[i].wraps || !space_needs_collapse(span, len))
            continue;
        char *printed = malloc(len), *a = malloc(len), *b = malloc(len);
        if (!printed || !a || !b)
            abort();
        size_t plen = space_collapse(span, len, printed);
        size_t na = without_ascii_space(span, len, a), nb = without_ascii_space(printed, plen, b);
        if (plen > len || na != nb || memcmp(a, b, na) != 0) {
            fprintf(stderr, "sentence %zu printed differs from its span beyond whitespace\n", i);
            abort();
        }
        free(printed);
        free(a);
        free(b);
    }
}

/* Segment a private copy (the segmenter unwraps lines in place) exactly len bytes long,
 * so that a read past the end is caught. */
static void segment(segmenter *seg, const char *text, size_t len, newline_mode newlines, sentence_list *out)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        abort();
    memcpy(copy, text, len);
    int rc = segmenter_run(seg, copy, len, newlines, sentence_list_push, out);
    if (rc != 0) {
        fprintf(stderr, "segmenter_run: %d %s\n", rc, error_last());
        abort();
    }
    size_t bad_at;
    if (!sentence_spans_cover(copy, len, out->v, out->n, &bad_at)) {
        fprintf(stderr, "text lost at byte %zu of %zu\n", bad_at, len);
        abort();
    }
    check_printed(copy, out);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t bad;
    if (size < 1 || utf8_validate((const char *)data + 1, size - 1, &bad) != UTF8_OK)
        return 0;
    int lang = data[0] % NLANGS;
    newline_mode newlines = (newline_mode)((data[0] >> 6) % 3); /* wraps, breaks, all wraps */
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    sentence_list filtered = {0}, every_rule = {0};
    segment(segmenter_for(lang, 1), text, len, newlines, &filtered);
    segment(segmenter_for(lang, 0), text, len, newlines, &every_rule);
    for (size_t i = 0; i < filtered.n || i < every_rule.n; i++)
        if (i >= filtered.n || i >= every_rule.n || filtered.v[i].start != every_rule.v[i].start ||
            filtered.v[i].end != every_rule.v[i].end) {
            fprintf(stderr, "the rule filters changed sentence %zu (%zu sentences with them, %zu without)\n", i,
                    filtered.n, every_rule.n);
            abort();
        }
    sentence_list_free(&filtered);
    sentence_list_free(&every_rule);
    return 0;
}
