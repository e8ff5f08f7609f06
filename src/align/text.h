/* text.h — one side of an alignment: a document as a list of sentences.
 *
 * The aligner needs the sentences of each input, their paragraphs and the language. A
 * side comes from plain text (segmented with the project's segmenter) or from
 * presegmented input (one sentence per line, a blank line between paragraphs), which is
 * how evaluation sets and most corpora are stored. */
#ifndef POLYALIGN_ALIGN_TEXT_H
#define POLYALIGN_ALIGN_TEXT_H

#include <stddef.h>

#include "../doc/doc_read.h"
#include "../text/encoding.h"
#include "../text/lang.h"
#include "../text/lines.h"
#include "hard_anchor.h"

typedef struct {
    char lang[LANG_TAG_MAX];    /* full BCP 47 tag, e.g. zh-CN */
    char base[LANG_TAG_MAX];    /* language subtag, e.g. zh */
    char *name;                 /* file name, for messages and TMX props */
    const char **sent;          /* sentence texts, NUL-terminated, whitespace collapsed */
    size_t *para;               /* paragraph index of each sentence */
    size_t n;
    char *storage;              /* owns the sentence bytes */
    text_encoding encoding;     /* what the file was converted from ("" for UTF-8) */
    doc_format format;          /* what it was read as (doc_read.h) */
    int format_by_content;      /* told from the content against its name */
    size_t paragraphs, headings; /* of a structured document */
    text_anchor *anchors;       /* markers and headings, in order (hard_anchor.h) */
    size_t nanchors;
} align_text;

typedef struct {
    const char *lang;           /* a canonical tag, or NULL to guess it from the script */
    line_structure lines;       /* what a single newline is (LINES_AUTO: decided) */
    const char *encoding;       /* NULL or "auto": UTF-8, else detected (encoding.h) */
    doc_format format;          /* DOC_AUTO: from the content and the name (doc_read.h) */
    const char *marker;         /* a paragraph of only this is a hard anchor; NULL: the
                                 * default <<<>>>, "": none */
} align_text_options;

/* Read `path` as doc_read.h does (plain text, HTML, DOCX, ODT, Markdown; encoding.h:
 * UTF-8, or converted from o->encoding or a clearly detected one). Paragraphs of only
 * the marker are taken out and, with the headings of a structured document, become the
 * text's hard anchors. o->lang NULL guesses the language from the script (script.h: Han -> zh-CN, Cyrillic ->
 * ru-RU, Latin -> en-US). o->lines says what a single newline is (lines.h):
 * LINES_SENTENCE is presegmented input; LINES_AUTO decides from the file, and `decided`
 * (may be NULL) receives the decision and its evidence. 0 or a negative error code. */
int align_text_load(align_text *t, const char *path, const align_text_options *o, line_evidence *decided);

/* Expand a tag to the full form CAT tools match on (en -> en-US, zh -> zh-CN) using ICU's
 * likely subtags; a tag with a region is kept. */
void align_full_tag(const char *tag, char out[LANG_TAG_MAX]);

void align_text_free(align_text *t);

#endif
