#!/usr/bin/env bash
# test_review.sh — the review page: `align --review` and `batch --review` write one
# self-contained HTML file per page (no network, the same bytes for the same alignment),
# a row per bead with its shape and confidence, the doubtful ones marked; and in a real
# browser (headless Chromium over its DevTools pipe, scripts/review_browser.py) the rows
# render, n / p move the focus to the next / previous doubtful bead, the filter and
# "doubtful only" hide what they should, and a batch's index leads to every set's page.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1479254400
corpus=$ROOT/corpus/wuzhen
texts=("$corpus/article.en.txt" "$corpus/article.zh.txt" "$corpus/article.ru.txt")

# page_facts PAGE : "rows doubtful first-doubtful second-doubtful" as the HTML says
page_facts() {
  python3 - "$1" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r'<tr class="row( doubtful)?[^"]*" id="([^"]+)"', html)
doubtful = [i for d, i in rows if d]
print(len(rows), len(doubtful), *(doubtful + ["-", "-"])[:2])
PY
}

# --- align --review ---
run_ok align -q --langs en,zh,ru --min-score 0.99 "${texts[@]}" -o "$SCRATCH/a.tmx" --review "$SCRATCH/a.html"
run_ok align -q --langs en,zh,ru "${texts[@]}"
bead_lines=$out
beads=$(wc -l <<<"$bead_lines")
below=$(awk -F: '$NF < 0.99' <<<"$bead_lines" | wc -l)
read -r rows doubtful first second < <(page_facts "$SCRATCH/a.html")
[[ $rows -eq $beads && $doubtful -eq $below && $below -ge 2 ]] &&
  ok "a row per bead ($rows), the $below below --min-score 0.99 marked doubtful" ||
  not_ok "rows and doubtful rows" "rows $rows of $beads beads, doubtful $doubtful of $below"
check "the page holds the texts, shapes and confidences, each cell in its language" python3 - "$SCRATCH/a.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert '<td class="text" lang="zh-CN"' in html and '<td class="text" lang="ru-RU"' in html, "language of cells"
assert "乌镇" in html and re.search("[А-Яа-я]{4}", html), "Chinese and Russian text"
assert re.search(r'<td class="shape">\d+-\d+-\d+</td>', html), "three-text shapes"
assert re.search(r'<td class="score">.*?0\.\d{3}</td>', html), "confidences"
PY
check "self-contained: inline style and script, nothing fetched" python3 - "$SCRATCH/a.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert "<style>" in html and "<script>" in html
assert not re.search(r'(src|href)\s*=|<link|@import|url\(|https?://', html, re.I), "external reference"
PY
run_ok align -q --langs en,zh,ru --min-score 0.99 "${texts[@]}" -o "$SCRATCH/b.tmx" --review "$SCRATCH/b.html"
check "the same alignment gives the same page, byte for byte" cmp "$SCRATCH/a.html" "$SCRATCH/b.html"
printf 'Use <b> & "quotes" here.\nThe second sentence.\n' >"$SCRATCH/m.en"
printf 'Используйте <b> & «кавычки» здесь.\nВторое предложение.\n' >"$SCRATCH/m.ru"
run_ok align -q --presegmented "$SCRATCH/m.en" "$SCRATCH/m.ru" --review "$SCRATCH/m.html"
check "markup in the text is shown as text (escaped)" grep -q 'Use &lt;b&gt; &amp; &quot;quotes&quot; here.' "$SCRATCH/m.html"
run align -q --presegmented "$SCRATCH/m.en" "$SCRATCH/nothere.ru" --review "$SCRATCH/gone.html"
[[ $status -eq 66 && ! -e $SCRATCH/gone.html ]] && ok "no page when align fails" || not_ok "no page when align fails" "$status"
run_ok align -q --presegmented "$SCRATCH/m.en" "$SCRATCH/m.ru" "$SCRATCH/m.en" "$SCRATCH/m.ru" --langs en,ru --review "$SCRATCH/two.html"
[[ $(grep -c '<h2>' "$SCRATCH/two.html") -eq 2 && $(grep -c '<table>' "$SCRATCH/two.html") -eq 2 ]] &&
  ok "several documents: a heading and a table each on one page" || not_ok "several documents on one page"

