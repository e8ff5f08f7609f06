#!/usr/bin/env bash
# test_fuzz.sh — every libFuzzer target of fuzz/ runs for a short while and must not crash.
#
# `make check` builds the targets (`make fuzzers`, with clang) before the tests; this runs
# each for FUZZ_SECONDS (10 by default: about a minute and a half for all) through
# fuzz/run.sh, which prints the TAP lines with each target's executions. Longer runs:
# `make fuzz FUZZ_SECONDS=N`. The crashes found so far are regression tests of their own
# modules (each writes its crashing input), so they stay covered without the fuzzers.
cd "$(dirname "$0")/../.."
if ! ls build/fuzz/bin/fuzz_* >/dev/null 2>&1; then
  echo "not ok 1 - fuzz targets built (run make fuzzers; it needs clang, which scripts/setup.sh installs)"
  echo "1..1"
  exit 1
fi
# a fixed seed: the short run of make check explores the same inputs on every machine, so
# a CI result does not depend on the luck of one run (make fuzz explores at random)
FUZZ_SEED=${FUZZ_SEED:-1} exec bash fuzz/run.sh
