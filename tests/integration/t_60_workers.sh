# A worker killed with SIGKILL is replaced; requests keep being answered.

n=$LOOP_WORKERS
before=$(t_workers crm)
victim=$(awk '{ print $1 }' <<<"$before")
if [ -z "$victim" ]; then
	t_fail "crm workers found" "no children of $(cat "$T_VAR/run/crm.pid")"
	return 0
fi

# 200 requests one after another; the kill lands between two of them.
bad=0
for i in $(seq 1 200); do
	c=$(http_code "$T_URL/healthz")
	[ "$c" = 200 ] || bad=$((bad + 1))
	[ "$i" = 50 ] && kill -9 "$victim"
done
t_eq "200 requests around a killed worker all succeed" 0 "$bad"

replaced=no
for i in $(seq 1 100); do
	now=$(t_workers crm)
	if [ "$(wc -w <<<"$now")" = "$n" ] && ! grep -qw "$victim" <<<"$now"; then
		replaced=yes
		break
	fi
	sleep 0.1
done
t_eq "the supervisor replaced the killed worker" yes "$replaced"
others=$(tr ' ' '\n' <<<"$before" | grep -vx "$victim" | grep . | tr '\n' ' ')
t_true "the other workers kept running" "before: $before now: $now" \
	bash -c 'for p in $1; do grep -qw "$p" <<<"$2" || exit 1; done' _ "$others" "$now"

# The same while requests run concurrently: at most the request in flight
# in the killed worker may fail.
victim=$(awk '{ print $1 }' <<<"$now")
out=$T_VAR/t60.codes
(
	for i in $(seq 1 200); do http_code "$T_URL/healthz"; echo; done >"$out"
) &
loop=$!
sleep 0.5
kill -9 "$victim"
wait "$loop"
bad=$(grep -cv '^200$' "$out" || true)
t_true "200 concurrent requests lose at most one to a kill" "$bad failed" \
	test "$bad" -le 1
for i in $(seq 1 100); do
	now=$(t_workers crm)
	[ "$(wc -w <<<"$now")" = "$n" ] && ! grep -qw "$victim" <<<"$now" && break
	sleep 0.1
done
t_eq "worker count back to $n" "$n" "$(wc -w <<<"$now")"

# A killed public or hooks worker comes back too.
for s in public hooks; do
	w=$(t_workers "$s")
	v=$(awk '{ print $1 }' <<<"$w")
	[ -n "$v" ] || { t_fail "$s workers found" "none"; continue; }
	kill -9 "$v"
	ok=no
	for i in $(seq 1 100); do
		now=$(t_workers "$s")
		[ "$(wc -w <<<"$now")" = "$n" ] && ! grep -qw "$v" <<<"$now" && { ok=yes; break; }
		sleep 0.1
	done
	t_eq "loop-$s replaced a killed worker" yes "$ok"
done
t_eq "healthz 200 after the kills" 200 "$(http_code "$T_URL/healthz")"
