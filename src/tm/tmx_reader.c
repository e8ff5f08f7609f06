/* tmx_reader.c — streaming TMX reading; see tmx_reader.h.
 *
 * The reader walks the document with xmlTextReader; each <tu> is expanded on its own
 * (xmlTextReaderExpand) into a small tree that is read and then released, so memory
 * follows the largest unit, not the file. */
#include "tmx_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/vec.h"

struct tmx_reader {
    xmlTextReaderPtr xml;
    int fd;                 /* the input read through read_input, or -1 when libxml2 opens the file */
    int own_fd;             /* whether fd was opened here (closed with the reader) */
    size_t bytes;           /* read so far (1 for a file libxml2 opens: not empty) */
    int only_space;         /* and all of them white space */
    tmx_foreign_fn on_foreign;
    void *foreign_ctx;
    char *name;
    tmx_attrs header;
    tmx_attrs header_props;     /* type -> text of the header's props */
    int header_line;
    int at_unit;            /* positioned on a <tu> start tag */
    int done;
    char error[512];        /* first parser error, "LINE:COL: message" */
    int error_code;         /* its libxml2 code (xmlParserErrors) */
    char root[32];          /* name of the root element */
    int keep_markup;
    char languages[256];    /* the tuv languages seen, "en-GB, zh-CN" ("…" when more) */
    char *text;             /* a segment's text being gathered, reused from segment to segment */
    size_t text_len, text_cap;
    xmlBufferPtr markup;    /* a segment's inner XML being written (keep_markup), reused too */
};

void tmx_reader_keep_markup(tmx_reader *r, int on)
{
    r->keep_markup = on;
}

static char *dup_or_null(const xmlChar *s)
{
    return s ? strdup((const char *)s) : NULL;
}

/* An attribute's name and value share one allocation, the name's: a unit has several
 * on each tuv, and a large memory millions. */
static int attrs_add(tmx_attrs *a, const char *name, const char *value)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        tmx_attr *grown = realloc(a->v, cap * sizeof *grown);
        if (!grown)
            return -1;
        a->v = grown;
        a->cap = cap;
    }
    value = value ? value : "";
    size_t ln = strlen(name) + 1, lv = strlen(value) + 1;
    char *n = malloc(ln + lv);
    if (!n)
        return -1;
    memcpy(n, name, ln);
    memcpy(n + ln, value, lv);
    a->v[a->n++] = (tmx_attr){n, n + ln};
    return 0;
}

static void attrs_free(tmx_attrs *a)
{
    for (size_t k = 0; k < a->n; k++)
        free(a->v[k].name); /* and the value with it */
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

static void on_parser_error(void *arg, xmlErrorPtr e)
{
    tmx_reader *r = arg;
    if (r->error[0] || e->level < XML_ERR_ERROR)
        return;
    int line = e->line > 0 ? e->line : xmlTextReaderGetParserLineNumber(r->xml);
    int col = e->int2 > 0 ? e->int2 : xmlTextReaderGetParserColumnNumber(r->xml);
    r->error_code = e->code;
    utf8_snprintf(r->error, sizeof r->error, "%d:%d: %s", line > 0 ? line : 1, col > 0 ? col : 1, e->message ? e->message : "");
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
    if (r->root[0]) {
        if (r->error[0])
            return error_set(ERR_DATA, "%s:%s", r->name, r->error);
        return fail(r, _("malformed XML"));
    }
    /* no element read yet: say what the input is not, rather than how the parser choked */
    if (r->bytes == 0)
        return error_set(ERR_DATA, _("%s: empty input (0 bytes), not a TMX document"), r->name);
    if (r->only_space)
        return error_set(ERR_DATA, _("%s: only white space, not a TMX document"), r->name);
    int line = 1, col = 1;
    const char *why = r->error;
    int used = 0;
    if (sscanf(r->error, "%d:%d: %n", &line, &col, &used) == 2 && used)
        why = r->error + used;
    if (r->error_code == XML_ERR_DOCUMENT_END || !*why)
        return error_set(ERR_DATA, _("%s:%d:%d: not a TMX document: no XML element in it"), r->name, line, col);
    if (r->error_code == XML_ERR_DOCUMENT_EMPTY) /* libxml2's "Document is empty" for text */
        return error_set(ERR_DATA, _("%s:%d:%d: not a TMX document: text where XML should begin with '<'"), r->name,
                         line, col);
    return error_set(ERR_DATA, _("%s:%d:%d: not a TMX document: %s"), r->name, line, col, why);
}

/* The elements of TMX 1.4b: anything else (a namespaced xi:include, an unknown name) is
 * reported to the reader's on_foreign, never processed. */
static int is_tmx_element(const xmlChar *name, const xmlNs *ns)
{
    static const char *names[] = {"tmx", "header", "body", "tu",  "tuv", "seg", "prop", "note", "ude",
                                  "map", "bpt",    "ept",  "it",  "ph",  "hi",  "sub",  "ut"};
    if (ns)
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp((const char *)name, names[k]) == 0)
            return 1;
    return 0;
}

