#!/bin/bash
# run.sh - every tests/browser/*.mjs against a throwaway stack, in Chromium.
#
# Installs the npm packages when needed (scripts/deps-npm.sh), starts a stack
# with tstack_up from tests/lib/stack.sh (which exports T_URL, T_A_EMAIL,
# T_A_PASSWORD, ...), runs each test with node, stops the stack, and ends
# with one line: `browser: N passed, N failed`. Each test prints its own
# such line; a test that dies without one counts as one failure.
# Screenshots land in tests/browser/screenshots/ (not committed).
set -u
cd "$(dirname "$0")/../.." || exit 1

passed=0
failed=0

finish() {
	echo "browser: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

if ! bash scripts/deps-npm.sh; then
	echo "browser: npm packages could not be installed"
	failed=1
	finish
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${T_CHROMIUM:-}" ]; then
	echo "browser: /usr/bin/chromium is missing (scripts/deps.sh installs it)"
	failed=1
	finish
fi

# shellcheck source=../lib/stack.sh
. tests/lib/stack.sh
if ! tstack_up; then
	echo "browser: the test stack did not start"
	tstack_down >/dev/null 2>&1
	failed=1
	finish
fi
trap 'tstack_down >/dev/null 2>&1' EXIT INT TERM

log=$(mktemp)
for t in tests/browser/*.mjs; do
	[ -f "$t" ] || continue
	echo "browser: $t"
	timeout 300 node "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "browser: $t exited $rc without a summary"
		failed=$((failed + 1))
		continue
	fi
	p=$(sed -E 's/^browser: ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")
	# a non-zero exit with nothing failed still fails the file
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
done
rm -f "$log"

tstack_down
trap - EXIT INT TERM
finish
