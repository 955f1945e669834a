# t_consent.sh - SMS consent end to end: inbound keywords, signatures,
# dedupe, the ledger, refusals with reasons, status callbacks, provider
# opt-outs, the opt-in request (text and email), the branded page and its
# codes, and numbers that stay opted out.
#
# Runs inside tests/integration/run.sh (tests/lib/stack.sh is sourced and
# the stack is up: tenant ta, T_URL, T_VAR). Starts the fakes (SMS and
# SMTP) unless they run, and restarts the stack's programs so that they
# talk to them (scripts/stack.sh start restarts what changed).

. "$T_ROOT/tests/lib/fakes.sh"

own_fakes=0
if [ -z "${FAKE_SMS_URL:-}" ] || [ -z "${FAKE_SMTP_URL:-}" ]; then
	fakes_up || { t_fail "consent: fakes start" "fakes_up failed"; return 0; }
	own_fakes=1
fi
trap '[ "$own_fakes" = 1 ] && fakes_down' EXIT
if ! grep -q "LOOP_SMS_API_URL=$LOOP_SMS_API_URL\$" "$T_VAR/stack.env" ||
    ! grep -q "LOOP_SMTP_URL=$LOOP_SMTP_URL\$" "$T_VAR/stack.env"; then
	"$T_ROOT/scripts/stack.sh" start >"$T_VAR/consent-restart.log" 2>&1 ||
		t_fail "consent: stack restarts with the fakes" "$(tail -n 3 "$T_VAR/consent-restart.log")"
fi

C=$T_VAR/consent
mkdir -p "$C"
sql() { t_psql postgres "$1"; }
# A tenant of its own: other suites count ta's people.
t_loopctl tenant add tc --name 'Tenant C' >/dev/null 2>&1
TA=$(sql "SELECT id FROM tenants WHERE slug = 'tc'")
T_C_EMAIL=carol@tc.test T_C_PASS='carol: correct horse 4'
printf '%s\n' "$T_C_PASS" | t_loopctl user add tc "$T_C_EMAIL" --name 'Carol Cole' >/dev/null 2>&1
TOKEN=sms-secret-tc
t_loopctl tenant set tc sms_auth_token "$TOKEN" >/dev/null
t_loopctl tenant set tc sms_account_sid AC0123456789abcdef0123456789abcdef >/dev/null
t_loopctl tenant set tc sms_from +15005550006 >/dev/null
t_loopctl tenant set tc brand_name "Acme Recruiting" >/dev/null
t_loopctl tenant set tc support_contact "help@acme.test" >/dev/null
fake_reset sms
fake_reset smtp

# person FIRST PHONE [GREENHOUSE_ID] -> id (written as loop-crm would)
person() {
	local id
	id=$(sql "INSERT INTO people (tenant_id, first_name, last_name,
	    greenhouse_id) VALUES ($TA, '$1', 'Tester', ${3:-NULL}) RETURNING id")
	sql "INSERT INTO person_phones (tenant_id, person_id, seq, raw, e164, type)
	    VALUES ($TA, $id, 0, '$2', '$2', 'mobile')" >/dev/null
	sql "INSERT INTO person_emails (tenant_id, person_id, email)
	    VALUES ($TA, $id, lower('$1') || '@example.test')" >/dev/null
	echo "$id"
}
state() { sql "SELECT sms_consent FROM people WHERE id = $1"; }
ledger() { sql "SELECT count(*) FROM consent_ledger WHERE tenant_id = $TA"; }

