# t_greenhouse.sh - Greenhouse webhooks and the Harvest sync, end to end.
#
# Runs inside tests/integration/run.sh (tests/lib/stack.sh is sourced and
# the stack is up: T_URL, T_A_SECRET, T_B_SECRET, tenants ta and tb).
# Posts every webhook fixture signed, twice; tampered, wrongly signed,
# truncated and oversized bodies; an update for an unknown candidate; an
# old update after a new one; deletes (with the SMS suppression hash); then
# a Harvest backfill of three pages with a 429 in the middle against the
# fake Harvest (v1 and v3), the incremental pass, and a consent write
# through the outbox.

. "$T_ROOT/tests/lib/fakes.sh"

W=$T_ROOT/tests/fixtures/greenhouse/webhooks
G=$T_VAR/gh
mkdir -p "$G"
own_fakes=0
if [ -z "${FAKE_HARVEST_URL:-}" ]; then
	fakes_up || { t_fail "greenhouse: fakes start" "fakes_up failed"; return 0; }
	own_fakes=1
fi
trap '[ "$own_fakes" = 1 ] && fakes_down' EXIT

sql() { t_psql postgres "$1"; }
tid() { sql "SELECT id FROM tenants WHERE slug = '$1'"; }
TA=$(tid ta)
TB=$(tid tb)

gh_sig() { openssl dgst -sha256 -hmac "$1" -hex <"$2" | awk '{print $NF}'; }

# gh_post SLUG SECRET FILE [EVENT_ID] -> status; body in $G/last.json
gh_post() {
	local ev=()
	[ -n "${4:-}" ] && ev=(-H "Greenhouse-Event-ID: $4")
	http_code -o "$G/last.json" -H 'Content-Type: application/json' \
		-H "Signature: sha256 $(gh_sig "$2" "$3")" "${ev[@]}" \
		--data-binary @"$3" "$T_URL/hooks/greenhouse/$1"
}

# snapshot TENANT: a digest of everything a webhook may change
snapshot() {
	sql "SELECT (SELECT count(*) FROM people WHERE tenant_id = $1) || '/' ||
	    (SELECT count(*) FROM applications WHERE tenant_id = $1) || '/' ||
	    (SELECT count(*) FROM job_posts WHERE tenant_id = $1) || '/' ||
	    (SELECT count(*) FROM stage_changes WHERE tenant_id = $1) || '/' ||
	    (SELECT count(*) FROM webhook_events WHERE tenant_id = $1) || '/' ||
	    (SELECT coalesce(string_agg(first_name || last_name, ',' ORDER BY id),
	    '') FROM people WHERE tenant_id = $1)"
}

# ------------------------------------------------------------ fixtures