static void report_foreign(tmx_reader *r, xmlNodePtr n)
{
    char qname[160];
    if (n->ns && n->ns->prefix)
        snprintf(qname, sizeof qname, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
    else
        snprintf(qname, sizeof qname, "%s", (const char *)n->name);
    r->on_foreign(r->foreign_ctx, (int)xmlGetLineNo(n), 1, qname);
}

/* Report the foreign elements of an expanded unit, at any depth. */
static void report_foreign_below(tmx_reader *r, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!is_tmx_element(c->name, c->ns))
            report_foreign(r, c);
        report_foreign_below(r, c);
    }
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
        xmlNodePtr current = xmlTextReaderCurrentNode(r->xml);
        int is_root = xmlTextReaderDepth(r->xml) == 0; /* a root other than <tmx> is refused as such */
        if (r->on_foreign && current && !is_root && !is_tmx_element(current->name, current->ns))
            report_foreign(r, current);
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
    return tmx_reader_open_with(path, NULL, out);
}

static int is_white_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether a file holds nothing but white space (read up to its first other byte). */
static int only_white_space(int fd)
{
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        for (ssize_t k = 0; k < n; k++)
            if (!is_white_space(buf[k]))
                return 0;
    return n == 0;
}

/* How the reader gets its bytes: libxml2 opens a regular file itself (*fd = -1; it reads
 * a gzip-compressed memory too); standard input or a pipe is read from *fd through
 * read_input (*own: opened here). A path that cannot be a memory is refused in words:
 * missing, unreadable, a directory, empty, only white space. */
static int open_input(const char *path, int *fd, int *own)
{
    *fd = -1;
    *own = 0;
    if (strcmp(path, "-") == 0) { /* its emptiness is found while reading (read_input) */
        *fd = STDIN_FILENO;
        return 0;
    }
    int d = open(path, O_RDONLY | O_CLOEXEC);
    if (d < 0)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(d, &st) != 0)
        rc = error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        rc = error_set(ERR_NOINPUT, _("%s: is a directory, not a TMX file"), path);
    else if (!S_ISREG(st.st_mode)) {
        *fd = d;
        *own = 1;
        return 0;
    } else if (st.st_size == 0)
        rc = error_set(ERR_DATA, _("%s: empty file (0 bytes), not a TMX document"), path);
    else if (only_white_space(d))
        rc = error_set(ERR_DATA, _("%s: only white space, not a TMX document"), path);
    close(d);
    return rc;
}

/* libxml2's input callbacks for a descriptor: read it, noting whether anything but white
 * space came, so that an empty input is called empty rather than malformed. */
