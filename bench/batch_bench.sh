#!/usr/bin/env bash
# batch_bench.sh — `make bench`'s batch section: `polyalign batch` over 520 en/zh/ru
# document sets made at bench time from ../shared/eval/align/un3/dev (stretches of the UN
# documents cut at gold bead boundaries, scripts/make_batch_sets.py): document sets per
# second with -j 1 and -j 2, best of 3 each, and the speed-up (target >= 1.8 on 2
# cores); beside it, the speed-up two CPU-bound loops get on the machine at that moment
# (on a shared machine the second core is often busy with others' work, which caps the
# speed-up whatever the program does); that both runs wrote the same all.tmx; and, for
# scale, a shell loop of `polyalign align` over the first 50 sets in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
export SOURCE_DATE_EPOCH=1479254400 # one creationdate in both runs' TMX headers
n=520
echo "== Batch: polyalign batch over $n document sets, -j 1 against -j 2 (target speed-up >= 1.8 on 2 cores)"
if [[ ! -d $SHARED/eval/align/un3/dev ]]; then
  echo "(no $SHARED/eval/align/un3/dev: batch benchmark skipped)"
  exit 0
fi
dir=build/bench/batch
rm -rf "$dir"
python3 scripts/make_batch_sets.py un3 "$dir" "$n" >/dev/null
sentences=$(cat "$dir"/sets/*.en | wc -l)
echo "input: $n sets, $sentences English sentences (with their Chinese and Russian), $(du -sh "$dir/sets" | cut -f1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
cc -O1 -o build/bench/cpu_spin bench/cpu_spin.c
# seconds of the best of 3 runs of a command (its output dropped)
best_of_3() {
  local best="" t
  for _ in 1 2 3; do
    /usr/bin/time -f '%e' -o build/bench/time.txt "$@" >/dev/null 2>&1
    t=$(cat build/bench/time.txt)
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$best"
}
one=$(best_of_3 build/bench/cpu_spin)
two=$(best_of_3 sh -c 'build/bench/cpu_spin & build/bench/cpu_spin & wait')
awk -v a="$one" -v b="$two" 'BEGIN{printf "the machine now: two CPU-bound loops at once take %.2f s, one %.2f s: a -j 2 ceiling of %.2f\n", b, a, 2*a/b}'
printf '%-6s %10s %10s %9s\n' jobs 'best of 3 s' 'sets/s' 'CPU used'
# -j 1 and -j 2 in turn, so that a change in what else the machine runs touches both
declare -A secs cpu
for _ in 1 2 3; do
  for j in 1 2; do
    /usr/bin/time -f '%e %P' -o build/bench/time.txt \
      ./polyalign batch -q -j "$j" --presegmented "$dir/manifest.tsv" -o "$dir/out-j$j" >/dev/null 2>&1
    read -r t p <build/bench/time.txt
    if [[ -z ${secs[$j]:-} ]] || awk -v a="$t" -v b="${secs[$j]}" 'BEGIN{exit !(a<b)}'; then secs[$j]=$t cpu[$j]=$p; fi
  done
done
for j in 1 2; do
  awk -v j="$j" -v e="${secs[$j]}" -v n="$n" -v p="${cpu[$j]}" 'BEGIN{printf "%-6s %10.2f %10.1f %9s\n", j, e, n/e, p}'
done
awk -v a="${secs[1]}" -v b="${secs[2]}" 'BEGIN{printf "speed-up -j 2 / -j 1: %.2f\n", a/b}'
cmp -s "$dir/out-j1/all.tmx" "$dir/out-j2/all.tmx" && echo "all.tmx of -j 1 and -j 2: identical" ||
  echo "all.tmx of -j 1 and -j 2: DIFFER"
start=$(date +%s.%N)
tail -n +2 "$dir/manifest.tsv" | head -50 | while IFS=$'\t' read -r id en zh ru; do
  ./polyalign align -q --presegmented --langs en,zh,ru "$dir/$en" "$dir/$zh" "$dir/$ru" -o "$dir/loop.tmx"
done
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "a shell loop of polyalign align over 50 sets: %.2f s (%.1f sets/s)\n", e-s, 50/(e-s)}'
