#!/usr/bin/env bash
# test_lexicon.sh — the lexical alignment score end to end: where the built-in lexicons
# are found, the one clear note when they are missing, --lexicon files (TSV and hunalign
# .dic), read once for many document groups, and their loud errors, --no-score, and the
# fitted model in the jsonl summary.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen
empty=$SCRATCH/no-lexicons
mkdir -p "$empty"
en=$corpus/keynote.en.txt zh=$corpus/keynote.zh.txt ru=$corpus/keynote.ru.txt

# summary FIELD : the value of pairs[0].FIELD in the jsonl summary line of $out
summary() {
  python3 -c 'import json,sys
for l in sys.argv[1].splitlines():
    o = json.loads(l)
    if "summary" in o: print(json.dumps(o["summary"]["pairs"][0][sys.argv[2]]))' "$out" "$1"
}

# without lexicons: aligns, and says so once for the whole run
run align -q --lexicon-dir "$empty" --langs en,zh "$en" "$zh" "$en" "$zh"
if [[ $status -eq 0 && $(grep -c 'no built-in en-zh lexicon' <<<"$err") -eq 1 && -n $out ]]; then
  ok "missing lexicons: alignment still made, said once"
else
  not_ok "missing lexicons: alignment still made, said once" "status $status" "$err"
fi
POLYALIGN_LEXICONS=$empty run align -q "$en" "$ru"
expect_err "POLYALIGN_LEXICONS points the search elsewhere" 0 'no built-in en-ru lexicon'
run align -q --lexicon-dir "$empty" --no-score lexicon "$en" "$zh"
[[ $status -eq 0 && -z $err ]] && ok "--no-score lexicon: no lexicon wanted, no note" ||
  not_ok "--no-score lexicon: no lexicon wanted, no note" "$err"

# built-in lexicons from the build tree
if [[ -f $ROOT/build/lexicons/en-zh.lex ]]; then
  run align -q --format jsonl "$en" "$zh"
  [[ $status -eq 0 && -z $err && $(summary lexicons) == 1 ]] && ok "the built-in en-zh lexicon is found in the build tree" ||
    not_ok "the built-in en-zh lexicon is found in the build tree" "$err" "$(summary lexicons)"
else
  skip "the built-in en-zh lexicon is found in the build tree" "build/lexicons/en-zh.lex not built (offline?)"
fi

# the lexical score earns its place on real literary text (a MAC chapter of ../shared)
A=$SHARED/eval/align/en-zh/dev
if ! have_shared; then
  skip "lexicons raise strict F1 on a MAC chapter" "no $SHARED/eval"
elif [[ ! -f $ROOT/build/lexicons/en-zh.lex ]]; then
  skip "lexicons raise strict F1 on a MAC chapter" "build/lexicons/en-zh.lex not built"
else
  f1() { python3 "$SHARED/eval/align/score.py" -g "$A/gold/mac-dev-002.en-zh.align" -t "$1" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["f1_strict"])'; }
  "$POLYALIGN" align -q --presegmented --langs en,zh "$A/docs/mac-dev-002.en" "$A/docs/mac-dev-002.zh" >"$SCRATCH/lex.align"
  statuses=$?
  "$POLYALIGN" align -q --presegmented --langs en,zh --no-score lexicon "$A/docs/mac-dev-002.en" \
    "$A/docs/mac-dev-002.zh" >"$SCRATCH/nolex.align"
  statuses+=" $?"
  with=$(f1 "$SCRATCH/lex.align") without=$(f1 "$SCRATCH/nolex.align")
  if [[ $statuses == "0 0" ]] && awk -v a="$with" -v b="$without" 'BEGIN{exit !(a >= b + 0.1)}'; then
    ok "lexicons raise strict F1 on a MAC chapter"
  else
    not_ok "lexicons raise strict F1 on a MAC chapter" "with $with, without $without (exit statuses $statuses)"
  fi
fi

# the jsonl summary reports the fitted bead priors, up to 5-1 and 1-5
run_ok align -q --format jsonl --lexicon-dir "$empty" "$en" "$zh"
check "jsonl summary: fitted priors of every shape" python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
s = lines[-1]["summary"]
p = s["pairs"][0]["prior"]
assert {"1-1", "2-1", "2-2", "3-2", "5-1", "1-5"} <= set(p), p
assert abs(sum(p.values()) - 1) < 0.02, sum(p.values())
assert s["beads"] == len(lines) - 1 and s["pairs"][0]["refits"] >= 1
' "$out"

