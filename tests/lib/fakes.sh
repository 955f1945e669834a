# tests/lib/fakes.sh - the fake outside services, sourced by tests.
#
#   fakes_up      starts every tests/fakes/fake_*.py on a free loopback port,
#                 each with its own state dir under $FAKES_DIR (a new /tmp dir
#                 unless set), waits until each answers, and exports:
#                   fake_harvest -> LOOP_HARVEST_URL, LOOP_HARVEST_AUTH_URL
#                                   ($url/token), FAKE_HARVEST_URL
#                   fake_sms     -> LOOP_SMS_API_URL, FAKE_SMS_URL
#                   fake_smtp    -> LOOP_SMTP_URL=smtp://127.0.0.1:P,
#                                   FAKE_SMTP_URL (its control address)
#                 A fake that has no mapping here is started anyway and
#                 exported as FAKE_<NAME>_URL.
#   fakes_down    stops them (by the PIDs fakes_up recorded) and removes
#                 $FAKES_DIR when fakes_up created it.
#   fake_requests NAME   prints the JSON array of requests NAME recorded
#   fake_reset NAME      forgets them (and the fake's config)
#
# Fakes take --port P --dir D, write D/pid, and answer GET /_fake/health.
# fake_smtp may also take --http-port H for its control address.

FAKES_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

_fakes_port() {
	local p i
	for ((i = 0; i < 100; i++)); do
		p=$((19000 + RANDOM % 1000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# _fakes_wait URL: up to 10 s for URL/_fake/health to answer.
_fakes_wait() {
	local i
	for ((i = 0; i < 100; i++)); do
		curl -fsS -m 1 --noproxy '*' "$1/_fake/health" >/dev/null 2>&1 &&
			return 0
		sleep 0.1
	done
	return 1
}

fakes_up() {
	local f name up port ctl url args
	if [ -z "${FAKES_DIR:-}" ]; then
		FAKES_DIR=$(mktemp -d /tmp/loop-fakes.XXXXXX) || return 1
		FAKES_OWN_DIR=1
	fi
	export FAKES_DIR FAKES_OWN_DIR
	for f in "$FAKES_ROOT"/tests/fakes/fake_*.py; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .py)
		up=$(echo "${name#fake_}" | tr '[:lower:]' '[:upper:]')
		port=$(_fakes_port) || { echo "fakes_up: no free port" >&2; return 1; }
		mkdir -p "$FAKES_DIR/$name"
		args=(--port "$port" --dir "$FAKES_DIR/$name")
		url=http://127.0.0.1:$port
		if [ "$name" = fake_smtp ]; then
			ctl=$(_fakes_port) || return 1
			args+=(--http-port "$ctl")
			url=http://127.0.0.1:$ctl
		fi
		python3 "$f" "${args[@]}" >"$FAKES_DIR/$name/log" 2>&1 &
		echo $! >"$FAKES_DIR/$name/launcher.pid"
		_fakes_wait "$url" || {
			echo "fakes_up: $name did not start:" >&2
			cat "$FAKES_DIR/$name/log" >&2
			return 1
		}
		export "FAKE_${up}_URL=$url"
		case $name in
		fake_harvest)
			export LOOP_HARVEST_URL=$url
			export LOOP_HARVEST_AUTH_URL=$url/token ;;
		fake_sms)
			export LOOP_SMS_API_URL=$url ;;
		fake_smtp)
			export LOOP_SMTP_URL=smtp://127.0.0.1:$port ;;
		esac
	done
	return 0
}

fakes_down() {
	local d pid
	[ -n "${FAKES_DIR:-}" ] && [ -d "$FAKES_DIR" ] || return 0
	for d in "$FAKES_DIR"/fake_*; do
		[ -s "$d/launcher.pid" ] || continue
		pid=$(cat "$d/launcher.pid")
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	if [ "${FAKES_OWN_DIR:-0}" = 1 ]; then
		rm -rf "$FAKES_DIR"
		unset FAKES_DIR FAKES_OWN_DIR
	fi
	return 0
}

# _fakes_url NAME: the control URL of fake NAME (harvest, sms, smtp).
_fakes_url() {
	local v
	v="FAKE_$(echo "$1" | tr '[:lower:]' '[:upper:]')_URL"
	echo "${!v:-}"
}

fake_requests() {
	curl -sS -m 10 --noproxy '*' "$(_fakes_url "$1")/_fake/requests"
}

fake_reset() {
	curl -sS -m 10 --noproxy '*' -X POST "$(_fakes_url "$1")/_fake/reset" \
		>/dev/null
}
