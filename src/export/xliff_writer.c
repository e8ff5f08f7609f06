/* xliff_writer.c — XLIFF 1.2 and 2.0 through xmlTextWriter; see xliff_writer.h. */
#include "xliff_writer.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/xml_stream.h"

#ifndef POLYALIGN_VERSION
#define POLYALIGN_VERSION "0.0.0"
#endif

#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF20_NS "urn:oasis:names:tc:xliff:document:2.0"
#define MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"

struct xliff_writer {
    xml_stream out;         /* first: xml_stream_new */
    xmlTextWriterPtr x;
    int version;
    const char *srclang;
    size_t files;
};

#define A(name, value) XML_CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST(name), BAD_CAST(value)))

int xliff_writer_open(xliff_writer **out, FILE *f, int version, const char *srclang, const char *trglang)
{
    int rc;
    xliff_writer *w = *out = xml_stream_new(sizeof *w, f, &rc);
    if (!w)
        return rc;
    w->x = w->out.xml;
    w->version = version;
    w->srclang = srclang;
    xmlTextWriterPtr x = w->x;
    XML_CHECK(xmlTextWriterStartDocument(x, "1.0", "UTF-8", NULL));
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "xliff"));
    if (version == 1) {
        A("version", "1.2");
        A("xmlns", XLIFF12_NS);
    } else {
        A("version", "2.0");
        A("xmlns", XLIFF20_NS);
        A("xmlns:mda", MDA_NS);
        A("srcLang", srclang);
        A("trgLang", trglang);
    }
    return 0;
}

int xliff_writer_begin_file(xliff_writer *w, const char *original, const char *trglang)
{
    xmlTextWriterPtr x = w->x;
    char id[32];
    snprintf(id, sizeof id, "f%zu", ++w->files);
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "file"));
    if (w->version == 1) {
        A("original", original);
        A("source-language", w->srclang);
        A("target-language", trglang);
        A("datatype", "plaintext");
        A("tool-id", "polyalign");
        XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "header"));
        XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "tool"));
        A("tool-id", "polyalign");
        A("tool-name", "polyalign");
        A("tool-version", POLYALIGN_VERSION);
        XML_CHECK(xmlTextWriterEndElement(x));
        XML_CHECK(xmlTextWriterEndElement(x));
        XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "body"));
    } else {
        A("id", id);
        A("original", original);
    }
    return 0;
}

/* <name>text</name>, text cleaned of what XML 1.0 forbids, no indentation inside */
static int text_element(xliff_writer *w, const char *name, const char *text)
{
    const char *v = xml_stream_clean(&w->out, text);
    if (!v)
        return error_nomem();
    XML_CHECK(xmlTextWriterWriteElement(w->x, BAD_CAST name, BAD_CAST v));
    return 0;
}

static int unit12(xliff_writer *w, const xliff_unit *u)
{
    xmlTextWriterPtr x = w->x;
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "trans-unit"));
    A("id", u->id);
    if (!u->target || u->needs_review)
        A("approved", "no");
    int rc = text_element(w, "source", u->source);
    if (rc == 0 && u->target) {
        const char *v = xml_stream_clean(&w->out, u->target);
        if (!v)
            return error_nomem();
        XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "target"));
        A("state", u->needs_review ? "needs-review-translation" : "translated");
        XML_CHECK(xmlTextWriterWriteString(x, BAD_CAST v));
        XML_CHECK(xmlTextWriterEndElement(x));
    }
    if (rc == 0) {
        char note[96];
        snprintf(note, sizeof note, "confidence %.4f, bead %s%s", u->confidence, u->shape,
                 u->target ? "" : ", no translation found");
        XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "note"));
        A("from", "polyalign");
        XML_CHECK(xmlTextWriterWriteString(x, BAD_CAST note));
        XML_CHECK(xmlTextWriterEndElement(x));
    }
    if (rc == 0)
        XML_CHECK(xmlTextWriterEndElement(x));
    return rc;
}

static int meta(xmlTextWriterPtr x, const char *type, const char *value)
{
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "mda:meta"));
    A("type", type);
    XML_CHECK(xmlTextWriterWriteString(x, BAD_CAST value));
    XML_CHECK(xmlTextWriterEndElement(x));
    return 0;
}

static int unit20(xliff_writer *w, const xliff_unit *u)
{
    xmlTextWriterPtr x = w->x;
    char score[32];
    snprintf(score, sizeof score, "%.4f", u->confidence);
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "unit"));
    A("id", u->id);
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "mda:metadata"));
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "mda:metaGroup"));
    A("category", "polyalign");
    int rc = meta(x, "confidence", score);
    if (rc == 0)
        rc = meta(x, "shape", u->shape);
    if (rc < 0)
        return rc;
    XML_CHECK(xmlTextWriterEndElement(x));
    XML_CHECK(xmlTextWriterEndElement(x));
    XML_CHECK(xmlTextWriterStartElement(x, BAD_CAST "segment"));
    if (u->target) {
        A("state", "translated");
        if (u->needs_review)
            A("subState", "polyalign:needs-review");
    } else {
        A("state", "initial");
    }
    rc = text_element(w, "source", u->source);
    if (rc == 0 && u->target)
        rc = text_element(w, "target", u->target);
    if (rc < 0)
        return rc;
    XML_CHECK(xmlTextWriterEndElement(x));
    XML_CHECK(xmlTextWriterEndElement(x));
    return 0;
}

int xliff_writer_unit(xliff_writer *w, const xliff_unit *u)
{
    int rc = w->version == 1 ? unit12(w, u) : unit20(w, u);
    return rc ? rc : xml_stream_status(&w->out);
}

int xliff_writer_end_file(xliff_writer *w)
{
    if (w->version == 1)
        XML_CHECK(xmlTextWriterEndElement(w->x)); /* body */
    XML_CHECK(xmlTextWriterEndElement(w->x));
    return xml_stream_status(&w->out);
}

int xliff_writer_close(xliff_writer *w)
{
    return xml_stream_close(&w->out, w);
}

size_t xliff_writer_dropped(const xliff_writer *w)
{
    return w->out.dropped;
}
