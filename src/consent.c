/*
 * consent.c - the decision every sender asks and every change of consent.
 *
 * Owns: the rules of consent_may_send() and their reasons, the ledger row
 * of consent_change() and what follows it (the cached state on people,
 * the suppression of 003 lifted by an explicit opt-in, the Harvest
 * write-back, the recruiters' notification), Greenhouse's "newest
 * evidence wins".
 * Not here: queueing texts (message.c), opt-in links (optin.c), SQL DDL
 * (sql/005_consent.sql).
 * Runs in the caller's tenant transaction; every db_rows is released here.
 */
#include "consent.h"

#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "harvest.h"
#include "log.h"
#include "notify.h"
#include "sec.h"
#include "val.h"
#include "banned.h"

static const char *const state_names[CONSENT__MAX] = {
	"none", "requested", "granted", "revoked"
};
static const char *const source_names[CONSENT_SRC__MAX] = {
	"greenhouse", "optin_page", "keyword", "recruiter", "import",
	"provider_error"
};
static const char *const kind_names[CONSENT_KIND__MAX] = {
	"automated", "chat", "verification", "optin_request",
	"optout_confirmation", "help"
};

/* Why not, for people: the API's {"error"} and the pages show these. */
#define R_NO_PHONE	"There is no mobile number on file to text."
#define R_OPTED_OUT	"They opted out of texts (STOP); nothing more can " \
			"be sent until they reply START."
#define R_SUPPRESSED	"This number opted out of texts before; it cannot " \
			"be texted until its owner replies START."
#define R_NO_CONSENT	"They have not agreed to receive texts yet: send " \
			"them the SMS Opt In form first."
#define R_REQUESTED	"SMS consent was requested but not given yet: they " \
			"still need to confirm on the opt-in page."
#define R_GRANTED	"They already agreed to receive texts."
#define R_CONFIRMED	"The opt-out was already confirmed; nothing more " \
			"may be sent."
#define R_NOT_REVOKED	"They have not opted out."

const char *
consent_state_name(enum consent_state s)
{
	return s < CONSENT__MAX ? state_names[s] : "none";
}

bool
consent_state_parse(const char *s, enum consent_state *out)
{
	size_t	 i;

	for (i = 0; s != NULL && i < CONSENT__MAX; i++)
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum consent_state)i;
			return true;
		}
	return false;
}

const char *
consent_source_name(enum consent_source s)
{
	return s < CONSENT_SRC__MAX ? source_names[s] : "recruiter";
}

const char *
consent_kind_name(enum consent_kind k)
{
	return k < CONSENT_KIND__MAX ? kind_names[k] : "automated";
}

int
consent_phone(struct db *db, int64_t person, char out[17], bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, person) };

	*found = false;
	out[0] = '\0';
	if (db_exec(db, "SELECT consent_sms_phone($1::bigint)", p, 1,
	    &rows) == -1)
		return -1;
	if (rows.nrows == 1 && !db_null(&rows, 0, 0) &&
	    db_len(&rows, 0, 0) < 17) {
		memcpy(out, db_str(&rows, 0, 0), db_len(&rows, 0, 0) + 1);
		*found = true;
	}
	db_rows_release(&rows);
	return 0;
}

int
consent_state(struct db *db, int64_t person, const char *phone,
    enum consent_state *out)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[2] = { db_i64(id, person), phone };

	*out = CONSENT_NONE;
	if (db_exec(db, "SELECT consent_state_of($1::bigint, COALESCE($2,"
	    " consent_sms_phone($1::bigint)))", p, 2, &rows) == -1)
		return -1;
	if (rows.nrows == 1 && !consent_state_parse(db_str(&rows, 0, 0), out))
		log_err("consent: unknown state %s", db_str(&rows, 0, 0));
	db_rows_release(&rows);
	return 0;
}

/* The number's one-way hash, as 003's phone_suppressions keeps it. */
static void
phone_hash(const char *phone, char out[SEC_HEX_SHA256])
{
	sec_hmac_sha256_hex(cfg.master_key, CFG_KEY_LEN, phone, strlen(phone),
	    out);
}

/* One boolean from a query of one row, one column. */
static int
ask(int rc, struct db_rows *rows, bool *yes)
{
	if (rc == 0)
		*yes = rows->nrows == 1 && db_bool(rows, 0, 0);
	db_rows_release(rows);
	return rc;
}

