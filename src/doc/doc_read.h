/* doc_read.h — the one way a text to segment or align comes in: a file read for what it
 * is, or refused with what it is and how to convert it.
 *
 * align, segment, subtitle and sync all read their texts here. The format comes from
 * --input-format, else from the content and the file name: containers and binary
 * formats by their magic numbers (sniff.h), whatever the name says; a DOCX or ODT is
 * read as one (doc_zip.h, readers.h), any other ZIP, a PDF, an old Office file, an
 * image, TMX, XLIFF or another XML is refused (exit 65) naming what it is and how to get
 * text out of it. Text is HTML when it starts like HTML, or XHTML by its root element,
 * else the extension decides (.html, .htm, .xhtml, .md, .markdown; anything else is plain
 * text). A structured document comes out as plain text of its paragraphs (document.h)
 * with the kind of each paragraph, so everything after this point is the same for every
 * format. Plain text is converted from its encoding as before (encoding.h); an HTML or XML
 * file that is not UTF-8 is converted from the charset it declares. */
#ifndef POLYALIGN_DOC_READ_H
#define POLYALIGN_DOC_READ_H

#include <stddef.h>

#include "../text/input.h"

typedef enum { DOC_AUTO = 0, DOC_TXT, DOC_HTML, DOC_XHTML, DOC_DOCX, DOC_ODT, DOC_MD } doc_format;

typedef struct {
    const char *encoding;   /* NULL or "auto": UTF-8 or detected (encoding.h); else that one */
    doc_format format;      /* DOC_AUTO: from the content and the name */
} doc_read_options;

typedef struct {
    text_input text;        /* plain text as read; for the others, their paragraphs one a line
                             * with a blank line between (offsets then count that text) */
    doc_format format;
    unsigned char *kind;    /* per paragraph, para_kind (document.h); NULL for plain text */
    size_t nparas, headings;
    int by_content;         /* the format was told from the content, not --input-format or
                             * the file name's extension */
} doc_input;

/* "auto", "txt", "html", "xhtml", "docx", "odt", "md" -> doc_format; -1 for anything else. */
int doc_format_parse(const char *name);

/* "plain text", "HTML", "XHTML", "DOCX", "ODT", "Markdown". */
const char *doc_format_name(doc_format f);

/* The format a file's extension names (.txt, .html, .md …; DOC_AUTO for any other). */
doc_format doc_format_of_name(const char *path);

/* The formats --input-format takes, for messages and help. */
#define DOC_FORMAT_NAMES "txt, html, xhtml, docx, odt or md"

/* Read path ("-" or NULL: stdin). 0, or -ERR_NOINPUT / -ERR_IO / -ERR_DATA (a format
 * refused, a damaged document, bad bytes) / -ERR_USAGE (an unknown encoding), with
 * error_last() naming the file. */
int doc_read(const char *path, const doc_read_options *o, doc_input *out);

void doc_input_free(doc_input *in);

#endif
