/*
 * person.c - writing people: candidates and prospects with their emails
 * and phones.
 *
 * Owns: the upsert of a person (by id, or by Greenhouse id with the
 * "never older over newer" rule done in one statement so that two
 * concurrent deliveries cannot race), replacing contacts, deleting a
 * person (leaving one-way phone hashes behind when they had revoked SMS
 * consent, so that a re-created record stays suppressed).
 * Not here: reading and searching (people.c), consent rules (consent.c),
 * Greenhouse JSON (gh_map.c). Every call runs in the caller's tenant
 * transaction; nothing here begins or commits.
 */
#include "person.h"

#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "log.h"
#include "sec.h"
#include "val.h"
#include "banned.h"

#define PERSON_DEFAULT_CC	"1"

static const char *
or_null(const char *s)
{
	return (s != NULL && *s != '\0') ? s : NULL;
}

static const char *
kind_of(const struct person_rec *rec)
{
	if (rec->kind != NULL && strcmp(rec->kind, "prospect") == 0)
		return "prospect";
	return "candidate";
}

/*
 * Inserts or updates by Greenhouse id. The WHERE of the conflict clause
 * is the out-of-order guard: no row comes back when the stored change is
 * newer, and the caller then reports PERSON_STALE. A prospect application
 * never turns a candidate back into a prospect; a NULL kind keeps it.
 * The owner is the Loop user with the recruiter's email, when there is one.
 */
static int
upsert_gh(struct db *db, const struct person_rec *rec, const char *hash,
    int64_t *id, bool *applied, bool *created)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 gh[21], owner[21];
	const char	*p[16];
	int		 rc = -1;

	p[15] = hash;
	p[0] = rec->kind;
	p[1] = db_i64(gh, rec->greenhouse_id);
	p[2] = rec->first_name != NULL ? rec->first_name : "";
	p[3] = rec->last_name != NULL ? rec->last_name : "";
	p[4] = or_null(rec->company);
	p[5] = or_null(rec->title);
	p[6] = rec->owner_id > 0 ? db_i64(owner, rec->owner_id) : NULL;
	p[7] = rec->source != NULL ? rec->source : "greenhouse";
	p[8] = rec->addresses_json;
	p[9] = rec->tags_json;
	p[10] = rec->custom_fields_json;
	p[11] = or_null(rec->gh_created_at);
	p[12] = or_null(rec->gh_updated_at);
	p[13] = or_null(rec->owner_email);
	p[14] = rec->gh_recruiter_json;
	if (db_exec(db,
	    "INSERT INTO people AS p (tenant_id, kind, greenhouse_id,"
	    " first_name, last_name, company, title, owner_id, source,"
	    " addresses, tags, custom_fields, gh_created_at, gh_updated_at,"
	    " gh_recruiter, gh_hash) VALUES (app_tenant(),"
	    " COALESCE($1, 'candidate'),"
	    " $2::bigint, $3, $4, $5, $6, COALESCE($7::bigint, (SELECT u.id"
	    " FROM users u WHERE u.email = lower($14))), $8,"
	    " COALESCE($9::jsonb, '[]'), COALESCE($10::jsonb, '[]'),"
	    " COALESCE($11::jsonb, '{}'), $12::timestamptz, $13::timestamptz,"
	    " $15::jsonb, $16)"
	    " ON CONFLICT (tenant_id, greenhouse_id) DO UPDATE SET"
	    " gh_hash = EXCLUDED.gh_hash,"
	    " kind = CASE WHEN $1 IS NULL OR p.kind = 'candidate'"
	    " THEN p.kind ELSE EXCLUDED.kind END,"
	    " first_name = EXCLUDED.first_name,"
	    " last_name = EXCLUDED.last_name, company = EXCLUDED.company,"
	    " title = EXCLUDED.title,"
	    " owner_id = COALESCE(EXCLUDED.owner_id, p.owner_id),"
	    " addresses = COALESCE($9::jsonb, p.addresses),"
	    " tags = COALESCE($10::jsonb, p.tags),"
	    " custom_fields = COALESCE($11::jsonb, p.custom_fields),"
	    " gh_recruiter = COALESCE($15::jsonb, p.gh_recruiter),"
	    " gh_created_at = COALESCE(EXCLUDED.gh_created_at,"
	    " p.gh_created_at),"
	    " gh_updated_at = COALESCE(EXCLUDED.gh_updated_at,"
	    " p.gh_updated_at), updated_at = now()"
	    " WHERE p.gh_updated_at IS NULL OR EXCLUDED.gh_updated_at IS NULL"
	    " OR EXCLUDED.gh_updated_at >= p.gh_updated_at"
	    " RETURNING id, (xmax = 0)",
	    p, 16, &rows) == -1)
		goto out;
	*applied = rows.nrows == 1;
	*created = *applied && db_bool(&rows, 0, 1);
	if (*applied)
		*id = db_int(&rows, 0, 0);
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

