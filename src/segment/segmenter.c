/* segmenter.c — ICU sentence breaks, decided by SRX rules.
 *
 * The document is one UTF-8 UText shared by the BreakIterator and every rule regex, so
 * all indices are byte offsets into the caller's buffer and nothing is converted to
 * UTF-16. For each ICU break we step back over trailing whitespace to the SRX position
 * (right after the punctuation), then ask the rules in order. A rule is compiled as
 * `(?<=BEFORE)(?:AFTER)` and tried with lookingAt at the position: one anchored attempt,
 * not a scan. ICU refuses unbounded look-behind (e.g. `\w+`), so such a rule falls back to
 * searching BEFORE`$` in a window before the position.
 *
 * break="yes" rules may fire where ICU saw no break ("…3 p.m. The next…" with a custom
 * file); one alternation of their patterns scans the text for such places, and the same
 * ordered decision applies there. Breaks at a paragraph end are never vetoed. */
#include "segmenter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"

/* the built-in rules, embedded from src/segment/rules.srx at build time */
extern const char builtin_rules_srx[];
extern const size_t builtin_rules_srx_len;

enum { LOOKBEHIND_WINDOW = 256 }; /* bytes searched for an unbounded BEFORE */

/* Consecutive rules are tried as one regex, (?:(?<=B1)(?:A1)())|(?:(?<=B2)(?:A2)())|…:
 * ICU tries alternatives in order, so the first rule that matches wins exactly as SRX
 * says, and the empty "marker" group at the end of each alternative tells which one it
 * was. One lookingAt per position instead of one per rule. */
typedef struct {
    URegularExpression *whole;  /* the alternation, or a single rule's (?<=B)(?:A) */
    URegularExpression *before; /* unbounded rule: (?:B)$ searched in a window … */
    URegularExpression *after;  /* … then A at the position */
    size_t first, count;        /* the rules this unit covers */
    int32_t *markers;           /* marker group of each covered rule (count > 1) */
} rule_unit;

struct segmenter {
    char lang[LANG_TAG_MAX];
    UBreakIterator *breaks;
    rule_unit *units;
    size_t nunits;
    char *do_break;               /* per rule: 1 break, 0 no break */
    size_t nrules;
    URegularExpression *proposer; /* alternation of break="yes" rules, or NULL */
    srx *builtin;                 /* owned when the built-in rules are used */
};

static URegularExpression *compile(const char *pattern, const srx *from, int line, int *unbounded)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, pattern, -1, &err);
    err = U_ZERO_ERROR;
    UChar *u = malloc(sizeof(UChar) * (size_t)(ulen + 1));
    if (!u) {
        error_set(ERR_IO, _("out of memory"));
        return NULL;
    }
    u_strFromUTF8(u, ulen + 1, NULL, pattern, -1, &err);
    UParseError pe;
    URegularExpression *re = uregex_open(u, ulen, 0, &pe, &err);
    free(u);
    if (unbounded)
        *unbounded = err == U_REGEX_LOOK_BEHIND_LIMIT;
    if (U_FAILURE(err)) {
        if (!(unbounded && *unbounded))
            error_set(ERR_DATA, _("%s:%d: invalid rule regex \"%s\": %s"), srx_name(from), line, pattern,
                      u_errorName(err));
        return NULL;
    }
    return re;
}

/* A growable string for building patterns. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} pattern_buf;

static void pat_add(pattern_buf *b, const char *part)
{
    size_t n = strlen(part);
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *bigger = realloc(b->s, cap);
        if (!bigger) {
            b->failed = 1;
            return;
        }
        b->s = bigger;
        b->cap = cap;
    }
    memcpy(b->s + b->len, part, n + 1);
    b->len += n;
}

/* "(?:(?<=B)(?:A)" — without the closing, so callers can add a marker */
static void pat_add_rule(pattern_buf *b, const srx_rule *r)
{
    pat_add(b, "(?:(?<=");
    pat_add(b, r->before);
    pat_add(b, ")(?:");
    pat_add(b, r->after);
    pat_add(b, ")");
}

