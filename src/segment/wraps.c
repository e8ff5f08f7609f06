/* wraps.c — wrapped lines made spaces, and paragraph ends found.
 *
 * A paragraph is a run of non-blank lines; the newlines inside it become spaces (same
 * byte length, so offsets hold) before ICU sees the text, and their positions are kept
 * so that a sentence can say it was wrapped (sentence_span.wraps) and the model can see a
 * line's end in a gap. The threads cut a large text at paragraph ends, where no pair of
 * quotes stays open and no rule reaches across. */
#include "segmenter_impl.h"

#include <string.h>

#include "../util/error.h"
#include "../util/vec.h"

static int offsets_add(offset_list *l, size_t v)
{
    int rc = vec_reserve(&l->at, &l->cap, l->n + 1, sizeof *l->at);
    if (rc == 0)
        l->at[l->n++] = v;
    return rc;
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
    while (line <= to) {
        char *nl = memchr(t + line, '\n', to - line);
        size_t end = nl ? (size_t)(nl - t) : to;
        int nonblank = !is_blank_line(t, line, end);
        if (nonblank && prev_nonblank) {
            t[prev_newline] = ' ';
            if (prev_newline > from && t[prev_newline - 1] == '\r')
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
