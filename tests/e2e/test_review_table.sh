#!/usr/bin/env bash
# test_review_table.sh — alignments for CAT tools and for review (issue 16): XLIFF 1.2 and 2.0
# from align, and the review round trip: align --format tsv, a person's edits in a
# spreadsheet (simulated: rows merged, split, deleted, cells edited, a decimal comma,
# quoted cells), then tmx from-tsv back to TMX with scores and flags as props.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen
D=$SCRATCH

# XLIFF 1.2: a trans-unit per bead with pivot text, languages, the score as a note,
# needs-review below --min-score
run_ok align -q --min-score 0.999 "$corpus/article.en.txt" "$corpus/article.zh.txt" -o "$D/a.xliff"
check "XLIFF 1.2: well-formed, units with source, target, state and the confidence note" python3 - "$D/a.xliff" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff" and root.get("version") == "1.2", root.tag
files = root.findall("x:file", ns)
assert len(files) == 1 and files[0].get("source-language") == "en-US" and files[0].get("target-language") == "zh-CN"
units = files[0].findall("x:body/x:trans-unit", ns)
assert len(units) == 18, len(units)
ids = [u.get("id") for u in units]
assert len(set(ids)) == len(ids)
review = 0
for u in units:
    src, tgt, note = u.find("x:source", ns), u.find("x:target", ns), u.find("x:note", ns)
    assert src is not None and src.text and tgt is not None and tgt.text
    score = float(note.text.split()[1].rstrip(","))
    assert note.get("from") == "polyalign" and 0 <= score <= 1
    state = tgt.get("state")
    assert state == ("needs-review-translation" if score < 0.999 else "translated"), (state, score)
    review += state != "translated"
assert 0 < review < 18, review  # some below 0.999, some not: the threshold is applied
PY
run_ok align -q "$corpus/keynote.en.txt" "$corpus/keynote.zh.txt" "$corpus/keynote.ru.txt" -o "$D/k.xlf"
check "XLIFF 1.2 of three texts: a <file> per translation, the same units in each" python3 - "$D/k.xlf" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
files = ET.parse(sys.argv[1]).getroot().findall("x:file", ns)
assert [f.get("target-language") for f in files] == ["zh-CN", "ru-RU"], files
a, b = ([u.find("x:source", ns).text for u in f.iter("{%s}trans-unit" % ns["x"])] for f in files)
assert a == b and len(a) > 3
PY
if command -v xliff2po >/dev/null; then
  run_ok align -q "$corpus/article.en.txt" "$corpus/article.zh.txt" -o "$D/tk.xliff"
  xliff2po "$D/tk.xliff" "$D/tk.po" >/dev/null 2>&1
  [[ $(grep -c '^msgid "' "$D/tk.po") -eq 19 ]] && grep -q '互联网' "$D/tk.po" &&
    ok "translate-toolkit's xliff2po reads the XLIFF 1.2: 18 units" || not_ok "xliff2po" "$(head -c 300 "$D/tk.po" 2>&1)"
else
  skip "translate-toolkit reads the XLIFF 1.2" "xliff2po not installed (CI installs translate-toolkit)"
fi
# OmegaT (3.6, Debian's, headless) opens the XLIFF 1.2 as a project's source file: it loads
# without an error and finds one segment per trans-unit. Its XLIFF filter takes a unit's
# <target>, when there is one, as the text to translate (it expects pre-filled files), so
# the segments it lists are our Chinese targets: the pseudo-translation TMX it writes of
# every segment holds exactly them.
if [[ -f /usr/share/omegat/OmegaT.jar ]] && command -v java >/dev/null; then
  om=$D/omegat
  mkdir -p "$om/proj/source" "$om/proj/tm" "$om/proj/target" "$om/proj/glossary" "$om/proj/dictionary" \
    "$om/proj/omegat" "$om/config"
  run_ok align -q "$corpus/article.en.txt" "$corpus/article.zh.txt" -o "$om/proj/source/article.xlf"
  cat >"$om/proj/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0"><source_dir>__DEFAULT__</source_dir><source_dir_excludes/>
