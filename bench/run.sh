#!/bin/bash
# run.sh - `make bench`: the Foundation benchmark (issue 2, item 9).
#
# Starts a private stack (scripts/stack.sh, state in /tmp/bench-var, port
# 18340), creates a tenant and a recruiter with bin/loopctl, signs in through
# POST /login, and runs wrk (2 threads, 32 connections) against four targets
# through one nginx:
#   static   nginx serving static/bench/2k.txt (the machine's HTTP ceiling)
#   bare     bench/bare.c: FastCGI, one primary-key PQexecParams, 2 KB page
#   healthz  loop-crm GET /healthz (one prepared SELECT 1)
#   crm      loop-crm GET / signed in (session lookup, template render)
# That nginx is a second one on port 18341, its config the stack's rendered
# nginx.conf plus `location = /bench/bare`; nginx/nginx.conf.in is not
# touched. The bare responder runs as many processes as loop-crm has workers,
# listens like loop-crm (backlog 256) and connects as the postgres superuser.
#
# Prints a table (requests/s, p50, p99, ratio to bare) and writes it into the
# "## Foundation" section of bench/README.md, leaving other sections alone.
# Everything it started is stopped at the end (the state dir stays for its
# logs, and is wiped at the next run).
#
# Settings: BENCH_SECONDS (10 per target), BENCH_WARMUP (2), BENCH_ROUNDS
# (3: the targets take turns and each one's median round is reported,
# which steadies the ratios on a busy machine), BENCH_VAR
# (/tmp/bench-var), BENCH_PORT (18340; the bench nginx takes the next one),
# LOOP_WORKERS (2), BENCH_README (bench/README.md; "-" to not write it),
# BENCH_STRICT=1 to exit 3 when a target ratio is missed, BENCH_SQL=FILE to
# run FILE as the postgres superuser once the stack is up (to measure a
# database change before it becomes a migration; the README says so).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# Never the caller's stack: these are the benchmark's own, whatever the
# environment says.
unset LOOP_DB LOOP_PUBLIC_URL LOOP_MASTER_KEY_FILE LOOP_ROOT
export LOOP_VAR=${BENCH_VAR:-/tmp/bench-var}
export LOOP_HTTP_PORT=${BENCH_PORT:-18340}
export LOOP_BIN=$ROOT/bin
export LOOP_DEMO=0
export LOOP_WORKERS=${LOOP_WORKERS:-2}
BPORT=$((LOOP_HTTP_PORT + 1))
SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-3}
[[ $SECS =~ ^[1-9][0-9]*$ && $WARM =~ ^[0-9]+$ && $ROUNDS =~ ^[1-9]$ ]] ||
	{ echo "bench: BENCH_SECONDS, BENCH_WARMUP, BENCH_ROUNDS (1-9) are numbers" >&2
	  exit 2; }
README=${BENCH_README:-$ROOT/bench/README.md}
BARE_BIN=$ROOT/build/bench/bare
SLUG=bench
EMAIL=bench@loop.test

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }

for c in wrk nginx curl psql python3 pkg-config gcc; do
	command -v "$c" >/dev/null || die "$c missing (scripts/deps.sh)"
done

# ------------------------------------------------------------- build bare

say "building $BARE_BIN"
mkdir -p "$(dirname "$BARE_BIN")"
# shellcheck disable=SC2046
gcc -std=c17 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O2 -Isrc \
	$(pkg-config --cflags fcgi libpq) -o "$BARE_BIN" bench/bare.c \
	$(pkg-config --libs fcgi libpq)

# ------------------------------------------------------------- the stack

BDIR=
BARE_PID=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
	set +e
	if [ -n "$BARE_PID" ] && kill -0 "$BARE_PID" 2>/dev/null; then
		kill -TERM -- "-$BARE_PID" 2>/dev/null
		say "stopped the bare responder"
	fi
	if [ -n "$BDIR" ] && [ -s "$BDIR/nginx.pid" ]; then
		kill -TERM "$(cat "$BDIR/nginx.pid")" 2>/dev/null &&
			say "stopped the bench nginx"
	fi
	scripts/stack.sh stop >/dev/null
	say "stack stopped (logs in $LOOP_VAR/log)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh state dir each time: a new cluster, tenant and password.
if [ -d "$LOOP_VAR" ]; then
	scripts/stack.sh clean >/dev/null
fi
say "starting the stack in $LOOP_VAR on port $LOOP_HTTP_PORT" \
	"($LOOP_WORKERS workers)"
scripts/stack.sh start >"$LOOP_VAR.start.log" 2>&1 ||
	{ cat "$LOOP_VAR.start.log" >&2; die "stack did not start"; }
