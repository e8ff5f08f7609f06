#!/usr/bin/env bash
# test_encoding.sh — text in legacy encodings: converted from the encoding ICU detects
# clearly (and said so), or from the one --encoding names; an unclear guess, damaged UTF-8
# and unknown names are errors that say what to do.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen

segment_same() { # NAME LANG FILE ENCODING-IN-MESSAGE UTF8-REFERENCE
  local name=$1 lang=$2 file=$3 enc=$4 ref=$5 want
  want=$("$POLYALIGN" segment --lang "$lang" "$ref" 2>/dev/null)
  run segment --lang "$lang" "$file"
  [[ $status -eq 0 && -n $out && $out == "$want" && $err == *"read as $enc (detected"* ]] &&
    ok "$name: read as $enc, sentences as from UTF-8" || not_ok "$name" "status $status" "$err" "$(head -c 300 <<<"$out")"
}

iconv -f UTF-8 -t WINDOWS-1251 "$corpus/article.ru.txt" >"$SCRATCH/ru.cp1251.txt"
segment_same "Russian in windows-1251" ru "$SCRATCH/ru.cp1251.txt" windows-1251 "$corpus/article.ru.txt"
# KOI8-R and ISO-8859-5 have no em dash or guillemets: the paragraphs they hold
grep -v '[—«»]' "$corpus/article.ru.txt" >"$SCRATCH/ru.plain.txt"
iconv -f UTF-8 -t KOI8-R "$SCRATCH/ru.plain.txt" >"$SCRATCH/ru.koi8.txt"
segment_same "Russian in KOI8-R" ru "$SCRATCH/ru.koi8.txt" KOI8-R "$SCRATCH/ru.plain.txt"
grep -v 'ё' "$SCRATCH/ru.plain.txt" >"$SCRATCH/ru.plain5.txt"
iconv -f UTF-8 -t ISO-8859-5 "$SCRATCH/ru.plain5.txt" >"$SCRATCH/ru.8859-5.txt"
segment_same "Russian in ISO-8859-5" ru "$SCRATCH/ru.8859-5.txt" ISO-8859-5 "$SCRATCH/ru.plain5.txt"
for enc in GB18030 GBK; do
  iconv -f UTF-8 -t $enc "$corpus/article.zh.txt" >"$SCRATCH/zh.$enc.txt"
  segment_same "Chinese in $enc" zh "$SCRATCH/zh.$enc.txt" GB18030 "$corpus/article.zh.txt"
done
printf '互聯網是當今發展最快的產業領域，它改變了各國人民的生活。互聯網現在和將來的影響，怎麼評價都不為過。我們必須尋求一種更加平等、更加公正的互聯網治理模式。\n' >"$SCRATCH/hant.txt"
iconv -f UTF-8 -t BIG5 "$SCRATCH/hant.txt" >"$SCRATCH/hant.big5.txt"
segment_same "Traditional Chinese in Big5" zh "$SCRATCH/hant.big5.txt" Big5 "$SCRATCH/hant.txt"
for enc in UTF-16LE UTF-16BE; do
  { [[ $enc == UTF-16LE ]] && printf '\xff\xfe' || printf '\xfe\xff'; iconv -f UTF-8 -t $enc "$corpus/article.en.txt"; } >"$SCRATCH/en.$enc.txt"
  run_ok segment --lang en "$SCRATCH/en.$enc.txt"
  [[ $out == "$("$POLYALIGN" segment --lang en "$corpus/article.en.txt")" ]] && ok "$enc with a byte-order mark is read" ||
    not_ok "$enc with a byte-order mark is read" "$err"
done

# align reads them too, and writes UTF-8 XML with the same units as from UTF-8
run align -q --langs ru,zh "$SCRATCH/ru.cp1251.txt" "$SCRATCH/zh.GB18030.txt" -o "$SCRATCH/legacy.tmx"
run_ok align -q --langs ru,zh "$corpus/article.ru.txt" "$corpus/article.zh.txt" -o "$SCRATCH/utf8.tmx"
[[ -s $SCRATCH/legacy.tmx && $(grep -c '<tu ' "$SCRATCH/legacy.tmx") -eq $(grep -c '<tu ' "$SCRATCH/utf8.tmx") ]] &&
  diff <(grep '<seg>' "$SCRATCH/legacy.tmx") <(grep '<seg>' "$SCRATCH/utf8.tmx") >/dev/null &&
  ok "align: windows-1251 and GB18030 texts give the TMX of their UTF-8 versions" ||
  not_ok "align of legacy encodings" "$(head -c 300 "$SCRATCH/legacy.tmx")"

# --encoding names it: no detection, and a wrong name is not second-guessed
run segment --lang ru --encoding windows-1251 "$SCRATCH/ru.cp1251.txt"
[[ $status -eq 0 && $err == "" && $out == *"Саммит в Учжэне"* ]] && ok "--encoding windows-1251: converted, nothing to report" ||
  not_ok "--encoding windows-1251" "$err"
run segment --lang ru --encoding UTF-8 "$SCRATCH/ru.cp1251.txt"
expect_err "--encoding UTF-8 on windows-1251 bytes: strict, exit 65 with the position" 65 "invalid UTF-8 at byte [0-9]+"
run segment --lang ru --encoding no-such-charset "$SCRATCH/ru.koi8.txt"
expect_err "an encoding ICU does not know: exit 2" 2 "unknown encoding 'no-such-charset'"
run segment --lang en --encoding GB18030 "$SCRATCH/hant.big5.txt"
[[ $status -eq 0 || $status -eq 65 ]] && ok "a wrong --encoding is the user's word: no crash (status $status)" ||
  not_ok "a wrong --encoding" "$status" "$err"

# unclear or damaged bytes are errors that say what to do
printf 'abc \x80\x81\x82\x83\x84\x85\x86\x87\x88\x89 def\n' >"$SCRATCH/unclear.txt"
run segment --lang en "$SCRATCH/unclear.txt"
expect_err "an unclear encoding: exit 65, the first bad byte, the candidates and --encoding" 65 \
  "unclear\.txt:1:5: invalid UTF-8 at byte 4; if the file is in another encoding, it may be .*%.*--encoding"
printf 'abc \x80 def\n' >"$SCRATCH/stray.txt"
run segment --lang en "$SCRATCH/stray.txt"
expect_err "one stray byte: too little to guess from, exit 65 with the byte and the hint" 65 \
  "stray\.txt:1:5: invalid UTF-8 at byte 4; if the file is in another encoding, name it with --encoding"
{ cat "$corpus/article.ru.txt"; printf 'bad \xff byte\n'; } >"$SCRATCH/damaged.txt"
run segment --lang ru "$SCRATCH/damaged.txt"
expect_err "UTF-8 with one bad byte: exit 65 with line, column and byte, not a guess" 65 "damaged\.txt:[0-9]+:[0-9]+: invalid UTF-8 at byte [0-9]+"

# srt check reads a windows-1251 SRT
printf '1\r\n00:00:01,000 --> 00:00:03,000\r\nПривет, мир. Это проверка субтитров.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nРоссия и Китай обсуждают интернет.\r\n' |
  iconv -f UTF-8 -t WINDOWS-1251 >"$SCRATCH/cp1251.srt"
run srt check --lang ru "$SCRATCH/cp1251.srt"
[[ $status -le 1 && $err != *"invalid UTF-8"* ]] && ok "srt check reads a windows-1251 SRT" || not_ok "srt check of a windows-1251 SRT" "$status" "$err" "$out"

done_testing
