/*
 * sms.c - the SMS provider's webhooks: inbound texts and status callbacks.
 *
 * Owns: POST /hooks/sms/{tenant} (signature, each MessageSid once, the
 * keyword's consent change with its single confirmation or the help
 * text, flags on replies that read like an opt-out) and POST
 * /hooks/sms/{tenant}/status (forward-only delivery status).
 * Not here: the rules (src/keywords.c, src/consent.c), texts
 * (src/wording.c), the signature algorithm (src/sms.c).
 * A wrong signature is 401 and changes nothing; everything else that is
 * well signed is answered 200 so that the provider does not retry it.
 */
#include "hooks.h"

#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "consent.h"
#include "keywords.h"
#include "log.h"
#include "message.h"
#include "sms.h"
#include "tenant.h"
#include "val.h"
#include "wording.h"
#include "banned.h"

#define MAX_HOLDERS	8	/* people sharing one number we act for */

/* Twilio wants TwiML back; an empty Response sends nothing. */
static void
twiml_empty(struct resp *s)
{
	resp_text(s, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<Response></Response>");
	s->ctype = "text/xml; charset=utf-8";
}

/*
 * The tenant of the path, with the request signed by its auth token
 * over the public URL the provider called. Leaves the tenant's
 * transaction open on success (0); answers itself otherwise (-1 with
 * *failed false) or fails (-1 with *failed true).
 */
static int
verified(struct req *r, struct resp *s, int64_t *tenant, bool *failed)
{
	struct buf	 token = BUF_INIT, url = BUF_INIT;
	const char	*uri = req_env(r, "REQUEST_URI");
	bool		 found = false;
	int		 rc = -1;

	*failed = true;
	if (tenant_id(r->db, req_param(r, 0), tenant, &found) == -1)
		goto out;
	*failed = false;
	if (!found) {
		resp_error(r, s, 404, "There is no such account.");
		goto out;
	}
	*failed = true;
	if (db_begin_tenant(r->db, *tenant) == -1 || tenant_get(r->db,
	    *tenant, "sms_auth_token", &token, &found) == -1)
		goto out;
	*failed = false;
	buf_addf(&url, "%s%s", cfg.public_url, uri != NULL ? uri : r->path);
	if (!found || !sms_signature_ok(url.ptr, &r->form, token.ptr,
	    req_env(r, "HTTP_X_TWILIO_SIGNATURE"))) {
		log_err("hooks/sms/%s: %s", req_param(r, 0), found ?
		    "bad X-Twilio-Signature" : "no sms_auth_token set");
		db_rollback(r->db);
		resp_error(r, s, 401, "The signature does not match.");
		goto out;
	}
	rc = 0;
out:
	buf_release(&token);
	buf_release(&url);
	return rc;
}

/* True the first time this MessageSid arrives. */
static int
first_delivery(struct db *db, const char *sid, bool *first)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { sid };

	if (db_exec(db, "INSERT INTO sms_inbound (tenant_id, message_sid)"
	    " VALUES (app_tenant(), $1) ON CONFLICT DO NOTHING RETURNING 1",
	    p, 1, &rows) == -1)
		return -1;
	*first = rows.nrows == 1;
	db_rows_release(&rows);
	return 0;
}

/* The people who hold the number, first the one it is the SMS number of. */
static int
holders(struct db *db, const char *phone, int64_t *ids, size_t *n)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { phone };
	size_t		 i;

	*n = 0;
	if (db_exec(db, "SELECT DISTINCT person_id,"
	    " consent_sms_phone(person_id) = $1 FROM person_phones WHERE e164 ="
	    " $1 ORDER BY 2 DESC, 1 LIMIT 8", p, 1, &rows) == -1)
		return -1;
	for (i = 0; i < rows.nrows && i < MAX_HOLDERS; i++)
		ids[(*n)++] = db_int(&rows, i, 0);
	db_rows_release(&rows);
	return 0;
}

/* The reply a keyword earns, queued through consent like any text. */
static int
reply(struct db *db, int64_t tenant, int64_t person, const char *phone,
    enum message_kind kind)
{
	struct wording_brand	 b;
	struct message_new	 m;
	struct consent_verdict	 v;
	struct buf		 text = BUF_INIT;
	int			 rc = -1;

	if (wording_brand_load(db, tenant, &b) == -1)
		goto out;
	if (kind == MESSAGE_OPTOUT_CONFIRMATION)
		wording_optout_confirmation(&b, &text);
	else if (kind == MESSAGE_OPTIN_CONFIRMATION)
		wording_optin_confirmation(&b, &text);
	else
		wording_help(&b, &text);
	memset(&m, 0, sizeof(m));
	m.person = person;
	m.to = phone;
	m.kind = kind;
	m.body = text.ptr;
	rc = message_queue(db, &m, &v, NULL);
	if (rc == 0 && !v.ok)
		log_info("hooks/sms: no %s reply: %s", message_kind_name(kind),
		    v.reason);
out:
	wording_brand_release(&b);
	buf_release(&text);
	return rc;
}

