#!/usr/bin/env bash
# eval_voices.sh — forced alignment on recordings of our own making, in voices and at rates
# the shared dev sets do not have (flite's kal, awb, rms, slt; espeak-ng variants), with
# run-on sentences, a pause inside a sentence and a -45 dB noise floor
# (tests/audio/make_recording.py). Needs no ../shared. Columns: start median / p90 and the
# share within Netflix sync tolerance, for each recording; where the shared SRT checker is
# at hand, also the median start / end error of `subtitle --duration` (no audio) on the same
# recording, a check of the duration model on voices and pauses it was not set on, beside
# the proportional baseline's and marked ok or LOSS against it as `make eval` does.
set -euo pipefail
cd "$(dirname "$0")/.."
A=tests/audio
D=build/eval/voices
mkdir -p "$D"
mapfile -t voices < <(grep -v '^#' tests/audio/voices.txt | sed 's/ cues$//') # tests/audio/voices.txt
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
  by_duration=
  if [[ -f ${SHARED:-../shared}/eval/subtitles/check_srt.py ]]; then
    python3 - "$D/$name" "$1" <<'PY'
import json, sys, wave
base, lang = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(base + ".tsv", encoding="utf-8") if l.strip()]
with wave.open(base + ".wav") as w:
    duration = w.getnframes() / w.getframerate()
json.dump({"lang": lang, "duration": duration, "transcript": base + ".txt",
           "sentences": [{"index": k + 1, "text": r[2], "start": float(r[0]), "end": float(r[1])} for k, r in enumerate(rows)]},
          open(base + ".ref.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
    duration=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["duration"])' "$D/$name.ref.json")
    ./polyalign subtitle --lang "$1" --duration "$duration" "$D/$name.txt" -o "$D/$name.duration.srt" 2>/dev/null &&
      by_duration=$(python3 "${SHARED:-../shared}/eval/subtitles/check_srt.py" "$D/$name.duration.srt" --lang "$1" \
        --ref "$D/$name.ref.json" --transcript "$D/$name.txt" --fps 25 | awk '/start_abs_err|end_abs_err/{printf "%s ", $3}')
    # the proportional baseline on the same recording, and the verdict as `make eval` gives it
    base=$(python3 "${SHARED:-../shared}/eval/subtitles/baseline_proportional.py" "$D/$name.ref.json" >"$D/$name.base.srt" &&
      python3 "${SHARED:-../shared}/eval/subtitles/check_srt.py" "$D/$name.base.srt" --lang "$1" \
        --ref "$D/$name.ref.json" --transcript "$D/$name.txt" --fps 25 | awk '/start_abs_err|end_abs_err/{printf "%s ", $3}' || true)
    base=${base:-failed }
    verdict=$(awk -v o="$by_duration" -v b="$base" 'BEGIN {if (split(o, x, " ") < 2 || split(b, y, " ") < 2) exit;
      printf "%s/%s", x[1] <= y[1] ? "ok" : "LOSS", x[2] <= y[2] ? "ok" : "LOSS"}')
    by_duration="   --duration: ${by_duration:-failed }(baseline ${base% }) $verdict"
  fi
  printf '%-34s %s%s\n' "$name" "$(python3 $A/score_sync.py "$D/$name.tsv" "$D/$name.out.tsv" 0.08 0.35 0.7 || true)" "$by_duration"
done
