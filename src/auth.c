/*
 * auth.c - sessions, bearer tokens, logins and CSRF.
 *
 * Owns: the session and token tables (through SECURITY DEFINER lookups
 * before the tenant is known), login throttling, CSRF derivation.
 * Not here: page rendering and cookies' wording (cgi-bin/crm/login.c).
 * Strings put into req->auth are freed by app.c after the request.
 */
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "log.h"
#include "sec.h"
#include "banned.h"

#define WINDOW_SECS	900

static void
csrf_derive(const char *label, const char *secret, char out[65])
{
	struct buf	 b = BUF_INIT;

	buf_addf(&b, "%s:%s", label, secret);
	sec_hmac_sha256_hex(cfg.master_key, sizeof(cfg.master_key), b.ptr,
	    b.len, out);
	buf_release(&b);
}

#define AUTH_COLS	"tenant_id, user_id, user_name, user_email," \
			" tenant_name, tenant_slug"

/* req->auth from a row of auth_session() or auth_bind(), if there is one. */
static void
fill(struct auth *a, const struct db_rows *rows)
{
	if (rows->nrows != 1)
		return;
	a->ok = true;
	a->tenant_id = db_int(rows, 0, 0);
	a->user_id = db_int(rows, 0, 1);
	a->user_name = xstrdup(db_str(rows, 0, 2));
	a->user_email = xstrdup(db_str(rows, 0, 3));
	a->tenant_name = xstrdup(db_str(rows, 0, 4));
	a->tenant_slug = xstrdup(db_str(rows, 0, 5));
}

/* Checks the hash in req->auth.session_hash now. */
static int
check(struct req *r, bool api)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[2] = { r->auth.session_hash, api ? "t" : "f" };

	if (db_exec(r->db, "SELECT " AUTH_COLS " FROM auth_session($1,"
	    " $2::boolean)", p, 2, &rows) == -1)
		return -1;
	fill(&r->auth, &rows);
	db_rows_release(&rows);
	return 0;
}

/*
 * The hash of secret into req->auth, and for a cookie session the CSRF
 * token its forms carry (API tokens have no forms); nothing checked yet.
 */
static void
remember(struct req *r, const char *secret, bool api)
{
	sec_sha256_hex(secret, strlen(secret), r->auth.session_hash);
	if (!api)
		csrf_derive("csrf", secret, r->auth.csrf);
}

int
auth_from_cookie(struct req *r)
{
	const char	*tok = kvlist_get(&r->cookies, AUTH_SESSION_COOKIE);

	if (tok == NULL || *tok == '\0' || strlen(tok) > 128)
		return 0;
	remember(r, tok, false);
	return check(r, false);
}

/* The token of "Authorization: Bearer", or NULL. */
static const char *
bearer(struct req *r)
{
	const char	*h = req_env(r, "HTTP_AUTHORIZATION");

	if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	if (*h == '\0' || strlen(h) > 128)
		return NULL;
	return h;
}

int
auth_from_bearer(struct req *r)
{
	const char	*tok = bearer(r);

	if (tok == NULL)
		return 0;
	remember(r, tok, true);
	return check(r, true);
}

void
auth_bearer_defer(struct req *r)
{
	const char	*tok = bearer(r);
	struct auth	*a = &r->auth;

	if (tok == NULL)
		return;
	remember(r, tok, true);
	a->bind_p[0] = a->session_hash;
	a->bind_p[1] = "t";
	a->deferred = true;
	db_begin_bound(r->db, "SELECT " AUTH_COLS " FROM auth_bind($1,"
	    " $2::boolean)", a->bind_p, 2, &a->bound, true);
}

int
auth_settle(struct req *r)
{
	struct auth	*a = &r->auth;

	if (db_pending(r->db)) {	/* the handler ran no statement */
		db_rollback(r->db);
		return check(r, true);
	}
	if (r->db->err == DB_ERR_AUTH)
		return 0;		/* auth_bind() refused: not ok */
	fill(a, &a->bound);
	return a->ok || r->db->err == DB_OK ? 0 : -1;
}

/* Seconds until key may try again, 0 when under its limit. */
static int
throttled(struct db *db, const char *key, int limit, int *wait)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 lim[21];
	const char	*p[2] = { key, db_i64(lim, limit) };

	*wait = 0;
	if (db_exec(db, "SELECT GREATEST(1, ceil(extract(epoch FROM"
	    " (array_agg(at ORDER BY at DESC))[$2::int] + interval '15 minutes'"
	    " - now())))::int FROM login_failures WHERE k = $1"
	    " AND at > now() - interval '15 minutes' HAVING count(*) >= $2::int",
	    p, 2, &rows) == -1)
		return -1;
	if (rows.nrows == 1)
		*wait = (int)db_int(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}