# user lexicons
printf 'Internet\t互联网\n# a comment\n\nWorld Internet Conference\t世界互联网大会\n' >"$SCRATCH/terms.tsv"
run align -q --format jsonl --lexicon-dir "$empty" --lexicon "$SCRATCH/terms.tsv" "$en" "$zh"
[[ $status -eq 0 && $(summary lexicons) == 1 ]] && ok "--lexicon TSV is used" || not_ok "--lexicon TSV is used" "$err"
printf '互联网 @ Internet\n网络空间 @ cyberspace\n' >"$SCRATCH/terms.dic"
run align -q --format jsonl --lexicon-dir "$empty" --lexicon "$SCRATCH/terms.dic" --lexicon "$SCRATCH/terms.tsv" "$en" "$zh"
[[ $status -eq 0 && $(summary lexicons) == 2 ]] && ok "--lexicon hunalign .dic, twice" || not_ok "--lexicon hunalign .dic, twice" "$err"

# three texts: a lexicon is for one translation, said with LANG= (an en-zh file applied to
# en-ru too failed with "no entries", or gave junk links)
# pairs FIELD : pairs[*].FIELD of the jsonl summary, space-separated
pairs() {
  python3 -c 'import json,sys
for l in sys.argv[1].splitlines():
    o = json.loads(l)
    if "summary" in o: print(" ".join(json.dumps(p[sys.argv[2]]) for p in o["summary"]["pairs"]))' "$out" "$1"
}
run align -q --format jsonl --lexicon-dir "$empty" --lexicon zh="$SCRATCH/terms.tsv" "$en" "$zh" "$ru"
[[ $status -eq 0 && $(pairs lexicons) == "1 0" ]] && ok "--lexicon zh=FILE with en zh ru: the en-zh pair only" ||
  not_ok "--lexicon zh=FILE with en zh ru: the en-zh pair only" "status $status" "$(pairs lexicons)" "$err"
run align --format jsonl --lexicon-dir "$empty" --lexicon zh-CN="$SCRATCH/terms.tsv" "$en" "$zh" "$ru"
[[ $status -eq 0 && $(grep -c 'no built-in' <<<"$err") -eq 1 && $err == *"no built-in en-ru lexicon"* ]] &&
  ok "--lexicon zh-CN=FILE: a region is fine; the en-ru pair still gets the missing-lexicon note" ||
  not_ok "--lexicon zh-CN=FILE, the en-ru note" "$err"
printf 'Internet	Интернет
' >"$SCRATCH/terms.ru.tsv"
run align -q --format jsonl --lexicon-dir "$empty" --lexicon ru="$SCRATCH/terms.ru.tsv" --lexicon zh="$SCRATCH/terms.tsv" \
  --lexicon zh="$SCRATCH/terms.dic" "$en" "$zh" "$ru"
[[ $status -eq 0 && $(pairs lexicons) == "2 1" ]] && ok "--lexicon repeated, one language each" ||
  not_ok "--lexicon repeated, one language each" "$(pairs lexicons)" "$err"
run align -q --lexicon-dir "$empty" --lexicon "$SCRATCH/terms.tsv" "$en" "$zh" "$ru"
expect_err "three texts, --lexicon without LANG=: usage error" 2 "say which one it is for: --lexicon LANG="
run align -q --lexicon-dir "$empty" --lexicon ru="$SCRATCH/terms.tsv" "$en" "$zh"
expect_err "--lexicon for a language no translation is in: usage error" 2 "no translation is in ru"
run align -q --format jsonl --lexicon-dir "$empty" --lexicon zh="$SCRATCH/terms.tsv" "$en" "$zh"
[[ $status -eq 0 && $(summary lexicons) == 1 ]] && ok "--lexicon zh=FILE with two texts" || not_ok "--lexicon zh=FILE with two texts" "$err"
cp "$SCRATCH/terms.tsv" "$SCRATCH/a=b.tsv"
(cd "$SCRATCH" && "$POLYALIGN" align -q --format jsonl --lexicon-dir "$empty" --lexicon "a=b.tsv" "$en" "$zh" >out.jsonl 2>err.txt)
[[ $? -eq 0 ]] && ok "--lexicon a=b.tsv: not a language before '=', so a file name" || not_ok "--lexicon a=b.tsv" "$(cat "$SCRATCH/err.txt")"

