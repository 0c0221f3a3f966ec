#!/usr/bin/env bash
# Runs a suite against the ASan+UBSan build: `run_sanitized.sh ASAN_BUILD unit|api STORE|fuzz`.
# Any sanitizer report ends the process with an error, so it fails the suite.
set -euo pipefail
dir=$1 what=$2
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$dir/jiceng" ] || { echo "no sanitized build in $dir: run 'make test', which builds it"; exit 1; }
# Leaks are not checked: the server's caches and pools live until exit on purpose.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
case $what in
  unit) "$dir/jiceng_unit" --gtest_brief=1 ;;
  api) bash "$here/run_api.sh" "$3" "$dir/jiceng" ;;
  fuzz)
    for bin in "$dir"/fuzz/fuzz_*; do
      t=${bin##*/fuzz_}
      "$bin" "$here/../fuzz/corpus/$t"
    done ;;
  *) echo "unknown suite $what"; exit 2 ;;
esac
