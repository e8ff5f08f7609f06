/* doc_xml.h — walking one XML part of a DOCX or ODT as a stream (libxml2 xmlTextReader).
 *
 * Both readers want the same thing from a part: each element's start and end and each
 * piece of text, in document order, with the subtrees they do not want skipped unread,
 * and a parse error reported as FILE: PART:LINE:COL: message. The parser runs with no
 * network, no entity substitution and no DTD loading (a hostile part can neither read
 * files nor expand entities), and libxml2's depth limit stands. */
#ifndef POLYALIGN_DOC_XML_H
#define POLYALIGN_DOC_XML_H

#include <stddef.h>

#include <libxml/xmlreader.h>

typedef enum { XML_WALK_START, XML_WALK_END, XML_WALK_TEXT } xml_walk_event;

/* Called per event: `qname` is the element's name as written ("w:p", "text:h"); for
 * XML_WALK_TEXT it is NULL and text[0..len) is the text. An empty element gets a start
 * and an end. Return 0 to go on, 1 (on a start) to skip the element's content (its end is
 * not reported), or a negative error code to stop. */
typedef int (*xml_walk_fn)(void *ctx, xml_walk_event ev, const char *qname, xmlTextReaderPtr r, const char *text,
                           size_t len);

/* Walk buf[0..len), part `part` of file `name`. 0, the callback's error, or -ERR_DATA. */
int xml_walk(const char *buf, size_t len, const char *name, const char *part, xml_walk_fn fn, void *ctx);

/* The value of attribute qname of the current element, copied into out ("" if absent). */
void xml_walk_attr(xmlTextReaderPtr r, const char *qname, char *out, size_t size);

#endif
