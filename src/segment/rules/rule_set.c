/* rule_set.c — SRX rules compiled and decided at a position; see rule_set.h.
 *
 * A rule is tried as AFTER with an anchored lookingAt at the position, then BEFORE written
 * backwards (rule_filter.h) with an anchored lookingAt over the reversed text: two single
 * attempts, where ICU's own look-behind would try every start position. Patterns that
 * cannot be reversed run as `(?=AFTER)(?<=BEFORE)`, and when ICU refuses an unbounded
 * look-behind (`\w+`), BEFORE`$` is searched in a window before the position. The
 * regexes run on a UTF-16 window (window.h), and only when they must: a rule is skipped
 * outright when the characters around the position cannot end BEFORE or start AFTER
 * (rule_index.h), or when its automata (rule_automaton.h) find no match; an automaton
 * that models its pattern exactly decides without the regex. */
#include "rule_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "../../i18n.h"
#include "../../text/space.h"
#include "../../text/utf8.h"
#include "../../util/error.h"
#include "rule_automaton.h"
#include "rule_filter.h"
#include "rule_index.h"
#include "rule_tree.h"

enum {
    LOOKBEHIND_WINDOW = 256,    /* UTF-16 units searched for an unbounded BEFORE */
    /* The window search (only a user's rules get there: every built-in one reverses) is
     * given a budget of ICU's ticks (about 10,000 steps of its engine each) per walk: a
     * repeated zero-width item ("$++|x|") can take milliseconds a candidate, minutes a
     * page. The budget grows with the stretch walked; ordinary searches, shorter than a
     * tick, spend none of it. */
    SEARCH_TICKS_MIN = 1000,
    SEARCH_BYTES_PER_TICK = 16,
    CONTEXT_BEFORE = 4096,      /* bytes of text kept before a position in the window */
    CONTEXT_AFTER = 8192,       /* … and after it */
    WINDOW_CHUNK = 1 << 18,     /* bytes converted per window refill, at most … */
    WINDOW_CHUNK_MIN = 1 << 15  /* … and at least: a refill soon after the last one doubles
                                   the chunk, one far from it starts small again (where the
                                   automata leave few positions to the regexes, converting
                                   256 KB for each cost more than the regexes) */
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
    const srx *from;            /* where the rule was written, for a message */
    int line;
} compiled_rule;

enum { PAIR_BITS = 12, PAIR_SLOTS = 1 << PAIR_BITS }; /* 4096: English letter pairs, most Russian ones */

/* Rule masks per (first non-space character, the one after it), remembered, for the
 * rules whose AFTER can rule a pair out. */
typedef struct {
    uint64_t tested;          /* those rules (the others always pass) */
    uint64_t key[PAIR_SLOTS]; /* the pair plus one, 0: empty */
    uint64_t mask[PAIR_SLOTS];
} pair_cache;

