#!/usr/bin/env bash
# Runs every libFuzzer target for a set time: `fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET`.
# New interesting inputs go to BUILD_DIR/corpus/TARGET (the committed corpus in fuzz/corpus is
# read, not written); crashes are saved in fuzz/crashes/. Ends with a table and exits 1 on a crash.
set -euo pipefail
build=$1 seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/crashes"
printf '%-14s %12s %10s %8s\n' target executions exec/s crashes > "$build/fuzz-summary.txt"
status=0
for bin in "$build"/fuzz/fuzz_*; do
  t=${bin##*/fuzz_}
  mkdir -p "$build/corpus/$t"
  log="$build/fuzz-$t.log"
  echo "== $t: ${seconds}s"
  "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$here/crashes/$t-" "$build/corpus/$t" "$here/corpus/$t" >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "$here/crashes" -name "$t-*" -newer "$build/fuzz-summary.txt" | wc -l)
  [ "$crashes" -eq 0 ] || { status=1; grep -m3 -E 'ERROR|runtime error|server error|terminate' "$log" || true; }
  printf '%-14s %12s %10s %8s\n' "$t" "${execs:-0}" "${rate:-0}" "$crashes" >> "$build/fuzz-summary.txt"
done
cat "$build/fuzz-summary.txt"
exit $status