/* Acts on what the text means; the change and its reply together. */
static int
act(struct db *db, int64_t tenant, int64_t person, const char *phone,
    enum keyword_class k, const struct consent_evidence *ev)
{
	bool	 changed = false;

	switch (k) {
	case KEYWORD_OPT_OUT:
		if (consent_change(db, person, phone, CONSENT_REVOKED,
		    CONSENT_SRC_KEYWORD, ev, &changed) == -1)
			return -1;
		return changed ? reply(db, tenant, person, phone,
		    MESSAGE_OPTOUT_CONFIRMATION) : 0;
	case KEYWORD_OPT_IN:
		if (consent_change(db, person, phone, CONSENT_GRANTED,
		    CONSENT_SRC_KEYWORD, ev, &changed) == -1)
			return -1;
		return changed ? reply(db, tenant, person, phone,
		    MESSAGE_OPTIN_CONFIRMATION) : 0;
	case KEYWORD_HELP:
		return reply(db, tenant, person, phone, MESSAGE_HELP);
	default:
		return 0;
	}
}

static int
inbound(struct db *db, int64_t tenant, const char *sid, const char *from,
    const char *body, const char *opt_out_type)
{
	struct consent_evidence	 ev;
	enum keyword_class	 k;
	int64_t			 ids[MAX_HOLDERS];
	size_t			 n, i;

	k = keyword_from_opt_out_type(opt_out_type);
	if (k == KEYWORD_NONE)
		k = keyword_classify(body, strlen(body));
	if (holders(db, from, ids, &n) == -1)
		return -1;
	for (i = 0; i < (n > 0 ? n : 1); i++)
		if (message_inbound(db, n > 0 ? ids[i] : 0, from, body, sid,
		    k == KEYWORD_FLAG) == -1)
			return -1;
	memset(&ev, 0, sizeof(ev));
	ev.message_sid = sid;
	ev.message_body = body;
	ev.note = opt_out_type != NULL ? "OptOutType from the provider" : NULL;
	return act(db, tenant, n > 0 ? ids[0] : 0, from, k, &ev);
}

int
hooks_sms_inbound(struct req *r, struct resp *s)
{
	const char	*sid = kvlist_get(&r->form, "MessageSid");
	const char	*from = kvlist_get(&r->form, "From");
	const char	*body = kvlist_get(&r->form, "Body");
	int64_t		 tenant;
	bool		 failed, first = false;

	if (verified(r, s, &tenant, &failed) == -1)
		return failed ? -1 : 0;
	if (sid == NULL || strlen(sid) < 2 || strlen(sid) > 64 ||
	    strspn(sid, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789") != strlen(sid)) {
		db_rollback(r->db);
		resp_error(r, s, 400, "MessageSid is missing or malformed.");
		return 0;
	}
	if (first_delivery(r->db, sid, &first) == -1)
		return -1;
	if (first && from != NULL && val_e164(from) && inbound(r->db, tenant,
	    sid, from, body != NULL ? body : "",
	    kvlist_get(&r->form, "OptOutType")) == -1)
		return -1;
	if (first && (from == NULL || !val_e164(from)))
		log_info("hooks/sms: %s from a number that is not E.164", sid);
	if (db_commit(r->db) == -1)
		return -1;
	message_flush(r->db);		/* the confirmation, within seconds */
	twiml_empty(s);
	return 0;
}

int
hooks_sms_status(struct req *r, struct resp *s)
{
	const char	*sid = kvlist_get(&r->form, "MessageSid");
	const char	*st = kvlist_get(&r->form, "MessageStatus");
	const char	*code = kvlist_get(&r->form, "ErrorCode");
	int64_t		 tenant, err = 0;
	bool		 failed, found = false;

	if (verified(r, s, &tenant, &failed) == -1)
		return failed ? -1 : 0;
	if (st == NULL)
		st = kvlist_get(&r->form, "SmsStatus");
	if (sid == NULL)
		sid = kvlist_get(&r->form, "SmsSid");
	if (code != NULL && (val_int64(code, &err) == -1 || err < 0 ||
	    err > 999999))
		err = 0;
	if (sid != NULL && st != NULL && message_status(r->db, sid, st,
	    (int)err, &found) == -1)
		return -1;
	if (db_commit(r->db) == -1)
		return -1;
	resp_text(s, 200, "");
	return 0;
}