struct rule_set {
    compiled_rule *rules;
    size_t nrules;
    USet *break_firsts;           /* characters that can start their AFTER (NULL: any) */
    uint64_t *break_firsts_bmp;   /* … the BMP part of it as bits */
    uint8_t scan_byte[2][256];    /* [filtering off]: a byte of the text that can start such a
                                     character (every character start with filtering off) */
    compiled_rule **break_rules;  /* the break="yes" rules, in order */
    size_t nbreak;
    const USet **edge_sets;       /* per rule its last, first and word-after-space sets; then the
                                     same for the break rules (what the indexes read) */
    rule_index *all_index;        /* which rules the characters around a position allow */
    rule_index *break_index;      /* … of the break rules */
    compiled_rule **rule_list;    /* every rule, in order (pointers, as break_rules) */
    const USet *spaces;           /* White_Space, shared */
    pair_cache all_pairs, break_pairs; /* pair_rules' answers for the two indexes */
    int no_filter;                /* evaluate every rule (tests compare with and without) */
    long search_ticks, search_budget; /* work of the window searches in this run (search_tick) */
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

/* Is `side` a regex on its own (0, or the error with its message)? Joined into one
 * pattern, a ")" in BEFORE would close a group the join opened and leave the rest to
 * mean something else than the rule says (found by fuzz_srx). A look-behind ICU finds
 * unbounded is no error here: the rule then runs in pieces. */
static int check_alone(const char *side, const srx *from, int line)
{
    int unbounded = 0, failure = 0;
    URegularExpression *re = compile(side, from, line, &unbounded, &failure);
    if (re)
        uregex_close(re);
    return re || unbounded ? 0 : failure;
}

/* ICU's match callback, called every tick of a window search's match: on while the run's
 * budget lasts. */
static UBool search_tick(const void *context, int32_t steps)
{
    (void)steps;
    rule_set *rs = (rule_set *)context;
    return ++rs->search_ticks <= rs->search_budget;
}

static int compile_rule(rule_set *rs, const srx *from, const srx_rule *r, compiled_rule *out)
{
    out->do_break = r->do_break;
    out->from = from;
    out->line = r->line;
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
    /* else ICU's look-behind, AFTER first: it usually fails at once; the sides joined
     * only when each is a regex alone (the few rules that get here pay the check) */
    int alone = check_alone(r->before, from, r->line);
    if (alone == 0)
        alone = check_alone(r->after, from, r->line);
    if (alone < 0)
        return alone;
    char *whole = join("(?=(?:", r->after, "))(?<=", r->before, ")");
    if (!whole)
        return error_nomem();
    int unbounded = 0;
    out->whole = compile(whole, from, r->line, &unbounded, &failure);
    free(whole);
    UErrorCode err = U_ZERO_ERROR;
    if (out->whole) {
        uregex_setMatchCallback(out->whole, search_tick, rs, &err);
        return 0;
    }
    if (!unbounded)
        return failure;
    char *before = join("(?:", r->before, ")$", "", "");
    if (!before)
        return error_nomem();
    out->before = compile(before, from, r->line, NULL, &failure);
    free(before);
    if (out->before)
        uregex_setMatchCallback(out->before, search_tick, rs, &err);
    out->after = out->before ? compile(r->after, from, r->line, NULL, &failure) : NULL;
    return out->after ? 0 : failure;
}

/* What the scan for rule-made breaks tests at every character: the break="yes" rules,
 * the rule indexes of all rules and of those (rule_index.h), and the bytes that can start
 * a character the break rules' first-character sets hold. */
static int index_break_rules(rule_set *rs)
{
    USet *u = NULL;
    int any_first = 0;
    if (!(rs->break_rules = calloc(rs->nrules + 1, sizeof *rs->break_rules)) ||
        !(rs->rule_list = calloc(rs->nrules + 1, sizeof *rs->rule_list)))
        return error_nomem();
    rs->spaces = rule_set_shared("[\\p{White_Space}]"); /* NULL: no pair test */
    for (size_t i = 0; i < rs->nrules; i++) {
        compiled_rule *r = &rs->rules[i];
        rs->rule_list[i] = r;
        int pairs = rs->spaces && rule_automaton_reads_pairs(r->after_auto, rs->spaces);
        if (pairs && i < 64)
            rs->all_pairs.tested |= 1ull << i;
        if (!r->do_break)
            continue;
        if (pairs && rs->nbreak < 64)
            rs->break_pairs.tested |= 1ull << rs->nbreak;
        rs->break_rules[rs->nbreak++] = r;
        any_first |= !r->first;
        if (!any_first && !u && !(u = uset_openEmpty()))
            return error_nomem();
        if (!any_first)
            uset_addAll(u, r->first);
    }
    size_t n = rs->nrules, nb = rs->nbreak;
    const USet **sets = rs->edge_sets = calloc(3 * (n + nb) + 1, sizeof *sets);
    if (!sets)
        return error_nomem();
    for (size_t i = 0; i < n; i++) {
        sets[i] = rs->rules[i].last;
        sets[n + i] = rs->rules[i].first;
        sets[2 * n + i] = rs->rules[i].word;
    }
    const USet **bsets = sets + 3 * n;
    for (size_t k = 0; k < nb; k++) {
        bsets[k] = rs->break_rules[k]->last;
        bsets[nb + k] = rs->break_rules[k]->first;
        bsets[2 * nb + k] = rs->break_rules[k]->word;
    }
    if (!(rs->all_index = rule_index_new(sets, sets + n, sets + 2 * n, n)) ||
        !(rs->break_index = rule_index_new(bsets, bsets + nb, bsets + 2 * nb, nb)))
        return error_nomem();
    for (int b = 0; b < 256; b++) /* every character start; narrowed below */
        rs->scan_byte[0][b] = rs->scan_byte[1][b] = b < 0x80 || b >= 0xC0;
    if (any_first || !u) {
        if (u)
            uset_close(u);
        return 0;
    }
    for (UChar32 c = 0; c < 128; c++)
        rs->scan_byte[0][c] = (uint8_t)uset_contains(u, c);
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
        rs->scan_byte[0][b] = (uint8_t)uset_containsSome(u, block);
    }
    uset_close(block);
    uset_freeze(u);
    rs->break_firsts = u;
    if (!(rs->break_firsts_bmp = calloc(0x10000 / 64, sizeof *rs->break_firsts_bmp)))
        return error_nomem();
    UErrorCode err = U_ZERO_ERROR;
    for (int32_t k = 0; k < uset_getItemCount(u); k++) {
        UChar32 lo, hi;
        if (uset_getItem(u, k, &lo, &hi, NULL, 0, &err) != 0)
            continue; /* strings: never a single character */
        for (UChar32 c = lo; c <= hi && c < 0x10000; c++)
            rs->break_firsts_bmp[c / 64] |= 1ull << (c % 64);
    }
    return 0;
}

