/*
 * message.c - queueing texts, delivering them, their status, replies.
 *
 * Owns: rows of the messages table (queued texts, the status callback's
 * forward-only update, inbound rows and their flags) and the chat as JSON.
 * Not here: delivering (message_send.c), the rules (consent.c), HTTP to
 * the provider (sms.c).
 * Every db_rows, buf and json_object made here is released here unless
 * handed back (the JSON of *_json(), which the caller puts).
 */
#include "message.h"

#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "http.h"
#include "optin.h"
#include "sms.h"
#include "val.h"
#include "banned.h"

static const char *const kind_names[MESSAGE__MAX] = {
	"chat", "automated", "verification", "optin_request",
	"optout_confirmation", "optin_confirmation", "help"
};

static const enum consent_kind kind_rule[MESSAGE__MAX] = {
	CONSENT_KIND_CHAT, CONSENT_KIND_AUTOMATED, CONSENT_KIND_VERIFICATION,
	CONSENT_KIND_OPTIN_REQUEST, CONSENT_KIND_OPTOUT_CONFIRMATION,
	CONSENT_KIND_AUTOMATED, CONSENT_KIND_HELP
};

const char *
message_kind_name(enum message_kind k)
{
	return k < MESSAGE__MAX ? kind_names[k] : "automated";
}

enum consent_kind
message_consent_kind(enum message_kind k)
{
	return k < MESSAGE__MAX ? kind_rule[k] : CONSENT_KIND_AUTOMATED;
}

bool
message_kind_parse(const char *s, enum message_kind *out)
{
	size_t	 i;

	for (i = 0; s != NULL && i < MESSAGE__MAX; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum message_kind)i;
			return true;
		}
	return false;
}

bool
message_body_ok(const char *body, const char **why)
{
	size_t	 n, i, chars = 0;

	if (body == NULL || (n = strlen(body)) == 0) {
		*why = "The message is empty.";
		return false;
	}
	if (!utf8_text(body, n)) {
		*why = "The message holds characters that cannot be texted.";
		return false;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char)body[i] & 0xc0) != 0x80)
			chars++;
	if (chars > SMS_MAX_BODY) {
		*why = "The message is longer than 1600 characters.";
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- queue */

static int
insert_row(struct db *db, const struct message_new *m, const char *num,
    int64_t *id, int64_t *tenant)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21], uid[21];
	const char	*p[5];
	int		 rc;

	p[0] = m->person > 0 ? db_i64(pid, m->person) : NULL;
	p[1] = kind_names[m->kind];
	p[2] = num;
	p[3] = m->shown != NULL ? m->shown : m->body;
	p[4] = m->user_id > 0 ? db_i64(uid, m->user_id) : NULL;
	rc = db_exec(db, "INSERT INTO messages (tenant_id, person_id,"
	    " direction, kind, e164, body, status, user_id) VALUES"
	    " (app_tenant(), $1::bigint, 'outbound', $2, $3, $4, 'queued',"
	    " $5::bigint)"
	    " RETURNING id, tenant_id", p, 5, &rows);
	if (rc == 0) {
		*id = db_int(&rows, 0, 0);
		*tenant = db_int(&rows, 0, 1);
	}
	db_rows_release(&rows);
	return rc;
}

int
message_queue(struct db *db, const struct message_new *m,
    struct consent_verdict *v, int64_t *id)
{
	struct json_object	*o;
	struct buf		 key = BUF_INIT;
	char			 num[17] = "";
	bool			 found = false;
	int64_t			 mid = 0, tenant = 0;
	int			 rc = -1;

	if (id != NULL)
		*id = 0;
	if (m->to != NULL && val_e164(m->to)) {
		memcpy(num, m->to, strlen(m->to) + 1);
		found = true;
	} else if (m->to == NULL && m->person > 0 &&
	    consent_phone(db, m->person, num, &found) == -1)
		return -1;
	if (consent_may_send(db, m->person, found ? num : "",
	    kind_rule[m->kind], v) == -1)
		return -1;
	if (!v->ok)
		return 0;
	if (insert_row(db, m, num, &mid, &tenant) == -1)
		return -1;
	message_pending_add(tenant, mid, m->shown != NULL ? m->body : NULL);
	o = json_object_new_object();
	json_object_object_add(o, "message_id", json_object_new_int64(mid));
	if (m->shown != NULL)
		json_object_object_add(o, "body",
		    json_object_new_string(m->body));
	buf_addf(&key, "sms.send:%lld", (long long)mid);
	if (outbox_queue(db, "sms.send", key.ptr, o, NULL) == 0) {
		rc = 0;
		if (id != NULL)
			*id = mid;
	}
	json_object_put(o);
	buf_release(&key);
	return rc;
}

