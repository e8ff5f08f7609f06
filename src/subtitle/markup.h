/* markup.h — the markup a subtitle line may carry, which takes no room on screen: SRT's
 * <i> <b> <u> <s> and <font …> tags, WebVTT's <c.…> <v …> <lang …> <ruby> <rt> and
 * timestamp tags, and the ASS override blocks {\…} that many players honour in SRT.
 * Widths, reading speed and line breaks skip it (cues.c, srt check), and a tag that a
 * cut leaves open is carried over into the next cue. */
#ifndef POLYALIGN_SUBTITLE_MARKUP_H
#define POLYALIGN_SUBTITLE_MARKUP_H

#include <stddef.h>

/* Bytes of the markup that starts at s (0: none starts there). */
size_t markup_length(const char *s);

/* The end of t[0..w) without the markup that closes it ("我们</i>" ends after 们). */
size_t markup_end_before(const char *t, size_t w);

/* Remove the markup from s, in place. */
void markup_strip(char *s);

/* Texts [0, n) are the cues one text was cut into: a tag still open at the end of one
 * (an <i> whose </i> is in a later cue) is closed there and opened again at the start
 * of the next, since players end every tag with its cue; ASS overrides ({\an8}, {\i1})
 * met so far are repeated at the start of each later one. Texts are replaced (malloc'd;
 * the old ones freed), and on failure each is still either its old or its new self.
 * 0 or -1 when out of memory. */
int markup_carry_over(char **texts, size_t n);

#endif
