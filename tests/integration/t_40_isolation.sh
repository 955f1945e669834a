# Tenant isolation in the database itself: row-level security as loop_crm.

ta=$(t_token "$T_A_EMAIL" "$T_A_PASS")
tb=$(t_token "$T_B_EMAIL" "$T_B_PASS")
A=$(t_curl -H "Authorization: Bearer $ta" "$T_URL/api/v1/me" | jq -r '.tenant.id' 2>/dev/null)
B=$(t_curl -H "Authorization: Bearer $tb" "$T_URL/api/v1/me" | jq -r '.tenant.id' 2>/dev/null)
if ! [[ $A =~ ^[0-9]+$ && $B =~ ^[0-9]+$ ]]; then
	t_fail "tenant ids from /api/v1/me" "A=$A B=$B"
	return 0
fi

# B signs in through the form too, so that B has a browser session row.
c=$(t_login "$T_VAR/t40b.jar" "$T_B_EMAIL" "$T_B_PASS")
t_eq "B signs in" 303 "$c"

for r in loop_crm loop_public loop_hooks loop_cron; do
	t_eq "role $r: not superuser, no BYPASSRLS" "f|f" \
		"$(t_psql postgres "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '$r'")"
done
for tbl in users tenants sessions; do
	t_eq "table $tbl: row-level security on" t \
		"$(t_psql postgres "SELECT relrowsecurity FROM pg_class WHERE oid = 'public.$tbl'::regclass")"
	t_eq "table $tbl: not owned by loop_crm" f \
		"$(t_psql postgres "SELECT pg_get_userbyid(relowner) = 'loop_crm' FROM pg_class WHERE oid = 'public.$tbl'::regclass")"
done

as_a() { t_psql loop_crm "SET app.tenant_id = '$A'; $1" 2>&1; }
t_eq "loop_crm as A sees none of B's users" 0 \
	"$(as_a "SELECT count(*) FROM users WHERE tenant_id = $B")"
t_eq "loop_crm as A sees A's users" 2 \
	"$(as_a "SELECT count(*) FROM users WHERE email LIKE '%@ta.test' AND email NOT LIKE 'rl%'")"
t_eq "loop_crm as A sees no @tb.test user at all" 0 \
	"$(as_a "SELECT count(*) FROM users WHERE email LIKE '%@tb.test'")"
t_eq "loop_crm as A sees no tenant B row" 0 \
	"$(as_a "SELECT count(*) FROM tenants WHERE slug = 'tb'")"
t_eq "loop_crm as A sees none of B's sessions" 0 \
	"$(as_a "SELECT count(*) FROM sessions WHERE tenant_id = $B")"
o=$(as_a "WITH u AS (UPDATE users SET name = name WHERE tenant_id = $B RETURNING 1) SELECT count(*) FROM u")
t_true "loop_crm as A updates none of B's users" "got: $o" \
	grep -qE '^0$|permission denied' <<<"$o"
o=$(as_a "WITH d AS (DELETE FROM sessions WHERE tenant_id = $B RETURNING 1) SELECT count(*) FROM d")
t_true "loop_crm as A deletes none of B's sessions" "got: $o" \
	grep -qE '^0$|permission denied' <<<"$o"
t_true "B's session survives" "no session row for B" \
	test "$(t_psql postgres "SELECT count(*) FROM sessions WHERE tenant_id = $B")" -gt 0

# Without a tenant set, nothing (or an error), never everything.
o=$(t_psql loop_crm "SELECT count(*) FROM users" 2>&1)
t_true "loop_crm without app.tenant_id sees no users" "got: $o" \
	grep -qE '^0$|ERROR' <<<"$o"
