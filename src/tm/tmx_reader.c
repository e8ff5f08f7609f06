/* tmx_reader.c — streaming TMX reading; see tmx_reader.h.
 *
 * The reader walks the document with xmlTextReader; each <tu> is expanded on its own
 * (xmlTextReaderExpand) into a small tree that is read and then released, so memory
 * follows the largest unit, not the file. */
#include "tmx_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"

struct tmx_reader {
    xmlTextReaderPtr xml;
    char *name;
    tmx_attrs header;
    tmx_attrs header_props;     /* type -> text of the header's props */
    int header_line;
    int at_unit;            /* positioned on a <tu> start tag */
    int done;
    char error[512];        /* first parser error, "LINE:COL: message" */
    char root[32];          /* name of the root element */
    int keep_markup;
};

void tmx_reader_keep_markup(tmx_reader *r, int on)
{
    r->keep_markup = on;
}

static char *dup_or_null(const xmlChar *s)
{
    return s ? strdup((const char *)s) : NULL;
}

static int attrs_add(tmx_attrs *a, const char *name, const char *value)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        tmx_attr *grown = realloc(a->v, cap * sizeof *grown);
        if (!grown)
            return -1;
        a->v = grown;
        a->cap = cap;
    }
    char *n = strdup(name), *v = strdup(value ? value : "");
    if (!n || !v) {
        free(n);
        free(v);
        return -1;
    }
    a->v[a->n++] = (tmx_attr){n, v};
    return 0;
}

static void attrs_free(tmx_attrs *a)
{
    for (size_t k = 0; k < a->n; k++) {
        free(a->v[k].name);
        free(a->v[k].value);
    }
    free(a->v);
    memset(a, 0, sizeof *a);
}

const char *tmx_attr_get(const tmx_attrs *a, const char *name)
{
    for (size_t k = 0; k < a->n; k++)
        if (strcmp(a->v[k].name, name) == 0)
            return a->v[k].value;
    return NULL;
}

const char *tmx_tuv_lang(const tmx_tuv *t)
{
    const char *l = tmx_attr_get(&t->attrs, "xml:lang");
    return l ? l : tmx_attr_get(&t->attrs, "lang");
}

static void on_parser_error(void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr loc)
{
    tmx_reader *r = arg;
    if (r->error[0] || (severity != XML_PARSER_SEVERITY_ERROR && severity != XML_PARSER_SEVERITY_VALIDITY_ERROR))
        return;
    int line = xmlTextReaderLocatorLineNumber(loc);
    int col = xmlTextReaderGetParserColumnNumber(r->xml);
    if (line <= 0) /* errors inside entity declarations have no locator line */
        line = xmlTextReaderGetParserLineNumber(r->xml);
    line = line > 0 ? line : 1;
    utf8_snprintf(r->error, sizeof r->error, "%d:%d: %s", line, col, msg ? msg : "");
    size_t n = strlen(r->error);
    while (n && (r->error[n - 1] == '\n' || r->error[n - 1] == ' '))
        r->error[--n] = '\0';
}

static int fail(tmx_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(tmx_reader *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return error_set(ERR_DATA, "%s:%d:%d: %s", r->name, xmlTextReaderGetParserLineNumber(r->xml),
                     xmlTextReaderGetParserColumnNumber(r->xml), msg);
}

static int parse_failed(tmx_reader *r)
{
    if (r->error[0])
        return error_set(ERR_DATA, "%s:%s", r->name, r->error);
    return fail(r, _("malformed XML"));
}

static int is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Read on until a <tu> start tag (1), the end of the document (0) or an error. */
static int advance(tmx_reader *r)
{
    for (;;) {
        int ret = xmlTextReaderRead(r->xml);
        if (ret == 0)
            return 0;
        if (ret < 0)
            return parse_failed(r);
        int type = xmlTextReaderNodeType(r->xml);
        const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
        if (type == XML_READER_TYPE_ENTITY_REFERENCE)
            return fail(r, _("entity reference &%s; refused (entities are not expanded)"), name ? name : "");
        if (type != XML_READER_TYPE_ELEMENT || !name)
            continue;
        if (!r->root[0])
            snprintf(r->root, sizeof r->root, "%s", name);
        if (strcmp(name, "tu") == 0)
            return 1;
        if (strcmp(name, "header") == 0) {
            xmlNodePtr node = xmlTextReaderCurrentNode(r->xml);
            r->header_line = node ? (int)xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(r->xml);
            while (xmlTextReaderMoveToNextAttribute(r->xml) == 1)
                if (attrs_add(&r->header, (const char *)xmlTextReaderConstName(r->xml),
                              (const char *)xmlTextReaderConstValue(r->xml)) < 0)
                    return error_nomem();
            xmlTextReaderMoveToElement(r->xml);
            xmlNodePtr h = xmlTextReaderIsEmptyElement(r->xml) ? NULL : xmlTextReaderExpand(r->xml);
            for (xmlNodePtr c = h ? h->children : NULL; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "prop") != 0)
                    continue;
                xmlChar *ptype = xmlGetProp(c, BAD_CAST "type"), *text = xmlNodeGetContent(c);
                int bad = attrs_add(&r->header_props, ptype ? (const char *)ptype : "", text ? (const char *)text : "");
                xmlFree(ptype);
                xmlFree(text);
                if (bad < 0)
                    return error_nomem();
            }
        }
    }
}