static int
suppressed(struct db *db, const char *phone, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 h[SEC_HEX_SHA256];
	const char	*p[1] = { h };

	phone_hash(phone, h);
	return ask(db_exec(db, "SELECT EXISTS (SELECT 1 FROM"
	    " phone_suppressions WHERE phone_hash = $1)", p, 1, &rows),
	    &rows, yes);
}

/*
 * No text has gone to this number yet: only texts the provider took (they
 * have its sid) count, so the notice goes with the first handed over.
 */
static int
first_text(struct db *db, const char *phone, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { phone };

	return ask(db_exec(db, "SELECT NOT EXISTS (SELECT 1 FROM messages"
	    " WHERE e164 = $1 AND direction = 'outbound' AND provider_sid IS"
	    " NOT NULL)", p, 1, &rows), &rows, yes);
}

/* A confirmation already went out since the newest revocation. */
static int
confirmed(struct db *db, const char *phone, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { phone };

	return ask(db_exec(db, "SELECT EXISTS (SELECT 1 FROM messages m"
	    " WHERE m.e164 = $1 AND m.direction = 'outbound' AND m.kind ="
	    " 'optout_confirmation' AND m.provider_sid IS NOT NULL AND"
	    " m.created_at >= (SELECT max(at) FROM"
	    " consent_ledger WHERE e164 = $1 AND new_state = 'revoked'))",
	    p, 1, &rows), &rows, yes);
}

static int
chat_needs_consent(struct db *db, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;

	return ask(db_exec(db, "SELECT COALESCE((SELECT value <> 'no'"
	    " FROM tenant_settings WHERE key = 'require_chat_consent'), true)",
	    NULL, 0, &rows), &rows, yes);
}

static void
refuse(struct consent_verdict *v, const char *code, const char *reason)
{
	v->ok = false;
	v->notice = false;
	v->code = code;
	v->reason = reason;
}

void
consent_decide(const struct consent_facts *f, enum consent_kind kind,
    struct consent_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->state = f->state;
	v->ok = true;
	if (!f->has_phone)
		refuse(v, "no_phone", R_NO_PHONE);
	else if (kind == CONSENT_KIND_OPTOUT_CONFIRMATION) {
		if (f->state != CONSENT_REVOKED)
			refuse(v, "not_revoked", R_NOT_REVOKED);
		else if (f->confirmed)
			refuse(v, "confirmed", R_CONFIRMED);
	} else if (f->state == CONSENT_REVOKED)
		refuse(v, "opted_out", R_OPTED_OUT);
	else if (f->suppressed)
		refuse(v, "opted_out", R_SUPPRESSED);
	else if (kind == CONSENT_KIND_AUTOMATED || (kind ==
	    CONSENT_KIND_CHAT && f->chat_needs_consent)) {
		if (f->state == CONSENT_REQUESTED)
			refuse(v, "no_consent", R_REQUESTED);
		else if (f->state != CONSENT_GRANTED)
			refuse(v, "no_consent", R_NO_CONSENT);
	} else if (kind == CONSENT_KIND_OPTIN_REQUEST &&
	    f->state == CONSENT_GRANTED)
		refuse(v, "already_granted", R_GRANTED);
	v->notice = v->ok && f->first_text && (kind ==
	    CONSENT_KIND_AUTOMATED || kind == CONSENT_KIND_CHAT ||
	    kind == CONSENT_KIND_OPTIN_REQUEST);
}

int
consent_may_send(struct db *db, int64_t person, const char *phone,
    enum consent_kind kind, struct consent_verdict *v)
{
	struct consent_facts	 f;
	char			 num[17];

	memset(&f, 0, sizeof(f));
	f.has_phone = phone != NULL && val_e164(phone);
	if (f.has_phone)
		memcpy(num, phone, strlen(phone) + 1);
	else if (phone == NULL && person > 0 &&
	    consent_phone(db, person, num, &f.has_phone) == -1)
		return -1;
	if (f.has_phone && (consent_state(db, person, num, &f.state) == -1 ||
	    suppressed(db, num, &f.suppressed) == -1 ||
	    chat_needs_consent(db, &f.chat_needs_consent) == -1 ||
	    confirmed(db, num, &f.confirmed) == -1 ||
	    first_text(db, num, &f.first_text) == -1))
		return -1;
	consent_decide(&f, kind, v);
	return 0;
}

