/*
 * notify.c - telling recruiters about events, as each of them chose.
 *
 * Owns: the event names, recipients (notify_recipients() in SQL), the
 * CRM notification rows, the email (through mail_queue()) and the SMS
 * (outbox "notify.sms" and its delivery), notification settings.
 * Not here: what fires an event (consent.c), pages (dashboard.c,
 * settings.c). Lists own their rows; items borrow from them.
 */
#include "notify.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "jsonx.h"
#include "log.h"
#include "mail.h"
#include "sms.h"
#include "tenant.h"
#include "banned.h"

static const struct event_def {
	const char	*name;
	const char	*label;
	const char	*says;		/* "<person> <says>" */
} events[NOTIFY__MAX] = {
	[NOTIFY_OPTIN] = { "sms_optin", "Candidate opts in for SMS",
	    "opted in to receive SMS." },
};

const char *
notify_event_name(enum notify_event ev)
{
	return ev < NOTIFY__MAX ? events[ev].name : "";
}

const char *
notify_event_label(enum notify_event ev)
{
	return ev < NOTIFY__MAX ? events[ev].label : "";
}

/* ---- an event -------------------------------------------------------- */

/* "Zoë O'Brien opted in to receive SMS." for person id. */
static int
message_of(struct db *db, int64_t person, enum notify_event ev,
    struct buf *out)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, person) };

	if (db_exec(db, "SELECT btrim(first_name || ' ' || last_name) FROM"
	    " people WHERE id = $1::bigint", p, 1, &rows) == -1)
		return -1;
	buf_addf(out, "%s %s", rows.nrows == 1 && *db_str(&rows, 0, 0) ?
	    db_str(&rows, 0, 0) : "A candidate", events[ev].says);
	db_rows_release(&rows);
	return 0;
}

/* The CRM row; *fresh false when ref already told this user. */
static int
tell_crm(struct db *db, const char *user, int64_t person,
    enum notify_event ev, const char *msg, const char *key, bool *fresh)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21];
	const char	*p[5];

	p[0] = user;
	p[1] = notify_event_name(ev);
	p[2] = db_i64(pid, person);
	p[3] = msg;
	p[4] = key;
	if (db_exec(db, "INSERT INTO notifications (tenant_id, user_id, event,"
	    " person_id, message, dedupe_key) VALUES (app_tenant(),"
	    " $1::bigint, $2, $3::bigint, $4, $5) ON CONFLICT DO NOTHING"
	    " RETURNING id", p, 5, &rows) == -1)
		return -1;
	*fresh = rows.nrows == 1 || key == NULL;
	db_rows_release(&rows);
	return 0;
}

static int
tell_sms(struct db *db, const char *phone, const char *msg, const char *key)
{
	struct json_object	*o = json_object_new_object();
	int			 rc;

	json_object_object_add(o, "to", json_object_new_string(phone));
	json_object_object_add(o, "body", json_object_new_string(msg));
	rc = outbox_queue(db, "notify.sms", key, o, NULL);
	json_object_put(o);
	return rc;
}

/* One recipient row of notify_recipients(): each chosen channel. */
static int
tell(struct db *db, const struct db_rows *r, size_t i, int64_t person,
    enum notify_event ev, const char *ref, const char *msg)
{
	struct mail_msg	 m;
	struct buf	 key = BUF_INIT, url = BUF_INIT;
	bool		 fresh = true;
	int		 rc = -1;

