/*
 * api_messages.c - GET and POST /api/v1/people/{id}/messages: a person's
 * texts, and a recruiter's chat text to them.
 *
 * Owns: the JSON shapes ({"messages": [...]}; 201 with the queued
 * message; 409 {"error", "code"} when consent forbids, naming why).
 * Not here: consent (src/consent.c), queueing (src/message.c).
 */
#include "crm.h"

#include <json-c/json.h>

#include "api.h"
#include "message.h"
#include "sms.h"
#include "val.h"
#include "banned.h"

#define CHAT_LIST_MAX	200

enum { F_BODY, F__MAX };
static const struct val_field chat_fields[F__MAX] = {
	[F_BODY] = { "body", VAL_TEXT, VAL_REQUIRED, 4 * SMS_MAX_BODY },
};

int
api_messages(struct req *r, struct resp *s)
{
	struct json_object	*list = NULL, *o;
	int64_t			 id;
	bool			 found = false;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    message_list_json(r->db, id, CHAT_LIST_MAX, &list, &found) == -1 ||
	    db_commit(r->db) == -1) {
		json_object_put(list);
		return -1;
	}
	if (!found) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "messages", list);
	resp_json(s, 200, o);
	return 0;
}

/* 409 with the reason consent gave, and its short code. */
static void
refused(struct resp *s, const struct consent_verdict *v)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(v->reason));
	json_object_object_add(o, "code", json_object_new_string(v->code));
	json_object_object_add(o, "sms_consent",
	    json_object_new_string(consent_state_name(v->state)));
	resp_json(s, 409, o);
}

int
api_message_send(struct req *r, struct resp *s)
{
	struct kvlist		 form = KVLIST_INIT;
	struct val_value	 v[F__MAX];
	struct consent_verdict	 cv;
	struct json_object	*msg = NULL;
	struct buf		 why = BUF_INIT;
	const char		*bad;
	int64_t			 person, mid = 0;
	bool			 found = false;
	int			 rc = 0;

	if (!req_id(r, 0, &person)) {
		resp_error(r, s, 404, "There is no such person.");
		goto out;
	}
	if (api_body_form(r, s, &form) == -1)
		goto out;
	if (val_form(&form, chat_fields, F__MAX, v, &why) == -1 ||
	    !message_body_ok(v[F_BODY].str, &bad)) {
		resp_error(r, s, 400, why.len ? why.ptr : bad);
		goto out;
	}
	rc = -1;
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    message_chat(r->db, person, r->auth.user_id, v[F_BODY].str, &cv,
	    &mid, &found) == -1 || (mid > 0 && message_get_json(r->db, mid,
	    &msg) == -1) || db_commit(r->db) == -1)
		goto out;
	rc = 0;
	message_flush(r->db);
	if (!found)
		resp_error(r, s, 404, "There is no such person.");
	else if (!cv.ok)
		refused(s, &cv);
	else {
		resp_json(s, 201, msg);
		msg = NULL;
	}
out:
	json_object_put(msg);
	kvlist_release(&form);
	buf_release(&why);
	return rc;
}
