#!/usr/bin/env bash
# test_kill.sh — kill -9 during a large TMX or SRT write leaves the old file or none, never
# a truncated one (issue 17).
#
# Outputs are written to a hidden temporary file ".NAME.XXXXXX" beside NAME and renamed
# over it when complete (src/util/atomic_file.h). SIGKILL cannot be caught, so a run killed
# while writing leaves that hidden file behind: unavoidable, and the only thing allowed
# besides NAME (old or complete) in the folder.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1700000000 # the same TMX header date in every run

# kill_at NAME DIR FILE THRESHOLD -- COMMAND… : run COMMAND, and SIGKILL it when the
# temporary file of DIR/FILE holds THRESHOLD bytes or more ("start": before it exists, as
# soon as the command runs). Sets $killed_while_writing (1 when the temporary file was
# there, neither empty nor complete, at the kill).
kill_at() {
  local dir=$1 file=$2 threshold=$3 pid tmp size=0
  shift 4
  killed_while_writing=0
  "$POLYALIGN" "$@" >/dev/null 2>"$SCRATCH/kill.err" &
  pid=$!
  for ((i = 0; i < 6000; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    if [[ $threshold == start ]]; then
      sleep 0.2
      kill -9 "$pid" 2>/dev/null
      break
    fi
    tmp=$(compgen -G "$dir/.$file.??????" | head -1)
    if [[ -n $tmp ]]; then
      size=$(stat -c %s "$tmp" 2>/dev/null || echo 0)
      if ((size >= threshold)); then
        kill -9 "$pid" 2>/dev/null && ((size > 0)) && killed_while_writing=1
        break
      fi
    fi
    sleep 0.01
  done
  wait "$pid" 2>/dev/null
}

# the target is OLD (a file, or "none") or COMPLETE, and nothing but hidden temporary files
# of it is left beside it; those are removed for the next round
target_intact() {
  local dir=$1 file=$2 old=$3 complete=$4 extra
  if [[ $old == none && ! -e $dir/$file ]]; then
    :
  elif [[ $old != none ]] && cmp -s "$dir/$file" "$old"; then
    :
  elif cmp -s "$dir/$file" "$complete"; then
    :
  else
    echo "$dir/$file is neither the old file nor complete: $(stat -c %s "$dir/$file" 2>&1) bytes"
    return 1
  fi
  extra=$(ls -A "$dir" | grep -vx -- "$file" | grep -vE "^\.$file\.[A-Za-z0-9]{6}$")
  if [[ -n $extra ]]; then
    echo "left behind: $extra"
    return 1
  fi
  rm -f "$dir/.$file".??????
}

# --- a large TMX: tmx merge of a generated memory of 60,000 units (about 27 MB, so that
# the write lasts long enough for the polling below to catch it on a fast machine) ---
# (numbered, so that every unit is distinct and all of them are written, with or without
# ../shared: a memory of repeated units merges into a few hundred and is written at once)
python3 - "$SCRATCH/big.tmx" 60000 "$ROOT/corpus/wuzhen/article.en.txt" "$ROOT/corpus/wuzhen/article.zh.txt" <<'PY'
import sys
from xml.sax.saxutils import escape
out, n, en_path, zh_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
en = [l.strip() for l in open(en_path, encoding="utf-8") if l.strip()]
zh = [l.strip() for l in open(zh_path, encoding="utf-8") if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" '
            'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en-US" srclang="en" '
            'datatype="plaintext"/><body>\n')
    for k in range(n):
        f.write('<tu><tuv xml:lang="en"><seg>%d. %s</seg></tuv><tuv xml:lang="zh-CN"><seg>%d. %s</seg></tuv></tu>\n'
                % (k, escape(en[k % len(en)]), k, escape(zh[k % len(zh)])))
    f.write("</body></tmx>\n")
PY
"$POLYALIGN" tmx merge -q "$SCRATCH/big.tmx" -o "$SCRATCH/complete.tmx" 2>/dev/null
[[ $(tail -c 7 "$SCRATCH/complete.tmx") == "</tmx>" ]] && ok "tmx merge of a large memory, uninterrupted" ||
  not_ok "tmx merge of a large memory, uninterrupted"
size=$(stat -c %s "$SCRATCH/complete.tmx")
mkdir "$SCRATCH/tmx"
printf 'the old memory\n' >"$SCRATCH/old.tmx"
mid_write=0
for at in start 0 1048576 $((size / 2)) $((size - 65536)); do
  cp "$SCRATCH/old.tmx" "$SCRATCH/tmx/merged.tmx"
  kill_at "$SCRATCH/tmx" merged.tmx "$at" -- tmx merge -q "$SCRATCH/big.tmx" -o "$SCRATCH/tmx/merged.tmx"
  mid_write=$((mid_write + killed_while_writing))
  check "tmx merge killed at $at bytes: the old TMX or the complete one" \
    target_intact "$SCRATCH/tmx" merged.tmx "$SCRATCH/old.tmx" "$SCRATCH/complete.tmx"
done
# no old file: none, or the complete one
mkdir "$SCRATCH/new"
kill_at "$SCRATCH/new" new.tmx 1048576 -- tmx merge -q "$SCRATCH/big.tmx" -o "$SCRATCH/new/new.tmx"
mid_write=$((mid_write + killed_while_writing))
check "tmx merge to a new file killed at 1 MB: no file, or the complete one" \
  target_intact "$SCRATCH/new" new.tmx none "$SCRATCH/complete.tmx"
((mid_write >= 1)) && ok "the kills came while the TMX was being written ($mid_write of 5)" ||
  not_ok "the kills came while the TMX was being written" "only $mid_write kills found a partial temporary file"

# --- a large TMX from align: the same through the aligner's writer ---
python3 "$ROOT/bench/gen_parallel.py" "$SCRATCH/par" 3000 >/dev/null
aligning=(align -q --presegmented --format tmx "$SCRATCH/par.en" "$SCRATCH/par.zh")
"$POLYALIGN" "${aligning[@]}" -o "$SCRATCH/aligned.tmx" 2>/dev/null
mkdir "$SCRATCH/align"
for at in start 0 32768; do
  cp "$SCRATCH/old.tmx" "$SCRATCH/align/out.tmx"
  kill_at "$SCRATCH/align" out.tmx "$at" -- "${aligning[@]}" -o "$SCRATCH/align/out.tmx"
  check "align --format tmx killed at $at bytes: the old TMX or the complete one" \
    target_intact "$SCRATCH/align" out.tmx "$SCRATCH/old.tmx" "$SCRATCH/aligned.tmx"
done

# --- a large SRT: subtitle --duration of a long transcript (about 1 MB of cues) ---
sed 's/$/\n/' "$SCRATCH/par.en" >"$SCRATCH/talk.txt" # the English of the aligned pair, a paragraph a line
"$POLYALIGN" subtitle --lang en --duration 90000 "$SCRATCH/talk.txt" -o "$SCRATCH/complete.srt" 2>/dev/null
[[ -s $SCRATCH/complete.srt ]] && ok "subtitle of a long transcript, uninterrupted" || not_ok "subtitle of a long transcript, uninterrupted"
size=$(stat -c %s "$SCRATCH/complete.srt")
mkdir "$SCRATCH/srt"
printf '1\n00:00:01,000 --> 00:00:02,000\nthe old subtitles\n\n' >"$SCRATCH/old.srt"
for at in start 0 16384 $((size / 2)); do
  cp "$SCRATCH/old.srt" "$SCRATCH/srt/talk.srt"
  kill_at "$SCRATCH/srt" talk.srt "$at" -- subtitle --lang en --duration 90000 "$SCRATCH/talk.txt" -o "$SCRATCH/srt/talk.srt"
  check "subtitle killed at $at bytes: the old SRT or the complete one" \
    target_intact "$SCRATCH/srt" talk.srt "$SCRATCH/old.srt" "$SCRATCH/complete.srt"
done

done_testing
