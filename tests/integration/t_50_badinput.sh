# Bad input gets a 4xx, never a 5xx, and costs no worker.

w_crm=$(t_workers crm)
w_pub=$(t_workers public)
w_hooks=$(t_workers hooks)
jar=$T_VAR/t50.jar
rm -f "$jar"
t_login_page "$jar"
tok=$T_CSRF
codes=

form() { # BODY [PATH]
	http_code -b "$jar" -H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary "$1" "$T_URL${2:-/login}"
}
rec() { codes="$codes $1"; echo "$1"; }

# Multipart that never ends, with and without the csrf cookie.
mp=$'--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nbroken'
c=$(rec "$(http_code -X POST -H 'Content-Type: multipart/form-data; boundary=zzz' \
	--data-binary "$mp" "$T_URL/login")")
t_true "broken multipart gives 4xx" "got $c" grep -q '^4' <<<"$c"
c=$(rec "$(http_code -b "$jar" -H 'Content-Type: multipart/form-data; boundary=zzz' \
	--data-binary "$mp" "$T_URL/login")")
t_eq "broken multipart (csrf cookie) gives 400" 400 "$c"
c=$(rec "$(http_code -b "$jar" -H 'Content-Type: multipart/form-data' \
	--data-binary "$mp" "$T_URL/login")")
t_true "multipart without a boundary gives 4xx" "got $c" grep -q '^4' <<<"$c"
mp2=$'--zzz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'"$tok"$'\r\n--zzz\r\nContent-Disposition: form-data; name="email"\r\n\r\n'"$T_A_EMAIL"$'\r\n--zzz\r\nContent-Disposition: form-data; name="password"\r\n\r\nwrong\r\n--zzz--\r\n'
c=$(rec "$(http_code -b "$jar" -H 'Content-Type: multipart/form-data; boundary=zzz' \
	--data-binary "$mp2" "$T_URL/login")")
t_true "well-formed multipart sign-in is understood" "got $c" grep -qE '^(401|415)$' <<<"$c"

c=$(rec "$(http_code -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary 'email=%zz&password=%' "$T_URL/login")")
t_true "bad percent-encoding gives 4xx" "got $c" grep -q '^4' <<<"$c"
c=$(rec "$(form "email=%zz&password=%&csrf=$tok")")
t_eq "bad percent-encoding (csrf ok) gives 400" 400 "$c"
c=$(rec "$(form "email=%C3%28&password=x&csrf=$tok")")
t_eq "invalid UTF-8 (%C3%28) gives 400" 400 "$c"
c=$(rec "$(form "email=a%00b%40ta.test&password=x&csrf=$tok")")
t_eq "NUL in a field gives 400" 400 "$c"
c=$(rec "$(form "email=a%07b&password=x&csrf=$tok")")
t_eq "control character in a field gives 400" 400 "$c"
c=$(rec "$(form "email=%ED%A0%80&password=x&csrf=$tok")")
t_eq "UTF-8 surrogate gives 400" 400 "$c"
c=$(rec "$(form "email=%C0%AF&password=x&csrf=$tok")")
t_eq "overlong UTF-8 gives 400" 400 "$c"
long=$(head -c 5000 /dev/zero | tr '\0' a)
c=$(rec "$(form "email=$long@ta.test&password=x&csrf=$tok")")
t_true "5000-byte email gives 400 or 401" "got $c" grep -qE '^(400|401)$' <<<"$c"
many=$(for i in $(seq 1 3000); do printf 'f%d=1&' "$i"; done)
c=$(rec "$(form "${many}csrf=$tok")")
t_true "3000 form fields give 4xx" "got $c" grep -q '^4' <<<"$c"

head -c 3000000 /dev/zero | tr '\0' a >"$T_VAR/3mb"
c=$(rec "$(http_code -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary @"$T_VAR/3mb" "$T_URL/login")")
t_eq "3 MB body gives 413" 413 "$c"
c=$(rec "$(http_code -H 'Content-Type: application/json' \
	--data-binary @"$T_VAR/3mb" "$T_URL/api/v1/login")")
