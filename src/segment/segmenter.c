/* segmenter.c — ICU sentence breaks, decided by SRX rules.
 *
 * ICU's BreakIterator walks the document through a UTF-8 UText, so break positions are
 * byte offsets into the caller's buffer. At each break we step back over trailing
 * whitespace (and opening quotes, which belong to the next sentence) to the SRX position,
 * right after the punctuation, and decide:
 *   1. a paragraph end always breaks;
 *   2. inside a matched pair of quotes or brackets (pairs.h) never;
 *   3. otherwise the ordered rules, first match wins; none matching keeps ICU's break.
 * A rule is tried as AFTER with an anchored lookingAt at the position, then BEFORE written
 * backwards (rule_filter.h) with an anchored lookingAt over the reversed text: two single
 * attempts, where ICU's own look-behind would try every start position. Patterns that
 * cannot be reversed run as `(?=AFTER)(?<=BEFORE)`, and when ICU refuses an unbounded
 * look-behind (`\w+`), BEFORE`$` is searched in a window before the position. The
 * regexes run on a UTF-16 window (window.h), where ICU's regex engine is several times
 * faster, and only when they must: a rule is skipped outright when the characters around
 * the position cannot end BEFORE or start AFTER (rule_index.h), or when its automata
 * (rule_automaton.h) find no match; an automaton that models its pattern exactly decides
 * without the regex.
 *
 * break="yes" rules may also fire where ICU saw no break ("1. The first item 2. The
 * second"); between ICU's breaks a scan tries them wherever their sets and automata
 * allow, and the same ordered decision applies at those places. Large texts are cut at
 * paragraph ends and run on several threads (segmenter_set_jobs). */
#include "segmenter.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "boundary_model.h"
#include "doc_stats.h"
#include "pairs.h"
#include "tokens.h"
#include "rule_automaton.h"
#include "rule_filter.h"
#include "rule_index.h"
#include "window.h"

/* the built-in rules, embedded from src/segment/rules.srx at build time */
extern const char builtin_rules_srx[];
extern const size_t builtin_rules_srx_len;

enum {
    LOOKBEHIND_WINDOW = 256,    /* UTF-16 units searched for an unbounded BEFORE */
    CONTEXT_BEFORE = 4096,      /* bytes of text kept before a position in the window */
    CONTEXT_AFTER = 8192,       /* … and after it */
    WINDOW_CHUNK = 1 << 18      /* bytes converted per window refill */
};

typedef struct {
    URegularExpression *ahead;  /* A, run forward from the position (NULL: A is empty) */
    URegularExpression *back;   /* B written backwards, run over the reversed window */
    URegularExpression *whole;  /* (?=A)(?<=B) when B cannot be reversed */
    URegularExpression *before; /* (?:B)$ for the window search, when whole is NULL */
    URegularExpression *after;  /* A, when whole is NULL */
    USet *last;                 /* characters that can end B (NULL: any) */
    USet *first;                /* characters that can start A (NULL: any) */
    int last_exact, first_exact; /* the set test is the whole of B / of A */
    rule_automaton *after_auto;  /* A read forwards from the position (NULL: rules nothing out) */
    rule_automaton *before_auto; /* B read backwards from it */
    int after_empty, before_empty; /* an empty side matches anywhere */
    USet *word;                 /* the first non-space character A can hold (NULL: any) */
    int do_break;
    uint8_t last_ascii[16], first_ascii[16]; /* the sets' ASCII part, as bits */
} compiled_rule;

struct segmenter {
    char lang[LANG_TAG_MAX];
    UBreakIterator *breaks;
    compiled_rule *rules;
    size_t nrules;
    USet *break_firsts;           /* characters that can start their AFTER (NULL: any) */
    uint64_t *break_firsts_bmp;   /* … the BMP part of it as bits */
    uint8_t scan_byte[256];       /* a byte of the text that can start such a character */
    uint8_t scan_bits[2][256];    /* per byte, [filtering off]: SCAN_RULE where a break rule's
                                     AFTER may start (none without break rules), SCAN_SPACE
                                     where a White_Space character may */
    compiled_rule **break_rules;  /* the break="yes" rules, in order */
    size_t nbreak;
    const USet **edge_sets;       /* per rule its last, first and word-after-space sets; then the
                                     same for the break rules (what the indexes read) */
    rule_index *all_index;        /* which rules the characters around a position allow */
    rule_index *break_index;      /* … of the break rules */
    int protect_pairs;            /* quotes and brackets protect (built-in rules) */
    int no_filter;                /* evaluate every rule (tests compare with and without) */
    srx *builtin;                 /* owned when the built-in rules are used */
    const srx *source;            /* the caller's rules (NULL: built-in), for copies */
    int jobs;                     /* threads for large texts */
    boundary_model *own_model;    /* the built-in model of the language (NULL: none) */
    word_lists *words;            /* what the model knows of the language's words */
    int spaced;                   /* words are written apart: a space may end a sentence
                                     unmarked (not so in Chinese, where one seldom does) */
    const boundary_model *model;  /* the model in force (NULL: ICU and the rules alone) */
    boundary_observer observe;    /* training: told of every candidate */
    void *observe_ctx;
};

