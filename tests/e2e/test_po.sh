#!/usr/bin/env bash
# test_po.sh — `polyalign po2tmx` and `tmx2po`: plural forms, msgctxt, flags, comments,
# fuzzy entries, msgfmt --check on every PO written, and bad PO input.
source "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/app.ru.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

# Shown on the toolbar.
#. TRANSLATORS: a verb
msgctxt "toolbar"
msgid "Open"
msgstr "Открыть"

msgctxt "state"
msgid "Open"
msgstr "Открыт"

#, c-format
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

#, fuzzy
msgid "Close"
msgstr "Закрыть"

msgid "Untranslated"
msgstr ""
PO

run po2tmx "$SCRATCH/app.ru.po" -o "$SCRATCH/app.tmx"
[[ $status -eq 0 && $err == *"5 messages, 5 translation units, 1 fuzzy message left out"* ]] &&
  ok "po2tmx: messages, plural forms as units, fuzzy left out" || not_ok "po2tmx: counts" "$err"
grep -q '<prop type="x-context">toolbar</prop>' "$SCRATCH/app.tmx" && ok "msgctxt kept as a prop" || not_ok "msgctxt kept as a prop"
grep -q '<note>Shown on the toolbar.</note>' "$SCRATCH/app.tmx" && ok "comments carried as notes" || not_ok "comments carried as notes"
run tmx validate -q "$SCRATCH/app.tmx"
expect "po2tmx output validates" 0 ""

run tmx2po --lang ru-RU "$SCRATCH/app.tmx" -o "$SCRATCH/back.po"
[[ $status -eq 0 ]] && ok "tmx2po runs" || not_ok "tmx2po runs" "$err"
check "tmx2po output passes msgfmt --check" msgfmt --check -o /dev/null "$SCRATCH/back.po"
# the translated messages, whole (continuation lines too), without the header entry or comments
norm() { msgattrib --no-fuzzy --no-obsolete "$1" 2>/dev/null | msgattrib --translated | msgcat --no-location --no-wrap --sort-output - | sed '1,/^$/d' | grep -v '^#'; }
[[ "$(norm "$SCRATCH/app.ru.po")" == "$(norm "$SCRATCH/back.po")" ]] && ok "PO -> TMX -> PO gives the same messages" ||
  not_ok "PO -> TMX -> PO gives the same messages" "$(diff <(norm "$SCRATCH/app.ru.po") <(norm "$SCRATCH/back.po"))"
grep -q '#, c-format' "$SCRATCH/back.po" && ok "format flags survive" || not_ok "format flags survive"

run_ok po2tmx --include-fuzzy "$SCRATCH/app.ru.po" -o "$SCRATCH/fuzzy.tmx"
grep -q '<prop type="x-po-fuzzy">yes</prop>' "$SCRATCH/fuzzy.tmx" && ok "--include-fuzzy marks fuzzy units" ||
  not_ok "--include-fuzzy marks fuzzy units"

