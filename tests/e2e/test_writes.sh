#!/usr/bin/env bash
# test_writes.sh — no silent data loss on output (issue 17): a write that fails is exit 74
# with one line "polyalign: FILE: write error: REASON", for every command, to -o FILE and to
# standard output; an output that is not a regular file (a device, a FIFO, /dev/stdout) is
# written as it is, never replaced by a temporary file renamed over it.
#
# The full device is a node made in the scratch folder (as root), not /dev/full itself: as
# root, a regression that renames a temporary file over its output would replace the
# machine's /dev/full with a regular file.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen
tmx=$ROOT/tmx/wuzhen.tmx
srt=$ROOT/subtitles/address.zh.srt

full=$SCRATCH/dev/full
mkdir -p "$SCRATCH/dev"
if [[ $(id -u) -ne 0 ]]; then
  full=/dev/full # no one but root can create files in /dev: a regression cannot harm it
elif ! mknod "$full" c 1 7 2>/dev/null; then
  skip "write errors on a full device" "cannot make a device node here"
  done_testing
  exit
fi

# one_write_error NAME WHAT : exactly one error on stderr (warnings aside), the write error of WHAT
one_write_error() {
  local name=$1 what=$2 lines
  err=$(grep -v '^polyalign: warning: ' "$SCRATCH/err")
  lines=$(grep -c . <<<"$err")
  if [[ $status -eq 74 && $lines -eq 1 && $err == "polyalign: $what: write error: No space left on device" ]]; then
    ok "$name"
  else
    not_ok "$name" "status $status (want 74)" "stderr ($lines lines): $err"
  fi
}

# the device and its folder as they were: no temporary file left, the device not replaced
device_intact() {
  [[ -c $full ]] && [[ $full == /dev/full || -z $(ls -A "$SCRATCH/dev" | grep -vx full) ]]
}

# every command that writes a file, with its arguments before -o
commands=(
  "align|align -q --presegmented $corpus/article.en.txt $corpus/article.ru.txt"
  "align --format tmx|align -q --format tmx $corpus/article.en.txt $corpus/article.zh.txt"
  "segment|segment --lang en $corpus/article.en.txt"
  "tmx extract|tmx extract --langs en,zh $tmx"
  "tmx merge|tmx merge $tmx $tmx"
  "po2tmx|po2tmx $ROOT/po/ru.po"
  "tmx2po|tmx2po --lang zh $tmx"
  "subtitle|subtitle --lang zh --duration 600 $corpus/address.zh.txt"
  "srt fix|srt fix $srt --lang zh"
)
# each_case "NAME|ARGS": sets $name and the array $args
each_case() {
  name=${1%%|*}
  read -ra args <<<"${1#*|}"
}

# to_full ARGS… : run polyalign with its standard output on the full device
to_full() {
  "$POLYALIGN" "$@" >"$full" 2>"$SCRATCH/err"
  status=$?
}

for c in "${commands[@]}"; do
  each_case "$c"
  run "${args[@]}" -o "$full"
  one_write_error "$name -o FULL_DEVICE: exit 74, one line naming the file" "$full"
  check "$name -o FULL_DEVICE: the device is written, not replaced" device_intact
  to_full "${args[@]}" -o -
  one_write_error "$name -o - >FULL_DEVICE: exit 74, one line naming <stdout>" "<stdout>"
done

# the review page of align: its write error, and no memory without its page
run align -q --presegmented "$corpus/article.en.txt" "$corpus/article.ru.txt" -o "$SCRATCH/with-page.tmx" --review "$full"
one_write_error "align --review FULL_DEVICE: exit 74, one line naming the page" "$full"
[[ ! -e $SCRATCH/with-page.tmx ]] && ok "align --review FULL_DEVICE: no TMX without its page" ||
  not_ok "align --review FULL_DEVICE: no TMX without its page"
# a batch whose outputs cannot be written stops at once (exit 74, one line), whichever
# output it is: a set's TMX, its review page, or report.jsonl (each a link to the device)
printf 'id\ten\tru\none\t%s\t%s\ntwo\t%s\t%s\n' "$corpus/article.en.txt" "$corpus/article.ru.txt" \
  "$corpus/keynote.en.txt" "$corpus/keynote.ru.txt" >"$SCRATCH/sets.tsv"
for target in docs/two.tmx review/one.html report.jsonl; do
  rm -rf "$SCRATCH/batch"
  mkdir -p "$SCRATCH/batch/docs" "$SCRATCH/batch/review"
  ln -s "$full" "$SCRATCH/batch/$target"
  run batch -q --review -j 2 "$SCRATCH/sets.tsv" -o "$SCRATCH/batch"
  one_write_error "batch, $target on a full device: exit 74, one line naming it" "$SCRATCH/batch/$target"
  [[ ! -e $SCRATCH/batch/all.tmx ]] && ok "batch, $target on a full device: no all.tmx" ||
    not_ok "batch, $target on a full device: no all.tmx"