/* The ASCII members of a set as 128 bits: most tests are of ASCII characters (full
 * stops, spaces, capitals), and a bit test is far cheaper than a set lookup. */
static void ascii_bits(const USet *set, uint8_t bits[16])
{
    memset(bits, 0, 16);
    for (UChar32 c = 0; set && c < 128; c++)
        if (uset_contains(set, c))
            bits[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int set_has(const USet *set, const uint8_t bits[16], UChar32 c)
{
    return c >= 0 && c < 128 ? bits[c >> 3] >> (c & 7) & 1 : uset_contains(set, c);
}

/* The pattern compiled, or NULL with *failure set: -ERR_NOMEM, or -ERR_DATA for a pattern
 * ICU refuses (*unbounded: only because its look-behind is unbounded, no message then). */
static URegularExpression *compile(const char *pattern, const srx *from, int line, int *unbounded, int *failure)
{
    if (!*pattern)
        pattern = "(?:)"; /* an empty side matches anywhere; ICU refuses an empty pattern */
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, pattern, -1, &err);
    err = U_ZERO_ERROR;
    UChar *u = malloc(sizeof(UChar) * (size_t)(ulen + 1));
    if (!u) {
        *failure = error_nomem();
        return NULL;
    }
    u_strFromUTF8(u, ulen + 1, NULL, pattern, -1, &err);
    UParseError pe;
    URegularExpression *re = uregex_open(u, ulen, 0, &pe, &err);
    free(u);
    if (unbounded)
        *unbounded = err == U_REGEX_LOOK_BEHIND_LIMIT;
    if (U_FAILURE(err)) {
        *failure = err == U_MEMORY_ALLOCATION_ERROR ? error_nomem() : -ERR_DATA;
        if (err != U_MEMORY_ALLOCATION_ERROR && !(unbounded && *unbounded))
            error_set(ERR_DATA, _("%s:%d: invalid rule regex \"%s\": %s"), srx_name(from), line, pattern,
                      u_errorName(err));
        return NULL;
    }
    return re;
}

static char *join(const char *a, const char *b, const char *c, const char *d, const char *e)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + strlen(e) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s%s%s", a, b, c, d, e);
    return s;
}

static int compile_rule(const srx *from, const srx_rule *r, compiled_rule *out)
{
    out->do_break = r->do_break;
    out->last = rule_last_chars(r->before, &out->last_exact);
    out->first = rule_first_chars(r->after, &out->first_exact);
    out->after_empty = !*r->after;
    out->before_empty = !*r->before;
    out->word = rule_first_chars_after_space(r->after);
    out->after_auto = rule_automaton_new(r->after, +1);
    out->before_auto = rule_automaton_new(r->before, -1);
    ascii_bits(out->last, out->last_ascii);
    ascii_bits(out->first, out->first_ascii);
    /* best: AFTER forward, then BEFORE backwards over reversed text, both anchored */
    char *rev = *r->before ? rule_reverse(r->before) : NULL;
    int failure = 0;
    if (rev || !*r->before) {
        if (*r->after && !(out->ahead = compile(r->after, from, r->line, NULL, &failure))) {
            free(rev);
            return failure;
        }
        if (rev) {
            /* a look-ahead in BEFORE becomes a look-behind ICU may refuse: then the
             * rule runs unreversed below */
            int refused = 0;
            out->back = compile(rev, from, r->line, &refused, &failure);
            free(rev);
            if (out->back || failure == -ERR_NOMEM)
                return out->back ? 0 : failure;
            if (out->ahead) {
                uregex_close(out->ahead);
                out->ahead = NULL;
            }
        } else {
            return 0;
        }
    }
    /* else ICU's look-behind, AFTER first: it usually fails at once */
    char *whole = join("(?=(?:", r->after, "))(?<=", r->before, ")");
    if (!whole)
        return error_nomem();
    int unbounded = 0;
    out->whole = compile(whole, from, r->line, &unbounded, &failure);
    free(whole);
    if (out->whole)
        return 0;
    if (!unbounded)
        return failure;
    char *before = join("(?:", r->before, ")$", "", "");
    if (!before)
        return error_nomem();
    out->before = compile(before, from, r->line, NULL, &failure);
    free(before);
    out->after = out->before ? compile(r->after, from, r->line, NULL, &failure) : NULL;
    return out->after ? 0 : failure;
}

/* What the scan for rule-made breaks tests at every character: the break="yes" rules,
 * the rule indexes of all rules and of those (rule_index.h), and the bytes that can start
 * a character the break rules' first-character sets hold. */
