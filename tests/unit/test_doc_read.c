/* test_doc_read.c — unit tests of how a document comes in (src/doc): format names
 * (doc_read.h), doc_read on plain text, HTML, Markdown and on DOCX and ODT containers the
 * test zips itself with libzip, refusals (a ZIP that is no document, a missing file); the
 * ZIP parts (doc_zip.h: kind, parts present, a bounded read, a missing part); the XML
 * walk (doc_xml.h: events in order, a skipped subtree, attributes, an entity never
 * expanded, malformed XML named with its part); and the paragraph builder's moves
 * (document.h: a paragraph in progress, one document taken into another, the text
 * released). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "doc/doc_read.h"
#include "doc/doc_xml.h"
#include "doc/doc_zip.h"
#include "doc/document.h"
#include "doc/readers.h"
#include "doc/segment_input.h"
#include "scratch.h"
#include "util/error.h"

static void format_names_both_ways(void **state)
{
    (void)state;
    static const char *const names[] = {"auto", "txt", "html", "xhtml", "docx", "odt", "md"};
    for (int k = 0; k < 7; k++)
        assert_int_equal(doc_format_parse(names[k]), k);
    assert_int_equal(doc_format_parse("pdf"), -1);
    assert_int_equal(doc_format_parse(""), -1);
    assert_int_equal(doc_format_parse("HTML"), -1);
    assert_string_equal(doc_format_name(DOC_TXT), "plain text");
    assert_string_equal(doc_format_name(DOC_HTML), "HTML");
    assert_string_equal(doc_format_name(DOC_XHTML), "XHTML");
    assert_string_equal(doc_format_name(DOC_DOCX), "DOCX");
    assert_string_equal(doc_format_name(DOC_ODT), "ODT");
    assert_string_equal(doc_format_name(DOC_MD), "Markdown");
}

/* A ZIP at scratch_dir/name holding parts[k][0] with the content parts[k][1]; its path. */
static const char *zip_file(const char *name, const char *const (*parts)[2], size_t n)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t k = 0; k < n; k++) {
        zip_source_t *s = zip_source_buffer(z, parts[k][1], strlen(parts[k][1]), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[k][0], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

static const char *const docx[][2] = {
    {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
    {"word/document.xml",
     "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
     "<w:body><w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Wuzhen summit</w:t></w:r></w:p>"
     "<w:p><w:r><w:t>The summit opened. </w:t></w:r><w:r><w:t>Leaders came.</w:t></w:r></w:p>"
     "</w:body></w:document>"},
};

static const char *const odt[][2] = {
    {"mimetype", "application/vnd.oasis.opendocument.text"},
    {"content.xml",
     "<?xml version=\"1.0\"?><office:document-content "
     "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
     "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
     "<text:h text:outline-level=\"1\">Wuzhen summit</text:h><text:p>The summit opened. Leaders came.</text:p>"
     "</office:text></office:body></office:document-content>"},
};

/* doc_read of path: the text and the paragraph kinds. */
static void read_as(const char *path, doc_format want, const char *text, size_t headings)
{
    doc_input in;
    doc_read_options o = {0};
    assert_int_equal(doc_read(path, &o, &in), 0);
    assert_int_equal(in.format, want);
    assert_string_equal(in.text.bytes, text);
    assert_int_equal(in.headings, headings);
    if (want != DOC_TXT) {
        assert_int_equal(in.nparas, 2);
        assert_int_equal(in.kind[0], headings ? PARA_HEADING : PARA_BODY);
        assert_int_equal(in.kind[1], PARA_BODY);
    }
    doc_input_free(&in);
}

static void documents_read_for_what_they_are(void **state)
{
    (void)state;
    const char *want = "Wuzhen summit\n\nThe summit opened. Leaders came."; /* paragraphs, no final newline */
    read_as(zip_file("a.docx", docx, 2), DOC_DOCX, want, 1);
    read_as(zip_file("named.txt", docx, 2), DOC_DOCX, want, 1); /* the content decides, not the name */
    read_as(zip_file("a.odt", odt, 2), DOC_ODT, want, 1);
    const char html[] = "<!DOCTYPE html><html><head><title>x</title><script>no()</script></head><body>"
                        "<h1>Wuzhen summit</h1><p>The summit opened.\n Leaders came.</p></body></html>";
    read_as(write_file("a.html", html, sizeof html - 1), DOC_HTML, want, 1);
    const char md[] = "# Wuzhen summit\n\nThe summit *opened*. Leaders\ncame.\n";
    read_as(write_file("a.md", md, sizeof md - 1), DOC_MD, want, 1);
    const char txt[] = "Wuzhen summit\n\nThe summit opened. Leaders came.\n";
    read_as(write_file("a.txt", txt, sizeof txt - 1), DOC_TXT, txt, 0);
}

static void what_is_no_document_is_refused(void **state)
{
    (void)state;
    static const char *const other[][2] = {{"readme.txt", "not a document"}};
    doc_input in;
    doc_read_options o = {0};
    assert_int_equal(doc_read(zip_file("archive.docx", other, 1), &o, &in), -ERR_DATA);
    assert_non_null(strstr(error_last(), "archive.docx"));
    char missing[600];
    snprintf(missing, sizeof missing, "%s/absent.docx", scratch_dir);
    assert_int_equal(doc_read(missing, &o, &in), -ERR_NOINPUT);
    /* --input-format docx on a file that is not a ZIP */
    o.format = DOC_DOCX;
    assert_int_equal(doc_read(write_file("plain.docx", "Just text.", 10), &o, &in), -ERR_DATA);
}

/* The bytes of the file at path, malloc'd. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *buf = malloc(*len + 1);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void zip_parts_bounded(void **state)
{
    (void)state;
    size_t len;
    char *buf = slurp(zip_file("z.docx", docx, 2), &len);
    doc_zip *z;
    assert_int_equal(doc_zip_open(buf, len, "z.docx", &z), 0);
    assert_string_equal(doc_zip_kind(z), "docx");
    assert_true(doc_zip_has(z, "word/document.xml"));
    assert_false(doc_zip_has(z, "content.xml"));
    char *part;
    size_t n;
    assert_int_equal(doc_zip_read(z, "[Content_Types].xml", DOC_ZIP_PART_MAX, 0, &part, &n), 0);
    assert_int_equal(n, strlen(docx[0][1]));
    assert_memory_equal(part, docx[0][1], n);
    free(part);
    /* a part larger than the limit is refused, naming it */
    assert_int_equal(doc_zip_read(z, "word/document.xml", 16, 0, &part, &n), -ERR_DATA);
    assert_non_null(strstr(error_last(), "word/document.xml"));
    /* a missing part: an error, or nothing when optional */
    assert_int_equal(doc_zip_read(z, "word/footnotes.xml", DOC_ZIP_PART_MAX, 0, &part, &n), -ERR_DATA);
    part = (char *)"unchanged";
    assert_int_equal(doc_zip_read(z, "word/footnotes.xml", DOC_ZIP_PART_MAX, 1, &part, &n), 0);
    assert_null(part);
    /* the DOCX reader on the opened container */
    document d = {0};
    assert_int_equal(doc_docx_read(z, "z.docx", &d), 0);
    assert_int_equal(d.n, 2);
    assert_int_equal(document_headings(&d), 1);
    document_free(&d);
    assert_int_equal(doc_odt_read(z, "z.docx", &d), -ERR_DATA); /* no content.xml */
    document_free(&d);
    doc_zip_close(z);
    free(buf);

    buf = slurp(zip_file("z.odt", odt, 2), &len);
    assert_int_equal(doc_zip_open(buf, len, "z.odt", &z), 0);
    assert_string_equal(doc_zip_kind(z), "odt");
    assert_int_equal(doc_odt_read(z, "z.odt", &d), 0);
    assert_int_equal(d.n, 2);
    document_free(&d);
    doc_zip_close(z);
    free(buf);

    static const char *const other[][2] = {{"a.txt", "x"}};
    buf = slurp(zip_file("z.zip", other, 1), &len);
    assert_int_equal(doc_zip_open(buf, len, "z.zip", &z), 0);
    assert_null(doc_zip_kind(z));
    doc_zip_close(z);
    free(buf);
    assert_int_equal(doc_zip_open("PK\3\4 not really", 16, "fake.docx", &z), -ERR_DATA);
    /* no bytes at all are, to libzip, an archive of no parts (doc_read refuses an empty
     * .docx before it gets here, by its content) */
    assert_int_equal(doc_zip_open("", 0, "empty.docx", &z), 0);
    assert_null(doc_zip_kind(z));
    assert_false(doc_zip_has(z, "word/document.xml"));
    doc_zip_close(z);
}

/* The events of a walk, as "<a" ">a" "'text'" ("[" for a skipped element). */
typedef struct {
    char log[1024];
    char lang[32];
} walk_log;

static int log_event(void *ctx, xml_walk_event ev, const char *qname, xmlTextReaderPtr r, const char *text, size_t len)
{
    walk_log *w = ctx;
    size_t used = strlen(w->log);
    if (ev == XML_WALK_TEXT) {
        snprintf(w->log + used, sizeof w->log - used, "'%.*s'", (int)len, text);
        return 0;
    }
    if (ev == XML_WALK_START && strcmp(qname, "w:lang") == 0)
        xml_walk_attr(r, "w:val", w->lang, sizeof w->lang);
    if (ev == XML_WALK_START && strcmp(qname, "skip") == 0) {
        snprintf(w->log + used, sizeof w->log - used, "[");
        return 1;
    }
    snprintf(w->log + used, sizeof w->log - used, "%s%s", ev == XML_WALK_START ? "<" : ">", qname);
    return 0;
}

static int stop_at_b(void *ctx, xml_walk_event ev, const char *qname, xmlTextReaderPtr r, const char *text,
                     size_t len)
{
    (void)ctx, (void)r, (void)text, (void)len;
    return ev == XML_WALK_START && strcmp(qname, "b") == 0 ? -ERR_IO : 0;
}

static void xml_walked_in_order(void **state)
{
    (void)state;
    const char xml[] = "<?xml version=\"1.0\"?><a><w:lang xmlns:w=\"u\" w:val=\"zh-CN\"/>one<skip><b>hidden</b></skip>"
                       "<b>two &amp; three</b></a>";
    walk_log w = {"", ""};
    assert_int_equal(xml_walk(xml, sizeof xml - 1, "f.docx", "word/document.xml", log_event, &w), 0);
    assert_string_equal(w.log, "<a<w:lang>w:lang'one'[<b'two & three'>b>a");
    assert_string_equal(w.lang, "zh-CN");
    /* an attribute that is absent is "" */
    const char empty[] = "<w:lang xmlns:w=\"u\"/>";
    walk_log e = {"", "x"};
    assert_int_equal(xml_walk(empty, sizeof empty - 1, "f", "p", log_event, &e), 0);
    assert_string_equal(e.lang, "");
    /* the callback's error stops the walk */
    assert_int_equal(xml_walk(xml, sizeof xml - 1, "f", "p", stop_at_b, NULL), -ERR_IO);
    /* malformed XML names the file and the part */
    const char bad[] = "<a><b></a>";
    walk_log b = {"", ""};
    assert_int_equal(xml_walk(bad, sizeof bad - 1, "f.docx", "word/document.xml", log_event, &b), -ERR_DATA);
    assert_non_null(strstr(error_last(), "f.docx"));
    assert_non_null(strstr(error_last(), "word/document.xml"));
    /* an entity is never expanded (no billion laughs) */
    const char ent[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"EXPANDED\">]><a>&x;</a>";
    walk_log x = {"", ""};
    xml_walk(ent, sizeof ent - 1, "f", "p", log_event, &x);
    assert_null(strstr(x.log, "EXPANDED"));
}

static void document_moves(void **state)
{
    (void)state;
    document a = {0}, b = {0};
    assert_false(document_in_paragraph(&a));
    assert_int_equal(document_append(&a, "  Title ", 8), 0);
    assert_true(document_in_paragraph(&a));
    assert_int_equal(document_end_paragraph(&a, PARA_HEADING), 0);
    assert_false(document_in_paragraph(&a));
    assert_int_equal(document_append(&a, "   ", 3), 0); /* white space alone opens nothing */
    assert_false(document_in_paragraph(&a));
    assert_int_equal(document_end_paragraph(&a, PARA_BODY), 0); /* an empty paragraph is dropped */
    assert_int_equal(a.n, 1);

    assert_int_equal(document_append(&b, "First\tbody.", 11), 0);
    assert_int_equal(document_end_paragraph(&b, PARA_BODY), 0);
    assert_int_equal(document_append(&b, "Second.", 7), 0);
    assert_int_equal(document_end_paragraph(&b, PARA_HEADING), 0);
    assert_int_equal(document_take(&a, &b), 0);
    assert_int_equal(a.n, 3);
    assert_int_equal(b.n, 0); /* emptied */
    assert_int_equal(b.len, 0);
    assert_int_equal(document_headings(&a), 2);
    assert_int_equal(a.kind[1], PARA_BODY);
    assert_int_equal(document_take(&a, &b), 0); /* taking an empty document changes nothing */
    assert_int_equal(a.n, 3);

    size_t len;
    char *text = document_release_text(&a, &len);
    assert_string_equal(text, "Title\n\nFirst body.\n\nSecond.");
    assert_int_equal(len, strlen(text));
    free(text);
    assert_int_equal(a.len, 0);
    assert_int_equal(a.n, 3); /* the kinds stay */
    document_free(&a);
    document_free(&b);
}

/* What segment_inputs hands its sink: how the input was read, then its sentences */
typedef struct {
    char text[4096];        /* the sentences, one a line */
    size_t sentences, infos;
    char lang[LANG_TAG_MAX];
    doc_format format;
    line_structure lines;
} collected;

static void collect_info(void *ctx, const segment_input_info *info)
{
    collected *c = ctx;
    c->infos++;
    snprintf(c->lang, sizeof c->lang, "%s", info->guessed_lang ? info->guessed_lang : "");
    c->format = info->format;
    c->lines = info->lines.structure;
}

static int collect_sentence(const char *sentence, const sentence_span *sp, void *ctx)
{
    collected *c = ctx;
    size_t n = strlen(c->text);
    snprintf(c->text + n, sizeof c->text - n, "%.*s\n", (int)(sp->end - sp->start), sentence);
    c->sentences++;
    return 0;
}

static collected segment_with(const segment_input_options *o, const char *path, int want_rc)
{
    collected c = {0};
    segment_inputs *s = NULL;
    assert_int_equal(segment_inputs_new(o, &s), 0);
    segment_input_sink sink = {collect_info, collect_sentence, &c};
    int rc = segment_inputs_run(s, path, &sink);
    assert_true(want_rc ? rc < 0 : rc == 0);
    segment_inputs_free(s);
    return c;
}

static void inputs_segmented_in_blocks_or_whole_alike(void **state)
{
    (void)state;
    const char text[] = "Mr. Smith arrived in Wuzhen on Monday. He spoke first.\n\nThe summit opened (at last.\n";
    char path[512];
    snprintf(path, sizeof path, "%s", write_file("plain.txt", text, sizeof text - 1));
    segment_input_options o = {NULL, LINES_AUTO, NULL, DOC_AUTO, 1, NULL, 64, 0};
    collected blocks = segment_with(&o, path, 0);
    assert_int_equal(blocks.infos, 1);
    assert_string_equal(blocks.lang, "en-US"); /* guessed from the script */
    assert_int_equal(blocks.format, DOC_TXT);
    assert_string_equal(blocks.text, "Mr. Smith arrived in Wuzhen on Monday.\nHe spoke first.\nThe summit opened (at last.\n");
    o.whole = 1;
    collected whole = segment_with(&o, path, 0);
    assert_string_equal(whole.text, blocks.text);
    assert_int_equal(whole.sentences, 3);

    /* a language given is not guessed; an HTML page is read for its paragraphs */
    const char page[] = "<html><body><h1>Wuzhen</h1><p>The summit opened. It lasted three days.</p>"
                        "<script>var x = 1;</script></body></html>";
    snprintf(path, sizeof path, "%s", write_file("page.html", page, sizeof page - 1));
    segment_input_options given = {"en", LINES_AUTO, NULL, DOC_AUTO, 1, NULL, 0, 0};
    collected html = segment_with(&given, path, 0);
    assert_string_equal(html.lang, "");
    assert_int_equal(html.format, DOC_HTML);
    assert_int_equal(html.lines, LINES_PARAGRAPH);
    assert_string_equal(html.text, "Wuzhen\nThe summit opened.\nIt lasted three days.\n");

    /* bad bytes: an error and no sentence; a missing file: an error */
    const char bad_bytes[] = "Fine. Bad \xff here.\n";
    snprintf(path, sizeof path, "%s", write_file("bad.txt", bad_bytes, sizeof bad_bytes - 1));
    collected bad = segment_with(&o, path, 1);
    assert_int_equal(bad.sentences, 0);
    snprintf(path, sizeof path, "%s/none.txt", scratch_dir);
    collected none = segment_with(&o, path, 1);
    assert_int_equal(none.sentences, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_names_both_ways),
        cmocka_unit_test(documents_read_for_what_they_are),
        cmocka_unit_test(what_is_no_document_is_refused),
        cmocka_unit_test(zip_parts_bounded),
        cmocka_unit_test(xml_walked_in_order),
        cmocka_unit_test(document_moves),
        cmocka_unit_test(inputs_segmented_in_blocks_or_whole_alike),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
