/* doc_docx.c — a Word document (DOCX, Office Open XML) as paragraphs.
 *
 * word/document.xml is walked as a stream (doc_xml.h): each w:p is a paragraph, in the
 * order the body holds them, table cells included (a cell's paragraphs come in row
 * order). A paragraph is a heading when its style is one (Heading1…, Title, or a style
 * that styles.xml names "heading N" or gives an outline level: Word's style ids are
 * localized, "berschrift1", "Titre1") or when it has an outline level of its own. Text
 * is that of w:t (w:tab, w:br and w:cr are spaces); what the reader would not see stays
 * out: deleted and moved-away text of tracked changes (w:delText, w:moveFrom), field
 * codes (w:instrText), the results of TOC and page-number fields, a table of contents
 * in a content control, and the fallback copy of text boxes (mc:Fallback repeats
 * mc:Choice). Foot- and endnotes (word/footnotes.xml, endnotes.xml) follow the
 * paragraph that cites them, so that both sides of a translation keep them at the same
 * place. Page headers and footers are parts of their own (header1.xml …) and are never
 * read: page numbers and running titles would only derail an alignment. Element names
 * are matched as written with Word's prefixes (w:, mc:), which every producer uses. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "doc_xml.h"
#include "readers.h"

/* Notes of one part: their paragraphs, and per note its id and paragraph range. */
typedef struct {
    long id;
    size_t first, count;
} note;

typedef struct {
    document d;
    note *v;
    size_t n, cap;
} notes;

/* Style ids that are headings, from styles.xml. */
typedef struct {
    char (*id)[64];
    size_t n, cap;
    char current[64];   /* the style being read */
    int current_is_heading;
} heading_styles;

enum { MAX_FIELDS = 32 };

/* A complex field (w:fldChar begin … separate … end): its code, and whether its result
 * is being read and hidden. */
typedef struct {
    char instr[16];
    int result, hidden;
} field;

typedef struct {
    document *d;            /* where paragraphs go: the body, or a notes part */
    document pending;       /* notes cited by the paragraph being read */
    const notes *foot, *end;
    notes *collect;         /* reading a notes part: the notes */
    const heading_styles *styles;
    int p_depth, in_t, heading;
    int toc_sdt;            /* a content control holding a table of contents */
    int in_instr;
    field field[MAX_FIELDS];
    int nfields;
} docx_state;

static int starts_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int style_is_heading(const docx_state *s, const char *id)
{
    if (starts_ci(id, "heading") || strcasecmp(id, "Title") == 0 || strcasecmp(id, "Subtitle") == 0)
        return 1;
    for (size_t k = 0; s->styles && k < s->styles->n; k++)
        if (strcmp(s->styles->id[k], id) == 0)
            return 1;
    return 0;
}

/* Whether text now is hidden by a field: in the result of a TOC or page-number field. */
static int field_hides(const docx_state *s)
{
    for (int k = 0; k < s->nfields && k < MAX_FIELDS; k++)
        if (s->field[k].result && s->field[k].hidden)
            return 1;
    return 0;
}

static int hidden_instr(const char *instr)
{
    while (*instr == ' ')
        instr++;
    return starts_ci(instr, "TOC") || starts_ci(instr, "PAGE") || starts_ci(instr, "NUMPAGES") ||
           starts_ci(instr, "SECTIONPAGES");
}

static int notes_add(notes *n, long id)
{
    int rc = vec_reserve(&n->v, &n->cap, n->n + 1, sizeof *n->v);
    if (rc == 0)
        n->v[n->n++] = (note){id, n->d.n, 0};
    return rc;
}

static void notes_free(notes *n)
{
    document_free(&n->d);
    free(n->v);
}

/* The paragraphs of note `id` of n, after the paragraph that cites it. */
static int cite(docx_state *s, const notes *n, const char *id)
{
    char *end;
    long v = strtol(id, &end, 10);
    for (size_t k = 0; n && k < n->n; k++)
        if (n->v[k].id == v && end != id)
            return document_copy(&s->pending, &n->d, n->v[k].first, n->v[k].count);
    return 0;
}

