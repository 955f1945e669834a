/*
 * sync.c - backfill and incremental sync from Harvest.
 *
 * Owns: the pass over each resource, its harvest_sync row and the
 * per-tenant advisory lock. A pass records where it is after every page,
 * so an interrupted backfill resumes from that page; the high-water mark
 * is the pass's start time less SYNC_OVERLAP_SECS (re-applying is
 * harmless: every write is an idempotent upsert guarded by updated_at).
 * Not here: HTTP (harvest.c), shapes (gh_map.c), writes (gh_apply.c).
 */
#include "sync.h"

#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "gh_apply.h"
#include "gh_map.h"
#include "harvest.h"
#include "jsonx.h"
#include "log.h"
#include "banned.h"

#define LOCK_CLASS	1751	/* advisory lock key 1: "harvest sync" */

static const struct {
	enum harvest_res	 res;
	const char		*name;		/* harvest_sync.resource */
} passes[] = {
	{ HARVEST_JOBS,		"jobs" },
	{ HARVEST_JOB_POSTS,	"job_posts" },
	{ HARVEST_CANDIDATES,	"candidates" },
};

/* Where the pass stands: resume URL and the updated_after filter. */
struct pass {
	const char	*name;
	enum harvest_res res;
	struct buf	 after;		/* empty: backfill */
	struct buf	 next;		/* empty: first page */
};

/* ------------------------------------------------------------ applying */

/* A v1 candidate's applications, stored with the person. */
static int
apply_apps(struct db *db, struct json_object *cand, int64_t person_id,
    struct sync_stats *st)
{
	struct json_object	*arr;
	struct gh_application	 app;
	struct buf		 why = BUF_INIT;
	enum gh_did		 did;
	size_t			 i, n;
	bool			 found;
	int			 rc = 0;

	if (jsonx_arr(cand, "applications", &arr, &found) == -1 || !found)
		return 0;
	n = json_object_array_length(arr);
	for (i = 0; i < n && rc == 0; i++) {
		if (gh_map_application(json_object_array_get_idx(arr, i),
		    GH_SHAPE_V1, &app, &why) == -1) {
			st->skipped++;
			continue;
		}
		rc = gh_apply_application(db, &app, person_id, false, &did);
	}
	buf_release(&why);
	return rc;
}

static int
apply_item(struct db *db, int64_t tenant, enum harvest_res res,
    enum gh_shape shape, struct json_object *o, struct sync_stats *st, struct buf *why)
{
	struct person_rec	 rec;
	struct gh_job		 job;
	struct gh_job_post	 post;
	enum gh_hint		 hint;
	enum gh_did		 did;
	int64_t			 id;

	switch (res) {
	case HARVEST_JOBS:
		if (gh_map_job(o, shape, &job, why) == -1)
			return 1;
		return gh_apply_job(db, &job, &did);
	case HARVEST_JOB_POSTS:
		if (gh_map_job_post(o, shape, &post, why) == -1)
			return 1;
		return gh_apply_job_post(db, &post, &did);
	default:
		if (gh_map_candidate(o, shape, &rec, &hint, why) == -1)
			return 1;
		if (gh_apply_person(db, &rec, &id, &did) == -1)
			return -1;
		if (did == GH_DID_GONE)
			return 0;
		if (did == GH_DID_CHANGE && gh_apply_person_after(db, tenant,
		    id, hint, rec.gh_updated_at, NULL) == -1)
			return -1;
		return apply_apps(db, o, id, st);
	}
}

/* One page in one transaction, with the place to resume from. */
static int
apply_page(struct db *db, int64_t tenant, const struct pass *ps, bool v3,
    const struct harvest_page *page, struct sync_stats *st)
{
	struct buf	 why = BUF_INIT;
	const char	*p[3];
	char		 n[21];
	size_t		 i, len = json_object_array_length(page->items);
	int		 r;

	if (db_begin_tenant(db, tenant) == -1)
		goto fail;
	for (i = 0; i < len; i++) {
		r = apply_item(db, tenant, ps->res, v3 ? GH_SHAPE_V3 :
		    GH_SHAPE_V1, json_object_array_get_idx(page->items, i), st,
		    &why);
		if (r == -1)
			goto fail;
		if (r == 1) {
			log_err("sync %s: record skipped: %s", ps->name,
			    why.ptr);
			st->skipped++;
		} else
			st->items++;
	}
	p[0] = ps->name;
	p[1] = page->next_url;
	p[2] = db_i64(n, (int64_t)len);
	if (db_exec(db, "UPDATE harvest_sync SET next_url = $2,"
	    " items = items + $3::bigint WHERE resource = $1", p, 3,
	    NULL) == -1 || db_commit(db) == -1)
		goto fail;
	st->pages++;
	buf_release(&why);
	return 0;
fail:
	db_rollback(db);
	buf_release(&why);
	return -1;
}

/* ------------------------------------------------------------ state */

/* Reads (creating) the resource's row; marks a fresh pass as started. */
static int
pass_begin(struct db *db, int64_t tenant, struct pass *ps, bool full)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[2] = { ps->name, full ? "t" : "f" };
	int		 rc = -1;

	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (db_exec(db, "INSERT INTO harvest_sync (tenant_id, resource)"
	    " VALUES (app_tenant(), $1) ON CONFLICT DO NOTHING", p, 1,
	    NULL) == -1 ||
	    db_exec(db, "UPDATE harvest_sync SET"
	    " updated_after = CASE WHEN $2::boolean THEN NULL"
	    " ELSE updated_after END,"
	    " next_url = CASE WHEN $2::boolean THEN NULL ELSE next_url END,"
	    " started_at = CASE WHEN $2::boolean OR next_url IS NULL"
	    " THEN now() ELSE started_at END,"
	    " items = CASE WHEN $2::boolean OR next_url IS NULL THEN 0"
	    " ELSE items END WHERE resource = $1 RETURNING"
	    " to_char(updated_after AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), next_url", p, 2,
	    &rows) == -1 || db_commit(db) == -1)
		goto out;
	if (!db_null(&rows, 0, 0))
		buf_adds(&ps->after, db_str(&rows, 0, 0));
	if (!db_null(&rows, 0, 1))
		buf_adds(&ps->next, db_str(&rows, 0, 1));
	rc = 0;
