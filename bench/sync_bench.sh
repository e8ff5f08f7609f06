#!/usr/bin/env bash
# sync_bench.sh — forced alignment speed: real-time factor and peak memory of
# `polyalign sync` on long recordings built at bench time by concatenating the shared
# English dev recordings (12.5 min, about an hour, about two hours), beside two baselines timed in the
# same run on the same input: FFmpeg decoding the recording, espeak-ng speaking the
# transcript. Targets: real-time factor <= 0.02, memory for an hour <= 200 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
S=$SHARED/eval/subtitles
if [[ ! -d $S/dev ]]; then
  echo "(no $S: forced-alignment benchmark skipped)"
  exit 0
fi
mkdir -p build/bench
parts=("$S"/dev/audio/en_espeak.wav "$S"/dev/audio/en_flite.wav "$S"/dev-hard/audio/en_espeak.wav
  "$S"/dev-hard/audio/en_flite.wav)
build() { # copies → build/bench/long$copies.{wav,txt}
  local copies=$1 list=build/bench/concat.txt
  : >"$list"
  : >"build/bench/long$copies.txt"
  for ((k = 0; k < copies; k++)); do
    for p in "${parts[@]}"; do
      echo "file '$(realpath "$p")'" >>"$list"
      cat "$S/dev/text/en.txt" >>"build/bench/long$copies.txt"
    done
  done
  [[ -s build/bench/long$copies.wav ]] ||
    ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$list" -c copy "build/bench/long$copies.wav"
}
measure() { # → "seconds peak_kb"; a run that fails is no time: the bench stops with it
  if ! /usr/bin/time -f "%e %M" -o build/bench/time.txt "$@" >/dev/null 2>build/bench/measure.err; then
    echo "bench: FAILED: $*" >&2
    cat build/bench/measure.err >&2
    kill -TERM $$
  fi
  tail -1 build/bench/time.txt
}
for copies in 2 10 20; do
  build $copies
  wav=build/bench/long$copies.wav txt=build/bench/long$copies.txt
  secs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$wav")
  read -r dec _ < <(measure ffmpeg -nostdin -v error -i "$wav" -ar 16000 -f null -)
  read -r syn _ < <(measure espeak-ng -v en-us -f "$txt" -w /dev/null)
  read -r ours kb < <(measure ./polyalign sync --lang en --audio "$wav" "$txt" --format tsv)
  awk -v s="$secs" -v d="$dec" -v y="$syn" -v o="$ours" -v kb="$kb" 'BEGIN{
    printf "%.1f min of audio: polyalign sync %.2f s (real-time factor %.4f, peak RSS %d MB); ", s/60, o, o/s, kb/1024
    printf "baselines: ffmpeg decode %.2f s, espeak-ng synthesis %.2f s (sync = %.1fx their sum)\n", d, y, o/(d+y)}'
done

# A transcript that covers 5 minutes of a 31-minute recording (issue 20: the path with
# skips, a full matrix at the top level): the recording is spoken at bench time by
# espeak-ng from the English documents of ../shared/eval/align/un3/dev, the transcript is
# 36 of its 190 paragraphs.
U=$SHARED/eval/align/un3/dev/docs
if [[ -d $U ]]; then
  if [[ ! -s build/bench/partial.wav ]]; then
    awk 'length($0) > 40 && length($0) < 300 && n++ < 190' "$U"/*.en >build/bench/partial.all.txt
    espeak-ng -v en-us -s 165 -f build/bench/partial.all.txt -w build/bench/partial.22k.wav
    ffmpeg -nostdin -v error -y -i build/bench/partial.22k.wav -ac 1 -ar 16000 build/bench/partial.wav
    sed -n 100,135p build/bench/partial.all.txt >build/bench/partial.txt
  fi
  wav=build/bench/partial.wav txt=build/bench/partial.txt
  secs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$wav")
  read -r dec _ < <(measure ffmpeg -nostdin -v error -i "$wav" -ar 16000 -f null -)
  read -r syn _ < <(measure espeak-ng -v en-us -f "$txt" -w /dev/null)
  read -r ours kb < <(measure ./polyalign sync --lang en --audio "$wav" "$txt" --format tsv)
  awk -v s="$secs" -v d="$dec" -v y="$syn" -v o="$ours" -v kb="$kb" 'BEGIN{
    printf "%.1f min of audio, a transcript of 5 min: polyalign sync %.2f s (real-time factor %.4f, target <= 0.02; ", s/60, o, o/s
    printf "peak RSS %d MB); baselines: ffmpeg decode %.2f s, espeak-ng synthesis %.2f s (sync = %.1fx their sum)\n", kb/1024, d, y, o/(d+y)}'
else
  echo "(no $U: the partial-transcript timing skipped)"
fi
