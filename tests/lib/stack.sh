# tests/lib/stack.sh - sourced by the integration and browser tests.
#
#   tstack_up     start a throwaway stack (own state dir under /tmp, own port,
#                 ASan programs from build/asan/bin unless LOOP_BIN is set),
#                 create tenants ta and tb with users; exports T_URL T_VAR
#                 T_PORT T_ROOT, T_A_EMAIL T_A_PASSWORD T_A_NAME (tenant ta),
#                 T_A2_EMAIL T_A2_PASSWORD T_A2_NAME (ta), T_B_EMAIL
#                 T_B_PASSWORD T_B_NAME (tb) (T_*_PASS: the same passwords),
#                 T_A_SECRET T_B_SECRET (webhook secrets), and the stack's
#                 LOOP_* environment (LOOP_DB ...).
#   tstack_down   stop it and delete its state (kept when KEEP_STACK=1)
#
# Results: t_ok NAME, t_fail NAME MSG, t_eq NAME WANT GOT, t_summary (prints
# "$T_SUITE: N passed, N failed"; T_SUITE defaults to integration). Results
# go to a file, so tests may run in subshells.
# HTTP: http_code ARGS (curl, prints the status), t_curl ARGS, t_login ...
# Sanitizer reports land in $T_VAR/log/asan.* / ubsan.*; t_sanitizer_check
# turns each into a failure.

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T_SUITE=${T_SUITE:-integration}
T_RESULTS=${T_RESULTS:-}

# ---------------------------------------------------------------- results

_t_results() {
	if [ -z "$T_RESULTS" ]; then
		T_RESULTS=$(mktemp /tmp/loop-results.XXXXXX)
		export T_RESULTS
	fi
}

t_ok() {
	_t_results
	echo "ok $1" >>"$T_RESULTS"
	echo "ok   $1"
}

t_fail() {
	_t_results
	echo "FAIL $1: ${2:-}" >>"$T_RESULTS"
	echo "FAIL $1: ${2:-}"
}

# t_eq NAME WANT GOT
t_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"; else t_fail "$1" "want $2, got $3"; fi
}

# t_true NAME MSG CMD...: ok when CMD succeeds, else fail with MSG.
t_true() {
	local name=$1 msg=$2
	shift 2
	if "$@"; then t_ok "$name"; else t_fail "$name" "$msg"; fi
}

# t_jq NAME FILTER JSON: ok when the jq FILTER is true for JSON.
t_jq() {
	if jq -e "$2" <<<"$3" >/dev/null 2>&1; then
		t_ok "$1"
	else
		t_fail "$1" "jq '$2' false for: $(head -c 300 <<<"$3")"
	fi
}

t_summary() {
	local p=0 f=0
	_t_results
	p=$(grep -c '^ok ' "$T_RESULTS" || true)
	f=$(grep -c '^FAIL ' "$T_RESULTS" || true)
	if [ "$f" -gt 0 ]; then
		echo "failed:"
		grep '^FAIL ' "$T_RESULTS" | sed 's/^FAIL /  /'
	fi
	echo "$T_SUITE: $p passed, $f failed"
	[ "$f" -eq 0 ]
}

# ------------------------------------------------------------------ HTTP

t_curl() { curl -sS -m 20 --noproxy '*' "$@"; }

# http_code ARGS...: the status code only (000 when no answer); the body
# is dropped unless ARGS has its own -o.
http_code() {
	local o=(-o /dev/null) a
	for a in "$@"; do [ "$a" = -o ] && o=(); done
	curl -sS -m 20 --noproxy '*' "${o[@]}" -w '%{http_code}' "$@" 2>/dev/null ||
		true
}

# t_csrf: the value of the hidden input named csrf in the HTML on stdin.
t_csrf() {
	tr '\n' ' ' | grep -o '<input[^>]*name="csrf"[^>]*>' | head -n 1 |
		sed -n 's/.*value="\([^"]*\)".*/\1/p'
}

# t_header NAME FILE: the value of the first header NAME in a curl -D dump.
t_header() {
	tr -d '\r' <"$2" | grep -i "^$1:" | head -n 1 | sed 's/^[^:]*:[[:space:]]*//'
}

# t_login_page JAR: GET /login into JAR; sets T_CSRF (the form's token).
t_login_page() {
	T_CSRF=$(t_curl -c "$1" -b "$1" "$T_URL/login" | t_csrf)
}

# t_login JAR EMAIL PASSWORD: the browser's sign-in (form + csrf cookie).
# Prints the status of the POST; its headers are in $T_VAR/last.hdr.
t_login() {
	local jar=$1
	t_login_page "$jar"
	curl -sS -m 20 --noproxy '*' -o "$T_VAR/last.body" -D "$T_VAR/last.hdr" \
		-w '%{http_code}' -c "$jar" -b "$jar" \
		--data-urlencode "email=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$T_CSRF" "$T_URL/login" 2>/dev/null || true
}

# t_token EMAIL PASSWORD: prints an API token (empty on failure).
t_token() {
	t_curl -H 'Content-Type: application/json' \
		-d "$(jq -cn --arg e "$1" --arg p "$2" '{email:$e,password:$p}')" \
		"$T_URL/api/v1/login" 2>/dev/null | jq -r '.token // empty' 2>/dev/null
}

# ----------------------------------------------------------- processes

# The worker PIDs of a FastCGI supervisor (crm, public, hooks), sorted.
t_workers() {
	local pid
	pid=$(cat "$T_VAR/run/${1:-crm}.pid" 2>/dev/null) || return 0
	pgrep -P "$pid" | sort -n | tr '\n' ' '
}

