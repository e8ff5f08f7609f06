#!/usr/bin/env bash
# run.sh — `make bench`: every benchmark times a baseline in the same run and prints the
# ratio, because absolute times on shared machines mean little.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench
export SHARED=${SHARED:-../shared}

# best_of N CMD… : the best elapsed seconds and its peak RSS (KB) over N runs -> "$secs $kb"
best_of() {
  local n=$1 best="" rss="" t
  shift
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %M' -o build/bench/time.txt "$@" >/dev/null
    read -r t kb <build/bench/time.txt
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t rss=$kb; fi
  done
  echo "$best $rss"
}

echo "== Segmentation: polyalign segment vs a bare ICU sentence-iterator loop (target ratio >= 0.5)"
cc -O2 -o build/bench/icu_sentence_loop bench/icu_sentence_loop.c $(pkg-config --cflags --libs icu-uc icu-i18n)
text=build/bench/mixed.txt
[[ -s $text ]] || python3 bench/gen_mixed_text.py "$text" 50
mb=$(awk -v b="$(stat -c %s "$text")" 'BEGIN{printf "%.1f", b/1048576}')
echo "input: $text, $mb MB of mixed en/ru/zh text"
printf '%-5s %12s %12s %8s %10s\n' lang 'ICU MB/s' 'ours MB/s' ratio 'ours RSS'
for lang in en ru zh; do
  read -r base _ < <(best_of 3 build/bench/icu_sentence_loop "$lang" "$text")
  read -r ours rss < <(best_of 3 ./polyalign segment --lang "$lang" "$text")
  awk -v mb="$mb" -v b="$base" -v o="$ours" -v r="$rss" -v l="$lang" \
    'BEGIN{printf "%-5s %12.1f %12.1f %8.2f %8d MB\n", l, mb/b, mb/o, b/o, r/1024}'
done
