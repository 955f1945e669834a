#!/bin/bash
# stack.sh - a local Loop stack: private Postgres, the three FastCGI
# supervisors, nginx and a once-a-minute loop-cron, all under one state dir.
#
#   scripts/stack.sh start     start what is down (idempotent), print URL + login
#   scripts/stack.sh stop      stop everything this state dir runs
#   scripts/stack.sh status    one line per component; exit 0 when all are up
#   scripts/stack.sh pg-stop | pg-start   only Postgres (tests: database outage)
#   scripts/stack.sh clean     stop, then delete the state dir (and /tmp parts)
#
# Settings (environment): LOOP_VAR (state dir, default $ROOT/var), LOOP_BIN
# (programs, default $ROOT/bin), LOOP_HTTP_PORT (8080), LOOP_WORKERS (2 per
# FastCGI program), LOOP_DEMO (1: create the demo tenant; 0: skip), and
# every LOOP_* variable the programs read, which are passed on. LOOP_DB is
# always set to the private cluster (unix socket only, in $LOOP_VAR/run). $LOOP_VAR/stack.env holds the exports for a shell:
# `. var/stack.env; bin/loopctl ...`.
#
# A component whose program or settings changed since it started is
# restarted by `start`; nginx is reloaded when its rendered config changes.
# Two stacks in different LOOP_VARs on different ports run side by side.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${LOOP_VAR:-$ROOT/var}
BIN=${LOOP_BIN:-$ROOT/bin}
PORT=${LOOP_HTTP_PORT:-8080}
WORKERS=${LOOP_WORKERS:-2}
DEMO=${LOOP_DEMO:-1}
PGPORT_=5432
SERVICES=(crm public hooks)
case $VAR in /*) ;; *) VAR=$PWD/$VAR ;; esac
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

PGBIN=
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
	[ -x "$d/pg_ctl" ] && { PGBIN=$d; break; }
done

say() { echo "stack: $*"; }
warn() { echo "stack: $*" >&2; }
die() { echo "stack: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Postgres tools refuse to run as root: run them as the postgres user.
as_pg() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

# Can USER reach (search) PATH and everything above it?
can_reach() {
	is_root || return 0
	runuser -u "$1" -- test -x "$2" 2>/dev/null
}

ngx_user() {
	if getent passwd www-data >/dev/null; then echo www-data; else echo nobody; fi
}

# pid_alive PIDFILE PATTERN: the process in PIDFILE runs and its command
# line contains PATTERN (guards against a reused PID).
pid_alive() {
	local pid cmd
	[ -s "$1" ] || return 1
	pid=$(cat "$1" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	[[ $cmd == *"$2"* ]]
}

# Is PID running (a zombie waiting for its reaper does not count)?
proc_running() {
	local st
	st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) ||
		return 1
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# Does anything but zombies remain in process group PGID?
group_running() {
	local p
	for p in $(pgrep -g "$1" 2>/dev/null); do
		proc_running "$p" && return 0
	done
	return 1
}

# stop_pid PIDFILE PATTERN NAME [group]: SIGTERM (to the whole process
# group with "group"), wait, then SIGKILL whatever is left in its group.
stop_pid() {
	local pidf=$1 pat=$2 name=$3 pid i
	if pid_alive "$pidf" "$pat"; then
		pid=$(cat "$pidf")
		if [ "${4:-}" = group ]; then
			kill -TERM -- "-$pid" 2>/dev/null || true
		else
			kill -TERM "$pid" 2>/dev/null || true
		fi
		for ((i = 0; i < 200; i++)); do
			proc_running "$pid" || break
			sleep 0.05
		done
		if proc_running "$pid"; then
			warn "$name did not stop in 10 s; killing it"
			kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		fi
		# Children left in its process group (session leader = pid).
		for ((i = 0; i < 60; i++)); do
			group_running "$pid" || break
			sleep 0.05
		done
		if group_running "$pid"; then
			warn "$name left processes behind; killing them"
			kill -KILL -- "-$pid" 2>/dev/null || true
		fi
		say "stopped $name"
	fi
	rm -f "$pidf"
}

tail_logs() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || continue
		echo "---- tail $f" >&2
		tail -n 25 "$f" >&2
	done
}

rotate() {
	local f=$1
	if [ -f "$f" ] && [ "$(stat -c %s "$f")" -gt 67108864 ]; then
		mv -f "$f" "$f.1"
	fi
}

# ---------------------------------------------------------------- layout

# Directories other users must reach (Postgres writes its socket into run/,
# nginx workers connect to the FastCGI sockets and write temp files). When
# the state dir is not reachable by them, or too deep for a unix socket path
# (108 bytes), those parts live under /tmp behind a symlink.
place_dir() {
	local p=$VAR/$1 t
	if [ -L "$p" ]; then
		[ -d "$p" ] && return 0
		rm -f "$p"	# the /tmp target was cleaned away
	fi
	[ -d "$p" ] && return 0
	if [ "$NEED_TMP" = yes ]; then
		t=$(mktemp -d "/tmp/loop-$1.XXXXXX")
		chmod 755 "$t"
		ln -s "$t" "$p"
	else
		mkdir -p "$p"
	fi
}

layout() {
	local u d
	mkdir -p "$VAR"
	chmod u+rwx,go+x "$VAR" 2>/dev/null || true
	VAR=$(cd "$VAR" && pwd)
	NGX_USER=
	is_root && NGX_USER=$(ngx_user)
	NEED_TMP=no
	if is_root; then
		for u in postgres "$NGX_USER"; do
			can_reach "$u" "$VAR" || NEED_TMP=yes
		done
	fi
	[ $((${#VAR} + 24)) -le 100 ] || NEED_TMP=yes
	for d in run pg nginx; do place_dir "$d"; done
	mkdir -p "$VAR/log" "$VAR/state"
	RUN=$(readlink -f "$VAR/run")
	PG=$(readlink -f "$VAR/pg")
	NGX=$(readlink -f "$VAR/nginx")
	LOG=$VAR/log
	if is_root; then
		chown postgres: "$RUN" "$PG"
	fi
	chmod 755 "$RUN" "$PG" "$NGX"
	mkdir -p "$NGX"/tmp/{body,proxy,fastcgi,uwsgi,scgi}
	if is_root; then
		chown -R "$NGX_USER": "$NGX/tmp"
	fi
	ln -sfn "$PG/postgres.log" "$LOG/postgres.log"
}

# Paths only, for stop/status on a state dir that may not exist.
paths() {
	RUN=$VAR/run PG=$VAR/pg NGX=$VAR/nginx LOG=$VAR/log
	[ -e "$RUN" ] && RUN=$(readlink -f "$RUN")
	[ -e "$PG" ] && PG=$(readlink -f "$PG")
	[ -e "$NGX" ] && NGX=$(readlink -f "$NGX")
	return 0
}

master_key() {
	KEY=${LOOP_MASTER_KEY_FILE:-$VAR/master.key}
	if [ ! -e "$KEY" ]; then
		(
			umask 077
			od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$KEY.tmp"
			echo >>"$KEY.tmp"
			mv -f "$KEY.tmp" "$KEY"
		)
		say "created master key $KEY"
	fi
	chmod 600 "$KEY"
	grep -qxE '[0-9a-f]{64}' "$KEY" ||
		die "$KEY is not 64 hex characters; fix or move it (it encrypts tenant secrets)"
}

export_env() {
	local v
	export LOOP_ROOT=$ROOT
	local host=$RUN
	if [[ $host == *[[:space:]\'\\]* ]]; then	# libpq conninfo quoting
		host=${host//\\/\\\\}
		host="'${host//\'/\\\'}'"
	fi
	export LOOP_DB="host=$host port=$PGPORT_ dbname=loop"
	export LOOP_HTTP_PORT=$PORT
	export LOOP_PUBLIC_URL=${LOOP_PUBLIC_URL:-http://127.0.0.1:$PORT}
	export LOOP_MASTER_KEY_FILE=$KEY
	{
		echo "# Written by scripts/stack.sh: . this file to talk to the stack."
		for v in $(compgen -e | grep -E '^LOOP_' | sort); do
			printf 'export %s=%q\n' "$v" "${!v}"
		done
	} >"$VAR/stack.env.tmp"
	mv -f "$VAR/stack.env.tmp" "$VAR/stack.env"
}

# What a started program depends on besides its binary.
env_fp() {
	echo "workers=$WORKERS"
	env | grep -E '^(LOOP_|ASAN_OPTIONS=|UBSAN_OPTIONS=)' |
		grep -vE '^LOOP_(DEMO|VAR)=' | sort || true
}

# -------------------------------------------------------------- postgres

pg_running() {
	[ -s "$PG/data/PG_VERSION" ] || return 1
	as_pg "$PGBIN/pg_ctl" -D "$PG/data" status >/dev/null 2>&1
}

pg_conf() {
	local run_q=${RUN//\'/\'\'}
	cat >"$PG/data/loop.conf" <<EOT
# Written by scripts/stack.sh on every start; edits are lost.
listen_addresses = ''
port = $PGPORT_
unix_socket_directories = '$run_q'
unix_socket_permissions = 0700
max_connections = 100
shared_buffers = 128MB
effective_cache_size = 1GB
work_mem = 8MB
maintenance_work_mem = 64MB
fsync = on
synchronous_commit = on
full_page_writes = on
wal_buffers = 16MB
min_wal_size = 80MB
max_wal_size = 1GB
checkpoint_completion_target = 0.9
random_page_cost = 1.1
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
log_lock_waits = on
EOT
	is_root && chown postgres: "$PG/data/loop.conf"
	return 0
}

pg_start() {
	[ -n "$PGBIN" ] || die "no PostgreSQL server binaries (run scripts/deps.sh)"
	if [ ! -s "$PG/data/PG_VERSION" ]; then
		say "initdb $PG/data"
		rm -rf "$PG/data"
		as_pg "$PGBIN/initdb" -D "$PG/data" -U postgres -E UTF8 \
			--locale=C.UTF-8 --auth-local=trust \
			--auth-host=scram-sha-256 >"$LOG/initdb.log" 2>&1 ||
			{ tail_logs "$LOG/initdb.log"; die "initdb failed"; }
		echo "include_if_exists = 'loop.conf'" >>"$PG/data/postgresql.conf"
	fi
	pg_conf
	pg_running && return 0
	rotate "$PG/postgres.log"
	as_pg "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/postgres.log" -w -t 60 \
		start </dev/null >/dev/null 2>&1 9>&- ||
		{ tail_logs "$PG/postgres.log"; die "postgres did not start"; }
	say "postgres up (socket $RUN)"
}

pg_stop() {
	pg_running || return 0
	as_pg "$PGBIN/pg_ctl" -D "$PG/data" -m fast -w -t 60 stop >/dev/null ||
		warn "pg_ctl stop failed"
	say "stopped postgres"
}

db_create() {
	if [ "$(psql -X -q -tA -h "$RUN" -p "$PGPORT_" -U postgres -d postgres \
		-c "SELECT 1 FROM pg_database WHERE datname = 'loop'")" != 1 ]; then
		"$PGBIN/createdb" -h "$RUN" -p "$PGPORT_" -U postgres -E UTF8 loop ||
			die "createdb loop failed"
		say "created database loop"
	fi
}

migrate() {
	local out
	[ -x "$BIN/loopctl" ] || die "missing $BIN/loopctl (make all)"
	if ! out=$("$BIN/loopctl" migrate 2>&1 </dev/null); then
		echo "$out" >&2
		die "loopctl migrate failed"
	fi
	[ -z "$out" ] || echo "$out" | sed 's/^/migrate: /'
	echo "$(date -Is) migrate: ${out:-ok}" >>"$LOG/loopctl.log"
}

# ------------------------------------------------------------- FastCGI

svc_start() {
	local name=$1 bin=$BIN/loop-$1 sock=$RUN/$1.sock pidf=$RUN/$1.pid
	local fpf=$VAR/state/$1.fp fp i
	[ -x "$bin" ] || die "missing $bin (make all)"
	# Templates load at worker start: an edited one means a restart too.
	fp="$(env_fp; stat -c '%n %Y %s' "$bin" "$ROOT"/templates/*.tpl 2>/dev/null || true)"
	if pid_alive "$pidf" "$sock"; then
		[ "$fp" = "$(cat "$fpf" 2>/dev/null)" ] && return 0
		say "loop-$name: program or settings changed; restarting"
		stop_pid "$pidf" "$sock" "loop-$name"
	fi
	rm -f "$sock" "$pidf"
	rotate "$LOG/$name.log"
	setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" \
		"$bin" -s "$sock" -n "$WORKERS" </dev/null >>"$LOG/$name.log" 2>&1 9>&- &
	echo "$fp" >"$fpf"
	for ((i = 0; i < 150; i++)); do
		if [ -S "$sock" ] && pid_alive "$pidf" "$sock"; then
			say "loop-$name up (pid $(cat "$pidf"), $WORKERS workers)"
			return 0
		fi
		if [ -s "$pidf" ] && ! pid_alive "$pidf" "$sock"; then
			break
		fi
		sleep 0.1
	done
	tail_logs "$LOG/$name.log"
	die "loop-$name did not come up (no socket $sock)"
}

svc_stop() {
	stop_pid "$RUN/$1.pid" "$RUN/$1.sock" "loop-$1"
	rm -f "$RUN/$1.sock"
}

# ---------------------------------------------------------------- nginx

ngx_render() {
	local t user_line
	t=$(<"$ROOT/nginx/nginx.conf.in")
	if is_root; then
		user_line="user $NGX_USER $(id -gn "$NGX_USER");"
	else
		user_line="# (not root: workers run as $(id -un))"
	fi
	t=${t//@USER_LINE@/"$user_line"}
	# nginx shares the cores with the FastCGI workers and Postgres: half
	# of them, at least one (bench/README.md: on 2 cores one process
	# serves the API about 10 % faster than two).
	t=${t//@NGX_WORKERS@/"$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))"}
	t=${t//@PORT@/"$PORT"}
	t=${t//@ROOT@/"$ROOT"}
	t=${t//@PREFIX@/"$NGX"}
	t=${t//@LOG@/"$LOG"}
	t=${t//@RUN@/"$RUN"}
	printf '%s\n' "$t"
}

ngx_alive() { pid_alive "$NGX/nginx.pid" "nginx: master"; }

ngx_test() {
	local out
	out=$(nginx -t -q -p "$NGX/" -c "$1" -e "$LOG/nginx-error.log" 2>&1) ||
		{ echo "$out" >&2; die "nginx config test failed ($1)"; }
}

ngx_start() {
	local i
	if is_root && ! runuser -u "$NGX_USER" -- test -r "$ROOT/static" 2>/dev/null; then
		warn "$NGX_USER cannot read $ROOT/static; nginx workers run as root"
		NGX_USER=root
	fi
	ngx_render >"$NGX/nginx.conf.new"
	if ngx_alive; then
		if cmp -s "$NGX/nginx.conf.new" "$NGX/nginx.conf"; then
			rm -f "$NGX/nginx.conf.new"
			return 0
		fi
		ngx_test "$NGX/nginx.conf.new"
		mv -f "$NGX/nginx.conf.new" "$NGX/nginx.conf"
		kill -HUP "$(cat "$NGX/nginx.pid")"
		say "nginx reloaded (port $PORT)"
		return 0
	fi
	ngx_test "$NGX/nginx.conf.new"
	mv -f "$NGX/nginx.conf.new" "$NGX/nginx.conf"
	rm -f "$NGX/nginx.pid"
	rotate "$LOG/nginx-access.log"
	rotate "$LOG/nginx-error.log"
	nginx -p "$NGX/" -c "$NGX/nginx.conf" -e "$LOG/nginx-error.log" \
		</dev/null >>"$LOG/nginx-error.log" 2>&1 9>&- ||
		{ tail_logs "$LOG/nginx-error.log"; die "nginx did not start"; }
	for ((i = 0; i < 50; i++)); do
		ngx_alive && { say "nginx up on 127.0.0.1:$PORT"; return 0; }
		sleep 0.1
	done
	tail_logs "$LOG/nginx-error.log"
	die "nginx did not start"
}

ngx_stop() {
	stop_pid "$NGX/nginx.pid" "nginx: master" nginx
}

# ----------------------------------------------------------------- cron

CRON_TAG=loop-cron-loop

cron_start() {
	local pidf=$RUN/cron.pid fpf=$VAR/state/cron.fp fp
	[ -x "$BIN/loop-cron" ] || die "missing $BIN/loop-cron (make all)"
	fp="$(env_fp; echo "$BIN/loop-cron")"
	if pid_alive "$pidf" "$CRON_TAG"; then
		[ "$fp" = "$(cat "$fpf" 2>/dev/null)" ] && return 0
		stop_pid "$pidf" "$CRON_TAG" "cron loop" group
	fi
	rotate "$LOG/cron.log"
	# One pass a minute; a pass that hangs is cut off after 10 minutes.
	setsid bash -c 'echo $$ >"$1"
		while :; do
			timeout 600 "$2" || echo "$(date -Is) loop-cron exit $?"
			sleep 60
		done' "$CRON_TAG" "$pidf" "$BIN/loop-cron" \
		</dev/null >>"$LOG/cron.log" 2>&1 9>&- &
	echo "$fp" >"$fpf"
	say "cron loop up (loop-cron every 60 s)"
}

cron_stop() { stop_pid "$RUN/cron.pid" "$CRON_TAG" "cron loop" group; }

# ------------------------------------------------------------ health, demo

healthz() {
	curl -s --noproxy '*' -o /dev/null -m 2 -w '%{http_code}' \
		"http://127.0.0.1:$PORT/healthz" 2>/dev/null || true
}

wait_healthy() {
	local i code=
	for ((i = 0; i < 300; i++)); do
		code=$(healthz)
		[ "$code" = 200 ] && return 0
		sleep 0.1
	done
	tail_logs "$LOG/crm.log" "$LOG/nginx-error.log" "$PG/postgres.log"
	die "http://127.0.0.1:$PORT/healthz gave ${code:-nothing} after 30 s"
}

DEMO_EMAIL=demo@loop.test
DEMO_PW=

demo() {
	local f=$VAR/demo.login out
	[ "$DEMO" = 1 ] || return 0
	DEMO_PW=$(sed -n 's/^password: //p' "$f" 2>/dev/null || true)
	if [ -z "$DEMO_PW" ]; then
		DEMO_PW=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
		(umask 077; printf 'login: %s\npassword: %s\n' "$DEMO_EMAIL" \
			"$DEMO_PW" >"$f")
	fi
	chmod 600 "$f"
	if ! out=$(printf '%s\n' "$DEMO_PW" | "$BIN/loopctl" demo demo 2>&1); then
		echo "$out" >&2
		warn "WARNING: loopctl demo demo failed; the stack runs without demo data"
		DEMO_PW=
		return 0
	fi
	echo "$(date -Is) demo: $out" >>"$LOG/loopctl.log"
	local login
	login=$(echo "$out" | sed -n 's/^login:[[:space:]]*//p' | tail -n 1)
	if [ -n "$login" ] && [ "$login" != "$DEMO_EMAIL" ]; then
		DEMO_EMAIL=$login
		(umask 077; printf 'login: %s\npassword: %s\n' "$DEMO_EMAIL" \
			"$DEMO_PW" >"$f")
	fi
}