/* ---------------------------------------------------------------- change */

/* s cut to at most max bytes without splitting a UTF-8 sequence. */
static const char *
clip(struct buf *b, const char *s, size_t max)
{
	size_t	 n;

	if (s == NULL)
		return NULL;
	if ((n = strlen(s)) <= max)
		return s;
	while (n > max || (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80))
		n--;
	buf_reset(b);
	buf_add(b, s, n);
	return b->ptr;
}

/*
 * Greenhouse speaks for consent only with evidence newer than the
 * number's newest row, and cannot undo a revocation the person made.
 */
static int
greenhouse_may(struct db *db, int64_t person, const char *num,
    enum consent_state to, const char *at, bool *ok)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[3] = { at, state_names[to], NULL };
	int		 rc;

	if (num != NULL) {
		p[2] = num;
		rc = db_exec(db, "SELECT COALESCE((SELECT ($1::timestamptz"
		    " IS NULL OR $1::timestamptz >= evidence_at) AND NOT"
		    " (new_state = 'revoked' AND source IN ('keyword',"
		    " 'provider_error') AND $2 = 'granted') FROM consent_ledger"
		    " WHERE e164 = $3 ORDER BY id DESC LIMIT 1), true)", p, 3,
		    &rows);
	} else {
		p[2] = db_i64(id, person);
		rc = db_exec(db, "SELECT COALESCE((SELECT ($1::timestamptz"
		    " IS NULL OR $1::timestamptz >= evidence_at) AND NOT"
		    " (new_state = 'revoked' AND source IN ('keyword',"
		    " 'provider_error') AND $2 = 'granted') FROM consent_ledger"
		    " WHERE person_id = $3::bigint AND e164 IS NULL ORDER BY id"
		    " DESC LIMIT 1), true)", p, 3, &rows);
	}
	return ask(rc, &rows, ok);
}

/* Appends the row; *row gets its id ("123"). */
static int
ledger_append(struct db *db, int64_t person, const char *num,
    enum consent_state from, enum consent_state to, enum consent_source src,
    const struct consent_evidence *ev, char row[21])
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 ua = BUF_INIT, body = BUF_INIT, addr = BUF_INIT;
	char		 id[21], uid[21], code[21];
	const char	*p[16];
	int		 rc;

	p[0] = person > 0 ? db_i64(id, person) : NULL;
	p[1] = num;
	p[2] = state_names[from];
	p[3] = state_names[to];
	p[4] = source_names[src];
	p[5] = ev->evidence_at;
	p[6] = ev->user_id > 0 ? db_i64(uid, ev->user_id) : NULL;
	p[7] = clip(&addr, ev->client_addr, 100);
	p[8] = clip(&ua, ev->user_agent, 1000);
	p[9] = ev->wording;
	p[10] = ev->wording_version;
	p[11] = ev->message_sid;
	p[12] = clip(&body, ev->message_body, 1600);
	p[13] = ev->event_id;
	p[14] = ev->error_code > 0 ? db_i64(code, ev->error_code) : NULL;
	p[15] = ev->note;
	rc = db_exec(db, "INSERT INTO consent_ledger (tenant_id, person_id,"
	    " greenhouse_id, e164, old_state, new_state, source, evidence_at,"
	    " user_id, client_addr, user_agent, wording, wording_version,"
	    " message_sid, message_body, event_id, error_code, note)"
	    " SELECT app_tenant(), $1::bigint, (SELECT greenhouse_id FROM"
	    " people WHERE id = $1::bigint), $2, $3, $4, $5,"
	    " COALESCE($6::timestamptz, now()), $7::bigint, $8, $9, $10, $11,"
	    " $12, $13, $14, $15::int, $16 RETURNING id", p, 16, &rows);
	if (rc == 0)
		db_i64(row, db_int(&rows, 0, 0));
	db_rows_release(&rows);
	buf_release(&ua);
	buf_release(&body);
	buf_release(&addr);
	return rc;
}

/*
 * The cache on people, then what follows for each person it touched: the
 * Harvest write-back, and for a grant the recruiters who asked to hear of
 * it ("Candidate opts in for SMS"; the ledger row keeps it to once).
 */
