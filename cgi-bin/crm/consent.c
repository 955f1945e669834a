/*
 * consent.c - the recruiter's side of SMS consent: the Messaging menu
 * (Send Form > SMS Opt In, SMS Consent), the chat page with its chat box,
 * and settling replies flagged as a possible opt-out.
 *
 * Owns: GET /people/{id}/chat, POST /people/{id}/chat (a chat text),
 * POST /people/{id}/optin (Send Form > SMS Opt In), POST
 * /people/{id}/chat/optin-link (SMS Consent: the link into the chat box),
 * POST /people/{id}/messages/{mid}/flag, and crm_messaging_panel(), the
 * block the person page (people.c) includes. Every refusal is shown with
 * the reason consent gave.
 * Not here: the rules (src/consent.c), links (src/optin.c), texts
 * (src/message.c), the JSON API (api_messages.c).
 */
#include "crm.h"

#include <string.h>

#include "consent.h"
#include "message.h"
#include "optin.h"
#include "sms.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

#define CHAT_SHOWN	100	/* newest messages on the page */

static const struct state_look {
	const char	*label;
	const char	*icon;		/* text glyph; the label is its name */
} looks[CONSENT__MAX] = {
	[CONSENT_NONE]		= { "No SMS consent", "\xe2\x80\x94" },
	[CONSENT_REQUESTED]	= { "SMS consent requested", "\xe2\x80\xa6" },
	[CONSENT_GRANTED]	= { "SMS consent given", "\xe2\x9c\x93" },
	[CONSENT_REVOKED]	= { "Opted out of SMS", "\xe2\x9c\x95" },
};

/* Whom the page is about; *found false when not this tenant's. */
static int
person_head(struct db *db, int64_t id, struct tmpl_dict *d, struct buf *name,
    bool *found)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	enum consent_state	 st = CONSENT_NONE;
	char			 pid[21];
	const char		*p[1] = { db_i64(pid, id) };

	*found = false;
	if (db_exec(db, "SELECT first_name, last_name, consent_sms_phone(id),"
	    " sms_consent FROM people WHERE id = $1::bigint", p, 1,
	    &rows) == -1)
		return -1;
	if (rows.nrows == 1) {
		*found = true;
		buf_addf(name, "%s %s", db_str(&rows, 0, 0),
		    db_str(&rows, 0, 1));
		consent_state_parse(db_str(&rows, 0, 3), &st);
		tmpl_set_int(d, "PERSON_ID", id);
		tmpl_set(d, "PERSON_NAME", name->ptr);
		tmpl_set_shown(d, "PHONE", db_str(&rows, 0, 2));
		if (db_null(&rows, 0, 2))
			tmpl_section_show(d, "NO_PHONE");
		tmpl_set(d, "STATE", consent_state_name(st));
		tmpl_set(d, "STATE_LABEL", looks[st].label);
		tmpl_set(d, "STATE_ICON", looks[st].icon);
	}
	db_rows_release(&rows);
	return 0;
}

int
crm_messaging_panel(struct req *r, int64_t person, struct tmpl_dict *parent)
{
	struct tmpl_dict	*d;
	struct buf		 name = BUF_INIT;
	bool			 found = false;
	int			 rc;

	d = tmpl_include(parent, "MESSAGING", "person_messaging.tpl");
	tmpl_set(d, "CSRF", r->auth.csrf);
	rc = person_head(r->db, person, d, &name, &found);
	buf_release(&name);
	return rc;
}

