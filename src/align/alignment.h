/* alignment.h — an alignment as the writers see it: the texts (pivot first), the beads
 * between them and the model fitted to each pair, borrowed from whoever aligned them.
 *
 * align/ computes beads and knows no file format; the formats are written above it
 * (export/alignment_output.h, the review page). What every format shows of a bead is
 * here, so that they show it alike: the text of one side and the bead's shape. */
#ifndef POLYALIGN_ALIGN_ALIGNMENT_H
#define POLYALIGN_ALIGN_ALIGNMENT_H

#include <stddef.h>

#include "align.h"

typedef struct {
    const doc_text *text[3];  /* pivot first */
    size_t ntexts;              /* 2 or 3 */
    const bead *beads;
    size_t n;
    const align_fit *fit;       /* the fitted model per pair (ntexts - 1), or NULL */
} alignment;

/* The text of sentences [start, start+len) of t: joined by a space, or by nothing for
 * languages written without spaces (one bead's side, as every format shows it). A
 * malloc'd string, or NULL when memory is short. */
char *alignment_side_text(const doc_text *t, size_t start, size_t len);

/* "2-1" or "2-1-1" */
void bead_shape_name(const alignment *a, const bead *b, char *buf, size_t size);

#endif
