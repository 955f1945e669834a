#!/bin/bash
# gh_ingest.sh - Greenhouse webhook ingest against Postgres's own insert rate.
#
# Starts a private stack (state in $BENCH_VAR, port $BENCH_PORT), creates a
# tenant, signs BENCH_CANDIDATES x BENCH_STAGES candidate_stage_change
# bodies (bench/gh_ingest_bodies.py), creates the candidates with their
# first stage (warm-up), then takes turns for BENCH_ROUNDS rounds between:
#   pgbench  durable single-row INSERTs (fsync and synchronous_commit on)
#            into a scratch table as postgres, with one client and with
#            BENCH_CLIENTS clients
#   ingest   wrk -s bench/gh_ingest.lua through nginx to loop-hooks
#            (LOOP_WORKERS = BENCH_CLIENTS workers, so as many database
#            connections), each request a later stage of a known candidate
#            with a Greenhouse-Event-ID of its own
# It reports each side's median round, the ratios (target >= 0.3; the
# strict one is against pgbench with as many clients as the ingest has
# connections, which BENCH_STRICT checks), and the
# proof that every 200 answered is an event row stored as applied or
# ignored (rows of requests still in flight when wrk stopped may add a few).
# Writes the table into the "## Greenhouse ingest" section of
# bench/README.md (BENCH_README=- to skip) and stops what it started.
#
# Settings: BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_CLIENTS (8),
# BENCH_CONNECTIONS (wrk, 16), BENCH_CANDIDATES (2000), BENCH_STAGES (30),
# BENCH_VAR (/tmp/gh-bench-var), BENCH_PORT (18350), BENCH_STRICT=1 (exit 3
# when the ratio or the count fails), BENCH_KEEP=1 (leave the stack up).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
unset LOOP_DB LOOP_PUBLIC_URL LOOP_MASTER_KEY_FILE LOOP_ROOT
export LOOP_VAR=${BENCH_VAR:-/tmp/gh-bench-var}
export LOOP_HTTP_PORT=${BENCH_PORT:-18350}
export LOOP_BIN=$ROOT/bin
export LOOP_DEMO=0
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CLIENTS=${BENCH_CLIENTS:-8}
CONNS=${BENCH_CONNECTIONS:-16}
NCAND=${BENCH_CANDIDATES:-2000}
NSTAGES=${BENCH_STAGES:-30}
export LOOP_WORKERS=$CLIENTS
README=${BENCH_README:-$ROOT/bench/README.md}
URL=http://127.0.0.1:$LOOP_HTTP_PORT
SLUG=ghbench
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)

say() { echo "gh_ingest: $*"; }
die() { echo "gh_ingest: $*" >&2; exit 1; }
for c in wrk pgbench psql python3 nginx; do
	command -v "$c" >/dev/null || die "$c missing (scripts/deps.sh)"
done
for p in loop-hooks loopctl; do
	[ -x "$LOOP_BIN/$p" ] || die "$LOOP_BIN/$p missing (make all)"
done

cleanup() {
	set +e
	[ "${BENCH_KEEP:-0}" = 1 ] && return
	scripts/stack.sh stop >/dev/null 2>&1 && say "stack stopped"
}
trap cleanup EXIT

say "starting a stack in $LOOP_VAR on port $LOOP_HTTP_PORT ($CLIENTS hooks workers)"
scripts/stack.sh clean >/dev/null 2>&1 || true
scripts/stack.sh start >"$LOOP_VAR.start.log" 2>&1 ||
	{ cat "$LOOP_VAR.start.log" >&2; die "the stack did not start"; }
# shellcheck disable=SC1091
. "$LOOP_VAR/stack.env"
psql_() { psql -X -q -tA -v ON_ERROR_STOP=1 "$LOOP_DB user=postgres" -c "$1"; }

secret=$("$LOOP_BIN/loopctl" tenant add "$SLUG" --name "Ingest bench" |
	sed -n 's/^webhook_secret:[[:space:]]*//p')
[ -n "$secret" ] || die "no webhook secret"
TID=$(psql_ "SELECT id FROM tenants WHERE slug = '$SLUG'")
B=$LOOP_VAR/bench
mkdir -p "$B"