# sign URL TOKEN name=value... -> X-Twilio-Signature (the reference algorithm)
sign() {
	python3 - "$@" <<'EOF'
import base64, hashlib, hmac, sys
url, token, *pairs = sys.argv[1:]
kv = sorted(tuple(p.split('=', 1)) for p in pairs)
data = url + ''.join(k + v for k, v in kv)
print(base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode())
EOF
}
# post PATH TOKEN name=value... -> status (body in $C/last)
post() {
	local path=$1 tok=$2 a args=()
	shift 2
	for a in "$@"; do args+=(--data-urlencode "$a"); done
	http_code -o "$C/last" -H "X-Twilio-Signature: $(sign "$LOOP_PUBLIC_URL$path" "$tok" "$@")" \
		"${args[@]}" "$T_URL$path"
}
n=0
# text PHONE BODY [SID] -> status of an inbound text from PHONE
text() {
	n=$((n + 1))
	post /hooks/sms/tc "$TOKEN" "MessageSid=${3:-SMt$RANDOM$n}" \
		"AccountSid=AC0123456789abcdef0123456789abcdef" "From=$1" \
		"To=+15005550006" "Body=$2" "NumMedia=0"
}
sent_to() { fake_requests sms | jq -r --arg to "$1" '[.[] | select(.form.To == $to)] | length'; }
last_to() { t_curl "$FAKE_SMS_URL/_fake/messages" | jq -r --arg to "$1" '[.[] | select(.to == $to)] | last | .body // ""'; }

# ------------------------------------------------------------ inbound

P1=+14155550101
id1=$(person Cora "$P1" 7770001)
t_eq "consent: a new person has none" none "$(state "$id1")"
t_eq "consent: START is 200" 200 "$(text "$P1" START)"
t_eq "consent: START grants" granted "$(state "$id1")"
t_eq "consent: the ledger says how" "none|granted|keyword|START|$P1" \
	"$(sql "SELECT old_state || '|' || new_state || '|' || source || '|' ||
	    message_body || '|' || e164 FROM consent_ledger WHERE person_id = $id1
	    ORDER BY id DESC LIMIT 1")"
t_jq "consent: START is confirmed by text" 'test("subscribed")' "\"$(last_to "$P1")\""

before=$(ledger)
t_eq "consent: a forged STOP is 401" 401 \
	"$(post /hooks/sms/tc wrong-token "MessageSid=SMforged1" "From=$P1" "Body=STOP")"
t_eq "consent: no signature is 401" 401 \
	"$(http_code --data-urlencode "MessageSid=SMforged2" --data-urlencode "From=$P1" \
		--data-urlencode "Body=STOP" "$T_URL/hooks/sms/tc")"
t_eq "consent: a signature for another URL is 401" 401 \
	"$(http_code -H "X-Twilio-Signature: $(sign "$LOOP_PUBLIC_URL/hooks/sms/ta" "$TOKEN" \
		MessageSid=SMforged3 "From=$P1" Body=STOP)" --data-urlencode MessageSid=SMforged3 \
		--data-urlencode "From=$P1" --data-urlencode Body=STOP "$T_URL/hooks/sms/tc")"
t_eq "consent: forged texts change nothing" "granted|$before" "$(state "$id1")|$(ledger)"
t_eq "consent: an unknown tenant is 404" 404 \
	"$(post /hooks/sms/nosuch "$TOKEN" "MessageSid=SMx" "From=$P1" "Body=STOP")"

t_eq "consent: STOP is 200" 200 "$(text "$P1" STOP SMdup1)"
t_eq "consent: STOP revokes" revoked "$(state "$id1")"
t_eq "consent: the same STOP again is 200" 200 "$(text "$P1" STOP SMdup1)"
t_eq "consent: a redelivered text is stored once" 1 \
	"$(sql "SELECT count(*) FROM messages WHERE provider_sid = 'SMdup1'")"
t_eq "consent: one confirmation after STOP" 1 \
	"$(t_curl "$FAKE_SMS_URL/_fake/messages" | jq --arg to "$P1" \
	    '[.[] | select(.to == $to and (.body | test("unsubscribed")))] | length')"
text "$P1" "stop please" >/dev/null
t_eq "consent: a second STOP sends nothing more" 1 \
	"$(t_curl "$FAKE_SMS_URL/_fake/messages" | jq --arg to "$P1" \
	    '[.[] | select(.to == $to and (.body | test("unsubscribed")))] | length')"
t_jq "consent: Harvest gets no" '.value == "no" and .greenhouse_id == 7770001' \
	"$(sql "SELECT payload FROM outbox WHERE kind = 'harvest.consent' AND tenant_id = $TA
	    ORDER BY id DESC LIMIT 1")"

