/*
 * tenant.c - tenants, settings and recruiters.
 *
 * Owns: the settings table (which keys exist, how each is checked, which
 * are secret), the webhook secret, recruiter accounts.
 * Not here: the CLI (tools/loopctl.c).
 */
#include "tenant.h"

#include <string.h>

#include "http.h"
#include "sec.h"
#include "val.h"
#include "banned.h"

enum set_kind { S_TEXT, S_SECRET, S_YESNO, S_E164, S_COLOR, S_URL, S_INT,
	S_HOURS };

static const struct setting {
	const char	*key;
	enum set_kind	 kind;
} settings[] = {
	{ "harvest_client_id",		S_TEXT },
	{ "harvest_client_secret",	S_SECRET },
	{ "harvest_user_id",		S_INT },
	{ "harvest_api_key",		S_SECRET },
	{ "sms_account_sid",		S_TEXT },
	{ "sms_auth_token",		S_SECRET },
	{ "sms_from",			S_E164 },
	{ "require_chat_consent",	S_YESNO },
	{ "auto_optin_email",		S_YESNO },
	{ "brand_name",			S_TEXT },
	{ "brand_color",		S_COLOR },
	{ "brand_logo_url",		S_URL },
	{ "timezone",			S_TEXT },
	{ "quiet_hours",		S_HOURS },
	{ "support_contact",		S_TEXT },
	{ "help_text",			S_TEXT },
};

static bool
slug_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > 63 || s[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

int
tenant_add(struct db *db, const char *slug, const char *name,
    struct buf *secret, const char **why)
{
	struct buf	 sealed = BUF_INIT;
	size_t		 start = secret->len;
	const char	*p[3];
	int		 lens[3] = { 0, 0, 0 }, fmts[3] = { 0, 0, 1 };
	int		 rc;

	*why = NULL;
	if (!slug_ok(slug)) {
		*why = "the slug must be 1-63 lowercase letters, digits, '-'";
		return -1;
	}
	if (name == NULL || *name == '\0' || strlen(name) > 200 ||
	    !utf8_text(name, strlen(name))) {
		*why = "the name must be 1-200 characters of text";
		return -1;
	}
	sec_token(secret, SEC_TOKEN_BYTES);
	sec_seal(secret->ptr + start, secret->len - start, &sealed);
	p[0] = slug;
	p[1] = name;
	p[2] = sealed.ptr;
	lens[2] = (int)sealed.len;
	rc = db_execb(db, "INSERT INTO tenants (slug, name, webhook_secret)"
	    " VALUES ($1, $2, $3)", p, lens, fmts, 3, NULL);
	if (rc == -1 && db->err == DB_ERR_UNIQUE)
		*why = "a tenant with that slug exists";
	buf_release(&sealed);
	return rc;
}

int
tenant_id(struct db *db, const char *slug, int64_t *id, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { slug };

	*found = false;
	if (db_exec(db, "SELECT tenant_lookup($1)", p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1 && !db_null(&rows, 0, 0)) {
		*id = db_int(&rows, 0, 0);
		*found = true;
	}
	db_rows_release(&rows);
	return 0;
}

static bool
value_ok(enum set_kind k, const char *v)
{
	size_t	 n = strlen(v), i;
	int64_t	 num;

	if (n > 1000 || !utf8_text(v, n))
		return false;
	switch (k) {
	case S_YESNO:
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0;
	case S_E164:
		return val_e164(v);
	case S_INT:
		return val_int64(v, &num) == 0 && num > 0;
	case S_COLOR:
		if (n != 7 || v[0] != '#')
			return false;
		for (i = 1; i < 7; i++)
			if (!strchr("0123456789abcdefABCDEF", v[i]))
				return false;
		return true;
	case S_URL:
		return strncmp(v, "https://", 8) == 0 ||
		    strncmp(v, "http://", 7) == 0 || v[0] == '/';
	case S_HOURS:
		return n == 11 && v[2] == ':' && v[5] == '-' && v[8] == ':';
	default:
		return n > 0;
	}
}

int
tenant_set(struct db *db, int64_t tenant, const char *key, const char *value,
    const char **why)
{
	const struct setting	*s = NULL;
	struct buf		 sealed = BUF_INIT;
	char			 id[21];
	const char		*p[4];
	int			 lens[4] = { 0 }, fmts[4] = { 0, 0, 0, 1 };
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(settings[i].key, key) == 0)
			s = &settings[i];
	if (s == NULL) {
		*why = "unknown setting";
		return -1;
	}
	if (!value_ok(s->kind, value)) {
		*why = "the value is not valid for this setting";
		return -1;
	}
	p[0] = db_i64(id, tenant);
	p[1] = key;
	p[2] = s->kind == S_SECRET ? NULL : value;
	p[3] = NULL;
	if (s->kind == S_SECRET) {
		sec_seal(value, strlen(value), &sealed);
		p[3] = sealed.ptr;
		lens[3] = (int)sealed.len;
	}
	rc = db_execb(db, "INSERT INTO tenant_settings (tenant_id, key, value,"
	    " sealed) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, key)"
	    " DO UPDATE SET value = $3, sealed = $4, updated_at = now()",
	    p, lens, fmts, 4, NULL);
	buf_release(&sealed);
	if (rc == -1)
		*why = "the database refused the setting";
	return rc;
}

int
tenant_get(struct db *db, int64_t tenant, const char *key, struct buf *out,
    bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[2] = { db_i64(id, tenant), key };
	int		 rc = 0;

	*found = false;
	if (db_exec(db, "SELECT value, sealed FROM tenant_settings"
	    " WHERE tenant_id = $1 AND key = $2", p, 2, &rows) == -1)
		return -1;
	if (rows.nrows == 1) {
		*found = true;
		if (!db_null(&rows, 0, 0))
			buf_adds(out, db_str(&rows, 0, 0));
		else
			rc = sec_open_bytea(db_str(&rows, 0, 1), out);
	}
	db_rows_release(&rows);
	return rc;
}

int
tenant_webhook_secret(struct db *db, int64_t tenant, struct buf *out)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, tenant) };
	int		 rc = -1;

	if (db_exec(db, "SELECT webhook_secret FROM tenants WHERE id = $1",
	    p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1)
		rc = sec_open_bytea(db_str(&rows, 0, 0), out);
	db_rows_release(&rows);
	return rc;
}

