/*
 * optin_code.c - the public side of an opt-in link: opening it for the
 * branded page, texting a six-digit code, and the grant when the right
 * code comes back.
 *
 * Owns: looking a token up before the tenant is known (by its hash, via
 * optin_token_tenant()), codes (hashed with their link's hash, ten
 * minutes, five tries, three an hour per person and per number), adopting
 * the confirmed number as the person's SMS number, and the consent change
 * with its evidence (address, user agent, wording and its version).
 * Not here: making links and asking (optin.c), pages
 * (cgi-bin/public/optin.c).
 * Every buffer and db_rows made here is released here.
 */
#include "optin.h"

#include <string.h>

#include "message.h"
#include "sec.h"
#include "wording.h"
#include "banned.h"

#define R_CODES		"Too many codes were asked for in the last hour. " \
			"Please wait a while and try again."

void
optin_link_release(struct optin_link *l)
{
	buf_release(&l->first_name);
	buf_release(&l->code_phone);
	memset(l, 0, sizeof(*l));
}

/* A token as links carry it: base64url, the length sec_token gives. */
static bool
token_ok(const char *t)
{
	size_t	 n = t != NULL ? strlen(t) : 0;

	return n == OPTIN_TOKEN_CHARS && strspn(t,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == n;
}

static int
link_tenant(struct db *db, const char *hash, int64_t *tenant, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { hash };

	*found = false;
	if (db_exec(db, "SELECT optin_token_tenant($1)", p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1 && !db_null(&rows, 0, 0)) {
		*tenant = db_int(&rows, 0, 0);
		*found = true;
	}
	db_rows_release(&rows);
	return 0;
}

int
optin_link_open(struct db *db, const char *token, struct optin_link *l)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1];
	int		 rc = -1;

	memset(l, 0, sizeof(*l));
	buf_init(&l->first_name);
	buf_init(&l->code_phone);
	if (!token_ok(token))
		return 0;
	sec_sha256_hex(token, strlen(token), l->hash);
	if (link_tenant(db, l->hash, &l->tenant, &l->found) == -1)
		return -1;
	if (!l->found)
		return 0;
	p[0] = l->hash;
	if (db_begin_tenant(db, l->tenant) == -1 || db_exec(db,
	    "SELECT t.id, t.person_id, t.expires_at < now(), t.used_at IS NOT"
	    " NULL, p.first_name, COALESCE(consent_sms_phone(p.id), ''),"
	    " (SELECT e164 FROM optin_codes c WHERE c.token_id = t.id ORDER BY"
	    " c.id DESC LIMIT 1) FROM optin_tokens t JOIN people p ON p.id ="
	    " t.person_id WHERE t.token_hash = $1 FOR UPDATE OF t", p, 1,
	    &rows) == -1)
		goto out;
	rc = 0;
	if ((l->found = rows.nrows == 1) == false)
		goto out;
	l->id = db_int(&rows, 0, 0);
	l->person = db_int(&rows, 0, 1);
	l->expired = db_bool(&rows, 0, 2);
	l->used = db_bool(&rows, 0, 3);
	buf_adds(&l->first_name, db_str(&rows, 0, 4));
	if (db_len(&rows, 0, 5) < sizeof(l->phone))
		memcpy(l->phone, db_str(&rows, 0, 5), db_len(&rows, 0, 5) + 1);
	if (!db_null(&rows, 0, 6))
		buf_adds(&l->code_phone, db_str(&rows, 0, 6));
out:
	db_rows_release(&rows);
	return rc;
}

/* sha256(token hash ":" code): a code is only good with its link. */
static void
code_hash(const struct optin_link *l, const char *code,
    char out[SEC_HEX_SHA256])
{
	struct buf	 b = BUF_INIT;

	buf_addf(&b, "%s:%s", l->hash, code);
	sec_sha256_hex(b.ptr, b.len, out);
	buf_release(&b);
}

