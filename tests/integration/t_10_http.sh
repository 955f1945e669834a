# HTTP basics through nginx: health, 404/405, security headers, static files.

b=$(t_curl "$T_URL/healthz")
c=$(http_code "$T_URL/healthz")
t_eq "healthz answers 200" 200 "$c"
t_true "healthz body is ok" "body was: $b" [ "$(echo "$b" | tr -d '[:space:]')" = ok ]

t_eq "unknown route gives 404" 404 "$(http_code "$T_URL/no/such/route")"
t_eq "unknown API route gives 404" 404 "$(http_code "$T_URL/api/v1/no-such")"
t_eq "unknown public route gives 404" 404 "$(http_code "$T_URL/c/no-such")"

h=$T_VAR/t10.hdr
c=$(http_code -X DELETE -D "$h" "$T_URL/login")
t_eq "DELETE /login gives 405" 405 "$c"
t_true "405 carries an Allow header" "no Allow header" test -n "$(t_header Allow "$h")"
t_eq "POST /healthz gives 405" 405 "$(http_code -X POST -d x=1 "$T_URL/healthz")"
t_eq "GET /logout gives 405" 405 "$(http_code "$T_URL/logout")"

# Security headers on a page, on an app 404, on an nginx error and on a file.
check_headers() { # LABEL HEADERFILE
	local csp
	csp=$(t_header Content-Security-Policy "$2")
	if [[ $csp == *"default-src 'self'"* && $csp == *"frame-ancestors 'none'"* &&
		$csp == *"script-src 'self'"* ]] &&
		[ "$(t_header X-Content-Type-Options "$2")" = nosniff ] &&
		[ "$(t_header X-Frame-Options "$2")" = DENY ] &&
		[ -n "$(t_header Referrer-Policy "$2")" ]; then
		t_ok "security headers on $1"
	else
		t_fail "security headers on $1" "$(tr -d '\r' <"$2" | tr '\n' '|')"
	fi
}
http_code -D "$h" "$T_URL/login" >/dev/null
check_headers "the login page" "$h"
http_code -D "$h" "$T_URL/no/such/route" >/dev/null
check_headers "a 404" "$h"
head -c 2000000 /dev/zero | tr '\0' a >"$T_VAR/2mb"
c=$(http_code -D "$h" --data-binary @"$T_VAR/2mb" "$T_URL/login")
t_eq "2 MB body to /login gives 413" 413 "$c"
check_headers "a 413 from nginx" "$h"
rm -f "$T_VAR/2mb"

css=$(cd "$T_ROOT" && find static -type f -name '*.css' | head -n 1)
if [ -n "$css" ]; then
	c=$(http_code -D "$h" "$T_URL/$css")
	t_eq "static file $css served" 200 "$c"
	t_true "static file is cached long" "$(t_header Cache-Control "$h")" \
		grep -q 'max-age=[0-9]\{6,\}' <<<"$(t_header Cache-Control "$h")"
	check_headers "a static file" "$h"
	t_true "static file has a CSS content type" "$(t_header Content-Type "$h")" \
		grep -q '^text/css' <<<"$(t_header Content-Type "$h")"
fi
t_eq "missing static file gives 404" 404 "$(http_code "$T_URL/static/no-such.css")"
t_eq "static directory is not listed" 404 "$(http_code "$T_URL/static/")"
