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

# The detection set: every text of the corpus, and its first paragraphs, in each legacy encoding
# of its language that can hold it, and the whole texts in UTF-16 with a byte-order mark:
# each must be read as its encoding (GBK is read as GB18030, which contains it) and give
# the sentences of its UTF-8 original. The files are made here from the project's texts.
detected=0 files=0 wrong=()
detect_case() { # FILE LANG UTF8-ORIGINAL EXPECTED-NAME
  local want
  [[ $(wc -c <"$3") -ge 100 ]] || return 0 # too little left once what the encoding lacks is out
  files=$((files + 1))
  want=$("$POLYALIGN" segment --lang "$2" "$3" 2>/dev/null)
  run segment --lang "$2" "$1"
  if [[ $status -eq 0 && -n $out && $out == "$want" && ($4 == UTF-16* || $err == *"read as $4 (detected"*) ]]; then
    detected=$((detected + 1))
  else
    wrong+=("$(basename "$1"): status $status, $err")
  fi
}
mkdir -p "$SCRATCH/detect"
for t in article keynote address; do
  for lang in ru zh; do
    src=$corpus/$t.$lang.txt half=$SCRATCH/detect/$t.$lang.half.txt
    head -n $((($(wc -l <"$src") + 1) / 2)) "$src" >"$half"
    for part in "$src" "$half"; do
      name=$(basename "$part" .txt)
      if [[ $lang == ru ]]; then
        grep -v '[—«»„“]' "$part" >"$SCRATCH/detect/$name.plain.txt" # what KOI8-R holds
        grep -v 'ё' "$SCRATCH/detect/$name.plain.txt" >"$SCRATCH/detect/$name.plain5.txt" # and ISO-8859-5
        iconv -f UTF-8 -t WINDOWS-1251 "$part" >"$SCRATCH/detect/$name.cp1251" &&
          detect_case "$SCRATCH/detect/$name.cp1251" ru "$part" windows-1251
        iconv -f UTF-8 -t KOI8-R "$SCRATCH/detect/$name.plain.txt" >"$SCRATCH/detect/$name.koi8" &&
          detect_case "$SCRATCH/detect/$name.koi8" ru "$SCRATCH/detect/$name.plain.txt" KOI8-R
        iconv -f UTF-8 -t ISO-8859-5 "$SCRATCH/detect/$name.plain5.txt" >"$SCRATCH/detect/$name.8859-5" &&
          detect_case "$SCRATCH/detect/$name.8859-5" ru "$SCRATCH/detect/$name.plain5.txt" ISO-8859-5
      else
        for enc in GB18030 GBK; do
          iconv -f UTF-8 -t $enc "$part" >"$SCRATCH/detect/$name.$enc" &&
            detect_case "$SCRATCH/detect/$name.$enc" zh "$part" GB18030
        done
      fi
    done
  done
  for lang in en ru zh; do
    for enc in UTF-16LE UTF-16BE; do
      f=$SCRATCH/detect/$t.$lang.$enc
      { [[ $enc == UTF-16LE ]] && printf '\xff\xfe' || printf '\xfe\xff'; iconv -f UTF-8 -t $enc "$corpus/$t.$lang.txt"; } >"$f"
      detect_case "$f" $lang "$corpus/$t.$lang.txt" $enc
    done
  done
done
[[ $files -ge 30 && $detected -eq $files ]] &&
  ok "detection set: $detected of $files files in windows-1251, KOI8-R, ISO-8859-5, GB18030, GBK and UTF-16 read as their encoding, with the sentences of their UTF-8 originals" ||
  not_ok "detection set: $detected of $files files" "${wrong[@]}"

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
