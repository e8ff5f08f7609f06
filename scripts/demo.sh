#!/usr/bin/env bash
# demo.sh — the main job on the bundled Wuzhen sample (`make demo`).
#
# Segments every text of corpus/wuzhen and prints a short summary; later stages
# (alignment to TMX, subtitles) add their steps here.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=corpus/wuzhen

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
echo "First sentences of the article in each language:"
for lang in en zh ru; do
  ./polyalign segment --lang "$lang" "$corpus/article.$lang.txt" | sed -n '3p' | sed "s/^/  [$lang] /"
done
