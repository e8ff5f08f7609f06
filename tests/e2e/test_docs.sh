#!/usr/bin/env bash
# test_docs.sh — documents in (issue 16): HTML, XHTML, DOCX, ODT and Markdown read for their
# paragraphs, everything else refused with what it is; hard anchors; -o extensions. The
# documents are made here from the corpus by tests/e2e/make_docs.py (the XML written by
# hand, zipped with Python's zipfile): no network, nothing from ../shared.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen
make_doc() { python3 "$ROOT/tests/e2e/make_docs.py" "$@"; }
D=$SCRATCH

for lang in en zh; do
  for kind in docx odt html md; do
    make_doc $kind "$corpus/article.$lang.txt" "$D/article.$lang.$kind" --heading-first
  done
done

# the sentences of every format are those of the plain text
"$POLYALIGN" segment --lang en "$corpus/article.en.txt" >"$D/txt.sents" 2>/dev/null
for kind in docx odt html md; do
  run segment --lang en "$D/article.en.$kind"
  [[ $status -eq 0 && -s $D/txt.sents && $out == "$(cat "$D/txt.sents")" && $err == *"read as "*"(5 paragraphs, 1 heading)"* ]] &&
    ok "segment .$kind: the sentences of the plain text ($(grep -c . "$D/txt.sents") sentences)" ||
    not_ok "segment .$kind" "status $status" "$err" "$(diff <(echo "$out") "$D/txt.sents" | head -5)"
done

# the beads too: the Wuzhen article aligned from .docx, .odt, .html and .md. Their heading
# is a hard anchor, which takes away the rival paths across it (the posteriors move in the
# fourth decimal), so the plain text has the same anchor: a marker paragraph after its
# heading
for l in en zh; do
  awk 'NR == 1 {print; print ""; print "<<<>>>"; next} {print}' "$corpus/article.$l.txt" >"$D/anchored.$l.txt"
done
run_ok align -q "$D/anchored.en.txt" "$D/anchored.zh.txt" -o "$D/txt.align"
for kind in docx odt html md; do
  run align -q "$D/article.en.$kind" "$D/article.zh.$kind" -o "$D/$kind.align"
  [[ $status -eq 0 && -s $D/txt.align ]] && cmp -s "$D/txt.align" "$D/$kind.align" &&
    ok "align .$kind: the beads of the plain text ($(wc -l <"$D/txt.align") beads, same scores)" ||
    not_ok "align .$kind: the beads of the plain text" "status $status" "$err" "$(diff "$D/txt.align" "$D/$kind.align" | head -5)"
done

# what is not the text stays out: page headers, page numbers, deleted text, the table of
# contents, HTML's head, script, navigation and footer; inline tags and entities are text
make_doc docx "$corpus/article.en.txt" "$D/notes.docx" --heading-first --footnote "2:Footnote text here."
make_doc odt "$corpus/article.en.txt" "$D/notes.odt" --heading-first --footnote "2:Footnote text here."
for f in notes.docx notes.odt article.en.html; do
  run_ok segment --lang en "$D/$f"
  bad=$(grep -E 'RUNNING HEADER|DELETED WORDS|NOT TEXT|HOME|NEWS|Cyberspace’ 1$|<|&' <<<"$out")
  [[ -z $bad && $out == *"Wuzhen summit"* ]] && ok "$f: only the document's own text" || not_ok "$f: only the text" "$bad"
done
for f in notes.docx notes.odt; do
  run_ok segment --lang en "$D/$f"
  # the note follows the paragraph that cites it (the third), before the fourth
  [[ $(grep -n 'Footnote text here.' <<<"$out" | cut -d: -f1) -gt $(grep -n 'Chinese leader said' <<<"$out" | cut -d: -f1) &&
     $(grep -n 'Footnote text here.' <<<"$out" | cut -d: -f1) -lt $(grep -n 'According to' <<<"$out" | cut -d: -f1) ]] &&
    ok "$f: the footnote follows its paragraph" || not_ok "$f: footnote in reading order" "$out"
done

# HTML under another name is read as HTML, and said; --input-format txt takes it as text
cp "$D/article.en.html" "$D/page.txt"
run segment --lang en "$D/page.txt"
[[ $status -eq 0 && $out == "$(cat "$D/txt.sents")" && $err == *"read as HTML, as its content says"* ]] &&
  ok "HTML named .txt: read as HTML, and said so" || not_ok "HTML named .txt" "$status" "$err"
