/*
 * optin.c - opt-in links, the requests and emails that carry them, and
 * the verification codes that turn them into consent.
 *
 * Owns: making a link (random token, only its hash stored), the daily
 * limit on requests, the request text and email, the automatic email.
 * Not here: the page's side, codes and the grant (optin_code.c), pages,
 * the texting rules (consent.c), transport.
 * Runs in the caller's tenant transaction; every buffer, dictionary and
 * db_rows made here is released here.
 */
#include "optin.h"

#include <string.h>

#include "cfg.h"
#include "mail.h"
#include "message.h"
#include "page.h"
#include "sec.h"
#include "tenant.h"
#include "tmpl.h"
#include "wording.h"
#include "banned.h"

#define R_RATE		"An opt-in request already went to them in the " \
			"last 24 hours; try again tomorrow."
#define R_NOWHERE	"There is neither a mobile number that may get it " \
			"nor an email address to send the request to."

static const char *const purpose_names[OPTIN__MAX] = {
	"request", "chat", "auto_email"
};

/* The person's first name and first email (may be ""), row locked. */
static int
person_load(struct db *db, int64_t person, struct buf *first,
    struct buf *email, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, person) };

	*found = false;
	if (db_exec(db, "SELECT first_name, (SELECT email FROM person_emails"
	    " WHERE person_id = $1::bigint ORDER BY is_primary DESC, email"
	    " LIMIT 1) FROM people WHERE id = $1::bigint FOR UPDATE", p, 1,
	    &rows) == -1)
		return -1;
	if (rows.nrows == 1) {
		*found = true;
		buf_adds(first, db_str(&rows, 0, 0));
		if (!db_null(&rows, 0, 1))
			buf_adds(email, db_str(&rows, 0, 1));
	}
	db_rows_release(&rows);
	return 0;
}

/* A request or chat link went to the person in the last day. */
static int
asked_today(struct db *db, int64_t person, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, person) };

	if (db_exec(db, "SELECT EXISTS (SELECT 1 FROM optin_tokens WHERE"
	    " person_id = $1::bigint AND purpose IN ('request', 'chat') AND"
	    " created_at > now() - interval '1 day')", p, 1, &rows) == -1)
		return -1;
	*yes = rows.nrows == 1 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}

/* A new token for person; the whole link is appended to link. */
static int
link_new(struct db *db, int64_t person, enum optin_purpose why,
    int64_t user, struct buf *link)
{
	struct buf	 tok = BUF_INIT;
	char		 hash[SEC_HEX_SHA256], id[21], uid[21], days[21];
	const char	*p[5];
	int		 rc;

	sec_token(&tok, OPTIN_TOKEN_BYTES);
	sec_sha256_hex(tok.ptr, tok.len, hash);
	p[0] = db_i64(id, person);
	p[1] = hash;
	p[2] = purpose_names[why];
	p[3] = user > 0 ? db_i64(uid, user) : NULL;
	p[4] = db_i64(days, OPTIN_TOKEN_DAYS);
	rc = db_exec(db, "INSERT INTO optin_tokens (tenant_id, person_id,"
	    " token_hash, purpose, user_id, expires_at) VALUES (app_tenant(),"
	    " $1::bigint, $2, $3, $4::bigint, now() + $5::int *"
	    " interval '1 day')", p, 5, NULL);
	if (rc == 0)
		buf_addf(link, "%s/c/optin/%s", cfg.public_url, tok.ptr);
	buf_release(&tok);
	return rc;
}

/* The opt-in email: HTML from mail_optin.tpl, text alongside. */
static int
email_queue(struct db *db, const struct wording_brand *b, const char *to,
    const char *first, const char *link, const char *key)
{
	struct tmpl_dict	*d = tmpl_dict_new();
	struct mail_msg		 m;
	struct buf		 html = BUF_INIT, text = BUF_INIT;
	struct buf		 subject = BUF_INIT;
	int			 rc = -1;

	buf_addf(&subject, "%s would like to text you about your application",
	    b->name.ptr);
	buf_addf(&text, "Hi %s,\n\n%s would like to send you text messages "
	    "about your application: interview scheduling and updates from "
	    "your recruiter.\n\nTo agree, open this link and confirm your "
	    "mobile number:\n%s\n\nMessage frequency varies. Msg & data "
	    "rates may apply. Reply STOP to any text to opt out.\n\nIf you "
	    "did not expect this email, you can ignore it.\n",
	    *first ? first : "there", b->name.ptr, link);
	tmpl_set(d, "BRAND_NAME", b->name.ptr);
	tmpl_set(d, "BRAND_COLOR", page_color_ok(b->color.ptr) ?
	    b->color.ptr : PAGE_BRAND_DEFAULT);
	tmpl_set(d, "FIRST_NAME", *first ? first : "there");
	tmpl_set(d, "LINK", link);
	tmpl_set_shown(d, "SUPPORT", b->support.ptr);
	if (tmpl_render("mail_optin.tpl", d, &html) == -1)
		goto out;
	memset(&m, 0, sizeof(m));
	m.to = to;
	m.from_name = b->name.ptr;
	m.subject = subject.ptr;
	m.text = text.ptr;
	m.html = html.ptr;
	rc = mail_queue(db, &m, key);
out:
	tmpl_dict_free(d);
	buf_release(&html);
	buf_release(&text);
	buf_release(&subject);
	return rc;
}