	if (ref != NULL)
		buf_addf(&key, "notify:%s:%s:%lld:%s", events[ev].name,
		    db_str(r, i, 0), (long long)person, ref);
	if (db_bool(r, i, 4) && tell_crm(db, db_str(r, i, 0), person, ev, msg,
	    ref != NULL ? key.ptr : NULL, &fresh) == -1)
		goto out;
	buf_addf(&url, "%s\n\n%s/people/%lld\n", msg, cfg.public_url,
	    (long long)person);
	memset(&m, 0, sizeof(m));
	m.to = db_str(r, i, 2);
	m.from_name = "Loop";
	m.subject = msg;
	m.text = url.ptr;
	if (fresh && db_bool(r, i, 5) && m.to != NULL &&
	    mail_queue(db, &m, ref != NULL ? key.ptr : NULL) == -1)
		goto out;
	if (ref != NULL)
		buf_adds(&key, ":sms");
	if (fresh && db_bool(r, i, 6) && !db_null(r, i, 3) && tell_sms(db,
	    db_str(r, i, 3), msg, ref != NULL ? key.ptr : NULL) == -1)
		goto out;
	rc = 0;
out:
	buf_release(&key);
	buf_release(&url);
	return rc;
}

int
notify_event(struct db *db, int64_t person, enum notify_event ev,
    const char *ref, int *told)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 msg = BUF_INIT;
	char		 pid[21];
	const char	*p[2];
	size_t		 i;
	int		 rc = -1;

	if (told != NULL)
		*told = 0;
	if (ev >= NOTIFY__MAX)
		return -1;
	p[0] = db_i64(pid, person);
	p[1] = events[ev].name;
	if (db_exec(db, "SELECT user_id, name, email, phone, in_crm, by_email,"
	    " by_sms FROM notify_recipients($1::bigint, $2)", p, 2,
	    &rows) == -1 || message_of(db, person, ev, &msg) == -1)
		goto out;
	for (i = 0; i < rows.nrows; i++)
		if (tell(db, &rows, i, person, ev, ref, msg.ptr) == -1)
			goto out;
	if (told != NULL)
		*told = (int)rows.nrows;
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&msg);
	return rc;
}

/* ---- settings -------------------------------------------------------- */

static const bool defaults[NOTIFY_CHANNEL__MAX] = { true, false, false };

int
notify_prefs_get(struct db *db, int64_t user, struct notify_prefs *out)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 u[21];
	const char	*p[1] = { db_i64(u, user) };
	size_t		 i;
	int		 e, c;

	for (e = 0; e < NOTIFY__MAX; e++)
		memcpy(out->on[e], defaults, sizeof(defaults));
	if (db_exec(db, "SELECT event, in_crm, by_email, by_sms FROM"
	    " notification_settings WHERE user_id = $1::bigint", p, 1,
	    &rows) == -1)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		for (e = 0; e < NOTIFY__MAX; e++)
			if (strcmp(db_str(&rows, i, 0), events[e].name) == 0)
				for (c = 0; c < NOTIFY_CHANNEL__MAX; c++)
					out->on[e][c] = db_bool(&rows, i,
					    (size_t)c + 1);
	db_rows_release(&rows);
	return 0;
}

int
notify_prefs_set(struct db *db, int64_t user, const struct notify_prefs *in)
{
	char		 u[21];
	const char	*p[5];
	int		 e;

	p[0] = db_i64(u, user);
	for (e = 0; e < NOTIFY__MAX; e++) {
		p[1] = events[e].name;
		p[2] = in->on[e][NOTIFY_CRM] ? "t" : "f";
		p[3] = in->on[e][NOTIFY_EMAIL] ? "t" : "f";
		p[4] = in->on[e][NOTIFY_SMS] ? "t" : "f";
		if (db_exec(db, "INSERT INTO notification_settings (tenant_id,"
		    " user_id, event, in_crm, by_email, by_sms) VALUES"
		    " (app_tenant(), $1::bigint, $2, $3::boolean, $4::boolean,"
		    " $5::boolean) ON CONFLICT (tenant_id, user_id, event) DO"
		    " UPDATE SET in_crm = EXCLUDED.in_crm, by_email ="
		    " EXCLUDED.by_email, by_sms = EXCLUDED.by_sms, updated_at ="
		    " now()", p, 5, NULL) == -1)
			return -1;
	}
	return 0;
}

