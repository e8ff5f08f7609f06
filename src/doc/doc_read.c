/* doc_read.c — choosing how to read an input, and reading it; see doc_read.h. */
#include "doc_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "document.h"
#include "readers.h"
#include "sniff.h"

static const char *const format_keys[] = {"auto", "txt", "html", "xhtml", "docx", "odt", "md"}; /* doc_format order */

int doc_format_parse(const char *name)
{
    for (int k = 0; k < (int)(sizeof format_keys / sizeof *format_keys); k++)
        if (strcmp(name, format_keys[k]) == 0)
            return k;
    return -1;
}

const char *doc_format_name(doc_format f)
{
    static const char *const names[] = {"?", N_("plain text"), "HTML", "XHTML", "DOCX", "ODT", "Markdown"};
    return f >= DOC_TXT && f <= DOC_MD ? _(names[f]) : "?";
}

doc_format doc_format_of_name(const char *path)
{
    static const struct {
        const char *ext;
        doc_format f;
    } exts[] = {{"txt", DOC_TXT}, {"text", DOC_TXT},  {"html", DOC_HTML}, {"htm", DOC_HTML}, {"xhtml", DOC_XHTML},
                {"xht", DOC_XHTML}, {"docx", DOC_DOCX}, {"odt", DOC_ODT},   {"md", DOC_MD},    {"markdown", DOC_MD}};
    for (size_t k = 0; path && k < sizeof exts / sizeof *exts; k++)
        if (file_ext_is(path, exts[k].ext))
            return exts[k].f;
    return DOC_AUTO;
}

/* Files refused by what they hold: the XML roots and the ZIP kinds (doc_zip_kind) known,
 * each with a message of the form "%s: is …" taking the file and the root or kind. */
static const struct {
    const char *what, *message;
} refusals[] = {
    {"tmx", N_("%s: is a TMX translation memory (root element <%s>), not a text: use the tmx commands (polyalign tmx "
               "stats, tmx extract --langs …)")},
    {"xliff", N_("%s: is an XLIFF file (root element <%s>), not a text: export the source or target text from your "
                 "CAT tool, or convert it (xliff2po, then polyalign po2tmx)")},
    {"w:document", N_("%s: is one XML part of a word-processor document (root element <%s>): give the .docx or .odt "
                      "file itself")},
    {"office:document-content", N_("%s: is one XML part of a word-processor document (root element <%s>): give the "
                                   ".docx or .odt file itself")},
    {"xlsx", N_("%s: is a spreadsheet (%s), not a document polyalign reads: save each column as text (one segment per "
                "line) and align with --presegmented")},
    {"ods", N_("%s: is a spreadsheet (%s), not a document polyalign reads: save each column as text (one segment per "
               "line) and align with --presegmented")},
};

/* A file that is not a text: what it is (an XML root, a ZIP kind, NULL for a plain ZIP)
 * and what to do with it. */
static int refuse(const char *name, const char *what, int xml)
{
    const char *local = what && strchr(what, ':') && xml ? strchr(what, ':') + 1 : what;
    for (size_t k = 0; what && k < sizeof refusals / sizeof *refusals; k++)
        if (strcmp(what, refusals[k].what) == 0 || (local && strcmp(local, refusals[k].what) == 0))
            return error_set(ERR_DATA, _(refusals[k].message), name, what);
    if (xml)
        return error_set(ERR_DATA,
                         _("%s: is an XML document (root element <%s>), not a text: polyalign reads plain text, HTML, "
                           "DOCX, ODT and Markdown; convert it to one of them"),
                         name, what);
    if (!what)
        return error_set(ERR_DATA, _("%s: is a ZIP archive, not a document: unpack it and give the files inside"),
                         name);
    return error_set(ERR_DATA,
                     _("%s: is a %s file, not a document polyalign reads (plain text, HTML, DOCX, ODT, Markdown): "
                       "convert it to DOCX or text first"),
                     name, what);
}

/* A DOCX or ODT from the ZIP in raw[0..len). */
static int read_container(const char *raw, size_t len, const char *name, doc_format want, doc_format *got,
                          document *d)
{
    doc_zip *z;
    int rc = doc_zip_open(raw, len, name, &z);
    if (rc < 0)
        return rc;
    const char *kind = doc_zip_kind(z);
    doc_format f = kind && strcmp(kind, "docx") == 0 ? DOC_DOCX : kind && strcmp(kind, "odt") == 0 ? DOC_ODT : DOC_AUTO;
    if (f == DOC_AUTO)
        rc = refuse(name, kind, 0);
    else if (want != DOC_AUTO && want != f)
        rc = error_set(ERR_DATA, _("%s: --input-format %s, but the file is a %s document"), name, format_keys[want],
                       doc_format_name(f));
    else
        rc = f == DOC_DOCX ? doc_docx_read(z, name, d) : doc_odt_read(z, name, d);
    *got = f;
    doc_zip_close(z);
    return rc;
}