# ------------------------------------------------------------- commands

# One stack.sh at a time per state dir. Every daemon is started with fd 9
# closed so that it does not hold the lock. stop goes on without it.
lock() {
	exec 9>"$VAR/.lock"
	flock -w "$1" 9 && return 0
	[ "$2" = soft ] || die "another stack.sh holds $VAR/.lock"
	warn "another stack.sh holds $VAR/.lock; going on without it"
}

cmd_start() {
	local s
	command -v nginx >/dev/null || die "nginx not installed (scripts/deps.sh)"
	layout
	lock 300 hard
	if ! ngx_alive && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		die "127.0.0.1:$PORT is taken by another program (another stack? stop it, or set LOOP_HTTP_PORT)"
	fi
	master_key
	export_env
	pg_start
	db_create
	migrate
	for s in "${SERVICES[@]}"; do svc_start "$s"; done
	ngx_start
	cron_start
	wait_healthy
	demo
	echo
	echo "Loop is running at $LOOP_PUBLIC_URL/"
	if [ -n "$DEMO_PW" ]; then
		echo "  login:    $DEMO_EMAIL"
		echo "  password: $DEMO_PW   (kept in $VAR/demo.login)"
	fi
	echo "  logs in $LOG/; stop with: make stop"
}

cmd_stop() {
	local s
	if [ ! -d "$VAR" ]; then
		say "nothing to stop ($VAR does not exist)"
		return 0
	fi
	paths
	lock 30 soft
	cron_stop
	ngx_stop
	for s in "${SERVICES[@]}"; do svc_stop "$s"; done
	pg_stop
}

