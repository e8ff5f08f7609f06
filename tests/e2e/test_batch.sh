#!/usr/bin/env bash
# test_batch.sh — `polyalign batch` end to end: a set's TMX is align's, outputs are the
# same for any -j, failures and bad manifest lines are reported while the rest is
# aligned, --resume, --shard and --merge (one folder or several; GNU parallel), --from-dir,
# progress on a terminal and off it, usage errors. The sets are stretches of the Wuzhen
# sample (scripts/make_batch_sets.py), so nothing outside the tree is needed.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1479254400
sets=$SCRATCH/sets
python3 "$ROOT/scripts/make_batch_sets.py" wuzhen "$sets" 12 >/dev/null
manifest=$sets/manifest.tsv

# no_seconds FILE : the report without its timings, the one field that differs between runs
no_seconds() { sed -E 's/"seconds":[0-9.e+-]+,//; s/,"shard":"[0-9]+\/[0-9]+"//' "$1"; }

# same_outputs NAME DIR1 DIR2 : all.tmx, every docs/*.tmx and the report (timings aside)
same_outputs() {
  local name=$1 a=$2 b=$3 diffs=""
  for f in all.tmx $(cd "$a" && ls docs/*.tmx); do cmp -s "$a/$f" "$b/$f" || diffs+=" $f"; done
  [[ -z $diffs ]] && diff -q <(no_seconds "$a/report.jsonl") <(no_seconds "$b/report.jsonl") >/dev/null &&
    ok "$name" || not_ok "$name" "differ:$diffs" "$(diff <(no_seconds "$a/report.jsonl") <(no_seconds "$b/report.jsonl") | head -4)"
}

# --- a batch, and what it writes ---
run_ok batch "$manifest" -o "$SCRATCH/j1" -j 1 --presegmented -q
[[ -s $SCRATCH/j1/all.tmx && $(ls "$SCRATCH/j1/docs"/*.tmx | wc -l) -eq 12 && $(wc -l <"$SCRATCH/j1/report.jsonl") -eq 12 ]] &&
  ok "a TMX per set, all.tmx and a report line per set" || not_ok "outputs of a batch" "$(ls -R "$SCRATCH/j1" | head)" "$err"
[[ $err == *"12 sets in"*"12 aligned, 0 failed"* && $err == *"all.tmx: "*" units"* ]] && ok "closing summary, also with -q" ||
  not_ok "closing summary" "$err"
first=$(sed -n 2p "$manifest" | cut -f1)
run_ok align -q --presegmented --langs en,zh,ru "$sets/sets/$first.en" "$sets/sets/$first.zh" "$sets/sets/$first.ru" -o "$SCRATCH/one.tmx"
check "a set's TMX is byte for byte what align writes for it" cmp "$SCRATCH/one.tmx" "$SCRATCH/j1/docs/$first.tmx"
check "report lines: sentences per language, beads, confidence, doubtful beads, units, seconds, TMX" \
  python3 - "$SCRATCH/j1/report.jsonl" "$sets" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["set"] for l in lines] == list(range(12)), "manifest order"
for o in lines:
    assert o["error"] is None and o["sets"] == 12 and o["line"] == o["set"] + 2, o
    for lang, path in zip(o["langs"], o["files"]):
        assert o["sentences"][lang] == sum(1 for _ in open(sys.argv[2] + "/" + path)), (o, lang)
    assert o["beads"] > 0 and 0 < o["mean_confidence"] <= 1 and 0 <= o["doubtful"] <= o["beads"], o
    assert 0 <= o["units"] <= o["beads"] and o["seconds"] >= 0 and o["tmx"] == "docs/%s.tmx" % o["id"], o
PY
ids=$(cut -f1 "$manifest" | tail -n +2)
run_ok tmx merge -q -o "$SCRATCH/merged.tmx" $(for i in $ids; do echo "$SCRATCH/j1/docs/$i.tmx"; done)
check "all.tmx is tmx merge of the sets' TMX files in manifest order" cmp "$SCRATCH/merged.tmx" "$SCRATCH/j1/all.tmx"
run_ok batch "$manifest" -o "$SCRATCH/j3" -j 3 --presegmented -q
same_outputs "the same outputs byte for byte with -j 1 and -j 3" "$SCRATCH/j1" "$SCRATCH/j3"
run_ok tmx validate "$SCRATCH/j3/all.tmx"

# --- one set failing does not stop the batch ---
cp -r "$sets" "$SCRATCH/bad"
printf 'Broken \xff\xfe text.\n' >"$SCRATCH/bad/sets/$first.zh"
run batch "$SCRATCH/bad/manifest.tsv" -o "$SCRATCH/bad/out" -j 2 --presegmented
expect_err "a set that fails: exit 1 at the end with the count" 1 "1 of 12 document sets failed"
expect_err "the failure on stderr, naming the manifest line and the set" 1 "manifest.tsv:2: $first: .*$first.zh.*(UTF-8|byte)"
[[ ! -e $SCRATCH/bad/out/docs/$first.tmx && $(ls "$SCRATCH/bad/out/docs"/*.tmx | wc -l) -eq 11 && -s $SCRATCH/bad/out/all.tmx ]] &&
  ok "the other sets are aligned, all.tmx made of them" || not_ok "the other sets are aligned" "$(ls "$SCRATCH/bad/out/docs")"
check "the failed set's report line holds the error" python3 -c '
import json, sys
o = json.loads(open(sys.argv[1]).readline())
assert o["error"] and o["tmx"] is None and "sentences" not in o, o' "$SCRATCH/bad/out/report.jsonl"

# --- --resume: done sets are kept, failed and missing ones aligned again ---
cp "$sets/sets/$first.zh" "$SCRATCH/bad/sets/$first.zh"
second=$(sed -n 3p "$manifest" | cut -f1)
rm "$SCRATCH/bad/out/docs/$second.tmx"
run batch "$SCRATCH/bad/manifest.tsv" -o "$SCRATCH/bad/out" -j 2 --presegmented --resume -q
expect_err "--resume aligns the failed and the missing set, keeps the ten others" 0 "2 aligned, 0 failed, 10 kept from an earlier run"
same_outputs "after --resume the outputs are those of one clean run" "$SCRATCH/j1" "$SCRATCH/bad/out"
run batch "$SCRATCH/bad/manifest.tsv" -o "$SCRATCH/bad/out" --presegmented --resume -q
expect_err "--resume of a finished batch aligns nothing" 0 "0 aligned, 0 failed, 12 kept"
cp "$SCRATCH/bad/sets/$second.en" "$SCRATCH/bad/sets/$second.copy.en"
sed -i "s|sets/$second.en|sets/$second.copy.en|" "$SCRATCH/bad/manifest.tsv"
run batch "$SCRATCH/bad/manifest.tsv" -o "$SCRATCH/bad/out" --presegmented --resume -q
expect_err "--resume aligns a set whose files changed in the manifest" 0 "1 aligned, 0 failed, 11 kept"

# --- bad manifests ---
m=$SCRATCH/m
mkdir -p "$m/sub" "$SCRATCH/elsewhere"
cp "$sets/sets/$first".* "$m/sub/"
cp "$sets/sets/$first.zh" "$m/sub/$first.de.txt"
cp "$sets/sets/$first.zh" "$SCRATCH/elsewhere/x.zh"
{
  printf 'id\ten\tzh\tru\n'
  printf 'good\tsub/%s.en\tsub/%s.zh\tsub/%s.ru\n' "$first" "$first" "$first"
  printf 'missing\tsub/%s.en\tsub/nothere.zh\tsub/%s.ru\n' "$first" "$first"
  printf 'short\tsub/%s.en\tsub/%s.zh\n' "$first" "$first"
  printf 'good\tsub/%s.en\tsub/%s.zh\tsub/%s.ru\n' "$first" "$first" "$first"
  printf 'swapped\tsub/%s.en\tsub/%s.ru\tsub/%s.zh\n' "$first" "$first" "$first"
  printf 'outside\tsub/%s.en\t../elsewhere/x.zh\tsub/%s.ru\n' "$first" "$first"
  printf '# a comment\n\n'
  printf '../up\tsub/%s.en\tsub/%s.zh\tsub/%s.ru\n' "$first" "$first" "$first"
  printf 'german\tsub/%s.en\tsub/%s.de.txt\tsub/%s.ru\n' "$first" "$first" "$first"
} >"$m/manifest.tsv"
run batch "$m/manifest.tsv" -o "$m/out" --presegmented
expect_err "bad lines: exit 1, counted" 1 "6 of 8 document sets failed"
expect_err "a missing file, named with its line" 1 "manifest.tsv:3: missing: sub/nothere.zh: No such file"
expect_err "a wrong column count, with its line" 1 "manifest.tsv:4: short: 3 columns, but the header has 4"
expect_err "a duplicate id, with both lines" 1 "manifest.tsv:5: good: the id 'good' is already used on line 2"
expect_err "a file in the column of another language" 1 "manifest.tsv:6: swapped: sub/$first.ru is in the zh-CN column, but its name says ru"
expect_err "a file named in a language the header lacks" 1 "manifest.tsv:11: german: sub/$first.de.txt is in the zh-CN column, but its name says de, a language the header does not name"
expect_err "a path outside the manifest's folder is reported" 1 "warning: .*manifest.tsv:7: ../elsewhere/x.zh is outside the manifest's folder"
expect_err "an id that cannot name a file" 1 "manifest.tsv:10: ../up: the id '../up' cannot name a file"
[[ -s $m/out/docs/good.tmx && -s $m/out/docs/outside.tmx && $(ls "$m/out/docs"/*.tmx | wc -l) -eq 2 ]] &&
  ok "the good lines are aligned, the one outside the folder too" || not_ok "good lines aligned" "$(ls "$m/out/docs")"
check "the outside note is in the report" grep -q '"note":"../elsewhere/x.zh is outside' "$m/out/report.jsonl"
printf 'id\ten\tklingon-xx-yy-zz\n' >"$m/lang.tsv"
run batch "$m/lang.tsv" -o "$m/o2"
expect_err "a language the header names that ICU does not know: exit 65, line and column" 65 "lang.tsv:1: column 3 of the header"
printf 'doc\ta.en\ta.zh\n' >"$m/nohead.tsv"
run batch "$m/nohead.tsv" -o "$m/o2"
expect_err "no header: exit 65, what it must be" 65 "nohead.tsv:1: the first line must be the header 'id<TAB>LANG"
: >"$m/empty.tsv"
run batch "$m/empty.tsv" -o "$m/o2"
expect_err "an empty manifest: exit 65" 65 "empty.tsv: empty manifest"
printf 'id\ten\tzh\n\n# nothing\n' >"$m/header.tsv"
run batch "$m/header.tsv" -o "$m/o2"
expect_err "a header and no set: exit 65 naming the header's line" 65 "header.tsv:1: no document set after the header"
run batch "$m/nothere.tsv" -o "$m/o2"
expect_err "a missing manifest: exit 66" 66 "nothere.tsv"
[[ ! -e $m/o2 ]] && ok "a manifest refused writes nothing" || not_ok "a manifest refused writes nothing" "$(ls "$m/o2")"

# --- --shard and --merge ---
for k in 0 1 2; do run batch "$manifest" -o "$SCRATCH/sh" --shard $k/3 --presegmented -q -j 1; done
[[ -e $SCRATCH/sh/report.2-of-3.jsonl && ! -e $SCRATCH/sh/all.tmx && $(wc -l <"$SCRATCH/sh/report.0-of-3.jsonl") -eq 4 ]] &&
  ok "a shard writes its report (every third set) and no all.tmx" || not_ok "shard outputs" "$(ls "$SCRATCH/sh")"
run_ok batch --merge "$SCRATCH/sh"
same_outputs "three shards merged in one folder: the outputs of one run" "$SCRATCH/j1" "$SCRATCH/sh"
for k in 0 1; do run batch "$manifest" -o "$SCRATCH/s2-$k" --shard $k/2 --presegmented -q; done
run_ok batch --merge "$SCRATCH/s2-0" "$SCRATCH/s2-1" -o "$SCRATCH/s2"
check "shards in two folders merged into a third: the same all.tmx" cmp "$SCRATCH/j1/all.tmx" "$SCRATCH/s2/all.tmx"
check "the merged report's TMX paths lead from its folder to the shards'" \
  bash -c 'cd "$1" && for t in $(grep -o "\"tmx\":\"[^\"]*\"" report.jsonl | cut -d\" -f4); do [[ -s $t && $t == ../s2-* ]] || exit 1; done' _ "$SCRATCH/s2"
rm "$SCRATCH/s2-1/report.1-of-2.jsonl" "$SCRATCH/s2/all.tmx"
run batch --merge "$SCRATCH/s2-0" "$SCRATCH/s2-1" -o "$SCRATCH/s2"
expect_err "a missing shard: exit 65, named; nothing written" 65 "shard 1/2 is missing"
[[ ! -e $SCRATCH/s2/all.tmx ]] && ok "no all.tmx from an incomplete merge" || not_ok "no all.tmx from an incomplete merge"
if command -v parallel >/dev/null; then
  check "GNU parallel runs four shards" env POLYALIGN="$POLYALIGN" M="$manifest" O="$SCRATCH/par" \
    parallel -j 2 --halt now,fail=1 '"$POLYALIGN" batch "$M" -o "$O" --shard {}/4 --presegmented -q -j 1' ::: 0 1 2 3
  run_ok batch --merge "$SCRATCH/par"
  same_outputs "GNU parallel over four shards, merged: the outputs of one run" "$SCRATCH/j1" "$SCRATCH/par"
else
  skip "GNU parallel flow" "parallel is not installed (apt-get install parallel)"
fi

# --- --from-dir ---
fd=$SCRATCH/fd
mkdir -p "$fd"
for i in $(echo "$ids" | head -4); do for l in en zh ru; do cp "$sets/sets/$i.$l" "$fd/$i.$l.txt"; done; done
cp "$sets/sets/$second.en" "$fd/lonely.en.txt"
echo "not a text of the batch" >"$fd/README"
run batch --from-dir "$fd" --langs en,zh,ru -o "$SCRATCH/fdo" --presegmented -q
expect_err "--from-dir: a set per NAME, one lacking a language fails" 1 "fd: lonely: no zh-CN file \(lonely.zh or lonely.zh.EXT\)"
# the documents' names differ (x-polyalign-document is the pivot's file name), nothing else
[[ $(ls "$SCRATCH/fdo/docs"/*.tmx | wc -l) -eq 4 ]] && check "--from-dir aligns as the manifest does" \
  cmp <(grep -v x-polyalign-document "$SCRATCH/fdo/docs/$first.tmx") <(grep -v x-polyalign-document "$SCRATCH/j1/docs/$first.tmx") ||
  not_ok "--from-dir sets" "$(ls "$SCRATCH/fdo/docs")"
run batch --from-dir "$SCRATCH/j1" --langs en,zh -o "$SCRATCH/fdo2"
expect_err "--from-dir with no file in the languages: exit 65" 65 "no file named NAME.LANG or NAME.LANG.EXT in en, zh"

# --- progress ---
run batch "$manifest" -o "$SCRATCH/p" --presegmented -j 2
[[ $(grep -c '^polyalign: [0-9]*/12 sets' <<<"$err") -ge 5 && $err != *$'\r'* ]] &&
  ok "not a terminal: plain progress lines, every tenth of the sets" || not_ok "plain progress lines" "$err"
if script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "'$POLYALIGN' batch '$manifest' -o '$SCRATCH/p' --presegmented -j 2" /dev/null >"$SCRATCH/tty.log" 2>&1
  grep -q $'\r\033\\[Kpolyalign: [0-9]*/12 sets, [0-9]* sentences/s' "$SCRATCH/tty.log" && grep -q "12 sets in" "$SCRATCH/tty.log" &&
    ok "a terminal: one status line rewritten in place, then the summary" || not_ok "terminal progress" "$(head -c 400 "$SCRATCH/tty.log" | cat -A)"
  script -qec "'$POLYALIGN' batch '$manifest' -o '$SCRATCH/p' --presegmented -q" /dev/null >"$SCRATCH/tty.log" 2>&1
  ! grep -q $'\r\033' "$SCRATCH/tty.log" && grep -q "12 sets in" "$SCRATCH/tty.log" &&
    ok "-q on a terminal: no status line, the summary" || not_ok "-q on a terminal" "$(head -c 400 "$SCRATCH/tty.log" | cat -A)"
else
  skip "progress on a terminal" "script (util-linux) cannot open a terminal here"
fi

# --- usage ---
run batch "$manifest"
expect_err "-o is required" 2 "-o OUTDIR is required"
run batch "$manifest" -o "$SCRATCH/u" --shard 3/3
expect_err "--shard K counts from 0" 2 "--shard takes K/N with K from 0 to N-1"
run batch "$manifest" -o "$SCRATCH/u" --langs en,zh
expect_err "--langs belongs to --from-dir" 2 "--langs goes with --from-dir"
run batch "$manifest" -o "$SCRATCH/u" -j 0
expect_err "-j 0" 2 "--jobs takes a whole number from 1"
run batch --merge --shard 0/2 "$SCRATCH/sh"
expect_err "--merge takes no --shard" 2 "--merge takes output folders of shards"
touch "$SCRATCH/afile"
run batch "$manifest" -o "$SCRATCH/afile" -q
expect_err "an output folder that is a file: exit 74" 74 "afile: cannot make the output folder"

done_testing
