/* anchors.h — a text's hard anchors: marker paragraphs and headings, where they are.
 *
 * A paragraph that holds nothing but a marker (default <<<>>>, --anchor-marker) is taken
 * out of the text when it is loaded, and a heading of a structured document stays in it;
 * both are remembered as sentence boundaries, so that the aligner can make them points no
 * bead crosses (align/hard_anchor.h pairs them). Part of the document value type (text.h). */
#ifndef POLYALIGN_DOC_ANCHORS_H
#define POLYALIGN_DOC_ANCHORS_H

#include <stddef.h>

#include "../segment/segmenter.h"

#define HARD_ANCHOR_DEFAULT_MARKER "<<<>>>"

typedef struct {
    size_t before, after;   /* sentence boundaries: a marker's (before == after), or a
                             * heading's first sentence and one past its last */
    int heading;
} text_anchor;

/* Blank out (with spaces, so offsets hold) every line of text[0..len) that holds only
 * `marker` (spaces around it aside), so that it is a paragraph break and no sentence, and
 * return the lines' offsets in *offsets (malloc'd). `kind`/`*nkinds`, when not NULL, are
 * the paragraph kinds of a structured text (one paragraph a line): a marker paragraph's
 * entry is removed. 0 or -ERR_NOMEM. */
int text_anchors_blank_markers(char *text, size_t len, const char *marker, unsigned char *kind, size_t *nkinds,
                              size_t **offsets, size_t *n);

/* The anchors of a segmented text: markers at byte offsets[0..noffsets), headings from
 * the kinds of the spans' paragraphs (kind NULL: none). Sorted; *out malloc'd. */
int text_anchors_collect(const size_t *offsets, size_t noffsets, const sentence_span *spans, size_t nspans,
                        const unsigned char *kind, size_t nkinds, text_anchor **out, size_t *n);

#endif