tok=$(t_token "$T_C_EMAIL" "$T_C_PASS")
api() { t_curl -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' "$@"; }
c=$(http_code -o "$C/chat" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	-d '{"body":"Hi Cora"}' "$T_URL/api/v1/people/$id1/messages")
t_eq "consent: a chat after STOP is 409" 409 "$c"
t_jq "consent: the refusal names its reason" '.code == "opted_out" and (.error | test("STOP"))' \
	"$(cat "$C/chat")"
t_eq "consent: a chat to another tenant's person is 404" 404 \
	"$(http_code -H "Authorization: Bearer $(t_token "$T_B_EMAIL" "$T_B_PASS")" \
	    -H 'Content-Type: application/json' -d '{"body":"x"}' "$T_URL/api/v1/people/$id1/messages")"
t_eq "consent: an empty chat is 400" 400 \
	"$(http_code -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	    -d '{"body":""}' "$T_URL/api/v1/people/$id1/messages")"

while IFS=$'\t' read -r want body; do
	[ -n "$want" ] || continue
	text "$P1" START >/dev/null
	text "$P1" "$body" >/dev/null
	case $want in
	opt_out) t_eq "consent: '$body' opts out" revoked "$(state "$id1")" ;;
	*) t_eq "consent: '$body' keeps consent" granted "$(state "$id1")" ;;
	esac
done <<'EOF'
opt_out	STOP
opt_out	Stop!
opt_out	 quit.
opt_out	please stop texting me
opt_out	No más
opt_in	UNSTOP
none	I'll stop by tomorrow
none	Can we end the call early?
EOF

text "$P1" START >/dev/null
text "$P1" "please don't text me anymore" >/dev/null
t_eq "consent: a reply in other words is flagged, not acted on" "granted|open" \
	"$(state "$id1")|$(sql "SELECT flag_state FROM messages WHERE person_id = $id1
	    AND direction = 'inbound' ORDER BY id DESC LIMIT 1")"
text "$P1" HELP >/dev/null
t_jq "consent: HELP gets the brand and support contact" \
	'test("Acme Recruiting") and test("help@acme.test") and test("STOP")' "\"$(last_to "$P1")\""

c=$(http_code -o "$C/chat" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	-d '{"body":"Hi Cora, can you talk at 3?"}' "$T_URL/api/v1/people/$id1/messages")
t_eq "consent: a chat with consent is 201" 201 "$c"
t_jq "consent: 201 carries the queued message" '.kind == "chat" and (.id | type) == "number"' \
	"$(cat "$C/chat")"
t_eq "consent: the chat went to the provider" "Hi Cora, can you talk at 3?" "$(last_to "$P1")"
t_jq "consent: GET messages lists the thread" \
	'(.messages | length) > 10 and (.messages | map(select(.direction == "inbound")) | length) > 5' \
	"$(api "$T_URL/api/v1/people/$id1/messages")"

# ---------------------------------------------------- delivery status