/* ------------------------------------------------------------- requests */

/* Texts the request when the number may get one; *sent says if it went. */
static int
sms_queue(struct db *db, int64_t person, int64_t user,
    const struct wording_brand *b, const char *link, bool *sent)
{
	struct message_new	 m;
	struct consent_verdict	 v;
	struct buf		 text = BUF_INIT;
	int			 rc;

	wording_optin_request(b, link, &text);
	memset(&m, 0, sizeof(m));
	m.person = person;
	m.kind = MESSAGE_OPTIN_REQUEST;
	m.body = text.ptr;
	m.user_id = user;
	rc = message_queue(db, &m, &v, NULL);
	*sent = rc == 0 && v.ok;
	buf_release(&text);
	return rc;
}

int
optin_mark_requested(struct db *db, int64_t person, int64_t user,
    const char *note)
{
	struct consent_evidence	 ev;
	enum consent_state	 st;

	if (consent_state(db, person, NULL, &st) == -1)
		return -1;
	if (st != CONSENT_NONE)
		return 0;
	memset(&ev, 0, sizeof(ev));
	ev.user_id = user;
	ev.note = note;
	return consent_change(db, person, NULL, CONSENT_REQUESTED,
	    CONSENT_SRC_RECRUITER, &ev, NULL);
}

/* Who may be asked: not granted or revoked, once a day. */
static int
may_ask(struct db *db, int64_t person, struct consent_verdict *v,
    const char **reason)
{
	bool	 today = false;

	*reason = NULL;
	if (consent_may_send(db, person, NULL, CONSENT_KIND_OPTIN_REQUEST,
	    v) == -1 || asked_today(db, person, &today) == -1)
		return -1;
	if (!v->ok && v->code != NULL && strcmp(v->code, "no_phone") != 0)
		*reason = v->reason;
	else if (today)
		*reason = R_RATE;
	return 0;
}

int
optin_request(struct db *db, int64_t tenant, int64_t person, int64_t user,
    struct optin_sent *out, bool *found)
{
	struct wording_brand	 b;
	struct consent_verdict	 v;
	struct buf		 first = BUF_INIT, email = BUF_INIT;
	struct buf		 link = BUF_INIT;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	if (person_load(db, person, &first, &email, found) == -1)
		goto out;
	rc = 0;
	if (!*found || (rc = may_ask(db, person, &v, &out->reason)) == -1 ||
	    out->reason != NULL)
		goto out;
	if (!v.ok && email.len == 0) {
		out->reason = R_NOWHERE;
		goto out;
	}
	rc = -1;
	if (wording_brand_load(db, tenant, &b) == -1 ||
	    link_new(db, person, OPTIN_REQUEST, user, &link) == -1 ||
	    (v.ok && sms_queue(db, person, user, &b, link.ptr,
	    &out->sms) == -1) || (email.len > 0 && email_queue(db, &b,
	    email.ptr, first.ptr, link.ptr, NULL) == -1) ||
	    optin_mark_requested(db, person, user, "opt-in request sent") == -1)
		goto out;
	out->email = email.len > 0;
	if (!out->sms)
		out->reason = v.reason;		/* why no text went */
	rc = 0;
out:
	wording_brand_release(&b);
	buf_release(&first);
	buf_release(&email);
	buf_release(&link);
	return rc;
}

int
optin_chat_text(struct db *db, int64_t tenant, int64_t person, int64_t user,
    struct buf *text, const char **reason, bool *found)
{
	struct wording_brand	 b;
	struct consent_verdict	 v;
	struct buf		 first = BUF_INIT, email = BUF_INIT;
	struct buf		 link = BUF_INIT;
	int			 rc = -1;