int tmx_reader_open(const char *path, tmx_reader **out)
{
    *out = NULL;
    FILE *probe = fopen(path, "rb");
    if (!probe)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    int empty = fgetc(probe) == EOF;
    fclose(probe);
    if (empty)
        return error_set(ERR_DATA, _("%s:1:1: empty file, not a TMX document"), path);
    tmx_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(path))) {
        free(r);
        return error_nomem();
    }
    /* no NOENT (no entity substitution), no DTDLOAD, no network */
    r->xml = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r->xml) {
        tmx_reader_close(r);
        return error_set(ERR_DATA, _("%s: cannot be read as XML"), path);
    }
    xmlTextReaderSetErrorHandler(r->xml, on_parser_error, r);
    int rc = advance(r);
    if (rc < 0) {
        tmx_reader_close(r);
        return rc;
    }
    r->at_unit = rc == 1;
    r->done = rc == 0;
    *out = r;
    return 0;
}

const tmx_attrs *tmx_reader_header(const tmx_reader *r)
{
    return &r->header;
}

int tmx_reader_header_line(const tmx_reader *r)
{
    return r->header_line;
}

const char *tmx_reader_header_prop(const tmx_reader *r, const char *type)
{
    return tmx_attr_get(&r->header_props, type);
}

const char *tmx_reader_root(const tmx_reader *r)
{
    return r->root;
}

static int copy_attrs(xmlNodePtr n, tmx_attrs *a)
{
    for (xmlAttrPtr at = n->properties; at; at = at->next) {
        /* a plain value is one text node: read it in place, without an allocation */
        xmlNodePtr only = at->children;
        int plain = only && !only->next && only->type == XML_TEXT_NODE;
        xmlChar *v = plain ? only->content : xmlNodeListGetString(n->doc, at->children, 1);
        char name[128];
        const char *full = (const char *)at->name;
        if (at->ns && at->ns->prefix) { /* "xml:lang" on every tuv: no printf here */
            size_t lp = strlen((const char *)at->ns->prefix), ln = strlen((const char *)at->name);
            if (lp + ln + 2 <= sizeof name) {
                memcpy(name, at->ns->prefix, lp);
                name[lp] = ':';
                memcpy(name + lp + 1, at->name, ln + 1);
                full = name;
            }
        }
        int rc = attrs_add(a, full, (const char *)v);
        if (!plain)
            xmlFree(v);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int add_annotation(tmx_annotation **v, size_t *n, xmlNodePtr node, int is_prop)
{
    tmx_annotation *bigger = realloc(*v, (*n + 1) * sizeof **v);
    if (!bigger)
        return -1;
    *v = bigger;
    xmlChar *type = is_prop ? xmlGetProp(node, BAD_CAST "type") : NULL;
    xmlChar *text = xmlNodeGetContent(node);
    tmx_annotation a = {is_prop ? strdup(type ? (const char *)type : "") : NULL, dup_or_null(text ? text : BAD_CAST "")};
    xmlFree(type);
    xmlFree(text);
    if ((is_prop && !a.type) || !a.text) {
        free(a.type);
        free(a.text);
        return -1;
    }
    (*v)[(*n)++] = a;
    return 0;
}

/* Inline elements whose content is native code, not text (TMX 1.4b, 3.7) */
static int is_code(xmlNodePtr n)
{
    static const char *codes[] = {"bpt", "ept", "ph", "it", "ut"};
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
        if (is_element(n, codes[k]))
            return 1;
    return 0;
}

static int segment_text(xmlNodePtr n, xmlBufferPtr text)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            xmlBufferCat(text, c->content);
        else if (c->type == XML_ENTITY_REF_NODE)
            return -1;
        else if (c->type == XML_ELEMENT_NODE && !is_code(c) && segment_text(c, text) < 0)
            return -1;
    }
    return 0;
}

