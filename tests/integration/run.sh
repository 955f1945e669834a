#!/bin/bash
# Integration tests: one throwaway stack (ASan programs, own port and state
# dir), every tests/integration/t_*.sh against it, then the summary line.
#   tests/integration/run.sh [NAME...]   only the t_*.sh whose names contain NAME
#   KEEP_STACK=1 ...                     leave the stack running afterwards
#   LOOP_BIN=bin ...                     test the release programs instead
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib/stack.sh

T_RESULTS=$(mktemp /tmp/loop-results.XXXXXX)
export T_RESULTS
trap 'tstack_down; rm -f "$T_RESULTS"' EXIT
trap 'exit 130' INT TERM

started=$SECONDS
if ! tstack_up; then
	t_fail "stack starts" "tstack_up failed (output above)"
	t_summary
	exit 1
fi
t_ok "stack starts on $T_URL in $((SECONDS - started)) s"

for t in tests/integration/t_*.sh; do
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		want=no
		for a in "$@"; do [[ $name == *"$a"* ]] && want=yes; done
		[ "$want" = yes ] || continue
	fi
	echo "== $name"
	t0=$SECONDS
	timeout 300 bash -c '. tests/lib/stack.sh; . "$1"' "$name" "$t"
	rc=$?
	[ "$rc" = 0 ] || t_fail "$name" "exited with status $rc (124: timed out)"
	echo "   ($((SECONDS - t0)) s)"
done

t_sanitizer_check
if grep -q '^FAIL ' "$T_RESULTS"; then
	keep=$(mktemp -d /tmp/loop-integration-logs.XXXXXX)
	cp -rL "$T_VAR/log/." "$keep/" 2>/dev/null
	echo "logs of this run: $keep"
fi
echo "integration took $((SECONDS - started)) s"
t_summary
