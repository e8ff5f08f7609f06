#!/usr/bin/env bash
# test_srt.sh — `polyalign srt check` and `srt fix` on broken and good subtitle files.
# What srt check finds in a small file given inline is data: tests/cases/srt_check.txt
# (read by test_cases.sh). Here: srt check against ../shared's checker, on files made by
# another command or generated, in other encodings and languages' plural forms, and srt fix.
source "$(dirname "$0")/lib.sh"
S=$SHARED/eval/subtitles

printf '\xef\xbb\xbf1\r\n00:00:01.000 --> 00:00:02,000\r\nDot instead of comma.\r\n\r\n3\r\n00:00:02,500 --> 00:00:02,400\r\nEnd before start, wrong number.\r\n4\r\n00:00:03,000 --> 00:00:04,000\r\n\r\n\r\n\r\n5\r\n0:00:05,000 --> 00:00:06,000\r\nShort hour field.\r\n' >"$SCRATCH/broken.srt"
# (its findings are a case of tests/cases/srt_check.txt; here srt fix repairs it)

# The same findings as the shared checker: errors and warnings that name a line, by line
# (the checker files spacing in text under its cue, we under its line, and TABs under the
# file, we under the first line that has one: those by count); all of them by count,
# whole-file ones (no line number) too; style findings by count.
same_findings() { # file lang description
  run srt check --lang "$2" --fps 25 "$1"
  local ours theirs report
  ours="$(grep -Ev 'space at the start or end of a text line|double space in a text line|TAB characters on this line' <<<"$out" | sed -nE 's/^.*\.srt:([1-9][0-9]*): (error|warning): .*/\2 \1/p' | sort | tr '\n' ' ')"
  ours+="/ $(grep -cE '\.srt(:[0-9]+)?: (error|warning): ' <<<"$out") / $(grep -c ': style: ' <<<"$out")"
  report=$(python3 "$S/check_srt.py" "$1" --lang "$2" --fps 25)
  theirs="$(awk '/^ERRORS/ {k = "error"; next} /^WARNINGS/ {k = "warning"; next} /^(STYLE|INFO)/ {k = ""; next}
    k && match($0, /\[line [0-9]+\]/) {print k, substr($0, RSTART + 6, RLENGTH - 7)}' <<<"$report" | sort | tr '\n' ' ')"
  theirs+="/ $(awk '/^(ERRORS|WARNINGS): / {n += $2} END {print n + 0}' <<<"$report")"
  theirs+=" / $(sed -n 's/^STYLE: //p' <<<"$report")"
  [[ $ours == "$theirs" ]] && ok "srt check finds what check_srt.py finds: $3 ($theirs)" ||
    not_ok "srt check against check_srt.py: $3" "ours: $ours; check_srt.py: $theirs"
}
if [[ -f $S/check_srt.py ]]; then
  if [[ -f $S/samples/broken.srt ]]; then
    same_findings "$S/samples/broken.srt" zh "the shared broken.srt"
  else
    skip "srt check against check_srt.py: the shared broken.srt" "no $S/samples/broken.srt"
  fi
  printf '1\n00:00:01,000 --> 00:00:03,000\nHello  there \n\n2\n00:00:03,020 --> 00:00:05,000\nToo close.\n\n3\n00:00:06,000 --> 00:00:08,000 X1:10 X2:20\nCoordinates.\n\n 4 \n00:00:09,000 --> 00:00:11,000\nSpaced number.\n\n5\n00:00:12,000 --> 00:00:14,000\n\n6\n00:00:15,000 --> 00:00:17,000\nAfter empty.\n\n7\n00:00:18,000 --> 00:00:20,000\nNo newline at end' >"$SCRATCH/spacing.srt"
  same_findings "$SCRATCH/spacing.srt" en "spaces, coordinates, a padded number, an empty cue, no final newline"
  printf '1\r\n00:00:01,000 --> 00:00:03,000\r\nMixed\n\n2\n00:00:04,000 --> 00:00:06,000\nTab\there\n\n3\n00:00:07,000 --> 00:00:09,000\nBare CR\rline\n' >"$SCRATCH/endings.srt"
  same_findings "$SCRATCH/endings.srt" en "mixed line endings, a bare CR, a TAB"
  printf '1\n00:00:01,000 --> 00:00:03,000\nFine.\n\n00:00:04,000 --> 00:00:06,000\nNo number.\n\n3\n00:00:07,000 --> 00:00:09,000\nOK.\n\nGarbage line\n00:00:10,000 --> 00:00:12,000\nx\n\n5\n00:61:01,000 --> 00:00:03,000\nBad minutes.\n\n6\n' >"$SCRATCH/structure.srt"
  same_findings "$SCRATCH/structure.srt" en "a missing number, a stray line, minutes over 59, a file ending after a number"
  printf '1\n00:00:01,000 --> 00:00:02,000\nHello\rthere.\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n\n3\n00:00:05.000 --> 00:00:06,000\nThree.\n' >"$SCRATCH/cr.srt"
  same_findings "$SCRATCH/cr.srt" en "a bare CR is a line break: the lines after it keep their numbers"
  printf '1\r00:00:01,000 --> 00:00:02,000\rHello\r\r2\r00:00:03,000 --> 00:00:04,000\rBye.\r' >"$SCRATCH/mac.srt"
  same_findings "$SCRATCH/mac.srt" en "an old Mac file (CR line endings only)"
  printf '\n\n1\n00:00:01,000 --> 00:00:03,000\nFine.\n' >"$SCRATCH/lead.srt"
  same_findings "$SCRATCH/lead.srt" en "blank lines before the first cue"
  # a block srt fix cannot read as a cue ("Garbage line" where the number goes) would be
  # dropped: it stops there, naming the line, and writes nothing
  run srt fix --lang en "$SCRATCH/structure.srt" -o "$SCRATCH/structure.fixed.srt"
  expect_err "srt fix: a block it cannot read as a cue stops it at that line, nothing dropped unsaid" 65 \
    "structure.srt:12: expected a cue number, found 'Garbage line'"
  [[ ! -e $SCRATCH/structure.fixed.srt ]] && ok "srt fix: nothing written when it stops" || not_ok "srt fix wrote a file it stopped on"
  grep -v "^Garbage line$" "$SCRATCH/structure.srt" >"$SCRATCH/repairable.srt"
