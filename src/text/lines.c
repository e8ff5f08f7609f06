/* lines.c — deciding what a single newline means; see lines.h. */
#include "lines.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../i18n.h"
#include "../util/vec.h"
#include "utf8.h"

/* thresholds between the populations measured in lines.h; below min_lines lines the
 * evidence is too thin and the text is read as before, wrapped */
static const double wrap_mid_sentence = 0.5, wrap_near_width = 0.6, paragraph_inner_ends = 1.0;
static const size_t min_lines = 3;
/* ...unless those few lines are all short, a few words each and no sentence end inside
 * ("features\ncontact manager\nevents, activities", "Sincerely,\nTraci"): a list or a
 * signature, not prose wrapped at a width no one writes at ("This sentence is\nwrapped
 * over lines. Next one." is prose: its last line is neither); and whose lines end alike
 * ("Hello\nworld." is one sentence wrapped) */
static const size_t short_line_columns = 24, short_line_words = 3;
/* ...or one of those few lines (the last too) is longer than unwrapped_chars characters and
 * unwrapped_ratio times the shortest line followed by another: no one wraps at such a
 * width; a heading, then a paragraph on one line ("Trophy\n(6 3/4\" Engraved …)\nThe
 * Putter King team will judge …") */
static const size_t unwrapped_chars = 100;
static const double unwrapped_ratio = 1.5;
/* the evidence is the file's first lines: enough to decide, and a 50 MB text is not
 * decoded a second time before it is segmented */
static const size_t max_lines = LINES_EVIDENCE_MAX;

static int is_sentence_end(UChar32 c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == ';' || c == ':' || c == 0x3002 ||
           c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A;
}

