/* tmx_reader.c — streaming TMX reading; see tmx_reader.h.
 *
 * libxml2's push parser calls back for each start tag, text and end tag (SAX), and the
 * reader builds units straight from those calls: no tree is built, which is what
 * xmlTextReader did, expanding each <tu> and freeing it again, and what made `tmx stats`
 * half as fast as `xmllint --stream`. Everything else of libxml2's parsing is kept (its
 * SAX2 handlers for the DTD, entities and the document), so the same inputs are refused
 * with the same messages. A chunk of input yields a queue of events (a unit begins, a
 * unit, a foreign element, the end, an error) that tmx_reader_next hands out in order,
 * so memory follows the largest unit, not the file. */
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

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/valid.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/vec.h"

enum { CHUNK = 4096, MAX_OPEN_CODES = 256, QNAME_MAX = 128 };

typedef struct {
    char *v;
    size_t n, cap;
} text_buf;

typedef enum { EV_TU_START, EV_UNIT, EV_FOREIGN, EV_END, EV_ERROR } event_kind;

typedef struct {
    event_kind kind;
    int line;               /* EV_FOREIGN: the element's line */
    error_code code;        /* EV_ERROR */
    char *text;             /* EV_FOREIGN: its qualified name; EV_ERROR: the message, NULL for the parser's */
    tmx_unit unit;          /* EV_UNIT */
} event;

/* What an open element is to the reader */
typedef enum { EL_OTHER, EL_TU, EL_TUV, EL_SEG, EL_NOTE, EL_HEADER, EL_HEADER_PROP } el_role;

typedef struct {
    const xmlChar *name;    /* libxml2's node name: the local name, or "p:name" for an unbound prefix */
    const xmlChar *prefix;  /* of a bound namespace prefix, else NULL */
    el_role role;
    int line;               /* of its start tag */
    int last_line;          /* of its last child so far (0: none yet) */
    int code;               /* inside a segment, a code element (bpt, ept, ph, it, ut) or below one */
    int open_tag;           /* markup: "<name …" written, its '>' not yet */
} open_el;

/* libxml2's dictionary strings of the names the reader looks for: compared as pointers */
enum { N_TMX, N_HEADER, N_BODY, N_TU, N_TUV, N_SEG, N_PROP, N_NOTE, N_UDE, N_MAP, N_BPT, N_EPT, N_IT, N_PH, N_HI,
       N_SUB, N_UT, N_COUNT };
static const char *const tmx_names[N_COUNT] = {"tmx", "header", "body", "tu", "tuv", "seg",
                                               "prop", "note", "ude", "map", "bpt", "ept",
                                               "it",  "ph",   "hi",  "sub", "ut"};

struct tmx_reader {
    xmlParserCtxtPtr ctxt;
    xmlParserInputBufferPtr file;   /* a file libxml2 opens (gzip-compressed too), or NULL */
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
    char error[512];        /* first parser error, "LINE:COL: message" */
    int error_code;         /* its libxml2 code (xmlParserErrors) */
    char root[32];          /* name of the root element */
    int root_line;          /* and the line it starts on */
    int keep_markup;
    char languages[256];    /* the tuv languages seen, "en-GB, zh-CN" ("…" when more) */
    const xmlChar *names[N_COUNT];
    /* parsing */
    int stopped;            /* an error is queued: later callbacks are ignored */
    int ended;              /* the input is read to its end */
    int input_done;         /* every byte of the input has gone to the parser */
    int read_errno;         /* reading failed: errno, or -1 for compressed data libxml2 could not inflate */
    size_t inflated;        /* bytes of XML read from a file libxml2 opened */
    open_el *stack;         /* the open elements, the root first */
    size_t depth, stack_cap;
    int in_text;            /* the last callback was text (a child already counted) */
    event *ev;              /* the queue: ev[ev_head..ev_n) */
    size_t ev_head, ev_n, ev_cap;
    /* the unit being read */
    tmx_unit unit;
    size_t tu_depth;        /* depth + 1 of its <tu>, 0 outside one */
    size_t seg_depth;       /* depth + 1 of the <seg> being read, 0 outside one */
    size_t note_depth;      /* depth + 1 of the <prop> or <note> being read, 0 outside one */
    char *note_type;        /* that prop's type (NULL for a note) */
    text_buf text;          /* a segment's text, or a prop's or note's */
    text_buf markup;        /* a segment's inner XML (keep_markup) */
    int cdata_open;         /* markup: "<![CDATA[" written, "]]>" not yet */
    char *open_codes[MAX_OPEN_CODES];   /* the i of each <bpt> not yet paired */
    int nopen, unpaired;
};

void tmx_reader_keep_markup(tmx_reader *r, int on)
{
    r->keep_markup = on;
}

/* Append n bytes to b, kept NUL-terminated. 0, or -1 out of memory. */
static int buf_add(text_buf *b, const char *s, size_t n)
{
    if (vec_reserve(&b->v, &b->cap, b->n + n + 1, 1) < 0)
        return -1;
    memcpy(b->v + b->n, s, n);
    b->n += n;
    b->v[b->n] = '\0';
    return 0;
}

static int buf_puts(text_buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

/* An attribute's name and value share one allocation, the name's: a unit has several
 * on each tuv, and a large memory millions. */
static int attrs_addn(tmx_attrs *a, const char *name, size_t ln, const char *value, size_t lv)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        tmx_attr *grown = realloc(a->v, cap * sizeof *grown);
        if (!grown)
            return -1;
        a->v = grown;
        a->cap = cap;
    }
    char *n = malloc(ln + lv + 2);
    if (!n)
        return -1;
    memcpy(n, name, ln);
    n[ln] = '\0';
    memcpy(n + ln + 1, value, lv);
    n[ln + 1 + lv] = '\0';
    a->v[a->n++] = (tmx_attr){n, n + ln + 1};
    return 0;
}

