# Postgres goes away: 503 (not 500), workers stay; it comes back: 200 again.

jar=$T_VAR/t70.jar
c=$(t_login "$jar" "$T_A_EMAIL" "$T_A_PASS")
t_eq "sign-in before the outage" 303 "$c"
tok=$(t_token "$T_A_EMAIL" "$T_A_PASS")
w_crm=$(t_workers crm)
w_pub=$(t_workers public)
w_hooks=$(t_workers hooks)

LOOP_VAR=$T_VAR "$T_ROOT/scripts/stack.sh" pg-stop >/dev/null
t_true "postgres stopped" "pg_isready still answers" \
	bash -c '! pg_isready -q -h "$1" -p 5432' _ "$(readlink -f "$T_VAR/run")"

codes=
for _ in 1 2 3 4 5 6; do codes="$codes $(http_code "$T_URL/healthz")"; done
t_eq "healthz gives 503 on every worker" " 503 503 503 503 503 503" "$codes"
t_eq "GET / with a session gives 503" 503 "$(http_code -b "$jar" "$T_URL/")"
t_login_page "$T_VAR/t70b.jar"
c=$(http_code -b "$T_VAR/t70b.jar" --data-urlencode "email=$T_A_EMAIL" \
	--data-urlencode "password=$T_A_PASS" --data-urlencode "csrf=$T_CSRF" "$T_URL/login")
t_eq "POST /login gives 503" 503 "$c"
c=$(http_code -H 'Content-Type: application/json' \
	-d "{\"email\":\"$T_A_EMAIL\",\"password\":\"x\"}" "$T_URL/api/v1/login")
t_eq "API login gives 503" 503 "$c"
t_eq "API me gives 503" 503 "$(http_code -H "Authorization: Bearer $tok" "$T_URL/api/v1/me")"
t_eq "API people search gives 503" 503 \
	"$(http_code -H "Authorization: Bearer $tok" "$T_URL/api/v1/people?q=a")"
c=$(http_code "$T_URL/login")
t_true "GET /login gives 200 or 503" "got $c" grep -qE '^(200|503)$' <<<"$c"
h=$T_VAR/t70.hdr
http_code -D "$h" -b "$jar" "$T_URL/" >/dev/null
t_true "503 carries Retry-After or is HTML" "$(tr -d '\r' <"$h" | tr '\n' '|')" \
	grep -qiE '^(retry-after|content-type: text/html)' <(tr -d '\r' <"$h")
t_eq "no crm worker died during the outage" "$w_crm" "$(t_workers crm)"

LOOP_VAR=$T_VAR "$T_ROOT/scripts/stack.sh" pg-start >/dev/null
up=no
for _ in $(seq 1 150); do
	[ "$(http_code "$T_URL/healthz")" = 200 ] && { up=yes; break; }
	sleep 0.1
done
t_eq "healthz 200 once postgres is back" yes "$up"
codes=
for _ in 1 2 3 4 5 6; do codes="$codes $(http_code "$T_URL/healthz")"; done
t_eq "every worker reconnected" " 200 200 200 200 200 200" "$codes"
t_eq "the old session still works" 200 "$(http_code -b "$jar" "$T_URL/")"
t_eq "the old token still works" 200 "$(http_code -H "Authorization: Bearer $tok" "$T_URL/api/v1/me")"
codes=
for _ in $(seq 1 $((2 * LOOP_WORKERS))); do
	codes="$codes $(http_code -H "Authorization: Bearer $tok" "$T_URL/api/v1/people?q=a")"
done
t_eq "the old token still searches on every worker" \
	"$(printf ' 200%.0s' $(seq 1 $((2 * LOOP_WORKERS))))" "$codes"
t_eq "crm workers were not restarted" "$w_crm" "$(t_workers crm)"
t_eq "public workers were not restarted" "$w_pub" "$(t_workers public)"
t_eq "hooks workers were not restarted" "$w_hooks" "$(t_workers hooks)"
