/*
 * gh_apply.c - storing Greenhouse records in the caller's transaction.
 *
 * Owns: the upserts of jobs, job posts and applications (each guarded by
 * its Greenhouse ordering time, and by the tombstone of a deletion), the
 * append-only stage changes, the deletes with their tombstones, and which
 * records each webhook action writes.
 * Not here: people's rows (person.c), JSON, the event log (gh_hook.c).
 */
#include "gh_apply.h"

#include <string.h>

#include "buf.h"
#include "person.h"
#include "banned.h"

static const char *
or_null(const char *s)
{
	return (s != NULL && *s != '\0') ? s : NULL;
}

static int
tombstoned(struct db *db, const char *object, int64_t gh_id, bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[2] = { object, db_i64(id, gh_id) };
	int		 rc = -1;

	if (db_exec(db, "SELECT 1 FROM gh_tombstones WHERE object = $1"
	    " AND greenhouse_id = $2::bigint", p, 2, &rows) == -1)
		goto out;
	*yes = rows.nrows > 0;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

static int
tombstone(struct db *db, const char *object, int64_t gh_id)
{
	char		 id[21];
	const char	*p[2] = { object, db_i64(id, gh_id) };

	return db_exec(db, "INSERT INTO gh_tombstones (tenant_id, object,"
	    " greenhouse_id) VALUES (app_tenant(), $1, $2::bigint)"
	    " ON CONFLICT DO NOTHING", p, 2, NULL);
}

int
gh_apply_person(struct db *db, const struct person_rec *rec, int64_t *id,
    enum gh_did *did)
{
	enum person_saved	 what;
	bool			 gone = false;

	*id = 0;
	*did = GH_DID_GONE;
	if (tombstoned(db, "candidate", rec->greenhouse_id, &gone) == -1)
		return -1;
	if (gone)
		return 0;
	if (person_save(db, rec, id, &what) == -1)
		return -1;
	*did = what == PERSON_STALE ? GH_DID_STALE : GH_DID_CHANGE;
	return 0;
}

int
gh_apply_job(struct db *db, const struct gh_job *j, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[9];
	int		 rc = -1;

	p[0] = db_i64(id, j->gh_id);
	p[1] = j->name != NULL ? j->name : "";
	p[2] = or_null(j->requisition_id);
	p[3] = or_null(j->status);
	p[4] = j->offices_json;
	p[5] = j->departments_json;
	p[6] = or_null(j->opened_at);
	p[7] = or_null(j->closed_at);
	p[8] = or_null(j->updated_at);
	if (db_exec(db,
	    "INSERT INTO jobs AS j (tenant_id, greenhouse_id, name,"
	    " requisition_id, status, offices, departments, opened_at,"
	    " closed_at, gh_updated_at) VALUES (app_tenant(), $1::bigint, $2,"
	    " $3, $4, COALESCE($5::jsonb, '[]'), COALESCE($6::jsonb, '[]'),"
	    " $7::timestamptz, $8::timestamptz, $9::timestamptz)"
	    " ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET"
	    " name = EXCLUDED.name, requisition_id = EXCLUDED.requisition_id,"
	    " status = COALESCE(EXCLUDED.status, j.status),"
	    " offices = COALESCE($5::jsonb, j.offices),"
	    " departments = COALESCE($6::jsonb, j.departments),"
	    " opened_at = COALESCE(EXCLUDED.opened_at, j.opened_at),"
	    " closed_at = EXCLUDED.closed_at,"
	    " gh_updated_at = COALESCE(EXCLUDED.gh_updated_at,"
	    " j.gh_updated_at), updated_at = now()"
	    " WHERE j.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL"
	    " OR EXCLUDED.gh_updated_at >= j.gh_updated_at RETURNING id",
	    p, 9, &rows) == -1)
		goto out;
	*did = rows.nrows == 1 ? GH_DID_CHANGE : GH_DID_STALE;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
gh_apply_job_post(struct db *db, const struct gh_job_post *jp,
    enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21], job[21];
	const char	*p[10];
	int		 rc = -1;

	p[0] = db_i64(id, jp->gh_id);
	p[1] = jp->job_gh_id > 0 ? db_i64(job, jp->job_gh_id) : NULL;
	p[2] = jp->title != NULL ? jp->title : "";
	p[3] = or_null(jp->location);
	p[4] = jp->live ? "t" : "f";
	p[5] = jp->internal ? "t" : "f";
	p[6] = jp->external ? "t" : "f";
	p[7] = or_null(jp->public_url);
	p[8] = jp->content;
	p[9] = or_null(jp->updated_at);
	if (db_exec(db,
	    "INSERT INTO job_posts AS jp (tenant_id, greenhouse_id, job_gh_id,"
	    " title, location, live, internal, external, public_url, content,"
	    " gh_updated_at) SELECT app_tenant(), $1::bigint, $2::bigint, $3,"
	    " $4, $5::boolean, $6::boolean, $7::boolean, $8, $9,"
	    " $10::timestamptz WHERE NOT EXISTS (SELECT 1 FROM gh_tombstones"
	    " WHERE object = 'job_post' AND greenhouse_id = $1::bigint)"
	    " ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET"
	    " job_gh_id = EXCLUDED.job_gh_id, title = EXCLUDED.title,"
	    " location = EXCLUDED.location, live = EXCLUDED.live,"
	    " internal = EXCLUDED.internal, external = EXCLUDED.external,"
	    " public_url = COALESCE(EXCLUDED.public_url, jp.public_url),"
	    " content = EXCLUDED.content,"
	    " gh_updated_at = COALESCE(EXCLUDED.gh_updated_at,"
	    " jp.gh_updated_at), updated_at = now()"
	    " WHERE jp.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL"
	    " OR EXCLUDED.gh_updated_at >= jp.gh_updated_at RETURNING id",
	    p, 10, &rows) == -1)
		goto out;
	*did = rows.nrows == 1 ? GH_DID_CHANGE : GH_DID_STALE;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

/* "{1,2,3}": the jobs as a Postgres array literal (a parameter value). */
static void
id_array(const int64_t *ids, size_t n, struct buf *out)
{
	size_t	 i;

	buf_addc(out, '{');
	for (i = 0; i < n; i++)
		buf_addf(out, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	buf_addc(out, '}');
}

/* The id of a stored application when the upsert wrote nothing. */
static int
app_lookup(struct db *db, int64_t gh_id, int64_t *app_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, gh_id) };

	if (db_exec(db, "SELECT id FROM applications WHERE greenhouse_id ="
	    " $1::bigint", p, 1, &rows) == -1)
		return -1;
	*did = rows.nrows == 1 ? GH_DID_STALE : GH_DID_GONE;
	*app_id = rows.nrows == 1 ? db_int(&rows, 0, 0) : 0;
	db_rows_release(&rows);
	return 0;
}

int
gh_apply_application(struct db *db, const struct gh_application *a,
    int64_t person_id, int64_t *app_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 jobs = BUF_INIT;
	char		 id[21], pid[21], job[21], stage[21];
	const char	*p[13];
	int		 rc = -1;

	id_array(a->job_gh_ids, a->njobs, &jobs);
	p[0] = db_i64(id, a->gh_id);
	p[1] = db_i64(pid, person_id);
	p[2] = a->njobs > 0 ? db_i64(job, a->job_gh_ids[0]) : NULL;
	p[3] = jobs.ptr;
	p[4] = or_null(a->status);
	p[5] = a->stage_gh_id > 0 ? db_i64(stage, a->stage_gh_id) : NULL;
	p[6] = or_null(a->stage_name);
	p[7] = a->prospect ? "t" : "f";
	p[8] = or_null(a->source_name);
	p[9] = or_null(a->applied_at);
	p[10] = or_null(a->rejected_at);
	p[11] = or_null(a->last_activity_at);
	p[12] = or_null(a->updated_at);
	if (db_exec(db,
	    "INSERT INTO applications AS a (tenant_id, greenhouse_id,"
	    " person_id, job_gh_id, job_gh_ids, status, stage_gh_id,"
	    " stage_name, prospect, source_name, applied_at, rejected_at,"
	    " last_activity_at, gh_updated_at) SELECT app_tenant(),"
	    " $1::bigint, $2::bigint, $3::bigint, $4::bigint[], $5,"
	    " $6::bigint, $7, $8::boolean, $9, $10::timestamptz,"
	    " $11::timestamptz, $12::timestamptz, $13::timestamptz"
	    " WHERE NOT EXISTS (SELECT 1 FROM gh_tombstones WHERE"
	    " object = 'application' AND greenhouse_id = $1::bigint)"
	    " ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET"
	    " person_id = EXCLUDED.person_id, job_gh_id = EXCLUDED.job_gh_id,"
	    " job_gh_ids = EXCLUDED.job_gh_ids, status = EXCLUDED.status,"
	    " stage_gh_id = EXCLUDED.stage_gh_id,"
	    " stage_name = EXCLUDED.stage_name, prospect = EXCLUDED.prospect,"
	    " source_name = COALESCE(EXCLUDED.source_name, a.source_name),"
	    " applied_at = COALESCE(EXCLUDED.applied_at, a.applied_at),"
	    " rejected_at = EXCLUDED.rejected_at,"
	    " last_activity_at = EXCLUDED.last_activity_at,"
	    " gh_updated_at = COALESCE(EXCLUDED.gh_updated_at,"
	    " a.gh_updated_at), updated_at = now()"
	    " WHERE a.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL"
	    " OR EXCLUDED.gh_updated_at >= a.gh_updated_at RETURNING id",
	    p, 13, &rows) == -1)
		goto out;
	if (rows.nrows == 1) {
		*app_id = db_int(&rows, 0, 0);
		*did = GH_DID_CHANGE;
	} else if (app_lookup(db, a->gh_id, app_id, did) == -1)
		goto out;
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&jobs);
	return rc;
}

