/* xml_stream.c — xmlTextWriter on a stdio stream; see xml_stream.h. */
#include "xml_stream.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* libxml2's output callback: everything is taken, what failed is the stream's to tell. */
static int stream_write(void *f, const char *bytes, int len)
{
    fwrite(bytes, 1, (size_t)len, f);
    return len;
}

int xml_stream_open(xml_stream *s, FILE *f)
{
    memset(s, 0, sizeof *s);
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(stream_write, NULL, f, NULL);
    if (buf)
        s->xml = xmlNewTextWriter(buf);
    if (!s->xml) {
        if (buf)
            xmlOutputBufferClose(buf);
        return error_nomem();
    }
    s->f = f;
    XML_CHECK(xmlTextWriterSetIndent(s->xml, 1));
    XML_CHECK(xmlTextWriterSetIndentString(s->xml, BAD_CAST "  "));
    return 0;
}

void *xml_stream_new(size_t size, FILE *f, int *rc)
{
    xml_stream *s = calloc(1, size);
    *rc = s ? xml_stream_open(s, f) : error_nomem();
    if (*rc < 0) {
        free(s);
        return NULL;
    }
    return s;
}

static int forbidden(const unsigned char *s, size_t i, size_t n)
{
    return (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
           (s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF));
}

const char *xml_stream_clean(xml_stream *w, const char *text)
{
    size_t n = strlen(text);
    const unsigned char *s = (const unsigned char *)text;
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += forbidden(s, i, n);
    if (!bad)
        return text;
    if (n + 1 > w->clean_cap) {
        char *c = realloc(w->clean, n + 1);
        if (!c)
            return NULL;
        w->clean = c;
        w->clean_cap = n + 1;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (forbidden(s, i, n)) {
            i += s[i] == 0xEF ? 2 : 0;
            continue;
        }
        w->clean[o++] = (char)s[i];
    }
    w->clean[o] = '\0';
    w->dropped += bad;
    return w->clean;
}

int xml_stream_status(const xml_stream *s)
{
    return ferror(s->f) ? -ERR_IO : 0;
}

int xml_stream_close(xml_stream *s, void *owner)
{
    int rc = 0;
    if (xmlTextWriterEndDocument(s->xml) < 0 || xmlTextWriterFlush(s->xml) < 0)
        rc = error_nomem();
    if (rc == 0)
        rc = xml_stream_status(s);
    xmlFreeTextWriter(s->xml);
    free(s->clean);
    memset(s, 0, sizeof *s);
    free(owner);
    return rc;
}
