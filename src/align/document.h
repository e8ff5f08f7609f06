/* document.h — one document set: a pivot text and one or two translations, loaded,
 * aligned, and judged as translations of each other.
 *
 * What `align` does for each group of files and `batch` for each line of a manifest, in
 * one place, so that both give the same beads and refuse the same mismatches. Nothing
 * here prints: warnings go to a callback (the CLI prints them, a batch files them with
 * their document), errors are returned as error.h codes with their message. Nothing is
 * shared between documents either, so documents can be aligned on several threads at
 * once (the lexicons they borrow through align_options are read-only or locked). */
#ifndef POLYALIGN_ALIGN_DOCUMENT_H
#define POLYALIGN_ALIGN_DOCUMENT_H

#include "align.h"
#include "alignment.h"

/* A warning about the document being aligned (already translated, no "warning: " prefix). */
typedef void (*align_warn_fn)(void *ctx, const char *message);

typedef struct {
    doc_text texts[3];        /* pivot first */
    int ntexts;                 /* loaded so far */
    bead *beads;               /* after align_document_align */
    size_t n;
    align_fit fit[2];           /* the model fitted to each pair (pivot, translation) */
    align_warn_fn warn;         /* may be NULL: warnings dropped */
    void *warn_ctx;
} align_document;

void align_document_init(align_document *d, align_warn_fn warn, void *ctx);

/* Load the next text (the pivot first, at most three). With o->lang NULL the language
 * is guessed from the script and completed to a full tag (zh -> zh-CN); `ev` (may be
 * NULL) receives how the file's lines were read. 0 or a negative error code. */
int align_document_load(align_document *d, const char *path, const doc_text_options *o, line_evidence *ev);

/* Align the texts loaded (two or three), warning about a text without sentences. */
int align_document_align(align_document *d, const align_options *o);

/* Refuse (-ERR_DATA, nothing to be written) a translation that evidently is not one of
 * the pivot, or an empty pivot or an empty side of two texts, or with `force` warn and go on; warn when a pair aligned without a lexicon
 * has so many doubtful beads that nothing can tell (mismatch.h). */
int align_document_judge(const align_document *d, int force);

/* The alignment as the writers see it (borrows the document). */
alignment align_document_view(const align_document *d);

/* Mean confidence of the beads (0 without beads), and how many are below min_score. */
double align_document_mean_confidence(const align_document *d);
size_t align_document_doubtful(const align_document *d, double min_score);

void align_document_free(align_document *d);

#endif
