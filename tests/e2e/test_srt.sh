#!/usr/bin/env bash
# test_srt.sh — `polyalign srt check` and `srt fix` on broken and good subtitle files.
source "$(dirname "$0")/lib.sh"
S=$SHARED/eval/subtitles

printf '\xef\xbb\xbf1\r\n00:00:01.000 --> 00:00:02,000\r\nDot instead of comma.\r\n\r\n3\r\n00:00:02,500 --> 00:00:02,400\r\nEnd before start, wrong number.\r\n4\r\n00:00:03,000 --> 00:00:04,000\r\n\r\n\r\n\r\n5\r\n0:00:05,000 --> 00:00:06,000\r\nShort hour field.\r\n' >"$SCRATCH/broken.srt"
run srt check --lang en "$SCRATCH/broken.srt"
[[ $status -eq 1 ]] && ok "srt check: exit 1 on a broken file" || not_ok "srt check: exit 1" "$status"
has() { grep -Eq -- "$1" <<<"$out" && ok "srt check: $2" || not_ok "srt check: $2" "$out"; }
has 'broken.srt:2: error: bad timing line .*WebVTT' "'.' before the milliseconds (line 2)"
has 'broken.srt:6: error: end time is not after the start time' "end before start (line 6)"
has 'broken.srt:8: error: cue starts without a blank line separator' "missing blank line (line 8)"
has 'broken.srt:14: error: bad timing line' "one-digit hour field (line 14)"
has 'broken.srt:0: warning: UTF-8 BOM' "BOM"
has 'broken.srt:5: warning: cue number 3, expected 2' "numbering"
has 'broken.srt:13: warning: 3 blank lines between cues' "extra blank lines"
if [[ -f $S/samples/zh_handmade.srt ]]; then
  run srt check --lang zh "$S/samples/zh_handmade.srt"
  expect "srt check: the shared hand-made Chinese SRT is clean" 0 ""
else
  skip "srt check: the shared hand-made Chinese SRT is clean" "no $S/samples/zh_handmade.srt"
fi

run srt fix "$SCRATCH/broken.srt" --lang en -o "$SCRATCH/fixed.srt"
[[ $status -eq 0 ]] && ok "srt fix runs" || not_ok "srt fix runs" "$err"
run srt check --lang en "$SCRATCH/fixed.srt"
expect "srt fix: the result checks clean" 0 ""
[[ $(head -c 3 "$SCRATCH/fixed.srt") != $'\xef\xbb\xbf' ]] && ! grep -q $'\r' "$SCRATCH/fixed.srt" &&
  ok "srt fix: no BOM, LF line ends" || not_ok "srt fix: no BOM, LF line ends"
if [[ -f $S/check_srt.py ]]; then
  check "srt fix: check_srt.py accepts the result" python3 "$S/check_srt.py" "$SCRATCH/fixed.srt" --lang en --fps 25 --fail-on-style
else
  skip "srt fix: check_srt.py accepts the result" "no $S/check_srt.py"
fi
printf '1\n00:00:01,000 --> 00:00:09,000\nThis line is far too long for any subtitle style guide to accept it on one line\n\n2\n00:00:05,000 --> 00:00:12,000\nOverlapping.\n\n3\n00:00:03,000 --> 00:00:04,000\nOut of order.\n' >"$SCRATCH/messy.srt"
run srt check --lang en "$SCRATCH/messy.srt"
[[ $status -eq 1 && $out == *"line of"* && $out == *"overlaps"* && $out == *"out of order"* ]] &&
  ok "srt check: long lines, overlaps, order" || not_ok "srt check: long lines, overlaps, order" "$out"
run srt fix "$SCRATCH/messy.srt" --lang en -o "$SCRATCH/messy.fixed.srt"
run srt check --lang en "$SCRATCH/messy.fixed.srt"
[[ -z $(grep -v 'reading speed' <<<"$out") ]] && ok "srt fix: re-broken, reordered, overlaps resolved (reading speed may stay)" ||
  not_ok "srt fix: re-broken, reordered, overlaps resolved" "$out"

printf '99999999999999999999:00:00,000 --> 00:00:01,000\nx\n\n2147483647\n00:00:01,000 --> 00:00:02,000\ny\n' >"$SCRATCH/huge.srt"
run srt check --lang en "$SCRATCH/huge.srt"
[[ $status -eq 1 && $err != *"runtime error"* ]] && ok "srt check: absurd hours and cue numbers are errors, not overflows" ||
  not_ok "srt check: absurd numbers" "$err"