<target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>en-US</source_lang><target_lang>zh-CN</target_lang>
<source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags></project></omegat>
XML
  timeout 300 java -Djava.awt.headless=true -Dfile.encoding=UTF-8 -jar /usr/share/omegat/OmegaT.jar "$om/proj" \
    --mode=console-createpseudotranslatetmx --pseudotranslatetmx="$om/pseudo.tmx" --pseudotranslatetype=equal \
    --config-dir="$om/config" --disable-project-locking --no-team >"$om/log.txt" 2>&1
  check "OmegaT 3.6 loads the XLIFF 1.2 without an error, one segment per trans-unit" python3 - "$om" <<'PY'
import re, sys, xml.etree.ElementTree as ET
om = sys.argv[1]
log = open(om + "/log.txt", encoding="utf-8").read()
bad = [l for l in log.splitlines() if re.search(r"\b(Error|Exception)\b", l)]
assert not bad, bad[:5]
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
units = ET.parse(om + "/proj/source/article.xlf").getroot().findall(".//x:trans-unit", ns)
targets = sorted(u.find("x:target", ns).text for u in units)
segs = sorted(t.find("tuv/seg").text for t in ET.parse(om + "/pseudo.tmx").getroot().iter("tu"))
assert len(units) == 18 and segs == targets, (len(units), len(segs), segs[:2])
PY
else
  skip "OmegaT loads the XLIFF 1.2" "OmegaT not installed (CI installs omegat)"
fi
# XLIFF 2.0: srcLang/trgLang, a unit per bead, the Metadata module, subState below --min-score
run_ok align -q --format xliff2 --min-score 0.999 "$corpus/article.en.txt" "$corpus/article.ru.txt" -o "$D/a2.xml"
check "XLIFF 2.0: units with a segment, confidence metadata, needs-review below --min-score" python3 - "$D/a2.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
X, M = "urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:metadata:2.0"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{%s}xliff" % X and root.get("version") == "2.0"
assert root.get("srcLang") == "en-US" and root.get("trgLang") == "ru-RU"
units = list(root.iter("{%s}unit" % X))
assert len(units) > 10
review = 0
for u in units:
    assert list(u)[0].tag == "{%s}metadata" % M  # modules come first in a unit
    meta = {m.get("type"): m.text for m in u.iter("{%s}meta" % M)}
    score = float(meta["confidence"])
    seg = u.find("{%s}segment" % X)
    assert seg.find("{%s}source" % X).text
    if seg.find("{%s}target" % X) is not None:
        assert seg.get("state") == "translated"
        assert (seg.get("subState") == "polyalign:needs-review") == (score < 0.999)
        review += score < 0.999
assert review > 0
PY
run align -q --format xliff2 "$corpus/keynote.en.txt" "$corpus/keynote.zh.txt" "$corpus/keynote.ru.txt" -o "$D/k2.xml"
[[ $status -eq 2 && $err == *"XLIFF 2.0 holds one target language"* && ! -e $D/k2.xml ]] &&
  ok "XLIFF 2.0 of three texts: a usage error pointing to --format xliff" || not_ok "xliff2 with three texts" "$status" "$err"

# the review table: header, one row per bead, doubtful flagged
run_ok align -q --min-score 0.999 --format tsv "$corpus/article.en.txt" "$corpus/article.zh.txt" "$corpus/article.ru.txt" -o "$D/r.tsv"
check "the review table: id, score, flag, one column per language; doubtful flagged" python3 - "$D/r.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
assert rows[0] == ["id", "score", "flag", "en-US", "zh-CN", "ru-RU"], rows[0]
assert all(len(r) == 6 for r in rows), [r for r in rows if len(r) != 6]
assert [r[0] for r in rows[1:]] == [str(k) for k in range(1, len(rows))]
for r in rows[1:]:
    assert (r[2] == "doubtful") == (float(r[1]) < 0.999), r[:3]