static int index_break_rules(segmenter *seg)
{
    USet *u = NULL;
    int any_first = 0;
    if (!(seg->break_rules = calloc(seg->nrules + 1, sizeof *seg->break_rules)))
        return error_nomem();
    for (size_t i = 0; i < seg->nrules; i++) {
        compiled_rule *r = &seg->rules[i];
        if (!r->do_break)
            continue;
        seg->break_rules[seg->nbreak++] = r;
        any_first |= !r->first;
        if (!any_first && !u && !(u = uset_openEmpty()))
            return error_nomem();
        if (!any_first)
            uset_addAll(u, r->first);
    }
    size_t n = seg->nrules, nb = seg->nbreak;
    const USet **sets = seg->edge_sets = calloc(3 * (n + nb) + 1, sizeof *sets);
    if (!sets)
        return error_nomem();
    for (size_t i = 0; i < n; i++) {
        sets[i] = seg->rules[i].last;
        sets[n + i] = seg->rules[i].first;
        sets[2 * n + i] = seg->rules[i].word;
    }
    const USet **bsets = sets + 3 * n;
    for (size_t k = 0; k < nb; k++) {
        bsets[k] = seg->break_rules[k]->last;
        bsets[nb + k] = seg->break_rules[k]->first;
        bsets[2 * nb + k] = seg->break_rules[k]->word;
    }
    if (!(seg->all_index = rule_index_new(sets, sets + n, sets + 2 * n, n)) ||
        !(seg->break_index = rule_index_new(bsets, bsets + nb, bsets + 2 * nb, nb)))
        return error_nomem();
    for (int b = 0; b < 256; b++) /* every character start; narrowed below */
        seg->scan_byte[b] = b < 0x80 || b >= 0xC0;
    if (any_first || !u) {
        if (u)
            uset_close(u);
        return 0;
    }
    for (UChar32 c = 0; c < 128; c++)
        seg->scan_byte[c] = (uint8_t)uset_contains(u, c);
    /* a lead byte stays only if a character it can start is in the set: Chinese text
     * (E4-E9: U+4000-U+9FFF) then skips the scan */
    USet *block = uset_openEmpty();
    if (!block) {
        uset_close(u);
        return error_nomem();
    }
    for (int b = 0xC2; b <= 0xEF; b++) {
        UChar32 lo = b < 0xE0 ? (b & 0x1F) << 6 : (b & 0x0F) << 12, span = b < 0xE0 ? 64 : 4096;
        uset_clear(block);
        uset_addRange(block, lo, lo + span - 1);
        seg->scan_byte[b] = (uint8_t)uset_containsSome(u, block);
    }
    uset_close(block);
    uset_freeze(u);
    seg->break_firsts = u;
    if (!(seg->break_firsts_bmp = calloc(0x10000 / 64, sizeof *seg->break_firsts_bmp)))
        return error_nomem();
    UErrorCode err = U_ZERO_ERROR;
    for (int32_t k = 0; k < uset_getItemCount(u); k++) {
        UChar32 lo, hi;
        if (uset_getItem(u, k, &lo, &hi, NULL, 0, &err) != 0)
            continue; /* strings: never a single character */
        for (UChar32 c = lo; c <= hi && c < 0x10000; c++)
            seg->break_firsts_bmp[c / 64] |= 1ull << (c % 64);
    }
    return 0;
}

enum { SCAN_RULE = 1, SCAN_SPACE = 2 };

/* bytes that can start a White_Space character (U+0085, U+00A0, U+1680, U+2000-U+205F,
 * U+3000 begin with C2, E1, E2, E3) */
static int may_start_space(int b)
{
    return b == ' ' || (b >= '\t' && b <= '\r') || b == 0xC2 || (b >= 0xE1 && b <= 0xE3);
}