run segment --lang en --input-format txt "$D/page.txt"
[[ $status -eq 0 && $out == *"<p>"* ]] && ok "--input-format txt reads markup as text when asked" || not_ok "--input-format txt" "$err"
run segment --lang en --input-format pdf "$D/page.txt"
expect_err "--input-format pdf: a usage error naming the formats" 2 "input-format takes txt, html, xhtml, docx, odt or md"
# an HTML page in windows-1251, declared in its <meta>
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>Привет, мир. Это тест.</p></body></html>' |
  iconv -f UTF-8 -t WINDOWS-1251 >"$D/cp1251.html"
run segment --lang ru "$D/cp1251.html"
expect "an HTML page in windows-1251 is read from its declared charset" 0 $'Привет, мир.\nЭто тест.'
# XHTML by its root element
printf '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><h2>Head</h2><p>One. Two.</p></body></html>\n' >"$D/page.xhtml"
run segment --lang en "$D/page.xhtml"
expect "XHTML: its paragraphs" 0 $'Head\n\nOne.\nTwo.'

# what polyalign does not read is refused with what it is, where, and what to do
make_doc notzip - "$D/notzip.docx"
make_doc bomb - "$D/bomb.docx"
make_doc deep - "$D/deep.html"
printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$D/paper.pdf"
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0' >"$D/old.doc"
printf '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en"/></xliff>\n' >"$D/memory.xlf"
python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('xl/workbook.xml','<workbook/>'); z.close()" "$D/sheet.xlsx"
python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('a.txt','x'); z.close()" "$D/plain.zip"
refused() { # NAME FILE PATTERN: align refuses FILE with exit 65, names it, writes nothing
  rm -f "$D/out.tmx"
  run align -q "$2" "$corpus/article.zh.txt" -o "$D/out.tmx"
  if [[ $status -eq 65 && $err == *"$(basename "$2")"* ]] && grep -Eq -- "$3" <<<"$err" && [[ ! -e $D/out.tmx ]]; then
    ok "$1: exit 65, nothing written"
  else
    not_ok "$1" "status $status" "$err" "$(ls "$D"/out.tmx 2>&1)"
  fi
}
refused "a .docx that is not a ZIP" "$D/notzip.docx" "is not a DOCX document: it is not a ZIP container.*plain text"
refused "a ZIP bomb (100 MB of document.xml in 100 KB)" "$D/bomb.docx" "word/document.xml expands to more than the 64 MB.*ZIP bomb"
refused "HTML with 10,000 nested elements" "$D/deep.html" "deep.html:1: elements nested more than 256 deep"
refused "a PDF" "$D/paper.pdf" "is a PDF document, not text: convert it first \(pdftotext"
refused "an old Word file" "$D/old.doc" "legacy Microsoft Office file.*convert-to docx"
refused "an XLIFF file as a text" "$D/memory.xlf" "is an XLIFF file \(root element <xliff>\)"
refused "a spreadsheet" "$D/sheet.xlsx" "is a spreadsheet \(xlsx\)"
refused "a ZIP archive" "$D/plain.zip" "is a ZIP archive, not a document: unpack it"
run segment --lang en "$D/deep.html"
expect_err "segment refuses the deep page too" 65 "elements nested more than 256 deep"
# a bomb costs no time or memory: refused from the part's header (time limit generous under ASan)
start=$(date +%s%N)
run segment --lang en "$D/bomb.docx"
ms=$((($(date +%s%N) - start) / 1000000))
[[ $status -eq 65 && $ms -lt 5000 ]] && ok "the ZIP bomb is refused in ${ms} ms" || not_ok "bomb time" "$ms ms, status $status"
# tmx commands refuse XML that is not TMX, naming its root element
run tmx stats "$D/memory.xlf"
expect_err "tmx stats on XLIFF: not TMX, the root named" 65 "not a TMX document: the root element is <xliff>"
run tmx merge -o "$D/merged.tmx" "$D/memory.xlf"
[[ $status -eq 65 && ! -e $D/merged.tmx ]] && ok "tmx merge on XLIFF: exit 65, nothing written" || not_ok "tmx merge XLIFF" "$status" "$err"

# -o with an extension of a format not written: a usage error naming those written
for ext in csv xlsx docx; do
  run align -q "$corpus/article.en.txt" "$corpus/article.zh.txt" -o "$D/out.$ext"
  [[ $status -eq 2 && $err == *"not .$ext"* && $err == *"tmx"* && ! -e $D/out.$ext ]] &&
    ok "align -o out.$ext: usage error naming the formats written" || not_ok "align -o .$ext" "$status" "$err"
done
run segment --lang en -o "$D/s.xlsx" "$corpus/article.en.txt"
expect_err "segment -o .xlsx: usage error" 2 "segment writes text \(.txt\) or jsonl, not .xlsx"
run tmx merge -o "$D/m.csv" "$corpus/../../tmx/wuzhen.tmx"
expect_err "tmx merge -o .csv: usage error" 2 "writes TMX \(.tmx\), not .csv"
run_ok segment --lang en -o "$D/s.jsonl" "$corpus/keynote.en.txt"
[[ $(head -c 8 "$D/s.jsonl") == '{"para":' ]] && ok "segment -o x.jsonl writes JSON Lines" || not_ok "segment -o jsonl" "$(head -c 80 "$D/s.jsonl")"

