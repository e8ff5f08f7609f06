/* segmenter.c — a segmenter made and freed, and a document run through it.
 *
 * A segmenter is ICU's sentence BreakIterator for a language, the SRX rules of that
 * language compiled (rules/rule_set.h), and the learned boundary model trained on those
 * rules' verdicts (boundary_model.h) with what it knows of the language's words. Running
 * a document unwraps its lines (wraps.c), gathers the document's own evidence for the
 * model (doc_stats.h), and segments it as one stretch (stretch.c) or, when it is large,
 * as many on several threads (parallel.c). */
#include "segmenter_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>

#include "../i18n.h"
#include "../util/error.h"
#include "tokens.h"

/* the built-in rules, embedded from src/segment/rules.srx at build time */
extern const char builtin_rules_srx[];
extern const size_t builtin_rules_srx_len;

/* bytes that can start a White_Space character (U+0085, U+00A0, U+1680, U+2000-U+205F,
 * U+3000 begin with C2, E1, E2, E3) */
static int may_start_space(int b)
{
    return b == ' ' || (b >= '\t' && b <= '\r') || b == 0xC2 || (b >= 0xE1 && b <= 0xE3);
}

/* What the scan between ICU's breaks tests at each byte, in one table lookup. */
static void fill_scan_bits(segmenter *seg)
{
    const uint8_t *rule_byte = rule_set_break_bytes(seg->rules); /* filtering on: the default */
    for (int b = 0; b < 256; b++) {
        int start = b < 0x80 || b >= 0xC0, space = may_start_space(b) ? SCAN_SPACE : 0;
        seg->scan_bits[0][b] = (uint8_t)((seg->nbreak && rule_byte[b] ? SCAN_RULE : 0) | space);
        seg->scan_bits[1][b] = (uint8_t)((seg->nbreak && start ? SCAN_RULE : 0) | space);
        for (int f = 0; f < 2; f++)
            if (b >= 0xC2 && b < 0xE0 && seg->scan_bits[f][b])
                seg->scan_bits[f][b] |= SCAN_TWO;
    }
    /* the rules filter by first character now (filtering on: the default, until
     * segmenter_set_filtering); off, every character may start a break rule's AFTER */
    for (UChar32 c = 0x80; c < 0x800; c++) {
        int space = char_is_space(c) ? SCAN_SPACE : 0;
        seg->scan_two[0][c] = (uint8_t)((seg->nbreak && rule_set_break_first(seg->rules, c) ? SCAN_RULE : 0) | space);
        seg->scan_two[1][c] = (uint8_t)((seg->nbreak ? SCAN_RULE : 0) | space);
    }
}

int segmenter_new(const char *lang, const srx *rules, segmenter **out)
{
    *out = NULL;
    segmenter *seg = calloc(1, sizeof *seg);
    if (!seg)
        return error_nomem();
    snprintf(seg->lang, sizeof seg->lang, "%s", lang);
    seg->source = rules;
    seg->jobs = 1;
    int rc = 0;
    if (!rules) {
        rc = srx_parse(builtin_rules_srx, builtin_rules_srx_len, "rules.srx (built-in)", &seg->builtin);
        rules = seg->builtin;
        seg->protect_pairs = 1;
    }
    if (rc == 0)
        rc = rule_set_new(rules, lang, &seg->rules);
    if (rc < 0) {
        segmenter_free(seg);
        return rc;
    }
    seg->nbreak = rule_set_break_count(seg->rules);
    fill_scan_bits(seg);
    if (rc == 0) {
        char locale[LANG_TAG_MAX];
        UErrorCode err = U_ZERO_ERROR;
        lang_to_locale(lang, locale);
        seg->breaks = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &err);
        if (U_FAILURE(err))
            rc = error_set(ERR_SOFTWARE, _("ICU cannot break sentences for %s: %s"), lang, u_errorName(err));
    }
    if (rc == 0 && seg->protect_pairs) /* the model comes with the built-in rules it was trained on */
        rc = boundary_model_builtin(lang, &seg->own_model);
    if (rc == 0)
        rc = word_lists_new(lang, &seg->words);
    seg->spaced = !lang_is_unspaced(lang);
    seg->model = seg->own_model;
    if (rc < 0) {
        segmenter_free(seg);
        return rc;
    }
    *out = seg;
    return 0;
}

size_t segmenter_rule_count(const segmenter *seg)
{
    return rule_set_count(seg->rules);
}

void segmenter_set_filtering(segmenter *seg, int on)
{
    seg->no_filter = !on;
    rule_set_set_filtering(seg->rules, on);
}

void segmenter_free(segmenter *seg)
{
    if (!seg)
        return;
    rule_set_free(seg->rules);
    if (seg->breaks)
        ubrk_close(seg->breaks);
    srx_free(seg->builtin);
    boundary_model_free(seg->own_model);
    word_lists_free(seg->words);
    free(seg);
}

void segmenter_set_model(segmenter *seg, const boundary_model *model)
{
    seg->model = model;
}

void segmenter_set_observer(segmenter *seg, boundary_observer fn, void *ctx)
{
    seg->observe = fn;
    seg->observe_ctx = ctx;
}

newline_mode newline_mode_of(line_structure told, line_structure decided)
{
    if (decided != LINES_WRAP)
        return NEWLINES_BREAK;
    return told == LINES_WRAP ? NEWLINES_ALL_WRAPS : NEWLINES_WRAP;
}

int segmenter_run(segmenter *seg, char *text, size_t len, newline_mode newlines, sentence_fn emit, void *ctx)
{
    if (len == 0)
        return 0;
    offset_list wraps = {0};
    doc_stats *stats = NULL;
    int rc = newlines == NEWLINES_BREAK ? 0 : unwrap_lines(text, len, newlines == NEWLINES_WRAP, &wraps);
    if (rc == 0 && (seg->model || seg->observe)) /* the whole text, so that threads see the same */
        rc = doc_stats_new(text, len, &stats);
    if (rc == 0 && seg->jobs > 1 && len >= PARALLEL_MIN_BYTES) {
        rc = run_parallel(seg, text, len, &wraps, stats, emit, ctx);
    } else if (rc == 0) {
        emitter em = {emit, ctx, 0, 0, 0, 0, &wraps, 0};
        rc = run_stretch(seg, text, len, 0, len, stats, &em);
    }
    doc_stats_free(stats);
    free(wraps.at);
    return rc;
}

void segmenter_set_jobs(segmenter *seg, int jobs)
{
    seg->jobs = jobs < 1 ? 1 : jobs;
}
