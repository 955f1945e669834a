/*
 * outbox.c - rows waiting to be delivered to the outside world.
 *
 * Owns: queueing inside the caller's transaction, claiming due rows with
 * a five-minute lease (a crashed deliverer's rows come back), outcomes and
 * backoff (1, 2, 4 ... minutes, at most 6 hours; OUTBOX_MAX_ATTEMPTS).
 * Not here: provider protocols and the cron loop.
 * Items own their strings and payload: outbox_item_release().
 */
#include "outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonx.h"
#include "log.h"
#include "banned.h"

int
outbox_queue(struct db *db, const char *kind, const char *dedupe_key,
    struct json_object *payload, bool *queued)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[3];

	p[0] = kind;
	p[1] = dedupe_key;
	p[2] = json_object_to_json_string_ext(payload, JSON_C_TO_STRING_PLAIN);
	if (db_exec(db, "INSERT INTO outbox (tenant_id, kind, dedupe_key,"
	    " payload) VALUES (app_tenant(), $1, $2, $3::jsonb)"
	    " ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING id",
	    p, 3, &rows) == -1)
		return -1;
	if (queued != NULL)
		*queued = rows.nrows == 1;
	db_rows_release(&rows);
	return 0;
}

void
outbox_item_release(struct outbox_item *it)
{
	free(it->kind);
	json_object_put(it->payload);
	memset(it, 0, sizeof(*it));
}

/* Claims up to max due rows of the tenant; a lease keeps others away. */
static int
claim(struct db *db, int64_t tenant, int max, struct db_rows *rows)
{
	char		 m[21];
	const char	*p[1] = { db_i64(m, max) };

	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (db_exec(db, "UPDATE outbox SET status = 'sending',"
	    " locked_until = now() + interval '5 minutes'"
	    " WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM outbox"
	    " WHERE tenant_id = app_tenant() AND next_at <= now() AND"
	    " (status = 'pending' OR (status = 'sending' AND"
	    " locked_until < now())) ORDER BY next_at, id LIMIT $1::int"
	    " FOR UPDATE SKIP LOCKED)"
	    " RETURNING id, kind, payload::text, attempts", p, 1, rows) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static int
record(struct db *db, const struct outbox_item *it, int rc,
    struct json_object *result, const char *error, bool permanent)
{
	char		 id[21], att[21];
	const char	*p[4];
	int		 r;

	p[0] = db_i64(id, it->id);
	p[1] = db_i64(att, it->attempts + 1);
	p[2] = error;
	p[3] = result ? json_object_to_json_string_ext(result,
	    JSON_C_TO_STRING_PLAIN) : NULL;
	if (db_begin_tenant(db, it->tenant_id) == -1)
		return -1;
	if (rc == 0) {
		/* Every $n must be used, or preparing it aborts the tx. */
		p[2] = p[3];
		r = db_exec(db, "UPDATE outbox SET status = 'done', attempts ="
		    " $2::int, done_at = now(), locked_until = NULL, result ="
		    " $3::jsonb, last_error = NULL WHERE id = $1::bigint",
		    p, 3, NULL);
	}
	else if (permanent || it->attempts + 1 >= OUTBOX_MAX_ATTEMPTS)
		r = db_exec(db, "UPDATE outbox SET status = 'failed', attempts ="
		    " $2::int, done_at = now(), locked_until = NULL,"
		    " last_error = $3 WHERE id = $1::bigint", p, 3, NULL);
	else
		r = db_exec(db, "UPDATE outbox SET status = 'pending', attempts ="
		    " $2::int, locked_until = NULL, last_error = $3, next_at ="
		    " now() + least(interval '6 hours', interval '1 minute' *"
		    " power(2, $2::int - 1)) WHERE id = $1::bigint", p, 3, NULL);
	if (r == -1 || db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static int
deliver(struct db *db, struct outbox_item *it,
    const struct outbox_handler *h, size_t n)
{
	struct json_object	*result = NULL;
	struct buf		 err = BUF_INIT;
	bool			 permanent = false;
	size_t			 i;
	int			 rc = -1, out;

	for (i = 0; i < n; i++)
		if (strcmp(h[i].kind, it->kind) == 0)
			break;
	if (i == n) {
		buf_addf(&err, "no handler for kind %s", it->kind);
		permanent = true;
	} else
		rc = h[i].fn(db, it, &result, &err, &permanent);
	if (rc == -1)
		log_err("outbox %lld (%s) attempt %d: %s", (long long)it->id,
		    it->kind, it->attempts + 1, err.ptr);
	out = record(db, it, rc, result, err.len ? err.ptr : "failed",
	    permanent);
	json_object_put(result);
	buf_release(&err);
	return out == -1 ? -1 : rc;
}

int
outbox_run_tenant(struct db *db, int64_t tenant,
    const struct outbox_handler *h, size_t n, int max, int *done)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct outbox_item	 it;
	size_t			 r;
	int			 rc = 0;

	if (claim(db, tenant, max, &rows) == -1)
		return -1;
	for (r = 0; r < rows.nrows; r++) {
		memset(&it, 0, sizeof(it));
		it.id = db_int(&rows, r, 0);
		it.tenant_id = tenant;
		it.kind = xstrdup(db_str(&rows, r, 1));
		it.payload = jsonx_parse(db_str(&rows, r, 2),
		    db_len(&rows, r, 2), NULL);
		it.attempts = (int)db_int(&rows, r, 3);
		if (deliver(db, &it, h, n) == 0)
			(*done)++;
		else if (db->err == DB_ERR_CONN)
			rc = -1;
		outbox_item_release(&it);
		if (rc == -1)
			break;
	}
	db_rows_release(&rows);
	return rc;
}

int
outbox_run(struct db *db, const struct outbox_handler *h, size_t n, int max,
    int *done)
{
	struct db_rows	 t = DB_ROWS_INIT;
	size_t		 i;
	int		 rc = 0;

	*done = 0;
	if (db_exec(db, "SELECT outbox_due_tenants()", NULL, 0, &t) == -1)
		return -1;
	for (i = 0; i < t.nrows && rc == 0; i++)
		rc = outbox_run_tenant(db, db_int(&t, i, 0), h, n, max, done);
	db_rows_release(&t);
	return rc;
}
