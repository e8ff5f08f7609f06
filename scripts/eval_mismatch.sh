#!/usr/bin/env bash
# eval_mismatch.sh — documents that are not translations of each other (`make eval`):
# every dev pair of ../shared/eval/align must be aligned, and the same documents paired at
# random (each pivot with two other documents of its set, seeded) refused with exit 65.
# Targets: no true pair refused, at least 99 % of the shuffled pairs refused.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
A=$SHARED/eval/align
if [[ ! -d $A ]]; then
  echo "eval: $A not found; skipping the mismatched-document evaluation"
  exit 0
fi
true_ok=0 true_refused=0 shuf_refused=0 shuf_ok=0
refused_true=() accepted=()
for set in en-zh en-ru un3; do
  gold=$A/$set/dev/gold
  mapfile -t docs < <(ls "$gold" | sed -E 's/\.align$//' | sort)
  for k in "${!docs[@]}"; do
    name=${docs[$k]} doc=${name%.*} pair=${name##*.}
    src=${pair%-*} tgt=${pair#*-}
    # the same pair with two other documents of the set in that pair (the next two, cyclically)
    mapfile -t same < <(printf '%s\n' "${docs[@]}" | grep "\.$pair\$")
    for ((t = 0; t < ${#same[@]}; t++)); do [[ ${same[$t]} == "$name" ]] && break; done
    status=0
    ./polyalign align -q --presegmented --langs "$src,$tgt" "$A/$set/dev/docs/$doc.$src" "$A/$set/dev/docs/$doc.$tgt" \
      >/dev/null 2>&1 || status=$?
    if [[ $status -eq 0 ]]; then true_ok=$((true_ok + 1)); else true_refused=$((true_refused + 1)); refused_true+=("$set/$name"); fi
    for step in 1 2; do
      other=${same[$(((t + step) % ${#same[@]}))]}
      other=${other%.*}
      [[ $other == "$doc" ]] && continue
      status=0
      ./polyalign align -q --presegmented --langs "$src,$tgt" "$A/$set/dev/docs/$doc.$src" "$A/$set/dev/docs/$other.$tgt" \
        >/dev/null 2>&1 || status=$?
      if [[ $status -eq 65 ]]; then shuf_refused=$((shuf_refused + 1)); else shuf_ok=$((shuf_ok + 1)); accepted+=("$set/$doc.$src+$other.$tgt"); fi
    done
  done
done
shuf=$((shuf_refused + shuf_ok))
awk -v to="$true_ok" -v tr="$true_refused" -v sr="$shuf_refused" -v s="$shuf" 'BEGIN{
  printf "true pairs aligned %d of %d (target: all)%s\n", to, to + tr, tr ? "  LOSS" : "  ok"
  printf "shuffled pairs refused %d of %d = %.1f%% (target >= 99%%)%s\n", sr, s, 100 * sr / s, (sr >= 0.99 * s) ? "  ok" : "  LOSS" }'
[[ ${#refused_true[@]} -eq 0 ]] || echo "refused true pairs: ${refused_true[*]}"
[[ ${#accepted[@]} -eq 0 ]] || echo "shuffled pairs aligned: ${accepted[*]}"