static int on_start(docx_state *s, const char *q, xmlTextReaderPtr r)
{
    char v[128];
    if (strcmp(q, "w:p") == 0) {
        if (s->p_depth++ == 0)
            s->heading = 0;
    } else if (strcmp(q, "w:t") == 0) {
        s->in_t = 1;
    } else if (strcmp(q, "w:pStyle") == 0) {
        xml_walk_attr(r, "w:val", v, sizeof v);
        s->heading |= style_is_heading(s, v);
    } else if (strcmp(q, "w:outlineLvl") == 0) {
        xml_walk_attr(r, "w:val", v, sizeof v);
        s->heading |= v[0] >= '0' && v[0] <= '8' && !v[1];
    } else if (strcmp(q, "w:tab") == 0 || strcmp(q, "w:br") == 0 || strcmp(q, "w:cr") == 0) {
        if (s->p_depth && !field_hides(s))
            return document_append(s->d, " ", 1);
    } else if (strcmp(q, "w:noBreakHyphen") == 0) {
        if (s->p_depth && !field_hides(s))
            return document_append(s->d, "-", 1);
    } else if (strcmp(q, "w:footnoteReference") == 0 || strcmp(q, "w:endnoteReference") == 0) {
        xml_walk_attr(r, "w:id", v, sizeof v);
        return cite(s, q[2] == 'f' ? s->foot : s->end, v);
    } else if (strcmp(q, "w:footnote") == 0 || strcmp(q, "w:endnote") == 0) {
        xml_walk_attr(r, "w:type", v, sizeof v);
        if (v[0] && strcmp(v, "normal") != 0)
            return 1; /* separators and continuation notices */
        xml_walk_attr(r, "w:id", v, sizeof v);
        return s->collect ? notes_add(s->collect, strtol(v, NULL, 10)) : 0;
    } else if (strcmp(q, "mc:Fallback") == 0 || strcmp(q, "w:moveFrom") == 0 || strcmp(q, "w:del") == 0) {
        return 1;
    } else if (strcmp(q, "w:fldSimple") == 0) {
        xml_walk_attr(r, "w:instr", v, sizeof v);
        return hidden_instr(v);
    } else if (strcmp(q, "w:fldChar") == 0) {
        xml_walk_attr(r, "w:fldCharType", v, sizeof v);
        if (strcmp(v, "begin") == 0) {
            if (s->nfields < MAX_FIELDS)
                s->field[s->nfields] = (field){"", 0, 0};
            s->nfields++;
        } else if (strcmp(v, "separate") == 0 && s->nfields > 0 && s->nfields <= MAX_FIELDS) {
            s->field[s->nfields - 1].result = 1;
            s->field[s->nfields - 1].hidden = hidden_instr(s->field[s->nfields - 1].instr);
        } else if (strcmp(v, "end") == 0 && s->nfields > 0) {
            s->nfields--;
        }
    } else if (strcmp(q, "w:instrText") == 0) {
        s->in_instr = 1;
    } else if (strcmp(q, "w:docPartGallery") == 0) {
        xml_walk_attr(r, "w:val", v, sizeof v);
        s->toc_sdt |= strstr(v, "Table of Contents") != NULL;
    } else if (strcmp(q, "w:sdtContent") == 0 && s->toc_sdt) {
        s->toc_sdt = 0;
        return 1;
    }
    return 0;
}

static int on_end(docx_state *s, const char *q)
{
    if (strcmp(q, "w:t") == 0) {
        s->in_t = 0;
    } else if (strcmp(q, "w:instrText") == 0) {
        s->in_instr = 0;
    } else if (strcmp(q, "w:p") == 0 && s->p_depth > 0 && --s->p_depth == 0) {
        int rc = document_end_paragraph(s->d, s->heading ? PARA_HEADING : PARA_BODY);
        if (rc == 0 && s->pending.n)
            rc = document_take(s->d, &s->pending);
        if (rc == 0 && s->collect && s->collect->n)
            s->collect->v[s->collect->n - 1].count = s->d->n - s->collect->v[s->collect->n - 1].first;
        return rc;
    }
    return 0;
}