/* What a non-ZIP file given as DOCX or ODT holds, for the message. */
static const char *content_name(const sniff_result *s)
{
    switch (s->kind) {
    case SNIFF_HTML: return "HTML";
    case SNIFF_XML: return "XML";
    case SNIFF_PDF: return "PDF";
    case SNIFF_BINARY: return _(s->what);
    default: return _("plain text");
    }
}

/* Make the paragraphs of d the input's text. */
static int adopt_document(document *d, const char *name, doc_input *out)
{
    size_t len;
    char *text = document_release_text(d, &len);
    if (!text)
        return error_nomem();
    text_encoding enc = out->text.encoding;
    int rc = text_input_adopt(text, len, name, "UTF-8", &out->text);
    out->text.encoding = enc;
    out->nparas = d->n;
    out->headings = document_headings(d);
    out->kind = d->kind;
    d->kind = NULL;
    return rc;
}

int doc_read(const char *path, const doc_read_options *o, doc_input *out)
{
    memset(out, 0, sizeof *out);
    const char *name = text_input_name(path);
    doc_format want = o->format, by_name = doc_format_of_name(path);
    char *raw;
    size_t len;
    int rc = text_input_read_bytes(path, &raw, &len);
    if (rc < 0)
        return rc;
    sniff_result sn;
    sniff_bytes(raw, len, &sn);
    document d = {0};
    doc_format f = DOC_AUTO;
    out->by_content = want == DOC_AUTO;
    if (sn.kind == SNIFF_ZIP) {
        rc = read_container(raw, len, name, want, &f, &d);
        out->by_content = want == DOC_AUTO && by_name != f;
        free(raw);
    } else if (sn.kind == SNIFF_PDF) {
        free(raw);
        rc = error_set(ERR_DATA,
                       _("%s: is a PDF document, not text: convert it first (pdftotext -layout FILE.pdf FILE.txt, from "
                         "poppler-utils; or open it in a word processor and save it as .docx)"),
                       name);
    } else if (sn.kind == SNIFF_BINARY) {
        free(raw);
        rc = sn.hint ? error_set(ERR_DATA, _("%s: is %s, not text: %s"), name, _(sn.what), _(sn.hint))
                     : error_set(ERR_DATA, _("%s: is %s, not text"), name, _(sn.what));
    } else if (want == DOC_DOCX || want == DOC_ODT || (want == DOC_AUTO && (by_name == DOC_DOCX || by_name == DOC_ODT))) {
        doc_format said = want != DOC_AUTO ? want : by_name;
        free(raw);
        rc = error_set(ERR_DATA, _("%s: is not a %s document: it is not a ZIP container, as %s files are, but %s"),
                       name, doc_format_name(said), doc_format_name(said), content_name(&sn));
    } else {
        /* text: markup that is not UTF-8 is converted from the charset it declares */
        char declared[40];
        const char *encoding = o->encoding;
        size_t bad;
        if (encoding_is_auto(encoding) && sn.kind != SNIFF_TEXT && utf8_validate(raw, len, &bad) != UTF8_OK &&
            sniff_declared_charset(raw, len, declared, sizeof declared) && !encoding_is_utf8(declared))
            encoding = declared;
        rc = text_input_adopt(raw, len, name, encoding, &out->text);
        if (rc == 0 && sn.kind == SNIFF_TEXT) /* UTF-16 and the like: look at the UTF-8 again */
            sniff_bytes(out->text.bytes, out->text.len, &sn);
        if (rc == 0) {
            if (want != DOC_AUTO)
                f = want;
            else if (sn.kind == SNIFF_XML && strcmp(sn.root, "html") != 0)
                rc = refuse(name, sn.root, 1);
            else if (sn.kind == SNIFF_XML || sn.kind == SNIFF_HTML)
                f = sn.kind == SNIFF_XML ? DOC_XHTML : DOC_HTML, out->by_content = by_name != DOC_HTML && by_name != DOC_XHTML;
            else
                f = by_name == DOC_AUTO ? DOC_TXT : by_name, out->by_content = 0;
        }
        if (rc == 0 && (f == DOC_HTML || f == DOC_XHTML))
            rc = doc_html_read(out->text.bytes, out->text.len, name, &d);
        else if (rc == 0 && f == DOC_MD)
            rc = doc_markdown_read(out->text.bytes, out->text.len, name, &d);
        if (rc == 0 && f != DOC_TXT) {
            text_encoding enc = out->text.encoding;
            text_input_free(&out->text);
            out->text.encoding = enc;
        }
    }
    out->format = f;
    if (rc == 0 && f != DOC_TXT)
        rc = adopt_document(&d, name, out);
    document_free(&d);
    if (rc < 0)
        doc_input_free(out);
    return rc;
}

void doc_input_free(doc_input *in)
{
    text_input_free(&in->text);
    free(in->kind);
    memset(in, 0, sizeof *in);
}
