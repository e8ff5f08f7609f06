#!/usr/bin/env bash
# test_nomem.sh — out of memory is exit 71 with the one message "out of memory", never a
# crash, a leak, another exit status or a silently smaller result (issue 17).
#
# The sanitizer build can fail allocations (src/util/alloc_fail.c): with
# POLYALIGN_FAIL_MALLOC_AFTER=N the first N allocations of polyalign's own code succeed and
# all later ones fail. Each command below runs for N = 0, 1, 2 … until it succeeds, as
# SQLite's tests do; every run before must end with "polyalign: out of memory" and exit 71
# under ASan and LSan, and the run that succeeds must write what an unhindered run writes.
# Past the first 32 values, N advances by a step that grows slowly (1 + N/16), so a command
# of a thousand allocations takes about a hundred runs rather than a thousand.
source "$(dirname "$0")/lib.sh"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
export SOURCE_DATE_EPOCH=1700000000

cat >"$SCRATCH/tiny.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"><prop type="x-po-header">Language: zh_CN
</prop></header><body>
<tu tuid="1"><prop type="x-context">menu</prop><note>a note</note><tuv xml:lang="en"><seg>Open <bpt i="1">&lt;b&gt;</bpt>file<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="zh-CN"><seg>打开文件</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Close</seg></tuv><tuv xml:lang="zh-CN"><seg>关闭</seg></tuv></tu>
<tu tuid="3"><tuv xml:lang="en"><seg>Close</seg></tuv><tuv xml:lang="zh-CN"><seg>关上</seg></tuv></tu>
</body></tmx>
TMX
cat >"$SCRATCH/tiny.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

#. extracted
#, c-format
msgctxt "menu"
msgid "Open %s"
msgstr "Открыть %s"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"
PO
printf '1\n00:00:01,000 --> 00:00:03,000\nHello there, <i>world</i>.\n\n2\n00:00:03,500 --> 00:00:05,000\nSecond cue\nwith two lines.\n\n' >"$SCRATCH/tiny.srt"
printf 'The first sentence. The second one is here!\n\nA new paragraph starts. It ends.\n' >"$SCRATCH/tiny.en"
printf 'Первое предложение. Второе здесь!\n\nНовый абзац начинается. Он кончается.\n' >"$SCRATCH/tiny.ru"

POLYALIGN_FAIL_MALLOC_AFTER=0 "$POLYALIGN" tmx stats "$SCRATCH/tiny.tmx" >/dev/null 2>&1
if [[ $? -ne 71 ]]; then
  skip "allocation failures" "$POLYALIGN cannot fail allocations (only the sanitizer build can)"
  done_testing
  exit
fi

