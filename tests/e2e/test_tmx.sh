#!/usr/bin/env bash
# test_tmx.sh — `polyalign tmx validate|stats|extract` end to end, with hostile and broken
# inputs (empty, not XML, truncated, XXE, billion laughs, a 10,000-tuv unit).
source "$(dirname "$0")/lib.sh"
tmx=$ROOT/tmx/wuzhen.tmx
units=$(grep -c "<tu " "$tmx") # the demo memory: its units, whatever make demo last wrote
samples=$SHARED/eval/tmx/samples
tmx_of_units() { # UNITS, each "en=…|zh-CN=…|ru-RU=…[|note=…][|date=…]"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n'
  for unit in "$@"; do
    local date="" note="" tuvs="" part
    IFS='|' read -ra parts <<<"$unit"
    for part in "${parts[@]}"; do
      case ${part%%=*} in
        date) date=" changedate=\"${part#*=}\"" ;;
        note) note="<note>${part#*=}</note>" ;;
        *) tuvs+="<tuv xml:lang=\"${part%%=*}\"><seg>${part#*=}</seg></tuv>" ;;
      esac
    done
    printf '<tu%s>%s%s</tu>\n' "$date" "$note" "$tuvs"
  done
  printf '</body></tmx>\n'
}

run tmx validate "$tmx"
[[ $status -eq 0 && -z $out && $err == *valid* ]] && ok "the demo TMX validates" || not_ok "the demo TMX validates" "$out" "$err"

# a broken memory: every problem on its own line with file, line and column
cat >"$SCRATCH/broken.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentences" adminlang="en" srclang="en" datatype="plaintext" creationdate="2025-01-01"/>
  <body>
    <tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="en"><seg>Two</seg></tuv></tu>
    <tu><tuv xml:lang="ru"><seg></seg></tuv><tuv xml:lang="qq"><seg>x</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>A <bpt i="1">&lt;b&gt;</bpt>b</seg></tuv><tuv><seg>x</seg><seg>y</seg></tuv></tu>
  </body>
</tmx>
TMX
run tmx validate -q "$SCRATCH/broken.tmx"
expect_problem() {
  grep -Eq -- "$1" <<<"$out" && ok "validate: $2" || not_ok "validate: $2" "$out"
}
[[ $status -eq 1 ]] && ok "validate exits 1 on problems" || not_ok "validate exits 1 on problems" "$status"
expect_problem 'broken.tmx:3:1: header lacks the required attribute o-tmf' "missing header attribute"
expect_problem 'segtype "sentences"' "bad segtype"
expect_problem 'creationdate "2025-01-01" is not YYYYMMDDThhmmssZ' "date format"
expect_problem 'broken.tmx:5:1: language en appears twice' "duplicate language in a unit"
expect_problem 'broken.tmx:6:1: empty segment' "empty segment"
expect_problem 'unknown language tag "qq"' "unknown language tag"
expect_problem 'broken.tmx:6:1: no tuv in the source language en' "source language missing"
expect_problem 'without a partner' "bpt without ept"
expect_problem 'tuv without xml:lang' "tuv without xml:lang"
expect_problem '2 <seg> elements' "two segs"
[[ $(grep -c . <<<"$out") -ge 10 ]] && ok "one line per problem" || not_ok "one line per problem" "$out"

dtd=$SHARED/eval/tmx/fetched/tmx14.dtd
if [[ -f $dtd ]]; then
  run tmx validate -q --dtd "$dtd" "$tmx"
  expect "--dtd: the demo TMX is valid" 0 ""
  run tmx validate -q --dtd "$dtd" "$SCRATCH/broken.tmx"
  expect_problem 'DTD: ' "--dtd reports DTD violations"
  # a unit broken in the middle of a valid memory: found, with its line, once
  python3 - "$tmx" "$SCRATCH/mid.tmx" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
