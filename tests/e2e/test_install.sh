#!/usr/bin/env bash
# test_install.sh — `make install` gives a relocatable tree: an install under any PREFIX,
# a DESTDIR-staged tree and an install tree moved elsewhere each find their message
# catalogs, lexicons and audio module relative to the binary, not through the prefix
# compiled in (which would find nothing, or another install's files).
source "$(dirname "$0")/lib.sh"

if [[ ! -x $ROOT/polyalign ]]; then
  skip "relocatable install" "no release build ./polyalign (make check builds it)"
  done_testing
  exit
fi
# the compiled-in prefix is /usr/local: an install there would be found by a tree that
# failed to relocate, and hide the failure
for p in /usr/local/share/locale/ru/LC_MESSAGES/polyalign.mo /usr/local/share/polyalign /usr/local/lib/polyalign; do
  if [[ -e $p ]]; then
    skip "relocatable install" "$p exists: an install under the compiled-in prefix /usr/local would hide a tree that does not relocate"
    done_testing
    exit
  fi
done
printf 'Hello world.\n' >"$SCRATCH/h.en"
have_lexicon=0
[[ -f $ROOT/build/lexicons/en-zh.lex ]] && have_lexicon=1

# check_tree NAME BINARY: the installed binary speaks Russian, finds its lexicon and loads
# its audio module, with no hint from the environment
check_tree() {
  local name=$1 bin=$2 said
  said=$(cd "$SCRATCH" && env -u POLYALIGN_LOCALEDIR -u POLYALIGN_LEXICONS -u POLYALIGN_AUDIO_MODULE LC_ALL=C.UTF-8 LANGUAGE=ru \
    "$bin" tmx stats 2>&1 </dev/null)
  [[ $said == *"укажите файлы TMX для сбора статистики"* ]] && ok "$name: messages in Russian" ||
    not_ok "$name: messages in Russian" "$said"
  if [[ $have_lexicon -eq 1 ]]; then
    said=$(cd "$SCRATCH" && env -u POLYALIGN_LEXICONS "$bin" align --format jsonl \
      "$ROOT/corpus/wuzhen/keynote.en.txt" "$ROOT/corpus/wuzhen/keynote.zh.txt" 2>&1)
    [[ $said != *"no built-in"* && $said == *'"lexicons":1'* ]] && ok "$name: the en-zh lexicon is found" ||
      not_ok "$name: the en-zh lexicon is found" "$(grep -v '^{"indices"' <<<"$said")"
  else
    skip "$name: the en-zh lexicon is found" "build/lexicons/en-zh.lex not built"
  fi
  # a missing recording is the module's own error; without the module it is "cannot load"
  said=$(cd "$SCRATCH" && env -u POLYALIGN_AUDIO_MODULE "$bin" sync --lang en --audio "$SCRATCH/none.wav" "$SCRATCH/h.en" 2>&1)
  [[ $said == *"none.wav"* && $said != *"cannot load the audio module"* ]] && ok "$name: the audio module is loaded" ||
    not_ok "$name: the audio module is loaded" "$said"
}

make_install() { make -s -C "$ROOT" install "$@" >"$SCRATCH/make.log" 2>&1; }

if make_install PREFIX="$SCRATCH/prefix"; then
  [[ -s $SCRATCH/prefix/share/man/man1/polyalign.1 && -s $SCRATCH/prefix/share/man/man1/polyalign-align.1 ]] &&
    ok "make install installs the man pages" || not_ok "make install installs the man pages" "$(ls -R "$SCRATCH/prefix/share" | head)"
  check_tree "make install PREFIX=…" "$SCRATCH/prefix/bin/polyalign"
  mv "$SCRATCH/prefix" "$SCRATCH/moved"
  check_tree "an install tree moved elsewhere" "$SCRATCH/moved/bin/polyalign"
else
  not_ok "make install PREFIX=…" "$(tail -5 "$SCRATCH/make.log")"
fi
if make_install DESTDIR="$SCRATCH/stage" PREFIX=/opt/polyalign; then
  check_tree "make install DESTDIR=… (staged, run in place)" "$SCRATCH/stage/opt/polyalign/bin/polyalign"
else
  not_ok "make install DESTDIR=…" "$(tail -5 "$SCRATCH/make.log")"
fi
done_testing