# until_success NAME OUTPUT ARGS… : the loop; OUTPUT is the file the command writes ("-": stdout)
until_success() {
  local name=$1 output=$2 n=0 runs=0 bad="" status
  shift 2
  local result=$SCRATCH/result
  [[ $output == - ]] || result=$output
  "$POLYALIGN" "$@" >"$SCRATCH/stdout" 2>/dev/null
  cp "${output/#-/$SCRATCH/stdout}" "$SCRATCH/expected"
  while ((n < 20000)); do
    rm -f "$SCRATCH/result"
    [[ $output == - ]] || rm -f "$output"
    POLYALIGN_FAIL_MALLOC_AFTER=$n "$POLYALIGN" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/err"
    status=$?
    runs=$((runs + 1))
    [[ $output == - ]] && cp "$SCRATCH/stdout" "$result"
    if [[ $status -eq 0 ]]; then
      cmp -s "$result" "$SCRATCH/expected" || bad+="N=$n: succeeded with another output; "
      break
    fi
    if [[ $status -ne 71 || $(tail -n 1 "$SCRATCH/err") != "polyalign: out of memory" ||
      $(grep -c 'out of memory\|Sanitizer\|runtime error' "$SCRATCH/err") -ne 1 ]]; then
      bad+="N=$n: status $status: $(grep -v '^    #' "$SCRATCH/err" | head -c 300); "
      [[ ${#bad} -gt 1500 ]] && break
    fi
    [[ $output == - || ! -e $output ]] || bad+="N=$n: $output written though the run failed; "
    n=$((n < 32 ? n + 1 : n + 1 + n / 16))
  done
  [[ $status -eq 0 && -z $bad ]] && ok "$name: out of memory at every step is exit 71, one message ($runs runs)" ||
    not_ok "$name: out of memory at every step is exit 71, one message" "$bad" "last status $status after $runs runs"
}

T=$SCRATCH/tiny
until_success "tmx stats (TMX reader)" - tmx stats "$T.tmx"
until_success "tmx extract (TMX reader)" - tmx extract --langs en,zh "$T.tmx"
until_success "tmx merge (TMX reader and writer)" "$SCRATCH/merged.tmx" tmx merge -q "$T.tmx" "$T.tmx" -o "$SCRATCH/merged.tmx"
until_success "po2tmx (PO bridge, TMX writer)" "$SCRATCH/po.tmx" po2tmx "$T.po" -o "$SCRATCH/po.tmx"
until_success "tmx2po (TMX reader, PO bridge)" "$SCRATCH/back.po" tmx2po --lang ru "$SCRATCH/po.tmx" -o "$SCRATCH/back.po"
until_success "tmx lookup (index, fuzzy matches: never 'no match' for a lookup cut short)" - \
  tmx lookup --tm "$T.tmx" --src en --tgt zh "Open file" "Close it"
until_success "srt check (SRT reader)" - srt check --lang en "$T.srt"
until_success "srt fix (SRT reader and writer)" "$SCRATCH/fixed.srt" srt fix "$T.srt" --lang en -o "$SCRATCH/fixed.srt"
until_success "segment (segmenter input)" - segment --lang en "$T.en"
until_success "subtitle --duration" "$SCRATCH/tiny.out.srt" subtitle --lang en --duration 20 "$T.en" -o "$SCRATCH/tiny.out.srt"
until_success "align --format tmx" "$SCRATCH/aligned.tmx" align -q --presegmented --format tmx "$T.en" "$T.ru" -o "$SCRATCH/aligned.tmx"
# a batch of two sets on two threads: out of memory on any thread stops the batch (exit
# 71, said once), never a set counted as failed; all.tmx only when it succeeds
printf 'id\ten\tru\none\ttiny.en\ttiny.ru\ntwo\ttiny.en\ttiny.ru\n' >"$SCRATCH/sets.tsv"
until_success "batch -j 2 (manifest, threads, report, all.tmx)" "$SCRATCH/batch/all.tmx" \
  batch -q -j 2 --presegmented "$SCRATCH/sets.tsv" -o "$SCRATCH/batch"
# documents in, and the exchange formats out (issue 16)
for kind in docx odt html md; do
  python3 "$ROOT/tests/e2e/make_docs.py" $kind "$T.en" "$T.en.$kind" --heading-first --footnote "0:A note."
done
python3 "$ROOT/tests/e2e/make_docs.py" html "$T.ru" "$T.ru.html" --heading-first
until_success "segment .docx (ZIP, DOCX reader)" - segment --lang en "$T.en.docx"
until_success "segment .odt (ZIP, ODT reader)" - segment --lang en "$T.en.odt"
until_success "segment .md (Markdown reader)" - segment --lang en "$T.en.md"
until_success "align .html --format xliff (HTML reader, hard anchors, XLIFF writer)" "$SCRATCH/aligned.xliff" \
  align -q --format xliff "$T.en.html" "$T.ru.html" -o "$SCRATCH/aligned.xliff"
until_success "align --format tsv (the review table)" "$SCRATCH/review.tsv" align -q --format tsv "$T.en" "$T.ru" -o "$SCRATCH/review.tsv"
until_success "tmx from-tsv (review table reader, TMX writer)" "$SCRATCH/review.tmx" tmx from-tsv -q "$SCRATCH/review.tsv" -o "$SCRATCH/review.tmx"

done_testing