# many document groups share the user's lexicons, compiled once per pair: each group is
# aligned as it would be alone, both pairs of three texts included
ken=$corpus/keynote.en.txt kzh=$corpus/keynote.zh.txt kru=$corpus/keynote.ru.txt
aen=$corpus/address.en.txt azh=$corpus/address.zh.txt aru=$corpus/address.ru.txt
langs=(--format jsonl --lexicon-dir "$empty" --lexicon zh="$SCRATCH/terms.tsv" --lexicon ru="$SCRATCH/terms.ru.tsv")
"$POLYALIGN" align -q "${langs[@]}" --langs en,zh,ru "$ken" "$kzh" "$kru" "$aen" "$azh" "$aru" >"$SCRATCH/groups.jsonl"
statuses=$?
{
  "$POLYALIGN" align -q "${langs[@]}" --langs en,zh,ru "$ken" "$kzh" "$kru"
  statuses+=" $?"
  "$POLYALIGN" align -q "${langs[@]}" --langs en,zh,ru "$aen" "$azh" "$aru"
  statuses+=" $?"
} >"$SCRATCH/alone.jsonl"
out=$(cat "$SCRATCH/groups.jsonl")
# each bead of several documents names its document; apart from that, the same lines
sed 's/,"document":"[^"]*"}$/}/' "$SCRATCH/groups.jsonl" >"$SCRATCH/groups.bare.jsonl"
named=$(grep -c '"document":"[^"]*keynote.en.txt"}$' "$SCRATCH/groups.jsonl"):$(grep -c '"document":"[^"]*address.en.txt"}$' "$SCRATCH/groups.jsonl")
[[ $statuses == "0 0 0" && -s $SCRATCH/groups.jsonl && $(pairs lexicons) == $'1 1\n1 1' && $named != 0:* && $named != *:0 ]] &&
  cmp -s "$SCRATCH/groups.bare.jsonl" "$SCRATCH/alone.jsonl" &&
  ok "two groups with user lexicons: each aligned as alone, every pair with its lexicon" ||
  not_ok "two groups with user lexicons: each aligned as alone" "exit statuses: $statuses" "lexicons: $(pairs lexicons)" \
    "$(diff "$SCRATCH/groups.jsonl" "$SCRATCH/alone.jsonl" | head -5)"
# read once: a pipe gives its text to the first reader only (a second read would wait for
# a writer that never comes, or find it empty)
mkfifo "$SCRATCH/once.tsv"
printf 'Internet\t互联网\n' >"$SCRATCH/once.tsv" &
writer=$!
timeout 60 "$POLYALIGN" align -q --lexicon-dir "$empty" --lexicon "$SCRATCH/once.tsv" --langs en,zh \
  "$ken" "$kzh" "$aen" "$azh" "$ken" "$kzh" >"$SCRATCH/once.out" 2>"$SCRATCH/once.err"
status=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[[ $status -eq 0 && -s $SCRATCH/once.out ]] && ok "a user lexicon is read once for three groups" ||
  not_ok "a user lexicon is read once for three groups" "status $status (124: it waited to read the pipe again)" \
    "$(cat "$SCRATCH/once.err")"

# a lexicon that fails to load is an error naming file and line, never a fallback
printf 'Internet\t互联网\nno tab on this line\n' >"$SCRATCH/bad.tsv"
run align -q --lexicon "$SCRATCH/bad.tsv" "$en" "$zh"
[[ $status -eq 65 && -z $out && $err == *"bad.tsv:2"* ]] && ok "malformed TSV lexicon: file and line, exit 65" ||
  not_ok "malformed TSV lexicon: file and line, exit 65" "status $status" "$err"
printf '互联网 Internet\n' >"$SCRATCH/bad.dic"
run align -q --lexicon "$SCRATCH/bad.dic" "$en" "$zh"
expect_err "malformed .dic lexicon" 65 "bad\.dic:1: expected 'target @ source'"
run align -q --langs en,zh,ru --lexicon zh="$SCRATCH/terms.tsv" --lexicon ru="$SCRATCH/bad.tsv" "$ken" "$kzh" "$kru" \
  "$aen" "$azh" "$aru"
[[ $status -eq 65 && -z $out && $err == *"bad.tsv:2"* ]] && ok "malformed lexicon, several groups: file and line, exit 65" ||
  not_ok "malformed lexicon, several groups: file and line, exit 65" "status $status" "$err"
printf 'Internet\t\xe4\xba\n' >"$SCRATCH/utf8.tsv"
run align -q --lexicon "$SCRATCH/utf8.tsv" "$en" "$zh"
expect_err "lexicon with invalid UTF-8" 65 'utf8\.tsv:1:[0-9]+: invalid UTF-8'
: >"$SCRATCH/empty.tsv"
run align -q --lexicon "$SCRATCH/empty.tsv" "$en" "$zh"
expect_err "empty lexicon" 65 'empty\.tsv: no lexicon entries'
run align -q --lexicon "$SCRATCH/absent.tsv" "$en" "$zh"
expect_err "missing lexicon file" 66 'absent\.tsv: cannot open lexicon'
printf 'not a lexicon' >"$SCRATCH/en-zh.lex"
run align -q --lexicon-dir "$SCRATCH" "$en" "$zh"
expect_err "damaged built-in lexicon" 65 'en-zh\.lex: not a polyalign lexicon'

done_testing
