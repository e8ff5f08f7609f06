/* stretch.c — one stretch of a document segmented: ICU's breaks walked, rules and model asked.
 *
 * ICU's BreakIterator walks the stretch through a UTF-8 UText, so break positions are
 * byte offsets into the caller's buffer. At each break we step back over trailing
 * whitespace (and opening quotes, which belong to the next sentence) to the SRX position,
 * right after the punctuation, and decide:
 *   1. a paragraph end always breaks;
 *   2. inside a matched pair of quotes or brackets (pairs.h) never;
 *   3. otherwise the ordered rules, first match wins (rules/rule_set.h);
 *   4. where no rule matches, the learned model (boundary_model.h), and without one
 *      ICU's break stands.
 * break="yes" rules may also fire where ICU saw no break ("1. The first item 2. The
 * second"), and in languages written with spaces a sentence may end at a space without a
 * mark ("Thanks Sean Here you go"): between ICU's breaks a scan tries both wherever a
 * one-byte table says they may, and the same decision applies there. */
#include "segmenter_impl.h"

#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "pairs.h"
#include "tokens.h"

typedef struct {
    segmenter *seg;
    const char *text;           /* the whole document */
    size_t len;
    rule_runner rr;
    protected_spans pairs;
    size_t pair_cursor;
    size_t lo, hi;              /* the stretch: what the model's features may read */
    const offset_list *wraps;   /* line breaks unwrapped into spaces */
    const doc_stats *stats;     /* the document's own evidence, for the model */
    int matched;                /* the rule the last decision took (-1: none, or the pairs) */
    quote_parity quotes;        /* whether a straight quote standing apart closes */
} decider;

/* Is the first character from q on that is not a space a Han ideograph? */
static int han_follows(const char *text, size_t q, size_t to)
{
    size_t i = skip_spaces(text, to, q, to);
    if (i >= to)
        return 0;
    size_t bytes;
    UChar32 c = utf8_char_at(text, to, i, &bytes);
    return c >= 0 && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
}

/* At SRX position q: inside a protected pair no break, else the first matching rule (1
 * break, 0 no break, -1 no rule matched). */
static int decide(decider *d, size_t q)
{
    d->matched = -1;
    if (d->seg->protect_pairs && pairs_protects(&d->pairs, q, &d->pair_cursor))
        return 0;
    if (d->seg->protect_pairs && pairs_introduced_quote_ends(&d->pairs, d->text, q, d->pair_cursor) &&
        han_follows(d->text, q, d->hi))
        return 1; /* 他说：“真的？！” | 我笑了。 : no attribution follows, its speaker came first */
    return rule_runner_decide(&d->rr, q, &d->matched);
}

