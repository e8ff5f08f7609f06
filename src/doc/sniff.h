/* sniff.h — what a file holds, told from its bytes, before anything reads it as text.
 *
 * An HTML page read as plain text puts tags and entities into a translation memory; a
 * .docx read as text fails on a NUL byte with no word of what to do. So every input is
 * looked at first: the magic numbers of containers and binary formats (ZIP, PDF, the old
 * Office compound files, RTF, archives, images, programs), then, for text, whether it is
 * markup: XML (named by its root element: XHTML, TMX, XLIFF, a part of a DOCX or ODT) or
 * HTML (the start patterns of the WHATWG MIME sniffing standard: a document type, or a
 * first tag such as <html>, <head>, <body>, <p>, <div>, <h1>, <table>). Plain text that
 * merely mentions "<p>" further on is text. */
#ifndef POLYALIGN_DOC_SNIFF_H
#define POLYALIGN_DOC_SNIFF_H

#include <stddef.h>

typedef enum {
    SNIFF_TEXT,     /* nothing else: plain text (in some encoding) */
    SNIFF_HTML,     /* HTML by its first tag or document type */
    SNIFF_XML,      /* XML: its root element in `root` ("html" for XHTML) */
    SNIFF_ZIP,      /* a ZIP container (DOCX, ODT, XLSX, EPUB, …: doc_zip.h tells) */
    SNIFF_PDF,
    SNIFF_BINARY    /* another binary or foreign format, named in `what` */
} sniff_kind;

typedef struct {
    sniff_kind kind;
    char root[64];      /* SNIFF_XML: the root element's name as written ("w:document") */
    const char *what;   /* SNIFF_BINARY: N_() "a gzip archive", … */
    const char *hint;   /* SNIFF_BINARY: N_() how to convert it, or NULL */
} sniff_result;

/* Look at buf[0..len) (the file's bytes as stored; a UTF-8 BOM is skipped). Containers and
 * binary formats are told by magic numbers only; text is told HTML or XML only from its
 * start. Text in UTF-16 or another ASCII-incompatible encoding is SNIFF_TEXT: look again
 * at its UTF-8 conversion. */
void sniff_bytes(const char *buf, size_t len, sniff_result *out);

/* The encoding a markup file declares in its first 2 KB (<meta charset=…>, <meta
 * http-equiv content="…; charset=…">, <?xml … encoding="…"?>), copied to out; 0 when
 * none. */
int sniff_declared_charset(const char *buf, size_t len, char *out, size_t size);

#endif