/* What the scan between ICU's breaks tests at each byte, in one table lookup. */
static void fill_scan_bits(segmenter *seg)
{
    for (int b = 0; b < 256; b++) {
        int start = b < 0x80 || b >= 0xC0, space = may_start_space(b) ? SCAN_SPACE : 0;
        seg->scan_bits[0][b] = (uint8_t)((seg->nbreak && seg->scan_byte[b] ? SCAN_RULE : 0) | space);
        seg->scan_bits[1][b] = (uint8_t)((seg->nbreak && start ? SCAN_RULE : 0) | space);
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
    const srx_rule **list = NULL;
    int n = rc < 0 ? rc : srx_rules_for(rules, lang, &list);
    if (n < 0) {
        segmenter_free(seg);
        return n;
    }
    seg->rules = calloc((size_t)n + 1, sizeof *seg->rules);
    if (!seg->rules)
        rc = error_nomem();
    for (int i = 0; rc == 0 && i < n; i++, seg->nrules++)
        rc = compile_rule(rules, list[i], &seg->rules[i]);
    if (rc == 0)
        rc = index_break_rules(seg);
    if (rc == 0)
        fill_scan_bits(seg);
    free(list);
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
    return seg->nrules;
}

void segmenter_set_filtering(segmenter *seg, int on)
{
    seg->no_filter = !on;
}

void segmenter_free(segmenter *seg)
{
    if (!seg)
        return;
    for (size_t i = 0; i < seg->nrules; i++) {
        compiled_rule *r = &seg->rules[i];
        URegularExpression *res[5] = {r->whole, r->before, r->after, r->ahead, r->back};
        for (int k = 0; k < 5; k++)
            if (res[k])
                uregex_close(res[k]);
        if (r->last)
            uset_close(r->last);
        if (r->first)
            uset_close(r->first);
        if (r->word)
            uset_close(r->word);
        rule_automaton_free(r->after_auto);
        rule_automaton_free(r->before_auto);
    }
    free(seg->rules);
    if (seg->break_firsts)
        uset_close(seg->break_firsts);
    free(seg->break_firsts_bmp);
    free(seg->break_rules);
    free(seg->edge_sets);
    rule_index_free(seg->all_index);
    rule_index_free(seg->break_index);
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

/* ---- text helpers ---- */

/* Length of an opening quote or bracket (Unicode Pi or Ps) ending at text[i], or 0.
 * UAX #29 counts every quote as Close, so "。“Next" would keep “ with the sentence
 * before; an opening mark always belongs to the sentence after. */
static size_t opener_before(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    size_t bytes;
    UChar32 c = utf8_char_before(t, i, &bytes);
    int8_t type = c < 0 ? 0 : u_charType(c);
    return type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ? bytes : 0;
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
} offset_list;

static int offsets_add(offset_list *l, size_t v)
{
    int rc = vec_reserve(&l->at, &l->cap, l->n + 1, sizeof *l->at);
    if (rc == 0)
        l->at[l->n++] = v;
    return rc;
}

static int unwrap_lines(char *t, size_t len, offset_list *wraps)
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
            if (offsets_add(wraps, prev_newline) < 0)
                return error_nomem();
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

/* Rules run on a UTF-16 window of the document. */
typedef struct {
    segmenter *seg;
    utf16_window w;
    unsigned generation;    /* window generation the rules were given */
} rule_runner;

/* Make sure the window holds byte positions q..until with their context, and the rules
 * see it. */
static int runner_cover(rule_runner *rr, size_t q, size_t until, size_t chunk)
{
    size_t from = q > CONTEXT_BEFORE ? q - CONTEXT_BEFORE : 0;
    int rc = window_cover(&rr->w, from, until + CONTEXT_AFTER, chunk);
    if (rc < 0 || rr->generation == rr->w.generation)
        return rc;
    UErrorCode err = U_ZERO_ERROR;
    for (size_t i = 0; i < rr->seg->nrules; i++) {
        compiled_rule *r = &rr->seg->rules[i];
        URegularExpression *res[5] = {r->whole, r->before, r->after, r->ahead, r->back};
        for (int k = 0; k < 5; k++) {
            if (!res[k])
                continue;
            if (k == 4)
                uregex_setText(res[k], rr->w.rev, rr->w.ulen, &err);
            else
                uregex_setText(res[k], rr->w.u, rr->w.ulen, &err);
            uregex_useTransparentBounds(res[k], true, &err);
            /* ^ in a rule means the start of the text, not the SRX position (the region
             * start); the window search's (?:B)$ keeps anchoring for its $ */
            if (k != 1)
                uregex_useAnchoringBounds(res[k], false, &err);
        }
    }
    rr->generation = rr->w.generation;
    return U_SUCCESS(err) ? 0 : error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
}

/* The code points just before and at byte q of the document (-1 at its edges). */
static void chars_at(const char *text, size_t len, size_t q, UChar32 *before, UChar32 *at)
{
    size_t bytes;
    *at = q < len ? utf8_char_at(text, len, q, &bytes) : -1;
    *before = q > 0 ? utf8_char_before(text, q, &bytes) : -1;
}

/* The first character from byte q on that is not White_Space, or -1 at the end. */
static UChar32 word_at(const char *text, size_t len, size_t q)
{
    for (size_t bytes; q < len; q += bytes) {
        UChar32 c = utf8_char_at(text, len, q, &bytes);
        if (c < 0x80 ? c != ' ' && (c < '\t' || c > '\r') : !u_isUWhiteSpace(c))
            return c;
    }
    return -1;
}

/* One side of a rule: an empty side matches anywhere, a side the set test decides has
 * matched, otherwise its automaton says (no automaton: may match). */
static int side_verdict(rule_automaton *a, int empty, int set_decides, const char *text, size_t len, size_t q)
{
    if (empty || set_decides)
        return RULE_MATCHES;
    return a ? rule_automaton_may_match(a, text, len, q) : RULE_MAY_MATCH;
}

/* What rule r's automata say of byte q, once its set tests have passed: RULE_NO_MATCH,
 * RULE_MATCHES (both sides certain: no regex needed) or RULE_MAY_MATCH. */
static int automata_verdict(const compiled_rule *r, const char *text, size_t len, size_t q)
{
    int after = side_verdict(r->after_auto, r->after_empty, r->first_exact, text, len, q);
    if (after == RULE_NO_MATCH)
        return after;
    int before = side_verdict(r->before_auto, r->before_empty, r->last_exact, text, len, q);
    if (before == RULE_NO_MATCH)
        return before;
    return after == RULE_MATCHES && before == RULE_MATCHES ? RULE_MATCHES : RULE_MAY_MATCH;
}

/* The same with the set tests first, for rules beyond the 64 the index covers. */
static int rule_verdict(const segmenter *seg, const compiled_rule *r, const char *text, size_t len, size_t q,
                        UChar32 before, UChar32 at)
{
    if (seg->no_filter)
        return RULE_MAY_MATCH;
    if (r->last && (before < 0 || !set_has(r->last, r->last_ascii, before)))
        return RULE_NO_MATCH;
    if (r->first && (at < 0 || !set_has(r->first, r->first_ascii, at)))
        return RULE_NO_MATCH;
    return automata_verdict(r, text, len, q);
}

/* Do rule r's regexes match at window index uq? (Its set tests passed.) */
static int rule_regex_matches(const rule_runner *rr, const compiled_rule *r, int32_t uq)
{
    UErrorCode err = U_ZERO_ERROR;
    UBool hit;
    int32_t ulen = rr->w.ulen;
    int trust_sets = !rr->seg->no_filter;
    if (!r->whole && !r->before) {
        hit = true;
        if (r->ahead && !(r->first_exact && trust_sets)) {
            uregex_setRegion(r->ahead, uq, ulen, &err);
            hit = uregex_lookingAt(r->ahead, -1, &err);
        }
        if (hit && r->back && !(r->last_exact && trust_sets)) {
            uregex_setRegion(r->back, ulen - uq, ulen, &err);
            hit = uregex_lookingAt(r->back, -1, &err);
        }
    } else if (r->whole) {
        uregex_setRegion(r->whole, uq, ulen, &err);
        hit = uregex_lookingAt(r->whole, -1, &err);
    } else {
        uregex_setRegion(r->after, uq, ulen, &err);
        hit = uregex_lookingAt(r->after, -1, &err);
        if (hit) {
            uregex_setRegion(r->before, uq > LOOKBEHIND_WINDOW ? uq - LOOKBEHIND_WINDOW : 0, uq, &err);
            hit = uregex_find(r->before, -1, &err);
        }
    }
    return U_SUCCESS(err) && hit;
}

typedef struct {
    rule_runner rr;
    protected_spans pairs;
    size_t pair_cursor;
    size_t lo, hi;              /* the stretch: what the model's features may read */
    const offset_list *wraps;   /* line breaks unwrapped into spaces */
    const doc_stats *stats;     /* the document's own evidence, for the model */
    int matched;                /* the rule the last decision took (-1: none, or the pairs) */
} decider;

/* First matching rule at SRX position q: 1 break, 0 no break, -1 no rule matched. The
 * UTF-16 window is brought to q only when some rule gets as far as its regexes. */
static int decide(decider *d, size_t q)
{
    segmenter *seg = d->rr.seg;
    const char *text = d->rr.w.text;
    size_t len = d->rr.w.len;
    d->matched = -1;
    if (seg->protect_pairs && pairs_protects(&d->pairs, q, &d->pair_cursor))
        return 0;
    UChar32 before, at;
    chars_at(text, len, q, &before, &at);
    uint64_t candidates = seg->no_filter ? ~0ull : rule_index_candidates(seg->all_index, before, at);
    if (candidates && !seg->no_filter) /* the word after the spaces only when some rule is left */
        candidates &= rule_index_word(seg->all_index, word_at(text, len, q));
    int32_t uq = -1;
    for (size_t i = 0; i < seg->nrules; i++) {
        const compiled_rule *r = &seg->rules[i];
        int verdict = i >= 64 ? rule_verdict(seg, r, text, len, q, before, at)
                      : !(candidates >> i & 1) ? RULE_NO_MATCH
                      : seg->no_filter         ? RULE_MAY_MATCH
                                               : automata_verdict(r, text, len, q);
        if (verdict == RULE_NO_MATCH)
            continue;
        if (verdict == RULE_MATCHES) {
            d->matched = (int)i;
            return r->do_break;
        }
        if (uq < 0) {
            if (runner_cover(&d->rr, q, q, WINDOW_CHUNK) < 0)
                return -1;
            uq = window_index(&d->rr.w, q);
        }
        if (rule_regex_matches(&d->rr, r, uq)) {
            d->matched = (int)i;
            return r->do_break;
        }
    }
    return -1;
}

/* Could some break="yes" rule match at q? Only there can a break ICU did not see be made. */
static int break_rule_may_match(segmenter *seg, const char *text, size_t len, size_t q, UChar32 before,
                                UChar32 at)
{
    if (seg->no_filter)
        return 1;
    uint64_t m = rule_index_candidates(seg->break_index, before, at);
    if (m)
        m &= rule_index_word(seg->break_index, word_at(text, len, q));
    for (; m; m &= m - 1)
        if (automata_verdict(seg->break_rules[__builtin_ctzll(m)], text, len, q) != RULE_NO_MATCH)
            return 1;
    for (size_t k = 64; k < seg->nbreak; k++) /* beyond the masks */
        if (rule_verdict(seg, seg->break_rules[k], text, len, q, before, at) != RULE_NO_MATCH)
            return 1;
    return 0;
}

/* Trim [from, to) and emit it as a sentence, tracking paragraphs through the gap since
 * the previous sentence: two or more newlines in it mean a blank line. */
typedef struct {
    sentence_fn emit;
    void *ctx;
    size_t prev_end, para, index;
    int any;
    const offset_list *wraps;
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
    const char *text = d->rr.w.text;
    for (size_t i = from; i > *line_start; i--) /* or the paragraph's start */
        if (text[i - 1] == '\n') {
            *line_start = i;
            break;
        }
    return 1;
}

/* The verdict at candidate q, a sentence end ICU proposed (icu) or a space after a token;
 * `next` is the first character after the spaces, `rule` what the rules said (1 break,
 * 0 not, -1 nothing). A rule's verdict stands; where there is none the learned model
 * decides, and without one ICU's proposals break and spaces do not. An observer
 * (training) hears of every candidate. */
static int model_verdict(decider *d, size_t q, size_t next, int icu, int rule)
{
    segmenter *seg = d->rr.seg;
    if ((rule >= 0 || !seg->model) && !seg->observe)
        return rule >= 0 ? rule : icu;
    if (icu && rule < 0 && !boundary_icu_candidate(d->rr.w.text, d->rr.w.len, q, next, d->hi)) {
        if (seg->observe) { /* a plain sentence end: ICU's break stands */
            boundary_candidate c = {q, CANDIDATE_FIXED, 1, -1, NULL};
            seg->observe(d->rr.w.text, &c, seg->observe_ctx);
        }
        return 1;
    }
    boundary_site site = {d->rr.w.text, d->rr.w.len, d->lo, d->hi, q, next, icu, 0, 0, d->stats, seg->words};
    site.wrap = wrapped_between(d, q, next, &site.line_start);
    boundary_features f;
    boundary_features_of(&site, &f);
    if (seg->observe) {
        boundary_candidate c = {q, icu ? CANDIDATE_ICU : CANDIDATE_GAP, rule, rule >= 0 ? d->matched : -1, &f};
        seg->observe(d->rr.w.text, &c, seg->observe_ctx);
    }
    if (rule >= 0)
        return rule;
    return seg->model ? boundary_model_margin(seg->model, &f) > 0 : icu;
}

/* The first character from byte i on that is not White_Space (or `to`). */
static size_t skip_spaces(const char *text, size_t len, size_t i, size_t to)
{
    size_t k;
    while (i < to && (k = space_after(text, i, len)) != 0)
        i += k;
    return i;
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
    segmenter *seg = d->rr.seg;
    const char *text = d->rr.w.text;
    const uint8_t *t = (const uint8_t *)text;
    size_t len = d->rr.w.len;
    const uint8_t *bits = seg->scan_bits[seg->no_filter != 0];
    uint8_t mask = (uint8_t)(SCAN_RULE | ((seg->model || seg->observe) && seg->spaced ? SCAN_SPACE : 0));
    if (from <= *start)
        from = *start + 1;
    for (size_t i = from; i < to; i++) {
        uint8_t what = bits[t[i]] & mask;
        if (!what)
            continue; /* most characters can start no break rule's AFTER, nor a space */
        int rule_scan = what & SCAN_RULE, gap_scan = (what & SCAN_SPACE) && !word_space_lower(t, len, i);
        if (!rule_scan && !gap_scan)
            continue;
        size_t bytes;
        UChar32 c = utf8_char_at(text, len, i, &bytes);
        UChar32 before = i > 0 ? utf8_char_before(text, i, &bytes) : -1;
        int rule = -1, decided = 0;
        if (rule_scan &&
            !(c >= 0x80 && !seg->no_filter && seg->break_firsts &&
              !(c < 0x10000 ? seg->break_firsts_bmp[c / 64] >> (c % 64) & 1 : uset_contains(seg->break_firsts, c))) &&
            break_rule_may_match(seg, text, len, i, before, c)) {
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
                brk = model_verdict(d, i, next, 0, rule);
            else         /* the model first (cheaper), then a rule may still say no */
                brk = model_verdict(d, i, next, 0, -1) == 1 && decide(d, i) != 0;
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
        if (!at_end && !hard && q > start) {
            verdict = model_verdict(d, q, skip_spaces(text, len, q, to), 1, verdict);
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
static int run_stretch(segmenter *seg, char *text, size_t len, size_t from, size_t to, const doc_stats *stats,
                       emitter *em)
{
    decider d = {{seg, {0}, 0}, {0}, 0, from, to, em->wraps, stats, -1};
    window_init(&d.rr.w, text, len);
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
    window_free(&d.rr.w);
    pairs_free(&d.pairs);
    return rc;
}

/* ---- several threads ---- */

/* The text is cut at paragraph ends into STRETCHES_PER_JOB stretches per thread, taken
 * in order by whichever thread is free (Chinese and English paragraphs cost differently,
 * so equal halves would leave one thread idle). The calling thread prints every stretch
 * as soon as all before it are printed: straight from the segmenter when it takes the
 * next one to print itself, else from the sentence list a helper filled. */
enum { PARALLEL_MIN_BYTES = 4 << 20, MAX_JOBS = 64, STRETCHES_PER_JOB = 4, MAX_STRETCHES = 64 };

typedef struct {
    size_t from, to;
    sentence_list out;       /* paragraph and sentence numbers count from 0 in the stretch */
    int done;                /* out is complete (under the queue's lock) */
    int rc;
    char message[1024];      /* an error, carried out of the thread (error.h's size) */
} stretch;

typedef struct {
    char *text;
    size_t len;
    const offset_list *wraps;
    const doc_stats *stats;
    stretch st[MAX_STRETCHES];
    int n;
    int next;                /* the next stretch to take */
    pthread_mutex_t lock;
    pthread_cond_t finished; /* a stretch is done */
} stretch_queue;

typedef struct {
    stretch_queue *q;
    const segmenter *model;  /* the calling thread's, copied */
    segmenter *seg;          /* this thread's own copy, made in the thread */
    pthread_t thread;
    int started;
} helper;

static int take_stretch(stretch_queue *q)
{
    pthread_mutex_lock(&q->lock);
    int k = q->next < q->n ? q->next++ : -1;
    pthread_mutex_unlock(&q->lock);
    return k;
}

/* Segment stretch k into its sentence list. */
static void fill_stretch(stretch_queue *q, segmenter *seg, int k)
{
    stretch *st = &q->st[k];
    emitter em = {sentence_list_push, &st->out, 0, 0, 0, 0, q->wraps, 0};
    int rc = run_stretch(seg, q->text, q->len, st->from, st->to, q->stats, &em);
    pthread_mutex_lock(&q->lock);
    st->rc = rc;
    if (rc < 0)
        snprintf(st->message, sizeof st->message, "%s", error_last());
    st->done = 1;
    pthread_cond_broadcast(&q->finished);
    pthread_mutex_unlock(&q->lock);
}

static void *helper_main(void *arg)
{
    helper *h = arg;
    /* its own segmenter, built here so that the threads build theirs at once; one that
     * cannot (out of memory) takes no stretch, and the others do its share */
    if (segmenter_new(h->model->lang, h->model->source, &h->seg) < 0)
        return NULL;
    h->seg->no_filter = h->model->no_filter;
    h->seg->model = h->model->model; /* borrowed: the calling thread's segmenter outlives it */
    for (int k; (k = take_stretch(h->q)) >= 0;)
        fill_stretch(h->q, h->seg, k);
    return NULL;
}

/* Sentences leave numbered on from the stretches before: each stretch starts a new
 * paragraph. */
typedef struct {
    sentence_fn emit;
    void *ctx;
    size_t index, para;      /* the next sentence's numbers */
    size_t para_base;        /* added to the stretch's own paragraph numbers */
    int any;                 /* sentences printed before this stretch */
} numbering;

static void numbering_start(numbering *nb)
{
    nb->para_base = nb->any ? nb->para + 1 : 0;
}

static int emit_numbered(const char *text, const sentence_span *s, void *arg)
{
    numbering *nb = arg;
    sentence_span out = *s;
    out.index = nb->index++;
    out.para = nb->para_base + s->para;
    nb->para = out.para;
    nb->any = 1;
    return nb->emit(text, &out, nb->ctx);
}

/* After the end of the blank line at or after byte `at`, or len: a paragraph end, where
 * no pair of quotes stays open and the rules decide nothing. */
static size_t paragraph_end_after(const char *t, size_t len, size_t at)
{
    for (const char *nl; at < len && (nl = memchr(t + at, '\n', len - at)); at = (size_t)(nl - t) + 1) {
        size_t line = (size_t)(nl - t) + 1;
        const char *end = memchr(t + line, '\n', len - line);
        if (end && is_blank_line(t, line, (size_t)(end - t))) /* the test unwrap_lines uses */
            return (size_t)(end - t) + 1;
    }
    return len;
}

static int run_parallel(segmenter *seg, char *text, size_t len, const offset_list *wraps, const doc_stats *stats,
                        sentence_fn emit, void *ctx)
{
    int jobs = seg->jobs < MAX_JOBS ? seg->jobs : MAX_JOBS;
    stretch_queue *q = calloc(1, sizeof *q);
    helper *helpers = calloc((size_t)jobs, sizeof *helpers);
    if (!q || !helpers) {
        free(q);
        free(helpers);
        return error_nomem();
    }
    q->text = text;
    q->len = len;
    q->wraps = wraps;
    q->stats = stats;
    int want = jobs * STRETCHES_PER_JOB < MAX_STRETCHES ? jobs * STRETCHES_PER_JOB : MAX_STRETCHES;
    for (size_t from = 0; from < len && q->n < want; q->n++) {
        size_t to = q->n + 1 == want ? len : paragraph_end_after(text, len, from + (len - from) / (size_t)(want - q->n));
        q->st[q->n].from = from;
        q->st[q->n].to = to;
        from = to;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->finished, NULL);
    int rc = 0;
    for (int k = 1; k < jobs && k < q->n && rc == 0; k++) {
        helpers[k].q = q;
        helpers[k].model = seg;
        helpers[k].started = pthread_create(&helpers[k].thread, NULL, helper_main, &helpers[k]) == 0;
        if (!helpers[k].started)
            rc = error_set(ERR_SOFTWARE, _("cannot start a thread"));
    }
    /* this thread: take stretches too, and print in order */
    numbering nb = {emit, ctx, 0, 0, 0, 0};
    int printed = 0;
    while (rc == 0 && printed < q->n) {
        int k = take_stretch(q);
        if (k >= 0 && k == printed) { /* the next to print: straight out */
            numbering_start(&nb);
            emitter em = {emit_numbered, &nb, 0, 0, 0, 0, wraps, 0};
            rc = run_stretch(seg, text, len, q->st[k].from, q->st[k].to, stats, &em);
            printed++;
        } else if (k >= 0) {
            fill_stretch(q, seg, k);
        }
        /* print what is finished, in order; with nothing left to take, wait for the
         * helpers (every stretch not done is then in a helper's hands) */
        while (rc == 0 && printed < q->n) {
            pthread_mutex_lock(&q->lock);
            while (k < 0 && !q->st[printed].done)
                pthread_cond_wait(&q->finished, &q->lock);
            int ready = q->st[printed].done;
            pthread_mutex_unlock(&q->lock);
            if (!ready)
                break;
            stretch *st = &q->st[printed++];
            if (st->rc < 0)
                rc = error_set(-st->rc, "%s", st->message);
            numbering_start(&nb);
            for (size_t i = 0; rc == 0 && i < st->out.n; i++)
                rc = emit_numbered(text, &st->out.v[i], &nb);
            sentence_list_free(&st->out);
        }
    }
    pthread_mutex_lock(&q->lock); /* after a failure the helpers stop at their stretch */
    q->next = q->n;
    pthread_mutex_unlock(&q->lock);
    for (int k = 1; k < jobs; k++) {
        if (helpers[k].started)
            pthread_join(helpers[k].thread, NULL);
        segmenter_free(helpers[k].seg);
    }
    for (int k = 0; k < q->n; k++)
        sentence_list_free(&q->st[k].out);
    pthread_cond_destroy(&q->finished);
    pthread_mutex_destroy(&q->lock);
    free(q);
    free(helpers);
    return rc;
}

int segmenter_run(segmenter *seg, char *text, size_t len, int newline_breaks, sentence_fn emit, void *ctx)
{
    if (len == 0)
        return 0;
    offset_list wraps = {0};
    doc_stats *stats = NULL;
    int rc = newline_breaks ? 0 : unwrap_lines(text, len, &wraps);
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

int sentence_list_push(const char *text, const sentence_span *s, void *list)
{
    (void)text;
    sentence_list *l = list;
    int rc = vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v);
    if (rc == 0)
        l->v[l->n++] = *s;
    return rc;
}

void sentence_list_free(sentence_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

int sentence_spans_cover(const char *text, size_t len, const sentence_span *v, size_t n, size_t *bad_at)
{
    size_t covered = 0; /* text[0..covered) is in a sentence or White_Space */
    for (size_t k = 0; k <= n; k++) {
        size_t gap_end = k < n ? v[k].start : len;
        if (k < n && (v[k].start < covered || v[k].end < v[k].start || v[k].end > len)) {
            *bad_at = v[k].start;
            return 0;
        }
        for (size_t i = covered, bytes; i < gap_end; i += bytes)
            if (!u_isUWhiteSpace(utf8_char_at(text, len, i, &bytes))) {
                *bad_at = i;
                return 0;
            }
        covered = k < n ? v[k].end : len;
    }
    return 1;
}
