#!/bin/bash
# run-fuzz.sh - short, bounded libFuzzer runs over the parsers.
#
# Usage: scripts/run-fuzz.sh build/fuzz/fuzz_x ...
# Each target runs for FUZZ_SECONDS (default 10) from a copy of
# tests/fuzz/corpus/<target>/ in a temporary directory, so the repository
# is never written. On a crash the log tail is printed and the temporary
# directory (with the crashing input) is kept. Ends with
# "fuzz: N passed, N failed" and exits 1 if any target failed.
set -u

secs=${FUZZ_SECONDS:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	if [ ! -x "$bin" ]; then
		echo "fuzz: $name: missing or not executable"
		failed=$((failed + 1))
		continue
	fi
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/loop-fuzz-$name.XXXXXX")
	mkdir -p "$tmp/corpus"
	if [ -d "$root/tests/fuzz/corpus/$name" ]; then
		cp -R "$root/tests/fuzz/corpus/$name/." "$tmp/corpus/"
	fi
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$tmp/" "$tmp/corpus" >"$tmp/log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
	if [ "$rc" -eq 0 ]; then
		echo "fuzz: $name: ok, ${runs:-?} runs in ${secs}s"
		passed=$((passed + 1))
		rm -rf "$tmp"
	else
		echo "fuzz: $name: FAILED (status $rc); log and input in $tmp"
		tail -n 40 "$tmp/log"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