t_loopctl() { "$LOOP_BIN/loopctl" "$@"; }

# t_psql ROLE SQL: runs SQL as ROLE in the stack's database; prints rows.
t_psql() {
	psql -X -q -tA -v ON_ERROR_STOP=1 "$LOOP_DB user=$1" -c "$2"
}

# ----------------------------------------------------------- the stack

_t_free_port() {
	local p i
	for ((i = 0; i < 50; i++)); do
		p=$((18600 + RANDOM % 400))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# _t_tenant SLUG NAME: creates a tenant, prints its webhook secret.
_t_tenant() {
	local out
	out=$(t_loopctl tenant add "$1" --name "$2" 2>&1) ||
		{ echo "loopctl tenant add $1: $out" >&2; return 1; }
	echo "$out" | sed -n 's/^webhook_secret:[[:space:]]*//p' | tail -n 1
}

# _t_user SLUG EMAIL NAME PASSWORD
_t_user() {
	local out
	out=$(printf '%s\n' "$4" | t_loopctl user add "$1" "$2" --name "$3" 2>&1) ||
		{ echo "loopctl user add $2: $out" >&2; return 1; }
}

tstack_up() {
	local v
	# A shell that sourced some other stack's stack.env must not leak it.
	for v in LOOP_VAR LOOP_DB LOOP_ROOT LOOP_HTTP_PORT LOOP_PUBLIC_URL \
		LOOP_MASTER_KEY_FILE; do
		unset "$v"
	done
	T_VAR=$(mktemp -d /tmp/loop-test.XXXXXX) || return 1
	chmod 755 "$T_VAR"
	T_PORT=$(_t_free_port) || { echo "tstack_up: no free port" >&2; return 1; }
	T_URL=http://127.0.0.1:$T_PORT
	[ -n "$T_RESULTS" ] || T_RESULTS=$T_VAR/results
	export T_VAR T_PORT T_URL T_ROOT T_RESULTS
	export LOOP_VAR=$T_VAR LOOP_HTTP_PORT=$T_PORT
	export LOOP_BIN=${LOOP_BIN:-$T_ROOT/build/asan/bin}
	export LOOP_WORKERS=${LOOP_WORKERS:-2}
	# Leak checks off: workers are killed at stop and libraries keep caches.
	# Reports go to files that t_sanitizer_check turns into failures.
	export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:log_path=$T_VAR/log/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T_VAR/log/ubsan"
	local p
	for p in loop-crm loop-public loop-hooks loopctl loop-cron; do
		[ -x "$LOOP_BIN/$p" ] || {
			echo "tstack_up: missing $LOOP_BIN/$p (make asan all)" >&2
			return 1
		}
	done
	if ! "$T_ROOT/scripts/stack.sh" start >"$T_VAR/start.log" 2>&1; then
		echo "tstack_up: stack.sh start failed:" >&2
		cat "$T_VAR/start.log" >&2
		return 1
	fi
	# shellcheck disable=SC1091
	. "$T_VAR/stack.env"

	T_A_EMAIL=alice@ta.test T_A_PASS='alice: correct horse 1' T_A_NAME='Alice Archer'
	T_A2_EMAIL=arthur@ta.test T_A2_PASS='arthur: correct horse 2' T_A2_NAME='Arthur Abbott'
	T_B_EMAIL=bob@tb.test T_B_PASS='bob: correct horse 3' T_B_NAME='Bob Baker'
	T_A_PASSWORD=$T_A_PASS T_A2_PASSWORD=$T_A2_PASS T_B_PASSWORD=$T_B_PASS
	export T_A_EMAIL T_A_PASS T_A_PASSWORD T_A_NAME
	export T_A2_EMAIL T_A2_PASS T_A2_PASSWORD T_A2_NAME
	export T_B_EMAIL T_B_PASS T_B_PASSWORD T_B_NAME
	T_A_SECRET=$(_t_tenant ta 'Tenant A') || return 1
	T_B_SECRET=$(_t_tenant tb 'Tenant B') || return 1
	export T_A_SECRET T_B_SECRET
	_t_user ta "$T_A_EMAIL" "$T_A_NAME" "$T_A_PASS" || return 1
	_t_user ta "$T_A2_EMAIL" "$T_A2_NAME" "$T_A2_PASS" || return 1
	_t_user tb "$T_B_EMAIL" "$T_B_NAME" "$T_B_PASS" || return 1
	return 0
}

tstack_down() {
	[ -n "${T_VAR:-}" ] && [ -d "$T_VAR" ] || return 0
	if [ "${KEEP_STACK:-0}" = 1 ]; then
		echo "KEEP_STACK=1: stack left running in $T_VAR ($T_URL);" \
			"stop with: LOOP_VAR=$T_VAR scripts/stack.sh clean"
		return 0
	fi
	LOOP_VAR=$T_VAR "$T_ROOT/scripts/stack.sh" clean >/dev/null 2>&1 ||
		echo "tstack_down: stack.sh clean failed for $T_VAR" >&2
}

# Each sanitizer report file is a failure; prints the head of each.
t_sanitizer_check() {
	local f found=0
	for f in "$T_VAR"/log/asan.* "$T_VAR"/log/ubsan.*; do
		[ -s "$f" ] || continue
		found=1
		t_fail "sanitizer report $(basename "$f")" \
			"$(grep -m1 -E 'ERROR|runtime error' "$f" || head -n 1 "$f")"
		head -n 40 "$f" | sed 's/^/    /'
	done
	[ "$found" = 0 ] && t_ok "no sanitizer reports"
	return 0
}
