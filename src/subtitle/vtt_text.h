/* vtt_text.h — WebVTT cue text: the character references it needs for '&', '<' and '>'.
 *
 * In WebVTT cue text '&' starts a character reference and '<' a tag, so a text's own
 * '&', '<' and '>' are written &amp; &lt; &gt; (which also keeps a "-->" in the text
 * from reading as a timing line). The markup the project recognises as tags (markup.h:
 * <i>, <v Name>, <c.x>, timestamps …) is written as it is, and read back as it is. SRT
 * has no such escaping: its text is written and read raw. */
#ifndef POLYALIGN_SUBTITLE_VTT_TEXT_H
#define POLYALIGN_SUBTITLE_VTT_TEXT_H

#include <stdio.h>

/* Write text as WebVTT cue text: '&', '<' and '>' outside tags as references. */
void vtt_text_write(FILE *f, const char *text);

/* Decode, in place, the character references of a line of WebVTT cue text outside its
 * tags: &amp; &lt; &gt; &nbsp; &lrm; &rlm; and numeric ones (&#38; &#x26;; a code point
 * that is no character, or a control character other than TAB, becomes U+FFFD: a
 * decoded &#10; would end the line). Anything else that starts with '&' stays as
 * written. The text never grows. */
void vtt_text_decode(char *line);

#endif