/* ---- decisions ---- */

/* Make sure the window holds byte positions q..until with their context, and the rules
 * see it. */
static int runner_cover(rule_runner *rr, size_t q, size_t until)
{
    size_t from = q > CONTEXT_BEFORE ? q - CONTEXT_BEFORE : 0;
    size_t to = until + CONTEXT_AFTER < rr->w.len ? until + CONTEXT_AFTER : rr->w.len;
    if (!rr->w.u || from < rr->w.start || to > rr->w.end) { /* a refill (as window_cover sees it) */
        if (rr->w.u && q >= rr->w.end && q - rr->w.end < rr->chunk)
            rr->chunk = rr->chunk < WINDOW_CHUNK ? 2 * rr->chunk : WINDOW_CHUNK;
        else
            rr->chunk = WINDOW_CHUNK_MIN;
    }
    int rc = window_cover(&rr->w, from, until + CONTEXT_AFTER, rr->chunk);
    if (rc < 0 || rr->generation == rr->w.generation)
        return rc;
    UErrorCode err = U_ZERO_ERROR;
    for (size_t i = 0; i < rr->rs->nrules; i++) {
        compiled_rule *r = &rr->rs->rules[i];
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

/* Of the first 64 rules in `list`, those whose AFTER may read `word` as its first
 * non-space character followed by `next` (rule_automaton_may_follow; only the rules
 * cache->tested marks can be ruled out), cached per pair of characters: text repeats its
 * letter pairs. */
static uint64_t pair_rules(const rule_set *rs, pair_cache *cache, compiled_rule *const *list, UChar32 word,
                           UChar32 next)
{
    uint64_t key = (uint64_t)word << 21 | (uint64_t)next;
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - PAIR_BITS));
    if (cache->key[slot] != key + 1) {
        uint64_t m = ~cache->tested;
        for (uint64_t t = cache->tested; t; t &= t - 1)
            if (rule_automaton_may_follow(list[__builtin_ctzll(t)]->after_auto, rs->spaces, word, next))
                m |= t & -t;
        cache->key[slot] = key + 1;
        cache->mask[slot] = m;
    }
    return cache->mask[slot];
}