say "signing $NCAND candidates x $NSTAGES stages"
GH_SECRET=$secret python3 bench/gh_ingest_bodies.py \
	tests/fixtures/greenhouse/webhooks/candidate_stage_change.json \
	"$NCAND" "$NSTAGES" "$B/seed.tsv" "$B/bodies.tsv"

psql_ "CREATE TABLE IF NOT EXISTS gh_bench_insert (id bigserial PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT now(), v bigint NOT NULL)"
printf '\\set r random(1, 1000000000)\nINSERT INTO gh_bench_insert (v) VALUES (:r);\n' \
	>"$B/insert.sql"

run_pgbench() {	# CLIENTS -> inserts per second
	pgbench -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$SECS" -f "$B/insert.sql" \
		"$LOOP_DB user=postgres" 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p'
}

# run_wrk FILE SECONDS TAG OFFSET -> "rps ok other p50 p99"
run_wrk() {
	local out
	out=$(wrk -t2 -c"$CONNS" -d"$2s" --latency -s bench/gh_ingest.lua \
		"$URL/hooks/greenhouse/$SLUG" -- "$1" "$3" "$4" 2)
	echo "$out" >"$B/wrk-$3.txt"
	echo "$out" | awk '/^Requests\/sec/ {r = $2} /^GH_OK/ {o = $2}
		/^GH_OTHER/ {n = $2} $1 == "50%" {p = $2} $1 == "99%" {q = $2}
		END {print r, o, n, p, q}'
}

stored() {	# TAG -> event rows stored as applied or ignored
	psql_ "SELECT count(*) FROM webhook_events WHERE tenant_id = $TID AND
	    event_id LIKE '$1-%' AND outcome IN ('applied', 'ignored')"
}

say "warm-up: creating the $NCAND candidates"
seeded=0
for ((w = 0; w < 40; w++)); do
	read -r _ ok other _ <<<"$(run_wrk "$B/seed.tsv" 3 "warm$w" "$seeded")"
	seeded=$((seeded + ok + other))
	[ "$(psql_ "SELECT count(*) FROM people WHERE tenant_id = $TID")" -ge "$NCAND" ] &&
		break
done

pg=() pg1=() gh=() offset=0 all_ok=0 all_stored=0 all_other=0 lost=0
for ((r = 1; r <= ROUNDS; r++)); do
	pg1+=("$(run_pgbench 1)")
	tps=$(run_pgbench "$CLIENTS")
	read -r rps ok other p50 p99 <<<"$(run_wrk "$B/bodies.tsv" "$SECS" "r$r" "$offset")"
	n=$(stored "r$r")
	offset=$((offset + ok + other))
	say "round $r: pgbench $tps inserts/s (c1: ${pg1[-1]}), ingest $rps deliveries/s ($ok x 200, $other other, $n stored)"
	pg+=("$tps")
	gh+=("$rps $p50 $p99")
	all_ok=$((all_ok + ok)) all_stored=$((all_stored + n)) all_other=$((all_other + other))
	[ "$n" -ge "$ok" ] || lost=$((lost + ok - n))
done
[ "$offset" -le $((NCAND * (NSTAGES - 1))) ] ||
	say "note: the rounds went through every body and started over (BENCH_STAGES)"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
whole() { printf '%.0f' "$1"; }
m_pg=$(whole "$(median "${pg[@]}")")
m_pg1=$(whole "$(median "${pg1[@]}")")
m_gh=$(median "${gh[@]%% *}")
read -r rps p50 p99 <<<"$(printf '%s\n' "${gh[@]}" | awk -v m="$m_gh" '$1 == m' | head -n 1)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" 'BEGIN { if (r + 0 >= 0.3) print "met"; else print "MISSED" }'; }
ratio=$(ratio "$m_gh" "$m_pg")
ratio1=$(ratio "$m_gh" "$m_pg1")
v_ratio=$(verdict "$ratio")
v_ratio1=$(verdict "$ratio1")
v_lost=$([ "$lost" = 0 ] && [ "$all_other" = 0 ] && echo met || echo MISSED)

