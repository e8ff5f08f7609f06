#!/usr/bin/env bash
# eval.sh — accuracy figures against the shared evaluation sets (`make eval`).
#
# Reads ../shared/eval (or $SHARED/eval) in place; prints a clear skip message when it is
# absent, because the data is not ours to ship.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [[ ! -d $SHARED/eval ]]; then
  echo "eval: $SHARED/eval not found; skipping (the evaluation sets live beside the checkout)"
  exit 0
fi

echo "== Sentence segmentation: cases fully correct (targets: en >= 92%, ru >= 92%, zh >= 90%)"
python3 "$SHARED/eval/segment/score.py" --jobs 2 "$SHARED/eval/segment/golden-dev.jsonl" -- \
  ./polyalign segment --lang '{lang}'

echo
echo "== Sentence alignment, strict and lax F1 (../shared/eval/align), beside Gale-Church"
echo "   targets: en-zh >= 0.55, en-ru >= 0.78 (lax >= 0.96), un3 en-zh and en-ru >= 0.92"
bash scripts/eval_align.sh