sid=$(sql "SELECT provider_sid FROM messages WHERE person_id = $id1 AND kind = 'chat'
    ORDER BY id DESC LIMIT 1")
post /hooks/sms/tc/status "$TOKEN" "MessageSid=$sid" "MessageStatus=delivered" >/dev/null
t_eq "consent: a late 'sent' callback is 200" 200 \
	"$(post /hooks/sms/tc/status "$TOKEN" "MessageSid=$sid" "MessageStatus=sent")"
t_eq "consent: delivered never moves back to sent" delivered \
	"$(sql "SELECT status FROM messages WHERE provider_sid = '$sid'")"
t_eq "consent: a forged callback is 401" 401 \
	"$(post /hooks/sms/tc/status nope "MessageSid=$sid" "MessageStatus=failed")"

# A 21610 from the provider: the recipient opted out there.
P2=+14155550102
id2=$(person Dana "$P2")
text "$P2" START >/dev/null
t_curl -X POST -d "{\"errors\": {\"$P2\": 21610}}" "$FAKE_SMS_URL/_fake/config" >/dev/null
api -d '{"body":"Hello Dana"}' "$T_URL/api/v1/people/$id2/messages" >/dev/null
t_eq "consent: 21610 revokes (provider_error)" "revoked|provider_error|21610" \
	"$(state "$id2")|$(sql "SELECT source || '|' || error_code FROM consent_ledger
	    WHERE person_id = $id2 ORDER BY id DESC LIMIT 1")"
t_curl -X POST -d '{"errors": {}}' "$FAKE_SMS_URL/_fake/config" >/dev/null

# ------------------------------------------------------- the opt-in flow

P3=+14155550103
P3NEW=+14155550133
id3=$(person Erin "$P3" 7770003)
CAROL=$(sql "SELECT id FROM users WHERE email = '$T_C_EMAIL'")
sql "INSERT INTO pins (tenant_id, user_id, person_id) VALUES ($TA, $CAROL, $id3)" >/dev/null
jar=$C/jar
t_eq "optin: recruiter signs in" 303 "$(t_login "$jar" "$T_C_EMAIL" "$T_C_PASS")"
page=$(t_curl -b "$jar" "$T_URL/people/$id3/chat")
csrf=$(t_csrf <<<"$page")
t_true "optin: the chat page has the Messaging menu" "no SMS Opt In" grep -q "SMS Opt In" <<<"$page"
t_eq "optin: Send Form > SMS Opt In is 200" 200 \
	"$(http_code -o "$C/sent" -b "$jar" --data-urlencode "csrf=$csrf" "$T_URL/people/$id3/optin")"
t_true "optin: the page says it went by text and email" "$(grep -o 'flash[^<]*' "$C/sent")" \
	grep -q "by text and email" "$C/sent"
t_eq "optin: consent is requested" requested "$(state "$id3")"
t_eq "optin: a second request today is 409" 409 \
	"$(http_code -o "$C/sent2" -b "$jar" --data-urlencode "csrf=$csrf" "$T_URL/people/$id3/optin")"
t_true "optin: ... and says why" "no reason" grep -q "24 hours" "$C/sent2"
t_eq "optin: without CSRF it is 403" 403 "$(http_code -b "$jar" -d x=1 "$T_URL/people/$id3/optin")"
link=$(last_to "$P3" | grep -o 'http[^ ]*/c/optin/[A-Za-z0-9_-]*')
t_true "optin: the text carries the link" "no link in: $(last_to "$P3")" test -n "$link"
path=${link#"$LOOP_PUBLIC_URL"}
"$LOOP_BIN/loop-cron" 2>>"$C/cron.log"	# email goes through the outbox
t_jq "optin: the email carries the same link (text and HTML)" \
	"[.[] | select(.to[0] == \"erin@example.test\" and (.text | contains(\"$link\"))
	    and (.html | contains(\"$link\")))] | length == 1" \
	"$(t_curl "$FAKE_SMTP_URL/_fake/messages")"
t_eq "optin: the token is stored only as a hash" 0 \
	"$(sql "SELECT count(*) FROM optin_tokens WHERE token_hash = '${path##*/}'")"

pj=$C/pjar
h=$C/page.hdr
t_eq "optin: the page is 200" 200 "$(http_code -o "$C/page" -D "$h" -c "$pj" -b "$pj" "$T_URL$path")"
t_true "optin: one CSP, with a style nonce" "$(grep -ci '^content-security-policy' "$h")" \
	test "$(grep -ci '^content-security-policy:.*nonce-' "$h")" = 1 -a \
	"$(grep -ci '^content-security-policy' "$h")" = 1
t_true "optin: the page shows the wording and its version" "no wording" \
	grep -q "Msg &amp; data rates may apply.*STOP" "$C/page"
t_true "optin: the number to confirm is filled in" "no number" grep -q "value=\"$P3\"" "$C/page"
pcsrf=$(t_csrf <"$C/page")
t_eq "optin: a bad number is 422" 422 "$(http_code -o /dev/null -c "$pj" -b "$pj" \
	--data-urlencode "csrf=$pcsrf" -d phone=12 -d agree=yes "$T_URL$path")"
t_eq "optin: without agreeing it is 422" 422 "$(http_code -c "$pj" -b "$pj" \
	--data-urlencode "csrf=$pcsrf" --data-urlencode "phone=$P3NEW" "$T_URL$path")"
t_eq "optin: a corrected number gets a code" 303 "$(http_code -c "$pj" -b "$pj" \
	--data-urlencode "csrf=$pcsrf" --data-urlencode "phone=(415) 555-0133" -d agree=yes "$T_URL$path")"
code=$(last_to "$P3NEW" | grep -o '[0-9]\{6\}')
t_true "optin: the code came by text" "no code" test -n "$code"
t_true "optin: the chat never shows the code" "code in messages" \
	test "$(sql "SELECT count(*) FROM messages WHERE body LIKE '%$code%'")" = 0
wrong=$(printf '%06d' $(((10#$code + 1) % 1000000)))
for i in 1 2 3 4; do
	t_eq "optin: wrong code $i is 422" 422 "$(http_code -o "$C/code" -c "$pj" -b "$pj" \
		--data-urlencode "csrf=$pcsrf" -d "code=$wrong" "$T_URL$path/code")"
done
t_true "optin: the page counts the tries left" "$(grep -o 'alert[^<]*' "$C/code")" grep -q "1 try left" "$C/code"
http_code -o "$C/code" -c "$pj" -b "$pj" --data-urlencode "csrf=$pcsrf" -d "code=$wrong" "$T_URL$path/code" >/dev/null
t_true "optin: the fifth wrong code locks it" "$(grep -o 'alert[^<]*' "$C/code")" grep -q "last try" "$C/code"
t_eq "optin: the right code after five wrong ones is refused" 422 "$(http_code -c "$pj" -b "$pj" \
	--data-urlencode "csrf=$pcsrf" -d "code=$code" "$T_URL$path/code")"
t_eq "optin: not granted by a locked code" requested "$(state "$id3")"
http_code -c "$pj" -b "$pj" --data-urlencode "csrf=$pcsrf" --data-urlencode "phone=$P3NEW" \
	-d agree=yes "$T_URL$path" >/dev/null
code=$(last_to "$P3NEW" | grep -o '[0-9]\{6\}')
t_eq "optin: the right new code is 303" 303 "$(http_code -c "$pj" -b "$pj" -A 'ConsentTest/1.0' \
	--data-urlencode "csrf=$pcsrf" -d "code=$code" "$T_URL$path/code")"
t_eq "optin: consent granted" granted "$(state "$id3")"
t_eq "optin: the ledger keeps the evidence" "optin_page|$P3NEW|127.0.0.1|ConsentTest/1.0|2025-01|true" \
	"$(sql "SELECT source || '|' || e164 || '|' || client_addr || '|' || user_agent || '|' ||
	    wording_version || '|' || (wording LIKE '%Msg & data rates may apply%')
	    FROM consent_ledger WHERE person_id = $id3 ORDER BY id DESC LIMIT 1")"
t_eq "optin: the corrected number is their SMS number" "$P3NEW" \
	"$(sql "SELECT consent_sms_phone($id3)")"
t_jq "optin: Harvest gets yes" '.value == "yes" and .greenhouse_id == 7770003' \
	"$(sql "SELECT payload FROM outbox WHERE kind = 'harvest.consent' AND tenant_id = $TA
	    ORDER BY id DESC LIMIT 1")"
t_eq "optin: the recruiter who pinned them is notified once" 1 \
	"$(sql "SELECT count(*) FROM notifications WHERE user_id = $CAROL AND
	    person_id = $id3 AND event = 'sms_optin'")"
t_eq "optin: the done page is 200" 200 "$(http_code -b "$pj" "$T_URL$path/done")"
t_eq "optin: a used link is a friendly 200" 200 "$(http_code -o "$C/used" -b "$pj" "$T_URL$path")"
t_true "optin: ... saying so" "$(head -c 200 "$C/used")" grep -q "already subscribed" "$C/used"
t_eq "optin: an unknown link is a friendly 404" 404 "$(http_code -o "$C/unknown" \
	"$T_URL/c/optin/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"
t_true "optin: ... in words" "no words" grep -q "could not find this opt-in link" "$C/unknown"
sql "UPDATE optin_tokens SET expires_at = now() - interval '1 minute' WHERE person_id = $id3" >/dev/null
sql "UPDATE optin_tokens SET used_at = NULL WHERE person_id = $id3" >/dev/null
t_eq "optin: an expired link is a friendly 410" 410 "$(http_code -o "$C/expired" "$T_URL$path")"

P5=+14155550105
id5=$(person Gus "$P5")
page=$(t_curl -b "$jar" -X POST --data-urlencode "csrf=$csrf" "$T_URL/people/$id5/chat/optin-link")
draft=$(grep -o '/c/optin/[A-Za-z0-9_-]*' <<<"$page" | head -n 1)
t_true "optin: SMS Consent puts a link in the chat box" "no link" test -n "$draft"
t_eq "optin: without consent, a plain chat is refused" 409 "$(http_code -b "$jar" \
	--data-urlencode "csrf=$csrf" --data-urlencode "body=Hi Gus" "$T_URL/people/$id5/chat")"
t_eq "optin: the chat with the link goes as an opt-in request" 303 "$(http_code -b "$jar" \
	--data-urlencode "csrf=$csrf" --data-urlencode "body=Please confirm: $LOOP_PUBLIC_URL$draft" \
	"$T_URL/people/$id5/chat")"
t_eq "optin: ... marking consent requested" requested "$(state "$id5")"
t_true "optin: ... and reaching the provider" "$(last_to "$P5")" grep -q "$draft" <<<"$(last_to "$P5")"

# ------------------------------------------------ numbers stay opted out

P4=+14155550104
id4=$(person Finn "$P4")
text "$P4" START >/dev/null
text "$P4" STOP >/dev/null
sql "DELETE FROM people WHERE id = $id4" >/dev/null
id4b=$(person Finn "$P4")
t_eq "consent: a person re-created with an opted-out number is revoked" revoked "$(state "$id4b")"
t_eq "consent: ... and is not texted" 409 "$(http_code -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' -d '{"body":"Hi again"}' "$T_URL/api/v1/people/$id4b/messages")"
t_eq "consent: a new number needs new consent" none \
	"$(sql "UPDATE person_phones SET e164 = '+14155550144' WHERE person_id = $id1" >/dev/null; state "$id1")"

t_true "consent: the ledger refuses UPDATE" "updated" bash -c \
	'! psql -X -q "$LOOP_DB user=loop_crm" -c "UPDATE consent_ledger SET new_state = '"'"'granted'"'"'" 2>/dev/null'
t_true "consent: the ledger refuses DELETE even by its owner" "deleted" bash -c \
	'! psql -X -q "$LOOP_DB user=postgres" -c "DELETE FROM consent_ledger" 2>/dev/null'

# ------------------------------------------------------------ automatic opt-in email

# A person added without consent gets one opt-in email when the tenant asks
# for it (auto_optin_email yes); a tenant that does not ask sends none.
TC=$(sql "SELECT id FROM tenants WHERE slug = 'tc'")
mails() { sql "SELECT count(*) FROM outbox WHERE tenant_id = $TC AND kind = 'mail.send' AND payload::text LIKE '%$1%'"; }
add_person() { # EMAIL PHONE -> status
	http_code -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
		-d "{\"first_name\":\"Otto\",\"last_name\":\"Optin\",\"email\":\"$1\",\"phone\":\"$2\"}" \
		"$T_URL/api/v1/people"
}
t_loopctl tenant set tc auto_optin_email no >/dev/null
t_eq "consent: add person (auto email off) is 201" 201 "$(add_person otto.off@tc.test +14155550901)"
t_eq "consent: no opt-in email when the tenant does not ask" 0 "$(mails otto.off@tc.test)"
t_loopctl tenant set tc auto_optin_email yes >/dev/null
t_eq "consent: add person (auto email on) is 201" 201 "$(add_person otto.on@tc.test +14155550902)"
t_eq "consent: one opt-in email queued for the new person" 1 "$(mails otto.on@tc.test)"
t_loopctl tenant set tc auto_optin_email no >/dev/null

# ------------------------------------------------------------ chats list

# /chats lists each conversation once, with its latest message.
chats=$(t_curl -b "$jar" "$T_URL/chats")
t_true "chats: the page lists Erin's conversation" "no Erin" grep -q "/people/$id3/chat" <<<"$chats"
t_eq "chats: one row per person" 1 "$(grep -c "/people/$id3/chat" <<<"$chats")"
t_eq "chats: signed out goes to login" 303 "$(http_code "$T_URL/chats")"
