#!/usr/bin/env bash
# test_cli.sh — the CLI skeleton: help, version, usage errors, localized messages, the man
# pages and the synopses against the option tables.
source "$(dirname "$0")/lib.sh"

run --help
[[ $status -eq 0 && $out == *"Usage: polyalign COMMAND"* && $out == *segment* ]] && ok "--help lists commands" || not_ok "--help lists commands" "$out"

run --version
[[ $status -eq 0 && $out =~ ^polyalign\ [0-9]+\.[0-9]+\.[0-9]+$ ]] && ok "--version" || not_ok "--version" "$out"

run help segment
[[ $status -eq 0 && $out == *"--lang"* && $out == *"--newline-breaks"* ]] && ok "help COMMAND" || not_ok "help COMMAND" "$out"

run segment --help
[[ $status -eq 0 && $out == *"--format"* ]] && ok "COMMAND --help" || not_ok "COMMAND --help" "$out"

run
expect_err "no command: usage, exit 2" 2 "Usage: polyalign"
[[ -z $out ]] && ok "usage errors print nothing on stdout" || not_ok "usage errors print nothing on stdout" "$out"

# a group of two-word commands (srt check, srt fix; tmx validate …) named without its subcommand
for group in srt tmx; do
  run $group
  [[ $status -eq 2 && $err == *"'$group' takes a subcommand: "* && $err == *"Usage: polyalign $group "* &&
    $err == *"   or: polyalign $group "* && $err != *"unknown command"* && -z $out ]] &&
    ok "$group alone: takes a subcommand, their usage, exit 2" || not_ok "$group alone" "status $status" "$err"
done
run srt
[[ $status -eq 2 && $err == *"takes a subcommand: check, fix"* && $err == *"Try 'polyalign help srt'"* ]] &&
  ok "srt alone: check and fix named" || not_ok "srt alone names check and fix" "$err"
run_ok help srt fix
fix_help=$out
run help srt
[[ $status -eq 0 && $out == *"Usage: polyalign srt check"* && $out == *"  fix "*"repair"* && -z $err &&
  $fix_help == *"--output"* ]] && ok "help srt: the subcommands, exit 0 (help srt fix: its options)" ||
  not_ok "help srt" "$out" "$err" "$fix_help"
run srt --help
[[ $status -eq 0 && $out == *"Usage: polyalign srt check"* ]] && ok "srt --help: the subcommands, exit 0" || not_ok "srt --help" "$out" "$err"

# gettext plumbing: the catalogs in the build tree are found
LANGUAGE=ru LC_ALL=C.UTF-8 "$POLYALIGN" frobnicate 2>"$SCRATCH/ru.err"
grep -q 'неизвестная команда' "$SCRATCH/ru.err" && ok "messages in Russian" || not_ok "messages in Russian" "$(cat "$SCRATCH/ru.err")"
LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$POLYALIGN" frobnicate 2>"$SCRATCH/zh.err"
grep -q '未知命令' "$SCRATCH/zh.err" && ok "messages in Chinese" || not_ok "messages in Chinese" "$(cat "$SCRATCH/zh.err")"
LANGUAGE=ru LC_ALL=C.UTF-8 "$POLYALIGN" srt 2>"$SCRATCH/ru.err"
grep -q '«srt» требует подкоманду: check, fix' "$SCRATCH/ru.err" && grep -q '^ *или: polyalign srt fix' "$SCRATCH/ru.err" &&
  ok "a group without its subcommand, in Russian" || not_ok "srt alone in Russian" "$(cat "$SCRATCH/ru.err")"
LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$POLYALIGN" srt bogus 2>"$SCRATCH/zh.err"
grep -q '“srt”没有子命令“bogus”' "$SCRATCH/zh.err" && ok "an unknown subcommand, in Chinese" || not_ok "srt bogus in Chinese" "$(cat "$SCRATCH/zh.err")"