# --- batch --review ---
sets=$SCRATCH/sets
python3 "$ROOT/scripts/make_batch_sets.py" wuzhen "$sets" 6 >/dev/null
printf 'broken\tsets/nothere.en\tsets/nothere.zh\tsets/nothere.ru\n' >>"$sets/manifest.tsv"
run batch "$sets/manifest.tsv" -o "$SCRATCH/rb" --presegmented --review -q --min-score 0.99
[[ $status -eq 1 && $(ls "$SCRATCH/rb/review"/*.html | wc -l) -eq 7 ]] &&
  ok "batch --review: a page per aligned set and review/index.html" || not_ok "batch pages" "$(ls "$SCRATCH/rb/review")" "$err"
read -r irows iflagged ifirst _ < <(page_facts "$SCRATCH/rb/review/index.html")
check "the index: a row per set, the failed one and those with doubtful beads marked, links that lead to the pages" \
  python3 - "$SCRATCH/rb" "$irows" "$iflagged" <<'PY'
import json, os, re, sys
out, rows, flagged = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
report = [json.loads(l) for l in open(os.path.join(out, "report.jsonl"))]
assert rows == len(report) == 7, (rows, len(report))
assert flagged == sum(1 for r in report if r["error"] or r.get("doubtful")), flagged
html = open(os.path.join(out, "review/index.html"), encoding="utf-8").read()
links = re.findall(r'<a href="([^"]+)"', html)
assert len(links) == 6, links
for link in links:
    assert os.path.exists(os.path.join(out, "review", link)), link
assert "nothere.en" in html, "the failed set's error"
PY
rm "$SCRATCH/rb/review/$(sed -n 2p "$sets/manifest.tsv" | cut -f1).html"
run batch "$sets/manifest.tsv" -o "$SCRATCH/rb" --presegmented --review -q --resume --min-score 0.99
expect_err "--resume --review aligns again a set whose page is missing" 1 "1 aligned, 1 failed, 5 kept"
for k in 0 1; do run batch "$sets/manifest.tsv" -o "$SCRATCH/rs" --presegmented --review -q --shard $k/2 --min-score 0.99; done
run batch --merge --review --min-score 0.99 "$SCRATCH/rs"
expect_err "batch --merge --review: exit 1, a set failed" 1 "7 sets merged, 1 failed"
check "shards merged with --review: the same index as one run" cmp "$SCRATCH/rb/review/index.html" "$SCRATCH/rs/review/index.html"

# --- in a browser ---
browse() { python3 "$ROOT/scripts/review_browser.py" "$@" 2>"$SCRATCH/browser.err"; }
if ! command -v chromium >/dev/null; then
  skip "the pages in a browser" "chromium is not installed (apt-get install chromium; CI installs it)"
  done_testing
  exit
fi
got=$(browse "$SCRATCH/a.html" 'eval:document.querySelectorAll("tr.row").length' \
  'eval:document.getElementById("shown").textContent' \
  key:n 'eval:document.activeElement.id' key:n 'eval:document.activeElement.id' key:p 'eval:document.activeElement.id' \
  'eval:document.body.innerText.includes("乌镇") && /[А-Яа-я]{4}/.test(document.body.innerText)')
want=$(printf '%s\n' "$rows" "\"$rows / $rows\"" "\"$first\"" "\"$second\"" "\"$first\"" true)
[[ $got == "$want" ]] && ok "Chromium renders every row; n, n, p: the first, second, first doubtful bead" ||
  not_ok "rows and keys in Chromium" "got:  $(tr '\n' ' ' <<<"$got")" "want: $(tr '\n' ' ' <<<"$want")" "$(tail -n 3 "$SCRATCH/browser.err")"
at_most=$(awk -F: '$NF <= 0.98' <<<"$bead_lines" | wc -l)
got=$(browse "$SCRATCH/a.html" \
  'eval:(() => { const f = document.getElementById("filter"); f.value = 0.98; f.dispatchEvent(new Event("input")); return document.querySelectorAll("tr.row:not([hidden])").length })()' \
  'eval:(() => { const f = document.getElementById("filter"); f.value = 1; f.dispatchEvent(new Event("input")); document.getElementById("doubtful-only").click(); return document.querySelectorAll("tr.row:not([hidden])").length })()' \
  key:f 'eval:document.activeElement.id')
want=$(printf '%s\n' "$at_most" "$below" '"filter"')
[[ $got == "$want" ]] && ok "the filter keeps the beads at most 0.98, 'doubtful only' the doubtful ones; f goes to the filter" ||
  not_ok "filter in Chromium" "got:  $(tr '\n' ' ' <<<"$got")" "want: $(tr '\n' ' ' <<<"$want")" "$(tail -n 3 "$SCRATCH/browser.err")"
got=$(browse "$SCRATCH/rb/review/index.html" key:n 'eval:document.activeElement.id')
[[ $got == "\"$ifirst\"" ]] && ok "the index: n goes to the first set with doubtful beads" ||
  not_ok "index keys in Chromium" "$got" "$(tail -n 3 "$SCRATCH/browser.err")"
done_testing