static int
codes_this_hour(struct db *db, const struct optin_link *l, const char *phone,
    bool *too_many)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21], max[21];
	const char	*p[3] = { db_i64(id, l->person), phone,
			    db_i64(max, OPTIN_CODES_PER_HOUR) };

	if (db_exec(db, "SELECT count(*) >= $3::int FROM optin_codes WHERE"
	    " (person_id = $1::bigint OR e164 = $2) AND created_at > now() -"
	    " interval '1 hour'", p, 3, &rows) == -1)
		return -1;
	*too_many = rows.nrows == 1 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}

int
optin_code_send(struct db *db, const struct optin_link *l, const char *phone,
    struct consent_verdict *v)
{
	struct wording_brand	 b;
	struct message_new	 m;
	struct buf		 text = BUF_INIT;
	char			 code[7], hash[SEC_HEX_SHA256], id[21], pid[21];
	const char		*p[4];
	bool			 many = false;
	int			 rc = -1;

	memset(&b, 0, sizeof(b));
	if (consent_may_send(db, l->person, phone, CONSENT_KIND_VERIFICATION,
	    v) == -1 || codes_this_hour(db, l, phone, &many) == -1)
		return -1;
	if (v->ok && many) {
		v->ok = false;
		v->code = "rate";
		v->reason = R_CODES;
	}
	if (!v->ok)
		return 0;
	sec_code6(code);
	code_hash(l, code, hash);
	p[0] = db_i64(id, l->id);
	p[1] = db_i64(pid, l->person);
	p[2] = phone;
	p[3] = hash;
	if (db_exec(db, "INSERT INTO optin_codes (tenant_id, token_id,"
	    " person_id, e164, code_hash) VALUES (app_tenant(), $1::bigint,"
	    " $2::bigint, $3, $4)", p, 4, NULL) == -1 ||
	    wording_brand_load(db, l->tenant, &b) == -1)
		goto out;
	wording_code(&b, code, &text);
	memset(&m, 0, sizeof(m));
	m.person = l->person;
	m.to = phone;
	m.kind = MESSAGE_VERIFICATION;
	m.body = text.ptr;
	m.shown = "A verification code for the opt-in page (hidden).";
	rc = message_queue(db, &m, v, NULL);
out:
	wording_brand_release(&b);
	buf_release(&text);
	return rc;
}

/* The newest unused code of the link, locked. */
struct code_row {
	int64_t		 id;
	bool		 found, expired;
	int		 tries;
	char		 hash[SEC_HEX_SHA256];
	char		 phone[17];
};

static int
code_newest(struct db *db, const struct optin_link *l, struct code_row *c)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, l->id) };

	memset(c, 0, sizeof(*c));
	if (db_exec(db, "SELECT id, expires_at < now(), tries, code_hash, e164"
	    " FROM optin_codes WHERE token_id = $1::bigint AND used_at IS NULL"
	    " ORDER BY id DESC LIMIT 1 FOR UPDATE", p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1 && db_len(&rows, 0, 3) < sizeof(c->hash) &&
	    db_len(&rows, 0, 4) < sizeof(c->phone)) {
		c->found = true;
		c->id = db_int(&rows, 0, 0);
		c->expired = db_bool(&rows, 0, 1);
		c->tries = (int)db_int(&rows, 0, 2);
		memcpy(c->hash, db_str(&rows, 0, 3), db_len(&rows, 0, 3) + 1);
		memcpy(c->phone, db_str(&rows, 0, 4), db_len(&rows, 0, 4) + 1);
	}
	db_rows_release(&rows);
	return 0;
}

/*
 * The confirmed number becomes the person's SMS number: their first
 * mobile (moved to the front when they had it, added when new).
 */
