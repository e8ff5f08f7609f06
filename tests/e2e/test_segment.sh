#!/usr/bin/env bash
# test_segment.sh — `polyalign segment` end to end: rules, paragraphs, formats, bad input.
source "$(dirname "$0")/lib.sh"

# The sentences of small texts, bad bytes in a file and what survives them are data:
# tests/cases/segment.txt and cli_errors.txt (read by test_cases.sh). Here: what needs a
# generated input, a rules file or a second command.

# a huge line: 2 MB without any punctuation, and 50,000 short sentences
head -c 2000000 /dev/zero | tr '\0' 'a' >"$SCRATCH/huge.txt"
run segment --lang en "$SCRATCH/huge.txt"
[[ $status -eq 0 && ${#out} -eq 2000000 ]] && ok "2 MB line without punctuation" || not_ok "2 MB line without punctuation" "status $status len ${#out}"
yes 'Short one. ' | head -n 50000 | tr -d '\n' >"$SCRATCH/many.txt"
run segment --lang en "$SCRATCH/many.txt"
[[ $status -eq 0 && $(wc -l <"$SCRATCH/out") -eq 50000 ]] && ok "50,000 sentences on one line" || not_ok "50,000 sentences on one line" "status $status"

# rules still propose breaks far into a big file (past the first 256 KB window)
{ head -c 330000 /dev/zero | tr '\0' 'a'; printf '\n\nThe cat sat on the mat.12 The dog ran away.\n'; } >"$SCRATCH/far.txt"
run_ok segment --lang en "$SCRATCH/far.txt"
[[ $(tail -2 <<<"$out") == $'The cat sat on the mat.12\nThe dog ran away.' ]] && ok "break rules apply past the first window" ||
  not_ok "break rules apply past the first window" "$(tail -3 <<<"$out")"
printf '<srx version="2.0"><header cascade="no"/><body><languagerules><languagerule languagerulename="x"><rule break="no"><beforebreak>\\.{3}</beforebreak><afterbreak>\\s</afterbreak></rule><rule break="no"><beforebreak>Mr\\.(?=\\s+\\p{Lu})</beforebreak><afterbreak></afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>' >"$SCRATCH/rep.srx"
run_in 'He waited. Then he left... Ask Mr. Smith. Fine.' segment --lang en --rules "$SCRATCH/rep.srx"
expect "repeat counts and look-aheads in user rules" 0 $'He waited.\nThen he left... Ask Mr. Smith.\nFine.'

# output file: written through a temporary file, never half-written
run_in 'One. Two.' segment --lang en -o "$SCRATCH/o.txt"
[[ $status -eq 0 && $(cat "$SCRATCH/o.txt") == $'One.\nTwo.' ]] && ok "-o writes the file" || not_ok "-o writes the file" "$status"
[[ -z $(find "$SCRATCH" -name '.o.txt.*') ]] && ok "no temporary file left" || not_ok "no temporary file left"
# an input that fails leaves no output file, though another input was segmented
printf 'Good. \xff bad.\n' >"$SCRATCH/bad.txt"
rm -f "$SCRATCH/two.txt"
run_in 'One. Two.' segment --lang en -o "$SCRATCH/two.txt" - "$SCRATCH/bad.txt"
[[ $status -eq 65 && $err == *"invalid UTF-8"* && ! -e $SCRATCH/two.txt ]] &&
  ok "-o: a failed input, no output file" || not_ok "-o: a failed input, no output file" "$status" "$err"

# A large text is cut at paragraph ends and segmented on several threads: the very same
# sentences, paragraph and sentence numbers and offsets as on one.
python3 "$ROOT/bench/gen_mixed_text.py" "$SCRATCH/big.txt" 4.2 >/dev/null
for lang in en zh; do
  "$POLYALIGN" segment --lang $lang -j 1 --format jsonl "$SCRATCH/big.txt" >"$SCRATCH/one.jsonl"
  one=$?
  "$POLYALIGN" segment --lang $lang -j 3 --format jsonl "$SCRATCH/big.txt" >"$SCRATCH/three.jsonl"
  three=$?
  name="three threads give the sentences of one ($lang, $(wc -l <"$SCRATCH/one.jsonl") sentences)"
  [[ $one -eq 0 && $three -eq 0 && -s $SCRATCH/one.jsonl ]] && cmp -s "$SCRATCH/one.jsonl" "$SCRATCH/three.jsonl" && ok "$name" ||
    not_ok "$name" "status -j 1: $one, -j 3: $three" "$(cmp "$SCRATCH/one.jsonl" "$SCRATCH/three.jsonl" 2>&1)"
done

# SRX rules from the user
cat >"$SCRATCH/rules.srx" <<'SRX'
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="t">
<rule break="no"><beforebreak>\bHi\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="t"/></maprules></body></srx>
SRX
run_in 'Hi. You; me. Ok.' segment --lang en --rules "$SCRATCH/rules.srx"
expect "--rules: no-break and added break" 0 $'Hi. You;\nme.\nOk.'
sed 's/\\bHi\\./Dr\\./; s/<afterbreak>\\s<\/afterbreak><\/rule>$/<afterbreak>[ ]Smith<\/afterbreak><\/rule>/' \
  "$SCRATCH/rules.srx" >"$SCRATCH/space.srx"
run_in 'Ask Dr. Smith today. Dr. Who?' segment --lang en --rules "$SCRATCH/space.srx"
expect "--rules: a space inside a class is a space" 0 $'Ask Dr. Smith today.\nDr.\nWho?'
printf '<srx><body>' >"$SCRATCH/broken.srx"
run_in 'x' segment --lang en --rules "$SCRATCH/broken.srx"
expect_err "malformed SRX names file and line" 65 "broken.srx:1:[0-9]+: malformed XML"
sed 's/\\bHi/(/' "$SCRATCH/rules.srx" >"$SCRATCH/badre.srx"
run_in 'x' segment --lang en --rules "$SCRATCH/badre.srx"
expect_err "invalid rule regex names file and line" 65 "badre.srx:4: invalid rule regex"
# a side that is no regex alone, though joined to the other it would compile: refused
sed 's/\\bHi\\./Hi)|(x/' "$SCRATCH/rules.srx" >"$SCRATCH/paren.srx"
run_in 'x' segment --lang en --rules "$SCRATCH/paren.srx"
expect_err "a BEFORE whose ) would close the join's group is refused, with file and line" 65 "paren.srx:4: invalid rule regex"

# a single newline: a wrap in hard-wrapped prose, a sentence end in a file of one
# sentence or one paragraph per line; decided per file and reported (the sentences of
# both readings are cases of tests/cases/segment.txt); --lines says it instead
printf 'Item one\nItem two is here.\nThe third. It has two sentences.\nFour\n' >"$SCRATCH/lines.txt"
run segment --lang en --lines wrap "$SCRATCH/lines.txt"
[[ $status -eq 0 && $err == "" && $out == *"Item one Item two is here."* ]] && ok "--lines wrap overrides, nothing reported" ||
  not_ok "--lines wrap overrides" "$out" "$err"

# Issue 15 §1: a text that ends inside an unclosed bracket lost its last sentence (segment's
# cases in tests/cases/segment.txt), and align and subtitle lost it with it.
# (the sample address, so that the texts are plainly translations of each other)
{ cat "$ROOT/corpus/wuzhen/address.en.txt"; printf '\n\nThank you. Please help me ('; } >"$SCRATCH/bracket.en.txt"
{ cat "$ROOT/corpus/wuzhen/address.ru.txt"; printf '\n\nСпасибо. Пожалуйста, помогите мне ('; } >"$SCRATCH/bracket.ru.txt"
run align --langs en,ru --format tsv "$SCRATCH/bracket.en.txt" "$SCRATCH/bracket.ru.txt"
[[ $status -eq 0 && $out == *'Please help me ('*'помогите мне ('* ]] && ok "align keeps a last sentence in an unclosed bracket" ||
  not_ok "align keeps a last sentence in an unclosed bracket" "status $status" "$(tail -3 <<<"$out")" "$err"
printf 'Hello there. Help me (' >"$SCRATCH/bracket.txt"
run subtitle --lang en --duration 4 "$SCRATCH/bracket.txt"
[[ $status -eq 0 && $out == *'Help me ('* ]] && ok "subtitle keeps a last sentence in an unclosed bracket" ||
  not_ok "subtitle keeps a last sentence in an unclosed bracket" "status $status" "$out" "$err"

# ... and the contract behind it: the sentences hold every non-whitespace character of the
# input, in order, on every input the tests have (the files under tests/, the corpus, the
# shared evaluation cases), in text and jsonl (offsets), with --newline-breaks, with
# --rules and on threads (tests/unit/test_coverage.c checks the segmenter's spans)
inputs=($(find "$ROOT/tests" -type f | sort) "$ROOT"/corpus/wuzhen/*.txt)
have_shared && inputs+=("$SHARED"/eval/segment/*.jsonl)
for lang in en ru zh; do
  python3 "$ROOT/tests/e2e/coverage.py" gather $lang "$SCRATCH/all.$lang.txt" "${inputs[@]}"
  for how in "" "--newline-breaks" "--rules $ROOT/src/segment/rules.srx"; do
    for format in text jsonl; do
      name="no text lost: $lang, $format${how:+, ${how%% *}}"
      if "$POLYALIGN" segment --lang $lang --format $format $how "$SCRATCH/all.$lang.txt" >"$SCRATCH/seg.out" 2>"$SCRATCH/err"; then
        check "$name" python3 "$ROOT/tests/e2e/coverage.py" check "$SCRATCH/all.$lang.txt" "$SCRATCH/seg.out" $format
      else
        not_ok "$name" "$(cat "$SCRATCH/err")"
      fi
    done
  done
done
# align, segmenting or --presegmented (one sentence a line), keeps every sentence of both texts
for how in "" --presegmented; do
  "$POLYALIGN" align $how --langs en,zh --format jsonl "$ROOT/corpus/wuzhen/article.en.txt" \
    "$ROOT/corpus/wuzhen/article.zh.txt" >"$SCRATCH/align.jsonl" 2>"$SCRATCH/err"
  for k in 0 1; do
    file=$ROOT/corpus/wuzhen/article.$([[ $k == 0 ]] && echo en || echo zh).txt
    check "no text lost: align ${how:-segmenting}, text $k" \
      python3 "$ROOT/tests/e2e/coverage.py" check "$file" "$SCRATCH/align.jsonl" align:$k
  done
done
python3 "$ROOT/tests/e2e/coverage.py" gather en "$SCRATCH/all4mb.txt" --min-bytes 4200000 "${inputs[@]}"
"$POLYALIGN" segment --lang en --format jsonl --jobs 2 "$SCRATCH/all4mb.txt" >"$SCRATCH/seg.out"
check "no text lost: en, jsonl, --jobs 2 on 4 MB" python3 "$ROOT/tests/e2e/coverage.py" check "$SCRATCH/all4mb.txt" "$SCRATCH/seg.out" jsonl

# -q: how an input was read (its line structure, a guessed language) is not said; the
# sentences are the same
printf 'features\ncontact manager\nevents, activities\n' >"$SCRATCH/list.txt"
run segment "$SCRATCH/list.txt"
loud_out=$out
[[ $status -eq 0 && $err == *"list.txt: read as one sentence per line (of 2 lines"* && $err == *"guessed from the text"* ]] &&
  ok "segment says how it read the input" || not_ok "segment says how it read the input" "$err"
run segment -q "$SCRATCH/list.txt"
[[ $status -eq 0 && -z $err && $out == "$loud_out" && $(wc -l <<<"$out") -eq 3 ]] &&
  ok "segment -q: the same sentences, nothing on stderr" || not_ok "segment -q" "$err" "$out"
run subtitle --duration 10 -q "$SCRATCH/list.txt"
[[ $status -eq 0 && -z $err && $out == *"contact manager"* ]] &&
  ok "subtitle -q: nothing on stderr" || not_ok "subtitle -q" "$err"
run subtitle --duration 10 "$SCRATCH/list.txt"
[[ $status -eq 0 && $err == *"read as one sentence per line"* && $err == *"3 sentences, 3 cues"* ]] &&
  ok "subtitle without -q: the reading and the summary" || not_ok "subtitle without -q" "$err"

# wraps undone without a space, as text cleaners undo PDF extraction: a full stop wrapped
# onto the next line goes back to its word (the offsets still span the file's bytes), and a
# word set in capitals a letter or two to a line is joined up
run_in $'See our services for pricing\n. Pricing info follows here' segment -q --lang en --lines wrap --format jsonl
expect "a wrapped full stop goes back to its word; offsets span it" 0 \
  '{"para":0,"sent":0,"start":0,"end":30,"text":"See our services for pricing."}
{"para":0,"sent":1,"start":31,"end":56,"text":"Pricing info follows here"}'
run_in $'W\nA\nRN\nI\nNG\n \n/' segment -q --lang en
expect "a word set in capital pieces, a line each, is joined up" 0 'WARNING

/'
run_in $'I AM\nOK\nSO I\nGO ON\nNOW.' segment -q --lang en --lines wrap
expect "short capital words on wrapped lines keep their spaces" 0 'I AM OK SO I GO ON NOW.'

# a newline typed, not wrapped: the line before it is short enough for the next line's first
# word, which starts as a sentence does (a heading over a wrapped paragraph); a line that
# fills the width, or a next line in lower case, is a wrap; --lines wrap makes every one a wrap
printf 'Background\nThe first conference was held in 2014, and it has been held every\nyear since then in Wuzhen, where The Times reported on it from\nthe first day, and said so.\n' >"$SCRATCH/heading.txt"
run segment -q --lang en "$SCRATCH/heading.txt"
expect "a heading over a wrapped paragraph is a sentence of its own" 0 'Background
The first conference was held in 2014, and it has been held every year since then in Wuzhen, where The Times reported on it from the first day, and said so.'
run segment -q --lang en --lines wrap "$SCRATCH/heading.txt"
expect "--lines wrap: every single newline is a wrap" 0 'Background The first conference was held in 2014, and it has been held every year since then in Wuzhen, where The Times reported on it from the first day, and said so.'
# of two lines, a first that left room for the second's first word
run_in $'His name is Mark. a. here it is b. another c. one more\nThey went to the store and then came home to rest for a while.' segment -q --lang en
expect "of two lines, a first line with room for the next word ends there" 0 'His name is Mark.
a. here it is
b. another
c. one more
They went to the store and then came home to rest for a while.'
printf 'Справка\nПервая конференция прошла в 2014 году, и с тех пор она проходит\nкаждый год в Учжэне, куда Президент Китая приезжает на её\nоткрытие.\n' >"$SCRATCH/heading.ru.txt"
run segment -q --lang ru "$SCRATCH/heading.ru.txt"
expect "and in Russian" 0 'Справка
Первая конференция прошла в 2014 году, и с тех пор она проходит каждый год в Учжэне, куда Президент Китая приезжает на её открытие.'

done_testing