static int on_event(void *ctx, xml_walk_event ev, const char *q, xmlTextReaderPtr r, const char *text, size_t len)
{
    docx_state *s = ctx;
    if (ev == XML_WALK_START)
        return on_start(s, q, r);
    if (ev == XML_WALK_END)
        return on_end(s, q);
    if (s->in_instr && s->nfields > 0 && s->nfields <= MAX_FIELDS) {
        char *instr = s->field[s->nfields - 1].instr;
        size_t have = strlen(instr);
        snprintf(instr + have, sizeof s->field[0].instr - have, "%.*s", (int)len, text);
        return 0;
    }
    if (s->in_t && s->p_depth && !field_hides(s))
        return document_append(s->d, text, len);
    return 0;
}

/* styles.xml: the ids of styles named "heading N" / "Title" or with an outline level. */
static int on_style(void *ctx, xml_walk_event ev, const char *q, xmlTextReaderPtr r, const char *text, size_t len)
{
    heading_styles *h = ctx;
    char v[64];
    if (ev == XML_WALK_START && strcmp(q, "w:style") == 0) {
        xml_walk_attr(r, "w:styleId", h->current, sizeof h->current);
        h->current_is_heading = 0;
    } else if (ev == XML_WALK_START && strcmp(q, "w:name") == 0) {
        xml_walk_attr(r, "w:val", v, sizeof v);
        h->current_is_heading |= starts_ci(v, "heading") || strcasecmp(v, "Title") == 0;
    } else if (ev == XML_WALK_START && strcmp(q, "w:outlineLvl") == 0) {
        xml_walk_attr(r, "w:val", v, sizeof v);
        h->current_is_heading |= v[0] >= '0' && v[0] <= '8' && !v[1];
    } else if (ev == XML_WALK_END && strcmp(q, "w:style") == 0 && h->current_is_heading && h->current[0]) {
        int rc = vec_reserve(&h->id, &h->cap, h->n + 1, sizeof *h->id);
        if (rc < 0)
            return rc;
        memcpy(h->id[h->n++], h->current, sizeof h->current);
    }
    return 0;
}

/* Read a part of z (optional ones may be absent) with callback fn. */
static int walk_part(doc_zip *z, const char *name, const char *part, int optional, xml_walk_fn fn, void *ctx)
{
    char *buf;
    size_t len;
    int rc = doc_zip_read(z, part, DOC_ZIP_PART_MAX, optional, &buf, &len);
    if (rc == 0 && buf)
        rc = xml_walk(buf, len, name, part, fn, ctx);
    free(buf);
    return rc;
}

int doc_docx_read(doc_zip *z, const char *name, document *d)
{
    heading_styles styles = {0};
    notes foot = {0}, end = {0};
    int rc = walk_part(z, name, "word/styles.xml", 1, on_style, &styles);
    docx_state s;
    memset(&s, 0, sizeof s);
    s.styles = &styles;
    for (int k = 0; k < 2 && rc == 0; k++) {
        notes *n = k == 0 ? &foot : &end;
        s.d = &n->d;
        s.collect = n;
        rc = walk_part(z, name, k == 0 ? "word/footnotes.xml" : "word/endnotes.xml", 1, on_event, &s);
        s.p_depth = s.in_t = s.nfields = 0;
    }
    s.d = d;
    s.collect = NULL;
    s.foot = &foot;
    s.end = &end;
    if (rc == 0)
        rc = walk_part(z, name, "word/document.xml", 0, on_event, &s);
    document_free(&s.pending);
    notes_free(&foot);
    notes_free(&end);
    free(styles.id);
    return rc;
}