# the project's own catalogs
for po in "$ROOT"/po/*.po; do
  l=$(basename "$po" .po)
  run_ok po2tmx "$po" -o "$SCRATCH/$l.tmx"
  run_ok tmx2po --lang "${l/_/-}" "$SCRATCH/$l.tmx" -o "$SCRATCH/$l.back.po"
  check "po/$l.po round trip passes msgfmt --check" msgfmt --check -o /dev/null "$SCRATCH/$l.back.po"
  [[ "$(norm "$po")" == "$(norm "$SCRATCH/$l.back.po")" ]] && ok "po/$l.po -> TMX -> PO gives the same messages" ||
    not_ok "po/$l.po -> TMX -> PO gives the same messages" "$(diff <(norm "$po") <(norm "$SCRATCH/$l.back.po") | head)"
done

# bad input
printf 'msgid "broken \\q escape"\nmsgstr "x"\n' >"$SCRATCH/broken.po"
run po2tmx "$SCRATCH/broken.po" -o "$SCRATCH/broken.tmx"
[[ $status -eq 65 && $err =~ broken\.po:[0-9]+: && ! -e $SCRATCH/broken.tmx ]] &&
  ok "a PO with a broken escape: exit 65 naming file and line, no output" || not_ok "a PO with a broken escape" "$status" "$err"

# catalogs in another charset than UTF-8: converted from the charset the header declares
for charset in windows-1251 KOI8-R; do
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=%s\\n"\n"Language: ru\\n"\n\n# Кнопка\nmsgid "Open"\nmsgstr "Открыть"\n' "$charset" |
    iconv -f UTF-8 -t "$charset" >"$SCRATCH/$charset.po"
  run po2tmx "$SCRATCH/$charset.po" -o "$SCRATCH/$charset.tmx"
  [[ $status -eq 0 ]] && xmllint --noout "$SCRATCH/$charset.tmx" 2>/dev/null && grep -q '<seg>Открыть</seg>' "$SCRATCH/$charset.tmx" &&
    grep -q '<note>Кнопка</note>' "$SCRATCH/$charset.tmx" && grep -q 'charset=UTF-8' "$SCRATCH/$charset.tmx" &&
    ok "po2tmx of a $charset catalog: well-formed UTF-8 TMX, its header now saying UTF-8" ||
    not_ok "po2tmx of a $charset catalog" "$status" "$err"
  run tmx2po --lang ru "$SCRATCH/$charset.tmx" -o "$SCRATCH/$charset.back.po"
  check "$charset catalog -> TMX -> PO passes msgfmt --check" msgfmt --check -o /dev/null "$SCRATCH/$charset.back.po"
done
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\nmsgid "Open"\nmsgid_plural "Opens"\nmsgstr[0] "ok"\nmsgstr[1] "a\\377b"\n' >"$SCRATCH/octal.po"
run po2tmx "$SCRATCH/octal.po" -o "$SCRATCH/octal.tmx"
[[ $status -eq 65 && ! -e $SCRATCH/octal.tmx ]] &&
  grep -q 'octal.po:9: the msgstr\[1\] of msgid "Open" is not valid UTF-8: bad byte at offset 1' <<<"$err" &&
  ok "po2tmx: an octal escape that is not UTF-8: exit 65 with file, line and offset, no output" || not_ok "po2tmx: octal escape" "$status" "$err"
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NO-SUCH-CHARSET\\n"\n' >"$SCRATCH/nocharset.po"
run po2tmx "$SCRATCH/nocharset.po" -o "$SCRATCH/nocharset.tmx"
expect_err "po2tmx: an unknown charset is refused" 65 'nocharset.po: the header declares charset "NO-SUCH-CHARSET", which is unknown'
run_in "$(cat "$SCRATCH/app.ru.po")" po2tmx - -o "$SCRATCH/stdin.tmx"
[[ $status -eq 0 ]] && grep -q Открыть "$SCRATCH/stdin.tmx" && ok "po2tmx -: the catalog from standard input" || not_ok "po2tmx -" "$status" "$err"

# a catalog that gives no unit: said so, no TMX written
: >"$SCRATCH/empty.po"
run po2tmx "$SCRATCH/empty.po" -o "$SCRATCH/empty-po.tmx"
[[ $status -eq 65 && ! -e $SCRATCH/empty-po.tmx && $err == *"empty.po: empty file (0 bytes), not a PO file"* ]] &&
  ok "po2tmx of an empty file: exit 65, said so, no TMX" || not_ok "po2tmx of an empty file" "$status" "$err"
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\nmsgid "Close"\nmsgstr "Закрыть"\n' >"$SCRATCH/fuzzy-only.po"
run po2tmx "$SCRATCH/fuzzy-only.po" -o "$SCRATCH/fuzzy-only.tmx"
[[ $status -eq 65 && ! -e $SCRATCH/fuzzy-only.tmx && $err == *"no translated message to write (read: 1, fuzzy and left out: 1); nothing written"* ]] &&
  ok "po2tmx of fuzzy messages only: exit 65, counted, no TMX" || not_ok "po2tmx of fuzzy messages only" "$status" "$err"

# a long header (Weblate and Launchpad add many X- fields) with an X-Poedit-Language field:
# the language comes from Language:, the whole header survives the round trip
{
  printf 'msgid ""\nmsgstr ""\n"X-Poedit-Language: Russian\\n"\n"Language: ru\\n"\n'
  printf '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
  printf '"Plural-Forms: nplurals=3; plural=(n%%10==1 && n%%100!=11 ? 0 : n%%10>=2 && n%%10<=4 && (n%%100<10 || n%%100>=20) ? 1 : 2);\\n"\n'
  for k in $(seq 40); do printf '"X-Extra-Field-%02d: %s\\n"\n' "$k" xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done
  printf '\nmsgid "Hello"\nmsgstr "Привет"\n'
} >"$SCRATCH/long.po"
run_ok po2tmx "$SCRATCH/long.po" -o "$SCRATCH/long.tmx"
run tmx validate "$SCRATCH/long.tmx"
expect_err "a header naming X-Poedit-Language: the TMX takes Language: and is valid" 0 "valid"
run_ok tmx2po --lang ru "$SCRATCH/long.tmx" -o "$SCRATCH/long2.po"
check "a 1.5 KB header comes back whole, and msgfmt --check accepts it" \
  sh -c "msgfmt --check -o /dev/null '$SCRATCH/long2.po' && test \$(grep -c X-Extra-Field '$SCRATCH/long2.po') = 40"

# languages are matched on BCP 47 subtags, never on their first two letters
cat >"$SCRATCH/app.fil.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fil\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Open"
msgstr "Buksan"
PO
run_ok po2tmx "$SCRATCH/app.fil.po" -o "$SCRATCH/fil.tmx"
run tmx2po --lang fi "$SCRATCH/fil.tmx" -o "$SCRATCH/fi.po"
[[ $status -eq 65 && ! -e $SCRATCH/fi.po ]] && grep -q 'no unit translates into fi (languages in the memory: en-US, fil); nothing written' <<<"$err" &&
  ok "a Filipino (fil) TMX gives a Finnish (fi) catalog nothing: exit 65 naming the languages it holds, no file" ||
  not_ok "fil is not fi" "$status" "$err"
run tmx2po --lang fil "$SCRATCH/fil.tmx" -o "$SCRATCH/fil.po"
[[ $status -eq 0 && $err == *"1 message written"* ]] && grep -q Buksan "$SCRATCH/fil.po" &&
  ok "the same TMX gives the Filipino catalog its message" || not_ok "fil gets its message" "$err"

# a memory from elsewhere: srclang "en" over "en-US" variants, Chinese in two scripts, no PO header
tmx_of() { # TUVs as LANG=TEXT…
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body><tu>'
  for tuv in "$@"; do printf '<tuv xml:lang="%s"><seg>%s</seg></tuv>' "${tuv%%=*}" "${tuv#*=}"; done
  printf '</tu></body></tmx>\n'
}
tmx_of en-US=Open zh-Hans=打开 zh-Hant=打開 kok=Ugodd ru=Открыть >"$SCRATCH/other.tmx"
for want in zh-Hant:打開 zh-Hans:打开 kok:Ugodd; do
  run tmx2po --lang "${want%%:*}" "$SCRATCH/other.tmx" -o "$SCRATCH/other.po"
  [[ $status -eq 0 ]] && grep -q "msgstr \"${want#*:}\"" "$SCRATCH/other.po" &&
    ok "srclang en takes the en-US source; --lang ${want%%:*} takes ${want#*:}" ||
    not_ok "--lang ${want%%:*} takes ${want#*:}" "$err" "$(cat "$SCRATCH/other.po")"
done
# a variant with the very tag is preferred to an earlier one of the same language
tmx_of en-GB=Colour en=Color ru-RU=Цвет ru=Окраска >"$SCRATCH/variants.tmx"
run tmx2po --lang ru "$SCRATCH/variants.tmx" -o "$SCRATCH/variants.po"
[[ $status -eq 0 ]] && grep -q '^msgid "Color"' "$SCRATCH/variants.po" && grep -q '^msgstr "Окраска"' "$SCRATCH/variants.po" &&
  ok "srclang en takes the en variant after an en-GB one; --lang ru the ru one after ru-RU" ||
  not_ok "exact variants preferred" "$err" "$(cat "$SCRATCH/variants.po")"
run tmx2po --lang ru-RU "$SCRATCH/variants.tmx" -o "$SCRATCH/variants.po"
[[ $status -eq 0 ]] && grep -q '^msgstr "Цвет"' "$SCRATCH/variants.po" &&
  ok "--lang ru-RU takes the ru-RU variant" || not_ok "ru-RU variant" "$err" "$(cat "$SCRATCH/variants.po")"
# a memory whose header names no source language: no crash, no half-written file
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="ru"><seg>Открыть</seg></tuv></tu></body></tmx>\n' >"$SCRATCH/nosrc.tmx"
run tmx2po --lang ru "$SCRATCH/nosrc.tmx" -o "$SCRATCH/nosrc.po"
[[ $status -eq 0 && -s $SCRATCH/nosrc.po && -z $(find "$SCRATCH" -name '.nosrc.po.*') ]] &&
  grep -q '^msgid "Open"' "$SCRATCH/nosrc.po" && grep -q '^msgstr "Открыть"' "$SCRATCH/nosrc.po" &&
  ok "tmx2po: without srclang, each unit's other language is the source (its message kept)" ||
  not_ok "tmx2po without srclang" "$status" "$err" "$(cat "$SCRATCH/nosrc.po" 2>&1)"

# one source, several translations (an aligned text repeats a sentence; a merged memory):
# one entry per msgctxt and msgid, the other translations as translator comments, counted
tmx_units() { # UNITS as SRC=TGT… (en to ru), one per unit
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>'
  for pair in "$@"; do printf '<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="ru"><seg>%s</seg></tuv></tu>' "${pair%%=*}" "${pair#*=}"; done
  printf '</body></tmx>\n'
}
tmx_units Open=Открыть Close=Закрыть Open=Открыть Open=Открой Open=Открой >"$SCRATCH/twice.tmx"
run tmx2po --lang ru "$SCRATCH/twice.tmx" -o "$SCRATCH/twice.po"
[[ $status -eq 0 && $err == *"2 messages written, 1 other translation of the same msgctxt and msgid kept as a translator comment"* ]] &&
  ok "tmx2po: a repeated source is one message; the other translation counted on stderr" || not_ok "tmx2po repeated source: counts" "$err"
check "tmx2po: a memory with two translations of one source passes msgfmt --check" msgfmt --check -o /dev/null "$SCRATCH/twice.po"
[[ $(grep -c '^msgid "Open"' "$SCRATCH/twice.po") -eq 1 && $(grep -c '^# other translation: Открой$' "$SCRATCH/twice.po") -eq 1 ]] &&
  grep -q '^msgstr "Открыть"' "$SCRATCH/twice.po" && ok "tmx2po: the first translation is the msgstr, the other kept once as a comment" ||
  not_ok "tmx2po: other translation as a comment" "$(cat "$SCRATCH/twice.po")"
align_docs=$SHARED/eval/align/en-zh/dev/docs
if [[ -f $align_docs/mac-dev-001.en ]]; then
  run align --presegmented --langs en,zh-CN "$align_docs/mac-dev-001.en" "$align_docs/mac-dev-001.zh" -o "$SCRATCH/mac.tmx"
  run tmx2po --lang zh-CN "$SCRATCH/mac.tmx" -o "$SCRATCH/mac.po"
  check "tmx2po of an aligned novel chapter (a sentence translated twice) passes msgfmt --check" msgfmt --check -o /dev/null "$SCRATCH/mac.po"
else
  skip "tmx2po of an aligned novel chapter passes msgfmt --check" "no $align_docs"
fi
# a memory from elsewhere whose segments end with a line break on one side only: msgfmt
# --check refuses such a message; it is kept, marked fuzzy, and counted
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Hello\n</seg></tuv><tuv xml:lang="ru"><seg>Привет</seg></tuv></tu><tu><tuv xml:lang="en"><seg>Bye</seg></tuv><tuv xml:lang="ru"><seg>Пока</seg></tuv></tu></body></tmx>\n' >"$SCRATCH/newline.tmx"
run tmx2po --lang ru "$SCRATCH/newline.tmx" -o "$SCRATCH/newline.po"
[[ $status -eq 0 && $err == *"1 message marked fuzzy: msgfmt --check refuses it"* ]] && msgfmt --check -o /dev/null "$SCRATCH/newline.po" 2>/dev/null &&
  [[ $(grep -c '^#, fuzzy' "$SCRATCH/newline.po") -eq 1 ]] && grep -q '^msgstr "Привет"' "$SCRATCH/newline.po" &&
  ok "tmx2po: a line break on one side only: the message kept, marked fuzzy, counted; msgfmt --check passes" ||
  not_ok "tmx2po: one-sided line break" "$status" "$err" "$(cat "$SCRATCH/newline.po")"
# a unit's notes all become translator comments, none overwritten by the next
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><note>first note</note><note>second note</note><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="ru"><seg>Открыть</seg></tuv></tu></body></tmx>\n' >"$SCRATCH/notes.tmx"
run tmx2po --lang ru "$SCRATCH/notes.tmx" -o "$SCRATCH/notes.po"
grep -q '^# first note$' "$SCRATCH/notes.po" && grep -q '^# second note$' "$SCRATCH/notes.po" &&
  ok "tmx2po: every note of a unit is kept" || not_ok "tmx2po keeps every note" "$(cat "$SCRATCH/notes.po")"
# standard input, and input that is not a memory, said in words
run_in "$(cat "$SCRATCH/twice.tmx")" tmx2po --lang ru - -o "$SCRATCH/stdin.po"
[[ $status -eq 0 ]] && cmp -s "$SCRATCH/stdin.po" "$SCRATCH/twice.po" && ok "tmx2po -: the memory from standard input" ||
  not_ok "tmx2po -" "$status" "$err"
mkdir -p "$SCRATCH/dir.tmx"
run tmx2po --lang ru "$SCRATCH/dir.tmx" -o "$SCRATCH/dir.po"
expect_err "tmx2po on a directory: exit 66, said so" 66 "dir.tmx: is a directory, not a TMX file"
run po2tmx "$SCRATCH/dir.tmx" -o "$SCRATCH/dir2.tmx"
expect_err "po2tmx on a directory: exit 66, said so" 66 "dir.tmx: is a directory, not a PO file"
: >"$SCRATCH/empty.tmx"
run tmx2po --lang ru "$SCRATCH/empty.tmx" -o "$SCRATCH/empty.po"
expect_err "tmx2po on an empty file: exit 65, said so" 65 "empty.tmx: empty file \(0 bytes\), not a TMX document"
run tmx2po --lang ru "$SCRATCH/app.ru.po" -o "$SCRATCH/notmx.po"
expect_err "tmx2po on a PO file: exit 65, not a TMX document" 65 "app.ru.po:1:1: not a TMX document"
plural_forms() { # LANG: the Plural-Forms tmx2po writes for it when the TMX carries no PO header
  tmx_of en-US=Open "$1=x" >"$SCRATCH/plural.tmx"
  "$POLYALIGN" tmx2po --lang "$1" "$SCRATCH/plural.tmx" -o "$SCRATCH/plural.po" 2>/dev/null &&
    sed -n 's/^"Plural-Forms: nplurals=\([0-9]\).*/\1/p' "$SCRATCH/plural.po"
}
for want in ru-RU:3 uk:3 rue:2 zh-Hant:1 ko:1 kok:2 fil:2 pl:3 cs:3 sl:4 ar:6 fr:2 vi:1 lt:3; do
  got=$(plural_forms "${want%%:*}")
  [[ $got == "${want#*:}" ]] && msgfmt --check -o /dev/null "$SCRATCH/plural.po" 2>/dev/null &&
    ok "default Plural-Forms for ${want%%:*}: nplurals=${want#*:}, accepted by msgfmt --check" ||
    not_ok "default Plural-Forms for ${want%%:*}" "nplurals=$got, want ${want#*:}"
done

# untranslated messages (a plural one too) and obsolete entries are left out and counted:
# an untranslated plural gave units with an empty target before
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%%10==1 && n%%100!=11 ? 0 : n%%10>=2 && n%%10<=4 && (n%%100<10 || n%%100>=20) ? 1 : 2);\\n"\n\nmsgid "Hello"\nmsgstr "Привет"\n\nmsgid "Later"\nmsgstr ""\n\nmsgid "File"\nmsgid_plural "Files"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n\n#~ msgid "Old"\n#~ msgstr "Старый"\n' >"$SCRATCH/untranslated.po"
run po2tmx "$SCRATCH/untranslated.po" -o "$SCRATCH/untranslated.tmx"
[[ $status -eq 0 && $err == *"3 messages, 1 translation unit, 0 fuzzy messages left out, 2 untranslated, 1 obsolete (#~) entry left out"* &&
   $(grep -c "<tu " "$SCRATCH/untranslated.tmx") -eq 1 && $(grep -c "<seg></seg>" "$SCRATCH/untranslated.tmx") -eq 0 ]] &&
  ok "po2tmx: untranslated messages (a plural one too) and obsolete entries left out and counted" ||
  not_ok "po2tmx: untranslated and obsolete counted" "$status" "$err"

done_testing