/* ---- the list -------------------------------------------------------- */

int
notify_list(struct db *db, int64_t user, int limit, struct notify_list *out)
{
	char		 u[21], l[21];
	const char	*p[2] = { db_i64(u, user), db_i64(l, limit) };
	size_t		 i;

	memset(out, 0, sizeof(*out));
	if (db_exec(db, "SELECT n.id, n.event, COALESCE(n.person_id, 0),"
	    " n.message, to_char(n.created_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI \"UTC\"'), n.read_at IS NULL, (SELECT"
	    " count(*) FROM notifications x WHERE x.user_id = $1::bigint AND"
	    " x.read_at IS NULL) FROM notifications n WHERE n.user_id ="
	    " $1::bigint ORDER BY n.id DESC LIMIT $2::int", p, 2,
	    &out->rows) == -1)
		return -1;
	out->n = out->rows.nrows;
	out->v = xcalloc(out->n + 1, sizeof(*out->v));
	for (i = 0; i < out->n; i++) {
		out->v[i].id = db_int(&out->rows, i, 0);
		out->v[i].event = db_str(&out->rows, i, 1);
		out->v[i].person = db_int(&out->rows, i, 2);
		out->v[i].message = db_str(&out->rows, i, 3);
		out->v[i].created_at = db_str(&out->rows, i, 4);
		out->v[i].unread = db_bool(&out->rows, i, 5);
		out->unread = db_int(&out->rows, i, 6);
	}
	return 0;
}

void
notify_list_release(struct notify_list *l)
{
	free(l->v);
	db_rows_release(&l->rows);
	memset(l, 0, sizeof(*l));
}

int
notify_mark_read(struct db *db, int64_t user)
{
	char		 u[21];
	const char	*p[1] = { db_i64(u, user) };

	return db_exec(db, "UPDATE notifications SET read_at = now() WHERE"
	    " user_id = $1::bigint AND read_at IS NULL", p, 1, NULL);
}

/* ---- SMS delivery ---------------------------------------------------- */

int
notify_deliver_sms(struct db *db, const struct outbox_item *it,
    struct json_object **result, struct buf *error, bool *permanent)
{
	struct sms_account	 a;
	struct sms_result	 r;
	struct buf		 sid = BUF_INIT, tok = BUF_INIT, from = BUF_INIT;
	const char		*to = NULL, *body = NULL;
	bool			 f1 = false, f2 = false, f3 = false;
	int			 rc = -1;

	memset(&r, 0, sizeof(r));
	if (jsonx_str(it->payload, "to", &to, &f1) == -1 || !f1 ||
	    jsonx_str(it->payload, "body", &body, &f2) == -1 || !f2) {
		buf_adds(error, "notify.sms: bad payload");
		*permanent = true;
		return -1;
	}
	if (db_begin_tenant(db, it->tenant_id) == -1 ||
	    tenant_get(db, it->tenant_id, "sms_account_sid", &sid, &f1) == -1 ||
	    tenant_get(db, it->tenant_id, "sms_auth_token", &tok, &f2) == -1 ||
	    tenant_get(db, it->tenant_id, "sms_from", &from, &f3) == -1 ||
	    db_commit(db) == -1) {
		buf_adds(error, "database");
		goto out;
	}
	if (!f1 || !f2 || !f3) {
		buf_adds(error, "SMS is not set up for this account");
		*permanent = true;
		goto out;
	}
	a.sid = sid.ptr;
	a.token = tok.ptr;
	a.from = from.ptr;
	if (sms_send(&a, to, body, NULL, &r) == 0) {
		*result = json_object_new_object();
		json_object_object_add(*result, "sid",
		    json_object_new_string(r.sid));
		rc = 0;
	} else {
		buf_adds(error, r.error);
		*permanent = !r.retry;
	}
out:
	db_rollback(db);
	buf_release(&sid);
	buf_release(&tok);
	buf_release(&from);
	return rc;
}
