# Sign-in rate limit: repeated failures for one account give 429 + Retry-After.
# Last, because it locks an account (and perhaps the test client's address).

em=rl@ta.test
pw='rate limit: correct horse'
printf '%s\n' "$pw" | t_loopctl user add ta "$em" --name "Rita Limit" >/dev/null 2>&1
jar=$T_VAR/t80.jar
codes=
got429=no
for i in $(seq 1 12); do
	c=$(t_login "$jar" "$em" "wrong password $i")
	codes="$codes $c"
	if [ "$c" = 429 ]; then got429=yes; break; fi
done
t_eq "repeated bad sign-ins end in 429 (codes:$codes)" yes "$got429"
if [ "$got429" = yes ]; then
	n=$(wc -w <<<"$codes")
	t_true "the first five failures are 401s" "codes:$codes" \
		bash -c '[ "$(echo "$1" | cut -d" " -f2-6)" = "401 401 401 401 401" ]' _ "$codes"
	t_true "429 comes by the 6th to 10th try" "after $n" test "$n" -ge 6 -a "$n" -le 10
	ra=$(t_header Retry-After "$T_VAR/last.hdr")
	t_true "429 has a Retry-After in seconds" "Retry-After: $ra" \
		grep -qE '^[1-9][0-9]*$' <<<"$ra"
	t_eq "the right password is refused while locked" 429 \
		"$(t_login "$jar" "$em" "$pw")"
	c=$(http_code -H 'Content-Type: application/json' \
		-d "$(jq -cn --arg e "$em" --arg p "$pw" '{email:$e,password:$p}')" \
		"$T_URL/api/v1/login")
	t_eq "the API refuses the locked account too" 429 "$c"
fi
t_eq "another account still signs in" 303 \
	"$(t_login "$T_VAR/t80b.jar" "$T_A2_EMAIL" "$T_A2_PASS")"