/* <bpt i="n"> and <ept i="n"> must pair up inside a segment: count those that do not. */
static int unpaired_codes(xmlNodePtr seg)
{
    enum { MAX_OPEN = 256 };
    xmlChar *open[MAX_OPEN];
    int nopen = 0, bad = 0;
    for (xmlNodePtr c = seg->children; c; c = c->next) {
        if (is_element(c, "bpt") && nopen < MAX_OPEN) {
            open[nopen++] = xmlGetProp(c, BAD_CAST "i");
        } else if (is_element(c, "ept")) {
            xmlChar *i = xmlGetProp(c, BAD_CAST "i");
            int k = nopen - 1;
            while (k >= 0 && !(i && open[k] && xmlStrEqual(open[k], i)))
                k--;
            if (k < 0) {
                bad++;
            } else {
                xmlFree(open[k]);
                memmove(open + k, open + k + 1, (size_t)(nopen - k - 1) * sizeof open[0]);
                nopen--;
            }
            xmlFree(i);
        }
    }
    for (int k = 0; k < nopen; k++)
        xmlFree(open[k]);
    return bad + nopen;
}

static int read_tuv(tmx_reader *r, xmlNodePtr n, tmx_tuv *t)
{
    memset(t, 0, sizeof *t);
    t->line = (int)xmlGetLineNo(n);
    if (copy_attrs(n, &t->attrs) < 0)
        return error_nomem();
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is_element(c, "prop") || is_element(c, "note")) {
            if (add_annotation(&t->notes, &t->nnotes, c, is_element(c, "prop")) < 0)
                return error_nomem();
        } else if (is_element(c, "seg")) {
            if (t->segs++)
                continue;
            xmlBufferPtr text = xmlBufferCreate(), xml = r->keep_markup ? xmlBufferCreate() : NULL;
            int bad = !text || (r->keep_markup && !xml) || segment_text(c, text) < 0;
            for (xmlNodePtr k = c->children; !bad && xml && k; k = k->next)
                bad = xmlNodeDump(xml, c->doc, k, 0, 0) < 0;
            int copied = 0;
            if (!bad) {
                t->unpaired = unpaired_codes(c);
                t->text = strdup((const char *)xmlBufferContent(text));
                t->xml = xml ? strdup((const char *)xmlBufferContent(xml)) : NULL;
                copied = t->text && (!xml || t->xml);
            }
            xmlBufferFree(text);
            if (xml)
                xmlBufferFree(xml);
            if (!bad && !copied)
                return error_nomem();
            if (bad)
                return error_set(ERR_DATA, _("%s:%d:1: entity reference in a segment refused"), r->name,
                                 (int)xmlGetLineNo(c));
        } else if (c->type == XML_ENTITY_REF_NODE) {
            return error_set(ERR_DATA, _("%s:%d:1: entity reference refused"), r->name, (int)xmlGetLineNo(c));
        }
    }
    return 0;
}

int tmx_reader_next(tmx_reader *r, tmx_unit *u)
{
    tmx_unit_free(u);
    if (r->done || !r->at_unit)
        return 0;
    u->line = xmlTextReaderGetParserLineNumber(r->xml);
    u->col = xmlTextReaderGetParserColumnNumber(r->xml);
    xmlNodePtr tu = xmlTextReaderExpand(r->xml);
    if (!tu)
        return parse_failed(r);
    u->line = (int)xmlGetLineNo(tu);
    int rc = copy_attrs(tu, &u->attrs) < 0 ? error_nomem() : 0;
    for (xmlNodePtr c = tu->children; c && rc == 0; c = c->next) {
        if (is_element(c, "prop") || is_element(c, "note")) {
            if (add_annotation(&u->notes, &u->nnotes, c, is_element(c, "prop")) < 0)
                rc = error_nomem();
        } else if (is_element(c, "tuv")) {
            if (u->ntuv == u->cap) {
                size_t cap = u->cap ? u->cap * 2 : 4;
                tmx_tuv *v = realloc(u->tuv, cap * sizeof *v);
                if (!v) {
                    rc = error_nomem();
                    break;
                }
                u->tuv = v;
                u->cap = cap;
            }
            rc = read_tuv(r, c, &u->tuv[u->ntuv++]);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            rc = error_set(ERR_DATA, _("%s:%d:1: entity reference refused"), r->name, (int)xmlGetLineNo(c));
        }
    }
    if (rc < 0)
        return rc;
    /* past this unit: the reader frees the expanded tree as it moves on */
    if (xmlTextReaderNext(r->xml) < 0)
        return parse_failed(r);
    int type = xmlTextReaderNodeType(r->xml);
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
    if (type == XML_READER_TYPE_ELEMENT && name && strcmp(name, "tu") == 0) {
        r->at_unit = 1;
    } else {
        int more = advance(r);
        if (more < 0)
            return more;
        r->at_unit = more == 1;
        r->done = more == 0;
    }
    return 1;
}