int
gh_apply_stage_change(struct db *db, const struct gh_application *a,
    int64_t app_id, int64_t person_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21], aid[21], gh[21], job[21], stage[21];
	const char	*p[8];
	int		 rc = -1;

	p[0] = db_i64(pid, person_id);
	p[1] = db_i64(aid, app_id);
	p[2] = db_i64(gh, a->gh_id);
	p[3] = a->njobs > 0 ? db_i64(job, a->job_gh_ids[0]) : NULL;
	p[4] = a->stage_gh_id > 0 ? db_i64(stage, a->stage_gh_id) : NULL;
	p[5] = or_null(a->stage_name);
	p[6] = or_null(a->status);
	p[7] = or_null(a->last_activity_at);
	if (db_exec(db,
	    "INSERT INTO stage_changes (tenant_id, person_id, application_id,"
	    " application_gh_id, job_gh_id, stage_gh_id, stage_name, status,"
	    " changed_at) VALUES (app_tenant(), $1::bigint, $2::bigint,"
	    " $3::bigint, $4::bigint, $5::bigint, $6, $7, $8::timestamptz)"
	    " ON CONFLICT DO NOTHING RETURNING id", p, 8, &rows) == -1)
		goto out;
	*did = rows.nrows == 1 ? GH_DID_CHANGE : GH_DID_STALE;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