table=$(cat <<EOF
Run of $(date -u '+%Y-%m-%d %H:%M') UTC: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),
$(nginx -v 2>&1 | sed 's/^nginx version: //'), PostgreSQL $(psql_ 'SHOW server_version' | cut -d' ' -f1) (fsync and synchronous_commit
on), $CLIENTS loop-hooks workers and $CLIENTS pgbench clients, wrk -t2 -c$CONNS, $SECS s
per side, $ROUNDS alternating rounds (median shown), $NCAND candidates, bodies of
$(head -n 1 "$B/bodies.tsv" | cut -f2 | tr -d '\n' | wc -c) bytes. Load average before the run: $LOADAVG.

| side | what | per second | p50 | p99 |
| --- | --- | ---: | ---: | ---: |
| pgbench -c1 | durable single-row INSERT, one transaction each, one client | $m_pg1 | | |
| pgbench -c$CLIENTS | the same, $CLIENTS clients (as many connections as the ingest has) | $m_pg | | |
| ingest | signed candidate_stage_change through nginx, applied with its event row in one transaction | $(whole "$m_gh") | $p50 | $p99 |

- ingest / pgbench -c$CLIENTS: $ratio (target >= 0.3): $v_ratio
- ingest / pgbench -c1: $ratio1 (target >= 0.3): $v_ratio1
- answers over all rounds: $all_ok x 200, $all_other other; event rows stored
  for them: $all_stored; 200s without a stored event: $lost: $v_lost
EOF
)
echo
echo "$table"

if [ "$README" != - ]; then
	python3 - "$README" "$table" <<'EOF'
import re, sys
path, table = sys.argv[1], sys.argv[2]
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
notes = """
A delivery: the tenant and its webhook secret (cached per worker for 30 s),
HMAC-SHA256 of the raw body, a strict JSON parse and the mapping, then one
statement, `gh_deliver()` (sql/003), which is its own transaction: the
claim on the Greenhouse-Event-ID, the person (unchanged here: a digest
comparison, no write), the job (unchanged: no write, no lock), the
application upsert (a heap-only update), the appended stage change and
the event-log row with the body (a consent field, or a tenant that wants
the automatic opt-in email, adds its statements to that transaction; the
bench has neither). pgbench's
single-row INSERT is the floor cost of one durable commit on the same
cluster; both pay one WAL flush per transaction.

Against pgbench with as many clients as the ingest has connections the
target is out of reach while a delivery does what it does in its
transaction: 0.3 of 12,000-15,000 inserts/s is 3,600-4,600 deliveries/s,
which on two cores leaves 0.4-0.55 ms of CPU per delivery for nginx,
loop-hooks and Postgres together, while Postgres alone spends about 0.6 ms
executing gh_deliver() (pg_stat_statements, 2026-12-04: the application
upsert with its stage change 0.16 ms, the event row with its body 0.11 ms,
the rest plpgsql and jsonb; the body is already lz4-compressed and the
application update heap-only). loop-hooks adds about 0.3 ms (HMAC, strict
JSON parse, mapping) and nginx 0.1 ms. Storing the event and applying it
later would raise the rate measured here but not the work done, and the
acceptance check expects the people searchable once answered.

Reproduce: `bench/gh_ingest.sh` (about two minutes; needs `make all`).
Knobs: `BENCH_SECONDS`, `BENCH_ROUNDS`, `BENCH_CLIENTS`,
`BENCH_CONNECTIONS`, `BENCH_CANDIDATES`, `BENCH_STAGES`, `BENCH_PORT`,
`BENCH_VAR`, `BENCH_README`, `BENCH_STRICT=1`, `BENCH_KEEP=1`. The machine is shared:
compare the ratio of one run, not absolute rates across runs.
"""
section = "## Greenhouse ingest\n\n" + table + "\n" + notes
pat = re.compile(r"^## Greenhouse ingest\n.*?(?=^## |\Z)", re.S | re.M)
if pat.search(text):
    text = pat.sub(lambda m: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
EOF
	say "wrote the Greenhouse ingest section of $README"
fi
if [ "${BENCH_STRICT:-0}" = 1 ] && { [ "$v_ratio" != met ] || [ "$v_lost" != met ]; }; then
	exit 3
fi
