#!/usr/bin/env bash
# test_cases.sh — the CLI's behaviour as data (jq's style): every tests/cases/*.txt holds
# cases, one block each, blocks separated by blank lines:
#
#   # what the case shows (its TAP name)
#   args:   segment --lang qq            the command line, as the shell splits it; $CORPUS
#                                        (corpus/wuzhen), $TMX (tmx/wuzhen.tmx) and
#                                        $SCRATCH (an empty folder) may be used
#   file:   a.en = One. Two.\n          optional, repeatable: a file written to $SCRATCH
#                                        before the run (printf %b escapes)
#   env:    LANGUAGE=ru                  optional, repeatable: a variable set for the run
#   stdin:  Dr. Smith came.\n            optional: standard input, printf %b escapes (a
#                                        trailing newline is kept)
#   exit:   2                            the exit status
#   stderr: unknown language             a fixed string standard error must hold
#   stdout: …                            optional: a fixed string standard output must
#                                        hold; without it a failing command (exit other
#                                        than 0) must print nothing on standard output
#   beads:  [0]:[0] [1,2]:[1]            optional: standard output is exactly these beads
#                                        (align's beads format), their scores aside
#   line:   Mr. Smith came.              optional, repeatable: standard output is exactly
#   line:   He sat.                      these lines, in order (printf %b escapes; `line:`
#                                        alone is an empty line, and a case whose one line
#                                        is empty wants nothing written); $SCRATCH/ is cut
#                                        from the output first, so a finding names a.srt
#
# tests/cases/cli_errors.txt holds how commands refuse what they cannot do,
# tests/cases/beads.txt the beads align finds in small texts, segment.txt the sentences
# segment cuts a text into, srt_check.txt the findings of srt check on small subtitle
# files. Adding a case is adding a block; a block of # lines alone is a comment. A case
# without args or exit fails, and so do a case giving more than one of stdout:, beads: and
# line:, and a line that is no field, so a typo cannot make a case pass unchecked.
source "$(dirname "$0")/lib.sh"

export CORPUS=$ROOT/corpus/wuzhen TMX=$ROOT/tmx/wuzhen.tmx SCRATCH

run_case() { # file, line of the block's start; the block's fields in name args stdin has_stdin want_exit want_err want_out want_beads want_lines files envs
  local where=$1:$2 words
  [[ -z $args$has_stdin$want_exit$want_err$want_out$want_beads${files[*]}${envs[*]} && ${#want_lines[@]} -eq 0 ]] && return # # lines alone: a comment
  if [[ -z $name || -z $args || -z $want_exit ]]; then
    not_ok "${name:-$where}" "$where: a case needs a # name, args: and exit:"
    return
  fi
  if (( (${#want_lines[@]} > 0) + (${#want_beads} > 0) + (${#want_out} > 0) > 1 )); then
    not_ok "$name" "$where: a case takes one of stdout:, beads: and line:"
    return
  fi
  local f content
  for f in "${envs[@]}"; do
    local -x "$f" # exported to this case's run alone
  done
  for f in "${files[@]}"; do
    content=${f#*=}
    printf '%b' "${content# }" >"$SCRATCH/${f%%[[:space:]]*=*}"
  done
  # shellcheck disable=SC2086 # the args are split as the shell splits a command line
  eval "words=($args)"
  if [[ $has_stdin ]]; then
    printf '%b' "$stdin" >"$SCRATCH/stdin"
    run "${words[@]}" <"$SCRATCH/stdin"
  else
    run "${words[@]}" </dev/null
  fi
  local out_ok=1 want_stdout=empty
  if [[ ${#want_lines[@]} -gt 0 ]]; then
    local want_text
    want_text=$(printf '%b\n' "${want_lines[@]}")
    want_stdout="exactly: $(printf '%q' "$want_text")"
    [[ ${out//$SCRATCH\//} == "$want_text" ]] || out_ok=''
  elif [[ $want_beads ]]; then
    want_stdout="the beads $want_beads"
    [[ $(sed -E 's/:[0-9.]+$//' <<<"$out" | tr '\n' ' ' | sed 's/ $//') == "$want_beads" ]] || out_ok=''
  elif [[ $want_out ]]; then
    want_stdout="holding: $want_out"
    [[ $out == *"$(printf '%b' "$want_out")"* ]] || out_ok=''
  elif [[ $want_exit -ne 0 && $out ]]; then
    out_ok=''
  fi
  if [[ $status -eq $want_exit && $err == *"$want_err"* && $out_ok ]]; then
    ok "$name"
  else
    not_ok "$name" "$where: polyalign $args" "status $status (want $want_exit)" "stderr: $err" \
      "want stderr holding: $want_err" "stdout: $(printf '%q' "${out//$SCRATCH\//}")" "want stdout $want_stdout"
  fi
}

for file in "$ROOT"/tests/cases/*.txt; do
  n=0 start=0
  name='' args='' stdin='' has_stdin='' want_exit='' want_err='' want_out='' want_beads='' files=() want_lines=() envs=()
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    if [[ -z ${line//[[:space:]]/} ]]; then
      [[ $start -gt 0 ]] && run_case "${file#"$ROOT"/}" "$start"
      start=0 name='' args='' stdin='' has_stdin='' want_exit='' want_err='' want_out='' want_beads='' files=() want_lines=() envs=()
      continue
    fi
    [[ $start -eq 0 ]] && start=$n
    value=${line#*:}
    value=${value#"${value%%[![:space:]]*}"}
    case $line in
    '#'*) [[ $name ]] || { name=${line#\#}; name=${name# }; } ;;
    args:*) args=$value ;;
    stdin:*) stdin=$value has_stdin=1 ;;
    exit:*) want_exit=$value ;;
    stderr:*) want_err=$value ;;
    stdout:*) want_out=$value ;;
    beads:*) want_beads=$value ;;
    file:*) files+=("$value") ;;
    line:*) want_lines+=("$value") ;;
    env:*) envs+=("$value") ;;
    *) not_ok "${file#"$ROOT"/}:$n" "a line that is no field: $line" ;;
    esac
  done <"$file"
  [[ $start -gt 0 ]] && run_case "${file#"$ROOT"/}" "$start"
done

done_testing
