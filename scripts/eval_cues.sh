#!/usr/bin/env bash
# eval_cues.sh — cue starts inside sentences, apart from sentence starts (issue 20).
#
# The shared references time sentences, not the cues inside them. Here each recording of
# our own (the voices of eval_voices.sh) is spoken twice: once plainly, to learn the cues
# polyalign cuts its transcript into (`sync --cues`), then again cue by cue, the pieces
# run-on or 0.1 s apart, so that where every cue's words begin is known
# (tests/audio/make_recording.py, " | " pieces). `sync --cues` on the second recording is
# scored by tests/audio/score_cues.py: the share of cue starts within Netflix's sync
# tolerance (3 frames at 25 fps), at sentence starts and inside sentences.
set -euo pipefail
cd "$(dirname "$0")/.."
A=tests/audio
D=build/eval/cues
mkdir -p "$D"
mapfile -t voices < <(grep -v '^#' tests/audio/voices.txt | grep ' cues$' | sed 's/ cues$//') # the voices marked for cues
for spec in "${voices[@]}"; do
  set -- $spec
  name="$1_$3_$4"
  if [[ ! -s $D/$name.pieces.txt ]]; then
    python3 $A/make_recording.py "$D/$name.plain.wav" "$2" "$3" "$4" "$A/long.$1.txt" 0.6,0.3,1.0 \
      --transcript "$D/$name.txt" >/dev/null
    ./polyalign sync --cues --lang "$1" --audio "$D/$name.plain.wav" "$D/$name.txt" --format tsv \
      -o "$D/$name.plain.tsv" 2>/dev/null
    python3 - "$D/$name.plain.tsv" "$1" >"$D/$name.pieces.txt" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
by = {}
for r in rows:
    if r[5] in ("ok", "low"):
        by.setdefault(int(r[1]), []).append(r[6])
for k in sorted(by):
    print(" | ".join(by[k]))
PY
    python3 $A/make_recording.py "$D/$name.wav" "$2" "$3" "$4" "$D/$name.pieces.txt" 0.6,0.3,1.0 \
      --piece-gaps 0,0.1 >"$D/$name.truth.tsv"
  fi
  if ! ./polyalign sync --cues --lang "$1" --audio "$D/$name.wav" "$D/$name.txt" --format tsv \
    -o "$D/$name.out.tsv" 2>/dev/null; then
    printf '%-28s polyalign failed (run it by hand to see why)\n' "$name"
    continue
  fi
  printf '%-28s %s\n' "$name" "$(python3 $A/score_cues.py "$D/$name.truth.tsv" "$D/$name.out.tsv" || true)"
done