int
message_chat(struct db *db, int64_t person, int64_t user, const char *body,
    struct consent_verdict *v, int64_t *id, bool *found)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct message_new	 m;
	char			 pid[21];
	const char		*p[1] = { db_i64(pid, person) };
	bool			 link = false;

	*id = 0;
	memset(v, 0, sizeof(*v));
	if (db_exec(db, "SELECT 1 FROM people WHERE id = $1::bigint FOR"
	    " UPDATE", p, 1, &rows) == -1)
		return -1;
	*found = rows.nrows == 1;
	db_rows_release(&rows);
	if (!*found)
		return 0;
	if (optin_link_in_text(db, person, body, &link) == -1)
		return -1;
	memset(&m, 0, sizeof(m));
	m.person = person;
	m.kind = link ? MESSAGE_OPTIN_REQUEST : MESSAGE_CHAT;
	m.body = body;
	m.user_id = user;
	if (message_queue(db, &m, v, id) == -1)
		return -1;
	return link && v->ok ? optin_mark_requested(db, person, user,
	    "opt-in link sent in the chat") : 0;
}

/* ---------------------------------------------------- status, inbound */

int
message_status(struct db *db, const char *sid, const char *status,
    int error_code, bool *found)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct consent_evidence	 ev;
	char			 code[21];
	const char		*p[3];
	int			 rc = -1;

	*found = false;
	p[0] = sid;
	p[1] = message_status_word(status);
	p[2] = error_code > 0 ? db_i64(code, error_code) : NULL;
	/* The trigger of 005 also keeps a status from moving back. */
	if (db_exec(db, "UPDATE messages SET status = CASE WHEN"
	    " message_status_rank($2) >= message_status_rank(status) THEN $2"
	    " ELSE status END, error_code = COALESCE($3::int, error_code)"
	    " WHERE provider_sid = $1 AND direction = 'outbound'"
	    " RETURNING COALESCE(person_id, 0), e164", p, 3, &rows) == -1)
		goto out;
	*found = rows.nrows == 1;
	rc = 0;
	if (*found && error_code == SMS_ERR_OPTED_OUT) {
		memset(&ev, 0, sizeof(ev));
		ev.error_code = error_code;
		ev.message_sid = sid;
		ev.note = "status callback: the recipient opted out";
		rc = consent_change(db, db_int(&rows, 0, 0),
		    db_str(&rows, 0, 1), CONSENT_REVOKED,
		    CONSENT_SRC_PROVIDER_ERROR, &ev, NULL);
	}
out:
	db_rows_release(&rows);
	return rc;
}

int
message_inbound(struct db *db, int64_t person, const char *phone,
    const char *body, const char *sid, bool flagged)
{
	struct buf	 clipped = BUF_INIT;
	char		 pid[21];
	const char	*p[5];
	size_t		 n = strlen(body);
	int		 rc;

	/* 1600 bytes at most, cut on a character boundary. */
	while (n > SMS_MAX_BODY || (n > 0 &&
	    ((unsigned char)body[n] & 0xc0) == 0x80))
		n--;
	buf_add(&clipped, body, n);
	p[0] = person > 0 ? db_i64(pid, person) : NULL;
	p[1] = phone;
	p[2] = clipped.ptr;
	p[3] = sid;
	p[4] = flagged ? "suspected_opt_out" : NULL;
	rc = db_exec(db, "INSERT INTO messages (tenant_id, person_id,"
	    " direction, kind, e164, body, status, provider_sid, flag,"
	    " flag_state) VALUES (app_tenant(), $1::bigint, 'inbound', 'reply',"
	    " $2, $3, 'received', $4, $5, CASE WHEN $5::text IS NULL THEN NULL"
	    " ELSE 'open' END)", p, 5, NULL);
	buf_release(&clipped);
	return rc;
}

