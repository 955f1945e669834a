#!/bin/bash
# run-unit.sh - runs cmocka unit test binaries and sums their results.
#
# Usage: scripts/run-unit.sh build/asan/unit/test_x ...
# Prints each binary's output, then "unit: N passed, N failed" where N
# counts individual cmocka tests. A binary that crashes, is missing, or
# exits non-zero without reporting a failure counts as one failed test.
# Exits 1 if anything failed.
set -u

passed=0
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	if [ ! -x "$bin" ]; then
		echo "unit: $name: missing or not executable"
		failed=$((failed + 1))
		continue
	fi
	out=$(CMOCKA_MESSAGE_OUTPUT=stdout "$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" |
	    sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\..*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" |
	    sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s).*/\1/p' | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "unit: $name: exited with status $rc (crash or leak)"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
