#!/usr/bin/env bash
# run.sh UNIT_TEST_BINARY… — run every test and print one closing line "N passed, N failed".
#
# Unit tests are cmocka binaries asked for TAP output; end-to-end tests are the scripts in
# tests/e2e/, which print TAP through lib.sh. A binary or script that dies without a
# verdict (a sanitizer abort, say) counts as one failure, and every test a plan announces
# but no verdict follows counts as one too, so a crash can never pass.
set -u
cd "$(dirname "$0")/.."
export POLYALIGN=${POLYALIGN:-./polyalign}
export POLYALIGN_LOCALEDIR=${POLYALIGN_LOCALEDIR:-$PWD/locale}
export SHARED=${SHARED:-../shared}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8

passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name, exit status; TAP in $log
  local name=$1 status=$2 ok notok planned
  ok=$(grep -c '^ok ' "$log")
  notok=$(grep -c '^not ok ' "$log")
  grep -E '^(not ok|#)|# SKIP' "$log" | sed "s|^|[$name] |"
  if [[ $status -ne 0 && $notok -eq 0 ]]; then
    echo "[$name] exited with status $status without a failing test:"
    tail -n 20 "$log" | sed 's/^/    /'
    notok=1
  fi
  # a plan of N tests that fewer verdicts follow: it stopped on the way, whatever its
  # exit status (an AddressSanitizer report at a module's loading ended test_sync_run
  # with status 0 and no verdict at all)
  planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
  if [[ -n $planned ]] && ((ok + notok < planned)); then
    echo "[$name] planned $planned tests but gave $((ok + notok)) verdicts:"
    tail -n 20 "$log" | sed 's/^/    /'
    notok=$((notok + planned - ok - notok))
  fi
  skipped=$((skipped + $(grep -c '^ok .*# SKIP' "$log")))
  passed=$((passed + ok))
  failed=$((failed + notok))
}

for bin in "$@"; do
  CMOCKA_MESSAGE_OUTPUT=TAP "$bin" >"$log" 2>&1
  tally "$(basename "$bin")" $?
done
for script in tests/e2e/test_*.sh; do
  bash "$script" >"$log" 2>&1
  tally "$(basename "$script")" $?
done
[[ $skipped -eq 0 ]] || echo "($skipped of the passed checks were skipped; the lines above say why)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