/* Updates the person with rec->id; *found false when not this tenant's. */
static int
update_by_id(struct db *db, const struct person_rec *rec, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 id[21], owner[21];
	const char	*p[10];
	int		 rc = -1;

	p[0] = db_i64(id, rec->id);
	p[1] = kind_of(rec);
	p[2] = rec->first_name != NULL ? rec->first_name : "";
	p[3] = rec->last_name != NULL ? rec->last_name : "";
	p[4] = or_null(rec->company);
	p[5] = or_null(rec->title);
	p[6] = rec->owner_id > 0 ? db_i64(owner, rec->owner_id) : NULL;
	p[7] = rec->addresses_json;
	p[8] = rec->tags_json;
	p[9] = rec->custom_fields_json;
	if (db_exec(db,
	    "UPDATE people SET kind = $2, first_name = $3, last_name = $4,"
	    " company = $5, title = $6,"
	    " owner_id = COALESCE($7::bigint, owner_id),"
	    " addresses = COALESCE($8::jsonb, addresses),"
	    " tags = COALESCE($9::jsonb, tags),"
	    " custom_fields = COALESCE($10::jsonb, custom_fields),"
	    " updated_at = now() WHERE id = $1::bigint RETURNING id",
	    p, 10, &rows) == -1)
		goto out;
	*found = rows.nrows == 1;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

/* Inserts a person without a Greenhouse id (CRM, import, API, demo). */
static int
insert_plain(struct db *db, const struct person_rec *rec, int64_t *id)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 owner[21];
	const char	*p[10];
	int		 rc = -1;

	p[0] = kind_of(rec);
	p[1] = rec->first_name != NULL ? rec->first_name : "";
	p[2] = rec->last_name != NULL ? rec->last_name : "";
	p[3] = or_null(rec->company);
	p[4] = or_null(rec->title);
	p[5] = rec->owner_id > 0 ? db_i64(owner, rec->owner_id) : NULL;
	p[6] = rec->source != NULL ? rec->source : "crm";
	p[7] = rec->addresses_json;
	p[8] = rec->tags_json;
	p[9] = rec->custom_fields_json;
	if (db_exec(db,
	    "INSERT INTO people (tenant_id, kind, first_name, last_name,"
	    " company, title, owner_id, source, addresses, tags,"
	    " custom_fields) VALUES (app_tenant(), $1, $2, $3, $4, $5,"
	    " $6::bigint, $7, COALESCE($8::jsonb, '[]'),"
	    " COALESCE($9::jsonb, '[]'), COALESCE($10::jsonb, '{}'))"
	    " RETURNING id", p, 10, &rows) == -1)
		goto out;
	*id = db_int(&rows, 0, 0);
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

static int
emails_replace(struct db *db, int64_t id, const struct person_rec *rec)
{
	struct buf	 low = BUF_INIT;
	char		 pid[21];
	const char	*p[4];
	size_t		 i, n;
	int		 rc = -1, primary = 0;

	p[0] = db_i64(pid, id);
	if (db_exec(db, "DELETE FROM person_emails WHERE person_id = $1::bigint",
	    p, 1, NULL) == -1)
		goto out;
	n = rec->nemails < PERSON_MAX_CONTACTS ? rec->nemails :
	    PERSON_MAX_CONTACTS;
	for (i = 0; i < n; i++) {
		if (rec->emails[i].email == NULL)
			continue;
		buf_reset(&low);
		buf_adds(&low, rec->emails[i].email);
		val_lower_ascii(low.ptr);
		if (!val_email(low.ptr))
			continue;	/* junk typed into the ATS: skipped */
		p[1] = low.ptr;
		p[2] = or_null(rec->emails[i].type);
		p[3] = primary++ == 0 ? "t" : "f";
		if (db_exec(db,
		    "INSERT INTO person_emails (tenant_id, person_id, email,"
		    " type, is_primary) VALUES (app_tenant(), $1::bigint, $2,"
		    " $3, $4::boolean) ON CONFLICT DO NOTHING", p, 4,
		    NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	buf_release(&low);
	return rc;
}

static int
phones_replace(struct db *db, int64_t id, const struct person_rec *rec)
{
	char		 pid[21], seq[21], e164[17];
	const char	*p[5];
	size_t		 i, n;
	int		 rc = -1;

	p[0] = db_i64(pid, id);
	if (db_exec(db, "DELETE FROM person_phones WHERE person_id = $1::bigint",
	    p, 1, NULL) == -1)
		goto out;
	n = rec->nphones < PERSON_MAX_CONTACTS ? rec->nphones :
	    PERSON_MAX_CONTACTS;
	for (i = 0; i < n; i++) {
		if (rec->phones[i].raw == NULL || *rec->phones[i].raw == '\0' ||
		    strlen(rec->phones[i].raw) > 64)
			continue;
		p[1] = db_i64(seq, (int64_t)i);
		p[2] = rec->phones[i].raw;
		p[3] = val_phone_normalize(rec->phones[i].raw,
		    PERSON_DEFAULT_CC, e164) ? e164 : NULL;
		p[4] = or_null(rec->phones[i].type);
		if (db_exec(db,
		    "INSERT INTO person_phones (tenant_id, person_id, seq, raw,"
		    " e164, type) VALUES (app_tenant(), $1::bigint, $2::int,"
		    " $3, $4, $5)", p, 5, NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	return rc;
}

/*
 * A newly created person whose phone was left suppressed by an earlier
 * delete starts out revoked: consent is not regained by being re-added.
 */
static int
suppression_apply(struct db *db, int64_t id)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21], hash[SEC_HEX_SHA256];
	const char	*p[2];
	size_t		 i;
	int		 rc = -1;

	p[0] = db_i64(pid, id);
	if (db_exec(db, "SELECT e164 FROM person_phones WHERE person_id ="
	    " $1::bigint AND e164 IS NOT NULL", p, 1, &rows) == -1)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		sec_hmac_sha256_hex(cfg.master_key, CFG_KEY_LEN,
		    db_str(&rows, i, 0), db_len(&rows, i, 0), hash);
		p[1] = hash;
		if (db_exec(db, "UPDATE people SET sms_consent = 'revoked'"
		    " WHERE id = $1::bigint AND EXISTS (SELECT 1 FROM"
		    " phone_suppressions WHERE phone_hash = $2)", p, 2,
		    NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

static int
contacts_replace(struct db *db, int64_t id, const struct person_rec *rec,
    bool created)
{
	if (emails_replace(db, id, rec) == -1)
		return -1;
	if (phones_replace(db, id, rec) == -1)
		return -1;
	if (created && rec->nphones > 0)
		return suppression_apply(db, id);
	return 0;
}

int
person_save(struct db *db, const struct person_rec *rec, int64_t *id,
    enum person_saved *what)
{
	bool	 applied = false, created = false, found = false;

	*id = 0;
	*what = PERSON_STALE;
	if (rec->id > 0) {
		if (update_by_id(db, rec, &found) == -1)
			return -1;
		if (!found) {
			log_err("person_save: no person %lld",
			    (long long)rec->id);
			return -1;
		}
		*id = rec->id;
		applied = true;
	} else if (rec->greenhouse_id > 0) {
		if (upsert_gh(db, rec, id, &applied, &created) == -1)
			return -1;
		if (!applied)	/* stale: report who it was about */
			return person_by_greenhouse(db, rec->greenhouse_id,
			    id, &found);
	} else {
		if (insert_plain(db, rec, id) == -1)
			return -1;
		applied = created = true;
	}
	*what = created ? PERSON_CREATED : PERSON_UPDATED;
	if (rec->greenhouse_id > 0 || rec->nemails > 0 || rec->nphones > 0)
		if (contacts_replace(db, *id, rec, created) == -1)
			return -1;
	return 0;
}

/* Leaves a one-way hash of each phone of a person who revoked SMS. */
static int
suppress_phones(struct db *db, const char *pid)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 hash[SEC_HEX_SHA256];
	const char	*p[1] = { pid }, *q[1];
	size_t		 i;
	int		 rc = -1;

	if (db_exec(db, "SELECT ph.e164 FROM person_phones ph JOIN people pe"
	    " ON pe.id = ph.person_id WHERE ph.person_id = $1::bigint"
	    " AND pe.sms_consent = 'revoked' AND ph.e164 IS NOT NULL",
	    p, 1, &rows) == -1)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		sec_hmac_sha256_hex(cfg.master_key, CFG_KEY_LEN,
		    db_str(&rows, i, 0), db_len(&rows, i, 0), hash);
		q[0] = hash;
		if (db_exec(db, "INSERT INTO phone_suppressions (tenant_id,"
		    " phone_hash) VALUES (app_tenant(), $1)"
		    " ON CONFLICT DO NOTHING", q, 1, NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
person_delete(struct db *db, int64_t id, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 pid[21];
	const char	*p[1] = { db_i64(pid, id) };
	int		 rc = -1;

	*found = false;
	if (suppress_phones(db, pid) == -1)
		goto out;
	/* Emails, phones, applications and stage changes cascade. */
	if (db_exec(db, "DELETE FROM people WHERE id = $1::bigint RETURNING id",
	    p, 1, &rows) == -1)
		goto out;
	*found = rows.nrows == 1;
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
person_by_greenhouse(struct db *db, int64_t gh_id, int64_t *id, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 gh[21];
	const char	*p[1] = { db_i64(gh, gh_id) };
	int		 rc = -1;

	*found = false;
	*id = 0;
	if (db_exec(db, "SELECT id FROM people WHERE greenhouse_id ="
	    " $1::bigint", p, 1, &rows) == -1)
		goto out;
	if (rows.nrows == 1) {
		*found = true;
		*id = db_int(&rows, 0, 0);
	}
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}