# man pages: one per command, written from the option tables --help reads (make builds
# man/); each page holds every option and the summary of its command's --help, and renders
# without a warning
bash "$ROOT/scripts/make_man.sh" "$POLYALIGN" "$SCRATCH/man" >/dev/null 2>&1
commands=$(LC_ALL=C.UTF-8 LANGUAGE= "$POLYALIGN" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print substr($0, 3, 13)}')
pages=0 bad=()
while read -r cmd; do
  page="$SCRATCH/man/polyalign-${cmd// /-}.1"
  # shellcheck disable=SC2086
  help=$(LC_ALL=C.UTF-8 LANGUAGE= "$POLYALIGN" help $cmd)
  [[ -s $page ]] || { bad+=("$cmd: no page"); continue; }
  pages=$((pages + 1))
  text=$(sed 's/\\-/-/g; s/\\f[BIR]//g' "$page")
  for opt in $(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
    [[ $text == *"$opt"* ]] || bad+=("$cmd: $opt missing")
  done
  summary=$(grep -v -m1 '^\(Usage\|   or\): ' <<<"$help")
  [[ $text == *"$summary"* ]] || bad+=("$cmd: summary missing")
  if command -v groff >/dev/null; then
    warn=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
    [[ -z $warn ]] || bad+=("$cmd: groff: $warn")
  fi
done <<<"$commands"
[[ $pages -ge 13 && ${#bad[@]} -eq 0 && -s $SCRATCH/man/polyalign.1 ]] &&
  ok "man pages: $pages commands, every option of --help in its page, groff renders them cleanly" ||
  not_ok "man pages match --help" "pages $pages" "${bad[@]}"

# the synopses are made from the option tables (cli_synopsis: in each usage line the
# options its form requires, those it names in brackets, alternatives as (A | B), then
# [OPTIONS] for the rest and the form's operands): every option a usage line names is one
# of its command's, with the argument its man page gives it; a line without [OPTIONS]
# names every option and a line with it leaves one out; the man page's SYNOPSIS holds the
# usage lines of --help
named=0 lines=0 bad=()
while read -r cmd; do
  page="$SCRATCH/man/polyalign-${cmd// /-}.1"
  # shellcheck disable=SC2086
  help=$(LC_ALL=C.UTF-8 LANGUAGE= "$POLYALIGN" help $cmd)
  usage=$(sed -n "s/^\(Usage\|   or\): polyalign $cmd //p" <<<"$help")
  # the options of the page as their tags say them: "-o, --output OUT.tmx", "--cues"
  tags=$(sed 's/\\-/-/g; s/\\f[BIR]//g' "$page" | awk 'prev == ".TP" && !/--help/ {print} {prev = $0}')
  synopsis=$(sed 's/\\-/-/g' "$page" | awk -v b=".B polyalign $cmd" '$0 == b {getline; print}')
  [[ -n $usage && $synopsis == "$usage" ]] || bad+=("$cmd: man SYNOPSIS '$synopsis', --help '$usage'")
  while read -r line; do
    lines=$((lines + 1))
    for opt in $(grep -oE -- '(^|[ [(|])--?[a-zA-Z][a-z0-9-]*' <<<"$line" | sed 's/^[ [(|]//'); do
      named=$((named + 1))
      tag=$(grep -E -- "(^|, )$opt( |,|$)" <<<"$tags")
      arg=$(sed -E 's/^(-., )?--[a-z0-9-]+ ?//' <<<"$tag")
      [[ -n $tag && ( -z $arg || $line == *"$opt $arg"* ) ]] || bad+=("$cmd: '$opt' in '$line' (its tag: '$tag')")
    done
    left_out=0
    while read -r tag; do
      long=$(grep -oE -- '--[a-z0-9-]+' <<<"$tag" | head -1)
      short=$(grep -oE -- '^-[a-zA-Z],' <<<"$tag" | tr -d ,)
      grep -qE -- "(^|[ [(|])(${short:+$short|}$long)( |[])|]|$)" <<<"$line" || left_out=$((left_out + 1))
    done <<<"$tags"
    others=0
    [[ $line == *"[OPTIONS]"* ]] && others=1
    [[ $others -eq $((left_out > 0)) ]] || bad+=("$cmd: '$line' leaves out $left_out options")
  done <<<"$usage"
done <<<"$commands"
[[ $named -ge 40 && $lines -ge 20 && ${#bad[@]} -eq 0 ]] &&
  ok "synopses: $lines usage lines made from the tables name $named options as their commands have them, [OPTIONS] for the rest, the same in the man pages" ||
  not_ok "synopses made from the option tables" "lines $lines, named $named" "${bad[@]}"

done_testing
