#!/usr/bin/env bash
# test_subtitle.sh — `polyalign subtitle`: cues within the style limits (checked by the
# shared SRT checker), text equal to the transcript, WebVTT, hard inputs, bad input.
source "$(dirname "$0")/lib.sh"
S=$SHARED/eval/subtitles

if [[ -d $S/dev ]]; then
  for ref in "$S"/dev/ref/*.ref.json; do
    name=$(basename "$ref" .ref.json)
    read -r lang duration < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["lang"], d["duration"])' "$ref")
    run_ok subtitle --lang "$lang" --duration "$duration" "$S/dev/text/$lang.txt" -o "$SCRATCH/$name.srt"
    check "$name: SRT passes check_srt.py --fail-on-style, text equals the transcript" \
      python3 "$S/check_srt.py" "$SCRATCH/$name.srt" --lang "$lang" --ref "$ref" --fail-on-style
    # --duration timing at least as good as the proportional baseline: median start and end error
    python3 "$S/baseline_proportional.py" "$ref" >"$SCRATCH/$name.base.srt"
    ours=$(python3 "$S/check_srt.py" "$SCRATCH/$name.srt" --lang "$lang" --ref "$ref" --json)
    base=$(python3 "$S/check_srt.py" "$SCRATCH/$name.base.srt" --lang "$lang" --ref "$ref" --json)
    check "$name: --duration median start and end errors no worse than the proportional baseline" \
      python3 -c 'import json, sys
o, b = (json.loads(a)["timing"] for a in sys.argv[1:3])
worse = [k for k in ("start_abs_err", "end_abs_err") if o[k]["median"] > b[k]["median"]]
sys.exit("worse than the baseline: " + ", ".join("%s %.3f > %.3f" % (k, o[k]["median"], b[k]["median"]) for k in worse) if worse else 0)' "$ours" "$base"
  done
else
  skip "subtitles of the shared dev transcripts" "no $S/dev"
fi

cat >"$SCRATCH/t.en.txt" <<'TXT'
The Internet is now the fastest growing industry sector that has changed the lives of all peoples and formed the basis of economic development. Its influence can hardly be overestimated.

We need new international treaties on the future of the Internet.
TXT
run subtitle --lang en --duration 20 "$SCRATCH/t.en.txt" -o "$SCRATCH/t.vtt"
[[ $status -eq 0 && $(head -1 "$SCRATCH/t.vtt") == WEBVTT && $(grep -c -- '-->' "$SCRATCH/t.vtt") -ge 3 ]] &&
  grep -q '^00:00:0[0-9]\.[0-9][0-9][0-9] --> ' "$SCRATCH/t.vtt" && ok "WebVTT from the -o extension" || not_ok "WebVTT" "$(cat "$SCRATCH/t.vtt")"
run subtitle --lang en --duration 20 --format VTT "$SCRATCH/t.en.txt" -o "$SCRATCH/named.txt"
[[ $status -eq 0 ]] && cmp -s "$SCRATCH/named.txt" "$SCRATCH/t.vtt" && ok "--format VTT in capitals: WebVTT" ||
  not_ok "--format VTT" "$err"
run subtitle --lang en --duration 20 "$SCRATCH/t.en.txt" -o "$SCRATCH/upper.VTT"
[[ $status -eq 0 ]] && cmp -s "$SCRATCH/upper.VTT" "$SCRATCH/t.vtt" && ok "WebVTT from an upper-case -o extension (.VTT)" ||
  not_ok "WebVTT from .VTT" "$(head -3 "$SCRATCH/upper.VTT")"
# WebVTT cue text escapes '&', '<' and '>' (so '-->' cannot read as a timing line), but
# not in tags; SRT has no escaping
printf 'AT&T said that 3 < 4 and 5 > 2 are true.\nHe wrote --> here, <i>in italics & all</i>.\n' >"$SCRATCH/amp.txt"
run_ok subtitle --lang en --duration 8 "$SCRATCH/amp.txt" -o "$SCRATCH/amp.vtt"
run_ok subtitle --lang en --duration 8 "$SCRATCH/amp.txt" -o "$SCRATCH/amp.srt"
[[ $(grep -v -- ' --> ' "$SCRATCH/amp.vtt" | grep .) == $'WEBVTT\nAT&amp;T said that 3 &lt; 4 and 5 &gt; 2 are true.\nHe wrote --&gt; here, <i>in italics &amp; all</i>.' &&
  $(sed -n 3p "$SCRATCH/amp.srt") == "AT&T said that 3 < 4 and 5 > 2 are true." ]] &&
  ok "WebVTT: '&', '<', '>' and '-->' in cue text written as references, tags kept; SRT as it is" ||
  not_ok "WebVTT escaping" "$(cat "$SCRATCH/amp.vtt" "$SCRATCH/amp.srt")"
run srt check --lang en "$SCRATCH/amp.vtt"
expect "WebVTT: the escaped file checks clean" 0 ""
if command -v ffmpeg >/dev/null; then
  ffmpeg -nostdin -v error -y -i "$SCRATCH/amp.vtt" "$SCRATCH/amp.ass" 2>"$SCRATCH/ffmpeg.err"
  grep -q 'AT&T said that 3 < 4 and 5 > 2 are true\.' "$SCRATCH/amp.ass" && grep -q 'He wrote --> here' "$SCRATCH/amp.ass" &&
    ok "WebVTT: ffmpeg reads the escaped text back whole" || not_ok "ffmpeg reads the escaped WebVTT" "$(cat "$SCRATCH/amp.ass" "$SCRATCH/ffmpeg.err")"
else
  skip "WebVTT: ffmpeg reads the escaped text back whole" "ffmpeg not installed"
fi
# a translated track from a WebVTT source: its text is found in a memory as shown ('&amp;' is '&')
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nR&amp;D said 3 &lt; 4.\n' >"$SCRATCH/rd.vtt"
cat >"$SCRATCH/rd.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>R&amp;D said 3 &lt; 4.</seg></tuv><tuv xml:lang="ru"><seg>НИОКР: 3 &lt; 4.</seg></tuv></tu></body></tmx>
TMX
run subtitle --from "$SCRATCH/rd.vtt" --tmx "$SCRATCH/rd.tmx" --lang ru -o "$SCRATCH/rd.ru.vtt"
[[ $status -eq 0 && $err == *"1 of 1 en-ru unit"* && $(sed -n 4p "$SCRATCH/rd.ru.vtt") == "НИОКР: 3 &lt; 4." ]] &&
  ok "--from a WebVTT track: its references decoded, the unit found" || not_ok "--from a WebVTT track" "$err" "$(cat "$SCRATCH/rd.ru.vtt")"
# a repair of the whole --from track is said without a line number
printf '1\r00:00:01,000 --> 00:00:04,000\rR&D said 3 < 4.\r' >"$SCRATCH/rd.cr.srt"
run subtitle --from "$SCRATCH/rd.cr.srt" --tmx "$SCRATCH/rd.tmx" --lang ru -o "$SCRATCH/rd.cr.ru.srt"
[[ $status -eq 0 && $err == *"polyalign: warning: $SCRATCH/rd.cr.srt: 3 bare CR line endings"*"(read anyway)"* ]] &&
  ok "--from: a repair of the whole track named by file alone" || not_ok "--from: whole-file repair" "$err"
run_ok subtitle --lang en --duration 20 "$SCRATCH/t.en.txt"
check "no line ends with an article or preposition" python3 -c '
import sys
if "-->" not in sys.argv[1]:
    sys.exit("no cues on stdout")
bad = {"a","an","the","of","to","in","on","at","by","for","with","from","and","or"}
for line in sys.argv[1].splitlines():
    words = line.split()
    if words and "-->" not in line and not line.isdigit() and words[-1].lower() in bad:
        sys.exit("bad line end: " + line)' "$out"
check "every line within 42 characters, at most two lines per cue" python3 -c '
import sys
for block in sys.argv[1].strip().split("\n\n"):
    lines = block.split("\n")[2:]
    assert 1 <= len(lines) <= 2 and all(len(l) <= 42 for l in lines), block' "$out"

# every limit of the profile can be overridden
run_ok subtitle --lang en --duration 40 --max-chars 30 --max-lines 1 --max-cps 15 --min-gap 6 "$SCRATCH/t.en.txt" -o "$SCRATCH/limits.srt"
check "--max-chars 30 --max-lines 1 --max-cps 15 --min-gap 6: every cue one line of at most 30, gaps of 6 frames" python3 -c '
import re, sys
prev_end = None
for block in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n"):
    lines = block.split("\n")
    a, b = [sum(float(x) * m for x, m in zip(re.split("[:,]", t), (3600, 60, 1, 0.001))) for t in lines[1].split(" --> ")]
    assert len(lines) == 3 and len(lines[2]) <= 30, block
    assert prev_end is None or a - prev_end >= 6 / 25 - 1e-3, block
    prev_end = b' "$SCRATCH/limits.srt"

# hard inputs: a 600-character sentence without punctuation, Chinese without punctuation
python3 -c 'print(" ".join(["word%d" % k for k in range(100)]))' >"$SCRATCH/long.txt"
run_ok subtitle --lang en --duration 60 "$SCRATCH/long.txt" -o "$SCRATCH/long.srt"
if [[ -f $S/check_srt.py ]]; then
  check "a 600-character sentence is cut within the limits" python3 "$S/check_srt.py" "$SCRATCH/long.srt" --lang en \
    --transcript "$SCRATCH/long.txt" --fail-on-style
else
  skip "a 600-character sentence is cut within the limits" "no $S/check_srt.py"
fi
python3 -c 'print("互联网是当今发展最快的产业领域它改变了各国人民的生活构成了经济发展的基础互联网现在和将来的影响怎么评价都不为过")' >"$SCRATCH/nopunct.zh"
run_ok subtitle --lang zh --duration 30 "$SCRATCH/nopunct.zh" -o "$SCRATCH/nopunct.srt"
check "Chinese without punctuation: lines of at most 16 characters" python3 -c '
import sys
for block in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n"):
    lines = block.split("\n")[2:]
    assert 1 <= len(lines) <= 2 and all(len(l) <= 16 for l in lines), block' "$SCRATCH/nopunct.srt"
# the sentence's words of two characters and more as ICU's dictionary finds them (it cuts
# 互联网 in three): no line end or cue cut inside one, since a word boundary always fits
check "Chinese without punctuation: no line end or cue cut inside a word" python3 -c '
import re, sys
text, cuts = "", []
for block in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n"):
    for line in block.split("\n")[2:]:
        cuts += [len(text)] if text else []
        text += line
inside = [c for c in cuts for w in sys.argv[2].split() for m in re.finditer(w, text) if m.start() < c < m.end()]
assert not inside, [text[c - 3:c] + "|" + text[c:c + 3] for c in inside]' "$SCRATCH/nopunct.srt" \
  "当今 发展 最快 产业 领域 改变 各国 人民 生活 构成 经济 基础 现在 将来 影响 怎么 评价 都不"

# an adjective stays with its noun, and no cue holds a lone word, where another cut fits
cat >"$SCRATCH/phrases.en.txt" <<'TXT'
The government will publish an annual report on the state of security.

I urge all members to work together to improve the current rules of maritime navigation.

We call on all parties to work together to simplify the existing rules of customs clearance.
TXT
run_ok subtitle --lang en --duration 20 "$SCRATCH/phrases.en.txt" -o "$SCRATCH/phrases.en.srt"
check "English: \"will publish / an annual report\", no cue of a single word" python3 -c '
import sys
blocks = [b.split("\n")[2:] for b in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n")]
assert ["The government will publish", "an annual report on the state of security."] in blocks, blocks
lone = [b for b in blocks if len(" ".join(b).split()) == 1]
assert not lone, lone' "$SCRATCH/phrases.en.srt"
printf 'Правительство опубликует ежегодный доклад о состоянии информационной безопасности в регионе.\n' >"$SCRATCH/phrases.ru.txt"
run_ok subtitle --lang ru --duration 10 "$SCRATCH/phrases.ru.txt" -o "$SCRATCH/phrases.ru.srt"
# no_line_ends NAME SRT WORD…: no line of the SRT (a line's or a cue's end) ends with a WORD
no_line_ends() {
  local name=$1 srt=$2
  shift 2
  check "$name" python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bad = [l for l in lines if any(l == w or l.endswith(" " + w) for w in sys.argv[2:])]
assert not bad, bad' "$srt" "$@"
}
no_line_ends "Russian: no line or cue ends on an adjective before its noun" "$SCRATCH/phrases.ru.srt" ежегодный информационной
# the feminine oblique -ей of adjectives and participles, coordinated adjectives: neither a
# line nor a cue parts them from their noun
printf 'От имени правительства принимающей страны приветствую вас в Таллине на третьей министерской конференции.\n\nМы приветствуем делегации принимающей страны на третьей министерской конференции.\n' >"$SCRATCH/ej.ru.txt"
run_ok subtitle --lang ru --duration 14 "$SCRATCH/ej.ru.txt" -o "$SCRATCH/ej.ru.srt"
no_line_ends "Russian: no line or cue ends on an adjective in -ей before its noun" "$SCRATCH/ej.ru.srt" принимающей третьей
printf 'I wish you all a productive and candid conference, and a more equal and fair model of governance for the years ahead.\n' >"$SCRATCH/coord.en.txt"
run_ok subtitle --lang en --duration 8 "$SCRATCH/coord.en.txt" -o "$SCRATCH/coord.en.srt"
no_line_ends "English: coordinated adjectives stay with their noun" "$SCRATCH/coord.en.srt" productive equal
# a pronoun stays with its verb, a cue ends on no preposition (the dev transcript's sentence)
printf 'Today we are proposing a common framework under which any participating state that detects a serious attack on an undersea cable, a power grid, or a payment system will notify its partners within twenty-four hours, share the technical indicators it has found, and offer practical help to the teams responding on the ground.\n' >"$SCRATCH/pron.en.txt"
run_ok subtitle --lang en --duration 20 "$SCRATCH/pron.en.txt" -o "$SCRATCH/pron.en.srt"
no_line_ends "English: no line or cue ends on 'it has' or 'under'" "$SCRATCH/pron.en.srt" "it has" under
# Chinese: a cue ends at the punctuation rather than leave a few characters alone; no line or
# cue starts with a bound particle or breaks a name at its middle dot
printf '互联网已经成为一个命运共同体，因此，加强互联网治理领域的国际合作十分重要。\n' >"$SCRATCH/punct.zh.txt"
run subtitle --lang zh --duration 9 "$SCRATCH/punct.zh.txt" -o "$SCRATCH/punct.zh.srt"
[[ $status -eq 0 && $(sed -n 3p "$SCRATCH/punct.zh.srt") == 互联网已经成为一个命运共同体， && $(sed -n 4p "$SCRATCH/punct.zh.srt") == "" ]] &&
  ok "Chinese: the cue is cut at the comma, not before 合作十分重要。 alone" || not_ok "Chinese: cut at the comma" "$(cat "$SCRATCH/punct.zh.srt")"
printf '微软首席执行官萨蒂亚·纳德拉的讲话强调了我们必须尊重所有参与者的利益。乃至属于个人但已经被剥夺了所有个人标识符的信息。在本报告所述期间，索马里的国际伙伴之间开展了高水平的协调与合作。\n' >"$SCRATCH/bound.zh.txt"
run_ok subtitle --lang zh --duration 20 "$SCRATCH/bound.zh.txt" -o "$SCRATCH/bound.zh.srt"
check "Chinese: no line ends with a middle dot, none starts with 的 or 了" python3 -c '
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l and "-->" not in l and not l.isdigit()]
bad = [l for l in lines if l.endswith("·") or l[0] in "的了"]
assert not bad, bad' "$SCRATCH/bound.zh.srt"
run_ok subtitle --lang zh --duration 60 "$ROOT/corpus/wuzhen/address.zh.txt" -o "$SCRATCH/address.srt"
if command -v ffmpeg >/dev/null; then
  check "ffmpeg converts the SRT" ffmpeg -nostdin -v error -y -i "$SCRATCH/address.srt" "$SCRATCH/address.ass"
  for f in "$ROOT"/subtitles/*.srt "$ROOT"/subtitles/*.vtt; do
    check "ffmpeg converts subtitles/$(basename "$f")" ffmpeg -nostdin -v error -y -i "$f" "$SCRATCH/conv.ass"
  done
else
  skip "ffmpeg converts the SRT and VTT files" "ffmpeg not installed"
fi
if [[ -f $S/check_srt.py ]]; then
  for lang in zh en ru; do
    check "subtitles/address.$lang.srt passes check_srt.py, text intact" python3 "$S/check_srt.py" \
      "$ROOT/subtitles/address.$lang.srt" --lang "$lang" --transcript "$ROOT/corpus/wuzhen/address.$lang.txt" --fail-on-style
  done
else
  skip "subtitles/address.*.srt pass check_srt.py" "no $S/check_srt.py"
fi

# a span too short to read the text in, or far too long for it: said, not silent
run subtitle --lang en --duration 3 "$SCRATCH/t.en.txt" -o "$SCRATCH/short.srt"
expect_err "--duration too short for the text: a warning that the cues run past its end" 0 "past the end of --duration \(3.000 s\)"
run subtitle --lang en --duration 600 "$SCRATCH/t.en.txt" -o "$SCRATCH/long.srt"
expect_err "--duration far longer than the text: a warning that the pauses are stretched" 0 "--duration gives 600 s: the pauses"
run subtitle --lang en --duration 20 "$SCRATCH/t.en.txt" -o "$SCRATCH/fit.srt"
[[ $status -eq 0 && $err != *warning* ]] && ok "--duration that fits the text: no warning" || not_ok "--duration that fits: no warning" "$err"
# what would go wrong unnoticed is said or refused
run subtitle --lang en --duration 20 "$SCRATCH/t.en.txt" -o "$SCRATCH/t.ass"
[[ $status -eq 2 && ! -e $SCRATCH/t.ass && $err == *"not .ass"*"ffmpeg -i OUT.srt OUT.ass"* ]] &&
  ok "-o out.ass: usage error pointing to ffmpeg, no SRT under an .ass name" || not_ok "-o out.ass" "$status" "$err"
printf '今日の世界では、インターネットは最も急速に成長している産業分野です。\n' >"$SCRATCH/ja.txt"
run subtitle --lang ja --duration 10 "$SCRATCH/ja.txt" -o "$SCRATCH/ja.srt"
expect_err "a language without limits of its own: the English ones, with a warning" 0 "no netflix limits of its own for 'ja'"
run subtitle --lang en --duration 57 "$ROOT/corpus/wuzhen/address.zh.txt" -o "$SCRATCH/zh-as-en.srt"
expect_err "a Chinese transcript with --lang en: a warning naming the script" 0 "address.zh.txt is mostly in the Hani script, which is not that of --lang en"
run subtitle --lang ja --duration 10 "$SCRATCH/ja.txt" -o "$SCRATCH/ja.srt"
[[ $status -eq 0 && $err != *"mostly in the"* ]] && ok "Japanese text with --lang ja: no script warning" || not_ok "ja script" "$err"
run subtitle --lang zh --duration 57 "$ROOT/corpus/wuzhen/address.zh.txt" -o "$SCRATCH/zh.srt"
[[ $status -eq 0 && -s $SCRATCH/zh.srt && $err != *warning* ]] && ok "Chinese text with --lang zh: no warning" ||
  not_ok "zh no warning" "status $status" "$err"
# names and numbers stay with what they belong to
# no_line_ends NAME LANG SECONDS TEXT REGEX: subtitle TEXT over SECONDS; no line may end so
no_line_ends() {
  printf '%s\n' "$4" >"$SCRATCH/ends.txt"
  run subtitle --lang "$2" --duration "$3" "$SCRATCH/ends.txt" -o "$SCRATCH/ends.srt"
  [[ $status -eq 0 ]] && ! grep -qE "($5)\$" "$SCRATCH/ends.srt" && ok "$1" || not_ok "$1" "$err" "$(cat "$SCRATCH/ends.srt")"
}
no_line_ends "a capitalized name ending in a modal's letters (May) is a name: no break inside 'Prime Minister Theresa May' or 'White House'" \
  en 8 'Yesterday afternoon the president met Prime Minister Theresa May in the White House Rose Garden to discuss trade.' \
  'Theresa|White|Prime'
no_line_ends "initials stay with the name they begin (John F. Kennedy, J. R. R. Tolkien)" en 18 \
  'Yesterday the students read a long essay about President John F. Kennedy Jr. and the history of the space programme in America. The book by J. R. R. Tolkien was read aloud at the festival by a famous actor in front of thousands of people.' \
  'John F\.|J\.|R\.'
no_line_ends "Russian: a number stays with its noun (более 4000 представителей)" ru 8 \
  'В конференции приняли участие более 4000 представителей из 120 стран мира, в том числе министры и послы.' '4000'
printf '俄罗斯总统弗拉基米尔·弗拉基米罗维奇·普京和法国总统出席了会议。\n' >"$SCRATCH/name.zh.txt"
run subtitle --lang zh --duration 8 "$SCRATCH/name.zh.txt" -o "$SCRATCH/name.zh.srt"
[[ $status -eq 0 ]] && grep -q '弗拉基米罗维奇' "$SCRATCH/name.zh.srt" && grep -q '弗拉基米尔' "$SCRATCH/name.zh.srt" &&
  ok "Chinese: a long transliterated name breaks at its middle dot, not inside a part" || not_ok "zh name at the dot" "$(cat "$SCRATCH/name.zh.srt")"
# --times: known start times of some sentences (a time-coded transcript)
printf '00:00:10.000\tThe Internet is now\n00:00:30.500\tWe need new international\n' >"$SCRATCH/t.times"
run_ok subtitle --lang en --times "$SCRATCH/t.times" "$SCRATCH/t.en.txt" -o "$SCRATCH/times.srt"
grep -q '^00:00:10,000 --> ' "$SCRATCH/times.srt" && grep -q '^00:00:30,500 --> ' "$SCRATCH/times.srt" &&
  ok "--times: the known sentences start at their times" || not_ok "--times: the known sentences start at their times" "$(cat "$SCRATCH/times.srt")" "$err"
# with the recording's duration too, the speech after the last known start ends with it
printf '00:00:02.000\tThe Internet is now\n' >"$SCRATCH/one.times"
run_ok subtitle --lang en --times "$SCRATCH/one.times" --duration 60 "$SCRATCH/t.en.txt" -o "$SCRATCH/one.srt"
check "--times with --duration: the last cue ends within a few seconds of the recording's end" python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
ends = [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in re.findall(r"--> (\d+):(\d+):(\d+),(\d+)", text)]
assert text.startswith("1\n00:00:02,000 --> ") and 55 <= ends[-1] <= 60, ends' "$SCRATCH/one.srt"
run subtitle --lang en --times "$SCRATCH/t.times" --duration 30.5 "$SCRATCH/t.en.txt" -o "$SCRATCH/late.srt"
expect_err "--times with --duration: a time at or after the recording's end names file and line, exit 65" 65 \
  "t.times:2: this time is not before the end of the recording"
[[ ! -e $SCRATCH/late.srt ]] && ok "--times past the end: no output written" || not_ok "--times past the end: no output written"
# a time-coded transcript as transcription tools write it: each time followed by the whole
# paragraph, in other case and punctuation; sentences shorter than the match still match
printf 'Yes. No. The committee approved the agreement after a long debate. Fine.\n\nNext paragraph starts here.\n' >"$SCRATCH/yes.txt"
printf '00:00:01.000\tyes, no - the committee approved the agreement after a long debate. Fine.\n00:00:09.000\tNEXT PARAGRAPH starts here.\n' >"$SCRATCH/yes.times"
run subtitle --lang en --times "$SCRATCH/yes.times" "$SCRATCH/yes.txt" -o "$SCRATCH/yes.srt"
[[ $status -eq 0 ]] && grep -q '^00:00:01,000 --> ' "$SCRATCH/yes.srt" && grep -q '^00:00:09,000 --> ' "$SCRATCH/yes.srt" &&
  ok "--times: whole paragraphs in other case and punctuation match their first sentence" ||
  not_ok "--times: whole paragraphs match" "$err" "$(cat "$SCRATCH/yes.srt" 2>/dev/null)"
# given times stay where they are even when the speech is too fast to read: reported instead
printf '00:00:01.000\tYes\n00:00:02.500\tThe committee\n00:00:04.000\tFine\n00:00:05.000\tNext paragraph\n' >"$SCRATCH/fast.times"
run_ok subtitle --lang en --times "$SCRATCH/fast.times" "$SCRATCH/yes.txt" -o "$SCRATCH/fast.srt"
check "--times: every given start kept within the 3-frame sync tolerance, too-fast cues reported" python3 -c '
import re, sys
starts = [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000
          for h, m, s, ms in re.findall(r"^(\d\d):(\d\d):(\d\d),(\d\d\d) -->", open(sys.argv[1]).read(), re.M)]
for want in (1.0, 4.0, 5.0):
    assert min(abs(s - want) for s in starts) <= 0.125, (want, starts)
assert "characters per second" in sys.argv[2], sys.argv[2]' "$SCRATCH/fast.srt" "$err"
printf '00:00:10.5\tThe Internet is now\n' >"$SCRATCH/short.times"
run subtitle --lang en --times "$SCRATCH/short.times" "$SCRATCH/t.en.txt"
expect_err "--times: milliseconds need three digits" 65 "short.times:1: expected"
printf '00:01:00.000\tThe Internet is now\n00:00:10.000\tWe need new international\n' >"$SCRATCH/back.times"
run subtitle --lang en --times "$SCRATCH/back.times" "$SCRATCH/t.en.txt"
expect_err "--times: times must increase" 65 "back.times:2: this time is not after"
printf 'ten seconds\tThe Internet\n' >"$SCRATCH/bad.times"
run subtitle --lang en --times "$SCRATCH/bad.times" "$SCRATCH/t.en.txt"
expect_err "--times: a malformed line names file and line, exit 65" 65 "bad.times:1: expected HH:MM:SS.mmm"
printf '00:00:01.000\tNothing like this\n' >"$SCRATCH/nomatch.times"
run subtitle --lang en --times "$SCRATCH/nomatch.times" "$SCRATCH/t.en.txt"
expect_err "--times: text not in the transcript, exit 65" 65 "nomatch.times:1: no sentence"

# translated tracks: timing from the source cues, through the alignment
C=$ROOT/corpus/wuzhen
for lang in en ru; do
  run_ok subtitle --from "$SCRATCH/address.srt" --align "$C/address.zh.txt" --lang "$lang" "$C/address.$lang.txt" -o "$SCRATCH/address.$lang.srt"
  if [[ -f $S/check_srt.py ]]; then
    check "translated $lang track: within the $lang limits, text equals the $lang transcript" python3 "$S/check_srt.py" \
      "$SCRATCH/address.$lang.srt" --lang "$lang" --transcript "$C/address.$lang.txt" --fail-on-style
  else
    skip "translated $lang track: within the $lang limits" "no $S/check_srt.py"
  fi
done
# a sentence whose speech outlasts a cue is cut into enough cues to fill it: no blank
# screen between two cues of a sentence (address.en.srt had 1.3 s of it after a 7 s cue)
for lang in en ru; do
  run_ok subtitle --from "$ROOT/subtitles/address.zh.srt" --align "$C/address.zh.txt" --lang "$lang" "$C/address.$lang.txt" -o "$SCRATCH/tile.$lang.srt"
  check "translated $lang track: no hole inside a sentence" python3 - "$SCRATCH/tile.$lang.srt" <<'PY'
import re, sys
def sec(h, m, s, ms): return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000
cues = []
for b in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n"):
    l = b.split("\n")
    a, e = (sec(*re.match(r"(\d+):(\d+):(\d+),(\d+)", x).groups()) for x in l[1].split(" --> "))
    cues.append((a, e, " ".join(l[2:]).strip()))
holes = [(c[2], round(n[0] - c[1], 3)) for c, n in zip(cues, cues[1:]) if c[2][-1] not in ".!?" and n[0] - c[1] > 0.1]
assert not holes, holes
PY
done
python3 - "$SCRATCH/address.srt" "$SCRATCH/address.en.srt" <<'PY' && ok "translated track spans the source track" || not_ok "translated track spans the source track"
import re, sys
def span(p):
    t = re.findall(r"(\d\d):(\d\d):(\d\d),(\d\d\d)", open(p, encoding="utf-8").read())
    s = [int(h) * 3600 + int(m) * 60 + int(x) + int(ms) / 1000 for h, m, x, ms in t]
    return s[0], s[-1]
a, b = span(sys.argv[1]), span(sys.argv[2])
assert abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 2.0, (a, b)
PY
run subtitle --from "$ROOT/subtitles/address.zh.srt" --tmx "$ROOT/tmx/wuzhen.tmx" --lang ru -o "$SCRATCH/tmx.ru.srt"
units=$(grep -c '<tu ' "$ROOT/tmx/wuzhen.tmx") # whatever make demo last wrote
[[ $status -eq 0 && $err == *"4 of $units zh-ru units"* ]] && ok "--tmx: the address's units found in the track" ||
  not_ok "--tmx: the address's units found in the track" "$err"
if [[ -f $S/check_srt.py ]]; then
  check "--tmx: the Russian track is within limits, text intact" python3 "$S/check_srt.py" "$SCRATCH/tmx.ru.srt" \
    --lang ru --transcript "$C/address.ru.txt" --fail-on-style
else
  skip "--tmx: the Russian track is within limits, text intact" "no $S/check_srt.py"
fi
# a source track in italics: the tags are not in its transcript, the timing is the same
italicize() { # SRT OUT: the same cues, each text in <i>…</i>
  python3 - "$1" "$2" <<'PY'
import sys
blocks = open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n")
out = []
for b in blocks:
    lines = b.split("\n")
    out.append("\n".join(lines[:2] + ["<i>" + "\n".join(lines[2:]) + "</i>"]))
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
}
italicize "$SCRATCH/address.srt" "$SCRATCH/italic.zh.srt"
run subtitle --from "$SCRATCH/italic.zh.srt" --align "$C/address.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/italic.en.srt"
[[ $status -eq 0 ]] && cmp -s "$SCRATCH/italic.en.srt" "$SCRATCH/address.en.srt" &&
  ok "--from a track in italics: the same translation as from the plain one" ||
  not_ok "--from an italic track" "$err" "$(diff "$SCRATCH/address.en.srt" "$SCRATCH/italic.en.srt" | head -20)"
italicize "$ROOT/subtitles/address.zh.srt" "$SCRATCH/italic.demo.zh.srt"
run subtitle --from "$SCRATCH/italic.demo.zh.srt" --tmx "$ROOT/tmx/wuzhen.tmx" --lang ru -o "$SCRATCH/italic.tmx.ru.srt"
[[ $status -eq 0 ]] && cmp -s "$SCRATCH/italic.tmx.ru.srt" "$SCRATCH/tmx.ru.srt" &&
  ok "--tmx from a track in italics: the same units found, the same translation" ||
  not_ok "--tmx from an italic track" "$err"
# a source track edited by hand: cues out of order and overlapping
python3 - "$SCRATCH/address.srt" "$SCRATCH/messy.zh.srt" <<'PY'
import sys
blocks = open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n")
blocks[1], blocks[2] = blocks[2], blocks[1]                              # out of order
lines = blocks[3].split("\n"); a, b = lines[1].split(" --> ")
lines[1] = a + " --> " + "00:00:59,000"; blocks[3] = "\n".join(lines)  # overlaps all that follow
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(blocks) + "\n")
PY
run subtitle --from "$SCRATCH/messy.zh.srt" --align "$C/address.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/messy.en.srt"
sub_status=$status
run srt check --lang en "$SCRATCH/messy.en.srt"
[[ $sub_status -eq 0 && -s $SCRATCH/messy.en.srt ]] &&
  [[ $status -eq 0 || ($status -eq 1 && -z $(grep -v 'reading speed' <<<"$out")) ]] &&
  ok "--from a track out of order and overlapping: an ordered, non-overlapping translation" ||
  not_ok "--from a messy track" "subtitle status $sub_status, srt check status $status" "$out" "$err"
run subtitle --from "$SCRATCH/messy.zh.srt" --align "$C/address.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/messy.en.srt"
[[ $status -eq 0 && $err == *"1 cue starts before the one above it"* && $err == *"overlaps the next"* ]] &&
  ok "--from a messy track: the disorder and the overlaps are said" || not_ok "--from: messy track warnings" "$err"
sed '0,/ --> /s/^00:/-00:/' "$SCRATCH/address.srt" >"$SCRATCH/negative.zh.srt"
run subtitle --from "$SCRATCH/negative.zh.srt" --align "$C/address.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/negative.en.srt"
[[ $status -eq 65 && $err == *"negative.zh.srt:2: bad timing line '-00:"* && ! -e $SCRATCH/negative.en.srt ]] &&
  ok "--from a track with a negative time: exit 65 naming file and line, no output" ||
  not_ok "--from a negative time" "$status" "$err"
: >"$SCRATCH/none.srt"
run subtitle --from "$SCRATCH/none.srt" --align "$C/address.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/none.en.srt"
expect_err "--from an empty track: exit 65" 65 "none.srt: no cues to take the timing from"
# the track must hold the text of the --align transcript: another text, another language or
# nothing at all is an error; a track edited in places is used, with a warning
for other in keynote.zh.txt address.en.txt; do
  run subtitle --from "$ROOT/subtitles/address.zh.srt" --align "$C/$other" --lang en "$C/address.en.txt" -o "$SCRATCH/other.en.srt"
  expect_err "--from a track that is not of the --align text ($other): exit 65" 65 "does not hold the text of .*$other"
  [[ ! -e $SCRATCH/other.en.srt ]] && ok "--from a track of another text: no output" || not_ok "--from another text: no output"
done
: >"$SCRATCH/empty.zh.txt"
run subtitle --from "$ROOT/subtitles/address.zh.srt" --align "$SCRATCH/empty.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/other.en.srt"
expect_err "--from with an empty --align transcript: exit 65" 65 "does not hold the text of"
sed '0,/互联网/s//因特网/' "$C/address.zh.txt" >"$SCRATCH/edited.zh.txt"
run subtitle --from "$ROOT/subtitles/address.zh.srt" --align "$SCRATCH/edited.zh.txt" --lang en "$C/address.en.txt" -o "$SCRATCH/edited.en.srt"
[[ $status -eq 0 && -s $SCRATCH/edited.en.srt && $err == *"differs from"*"edited.zh.txt from cue "*" on ("9?"% of their character pairs in common)"* ]] &&
  ok "--from a track edited in one word: translated, with a warning naming the first cue that differs" ||
  not_ok "--from an edited track: warning" "$status" "$err"

# bad input
: >"$SCRATCH/empty.txt"
run subtitle --lang en --duration 10 "$SCRATCH/empty.txt" -o "$SCRATCH/empty.srt"
[[ $status -eq 65 && ! -e $SCRATCH/empty.srt && $err == *"empty.txt has no sentences: no subtitles to write"* ]] &&
  ok "empty transcript: exit 65, no file (an empty SRT is one players and ffmpeg refuse)" || not_ok "empty transcript" "$status" "$err"
printf '1\n00:00:01,000 --> 00:00:03,000\n这句话不在记忆库里。\n\n' >"$SCRATCH/nounit.srt"
run subtitle --from "$SCRATCH/nounit.srt" --tmx "$ROOT/tmx/wuzhen.tmx" --lang en -o "$SCRATCH/nounit.en.srt"
[[ $status -eq 65 && ! -e $SCRATCH/nounit.en.srt && $err == *"no unit of "*"wuzhen.tmx was found in "*"nounit.srt"* ]] &&
  ok "--tmx with no unit of the memory in the track: exit 65, no file" || not_ok "--tmx no unit found" "$status" "$err"
printf 'Bad \xff text.\n' >"$SCRATCH/bad.txt"
run subtitle --lang en --duration 10 "$SCRATCH/bad.txt" -o "$SCRATCH/bad.srt"
[[ $status -eq 65 && $err == *"bad.txt:1:5: invalid UTF-8 at byte 4"* && ! -e $SCRATCH/bad.srt ]] &&
  ok "invalid UTF-8: exit 65, no output" || not_ok "invalid UTF-8: exit 65, no output" "$err"
for bad in 25fps nan inf -25 ""; do
  run subtitle --lang en --duration 10 --fps "$bad" "$SCRATCH/t.en.txt"
  expect_err "--fps '$bad': usage error" 2 "--fps takes a number from 1 to 1000"
done
# a word wider than a line is cut at grapheme boundaries a line apart, and only it: the
# rest of the sentence keeps its word breaks (the whole sentence went to grapheme breaks,
# leaving "is pn | eumono…")
printf 'The longest word in the dictionary is pneumonoultramicroscopicsilicovolcanoconiosisandmore, which doctors rarely use in conversation with their patients.\n' >"$SCRATCH/longword.txt"
run_ok subtitle --lang en --duration 20 "$SCRATCH/longword.txt" -o "$SCRATCH/longword.srt"
check "a word wider than a line: cut inside it only, every other line ends at a word end, no text lost" python3 - "$SCRATCH/longword.srt" "$SCRATCH/longword.txt" <<'PY'
import re, sys
srt, txt = open(sys.argv[1]).read(), open(sys.argv[2]).read().split()
lines = [l for l in srt.splitlines() if l and not l.isdigit() and "-->" not in l]
assert "".join("".join(lines).split()) == "".join(txt), lines
words = set(txt)
cut = [l for l in lines if l.split()[-1] not in words]
assert len(cut) == 1 and cut[0].startswith("pneumono"), lines  # the long word alone, from a new line
assert all(len(l) <= 42 for l in lines), lines
PY

done_testing