static int read_input(void *ctx, char *buf, int len)
{
    tmx_reader *r = ctx;
    ssize_t n;
    do
        n = read(r->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    for (ssize_t k = 0; k < n && r->only_space; k++)
        r->only_space = is_white_space(buf[k]);
    r->bytes += n > 0 ? (size_t)n : 0;
    return n < 0 ? -1 : (int)n;
}

static int close_input(void *ctx)
{
    (void)ctx; /* the descriptor is closed with the reader */
    return 0;
}

int tmx_reader_open_with(const char *path, const tmx_reader_options *o, tmx_reader **out)
{
    *out = NULL;
    int fd = -1, own = 0, rc;
    const char *name = path;
    if (o && o->fd >= 0) {
        fd = o->fd;
        lseek(fd, 0, SEEK_SET); /* a spooled input is read from its start each time */
    } else if ((rc = open_input(path, &fd, &own)) < 0) {
        return rc;
    } else if (fd == STDIN_FILENO && !own) {
        name = TMX_STDIN_NAME;
    }
    tmx_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name))) {
        free(r);
        if (own)
            close(fd);
        return error_nomem();
    }
    r->fd = fd;
    r->own_fd = own;
    r->only_space = fd >= 0; /* a file libxml2 opens was found to hold more already */
    r->bytes = fd >= 0 ? 0 : 1;
    if (o) {
        r->on_foreign = o->on_foreign;
        r->foreign_ctx = o->ctx;
    }
    /* no NOENT (no entity substitution), no DTDLOAD, no network; XInclude never processed */
    enum { OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT };
    r->xml = fd >= 0 ? xmlReaderForIO(read_input, close_input, r, name, NULL, OPTIONS)
                     : xmlReaderForFile(path, NULL, OPTIONS);
    if (!r->xml) {
        tmx_reader_close(r);
        return error_set(ERR_DATA, _("%s: cannot be read as XML"), name);
    }
    xmlTextReaderSetStructuredErrorHandler(r->xml, on_parser_error, r);
    rc = advance(r);
    if (rc == 0 && !r->root[0])
        rc = parse_failed(r);
    if (rc >= 0 && strcmp(r->root, "tmx") != 0)
        rc = error_set(ERR_DATA, _("%s:1:1: not a TMX document: the root element is <%s>, not <tmx>"), name, r->root);
    if (rc < 0) {
        tmx_reader_close(r);
        return rc;
    }
    r->at_unit = rc == 1;
    r->done = rc == 0;
    *out = r;
    return 0;
}

int tmx_stdin_spool(void)
{
    FILE *spool = tmpfile();
    if (!spool)
        return error_set(ERR_IO, _("cannot keep standard input in a temporary file: %s"), strerror(errno));
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (fwrite(buf, 1, n, spool) != n)
            rc = error_set(ERR_IO, _("cannot keep standard input in a temporary file: %s"), strerror(errno));
    if (rc == 0 && ferror(stdin))
        rc = error_set(ERR_IO, _("%s: %s"), TMX_STDIN_NAME, strerror(errno));
    if (rc == 0 && fflush(spool) != 0)
        rc = error_set(ERR_IO, _("cannot keep standard input in a temporary file: %s"), strerror(errno));
    int fd = rc == 0 ? dup(fileno(spool)) : -1;
    if (rc == 0 && fd < 0)
        rc = error_set(ERR_IO, _("cannot keep standard input in a temporary file: %s"), strerror(errno));
    fclose(spool);
    if (rc < 0)
        return rc;
    lseek(fd, 0, SEEK_SET);
    return fd;
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

/* Append a segment's text to r->text: -1 on an entity reference, -2 out of memory. */
static int segment_text(tmx_reader *r, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t len = c->content ? strlen((const char *)c->content) : 0;
            if (vec_reserve(&r->text, &r->text_cap, r->text_len + len + 1, 1) < 0)
                return -2;
            memcpy(r->text + r->text_len, c->content, len);
            r->text_len += len;
        } else if (c->type == XML_ENTITY_REF_NODE) {
            return -1;
        } else if (c->type == XML_ELEMENT_NODE && !is_code(c)) {
            int rc = segment_text(r, c);
            if (rc < 0)
                return rc;
        }
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
            r->text_len = 0;
            int found = segment_text(r, c);
            if (found == -2)
                return error_nomem();
            int bad = found < 0;
            if (!bad && r->keep_markup) {
                if (!r->markup && !(r->markup = xmlBufferCreate()))
                    return error_nomem();
                xmlBufferEmpty(r->markup);
                for (xmlNodePtr k = c->children; !bad && k; k = k->next)
                    bad = xmlNodeDump(r->markup, c->doc, k, 0, 0) < 0;
            }
            if (!bad) {
                t->unpaired = unpaired_codes(c);
                t->text = strndup(r->text ? r->text : "", r->text_len);
                t->xml = r->keep_markup ? strdup((const char *)xmlBufferContent(r->markup)) : NULL;
                if (!t->text || (r->keep_markup && !t->xml))
                    return error_nomem();
            }
            if (bad)
                return error_set(ERR_DATA, _("%s:%d:1: entity reference in a segment refused"), r->name,
                                 (int)xmlGetLineNo(c));
        } else if (c->type == XML_ENTITY_REF_NODE) {
            return error_set(ERR_DATA, _("%s:%d:1: entity reference refused"), r->name, (int)xmlGetLineNo(c));
        }
    }
    return 0;
}

