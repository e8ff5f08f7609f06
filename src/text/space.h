/* space.h — whitespace: which characters are, whether a text is only that, and inside a
 * sentence, as users want to see it.
 *
 * A sentence keeps its byte span into the input, but when it was wrapped over several
 * lines its printed text collapses runs of ASCII whitespace (CR LF turned into spaces,
 * indentation) into one space: that is what belongs on one line of output, in a TMX
 * segment or a cue. Unwrapped sentences keep their spacing as written. */
#ifndef POLYALIGN_SPACE_H
#define POLYALIGN_SPACE_H

#include <stddef.h>

#include <unicode/umachine.h>

/* Unicode's White_Space, ICU's u_isUWhiteSpace without the call: ASCII's, U+0085, U+00A0,
 * U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Inline, with Cyrillic
 * and Han letters (the common case beyond ASCII) out in two tests: the segmenter asks it
 * of most characters around every candidate break. */
static inline int char_is_space(UChar32 c)
{
    if (c < 128)
        return c == ' ' || (c >= '\t' && c <= '\r');
    if (c < 0x1680)
        return c == 0x85 || c == 0xA0;
    if (c > 0x3000)
        return 0;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

/* Whether bytes[0..len) holds nothing but ASCII whitespace (nothing at all included). */
int space_only(const char *bytes, size_t len);

/* Does text[0..len) need collapsing? (fast check for the common case: no) */
int space_needs_collapse(const char *text, size_t len);

/* Is text[at] a lone . , ; : ! or ?, white space or the end (text[end]) after it: a mark
 * that a wrap put at the start of a line, away from the word it ends? */
int lone_mark(const char *text, size_t at, size_t end);

/* Is text[from..to) one or two capital letters A-Z: a piece of a word set in capitals a
 * letter or two to a line, as text taken out of a PDF can have it? */
int capital_piece(const char *text, size_t from, size_t to);

/* Write the collapsed form of text[0..len) into out (at least len bytes, or text itself);
 * returns its length. Every run of white space is one space, but for a wrap unwrap_lines
 * undid without one (a vertical tab in the run): before a lone . , ; : ! or ? ("pricing\n.
 * Next" is "pricing. Next") and between pieces of a word set a letter or two to a line
 * ("W\nA\nRN\nI\nNG" is "WARNING"), as text cleaners undo what PDF extraction does. */
size_t space_collapse(const char *text, size_t len, char *out);

#endif