assert any(r[2] == "doubtful" for r in rows[1:]) and any(r[2] == "" for r in rows[1:])
PY
run_ok tmx from-tsv "$D/r.tsv" -o "$D/r.tmx"
rows=$(($(wc -l <"$D/r.tsv") - 1))
[[ $(grep -c '<tu ' "$D/r.tmx") -eq $rows && $(grep -c 'x-polyalign-score' "$D/r.tmx") -eq $rows &&
   $(grep -c '>doubtful<' "$D/r.tmx") -eq $(grep -c $'\tdoubtful\t' "$D/r.tsv") && $err == *"$rows rows, $rows translation units written"* ]] &&
  ok "tmx from-tsv: a unit per row ($rows), scores and flags as props" || not_ok "from-tsv of the unedited table" "$err"
run_ok tmx validate "$D/r.tmx"

# a person's edits: row 2 merged into row 1, row 3 split in two, row 4 deleted, a cell
# edited, a score with a decimal comma, a new row without score, a quoted cell with a tab
# and a quote, trailing empty cells, CRLF line ends; then a row of the zh side only
python3 - "$D/r.tsv" "$D/edited.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
h, r = rows[0], rows[1:]
merged = [r[0][0], "", "checked"] + [a + " " + b for a, b in zip(r[0][3:], r[1][3:])]
split1 = r[2][:3] + ["First half.", "前半。", "Первая половина."]
split2 = [r[2][0], r[2][1].replace(".", ","), r[2][2], "Second half.", "后半。", "Вторая половина."]
edited = r[4][:3] + ["Edited English.", r[4][4], r[4][5]]
new = ["", "", "", '"He said ""hello""\tand left."', "他说你好。", "Он поздоровался."]
zh_only = ["", "", "", "", "只有中文。", ""]
out = [h, merged, split1, split2, edited, new] + r[5:] + [zh_only]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    for row in out:
        f.write("\t".join(row) + "\t\t\r\n")
PY
run_ok tmx from-tsv "$D/edited.tsv" -o "$D/edited.tmx"
check "the edited table's TMX: merged, split, deleted, edited rows as the person left them" python3 - "$D/edited.tmx" "$D/r.tsv" <<'PY'
import sys, xml.etree.ElementTree as ET
XL = "{http://www.w3.org/XML/1998/namespace}lang"
tus = ET.parse(sys.argv[1]).getroot().findall("body/tu")
orig = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
def seg(tu, lang):
    return {t.get(XL): t.find("seg").text for t in tu.findall("tuv")}.get(lang)
def props(tu):
    return {p.get("type"): p.text for p in tu.findall("prop")}
assert len(tus) == len(orig) - 4 + 5 - 1 + 0, len(tus)  # 2 merged into 1, 1 split into 2, 1 deleted, 1 new
assert seg(tus[0], "en-US") == orig[0][3] + " " + orig[1][3] and props(tus[0])["x-polyalign-flag"] == "checked"
assert "x-polyalign-score" not in props(tus[0])  # the reviewer emptied it
assert seg(tus[1], "ru-RU") == "Первая половина." and seg(tus[2], "zh-CN") == "后半。"
assert props(tus[1])["x-polyalign-id"] == props(tus[2])["x-polyalign-id"] == orig[2][0]
assert abs(float(props(tus[2])["x-polyalign-score"]) - float(orig[2][1])) < 1e-4  # from a decimal comma
assert seg(tus[3], "en-US") == "Edited English."
assert seg(tus[4], "en-US") == 'He said "hello"\tand left.' and "x-polyalign-score" not in props(tus[4])
assert all(seg(t, "en-US") != orig[3][3] for t in tus)  # the deleted row is gone
assert all(seg(t, "zh-CN") != "只有中文。" for t in tus)  # no source: no unit
PY
[[ $err == *"1 row with an empty side left out"* ]] && ok "the row without source text is left out and counted" || not_ok "empty side count" "$err"