/* Add lang to the reader's list of languages seen, unless there or the list is full. */
static void note_language(tmx_reader *r, const char *lang)
{
    size_t len = strlen(lang), used = strlen(r->languages);
    for (const char *p = r->languages; *p;) {
        size_t n = strcspn(p, ",");
        if (n == len && strncasecmp(p, lang, n) == 0)
            return;
        p += n + (p[n] == ',') + (p[n] == ',' && p[n + 1] == ' ');
    }
    static const char more[] = ", \u2026";
    if (used >= sizeof more - 1 && strcmp(r->languages + used - (sizeof more - 1), more) == 0)
        return;
    if (used + len + 2 + sizeof more < sizeof r->languages)
        snprintf(r->languages + used, sizeof r->languages - used, "%s%s", used ? ", " : "", lang);
    else
        snprintf(r->languages + used, sizeof r->languages - used, "%s", more);
}

const char *tmx_reader_name(const tmx_reader *r)
{
    return r->name;
}

const char *tmx_reader_languages(const tmx_reader *r)
{
    return r->languages;
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
    if (r->on_foreign)
        report_foreign_below(r, tu);
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
    for (size_t k = 0; k < u->ntuv; k++)
        if (tmx_tuv_lang(&u->tuv[k]))
            note_language(r, tmx_tuv_lang(&u->tuv[k]));
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
    if (r->own_fd)
        close(r->fd);
    attrs_free(&r->header);
    attrs_free(&r->header_props);
    free(r->name);
    free(r->text);
    if (r->markup)
        xmlBufferFree(r->markup);
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

/* One multiply-xorshift round (splitmix64's), per 8 bytes of the spaced text. */
static uint64_t hash_mix(uint64_t h, uint64_t block)
{
    h = (h ^ block) * 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 31);
}

uint64_t tmx_text_hash_count(uint64_t h, const char *text, size_t *chars)
{
    /* the text as it would read with each run of white space one ' ' and the ends
     * trimmed, packed 8 bytes to a block: a block costs one multiply, where FNV-1a's one
     * per byte was the bulk of `tmx stats` on a large memory. A text has no NUL byte, so
     * the last, partial block (always mixed) ends it unambiguously. */
    uint64_t block = 0;
    unsigned shift = 0;
    int space = 0, any = 0;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        unsigned c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = any;
            continue;
        }
        n += (c & 0xC0) != 0x80;
        if (space) {
            block |= (uint64_t)' ' << shift;
            if ((shift += 8) == 64) {
                h = hash_mix(h, block);
                block = 0;
                shift = 0;
            }
            space = 0;
        }
        block |= (uint64_t)c << shift;
        if ((shift += 8) == 64) {
            h = hash_mix(h, block);
            block = 0;
            shift = 0;
        }
        any = 1;
    }
    if (chars)
        *chars = n;
    return hash_mix(h, block ^ 0x1fULL << 56);
}