static int attrs_add(tmx_attrs *a, const char *name, const char *value)
{
    value = value ? value : "";
    return attrs_addn(a, name, strlen(name), value, strlen(value));
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

static int parser_line(const tmx_reader *r)
{
    return r->ctxt && r->ctxt->input ? r->ctxt->input->line : 0;
}

static int parser_col(const tmx_reader *r)
{
    return r->ctxt && r->ctxt->input ? r->ctxt->input->col : 0;
}

/* The reader of a parser context: NULL for the context libxml2 makes to check an
 * entity's content, which its own SAX2 handlers serve, as they did under xmlTextReader. */
static tmx_reader *reader_of(void *ctx)
{
    xmlParserCtxtPtr c = ctx;
    tmx_reader *r = c ? c->_private : NULL;
    return r && r->ctxt == c ? r : NULL;
}

/* Queue an event; out of memory stops the parse with that error queued instead. */
static event *push_event(tmx_reader *r, event_kind kind)
{
    if (r->ev_head == r->ev_n)
        r->ev_head = r->ev_n = 0;
    if (vec_reserve(&r->ev, &r->ev_cap, r->ev_n + 1, sizeof *r->ev) < 0) {
        r->stopped = 1; /* peek_event then answers out of memory */
        return NULL;
    }
    event *e = &r->ev[r->ev_n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

/* Stop parsing with an error of ours (msg NULL: the parser's, told by parse_failed). */
static void stop_with(tmx_reader *r, error_code code, const char *msg)
{
    if (r->stopped)
        return;
    r->stopped = 1;
    event *e = push_event(r, EV_ERROR);
    if (!e)
        return;
    e->code = code;
    e->text = msg ? strdup(msg) : NULL;
    if (msg && !e->text)
        e->code = ERR_NOMEM;
}

static void stop_nomem(tmx_reader *r)
{
    stop_with(r, ERR_NOMEM, "out of memory");
}

static void on_parser_error(void *arg, xmlErrorPtr e)
{
    tmx_reader *r = arg ? ((xmlParserCtxtPtr)arg)->_private : NULL;
    if (!r || r->error[0] || e->level < XML_ERR_ERROR)
        return;
    int line = e->line > 0 ? e->line : parser_line(r);
    int col = e->int2 > 0 ? e->int2 : parser_col(r);
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
    return error_set(ERR_DATA, "%s:%d:%d: %s", r->name, parser_line(r), parser_col(r), msg);
}

static int parse_failed(tmx_reader *r)
{
    if (r->read_errno > 0)
        return error_set(ERR_IO, _("%s: cannot be read to its end after %zu bytes: %s"), r->name, r->bytes,
                         strerror(r->read_errno));
    if (r->read_errno < 0)
        return error_set(ERR_DATA,
                         _("%s: its compressed data ends early or is damaged after %zu bytes of XML: the file is cut "
                           "short (an interrupted copy or download?)"),
                         r->name, r->inflated);
    if (r->root[0]) {
        if (r->input_done && r->depth > 0) {
            /* libxml2 says "Extra content at the end of the document" or "Premature end of
             * data" there; what the user needs to hear is that the file stops short */
            const open_el *inner = &r->stack[r->depth - 1];
            return error_set(ERR_DATA,
                             _("%s:%d:%d: the document ends inside <%s> (opened on line %d) before </%s>: "
                               "the file is cut short (an interrupted copy or download?)"),
                             r->name, parser_line(r), parser_col(r), (const char *)inner->name, inner->line, r->root);
        }
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
static int is_tmx_element(const tmx_reader *r, const xmlChar *name, int namespaced)
{
    if (namespaced)
        return 0;
    for (size_t k = 0; k < N_COUNT; k++)
        if (name == r->names[k])
            return 1;
    return 0;
}

/* Inline elements whose content is native code, not text (TMX 1.4b, 3.7) */
static int is_code(const tmx_reader *r, const xmlChar *name)
{
    return name == r->names[N_BPT] || name == r->names[N_EPT] || name == r->names[N_PH] || name == r->names[N_IT] ||
           name == r->names[N_UT];
}

/* An attribute's value as libxml2's tree gave it: entity and character references in it
 * resolved as xmlNodeListGetString does (attributes[] of a SAX start tag: the value from
 * v to end). A value without '&' is the bytes themselves. NULL out of memory. */
static xmlChar *attr_value(tmx_reader *r, const xmlChar *v, const xmlChar *end)
{
    int len = (int)(end - v);
    if (!memchr(v, '&', (size_t)len))
        return xmlStrndup(v, len);
    xmlNodePtr list = xmlStringLenGetNodeList(r->ctxt->myDoc, v, len);
    xmlChar *s = list && !list->next && list->type == XML_TEXT_NODE ? xmlStrdup(list->content)
                                                                      : xmlNodeListGetString(r->ctxt->myDoc, list, 1);
    xmlFreeNodeList(list);
    return s ? s : xmlStrdup(BAD_CAST "");
}

/* Attribute k's name as libxml2's tree named it: "prefix:name" for a prefixed one (only
 * the name when that would pass QNAME_MAX), written into buf. */
static const char *attr_qname(const xmlChar **attrs, int k, char buf[QNAME_MAX])
{
    const char *local = (const char *)attrs[5 * k], *prefix = (const char *)attrs[5 * k + 1];
    if (!prefix)
        return local;
    size_t lp = strlen(prefix), ln = strlen(local);
    if (lp + ln + 2 > QNAME_MAX && attrs[5 * k + 2])
        return local;
    if (lp + ln + 2 > QNAME_MAX) /* an unbound prefix: libxml2 names it in full */
        return NULL;
    memcpy(buf, prefix, lp);
    buf[lp] = ':';
    memcpy(buf + lp + 1, local, ln + 1);
    return buf;
}

/* Copy a start tag's attributes into a: -1 out of memory. */
static int copy_attrs(tmx_reader *r, int nb, const xmlChar **attrs, tmx_attrs *a)
{
    for (int k = 0; k < nb; k++) {
        char qbuf[QNAME_MAX];
        const char *name = attr_qname(attrs, k, qbuf);
        char *full = NULL;
        if (!name && !(name = full = (char *)xmlBuildQName(attrs[5 * k], attrs[5 * k + 1], NULL, 0)))
            return -1;
        const xmlChar *v = attrs[5 * k + 3], *end = attrs[5 * k + 4];
        int rc;
        if (!memchr(v, '&', (size_t)(end - v))) {
            rc = attrs_addn(a, name, strlen(name), (const char *)v, (size_t)(end - v));
        } else {
            xmlChar *value = attr_value(r, v, end);
            rc = value ? attrs_add(a, name, (const char *)value) : -1;
            xmlFree(value);
        }
        xmlFree(full);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* xmlGetProp's answer for a start tag: the value of the attribute named `want` (in no
 * namespace or any), else the default the internal DTD declares, else NULL. *nomem is
 * set when memory ran out. The caller frees the value with xmlFree. */
static xmlChar *start_tag_prop(tmx_reader *r, const xmlChar *element, int nb, const xmlChar **attrs, const char *want,
                               int *nomem)
{
    for (int k = 0; k < nb; k++) {
        int unbound = attrs[5 * k + 1] && !attrs[5 * k + 2]; /* named "p:name" by libxml2 */
        if (!unbound && strcmp((const char *)attrs[5 * k], want) == 0) {
            xmlChar *v = attr_value(r, attrs[5 * k + 3], attrs[5 * k + 4]);
            *nomem = !v;
            return v;
        }
    }
    xmlDocPtr doc = r->ctxt->myDoc;
    if (doc && doc->intSubset) {
        xmlAttributePtr decl = xmlGetDtdAttrDesc(doc->intSubset, element, BAD_CAST want);
        if (decl && decl->defaultValue) {
            xmlChar *v = xmlStrdup(decl->defaultValue);
            *nomem = !v;
            return v;
        }
    }
    return NULL;
}

/* Markup: text escaped as libxml2's xmlNodeDump writes it (in content, or in an
 * attribute value between double quotes). */
static int markup_escaped(text_buf *b, const char *s, size_t n, int in_attr)
{
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        const char *rep = NULL;
        switch (s[k]) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '\r': rep = "&#13;"; break;
        case '"': rep = in_attr ? "&quot;" : NULL; break;
        case '\n': rep = in_attr ? "&#10;" : NULL; break;
        case '\t': rep = in_attr ? "&#9;" : NULL; break;
        default: break;
        }
        if (!rep)
            continue;
        if (buf_add(b, s + from, k - from) < 0 || buf_puts(b, rep) < 0)
            return -1;
        from = k + 1;
    }
    return buf_add(b, s + from, n - from);
}

/* Markup: before a child of the element on top, end its start tag and any CDATA run. */
static int markup_child(tmx_reader *r)
{
    open_el *top = &r->stack[r->depth - 1];
    if (r->cdata_open) {
        r->cdata_open = 0;
        if (buf_puts(&r->markup, "]]>") < 0)
            return -1;
    }
    if (top->open_tag) {
        top->open_tag = 0;
        if (r->depth > r->seg_depth && buf_puts(&r->markup, ">") < 0)
            return -1;
    }
    return 0;
}

/* Whether markup is being kept for what comes now: inside a segment read, below it */
static int keeping_markup(const tmx_reader *r)
{
    return r->keep_markup && r->seg_depth && r->depth >= r->seg_depth;
}

static int markup_start_tag(tmx_reader *r, const open_el *el, int nb_ns, const xmlChar **ns, int nb,
                            const xmlChar **attrs)
{
    text_buf *b = &r->markup;
    if (buf_puts(b, "<") < 0 || (el->prefix && (buf_puts(b, (const char *)el->prefix) < 0 || buf_puts(b, ":") < 0)) ||
        buf_puts(b, (const char *)el->name) < 0)
        return -1;
    for (int k = 0; k < nb_ns; k++) {
        const char *prefix = (const char *)ns[2 * k], *href = (const char *)(ns[2 * k + 1] ? ns[2 * k + 1] : BAD_CAST "");
        if (buf_puts(b, prefix ? " xmlns:" : " xmlns") < 0 || (prefix && buf_puts(b, prefix) < 0))
            return -1;
        /* xmlBufWriteQuotedString: double quotes, or single ones around a '"' */
        int dq = strchr(href, '"') != NULL, sq = strchr(href, '\'') != NULL;
        if (dq && !sq) {
            if (buf_puts(b, "='") < 0 || buf_puts(b, href) < 0 || buf_puts(b, "'") < 0)
                return -1;
        } else if (dq) {
            if (buf_puts(b, "=\"") < 0)
                return -1;
            for (const char *p = href; *p; p++)
                if (*p == '"' ? buf_puts(b, "&quot;") < 0 : buf_add(b, p, 1) < 0)
                    return -1;
            if (buf_puts(b, "\"") < 0)
                return -1;
        } else if (buf_puts(b, "=\"") < 0 || buf_puts(b, href) < 0 || buf_puts(b, "\"") < 0) {
            return -1;
        }
    }
    for (int k = 0; k < nb; k++) {
        const xmlChar *prefix = attrs[5 * k + 1], *v = attrs[5 * k + 3], *end = attrs[5 * k + 4];
        if (buf_puts(b, " ") < 0 || (prefix && (buf_puts(b, (const char *)prefix) < 0 || buf_puts(b, ":") < 0)) ||
            buf_puts(b, (const char *)attrs[5 * k]) < 0 || buf_puts(b, "=\"") < 0)
            return -1;
        if (!memchr(v, '&', (size_t)(end - v))) {
            if (markup_escaped(b, (const char *)v, (size_t)(end - v), 1) < 0)
                return -1;
        } else { /* as the attribute's node list: its text escaped, its entity references kept */
            xmlNodePtr list = xmlStringLenGetNodeList(r->ctxt->myDoc, v, (int)(end - v));
            for (xmlNodePtr c = list; c; c = c->next) {
                int bad = c->type == XML_ENTITY_REF_NODE
                              ? buf_puts(b, "&") < 0 || buf_puts(b, (const char *)c->name) < 0 || buf_puts(b, ";") < 0
                              : c->content && markup_escaped(b, (const char *)c->content, strlen((const char *)c->content), 1) < 0;
                if (bad) {
                    xmlFreeNodeList(list);
                    return -1;
                }
            }
            xmlFreeNodeList(list);
        }
        if (buf_puts(b, "\"") < 0)
            return -1;
    }
    return 0;
}

/* A new tuv at the end of the unit: NULL out of memory. */
static tmx_tuv *new_tuv(tmx_unit *u)
{
    if (vec_reserve(&u->tuv, &u->cap, u->ntuv + 1, sizeof *u->tuv) < 0)
        return NULL;
    tmx_tuv *t = &u->tuv[u->ntuv++];
    memset(t, 0, sizeof *t);
    return t;
}

static void queue_foreign(tmx_reader *r, const open_el *el, int line)
{
    char qname[160];
    if (el->prefix)
        snprintf(qname, sizeof qname, "%s:%s", (const char *)el->prefix, (const char *)el->name);
    else
        snprintf(qname, sizeof qname, "%s", (const char *)el->name);
    event *e = push_event(r, EV_FOREIGN);
    if (!e || !(e->text = strdup(qname))) {
        if (e)
            r->ev_n--;
        stop_nomem(r);
        return;
    }
    e->line = line;
}

/* The start of a <prop> or <note> whose text is gathered (type: a prop's, NULL for a note) */
static void begin_note(tmx_reader *r, open_el *el, el_role role, int is_prop, int nb, const xmlChar **attrs)
{
    int nomem = 0;
    xmlChar *type = is_prop ? start_tag_prop(r, el->name, nb, attrs, "type", &nomem) : NULL;
    free(r->note_type);
    r->note_type = is_prop ? strdup(type ? (const char *)type : "") : NULL;
    xmlFree(type);
    if (nomem || (is_prop && !r->note_type)) {
        stop_nomem(r);
        return;
    }
    el->role = role;
    r->note_depth = r->depth;
    r->text.n = 0;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                     const xmlChar **ns, int nb, int nb_defaulted, const xmlChar **attrs)
{
    tmx_reader *r = reader_of(ctx);
    if (!r) {
        xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_ns, ns, nb, nb_defaulted, attrs);
        return;
    }
    if (r->stopped)
        return;
    r->in_text = 0;
    /* room for this element first: growing the stack moves it, and `parent` points into it */
    if (vec_reserve(&r->stack, &r->stack_cap, r->depth + 1, sizeof *r->stack) < 0)
        { stop_nomem(r); return; }
    int line = parser_line(r);
    open_el el = {localname, uri ? prefix : NULL, EL_OTHER, line, 0, 0, 0};
    if (prefix && !uri) /* an unbound prefix: libxml2 names the element "p:name" */
        el.name = xmlDictQLookup(r->ctxt->dict, prefix, localname);
    open_el *parent = r->depth ? &r->stack[r->depth - 1] : NULL;
    if (parent) {
        parent->last_line = line;
        el.code = parent->code;
    }
    if (keeping_markup(r) && markup_child(r) < 0)
        { stop_nomem(r); return; }
    if (!r->root[0]) {
        snprintf(r->root, sizeof r->root, "%s", (const char *)el.name);
        r->root_line = line;
    }
    if (r->on_foreign && parent && !is_tmx_element(r, el.name, uri != NULL))
        queue_foreign(r, &el, line);
    open_el *top = &r->stack[r->depth++];
    *top = el;
    const xmlChar *const *n = r->names;
    if (!r->tu_depth) {
        if (el.name == n[N_TU]) {
            tmx_unit_free(&r->unit);
            r->unit.line = line;
            r->unit.col = parser_col(r);
            top->role = EL_TU;
            r->tu_depth = r->depth;
            if (!push_event(r, EV_TU_START) || copy_attrs(r, nb, attrs, &r->unit.attrs) < 0)
                { stop_nomem(r); return; }
        } else if (el.name == n[N_HEADER]) {
            top->role = EL_HEADER;
            r->header_line = line;
            for (int k = 0; k < nb_ns; k++) { /* xmlTextReader listed the namespaces first */
                char qname[160];
                snprintf(qname, sizeof qname, ns[2 * k] ? "xmlns:%s" : "xmlns", (const char *)ns[2 * k]);
                if (attrs_add(&r->header, qname, (const char *)ns[2 * k + 1]) < 0)
                    { stop_nomem(r); return; }
            }
            if (copy_attrs(r, nb, attrs, &r->header) < 0)
                { stop_nomem(r); return; }
        } else if (parent && parent->role == EL_HEADER && el.name == n[N_PROP]) {
            begin_note(r, top, EL_HEADER_PROP, 1, nb, attrs);
        }
        return;
    }
    if (parent->role == EL_TU) {
        if (el.name == n[N_PROP] || el.name == n[N_NOTE]) {
            begin_note(r, top, EL_NOTE, el.name == n[N_PROP], nb, attrs);
        } else if (el.name == n[N_TUV]) {
            tmx_tuv *t = new_tuv(&r->unit);
            if (!t)
                { stop_nomem(r); return; }
            top->role = EL_TUV;
            t->line = line;
            if (copy_attrs(r, nb, attrs, &t->attrs) < 0)
                { stop_nomem(r); return; }
        }
    } else if (parent->role == EL_TUV) {
        if (el.name == n[N_PROP] || el.name == n[N_NOTE]) {
            begin_note(r, top, EL_NOTE, el.name == n[N_PROP], nb, attrs);
        } else if (el.name == n[N_SEG] && r->unit.tuv[r->unit.ntuv - 1].segs++ == 0) {
            top->role = EL_SEG;
            r->seg_depth = r->depth;
            r->text.n = 0;
            r->markup.n = 0;
            r->nopen = r->unpaired = 0;
            if (buf_add(&r->text, "", 0) < 0 || buf_add(&r->markup, "", 0) < 0)
                { stop_nomem(r); return; }
        }
    } else if (r->seg_depth && r->depth > r->seg_depth) {
        top->code = top->code || is_code(r, el.name);
        if (r->depth == r->seg_depth + 1 && (el.name == n[N_BPT] || el.name == n[N_EPT])) {
            /* <bpt i="n"> and <ept i="n"> must pair up inside a segment: count those that do not */
            int nomem = 0;
            xmlChar *i = start_tag_prop(r, el.name, nb, attrs, "i", &nomem);
            if (nomem)
                { stop_nomem(r); return; }
            if (el.name == n[N_BPT]) {
                if (r->nopen < MAX_OPEN_CODES)
                    r->open_codes[r->nopen++] = (char *)i, i = NULL;
            } else {
                int k = r->nopen - 1;
                while (k >= 0 && !(i && r->open_codes[k] && xmlStrEqual(BAD_CAST r->open_codes[k], i)))
                    k--;
                if (k < 0) {
                    r->unpaired++;
                } else {
                    xmlFree(r->open_codes[k]);
                    memmove(r->open_codes + k, r->open_codes + k + 1, (size_t)(r->nopen - k - 1) * sizeof(char *));
                    r->nopen--;
                }
            }
            xmlFree(i);
        }
        if (r->keep_markup) {
            top->open_tag = 1;
            if (markup_start_tag(r, top, nb_ns, ns, nb, attrs) < 0)
                { stop_nomem(r); return; }
        }
    }
}

/* Add the note or prop just read to v. */
static int add_annotation(tmx_reader *r, tmx_annotation **v, size_t *n)
{
    tmx_annotation *bigger = realloc(*v, (*n + 1) * sizeof **v);
    if (!bigger)
        return -1;
    *v = bigger;
    tmx_annotation a = {r->note_type, strndup(r->text.v ? r->text.v : "", r->text.n)};
    if (!a.text)
        return -1;
    r->note_type = NULL;
    (*v)[(*n)++] = a;
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

static void end_segment(tmx_reader *r)
{
    tmx_tuv *t = &r->unit.tuv[r->unit.ntuv - 1];
    t->unpaired = r->unpaired + r->nopen;
    for (int k = 0; k < r->nopen; k++)
        xmlFree(r->open_codes[k]);
    r->nopen = 0;
    r->seg_depth = 0;
    t->text = strndup(r->text.v, r->text.n);
    t->xml = r->keep_markup ? strndup(r->markup.v, r->markup.n) : NULL;
    if (!t->text || (r->keep_markup && !t->xml))
        stop_nomem(r);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    tmx_reader *r = reader_of(ctx);
    if (!r) {
        xmlSAX2EndElementNs(ctx, localname, prefix, uri);
        return;
    }
    if (r->stopped || !r->depth)
        return;
    r->in_text = 0;
    open_el *el = &r->stack[r->depth - 1];
    if (keeping_markup(r) && r->depth > r->seg_depth) {
        int bad = 0;
        if (r->cdata_open) {
            r->cdata_open = 0;
            bad = buf_puts(&r->markup, "]]>") < 0;
        }
        if (el->open_tag)
            bad = bad || buf_puts(&r->markup, "/>") < 0;
        else
            bad = bad || buf_puts(&r->markup, "</") < 0 ||
                  (el->prefix && (buf_puts(&r->markup, (const char *)el->prefix) < 0 || buf_puts(&r->markup, ":") < 0)) ||
                  buf_puts(&r->markup, (const char *)el->name) < 0 || buf_puts(&r->markup, ">") < 0;
        if (bad)
            { stop_nomem(r); return; }
    }
    switch (el->role) {
    case EL_TU:
        r->tu_depth = 0;
        for (size_t k = 0; k < r->unit.ntuv; k++)
            if (tmx_tuv_lang(&r->unit.tuv[k]))
                note_language(r, tmx_tuv_lang(&r->unit.tuv[k]));
        event *e = push_event(r, EV_UNIT);
        if (!e)
            { stop_nomem(r); return; }
        e->unit = r->unit;
        memset(&r->unit, 0, sizeof r->unit);
        break;
    case EL_SEG:
        if (r->cdata_open) {
            r->cdata_open = 0;
            if (r->keep_markup && buf_puts(&r->markup, "]]>") < 0)
                { stop_nomem(r); return; }
        }
        end_segment(r);
        break;
    case EL_NOTE: {
        open_el *parent = &r->stack[r->depth - 2];
        tmx_tuv *t = parent->role == EL_TUV ? &r->unit.tuv[r->unit.ntuv - 1] : NULL;
        r->note_depth = 0;
        if (add_annotation(r, t ? &t->notes : &r->unit.notes, t ? &t->nnotes : &r->unit.nnotes) < 0)
            { stop_nomem(r); return; }
        break;
    }
    case EL_HEADER_PROP:
        r->note_depth = 0;
        if (attrs_add(&r->header_props, r->note_type ? r->note_type : "", r->text.v ? r->text.v : "") < 0)
            { stop_nomem(r); return; }
        break;
    default:
        break;
    }
    r->depth--;
}

/* Text and CDATA: gathered into a segment's text (outside code elements) and markup, or
 * into a prop's or note's text. */
static void on_text(tmx_reader *r, const xmlChar *s, int len, int cdata)
{
    if (r->stopped || !r->depth)
        return;
    open_el *top = &r->stack[r->depth - 1];
    if (!r->in_text)
        top->last_line = parser_line(r);
    r->in_text = !cdata;
    int bad = 0;
    if (r->note_depth) {
        bad = buf_add(&r->text, (const char *)s, (size_t)len) < 0;
    } else if (r->seg_depth) {
        if (!top->code)
            bad = buf_add(&r->text, (const char *)s, (size_t)len) < 0;
        if (!bad && r->keep_markup) {
            if (cdata && r->cdata_open) { /* libxml2 joins adjacent CDATA into one node */
                bad = buf_add(&r->markup, (const char *)s, (size_t)len) < 0;
            } else {
                bad = markup_child(r) < 0;
                if (!bad && cdata) {
                    r->cdata_open = 1;
                    bad = buf_puts(&r->markup, "<![CDATA[") < 0 || buf_add(&r->markup, (const char *)s, (size_t)len) < 0;
                } else if (!bad) {
                    bad = markup_escaped(&r->markup, (const char *)s, (size_t)len, 0) < 0;
                }
            }
        }
    }
    if (bad)
        stop_nomem(r);
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
    tmx_reader *r = reader_of(ctx);
    if (!r)
        xmlSAX2Characters(ctx, s, len);
    else
        on_text(r, s, len, 0);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
    tmx_reader *r = reader_of(ctx);
    if (!r)
        xmlSAX2CDataBlock(ctx, s, len);
    else
        on_text(r, s, len, 1);
}

/* An entity reference libxml2 did not expand: refused outside units, in a segment's text
 * and among a unit's or a tuv's children; a prop or note takes the entity's text. */
/* Stop reading with "FILE:LINE:COL: why", for input that is refused. */
static void refuse_at(tmx_reader *r, int line, int col, const char *why)
{
    char msg[512];
    utf8_snprintf(msg, sizeof msg, "%s:%d:%d: %s", r->name, line, col, why);
    stop_with(r, ERR_DATA, msg);
}

static void on_reference(void *ctx, const xmlChar *name)
{
    tmx_reader *r = reader_of(ctx);
    if (!r) {
        xmlSAX2Reference(ctx, name);
        return;
    }
    if (r->stopped)
        return;
    open_el *top = r->depth ? &r->stack[r->depth - 1] : NULL;
    if (!r->tu_depth || !top) {
        char why[256];
        utf8_snprintf(why, sizeof why, _("entity reference &%s; refused (entities are not expanded)"), (const char *)name);
        refuse_at(r, parser_line(r), parser_col(r), why);
        return;
    }
    if (r->seg_depth && r->depth >= r->seg_depth) {
        if (!top->code) {
            refuse_at(r, r->stack[r->seg_depth - 1].line, 1, _("entity reference in a segment refused"));
            return;
        }
        r->in_text = 0;
        if (r->keep_markup && (markup_child(r) < 0 || buf_puts(&r->markup, "&") < 0 ||
                               buf_puts(&r->markup, (const char *)name) < 0 || buf_puts(&r->markup, ";") < 0))
            stop_nomem(r);
        return;
    }
    if (top->role == EL_TU || top->role == EL_TUV) {
        refuse_at(r, top->last_line ? top->last_line : top->line, 1, _("entity reference refused"));
        return;
    }
    r->in_text = 0;
    if (r->note_depth) { /* what xmlNodeGetContent read through the reference */
        xmlNodePtr ref = xmlNewReference(r->ctxt->myDoc, name);
        xmlChar *s = ref ? xmlNodeGetContent(ref) : NULL;
        int bad = !ref || (s && buf_puts(&r->text, (const char *)s) < 0);
        xmlFree(s);
        xmlFreeNode(ref);
        if (bad)
            stop_nomem(r);
    }
}

static void on_comment(void *ctx, const xmlChar *value)
{
    tmx_reader *r = reader_of(ctx);
    if (!r) {
        xmlSAX2Comment(ctx, value);
        return;
    }
    if (r->stopped)
        return;
    r->in_text = 0;
    if (r->depth)
        r->stack[r->depth - 1].last_line = parser_line(r);
    if (keeping_markup(r) && (markup_child(r) < 0 || buf_puts(&r->markup, "<!--") < 0 ||
                              buf_puts(&r->markup, (const char *)value) < 0 || buf_puts(&r->markup, "-->") < 0))
        stop_nomem(r);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    tmx_reader *r = reader_of(ctx);
    if (!r) {
        xmlSAX2ProcessingInstruction(ctx, target, data);
        return;
    }
    if (r->stopped)
        return;
    r->in_text = 0;
    if (r->depth)
        r->stack[r->depth - 1].last_line = parser_line(r);
    if (keeping_markup(r) &&
        (markup_child(r) < 0 || buf_puts(&r->markup, "<?") < 0 || buf_puts(&r->markup, (const char *)target) < 0 ||
         (data && (buf_puts(&r->markup, " ") < 0 || buf_puts(&r->markup, (const char *)data) < 0)) ||
         buf_puts(&r->markup, "?>") < 0))
        stop_nomem(r);
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

/* libxml2's errors while it reads a file it opened: told as read_errno instead (its
 * words for a cut-short gzip stream are about ioctl). */
static void ignore_io_error(void *arg, xmlErrorPtr e)
{
    (void)arg;
    (void)e;
}

/* Read from the input descriptor, noting whether anything but white space came, so
 * that an empty input is called empty rather than malformed; or from the file libxml2
 * opened. The byte count, or -1. */
static int read_input(tmx_reader *r, char *buf, int len)
{
    if (r->file) {
        xmlStructuredErrorFunc told = xmlStructuredError;
        void *told_ctx = xmlStructuredErrorContext;
        xmlSetStructuredErrorFunc(NULL, ignore_io_error);
        int n = r->file->readcallback(r->file->context, buf, len);
        xmlSetStructuredErrorFunc(told_ctx, told);
        if (n < 0)
            r->read_errno = -1;
        r->inflated += n > 0 ? (size_t)n : 0;
        return n;
    }
    ssize_t n;
    do
        n = read(r->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        r->read_errno = errno;
    for (ssize_t k = 0; k < n && r->only_space; k++)
        r->only_space = is_white_space(buf[k]);
    r->bytes += n > 0 ? (size_t)n : 0;
    return n < 0 ? -1 : (int)n;
}

/* Parse the next chunk of input, queueing what it holds. */
static void parse_more(tmx_reader *r)
{
    char buf[CHUNK];
    int n = r->stopped ? 0 : read_input(r, buf, sizeof buf);
    if (n < 0)
        { stop_with(r, ERR_DATA, NULL); return; }
    r->input_done |= n == 0 && !r->stopped;
    if (!r->stopped) {
        int rc = xmlParseChunk(r->ctxt, buf, n, n == 0);
        /* as xmlTextReader: what the parser calls an error fails the input. A fatal one
         * ends its callbacks, so what came before it is handed out first */
        if (rc != 0 || !r->ctxt->wellFormed)
            stop_with(r, ERR_DATA, NULL);
    }
    if (n == 0 && !r->stopped) {
        r->ended = 1;
        if (!push_event(r, EV_END))
            stop_nomem(r);
    }
}

/* The next event, parsing on as needed: never NULL, an error or the end stays queued. */
static event *peek_event(tmx_reader *r)
{
    while (r->ev_head == r->ev_n) {
        if (r->stopped && r->ev_head == r->ev_n) { /* the error could not be queued */
            static event nomem = {.kind = EV_ERROR, .code = ERR_NOMEM};
            return &nomem;
        }
        parse_more(r);
    }
    return &r->ev[r->ev_head];
}

static void event_free(event *e)
{
    free(e->text);
    tmx_unit_free(&e->unit);
}

/* The error an EV_ERROR tells, set for error_last(). */
static int event_error(tmx_reader *r, const event *e)
{
    if (e->code == ERR_NOMEM)
        return error_nomem();
    return e->text ? error_set(e->code, "%s", e->text) : parse_failed(r);
}

/* Hand out foreign elements up to the next unit start, the end or an error: 1, 0, or
 * the error. */
static int skip_to_unit(tmx_reader *r)
{
    for (;;) {
        event *e = peek_event(r);
        switch (e->kind) {
        case EV_FOREIGN:
            if (r->on_foreign)
                r->on_foreign(r->foreign_ctx, e->line, 1, e->text);
            event_free(e);
            r->ev_head++;
            break;
        case EV_TU_START:
            return 1;
        case EV_END:
            return 0;
        case EV_ERROR:
            return event_error(r, e);
        case EV_UNIT: /* never before its start */
            event_free(e);
            r->ev_head++;
            break;
        }
    }
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
    /* libxml2's SAX2 handlers but for the document's content, which the reader takes */
    xmlSAXHandler sax;
    xmlSAXVersion(&sax, 2);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.ignorableWhitespace = on_characters;
    sax.cdataBlock = on_cdata;
    sax.reference = on_reference;
    sax.comment = on_comment;
    sax.processingInstruction = on_pi;
    sax.serror = on_parser_error;
    if (fd < 0 && !(r->file = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE))) {
        tmx_reader_close(r);
        return error_set(ERR_DATA, _("%s: cannot be read as XML"), name);
    }
    /* the first bytes tell the encoding, as xmlTextReader gave them */
    char first[4];
    int n = read_input(r, first, sizeof first);
    r->ctxt = xmlCreatePushParserCtxt(&sax, NULL, n > 0 ? first : NULL, n > 0 ? n : 0, name);
    if (!r->ctxt) {
        tmx_reader_close(r);
        return error_set(ERR_DATA, _("%s: cannot be read as XML"), name);
    }
    r->ctxt->_private = r;
    r->ctxt->sax->serror = on_parser_error;
    /* no NOENT (no entity substitution), no DTDLOAD, no network; XInclude never processed */
    xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    r->ctxt->linenumbers = 1;
    r->ctxt->dictNames = 1;
    for (size_t k = 0; k < N_COUNT; k++)
        if (!(r->names[k] = xmlDictLookup(r->ctxt->dict, BAD_CAST tmx_names[k], -1))) {
            tmx_reader_close(r);
            return error_nomem();
        }
    if (n < 0)
        stop_with(r, ERR_DATA, NULL);
    /* tmx_reader_keep_markup comes after the open, which parses the first units: their
     * markup is kept, and dropped as they are handed out if it is not wanted */
    r->keep_markup = 1;
    rc = skip_to_unit(r);
    r->keep_markup = 0;
    if (rc == 0 && !r->root[0])
        rc = parse_failed(r);
    if (rc >= 0 && strcmp(r->root, "tmx") != 0)
        rc = error_set(ERR_DATA, _("%s:%d:1: not a TMX document: the root element is <%s>, not <tmx>"), name,
                       r->root_line, r->root);
    if (rc < 0) {
        tmx_reader_close(r);
        return rc;
    }
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
    /* the unit, then the foreign elements up to the next one, as xmlTextReader read on to
     * it: an error before the next unit is the answer, not the unit */
    for (;;) {
        event *e = peek_event(r);
        if (e->kind == EV_END)
            return 0;
        if (e->kind == EV_ERROR)
            return event_error(r, e);
        if (e->kind == EV_UNIT) {
            *u = e->unit;
            memset(&e->unit, 0, sizeof e->unit);
            for (size_t k = 0; !r->keep_markup && k < u->ntuv; k++) {
                free(u->tuv[k].xml);
                u->tuv[k].xml = NULL;
            }
            event_free(e);
            r->ev_head++;
            int rc = skip_to_unit(r);
            if (rc < 0) {
                tmx_unit_free(u);
                return rc;
            }
            return 1;
        }
        if (e->kind == EV_FOREIGN && r->on_foreign)
            r->on_foreign(r->foreign_ctx, e->line, 1, e->text);
        event_free(e);
        r->ev_head++;
    }
}

void tmx_reader_close(tmx_reader *r)
{
    if (!r)
        return;
    if (r->ctxt) {
        if (r->ctxt->myDoc)
            xmlFreeDoc(r->ctxt->myDoc);
        xmlFreeParserCtxt(r->ctxt);
    }
    if (r->file)
        xmlFreeParserInputBuffer(r->file);
    if (r->own_fd)
        close(r->fd);
    for (size_t k = r->ev_head; k < r->ev_n; k++)
        event_free(&r->ev[k]);
    free(r->ev);
    free(r->stack);
    tmx_unit_free(&r->unit);
    for (int k = 0; k < r->nopen; k++)
        xmlFree(r->open_codes[k]);
    free(r->note_type);
    free(r->text.v);
    free(r->markup.v);
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

/* One multiply-xorshift round (splitmix64's), per 8 bytes of the spaced text. */
static uint64_t hash_mix(uint64_t h, uint64_t block)
{
    h = (h ^ block) * 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 31);
}

/* Whether a text of `len` bytes already reads as the hash sees it: no tab or line break,
 * no run of spaces, no space at either end (most segments). Its characters other than
 * white space are counted in the same loop, without branches, so that the text is read
 * once for both (the byte-by-byte walk was a tenth of `tmx stats` on a large memory). */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("vect-cost-model=dynamic")))
#endif
static int spacing_is_plain_count(const unsigned char *p, size_t len, size_t *chars)
{
    if (!len) {
        *chars = 0;
        return 1;
    }
    /* each byte against the next, not against a carried previous one: the loop vectorizes */
    unsigned bad = p[0] == ' ' || p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n' ||
                   p[len - 1] == '\r';
    size_t n = ((p[len - 1] & 0xC0) != 0x80) & (p[len - 1] != ' ');
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned c = p[i];
        bad |= (c == '\t') | (c == '\n') | (c == '\r') | ((c == ' ') & (p[i + 1] == ' '));
        n += ((c & 0xC0) != 0x80) & (c != ' ');
    }
    *chars = n;
    return !bad;
}

/* The same hash as below for a text whose spacing is plain: its bytes are the blocks as
 * they stand, read 8 at a time. */
static uint64_t plain_text_hash(uint64_t h, const unsigned char *p, size_t len)
{
    size_t full = len / 8 * 8;
    for (size_t i = 0; i < full; i += 8) {
        uint64_t block;
        memcpy(&block, p + i, 8);
        h = hash_mix(h, block);
    }
    uint64_t block = 0;
    for (size_t i = full; i < len; i++)
        block |= (uint64_t)p[i] << (8 * (i - full));
    return hash_mix(h, block ^ 0x1fULL << 56);
}

uint64_t tmx_text_hash_count(uint64_t h, const char *text, size_t *chars)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (text) {
        size_t len = strlen(text), n;
        if (spacing_is_plain_count((const unsigned char *)text, len, &n)) {
            if (chars)
                *chars = n;
            return plain_text_hash(h, (const unsigned char *)text, len);
        }
    }
#endif
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
