/*
 * gh_hook.c - one Greenhouse webhook delivery: tenant, signature, event
 * log, apply.
 *
 * Owns: the per-worker cache of tenant ids, webhook secrets and the
 * auto_optin_email setting (short lived, so a re-keyed secret or a changed
 * setting takes effect within GH_HOOK_SECRET_TTL),
 * the Signature check, the webhook_events rows, the transaction that
 * holds an event's log row and its changes together.
 * Not here: HTTP (cgi-bin/hooks/greenhouse.c), shapes (gh_map.c,
 * gh_event.c), the writes themselves (gh_apply.c).
 * Unsigned or wrongly signed requests never reach the database.
 */
#include "gh_hook.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "gh_apply.h"
#include "gh_event.h"
#include "http.h"
#include "jsonx.h"
#include "log.h"
#include "optin.h"
#include "sec.h"
#include "person.h"
#include "banned.h"

#define CACHE_SLOTS	16
#define SLUG_MAX	63
#define EVENT_ID_MAX	200
#define ERROR_MAX	1000

struct cached {
	char		 slug[SLUG_MAX + 1];
	int64_t		 tenant;
	struct buf	 secret;
	bool		 auto_email;	/* auto_optin_email is "yes" */
	time_t		 at;		/* CLOCK_MONOTONIC seconds; 0: empty */
};

static struct cached	 cache[CACHE_SLOTS];

static time_t
now_mono(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1;		/* never 0 */
}

static struct cached *
cache_find(const char *slug, time_t now)
{
	size_t	 i;

	for (i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].at != 0 && now - cache[i].at < GH_HOOK_SECRET_TTL &&
		    strcmp(cache[i].slug, slug) == 0)
			return &cache[i];
	return NULL;
}

static void
cache_put(const char *slug, int64_t tenant, const struct buf *secret,
    bool auto_email, time_t now)
{
	struct cached	*c = &cache[0];
	size_t		 i;

	for (i = 0; i < CACHE_SLOTS; i++)	/* an empty or the oldest slot */
		if (cache[i].at < c->at)
			c = &cache[i];
	snprintf(c->slug, sizeof(c->slug), "%s", slug);
	c->tenant = tenant;
	buf_reset(&c->secret);
	buf_add(&c->secret, secret->ptr, secret->len);
	c->auto_email = auto_email;
	c->at = now;
}

/* The cached auto_optin_email of tenant; true when not cached. */
static bool
cache_auto_email(int64_t tenant)
{
	time_t	 now = now_mono();
	size_t	 i;

	for (i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].at != 0 && now - cache[i].at < GH_HOOK_SECRET_TTL &&
		    cache[i].tenant == tenant)
			return cache[i].auto_email;
	return true;
}

int
gh_hook_tenant(struct db *db, const char *slug, int64_t *tenant,
    struct buf *secret, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 plain = BUF_INIT;
	struct cached	*c;
	const char	*p[1] = { slug };
	time_t		 now = now_mono();
	bool		 auto_email = true;
	int		 rc = -1;

	*found = false;
	if (strlen(slug) > SLUG_MAX)
		return 0;
	if ((c = cache_find(slug, now)) != NULL) {
		*found = true;
		*tenant = c->tenant;
		buf_add(secret, c->secret.ptr, c->secret.len);
		return 0;
	}
	if (db_exec(db, "SELECT id, webhook_secret FROM gh_webhook_tenant($1)",
	    p, 1, &rows) == -1)
		goto out;
	if (rows.nrows == 1) {
		if (sec_open_bytea(db_str(&rows, 0, 1), &plain) == -1)
			goto out;
		/* tenant_settings is the tenant's own (row-level security). */
		db_tenant_once(db, db_int(&rows, 0, 0));
		if (optin_auto_enabled(db, db_int(&rows, 0, 0),
		    &auto_email) == -1)
			goto out;
		*found = true;
		*tenant = db_int(&rows, 0, 0);
		buf_add(secret, plain.ptr, plain.len);
		cache_put(slug, *tenant, &plain, auto_email, now);
	}
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&plain);
	return rc;
}

