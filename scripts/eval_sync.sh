#!/usr/bin/env bash
# eval_sync.sh — forced-alignment accuracy on the shared subtitle recordings.
#
# For every recording of ../shared/eval/subtitles/{dev,dev-hard}: the raw sync map
# (`polyalign sync --format srt`, one cue per sentence) and the finished subtitles
# (`polyalign subtitle --audio`), scored by check_srt.py against the true sentence times.
# Columns: start median / p90, end median / p90 (seconds), share of sentences within
# Netflix sync tolerance (start ±3 frames, end -3..+12 frames at 25 fps).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
S=$SHARED/eval/subtitles
if [[ ! -d $S ]]; then
  echo "eval_sync: $S not found; skipping (the recordings live beside the checkout)"
  exit 0
fi
mkdir -p build/eval
score() { # srt lang ref
  python3 "$S/check_srt.py" "$1" --lang "$2" --ref "$3" --fps 25 --json | python3 -c '
import json, sys
t = json.load(sys.stdin)["timing"]
print("%5.2f %5.2f  %5.2f %5.2f  %4.0f%%" % (t["start_abs_err"]["median"], t["start_abs_err"]["p90"],
      t["end_abs_err"]["median"], t["end_abs_err"]["p90"], 100 * t["netflix_sync_ok_share"]))'
}
printf "%-20s %-32s %-32s\n" recording "sync map: start  end  netflix" "subtitles: start  end  netflix"
for set in dev dev-hard; do
  for ref in "$S/$set"/ref/*.ref.json; do
    name=$(basename "$ref" .ref.json)
    lang=${name%%_*}
    audio=$S/$set/audio/$name.wav
    text=$S/$set/text/$lang.txt
    if ! ./polyalign sync --lang "$lang" --audio "$audio" "$text" --format srt -o build/eval/sync.srt 2>/dev/null ||
       ! ./polyalign subtitle --lang "$lang" --audio "$audio" "$text" -o build/eval/sub.srt 2>/dev/null; then
      printf '%-20s polyalign failed (run it by hand to see why)\n' "$set/$name"
      continue
    fi
    printf '%-20s %-32s %-32s\n' "$set/$name" "$(score build/eval/sync.srt "$lang" "$ref")" \
      "$(score build/eval/sub.srt "$lang" "$ref")"
  done
done
