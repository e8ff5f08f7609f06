#!/usr/bin/env bash
# test_corpus.sh — the Wuzhen sample: every text segments cleanly, and every gold
# alignment covers each sentence of both sides exactly once, in order.
source "$(dirname "$0")/lib.sh"
corpus=$ROOT/corpus/wuzhen

for f in "$corpus"/*.txt; do
  lang=${f%.txt}; lang=${lang##*.}
  run segment --lang "$lang" "$f"
  grep -v '^$' "$SCRATCH/out" >"$SCRATCH/$(basename "$f" .txt).sents"
  [[ $status -eq 0 && -z $err && -s $SCRATCH/$(basename "$f" .txt).sents ]] && ok "$(basename "$f") segments" ||
    not_ok "$(basename "$f") segments" "status $status" "stderr: $err"
done

# covers GOLD SRC_SENTS TGT_SENTS : beads partition both sides, monotonically
covers() {
  python3 - "$@" <<'PY'
import re, sys
gold, src, tgt = sys.argv[1:]
n = [sum(1 for _ in open(src, encoding="utf-8")), sum(1 for _ in open(tgt, encoding="utf-8"))]
seen = [[], []]
for line in open(gold, encoding="utf-8"):
    sides = re.findall(r"\[([0-9, ]*)\]", line)
    assert len(sides) == 2, line
    for k in range(2):
        seen[k] += [int(x) for x in sides[k].split(",") if x.strip()]
for k in range(2):
    assert seen[k] == list(range(n[k])), f"side {k}: {seen[k]} vs {n[k]} sentences"
PY
}
for g in "$corpus"/gold/*.align; do
  name=$(basename "$g" .align)          # article.en-zh
  text=${name%%.*} pair=${name#*.}
  check "gold $name covers both texts" covers "$g" "$SCRATCH/$text.${pair%-*}.sents" "$SCRATCH/$text.${pair#*-}.sents"
done

done_testing