static int
phone_adopt(struct db *db, int64_t person, const char *phone)
{
	char		 id[21];
	const char	*p[2] = { db_i64(id, person), phone };

	if (db_exec(db, "UPDATE person_phones SET type = 'mobile', seq ="
	    " (SELECT min(seq) - 1 FROM person_phones WHERE person_id ="
	    " $1::bigint) WHERE person_id = $1::bigint AND seq = (SELECT"
	    " min(seq) FROM person_phones WHERE person_id = $1::bigint AND"
	    " e164 = $2) AND consent_sms_phone($1::bigint) IS DISTINCT FROM"
	    " $2", p, 2,
	    NULL) == -1)
		return -1;
	return db_exec(db, "INSERT INTO person_phones (tenant_id, person_id,"
	    " seq, raw, e164, type) SELECT app_tenant(), $1::bigint,"
	    " COALESCE(min(seq), 0) - 1, $2, $2, 'mobile' FROM person_phones"
	    " WHERE person_id = $1::bigint HAVING NOT COALESCE(bool_or(e164 ="
	    " $2), false)", p, 2, NULL);
}

/* The right code: used, the link used, consent granted, confirmation. */
static int
code_accept(struct db *db, const struct optin_link *l,
    const struct code_row *c, const struct optin_who *who)
{
	struct wording_brand	 b;
	struct consent_evidence	 ev;
	struct message_new	 m;
	struct consent_verdict	 v;
	struct buf		 wording = BUF_INIT, text = BUF_INIT;
	char			 cid[21], tid[21];
	const char		*p[2] = { db_i64(cid, c->id),
				    db_i64(tid, l->id) };
	int			 rc = -1;

	if (db_exec(db, "UPDATE optin_codes SET used_at = now() WHERE id ="
	    " $1::bigint", p, 1, NULL) == -1 || db_exec(db, "UPDATE"
	    " optin_tokens SET used_at = now() WHERE id = $1::bigint", p + 1, 1,
	    NULL) == -1 || phone_adopt(db, l->person, c->phone) == -1 ||
	    wording_brand_load(db, l->tenant, &b) == -1)
		goto out;
	wording_consent(&b, &wording);
	memset(&ev, 0, sizeof(ev));
	ev.client_addr = who->client_addr;
	ev.user_agent = who->user_agent;
	ev.wording = wording.ptr;
	ev.wording_version = WORDING_CONSENT_VERSION;
	ev.note = "six-digit code confirmed on the opt-in page";
	if (consent_change(db, l->person, c->phone, CONSENT_GRANTED,
	    CONSENT_SRC_OPTIN_PAGE, &ev, NULL) == -1)
		goto out;
	wording_optin_confirmation(&b, &text);
	memset(&m, 0, sizeof(m));
	m.person = l->person;
	m.to = c->phone;
	m.kind = MESSAGE_OPTIN_CONFIRMATION;
	m.body = text.ptr;
	rc = message_queue(db, &m, &v, NULL);
out:
	wording_brand_release(&b);
	buf_release(&wording);
	buf_release(&text);
	return rc;
}

int
optin_code_check(struct db *db, const struct optin_link *l, const char *code,
    const struct optin_who *who, enum optin_check *res, int *left)
{
	struct code_row	 c;
	char		 hash[SEC_HEX_SHA256], id[21];
	const char	*p[1];

	*left = 0;
	if (code_newest(db, l, &c) == -1)
		return -1;
	*res = !c.found ? OPTIN_CODE_NONE : c.expired ? OPTIN_CODE_EXPIRED :
	    c.tries >= OPTIN_CODE_TRIES ? OPTIN_CODE_LOCKED : OPTIN_CODE_WRONG;
	if (*res != OPTIN_CODE_WRONG)
		return 0;
	code_hash(l, code != NULL ? code : "", hash);
	if (code != NULL && strlen(code) == 6 &&
	    strspn(code, "0123456789") == 6 &&
	    sec_equal(hash, strlen(hash), c.hash, strlen(c.hash))) {
		*res = OPTIN_CODE_OK;
		return code_accept(db, l, &c, who);
	}
	p[0] = db_i64(id, c.id);
	if (db_exec(db, "UPDATE optin_codes SET tries = tries + 1 WHERE id ="
	    " $1::bigint", p, 1, NULL) == -1)
		return -1;
	*left = OPTIN_CODE_TRIES - c.tries - 1;
	if (*left == 0)
		*res = OPTIN_CODE_LOCKED;
	return 0;
}
