/* pairs.c — matching quotation marks and brackets in one pass; see pairs.h. */
#include "pairs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/bytes16.h"
#include "../util/error.h"

/* opening, closing */
static const UChar32 pair_table[][2] = {
    {0x0028, 0x0029}, /* ( ) */
    {0x005B, 0x005D}, /* [ ] */
    {0xFF08, 0xFF09}, /* （ ） */
    {0x300A, 0x300B}, /* 《 》 */
    {0x3008, 0x3009}, /* 〈 〉 */
    {0x300C, 0x300D}, /* 「 」 */
    {0x300E, 0x300F}, /* 『 』 */
    {0x00AB, 0x00BB}, /* « » */
    {0x201C, 0x201D}, /* “ ” */
    {0x201E, 0x201C}, /* „ “ (German/Russian inner quotes) */
    {0x2018, 0x2019}, /* ‘ ’ (but ’ is the apostrophe too: apostrophe_not_quote) */
};
enum {
    NPAIRS = sizeof pair_table / sizeof pair_table[0],
    MAX_DEPTH = 32,
    FIRST_CJK_QUOTE_PAIR = 5, /* 「 and on: quotation marks, not brackets */
    FIRST_QUOTE_PAIR = 7
};

typedef struct {
    int pair;           /* index into pair_table, or NPAIRS for the ASCII " */
    size_t after;       /* byte offset after the opening mark */
    size_t chars;       /* character count at the opening mark */
    size_t limit;       /* the widest pair it may form, in columns */
    int introduced;     /* a quotation mark after a colon */
} open_mark;

