#!/usr/bin/env bash
# test_messages.sh — messages that quote user text cut it between characters, with "…"
# (issue 17): stderr stays valid UTF-8 however long or however written the text is.
source "$(dirname "$0")/lib.sh"

valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

# tmx merge quotes the source of a conflict: 100 Chinese characters, cut at 80 of them
long=$(printf '互联网%.0s' {1..34})
unit() { printf '<tu><tuv xml:lang="zh"><seg>%s</seg></tuv><tuv xml:lang="en"><seg>%s</seg></tuv></tu>\n' "$1" "$2"; }
tmx() {
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh" datatype="plaintext"/><body>\n'
  unit "$long" "$1"
  printf '</body></tmx>\n'
}
tmx "the Internet" >"$SCRATCH/a.tmx"
tmx "the Net" >"$SCRATCH/b.tmx"
run tmx merge "$SCRATCH/a.tmx" "$SCRATCH/b.tmx" -o "$SCRATCH/m.tmx"
grep -a 'another translation' "$SCRATCH/err" >"$SCRATCH/conflict"
check "tmx merge's conflict message is valid UTF-8" valid_utf8 "$SCRATCH/conflict"
want="\"$(printf '互联网%.0s' {1..26})互联…\""
[[ $(cat "$SCRATCH/conflict") == *"$want"* ]] && ok "the source is cut at 80 characters, then …" ||
  not_ok "the source is cut at 80 characters, then …" "$(cat "$SCRATCH/conflict")"

# an error message longer than the message buffer: cut between characters too
name=$SCRATCH/$(printf '文件%.0s' {1..200}).tmx
run tmx stats "$name"
printf '%s' "$err" >"$SCRATCH/long_err"
[[ $status -eq 66 ]] && valid_utf8 "$SCRATCH/long_err" && [[ $err == *… ]] &&
  ok "a message too long for its buffer ends on a whole character and …" ||
  not_ok "a message too long for its buffer ends on a whole character and …" "status $status" "$err"

# po2tmx quotes the msgid of a message that is not valid UTF-8: 40 characters of it
{
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
  printf 'msgid "%sПривет, мир"\nmsgstr "bad \\377 byte"\n' "$(printf 'a%.0s' {1..39})"
} >"$SCRATCH/bad.po"
run po2tmx "$SCRATCH/bad.po" -o "$SCRATCH/bad.tmx"
printf '%s' "$err" >"$SCRATCH/po_err"
[[ $status -eq 65 ]] && valid_utf8 "$SCRATCH/po_err" && [[ $err == *"$(printf 'a%.0s' {1..39})П…"* ]] &&
  [[ ! -e $SCRATCH/bad.tmx ]] &&
  ok "po2tmx's bad-byte message cuts the msgid between characters, no file" ||
  not_ok "po2tmx's bad-byte message cuts the msgid between characters" "status $status" "$err"

done_testing
