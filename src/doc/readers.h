/* readers.h — the document readers, one file each: HTML and XHTML (doc_html.c), DOCX
 * (doc_docx.c), ODT (doc_odt.c), Markdown (doc_markdown.c). Each turns its format into a
 * document's paragraphs (document.h); doc_read.c chooses among them. Errors name the
 * file and, where there is one, the line and column (exit 65). */
#ifndef POLYALIGN_DOC_READERS_H
#define POLYALIGN_DOC_READERS_H

#include <stddef.h>

#include "doc_zip.h"
#include "document.h"

/* Elements nested deeper than this in HTML are refused: no text is that deep, and a
 * hostile page of 10,000 nested elements must not cost a stack or minutes. (libxml2's XML
 * parser has its own limit, 256, for DOCX and ODT parts.) */
enum { DOC_MAX_DEPTH = 256 };

/* HTML or XHTML in UTF-8 (text[0..len)): block elements make paragraphs, h1-h6 headings;
 * script, style, head, nav, header, footer and the like are dropped. */
int doc_html_read(const char *text, size_t len, const char *name, document *d);

/* word/document.xml of a DOCX: paragraphs, headings (by style or outline level), table
 * cells and foot- and endnotes (after the paragraph citing them) in reading order. */
int doc_docx_read(doc_zip *z, const char *name, document *d);

/* content.xml of an ODT: text:p, text:h, lists, table cells, notes after their paragraph. */
int doc_odt_read(doc_zip *z, const char *name, document *d);

/* Markdown in UTF-8: blocks make paragraphs, # and setext headings headings; the markup
 * that is not text (emphasis markers, link targets, list and quote markers) is dropped. */
int doc_markdown_read(const char *text, size_t len, const char *name, document *d);

#endif
