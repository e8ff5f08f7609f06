/* doc_xml.c — streaming walk over an XML part; see doc_xml.h. */
#include "doc_xml.h"

#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

typedef struct {
    char message[256];
    int line, column;
} first_error;

static void on_error(void *arg, xmlErrorPtr e)
{
    first_error *fe = arg;
    if (fe->message[0] || !e)
        return;
    snprintf(fe->message, sizeof fe->message, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(fe->message);
    while (n && (fe->message[n - 1] == '\n' || fe->message[n - 1] == ' '))
        fe->message[--n] = '\0';
    fe->line = e->line;
    fe->column = e->int2;
}

void xml_walk_attr(xmlTextReaderPtr r, const char *qname, char *out, size_t size)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST qname);
    snprintf(out, size, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

int xml_walk(const char *buf, size_t len, const char *name, const char *part, xml_walk_fn fn, void *ctx)
{
    xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, part, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                                XML_PARSE_COMPACT);
    if (!r)
        return error_nomem();
    first_error fe = {"", 0, 0};
    xmlTextReaderSetStructuredErrorHandler(r, on_error, &fe);
    int rc = 0, more = xmlTextReaderRead(r);
    while (rc == 0 && more == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *qname = (const char *)xmlTextReaderConstName(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            rc = fn(ctx, XML_WALK_START, qname, r, NULL, 0);
            if (rc == 0 && xmlTextReaderIsEmptyElement(r))
                rc = fn(ctx, XML_WALK_END, qname, r, NULL, 0);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            rc = fn(ctx, XML_WALK_END, qname, r, NULL, 0);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            rc = v ? fn(ctx, XML_WALK_TEXT, NULL, r, v, strlen(v)) : 0;
        }
        if (rc == 1) {
            rc = 0;
            more = xmlTextReaderNext(r);
        } else if (rc == 0) {
            more = xmlTextReaderRead(r);
        }
    }
    if (rc == 0 && more < 0)
        rc = error_set(ERR_DATA, _("%s: %s:%d:%d: %s"), name, part, fe.line, fe.column,
                       fe.message[0] ? fe.message : _("not well-formed XML"));
    xmlFreeTextReader(r);
    return rc;
}
