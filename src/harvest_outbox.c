/*
 * harvest_outbox.c - Harvest writes through the outbox.
 *
 * Owns: the "harvest.consent" and "harvest.prospect" outbox kinds:
 * their payloads, queueing them in the caller's transaction, delivering
 * them from loop-cron (a consent write superseded by a newer one for the
 * same candidate is skipped, so retries cannot reorder them), linking a
 * created prospect back to its person.
 * Not here: the HTTP calls (harvest.c), retry scheduling (outbox.c).
 */
#include "harvest.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "gh_map.h"
#include "jsonx.h"
#include "log.h"
#include "person.h"
#include "banned.h"

int
harvest_queue_consent(struct db *db, int64_t person_id, int64_t candidate_id,
    bool yes)
{
	struct json_object	*p = json_object_new_object();
	bool			 queued;
	int			 rc;

	json_object_object_add(p, "person_id", json_object_new_int64(person_id));
	json_object_object_add(p, "greenhouse_id",
	    json_object_new_int64(candidate_id));
	json_object_object_add(p, "value",
	    json_object_new_string(yes ? "yes" : "no"));
	rc = outbox_queue(db, "harvest.consent", NULL, p, &queued);
	json_object_put(p);
	return rc;
}

int
harvest_queue_prospect(struct db *db, int64_t person_id,
    const struct person_rec *rec)
{
	struct json_object	*p = json_object_new_object();
	char			 key[48];
	bool			 queued;
	int			 rc;

	json_object_object_add(p, "person_id", json_object_new_int64(person_id));
	json_object_object_add(p, "prospect", gh_prospect_body(rec));
	snprintf(key, sizeof(key), "harvest.prospect:%lld",
	    (long long)person_id);
	rc = outbox_queue(db, "harvest.prospect", key, p, &queued);
	json_object_put(p);
	return rc;
}

/* Is there a newer consent write for the same candidate? */
static int
superseded(struct db *db, const struct outbox_item *it, int64_t cand,
    bool *yes)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21], c[21];
	const char	*p[2] = { db_i64(id, it->id), db_i64(c, cand) };
	int		 rc = -1;

	if (db_begin_tenant(db, it->tenant_id) == -1)
		return -1;
	if (db_exec(db, "SELECT 1 FROM outbox WHERE kind ="
	    " 'harvest.consent' AND id > $1::bigint AND status <> 'failed'"
	    " AND payload->>'greenhouse_id' = $2 LIMIT 1", p, 2, &rows) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		goto out;
	}
	*yes = rows.nrows > 0;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
harvest_deliver_consent(struct db *db, const struct outbox_item *it,
    struct json_object **result, struct buf *err, bool *permanent)
{
	struct harvest	 h;
	const char	*v;
	int64_t		 cand;
	bool		 f1, f2, configured, newer = false;
	int		 rc = -1;

	memset(&h, 0, sizeof(h));
	if (jsonx_int64(it->payload, "greenhouse_id", &cand, &f1) == -1 ||
	    jsonx_str(it->payload, "value", &v, &f2) == -1 || !f1 || !f2 ||
	    (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
		buf_adds(err, "harvest.consent: bad payload");
		*permanent = true;
		return -1;
	}
	if (superseded(db, it, cand, &newer) == -1)
		return -1;
	*result = json_object_new_object();
	json_object_object_add(*result, "greenhouse_id",
	    json_object_new_int64(cand));
	if (newer) {
		json_object_object_add(*result, "superseded",
		    json_object_new_boolean(true));
		return 0;
	}
	if (harvest_open(&h, db, it->tenant_id, &configured) == -1)
		goto out;
	if (!configured) {
		buf_adds(err, "Harvest is not configured for this tenant");
		goto out;
	}
	rc = harvest_set_sms_consent(&h, cand, strcmp(v, "yes") == 0, err,
	    permanent);
	json_object_object_add(*result, "value", json_object_new_string(v));
out:
	harvest_close(&h);
	return rc;
}

/* The stored prospect body back into a person_rec (borrowing from it). */
static void
prospect_rec(struct json_object *b, struct person_rec *rec)
{
	struct json_object	*arr, *el;
	const char		*v, *t;
	size_t			 i, n;
	bool			 found;
	int			 k;

	memset(rec, 0, sizeof(*rec));
	(void)jsonx_str(b, "first_name", &rec->first_name, &found);
	(void)jsonx_str(b, "last_name", &rec->last_name, &found);
	(void)jsonx_str(b, "company", &rec->company, &found);
	(void)jsonx_str(b, "title", &rec->title, &found);
	for (k = 0; k < 2; k++) {
		if (jsonx_arr(b, k == 0 ? "email_addresses" : "phone_numbers",
		    &arr, &found) == -1 || !found)
			continue;
		n = json_object_array_length(arr);
		for (i = 0; i < n && i < PERSON_MAX_CONTACTS; i++) {
			el = json_object_array_get_idx(arr, i);
			if (jsonx_str(el, "value", &v, &found) == -1 || !found ||
			    jsonx_str(el, "type", &t, &found) == -1)
				continue;
			if (k == 0)
				rec->emails[rec->nemails++] =
				    (struct person_email){ v, t };
			else
				rec->phones[rec->nphones++] =
				    (struct person_phone){ v, t };
		}
	}
}

/* Links the new Greenhouse id to the person, unless another has it. */
static int
link_person(struct db *db, int64_t tenant, int64_t person, int64_t gh_id,
    bool *linked)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21], gh[21];
	const char	*p[2] = { db_i64(pid, person), db_i64(gh, gh_id) };
	int		 rc = -1;

	*linked = false;
	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (db_exec(db, "UPDATE people SET greenhouse_id = $2::bigint,"
	    " kind = 'prospect', updated_at = now() WHERE id = $1::bigint"
	    " AND greenhouse_id IS NULL AND NOT EXISTS (SELECT 1 FROM people"
	    " WHERE greenhouse_id = $2::bigint) RETURNING id", p, 2,
	    &rows) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		goto out;
	}
	*linked = rows.nrows == 1;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
harvest_deliver_prospect(struct db *db, const struct outbox_item *it,
    struct json_object **result, struct buf *err, bool *permanent)
{
	struct harvest		 h;
	struct json_object	*body;
	struct person_rec	 rec;
	int64_t			 person, gh_id = 0;
	bool			 found, configured, linked = false;
	int			 rc = -1;

	memset(&h, 0, sizeof(h));
	if (jsonx_int64(it->payload, "person_id", &person, &found) == -1 ||
	    !found || jsonx_obj(it->payload, "prospect", &body, &found) == -1 ||
	    !found) {
		buf_adds(err, "harvest.prospect: bad payload");
		*permanent = true;
		return -1;
	}
	prospect_rec(body, &rec);
	if (harvest_open(&h, db, it->tenant_id, &configured) == -1)
		goto out;
	if (!configured) {
		buf_adds(err, "Harvest is not configured for this tenant");
		goto out;
	}
	if (harvest_add_prospect(&h, &rec, &gh_id, err, permanent) == -1)
		goto out;
	/* Created in Greenhouse: a failure to link must not re-create it. */
	if (link_person(db, it->tenant_id, person, gh_id, &linked) == -1)
		log_err("harvest.prospect: person %lld not linked to %lld",
		    (long long)person, (long long)gh_id);
	*result = json_object_new_object();
	json_object_object_add(*result, "greenhouse_id",
	    json_object_new_int64(gh_id));
	json_object_object_add(*result, "linked",
	    json_object_new_boolean(linked));
	rc = 0;
out:
	harvest_close(&h);
	return rc;
}
