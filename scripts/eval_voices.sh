#!/usr/bin/env bash
# eval_voices.sh — forced alignment on recordings of our own making, in voices and at rates
# the shared dev sets do not have (flite's kal, awb, rms, slt; espeak-ng variants), with
# run-on sentences, a pause inside a sentence and a -45 dB noise floor
# (tests/audio/make_recording.py). Needs no ../shared. Columns: start median / p90 and the
# share within Netflix sync tolerance, for each recording.
set -euo pipefail
cd "$(dirname "$0")/.."
A=tests/audio
D=build/eval/voices
mkdir -p "$D"
voices=(
  "en flite kal 1.0" "en flite kal 0.8" "en flite awb 0.85" "en flite awb 1.15" "en flite rms 1.0"
  "en flite rms 1.2" "en flite slt 1.1" "en espeak-ng en-gb-x-rp 190" "en espeak-ng en-us+m3 140"
  "ru espeak-ng ru+f3 140" "ru espeak-ng ru+m2 200" "zh espeak-ng cmn-latn-pinyin+f2 210"
  "zh espeak-ng cmn-latn-pinyin+m3 150"
)
for spec in "${voices[@]}"; do
  set -- $spec
  name="$1_$3_$4"
  if [[ ! -s $D/$name.wav || ! -s $D/$name.txt ]]; then
    python3 $A/make_recording.py "$D/$name.wav" "$2" "$3" "$4" "$A/sentences.$1.txt" 0.6,0.02,1.2,0.3,0.02 \
      --inner-pause 0.8 --noise -45 --transcript "$D/$name.txt" >"$D/$name.tsv"
  fi
  if ! ./polyalign sync --lang "$1" --audio "$D/$name.wav" "$D/$name.txt" --format tsv -o "$D/$name.out.tsv" 2>/dev/null; then
    printf '%-34s polyalign failed (run it by hand to see why)\n' "$name"
    continue
  fi
  printf '%-34s %s\n' "$name" "$(python3 $A/score_sync.py "$D/$name.tsv" "$D/$name.out.tsv" 0.08 0.35 0.7 || true)"
done