/* Is there a wrapped line's end in [from, to)? Then *line_start is where that line starts. */
static int wrapped_between(const decider *d, size_t from, size_t to, size_t *line_start)
{
    const offset_list *w = d->wraps;
    size_t lo = 0, hi = w->n;
    while (lo < hi) { /* the first wrap at or after from */
        size_t mid = lo + (hi - lo) / 2;
        if (w->at[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= w->n || w->at[lo] >= to)
        return 0;
    *line_start = lo > 0 && w->at[lo - 1] + 1 > d->lo ? w->at[lo - 1] + 1 : d->lo;
    const char *text = d->text;
    for (size_t i = from; i > *line_start; i--) /* or the paragraph's start */
        if (text[i - 1] == '\n') {
            *line_start = i;
            break;
        }
    return 1;
}

/* The verdict at candidate q, a sentence end ICU proposed (icu) or a space after a token;
 * `next` is the first character after the spaces, `rule` what the rules said (1 break,
 * 0 not, -1 nothing), `end` where the sentence ends if it breaks (q, or after closing
 * quotes ICU left to the next one). A rule's verdict stands; where there is none the
 * learned model decides, and without one ICU's proposals break and spaces do not. An
 * observer (training) hears of every candidate. */
static int model_verdict(decider *d, size_t q, size_t end, size_t next, int icu, int rule)
{
    segmenter *seg = d->seg;
    if ((rule >= 0 || !seg->model) && !seg->observe)
        return rule >= 0 ? rule : icu;
    if (icu && rule < 0 && !boundary_icu_candidate(d->text, d->len, q, next, d->hi)) {
        if (seg->observe) { /* a plain sentence end: ICU's break stands */
            boundary_candidate c = {end, CANDIDATE_FIXED, 1, -1, NULL};
            seg->observe(d->text, &c, seg->observe_ctx);
        }
        return 1;
    }
    boundary_site site = {d->text, d->len, d->lo, d->hi, q, next, icu, 0, 0, d->stats, seg->words};
    site.wrap = wrapped_between(d, q, next, &site.line_start);
    boundary_features f;
    boundary_features_of(&site, &f);
    if (seg->observe) {
        boundary_candidate c = {end, icu ? CANDIDATE_ICU : CANDIDATE_GAP, rule, rule >= 0 ? d->matched : -1, &f};
        seg->observe(d->text, &c, seg->observe_ctx);
    }
    if (rule >= 0)
        return rule;
    return seg->model ? boundary_model_margin(seg->model, &f) > 0 : icu;
}

/* Is byte i a single space between a letter or digit and a word in lower case ("the
 * house", "дом стоит"), the commonest place and one the model's gate always refuses?
 * A few byte tests, before the gate's own (boundary_gap_candidate). */
static int word_space_lower(const uint8_t *t, size_t len, size_t i)
{
    if (t[i] != ' ' || i == 0 || i + 2 >= len)
        return 0;
    uint8_t p = t[i - 1], n = t[i + 1], n2 = t[i + 2];
    int word_before = (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z') || (p >= '0' && p <= '9') ||
                      (p >= 0x80 && p < 0xC0 && i >= 2 && (t[i - 2] == 0xD0 || t[i - 2] == 0xD1));
    int lower_after = (n >= 'a' && n <= 'z') || (n == 0xD0 && n2 >= 0xB0 && n2 <= 0xBF) ||
                      (n == 0xD1 && n2 >= 0x80 && n2 <= 0x8F);
    return word_before && lower_after;
}

/* Between ICU's breaks: the places where break rules may fire ("1. The first item 2. The
 * second") get the ordered decision, and with a model the spaces after a token that its
 * gate lets through (boundary_gap_candidate: "Thanks Sean Here you go") get the model's,
 * which a rule saying no still vetoes. Positions of [from, to) after *start; a break
 * emits the sentence so far. */
static int scan_between(decider *d, emitter *em, size_t from, size_t to, size_t *start)
{
    segmenter *seg = d->seg;
    const char *text = d->text;
    const uint8_t *t = (const uint8_t *)text;
    size_t len = d->len;
    const uint8_t *bits = seg->scan_bits[seg->no_filter != 0], *two = seg->scan_two[seg->no_filter != 0];
    uint8_t mask = (uint8_t)(SCAN_RULE | SCAN_TWO | ((seg->model || seg->observe) && seg->spaced ? SCAN_SPACE : 0));
    if (from <= *start)
        from = *start + 1;
    for (size_t i = from; i < to; i++) {
        uint8_t what = bits[t[i]] & mask;
        if (!what)
            continue; /* most characters can start no break rule's AFTER, nor a space */
        if ((what & SCAN_TWO) && i + 1 < len && (t[i + 1] & 0xC0) == 0x80 &&
            !(two[(t[i] & 0x1F) << 6 | (t[i + 1] & 0x3F)] & what)) {
            i++; /* nor most two-byte characters (a Russian letter), by their code point; */
            continue; /* their second byte starts nothing */
        }
        int rule_scan = what & SCAN_RULE, gap_scan = (what & SCAN_SPACE) && !word_space_lower(t, len, i);
        if (!rule_scan && !gap_scan)
            continue;
        size_t bytes;
        UChar32 c = utf8_char_at(text, len, i, &bytes);
        UChar32 before = i > 0 ? utf8_char_before(text, i, &bytes) : -1;
        int rule = -1, decided = 0;
        if (rule_scan &&
            rule_set_break_first(seg->rules, c) &&
            rule_set_break_may_match(seg->rules, text, len, i, before, c)) {
            rule = decide(d, i);
            decided = 1;
        }
        int brk = rule == 1;
        size_t next;
        if (gap_scan && before >= 0 && !char_is_space(before) && char_is_space(c) &&
            (next = skip_spaces(text, len, i, to)) < to &&
            boundary_gap_candidate(text, len, i, next, to)) {
            if (!decided && seg->observe) {
                rule = decide(d, i);
                decided = 1;
            }
            if (decided) /* the model where no rule matched */
                brk = model_verdict(d, i, i, next, 0, rule);
            else         /* the model first (cheaper), then a rule may still say no */
                brk = model_verdict(d, i, i, next, 0, -1) == 1 && decide(d, i) != 0;
        } else if (decided && seg->observe) {
            boundary_candidate cand = {i, CANDIDATE_FIXED, rule, d->matched, NULL};
            seg->observe(text, &cand, seg->observe_ctx);
        }
        if (brk) {
            int rc = emit_span(em, text, len, *start, i);
            if (rc < 0)
                return rc;
            *start = i;
        }
    }
    return 0;
}

/* ICU's breaks over text[from..to), a stretch that ends at a paragraph end or the end of
 * the text; the rules see the whole text[0..len). */
static int walk_breaks(segmenter *seg, char *text, size_t len, size_t from, size_t to, decider *d, emitter *em)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text + from, (int64_t)(to - from), &err);
    ubrk_setUText(seg->breaks, ut, &err);
    if (U_FAILURE(err)) {
        utext_close(ut);
        return error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    }
    int rc = 0;
    size_t start = from, scanned = from;
    for (int32_t b = ubrk_first(seg->breaks); rc == 0 && b != UBRK_DONE;) {
        b = ubrk_next(seg->breaks);
        size_t p = b == UBRK_DONE ? to : from + (size_t)b;
        if (p <= start && b != UBRK_DONE)
            continue; /* inside what a closing quote already took: "'' \r." */
        /* the SRX position: back over the whitespace ICU kept with the sentence */
        size_t q = p, k;
        int hard = 0;
        while (q > start && (k = space_before(text, q)) != 0) {
            hard |= text[q - 1] == '\n';
            q -= k;
        }
        size_t opening = q; /* where the sentence ends if opening marks trail it */
        while (opening > start && (k = opener_before(text, opening)) != 0)
            opening -= k;
        size_t q_icu = q; /* rules may also speak about ICU's own position: "[?][1]" */
        /* at the end of the stretch no sentence follows for an opening mark to belong to
         * ("Help me (", "… WENSDAY!?!?! :("): it stays, and the end always breaks, so
         * that every character of the stretch is in some sentence */
        int at_end = p >= to;
        if (opening > start && opening < q && !hard && !at_end) {
            q = opening;
            p = opening;
        }
        if ((seg->nbreak || seg->model || seg->observe) && q > scanned) /* breaks ICU did not propose */
            rc = scan_between(d, em, scanned, q, &start);
        if (q + 1 > scanned) /* q itself is ICU's: decided below, never again as a space */
            scanned = q + 1;
        int verdict = at_end || hard ? 1 : decide(d, q);
        if (verdict < 0 && q_icu != q)
            verdict = decide(d, q_icu);
        size_t next = skip_spaces(text, len, q, to);
        if (!at_end && !hard && q > start && opening == q_icu) { /* quotes ICU left to the next sentence */
            p = closing_quotes_after(text, p, to, p == q);
            size_t closing = p < to ? detached_quote_closes(&d->quotes, text, len, p, to) : 0;
            if (closing) { /* "phrase. ' And": the quotation the ' closes was open */
                p += closing;
                next = skip_spaces(text, len, p, to);
                if (continues_sentence(text, next, to))
                    verdict = 0; /* the quotation was inside one: "'' Slanged ! '' , and the" */
            }
            if (p + 1 > scanned) /* the space after them is this same end, decided here */
                scanned = p + 1;
        }
        if (!at_end && !hard && q > start) {
            verdict = model_verdict(d, q, p, next, 1, verdict);
        } else if ((at_end || hard) && seg->observe) {
            boundary_candidate cand = {q, CANDIDATE_HARD, 1, -1, NULL};
            seg->observe(text, &cand, seg->observe_ctx);
        }
        if (rc == 0 && verdict != 0) {
            rc = emit_span(em, text, len, start, p);
            start = p;
        }
        if (b == UBRK_DONE)
            break;
    }
    utext_close(ut);
    return rc;
}

/* Segment text[from..to) (a stretch between paragraph ends) into em. */
int run_stretch(segmenter *seg, char *text, size_t len, size_t from, size_t to, const doc_stats *stats,
                       emitter *em)
{
    decider d = {seg, text, len, {0}, {0}, 0, from, to, em->wraps, stats, -1, {from, 0}};
    rule_runner_init(&d.rr, seg->rules, text, len, to - from);
    int rc = 0;
    if (seg->protect_pairs && (rc = pairs_find(text + from, to - from, &d.pairs)) == 0)
        for (size_t k = 0; k < d.pairs.n; k++) {
            d.pairs.v[k].start += from;
            d.pairs.v[k].end += from;
        }
    while (em->next_wrap < em->wraps->n && em->wraps->at[em->next_wrap] < from)
        em->next_wrap++;
    if (rc == 0)
        rc = walk_breaks(seg, text, len, from, to, &d, em);
    if (rc == 0 && d.rr.failed)
        rc = d.rr.failed; /* a user's rule ran past its budget */
    rule_runner_free(&d.rr);
    pairs_free(&d.pairs);
    return rc;
}
