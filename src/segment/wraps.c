/* wraps.c — wrapped lines made spaces, and paragraph ends found.
 *
 * A paragraph is a run of non-blank lines; the newlines inside it become spaces (same
 * byte length, so offsets hold) before ICU sees the text, and their positions are kept
 * so that a sentence can say it was wrapped (sentence_span.wraps) and the model can see a
 * line's end in a gap. A newline before a list item stays ("- one\n- two": two lines that
 * start with the same bullet), so that the item ends the sentence before it. Two wraps are
 * undone without a space, as text cleaners (pySBD's among them) undo what PDF extraction
 * does: before a full stop or comma wrapped onto the next line, and between the pieces of
 * a word set in capitals a letter or two to a line. The threads
 * cut a large text at paragraph ends, where no pair of quotes stays open and no rule
 * reaches across. */
#include "segmenter_impl.h"

#include <string.h>

#include "../text/space.h"
#include "../util/error.h"
#include "../util/vec.h"

enum { CAPITAL_PIECES_MIN = 3 };

static int offsets_add(offset_list *l, size_t v)
{
    int rc = vec_reserve(&l->at, &l->cap, l->n + 1, sizeof *l->at);
    if (rc == 0)
        l->at[l->n++] = v;
    return rc;
}

/* The bullet that starts the line t[line..end) after its indent, followed by a space
 * ("- item", "* item", "• item", "– item"), as a number; 0 when it starts otherwise. */
static long bullet_of(const char *t, size_t line, size_t end)
{
    static const char *const bullets[] = {"-", "*", "+", "\u2022", "\u25AA", "\u00B7", "\u2013", "\u2014"};
    while (line < end && (t[line] == ' ' || t[line] == '\t'))
        line++;
    for (size_t k = 0; k < sizeof bullets / sizeof *bullets; k++) {
        size_t n = strlen(bullets[k]);
        if (end - line > n && memcmp(t + line, bullets[k], n) == 0 && (t[line + n] == ' ' || t[line + n] == '\t'))
            return (long)k + 1;
    }
    return 0;
}

/* Is the line t[line..end) a capital piece (capital_piece; a CR after it allowed)? */
static int capital_piece_line(const char *t, size_t line, size_t end)
{
    return capital_piece(t, line, end > line && t[end - 1] == '\r' ? end - 1 : end);
}

/* How many lines from t[line..] are such pieces, one after another. */
static size_t capital_pieces(const char *t, size_t line, size_t to)
{
    size_t pieces = 0;
    for (;;) {
        const char *nl = memchr(t + line, '\n', to - line);
        size_t end = nl ? (size_t)(nl - t) : to;
        if (!capital_piece_line(t, line, end))
            return pieces;
        pieces++;
        if (!nl)
            return pieces;
        line = end + 1;
    }
}

/* Does the line t[line..end) start with a lone . , ; : ! or ? (a wrap just before it)? */
static int starts_with_lone_mark(const char *t, size_t line, size_t end)
{
    while (line < end && (t[line] == ' ' || t[line] == '\t'))
        line++;
    return lone_mark(t, line, end);
}

int unwrap_lines(char *t, size_t len, offset_list *wraps)
{
    return unwrap_lines_in(t, 0, len, wraps);
}

int unwrap_lines_in(char *t, size_t from, size_t to, offset_list *wraps)
{
    size_t line = from;
    int prev_nonblank = 0;
    size_t prev_newline = 0;
    long prev_bullet = 0;
    size_t pieces_to_join = 0; /* lines still to come of a word set in capital pieces */
    while (line <= to) {
        char *nl = memchr(t + line, '\n', to - line);
        size_t end = nl ? (size_t)(nl - t) : to;
        int nonblank = !is_blank_line(t, line, end);
        /* a list: a line that starts with the same bullet as the line before or after it
         * starts an item, its newline kept (a break), not a wrap */
        long bullet = nonblank ? bullet_of(t, line, end) : 0, next_bullet = 0;
        if (bullet && bullet != prev_bullet && nl) {
            const char *next_nl = memchr(nl + 1, '\n', to - end - 1);
            next_bullet = bullet_of(t, end + 1, next_nl ? (size_t)(next_nl - t) : to);
        }
        int item = bullet && (bullet == prev_bullet || bullet == next_bullet);
        prev_bullet = bullet;
        if (nonblank && prev_nonblank && !item) {
            /* a wrap undone without a space (a vertical tab, which is white space to ICU and
             * the rules, and which space_collapse removes) */
            int glue = pieces_to_join > 0 || starts_with_lone_mark(t, line, end);
            pieces_to_join -= pieces_to_join > 0;
            t[prev_newline] = glue ? '\v' : ' ';
            if (prev_newline > from && t[prev_newline - 1] == '\r')
                t[prev_newline - 1] = ' ';
            if (offsets_add(wraps, prev_newline) < 0)
                return error_nomem();
        }
        if (nonblank && !pieces_to_join && capital_piece_line(t, line, end)) {
            size_t pieces = capital_pieces(t, line, to);
            pieces_to_join = pieces >= CAPITAL_PIECES_MIN ? pieces - 1 : 0;
        }
        prev_nonblank = nonblank;
        prev_newline = end;
        if (!nl)
            break;
        line = end + 1;
    }
    return 0;
}

/* After the end of the blank line at or after byte `at`, or len: a paragraph end, where
 * no pair of quotes stays open and the rules decide nothing. */
size_t paragraph_end_after(const char *t, size_t len, size_t at)
{
    for (const char *nl; at < len && (nl = memchr(t + at, '\n', len - at)); at = (size_t)(nl - t) + 1) {
        size_t line = (size_t)(nl - t) + 1;
        const char *end = memchr(t + line, '\n', len - line);
        if (end && is_blank_line(t, line, (size_t)(end - t))) /* the test unwrap_lines uses */
            return (size_t)(end - t) + 1;
    }
    return len;
}