done
check "the device is written, not replaced" device_intact

# commands that only print: their standard output is checked at exit
printers=(
  "tmx stats|tmx stats $tmx"
  "tmx lookup|tmx lookup --tm $tmx --src en --tgt zh internet"
  "segment to stdout|segment --lang en $corpus/article.en.txt"
  "help|--help"
  "help COMMAND|help tmx merge"
  "COMMAND --help|align --help"
  "--version|--version"
)
for c in "${printers[@]}"; do
  each_case "$c"
  to_full "${args[@]}"
  one_write_error "$name >FULL_DEVICE: exit 74, one line" "<stdout>"
done

# a check that finds problems prints them: lost, they are a write error too
printf '1\n00:00:01,000 --> 00:00:00,500\nbackwards\n\n' >"$SCRATCH/bad.srt"
to_full srt check --lang en "$SCRATCH/bad.srt"
err=$(grep -v 'problem' "$SCRATCH/err")
[[ $status -eq 74 && $err == "polyalign: <stdout>: write error: No space left on device" ]] &&
  ok "srt check's problems to a full device: exit 74" || not_ok "srt check's problems to a full device: exit 74" "status $status" "$err"
to_full tmx validate "$ROOT/tests/e2e/lib.sh"
err=$(cat "$SCRATCH/err")
[[ $status -eq 74 || $status -eq 65 ]] && grep -q "<stdout>: write error" <<<"$err" &&
  ok "tmx validate's problems to a full device: a write error" || not_ok "tmx validate's problems to a full device: a write error" "status $status" "$err"

# nothing lost, nothing said: a command that printed nothing succeeds on a full device
to_full tmx validate -q "$tmx"
[[ $status -eq 0 && ! -s $SCRATCH/err ]] && ok "no output, no write error" || not_ok "no output, no write error" "$(cat "$SCRATCH/err")"

# /dev/stdout is the caller's descriptor: `>>` appends, as for any program
echo "kept line" >"$SCRATCH/appended.txt"
"$POLYALIGN" segment --lang en -o /dev/stdout "$corpus/article.en.txt" >>"$SCRATCH/appended.txt" 2>"$SCRATCH/err"
[[ $? -eq 0 && $(head -1 "$SCRATCH/appended.txt") == "kept line" && $(wc -l <"$SCRATCH/appended.txt") -gt 10 ]] &&
  ok "-o /dev/stdout appends under >>" || not_ok "-o /dev/stdout appends under >>" "$(head -3 "$SCRATCH/appended.txt")" "$(cat "$SCRATCH/err")"
"$POLYALIGN" segment --lang en -o /dev/stdout "$corpus/article.en.txt" 2>"$SCRATCH/err" | cat >"$SCRATCH/piped.txt"
[[ $(wc -l <"$SCRATCH/piped.txt") -gt 10 && ! -s $SCRATCH/err ]] && ok "-o /dev/stdout into a pipe" ||
  not_ok "-o /dev/stdout into a pipe" "$(cat "$SCRATCH/err")"

# a FIFO is written as it is: the reader gets the TMX, no temporary file appears beside it
mkdir "$SCRATCH/fifo"
mkfifo "$SCRATCH/fifo/out.tmx"
timeout 60 cat "$SCRATCH/fifo/out.tmx" >"$SCRATCH/from_fifo.tmx" & # no writer ever: no hang
reader=$!
run tmx merge "$tmx" -o "$SCRATCH/fifo/out.tmx"
[[ -p $SCRATCH/fifo/out.tmx ]] || kill "$reader" 2>/dev/null
wait "$reader"
[[ $status -eq 0 && -p $SCRATCH/fifo/out.tmx && $(ls -A "$SCRATCH/fifo") == out.tmx ]] &&
  grep -q '</tmx>' "$SCRATCH/from_fifo.tmx" && ok "-o FIFO: written through, left a FIFO" ||
  not_ok "-o FIFO: written through, left a FIFO" "status $status" "$err" "$(ls -lA "$SCRATCH/fifo")"

# an output that cannot be opened: one line, exit 74, nothing left
run tmx merge "$tmx" -o "$SCRATCH/no/such/dir/out.tmx"
expect_err "-o in a missing folder: exit 74" 74 "^polyalign: $SCRATCH/no/such/dir/out.tmx: cannot create output: No such file or directory$"

done_testing
