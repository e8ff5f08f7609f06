/* space.h — whitespace inside a sentence, as users want to see it.
 *
 * A sentence keeps its byte span into the input, but when it was wrapped over several
 * lines its printed text collapses runs of ASCII whitespace (CR LF turned into spaces,
 * indentation) into one space: that is what belongs on one line of output, in a TMX
 * segment or a cue. Unwrapped sentences keep their spacing as written. */
#ifndef POLYALIGN_SPACE_H
#define POLYALIGN_SPACE_H

#include <stddef.h>

/* Does text[0..len) need collapsing? (fast check for the common case: no) */
int space_needs_collapse(const char *text, size_t len);

/* Write the collapsed form of text[0..len) into out (at least len bytes); returns its length. */
size_t space_collapse(const char *text, size_t len, char *out);

#endif