rm -f "$LOOP_VAR.start.log"
# shellcheck disable=SC1091
. "$LOOP_VAR/stack.env"
NGX=$(readlink -f "$LOOP_VAR/nginx")
LOG=$LOOP_VAR/log
BASE=http://127.0.0.1:$LOOP_HTTP_PORT

PW=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
"$LOOP_BIN/loopctl" tenant add "$SLUG" --name "Bench Co" >/dev/null
printf '%s\n' "$PW" |
	"$LOOP_BIN/loopctl" user add "$SLUG" "$EMAIL" --name "Bea Bench" >/dev/null
TID=$(psql -X -q -tA "$LOOP_DB user=postgres" \
	-c "SELECT id FROM tenants WHERE slug = '$SLUG'")
[[ $TID =~ ^[0-9]+$ ]] || die "no tenant id for $SLUG"
say "tenant $SLUG (id $TID), recruiter $EMAIL"
if [ -n "${BENCH_SQL:-}" ]; then
	psql -X -q -v ON_ERROR_STOP=1 "$LOOP_DB user=postgres" -f "$BENCH_SQL" \
		>/dev/null || die "BENCH_SQL=$BENCH_SQL failed"
	say "applied $BENCH_SQL"
fi

# ------------------------------------------------------------- sign in

BDIR=$LOOP_VAR/bench
mkdir -p "$BDIR"
chmod 755 "$BDIR"
curl -s --noproxy '*' -m 5 -c "$BDIR/jar" -o "$BDIR/login.html" "$BASE/login"
CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$BDIR/login.html" |
	head -n 1)
[ -n "$CSRF" ] || die "no csrf input on GET /login"
code=$(curl -s --noproxy '*' -m 10 -b "$BDIR/jar" -D "$BDIR/login.hdr" \
	-o /dev/null -w '%{http_code}' --data-urlencode "email=$EMAIL" \
	--data-urlencode "password=$PW" --data-urlencode "csrf=$CSRF" \
	"$BASE/login")
[ "$code" = 303 ] || die "POST /login answered $code, not 303"
SESSION=$(tr -d '\r' <"$BDIR/login.hdr" |
	sed -n 's/^[Ss]et-[Cc]ookie: loop_session=\([^;]*\).*/\1/p' | head -n 1)
[ -n "$SESSION" ] || die "POST /login set no loop_session cookie"
say "signed in"

# ------------------------------------------------------ bare, bench nginx

# shellcheck disable=SC2016  # $$ is the inner shell's, which becomes bare
setsid bash -c 'echo $$ >"$0"; exec "$@"' "$BDIR/bare.pid" env \
	BENCH_DB="$LOOP_DB user=postgres" "$BARE_BIN" "$BDIR/bare.sock" \
	"$LOOP_WORKERS" "$TID" </dev/null >>"$LOG/bench-bare.log" 2>&1 &
for ((i = 0; i < 50; i++)); do
	[ -S "$BDIR/bare.sock" ] && [ -s "$BDIR/bare.pid" ] && break
	sleep 0.1
done
[ -S "$BDIR/bare.sock" ] || die "the bare responder did not start"
BARE_PID=$(cat "$BDIR/bare.pid")

