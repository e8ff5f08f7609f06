/* lines.c — deciding what a single newline means; see lines.h. */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../i18n.h"
#include "utf8.h"

/* thresholds between the populations measured in lines.h; below min_lines lines the
 * evidence is too thin and the text is read as before, wrapped */
static const double wrap_mid_sentence = 0.5, wrap_near_width = 0.6, paragraph_inner_ends = 1.0;
static const size_t min_lines = 3;
/* the evidence is the file's first lines: enough to decide, and a 50 MB text is not
 * decoded a second time before it is segmented */
static const size_t max_lines = 2000;

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

static size_t visible_length(const char *line, size_t n)
{
    size_t chars = 0, step;
    for (size_t i = 0; i < n; i += step) {
        utf8_char_at(line, n, i, &step);
        chars++;
    }
    return chars;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The next line from *pos: [*a, *b) trimmed; 0 at the end of text. */
static int next_line(const char *text, size_t len, size_t *pos, size_t *a, size_t *b)
{
    if (*pos >= len)
        return 0;
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    *a = *pos;
    *b = end;
    while (*a < *b && is_space(text[*a]))
        (*a)++;
    while (*b > *a && is_space(text[*b - 1]))
        (*b)--;
    *pos = end + 1;
    return 1;
}

line_evidence text_line_structure(const char *text, size_t len)
{
    line_evidence ev = {LINES_WRAP, 0, 0, 0, 0};
    size_t cap = 0, mid = 0, inner = 0, *lengths = NULL;
    size_t pos = 0, a, b, pa = 0, pb = 0;
    int have_prev = 0;
    while (ev.lines < max_lines && next_line(text, len, &pos, &a, &b)) {
        if (have_prev && a < b) { /* the previous line is followed by this one */
            if (ev.lines == cap) {
                size_t *v = realloc(lengths, (cap = cap ? cap * 2 : 256) * sizeof *v);
                if (!v)
                    break; /* decide on what was seen */
                lengths = v;
            }
            lengths[ev.lines++] = visible_length(text + pa, pb - pa);
            size_t step;
            /* a line ends mid-sentence when it ends without a sentence end, or the next
             * line goes on in lower case ("One.\nstill one.") */
            mid += !ends_sentence(text + pa, pb - pa) || u_islower(utf8_char_at(text + a, b - a, 0, &step));
            inner += inner_sentence_ends(text + pa, pb - pa);
        }
        have_prev = a < b;
        pa = a;
        pb = b;
    }
    if (ev.lines < min_lines) {
        free(lengths);
        ev.lines = 0; /* nothing decided */
        return ev;
    }
    qsort(lengths, ev.lines, sizeof *lengths, size_cmp);
    size_t p90 = lengths[(size_t)(0.9 * (double)(ev.lines - 1))], near = 0;
    for (size_t k = 0; k < ev.lines; k++)
        near += (double)lengths[k] >= 0.7 * (double)p90;
    free(lengths);
    ev.mid_sentence = (double)mid / (double)ev.lines;
    ev.near_width = (double)near / (double)ev.lines;
    ev.inner_ends = (double)inner / (double)ev.lines;
    if (ev.mid_sentence >= wrap_mid_sentence && ev.near_width >= wrap_near_width)
        ev.structure = LINES_WRAP;
    else
        ev.structure = ev.inner_ends > paragraph_inner_ends ? LINES_PARAGRAPH : LINES_SENTENCE;
    return ev;
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