# errors in an edited table name the line and row; nothing is written
from_tsv_err() { # NAME TABLE-CONTENT PATTERN
  printf '%b' "$2" >"$D/bad.tsv"
  rm -f "$D/bad.tmx"
  run tmx from-tsv "$D/bad.tsv" -o "$D/bad.tmx"
  if [[ $status -eq 65 && ! -e $D/bad.tmx ]] && grep -Eq -- "$3" <<<"$err"; then ok "$1"; else not_ok "$1" "status $status" "$err"; fi
}
from_tsv_err "a score that is not a number: line and row named" 'id\tscore\tflag\ten\tzh\n1\t0.9\t\tA.\t甲。\n2\thigh\t\tB.\t乙。\n' 'bad.tsv:3: row 3: score .high. is not a number from 0 to 1'
from_tsv_err "a score above 1" 'id\tscore\tflag\ten\tzh\n1\t1.5\t\tA.\t甲。\n' 'bad.tsv:2: row 2: score .1.5.'
from_tsv_err "a row with more cells than columns" 'id\tscore\tflag\ten\tzh\n1\t0.9\t\tA.\t甲。\textra\n' 'bad.tsv:2: row 2 has 6 cells, the header 5 columns'
from_tsv_err "a quoted cell never closed" 'id\tscore\tflag\ten\tzh\n1\t0.9\t\t"A.\t甲。\n2\t0.9\t\tB.\t乙。\n' 'bad.tsv:2: a quoted cell of this row is never closed'
from_tsv_err "a header without the columns" 'en\tzh\nA.\t甲。\n' 'bad.tsv:1: the header must name the columns id, score and flag'
from_tsv_err "a header with a column that is no language" 'id\tscore\tflag\ten\tcomment\n' "bad.tsv:1: column 5 of the header, 'comment', is neither"
from_tsv_err "a table of no unit" 'id\tscore\tflag\ten\tzh\n1\t0.9\t\t\t甲。\n' 'no row holds text in en'
run tmx from-tsv "$D/r.tsv" -o "$D/r.xlsx"
expect_err "tmx from-tsv -o .xlsx: usage error" 2 "writes TMX \(.tmx\), not .xlsx"

# Several documents in one output (several groups of files after --langs): each row, bead
# and JSON line says which document it belongs to, and the table's document column goes
# back into the TMX as the unit's x-polyalign-document
printf 'The cat sat on the mat.\n\nIt was 3 pm.\n' >"$D/m1.en"
printf '猫坐在垫子上。\n\n那时是下午3点。\n' >"$D/m1.zh"
printf 'Hello world.\n\nWe met in 2016.\n' >"$D/m2.en"
printf '你好，世界。\n\n我们在2016年见面。\n' >"$D/m2.zh"
several=(--force --langs en,zh "$D/m1.en" "$D/m1.zh" "$D/m2.en" "$D/m2.zh")
run_ok align -q "${several[@]}" --format tsv
check "TSV of several documents: a document column naming each row's pivot file" python3 - "$out" "$D" <<'PY'
import sys
rows = [l.split("\t") for l in sys.argv[1].split("\n")]
assert rows[0] == ["id", "score", "flag", "document", "en-US", "zh-CN"], rows[0]
docs = [r[3].rsplit("/", 1)[-1] for r in rows[1:]]
assert docs == ["m1.en", "m1.en", "m2.en", "m2.en"], docs
assert rows[3][4] == "Hello world." and rows[3][5] == "你好，世界。", rows[3]
PY
run_ok align -q "${several[@]}" --format beads
check "beads of several documents: a '#' line naming each document's files before its beads" \
  test "$(grep -c $'^#\t.*m[12].en\t.*m[12].zh$' <<<"$out"):$(grep -c '^\[' <<<"$out")" = "2:4"
run_ok align -q "${several[@]}" --format jsonl
check "JSON Lines of several documents: each bead names its document" \
  test "$(grep -c '"document":"[^"]*m1.en"' <<<"$out"):$(grep -c '"document":"[^"]*m2.en"' <<<"$out")" = "2:2"
run_ok align -q --force --langs en,zh "$D/m1.en" "$D/m1.zh" --format tsv
check "TSV of one document: no document column (the table LF Aligner users know)" \
  test "$(head -n 1 <<<"$out")" = $'id\tscore\tflag\ten-US\tzh-CN'
run_ok align -q "${several[@]}" -o "$D/several.tsv"
run_ok tmx from-tsv -q "$D/several.tsv" -o "$D/several.tmx"
check "tmx from-tsv keeps the document column as x-polyalign-document" \
  test "$(grep -c 'x-polyalign-document">[^<]*m1.en<' "$D/several.tmx"):$(grep -c 'x-polyalign-document">[^<]*m2.en<' "$D/several.tmx")" = "2:2"

done_testing