static int
follow_up(struct db *db, int64_t person, const char *num,
    enum consent_state to, enum consent_source src, const char *row)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[2] = { db_i64(id, person), state_names[to] };
	size_t		 i;
	int		 rc;

	if (num != NULL) {
		p[0] = num;
		rc = db_exec(db, "UPDATE people SET sms_consent = $2 WHERE"
		    " id IN (SELECT person_id FROM person_phones WHERE e164 ="
		    " $1) AND consent_sms_phone(id) = $1 RETURNING id,"
		    " greenhouse_id", p, 2, &rows);
	} else
		rc = db_exec(db, "UPDATE people SET sms_consent = $2 WHERE id ="
		    " $1::bigint RETURNING id, greenhouse_id", p, 2, &rows);
	if (rc == -1)
		goto out;
	rc = -1;
	for (i = 0; i < rows.nrows; i++) {
		if ((to == CONSENT_GRANTED || to == CONSENT_REVOKED) &&
		    src != CONSENT_SRC_GREENHOUSE && !db_null(&rows, i, 1) &&
		    harvest_queue_consent(db, db_int(&rows, i, 0),
		    db_int(&rows, i, 1), to == CONSENT_GRANTED) == -1)
			goto out;
		if (to == CONSENT_GRANTED && notify_event(db, db_int(&rows, i, 0),
		    NOTIFY_OPTIN, row, NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

static int
lift_suppression(struct db *db, const char *num)
{
	char		 h[SEC_HEX_SHA256];
	const char	*p[1] = { h };

	phone_hash(num, h);
	return db_exec(db, "DELETE FROM phone_suppressions WHERE phone_hash ="
	    " $1", p, 1, NULL);
}

/* Two changes of one number wait for each other until commit. */
static int
lock_number(struct db *db, int64_t person, const char *num)
{
	char		 id[21];
	const char	*p[2] = { num, db_i64(id, person) };

	return db_exec(db, "SELECT pg_advisory_xact_lock(hashtextextended("
	    "'consent:' || app_tenant() || ':' || COALESCE($1, 'p' || $2), 0))",
	    p, 2, NULL);
}

int
consent_change(struct db *db, int64_t person, const char *phone,
    enum consent_state to, enum consent_source src,
    const struct consent_evidence *ev, bool *changed)
{
	static const struct consent_evidence none;
	enum consent_state	 from;
	char			 num[17] = "", row[21];
	bool			 found = false, ok = true;

	if (changed != NULL)
		*changed = false;
	if (ev == NULL)
		ev = &none;
	if (phone != NULL && val_e164(phone)) {
		memcpy(num, phone, strlen(phone) + 1);
		found = true;
	} else if (person > 0 && consent_phone(db, person, num, &found) == -1)
		return -1;
	if (lock_number(db, person, found ? num : NULL) == -1 ||
	    consent_state(db, person, found ? num : NULL, &from) == -1)
		return -1;
	if (from == to)
		return 0;
	if (src == CONSENT_SRC_GREENHOUSE && greenhouse_may(db, person,
	    found ? num : NULL, to, ev->evidence_at, &ok) == -1)
		return -1;
	if (!ok)
		return 0;
	if (ledger_append(db, person, found ? num : NULL, from, to, src,
	    ev, row) == -1 || follow_up(db, person, found ? num : NULL, to,
	    src, row) == -1)
		return -1;
	if (found && to == CONSENT_GRANTED && (src == CONSENT_SRC_KEYWORD ||
	    src == CONSENT_SRC_OPTIN_PAGE) && lift_suppression(db, num) == -1)
		return -1;
	if (changed != NULL)
		*changed = true;
	return 0;
}

int
consent_from_greenhouse(struct db *db, int64_t person, bool yes,
    const char *updated_at, const char *event_id)
{
	struct consent_evidence	 ev;
	enum consent_state	 cur;

	memset(&ev, 0, sizeof(ev));
	ev.evidence_at = updated_at;
	ev.event_id = event_id;
	ev.note = yes ? "Greenhouse sms_consent_given: yes" :
	    "Greenhouse sms_consent_given: no";
	if (!yes) {
		if (consent_state(db, person, NULL, &cur) == -1)
			return -1;
		if (cur != CONSENT_GRANTED)
			return 0;	/* "no" is not news before a yes */
	}
	return consent_change(db, person, NULL, yes ? CONSENT_GRANTED :
	    CONSENT_REVOKED, CONSENT_SRC_GREENHOUSE, &ev, NULL);
}
