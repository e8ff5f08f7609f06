#!/usr/bin/env python3
"""make_docs.py — documents for the tests, made from plain text at test time.

    make_docs.py KIND TEXT OUT [--heading-first] [--footnote N:TEXT] ...

KIND is docx, odt, html, md, or one of the hostile ones: bomb (a DOCX whose
word/document.xml expands to 100 MB of spaces), deep (HTML with 10,000 nested <div>s),
notzip (a .docx that is plain text). TEXT is UTF-8 with paragraphs separated by blank
lines; with --heading-first its first paragraph is a heading (Heading1 style, text:h,
<h1>, #). The XML is written by hand, as Word and LibreOffice write it (namespaces,
styles, a page header with a page number that must not be read, a table of contents
field, a deleted tracked change), with nothing but the standard library: no network,
no office suite."""
import html
import re
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    # ASCII white space only: the texts' no-break spaces are text
    return [re.sub(r"[ \t\r\n]+", " ", p).strip(" ") for p in text.split("\n\n") if p.strip(" \t\r\n")]


def esc(s):
    return html.escape(s, quote=False)


def docx(paras, heading_first, notes, out):
    body = []
    # a table of contents field whose result repeats the heading: never read
    if heading_first:
        body.append('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>%s 1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' % esc(paras[0]))
    for k, p in enumerate(paras):
        style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if heading_first and k == 0 else \
                '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        # split the text into runs, one of them bold, as editors do
        half = len(p) // 2
        cut = p.find(" ", half)
        cut = cut if cut > 0 else len(p)
        runs = '<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % (esc(p[:cut]), esc(p[cut:]))
        if k == 1:  # a deleted tracked change inside the second paragraph: not text
            runs += '<w:del w:id="9" w:author="x"><w:r><w:delText>DELETED WORDS</w:delText></w:r></w:del>'
        for n, (at, _) in enumerate(notes):
            if at == k:
                runs += '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>' % (n + 1)
        body.append("<w:p>%s%s</w:p>" % (style, runs))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<w:body>%s<w:sectPr><w:headerReference w:type="default" r:id="rId9"/></w:sectPr></w:body></w:document>' % (W, "".join(body)))
    header = ('<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="%s"><w:p><w:r><w:t>RUNNING HEADER</w:t></w:r>'
              '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>' % W)
    styles = ('<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="%s"><w:style w:type="paragraph" w:styleId="Heading1">'
              '<w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>' % W)
    foot = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>']
    for n, (_, text) in enumerate(notes):
        foot.append('<w:footnote w:id="%d"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p></w:footnote>' % (n + 1, esc(text)))
    footnotes = '<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="%s">%s</w:footnotes>' % (W, "".join(foot))
    ctypes = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ctypes)
        z.writestr("word/document.xml", doc)
        z.writestr("word/styles.xml", styles)
        z.writestr("word/header1.xml", header)
        z.writestr("word/footnotes.xml", footnotes)


def odt(paras, heading_first, notes, out):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    body = []
    if heading_first:
        body.append('<text:table-of-content text:name="TOC"><text:index-body><text:p>%s 1</text:p></text:index-body></text:table-of-content>' % esc(paras[0]))
    for k, p in enumerate(paras):
        cut = p.find(" ", len(p) // 2)
        cut = cut if cut > 0 else len(p)
        inner = '%s<text:span text:style-name="T1">%s</text:span>' % (esc(p[:cut]), esc(p[cut:]).replace("  ", ' <text:s/>'))
        for n, (at, text) in enumerate(notes):
            if at == k:
                inner += ('<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation>'
                          '<text:note-body><text:p>%s</text:p></text:note-body></text:note>' % (n + 1, n + 1, esc(text)))
        if heading_first and k == 0:
            body.append('<text:h text:outline-level="1">%s</text:h>' % inner)
        else:
            body.append('<text:p text:style-name="P1">%s</text:p>' % inner)
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2"><office:body><office:text>'
               '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>DELETED WORDS</text:p></text:deletion></text:changed-region></text:tracked-changes>'
               '%s</office:text></office:body></office:document-content>' % (ns, "".join(body)))
    styles = ('<?xml version="1.0" encoding="UTF-8"?><office:document-styles %s><office:master-styles><style:master-page xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
              '<style:header><text:p>RUNNING HEADER <text:page-number>1</text:page-number></text:p></style:header></style:master-page></office:master-styles></office:document-styles>' % ns)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')


def page(paras, heading_first, notes, out):
    parts = ['<!DOCTYPE html>\n<html lang="x"><head><meta charset="utf-8"><title>TITLE NOT TEXT</title>'
             '<style>p { margin: 0 }</style><script>var x = "SCRIPT NOT TEXT";</script></head><body>'
             '<header><nav><a href="/">HOME</a> | <a href="/news">NEWS</a></nav></header><main>']
    for k, p in enumerate(paras):
        words = p.split(" ")
        mid = len(words) // 2
        # inline tags inside a paragraph, an entity, a line break in the source
        inner = esc(" ".join(words[:mid])) + '\n <em>' + esc(" ".join(words[mid:mid + 1])) + '</em> ' + esc(" ".join(words[mid + 1:]))
        inner = inner.replace("&amp;", "&#38;")
        tag = "h1" if heading_first and k == 0 else "p"
        parts.append("<%s>%s</%s>" % (tag, inner, tag))
    parts.append('</main><footer>FOOTER NOT TEXT &copy; 2016</footer></body></html>\n')
    open(out, "w", encoding="utf-8").write("\n".join(parts))


def markdown(paras, heading_first, notes, out):
    lines = []
    for k, p in enumerate(paras):
        if heading_first and k == 0:
            lines.append("# " + p)
        else:
            words = p.split(" ")
            if len(words) > 3:
                words[1] = "**" + words[1] + "**"
                words[2] = "[" + words[2] + "](https://example.org/link)"
            lines.append(" ".join(words))
        lines.append("")
    open(out, "w", encoding="utf-8").write("\n".join(lines))


def main():
    kind, src, out = sys.argv[1:4]
    opts = sys.argv[4:]
    heading_first = "--heading-first" in opts
    notes = []
    for k, o in enumerate(opts):
        if o == "--footnote":
            at, text = opts[k + 1].split(":", 1)
            notes.append((int(at), text))
    if kind == "bomb":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                chunk = b" " * (1 << 20)
                for _ in range(100):
                    f.write(chunk)
        return
    if kind == "deep":
        open(out, "w").write("<!DOCTYPE html><html><body>" + "<div>" * 10000 + "deep" + "</div>" * 10000 + "</body></html>")
        return
    if kind == "notzip":
        open(out, "w").write("This is a plain text file with a .docx name.\n")
        return
    paras = paragraphs(src)
    {"docx": docx, "odt": odt, "html": page, "md": markdown}[kind](paras, heading_first, notes, out)


if __name__ == "__main__":
    main()
