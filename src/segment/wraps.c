/* wraps.c — wrapped lines made spaces, and paragraph ends found.
 *
 * A paragraph is a run of non-blank lines; the newlines inside it become spaces (same
 * byte length, so offsets hold) before ICU sees the text, and their positions are kept
 * so that a sentence can say it was wrapped (sentence_span.wraps) and the model can see a
 * line's end in a gap. A newline before a list item stays ("- one\n- two": two lines that
 * start with the same bullet), so that the item ends the sentence before it. Two wraps are
 * undone without a space, as text cleaners (pySBD's among them) undo what PDF extraction
 * does: before a full stop or comma wrapped onto the next line, and between the pieces of
 * a word set in capitals a letter or two to a line. A newline a writer typed stays, as a
 * list item's does: after a line too short for greedy or even filling to have ended it
 * there, before a word that starts a sentence (a heading over its paragraph). The threads
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

/* A length in both measures a wrapping tool may count: characters (an editor) and bytes
 * (fmt counts bytes, so a Russian line of many spaces holds more characters). */
typedef struct {
    size_t chars, bytes;
} text_length;

static text_length length_of(const char *t, size_t from, size_t to)
{
    text_length n = {0, to - from};
    for (size_t i = from; i < to; i++)
        n.chars += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

/* The end of line t[line..end) without the spaces (and CR) that end it. */
static size_t line_text_end(const char *t, size_t line, size_t end)
{
    while (end > line && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
        end--;
    return end;
}

/* A paragraph's lines, and the width it was wrapped at: its longest line of two words or
 * more, in each measure (a word longer than the width has a line of its own, longer). */
typedef struct {
    text_length width;
    size_t lines;
} paragraph_shape;

static paragraph_shape paragraph_shape_at(const char *t, size_t line, size_t to)
{
    paragraph_shape p = {{0, 0}, 0};
    text_length *width = &p.width;
    while (line < to) {
        const char *nl = memchr(t + line, '\n', to - line);
        size_t end = nl ? (size_t)(nl - t) : to;
        if (is_blank_line(t, line, end))
            break;
        size_t text_start = line, text_end = line_text_end(t, line, end);
        while (text_start < text_end && (t[text_start] == ' ' || t[text_start] == '\t'))
            text_start++;
        if (memchr(t + text_start, ' ', text_end - text_start) || memchr(t + text_start, '\t', text_end - text_start)) {
            text_length n = length_of(t, line, text_end);
            width->chars = n.chars > width->chars ? n.chars : width->chars;
            width->bytes = n.bytes > width->bytes ? n.bytes : width->bytes;
        }
        p.lines++;
        if (!nl)
            break;
        line = end + 1;
    }
    return p;
}

/* Is a line of length `line` short in a paragraph of width `width`, so short that `word`
 * would have fitted after it? And, in a paragraph of more than two lines, 40% of the width
 * at most: tools that fill paragraphs evenly rather than greedily (fmt, par) leave lines
 * short of the next word (fmt breaks after a sentence's first word: "81. Организация\n
 * Объединенных Наций"), but not that short. (Of two lines, a second longer than the first
 * and its word is the writer's: no tool leaves the first line that short.) */
static int room_for(size_t line, size_t word, size_t width, size_t lines)
{
    return line + 1 + word <= width && (lines <= 2 || line * 5 <= width * 2);
}

/* Is the newline between line t[prev..prev_end) and the line t[line..end) one that a writer
 * typed, not a wrap: the line before is short (room_for the first word of the line, in
 * characters and in bytes alike), and the line starts as a sentence does (a capital or a
 * digit, after opening marks)? A heading over a wrapped paragraph ("Background\nThe first
 * conference was held in 2014, and it has been held every\nyear since"), a title line, a
 * signature. Greedy wrapping moves a word to the next line only when it does not fit.
 * Latin and Cyrillic text only: Chinese wraps anywhere. */
enum { WRAP_WIDTH_MIN = 30 };
static int typed_newline(const char *t, size_t prev, size_t prev_end, size_t line, size_t end, paragraph_shape p)
{
    if (p.width.chars < WRAP_WIDTH_MIN)
        return 0;
    size_t prev_text_end = line_text_end(t, prev, prev_end);
    if (prev_text_end == prev || t[prev_text_end - 1] == '-')
        return 0; /* a word cut by a hyphen goes on */
    size_t i = line;
    while (i < end && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t word = i;
    while (word < end && t[word] != ' ' && t[word] != '\t' && t[word] != '\r')
        word++;
    text_length before = length_of(t, prev, prev_text_end), first = length_of(t, i, word);
    if (!room_for(before.chars, first.chars, p.width.chars, p.lines) ||
        !room_for(before.bytes, first.bytes, p.width.bytes, p.lines))
        return 0;
    while (i < word && t[i] && strchr("([\"'", t[i]))
        i++;
    if (i == word)
        return 0;
    unsigned char c = (unsigned char)t[i];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    /* a Cyrillic capital: U+0400-U+042F is D0 80-D0 AF */
    return c == 0xD0 && i + 1 < word && (unsigned char)t[i + 1] >= 0x80 && (unsigned char)t[i + 1] <= 0xAF;
}

/* Does the line t[line..end) start with a lone . , ; : ! or ? (a wrap just before it)? */
static int starts_with_lone_mark(const char *t, size_t line, size_t end)
{
    while (line < end && (t[line] == ' ' || t[line] == '\t'))
        line++;
    return lone_mark(t, line, end);
}

int unwrap_lines(char *t, size_t len, int typed, offset_list *wraps)
{
    return unwrap_lines_in(t, 0, len, typed, wraps);
}

int unwrap_lines_in(char *t, size_t from, size_t to, int typed, offset_list *wraps)
{
    size_t line = from;
    int prev_nonblank = 0;
    size_t prev_newline = 0;
    long prev_bullet = 0;
    size_t pieces_to_join = 0; /* lines still to come of a word set in capital pieces */
    size_t prev_line = from;
    paragraph_shape shape = {{0, 0}, 0};
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
        if (typed && nonblank && !prev_nonblank)
            shape = paragraph_shape_at(t, line, to);
        if (nonblank && prev_nonblank && !item && !(typed && typed_newline(t, prev_line, prev_newline, line, end, shape))) {
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
        prev_line = line;
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