gh_apply_delete_candidate(struct db *db, int64_t gh_id,
    const int64_t *app_ids, size_t napps, enum gh_did *did)
{
	struct buf	 ids = BUF_INIT;
	const char	*p[1];
	int64_t		 id = 0;
	bool		 found = false, gone = false;
	size_t		 i;
	int		 rc = -1;

	*did = GH_DID_GONE;
	if (person_by_greenhouse(db, gh_id, &id, &found) == -1)
		goto out;
	/* person.c leaves phone hashes when SMS consent was revoked. */
	if (found && person_delete(db, id, &gone) == -1)
		goto out;
	if (gone)
		*did = GH_DID_CHANGE;
	id_array(app_ids, napps, &ids);
	p[0] = ids.ptr;
	if (napps > 0 && db_exec(db, "DELETE FROM applications WHERE"
	    " greenhouse_id = ANY($1::bigint[])", p, 1, NULL) == -1)
		goto out;
	for (i = 0; i < napps; i++)
		if (tombstone(db, "application", app_ids[i]) == -1)
			goto out;
	rc = tombstone(db, "candidate", gh_id);
out:
	buf_release(&ids);
	return rc;
}

int
gh_apply_delete_application(struct db *db, int64_t gh_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, gh_id) };
	int		 rc = -1;

	/* Its stage changes go with it (ON DELETE CASCADE). */
	if (db_exec(db, "DELETE FROM applications WHERE greenhouse_id ="
	    " $1::bigint RETURNING id", p, 1, &rows) == -1)
		goto out;
	*did = rows.nrows > 0 ? GH_DID_CHANGE : GH_DID_GONE;
	rc = tombstone(db, "application", gh_id);
