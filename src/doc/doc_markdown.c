/* doc_markdown.c — Markdown as paragraphs: blocks, headings, and the text without markup.
 *
 * Line by line, as CommonMark reads blocks: a blank line ends a paragraph; an ATX heading
 * (# …) or a setext heading (a line underlined with === or ---) is a heading; each list
 * item and each table cell is a paragraph of its own; a thematic break (---, ***) ends
 * one. Block markup is dropped: #, list markers, quote markers (>), code fences, table
 * rules, link reference definitions. Inline markup is dropped too, the text kept:
 * emphasis and strikethrough markers (* _ ~~, unless inside a word or between spaces,
 * as in snake_case or 2 * 3), code-span backticks, inline HTML tags, link and image
 * targets ([text](url) -> text, ![alt](url) -> alt), backslash escapes, and the
 * character references &amp; &lt; &gt; &quot; &#39; &nbsp;. A code block's lines are kept
 * as one paragraph: code is usually the same in both languages and costs nothing. */
#include <ctype.h>
#include <string.h>

#include "../text/space.h"
#include "../util/error.h"
#include "readers.h"

typedef struct {
    document *d;
    int fence;          /* inside a fenced code block: its fence character */
} md_state;

/* Leading spaces (up to `max`, or any when max is 0). */
static size_t indent(const char *s, size_t n, size_t max)
{
    size_t k = 0;
    while (k < n && s[k] == ' ' && (!max || k < max))
        k++;
    return k;
}

/* A thematic break or setext underline made of c: "---", "* * *", "===". */
static int rule_of(const char *s, size_t n, char c, int spaced)
{
    size_t count = 0;
    for (size_t k = indent(s, n, 3); k < n; k++) {
        if (s[k] == c)
            count++;
        else if (!(spaced && (s[k] == ' ' || s[k] == '\t')) && !isspace((unsigned char)s[k]))
            return 0;
    }
    return count >= (c == '=' ? 1 : 3) || (c == '-' && !spaced && count >= 1);
}

/* "| --- | :---: |": the rule under a table's header row */
static int table_rule(const char *s, size_t n)
{
    int dash = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '-')
            dash = 1;
        else if (!strchr("|: \t", s[k]))
            return 0;
    }
    return dash && memchr(s, '|', n) != NULL;
}

static int is_emph(char c)
{
    return c == '*' || c == '_' || c == '~';
}

