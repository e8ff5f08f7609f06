#!/usr/bin/env bash
# test_segment_stream.sh — `polyalign segment` reading a text in blocks (issue 15, section 4):
# the sentences, numbers and offsets are those of the whole-file run, from a file or from
# standard input, on one thread or two, with blocks so small that sentences, lines and
# characters cross their boundaries, with and without paragraph breaks; invalid UTF-8 far
# into a large file is still reported with its byte offset before anything is printed.
# POLYALIGN_SEGMENT_BLOCK sets the block size (bytes), or "whole" for the whole-file reader
# every other run is compared with. Peak memory is measured by `make bench`, not here.
source "$(dirname "$0")/lib.sh"

gen=$ROOT/tests/e2e/gen_stream_text.py
big=$SCRATCH/big.txt small=$SCRATCH/small.txt flat=$SCRATCH/flat.txt
python3 "$gen" "$big" 2100       # multi-megabyte: more than one default block, on one thread or two
python3 "$gen" "$small" 60       # for blocks of a few dozen bytes
python3 "$gen" "$flat" 100 --no-blank-lines

# same NAME FILE [ENV=VALUE] ARGS… : the output of a run equals the whole-file run's, stderr too
same() {
  local name=$1 file=$2 env=()
  shift 2
  [[ ${1:-} == *=* ]] && env=("$1") && shift
  POLYALIGN_SEGMENT_BLOCK=whole "$POLYALIGN" segment "$@" "$file" >"$SCRATCH/want" 2>"$SCRATCH/want.err"
  env "${env[@]}" "$POLYALIGN" segment "$@" "$file" >"$SCRATCH/got" 2>"$SCRATCH/got.err"
  local st=$?
  if [[ $st == 0 ]] && cmp -s "$SCRATCH/want" "$SCRATCH/got" && cmp -s "$SCRATCH/want.err" "$SCRATCH/got.err"; then
    ok "$name"
  else
    not_ok "$name" "exit $st" "$(diff "$SCRATCH/want" "$SCRATCH/got" | head -5)" "$(diff "$SCRATCH/want.err" "$SCRATCH/got.err" | head -5)"
  fi
}

# the same read from standard input (named <stdin> in both runs' messages)
same_stdin() {
  local name=$1 file=$2
  shift 2
  POLYALIGN_SEGMENT_BLOCK=whole "$POLYALIGN" segment "$@" <"$file" >"$SCRATCH/want" 2>"$SCRATCH/want.err"
  # through a pipe: no seeking back, the copy in a temporary file is read again
  cat "$file" | "$POLYALIGN" segment "$@" >"$SCRATCH/got" 2>"$SCRATCH/got.err"
  local st=$?
  if [[ $st == 0 ]] && cmp -s "$SCRATCH/want" "$SCRATCH/got" && cmp -s "$SCRATCH/want.err" "$SCRATCH/got.err"; then
    ok "$name"
  else
    not_ok "$name" "exit $st" "$(diff "$SCRATCH/want" "$SCRATCH/got" | head -5)"
  fi
}

# (each run of the sanitized build takes seconds a megabyte: few runs on the big text)
same "2 MB file, --jobs 1, text" "$big" --jobs 1 --lang en
same "2 MB file, --jobs 2, wrapped lines, jsonl offsets" "$big" --jobs 2 --lang ru --lines wrap --format jsonl
same_stdin "2 MB on stdin, --jobs 2, wrapped lines, jsonl offsets" "$big" --jobs 2 --lang en --lines wrap --format jsonl
same_stdin "2 MB on stdin, language and line structure guessed" "$big"
"$POLYALIGN" segment --jobs 1 --lang zh "$big" >"$SCRATCH/one" 2>/dev/null
"$POLYALIGN" segment --jobs 2 --lang zh "$big" >"$SCRATCH/two" 2>/dev/null
cmp -s "$SCRATCH/one" "$SCRATCH/two" && ok "2 MB: --jobs 1 and --jobs 2 print the same" ||
  not_ok "2 MB: --jobs 1 and --jobs 2 print the same"

# blocks of 64 and 1000 bytes: sentences, wrapped lines, CRLF pairs and UTF-8 characters
# cross every boundary; a paragraph longer than a block is carried over whole
for block in 64 1000; do
  for jobs in 1 2; do
    same "blocks of $block bytes, --jobs $jobs, wrapped lines, jsonl" "$small" POLYALIGN_SEGMENT_BLOCK=$block --jobs $jobs --lang en --lines wrap --format jsonl
  done
  same "blocks of $block bytes, line structure decided" "$small" POLYALIGN_SEGMENT_BLOCK=$block --lang ru
  same "blocks of $block bytes, no paragraph break in 100 KB" "$flat" POLYALIGN_SEGMENT_BLOCK=$block --lang en --lines wrap --format jsonl
done
# one sentence across the boundary of the first block, by construction
printf 'First sentence here. This second sentence crosses the first block boundary of sixty-four bytes, Mr. Smith said. Third.\n\nNext paragraph.\n' >"$SCRATCH/cross.txt"
same "a sentence across a block boundary" "$SCRATCH/cross.txt" POLYALIGN_SEGMENT_BLOCK=64 --lang en --format jsonl
same "a sentence across a block boundary, guessed language" "$SCRATCH/cross.txt" POLYALIGN_SEGMENT_BLOCK=64
run_ok segment --lang en "$SCRATCH/cross.txt"
printf -v want 'First sentence here.\nThis second sentence crosses the first block boundary of sixty-four bytes, Mr. Smith said.\nThird.\n\nNext paragraph.'
expect "… and it is one sentence" 0 "$want"
# a BOM counts in the offsets, as in the whole-file run
{ printf '\xef\xbb\xbf'; cat "$small"; } >"$SCRATCH/bom.txt"
same "a BOM, small blocks, jsonl offsets" "$SCRATCH/bom.txt" POLYALIGN_SEGMENT_BLOCK=64 --lang en --lines wrap --format jsonl

# invalid UTF-8 far into a big file: the byte offset, exit 65, nothing printed
{ cat "$big"; printf 'Broken \xff byte.\n'; cat "$small"; } >"$SCRATCH/bad.txt"
at=$(($(stat -c %s "$big") + 7))
for block in "" 64; do
  POLYALIGN_SEGMENT_BLOCK=$block "$POLYALIGN" segment --lang en "$SCRATCH/bad.txt" >"$SCRATCH/out" 2>"$SCRATCH/err"
  st=$?
  if [[ $st == 65 && ! -s $SCRATCH/out ]] && grep -q "bad.txt:[0-9]*:[0-9]*: invalid UTF-8 at byte $at" "$SCRATCH/err"; then
    ok "invalid UTF-8 at byte $at of a big file${block:+ (blocks of $block)}: named, exit 65, nothing printed"
  else
    not_ok "invalid UTF-8 at byte $at of a big file${block:+ (blocks of $block)}" "exit $st" "$(head -c 300 "$SCRATCH/err")"
  fi
done
cat "$SCRATCH/bad.txt" | "$POLYALIGN" segment --lang en >"$SCRATCH/out" 2>"$SCRATCH/err"
st=$?
if [[ $st == 65 && ! -s $SCRATCH/out ]] && grep -q "<stdin>:[0-9]*:[0-9]*: invalid UTF-8 at byte $at" "$SCRATCH/err"; then
  ok "invalid UTF-8 on stdin: <stdin>, the byte offset, exit 65"
else
  not_ok "invalid UTF-8 on stdin" "exit $st" "$(head -c 300 "$SCRATCH/err")"
fi

done_testing