static int is_closing(UChar32 c)
{
    int t = u_charType(c);
    return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || c == '"' || c == '\'' ||
           u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Whether line[0..n) (trimmed) ends with a sentence end, closing marks aside. */
static int ends_sentence(const char *line, size_t n)
{
    int32_t i = (int32_t)n;
    while (i > 0) {
        UChar32 c;
        U8_PREV((const uint8_t *)line, 0, i, c);
        if (c < 0)
            return 0;
        if (!is_closing(c))
            return is_sentence_end(c);
    }
    return 0;
}

/* Sentence ends inside line[0..n): ". A", "? «B", "。X" (a full-width end followed by
 * something other than a closing mark). */
static size_t inner_sentence_ends(const char *line, size_t n)
{
    size_t count = 0, step;
    for (size_t i = 0; i < n; i += step) {
        UChar32 c = utf8_char_at(line, n, i, &step);
        if (!is_sentence_end(c) || c == ';' || c == ':' || c == 0xFF1B || c == 0xFF1A)
            continue;
        size_t j = i + step, s;
        while (j < n && is_closing(utf8_char_at(line, n, j, &s)))
            j += s;
        if (c >= 0x3000) { /* full width: no space follows */
            count += j < n;
            continue;
        }
        size_t k = j;
        while (k < n && is_space(line[k]))
            k++;
        if (k == j || k >= n)
            continue;
        UChar32 next = utf8_char_at(line, n, k, &s);
        while (k < n && u_hasBinaryProperty(next, UCHAR_QUOTATION_MARK) && k + s < n) {
            k += s;
            next = utf8_char_at(line, n, k, &s);
        }
        count += u_isupper(next) || u_istitle(next);
    }
    return count;
}

/* Whether line[0..n) (trimmed) is short: at most short_line_columns columns (a Chinese
 * character takes two, as on screen: 12 of them are a few words) in at most
 * short_line_words words. */
static int is_short_line(const char *line, size_t n)
{
    size_t words = n > 0, columns = 0, step;
    for (size_t i = 0; i < n && columns <= short_line_columns; i += step) {
        columns += (size_t)utf8_char_columns(utf8_char_at(line, n, i, &step));
        words += i > 0 && is_space(line[i - 1]) && !is_space(line[i]);
    }
    return columns <= short_line_columns && words <= short_line_words;
}

/* Characters in line[0..n): its bytes that do not continue a UTF-8 sequence (the text is
 * valid UTF-8 by now; a loop the compiler vectorizes, as every line of evidence is counted) */
static size_t visible_length(const char *line, size_t n)
{
    size_t continuation = 0;
    for (size_t i = 0; i < n; i++)
        continuation += ((unsigned char)line[i] & 0xC0) == 0x80;
    return n - continuation;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* line[0..n) trimmed of spaces at both ends: [*a, *b). */
static void trim(const char *line, size_t n, size_t *a, size_t *b)
{
    *a = 0;
    *b = n;
    while (*a < *b && is_space(line[*a]))
        (*a)++;
    while (*b > *a && is_space(line[*b - 1]))
        (*b)--;
}

/* buf[at..at+n) = bytes, growing buf. 0 or -1 when out of memory. */
static int put_bytes(char **buf, size_t *cap, size_t at, const char *bytes, size_t n)
{
    if (n == 0)
        return 0;
    if (vec_reserve(buf, cap, at + n, 1) < 0)
        return -1;
    memmove(*buf + at, bytes, n);
    return 0;
}

/* One whole line (its newline excluded): the previous one is evidence when this one is
 * not blank. The previous line is prev[0..prev_len), trimmed. */
static void tally_line(line_tally *t, const char *line, size_t n, const char *prev, size_t prev_len)
{
    size_t a, b;
    trim(line, n, &a, &b);
    if (t->have_prev && a < b) { /* the previous line is followed by this one */
        if (vec_reserve(&t->lengths, &t->cap, t->lines + 1, sizeof *t->lengths) < 0) {
            t->full = 1; /* decide on what was seen */
            return;
        }
        t->lengths[t->lines++] = visible_length(prev, prev_len);
        size_t step;
        /* a line ends mid-sentence when it ends without a sentence end, or the next
         * line goes on in lower case ("One.\nstill one.") */
        t->mid += !ends_sentence(prev, prev_len) || u_islower(utf8_char_at(line + a, b - a, 0, &step));
        t->inner += inner_sentence_ends(prev, prev_len);
        t->full = t->lines >= max_lines;
    }
    if (a < b && !t->long_lines) /* every line counts, the last one too */
        t->long_lines = !is_short_line(line + a, b - a) ||
                        inner_sentence_ends(line + a, b - a) > 0;
    if (a < b) {
        t->nonblank++;
        t->ending += ends_sentence(line + a, b - a);
        if (t->lines < min_lines && b - a > unwrapped_chars) { /* only few lines need it */
            size_t length = visible_length(line + a, b - a);
            if (length > t->longest)
                t->longest = length;
        }
    }
    t->have_prev = a < b;
}

void line_tally_init(line_tally *t)
{
    memset(t, 0, sizeof *t);
}

/* Whole line line[0..n): tallied, then the previous line for the next one (*prev points
 * into the caller's bytes while they are read). */
static void next_whole_line(line_tally *t, const char *line, size_t n, const char **prev, size_t *prev_len)
{
    tally_line(t, line, n, *prev, *prev_len);
    size_t a, b;
    trim(line, n, &a, &b);
    *prev = line + a;
    *prev_len = b - a;
}

int line_tally_add(line_tally *t, const char *bytes, size_t n)
{
    const char *prev = t->prev, *end = bytes + n, *p = bytes, *nl;
    size_t prev_len = t->prev_len;
    for (; !t->full && p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1) {
        if (t->part_len) { /* the line the last bytes began, ended here */
            if (put_bytes(&t->part, &t->part_cap, t->part_len, p, (size_t)(nl - p)) < 0)
                return -1;
            size_t whole = t->part_len + (size_t)(nl - p);
            t->part_len = 0;
            tally_line(t, t->part, whole, prev, prev_len);
            size_t a, b;
            trim(t->part, whole, &a, &b);
            if (put_bytes(&t->prev_buf, &t->prev_cap, 0, t->part + a, b - a) < 0)
                return -1;
            prev = t->prev_buf;
            prev_len = b - a;
            continue;
        }
        next_whole_line(t, p, (size_t)(nl - p), &prev, &prev_len);
    }
    if (!t->full && p < end && put_bytes(&t->part, &t->part_cap, t->part_len, p, (size_t)(end - p)) < 0)
        return -1;
    if (!t->full && p < end)
        t->part_len += (size_t)(end - p);
    /* the previous line outlives the caller's bytes */
    if (prev != t->prev_buf && put_bytes(&t->prev_buf, &t->prev_cap, 0, prev, prev_len) < 0)
        return -1;
    t->prev = t->prev_buf;
    t->prev_len = prev_len;
    return 0;
}

line_evidence line_tally_finish(line_tally *t)
{
    if (!t->full && t->part_len) /* a last line without a newline */
        tally_line(t, t->part, t->part_len, t->prev, t->prev_len);
    line_evidence ev = {LINES_WRAP, 0, 0, 0, 0};
    size_t *lengths = t->lengths, mid = t->mid, inner = t->inner;
    ev.lines = t->lines;
    /* list items end alike, all with a sentence end or none; "Hello\nworld." is one
     * sentence wrapped */
    int all_short = t->lines > 0 && !t->long_lines && (t->ending == 0 || t->ending == t->nonblank);
    size_t longest = t->longest;
    t->lengths = NULL;
    line_tally_free(t);
    if (ev.lines > 0) {
        ev.mid_sentence = (double)mid / (double)ev.lines;
        ev.inner_ends = (double)inner / (double)ev.lines;
    }
    /* lines that are units: one sentence each, or one paragraph when they hold more */
    line_structure units = ev.inner_ends > paragraph_inner_ends ? LINES_PARAGRAPH : LINES_SENTENCE;
    if (ev.lines < min_lines) {
        size_t shortest = SIZE_MAX;
        for (size_t k = 0; k < ev.lines; k++)
            shortest = lengths[k] < shortest ? lengths[k] : shortest;
        free(lengths);
        int unwrapped = ev.lines > 0 && longest > unwrapped_chars && (double)longest > unwrapped_ratio * (double)shortest;
        if (all_short || unwrapped) /* a short list; a heading before a paragraph */
            ev.structure = units;
        else
            ev = (line_evidence){.structure = LINES_WRAP}; /* nothing decided: no lines of evidence */
        return ev;
    }
    qsort(lengths, ev.lines, sizeof *lengths, size_cmp);
    size_t p90 = lengths[(size_t)(0.9 * (double)(ev.lines - 1))], near = 0;
    for (size_t k = 0; k < ev.lines; k++)
        near += (double)lengths[k] >= 0.7 * (double)p90;
    free(lengths);
    ev.near_width = (double)near / (double)ev.lines;
    ev.structure = ev.mid_sentence >= wrap_mid_sentence && ev.near_width >= wrap_near_width ? LINES_WRAP : units;
    return ev;
}

void line_tally_free(line_tally *t)
{
    free(t->lengths);
    free(t->part);
    free(t->prev_buf);
    memset(t, 0, sizeof *t);
}

line_evidence text_line_structure(const char *text, size_t len)
{
    line_tally t;
    line_tally_init(&t);
    line_tally_add(&t, text, len); /* out of memory: decided on what was seen */
    return line_tally_finish(&t);
}

int line_structure_parse(const char *name)
{
    static const char *const names[] = {"wrap", "sentence", "paragraph"};
    for (int k = 0; k < 3; k++)
        if (strcmp(name, names[k]) == 0)
            return LINES_WRAP + k;
    return -1;
}

const char *line_structure_name(line_structure s)
{
    switch (s) {
    case LINES_WRAP: return N_("hard-wrapped prose (a single newline is a wrap)");
    case LINES_SENTENCE: return N_("one sentence per line");
    case LINES_PARAGRAPH: return N_("one paragraph per line");
    default: return N_("decided from the file");
    }
}
