/* document.h — a document read from HTML, DOCX, ODT or Markdown: its paragraphs, in
 * reading order, each marked as body text or a heading.
 *
 * The segmenter and the aligner work on plain UTF-8 text whose paragraphs are separated
 * by blank lines (segmenter.h). So a structured document is handed on in exactly that
 * form: one paragraph per line, whitespace inside it collapsed to single spaces, a blank
 * line between paragraphs, no empty paragraph. Paragraph k of the text is paragraph k of
 * the segmenter and kind[k] says whether it is a heading (a hard anchor for the
 * aligner, hard_anchor.h). The readers fill it a piece of text at a time
 * (document_append, then document_end_paragraph), as their XML parsers report text. */
#ifndef POLYALIGN_DOC_DOCUMENT_H
#define POLYALIGN_DOC_DOCUMENT_H

#include <stddef.h>

typedef enum { PARA_BODY = 0, PARA_HEADING = 1 } para_kind;

typedef struct {
    char *text;             /* paragraphs, one a line, "\n\n" between; NUL-terminated */
    size_t len, cap;
    unsigned char *kind;    /* para_kind of each paragraph */
    size_t n, kcap;
    size_t open;            /* bytes of text that belong to the paragraph being built */
    int space;              /* the paragraph being built ends in collapsed white space */
} document;

/* Add s[0..len) (UTF-8) to the paragraph being built: runs of white space become one
 * space, leading white space is dropped. 0 or -ERR_NOMEM. */
int document_append(document *d, const char *s, size_t len);

/* End the paragraph being built as `kind`; an empty one is dropped. 0 or -ERR_NOMEM. */
int document_end_paragraph(document *d, para_kind kind);

/* Copy paragraphs [first, first+count) of `from` (finished ones) to the end of d. */
int document_copy(document *d, const document *from, size_t first, size_t count);

/* Move every paragraph of `from` (finished) to the end of d, and empty `from`. */
int document_take(document *d, document *from);

/* Whether a paragraph is being built (text appended since the last end). */
int document_in_paragraph(const document *d);

/* The number of headings. */
size_t document_headings(const document *d);

/* Give up the text (malloc'd, NUL-terminated) and reset d's text; kinds stay. */
char *document_release_text(document *d, size_t *len);

void document_free(document *d);

#endif