/* Back-references would be renumbered by merging: such a rule stays on its own. */
static int has_backreference(const char *p)
{
    for (; *p; p++)
        if (*p == '\\' && p[1] && ((p[1] >= '1' && p[1] <= '9') || p[1] == 'k'))
            return 1;
    return 0;
}

static int add_unit(segmenter *seg, rule_unit u)
{
    rule_unit *v = realloc(seg->units, (seg->nunits + 1) * sizeof *v);
    if (!v)
        return error_set(ERR_IO, _("out of memory"));
    seg->units = v;
    seg->units[seg->nunits++] = u;
    return 0;
}

/* Merge rules[first..first+count) (all bounded) into one unit. */
static int flush_group(segmenter *seg, const srx *from, const srx_rule **rules, size_t first, size_t count,
                       const int32_t *groups)
{
    if (count == 0)
        return 0;
    rule_unit u = {0};
    u.first = first;
    u.count = count;
    pattern_buf b = {0};
    u.markers = malloc(count * sizeof *u.markers);
    if (!u.markers)
        return error_set(ERR_IO, _("out of memory"));
    int32_t group = 0;
    for (size_t i = 0; i < count; i++) {
        if (i)
            pat_add(&b, "|");
        pat_add_rule(&b, rules[first + i]);
        pat_add(&b, "())");
        group += groups[i] + 1;
        u.markers[i] = group;
    }
    if (b.failed) {
        free(b.s);
        free(u.markers);
        return error_set(ERR_IO, _("out of memory"));
    }
    u.whole = compile(b.s, from, rules[first]->line, NULL);
    free(b.s);
    if (!u.whole) {
        free(u.markers);
        return -ERR_DATA;
    }
    return add_unit(seg, u);
}

static int compile_rules(segmenter *seg, const srx *from, const srx_rule **rules, size_t n)
{
    seg->do_break = malloc(n + 1);
    int32_t *groups = malloc((n + 1) * sizeof *groups);
    if (!seg->do_break || !groups) {
        free(groups);
        return error_set(ERR_IO, _("out of memory"));
    }
    seg->nrules = n;
    size_t pending = 0; /* first rule of the group being collected */
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        seg->do_break[i] = (char)rules[i]->do_break;
        pattern_buf b = {0};
        pat_add_rule(&b, rules[i]);
        pat_add(&b, ")");
        if (b.failed) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        int unbounded = 0;
        URegularExpression *alone = compile(b.s, from, rules[i]->line, &unbounded);
        free(b.s);
        if (alone && !has_backreference(rules[i]->before) && !has_backreference(rules[i]->after)) {
            UErrorCode err = U_ZERO_ERROR;
            groups[i - pending] = uregex_groupCount(alone, &err);
            uregex_close(alone);
            continue; /* joins the current group */
        }
        if (!alone && !unbounded) {
            rc = -ERR_DATA;
            break;
        }
        rc = flush_group(seg, from, rules, pending, i - pending, groups);
        pending = i + 1;
        rule_unit u = {.whole = alone, .first = i, .count = 1};
        if (!alone) { /* unbounded look-behind: window search */
            pattern_buf wb = {0};
            pat_add(&wb, "(?:");
            pat_add(&wb, rules[i]->before);
            pat_add(&wb, ")$");
            u.before = wb.failed ? NULL : compile(wb.s, from, rules[i]->line, NULL);
            free(wb.s);
            u.after = u.before ? compile(rules[i]->after, from, rules[i]->line, NULL) : NULL;
            if (!u.after) {
                if (u.before)
                    uregex_close(u.before);
                rc = rc < 0 ? rc : -ERR_DATA;
                break;
            }
        }
        if (rc == 0)
            rc = add_unit(seg, u);
    }
    if (rc == 0)
        rc = flush_group(seg, from, rules, pending, n - pending, groups);
    free(groups);
    return rc;
}

