/* tmx_writer.c — TMX 1.4b through xmlTextWriter (util/xml_stream.h); see tmx_writer.h. */
#include "tmx_writer.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/xml_stream.h"
#include "tmx_reader.h"

#ifndef POLYALIGN_VERSION
#define POLYALIGN_VERSION "0.0.0"
#endif

struct tmx_writer {
    xml_stream out;         /* first: xml_stream_new */
    xmlTextWriterPtr xml;   /* out.xml */
};

/* $SOURCE_DATE_EPOCH as the reproducible-builds specification has it: decimal digits
 * only (no sign, no space), seconds since 1970; -1 when unset, empty or not that. */
static long long source_date_epoch(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch || strspn(epoch, "0123456789") != strlen(epoch) || strlen(epoch) > 18)
        return -1;
    return strtoll(epoch, NULL, 10);
}

time_t tmx_creation_time(void)
{
    long long v = source_date_epoch();
    return v >= 0 ? (time_t)v : time(NULL);
}

const char *tmx_source_date_epoch_ignored(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    return epoch && *epoch && source_date_epoch() < 0 ? epoch : NULL;
}

void tmx_format_date(time_t t, char *buf, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm);
}

int tmx_writer_prop(tmx_writer *w, const char *type, const char *value);

#define CHECK XML_CHECK

int tmx_writer_open(tmx_writer **out, FILE *f, const tmx_header *h)
{
    int rc;
    tmx_writer *w = *out = xml_stream_new(sizeof *w, f, &rc);
    if (!w)
        return rc;
    w->xml = w->out.xml;
    char date[32];
    tmx_format_date(tmx_creation_time(), date, sizeof date);
    xmlTextWriterPtr x = w->xml;
    CHECK(xmlTextWriterStartDocument(x, "1.0", "UTF-8", NULL));
    CHECK(xmlTextWriterWriteDTD(x, BAD_CAST "tmx", NULL, BAD_CAST "tmx14.dtd", NULL));
    CHECK(xmlTextWriterStartElement(x, BAD_CAST "tmx"));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "version", BAD_CAST "1.4"));
    CHECK(xmlTextWriterStartElement(x, BAD_CAST "header"));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "creationtool", BAD_CAST "polyalign"));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "creationtoolversion", BAD_CAST POLYALIGN_VERSION));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "segtype", BAD_CAST(h->segtype ? h->segtype : "sentence")));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "o-tmf", BAD_CAST "polyalign"));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "adminlang", BAD_CAST(h->adminlang ? h->adminlang : "en-US")));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "srclang", BAD_CAST h->srclang));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "datatype", BAD_CAST(h->datatype ? h->datatype : "plaintext")));
    CHECK(xmlTextWriterWriteAttribute(x, BAD_CAST "creationdate", BAD_CAST date));
    for (size_t k = 0; k < h->nprops; k++) {
        rc = tmx_writer_prop(w, h->prop_types[k], h->prop_values[k]);
        if (rc < 0)
            return rc;
    }
    CHECK(xmlTextWriterEndElement(x));
    CHECK(xmlTextWriterStartElement(x, BAD_CAST "body"));
    return 0;
}

int tmx_writer_begin_tu(tmx_writer *w, const char *tuid)
{
    CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tu"));
    if (tuid)
        CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "tuid", BAD_CAST tuid));
    return 0;
}

/* <name attr="value">text</name>, the text cleaned of what XML 1.0 forbids; with
 * `inner`, the text goes in an <inner> child instead (a tuv's seg). */
static int text_element(tmx_writer *w, const char *name, const char *attr, const char *value, const char *inner,
                        const char *text)
{
    const char *v = xml_stream_clean(&w->out, text);
    if (!v)
        return error_nomem();
    CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST name));
    if (attr)
        CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST attr, BAD_CAST value));
    if (inner) /* a seg is inline content: no indentation inside it */
        CHECK(xmlTextWriterWriteElement(w->xml, BAD_CAST inner, BAD_CAST v));
    else
        CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST v));
    CHECK(xmlTextWriterEndElement(w->xml));
    return 0;
}

int tmx_writer_prop(tmx_writer *w, const char *type, const char *value)
{
    return text_element(w, "prop", "type", type, NULL, value);
}

int tmx_writer_note(tmx_writer *w, const char *text)
{
    return text_element(w, "note", NULL, NULL, NULL, text);
}

int tmx_writer_tuv(tmx_writer *w, const char *lang, const char *text)
{
    return text_element(w, "tuv", "xml:lang", lang, "seg", text);
}

int tmx_writer_end_tu(tmx_writer *w)
{
    CHECK(xmlTextWriterEndElement(w->xml));
    return xml_stream_status(&w->out);
}

static int write_attrs(tmx_writer *w, const tmx_attrs *a)
{
    for (size_t k = 0; k < a->n; k++)
        CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST a->v[k].name, BAD_CAST a->v[k].value));
    return 0;
}

static int write_annotations(tmx_writer *w, const tmx_annotation *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int rc = v[k].type ? tmx_writer_prop(w, v[k].type, v[k].text) : tmx_writer_note(w, v[k].text);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int tmx_writer_copy_unit(tmx_writer *w, const tmx_unit *u)
{
    CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tu"));
    int rc = write_attrs(w, &u->attrs);
    if (rc == 0)
        rc = write_annotations(w, u->notes, u->nnotes);
    for (size_t k = 0; k < u->ntuv && rc == 0; k++) {
        const tmx_tuv *t = &u->tuv[k];
        CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tuv"));
        rc = write_attrs(w, &t->attrs);
        if (rc == 0)
            rc = write_annotations(w, t->notes, t->nnotes);
        if (rc == 0) {
            CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "seg"));
            /* the markup as read: already well-formed, escaped XML */
            CHECK(xmlTextWriterWriteRaw(w->xml, BAD_CAST(t->xml ? t->xml : "")));
            CHECK(xmlTextWriterEndElement(w->xml));
            CHECK(xmlTextWriterEndElement(w->xml));
        }
    }
    if (rc == 0)
        CHECK(xmlTextWriterEndElement(w->xml));
    return rc ? rc : xml_stream_status(&w->out);
}

int tmx_writer_close(tmx_writer *w)
{
    return xml_stream_close(&w->out, w);
}

size_t tmx_writer_dropped(const tmx_writer *w)
{
    return w->out.dropped;
}
