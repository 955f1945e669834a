# src/db.c against the stack's PostgreSQL (tests/dbtest/test_db.c, ASan):
# the deferred BEGIN and tenant, one-statement transactions, failures in
# them, and a connection the server dropped. Each cmocka test is a result.

bin=$T_ROOT/build/asan/dbtest/test_db
out=$(CMOCKA_MESSAGE_OUTPUT=stdout ASAN_OPTIONS=detect_leaks=1 "$bin" 2>&1)
rc=$?
n=0
while read -r st name; do
	n=$((n + 1))
	if [ "$st" = OK ]; then t_ok "db: $name"; else t_fail "db: $name" "$out"; fi
done < <(sed -n 's/^\[ *\(OK\|FAILED\) *\] \(test_[a-z_]*\)$/\1 \2/p' <<<"$out")
t_true "db: the test program ran its tests" "$out" [ "$n" -ge 9 ]
t_eq "db: the test program exits 0" 0 "$rc"