out:
	db_rows_release(&rows);
	return rc;
}

int
gh_apply_delete_job_post(struct db *db, int64_t gh_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, gh_id) };
	int		 rc = -1;

	if (db_exec(db, "DELETE FROM job_posts WHERE greenhouse_id ="
	    " $1::bigint RETURNING id", p, 1, &rows) == -1)
		goto out;
	*did = rows.nrows > 0 ? GH_DID_CHANGE : GH_DID_GONE;
	rc = tombstone(db, "job_post", gh_id);
out:
	db_rows_release(&rows);
	return rc;
}

/* ------------------------------------------------------------ one event */

/* The person, their application, its jobs and (for a stage change) the
 * appended stage. Each part has its own ordering guard. */
static int
apply_application(struct db *db, const struct gh_event *ev, bool *changed,
    const char **note)
{
	enum gh_did	 did;
	int64_t		 person_id, app_id;
	size_t		 i;

	if (gh_apply_person(db, &ev->person, &person_id, &did) == -1)
		return -1;
	/*
	 * Consent hook: ev->consent_hint carries Greenhouse's
	 * sms_consent_given for person_id; consent.c takes it from here.
	 */
	if (did == GH_DID_GONE) {
		*note = "the candidate was deleted in Greenhouse";
		return 0;
	}
	*changed = *changed || did == GH_DID_CHANGE;
	for (i = 0; i < ev->njobs; i++) {
		if (gh_apply_job(db, &ev->jobs[i], &did) == -1)
			return -1;
		*changed = *changed || did == GH_DID_CHANGE;
	}
	if (gh_apply_application(db, &ev->app, person_id, &app_id, &did) == -1)
		return -1;
	*changed = *changed || did == GH_DID_CHANGE;
	if (did == GH_DID_GONE) {
		*note = "the application was deleted in Greenhouse";
		return 0;
	}
	if (ev->action != GH_CANDIDATE_STAGE_CHANGE)
		return 0;
	if (gh_apply_stage_change(db, &ev->app, app_id, person_id, &did) == -1)
		return -1;
	*changed = *changed || did == GH_DID_CHANGE;
	return 0;
}

static int
apply_other(struct db *db, const struct gh_event *ev, enum gh_did *did)
{
	int64_t	 id;

	switch (ev->action) {
	case GH_UPDATE_CANDIDATE:
		/* Consent hook: see apply_application(). */
		return gh_apply_person(db, &ev->person, &id, did);
	case GH_DELETE_CANDIDATE:
		return gh_apply_delete_candidate(db, ev->object_id,
		    ev->deleted_apps, ev->ndeleted, did);
	case GH_DELETE_APPLICATION:
		return gh_apply_delete_application(db, ev->object_id, did);
	case GH_JOB_POST_CREATED:
	case GH_JOB_POST_UPDATED:
		return gh_apply_job_post(db, &ev->post, did);
	case GH_JOB_POST_DELETED:
		return gh_apply_delete_job_post(db, ev->object_id, did);
	default:
		*did = GH_DID_GONE;
		return 0;
	}
}

int
gh_apply_event(struct db *db, const struct gh_event *ev, bool *changed,
    const char **note)
{
	enum gh_did	 did = GH_DID_GONE;

	*changed = false;
	*note = NULL;
	switch (ev->action) {
	case GH_NEW_CANDIDATE_APPLICATION:
	case GH_NEW_PROSPECT_APPLICATION:
	case GH_CANDIDATE_STAGE_CHANGE:
		if (apply_application(db, ev, changed, note) == -1)
			return -1;
		break;
	default:
		if (apply_other(db, ev, &did) == -1)
			return -1;
		*changed = did == GH_DID_CHANGE;
		if (did == GH_DID_GONE)
			*note = "nothing to change: unknown or deleted in "
			    "Greenhouse";
		break;
	}
	if (!*changed && *note == NULL)
		*note = "older than what is stored";
	return 0;
}
