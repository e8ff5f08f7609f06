/* space.h — whitespace inside a sentence, as users want to see it.
 *
 * A sentence keeps its byte span into the input, but its printed text joins wrapped lines
 * and collapses runs of ASCII whitespace (tabs, CR LF from unwrapping, double spaces) into
 * one space: that is what belongs on one line of output, in a TMX segment or a cue. */
#ifndef POLYALIGN_SPACE_H
#define POLYALIGN_SPACE_H

#include <stddef.h>

/* Does text[0..len) need collapsing? (fast check for the common case: no) */
int space_needs_collapse(const char *text, size_t len);

/* Write the collapsed form of text[0..len) into out (at least len bytes); returns its length. */
size_t space_collapse(const char *text, size_t len, char *out);

#endif
