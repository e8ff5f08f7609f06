/* text.h — a document as a list of sentences: the value type the aligner and the
 * subtitler share (one side of an alignment, a transcript).
 *
 * Both need the sentences of each input, their paragraphs, the language and the hard
 * anchors (anchors.h). A text comes from plain text or a structured document (segmented
 * with the project's segmenter) or from presegmented input (one sentence per line, a
 * blank line between paragraphs), which is how evaluation sets and most corpora are
 * stored. It lives below the stages, so that align/ and subtitle/ are siblings over it. */
#ifndef POLYALIGN_DOC_TEXT_H
#define POLYALIGN_DOC_TEXT_H

#include <stddef.h>

#include "doc_read.h"
#include "../text/encoding.h"
#include "../text/lang.h"
#include "../text/lines.h"
#include "anchors.h"

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
} doc_text;

typedef struct {
    const char *lang;           /* a canonical tag, or NULL to guess it from the script */
    line_structure lines;       /* what a single newline is (LINES_AUTO: decided) */
    const char *encoding;       /* NULL or "auto": UTF-8, else detected (encoding.h) */
    doc_format format;          /* DOC_AUTO: from the content and the name (doc_read.h) */
    const char *marker;         /* a paragraph of only this is a hard anchor; NULL: the
                                 * default <<<>>>, "": none */
    const char *lang_option;    /* the option that names the language, for the message when
                                 * it cannot be guessed (NULL: --langs, align's) */
} doc_text_options;

/* Read `path` as doc_read.h does (plain text, HTML, DOCX, ODT, Markdown; encoding.h:
 * UTF-8, or converted from o->encoding or a clearly detected one). Paragraphs of only
 * the marker are taken out and, with the headings of a structured document, become the
 * text's hard anchors. o->lang NULL guesses the language from the script (script.h: Han -> zh-CN, Cyrillic ->
 * ru-RU, Latin -> en-US). o->lines says what a single newline is (lines.h):
 * LINES_SENTENCE is presegmented input; LINES_AUTO decides from the file, and `decided`
 * (may be NULL) receives the decision and its evidence. 0 or a negative error code. */
int doc_text_load(doc_text *t, const char *path, const doc_text_options *o, line_evidence *decided);

void doc_text_free(doc_text *t);

#endif
