# The JSON API: login, bearer tokens, me, users.

api() { t_curl -H 'Content-Type: application/json' "$@"; }
ta=$(t_token "$T_A_EMAIL" "$T_A_PASS")
tb=$(t_token "$T_B_EMAIL" "$T_B_PASS")
t_true "api login gives a token" "no token" test -n "$ta"
t_true "tokens differ per user" "same token" test "$ta" != "$tb"
t_true "api login refuses a wrong password" "got a token" \
	test -z "$(t_token "$T_A_EMAIL" "wrong password")"
body='{"email":"'$T_A_EMAIL'","password":"wrong password"}'
t_eq "api login with a wrong password gives 401" 401 \
	"$(http_code -H 'Content-Type: application/json' -d "$body" "$T_URL/api/v1/login")"
t_eq "api login with broken JSON gives 400" 400 \
	"$(http_code -H 'Content-Type: application/json' -d '{"email":' "$T_URL/api/v1/login")"
t_eq "api login without a password gives 400" 400 \
	"$(http_code -H 'Content-Type: application/json' -d '{"email":"a@b.c"}' "$T_URL/api/v1/login")"
t_eq "api login with a number for email gives 400" 400 \
	"$(http_code -H 'Content-Type: application/json' -d '{"email":5,"password":"x"}' "$T_URL/api/v1/login")"

h=$T_VAR/t30.hdr
me=$(t_curl -D "$h" -H "Authorization: Bearer $ta" "$T_URL/api/v1/me")
t_true "me is JSON" "$(t_header Content-Type "$h")" \
	grep -qi '^application/json' <<<"$(t_header Content-Type "$h")"
t_eq "me: user.email" "$T_A_EMAIL" "$(jq -r '.user.email' <<<"$me" 2>/dev/null)"
t_eq "me: user.name" "$T_A_NAME" "$(jq -r '.user.name' <<<"$me" 2>/dev/null)"
t_eq "me: tenant.slug" ta "$(jq -r '.tenant.slug' <<<"$me" 2>/dev/null)"
t_eq "me: tenant.name" "Tenant A" "$(jq -r '.tenant.name' <<<"$me" 2>/dev/null)"
t_jq "me: ids are numbers" '(.user.id|type) == "number" and (.tenant.id|type) == "number"' "$me"
t_true "me: no password hash in the answer" "$me" \
	bash -c '! grep -qi "argon\|hash\|password" <<<"$1"' _ "$me"

t_eq "me without a token gives 401" 401 "$(http_code "$T_URL/api/v1/me")"
t_eq "me with a forged token gives 401" 401 \
	"$(http_code -H "Authorization: Bearer ${ta}x" "$T_URL/api/v1/me")"
t_eq "me with a garbage token gives 401" 401 \
	"$(http_code -H "Authorization: Bearer abc" "$T_URL/api/v1/me")"
t_eq "me with Basic auth gives 401" 401 \
	"$(http_code -u "$T_A_EMAIL:$T_A_PASS" "$T_URL/api/v1/me")"
t_eq "me with an empty bearer gives 401" 401 \
	"$(http_code -H "Authorization: Bearer " "$T_URL/api/v1/me")"
c=$(http_code -D "$h" "$T_URL/api/v1/users")
t_eq "users without a token gives 401" 401 "$c"
t_true "401 from the API is JSON" "$(t_header Content-Type "$h")" \
	grep -qi '^application/json' <<<"$(t_header Content-Type "$h")"
# A browser session is not an API credential, nor the reverse.
t_eq "a bearer token is not a session for /" 303 \
	"$(http_code -H "Authorization: Bearer $ta" "$T_URL/")"

ua=$(t_curl -H "Authorization: Bearer $ta" "$T_URL/api/v1/users")
emails_a=$(jq -r '.users[].email' <<<"$ua" 2>/dev/null | sort | tr '\n' ' ')
t_true "users (A) lists A's users" "got: $ua" \
	grep -q "$T_A_EMAIL" <<<"$emails_a"
t_true "users (A) lists A's second user" "got: $emails_a" \
	grep -q "$T_A2_EMAIL" <<<"$emails_a"
t_true "users (A) hides tenant B" "got: $emails_a" \
	bash -c '! grep -q "@tb.test" <<<"$1"' _ "$emails_a"
t_jq "users have id, email, name" '[.users[] | has("id") and has("email") and has("name")] | all' "$ua"
ub=$(t_curl -H "Authorization: Bearer $tb" "$T_URL/api/v1/users")
t_eq "users (B) lists only B" "$T_B_EMAIL " \
	"$(jq -r '.users[].email' <<<"$ub" 2>/dev/null | sort | tr '\n' ' ')"