const char *
crm_status_label(const char *st, bool sent)
{
	static const struct { const char *st, *label; } l[] = {
		{ "sending", "sending" }, { "delivered", "delivered" },
		{ "read", "read" }, { "undelivered", "not delivered" },
		{ "failed", "not delivered" }, { "refused", "not sent" },
		{ "canceled", "canceled" }, { "received", "received" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (strcmp(st, l[i].st) == 0)
			return l[i].label;
	return sent ? "sent" : "waiting to send";
}

/* The body line by line: the template puts a <br> between rows. */
static void
body_lines(struct tmpl_dict *m, const char *body)
{
	struct buf	 line = BUF_INIT;
	size_t		 n;

	for (;;) {
		n = strcspn(body, "\n");
		buf_reset(&line);
		buf_add(&line, body, n);
		tmpl_set(tmpl_section_add(m, "LINE"), "LINE_TEXT", line.ptr);
		if (body[n] == '\0')
			break;
		body += n + 1;
	}
	buf_release(&line);
}

/* One message of the thread. */
static void
thread_row(struct tmpl_dict *d, const struct db_rows *rows, size_t i)
{
	struct tmpl_dict	*m = tmpl_section_add(d, "MESSAGE");
	bool			 in;

	in = strcmp(db_str(rows, i, 1), "inbound") == 0;

	tmpl_set(m, "MID", db_str(rows, i, 0));
	tmpl_set(m, "DIRECTION", in ? "in" : "out");
	tmpl_set(m, "WHO", in ? "Candidate" : !db_null(rows, i, 10) ?
	    db_str(rows, i, 10) : "Automatic");
	body_lines(m, db_str(rows, i, 3));
	tmpl_set(m, "STATUS", db_str(rows, i, 4));
	tmpl_set(m, "STATUS_LABEL", crm_status_label(db_str(rows, i, 4),
	    db_bool(rows, i, 9)));
	tmpl_set(m, "TIME", db_str(rows, i, 5));
	tmpl_set(m, "TIME_ISO", db_str(rows, i, 6));
	if (!db_null(rows, i, 7))
		tmpl_set_shown(m, "ERROR", db_str(rows, i, 7));
	if (!db_null(rows, i, 8) && strcmp(db_str(rows, i, 8), "open") == 0)
		tmpl_section_show(m, "FLAG_OPEN");
	else if (!db_null(rows, i, 8))
		tmpl_set_shown(m, "FLAG_DONE", strcmp(db_str(rows, i, 8),
		    "confirmed") == 0 ? "Confirmed as an opt-out" :
		    "Not an opt-out");
}

static int
thread(struct db *db, int64_t person, struct tmpl_dict *d)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21], lim[21];
	const char	*p[2] = { db_i64(pid, person),
			    db_i64(lim, CHAT_SHOWN) };
	size_t		 i;

	if (db_exec(db, "SELECT * FROM (SELECT m.id, m.direction, m.kind,"
	    " m.body, m.status, to_char(m.created_at AT TIME ZONE 'UTC',"
	    " 'Mon DD, HH24:MI'), to_char(m.created_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), m.error, m.flag_state,"
	    " m.provider_sid IS NOT NULL, u.name FROM messages m LEFT JOIN"
	    " users u ON u.id = m.user_id WHERE m.person_id = $1::bigint"
	    " ORDER BY m.id DESC LIMIT $2::int) t ORDER BY 1", p, 2,
	    &rows) == -1)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		thread_row(d, &rows, i);
	if (rows.nrows == 0)
		tmpl_section_show(d, "NO_MESSAGES");
	db_rows_release(&rows);
	return 0;
}

/* The chat page; draft fills the chat box, flash says what happened. */
static int
chat_page(struct req *r, struct resp *s, int64_t person, int status,
    const char *draft, const char *flash, const char *kind)
{
	struct tmpl_dict	*d = tmpl_dict_new();
	struct view		 v = { .tpl = "chat.tpl", .nav = "people" };
	struct buf		 name = BUF_INIT;
	bool			 found = false;
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    person_head(r->db, person, d, &name, &found) == -1 ||
	    (found && (thread(r->db, person, d) == -1 ||
	    crm_messaging_panel(r, person, d) == -1)) || db_commit(r->db) == -1)
		goto out;
	rc = 0;
	if (!found) {
		resp_error(r, s, 404, "There is no such person.");
		goto out;
	}
	tmpl_set(d, "DRAFT", draft);
	v.title = name.ptr;
	v.flash = flash;
	v.flash_kind = kind;
	rc = view_page(r, s, status, &v, d);
out:
	tmpl_dict_free(d);
	buf_release(&name);
	return rc;
}

/* Messages after a redirect: codes only, never text from the query. */
static const char *
done_flash(const struct req *r)
{
	const char	*d = kvlist_get(&r->query, "done");

	if (d == NULL)
		return NULL;
	if (strcmp(d, "sent") == 0)
		return "Message queued; it goes out in a moment.";
	if (strcmp(d, "flag_confirmed") == 0)
		return "Recorded as an opt-out: they will get no more texts.";
	if (strcmp(d, "flag_dismissed") == 0)
		return "Marked as not an opt-out.";
	return NULL;
}

