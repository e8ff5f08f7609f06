/* hard_anchor.h — points an alignment never crosses: marker paragraphs and headings.
 *
 * A book aligns chapter by chapter when its chapters are marked: a paragraph that holds
 * nothing but a marker (default <<<>>>, --anchor-marker) or a heading of a structured
 * document (HTML h1-h6, a DOCX or ODT heading, a Markdown heading) is a boundary that no
 * bead may straddle. The k-th marker of the pivot meets the k-th marker of the
 * translation, and so do the headings: the boundary before a heading and the one after
 * it become nodes the alignment path must pass through (dp.h, dp_band's forced nodes),
 * so a heading aligns with the heading and the text of one chapter with that of the same
 * chapter. Markers are user's marks: when the two texts have different numbers of them
 * the alignment is refused (exit 65, both counts named). Headings come from the
 * documents: when their numbers differ they stay soft evidence (paragraph boundaries) and
 * the caller warns. A marker paragraph is removed from the text; a heading stays. */
#ifndef POLYALIGN_ALIGN_HARD_ANCHOR_H
#define POLYALIGN_ALIGN_HARD_ANCHOR_H

#include <stddef.h>

#include "../doc/anchors.h"
#include "dp.h"

typedef struct {
    const char *src_name, *tgt_name;
    const text_anchor *src, *tgt;
    size_t nsrc, ntgt;
    size_t src_sentences, tgt_sentences;
} hard_anchor_pair_in;

/* The nodes an alignment of the two texts must pass through, sorted, without (0, 0) and
 * (n, m); *nodes malloc'd (NULL when none). *headings_unpaired is set when the texts have
 * different numbers of headings (they are then left out). -ERR_DATA when the numbers of
 * markers differ. */
int hard_anchor_pair(const hard_anchor_pair_in *in, dp_node **nodes, size_t *n, int *headings_unpaired);

#endif
