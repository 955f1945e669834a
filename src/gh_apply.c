/*
 * gh_apply.c - storing Greenhouse records in the caller's transaction.
 *
 * Owns: the canonical jsonb of a job, a job post and an application (the
 * field names sql/003's functions read), one call of those functions per
 * record, and the candidate delete with its tombstones.
 * Not here: the guards themselves (the SQL functions), people's record
 * (person.c), Greenhouse JSON (gh_map.c), the event log (gh_hook.c).
 */
#include "gh_apply.h"

#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "person.h"
#include "consent.h"
#include "optin.h"
#include "banned.h"

/* ------------------------------------------------------------ records */

static void
add_str(struct json_object *o, const char *key, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_object_add(o, key, json_object_new_string(v));
}

static void
add_id(struct json_object *o, const char *key, int64_t v)
{
	if (v > 0)
		json_object_object_add(o, key, json_object_new_int64(v));
}

/*
 * JSON text that gh_map.c serialised with json-c, embedded again as a
 * value: trusted, so json-c's own parser does (jsonx's strict pass is for
 * input from outside).
 */
static void
add_json(struct json_object *o, const char *key, const char *text)
{
	struct json_object	*v;

	if (text != NULL && (v = json_tokener_parse(text)) != NULL)
		json_object_object_add(o, key, v);
}

static struct json_object *
job_json(const struct gh_job *j)
{
	struct json_object	*o = json_object_new_object();

	add_id(o, "greenhouse_id", j->gh_id);
	add_str(o, "name", j->name);
	add_str(o, "requisition_id", j->requisition_id);
	add_str(o, "status", j->status);
	add_json(o, "offices", j->offices_json);
	add_json(o, "departments", j->departments_json);
	add_str(o, "opened_at", j->opened_at);
	add_str(o, "closed_at", j->closed_at);
	add_str(o, "updated_at", j->updated_at);
	return o;
}

static struct json_object *
post_json(const struct gh_job_post *p)
{
	struct json_object	*o = json_object_new_object();

	add_id(o, "greenhouse_id", p->gh_id);
	add_id(o, "job_id", p->job_gh_id);
	add_str(o, "title", p->title);
	add_str(o, "location", p->location);
	add_str(o, "public_url", p->public_url);
	if (p->content != NULL)
		json_object_object_add(o, "content",
		    json_object_new_string(p->content));
	add_str(o, "updated_at", p->updated_at);
	json_object_object_add(o, "live", json_object_new_boolean(p->live));
	json_object_object_add(o, "internal",
	    json_object_new_boolean(p->internal));
	json_object_object_add(o, "external",
	    json_object_new_boolean(p->external));
	return o;
}

static struct json_object *
app_json(const struct gh_application *a)
{
	struct json_object	*o = json_object_new_object();
	struct buf		 jobs = BUF_INIT;
	size_t			 i;

	add_id(o, "greenhouse_id", a->gh_id);
	/* A bigint[] literal, "{1,2}": SQL casts it without a query. */
	buf_addc(&jobs, '{');
	for (i = 0; i < a->njobs; i++)
		buf_addf(&jobs, "%s%lld", i > 0 ? "," : "",
		    (long long)a->job_gh_ids[i]);
	buf_addc(&jobs, '}');
	add_str(o, "job_ids", jobs.ptr);
	buf_release(&jobs);
	add_str(o, "status", a->status);
	add_id(o, "stage_id", a->stage_gh_id);
	add_str(o, "stage_name", a->stage_name);
	json_object_object_add(o, "prospect",
	    json_object_new_boolean(a->prospect));
	add_str(o, "source_name", a->source_name);
	add_str(o, "applied_at", a->applied_at);
	add_str(o, "rejected_at", a->rejected_at);
	add_str(o, "last_activity_at", a->last_activity_at);
	add_str(o, "updated_at", a->updated_at);
	return o;
}

struct json_object *
gh_apply_record(const struct gh_event *ev)
{
	struct json_object	*o = json_object_new_object(), *jobs;
	size_t			 i;

	if (ev->has_person)
		json_object_object_add(o, "person", person_gh_json(&ev->person));
	if (ev->has_application) {
		json_object_object_add(o, "app", app_json(&ev->app));
		jobs = json_object_new_array();
		for (i = 0; i < ev->njobs; i++)
			json_object_array_add(jobs, job_json(&ev->jobs[i]));
		json_object_object_add(o, "jobs", jobs);
	}
	if (ev->has_post)
		json_object_object_add(o, "post", post_json(&ev->post));
	return o;
}

/* ------------------------------------------------------------ writes */

enum record_fn { FN_JOB, FN_POST, FN_APP };

