/*
 * message_send.c - delivering queued texts: the "sms.send" outbox handler
 * and the immediate delivery a worker does after its commit.
 *
 * Owns: claiming a text ('sending', so that of loop-cron and a worker only
 * one sends), asking consent again at the last moment, the opt-out notice
 * on the first text to a number, sending outside any transaction, and
 * recording the provider's sid or error (21610 revokes consent); the
 * process's list of texts to deliver at once.
 * Not here: queueing (message.c), the provider's protocol (sms.c).
 * Every buffer and json_object made here is released here.
 */
#include "message.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "jsonx.h"
#include "log.h"
#include "sms.h"
#include "tenant.h"
#include "banned.h"

/*
 * Texts queued by this process since the last message_flush(): a worker
 * delivers them right after its commit instead of waiting for loop-cron.
 * Process-wide, not per request: a text left here by a handler that did
 * not flush goes with the next flush, which is harmless (the claim in
 * job_load() keeps any text from going twice).
 */
#define PENDING_MAX	16

static struct pending {
	int64_t		 tenant, id;
	char		*body;		/* the text if the row keeps another */
} pending[PENDING_MAX];
static size_t	 npending;

void
message_pending_add(int64_t tenant, int64_t id, const char *body)
{
	if (npending == PENDING_MAX)
		return;			/* loop-cron delivers the rest */
	pending[npending].tenant = tenant;
	pending[npending].id = id;
	pending[npending].body = body != NULL ? xstrdup(body) : NULL;
	npending++;
}


/* What delivery needs, read in one short transaction. */
struct job {
	int64_t			 id, person;
	enum message_kind	 kind;
	char			 to[17];
	struct buf		 body;		/* sent */
	struct buf		 shown;		/* kept */
	struct buf		 sid, token, from, slug;
	bool			 go;
	const char		*refused;	/* static reason */
};

static void
job_release(struct job *j)
{
	buf_release(&j->body);
	buf_release(&j->shown);
	buf_release(&j->sid);
	buf_release(&j->token);
	buf_release(&j->from);
	buf_release(&j->slug);
}

static int
job_account(struct db *db, int64_t tenant, struct job *j)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	bool		 f1 = false, f2 = false, f3 = false;

	if (tenant_get(db, tenant, "sms_account_sid", &j->sid, &f1) == -1 ||
	    tenant_get(db, tenant, "sms_auth_token", &j->token, &f2) == -1 ||
	    tenant_get(db, tenant, "sms_from", &j->from, &f3) == -1 ||
	    db_exec(db, "SELECT slug FROM tenants WHERE id = app_tenant()",
	    NULL, 0, &rows) == -1)
		return -1;
	if (rows.nrows == 1)
		buf_adds(&j->slug, db_str(&rows, 0, 0));
	db_rows_release(&rows);
	if (!f1 || !f2 || !f3)
		j->refused = "SMS is not set up for this account "
		    "(sms_account_sid, sms_auth_token, sms_from).";
	return 0;
}

/*
 * Reads the message and claims it ('sending') when it still goes: of two
 * deliverers (loop-cron and a worker's message_flush()) one sends.
 */
static int
job_load(struct db *db, const struct outbox_item *it, struct job *j)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct consent_verdict	 v;
	const char		*body = NULL, *p[1];
	char			 id[21];
	bool			 f = false;
	int			 rc = -1;

	if (jsonx_int64(it->payload, "message_id", &j->id, &f) == -1 || !f ||
	    jsonx_str(it->payload, "body", &body, &f) == -1)
		return 0;		/* not ours to send: nothing to do */
	p[0] = db_i64(id, j->id);
	/* 'sending' is another deliverer's claim, void after ten minutes. */
	if (db_exec(db, "SELECT COALESCE(person_id, 0), kind, e164, body FROM"
	    " messages WHERE id = $1::bigint AND direction = 'outbound' AND"
	    " provider_sid IS NULL AND (status = 'queued' OR (status ="
	    " 'sending' AND updated_at < now() - interval '10 minutes'))"
	    " FOR UPDATE", p, 1, &rows) == -1)
		goto out;
	rc = 0;
	if (rows.nrows != 1 || !message_kind_parse(db_str(&rows, 0, 1),
	    &j->kind))
		goto out;		/* sent, refused or gone already */
	j->person = db_int(&rows, 0, 0);
	memcpy(j->to, db_str(&rows, 0, 2), db_len(&rows, 0, 2) + 1);
	buf_adds(&j->shown, db_str(&rows, 0, 3));
	buf_adds(&j->body, body != NULL && f ? body : j->shown.ptr);
	if ((rc = consent_may_send(db, j->person, j->to,
	    message_consent_kind(j->kind),
	    &v)) == -1 || (rc = job_account(db, it->tenant_id, j)) == -1)
		goto out;
	if (!v.ok)
		j->refused = v.reason;
	/* The notice once, unless the text already says how to stop. */
	if (v.ok && v.notice && strstr(j->body.ptr, "STOP") == NULL) {
		buf_adds(&j->body, "\n" CONSENT_NOTICE);
		buf_adds(&j->shown, "\n" CONSENT_NOTICE);
	}
	j->go = j->refused == NULL;
	if (j->go && db_exec(db, "UPDATE messages SET status = 'sending' WHERE"
	    " id = $1::bigint", p, 1, NULL) == -1)
		rc = -1;