void tmx_reader_close(tmx_reader *r)
{
    if (!r)
        return;
    if (r->xml)
        xmlFreeTextReader(r->xml);
    attrs_free(&r->header);
    attrs_free(&r->header_props);
    free(r->name);
    free(r);
}

static void annotations_free(tmx_annotation *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(v[k].type);
        free(v[k].text);
    }
    free(v);
}

void tmx_unit_free(tmx_unit *u)
{
    for (size_t k = 0; k < u->ntuv; k++) {
        attrs_free(&u->tuv[k].attrs);
        annotations_free(u->tuv[k].notes, u->tuv[k].nnotes);
        free(u->tuv[k].text);
        free(u->tuv[k].xml);
    }
    free(u->tuv);
    attrs_free(&u->attrs);
    annotations_free(u->notes, u->nnotes);
    memset(u, 0, sizeof *u);
}

/* How well a variant's language answers a wanted one: 2 the same tag, 1 the same language
 * as far as both go (en for en-GB), 0 another. */
static int lang_fit(const char *have, const char *want)
{
    return !have || !want ? 0 : strcasecmp(have, want) == 0 ? 2 : lang_tags_match(have, want) ? 1 : 0;
}

/* The variant of u that answers `want` best, other than `skip` (NULL when none does). */
static const tmx_tuv *best_variant(const tmx_unit *u, const char *want, const tmx_tuv *skip)
{
    const tmx_tuv *best = NULL;
    int best_fit = 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        int fit = &u->tuv[k] == skip ? 0 : lang_fit(tmx_tuv_lang(&u->tuv[k]), want);
        if (fit > best_fit) {
            best_fit = fit;
            best = &u->tuv[k];
        }
    }
    return best;
}

int tmx_unit_pair(const tmx_unit *u, const char *src, const char *tgt, const char **s, const char **t)
{
    /* the two different variants that answer the pair best, the source's fit first: a
     * source "en" takes en-US when the target en-GB is the unit's other English variant;
     * without a pair, the source's best variant alone (a PO catalog keeps it untranslated) */
    const tmx_tuv *sv = NULL, *tv = NULL;
    int best = 0;
    for (size_t i = 0; i < u->ntuv; i++) {
        int fs = lang_fit(tmx_tuv_lang(&u->tuv[i]), src);
        for (size_t j = 0; fs && j < u->ntuv; j++) {
            int ft = j == i ? 0 : lang_fit(tmx_tuv_lang(&u->tuv[j]), tgt);
            if (ft && fs * 3 + ft > best) {
                best = fs * 3 + ft;
                sv = &u->tuv[i];
                tv = &u->tuv[j];
            }
        }
    }
    if (!sv) {
        sv = best_variant(u, src, NULL);
        tv = best_variant(u, tgt, sv);
    }
    *s = sv ? sv->text : NULL;
    *t = tv ? tv->text : NULL;
    return *s && *t && **s && **t;
}

uint64_t tmx_text_hash(uint64_t h, const char *text)
{
    return tmx_text_hash_count(h, text, NULL);
}

uint64_t tmx_text_hash_count(uint64_t h, const char *text, size_t *chars)
{
    int space = 0, any = 0;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    for (; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = any;
            continue;
        }
        n += (*p & 0xC0) != 0x80;
        if (space) {
            h = (h ^ ' ') * 1099511628211ULL;
            space = 0;
        }
        h = (h ^ *p) * 1099511628211ULL;
        any = 1;
    }
    if (chars)
        *chars = n;
    return (h ^ 0x1f) * 1099511628211ULL;
}