/* Runs one of sql/003's record functions (takes rec): its answer. */
static int
call(struct db *db, enum record_fn fn, struct json_object *rec,
    const char *arg2, const char *arg3, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*p[3], *w;
	int		 rc;

	p[0] = json_object_to_json_string_ext(rec, JSON_C_TO_STRING_PLAIN);
	p[1] = arg2;
	p[2] = arg3;
	if (fn == FN_JOB)
		rc = db_exec(db, "SELECT gh_job_save($1::jsonb)", p, 1, &rows);
	else if (fn == FN_POST)
		rc = db_exec(db, "SELECT gh_post_save($1::jsonb)", p, 1, &rows);
	else
		rc = db_exec(db, "SELECT what FROM gh_app_save($1::jsonb,"
		    " $2::bigint, $3::boolean)", p, 3, &rows);
	if (rc == 0) {
		w = db_str(&rows, 0, 0);
		*did = w == NULL ? GH_DID_STALE :
		    strcmp(w, "changed") == 0 ? GH_DID_CHANGE :
		    strcmp(w, "gone") == 0 ? GH_DID_GONE : GH_DID_STALE;
	}
	db_rows_release(&rows);
	json_object_put(rec);
	return rc;
}

int
gh_apply_person(struct db *db, const struct person_rec *rec, int64_t *id,
    enum gh_did *did)
{
	enum person_saved	 what;

	if (person_save(db, rec, id, &what) == -1)
		return -1;
	*did = what == PERSON_DELETED ? GH_DID_GONE :
	    what == PERSON_STALE ? GH_DID_STALE : GH_DID_CHANGE;
	return 0;
}

int
gh_apply_job(struct db *db, const struct gh_job *j, enum gh_did *did)
{
	return call(db, FN_JOB, job_json(j), NULL, NULL, did);
}

int
gh_apply_job_post(struct db *db, const struct gh_job_post *jp,
    enum gh_did *did)
{
	return call(db, FN_POST, post_json(jp), NULL, NULL, did);
}

int
gh_apply_application(struct db *db, const struct gh_application *a,
    int64_t person_id, bool stage, enum gh_did *did)
{
	char	 pid[21];

	return call(db, FN_APP, app_json(a), db_i64(pid, person_id),
	    stage ? "t" : "f", did);
}

/* Runs gh_app_delete() or gh_post_delete() (sql/003). */
static int
delete_by(struct db *db, bool app, int64_t gh_id, enum gh_did *did)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21];
	const char	*p[1] = { db_i64(id, gh_id) };
	int		 rc;

	rc = app ? db_exec(db, "SELECT gh_app_delete($1::bigint)", p, 1, &rows)
	    : db_exec(db, "SELECT gh_post_delete($1::bigint)", p, 1, &rows);
	if (rc == 0)
		*did = db_str(&rows, 0, 0) != NULL &&
		    strcmp(db_str(&rows, 0, 0), "changed") == 0 ?
		    GH_DID_CHANGE : GH_DID_GONE;
	db_rows_release(&rows);
	return rc;
}

int
gh_apply_delete_application(struct db *db, int64_t gh_id, enum gh_did *did)
{
	return delete_by(db, true, gh_id, did);
}

int
gh_apply_delete_job_post(struct db *db, int64_t gh_id, enum gh_did *did)
{
	return delete_by(db, false, gh_id, did);
}

int
gh_apply_delete_candidate(struct db *db, int64_t gh_id,
    const int64_t *app_ids, size_t napps, enum gh_did *did)
{
	enum gh_did	 d;
	char		 id[21];
	const char	*p[1] = { db_i64(id, gh_id) };
	int64_t		 pid = 0;
	bool		 found = false, gone = false;
	size_t		 i;

	*did = GH_DID_GONE;
	if (person_by_greenhouse(db, gh_id, &pid, &found) == -1)
		return -1;
	/* person.c leaves phone hashes when SMS consent was revoked;
	 * applications and stage changes go with the person. */
	if (found && person_delete(db, pid, &gone) == -1)
		return -1;
	if (gone)
		*did = GH_DID_CHANGE;
	for (i = 0; i < napps; i++)	/* tombstones them too */
		if (gh_apply_delete_application(db, app_ids[i], &d) == -1)
			return -1;
	return db_exec(db, "INSERT INTO gh_tombstones (tenant_id, object,"
	    " greenhouse_id) VALUES (app_tenant(), 'candidate', $1::bigint)"
	    " ON CONFLICT DO NOTHING", p, 1, NULL);
}

int
gh_apply_person_after(struct db *db, int64_t tenant, int64_t person,
    enum gh_hint hint, const char *updated_at, const char *event_id)
{
	if (hint != GH_HINT_NONE && consent_from_greenhouse(db, person,
	    hint == GH_HINT_YES, updated_at, event_id) == -1)
		return -1;
	return optin_auto_email(db, tenant, person);
}