out:
	if (rc == -1)
		db_rollback(db);
	db_rows_release(&rows);
	return rc;
}

static int
pass_end(struct db *db, int64_t tenant, const struct pass *ps,
    const char *error, bool restart)
{
	char		 ov[21];
	const char	*p[3] = { ps->name, error, restart ? "t" : "f" };
	int		 rc;

	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	p[1] = error != NULL ? error : db_i64(ov, SYNC_OVERLAP_SECS);
	if (error == NULL)
		rc = db_exec(db, "UPDATE harvest_sync SET next_url = NULL,"
		    " updated_after = started_at - $2::int * interval '1 second',"
		    " finished_at = now(), last_error = NULL"
		    " WHERE resource = $1", p, 2, NULL);
	else
		rc = db_exec(db, "UPDATE harvest_sync SET last_error ="
		    " left($2, 1000), next_url = CASE WHEN $3::boolean THEN NULL"
		    " ELSE next_url END WHERE resource = $1", p, 3, NULL);
	if (rc == -1 || db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ passes */

static int
run_pass(struct db *db, struct harvest *h, struct pass *ps, bool full,
    struct sync_stats *st)
{
	struct harvest_page	 page;
	bool			 stored, clear = false;
	int			 rc = -1;

	memset(&page, 0, sizeof(page));
	if (pass_begin(db, h->tenant, ps, full) == -1)
		return -1;
	stored = ps->next.len > 0;
	if (harvest_list(h, ps->res, ps->after.len > 0 ? ps->after.ptr : NULL,
	    stored ? ps->next.ptr : NULL, &page) == -1) {
		clear = stored;	/* a stale resume point: start over next time */
		goto fail;
	}
	for (;;) {
		if (apply_page(db, h->tenant, ps, h->v3, &page, st) == -1)
			goto fail;
		if (page.next_url == NULL)
			break;
		buf_reset(&ps->next);
		buf_adds(&ps->next, page.next_url);
		if (harvest_list(h, ps->res, NULL, ps->next.ptr, &page) == -1)
			goto fail;
	}
	rc = pass_end(db, h->tenant, ps, NULL, false);
	harvest_page_release(&page);
	return rc;
fail:
	(void)pass_end(db, h->tenant, ps, "Harvest or the database failed; "
	    "see the log", clear);
	harvest_page_release(&page);
	return -1;
}

static int
lock(struct db *db, int64_t tenant, bool take, bool *got)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 c[21], t[21];
	const char	*p[2] = { db_i64(c, LOCK_CLASS), db_i64(t, tenant) };
	int		 rc;

	if (take)
		rc = db_exec(db, "SELECT pg_try_advisory_lock($1::int,"
		    " $2::int)", p, 2, &rows);
	else
		rc = db_exec(db, "SELECT pg_advisory_unlock($1::int, $2::int)",
		    p, 2, &rows);
	if (got != NULL)
		*got = rc == 0 && db_bool(&rows, 0, 0);
	db_rows_release(&rows);
	return rc;
}

int
sync_tenant(struct db *db, int64_t tenant, bool full, struct sync_stats *st)
{
	struct harvest	 h;
	struct pass	 ps;
	size_t		 i;
	bool		 got = false;
	int		 rc = -1;

	memset(st, 0, sizeof(*st));
	if (harvest_open(&h, db, tenant, &st->configured) == -1) {
		harvest_close(&h);
		return -1;
	}
	if (!st->configured) {
		harvest_close(&h);
		return 0;
	}
	if (lock(db, tenant, true, &got) == -1) {
		harvest_close(&h);
		return -1;
	}
	if (!got) {		/* another sync of this tenant is running */
		st->busy = true;
		harvest_close(&h);
		return 0;
	}
	for (i = 0; i < sizeof(passes) / sizeof(passes[0]); i++) {
		memset(&ps, 0, sizeof(ps));
		ps.name = passes[i].name;
		ps.res = passes[i].res;
		rc = run_pass(db, &h, &ps, full, st);
		buf_release(&ps.after);
		buf_release(&ps.next);
		if (rc == -1)
			break;
	}
	(void)lock(db, tenant, false, NULL);
	harvest_close(&h);
	return rc;
}

int
sync_all(struct db *db)
{
	struct db_rows		 t = DB_ROWS_INIT;
	struct sync_stats	 st;
	size_t			 i;
	int			 rc = 0;

	if (db_exec(db, "SELECT harvest_tenants()", NULL, 0, &t) == -1)
		return -1;
	for (i = 0; i < t.nrows; i++) {
		if (sync_tenant(db, db_int(&t, i, 0), false, &st) == -1) {
			rc = -1;
			if (db->err == DB_ERR_CONN)
				break;
		} else if (st.items > 0 || st.skipped > 0)
			log_info("sync tenant %lld: %lld applied, %lld skipped",
			    (long long)db_int(&t, i, 0), (long long)st.items,
			    (long long)st.skipped);
	}
	db_rows_release(&t);
	return rc;
}
