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

echo "== Sentence segmentation (issue 15): golden-dev cases fully correct (targets: en >= 94%, ru >= 97%, zh >= 97%)"
python3 "$SHARED/eval/segment/score.py" --jobs 2 "$SHARED/eval/segment/golden-dev.jsonl" -- \
  ./polyalign segment --lang '{lang}'
echo
echo "== Sentence segmentation on running text (targets, ud-dev boundary F1: en >= 0.93, ru >= 0.99,"
echo "   zh >= 0.998), beside plain ICU (the bench's own loop) and sentencex; ud-more-dev: other genres"
python3 scripts/eval_segment.py "$SHARED/eval/segment" ./polyalign build/bench/icu_sentence_loop
echo
echo "== The learned boundary model (src/segment/boundary_model.txt) against ICU and the rules alone,"
echo "   on the fifth of the dev sets it was not trained on (held-out) and on all of them"
build/tools/segment_train --report "$SHARED/eval/segment"

echo
echo "== Sentence alignment, strict and lax F1 (../shared/eval/align), beside Gale-Church"
echo "   targets (issue 14): en-zh >= 0.92, en-ru >= 0.85 (lax >= 0.995), un3 en-zh and en-ru >= 0.985"
bash scripts/eval_align.sh

echo
echo "== The bead-confidence model (src/align/confidence_model.txt) on documents it did not learn"
echo "   from: five folds by document, each scored by the model fitted on the other four (targets:"
echo "   AUC >= 0.92 on en-zh and un3; en-zh TMX precision >= 0.97 at recall >= 0.90)"
build/tools/confidence_train --report "$SHARED/eval/align" 2>&1

echo
echo "== Documents that are not translations of each other: true dev pairs against the same"
echo "   documents paired with others of their set (align refuses a mismatch with exit 65)"
bash scripts/eval_mismatch.sh

echo
echo "== Translations with gaps and additions: runs of 1, 3 and 8 sentences deleted from or"
echo "   inserted into the translation of every dev document (seeded); a pivot sentence"
echo "   whose counterpart is gone, or an inserted one, must be unaligned or doubtful"
python3 scripts/eval_omission.py ./polyalign "$SHARED/eval/align" \
  "$(sed -n 's/^#define ALIGN_DEFAULT_MIN_SCORE \([0-9.]*\).*/\1/p' src/align/align.h)"

# --- ablation of the bead cost (issue 7) ---
echo
echo "== Ablation: strict F1 with each scorer of the bead cost left out in turn (--no-score)"
printf '%-12s %8s %8s %8s %8s\n' 'left out' en-zh en-ru 'un3 ru' 'un3 zh'
for scorer in none lexicon length prior anchors paragraphs; do
  opts=()
  # --force: without a scorer the mismatch check (which reads the confidences) may refuse
  # a true pair; the ablation measures the beads, not the refusal
  [[ $scorer != none ]] && opts=(--no-score "$scorer" --force)
  EVAL_BASELINE=0 bash scripts/eval_align.sh "${opts[@]}" |
    awk -v s="$scorer" '$3 == "polyalign" {f[++k] = $6} END {printf "%-12s %8s %8s %8s %8s\n", s, f[1], f[2], f[3], f[4]}'
done

echo
echo "== Subtitle timing with --duration (no audio) against the proportional baseline, median errors"
echo "   of starts, ends, and both pooled (the shared README's headline figure)"
echo "   (dev-hard too: run-on sentences, pauses at commas, 2-4 s of non-speech at each end)"
S=$SHARED/eval/subtitles
printf '%-22s %-22s %-22s %s\n' recording 'polyalign start/end/all' 'baseline start/end/all' 'start/end'
for set in dev dev-hard; do
  for ref in "$S"/$set/ref/*.ref.json; do
    read -r lang duration < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["lang"], d["duration"])' "$ref")
    ./polyalign subtitle --lang "$lang" --duration "$duration" "$S/$set/text/$lang.txt" -o build/eval/sub.srt 2>/dev/null
    python3 "$S/baseline_proportional.py" "$ref" >build/eval/base.srt
    ours=$(python3 "$S/check_srt.py" build/eval/sub.srt --lang "$lang" --ref "$ref" --fps 25 | awk '/_abs_err/{printf "%s ", $3}')
    base=$(python3 "$S/check_srt.py" build/eval/base.srt --lang "$lang" --ref "$ref" --fps 25 | awk '/_abs_err/{printf "%s ", $3}')
    # the verdict on the two numbers the subtitle issue holds us to: as good as the baseline or not
    verdict=$(awk -v o="$ours" -v b="$base" 'BEGIN {split(o, x, " "); split(b, y, " ");
      printf "%s/%s", x[1] <= y[1] ? "ok" : "LOSS", x[2] <= y[2] ? "ok" : "LOSS"}')
    printf '%-22s %-22s %-22s %s\n' "$set/$(basename "$ref" .ref.json)" "$ours" "$base" "$verdict"
  done
done

echo
echo "== Subtitle timing from the recording (--audio), forced alignment on dev and dev-hard"
echo "   targets: dev start median <= 0.05 s, p90 <= 0.25 s, >= 85% within Netflix sync;"
echo "   dev-hard <= 0.08 s, <= 0.35 s, >= 70%"
bash scripts/eval_sync.sh

echo
echo "== The same on recordings of our own making (voices and rates unlike the dev sets')"
bash scripts/eval_voices.sh
