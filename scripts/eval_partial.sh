#!/usr/bin/env bash
# eval_partial.sh — forced alignment of a transcript that covers only parts of a recording
# (issue 20): runs of sentences of a text spoken in full, the transcript surrounded by other
# speech, music and applause between its parts, sentences the recording does not have.
# Builds the set with tests/audio/make_partial.py under build/eval/partial (cached: what
# exists is not built again), runs `polyalign sync --format tsv` and `subtitle --audio` on
# every case and scores them with tests/audio/score_partial.py against the issue's targets.
# Uses ../shared/eval/subtitles (or $SHARED) in place when present, our own voices always.
# Exits 0 whatever the figures; 1 when polyalign crashes (a signal, or exit 70 and over:
# internal error, out of memory) — a refusal (exit 1-69) is scored as a failed case.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
D=build/eval/partial
if [[ ! -x ./polyalign ]]; then
  echo "eval_partial: ./polyalign not built (run make)" >&2
  exit 1
fi
if [[ ! -d $SHARED/eval/subtitles ]]; then
  echo "eval_partial: $SHARED/eval/subtitles not found; our own voices only"
fi
SHARED=$SHARED python3 tests/audio/make_partial.py "$D" --shared "$SHARED" || {
  echo "eval_partial: could not build the set" >&2
  exit 1
}
mkdir -p "$D/out"
crashed=0
# run PART NAME ARGS...: polyalign ARGS, its exit status in out/NAME.PART.rc, stderr in .err
run() {
  local part=$1 name=$2
  shift 2
  ./polyalign "$@" 2>"$D/out/$name.$part.err"
  local rc=$?
  echo "$rc" >"$D/out/$name.$part.rc"
  if ((rc >= 70)); then
    echo "eval_partial: $name: polyalign $1 crashed (exit $rc):" >&2
    tail -n 3 "$D/out/$name.$part.err" >&2
    crashed=1
  fi
}
while IFS=$'\t' read -r name kind lang wav txt truth skipped source; do
  rm -f "$D/out/$name".*
  run sync "$name" sync --lang "$lang" --audio "$wav" "$txt" --format tsv -o "$D/out/$name.tsv"
  run sub "$name" subtitle --lang "$lang" --audio "$wav" "$txt" -o "$D/out/$name.srt"
done <"$D/cases.tsv"
python3 tests/audio/score_partial.py "$D" || crashed=1
python3 - "$D/cases.tsv" <<'PY'
import sys, wave
cases = [l.split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
seconds = sum(wave.open(c[3]).getnframes() / 16000 for c in cases)
sentences = sum(1 for c in cases for l in open(c[5], encoding="utf-8") if l.strip())
print("set: %d recordings, %d transcript sentences, %.1f minutes of audio (build/eval/partial)"
      % (len(cases), sentences, seconds / 60))
PY
exit $crashed