i = src.index("<tu ", src.index("<tu ") + 10)
open(sys.argv[2], "w", encoding="utf-8").write(src[:i] + '<tu><tuv xml:lang="en"><seg>x</seg><bogus/></tuv></tu>\n' + src[i:])
PY
  line=$(grep -n '<bogus/>' "$SCRATCH/mid.tmx" | cut -d: -f1)
  run tmx validate -q --dtd "$dtd" "$SCRATCH/mid.tmx"
  check "--dtd streams unit by unit: the bad unit's two problems at its line, nothing else" \
    test "$status" = 1 -a "$(grep -c 'DTD: ' <<<"$out")" = 2 -a "$(grep -c ":$line:1: DTD: " <<<"$out")" = 2
  for f in "$samples"/*.tmx; do
    run tmx validate -q "$f"
    case $(basename "$f") in
      good-*) [[ $status -eq 0 ]] && ok "shared sample $(basename "$f") is valid" || not_ok "shared sample $(basename "$f") is valid" "$out" ;;
      *) [[ $status -eq 1 ]] && ok "shared sample $(basename "$f") has problems" || not_ok "shared sample $(basename "$f") has problems" "$out" ;;
    esac
  done
else
  skip "--dtd checks and shared samples" "no $dtd"
fi

# elements TMX does not define: reported, never processed (XInclude included)
cat >"$SCRATCH/xinclude.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4" xmlns:xi="http://www.w3.org/2001/XInclude">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"><xi:include href="/etc/passwd" parse="text"/></header>
  <body>
    <tu><tuv xml:lang="en"><seg>Open <x:b xmlns:x="urn:x">now</x:b></seg></tuv><tuv xml:lang="ru"><seg>Открыть<xi:include href="other.tmx"/></seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Close</seg></tuv><tuv xml:lang="ru"><seg>Закрыть</seg><font/></tuv></tu>
  </body>
</tmx>
TMX
run tmx validate -q "$SCRATCH/xinclude.tmx"
[[ $status -eq 1 ]] && grep -q 'xinclude.tmx:3:1: element <xi:include> is not part of TMX 1.4b (never processed)' <<<"$out" &&
  grep -q 'xinclude.tmx:5:1: element <x:b> is not part of TMX 1.4b' <<<"$out" &&
  grep -q 'xinclude.tmx:5:1: element <xi:include> is not part of TMX 1.4b' <<<"$out" &&
  grep -q 'xinclude.tmx:6:1: element <font> is not part of TMX 1.4b' <<<"$out" &&
  ok "validate: xi:include, a namespaced and an unknown element are reported with their lines" || not_ok "validate: foreign elements" "$status" "$out"
run tmx extract --langs en,ru "$SCRATCH/xinclude.tmx"
[[ $status -eq 0 && $out != *root:* ]] && ok "extract: XInclude is not processed" || not_ok "extract: XInclude is not processed" "$out"

# standard input as "-"
for cmd in "tmx stats" "tmx validate" "tmx extract --langs en,ru" "tmx validate --dtd $SHARED/eval/tmx/fetched/tmx14.dtd"; do
  [[ $cmd == *--dtd* && ! -f $SHARED/eval/tmx/fetched/tmx14.dtd ]] && { skip "$cmd -" "no DTD"; continue; }
  "$POLYALIGN" $cmd "$tmx" >"$SCRATCH/from-file" 2>/dev/null
  "$POLYALIGN" $cmd - <"$tmx" >"$SCRATCH/from-stdin" 2>"$SCRATCH/stdin-err"
  st=$?
  [[ $st -eq 0 ]] && diff <(sed "s|$tmx|<stdin>|" "$SCRATCH/from-file") "$SCRATCH/from-stdin" >/dev/null &&
    ok "$cmd -: reads standard input" || not_ok "$cmd -: reads standard input" "$st" "$(cat "$SCRATCH/stdin-err")"
done
gzip -c "$tmx" >"$SCRATCH/wuzhen.tmx.gz"
run tmx stats "$SCRATCH/wuzhen.tmx.gz"
[[ $status -eq 0 && $out == *"$units units"* ]] && ok "stats: a gzip-compressed memory is read as libxml2 reads it" || not_ok "stats of a .tmx.gz" "$status" "$err"
head -c 1500 "$SCRATCH/wuzhen.tmx.gz" >"$SCRATCH/cut.tmx.gz"
run tmx stats "$SCRATCH/cut.tmx.gz"
[[ $status -eq 65 && $err == "polyalign: $SCRATCH/cut.tmx.gz: its compressed data ends early or is damaged after "*" bytes of XML: the file is cut short"* ]] &&
  ok "stats: a gzip-compressed memory cut short is said to be, and nothing else is printed" || not_ok "stats of a cut .tmx.gz" "$status" "$err"
run_in "$(head -c 700 "$tmx")" tmx stats -
expect_err "stats -: a truncated memory on standard input is named <stdin>" 65 "^polyalign: <stdin>:[0-9]+:[0-9]+: "
# cut inside a segment, and at a line end: libxml2 calls both "Extra content at the end of
# the document"; the user hears that the file stops short, and inside what
for bytes in 2990 $(head -40 "$tmx" | wc -c); do
  head -c "$bytes" "$tmx" >"$SCRATCH/cut.tmx"
  run tmx stats "$SCRATCH/cut.tmx"
  expect_err "stats: a memory cut after $bytes bytes is said to be cut short" 65 \
    "^polyalign: [^ ]*cut.tmx:40:[0-9]+: the document ends inside <(seg|tuv)> \(opened on line (39|40)\) before </tmx>: the file is cut short"
done
printf '<tmx version="1.4"><header/><body/></tmx><tmx/>' >"$SCRATCH/extra.tmx"
run tmx validate "$SCRATCH/extra.tmx"
[[ $status -eq 1 && $out == *"Extra content at the end of the document"* ]] &&
  ok "validate: content after the root element is still called extra content" || not_ok "validate: extra content" "$status" "$out"
run_in "" tmx validate -
[[ $status -eq 1 && $out == "<stdin>:1:1: empty input (0 bytes), not a TMX document" ]] && ok "validate -: empty standard input said so" ||
  not_ok "validate - on empty input" "$status" "$out"
run_in "$(cat "$tmx")" tmx lookup --tm - --src en --tgt ru "Wuzhen summit: states must play leading role in Internet governance"
[[ $status -eq 0 && $out == *"100%"*"Саммит в Учжэне"* ]] && ok "lookup --tm -: the memory from standard input" || not_ok "lookup --tm -" "$out" "$err"

# extract: a language the memory lacks is no silent success; --unique drops repeated pairs
run tmx extract --langs en,de "$tmx" -o "$SCRATCH/de.tsv"
[[ $status -eq 65 && ! -e $SCRATCH/de.tsv ]] && grep -q 'wuzhen.tmx: no unit holds both en and de (languages in it: en-GB, zh-CN, ru-RU)' <<<"$err" &&
  grep -q 'nothing written' <<<"$err" && ok "extract --langs en,de: warning naming the memory's languages, exit 65, no file" ||
  not_ok "extract of an absent language" "$status" "$err"
tmx_of_units "en=Open|de=Öffnen" >"$SCRATCH/de.tmx"
run tmx extract --langs en,de "$tmx" "$SCRATCH/de.tmx"
[[ $status -eq 0 && $out == $'Open\tÖffnen' && $err == *"warning: "*"wuzhen.tmx: no unit holds both en and de"* ]] &&
  ok "extract: a file without the pair is warned about, the others extracted" || not_ok "extract: partial" "$status" "$out" "$err"
run tmx extract --unique --langs en,zh "$tmx" "$tmx" "$tmx"
[[ $status -eq 0 && $(wc -l <<<"$out") -eq $units && $err == *"$units segment pairs extracted, $((2 * units)) repeated pairs left out"* ]] &&
  ok "extract --unique: each pair once, the repeated ones counted" || not_ok "extract --unique" "$err"

# stats and extract
run tmx stats "$tmx"
[[ $status -eq 0 && $out == *"$units units, 0 duplicates"* && $out == *"zh-CN"* ]] && ok "stats: units and languages" ||
  not_ok "stats: units and languages" "$out"
# a memory without the <header> TMX requires: counted, and the missing header said
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="zh"><seg>你好</seg></tuv></tu>\n</body>\n</tmx>\n' >"$SCRATCH/noheader.tmx"
run tmx stats "$SCRATCH/noheader.tmx"
[[ $status -eq 0 && $out == *"1 unit"* && $err == *"noheader.tmx has no <header>, which TMX requires"* ]] &&
  ok "stats: a memory without <header> is counted and the missing header said" || not_ok "stats without <header>" "$status" "$out" "$err"
sed 's/ srclang="[^"]*"//' "$tmx" >"$SCRATCH/nosrclang.tmx"
run tmx stats "$SCRATCH/nosrclang.tmx"
[[ $status -eq 0 && $err == *"the <header> has no srclang"* ]] && ok "stats: a header without srclang is said" ||
  not_ok "stats without srclang" "$status" "$err"
cat "$tmx" >"$SCRATCH/dup.tmx"
sed -n '/<tu tuid="1">/,/<\/tu>/p' "$tmx" >"$SCRATCH/unit1"
python3 - "$SCRATCH/dup.tmx" "$SCRATCH/unit1" <<'PY'
import sys
path, unit = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
s = open(path, encoding="utf-8").read().replace("</body>", unit + "</body>")
open(path, "w", encoding="utf-8").write(s)
PY
run_ok tmx stats --format jsonl "$SCRATCH/dup.tmx"
check "stats --format jsonl counts a duplicate" python3 -c '
import json, sys
o = json.loads(sys.argv[1])
n = int(sys.argv[2]) + 1
assert o["units"] == n and o["duplicates"] == 1 and o["languages"]["ru-RU"]["segments"] == n, o' "$out" "$units"
run tmx extract --langs en,zh "$tmx"
[[ $status -eq 0 && $(wc -l <<<"$out") -eq $units && $(awk -F'\t' 'NF != 2' <<<"$out" | wc -l) -eq 0 ]] &&
  ok "extract: a TSV pair per unit" || not_ok "extract: a TSV pair per unit" "$out"
run tmx extract --langs en,ru --moses "$SCRATCH/bitext" "$tmx"
[[ $status -eq 0 && $(wc -l <"$SCRATCH/bitext.en") -eq $units && $(wc -l <"$SCRATCH/bitext.ru") -eq $units ]] &&
  ok "extract --moses: line-parallel files" || not_ok "extract --moses: line-parallel files" "$err"
run tmx extract --langs en,zh_cn --moses "$SCRATCH/norm" "$tmx"
[[ $status -eq 0 && -s $SCRATCH/norm.zh-CN ]] && ok "extract: tags are normalized (zh_cn is zh-CN)" ||
  not_ok "extract: tags are normalized" "$err" "$(ls "$SCRATCH")"

# bad and hostile input, for every command
: >"$SCRATCH/empty.tmx"
echo 'not xml at all' >"$SCRATCH/text.tmx"
head -c 700 "$tmx" >"$SCRATCH/trunc.tmx"
cat >"$SCRATCH/xxe.tmx" <<'TMX'
<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="sentence" o-tmf="a" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>&x;</seg></tuv><tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>
TMX
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "/etc/passwd">\n' >"$SCRATCH/doctype.tmx"
sed -n '/^<tmx /,$p' "$tmx" >>"$SCRATCH/doctype.tmx"
{
  echo '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
  prev=a
  for k in 1 2 3 4 5 6 7 8 9; do
    echo "<!ENTITY e$k \"$(printf "&$prev;%.0s" 1 2 3 4 5 6 7 8 9 10)\">"
    prev=e$k
  done
  echo ']><tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="sentence" o-tmf="a" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>&e9;</seg></tuv><tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>'
} >"$SCRATCH/lol.tmx"
# where: FILE:LINE:COL, but an empty file has no line to name
where() { [[ $1 == empty ]] && echo "$1\.tmx: empty file \(0 bytes\), not a TMX document" || echo "$1\.tmx:[0-9]+:[0-9]+: "; }
for cmd in "stats" "extract --langs en,ru"; do
  for f in empty text trunc xxe lol; do
    run tmx $cmd "$SCRATCH/$f.tmx"
    [[ $status -eq 65 && $err =~ $(where $f) ]] && ok "tmx ${cmd%% *} on $f.tmx: exit 65 with line and column" ||
      not_ok "tmx ${cmd%% *} on $f.tmx: exit 65 with line and column" "status $status" "$err"
  done
done
for f in empty text trunc xxe lol; do
  run tmx merge -o "$SCRATCH/m-$f.tmx" "$SCRATCH/$f.tmx"
  [[ $status -eq 65 && $err =~ $(where $f) && ! -e $SCRATCH/m-$f.tmx ]] &&
    ok "tmx merge on $f.tmx: exit 65, no output" || not_ok "tmx merge on $f.tmx: exit 65, no output" "$err"
  run tmx lookup --tm "$SCRATCH/$f.tmx" --src en --tgt ru x
  [[ $status -eq 65 && $err =~ $(where $f) ]] && ok "tmx lookup on $f.tmx: exit 65" ||
    not_ok "tmx lookup on $f.tmx: exit 65" "$err"
  run tmx2po --lang ru "$SCRATCH/$f.tmx" -o "$SCRATCH/p-$f.po"
  [[ $status -eq 65 && $err =~ $(where $f) && ! -e $SCRATCH/p-$f.po ]] &&
    ok "tmx2po on $f.tmx: exit 65, no output" || not_ok "tmx2po on $f.tmx: exit 65, no output" "$err"
done
# what is wrong, in words a user knows, for every command
mkdir -p "$SCRATCH/adir"
printf '  \n\n' >"$SCRATCH/blank.tmx"
printf '<?xml version="1.0"?>\n' >"$SCRATCH/decl.tmx"
printf '<?xml version="1.0"?>\n<html><body/></html>\n' >"$SCRATCH/html.tmx"
for cmd in "tmx stats" "tmx validate" "tmx extract --langs en,ru" "tmx merge -o $SCRATCH/w.tmx" "tmx lookup --src en --tgt ru --tm" "tmx2po --lang ru -o $SCRATCH/w.po"; do
  name=${cmd%% -*}
  run $cmd "$SCRATCH/adir"
  expect_err "$name on a directory: exit 66, said so" 66 "adir: is a directory, not a TMX file"
  run $cmd "$SCRATCH/empty.tmx"
  [[ $status -eq 65 || ($name == "tmx validate" && $status -eq 1) ]] && grep -Eq "empty.tmx:(1:1:)? empty file \(0 bytes\), not a TMX document" <<<"$err$out" &&
    ok "$name on an empty file: said so" || not_ok "$name on an empty file" "$status" "$err$out"
  run $cmd "$SCRATCH/blank.tmx"
  grep -Eq "blank.tmx:(1:1:)? only white space, not a TMX document" <<<"$err$out" && ok "$name on white space: said so" ||
    not_ok "$name on white space" "$err$out"
  run $cmd "$SCRATCH/decl.tmx"
  grep -Eq "decl.tmx:[0-9]+:[0-9]+: not a TMX document: no XML element in it" <<<"$err$out" &&
    ok "$name on an XML declaration alone: said so" || not_ok "$name on an XML declaration alone" "$err$out"
  run $cmd "$SCRATCH/html.tmx"
  grep -q "html.tmx:2:1: not a TMX document: the root element is <html>, not <tmx>" <<<"$err$out" &&
    [[ $status -ne 0 ]] && ok "$name on another XML document: refused, said so" || not_ok "$name on another XML document" "$status" "$err$out"
  ! grep -q "Extra content at the end" <<<"$err$out" && ok "$name: no raw parser message" || not_ok "$name: raw parser message" "$err$out"
done
run tmx validate -q "$SCRATCH/lol.tmx"
[[ $status -eq 1 && $out == *"lol.tmx:"* ]] && ok "validate: billion laughs refused" || not_ok "validate: billion laughs refused" "$out"
run tmx extract --langs en,ru "$SCRATCH/xxe.tmx"
[[ $status -eq 65 && $out$err != *"root:"* && $err == *"xxe.tmx:4:1: entity reference in a segment refused"* ]] &&
  ok "XXE reads nothing" || not_ok "XXE reads nothing" "status $status (want 65)" "$out" "$err"
run tmx stats "$SCRATCH/doctype.tmx"
[[ $status -eq 0 && $out == *"$units units"* ]] && ok "a DOCTYPE naming a local file is not loaded" || not_ok "a DOCTYPE naming a local file is not loaded" "$err"
run tmx stats "$SCRATCH/missing.tmx"
expect_err "missing file: exit 66" 66 "missing.tmx"
python3 - "$SCRATCH/big.tmx" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0"?><tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="sentence" o-tmf="a" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>')
    for k in range(10000):
        f.write(f'<tuv xml:lang="x-l{k}"><seg>segment {k}</seg></tuv>')
    f.write('</tu></body></tmx>')
PY
run tmx stats "$SCRATCH/big.tmx"
[[ $status -eq 0 && $out == *": 1 unit, 0 duplicates"* ]] && ok "a unit of 10,000 tuvs" || not_ok "a unit of 10,000 tuvs" "$status" "$err"
run tmx extract --langs en,ru "$SCRATCH/trunc.tmx" -o "$SCRATCH/out.tsv"
[[ $status -eq 65 && ! -e $SCRATCH/out.tsv ]] && ok "a failed extract leaves no output file" || not_ok "a failed extract leaves no output file"



# merge: duplicates once (newest changedate wins), conflicts kept and listed, markup kept
python3 - "$tmx" "$SCRATCH" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
newer = s.replace('<tu tuid="5">', '<tu tuid="5" changedate="20250101T000000Z">')
conflict = s.replace('Интернету необходимы новые принципы управления', 'Интернет нуждается в новых принципах управления')
open(sys.argv[2] + "/newer.tmx", "w", encoding="utf-8").write(newer)
open(sys.argv[2] + "/conflict.tmx", "w", encoding="utf-8").write(conflict)
PY
run tmx merge -o "$SCRATCH/merged.tmx" "$tmx" "$SCRATCH/newer.tmx" "$SCRATCH/conflict.tmx"
[[ $status -eq 0 && $err == *"$((3 * units)) units read, $((units + 1)) units written, $((2 * units - 1)) duplicates dropped, 0 units joined to one of the same source, 1 conflict kept"* ]] &&
  ok "merge: counts" || not_ok "merge: counts" "$err"
[[ $err =~ conflict\.tmx:[0-9]+:1:\ another\ translation\ \(ru-RU\)\ of\ .*than\ the\ unit\ at\ .*wuzhen\.tmx:[0-9]+ ]] &&
  ok "merge: conflicts listed with file, line, language and the unit they disagree with" ||
  not_ok "merge: conflicts listed with file and line" "$err"
grep -q '<tu tuid="5" changedate="20250101T000000Z">' "$SCRATCH/merged.tmx" && ok "merge: the newest changedate wins" ||
  not_ok "merge: the newest changedate wins"
run tmx validate -q "$SCRATCH/merged.tmx"
expect "merge: the result validates" 0 ""
if [[ -f $samples/good-en-zh-ru.tmx ]]; then
  run_ok tmx merge -o "$SCRATCH/good2.tmx" "$samples/good-en-zh-ru.tmx" "$samples/good-en-zh-ru.tmx"
  grep -q 'Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> to continue.' "$SCRATCH/good2.tmx" &&
    ok "merge keeps inline markup unchanged" || not_ok "merge keeps inline markup unchanged" "$(grep Press "$SCRATCH/good2.tmx")"
  if [[ -f /usr/share/omegat/OmegaT.jar ]] && /usr/bin/python3 -c 'import translate' 2>/dev/null; then
    check "check_tmx.sh accepts a merged memory" bash "$SHARED/eval/tmx/check_tmx.sh" "$SCRATCH/merged.tmx"
  else
    skip "check_tmx.sh accepts a merged memory" "translate-toolkit or OmegaT not installed"
  fi
else
  skip "merge keeps inline markup unchanged" "no shared samples"
fi
# merge gathers: units of one source whose shared languages agree become one unit holding
# every language; only a real disagreement is a conflict
tmx_of_units "en=Hello|zh-CN=你好|note=from the zh memory" "en=Bye|zh-CN=再见" >"$SCRATCH/g-zh.tmx"
tmx_of_units "en=Hello|ru-RU=Привет|note=from the ru memory" "en=Bye|ru-RU=Пока" >"$SCRATCH/g-ru.tmx"
tmx_of_units "en=Hello|zh-CN=你好|ru-RU=Привет" "en=Bye|zh-CN=拜拜|ru-RU=Пока" >"$SCRATCH/g-zhru.tmx"
run tmx merge -o "$SCRATCH/gathered.tmx" "$SCRATCH/g-zh.tmx" "$SCRATCH/g-ru.tmx" "$SCRATCH/g-zhru.tmx"
[[ $status -eq 0 && $err == *"6 units read, 3 units written, 1 duplicate dropped, 2 units joined to one of the same source, 1 conflict kept"* ]] &&
  ok "merge: en-zh + en-ru + en-zh-ru of one text: one unit per source and translation, 1 real conflict" ||
  not_ok "merge gathers units of one source" "$err"
[[ $err =~ g-zhru\.tmx:4:1:\ another\ translation\ \(zh-CN\)\ of\ \"Bye\"\ than\ the\ unit\ at\ .*g-zh\.tmx:4 ]] &&
  [[ $(grep -c 'another translation' <<<"$err") -eq 1 ]] &&
  ok "merge: only the disagreeing Chinese is a conflict, named with its language" || not_ok "merge: the one conflict" "$err"
check "merge: the gathered units hold every language and every note" python3 - "$SCRATCH/gathered.tmx" <<'PY'
import sys, xml.etree.ElementTree as ET
L = "{http://www.w3.org/XML/1998/namespace}lang"
units = [{t.get(L): t.findtext("seg") for t in tu.findall("tuv")} | {"notes": [n.text for n in tu.findall("note")]}
         for tu in ET.parse(sys.argv[1]).getroot().iter("tu")]
want = [{"en": "Hello", "zh-CN": "你好", "ru-RU": "Привет", "notes": ["from the zh memory", "from the ru memory"]},
        {"en": "Bye", "zh-CN": "再见", "ru-RU": "Пока", "notes": []},
        {"en": "Bye", "zh-CN": "拜拜", "ru-RU": "Пока", "notes": []}]
assert sorted(map(repr, units)) == sorted(map(repr, want)), units
PY
run tmx validate -q "$SCRATCH/gathered.tmx"
expect "merge: the gathered memory validates" 0 ""
# the newest copy of a translation wins, whatever the order of the files
tmx_of_units "en=Hello|ru-RU=Привет|date=20250101T000000Z" >"$SCRATCH/g-new.tmx"
tmx_of_units "en=Hello|zh-CN=你好|date=20240101T000000Z" "en=Hello|ru-RU=Привет|date=20200101T000000Z" >"$SCRATCH/g-old.tmx"
run tmx merge -o "$SCRATCH/g-dates.tmx" "$SCRATCH/g-new.tmx" "$SCRATCH/g-old.tmx"
[[ $status -eq 0 && $(grep -c '<tu[ >]' "$SCRATCH/g-dates.tmx") -eq 1 ]] && grep -q '<tu changedate="20250101T000000Z">' "$SCRATCH/g-dates.tmx" &&
  grep -q '你好' "$SCRATCH/g-dates.tmx" && ok "merge: one unit, the newest changedate's attributes, the older unit's Chinese joined" ||
  not_ok "merge: dates" "$err" "$(cat "$SCRATCH/g-dates.tmx")"
# standard input: read once, kept for the second pass
run_in "$(cat "$SCRATCH/g-ru.tmx")" tmx merge -o "$SCRATCH/g-stdin.tmx" "$SCRATCH/g-zh.tmx" - "$SCRATCH/g-zhru.tmx"
[[ $status -eq 0 && $err == *"3 units written"* ]] &&
  diff <(grep -v creationdate "$SCRATCH/g-stdin.tmx") <(grep -v creationdate "$SCRATCH/gathered.tmx") >/dev/null &&
  ok "merge -: a memory from standard input merges as the same file would" || not_ok "merge -" "$err"

# a unit with one language twice (not TMX): kept whole, never gathered, its copies once
tmx_of_units "en=Hello|ru-RU=Привет|ru-RU=Здравствуйте" "en=Hello|zh-CN=你好" >"$SCRATCH/g-twice.tmx"
run tmx merge -o "$SCRATCH/g-twice-m.tmx" "$SCRATCH/g-twice.tmx" "$SCRATCH/g-twice.tmx"
[[ $status -eq 0 && $err == *"4 units read, 2 units written, 2 duplicates dropped, 0 units joined"*", 0 conflicts kept"* ]] &&
  grep -q Здравствуйте "$SCRATCH/g-twice-m.tmx" && grep -q Привет "$SCRATCH/g-twice-m.tmx" &&
  ok "merge: a unit with a language twice is kept whole, its copy dropped" || not_ok "merge: repeated language" "$err"

# the issue's memories: an en-zh, an en-ru and an en-zh-ru alignment of the wuzhen article
wz=$ROOT/corpus/wuzhen
"$POLYALIGN" align -q --langs en-GB,zh-CN "$wz/article.en.txt" "$wz/article.zh.txt" -o "$SCRATCH/w-zh.tmx" 2>/dev/null
"$POLYALIGN" align -q --langs en-GB,ru-RU "$wz/article.en.txt" "$wz/article.ru.txt" -o "$SCRATCH/w-ru.tmx" 2>/dev/null
"$POLYALIGN" align -q --langs en-GB,zh-CN,ru-RU "$wz/article.en.txt" "$wz/article.zh.txt" "$wz/article.ru.txt" -o "$SCRATCH/w-zhru.tmx" 2>/dev/null
run tmx merge -o "$SCRATCH/w-all.tmx" "$SCRATCH/w-zh.tmx" "$SCRATCH/w-ru.tmx" "$SCRATCH/w-zhru.tmx"
[[ $status -eq 0 && $err == *", 0 conflicts kept"* && $err != *"another translation"* ]] &&
  ok "merge of the three wuzhen memories: no conflict among identical translations" || not_ok "merge of the three wuzhen memories" "$err"
check "merge of the three wuzhen memories: one unit per source, holding every language any unit of it had" \
  python3 - "$SCRATCH/w-all.tmx" "$SCRATCH/w-zh.tmx" "$SCRATCH/w-ru.tmx" "$SCRATCH/w-zhru.tmx" <<'PY'
import sys, xml.etree.ElementTree as ET
L = "{http://www.w3.org/XML/1998/namespace}lang"
def units(path):
    return [{t.get(L): t.findtext("seg") for t in tu.findall("tuv")} for tu in ET.parse(path).getroot().iter("tu")]
merged, want = units(sys.argv[1]), {}
for path in sys.argv[2:]:
    for u in units(path):
        want.setdefault(u["en-GB"], {}).update(u)
assert len(merged) == len(want), (len(merged), len(want))
for u in merged:
    assert u == want[u["en-GB"]], (u, want[u["en-GB"]])
PY
if [[ -f $SHARED/eval/tmx/check_tmx.sh && -f /usr/share/omegat/OmegaT.jar ]] && command -v omegat >/dev/null && /usr/bin/python3 -c 'import translate' 2>/dev/null; then
  # the three-way memory first: before units were gathered, OmegaT filled 2 of 21 Russian
  # segments with the Chinese of a unit without Russian kept beside the one with it
  run tmx merge -o "$SCRATCH/w-all2.tmx" "$SCRATCH/w-zhru.tmx" "$SCRATCH/w-zh.tmx" "$SCRATCH/w-ru.tmx"
  check "check_tmx.sh (DTD, lint, translate-toolkit, OmegaT zh-CN and ru-RU) passes on the merged wuzhen memories" \
    bash "$SHARED/eval/tmx/check_tmx.sh" "$SCRATCH/w-all2.tmx"
else
  skip "check_tmx.sh on the merged wuzhen memories" "needs $SHARED/eval/tmx/check_tmx.sh, OmegaT (omegat) and translate-toolkit"
fi

run tmx merge -o "$SCRATCH/bad.tmx" "$tmx" "$SCRATCH/trunc.tmx"
[[ $status -eq 65 && ! -e $SCRATCH/bad.tmx ]] && ok "merge: a broken input leaves no output" || not_ok "merge: a broken input leaves no output" "$err"

# lookup: fuzzy matches with percentages, a saved index, bad input
run tmx lookup --tm "$tmx" --src en --tgt zh "The role of the state in Internet regulation must be key."
[[ $status -eq 0 && $out == *"84%"*"国家"* ]] && ok "lookup: a fuzzy match with its percentage" || not_ok "lookup: a fuzzy match with its percentage" "$out" "$err"
run_ok tmx lookup --tm "$tmx" --src en --tgt ru "Wuzhen summit: states must play leading role in Internet governance"
[[ $out == *"100%"*"Саммит в Учжэне"* ]] && ok "lookup: an exact match is 100%" || not_ok "lookup: an exact match is 100%" "$out"
run_ok tmx lookup --tm "$tmx" --src en --tgt ru "WUZHEN summit -- states must play leading role in Internet governance!"
[[ $out == *" 98%"*"Саммит в Учжэне"*$'\t'"differs: punctuation, case" && $out != *"100%"* ]] &&
  ok "lookup: other case and punctuation cost a point each, and the match says so" ||
  not_ok "lookup: case and punctuation cost a point each" "$out"
run tmx lookup --tm "$tmx" --src en --tgt ru "Nothing like anything in the memory at all."
expect "lookup: no match below --min (the query alone)" 0 "Nothing like anything in the memory at all."
printf 'The role of the state in regulation must be a key one.\n\nWuzhen summit: states must play leading role in Internet governance\n' |
  "$POLYALIGN" tmx lookup --tm "$tmx" --src en --tgt zh-CN --index "$SCRATCH/w.idx" >"$SCRATCH/q1" 2>&1
q1=$?
printf 'The role of the state in regulation must be a key one.\n\nWuzhen summit: states must play leading role in Internet governance\n' |
  "$POLYALIGN" tmx lookup --index "$SCRATCH/w.idx" --src en --tgt zh-CN >"$SCRATCH/q2" 2>&1
q2=$?
[[ $q1 -eq 0 && $q2 -eq 0 && -s $SCRATCH/w.idx ]] && cmp -s "$SCRATCH/q1" "$SCRATCH/q2" && grep -q '%' "$SCRATCH/q2" &&
  ok "lookup: stdin queries, a saved index gives the same answers" || not_ok "lookup: saved index" "status $q1, $q2" "$(cat "$SCRATCH/q1" "$SCRATCH/q2")"
# languages not given: the memory's srclang and its other language, or the index's pair
run tmx lookup --tm "$tmx" "Wuzhen summit: states must play leading role in Internet governance"
[[ $status -eq 2 && $err == *"holds zh-CN, ru-RU besides en-GB: name the one to show with --tgt"* ]] &&
  ok "lookup without --tgt in a memory of three languages: usage error naming them" || not_ok "lookup: three languages, no --tgt" "$status" "$err"
run_ok tmx lookup --tm "$tmx" --tgt ru "Wuzhen summit: states must play leading role in Internet governance"
[[ $out == *"100%"*"Саммит в Учжэне"* ]] && ok "lookup without --src: the memory's srclang" || not_ok "lookup without --src" "$out"
"$POLYALIGN" align -q "$ROOT/corpus/wuzhen/article.en.txt" "$ROOT/corpus/wuzhen/article.zh.txt" -o "$SCRATCH/pair.tmx"
run_ok tmx lookup --tm "$SCRATCH/pair.tmx" "Wuzhen summit: states must play leading role in Internet governance"
[[ $out == *"100%"*"乌镇峰会"* && $err == *"queries in en-US, matches in zh-CN: the languages of"*"pair.tmx"* ]] &&
  ok "lookup without --src and --tgt: the two languages of the memory, said" || not_ok "lookup of a pair" "$out" "$err"
run_ok tmx lookup --tm "$SCRATCH/pair.tmx" --tgt en "乌镇峰会：国家必须在互联网治理中发挥主导作用"
[[ $out == *"100%"*"Wuzhen summit"* && $err == *"queries in zh-CN, matches in en"* ]] &&
  ok "lookup --tgt naming the memory's srclang: the queries in its other language" || not_ok "lookup backwards" "$out" "$err"
"$POLYALIGN" tmx lookup --tm "$SCRATCH/pair.tmx" --src zh --tgt en --index "$SCRATCH/pair.idx" x >/dev/null 2>&1
touch -d '+2 seconds' "$SCRATCH/pair.tmx"
run_ok tmx lookup --tm "$SCRATCH/pair.tmx" --index "$SCRATCH/pair.idx" "乌镇峰会：国家必须在互联网治理中发挥主导作用"
[[ $out == *"100%"*"Wuzhen summit"* && $err == *"queries in zh"*"matches in en"* && $err == *"building the index again"* ]] &&
  ok "lookup: an index older than its memory keeps the pair it records" || not_ok "lookup: stale index pair" "$out" "$err"
run_ok tmx lookup --index "$SCRATCH/w.idx" "Wuzhen summit: states must play leading role in Internet governance"
[[ $out == *"100%"*"乌镇峰会"* ]] && ok "lookup --index without languages: the pair the index records" || not_ok "lookup --index, no languages" "$out"
printf '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="*all*" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu></body></tmx>\n' >"$SCRATCH/all.tmx"
run tmx lookup --tm "$SCRATCH/all.tmx" Hello
expect_err "lookup without --src, srclang *all*: usage error" 2 "names no source language"
run_in "$(cat "$tmx")" tmx lookup --tm - --tgt ru x
expect_err "lookup --tm - without --src: usage error (the memory is read once)" 2 "give --src and --tgt"
# a memory changed after its index was saved: the index is built again, not used stale
sed 's/Саммит в Учжэне/Саммит в городе Учжэнь/' "$tmx" >"$SCRATCH/changed.tmx"
"$POLYALIGN" tmx lookup --tm "$SCRATCH/changed.tmx" --src en --tgt ru --index "$SCRATCH/c.idx" x >/dev/null 2>&1
sed -i 's/Саммит в городе Учжэнь/Саммит в Учжэне, 2016/' "$SCRATCH/changed.tmx"
touch -d '+2 seconds' "$SCRATCH/changed.tmx"
run tmx lookup --tm "$SCRATCH/changed.tmx" --src en --tgt ru --index "$SCRATCH/c.idx" "Wuzhen summit: states must play leading role in Internet governance"
[[ $status -eq 0 && $out == *"Учжэне, 2016"* && $err == *"changed after its index"* ]] &&
  ok "lookup: a memory newer than its index: the index is built again" || not_ok "lookup: stale index" "$out" "$err"
run_ok tmx lookup --index "$SCRATCH/c.idx" --src en --tgt ru "Wuzhen summit: states must play leading role in Internet governance"
[[ $out == *"Учжэне, 2016"* ]] && ok "lookup: and saved again" || not_ok "lookup: stale index saved again" "$out"
touch -d '+4 seconds' "$SCRATCH/changed.tmx"
if chattr +i "$SCRATCH/c.idx" 2>/dev/null; then # an index that cannot be replaced, even by root
  run tmx lookup --tm "$SCRATCH/changed.tmx" --src en --tgt ru --index "$SCRATCH/c.idx" "Wuzhen summit: states must play leading role in Internet governance"
  chattr -i "$SCRATCH/c.idx"
  [[ $status -eq 0 && $out == *"Учжэне, 2016"* && $err == *"answering from the index built now"* ]] &&
    ok "lookup: a stale index that cannot be saved again: answered from the one built now, with a warning" ||
    not_ok "lookup: unsavable stale index" "$status" "$out" "$err"
else
  skip "lookup: a stale index that cannot be saved again" "chattr +i not supported here"
fi
head -c 2000 "$SCRATCH/w.idx" >"$SCRATCH/cut.idx"
run tmx lookup --index "$SCRATCH/cut.idx" --src en --tgt zh-CN x
expect_err "lookup: a truncated index is refused" 65 "cut.idx: (truncated|damaged|not a polyalign)"
python3 -c "import struct,sys;open(sys.argv[1],'wb').write(b'PATMIX3\0'+struct.pack('<6Q',0,2**60-1,0,0,0,2**21)+b'en'.ljust(64,b'\0')+b'zh'.ljust(64,b'\0')+b'A'*4096)" "$SCRATCH/crafted.idx"
run tmx lookup --index "$SCRATCH/crafted.idx" --src en --tgt zh x
expect_err "lookup: an index whose counts exceed the file is refused" 65 "crafted.idx"
# the index records its languages: reused for another pair it is refused, not answered in zh-CN
run tmx lookup --index "$SCRATCH/w.idx" --src en --tgt ru "Wuzhen summit: states must play leading role in Internet governance"
expect_err "lookup: an en-zh-CN index asked for en-ru is refused" 2 "w.idx: the index was built for en to zh-CN, not en to ru"
[[ -z $out ]] && ok "lookup: no answers from an index of another pair" || not_ok "lookup: no answers from an index of another pair" "$out"
run tmx lookup --tm "$tmx" --index "$SCRATCH/w.idx" --src zh-CN --tgt en x
expect_err "lookup: with --tm too, an index of another pair is still refused (never overwritten)" 2 "built for en to zh-CN"
run tmx lookup --index "$SCRATCH/w.idx" --src EN --tgt zh_cn "Wuzhen summit: states must play leading role in Internet governance"
[[ $status -eq 0 && $out == *"100%"* ]] && ok "lookup: the same pair in another spelling loads the index" || not_ok "lookup: same pair, other spelling" "$out" "$err"
python3 -c "import struct,sys;open(sys.argv[1],'wb').write(b'PATMIX1\0'+struct.pack('<6Q',0,0,0,0,0,2**20)+b'A'*4096)" "$SCRATCH/v1.idx"
run tmx lookup --index "$SCRATCH/v1.idx" --src en --tgt zh x
expect_err "lookup: an index of the older format says to rebuild it" 65 "v1.idx: a memory index of an older polyalign"
# invalid language tags are usage errors, not empty answers
# exact matches first: units that differ only in a number are 99% "differs: number", in
# memory order after the exact one, wherever it is
python3 - "$SCRATCH/meetings.tmx" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
    for n in (7386, 7395, 7378, 7369, 7360, 7370, 7355):
        f.write('<tu><tuv xml:lang="en"><seg>Provisional agenda for the %dth meeting of the Security Council</seg></tuv><tuv xml:lang="ru"><seg>Предварительная повестка дня %d-го заседания</seg></tuv></tu>\n' % (n, n))
    for k in range(300):  # longer units holding a sentence, before it in the memory
        f.write('<tu><tuv xml:lang="en"><seg>The committee adopted the report without a vote and closed item %d</seg></tuv><tuv xml:lang="ru"><seg>длинный %d</seg></tuv></tu>\n' % (k, k))
    f.write('<tu><tuv xml:lang="en"><seg>The committee adopted the report without a vote</seg></tuv><tuv xml:lang="ru"><seg>Комитет принял доклад без голосования</seg></tuv></tu>\n')
    f.write('<tu><tuv xml:lang="en"><seg>Provisional agenda</seg></tuv><tuv xml:lang="ru"><seg>Предварительная повестка дня</seg></tuv></tu>\n')
    f.write('<tu><tuv xml:lang="en"><seg>Agenda items</seg></tuv><tuv xml:lang="ru"><seg>Пункты повестки дня</seg></tuv></tu>\n')
    f.write('<tu><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> now</seg></tuv><tuv xml:lang="ru"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>ОК<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>\n')
    f.write('</body></tmx>\n')
PY
run tmx lookup --tm "$SCRATCH/meetings.tmx" --src en --tgt ru "Provisional agenda for the 7355th meeting of the Security Council"
expect "lookup: the exact match first at 100%, those with another number 99% saying so, in memory order" 0 \
"Provisional agenda for the 7355th meeting of the Security Council
  100%	Provisional agenda for the 7355th meeting of the Security Council	Предварительная повестка дня 7355-го заседания
   99%	Provisional agenda for the 7386th meeting of the Security Council	Предварительная повестка дня 7386-го заседания	differs: number
   99%	Provisional agenda for the 7395th meeting of the Security Council	Предварительная повестка дня 7395-го заседания	differs: number
   99%	Provisional agenda for the 7378th meeting of the Security Council	Предварительная повестка дня 7378-го заседания	differs: number
   99%	Provisional agenda for the 7369th meeting of the Security Council	Предварительная повестка дня 7369-го заседания	differs: number"
run tmx lookup --tm "$SCRATCH/meetings.tmx" --src en --tgt ru --best 1 "The committee adopted the report without a vote"
[[ $status -eq 0 && $out == *"100%"*"Комитет принял доклад без голосования" ]] &&
  ok "lookup: 300 longer units holding the sentence do not crowd its exact match out" ||
  not_ok "lookup: exact match crowded out by longer units" "$out" "$err"
run tmx lookup --tm "$SCRATCH/meetings.tmx" --src en --tgt ru --min 50 "Provisional agendas" "Agenda"
expect "lookup --min 50: one word of two is 50%, found both ways" 0 "Provisional agendas
   50%	Provisional agenda	Предварительная повестка дня
Agenda
   50%	Agenda items	Пункты повестки дня"
run tmx lookup --tm "$SCRATCH/meetings.tmx" --src en --tgt ru "Press <b>OK</b> now" "Press OK now"
expect "lookup: the query's <b>…</b> are the unit's inline codes; without them, 99% saying tags" 0 "Press <b>OK</b> now
  100%	Press OK now	Нажмите ОК
Press OK now
   99%	Press OK now	Нажмите ОК	differs: tags"
printf 'Provisional agenda for the 7355th meeting of the Security Council\nPress OK now\n' |
  "$POLYALIGN" tmx lookup --tm "$SCRATCH/meetings.tmx" --src en --tgt ru --index "$SCRATCH/m.idx" >"$SCRATCH/m1" 2>&1
printf 'Provisional agenda for the 7355th meeting of the Security Council\nPress OK now\n' |
  "$POLYALIGN" tmx lookup --index "$SCRATCH/m.idx" --src en --tgt ru >"$SCRATCH/m2" 2>&1
cmp -s "$SCRATCH/m1" "$SCRATCH/m2" && grep -q 'differs: tags' "$SCRATCH/m2" && grep -q 'differs: number' "$SCRATCH/m2" &&
  ok "lookup: a saved index gives the same scores and notes" || not_ok "lookup: saved index, notes" "$(cat "$SCRATCH/m1" "$SCRATCH/m2")"
# units out of length order (the last, longest, given 1 token): a damaged index, not wrong answers
python3 - "$SCRATCH/m.idx" "$SCRATCH/unsorted.idx" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
header = 8 + 6 * 8 + 2 * 64                      # magic, six counts, two language tags
(nunits,) = struct.unpack_from("<Q", data, 16)   # after by_char
struct.pack_into("<I", data, header + (nunits - 1) * 24 + 12, 1)  # its ntok (src, tgt, tok, ntok, order, tags)
open(sys.argv[2], "wb").write(data)
PY
run tmx lookup --index "$SCRATCH/unsorted.idx" --src en --tgt ru x
expect_err "lookup: an index whose units are out of length order is refused as damaged" 65 "unsorted.idx: damaged memory index"
python3 -c "import struct,sys;open(sys.argv[1],'wb').write(b'PATMIX2\0'+struct.pack('<6Q',0,0,0,0,0,2**20)+b'en'.ljust(64,b'\0')+b'ru'.ljust(64,b'\0')+b'A'*4096)" "$SCRATCH/v2.idx"
run tmx lookup --index "$SCRATCH/v2.idx" --src en --tgt ru x
expect_err "lookup: an index of the word-pair format says to rebuild it" 65 "v2.idx: a memory index of an older polyalign, which can miss matches"
# --best: no silent cap at 64; above what one lookup can return, a clear refusal
python3 - "$SCRATCH/many.tmx" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
    for i in range(100):
        f.write('<tu><tuv xml:lang="en"><seg>the same words in unit number %d here</seg></tuv><tuv xml:lang="ru"><seg>те же слова %d</seg></tuv></tu>\n' % (i, i))
    f.write('</body></tmx>\n')
PY
run tmx lookup --tm "$SCRATCH/many.tmx" --src en --tgt ru --best 100 "the same words in unit number here"
[[ $status -eq 0 && $(grep -c '%' <<<"$out") -eq 100 ]] && ok "lookup --best 100 shows 100 matches (no cap at 64)" ||
  not_ok "lookup --best 100 shows 100 matches" "$(grep -c '%' <<<"$out")" "$err"

done_testing
