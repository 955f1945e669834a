#!/bin/bash
# people.sh - the People search benchmark (issue 4, item 9): each search
# form on 1,000,000 people in one tenant, through nginx with wrk, and the
# same SQL with pgbench, in one run.
#
# Starts a private stack (scripts/stack.sh; state in /tmp/bench-people-var,
# port 18366), makes the tenant "bench" with a recruiter, fills it with
# BENCH_PEOPLE people (bench/people_gen.sql, about 2.5 minutes for a
# million; kept between runs: a tenant that already has them is reused),
# checks that each form finds the right people, then for each form
# BENCH_ROUNDS rounds that take turns between (medians reported):
#   wrk -t2 -c32 GET /api/v1/people?q=... with a bearer token (p50, p99,
#     requests/s), and
#   pgbench -cN -j2 -M prepared as loop_crm (N: LOOP_WORKERS, as many
#     database connections as the stack's workers hold) running the SQL one
#     request runs: BEGIN, the bearer token's check that binds the tenant
#     (auth_bind(), sql/006), the statement of src/people.c
#     people_search(), COMMIT (tps). The request sends them in one round
#     trip (libpq pipeline); pgbench sends one statement at a time.
# Prints a table and writes it into the "## People search" section of
# bench/README.md (other sections stay). Targets: p99 <= 50 ms through
# nginx, and requests/s >= 0.5 x pgbench tps for the same SQL.
#
# Settings: BENCH_PEOPLE (1000000), BENCH_SECONDS (6 per form, tool and
# round), BENCH_ROUNDS (3), BENCH_WARMUP (2), BENCH_FORMS (all seven), BENCH_VAR, BENCH_PORT, LOOP_WORKERS (4),
# BENCH_README (bench/README.md; "-" to not write it), BENCH_STRICT=1 to
# exit 3 when a target is missed, BENCH_KEEP=1 to leave the stack up.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

unset LOOP_DB LOOP_PUBLIC_URL LOOP_MASTER_KEY_FILE LOOP_ROOT
export LOOP_VAR=${BENCH_VAR:-/tmp/bench-people-var}
export LOOP_HTTP_PORT=${BENCH_PORT:-18366}
export LOOP_BIN=$ROOT/bin
export LOOP_DEMO=0
export LOOP_WORKERS=${LOOP_WORKERS:-4}
N=${BENCH_PEOPLE:-1000000}
SECS=${BENCH_SECONDS:-6}
ROUNDS=${BENCH_ROUNDS:-3}
WARM=${BENCH_WARMUP:-2}
README=${BENCH_README:-$ROOT/bench/README.md}
SLUG=bench
EMAIL=bench@loop.test
PW=bench-people-password

say() { echo "bench people: $*"; }
die() { echo "bench people: $*" >&2; exit 1; }

[[ $N =~ ^[1-9][0-9]*$ && $SECS =~ ^[1-9][0-9]*$ && $WARM =~ ^[0-9]+$ &&
	$ROUNDS =~ ^[1-9][0-9]*$ ]] ||
	die "BENCH_PEOPLE, BENCH_SECONDS, BENCH_ROUNDS and BENCH_WARMUP are numbers"
ALL_FORMS="empty one_word two_words two_prefixes full_name phone email"
read -r -a FORMS <<<"${BENCH_FORMS:-$ALL_FORMS}"
[ "${#FORMS[@]}" -gt 0 ] || die "BENCH_FORMS names no form (of: $ALL_FORMS)"
for f in "${FORMS[@]}"; do
	[[ " $ALL_FORMS " == *" $f "* ]] || die "BENCH_FORMS: no form $f (of: $ALL_FORMS)"
done
for c in wrk pgbench curl psql jq python3; do
	command -v "$c" >/dev/null || die "$c missing (scripts/deps.sh)"
done
[ -x bin/loopctl ] || die "bin/ is not built (make all)"

