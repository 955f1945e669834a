# People: the JSON API (add, E.164, duplicates, each search form with
# unicode and apostrophe names), tenant isolation, keyset pagination while
# people are being added, and uploads in each format (good, bad and
# duplicate rows; wrong type, damaged, empty, too large; 10,000 rows).

ta=$(t_token "$T_A_EMAIL" "$T_A_PASS")
tb=$(t_token "$T_B_EMAIL" "$T_B_PASS")
if [ -z "$ta" ] || [ -z "$tb" ]; then
	t_fail "people: API tokens" "no token for A or B"
	return 0
fi
tag=p$RANDOM
api() { # TOKEN METHOD PATH [JSON] -> body in $T_VAR/p.json, prints status
	local tok=$1 m=$2 p=$3
	shift 3
	t_curl -o "$T_VAR/p.json" -w '%{http_code}' -X "$m" \
		-H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
		${1:+-d "$1"} "$T_URL$p"
}
add() { # TOKEN FIRST LAST EMAIL PHONE -> id
	api "$1" POST /api/v1/people "$(jq -cn --arg f "$2" --arg l "$3" \
		--arg e "$4" --arg p "$5" '{first_name:$f,last_name:$l,email:$e,phone:$p}')" >/dev/null
	jq -r '.id // empty' "$T_VAR/p.json"
}
q() { # TOKEN QUERY -> "First Last|..." sorted
	t_curl -G -H "Authorization: Bearer $1" --data-urlencode "q=$2" \
		--data-urlencode "limit=200" "$T_URL/api/v1/people" |
		jq -r '.people[] | "\(.first_name) \(.last_name)"' | sort | tr '\n' '|'
}

# ---- adding
c=$(api "$ta" POST /api/v1/people "{\"first_name\":\"Zoë\",\"last_name\":\"O'Brien\",\"email\":\"zoe.$tag@ta.test\",\"phone\":\"+14155550191\",\"type\":\"prospect\"}")
t_eq "API add: 201" 201 "$c"
zoe=$(jq -r '.id' "$T_VAR/p.json")
t_eq "API add: id, type, E.164 phone, owner in the answer" "prospect|+14155550191|true" \
	"$(jq -r '"\(.type)|\(.phones[0])|\(.owner.id != null)"' "$T_VAR/p.json")"
add "$ta" "Ángel" "de la Cruz" "angel.$tag@ta.test" "+14155550192" >/dev/null
add "$ta" "Siobhán" "Ní Bhriain" "siobhan.$tag@ta.test" "+14155550193" >/dev/null
secret=$(add "$tb" "Zoë" "Secret" "secret.$tag@tb.test" "+14155550194")

for bad in '(415) 555-0199' '415-555-0199' '+1 415 555 0199' '14155550199'; do
	c=$(api "$ta" POST /api/v1/people "$(jq -cn --arg p "$bad" \
		'{first_name:"Bad",last_name:"Phone",email:"bad@ta.test",phone:$p}')")
	t_eq "API add: phone \"$bad\" is 400" 400 "$c"
done
t_true "API add: the 400 names the phone and shows E.164" "$(cat "$T_VAR/p.json")" \
	grep -q 'phone must be in E.164 form, like +12025550146' "$T_VAR/p.json"
c=$(api "$ta" POST /api/v1/people '{"last_name":"NoFirst"}')
t_eq "API add: missing first_name is 400" 400 "$c"
t_true "API add: the 400 names first name" "$(cat "$T_VAR/p.json")" grep -q 'first name' "$T_VAR/p.json"
c=$(api "$ta" POST /api/v1/people '{"first_name":"A","last_name":"B","type":"alien"}')
t_eq "API add: unknown type is 400" 400 "$c"
c=$(api "$ta" POST /api/v1/people "{\"first_name\":\"Zoe\",\"last_name\":\"Twice\",\"email\":\"ZOE.$tag@TA.test\"}")
t_eq "API add: same email again is 409" 409 "$c"
t_eq "API add: the 409 gives the existing id" "$zoe" "$(jq -r '.id' "$T_VAR/p.json")"
c=$(api "$ta" POST /api/v1/people '{"first_name":"Zoe","last_name":"Phone","phone":"+14155550191"}')
t_eq "API add: same phone again is 409" 409 "$c"

