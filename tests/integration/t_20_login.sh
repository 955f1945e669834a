# Recruiter sign-in through the form: CSRF, cookies, the page, logout.

jar=$T_VAR/t20.jar
hdr=$T_VAR/t20.hdr
rm -f "$jar"

# The form: a hidden csrf input and a loop_csrf cookie.
c=$(http_code -c "$jar" -D "$hdr" -o "$T_VAR/t20.html" "$T_URL/login")
t_eq "GET /login gives 200" 200 "$c"
tok=$(t_csrf <"$T_VAR/t20.html")
t_true "login form has a hidden csrf input" "no csrf input in the form" test -n "$tok"
t_true "login page sets the loop_csrf cookie" "no loop_csrf cookie" \
	grep -q 'loop_csrf' "$jar"
t_true "login page is HTML" "$(t_header Content-Type "$hdr")" \
	grep -qi '^text/html' <<<"$(t_header Content-Type "$hdr")"

# Without a session, / goes to the sign-in page.
c=$(http_code -D "$hdr" "$T_URL/")
t_eq "GET / without a session gives 303" 303 "$c"
t_true "... to /login" "Location: $(t_header Location "$hdr")" \
	grep -q '/login$' <<<"$(t_header Location "$hdr")"

# CSRF: missing, wrong, or without the cookie.
post() { # JAR CSRF EMAIL PASSWORD
	local j=()
	[ -n "$1" ] && j=(-b "$1")
	http_code "${j[@]}" --data-urlencode "email=$3" --data-urlencode "password=$4" \
		${2:+--data-urlencode "csrf=$2"} "$T_URL/login"
}
t_eq "POST /login without csrf gives 403" 403 "$(post "$jar" "" "$T_A_EMAIL" "$T_A_PASS")"
t_eq "POST /login with a wrong csrf gives 403" 403 \
	"$(post "$jar" "x${tok}" "$T_A_EMAIL" "$T_A_PASS")"
t_eq "POST /login with csrf but no cookie gives 403" 403 \
	"$(post "" "$tok" "$T_A_EMAIL" "$T_A_PASS")"

# Bad credentials: 401 with an HTML page, the same for an unknown account.
c=$(t_login "$jar" "$T_A_EMAIL" "wrong password")
t_eq "wrong password gives 401" 401 "$c"
t_true "401 is an HTML page" "$(t_header Content-Type "$T_VAR/last.hdr")" \
	grep -qi '^text/html' <<<"$(t_header Content-Type "$T_VAR/last.hdr")"
t_true "401 sets no session" "session cookie on a failed sign-in" \
	bash -c '! grep -qi "^set-cookie: loop_session=[^;]" "$1"' _ "$T_VAR/last.hdr"
c=$(t_login "$jar" "nobody@ta.test" "wrong password")
t_eq "unknown account gives 401" 401 "$c"

# Good credentials.
rm -f "$jar"
c=$(t_login "$jar" "$T_A_EMAIL" "$T_A_PASS")
t_eq "good credentials give 303" 303 "$c"
loc=$(t_header Location "$T_VAR/last.hdr")
t_true "... to /" "Location: $loc" grep -qE '^(https?://[^/]+)?/$' <<<"$loc"
sc=$(tr -d '\r' <"$T_VAR/last.hdr" | grep -i '^set-cookie: loop_session=' | head -n 1)
t_true "session cookie is set" "no loop_session cookie" test -n "$sc"
t_true "session cookie is HttpOnly" "$sc" grep -qi '; *HttpOnly' <<<"$sc"
t_true "session cookie is SameSite=Lax" "$sc" grep -qi '; *SameSite=Lax' <<<"$sc"
t_true "session cookie has Path=/" "$sc" grep -qi '; *Path=/\($\|;\)' <<<"$sc"

c=$(http_code -b "$jar" -o "$T_VAR/t20.home" "$T_URL/")
t_eq "GET / with the session gives 200" 200 "$c"
t_true "home page shows the recruiter's name" "name not on the page" \
	grep -q "$T_A_NAME\|${T_A_NAME%% *}" "$T_VAR/t20.home"
missing=
for n in Dashboard People Chats Templates Jobs; do
	grep -q ">[[:space:]]*${n}[[:space:]]*<" "$T_VAR/t20.home" || missing="$missing $n"
done
t_true "home page has the nav links" "missing:$missing" test -z "$missing"
t_true "home page has no other tenant's user" "shows $T_B_NAME" \
	bash -c '! grep -q "$1" "$2"' _ "$T_B_NAME" "$T_VAR/t20.home"

# Logout needs the csrf token; the session dies on the server.
sess=$(awk '$6 == "loop_session" { print $7 }' "$jar" | tail -n 1)
ltok=$(t_csrf <"$T_VAR/t20.home")
[ -n "$ltok" ] || ltok=$tok
t_eq "POST /logout without csrf gives 403" 403 "$(http_code -b "$jar" -X POST "$T_URL/logout")"
t_eq "... and the session still works" 200 "$(http_code -b "$jar" "$T_URL/")"
c=$(http_code -b "$jar" -c "$jar" -D "$hdr" --data-urlencode "csrf=$ltok" "$T_URL/logout")
t_eq "POST /logout gives 303" 303 "$c"
t_true "... to /login" "Location: $(t_header Location "$hdr")" \
	grep -q '/login$' <<<"$(t_header Location "$hdr")"
c=$(http_code -H "Cookie: loop_session=$sess" "$T_URL/")
t_eq "the old session cookie no longer signs in" 303 "$c"
c=$(http_code -H "Cookie: loop_session=${sess}x" "$T_URL/")
t_eq "a forged session cookie gives 303" 303 "$c"