cmd_status() {
	local s bad=0 line
	paths
	# The port it was started with, unless one is asked for.
	if [ -z "${LOOP_HTTP_PORT:-}" ] && [ -f "$VAR/stack.env" ]; then
		line=$(sed -n 's/^export LOOP_HTTP_PORT=\([0-9]*\)$/\1/p' "$VAR/stack.env")
		PORT=${line:-$PORT}
	fi
	show() { # NAME ok|down DETAIL
		printf '%-12s %-5s %s\n' "$1" "$2" "$3"
		[ "$2" = up ] || bad=1
	}
	if pg_running; then show postgres up "$PG/data"; else show postgres down ""; fi
	for s in "${SERVICES[@]}"; do
		if pid_alive "$RUN/$s.pid" "$RUN/$s.sock"; then
			line="pid $(cat "$RUN/$s.pid"), workers $(pgrep -d, -P "$(cat "$RUN/$s.pid")" || true)"
			show "loop-$s" up "$line"
		else
			show "loop-$s" down ""
		fi
	done
	if ngx_alive; then show nginx up "pid $(cat "$NGX/nginx.pid")"; else show nginx down ""; fi
	if pid_alive "$RUN/cron.pid" "$CRON_TAG"; then
		show cron up "pid $(cat "$RUN/cron.pid")"
	else
		show cron down ""
	fi
	if [ "$(healthz)" = 200 ]; then show healthz up "http://127.0.0.1:$PORT/healthz"
	else show healthz down "http://127.0.0.1:$PORT/healthz"; fi
	echo "LOOP_DB=host=$RUN port=$PGPORT_ dbname=loop"
	return $((bad ? 3 : 0))
}

cmd_clean() {
	local d t
	cmd_stop
	[ -d "$VAR" ] || return 0
	for d in run pg nginx; do
		if [ -L "$VAR/$d" ]; then
			t=$(readlink -f "$VAR/$d")
			case $t in /tmp/loop-*) rm -rf "$t" ;; esac
		fi
	done
	rm -rf "$VAR"
	say "removed $VAR"
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
clean) cmd_clean ;;
pg-stop) [ -d "$VAR" ] || exit 0; paths; pg_stop ;;
pg-start) layout; pg_start ;;
*)
	echo "usage: $0 start|stop|status|clean|pg-stop|pg-start" >&2
	exit 2
	;;
esac