bool
gh_hook_verify(const char *secret, size_t slen, const char *header,
    const void *body, size_t len)
{
	char	 want[SEC_HEX_SHA256], got[SEC_HEX_SHA256];
	size_t	 i;

	if (header == NULL || strncmp(header, "sha256 ", 7) != 0)
		return false;
	header += 7;
	for (i = 0; i < 64; i++) {
		if (!isxdigit((unsigned char)header[i]))
			return false;
		got[i] = (char)tolower((unsigned char)header[i]);
	}
	got[64] = '\0';
	if (header[64] != '\0')
		return false;
	sec_hmac_sha256_hex(secret, slen, body, len, want);
	return sec_equal(want, 64, got, 64);
}

void
gh_reply_release(struct gh_reply *r)
{
	buf_release(&r->why);
}

/* ------------------------------------------------------------ event log */

struct logrow {
	const char	*event_id;
	const char	*action;
	int64_t		 object_id;
	const char	*sha;
	const char	*body;		/* NULL: not kept */
	const char	*outcome;
	const char	*error;
};

/* Inserts the row; *claimed false when the event id was seen before. */
static int
log_insert(struct db *db, const struct logrow *l, int64_t *id, bool *claimed)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 obj[21];
	const char	*p[7];
	int		 rc = -1;

	p[0] = l->event_id;
	p[1] = l->action;
	p[2] = l->object_id > 0 ? db_i64(obj, l->object_id) : NULL;
	p[3] = l->sha;
	p[4] = l->body;
	p[5] = l->outcome;
	p[6] = l->error;
	if (db_exec(db, "INSERT INTO webhook_events (tenant_id, event_id,"
	    " action, object_id, body_sha256, body, outcome, error)"
	    " VALUES (app_tenant(), $1, $2, $3::bigint, $4, $5, $6,"
	    " left($7, 1000)) ON CONFLICT DO NOTHING RETURNING id",
	    p, 7, &rows) == -1)
		goto out;
	*claimed = rows.nrows == 1;
	*id = *claimed ? db_int(&rows, 0, 0) : 0;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

/* A rejected delivery gets a row of its own, in its own transaction. */
static int
log_rejected(struct db *db, int64_t tenant, struct logrow *l,
    struct gh_reply *reply)
{
	int64_t	 id;
	bool	 claimed;

	reply->status = 400;
	reply->outcome = l->outcome = "rejected";
	l->error = reply->why.ptr;
	if (l->body != NULL && !utf8_text(l->body, strlen(l->body)))
		l->body = NULL;		/* not text: the hash must do */
	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (log_insert(db, l, &id, &claimed) == -1) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}

/* ------------------------------------------------------------ applying */

/* Was event_id claimed by an applied or ignored delivery? */
static int
seen(struct db *db, const char *event_id, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[1] = { event_id };

	*yes = false;
	if (event_id == NULL)
		return 0;
	if (db_exec(db, "SELECT 1 FROM webhook_events WHERE source ="
	    " 'greenhouse' AND event_id = $1 AND outcome IN ('applied',"
	    " 'ignored')", p, 1, &rows) == -1)
		return -1;
	*yes = rows.nrows > 0;
	db_rows_release(&rows);
	return 0;
}

/*
 * delete_candidate, in C: its suppression hashes need the master key. As
 * in gh_deliver(), the row goes in last, with its outcome.
 */
