# lib.sh — helpers for end-to-end tests of the CLI, printing TAP lines.
#
# Each check runs the real binary ($POLYALIGN) in a scratch directory and compares exit
# status, stdout and stderr. Source it, call the checks, then `done_testing`.
set -u
POLYALIGN=${POLYALIGN:-./polyalign}
case $POLYALIGN in /*) ;; *) POLYALIGN=$PWD/$POLYALIGN ;; esac
SHARED=${SHARED:-../shared}
case $SHARED in /*) ;; *) SHARED=$PWD/$SHARED ;; esac
ROOT=$PWD
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
_n=0 _failed=0

ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
not_ok() { _n=$((_n + 1)); _failed=$((_failed + 1)); echo "not ok $_n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
skip() { _n=$((_n + 1)); echo "ok $_n - $1 # SKIP $2"; }

# run ARGS… : run polyalign, leaving $out, $err, $status
run() {
  "$POLYALIGN" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
  status=$?
  out=$(cat "$SCRATCH/out")
  err=$(cat "$SCRATCH/err")
}

# run_in STDIN ARGS… : the same with text on stdin
run_in() {
  local input=$1
  shift
  printf '%s' "$input" | "$POLYALIGN" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
  status=$?
  out=$(cat "$SCRATCH/out")
  err=$(cat "$SCRATCH/err")
}

# run_ok ARGS… / run_in_ok STDIN ARGS… : run/run_in, then a check that the exit status is 0,
# for runs whose output alone is checked next (under ASan a leak exits 23 after all output
# is written); one TAP line either way, so the numbering stays whole
run_ok() { run "$@"; _exits_0 "$@"; }
run_in_ok() {
  local input=$1
  shift
  run_in "$input" "$@"
  _exits_0 "$@"
}
_exits_0() {
  local name="polyalign ${*//$SCRATCH\//} exits 0"
  [[ $status -eq 0 ]] && ok "$name" || not_ok "$name" "status $status" "stderr: $err"
}

# expect NAME STATUS EXPECTED_STDOUT : after run/run_in
expect() {
  local name=$1 want_status=$2 want_out=$3
  if [[ $status -eq $want_status && "$out" == "$want_out" ]]; then
    ok "$name"
  else
    not_ok "$name" "status $status (want $want_status)" "stdout: $(printf '%q' "$out")" \
      "want:   $(printf '%q' "$want_out")" "stderr: $err"
  fi
}

# expect_err NAME STATUS PATTERN : status and a stderr matching an extended regex
expect_err() {
  local name=$1 want_status=$2 pattern=$3
  if [[ $status -eq $want_status ]] && grep -Eq -- "$pattern" <<<"$err"; then
    ok "$name"
  else
    not_ok "$name" "status $status (want $want_status)" "stderr: $err" "want stderr matching: $pattern"
  fi
}

# check NAME COMMAND… : passes when the shell command succeeds
check() {
  local name=$1
  shift
  if "$@" >"$SCRATCH/check.log" 2>&1; then ok "$name"; else not_ok "$name" "$(head -c 2000 "$SCRATCH/check.log")"; fi
}

have_shared() { [[ -d $SHARED/eval ]]; }

done_testing() {
  echo "1..$_n"
  [[ $_failed -eq 0 ]]
}
