/* tmx_dtd.c — unit-by-unit DTD validation with libxml2; see tmx_dtd.h. */
#include "tmx_dtd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlreader.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"

typedef struct {
    const char *path;
    tmx_problem_fn report;
    void *ctx;
    int count;
    int from_line; /* report problems at or after this line only (0: all) */
} dtd_run;

static void on_invalid(void *ctx, const char *fmt, ...)
{
    dtd_run *run = ctx;
    char msg[512], line_msg[600];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    const xmlError *e = xmlGetLastError();
    int line = e && e->line ? e->line : 1;
    if (!n || line < run->from_line)
        return;
    utf8_snprintf(line_msg, sizeof line_msg, _("DTD: %s"), msg);
    run->count++;
    run->report(run->ctx, run->path, line, 1, line_msg);
}

static void validate(xmlValidCtxtPtr v, dtd_run *run, xmlDocPtr doc, xmlDtdPtr dtd, int from_line)
{
    run->from_line = from_line;
    xmlResetLastError();
    xmlValidateDtd(v, doc, dtd);
}

int tmx_dtd_validate(const char *path, int fd, const char *dtd_path, tmx_problem_fn report, void *ctx)
{
    xmlDtdPtr dtd = xmlParseDTD(NULL, BAD_CAST dtd_path);
    if (!dtd)
        return error_set(ERR_NOINPUT, _("%s: cannot read the DTD"), dtd_path);
    enum { OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING };
    if (fd >= 0)
        lseek(fd, 0, SEEK_SET);
    xmlTextReaderPtr xml = fd >= 0 ? xmlReaderForFd(fd, path, NULL, OPTIONS) : xmlReaderForFile(path, NULL, OPTIONS);
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlValidCtxtPtr v = xmlNewValidCtxt();
    if (!xml || !doc || !v) {
        xmlFreeTextReader(xml);
        xmlFreeDoc(doc);
        xmlFreeValidCtxt(v);
        xmlFreeDtd(dtd);
        return xml ? error_nomem() : error_set(ERR_NOINPUT, _("%s: cannot open"), path);
    }
    dtd_run run = {path, report, ctx, 0, 0};
    v->userData = &run;
    v->error = on_invalid;
    v->warning = NULL;
    xmlNodePtr root = NULL, body = NULL;
    int units = 0, ret = xmlTextReaderRead(xml);
    while (ret == 1) {
        int depth = xmlTextReaderDepth(xml);
        if (xmlTextReaderNodeType(xml) != XML_READER_TYPE_ELEMENT || depth > 2) {
            ret = xmlTextReaderRead(xml);
            continue;
        }
        /* the root and the body are entered; everything else is copied whole and skipped */
        int whole = depth > 0 && !(depth == 1 && xmlStrEqual(xmlTextReaderConstName(xml), BAD_CAST "body"));
        xmlNodePtr node = whole ? xmlTextReaderExpand(xml) : xmlTextReaderCurrentNode(xml);
        if (!node)
            break; /* not well-formed: the reader's own pass reports it */
        xmlNodePtr copy = xmlDocCopyNode(node, doc, whole ? 1 : 2);
        if (!copy)
            break;
        copy->line = node->line;
        if (depth == 0) {
            xmlDocSetRootElement(doc, copy);
            root = copy;
        } else if (depth == 1 && root) {
            xmlAddChild(root, copy);
            if (xmlStrEqual(copy->name, BAD_CAST "body"))
                body = copy;
        } else if (depth == 2 && body) {
            xmlAddChild(body, copy);
            validate(v, &run, doc, dtd, units++ ? (int)copy->line : 0);
            xmlUnlinkNode(copy);
            xmlFreeNode(copy);
        } else {
            xmlFreeNode(copy);
        }
        ret = whole ? xmlTextReaderNext(xml) : xmlTextReaderRead(xml);
    }
    if (root && units == 0)
        validate(v, &run, doc, dtd, 0);
    xmlFreeTextReader(xml);
    xmlFreeValidCtxt(v);
    xmlFreeDoc(doc);
    xmlFreeDtd(dtd);
    return run.count;
}