	memset(&b, 0, sizeof(b));
	*reason = NULL;
	if (person_load(db, person, &first, &email, found) == -1)
		goto out;
	rc = 0;
	if (!*found || (rc = may_ask(db, person, &v, reason)) == -1 ||
	    *reason != NULL)
		goto out;
	rc = -1;
	if (wording_brand_load(db, tenant, &b) == -1 ||
	    link_new(db, person, OPTIN_CHAT, user, &link) == -1)
		goto out;
	wording_optin_request(&b, link.ptr, text);
	rc = 0;
out:
	wording_brand_release(&b);
	buf_release(&first);
	buf_release(&email);
	buf_release(&link);
	return rc;
}

/* The tenant wants the automatic email and the person never had one. */
static int
auto_wanted(struct db *db, int64_t person, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, person) };

	if (db_exec(db, "SELECT EXISTS (SELECT 1 FROM tenant_settings WHERE"
	    " key = 'auto_optin_email' AND value = 'yes') AND NOT EXISTS"
	    " (SELECT 1 FROM optin_tokens WHERE person_id = $1::bigint AND"
	    " purpose = 'auto_email')", p, 1, &rows) == -1)
		return -1;
	*yes = rows.nrows == 1 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}

/* The tenant of the open transaction (row-level security's setting). */
static int
current_tenant(struct db *db, int64_t *tenant)
{
	struct db_rows	 rows = DB_ROWS_INIT;

	if (db_exec(db, "SELECT app_tenant()", NULL, 0, &rows) == -1)
		return -1;
	*tenant = db_int(&rows, 0, 0);
	db_rows_release(&rows);
	return *tenant > 0 ? 0 : -1;
}

int
optin_auto_enabled(struct db *db, int64_t tenant, bool *yes)
{
	struct buf	 v = BUF_INIT;
	bool		 found = false;
	int		 rc;

	rc = tenant_get(db, tenant, "auto_optin_email", &v, &found);
	*yes = rc == 0 && found && v.len > 0 && strcmp(v.ptr, "yes") == 0;
	buf_release(&v);
	return rc;
}

int
optin_auto_email(struct db *db, int64_t tenant, int64_t person)
{
	struct wording_brand	 b;
	struct buf		 first = BUF_INIT, email = BUF_INIT;
	struct buf		 link = BUF_INIT, key = BUF_INIT;
	enum consent_state	 st = CONSENT_NONE;
	bool			 found = false, want = false;
	int			 rc = -1;

	memset(&b, 0, sizeof(b));
	if (auto_wanted(db, person, &want) == -1 || (want &&
	    (person_load(db, person, &first, &email, &found) == -1 ||
	    consent_state(db, person, NULL, &st) == -1)))
		goto out;
	rc = 0;
	if (!want || !found || email.len == 0 || st != CONSENT_NONE)
		goto out;
	rc = -1;
	buf_addf(&key, "optin.auto:%lld", (long long)person);
	if ((tenant == 0 && current_tenant(db, &tenant) == -1) ||
	    wording_brand_load(db, tenant, &b) == -1 ||
	    link_new(db, person, OPTIN_AUTO_EMAIL, 0, &link) == -1 ||
	    email_queue(db, &b, email.ptr, first.ptr, link.ptr,
	    key.ptr) == -1 || optin_mark_requested(db, person, 0,
	    "automatic opt-in email sent") == -1)
		goto out;
	rc = 0;
out:
	wording_brand_release(&b);
	buf_release(&first);
	buf_release(&email);
	buf_release(&link);
	buf_release(&key);
	return rc;
}

int
optin_link_in_text(struct db *db, int64_t person, const char *text,
    bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 tok[OPTIN_TOKEN_CHARS + 1], hash[SEC_HEX_SHA256];
	char		 id[21];
	const char	*at, *p[2];
	size_t		 n;

	*yes = false;
	if (text == NULL || (at = strstr(text, "/c/optin/")) == NULL)
		return 0;
	at += strlen("/c/optin/");
	n = strspn(at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_");
	if (n != OPTIN_TOKEN_CHARS)
		return 0;
	memcpy(tok, at, n);
	tok[n] = '\0';
	sec_sha256_hex(tok, n, hash);
	p[0] = db_i64(id, person);
	p[1] = hash;
	if (db_exec(db, "SELECT EXISTS (SELECT 1 FROM optin_tokens WHERE"
	    " person_id = $1::bigint AND token_hash = $2 AND used_at IS NULL"
	    " AND expires_at > now())", p, 2, &rows) == -1)
		return -1;
	*yes = rows.nrows == 1 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}