static int add_span(protected_spans *s, size_t start, size_t end, int introduced)
{
    /* spans arrive ordered by their end; an enclosing span swallows those inside it */
    while (s->n && s->v[s->n - 1].start >= start)
        s->n--;
    if (s->n && s->v[s->n - 1].end >= start) {
        if (end > s->v[s->n - 1].end) {
            s->v[s->n - 1].end = end;
            s->v[s->n - 1].introduced = introduced;
        }
        return 0;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        protected_span *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return error_nomem();
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = (protected_span){start, end, introduced};
    return 0;
}

/* Could c be in pair_table? (a quick range test before the table walk) */
static int is_delimiter(UChar32 c)
{
    return c == 0xAB || c == 0xBB || (c >= 0x2018 && c <= 0x2019) || (c >= 0x201C && c <= 0x201E) ||
           (c >= 0x3008 && c <= 0x300F) || c == 0xFF08 || c == 0xFF09;
}

static int is_space_or_edge(UChar32 c)
{
    return c < 0 || u_isUWhiteSpace(c);
}

/* The character before byte `at` and the spaces or tabs before it; -1 at the start. */
static UChar32 char_before_spaces(const char *text, int64_t at)
{
    size_t i = (size_t)at, bytes;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    return i > 0 ? utf8_char_before(text, i, &bytes) : -1;
}

/* Is the mark at byte `at` right after a colon (spaces between allowed)? */
static int after_colon(const char *text, int64_t at)
{
    UChar32 prev = char_before_spaces(text, at);
    return prev == ':' || prev == 0xFF1A;
}

/* How wide a pair whose opening mark of pair p is at byte `at` may be: a quotation that
 * opens inside a sentence, after a word or a comma, semicolon or colon of Latin or
 * Cyrillic text ("said he; “my eyes tell me … deduction.”"), is part of that sentence
 * however many sentences it quotes; any other pair, PAIR_MAX_CHARS. */
static size_t pair_limit(const char *text, int64_t at, int p)
{
    if (p < FIRST_QUOTE_PAIR)
        return PAIR_MAX_CHARS;
    UChar32 prev = char_before_spaces(text, at);
    int inside = prev == ',' || prev == ';' || prev == ':' || (prev >= 0 && prev < 0x2E80 && u_isalnum(prev));
    return inside ? EMBEDDED_QUOTE_MAX_CHARS : PAIR_MAX_CHARS;
}

/* ‘ and ’ between letters or digits, or ’ before one, or ‘ before a digit, are apostrophes:
 * "dragon’s", "don’t", "rock’n’roll", "the ‘90s". */
static int apostrophe_not_quote(UChar32 c, UChar32 prev, UChar32 next)
{
    if (c == 0x2019)
        return next >= 0 && u_isalnum(next);
    return (prev >= 0 && u_isalnum(prev)) || (next >= 0 && (u_isdigit(next) || u_isUWhiteSpace(next)));
}

/* Close the nearest open mark of pair p, dropping unclosed marks above it. 1 if closed. */
static int close_pair(open_mark *stack, int *depth, int p, size_t at, size_t chars, protected_spans *out, int *rc)
{
    int k = *depth - 1;
    while (k >= 0 && stack[k].pair != p)
        k--;
    if (k < 0)
        return 0;
    *depth = k;
    if (chars - stack[k].chars <= stack[k].limit && add_span(out, stack[k].after, at, stack[k].introduced) < 0)
        *rc = error_nomem();
    return 1;
}

/* The bytes of v that start a delimiter or a line break ('"', '(', ')', '[', ']', '\n',
 * 0xC2, 0xE2, 0xE3, 0xEF: starts_event in pairs_find). */
static bytes16 event_bytes(bytes16 v)
{
    bytes16 odd_off = v & 0xFE; /* '(' and ')' alike, 0xE2 and 0xE3 alike */
    return (bytes16)((odd_off == '(') | (odd_off == 0xE2) | (v == '"') | (v == '[') | (v == ']') | (v == '\n') |
                     (v == 0xC2) | (v == 0xEF));
}

/* Sixteen bytes of text at p: 1 when none starts an event nor a wide character (a byte
 * from 0xE1 on), so that all the scan does with them is count; then *lead is how many
 * are not continuation bytes (characters) and *text whether one is above ' ' (the
 * scalar loop's seen_text). Plain English and Russian pass. */
static int plain_block(const uint8_t *p, size_t *lead, int *text)
{
    bytes16 v = bytes16_load(p);
    if (bytes16_any(event_bytes(v) | (bytes16)(v >= 0xE1)))
        return 0;
    *lead = BYTES16 - bytes16_count((bytes16)((v & 0xC0) == 0x80));
    *text = bytes16_any((bytes16)(v > ' '));
    return 1;
}

int pairs_find(const char *text, size_t len, protected_spans *out)
{
    memset(out, 0, sizeof *out);
    open_mark stack[MAX_DEPTH];
    int depth = 0, rc = 0, newlines = 0;
    size_t chars = 0;
    const uint8_t *s = (const uint8_t *)text;
    int64_t i = 0, n = (int64_t)len, bytewise_to = 0;
    /* the bytes that can start a delimiter or a line break; everything between two of them
     * is only counted (a character per byte that is not a continuation byte, and a second
     * column for wide ones): sixteen bytes at a time where plain_block says so, else a byte
     * (or a wide character) at a time up to the end of the block it refused */
    static const uint8_t starts_event[256] = {['"'] = 1, ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
                                              ['\n'] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};
    while (i < n && rc == 0) {
        int seen_text = 0;
        while (i < n) {
            if (depth == 0 && (newlines == 0 || seen_text)) {
                /* no mark is open: the count is read by none (only differences between
                 * marks open together are), nor is seen_text: on to the next event */
                while (n - i >= BYTES16 && !bytes16_any(event_bytes(bytes16_load(s + i))))
                    i += BYTES16;
                while (i < n && !starts_event[s[i]])
                    i++;
                break;
            }
            uint8_t b = s[i];
            if (i >= bytewise_to && b < 0xE1 && n - i >= BYTES16) {
                size_t lead;
                int block_text;
                if (plain_block(s + i, &lead, &block_text)) {
                    chars += lead;
                    seen_text |= block_text;
                    i += BYTES16;
                    continue;
                }
                bytewise_to = i + BYTES16;
            }
            if (starts_event[b])
                break;
            chars += (b & 0xC0) != 0x80;
            seen_text |= b > ' '; /* anything but ASCII spaces and controls */
            if (b >= 0xE4 && b <= 0xE9 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
                (b > 0xE4 || s[i + 1] >= 0xB8)) { /* U+4E00-U+9FFF, as utf8_char_columns counts them */
                chars++;
                i += 3;
                continue;
            }
            if (b >= 0xE1) {
                int64_t k = i;
                UChar32 c;
                U8_NEXT(s, k, n, c);
                chars += (size_t)utf8_char_columns(c) - 1;
                i = k;
                continue;
            }
            i++;
        }
        if (seen_text)
            newlines = 0;
        /* marks opened too long ago can no longer form a protected pair */
        while (depth > 0 && chars - stack[0].chars > stack[0].limit) {
            memmove(stack, stack + 1, sizeof stack[0] * (size_t)(depth - 1));
            depth--;
        }
        if (i >= n)
            break;
        int64_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        chars += (size_t)utf8_char_columns(c);
        if (c >= 0x80 && !is_delimiter(c)) {
            newlines = 0;
            continue;
        }
        if (c == '\n' && ++newlines == 2)
            depth = 0; /* a blank line ends the paragraph and every open pair */
        else if (!u_isUWhiteSpace(c))
            newlines = 0;
        if (c == '"') {
            size_t bytes;
            UChar32 prev = at > 0 ? utf8_char_before(text, (size_t)at, &bytes) : -1, next = -1;
            if (i < n) {
                int64_t k = i;
                U8_NEXT(s, k, n, next);
            }
            int opening = is_space_or_edge(prev) || u_ispunct(prev);
            int closing = !is_space_or_edge(prev) && (is_space_or_edge(next) || u_ispunct(next));
            if (!(closing && depth > 0 && stack[depth - 1].pair == NPAIRS &&
                  close_pair(stack, &depth, NPAIRS, (size_t)at, chars, out, &rc)) &&
                opening && !is_space_or_edge(next) && depth < MAX_DEPTH)
                stack[depth++] = (open_mark){NPAIRS, (size_t)i, chars, pair_limit(text, at, NPAIRS),
                                             after_colon(text, at)};
        } else if ((c == 0x2018 || c == 0x2019) &&
                   apostrophe_not_quote(c, at > 0 ? utf8_char_before(text, (size_t)at, &(size_t){0}) : -1,
                                        i < n ? utf8_char_at(text, len, (size_t)i, &(size_t){0}) : -1)) {
            continue;
        } else {
            int closed = 0;
            for (int p = 0; p < NPAIRS && !closed; p++)
                if (c == pair_table[p][1])
                    closed = close_pair(stack, &depth, p, (size_t)at, chars, out, &rc);
            for (int p = 0; p < NPAIRS && !closed; p++) {
                if (c != pair_table[p][0])
                    continue;
                if (depth == MAX_DEPTH) {
                    memmove(stack, stack + 1, sizeof stack[0] * (MAX_DEPTH - 1));
                    depth--;
                }
                stack[depth++] = (open_mark){p, (size_t)i, chars, pair_limit(text, at, p),
                                             p >= FIRST_CJK_QUOTE_PAIR && after_colon(text, at)};
                break;
            }
        }
    }
    return rc;
}

int pairs_protects(const protected_spans *s, size_t q, size_t *cursor)
{
    while (*cursor < s->n && s->v[*cursor].end <= q)
        (*cursor)++;
    return *cursor < s->n && s->v[*cursor].start < q && q < s->v[*cursor].end;
}

int pairs_introduced_quote_ends(const protected_spans *s, const char *text, size_t q, size_t cursor)
{
    if (cursor == 0 || cursor > s->n)
        return 0;
    const protected_span *v = &s->v[cursor - 1];
    if (!v->introduced || v->end >= q)
        return 0;
    size_t bytes;
    utf8_char_before(text, q, &bytes);
    return v->end + bytes == q;
}

void pairs_free(protected_spans *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}
