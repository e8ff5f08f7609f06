#!/usr/bin/env bash
# demo.sh — the main job on the bundled Wuzhen sample (`make demo`).
#
# Segments every text of corpus/wuzhen, then aligns the English article, keynote and
# address with their Chinese and Russian versions into one translation memory,
# tmx/wuzhen.tmx. SOURCE_DATE_EPOCH defaults to the conference's opening day, so the
# committed TMX is rebuilt byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=corpus/wuzhen
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1479254400} # 2016-11-16, the 3rd WIC opens
mkdir -p build tmx

echo "Segmenting $corpus:"
printf '  %-18s %6s %10s %9s\n' file language paragraphs sentences
for f in "$corpus"/*.txt; do
  lang=${f%.txt}
  lang=${lang##*.}
  ./polyalign segment --lang "$lang" --format jsonl "$f" >"build/demo.jsonl"
  paras=$(tail -n 1 build/demo.jsonl | sed -E 's/.*"para":([0-9]+).*/\1/')
  sents=$(wc -l <build/demo.jsonl)
  printf '  %-18s %6s %10d %9d\n' "$(basename "$f")" "$lang" $((paras + 1)) "$sents"
done
rm -f build/demo.jsonl

echo
echo "Aligning English with Chinese and Russian into tmx/wuzhen.tmx:"
files=()
for text in article keynote address; do
  files+=("$corpus/$text.en.txt" "$corpus/$text.zh.txt" "$corpus/$text.ru.txt")
done
./polyalign align --langs en-GB,zh-CN,ru-RU "${files[@]}" -o tmx/wuzhen.tmx
units=$(grep -c '<tu ' tmx/wuzhen.tmx)
echo "  tmx/wuzhen.tmx: $units translation units in en-GB, zh-CN and ru-RU"
echo
echo "A unit of it:"
awk '/<tu tuid="9"/,/<\/tu>/' tmx/wuzhen.tmx | sed 's/^/  /'

echo
echo "Subtitles of the video address: subtitles/address.{zh,en,ru}.{srt,vtt}"
echo "  The real recording of the address is not ours to ship: a stand-in Chinese recording is"
echo "  synthesized with espeak-ng (voice cmn-latn-pinyin+f3, 150 words a minute, pitch 60: not"
echo "  the voice or speed the aligner synthesizes with) into build/demo/address.zh.wav, and the"
echo "  Chinese cues are timed from it (--audio; a real one works the same: --audio address.mp4)."
echo "  English and Russian take their timing from the Chinese cues through the sentence"
echo "  alignment of the transcripts."
mkdir -p subtitles build/demo
espeak-ng -v cmn-latn-pinyin+f3 -s 150 -p 60 -f "$corpus/address.zh.txt" -w build/demo/address.zh.wav
./polyalign sync --lang zh-CN --audio build/demo/address.zh.wav "$corpus/address.zh.txt" --format tsv \
  -o build/demo/address.zh.sync.tsv
for fmt in srt vtt; do
  ./polyalign subtitle --lang zh-CN --audio build/demo/address.zh.wav "$corpus/address.zh.txt" \
    -o "subtitles/address.zh.$fmt" 2>/dev/null
done
echo "  Sync map (build/demo/address.zh.sync.tsv):"
cut -f1-6 build/demo/address.zh.sync.tsv | head -5 | sed 's/^/    /'
for lang in en ru; do
  for fmt in srt vtt; do
    ./polyalign subtitle --from subtitles/address.zh.srt --align "$corpus/address.zh.txt" --lang "$lang" \
      "$corpus/address.$lang.txt" -o "subtitles/address.$lang.$fmt" 2>/dev/null
  done
done
for lang in zh en; do
  echo "  [$lang]"
  sed -n '1,4p' "subtitles/address.$lang.srt" | sed 's/^/    /'
done

echo
echo "The real situation: the recording holds the whole speech, the transcript only the parts"
echo "the article quotes. A longer stand-in (build/demo/address-long.zh.wav) has Chinese speech"
echo "the transcript lacks before, between and after its two paragraphs (paragraphs 1-2, 4 and 5"
echo "of the Chinese article, in the same voice); the quoted parts are found in it and timed,"
echo "the rest is listed as skipped and gets no cue."
para() { awk -v n="$2" 'BEGIN { RS = "" } NR == n' "$1"; }
parts=()
for spec in article:1 article:2 address:1 article:4 address:2 article:5; do
  part=build/demo/long.${spec/:/-}
  para "$corpus/${spec%%:*}.zh.txt" "${spec#*:}" >"$part.txt"
  espeak-ng -v cmn-latn-pinyin+f3 -s 150 -p 60 -f "$part.txt" -w "$part.wav"
  parts+=(-i "$part.wav")
done
ffmpeg -nostdin -v error -y "${parts[@]}" -filter_complex "concat=n=6:v=0:a=1" build/demo/address-long.zh.wav
./polyalign sync --lang zh-CN --audio build/demo/address-long.zh.wav "$corpus/address.zh.txt" --format tsv \
  -o build/demo/address-long.zh.sync.tsv 2>build/demo/address-long.err
./polyalign subtitle --lang zh-CN --audio build/demo/address-long.zh.wav "$corpus/address.zh.txt" \
  -o subtitles/address-long.zh.srt 2>/dev/null
echo "  Sync map (build/demo/address-long.zh.sync.tsv), skipped stretches included:"
cut -f1-6 build/demo/address-long.zh.sync.tsv | sed 's/^/    /'
grep "covers part" build/demo/address-long.err | sed 's/^polyalign: /  /'
echo "  Subtitles from it: subtitles/address-long.zh.srt"
