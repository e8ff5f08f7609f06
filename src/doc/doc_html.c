/* doc_html.c — HTML and XHTML pages as paragraphs, through libxml2's HTML parser.
 *
 * The parser is driven by SAX callbacks, never a tree: a page is one pass, and what a
 * user reads is what the callbacks see — text, with entities decoded, inline tags (<b>,
 * <a>, <span> …) contributing their text only. Block elements (p, div, li, td, h1-h6,
 * blockquote, br …) end a paragraph; h1-h6 make headings. What is not the page's text is
 * dropped with everything inside it: head (and its title), script, style, noscript,
 * template, nav, header, footer, forms' controls, embedded svg and math. The parser
 * repairs broken markup as browsers do (unclosed <p>, stray end tags). A page nested
 * deeper than DOC_MAX_DEPTH elements is refused with the line where it went too deep. */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "../i18n.h"
#include "../util/error.h"
#include "readers.h"

static const char *const dropped[] = {"head",   "title",  "script", "style",  "noscript", "template", "nav",
                                      "header", "footer", "iframe", "object", "embed",    "svg",      "math",
                                      "select", "button", "canvas", "audio",  "video",    "textarea"};

static const char *const blocks[] = {
    "p",      "div",        "li",      "dt",      "dd",     "td",      "th",       "caption", "blockquote",
    "pre",    "section",    "article", "main",    "aside",  "figure",  "figcaption", "address", "table",
    "tr",     "tbody",      "thead",   "tfoot",   "ul",     "ol",      "dl",       "form",    "fieldset",
    "legend", "details",    "summary", "hr",      "br",     "body",    "html",     "center",  "dialog",
    "h1",     "h2",         "h3",      "h4",      "h5",     "h6",      "hgroup",   "menu",    "option"};

typedef struct {
    htmlParserCtxtPtr ctxt;
    const char *name;
    document *d;
    int depth;
    int skip_from;      /* depth of the dropped element being skipped, 0 when none */
    int heading;        /* inside h1-h6 */
    int rc;
} html_state;

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcasecmp(name, list[k]) == 0)
            return 1;
    return 0;
}

static int is_heading(const char *name)
{
    return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2];
}

static void stop(html_state *s, int rc)
{
    if (s->rc == 0)
        s->rc = rc;
    xmlStopParser(s->ctxt);
}

static void end_paragraph(html_state *s)
{
    int rc = document_end_paragraph(s->d, s->heading ? PARA_HEADING : PARA_BODY);
    if (rc < 0)
        stop(s, rc);
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    (void)atts;
    html_state *s = ctx;
    const char *name = (const char *)xname;
    if (s->rc)
        return;
    if (++s->depth > DOC_MAX_DEPTH) {
        stop(s, error_set(ERR_DATA, _("%s:%d: elements nested more than %d deep: not a page polyalign reads"), s->name,
                          xmlSAX2GetLineNumber(s->ctxt), DOC_MAX_DEPTH));
        return;
    }
    if (s->skip_from)
        return;
    if (in_list(name, dropped, sizeof dropped / sizeof *dropped)) {
        s->skip_from = s->depth;
        return;
    }
    if (in_list(name, blocks, sizeof blocks / sizeof *blocks)) {
        end_paragraph(s);
        if (is_heading(name))
            s->heading++;
    }
}

static void on_end(void *ctx, const xmlChar *xname)
{
    html_state *s = ctx;
    const char *name = (const char *)xname;
    if (s->rc)
        return;
    if (s->skip_from) {
        if (s->depth-- == s->skip_from)
            s->skip_from = 0;
        return;
    }
    s->depth--;
    if (in_list(name, blocks, sizeof blocks / sizeof *blocks)) {
        end_paragraph(s);
        if (is_heading(name) && s->heading)
            s->heading--;
    }
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    html_state *s = ctx;
    if (s->rc || s->skip_from)
        return;
    int rc = document_append(s->d, (const char *)ch, (size_t)len);
    if (rc < 0)
        stop(s, rc);
}

int doc_html_read(const char *text, size_t len, const char *name, document *d)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    html_state s = {NULL, name, d, 0, 0, 0, 0};
    s.ctxt = htmlCreatePushParserCtxt(&sax, &s, NULL, 0, name, XML_CHAR_ENCODING_UTF8);
    if (!s.ctxt)
        return error_nomem();
    /* the text is UTF-8 already (doc_read.c converted it): a <meta charset> must not
     * switch the parser to another encoding */
    htmlCtxtUseOptions(s.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                     HTML_PARSE_RECOVER);
    enum { CHUNK = 1 << 16 };
    for (size_t at = 0; s.rc == 0 && at < len; at += CHUNK) {
        size_t n = len - at < CHUNK ? len - at : CHUNK;
        htmlParseChunk(s.ctxt, text + at, (int)n, 0);
    }
    if (s.rc == 0)
        htmlParseChunk(s.ctxt, NULL, 0, 1);
    if (s.rc == 0)
        end_paragraph(&s);
    htmlFreeParserCtxt(s.ctxt);
    return s.rc;
}