# The stack's rendered config, moved to its own port, pid, temp and log
# paths, with one more location.
conf=$(<"$NGX/nginx.conf")
conf=${conf//"\"$NGX/"/"\"$BDIR/"}
conf=${conf//"\"$LOG/nginx-"/"\"$BDIR/nginx-"}
conf=${conf//"listen 127.0.0.1:$LOOP_HTTP_PORT "/"listen 127.0.0.1:$BPORT "}
printf '%s\n' "$conf" | awk -v sock="$BDIR/bare.sock" '
	/^[ \t]*location \/ \{/ && !done {
		print "\t\tlocation = /bench/bare {"
		print "\t\t\tfastcgi_pass unix:" sock ";"
		print "\t\t}"
		print ""
		done = 1
	}
	{ print }' >"$BDIR/nginx.conf"
if ! grep -q "listen 127.0.0.1:$BPORT " "$BDIR/nginx.conf" ||
	! grep -q '/bench/bare' "$BDIR/nginx.conf" ||
	grep -qF "\"$NGX/" "$BDIR/nginx.conf"; then
	die "could not derive the bench nginx config from $NGX/nginx.conf"
fi
mkdir -p "$BDIR"/tmp/{body,proxy,fastcgi,uwsgi,scgi}
user=$(sed -n 's/^user \([^ ;]*\).*/\1/p' "$BDIR/nginx.conf")
[ -z "$user" ] || chown -R "$user": "$BDIR/tmp"
nginx -p "$BDIR/" -c "$BDIR/nginx.conf" -e "$BDIR/nginx-error.log" ||
	die "the bench nginx did not start ($BDIR/nginx-error.log)"
BURL=http://127.0.0.1:$BPORT
for ((i = 0; i < 50; i++)); do
	curl -s --noproxy '*' -m 1 -o /dev/null "$BURL/healthz" && break
	sleep 0.1
done
say "bench nginx on $BURL"

# ------------------------------------------------------------ the targets

NAMES=(static bare healthz crm dash)
declare -A URL=(
	[static]=$BURL/static/bench/2k.txt
	[bare]=$BURL/bench/bare
	[healthz]=$BURL/healthz
	[crm]=$BURL/account
	[dash]=$BURL/
)
declare -A WHAT=(
	[static]="nginx, 2 KB static file"
	[bare]="bare FastCGI + 1 PQexecParams, 2 KB page"
	[healthz]="loop-crm GET /healthz"
	[crm]="loop-crm GET /account signed in (session + render)"
	[dash]="loop-crm GET / dashboard (session + 4 queries + render)"
)
# Only the CRM page gets the session cookie (an operator's health check
# and the bare responder have none to parse).
declare -A HDR=(
	[static]="X-Bench: static"
	[bare]="X-Bench: bare"
	[healthz]="X-Bench: healthz"
	[crm]="Cookie: loop_session=$SESSION"
	[dash]="Cookie: loop_session=$SESSION"
)

# check NAME: one request answers 200 (and the CRM page is the signed-in one).
check() {
	local out=$BDIR/check.$1 code
	code=$(curl -s --noproxy '*' -m 5 -H "${HDR[$1]}" -o "$out" \
		-w '%{http_code} %{size_download}' "${URL[$1]}")
	[ "${code%% *}" = 200 ] || die "$1: ${URL[$1]} answered ${code%% *}"
	if [ "$1" = crm ] || [ "$1" = dash ]; then
		grep -q 'Bea Bench' "$out" || die "$1: ${URL[$1]} is not the signed-in page"
	fi
	SIZE[$1]=${code#* }
}

# to_ms VALUE: wrk's 812.00us / 1.23ms / 1.02s in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		u = v; sub(/^[0-9.]+/, "", u); n = v + 0
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000
		else if (u == "m") n *= 60000
		printf "%.2f", n }'
}

declare -A RPS P50 P99 SIZE ERRS R_RPS R_P50 R_P99
# run NAME ROUND: one wrk run (after a warm-up in the first round).
run() {
	local n=$1 out=$BDIR/wrk.$1.$2 e
	check "$n"
	if [ "$2" = 1 ] && [ "$WARM" != 0 ]; then
		wrk -t2 -c32 -d"${WARM}s" -H "${HDR[$n]}" "${URL[$n]}" >/dev/null
	fi
	wrk -t2 -c32 -d"${SECS}s" --latency -H "${HDR[$n]}" "${URL[$n]}" >"$out"
	R_RPS[$n,$2]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
	R_P50[$n,$2]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	R_P99[$n,$2]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	e=$(awk '/Non-2xx or 3xx/ { e += $NF }
		/Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) e += $i }
		END { print e + 0 }' "$out")
	ERRS[$n]=$((${ERRS[$n]:-0} + e))
	[ -n "${R_RPS[$n,$2]}" ] || { cat "$out" >&2; die "$n: no result from wrk"; }
	say "$(printf '%-8s %8s req/s  p50 %6s ms  p99 %6s ms%s' "$n" \
		"${R_RPS[$n,$2]}" "${R_P50[$n,$2]}" "${R_P99[$n,$2]}" \
		"$([ "$e" = 0 ] || echo "  ($e errors)")")"
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "wrk -t2 -c32, ${WARM} s warm-up then ${SECS} s per target," \
	"$ROUNDS round(s)"
for ((r = 1; r <= ROUNDS; r++)); do
	for n in "${NAMES[@]}"; do run "$n" "$r"; done
done
check crm	# the session held to the end: no run was served redirects
check dash

# Each target's figures come from its median round by requests/s.
for n in "${NAMES[@]}"; do
	r=$(for ((i = 1; i <= ROUNDS; i++)); do echo "${R_RPS[$n,$i]} $i"; done |
		sort -n | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
	RPS[$n]=${R_RPS[$n,$r]}
	P50[$n]=${R_P50[$n,$r]}
	P99[$n]=${R_P99[$n,$r]}
done

# ---------------------------------------------------------------- report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v r="$1" -v t="$2" 'BEGIN { exit !(r >= t) }'; }

table() {
	local n r
	echo "| target | what | bytes | requests/s | p50 ms | p99 ms | x bare |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	for n in "${NAMES[@]}"; do
		r=$(ratio "${RPS[$n]}" "${RPS[bare]}")
		echo "| $n | ${WHAT[$n]} | ${SIZE[$n]} | ${RPS[$n]} | ${P50[$n]} |" \
			"${P99[$n]} | $r |"
	done
}

# target NAME LABEL MIN: one line saying whether NAME reached MIN x bare.
MISSED=0
target() {
	local r
	r=$(ratio "${RPS[$1]}" "${RPS[bare]}")
	if meets "$r" "$3"; then
		echo "- $2: $r x bare (target >= $3): met"
	else
		echo "- $2: $r x bare (target >= $3): MISSED"
		MISSED=1
	fi
}

ERRTOTAL=0
for n in "${NAMES[@]}"; do ERRTOTAL=$((ERRTOTAL + ${ERRS[$n]})); done
TABLE=$(table)
target healthz /healthz 0.9 >"$BDIR/verdict"
target crm "CRM page" 0.6 >>"$BDIR/verdict"
[ "$ERRTOTAL" -eq 0 ] || echo "- errors: $ERRTOTAL non-2xx answers or" \
	"socket errors (wrk output in $BDIR)" >>"$BDIR/verdict"
VERDICT=$(<"$BDIR/verdict")
echo
echo "$TABLE"
echo
echo "$VERDICT"

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
SECTION=$(cat <<EOT
## Foundation

Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores (${CPU:-unknown CPU}),
$(nginx -v 2>&1 | sed 's/.*: //'), PostgreSQL $(psql -X -q -tA "$LOOP_DB user=postgres" \
	-c 'SHOW server_version' | cut -d' ' -f1); load average before the run
$LOAD0 (other work on the machine skews the figures).${BENCH_SQL:+
Measured with \`BENCH_SQL=$BENCH_SQL\` applied: not the schema in sql/.}

- wrk -t2 -c32: ${WARM} s warm-up, then ${SECS} s per target, $ROUNDS round(s)
  taking turns; each target's median round is shown.
- One nginx with the stack's config for all four (one FastCGI connection per
  request, no \`fastcgi_keep_conn\`); $LOOP_WORKERS loop-crm workers, as many
  bare processes.

$TABLE

$VERDICT

- static: \`/static/bench/2k.txt\`, the HTTP ceiling of the machine.
- bare: \`bench/bare.c\`, the floor cost of the stack: FastCGI accept, one
  \`PQexecParams\` primary-key lookup (\`SELECT name FROM tenants WHERE id = \$1\`,
  as the postgres superuser over the same unix socket), a 2 KB page.
- healthz: \`GET /healthz\`, a prepared \`SELECT 1\` as \`loop_crm\`.
- crm: \`GET /\` with a session cookie from \`POST /login\`: session lookup
  (\`auth_session()\`), CSRF derivation, layout and dashboard templates.

Reproduce: \`make bench\` (about three minutes; stops what it starts). Knobs:
\`BENCH_SECONDS\`, \`BENCH_WARMUP\`, \`BENCH_ROUNDS\`, \`LOOP_WORKERS\`, \`BENCH_PORT\`,
\`BENCH_VAR\`, \`BENCH_STRICT=1\` (exit 3 when a target is missed),
\`BENCH_SQL=FILE\` (try a database change before it becomes a migration).
Runs on one machine vary by 15-30 %; compare ratios from the same run.
EOT
)

if [ "$README" != - ]; then
	SECTION=$SECTION python3 - "$README" <<'EOF'
import os, re, sys
path, section = sys.argv[1], os.environ["SECTION"].rstrip("\n") + "\n"
try:
    text = open(path, encoding="utf-8").read()
except FileNotFoundError:
    text = ("# Benchmarks\n\n`make bench` runs bench/run.sh. Each issue adds "
            "its own section;\nrun.sh rewrites only \"## Foundation\".\n")
m = re.search(r"^## Foundation[ \t]*\n", text, re.M)
if m:
    end = re.search(r"^## ", text[m.end():], re.M)
    stop = m.end() + end.start() if end else len(text)
    text = text[:m.start()] + section + ("\n" if end else "") + text[stop:]
else:
    text = text.rstrip("\n") + "\n\n" + section
tmp = path + ".tmp"
open(tmp, "w", encoding="utf-8").write(text)
os.replace(tmp, path)
EOF
	say "wrote the Foundation section of ${README#"$ROOT"/}"
fi

[ "$ERRTOTAL" -eq 0 ] || exit 1
if [ "$MISSED" = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
	exit 3
fi
exit 0