/* Rules of the index whose AFTER can hold the first character from byte q on that is not
 * White_Space, and the character right after it there (the text's end passes every
 * rule). `list` and `cache`: the same rules, for pair_rules. */
static uint64_t word_rules(const rule_set *rs, rule_index *ix, pair_cache *cache, compiled_rule *const *list,
                           const char *text, size_t len, size_t q)
{
    for (size_t bytes; q < len; q += bytes) {
        UChar32 c = utf8_char_at(text, len, q, &bytes);
        if (!char_is_space(c)) {
            uint64_t m = rule_index_word(ix, c);
            if ((m & cache->tested) && q + bytes < len)
                m &= pair_rules(rs, cache, list, c, utf8_char_at(text, len, q + bytes, &bytes));
            return m;
        }
    }
    return rule_index_word(ix, -1);
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
static int rule_verdict(const rule_set *rs, const compiled_rule *r, const char *text, size_t len, size_t q,
                        UChar32 before, UChar32 at)
{
    if (rs->no_filter)
        return RULE_MAY_MATCH;
    if (r->last && (before < 0 || !set_has(r->last, r->last_ascii, before)))
        return RULE_NO_MATCH;
    if (r->first && (at < 0 || !set_has(r->first, r->first_ascii, at)))
        return RULE_NO_MATCH;
    return automata_verdict(r, text, len, q);
}

/* Do rule r's regexes match at window index uq? (Its set tests passed.) */
static int rule_regex_matches(rule_runner *rr, const compiled_rule *r, int32_t uq)
{
    UErrorCode err = U_ZERO_ERROR;
    UBool hit;
    int32_t ulen = rr->w.ulen;
    int trust_sets = !rr->rs->no_filter;
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
    if (err == U_REGEX_STOPPED_BY_CALLER && !rr->failed)
        rr->failed = error_set(ERR_DATA,
                               _("%s:%d: this rule takes too long to match (stopped after %ld ticks of ICU's regex "
                                 "engine): its BEFORE has a look-behind ICU cannot bound and is searched for at "
                                 "every candidate break; write it without repeated zero-width or nested repeats"),
                               srx_name(r->from), r->line, rr->rs->search_ticks - 1);
    return U_SUCCESS(err) && hit;
}

/* First matching rule at q: the rule index, then each rule's automata, then its regexes. */
int rule_runner_decide(rule_runner *rr, size_t q, int *matched)
{
    rule_set *rs = rr->rs;
    const char *text = rr->w.text;
    size_t len = rr->w.len;
    *matched = -1;
    UChar32 before, at;
    chars_at(text, len, q, &before, &at);
    uint64_t candidates = rs->no_filter ? ~0ull : rule_index_candidates(rs->all_index, before, at);
    if (candidates && !rs->no_filter) /* the word after the spaces only when some rule is left */
        candidates &= word_rules(rs, rs->all_index, &rs->all_pairs, rs->rule_list, text, len, q);
    int32_t uq = -1;
    for (size_t i = 0; i < rs->nrules; i++) {
        if (i < 64) { /* on to the next candidate of the index, in order */
            uint64_t rest = candidates >> i;
            if (!rest) {
                i = 63;
                continue;
            }
            if ((i += (size_t)__builtin_ctzll(rest)) >= rs->nrules)
                break;
        }
        const compiled_rule *r = &rs->rules[i];
        int verdict = i >= 64 ? rule_verdict(rs, r, text, len, q, before, at)
                      : rs->no_filter ? RULE_MAY_MATCH
                                      : automata_verdict(r, text, len, q);
        if (verdict == RULE_NO_MATCH)
            continue;
        if (verdict == RULE_MATCHES) {
            *matched = (int)i;
            return r->do_break;
        }
        if (uq < 0) {
            if (runner_cover(rr, q, q) < 0)
                return -1;
            uq = window_index(&rr->w, q);
        }
        if (rule_regex_matches(rr, r, uq)) {
            *matched = (int)i;
            return r->do_break;
        }
    }
    return -1;
}

int rule_set_break_may_match(rule_set *rs, const char *text, size_t len, size_t q, UChar32 before, UChar32 at)
{
    if (rs->no_filter)
        return 1;
    uint64_t m = rule_index_candidates(rs->break_index, before, at);
    if (m)
        m &= word_rules(rs, rs->break_index, &rs->break_pairs, rs->break_rules, text, len, q);
    for (; m; m &= m - 1)
        if (automata_verdict(rs->break_rules[__builtin_ctzll(m)], text, len, q) != RULE_NO_MATCH)
            return 1;
    for (size_t k = 64; k < rs->nbreak; k++) /* beyond the masks */
        if (rule_verdict(rs, rs->break_rules[k], text, len, q, before, at) != RULE_NO_MATCH)
            return 1;
    return 0;
}

int rule_set_break_first(const rule_set *rs, UChar32 c)
{
    if (c < 0x80 || rs->no_filter || !rs->break_firsts)
        return 1;
    return c < 0x10000 ? rs->break_firsts_bmp[c / 64] >> (c % 64) & 1 : uset_contains(rs->break_firsts, c);
}

const uint8_t *rule_set_break_bytes(const rule_set *rs)
{
    return rs->scan_byte[rs->no_filter != 0];
}

size_t rule_set_count(const rule_set *rs)
{
    return rs->nrules;
}

size_t rule_set_break_count(const rule_set *rs)
{
    return rs->nbreak;
}

void rule_set_set_filtering(rule_set *rs, int on)
{
    rs->no_filter = !on;
}

int rule_set_new(const srx *rules, const char *lang, rule_set **out)
{
    *out = NULL;
    rule_set *rs = calloc(1, sizeof *rs);
    if (!rs)
        return error_nomem();
    const srx_rule **list = NULL;
    int n = srx_rules_for(rules, lang, &list);
    if (n < 0) {
        free(rs);
        return n;
    }
    int rc = 0;
    rs->rules = calloc((size_t)n + 1, sizeof *rs->rules);
    if (!rs->rules)
        rc = error_nomem();
    for (int i = 0; rc == 0 && i < n; i++, rs->nrules++)
        rc = compile_rule(rs, rules, list[i], &rs->rules[i]);
    if (rc == 0)
        rc = index_break_rules(rs);
    free(list);
    if (rc < 0) {
        rule_set_free(rs);
        return rc;
    }
    *out = rs;
    return 0;
}

void rule_set_free(rule_set *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nrules; i++) {
        compiled_rule *r = &rs->rules[i];
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
    free(rs->rules);
    if (rs->break_firsts)
        uset_close(rs->break_firsts);
    free(rs->break_firsts_bmp);
    free(rs->break_rules);
    free(rs->rule_list);
    free(rs->edge_sets);
    rule_index_free(rs->all_index);
    rule_index_free(rs->break_index);
    free(rs);
}

void rule_runner_init(rule_runner *rr, rule_set *rs, const char *text, size_t len, size_t span)
{
    rr->rs = rs;
    rr->failed = 0;
    rs->search_ticks = 0;
    rs->search_budget = SEARCH_TICKS_MIN + (long)(span / SEARCH_BYTES_PER_TICK);
    rr->generation = 0;
    rr->chunk = WINDOW_CHUNK_MIN;
    window_init(&rr->w, text, len);
}

void rule_runner_free(rule_runner *rr)
{
    window_free(&rr->w);
}