out:
	db_rows_release(&rows);
	return rc;
}

static int
job_refused(struct db *db, struct job *j)
{
	char		 id[21];
	const char	*p[2] = { db_i64(id, j->id), j->refused };

	return db_exec(db, "UPDATE messages SET status = 'refused', error = $2"
	    " WHERE id = $1::bigint", p, 2, NULL);
}

const char *
message_status_word(const char *s)
{
	static const char *const ok[] = { "queued", "sending", "accepted",
	    "scheduled", "sent", "delivered", "undelivered", "failed", "read",
	    "canceled" };
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(s, ok[i]) == 0)
			return ok[i];
	return "accepted";
}

/* Records what the provider said, in the handler's second transaction. */
static int
job_record(struct db *db, struct job *j, int sent, const struct sms_result *r)
{
	struct consent_evidence	 ev;
	char			 id[21], code[21];
	const char		*p[5];

	p[0] = db_i64(id, j->id);
	p[1] = j->shown.ptr;
	if (sent == 0) {
		p[2] = r->sid;
		p[3] = message_status_word(r->status);
		return db_exec(db, "UPDATE messages SET provider_sid = $3,"
		    " status = $4, body = $2, sent_at = now(), error = NULL"
		    " WHERE id = $1::bigint", p, 4, NULL);
	}
	p[1] = r->error;
	p[2] = r->error_code > 0 ? db_i64(code, r->error_code) : NULL;
	p[3] = r->retry ? "queued" : "failed";
	if (db_exec(db, "UPDATE messages SET status = $4, error = $2,"
	    " error_code = $3::int WHERE id = $1::bigint", p, 4, NULL) == -1)
		return -1;
	if (r->error_code != SMS_ERR_OPTED_OUT)
		return 0;
	memset(&ev, 0, sizeof(ev));
	ev.error_code = r->error_code;
	ev.note = r->error;
	return consent_change(db, j->person, j->to, CONSENT_REVOKED,
	    CONSENT_SRC_PROVIDER_ERROR, &ev, NULL);
}

static struct json_object *
job_result(const struct job *j, const struct sms_result *r)
{
	struct json_object	*o = json_object_new_object();

	if (j->refused != NULL)
		json_object_object_add(o, "refused",
		    json_object_new_string(j->refused));
	else if (r != NULL)
		json_object_object_add(o, "sid",
		    json_object_new_string(r->sid));
	return o;
}

int
message_deliver(struct db *db, const struct outbox_item *it,
    struct json_object **result, struct buf *error, bool *permanent)
{
	struct job		 j;
	struct sms_result	 r;
	struct sms_account	 a;
	struct buf		 status_url = BUF_INIT;
	int			 sent, rc = -1;

	memset(&j, 0, sizeof(j));
	memset(&r, 0, sizeof(r));
	if (db_begin_tenant(db, it->tenant_id) == -1 ||
	    job_load(db, it, &j) == -1 ||
	    (j.refused != NULL && j.id > 0 && job_refused(db, &j) == -1) ||
	    db_commit(db) == -1) {
		buf_adds(error, "database");
		goto out;
	}
	if (!j.go) {
		*result = job_result(&j, NULL);
		rc = 0;
		goto out;
	}
	a.sid = j.sid.ptr;
	a.token = j.token.ptr;
	a.from = j.from.ptr;
	buf_addf(&status_url, "%s/hooks/sms/%s/status", cfg.public_url,
	    j.slug.ptr);
	sent = sms_send(&a, j.to, j.body.ptr, status_url.ptr, &r);
	if (db_begin_tenant(db, it->tenant_id) == -1 ||
	    job_record(db, &j, sent, &r) == -1 || db_commit(db) == -1) {
		buf_adds(error, "database, after the provider answered");
		*permanent = sent == 0;		/* never send twice */
		goto out;
	}
	if (sent == 0) {
		*result = job_result(&j, &r);
		rc = 0;
	} else {
		buf_adds(error, r.error);
		*permanent = !r.retry;
	}
out:
	db_rollback(db);
	buf_release(&status_url);
	job_release(&j);
	return rc;
}


void
message_flush(struct db *db)
{
	struct outbox_item	 it;
	struct json_object	*result;
	struct buf		 err = BUF_INIT;
	bool			 permanent;
	size_t			 i;

	for (i = 0; i < npending; i++) {
		memset(&it, 0, sizeof(it));
		it.tenant_id = pending[i].tenant;
		it.kind = "sms.send";
		it.payload = json_object_new_object();
		json_object_object_add(it.payload, "message_id",
		    json_object_new_int64(pending[i].id));
		if (pending[i].body != NULL)
			json_object_object_add(it.payload, "body",
			    json_object_new_string(pending[i].body));
		result = NULL;
		permanent = false;
		buf_reset(&err);
		if (message_deliver(db, &it, &result, &err, &permanent) == -1)
			log_info("message %lld: not sent at once (%s); "
			    "loop-cron tries again", (long long)pending[i].id,
			    err.ptr);
		json_object_put(result);
		json_object_put(it.payload);
		free(pending[i].body);
	}
	npending = 0;
	buf_release(&err);
}
