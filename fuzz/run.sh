#!/usr/bin/env bash
# run.sh — run every fuzz target for FUZZ_SECONDS (default 10) and fail on a crash.
#
# `make fuzz` and the tests (tests/e2e/test_fuzz.sh) call it after `make fuzzers`. Each
# target in build/fuzz/bin starts from its seeds (build/fuzz/seeds/TARGET, made from the
# tests' inputs) and from what earlier runs found (build/fuzz/corpus/TARGET, kept between
# runs as OSS-Fuzz keeps a corpus). It prints TAP: one line per target with the number of
# executions; a crash, leak, timeout or failed check is "not ok" with the reproducer
# saved as build/fuzz/crashes/TARGET-…, which `build/fuzz/bin/TARGET FILE` replays.
set -u
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-10}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8
# the targets' input files (fuzz/input_file.h) go here, and go even when a target crashed
TMPDIR=$(mktemp -d)
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
n=0 failed=0 summary=
mkdir -p build/fuzz/crashes build/fuzz/logs
for bin in build/fuzz/bin/fuzz_*; do
  [[ -x $bin ]] || continue
  target=$(basename "$bin")
  mkdir -p "build/fuzz/corpus/$target"
  log=build/fuzz/logs/$target.log
  # -timeout: one input may not take more than 10 s; -max_len: big enough for the built-in
  # rules and the sample TMX; fuzz/TARGET.dict: tokens the format is made of; the seeds
  # directory comes last, so new finds go to corpus/
  # first the inputs that once failed (fuzz/regressions/TARGET/), replayed as they are
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    n=$((n + 1))
    if "$bin" fuzz/regressions/"$target"/* >"$log.replay" 2>&1; then
      echo "ok $n - $target: its regression inputs pass"
    else
      failed=$((failed + 1))
      echo "not ok $n - $target: a regression input fails again"
      grep -E '^(==[0-9]+== ?ERROR|SUMMARY|.*runtime error|Running: )' "$log.replay" | head -n 10 | sed 's/^/#   /'
    fi
  fi
  dict=()
  [[ -f fuzz/$target.dict ]] && dict=(-dict="fuzz/$target.dict")
  seed=()
  [[ -n ${FUZZ_SEED:-} ]] && seed=(-seed="$FUZZ_SEED")
  "$bin" "${dict[@]}" "${seed[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=32768 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/crashes/$target-" "build/fuzz/corpus/$target" "build/fuzz/seeds/$target" >"$log" 2>&1
  status=$?
  n=$((n + 1))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+="${summary:+, }$target ${runs:-?}"
  if [[ $status -eq 0 ]]; then
    echo "ok $n - $target: ${runs:-?} executions in ${seconds} s, no crash"
  else
    failed=$((failed + 1))
    echo "not ok $n - $target: exit $status after ${runs:-?} executions"
    # the sanitizer's report, or the target's own message just before libFuzzer's
    grep -E -B1 '^(==[0-9]+== ?ERROR|SUMMARY|.*runtime error|artifact_prefix)|^ *#[0-9] ' "$log" |
      grep -v '^--$' | head -n 25 | sed 's/^/#   /'
  fi
done
echo "# executions in ${seconds} s: ${summary:-none}"
echo "1..$n"
if [[ $n -eq 0 ]]; then
  echo "# no fuzz target built: run make fuzzers (needs clang)"
  exit 1
fi
[[ $failed -eq 0 ]]
