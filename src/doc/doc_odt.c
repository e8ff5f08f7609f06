/* doc_odt.c — an OpenDocument text (ODT) as paragraphs.
 *
 * content.xml is walked as a stream (doc_xml.h). Each text:p is a paragraph and each
 * text:h a heading, in the order office:text holds them: list items and table cells
 * included. text:s, text:tab and text:line-break are spaces. A note (text:note: a foot-
 * or endnote) sits inside the paragraph that cites it; its body's paragraphs follow that
 * paragraph and its citation mark (the number) is dropped. Left out, with everything in
 * them: tracked changes (the deleted text), comments (office:annotation), generated
 * indexes (table of contents, alphabetical and other indexes, bibliography: they repeat
 * the headings), page-number and page-count fields, the titles and descriptions of
 * drawings, forms. Page headers and footers live in styles.xml, which is never read.
 * Element names are matched as written with the ODF prefixes (text:, office:, table:),
 * which every producer uses. */
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "doc_xml.h"
#include "readers.h"

static const char *const dropped[] = {
    "text:tracked-changes", "office:annotation",    "text:table-of-content", "text:alphabetical-index",
    "text:illustration-index", "text:table-index",  "text:object-index",     "text:user-index",
    "text:bibliography",    "text:sequence-decls",  "text:variable-decls",   "text:user-field-decls",
    "text:page-number",     "text:page-count",      "svg:title",             "svg:desc",
    "office:forms",         "text:note-citation",   "office:automatic-styles", "office:font-face-decls",
    "office:scripts",       "text:deletion"};

typedef struct {
    document *d;
    document notes;     /* paragraphs of the notes cited by the paragraph being read */
    int p_depth;        /* text:p / text:h open, outside notes */
    int heading;
    int in_note;        /* inside a text:note-body */
    int note_p, note_heading;
} odt_state;

static int on_event(void *ctx, xml_walk_event ev, const char *q, xmlTextReaderPtr r, const char *text, size_t len)
{
    (void)r;
    odt_state *s = ctx;
    document *to = s->in_note ? &s->notes : s->d;
    if (ev == XML_WALK_TEXT)
        return (s->in_note ? s->note_p : s->p_depth) ? document_append(to, text, len) : 0;
    int start = ev == XML_WALK_START;
    if (start)
        for (size_t k = 0; k < sizeof dropped / sizeof *dropped; k++)
            if (strcmp(q, dropped[k]) == 0)
                return 1;
    if (strcmp(q, "text:p") == 0 || strcmp(q, "text:h") == 0) {
        int *depth = s->in_note ? &s->note_p : &s->p_depth;
        int *heading = s->in_note ? &s->note_heading : &s->heading;
        if (start) {
            if ((*depth)++ == 0)
                *heading = q[5] == 'h';
            return 0;
        }
        if (*depth == 0 || --*depth > 0)
            return 0;
        int rc = document_end_paragraph(to, *heading ? PARA_HEADING : PARA_BODY);
        if (rc == 0 && !s->in_note && s->notes.n)
            rc = document_take(s->d, &s->notes);
        return rc;
    }
    if (strcmp(q, "text:note-body") == 0) {
        s->in_note += start ? 1 : -1;
        s->note_p = 0;
        return 0;
    }
    if (start && (strcmp(q, "text:s") == 0 || strcmp(q, "text:tab") == 0 || strcmp(q, "text:line-break") == 0))
        return (s->in_note ? s->note_p : s->p_depth) ? document_append(to, " ", 1) : 0;
    return 0;
}

int doc_odt_read(doc_zip *z, const char *name, document *d)
{
    char *buf;
    size_t len;
    int rc = doc_zip_read(z, "content.xml", DOC_ZIP_PART_MAX, 0, &buf, &len);
    if (rc < 0)
        return rc;
    odt_state s;
    memset(&s, 0, sizeof s);
    s.d = d;
    rc = xml_walk(buf, len, name, "content.xml", on_event, &s);
    document_free(&s.notes);
    free(buf);
    return rc;
}