fi
# a file cut short in a cue's timing line, with no blank line before the cue: the number
# and the piece of a time are no text of the cue before
printf '1\n00:00:01,000 --> 00:00:02,000\nThe score was\n2\n00:00:1' >"$SCRATCH/cut.srt"
run srt check --lang en "$SCRATCH/cut.srt"
[[ $status -eq 1 && $out == *"cut.srt:5: error: bad timing line '00:00:1' after a cue number with no blank line before it"* ]] &&
  ok "srt check: a timing line cut short after a cue number is an error at its line" || not_ok "srt check: cut timing line" "$status" "$out"
run srt fix --lang en "$SCRATCH/cut.srt" -o "$SCRATCH/cut.fixed.srt"
expect_err "srt fix: a timing line cut short stops it at that line" 65 "cut.srt:5: bad timing line '00:00:1'"
# a number and a ratio or a time of day in a cue's text stay its text
printf '1\n00:00:01,000 --> 00:00:02,000\nGame\n2\n3:1 to us\n\n2\n00:00:03,000 --> 00:00:04,000\nMeet at\n10:30\n' >"$SCRATCH/ratio.srt"
run srt fix --lang en "$SCRATCH/ratio.srt" -o -
[[ $status -eq 0 && $out == *"Game 2 3:1 to us"* && $out == *"Meet at 10:30"* ]] &&
  ok "srt fix: '2' then '3:1 to us' is text, not a cue cut short" || not_ok "srt fix: ratio kept as text" "$status" "$out" "$err"