static int word_char(const char *s, size_t n, size_t k)
{
    return k < n && (isalnum((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80);
}

/* The end of a bracketed [..] or (..) starting at s[k] (nesting counted), or n. */
static size_t closing(const char *s, size_t n, size_t k, char open, char close)
{
    int depth = 0;
    for (size_t j = k; j < n; j++) {
        if (s[j] == '\\') {
            j++;
            continue;
        }
        if (s[j] == open)
            depth++;
        else if (s[j] == close && --depth == 0)
            return j;
    }
    return n;
}

static const struct {
    const char *ref, *text;
} refs[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};

/* Append s[0..n) without its inline markup. */
static int inline_text(document *d, const char *s, size_t n)
{
    int rc = 0;
    size_t k = 0, plain = 0;
#define FLUSH()                                                                                                        \
    do {                                                                                                               \
        if (rc == 0 && k > plain)                                                                                      \
            rc = document_append(d, s + plain, k - plain);                                                             \
    } while (0)
    while (rc == 0 && k < n) {
        char c = s[k];
        if (c == '\\' && k + 1 < n && ispunct((unsigned char)s[k + 1])) {
            FLUSH();
            plain = ++k; /* the escaped character stays */
            k++;
        } else if (c == '`') {
            FLUSH();
            size_t ticks = 0;
            while (k < n && s[k] == '`')
                ticks++, k++;
            plain = k;
        } else if ((c == '!' && k + 1 < n && s[k + 1] == '[') || c == '[') {
            size_t open = c == '!' ? k + 1 : k, close = closing(s, n, open, '[', ']');
            if (close < n && close + 1 < n && (s[close + 1] == '(' || s[close + 1] == '[')) {
                size_t end = closing(s, n, close + 1, s[close + 1], s[close + 1] == '(' ? ')' : ']');
                if (end < n) {
                    FLUSH();
                    if (rc == 0)
                        rc = inline_text(d, s + open + 1, close - open - 1);
                    k = plain = end + 1;
                    continue;
                }
            }
            k++;
        } else if (c == '<') {
            size_t j = k + 1;
            int tag = j < n && (isalpha((unsigned char)s[j]) || s[j] == '/');
            while (j < n && s[j] != '>' && s[j] != '<' && s[j] != '\n')
                j++;
            if (tag && j < n && s[j] == '>') {
                FLUSH();
                const char *colon = memchr(s + k, ':', j - k);
                if (colon && !memchr(s + k, ' ', j - k) && rc == 0) /* an autolink: its address is text */
                    rc = document_append(d, s + k + 1, j - k - 1);
                k = plain = j + 1;
                continue;
            }
            k++;
        } else if (c == '&') {
            size_t r = 0;
            while (r < sizeof refs / sizeof *refs && strncmp(s + k, refs[r].ref, strlen(refs[r].ref)) != 0)
                r++;
            if (r < sizeof refs / sizeof *refs) {
                FLUSH();
                if (rc == 0)
                    rc = document_append(d, refs[r].text, strlen(refs[r].text));
                k = plain = k + strlen(refs[r].ref);
                continue;
            }
            k++;
        } else if (is_emph(c)) {
            size_t run = k;
            while (run < n && s[run] == c)
                run++;
            int before = k > 0 && !isspace((unsigned char)s[k - 1]), after = run < n && !isspace((unsigned char)s[run]);
            int intraword = word_char(s, n, k - (k > 0)) && k > 0 && word_char(s, n, run);
            int marker = (before || after) && !(before && after && c != '*' && intraword) && (c != '~' || run - k >= 2);
            if (marker) {
                FLUSH();
                plain = run;
            }
            k = run;
        } else {
            k++;
        }
    }
    FLUSH();
#undef FLUSH
    return rc;
}

/* Table row "| a | b |": each cell a paragraph. */
static int table_row(md_state *m, const char *s, size_t n)
{
    int rc = 0;
    size_t k = 0;
    while (rc == 0 && k < n) {
        size_t j = k;
        while (j < n && !(s[j] == '|' && (j == 0 || s[j - 1] != '\\')))
            j++;
        rc = inline_text(m->d, s + k, j - k);
        if (rc == 0)
            rc = document_end_paragraph(m->d, PARA_BODY);
        k = j + 1;
    }
    return rc;
}

/* One line (without its newline). */
static int line(md_state *m, const char *s, size_t n)
{
    document *d = m->d;
    size_t lead = indent(s, n, 3);
    const char *t = s + lead;
    size_t tn = n - lead;
    if (m->fence) {
        if (tn >= 3 && t[0] == m->fence && t[1] == m->fence && t[2] == m->fence) {
            m->fence = 0;
            return document_end_paragraph(d, PARA_BODY);
        }
        int rc = document_append(d, s, n);
        return rc ? rc : document_append(d, " ", 1);
    }
    if (space_only(s, n))
        return document_end_paragraph(d, PARA_BODY);
    if (tn >= 3 && (strncmp(t, "```", 3) == 0 || strncmp(t, "~~~", 3) == 0)) {
        m->fence = t[0];
        return document_end_paragraph(d, PARA_BODY);
    }
    /* a setext underline turns the paragraph above into a heading */
    if (document_in_paragraph(d) && (rule_of(s, n, '=', 0) || rule_of(s, n, '-', 0)))
        return document_end_paragraph(d, PARA_HEADING);
    if (rule_of(s, n, '-', 1) || rule_of(s, n, '*', 1) || rule_of(s, n, '_', 1) || table_rule(s, n))
        return document_end_paragraph(d, PARA_BODY);
    if (tn && t[0] == '#') {
        size_t hashes = 0;
        while (hashes < tn && t[hashes] == '#')
            hashes++;
        if (hashes <= 6 && (hashes == tn || t[hashes] == ' ' || t[hashes] == '\t')) {
            size_t end = tn;
            while (end > hashes && (t[end - 1] == '#' || t[end - 1] == ' ' || t[end - 1] == '\t'))
                end--;
            int rc = document_end_paragraph(d, PARA_BODY);
            if (rc == 0)
                rc = inline_text(d, t + hashes, end > hashes ? end - hashes : 0);
            return rc ? rc : document_end_paragraph(d, PARA_HEADING);
        }
    }
    if (tn && t[0] == '[') { /* [id]: url — a link reference definition */
        const char *close = memchr(t, ']', tn);
        if (close && (size_t)(close - t) + 1 < tn && close[1] == ':')
            return 0;
    }
    while (tn && t[0] == '>') { /* block quotes */
        t++, tn--;
        size_t sp = indent(t, tn, 1);
        t += sp, tn -= sp;
    }
    size_t marker = 0;
    if (tn >= 2 && strchr("-*+", t[0]) && (t[1] == ' ' || t[1] == '\t')) {
        marker = 2;
    } else {
        while (marker < tn && marker < 9 && isdigit((unsigned char)t[marker]))
            marker++;
        marker = marker && marker + 1 < tn && (t[marker] == '.' || t[marker] == ')') && t[marker + 1] == ' '
                     ? marker + 2
                     : 0;
    }
    if (marker) { /* a list item starts a paragraph */
        int rc = document_end_paragraph(d, PARA_BODY);
        t += marker, tn -= marker;
        if (rc < 0)
            return rc;
    }
    if (tn && t[0] == '|') {
        int rc = document_end_paragraph(d, PARA_BODY);
        return rc ? rc : table_row(m, t + 1, tn - 1);
    }
    int rc = inline_text(d, t, tn);
    return rc ? rc : document_append(d, " ", 1);
}

int doc_markdown_read(const char *text, size_t len, const char *name, document *d)
{
    (void)name;
    md_state m = {d, 0};
    int rc = 0;
    for (size_t at = 0; rc == 0 && at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len, n = end - at;
        if (n && text[at + n - 1] == '\r')
            n--;
        rc = line(&m, text + at, n);
        at = end + 1;
    }
    return rc ? rc : document_end_paragraph(d, PARA_BODY);
}