# hard anchors: a marker paragraph is a boundary no bead crosses
printf 'The cat sat on the mat. It was a sunny day. The dog barked twice.\n\n<<<>>>\n\nChapter two begins here. Rain fell all night. Nobody slept.\n' >"$D/m.en"
printf 'Кошка сидела на коврике. Был солнечный день. Собака дважды залаяла. Глава вторая начинается здесь.\n\n<<<>>>\n\nВсю ночь шёл дождь. Никто не спал.\n' >"$D/m.ru"
run_ok align -q --langs en,ru "$D/m.en" "$D/m.ru"
# en sentences 0-2 | 3-5, ru 0-3 | 4-5: every bead on one side of the marker
crossing=$(awk -F: '{ split($1, a, /[][,]/); split($2, b, /[][,]/); lo = 9; hi = -1;
  for (k in a) if (a[k] != "") { if (a[k] < 3) lo = 0; else hi = 1 }
  for (k in b) if (b[k] != "") { if (b[k] < 4) lo = 0; else hi = 1 }
  if (lo == 0 && hi == 1) print }' <<<"$out")
[[ -n $out && -z $crossing && $out != *"<<<"* && $(grep -c . <<<"$out") -ge 5 ]] && ok "markers: no bead crosses <<<>>> (ru's 4th sentence stays in chapter 1)" ||
  not_ok "markers" "$out" "crossing: $crossing"
run_ok align -q --langs en,ru --anchor-marker '' "$D/m.en" "$D/m.ru"
[[ $(grep -c . <<<"$out") -eq 7 ]] && ok "--anchor-marker '': the marker is a sentence like any other" ||
  not_ok "--anchor-marker ''" "$out"
sed 's/<<<>>>/@@CHAPTER@@/' "$D/m.en" >"$D/c.en"
sed 's/<<<>>>/@@CHAPTER@@/' "$D/m.ru" >"$D/c.ru"
run_ok align -q --langs en,ru --anchor-marker @@CHAPTER@@ "$D/c.en" "$D/c.ru"
[[ $out == "$("$POLYALIGN" align -q --langs en,ru "$D/m.en" "$D/m.ru" 2>/dev/null)" ]] && ok "--anchor-marker TEXT: a marker of one's own" ||
  not_ok "--anchor-marker TEXT" "$out"
printf 'Один. Два. Три. Четыре. Пять.\n' >"$D/nomark.ru"
run align -q --langs en,ru "$D/m.en" "$D/nomark.ru" -o "$D/nomark.tmx"
[[ $status -eq 65 && $err == *"anchor markers: 1 in"*"0 in"* && ! -e $D/nomark.tmx ]] &&
  ok "markers on one side only: exit 65 naming both counts, nothing written" || not_ok "marker mismatch" "$status" "$err"
# headings of structured documents are hard anchors too; when their numbers differ, a warning
printf '# Title\n\nThe cat sat on the mat. It was a sunny day.\n\n## Part two\n\nRain fell. Nobody slept.\n' >"$D/h.en.md"
printf '# Заголовок\n\nКошка сидела на коврике. Был солнечный день. Дождь шёл.\n\n## Часть вторая\n\nНикто не спал.\n' >"$D/h.ru.md"
run_ok align --langs en,ru "$D/h.en.md" "$D/h.ru.md"
[[ $(grep -c . <<<"$out") -eq 5 && $(sed -n 4p <<<"$out") == "[3]:[4]:"* ]] && ok "headings: the second heading meets the second heading" ||
  not_ok "heading anchors" "$out"
printf '# Заголовок\n\nКошка сидела на коврике. Был солнечный день. Дождь шёл. Никто не спал.\n' >"$D/h2.ru.md"
run align --langs en,ru "$D/h.en.md" "$D/h2.ru.md"
expect_err "headings of different numbers: soft evidence, with a warning" 0 "has 2 headings and .* has 1: headings are not hard anchors"

# subtitles from a document: cues of its text, no markup
run_ok subtitle --lang en --duration 120 "$D/article.en.html" -o "$D/a.srt"
[[ -s $D/a.srt ]] && ! grep -qE '<|NOT TEXT|HOME' "$D/a.srt" && grep -q 'Wuzhen summit' "$D/a.srt" &&
  ok "subtitle from HTML: cues of the page's text" || not_ok "subtitle from HTML" "$(head -c 300 "$D/a.srt")"

done_testing