t_eq "3 MB API body gives 413" 413 "$c"
c=$(rec "$(http_code --data-binary @"$T_VAR/3mb" "$T_URL/hooks/greenhouse/ta")")
t_eq "3 MB webhook gives 413" 413 "$c"
# Upload locations take up to 6 MB: nginx passes 3 MB on, stops 7 MB.
c=$(rec "$(http_code --data-binary @"$T_VAR/3mb" "$T_URL/c/upload/x")")
t_true "3 MB to /c/upload/ passes nginx" "got $c" test "$c" != 413
head -c 7000000 /dev/zero | tr '\0' a >"$T_VAR/7mb"
c=$(rec "$(http_code --data-binary @"$T_VAR/7mb" "$T_URL/c/upload/x")")
t_eq "7 MB to /c/upload/ gives 413" 413 "$c"
c=$(rec "$(http_code --data-binary @"$T_VAR/7mb" "$T_URL/people/upload")")
t_eq "7 MB to /people/upload gives 413" 413 "$c"
# nginx's 413s say what happened: a page for people, JSON for programs.
b=$(curl -s -H 'Content-Type: multipart/form-data; boundary=x' --data-binary @"$T_VAR/7mb" "$T_URL/people/upload")
t_true "413 page says the file is too large" "$b" grep -q 'The file is too large' <<<"$b"
b=$(curl -s -H 'Content-Type: application/json' --data-binary @"$T_VAR/3mb" "$T_URL/api/v1/people")
t_jq "413 from the API is JSON" '.error | test("too large")' "$b"
b=$(curl -s --data-binary @"$T_VAR/3mb" "$T_URL/hooks/greenhouse/ta")
t_jq "413 from the webhooks is JSON" '.error | test("too large")' "$b"
t_eq "the error pages are not served directly" 404 "$(http_code "$T_URL/errors/413.html")"
rm -f "$T_VAR/3mb" "$T_VAR/7mb"

# JSON: broken, deep, wrong types, huge strings.
j() { http_code -H 'Content-Type: application/json' --data-binary "$1" "$T_URL/api/v1/login"; }
c=$(rec "$(j '{"email": "a@b.c", "password": ')")
t_eq "truncated JSON gives 400" 400 "$c"
deep=$(printf '%.0s[' $(seq 1 20000))
c=$(rec "$(j "$deep")")
t_true "20000-deep JSON gives 4xx" "got $c" grep -q '^4' <<<"$c"
c=$(rec "$(j '[1,2,3]')")
t_eq "JSON array instead of object gives 400" 400 "$c"
c=$(rec "$(j $'{"email":"a\xff@b.c","password":"x"}')")
t_eq "invalid UTF-8 in JSON gives 400" 400 "$c"
c=$(rec "$(j '{"email":"a\u0000b@ta.test","password":"x"}')")
t_true "NUL escape in JSON gives 400 or 401" "got $c" grep -qE '^(400|401)$' <<<"$c"
c=$(rec "$(http_code -H 'Content-Type: text/plain' --data-binary '{"email":"a@b.c","password":"x"}' \
	"$T_URL/api/v1/login")")
t_true "API login with a text/plain body is not a 5xx" "got $c" grep -qv '^5' <<<"$c"

# Query strings, paths, headers, cookies.
c=$(rec "$(http_code "$T_URL/login?x=%zz&y=%C3%28")")
t_true "bad query string is not a 5xx" "got $c" grep -qv '^5' <<<"$c"
c=$(rec "$(http_code "$T_URL/$(head -c 3000 /dev/zero | tr '\0' a)")")
t_eq "3000-byte path gives 404" 404 "$c"
c=$(rec "$(http_code "$T_URL/%C3%28")")
t_true "invalid UTF-8 path gives 4xx" "got $c" grep -q '^4' <<<"$c"
c=$(rec "$(http_code -H "Cookie: $(head -c 6000 /dev/zero | tr '\0' a)=1; loop_session=%zz; ;;=; loop_csrf" \
	"$T_URL/")")
t_true "garbage cookies are not a 5xx" "got $c" grep -qv '^5' <<<"$c"
c=$(rec "$(http_code -H 'Authorization: Bearer %00%ff' "$T_URL/api/v1/me")")
t_eq "garbage bearer gives 401" 401 "$c"
c=$(rec "$(http_code -X POST --data-binary "email=a&password=b&csrf=$tok" -b "$jar" \
	-H 'Content-Type: application/x-www-form-urlencoded; charset=latin1' "$T_URL/login")")
t_true "form with a charset parameter is not a 5xx" "got $c" grep -qv '^5' <<<"$c"
c=$(rec "$(http_code -b "$jar" -H 'Content-Type: application/json' \
	--data-binary "{\"csrf\":\"$tok\"}" "$T_URL/login")")
t_true "JSON to the form endpoint gives 4xx" "got $c" grep -q '^4' <<<"$c"

fives=$(tr ' ' '\n' <<<"$codes" | grep -c '^5' || true)
t_eq "no 5xx for any bad input" 0 "$fives"

t_eq "healthz still 200 after bad input" 200 "$(http_code "$T_URL/healthz")"
t_eq "no crm worker lost to bad input" "$w_crm" "$(t_workers crm)"
t_eq "no public worker lost to bad input" "$w_pub" "$(t_workers public)"
t_eq "no hooks worker lost to bad input" "$w_hooks" "$(t_workers hooks)"
c=$(t_login "$T_VAR/t50b.jar" "$T_A_EMAIL" "$T_A_PASS")
t_eq "sign-in still works after bad input" 303 "$c"
