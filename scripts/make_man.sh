#!/usr/bin/env bash
# make_man.sh BINARY OUTDIR — write the man pages from the built binary's command tables:
# OUTDIR/polyalign.1 and OUTDIR/polyalign-COMMAND.1 for every command `--help` lists
# (`make` runs it; the pages are generated, never edited or committed).
set -euo pipefail
bin=$1 out=$2
mkdir -p "$out"
export LC_ALL=C.UTF-8 LANGUAGE=  # English pages, whatever the builder's locale
"$bin" help --man >"$out/polyalign.1.tmp"
mv "$out/polyalign.1.tmp" "$out/polyalign.1"
# the command names: the first column of the "Commands:" block of --help
"$bin" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print substr($0, 3, 13)}' |
  while read -r cmd; do
    page="$out/polyalign-${cmd// /-}.1"
    # shellcheck disable=SC2086 # "srt check" is two words on purpose
    "$bin" help --man $cmd >"$page.tmp"
    mv "$page.tmp" "$page"
  done