# ---- search forms
t_eq "search: words, accent-free" "Zoë O'Brien|" "$(q "$ta" zoe)"
t_eq "search: apostrophe typed" "Zoë O'Brien|" "$(q "$ta" "o'brien")"
t_eq "search: apostrophe left out" "Zoë O'Brien|" "$(q "$ta" obri)"
t_eq "search: the part after the apostrophe" "Zoë O'Brien|" "$(q "$ta" brien)"
t_eq "search: any order, any case" "Zoë O'Brien|" "$(q "$ta" 'OBRIEN ZOË')"
t_eq "search: accented query" "Ángel de la Cruz|" "$(q "$ta" 'ángel cru')"
t_eq "search: middle name word" "Ángel de la Cruz|" "$(q "$ta" 'la')"
t_eq "search: Irish accents" "Siobhán Ní Bhriain|" "$(q "$ta" 'siobhan ni')"
t_eq "search: full name" "Zoë O'Brien|" "$(q "$ta" "\"zoe o'brien\"")"
t_eq "search: full name is whole" "" "$(q "$ta" '"Zoe"')"
t_eq "search: phone" "Zoë O'Brien|" "$(q "$ta" '+14155550191')"
t_eq "search: email, any case" "Zoë O'Brien|" "$(q "$ta" "\"ZOE.$tag@ta.test\"")"
t_eq "search: words must all match" "" "$(q "$ta" 'zoe cruz')"
c=$(http_code -G -H "Authorization: Bearer $ta" --data-urlencode 'q=+1 (415' "$T_URL/api/v1/people")
t_eq "search: a broken phone is 400" 400 "$c"
for bad in limit=0 limit=201 limit=x cursor=0 cursor=-5 cursor=abc; do
	t_eq "search: $bad is 400" 400 "$(http_code -H "Authorization: Bearer $ta" "$T_URL/api/v1/people?$bad")"
done

# ---- the token checked in the search's own round trip (R_TOKEN_PIPE)
P=$T_URL/api/v1/people
t_eq "search auth: no token is 401" 401 "$(http_code "$P?q=zoe")"
t_eq "search auth: a wrong token is 401" 401 "$(http_code -H 'Authorization: Bearer nope' "$P?q=zoe")"
t_eq "search auth: a wrong token with a bad query is 401, not 400" 401 \
	"$(http_code -H 'Authorization: Bearer nope' "$P?limit=x")"
h=$(curl -s -D - -o /dev/null -H 'Authorization: Bearer nope' "$P?q=zoe" | tr -d '\r')
t_true "search auth: 401 asks for a bearer token" "$h" grep -qi '^www-authenticate: bearer' <<<"$h"
body=$(curl -s -H 'Authorization: Bearer nope' "$P?q=zoe")
t_jq "search auth: 401 lists no one" '.people == null and (.error | length > 0)' "$body"
# Every worker, after a refused token, still answers a good one rightly.
res=
for _ in $(seq 1 $((2 * LOOP_WORKERS))); do
	http_code -H 'Authorization: Bearer nope' "$P?q=zoe" >/dev/null
	res="$res$(q "$ta" zoe)"
done
t_eq "search auth: good tokens after refused ones" \
	"$(printf "Zoë O'Brien|%.0s" $(seq 1 $((2 * LOOP_WORKERS))))" "$res"
exp=$(t_token "$T_A_EMAIL" "$T_A_PASS")
t_psql postgres "UPDATE api_tokens SET expires_at = now() - interval '1 second'
    WHERE token_hash = '$(printf '%s' "$exp" | sha256sum | cut -c1-64)'" >/dev/null