for f in "$W"/*.json; do
	n=$(basename "$f" .json)
	t_eq "gh: $n signed is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f" "ev-$n")"
	t_eq "gh: $n again is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f" "ev-$n")"
	t_jq "gh: $n again is a duplicate" '.outcome == "duplicate"' "$(cat "$G/last.json")"
	# A redelivery with a fresh event id goes through the handlers again.
	t_eq "gh: $n new id is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f" "ev2-$n")"
done
t_eq "gh: fixture people stored once each" \
	"Giuseppe Hurley|Jane Smith|Ronald Ronnie|Trisha Troy" \
	"$(sql "SELECT string_agg(first_name || ' ' || last_name, '|' ORDER BY
	    first_name) FROM people WHERE tenant_id = $TA AND greenhouse_id IS NOT NULL")"
t_eq "gh: phones normalised to E.164" "+13302818004" \
	"$(sql "SELECT e164 FROM person_phones ph JOIN people p ON p.id = ph.person_id
	    WHERE p.greenhouse_id = 265772")"
t_eq "gh: emails stored" "person@example.com,person@work.com" \
	"$(sql "SELECT string_agg(email, ',' ORDER BY email) FROM person_emails e
	    JOIN people p ON p.id = e.person_id WHERE p.greenhouse_id = 60304594")"
t_eq "gh: prospect kept as a prospect" "prospect|true" \
	"$(sql "SELECT p.kind || '|' || a.prospect FROM applications a JOIN people p
	    ON p.id = a.person_id WHERE a.greenhouse_id = 979554")"
t_eq "gh: stage change appended once" "1|Assessment" \
	"$(sql "SELECT count(*) || '|' || max(stage_name) FROM stage_changes
	    WHERE tenant_id = $TA AND application_gh_id = 265277")"
t_eq "gh: job posts stored" "1813002:At a Cool Place,1815002:New York, NY" \
	"$(sql "SELECT string_agg(greenhouse_id || ':' || location, ',' ORDER BY
	    greenhouse_id) FROM job_posts WHERE tenant_id = $TA")"
t_eq "gh: custom fields kept" "Blue" \
	"$(sql "SELECT custom_fields->'favorite_color'->>'value' FROM people
	    WHERE greenhouse_id = 265772")"
t_eq "gh: ping logged as ignored" "ignored" \
	"$(sql "SELECT outcome FROM webhook_events WHERE event_id = 'ev-ping'
	    AND outcome <> 'duplicate'")"
t_eq "gh: event log keeps body and hash" "t" \
	"$(sql "SELECT body_sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')
	    FROM webhook_events WHERE event_id = 'ev-update_candidate'
	    AND outcome = 'applied'")"
t_eq "gh: nothing leaked into tb" 0 \
	"$(sql "SELECT count(*) FROM people WHERE tenant_id = $TB")"

# ------------------------------------------------------------ refusals

before=$(snapshot "$TA")
for f in "$W"/*.json; do
	n=$(basename "$f" .json)
	# One byte changed, the original's signature.
	sed '0,/"action"/s/"action"/"actioN"/' "$f" >"$G/tampered.json"
	c=$(http_code -H "Signature: sha256 $(gh_sig "$T_A_SECRET" "$f")" \
		--data-binary @"$G/tampered.json" "$T_URL/hooks/greenhouse/ta")
	t_eq "gh: $n with one byte changed is 401" 401 "$c"
done
stage=$W/candidate_stage_change.json
t_eq "gh: tb's key on ta is 401" 401 "$(gh_post ta "$T_B_SECRET" "$stage")"
t_eq "gh: no signature is 401" 401 \
	"$(http_code --data-binary @"$stage" "$T_URL/hooks/greenhouse/ta")"
t_eq "gh: sha1 signature is 401" 401 \
	"$(http_code -H "Signature: sha1 $(gh_sig "$T_A_SECRET" "$stage")" \
		--data-binary @"$stage" "$T_URL/hooks/greenhouse/ta")"
t_eq "gh: refusals change nothing" "$before" "$(snapshot "$TA")"
t_eq "gh: unknown tenant is 404" 404 \
	"$(gh_post nosuchtenant "$T_A_SECRET" "$stage")"
t_eq "gh: GET is 405" 405 "$(http_code "$T_URL/hooks/greenhouse/ta")"

head -c 700 "$stage" >"$G/truncated.json"
t_eq "gh: truncated JSON is 400" 400 "$(gh_post ta "$T_A_SECRET" "$G/truncated.json" ev-trunc)"
t_jq "gh: 400 says why" '.error | test("malformed JSON")' "$(cat "$G/last.json")"
t_eq "gh: truncated JSON logged rejected" "rejected" \
	"$(sql "SELECT outcome FROM webhook_events WHERE event_id = 'ev-trunc'")"
printf '{"action":"update_candidate","payload":{"candidate":{"first_name":"No Id"}}}' \
	>"$G/noid.json"
t_eq "gh: payload without an id is 400" 400 "$(gh_post ta "$T_A_SECRET" "$G/noid.json")"
t_jq "gh: 400 names the field" '.error == "candidate.id is missing"' "$(cat "$G/last.json")"
python3 -c 'import json; print(json.dumps({"action": "ping", "payload":
	{"pad": "x" * (2 * 1024 * 1024)}}))' >"$G/big.json"
t_eq "gh: a 2 MB body is 413" 413 "$(gh_post ta "$T_A_SECRET" "$G/big.json")"
t_eq "gh: unknown action is 200" 200 "$(printf '{"action":"interview_deleted","payload":{}}' >"$G/u.json"; gh_post ta "$T_A_SECRET" "$G/u.json")"
t_jq "gh: unknown action ignored" '.outcome == "ignored"' "$(cat "$G/last.json")"

# ------------------------------------------------------------ ordering

# cand ID FIRST UPDATED_AT PHONE -> an update_candidate body file
cand() {
	printf '{"action":"update_candidate","payload":{"candidate":{"id":%s,"first_name":"%s","last_name":"Order","updated_at":"%s","phone_numbers":[{"value":"%s","type":"mobile"}],"email_addresses":[{"value":"o%s@example.com","type":"personal"}]}}}' \
		"$1" "$2" "$3" "$4" "$1" >"$G/c$1-$2.json"
	echo "$G/c$1-$2.json"
}
f=$(cand 5550001 Newer 2024-05-02T10:00:00Z "(212) 555-0101")
t_eq "gh: update for an unknown candidate is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f")"
t_eq "gh: unknown candidate created" "Newer" \
	"$(sql "SELECT first_name FROM people WHERE greenhouse_id = 5550001")"
f=$(cand 5550001 Older 2024-05-01T10:00:00Z "(212) 555-0199")
t_eq "gh: older update is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f")"
t_jq "gh: older update ignored" '.outcome == "ignored"' "$(cat "$G/last.json")"
t_eq "gh: older update did not overwrite" "Newer|+12125550101" \
	"$(sql "SELECT first_name || '|' || ph.e164 FROM people p JOIN person_phones ph
	    ON ph.person_id = p.id WHERE p.greenhouse_id = 5550001")"
f=$(cand 5550001 Newest 2024-05-03T10:00:00Z "(212) 555-0101")
gh_post ta "$T_A_SECRET" "$f" >/dev/null
t_eq "gh: newer update applied" "Newest" \
	"$(sql "SELECT first_name FROM people WHERE greenhouse_id = 5550001")"

# ------------------------------------------------------------ deletes

# An application for 5550001, then its deletion.
sed -e 's/"id": 265277/"id": 5551001/' -e 's/"id": 265772/"id": 5550001/' \
	-e 's/"first_name": "Giuseppe"/"first_name": "Newest"/' \
	-e 's/"last_name": "Hurley"/"last_name": "Order"/' \
	-e 's/"last_activity_at": "2015-02-09T16:38:36Z"/"last_activity_at": "2024-05-04T10:00:00Z"/' \
	-e 's/330-281-8004/(212) 555-0101/' "$stage" >"$G/app.json"
t_eq "gh: stage change for 5550001 is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/app.json")"
t_eq "gh: application stored" 1 \
	"$(sql "SELECT count(*) FROM applications WHERE greenhouse_id = 5551001")"
printf '{"action":"delete_application","payload":{"application":{"id":5551001,"candidate_id":5550001}}}' >"$G/da.json"
t_eq "gh: delete_application is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/da.json")"
t_eq "gh: application deleted with its stage changes" "0|0" \
	"$(sql "SELECT (SELECT count(*) FROM applications WHERE greenhouse_id = 5551001)
	    || '|' || (SELECT count(*) FROM stage_changes WHERE application_gh_id = 5551001)")"
t_eq "gh: a deleted application is not revived" 200 "$(gh_post ta "$T_A_SECRET" "$G/app.json")"
t_eq "gh: still no application" 0 \
	"$(sql "SELECT count(*) FROM applications WHERE greenhouse_id = 5551001")"

sql "UPDATE people SET sms_consent = 'revoked' WHERE greenhouse_id = 5550001" >/dev/null
printf '{"action":"delete_candidate","payload":{"person":{"id":5550001,"deleted_application_ids":[5551002]}}}' >"$G/dc.json"
t_eq "gh: delete_candidate is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/dc.json")"
t_eq "gh: the person is gone" "0|0|0" \
	"$(sql "SELECT (SELECT count(*) FROM people WHERE greenhouse_id = 5550001) || '|' ||
	    (SELECT count(*) FROM person_phones WHERE e164 = '+12125550101') || '|' ||
	    (SELECT count(*) FROM person_emails WHERE email = 'o5550001@example.com')")"
t_eq "gh: a suppression hash, not the number, stays" "1|0" \
	"$(sql "SELECT count(*) || '|' || count(*) FILTER (WHERE phone_hash LIKE '%2125550101%')
	    FROM phone_suppressions WHERE tenant_id = $TA")"
f=$(cand 5550001 Ghost 2024-06-01T10:00:00Z "(212) 555-0101")
t_eq "gh: update after delete is 200" 200 "$(gh_post ta "$T_A_SECRET" "$f")"
t_eq "gh: a deleted candidate is not revived" 0 \
	"$(sql "SELECT count(*) FROM people WHERE greenhouse_id = 5550001")"
f=$(cand 5550002 Again 2024-06-01T10:00:00Z "+1 212 555 0101")
gh_post ta "$T_A_SECRET" "$f" >/dev/null
t_eq "gh: the same number on a new person starts suppressed" "revoked" \
	"$(sql "SELECT sms_consent FROM people WHERE greenhouse_id = 5550002")"
# The same holds for someone added in Loop (API, CRM page, upload), once
# the number is free again.
printf '{"action":"delete_candidate","payload":{"person":{"id":5550002,"deleted_application_ids":[]}}}' >"$G/dc2.json"
t_eq "gh: delete_candidate of the second holder is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/dc2.json")"
gtok=$(t_token "$T_A_EMAIL" "$T_A_PASS")
for ph in +12125550101 +12125550109; do
	http_code -o "$G/added.json" -H "Authorization: Bearer $gtok" -H 'Content-Type: application/json' \
		-d "{\"first_name\":\"Sup\",\"last_name\":\"Pressed$ph\",\"phone\":\"$ph\"}" \
		"$T_URL/api/v1/people" >/dev/null
done
t_eq "gh: added in Loop, a suppressed number starts revoked, another does not" "revoked none" \
	"$(sql "SELECT string_agg(sms_consent, ' ' ORDER BY last_name) FROM people
	    WHERE tenant_id = $TA AND first_name = 'Sup'")"

# ------------------------------------------------------------ Harvest v1

export LOOP_HARVEST_URL LOOP_HARVEST_AUTH_URL
t_loopctl tenant add ghsync --name "GH Sync" >/dev/null
t_loopctl tenant set ghsync harvest_api_key test-harvest-key >/dev/null
t_loopctl tenant set ghsync harvest_user_id 4242 >/dev/null
TS=$(tid ghsync)
fake_reset harvest
# jobs (1), job posts (2), candidates pages 1 (3), 2 (4: 429, then again), 3
curl -sS -X POST -d '{"candidates": 7, "page_size": 3, "fail_429_at": [4]}' \
	"$FAKE_HARVEST_URL/_fake/config" >/dev/null

# sync SLUG: loopctl sync, again while loop-cron holds the tenant
sync() {
	local i out
	for ((i = 0; i < 30; i++)); do
		out=$(t_loopctl sync "$@" 2>&1)
		case $out in *"another sync"*) sleep 2 ;; *) break ;; esac
	done
	echo "$out"
}
out=$(sync ghsync)
t_true "gh: backfill runs" "$out" grep -q "records applied" <<<"$out"
t_eq "gh: backfill stored every candidate" 7 \
	"$(sql "SELECT count(*) FROM people WHERE tenant_id = $TS")"
reqs=$(fake_requests harvest)
t_jq "gh: backfill read three candidate pages" \
	'[.[] | select(.path | test("^/v1/candidates"))] | map(.path) | unique | length == 3' "$reqs"
t_jq "gh: the 429 page was asked for again" \
	'[.[] | select(.path | test("page=2"))] | length == 2' "$reqs"
t_jq "gh: v1 Basic auth with the key" \
	'[.[] | select(.path | test("^/v1/")) | .headers.authorization] | all(. == "Basic dGVzdC1oYXJ2ZXN0LWtleTo=")' "$reqs"
t_eq "gh: sync state recorded" "candidates:7:|job_posts:1:|jobs:1:" \
	"$(sql "SELECT string_agg(resource || ':' || items || ':' || coalesce(last_error, ''),
	    '|' ORDER BY resource) FROM harvest_sync WHERE tenant_id = $TS AND
	    finished_at IS NOT NULL AND next_url IS NULL")"
t_eq "gh: applications of Harvest candidates stored" 14 \
	"$(sql "SELECT count(*) FROM applications WHERE tenant_id = $TS")"
fake_reset harvest
out=$(sync ghsync)
t_jq "gh: the next sync asks only for changes" \
	'[.[] | select(.path | test("^/v1/"))] | length == 3 and all(.path | test("updated_after="))' \
	"$(fake_requests harvest)"

# ------------------------------------------------------------ Harvest v3

t_loopctl tenant add ghv3 --name "GH v3" >/dev/null
t_loopctl tenant set ghv3 harvest_client_id test-client >/dev/null
t_loopctl tenant set ghv3 harvest_client_secret test-client-secret >/dev/null
t_loopctl tenant set ghv3 harvest_user_id 777 >/dev/null
T3=$(tid ghv3)
fake_reset harvest
curl -sS -X POST -d '{"candidates": 5, "page_size": 2}' \
	"$FAKE_HARVEST_URL/_fake/config" >/dev/null
out=$(sync ghv3)
t_eq "gh: v3 backfill stored every candidate" 5 \
	"$(sql "SELECT count(*) FROM people WHERE tenant_id = $T3")"
reqs=$(fake_requests harvest)
t_jq "gh: v3 asked for one token with the client credentials" \
	'[.[] | select(.path == "/token")] | length == 1 and (.[0].body == "grant_type=client_credentials&sub=777") and (.[0].headers.authorization == "Basic dGVzdC1jbGllbnQ6dGVzdC1jbGllbnQtc2VjcmV0")' "$reqs"
t_jq "gh: v3 follows cursor links" \
	'[.[] | select(.path | test("^/v3/candidates\\?cursor="))] | length == 2' "$reqs"
t_jq "gh: v3 uses the bearer token" \
	'[.[] | select(.path | test("^/v3/")) | .headers.authorization] | all(startswith("Bearer "))' "$reqs"
t_eq "gh: the token is cached sealed" 1 \
	"$(sql "SELECT count(*) FROM harvest_tokens WHERE tenant_id = $T3
	    AND length(sealed) > 40")"

# ------------------------------------------------------------ consent field

# sms_consent_given on a webhook reaches the consent engine (issue 5, item 9).
gh_consent_body() { # VALUE FILE
	jq --argjson v "$1" '.payload.candidate.id = 777000001 |
	    .payload.candidate.first_name = "Consuela" |
	    .payload.candidate.last_name = "Consent" |
	    .payload.candidate.phone_numbers = [{"value": "+14155550177", "type": "mobile"}] |
	    .payload.candidate.custom_fields.sms_consent_given =
	    {"name": "SMS consent given", "type": "boolean", "value": $v}' \
	    "$W/update_candidate.json" >"$2"
}
gh_consent_body true "$G/consent_yes.json"
t_eq "gh: sms_consent_given yes is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/consent_yes.json" ev-consent-yes)"
t_eq "gh: sms_consent_given yes grants consent" granted \
	"$(sql "SELECT sms_consent FROM people WHERE tenant_id = $TA AND greenhouse_id = 777000001")"
t_eq "gh: the ledger names Greenhouse and the number" "greenhouse +14155550177" \
	"$(sql "SELECT source || ' ' || e164 FROM consent_ledger WHERE tenant_id = $TA
	    AND new_state = 'granted' ORDER BY id DESC LIMIT 1")"
gh_consent_body false "$G/consent_no.json"
t_eq "gh: sms_consent_given no is 200" 200 "$(gh_post ta "$T_A_SECRET" "$G/consent_no.json" ev-consent-no)"
t_eq "gh: sms_consent_given no revokes what Greenhouse granted" revoked \
	"$(sql "SELECT sms_consent FROM people WHERE tenant_id = $TA AND greenhouse_id = 777000001")"

# ------------------------------------------------------------ automatic opt-in email

# A tenant that asks for the automatic opt-in email gets one for a person a
# webhook brings (without consent, with an email), in the delivery's
# transaction; a tenant that does not ask gets none. Fresh tenants, so no
# worker holds their settings from earlier deliveries.
for s in on off; do
	sec=$(_t_tenant "ghmail$s" "GH Mail $s")
	t_loopctl tenant set "ghmail$s" auto_optin_email \
		"$([ $s = on ] && echo yes || echo no)" >/dev/null
	t_eq "gh: new candidate for a tenant with auto email $s is 200" 200 \
		"$(gh_post "ghmail$s" "$sec" "$W/new_candidate_application.json" "ev-mail-$s")"
	n=$(sql "SELECT count(*) FROM outbox o JOIN tenants t ON t.id = o.tenant_id
	    WHERE t.slug = 'ghmail$s' AND o.kind = 'mail.send'")
	t_eq "gh: opt-in emails queued with auto email $s" "$([ $s = on ] && echo 1 || echo 0)" "$n"
done

# ------------------------------------------------------------ writes

fake_reset harvest
sql "INSERT INTO outbox (tenant_id, kind, payload) VALUES
	($TS, 'harvest.consent', '{\"person_id\": 1, \"greenhouse_id\": 900000001, \"value\": \"no\"}'),
	($TS, 'harvest.consent', '{\"person_id\": 1, \"greenhouse_id\": 900000001, \"value\": \"yes\"}')" >/dev/null
"$LOOP_BIN/loop-cron" 2>>"$G/cron.err"
reqs=$(fake_requests harvest)
t_jq "gh: consent written once, the newer value, on behalf of the user" \
	'[.[] | select(.method == "PATCH")] | length == 1 and (.[0].path == "/v1/candidates/900000001") and (.[0].headers["on-behalf-of"] == "4242") and (.[0].body | fromjson | .custom_fields[0] == {"name_key": "sms_consent_given", "value": "Yes"})' "$reqs"
t_eq "gh: both outbox rows done" "done,done" \
	"$(sql "SELECT string_agg(status, ',') FROM outbox WHERE tenant_id = $TS
	    AND kind = 'harvest.consent'")"

# The stack's own loop-cron must not call the real Greenhouse afterwards.
sql "DELETE FROM tenant_settings WHERE key LIKE 'harvest_%'" >/dev/null
