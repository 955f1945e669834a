# scripts/stack.sh: a second start is harmless, status, demo login, key file.

pids() {
	local f
	for f in "$T_VAR"/run/{crm,public,hooks,cron}.pid "$T_VAR/nginx/nginx.pid" \
		"$T_VAR/pg/data/postmaster.pid"; do
		head -n 1 "$f" 2>/dev/null || echo "-"
	done | tr '\n' ' '
}
before=$(pids)
w_before=$(t_workers crm)
out=$("$T_ROOT/scripts/stack.sh" start 2>&1)
rc=$?
t_eq "second stack.sh start succeeds" 0 "$rc"
t_eq "second start restarts nothing" "$before" "$(pids)"
t_eq "second start keeps the crm workers" "$w_before" "$(t_workers crm)"
t_true "start prints the URL" "$out" grep -q "http://127.0.0.1:$T_PORT" <<<"$out"
"$T_ROOT/scripts/stack.sh" status >/dev/null 2>&1
t_eq "stack.sh status says all up" 0 "$?"

nw=$(echo "$w_before" | wc -w)
t_eq "crm supervisor runs LOOP_WORKERS workers" "$LOOP_WORKERS" "$nw"

k=$LOOP_MASTER_KEY_FILE
t_eq "master key file is mode 600" 600 "$(stat -c %a "$k" 2>/dev/null)"
t_true "master key is 64 hex characters" "bad key file" grep -qxE '[0-9a-f]{64}' "$k"

f=$T_VAR/demo.login
if [ -s "$f" ]; then
	t_eq "demo.login is mode 600" 600 "$(stat -c %a "$f")"
	de=$(sed -n 's/^login: //p' "$f")
	dp=$(sed -n 's/^password: //p' "$f")
	t_true "start prints the demo login" "$out" grep -q "$de" <<<"$out"
	c=$(t_login "$T_VAR/demo.jar" "$de" "$dp")
	t_eq "demo recruiter signs in" 303 "$c"
	# loopctl demo is idempotent.
	o=$(printf '%s\n' "$dp" | t_loopctl demo demo 2>&1)
	t_eq "loopctl demo runs twice" 0 "$?"
	t_true "loopctl demo prints the login" "$o" grep -q '^login: demo@loop.test' <<<"$o"
	c=$(t_login "$T_VAR/demo2.jar" "$de" "$dp")
	t_eq "demo recruiter signs in after a second demo run" 303 "$c"
else
	t_fail "demo login created" "$f missing; start.log: $(tail -n 5 "$T_VAR/start.log")"
fi