int
message_flag_settle(struct db *db, int64_t id, int64_t user_id,
    bool confirmed, bool *found)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct consent_evidence	 ev;
	char			 mid[21], uid[21];
	const char		*p[3];
	int			 rc = -1;

	p[0] = db_i64(mid, id);
	p[1] = db_i64(uid, user_id);
	p[2] = confirmed ? "confirmed" : "dismissed";
	if (db_exec(db, "UPDATE messages SET flag_state = $3, flag_user_id ="
	    " $2::bigint, flag_at = now() WHERE id = $1::bigint AND flag_state"
	    " = 'open' RETURNING COALESCE(person_id, 0), e164, provider_sid,"
	    " body", p, 3, &rows) == -1)
		goto out;
	*found = rows.nrows == 1;
	rc = 0;
	if (*found && confirmed) {
		memset(&ev, 0, sizeof(ev));
		ev.user_id = user_id;
		ev.message_sid = db_str(&rows, 0, 2);
		ev.message_body = db_str(&rows, 0, 3);
		ev.note = "a recruiter confirmed a reply as an opt-out";
		rc = consent_change(db, db_int(&rows, 0, 0),
		    db_str(&rows, 0, 1), CONSENT_REVOKED,
		    CONSENT_SRC_RECRUITER, &ev, NULL);
	}
out:
	db_rows_release(&rows);
	return rc;
}

/* ------------------------------------------------------------------ JSON */

#define MESSAGE_COLS	"id, COALESCE(person_id, 0), direction, kind," \
	" e164, body, status, error, error_code, flag, flag_state," \
	" to_char(created_at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), user_id"

static void
add_str(struct json_object *o, const char *k, const struct db_rows *r,
    size_t i, size_t c)
{
	json_object_object_add(o, k, db_null(r, i, c) ? NULL :
	    json_object_new_string(db_str(r, i, c)));
}

static struct json_object *
row_json(const struct db_rows *r, size_t i)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(db_int(r, i, 0)));
	json_object_object_add(o, "person_id", db_int(r, i, 1) > 0 ?
	    json_object_new_int64(db_int(r, i, 1)) : NULL);
	add_str(o, "direction", r, i, 2);
	add_str(o, "kind", r, i, 3);
	add_str(o, "phone", r, i, 4);
	add_str(o, "body", r, i, 5);
	add_str(o, "status", r, i, 6);
	add_str(o, "error", r, i, 7);
	json_object_object_add(o, "error_code", db_null(r, i, 8) ? NULL :
	    json_object_new_int64(db_int(r, i, 8)));
	add_str(o, "flag", r, i, 9);
	add_str(o, "flag_state", r, i, 10);
	add_str(o, "created_at", r, i, 11);
	json_object_object_add(o, "user_id", db_null(r, i, 12) ? NULL :
	    json_object_new_int64(db_int(r, i, 12)));
	return o;
}

int
message_list_json(struct db *db, int64_t person, int limit,
    struct json_object **out, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21], lim[21];
	const char	*p[2] = { db_i64(id, person), db_i64(lim, limit) };
	size_t		 i;

	*out = NULL;
	if (db_exec(db, "SELECT EXISTS (SELECT 1 FROM people WHERE id ="
	    " $1::bigint)", p, 1, &rows) == -1)
		return -1;
	*found = rows.nrows == 1 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	if (!*found)
		return 0;
	if (db_exec(db, "SELECT * FROM (SELECT " MESSAGE_COLS " FROM messages"
	    " WHERE person_id = $1::bigint ORDER BY id DESC LIMIT $2::int) m"
	    " ORDER BY id", p, 2, &rows) == -1)
		return -1;
	*out = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(*out, row_json(&rows, i));
	db_rows_release(&rows);
	return 0;
}

int
message_get_json(struct db *db, int64_t id, struct json_object **out)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 mid[21];
	const char	*p[1] = { db_i64(mid, id) };

	*out = NULL;
	if (db_exec(db, "SELECT " MESSAGE_COLS " FROM messages WHERE id ="
	    " $1::bigint", p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1)
		*out = row_json(&rows, 0);
	db_rows_release(&rows);
	return 0;
}

