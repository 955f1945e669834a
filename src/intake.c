/*
 * intake.c - adding people to the CRM by hand, by API, by upload.
 *
 * Owns: the duplicate check before a save, the owner and source of a new
 * person, the "harvest.prospect" queueing, merging an uploaded row's
 * contacts into an existing person.
 * Not here: the person tables' write rules (person.c), field checks
 * (callers, with val.h), Harvest delivery (harvest_outbox.c).
 * Nothing here allocates beyond the call.
 */
#include "intake.h"

#include <string.h>

#include "buf.h"
#include "harvest.h"
#include "person.h"
#include "tenant.h"
#include "val.h"
#include "optin.h"
#include "banned.h"

enum { F_FIRST, F_LAST, F_EMAIL, F_PHONE, F_TYPE, F__MAX };
static const struct val_field person_fields[F__MAX] = {
	[F_FIRST] =	{ "first_name", VAL_NAME, VAL_REQUIRED, 100 },
	[F_LAST] =	{ "last_name", VAL_NAME, VAL_REQUIRED, 100 },
	[F_EMAIL] =	{ "email", VAL_EMAIL, VAL_OPTIONAL, 254 },
	[F_PHONE] =	{ "phone", VAL_E164, VAL_OPTIONAL, 16 },
	[F_TYPE] =	{ "type", VAL_TEXT, VAL_OPTIONAL, 20 },
};

int
intake_from_form(struct kvlist *form, struct intake_person *p,
    struct buf *why)
{
	struct val_value	 v[F__MAX];

	memset(p, 0, sizeof(*p));
	if (val_form(form, person_fields, F__MAX, v, why) == -1)
		return -1;
	if (v[F_TYPE].present && strcmp(v[F_TYPE].str, "candidate") != 0 &&
	    strcmp(v[F_TYPE].str, "prospect") != 0) {
		buf_reset(why);
		buf_adds(why, "type must be candidate or prospect");
		return -1;
	}
	p->first_name = v[F_FIRST].str;
	p->last_name = v[F_LAST].str;
	p->email = v[F_EMAIL].present ? v[F_EMAIL].str : NULL;
	p->phone = v[F_PHONE].present ? v[F_PHONE].str : NULL;
	p->kind = v[F_TYPE].present ? v[F_TYPE].str : "candidate";
	return 0;
}

int
intake_opts_load(struct db *db, int64_t tenant, struct intake_opts *o)
{
	struct buf	 v = BUF_INIT;
	bool		 found = false;
	int		 rc = -1;

	memset(o, 0, sizeof(*o));
	if (tenant_get(db, tenant, "harvest_client_id", &v, &found) == -1)
		goto out;
	if (!found && tenant_get(db, tenant, "harvest_api_key", &v,
	    &found) == -1)
		goto out;
	o->harvest = found;
	if (optin_auto_enabled(db, tenant, &o->auto_email) == -1)
		goto out;
	rc = 0;
out:
	buf_release(&v);
	return rc;
}

/* The newest person holding the email or the phone; 0 when none. */
static int
find_dup(struct db *db, const char *email, const char *phone, int64_t *dup)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 low = BUF_INIT;
	const char	*p[2];
	int		 rc = -1;

	*dup = 0;
	if (email == NULL && phone == NULL)
		return 0;
	if (email != NULL) {
		buf_adds(&low, email);
		val_lower_ascii(low.ptr);
	}
	p[0] = email != NULL ? low.ptr : NULL;
	p[1] = phone;
	if (db_exec(db, "SELECT max(person_id) FROM (SELECT person_id FROM"
	    " person_emails WHERE email = $1 UNION ALL SELECT person_id FROM"
	    " person_phones WHERE e164 = $2) d", p, 2, &rows) == -1)
		goto out;
	*dup = db_int(&rows, 0, 0);
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&low);
	return rc;
}

static void
rec_from(const struct intake_person *p, struct person_rec *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->kind = p->kind;
	rec->first_name = p->first_name;
	rec->last_name = p->last_name;
	rec->owner_id = p->owner_id;
	rec->source = p->source;
	if (p->email != NULL) {
		rec->emails[0].email = p->email;
		rec->emails[0].type = "personal";
		rec->nemails = 1;
	}
	if (p->phone != NULL) {
		rec->phones[0].raw = p->phone;
		rec->phones[0].type = "mobile";
		rec->nphones = 1;
	}
}

int
intake_add(struct db *db, const struct intake_person *p,
    const struct intake_opts *o, int64_t *id, int64_t *dup)
{
	struct person_rec	 rec;
	enum person_saved	 what;

	*id = 0;
	if (find_dup(db, p->email, p->phone, dup) == -1)
		return -1;
	if (*dup > 0)
		return 0;
	rec_from(p, &rec);
	if (person_save(db, &rec, id, &what) == -1)
		return -1;
	if (o->harvest && harvest_queue_prospect(db, *id, &rec) == -1)
		return -1;
	/* Someone new without consent may get the opt-in email (issue 5). */
	return o->auto_email ? optin_auto_email(db, 0, *id) : 0;
}

int
intake_merge(struct db *db, int64_t id, const struct intake_person *p,
    bool *changed)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 low = BUF_INIT;
	char		 pid[21];
	const char	*q[3];
	int		 rc = -1;

	*changed = false;
	if (p->email != NULL) {
		buf_adds(&low, p->email);
		val_lower_ascii(low.ptr);
	}
	q[0] = db_i64(pid, id);
	q[1] = p->email != NULL ? low.ptr : NULL;
	q[2] = p->phone;
	/* One statement: the new email, the new phone after the last seq. */
	if (db_exec(db, "WITH e AS (INSERT INTO person_emails (tenant_id,"
	    " person_id, email, type, is_primary) SELECT app_tenant(),"
	    " $1::bigint, $2::text, 'personal', NOT EXISTS (SELECT 1 FROM"
	    " person_emails WHERE person_id = $1::bigint) WHERE $2::text IS"
	    " NOT NULL ON CONFLICT DO NOTHING RETURNING 1), ph AS (INSERT INTO"
	    " person_phones (tenant_id, person_id, seq, raw, e164, type)"
	    " SELECT app_tenant(), $1::bigint, COALESCE(max(seq) + 1, 0),"
	    " $3::text, $3::text, 'mobile' FROM person_phones WHERE person_id ="
	    " $1::bigint HAVING $3::text IS NOT NULL AND NOT bool_or(e164 IS"
	    " NOT DISTINCT FROM $3::text) IS TRUE RETURNING 1)"
	    " SELECT (SELECT count(*) FROM e) + (SELECT count(*) FROM ph)",
	    q, 3, &rows) == -1)
		goto out;
	*changed = db_int(&rows, 0, 0) > 0;
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&low);
	return rc;
}