printf '1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:01,000 --> 00:00:03,000\nTwo.\n' >"$SCRATCH/same.srt"
run srt fix "$SCRATCH/same.srt" -o "$SCRATCH/same.fixed.srt"
run srt check --lang en "$SCRATCH/same.fixed.srt"
expect "srt fix: two cues at the same time are laid one after the other" 0 ""
printf 'WEBVTT\nKind: captions\n\nNOTE a comment\nspanning lines\n\nintro\n00:01.000 --> 00:02.000\nHello.\n\n2\n00:00:03.000 --> 00:00:04.500 align:start\nWorld.\n' >"$SCRATCH/t.vtt"
run srt check --lang en "$SCRATCH/t.vtt"
expect "WebVTT: header, NOTE block, identifiers, MM:SS.mmm and cue settings are valid" 0 ""
run srt fix "$SCRATCH/t.vtt" --lang en -o "$SCRATCH/t2.vtt"
[[ $(grep -c -- '-->' "$SCRATCH/t2.vtt") -eq 2 ]] && grep -q Hello "$SCRATCH/t2.vtt" && ok "WebVTT: srt fix keeps every cue" ||
  not_ok "WebVTT: srt fix keeps every cue" "$(cat "$SCRATCH/t2.vtt")"
run srt check --lang en "$SCRATCH/missing.srt"
expect_err "srt check: missing file, exit 66" 66 "missing.srt"
printf '1\n00:00:01,000 --> 00:00:02,000\nBad \xff\n' >"$SCRATCH/bad.srt"
run srt check --lang en "$SCRATCH/bad.srt"
expect_err "srt check: invalid UTF-8, exit 65" 65 "invalid UTF-8 at byte"
run srt check "$SCRATCH/fixed.srt"
expect_err "srt check without --lang: usage error" 2 "language"
run srt fix "$SCRATCH/broken.srt"
expect_err "srt fix without -o: usage error" 2 "-o FILE"
# --fps is read whole, never as atof reads it ("25fps" was 25, "nan" passed the check)
for bad in 25fps nan inf -25 0 ""; do
  run srt check --lang en --fps "$bad" "$SCRATCH/fixed.srt"
  expect_err "srt check --fps '$bad': usage error" 2 "--fps takes a number from 1 to 1000"
  [[ $err == *"Usage: polyalign srt check"* ]] && ok "srt check --fps '$bad': the usage line of srt check" || not_ok "srt check usage line" "$err"
  run srt fix --fps "$bad" "$SCRATCH/fixed.srt" -o "$SCRATCH/fps.srt"
  [[ $status -eq 2 && ! -e $SCRATCH/fps.srt ]] && ok "srt fix --fps '$bad': usage error, no output" ||
    not_ok "srt fix --fps '$bad': usage error, no output" "$status" "$err"
done
run srt check --lang en --fps 29.97 "$SCRATCH/fixed.srt"
[[ $status -ne 2 ]] && ok "srt check --fps 29.97 is a frame rate" || not_ok "srt check --fps 29.97" "$err"

# counts in the messages take the plural form of the language (Russian has three)
count_srt() { # LINES BLANKS: a cue of LINES lines, BLANKS blank lines, a cue 1 frame after it
  { printf '1\n00:00:01,000 --> 00:00:03,000\n'
    for ((k = 0; k < $1; k++)); do echo "Line $k."; done
    for ((k = 0; k < $2; k++)); do echo; done
    printf '2\n00:00:03,040 --> 00:00:05,000\nNext.\n'; } >"$SCRATCH/count.srt"
}
expect_counts() { # LINES BLANKS LANGUAGE EXPECTED…: srt check of count_srt in LANGUAGE says each EXPECTED
  count_srt "$1" "$2"
  local got want
  got=$(LANGUAGE=$3 "$POLYALIGN" srt check --lang en "$SCRATCH/count.srt" 2>/dev/null)
  shift 3
  for want in "$@"; do
    [[ $got == *"$want"* ]] && ok "srt check counts: $want" || not_ok "srt check counts: $want" "$got"
  done
}
expect_counts 3 3 en "3 lines (at most 2)" "3 blank lines between cues" "less than 2 frames after the previous cue"
expect_counts 3 3 ru "3 строки (максимум 2)" "3 пустые строки между субтитрами" "меньше 2 кадров"
expect_counts 5 5 ru "5 строк (максимум 2)" "5 пустых строк между субтитрами"
expect_counts 21 21 ru "21 строка (максимум 2)" "21 пустая строка между субтитрами"
expect_counts 3 3 zh_CN "3 行（最多 2 行）" "字幕条之间有 3 个空行" "不足 2 帧"

done_testing