t_eq "person auth: a wrong token is 401 for a real id" 401 \
	"$(http_code -H 'Authorization: Bearer nope' "$P/$zoe")"
t_eq "person auth: a wrong token is 401, not 404, for a bad id" 401 \
	"$(http_code -H 'Authorization: Bearer nope' "$P/abc")"
t_eq "search auth: an expired token is 401" 401 "$(http_code -H "Authorization: Bearer $exp" "$P?q=zoe")"
t_eq "search auth: an expired token with a bad query is 401" 401 \
	"$(http_code -H "Authorization: Bearer $exp" "$P?limit=0")"

# ---- tenants
t_eq "isolation: A does not find B's Zoë" "Zoë O'Brien|" "$(q "$ta" 'zoe')"
t_eq "isolation: B finds only its own" "Zoë Secret|" "$(q "$tb" 'zoe')"
t_eq "isolation: B's person by id is 404 to A" 404 \
	"$(http_code -H "Authorization: Bearer $ta" "$T_URL/api/v1/people/$secret")"
t_eq "isolation: own person by id is 200" 200 \
	"$(http_code -H "Authorization: Bearer $ta" "$T_URL/api/v1/people/$zoe")"
t_eq "isolation: no such id is 404" 404 \
	"$(http_code -H "Authorization: Bearer $ta" "$T_URL/api/v1/people/999999999")"
t_eq "isolation: a bad id is 404" 404 \
	"$(http_code -H "Authorization: Bearer $ta" "$T_URL/api/v1/people/abc")"
jar=$T_VAR/tp.jar
t_login "$jar" "$T_A_EMAIL" "$T_A_PASS" >/dev/null
t_eq "isolation: B's person page is 404 to A" 404 "$(http_code -b "$jar" "$T_URL/people/$secret")"
t_eq "isolation: own person page is 200" 200 "$(http_code -b "$jar" "$T_URL/people/$zoe")"
if t_curl -b "$jar" "$T_URL/people?q=secret" | grep -q Secret; then
	t_fail "isolation: A's People page shows no B" "B's person listed"
else
	t_ok "isolation: A's People page shows no B"
fi

# ---- pagination while people are added
for i in $(seq -w 1 23); do add "$ta" "Pag$tag" "N$i" "pag$i.$tag@ta.test" "" >/dev/null; done
seen=() cursor= pages=0
while :; do
	t_curl -G -H "Authorization: Bearer $ta" --data-urlencode "q=pag$tag" --data-urlencode limit=5 \
		${cursor:+--data-urlencode "cursor=$cursor"} "$T_URL/api/v1/people" >"$T_VAR/page.json"
	mapfile -t got < <(jq -r '.people[].last_name' "$T_VAR/page.json")
	seen+=("${got[@]}")
	pages=$((pages + 1))
	# Newer people arrive while paging: they sort before the cursor.
	[ "$pages" = 2 ] && for i in 1 2 3; do add "$ta" "Pag$tag" "New$i" "" "" >/dev/null; done
	cursor=$(jq -r '.next_cursor // empty' "$T_VAR/page.json")
	[ -n "$cursor" ] && [ "$pages" -lt 20 ] || break
done
t_eq "paging: 23 people in 5 pages" "23 5" "${#seen[@]} $pages"
t_eq "paging: no duplicates, no gaps, newest first" \
	"$(seq -w 23 -1 1 | sed 's/^/N/' | tr '\n' ' ')" "$(printf '%s ' "${seen[@]}")"
t_eq "paging: the newcomers are on a new first page" "New3 New2 New1 N23 " \
	"$(t_curl -G -H "Authorization: Bearer $ta" --data-urlencode "q=pag$tag" --data-urlencode limit=4 \
	"$T_URL/api/v1/people" | jq -r '.people[].last_name' | tr '\n' ' ')"

