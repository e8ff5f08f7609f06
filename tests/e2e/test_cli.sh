#!/usr/bin/env bash
# test_cli.sh — the CLI skeleton: help, version, usage errors, localized messages.
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
run frobnicate
expect_err "unknown command: exit 2" 2 "unknown command 'frobnicate'"
run --frobnicate
expect_err "unknown global option: exit 2" 2 "unknown option '--frobnicate'"
run segment --lang en --bogus
expect_err "unknown command option: exit 2" 2 "unknown option '--bogus'"
run segment --lang
expect_err "missing option argument: exit 2" 2 "needs an argument"
run help nothing
expect_err "help for an unknown command: exit 2" 2 "unknown command 'nothing'"
[[ -z $out ]] && ok "usage errors print nothing on stdout" || not_ok "usage errors print nothing on stdout" "$out"

# gettext plumbing: the catalogs in the build tree are found
LANGUAGE=ru LC_ALL=C.UTF-8 "$POLYALIGN" frobnicate 2>"$SCRATCH/ru.err"
grep -q 'неизвестная команда' "$SCRATCH/ru.err" && ok "messages in Russian" || not_ok "messages in Russian" "$(cat "$SCRATCH/ru.err")"
LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$POLYALIGN" frobnicate 2>"$SCRATCH/zh.err"
grep -q '未知命令' "$SCRATCH/zh.err" && ok "messages in Chinese" || not_ok "messages in Chinese" "$(cat "$SCRATCH/zh.err")"

done_testing