static int
delete_logged(struct db *db, int64_t tenant, struct logrow *l,
    const struct gh_event *ev, struct gh_reply *reply)
{
	enum gh_did	 did = GH_DID_GONE;
	int64_t		 id;
	bool		 dup = false, claimed = false;

	reply->status = 200;
	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (seen(db, l->event_id, &dup) == -1)
		goto fail;
	if (!dup && gh_apply_delete_candidate(db, ev->object_id,
	    ev->deleted_apps, ev->ndeleted, &did) == -1)
		goto fail;
	l->outcome = did == GH_DID_CHANGE ? "applied" : "ignored";
	l->error = did == GH_DID_CHANGE ? NULL : "nothing to delete";
	if (!dup && log_insert(db, l, &id, &claimed) == -1)
		goto fail;
	if (!claimed) {		/* seen before: log the attempt only */
		l->outcome = "duplicate";
		l->error = NULL;
		l->body = NULL;
		if (log_insert(db, l, &id, &claimed) == -1)
			goto fail;
	}
	reply->outcome = l->outcome;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

/*
 * Every other action: gh_deliver() (sql/003) logs and applies it in one
 * statement. A person's consent field or the tenant's automatic opt-in
 * email join its transaction; without them it is one round trip.
 */
static int
deliver(struct db *db, int64_t tenant, const struct logrow *l,
    const struct gh_event *ev, struct gh_reply *reply)
{
	struct json_object	*rec = gh_apply_record(ev);
	struct db_rows		 rows = DB_ROWS_INIT;
	char			 t[21], obj[21];
	const char		*p[7], *o;
	bool			 tx, found = false;
	int64_t			 person = 0;
	int			 rc = -1;

	p[0] = db_i64(t, tenant);
	p[1] = l->event_id;
	p[2] = l->action;
	p[3] = l->object_id > 0 ? db_i64(obj, l->object_id) : NULL;
	p[4] = l->sha;
	p[5] = l->body;
	p[6] = json_object_to_json_string_ext(rec, JSON_C_TO_STRING_PLAIN);
	tx = ev->has_person && (ev->consent_hint != GH_HINT_NONE ||
	    cache_auto_email(tenant));
	if (tx && db_begin_tenant(db, tenant) == -1)
		goto out;
	if (db_exec(db, "SELECT outcome FROM gh_deliver($1::bigint, $2, $3,"
	    " $4::bigint, $5, $6, $7::jsonb)", p, 7, &rows) == -1)
		goto out;
	o = db_str(&rows, 0, 0);
	reply->outcome = o != NULL && strcmp(o, "applied") == 0 ? "applied" :
	    o != NULL && strcmp(o, "duplicate") == 0 ? "duplicate" : "ignored";
	if (tx && strcmp(reply->outcome, "applied") == 0 &&
	    (person_by_greenhouse(db, ev->person.greenhouse_id, &person,
	    &found) == -1 || (found && gh_apply_person_after(db, tenant,
	    person, ev->consent_hint, ev->person.gh_updated_at,
	    l->event_id) == -1)))
		goto out;
	if (tx && db_commit(db) == -1)
		goto out;
	reply->status = 200;
	rc = 0;
out:
	if (rc == -1)
		db_rollback(db);
	db_rows_release(&rows);
	json_object_put(rec);
	return rc;
}

static void
logrow_action(struct logrow *l, const struct gh_event *ev)
{
	l->object_id = ev->object_id;
	if (ev->action != GH_UNKNOWN)
		l->action = gh_action_name(ev->action);
	else if (ev->action_name != NULL && strlen(ev->action_name) <= 100 &&
	    utf8_text(ev->action_name, strlen(ev->action_name)))
		l->action = ev->action_name;
}

int
gh_hook_receive(struct db *db, int64_t tenant, const char *event_id,
    const char *body, size_t len, struct gh_reply *reply)
{
	struct json_object	*doc = NULL;
	struct gh_event		 ev;
	struct logrow		 l;
	char			 sha[SEC_HEX_SHA256];
	const char		*why = NULL;
	int			 rc = -1;

	memset(&l, 0, sizeof(l));
	buf_init(&reply->why);
	sec_sha256_hex(body, len, sha);
	l.sha = sha;
	l.body = body;
	if (event_id != NULL && *event_id != '\0' &&
	    strlen(event_id) <= EVENT_ID_MAX &&
	    utf8_text(event_id, strlen(event_id)))
		l.event_id = event_id;
	if (strlen(body) != len || (doc = jsonx_parse(body, len, &why)) ==
	    NULL) {
		buf_addf(&reply->why, "malformed JSON: %s",
		    why != NULL ? why : "NUL byte in the body");
		l.body = strlen(body) == len ? body : NULL;
		rc = log_rejected(db, tenant, &l, reply);
		goto out;
	}
	if (gh_event_map(doc, &ev, &reply->why) == -1) {
		logrow_action(&l, &ev);
		rc = log_rejected(db, tenant, &l, reply);
		goto out;
	}
	logrow_action(&l, &ev);
	if (ev.action == GH_DELETE_CANDIDATE)
		rc = delete_logged(db, tenant, &l, &ev, reply);
	else
		rc = deliver(db, tenant, &l, &ev, reply);
	if (rc == -1 && db->err == DB_ERR_CHECK) {
		/* Greenhouse sent data the schema refuses: retrying won't help. */
		buf_reset(&reply->why);
		buf_addf(&reply->why, "the payload holds a value Loop cannot "
		    "store (SQLSTATE %s)", db->sqlstate);
		rc = log_rejected(db, tenant, &l, reply);
	}
out:
	json_object_put(doc);
	return rc;
}
