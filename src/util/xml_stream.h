/* xml_stream.h — an xmlTextWriter on a stdio stream, for every XML format written (TMX,
 * XLIFF).
 *
 * libxml2 writes into the FILE through a callback, not xmlOutputBufferCreateFile: that
 * one prints "I/O error : …" lines of its own when a write fails. A failed write stays in
 * the stream, whose owner reports it once with the file's name (atomic_file_finish); the
 * writers only stop at the next unit (xml_stream_status). Text passes through
 * xml_stream_clean first: characters XML 1.0 forbids are dropped and counted, so the
 * caller can warn. */
#ifndef POLYALIGN_XML_STREAM_H
#define POLYALIGN_XML_STREAM_H

#include <stdio.h>

#include <libxml/xmlwriter.h>

typedef struct {
    xmlTextWriterPtr xml;
    FILE *f;
    size_t dropped;     /* characters dropped by xml_stream_clean */
    char *clean;        /* scratch for text with forbidden characters removed */
    size_t clean_cap;
} xml_stream;

/* A writer on f (not closed here), indenting by two spaces. 0 or -ERR_NOMEM. */
int xml_stream_open(xml_stream *s, FILE *f);

/* A writer object of `size` bytes, zeroed, whose first member is an xml_stream, with that
 * stream opened on f: what the TMX and XLIFF writers are made of. NULL with *rc set
 * (-ERR_NOMEM) when memory is short. */
void *xml_stream_new(size_t size, FILE *f, int *rc);

/* text, or a copy without the characters XML 1.0 forbids (C0 controls but tab, LF, CR;
 * U+FFFE, U+FFFF); NULL when memory is short. The input is valid UTF-8. */
const char *xml_stream_clean(xml_stream *s, const char *text);

/* -ERR_IO once the stream has failed (its owner reports it), else 0. */
int xml_stream_status(const xml_stream *s);

/* End the document, flush, free the writer and then `owner` (the writer object holding
 * s, or NULL). 0, -ERR_NOMEM or -ERR_IO. */
int xml_stream_close(xml_stream *s, void *owner);

/* xmlTextWriter fails only when memory is short: its output never fails. */
#define XML_CHECK(call)                                                                                            \
    do {                                                                                                           \
        if ((call) < 0)                                                                                            \
            return error_nomem();                                                                                  \
    } while (0)

#endif