# ---- uploads
csrf=$(t_curl -b "$jar" "$T_URL/people/upload" | t_csrf)
upload() { # FILE [TYPE] -> status; the page in $T_VAR/up.html
	curl -sS -m 120 --noproxy '*' -b "$jar" -o "$T_VAR/up.html" -w '%{http_code}' -F "csrf=$csrf" \
		-F "type=${2:-candidate}" -F "file=@$1" "$T_URL/people/upload"
}
stats() { grep -o 'stat-num">[0-9,]*' "$T_VAR/up.html" | sed 's/.*>//' | tr '\n' ' '; }
count() { t_curl -G -H "Authorization: Bearer $ta" --data-urlencode limit=200 "$T_URL/api/v1/people" | jq '.people | length'; }
fx=tests/fixtures
t_eq "upload csv: 200" 200 "$(upload $fx/people-mixed.csv)"
t_eq "upload csv: 3 added, 1 merged, 3 rejected" "3 1 3 " "$(stats)"
for why in '3</td><td>MobilePhone must be in E.164 form' '6</td><td>FirstName is required' \
	'7</td><td>Email must be an email address'; do
	t_true "upload csv: row ${why%%<*} rejected with its reason" "$why" \
		grep -q "num\">$why" "$T_VAR/up.html"
done
t_true "upload csv: row 5 merged into Ada" "no merge row" grep -q 'num">5</td><td><a href="/people/' "$T_VAR/up.html"
t_eq "upload csv: Ada is there once" "Ada Lovelace|" "$(q "$ta" '"ada@example.com"')"
t_eq "upload xlsx: same rows merge, reject" "0 4 3 " "$(upload $fx/people-mixed.xlsx >/dev/null; stats)"
t_eq "upload xls: same rows merge, reject" "0 4 3 " "$(upload $fx/people-mixed.xls >/dev/null; stats)"
before=$(count)
for f in empty.csv damaged.xlsx damaged.xls not-a-sheet.pdf not-a-sheet.zip no-header.csv; do
	t_eq "upload $f: 400" 400 "$(upload $fx/$f)"
	t_true "upload $f: says nothing was added" "no message" grep -q 'Nothing was added' "$T_VAR/up.html"
done
t_eq "upload: bad files added no one" "$before" "$(count)"
head -c $((5 * 1024 * 1024 + 10)) /dev/zero | tr '\0' 'a' >"$T_VAR/big.csv"
t_eq "upload: over 5 MB is 413" 413 "$(upload "$T_VAR/big.csv")"

# 10,000 rows in one go, then one row too many.
{
	echo "FirstName,LastName,Email,MobilePhone"
	for i in $(seq 1 10000); do echo "Bulk$tag,Row$i,bulk$i.$tag@example.com,+1212$(printf '%07d' "$i")"; done
} >"$T_VAR/10k.csv"
t0=$SECONDS
t_eq "upload 10,000 rows: 200" 200 "$(upload "$T_VAR/10k.csv" prospect)"
t_eq "upload 10,000 rows: all added" "10,000 0 0 " "$(stats)"
echo "   (10,000-row upload: $((SECONDS - t0)) s)"
t_eq "upload 10,000 rows: they are found" 200 \
	"$(t_curl -G -H "Authorization: Bearer $ta" --data-urlencode "q=bulk$tag row10000" "$T_URL/api/v1/people" \
	| jq -r '.people | length | if . == 1 then 200 else . end')"
echo "Bulk,TooMany,toomany.$tag@example.com," >>"$T_VAR/10k.csv"
t_eq "upload 10,001 rows: 400" 400 "$(upload "$T_VAR/10k.csv")"
t_true "upload 10,001 rows: says why" "no message" grep -q '10,000' "$T_VAR/up.html"
rm -f "$T_VAR/10k.csv" "$T_VAR/big.csv"