/* One regex proposing every position where some break="yes" rule matches. */
static int compile_proposer(segmenter *seg, const srx *from, const srx_rule **rules, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        if (rules[i]->do_break)
            len += strlen(rules[i]->before) + strlen(rules[i]->after) + 16;
    if (len == 1)
        return 0;
    char *alt = malloc(len);
    if (!alt)
        return error_set(ERR_IO, _("out of memory"));
    alt[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!rules[i]->do_break)
            continue;
        if (alt[0])
            strcat(alt, "|");
        strcat(alt, "(?:");
        strcat(alt, rules[i]->before);
        strcat(alt, ")(?=");
        strcat(alt, rules[i]->after);
        strcat(alt, ")");
    }
    seg->proposer = compile(alt, from, 0, NULL);
    free(alt);
    return seg->proposer ? 0 : -ERR_DATA;
}

int segmenter_new(const char *lang, const srx *rules, segmenter **out)
{
    *out = NULL;
    segmenter *seg = calloc(1, sizeof *seg);
    if (!seg)
        return error_set(ERR_IO, _("out of memory"));
    snprintf(seg->lang, sizeof seg->lang, "%s", lang);
    int rc = 0;
    if (!rules) {
        rc = srx_parse(builtin_rules_srx, builtin_rules_srx_len, "rules.srx (built-in)", &seg->builtin);
        rules = seg->builtin;
    }
    const srx_rule **list = NULL;
    int n = rc < 0 ? rc : srx_rules_for(rules, lang, &list);
    if (n < 0) {
        segmenter_free(seg);
        return n;
    }
    rc = compile_rules(seg, rules, list, (size_t)n);
    if (rc == 0)
        rc = compile_proposer(seg, rules, list, (size_t)n);
    free(list);
    if (rc == 0) {
        char locale[LANG_TAG_MAX];
        UErrorCode err = U_ZERO_ERROR;
        lang_to_locale(lang, locale);
        seg->breaks = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &err);
        if (U_FAILURE(err))
            rc = error_set(ERR_SOFTWARE, _("ICU cannot break sentences for %s: %s"), lang, u_errorName(err));
    }
    if (rc < 0) {
        segmenter_free(seg);
        return rc;
    }
    *out = seg;
    return 0;
}

size_t segmenter_rule_count(const segmenter *seg)
{
    return seg->nrules;
}

void segmenter_free(segmenter *seg)
{
    if (!seg)
        return;
    for (size_t i = 0; i < seg->nunits; i++) {
        rule_unit *u = &seg->units[i];
        URegularExpression *res[3] = {u->whole, u->before, u->after};
        for (int k = 0; k < 3; k++)
            if (res[k])
                uregex_close(res[k]);
        free(u->markers);
    }
    free(seg->units);
    free(seg->do_break);
    if (seg->proposer)
        uregex_close(seg->proposer);
    if (seg->breaks)
        ubrk_close(seg->breaks);
    srx_free(seg->builtin);
    free(seg);
}

/* ---- text helpers ---- */

/* Length of an opening quote or bracket (Unicode Pi or Ps) ending at text[i], or 0.
 * UAX #29 counts every quote as Close, so "。“Next" would keep “ with the sentence
 * before; an opening mark always belongs to the sentence after. */
static size_t opener_before(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    int32_t k = (int32_t)i;
    UChar32 c;
    U8_PREV((const uint8_t *)t, 0, k, c);
    int8_t type = c < 0 ? 0 : u_charType(c);
    return type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ? i - (size_t)k : 0;
}