cleanup() {
	set +e
	[ "${BENCH_KEEP:-0}" = 1 ] || { scripts/stack.sh stop >/dev/null; say "stack stopped"; }
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting the stack in $LOOP_VAR on port $LOOP_HTTP_PORT ($LOOP_WORKERS workers)"
scripts/stack.sh start >"$LOOP_VAR.start.log" 2>&1 ||
	{ cat "$LOOP_VAR.start.log" >&2; die "stack did not start"; }
# shellcheck disable=SC1091
. "$LOOP_VAR/stack.env"
BASE=http://127.0.0.1:$LOOP_HTTP_PORT
su() { psql -X -q -tA -v ON_ERROR_STOP=1 "$LOOP_DB user=postgres" "$@"; }

bin/loopctl tenant add "$SLUG" --name "Bench Co" >/dev/null 2>&1 || true
printf '%s\n' "$PW" | bin/loopctl user add "$SLUG" "$EMAIL" --name "Bea Bench" >/dev/null 2>&1 || true
TID=$(su -c "SELECT id FROM tenants WHERE slug = '$SLUG'")
UID_=$(su -c "SELECT id FROM users WHERE email = '$EMAIL'")
[[ $TID =~ ^[0-9]+$ && $UID_ =~ ^[0-9]+$ ]] || die "no tenant or recruiter"
have=$(su -c "SELECT count(*) FROM people WHERE tenant_id = $TID")
if [ "$have" -ne "$N" ]; then
	say "generating $N people (tenant $TID had $have)"
	t0=$SECONDS
	su -v tenant="$TID" -v n="$N" -v owner="$UID_" -f bench/people_gen.sql >/dev/null
	GEN="generated in $((SECONDS - t0)) s"
else
	GEN="reused from an earlier run"
fi
say "$N people, $GEN"
TOKEN=$(curl -sS -m 10 -H 'Content-Type: application/json' \
	-d "{\"email\":\"$EMAIL\",\"password\":\"$PW\"}" "$BASE/api/v1/login" | jq -r '.token // empty')
[ -n "$TOKEN" ] || die "no API token"
THASH=$(printf '%s' "$TOKEN" | sha256sum | cut -c1-64)

# A real phone and email from the middle of the data set.
mid=$(su -c "SELECT p.id FROM people p WHERE p.tenant_id = $TID ORDER BY p.id OFFSET $((N / 2)) LIMIT 1")
PHONE=$(su -c "SELECT e164 FROM person_phones WHERE tenant_id = $TID AND person_id = $mid LIMIT 1")
MAIL=$(su -c "SELECT email FROM person_emails WHERE tenant_id = $TID AND person_id = $mid LIMIT 1")
declare -A Q=(
	[empty]=''
	[one_word]='mar'
	[two_words]='maria garcia'
	[two_prefixes]='joh smi'
	[full_name]='"Mary Johnson"'
	[phone]="$PHONE"
	[email]="\"$MAIL\""
)
declare -A SQLFORM=([empty]=all [one_word]=words [two_words]=words
	[two_prefixes]=words [full_name]=name [phone]=phone [email]=email)
declare -A SQLQ=([empty]='' [one_word]='mar' [two_words]='maria garcia'
	[two_prefixes]='joh smi'
	[full_name]='Mary Johnson' [phone]="$PHONE" [email]="$MAIL")

urlq() { jq -rn --arg q "$1" '$q | @uri'; }

# Each form finds the right people (first page checked against SQL).
check() {
	local f=$1 body want got
	body=$(curl -sS -m 10 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/people?q=$(urlq "${Q[$f]}")")
	got=$(jq -r '[.people[] | .id] | join(",")' <<<"$body")
	want=$(psql -X -q -tA "$LOOP_DB user=loop_crm" \
		-c "SELECT set_config('app.tenant_id', '$TID', false)" \
		-c "SELECT string_agg(id::text, ',' ORDER BY n) FROM people_search_ids(
		'${SQLFORM[$f]}', \$\$${SQLQ[$f]}\$\$, NULL, 50) WITH ORDINALITY AS s (id, n)" |
		tail -n 1)
	[ -n "$got" ] && [ "$got" = "$want" ] || die "$f: the API's page differs from the SQL's"
	python3 -c '
import json, re, sys, unicodedata
form, q, phone, mail = sys.argv[1:5]
def words(s):	# as person_name_words(): no accents, case, apostrophes
    s = "".join(c for c in unicodedata.normalize("NFKD", s.lower())
        if not unicodedata.combining(c))
    parts = re.sub("[\x27\u2019\u02bc`\u00b4]", "", s) + " " + \
        re.sub("[\x27\u2019\u02bc`\u00b4]", " ", s)
    return [w for w in re.split(r"[^\w]+|_", parts) if w]
people = json.load(sys.stdin)["people"]
for p in people:
    name = "%s %s" % (p["first_name"], p["last_name"])
    ok = {"empty": True,
        "one_word": all(any(w.startswith(x) for w in words(name)) for x in q.split()),
        "two_words": all(any(w.startswith(x) for w in words(name)) for x in q.split()),
        "two_prefixes": all(any(w.startswith(x) for w in words(name)) for x in q.split()),
        "full_name": name == "Mary Johnson",
        "phone": phone in p["phones"],
        "email": mail in p["emails"] and len(people) == 1}[form]
    if not ok:
        sys.exit("%s: %s does not match" % (form, name))
' "$f" "${SQLQ[$f]}" "$PHONE" "$MAIL" <<<"$body" || die "$f: wrong people"
	jq -r '.people | length' <<<"$body"
}

pgscript() { # FORM -> a pgbench script file
	local f=$1 file=$LOOP_VAR/pgbench-$1.sql
	cat >"$file" <<EOF
BEGIN;
SELECT tenant_id, user_id, user_name, user_email, tenant_name, tenant_slug FROM auth_bind('$THASH', true);
SELECT p.id, p.first_name, p.last_name, p.kind, p.sms_consent, p.greenhouse_id, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS"Z"'), p.owner_id, u.name, array_to_string(ARRAY(SELECT e.email FROM person_emails e WHERE e.person_id = p.id ORDER BY e.is_primary DESC, e.email), E'\\n'), array_to_string(ARRAY(SELECT COALESCE(ph.e164, ph.raw) FROM person_phones ph WHERE ph.person_id = p.id ORDER BY ph.seq), E'\\n'), p.company, p.title, p.source, NULL FROM people_search_ids('${SQLFORM[$f]}', \$\$${SQLQ[$f]}\$\$, NULL::bigint, 51) WITH ORDINALITY AS s (id, n) JOIN people p ON p.id = s.id LEFT JOIN users u ON u.id = p.owner_id ORDER BY s.n;
COMMIT;
EOF
	echo "$file"
}

results=$LOOP_VAR/people-bench.tsv
: >"$results"
for f in "${FORMS[@]}"; do
	rows=$(check "$f")
	url="$BASE/api/v1/people?q=$(urlq "${Q[$f]}")"
	[ "$WARM" -gt 0 ] && wrk -t2 -c32 -d"${WARM}s" -H "Authorization: Bearer $TOKEN" "$url" >/dev/null
	# Rounds take turns between the two sides; the medians are kept.
	ws=() ps=()
	for _ in $(seq 1 "$ROUNDS"); do
		ws+=("$(wrk -t2 -c32 -d"${SECS}s" --latency -H "Authorization: Bearer $TOKEN" "$url")")
		ps+=("$(pgbench -n -M prepared -c"$LOOP_WORKERS" -j2 -T "$SECS" -f "$(pgscript "$f")" \
			"$LOOP_DB user=loop_crm" 2>&1)")
	done
	python3 - "$f" "${Q[$f]}" "$rows" "$ROUNDS" "${ws[@]}" "${ps[@]}" >>"$results" <<'EOF'
import re, statistics, sys
form, q, rows, n = sys.argv[1:5]
n = int(n)
ws, ps = sys.argv[5:5 + n], sys.argv[5 + n:5 + 2 * n]
def ms(s):
    m = re.match(r"([\d.]+)(us|ms|s)$", s)
    v = float(m.group(1))
    return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
def wrk(w):
    errs = re.search(r"Non-2xx or 3xx responses: (\d+)", w)
    return (float(re.search(r"Requests/sec:\s+([\d.]+)", w).group(1)),
        ms(re.search(r"^\s+50%\s+(\S+)", w, re.M).group(1)),
        ms(re.search(r"^\s+99%\s+(\S+)", w, re.M).group(1)),
        int(errs.group(1)) if errs else 0)
runs = sorted(wrk(w) for w in ws)
rps, p50, p99, _ = runs[(n - 1) // 2]	# the median round by requests/s
errs = sum(r[3] for r in runs)
tps = statistics.median(float(re.search(r"tps = ([\d.]+)", p).group(1)) for p in ps)
print("\t".join([form, q, rows, "%.0f" % rps, "%.2f" % p50, "%.2f" % p99,
    "%.0f" % tps, "%.2f" % (rps / tps), str(errs)]))
EOF
	say "$(tail -n 1 "$results" | tr '\t' ' ')"
done

python3 - "$results" "$README" "$N" "$GEN" "$SECS" "$WARM" "$LOOP_WORKERS" "$ROUNDS" <<'EOF'
import os, platform, re, subprocess, sys, time
res, readme, n, gen, secs, warm, workers, rounds = sys.argv[1:9]
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = open("/proc/loadavg").read().split()[:3]
pg = re.search(r"\d+\.\d+", subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout).group(0)
missed = []
out = ["## People search", "",
    "Run of %s on %d cores (%s), PostgreSQL %s; load average before the run %s" %
    (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(), cpu, pg, " ".join(load)),
    "(other work on the machine skews the figures).", "",
    "- %s people in one tenant (bench/people_gen.sql, %s)." % (format(int(n), ","), gen),
    "- wrk -t2 -c32 through nginx, GET /api/v1/people?q=... with a bearer token, "
    "%s s warm-up, then %s rounds per form taking turns with pgbench, %s s each; "
    "the median round is shown; %s loop-crm workers." % (warm, rounds, secs, workers),
    "- pgbench -c%s -j2 -M prepared as loop_crm (as many database connections "
    "as the stack's workers hold), %s s, running the SQL one "
    "request runs: BEGIN, the token's check that binds the tenant (auth_bind()), the "
    "statement of src/people.c people_search() (limit 51), COMMIT; the request "
    "sends the four in one round trip (libpq pipeline mode), pgbench one at a time." % (workers, secs),
    "- Every form's first page through the API was checked against the SQL and "
    "for the right people before it was timed.", "",
    "| form | q | rows | requests/s | p50 ms | p99 ms | pgbench tps | x pgbench | p99 <= 50 ms | >= 0.5 x |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
for form, q, nrows, rps, p50, p99, tps, ratio, errs in rows:
    ok1 = float(p99) <= 50
    ok2 = float(ratio) >= 0.5
    if not ok1 or not ok2 or errs != "0":
        missed.append(form)
    out.append("| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % (form, q or " ", nrows, rps,
        p50, p99, tps, ratio, "met" if ok1 else "MISSED", "met" if ok2 else "MISSED"))
out += ["", "Missed: " + ", ".join(missed) if missed else "All targets met.", ""]
fast = [r for r in rows if r[0] in ("phone", "email") and r[0] in missed]
if fast:
    out += ["Why %s: index lookups of a few microseconds, so their pgbench "
        "transaction is almost nothing but protocol (four statements, %s "
        "transactions/s). A request pays nginx, a FastCGI hop and a worker on "
        "top of the same SQL, which it sends in one round trip (pipelined) "
        "against pgbench's four. On 2026-12-04 the Foundation section's bare "
        "FastCGI responder (one primary-key SELECT, no token, no JSON) served "
        "about 0.6 of this pgbench rate, so 0.5 leaves some 20 %% for all a real "
        "request adds. Their p99 here: %s ms." % (
        " and ".join(r[0] for r in fast), " and ".join(r[6] for r in fast),
        " and ".join(r[5] for r in fast)), ""]
out += ["Reproduce: `bench/people.sh` (the data set stays in its state dir between "
    "runs; `BENCH_PEOPLE`, `BENCH_SECONDS`, `BENCH_ROUNDS`, `BENCH_FORMS`, `LOOP_WORKERS` are the knobs).", ""]
section = "\n".join(out)
print(section)
if readme != "-":
    text = open(readme).read() if os.path.exists(readme) else "# Benchmarks\n\n"
    pat = re.compile(r"^## People search\n.*?(?=^## |\Z)", re.M | re.S)
    text = pat.sub(lambda m: section + "\n", text) if pat.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    open(readme, "w").write(text)
if missed:
    open(res + ".missed", "w").write(" ".join(missed))
EOF
if [ -e "$results.missed" ]; then
	rm -f "$results.missed"
	[ "${BENCH_STRICT:-0}" = 1 ] && exit 3
fi
exit 0