if [[ -f $S/check_srt.py ]]; then
  for f in spacing endings repairable; do
    run_ok srt fix --lang en "$SCRATCH/$f.srt" -o "$SCRATCH/$f.fixed.srt"
    check "srt fix repairs $f.srt into a file check_srt.py accepts" \
      python3 "$S/check_srt.py" "$SCRATCH/$f.fixed.srt" --lang en --fail-on-style
  done
  run srt fix --lang en "$SCRATCH/mac.srt" -o "$SCRATCH/mac.fixed.srt"
  [[ $status -eq 0 && $(grep -c -- ' --> ' "$SCRATCH/mac.fixed.srt") -eq 2 ]] &&
    ok "srt fix: an old Mac file gives its two cues" || not_ok "srt fix: old Mac file" "$err"
  run srt check --lang en "$SCRATCH/endings.fixed.srt"
  [[ $status -eq 0 ]] && grep -q '^Bare CR line$' "$SCRATCH/endings.fixed.srt" && grep -q '^Tab here$' "$SCRATCH/endings.fixed.srt" &&
    ok "srt fix: a bare CR breaks a line, a TAB is a space" || not_ok "srt fix: CR and TAB" "$out"
else
  skip "srt check against check_srt.py" "no $S/check_srt.py"
fi
printf '1\n00:00:01,000 --> 00:00:03,000\nA subtitle in UTF-16.\n' >"$SCRATCH/utf8.srt"
iconv -f UTF-8 -t UTF-16 "$SCRATCH/utf8.srt" >"$SCRATCH/utf16.srt" # with a byte-order mark
run srt check --lang en "$SCRATCH/utf8.srt"
want_status=$status want_out=$out
run srt check --lang en "$SCRATCH/utf16.srt"
[[ $status -eq $want_status && ${out//utf16/utf8} == "$want_out" && $err != *"invalid UTF-8"* ]] &&
  ok "srt check: a UTF-16 file (with its byte-order mark) is read as its UTF-8 version" ||
  not_ok "srt check: a UTF-16 file is read" "status $status (want $want_status)" "$out" "$err"
if [[ -f $S/samples/zh_handmade.srt ]]; then
  run srt check --lang zh "$S/samples/zh_handmade.srt"
  expect "srt check: the shared hand-made Chinese SRT is clean" 0 ""
else
  skip "srt check: the shared hand-made Chinese SRT is clean" "no $S/samples/zh_handmade.srt"
fi

run srt fix "$SCRATCH/broken.srt" --lang en -o "$SCRATCH/fixed.srt"
[[ $status -eq 0 ]] && ok "srt fix runs" || not_ok "srt fix runs" "$err"
printf '1\n00:00:05,000 --> 00:00:07,000\nSecond one here.\n\n2\n00:00:01,000 --> 00:00:03,000\nFirst one here.\n' >"$SCRATCH/order.srt"
run srt fix --lang en "$SCRATCH/order.srt" -o "$SCRATCH/order.fixed.srt"
[[ $status -eq 0 && $err == *"0 retimed (start or end moved), 2 put back in time order"* &&
  $(sed -n 3p "$SCRATCH/order.fixed.srt") == 'First one here.' ]] &&
  ok "srt fix: two cues out of order are put back and counted, none retimed" || not_ok "srt fix: order counted" "$err"
printf '1\n00:00:01,000 --> 00:00:04,000\nFirst one here.\n\n2\n00:00:03,000 --> 00:00:06,000\nSecond one here.\n' >"$SCRATCH/overlap.srt"
run srt fix --lang en "$SCRATCH/overlap.srt" -o "$SCRATCH/overlap.fixed.srt"
[[ $status -eq 0 && $err == *"1 retimed (start or end moved), 0 put back"* ]] &&
  ok "srt fix: the cue cut short at an overlap is counted as retimed" || not_ok "srt fix: retimed counted" "$err"
run srt check --lang en "$ROOT/subtitles/address.ru.srt"
[[ $status -eq 0 && $err == *"address.ru.srt is mostly in the Cyrl script, which is not that of --lang en"* ]] &&
  ok "srt check: Russian subtitles checked as English, a warning naming the script" || not_ok "srt check script warning" "$err"
run srt check --lang ru "$ROOT/subtitles/address.ru.srt"
expect "srt check: the Russian demo subtitles as Russian, clean" 0 ""
# what srt fix cannot keep of a WebVTT file is said: settings, identifiers, NOTE/STYLE/REGION
printf 'WEBVTT\n\nNOTE made by hand\n\nSTYLE\n::cue { color: yellow }\n\nintro\n00:00:01.000 --> 00:00:03.000 line:0 align:start\nHello there.\n\n00:00:04.000 --> 00:00:06.000\nSecond cue.\n\nNOTE the end\n' >"$SCRATCH/extras.vtt"
run srt fix --lang en "$SCRATCH/extras.vtt" -o "$SCRATCH/extras.fixed.vtt"
[[ $status -eq 0 && $err == *"extras.vtt: WebVTT extras are not kept (cues with settings: 1; cue identifiers: 1; NOTE, STYLE and REGION blocks: 3)"* ]] &&
  ok "srt fix: WebVTT settings, identifiers and blocks it drops are counted in a warning" || not_ok "srt fix: WebVTT extras warning" "$err"
run srt fix --lang en "$SCRATCH/broken.srt" -o "$SCRATCH/plain.fixed.srt"
[[ $status -eq 0 && $err != *extras* ]] && ok "srt fix: no extras warning for an SRT" || not_ok "srt fix: no extras warning for SRT" "$err"
# long cues: a text one cue holds stays one cue, cut to the longest a cue may last; a text
# that needs two shares the time, no piece over 7 s; a cue of markup alone shows nothing
printf '1\n00:00:01,000 --> 00:00:11,000\nI really have no idea what you are talking about.\n\n2\n00:00:40,000 --> 00:01:40,000\nThank you.\n\n3\n00:02:00,000 --> 00:02:13,800\nThe ministers met in Berlin on Monday morning, the experts met in Paris on Tuesday evening.\n\n4\n00:02:20,000 --> 00:02:40,000\n<i> </i>\n\n' >"$SCRATCH/long.srt"
run_ok srt fix --lang en "$SCRATCH/long.srt" -o "$SCRATCH/long.fixed.srt"
check "srt fix: long cues kept whole when one cue holds the text, none over 7 s, markup-only cue dropped" python3 -c '
import re, sys
blocks = open(sys.argv[1]).read().strip().split("\n\n")
cues = []
for b in blocks:
    lines = b.split("\n")
    h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, re.findall(r"\d+", lines[1]))
    cues.append((h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, " ".join(lines[2:])))
texts = [c[2] for c in cues]
assert texts[0] == "I really have no idea what you are talking about.", texts
assert texts[1] == "Thank you.", texts
assert len(cues) >= 4 and "<i>" not in " ".join(texts), texts
assert all(e - s <= 7.0005 for s, e, _ in cues), cues' "$SCRATCH/long.fixed.srt"
run srt check --lang en "$SCRATCH/long.fixed.srt"
expect "srt fix: the long cues repaired check clean" 0 ""
# nothing to write, or a name for another format: refused, no file
printf '1\n00:00:01,000 --> 00:00:03,000\n<i> </i>\n\n' >"$SCRATCH/blank.srt"
run srt fix --lang en "$SCRATCH/blank.srt" -o "$SCRATCH/blank.fixed.srt"
[[ $status -eq 65 && ! -e $SCRATCH/blank.fixed.srt && $err == *"blank.srt: no cue with text to write"* ]] &&
  ok "srt fix of a file without a cue to show: exit 65, no empty SRT" || not_ok "srt fix: nothing to write" "$status" "$err"
run srt fix --lang en "$SCRATCH/broken.srt" -o "$SCRATCH/recut.ass"
[[ $status -eq 2 && ! -e $SCRATCH/recut.ass && $err == *"not .ass"* ]] &&
  ok "srt fix -o out.ass: usage error, no SRT under an .ass name" || not_ok "srt fix -o .ass" "$status" "$err"
# a re-cut cue shares its own time: the cue after it, where its speech starts, stays put
printf '1\n00:00:01,000 --> 00:00:04,000\nThis is a very long line of subtitle text that definitely goes beyond the forty two limit.\n\n2\n00:00:03,500 --> 00:00:06,000\nOverlapping cue here.\n\n' >"$SCRATCH/recut.srt"
run srt fix --lang en "$SCRATCH/recut.srt" -o "$SCRATCH/recut.fixed.srt"
[[ $status -eq 0 ]] && grep -q '^00:00:03,500 --> 00:00:0[56],[0-9]*$' "$SCRATCH/recut.fixed.srt" &&
  [[ $(grep -B2 '^Overlapping cue here.$' "$SCRATCH/recut.fixed.srt" | head -1) == 3 ]] &&
  ok "srt fix: the pieces of a re-cut overlapping cue end before the next, which keeps its start" ||
  not_ok "srt fix: re-cut cue keeps the next start" "$(cat "$SCRATCH/recut.fixed.srt")"
# a re-cut cue too long to read in its time takes the free time after it, shared by all its
# pieces by the reading measure (Latin 0.5 in Chinese): the first was left at 12.5 cps
printf '1\n00:00:01,000 --> 00:00:05,000\n中国国家主席习近平在第三届世界互联网大会开幕式上的讲话 WIC 2016 Wuzhen Summit opening ceremony.\n\n2\n00:00:08,000 --> 00:00:10,000\n下一个。\n\n' >"$SCRATCH/mixed.srt"
run_ok srt fix --lang zh "$SCRATCH/mixed.srt" -o "$SCRATCH/mixed.fixed.srt"
run srt check --lang zh "$SCRATCH/mixed.fixed.srt"
[[ $status -eq 0 ]] && grep -q '^00:00:08,000 --> ' "$SCRATCH/mixed.fixed.srt" &&
  ok "srt fix: a mixed Chinese and Latin cue re-cut into pieces that all read within the limit" ||
  not_ok "srt fix: mixed cue re-cut within the reading speed" "$out" "$(cat "$SCRATCH/mixed.fixed.srt")"
# Chinese lines re-broken by srt fix join as running text: no space where a digit meets an ideograph
printf '1\n00:00:01,000 --> 00:00:07,000\n第三届世界互联网大会于2016\n年11月在乌镇举行，\n\n' >"$SCRATCH/zhjoin.srt"
run srt fix "$SCRATCH/zhjoin.srt" --lang zh -o "$SCRATCH/zhjoin.fixed.srt"
[[ $status -eq 0 && $(sed -n '3,4p' "$SCRATCH/zhjoin.fixed.srt" | tr -d '\n') == 第三届世界互联网大会于2016年11月在乌镇举行， ]] &&
  ok "srt fix: Chinese lines join without a space between a digit and an ideograph" ||
  not_ok "srt fix: Chinese lines join without a space" "$(cat "$SCRATCH/zhjoin.fixed.srt")" "$err"
run srt check --lang en "$SCRATCH/fixed.srt"
expect "srt fix: the result checks clean" 0 ""
[[ -s $SCRATCH/fixed.srt && $(head -c 3 "$SCRATCH/fixed.srt") != $'\xef\xbb\xbf' ]] && ! grep -q $'\r' "$SCRATCH/fixed.srt" &&
  ok "srt fix: no BOM, LF line ends" || not_ok "srt fix: no BOM, LF line ends"
if [[ -f $S/check_srt.py ]]; then
  check "srt fix: check_srt.py accepts the result" python3 "$S/check_srt.py" "$SCRATCH/fixed.srt" --lang en --fail-on-style
else
  skip "srt fix: check_srt.py accepts the result" "no $S/check_srt.py"
fi
printf '1\n00:00:01,000 --> 00:00:09,000\nThis line is far too long for any subtitle style guide to accept it on one line\n\n2\n00:00:05,000 --> 00:00:12,000\nOverlapping.\n\n3\n00:00:03,000 --> 00:00:04,000\nOut of order.\n' >"$SCRATCH/messy.srt"
# markup: a cut keeps the italics (that it takes no room is a case of srt_check.txt)
printf '1\n00:00:01,000 --> 00:00:09,000\n<i>This line is far too long for any subtitle style guide to accept it on one line</i> and <font color="#ff0000">red words here</font>\n' >"$SCRATCH/tags2.srt"
run_ok srt fix --lang en "$SCRATCH/tags2.srt" -o "$SCRATCH/tags2.fixed.srt"
check "srt fix: a re-cut italic sentence is italic in every cue, no break inside a tag" python3 -c '
import sys
blocks = open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n")
assert len(blocks) > 1, blocks
for b in blocks:
    text = "\n".join(b.split("\n")[2:])
    assert text.count("<i>") == text.count("</i>") == 1, b
    assert text.count("<font") == text.count("</font>"), b
assert "<font color=\"#ff0000\">red words here</font>" in open(sys.argv[1], encoding="utf-8").read()' "$SCRATCH/tags2.fixed.srt"
run srt fix "$SCRATCH/messy.srt" --lang en -o "$SCRATCH/messy.fixed.srt"
fix_status=$status fix_err=$err
run srt check --lang en "$SCRATCH/messy.fixed.srt"
[[ $fix_status -eq 0 && -s $SCRATCH/messy.fixed.srt && $status -le 1 && -z $(grep -v 'reading speed' <<<"$out") ]] &&
  ok "srt fix: re-broken, reordered, overlaps resolved (reading speed may stay)" ||
  not_ok "srt fix: re-broken, reordered, overlaps resolved" "fix status $fix_status: $fix_err" "check status $status" "$out" "$err"

printf '1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:01,000 --> 00:00:03,000\nTwo.\n' >"$SCRATCH/same.srt"
run_ok srt fix "$SCRATCH/same.srt" -o "$SCRATCH/same.fixed.srt"
run srt check --lang en "$SCRATCH/same.fixed.srt"
expect "srt fix: two cues at the same time are laid one after the other" 0 ""
printf 'WEBVTT\nKind: captions\n\nNOTE a comment\nspanning lines\n\nintro\n00:01.000 --> 00:02.000\nHello.\n\n2\n00:00:03.000 --> 00:00:04.500 align:start\nWorld.\n' >"$SCRATCH/t.vtt"
run srt fix "$SCRATCH/broken.srt" --lang en -o "$SCRATCH/fixed.Vtt"
[[ $status -eq 0 && $(head -1 "$SCRATCH/fixed.Vtt") == WEBVTT && $(sed -n 3p "$SCRATCH/fixed.Vtt") == *.*" --> "*.* ]] &&
  ok "srt fix: WebVTT from an -o extension in any case (.Vtt)" || not_ok "srt fix -o .Vtt" "$(head -3 "$SCRATCH/fixed.Vtt")"
run_ok srt fix "$SCRATCH/t.vtt" --lang en -o "$SCRATCH/t2.vtt"
[[ $(grep -c -- '-->' "$SCRATCH/t2.vtt") -eq 2 ]] && grep -q Hello "$SCRATCH/t2.vtt" && ok "WebVTT: srt fix keeps every cue" ||
  not_ok "WebVTT: srt fix keeps every cue" "$(cat "$SCRATCH/t2.vtt")"
# WebVTT's character references are read as the characters they stand for: srt fix keeps
# the text (written again as references in WebVTT, raw in SRT), and srt check counts
# '&amp;' as one character
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAT&amp;T said that 3 &lt; 4 and 5 &gt; 2.\n\n00:00:05.000 --> 00:00:07.000\nHe wrote --&gt; <i>here</i> &#x263A;&#65;&nbsp;B\n' >"$SCRATCH/amp.vtt"
run_ok srt fix --lang en "$SCRATCH/amp.vtt" -o "$SCRATCH/amp.fixed.vtt"
fixed=$(grep -v -- ' --> ' "$SCRATCH/amp.fixed.vtt" | grep .)
run srt check --lang en "$SCRATCH/amp.fixed.vtt"
[[ $status -eq 0 && -z $out && $fixed == $'WEBVTT\nAT&amp;T said that 3 &lt; 4 and 5 &gt; 2.\nHe wrote --&gt; <i>here</i> \u263aA\u00a0B' ]] &&
  ok "srt fix of a WebVTT file keeps the text its references stand for, and checks clean" ||
  not_ok "srt fix of an escaped WebVTT" "$out" "$fixed"
run srt fix --lang en "$SCRATCH/amp.vtt" -o "$SCRATCH/amp.fixed.srt"
[[ $status -eq 0 && $(sed -n 3p "$SCRATCH/amp.fixed.srt") == "AT&T said that 3 < 4 and 5 > 2." &&
  $(sed -n 7p "$SCRATCH/amp.fixed.srt") == $'He wrote --> <i>here</i> \u263aA\u00a0B' ]] &&
  ok "srt fix of a WebVTT file into SRT: the references decoded" || not_ok "srt fix WebVTT to SRT" "$(cat "$SCRATCH/amp.fixed.srt")"
run srt check "$SCRATCH/fixed.srt"
expect_err "srt check without --lang: the language guessed and said (test_lang_guess.sh)" 0 "language en-US, guessed from the text"
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
expect "srt check --fps 29.97 is a frame rate (the fixed file checks clean at it)" 0 ""

# counts in the messages take the plural form of the language (Russian has three)
count_srt() { # LINES BLANKS: a cue of LINES lines, BLANKS blank lines, a cue 1 frame after it
  { printf '1\n00:00:01,000 --> 00:00:03,000\n'
    for ((k = 0; k < $1; k++)); do echo "Line $k."; done
    for ((k = 0; k < $2; k++)); do echo; done
    printf '2\n00:00:03,040 --> 00:00:05,000\nNext.\n'; } >"$SCRATCH/count.srt"
}
expect_counts() { # LINES BLANKS LANGUAGE EXPECTED…: srt check of count_srt in LANGUAGE says each EXPECTED
  count_srt "$1" "$2"
  local got want st
  got=$(LC_ALL=C.UTF-8 LANGUAGE=$3 "$POLYALIGN" srt check --lang en "$SCRATCH/count.srt" 2>/dev/null)
  st=$?
  shift 3
  for want in "$@"; do
    [[ $st -eq 1 && $got == *"$want"* ]] && ok "srt check counts: $want" || not_ok "srt check counts: $want" "status $st (want 1)" "$got"
  done
}
expect_counts 3 3 en "3 lines (at most 2)" "3 blank lines between cues" "less than 2 frames after the previous cue"
expect_counts 3 3 ru "3 строки (максимум 2)" "3 пустые строки между субтитрами" "меньше 2 кадров"
expect_counts 5 5 ru "5 строк (максимум 2)" "5 пустых строк между субтитрами"
expect_counts 21 21 ru "21 строка (максимум 2)" "21 пустая строка между субтитрами"
expect_counts 3 3 zh_CN "3 行（最多 2 行）" "字幕条之间有 3 个空行" "不足 2 帧"

# the limits a track was made under: subtitle, srt check and srt fix take the same overrides
run_ok subtitle --lang en --duration 25 --max-chars 50 --max-cps 30 --min-gap 1 "$ROOT/corpus/wuzhen/address.en.txt" -o "$SCRATCH/custom.srt"
run srt check --lang en "$SCRATCH/custom.srt"
[[ $status -eq 1 && $out == *"characters (limit 42)"* ]] && ok "a track made under looser limits fails the default check" ||
  not_ok "custom track against default limits" "$status" "$out"
run srt check --lang en --max-chars 50 --max-cps 30 --min-gap 1 "$SCRATCH/custom.srt"
expect "srt check under the limits the track was made with: clean" 0 ""
printf '1\n00:00:01,000 --> 00:00:06,000\nThis line of about forty characters runs\nand this second line is also very long now\n\n' >"$SCRATCH/forty.srt"
run_ok srt fix --lang en --max-chars 30 "$SCRATCH/forty.srt" -o "$SCRATCH/forty.fixed.srt"
run srt check --lang en --max-chars 30 "$SCRATCH/forty.fixed.srt"
expect "srt fix --max-chars 30 re-breaks the line within 30" 0 ""
# srt fix without --lang: the language from the text, said
printf '1\n00:00:01,000 --> 00:00:07,000\n第三届世界互联网大会于2016年11月在乌镇举行，来自世界各地的代表出席了会议\n\n' >"$SCRATCH/zh.srt"
run srt fix "$SCRATCH/zh.srt" -o "$SCRATCH/zh.fixed.srt"
[[ $status -eq 0 && $err == *"language zh"*"guessed from the text"* ]] && ok "srt fix without --lang: the language guessed from the text, said" ||
  not_ok "srt fix guesses the language" "$err"
run srt check --lang zh "$SCRATCH/zh.fixed.srt"
expect "srt fix without --lang: Chinese lines re-broken under the Chinese limits" 0 ""

done_testing
