/* test_doc.c — unit tests of src/doc: sniffing formats from bytes, the paragraph builder,
 * and the HTML and Markdown readers on small documents (DOCX and ODT are built by
 * tests/e2e/make_docs.py and read end to end in tests/e2e/test_docs.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "doc/document.h"
#include "doc/readers.h"
#include "doc/sniff.h"

static sniff_kind kind_of(const char *bytes, size_t len)
{
    sniff_result r;
    sniff_bytes(bytes, len, &r);
    return r.kind;
}

static void sniff_tells_formats(void **state)
{
    (void)state;
    assert_int_equal(kind_of("PK\x03\x04rest", 8), SNIFF_ZIP);
    assert_int_equal(kind_of("%PDF-1.7\n", 9), SNIFF_PDF);
    assert_int_equal(kind_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), SNIFF_BINARY);
    assert_int_equal(kind_of("{\\rtf1\\ansi", 11), SNIFF_BINARY);
    assert_int_equal(kind_of("  <!DOCTYPE html><html>", 23), SNIFF_HTML);
    assert_int_equal(kind_of("\xEF\xBB\xBF<p>Hello</p>", 15), SNIFF_HTML);
    /* text that mentions a tag later on, or starts with a word that merely begins like one */
    assert_int_equal(kind_of("Use <p> for paragraphs.", 23), SNIFF_TEXT);
    assert_int_equal(kind_of("<Berlin> is a city.", 19), SNIFF_TEXT);
    assert_int_equal(kind_of("", 0), SNIFF_TEXT);
    sniff_result r;
    const char *xliff = "<?xml version=\"1.0\"?>\n<!-- c -->\n<xliff version=\"1.2\">";
    sniff_bytes(xliff, strlen(xliff), &r);
    assert_int_equal(r.kind, SNIFF_XML);
    assert_string_equal(r.root, "xliff");
    const char *part = "<w:document xmlns:w=\"x\"><w:body/>";
    sniff_bytes(part, strlen(part), &r);
    assert_int_equal(r.kind, SNIFF_XML);
    assert_string_equal(r.root, "w:document");
    char cs[40];
    const char *meta = "<html><head><meta charset=\"windows-1251\">";
    assert_true(sniff_declared_charset(meta, strlen(meta), cs, sizeof cs));
    assert_string_equal(cs, "windows-1251");
    assert_false(sniff_declared_charset("<p>x</p>", 8, cs, sizeof cs));
}

static void document_collapses_and_separates(void **state)
{
    (void)state;
    document d = {0};
    assert_int_equal(document_append(&d, "  Hello \n\t world ", 17), 0);
    assert_int_equal(document_end_paragraph(&d, PARA_HEADING), 0);
    assert_int_equal(document_append(&d, "   ", 3), 0);
    assert_int_equal(document_end_paragraph(&d, PARA_BODY), 0); /* empty: dropped */
    assert_int_equal(document_append(&d, "\xEF\xBB\xBF ", 4), 0);
    assert_int_equal(document_end_paragraph(&d, PARA_BODY), 0); /* a byte order mark alone: empty too */
    assert_int_equal(document_append(&d, "Next", 4), 0);
    assert_int_equal(document_append(&d, " o\xEF\xBB\xBFne.", 8), 0);
    assert_int_equal(document_end_paragraph(&d, PARA_BODY), 0);
    assert_string_equal(d.text, "Hello world\n\nNext one.");
    assert_int_equal(d.n, 2);
    assert_int_equal(d.kind[0], PARA_HEADING);
    assert_int_equal(document_headings(&d), 1);
    document e = {0};
    assert_int_equal(document_copy(&e, &d, 1, 1), 0);
    assert_string_equal(e.text, "Next one.");
    document_free(&e);
    document_free(&d);
}

static void html_keeps_the_text_only(void **state)
{
    (void)state;
    const char *page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>"
                       "<nav>Home</nav><h1>Big &amp; bold</h1><p>One <b>two</b>\nthree.<p>Four<br>five"
                       "<script>var x = '<p>no</p>';</script><table><tr><td>cell</td><td>other</td></tr></table>"
                       "<footer>(c)</footer></body></html>";
    document d = {0};
    assert_int_equal(doc_html_read(page, strlen(page), "page", &d), 0);
    assert_string_equal(d.text, "Big & bold\n\nOne two three.\n\nFour\n\nfive\n\ncell\n\nother");
    assert_int_equal(d.kind[0], PARA_HEADING);
    assert_int_equal(d.kind[1], PARA_BODY);
    document_free(&d);
}

static void markdown_drops_markup(void **state)
{
    (void)state;
    const char *md = "Title\n=====\n\nSome *emphasis*, **strong** and `code`, a [link](http://x.org \"t\"),\n"
                     "an ![image](i.png), snake_case and 2 * 3 \\*kept\\*.\n\n- item one\n- item two\n\n"
                     "> quoted <b>text</b>\n\n## Sub ##\n\n[ref]: http://example.org\n\n| a | b |\n|---|---|\n| c | d |\n";
    document d = {0};
    assert_int_equal(doc_markdown_read(md, strlen(md), "md", &d), 0);
    assert_string_equal(d.text, "Title\n\nSome emphasis, strong and code, a link, an image, snake_case and 2 * 3 *kept*."
                                "\n\nitem one\n\nitem two\n\nquoted text\n\nSub\n\na\n\nb\n\nc\n\nd");
    assert_int_equal(d.kind[0], PARA_HEADING);
    assert_int_equal(d.kind[5], PARA_HEADING);
    document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff_tells_formats),
        cmocka_unit_test(document_collapses_and_separates),
        cmocka_unit_test(html_keeps_the_text_only),
        cmocka_unit_test(markdown_drops_markup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