/* Length of the whitespace character ending at text[i] (exclusive end), or 0. */
static size_t space_before(const char *t, size_t i)
{
    if (i >= 1 && (t[i - 1] == ' ' || (t[i - 1] >= '\t' && t[i - 1] <= '\r')))
        return 1;
    if (i >= 2 && (unsigned char)t[i - 2] == 0xC2 && (unsigned char)t[i - 1] == 0xA0)
        return 2; /* U+00A0 */
    if (i >= 3 && (unsigned char)t[i - 3] == 0xE3 && (unsigned char)t[i - 2] == 0x80 &&
        (unsigned char)t[i - 1] == 0x80)
        return 3; /* U+3000 ideographic space */
    return 0;
}

static size_t space_after(const char *t, size_t i, size_t len)
{
    if (i < len && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
        return 1;
    if (i + 1 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (i + 2 < len && (unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
        (unsigned char)t[i + 2] == 0x80)
        return 3;
    return 0;
}

static int is_blank_line(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!(t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v'))
            return 0;
    return 1;
}

/* Newlines joining two non-blank lines become spaces: wrapped text is one paragraph.
 * The positions are kept so that a sentence can say it was wrapped. */
typedef struct {
    size_t *at;
    size_t n, cap;
} wrap_list;

static int unwrap_lines(char *t, size_t len, wrap_list *wraps)
{
    size_t line = 0;
    int prev_nonblank = 0;
    size_t prev_newline = 0;
    while (line <= len) {
        char *nl = memchr(t + line, '\n', len - line);
        size_t end = nl ? (size_t)(nl - t) : len;
        int nonblank = !is_blank_line(t, line, end);
        if (nonblank && prev_nonblank) {
            t[prev_newline] = ' ';
            if (prev_newline > 0 && t[prev_newline - 1] == '\r')
                t[prev_newline - 1] = ' ';
            if (wraps->n == wraps->cap) {
                size_t cap = wraps->cap ? wraps->cap * 2 : 64;
                size_t *v = realloc(wraps->at, cap * sizeof *v);
                if (!v)
                    return error_set(ERR_IO, _("out of memory"));
                wraps->at = v;
                wraps->cap = cap;
            }
            wraps->at[wraps->n++] = prev_newline;
        }
        prev_nonblank = nonblank;
        prev_newline = end;
        if (!nl)
            break;
        line = end + 1;
    }
    return 0;
}

/* ---- decisions ---- */

typedef struct {
    segmenter *seg;
    const char *text;
    size_t len;
} run_state;

/* First matching rule at SRX position q: 1 break, 0 no break, -1 no rule matched. */
static int decide(run_state *st, size_t q)
{
    for (size_t i = 0; i < st->seg->nunits; i++) {
        rule_unit *u = &st->seg->units[i];
        UErrorCode err = U_ZERO_ERROR;
        UBool hit;
        if (u->whole) {
            uregex_setRegion64(u->whole, (int64_t)q, (int64_t)st->len, &err);
            hit = uregex_lookingAt64(u->whole, -1, &err);
        } else {
            int64_t from = q > LOOKBEHIND_WINDOW ? (int64_t)(q - LOOKBEHIND_WINDOW) : 0;
            uregex_setRegion64(u->before, from, (int64_t)q, &err);
            hit = uregex_find64(u->before, -1, &err);
            if (hit) {
                uregex_setRegion64(u->after, (int64_t)q, (int64_t)st->len, &err);
                hit = uregex_lookingAt64(u->after, -1, &err);
            }
        }
        if (U_FAILURE(err) || !hit)
            continue;
        if (u->count == 1)
            return st->seg->do_break[u->first];
        for (size_t k = 0; k < u->count; k++)
            if (uregex_start64(u->whole, u->markers[k], &err) >= 0)
                return st->seg->do_break[u->first + k];
    }
    return -1;
}

static int attach_text(segmenter *seg, UText *ut, UErrorCode *err)
{
    ubrk_setUText(seg->breaks, ut, err);
    for (size_t i = 0; i < seg->nunits && U_SUCCESS(*err); i++) {
        URegularExpression *res[3] = {seg->units[i].whole, seg->units[i].before, seg->units[i].after};
        for (int k = 0; k < 3; k++) {
            if (!res[k])
                continue;
            uregex_setUText(res[k], ut, err);
            uregex_useTransparentBounds(res[k], true, err);
        }
    }
    if (seg->proposer && U_SUCCESS(*err))
        uregex_setUText(seg->proposer, ut, err);
    return U_SUCCESS(*err) ? 0 : error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(*err));
}

/* Trim [from, to) and emit it as a sentence, tracking paragraphs through the gap since
 * the previous sentence: two or more newlines in it mean a blank line. */
typedef struct {
    sentence_fn emit;
    void *ctx;
    size_t prev_end, para, index;
    int any;
    const wrap_list *wraps;
    size_t next_wrap;       /* first wrap position not yet passed */
} emitter;

static int emit_span(emitter *em, const char *t, size_t len, size_t from, size_t to)
{
    size_t k;
    while (from < to && (k = space_after(t, from, len)) != 0)
        from += k;
    while (to > from && (k = space_before(t, to)) != 0)
        to -= k;
    if (from >= to)
        return 0;
    if (em->any) {
        int newlines = 0;
        for (size_t i = em->prev_end; i < from && newlines < 2; i++)
            newlines += t[i] == '\n';
        em->para += newlines >= 2;
    }
    sentence_span s = {from, to, em->para, em->index++, 0};
    while (em->next_wrap < em->wraps->n && em->wraps->at[em->next_wrap] < to)
        s.wraps += em->wraps->at[em->next_wrap++] >= from;
    em->any = 1;
    em->prev_end = to;
    return em->emit(t, &s, em->ctx);
}

int segmenter_run(segmenter *seg, char *text, size_t len, int newline_breaks, sentence_fn emit, void *ctx)
{
    if (len == 0)
        return 0;
    wrap_list wraps = {0};
    if (!newline_breaks && unwrap_lines(text, len, &wraps) < 0) {
        free(wraps.at);
        return -ERR_IO;
    }
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    if (U_FAILURE(err)) {
        free(wraps.at);
        return error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    }
    int rc = attach_text(seg, ut, &err);
    run_state st = {seg, text, len};
    emitter em = {emit, ctx, 0, 0, 0, 0, &wraps, 0};
    size_t start = 0;
    int64_t proposal = -1; /* next break="yes" match position, or -1 */
    if (rc == 0 && seg->proposer && uregex_find64(seg->proposer, 0, &err))
        proposal = uregex_end64(seg->proposer, 0, &err);
    for (int32_t b = ubrk_first(seg->breaks); rc == 0 && b != UBRK_DONE;) {
        b = ubrk_next(seg->breaks);
        size_t p = b == UBRK_DONE ? len : (size_t)b;
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
        if (opening > start && opening < q && !hard) {
            q = opening;
            p = opening;
        }
        /* rule-proposed breaks that come before this ICU break */
        while (proposal >= 0 && (size_t)proposal < q && rc == 0) {
            if ((size_t)proposal > start && decide(&st, (size_t)proposal) == 1) {
                rc = emit_span(&em, text, len, start, (size_t)proposal);
                start = (size_t)proposal;
            }
            proposal = uregex_findNext(seg->proposer, &err) ? uregex_end64(seg->proposer, 0, &err) : -1;
        }
        if (rc != 0)
            break;
        if (p >= len || hard || decide(&st, q) != 0) {
            rc = emit_span(&em, text, len, start, p);
            start = p;
        }
        if (b == UBRK_DONE)
            break;
    }
    utext_close(ut);
    free(wraps.at);
    return rc;
}

int sentence_list_push(const char *text, const sentence_span *s, void *list)
{
    (void)text;
    sentence_list *l = list;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        sentence_span *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return error_set(ERR_IO, _("out of memory"));
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *s;
    return 0;
}

void sentence_list_free(sentence_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}