int
crm_chat(struct req *r, struct resp *s)
{
	int64_t	 id;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	return chat_page(r, s, id, 200, NULL, done_flash(r), "ok");
}

static void
back_to_chat(struct resp *s, int64_t person, const char *done)
{
	struct buf	 to = BUF_INIT;

	buf_addf(&to, "/people/%lld/chat?done=%s", (long long)person, done);
	resp_redirect(s, to.ptr);
	buf_release(&to);
}

int
crm_chat_send(struct req *r, struct resp *s)
{
	struct consent_verdict	 v;
	const char		*body = kvlist_get(&r->form, "body"), *bad;
	int64_t			 id, mid = 0;
	bool			 found = false;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (!message_body_ok(body, &bad))
		return chat_page(r, s, id, 400, body, bad, "error");
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    message_chat(r->db, id, r->auth.user_id, body, &v, &mid,
	    &found) == -1 || db_commit(r->db) == -1)
		return -1;
	message_flush(r->db);
	if (!found) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (!v.ok)
		return chat_page(r, s, id, 409, body, v.reason, "error");
	back_to_chat(s, id, "sent");
	return 0;
}

/* What a Send Form request did, in one sentence. */
static const char *
optin_flash(const struct optin_sent *o, struct buf *b)
{
	if (o->sms && o->email)
		return "The SMS opt-in form went out by text and email.";
	if (o->sms)
		return "The SMS opt-in form went out by text.";
	buf_addf(b, "The SMS opt-in form went out by email only. No text: %s",
	    o->reason != NULL ? o->reason : "");
	return b->ptr;
}

int
crm_optin_send(struct req *r, struct resp *s)
{
	struct optin_sent	 o;
	struct buf		 msg = BUF_INIT;
	int64_t			 id;
	bool			 found = false;
	int			 rc;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    optin_request(r->db, r->auth.tenant_id, id, r->auth.user_id, &o,
	    &found) == -1 || db_commit(r->db) == -1)
		return -1;
	message_flush(r->db);
	if (!found) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (!o.sms && !o.email)
		rc = chat_page(r, s, id, 409, NULL, o.reason, "error");
	else
		rc = chat_page(r, s, id, 200, NULL, optin_flash(&o, &msg),
		    o.sms ? "ok" : "error");
	buf_release(&msg);
	return rc;
}

int
crm_optin_link(struct req *r, struct resp *s)
{
	struct buf	 text = BUF_INIT;
	const char	*why = NULL;
	int64_t		 id;
	bool		 found = false;
	int		 rc;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    optin_chat_text(r->db, r->auth.tenant_id, id, r->auth.user_id,
	    &text, &why, &found) == -1 || db_commit(r->db) == -1) {
		buf_release(&text);
		return -1;
	}
	if (!found) {
		resp_error(r, s, 404, "There is no such person.");
		rc = 0;
	} else if (why != NULL)
		rc = chat_page(r, s, id, 409, NULL, why, "error");
	else
		rc = chat_page(r, s, id, 200, text.ptr, "The opt-in link is in "
		    "the chat box: check the text and send it.", "ok");
	buf_release(&text);
	return rc;
}

int
crm_flag_settle(struct req *r, struct resp *s)
{
	const char	*how = kvlist_get(&r->form, "settle");
	int64_t		 id, mid;
	bool		 found = false, yes;

	if (!req_id(r, 0, &id) || !req_id(r, 1, &mid) || how == NULL ||
	    (strcmp(how, "opt_out") != 0 && strcmp(how, "not_opt_out") != 0)) {
		resp_error(r, s, 400,
		    "Choose whether the reply is an opt-out.");
		return 0;
	}
	yes = strcmp(how, "opt_out") == 0;
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    message_flag_settle(r->db, mid, r->auth.user_id, yes,
	    &found) == -1 || db_commit(r->db) == -1)
		return -1;
	back_to_chat(s, id, yes ? "flag_confirmed" : "flag_dismissed");
	return 0;
}