static int
throttle_check(struct req *r, const char *acct, const char *addr, int *wait)
{
	int	 w1, w2;

	if (throttled(r->db, acct, AUTH_ACCT_LIMIT, &w1) == -1 ||
	    throttled(r->db, addr, AUTH_ADDR_LIMIT, &w2) == -1)
		return -1;
	*wait = w1 > w2 ? w1 : w2;
	return 0;
}

static int
failed(struct req *r, const char *acct, const char *addr)
{
	const char	*p[2] = { acct, addr };

	return db_exec(r->db, "INSERT INTO login_failures (k)"
	    " VALUES ($1), ($2)", p, 2, NULL);
}

static int
session_make(struct req *r, int64_t tenant, int64_t user, bool api,
    struct buf *token)
{
	char		 uid[21], hash[SEC_HEX_SHA256];
	const char	*p[5];
	size_t		 start = token->len;
	int		 rc;

	sec_token(token, SEC_TOKEN_BYTES);
	sec_sha256_hex(token->ptr + start, token->len - start, hash);
	p[0] = db_i64(uid, user);
	p[1] = hash;
	p[2] = r->remote_addr;
	p[3] = r->user_agent;
	if (db_begin_tenant(r->db, tenant) == -1)
		return -1;
	if (api)
		rc = db_exec(r->db, "INSERT INTO api_tokens (tenant_id, user_id,"
		    " token_hash, expires_at) VALUES (app_tenant(), $1, $2,"
		    " now() + interval '30 days')", p, 2, NULL);
	else
		rc = db_exec(r->db, "INSERT INTO sessions (tenant_id, user_id,"
		    " token_hash, client_addr, user_agent, expires_at) VALUES"
		    " (app_tenant(), $1, $2, $3, left($4, 300),"
		    " now() + interval '12 hours')", p, 4, NULL);
	if (rc == -1 || db_commit(r->db) == -1) {
		db_rollback(r->db);
		return -1;
	}
	remember(r, token->ptr + start, api);
	return check(r, api);
}

enum auth_result
auth_login(struct req *r, const char *email, const char *pw, bool api,
    struct buf *token, int *retry_after)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 acct = BUF_INIT, addr = BUF_INIT;
	enum auth_result rc = AUTH_ERROR;
	const char	*p[1] = { email };
	bool		 good;

	buf_addf(&acct, "acct:%.254s", email);
	buf_addf(&addr, "addr:%s", r->remote_addr ? r->remote_addr : "");
	if (throttle_check(r, acct.ptr, addr.ptr, retry_after) == -1)
		goto out;
	if (*retry_after > 0) {
		rc = AUTH_THROTTLED;
		goto out;
	}
	if (db_exec(r->db, "SELECT tenant_id, user_id, password_hash"
	    " FROM auth_login_lookup($1)", p, 1, &rows) == -1)
		goto out;
	if (rows.nrows == 1)
		good = sec_pw_verify(db_str(&rows, 0, 2), pw);
	else {
		sec_pw_dummy(pw);
		good = false;
	}
	if (!good) {
		rc = failed(r, acct.ptr, addr.ptr) == -1 ? AUTH_ERROR : AUTH_BAD;
		goto out;
	}
	if (session_make(r, db_int(&rows, 0, 0), db_int(&rows, 0, 1), api,
	    token) == -1)
		goto out;
	rc = r->auth.ok ? AUTH_OK : AUTH_ERROR;
out:
	db_rows_release(&rows);
	buf_release(&acct);
	buf_release(&addr);
	return rc;
}

int
auth_logout(struct req *r)
{
	const char	*p[1] = { r->auth.session_hash };

	if (!r->auth.ok)
		return 0;
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		return -1;
	if (db_exec(r->db, "DELETE FROM sessions WHERE token_hash = $1",
	    p, 1, NULL) == -1 || db_commit(r->db) == -1) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

bool
auth_csrf_ok(const struct req *r, const char *token)
{
	if (!r->auth.ok || token == NULL)
		return false;
	return sec_equal(r->auth.csrf, strlen(r->auth.csrf), token,
	    strlen(token));
}

void
auth_login_csrf(struct req *r, struct resp *resp, char out[65])
{
	const char	*c = kvlist_get(&r->cookies, AUTH_CSRF_COOKIE);
	struct buf	 b = BUF_INIT;

	if (c == NULL || strlen(c) < 20 || strlen(c) > 64) {
		sec_token(&b, 24);
		resp_cookie(resp, AUTH_CSRF_COOKIE, b.ptr, -1, true);
		c = b.ptr;
	}
	csrf_derive("login", c, out);
	buf_release(&b);
}

bool
auth_login_csrf_ok(const struct req *r, const char *token)
{
	const char	*c = kvlist_get(&r->cookies, AUTH_CSRF_COOKIE);
	char		 want[65];

	if (c == NULL || token == NULL || strlen(c) < 20 || strlen(c) > 64)
		return false;
	csrf_derive("login", c, want);
	return sec_equal(want, strlen(want), token, strlen(token));
}