int
tenant_user_add(struct db *db, int64_t tenant, const char *email,
    const char *name, const char *password, bool reset, const char **why)
{
	struct buf	 hash = BUF_INIT, lower = BUF_INIT;
	char		 id[21];
	const char	*p[4];
	int		 rc = -1;

	buf_adds(&lower, email);
	val_lower_ascii(lower.ptr);
	if (!val_email(lower.ptr)) {
		*why = "that is not an email address";
		goto out;
	}
	if (name == NULL || *name == '\0' || strlen(name) > 200 ||
	    !utf8_text(name, strlen(name))) {
		*why = "the name must be 1-200 characters of text";
		goto out;
	}
	if (strlen(password) < 8 || strlen(password) > 1000) {
		*why = "the password must have 8 to 1000 characters";
		goto out;
	}
	if (sec_pw_hash(password, &hash) == -1)
		goto out;
	p[0] = db_i64(id, tenant);
	p[1] = lower.ptr;
	p[2] = name;
	p[3] = hash.ptr;
	if (reset)
		rc = db_exec(db, "INSERT INTO users (tenant_id, email, name,"
		    " password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email)"
		    " DO UPDATE SET password_hash = $4, name = $3"
		    " WHERE users.tenant_id = $1", p, 4, NULL);
	else
		rc = db_exec(db, "INSERT INTO users (tenant_id, email, name,"
		    " password_hash) VALUES ($1, $2, $3, $4)", p, 4, NULL);
	if (rc == -1)
		*why = db->err == DB_ERR_UNIQUE ? "that email is taken" :
		    "the database refused the user";
out:
	buf_release(&hash);
	buf_release(&lower);
	return rc;
}
