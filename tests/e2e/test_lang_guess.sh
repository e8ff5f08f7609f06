#!/usr/bin/env bash
# test_lang_guess.sh — every command that takes --lang guesses it without it, the same
# way (the script of the text: Han -> zh-CN, Cyrillic -> ru-RU, Latin -> en-US) and says
# so on stderr: segment, subtitle, srt check, srt fix; align guesses every file's language
# and takes --lang as the pivot's alone.
source "$(dirname "$0")/lib.sh"

corpus=$ROOT/corpus/wuzhen
guessed() { [[ $err == *"$1: language $2, guessed from the text (--lang sets it)"* ]]; }

# segment: the same sentences as with --lang, each file in its own language
run_ok segment "$corpus/address.zh.txt" "$corpus/address.ru.txt"
without=$out
guessed address.zh.txt zh-CN && guessed address.ru.txt ru-RU && ok "segment: each file's language guessed and said" ||
  not_ok "segment: the guesses said" "$err"
zh=$("$POLYALIGN" segment --lang zh "$corpus/address.zh.txt" 2>/dev/null)
ru=$("$POLYALIGN" segment --lang ru "$corpus/address.ru.txt" 2>/dev/null)
[[ $without == "$zh"$'\n\n'"$ru" ]] && ok "segment: the guessed languages segment as --lang zh and --lang ru do" ||
  not_ok "segment: guessed segmentation differs" "$without"
run_in 'Dr. Smith came. He left.' segment
[[ $status -eq 0 && $out == $'Dr. Smith came.\nHe left.' ]] && guessed '<stdin>' en-US &&
  ok "segment: standard input guessed English, its abbreviations kept" || not_ok "segment from stdin" "$out" "$err"
run_in 'x' segment --lang en
[[ $status -eq 0 && $err != *"guessed"* ]] && ok "segment --lang: nothing guessed, nothing said" || not_ok "segment --lang" "$err"
run_in '12 345 - 678' segment
[[ $status -eq 0 && $out == '12 345 - 678' && $err != *"guessed"* ]] &&
  ok "segment: a text without letters has no language to guess, and none is said" || not_ok "segment without letters" "$out" "$err"

# subtitle: the transcript's language, then its profile (Chinese limits for Chinese)
run_ok subtitle --duration 60 "$corpus/address.zh.txt"
without=$out
guessed address.zh.txt zh-CN && [[ $err == *"cues (netflix, zh)"* ]] &&
  ok "subtitle: the transcript's language guessed, the Chinese profile used" || not_ok "subtitle guess" "$err"
[[ $without == "$("$POLYALIGN" subtitle --lang zh --duration 60 "$corpus/address.zh.txt" 2>/dev/null)" ]] &&
  ok "subtitle: the same cues as with --lang zh" || not_ok "subtitle: guessed cues differ" "$without"

# srt check: the cues' language, then its limits (16 characters a line in Chinese)
printf '1\n00:00:01,000 --> 00:00:04,000\n互联网是发展最快的产业领域，它改变了各国人民的生活。\n' >"$SCRATCH/zh.srt"
run srt check "$SCRATCH/zh.srt"
guessed zh.srt zh-CN && [[ $status -eq 1 && $out == *"limit 16"* ]] &&
  ok "srt check: the language guessed and said, the Chinese limits applied" || not_ok "srt check guess" "$status" "$out" "$err"
run srt check --lang zh "$SCRATCH/zh.srt"
[[ $status -eq 1 && $err != *"guessed"* ]] && ok "srt check --lang: nothing guessed" || not_ok "srt check --lang" "$err"
run srt fix "$SCRATCH/zh.srt" -o "$SCRATCH/zh.fixed.srt"
guessed zh.srt zh-CN && ok "srt fix: guessed the same way" || not_ok "srt fix guess" "$err"

# a script no language is guessed from: each command names its own option
printf 'Καλημέρα κόσμε. Τι κάνεις;\n' >"$SCRATCH/el.txt"
python3 -c 'import wave; w = wave.open("'"$SCRATCH"'/silent.wav", "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000); w.writeframes(bytes(32000)); w.close()'
run sync --audio "$SCRATCH/silent.wav" "$SCRATCH/el.txt"
expect_err "sync: Greek without --lang, usage error naming --lang" 2 "el.txt: cannot guess the language from its text; give it with --lang"
run subtitle --duration 10 "$SCRATCH/el.txt"
expect_err "subtitle: the same" 2 "give it with --lang"
run align "$SCRATCH/el.txt" "$corpus/keynote.zh.txt"
expect_err "align: the same, naming --langs" 2 "give it with --langs"
# a blank transcript has no language: refused as empty, no guess said
printf '  \n\n' >"$SCRATCH/blank.txt"
run sync --audio "$SCRATCH/silent.wav" "$SCRATCH/blank.txt"
[[ $status -eq 65 && $err == *"blank.txt: no sentences to time in the recording"* && $err != *guessed* ]] &&
  ok "sync: a blank transcript is refused as empty, no language guessed" || not_ok "sync blank transcript" "$status" "$err"

done_testing
