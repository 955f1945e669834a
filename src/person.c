/*
 * person.c - writing people: candidates and prospects with their emails
 * and phones.
 *
 * Owns: inserting and updating a person by id, and by Greenhouse id
 * through gh_person_save() (sql/003: the "never older over newer" and
 * "identical writes nothing" guards, in one round trip) with the record
 * person.c prepares for it (emails checked and lowercased, phones
 * normalised and HMAC-keyed for the suppression list, a digest);
 * replacing contacts; deleting a person (leaving one-way phone hashes
 * behind when they had revoked SMS consent, so that a re-created record
 * stays suppressed).
 * Not here: reading and searching (people.c), consent rules (consent.c),
 * Greenhouse JSON (gh_map.c). Every call runs in the caller's tenant
 * transaction; nothing here begins or commits.
 */
#include "person.h"

#include <string.h>

#include <json-c/json.h>

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

/* One field of a digest: absent and empty differ; NUL ends each one. */
static void
dig(struct buf *b, const char *s)
{
	buf_addc(b, s != NULL ? 2 : 1);
	if (s != NULL)
		buf_adds(b, s);	/* jsonx refuses NUL inside strings */
	buf_addc(b, '\0');
}

/* A digest of everything a Greenhouse record sets, but its times. */
static void
gh_digest(const struct person_rec *r, char out[SEC_HEX_SHA256])
{
	const char	*f[] = { r->kind, r->first_name, r->last_name,
			    r->company, r->title, r->owner_email,
			    r->gh_recruiter_json, r->source, r->addresses_json,
			    r->tags_json, r->custom_fields_json,
			    r->gh_created_at };
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		dig(&b, f[i]);
	buf_addf(&b, "%lld", (long long)r->owner_id);
	for (i = 0; i < r->nemails && i < PERSON_MAX_CONTACTS; i++) {
		dig(&b, r->emails[i].email);
		dig(&b, r->emails[i].type);
	}
	buf_addc(&b, 3);	/* emails end, phones begin */
	for (i = 0; i < r->nphones && i < PERSON_MAX_CONTACTS; i++) {
		dig(&b, r->phones[i].raw);
		dig(&b, r->phones[i].type);
	}
	sec_sha256_hex(b.ptr, b.len, out);
	buf_release(&b);
}

/* kind, first and last name, company, title, owner: p[0..5]. */
static void
rec_params(const struct person_rec *rec, const char **p, char owner[21])
{
	p[0] = kind_of(rec);
	p[1] = rec->first_name != NULL ? rec->first_name : "";
	p[2] = rec->last_name != NULL ? rec->last_name : "";
	p[3] = or_null(rec->company);
	p[4] = or_null(rec->title);
	p[5] = rec->owner_id > 0 ? db_i64(owner, rec->owner_id) : NULL;
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
	rec_params(rec, p + 1, owner);
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

	rec_params(rec, p, owner);
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

/* A person just created has no contacts yet: nothing to delete. */
static int
emails_replace(struct db *db, int64_t id, const struct person_rec *rec,
    bool created)
{
	struct buf	 low = BUF_INIT;
	char		 pid[21];
	const char	*p[4];
	size_t		 i, n;
	int		 rc = -1, primary = 0;

	p[0] = db_i64(pid, id);
	if (!created && db_exec(db, "DELETE FROM person_emails WHERE"
	    " person_id = $1::bigint", p, 1, NULL) == -1)
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

/*
 * For a person just created, the HMACs of the E.164 numbers stored go to
 * hashes, as a SQL array literal ("{h1,h2}"), for suppression_apply().
 */
static int
phones_replace(struct db *db, int64_t id, const struct person_rec *rec,
    bool created, struct buf *hashes)
{
	char		 pid[21], seq[21], e164[17], hash[SEC_HEX_SHA256];
	const char	*p[5];
	size_t		 i, n;
	int		 rc = -1;

	p[0] = db_i64(pid, id);
	if (!created && db_exec(db, "DELETE FROM person_phones WHERE"
	    " person_id = $1::bigint", p, 1, NULL) == -1)
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
		if (!created || p[3] == NULL)
			continue;
		sec_hmac_sha256_hex(cfg.master_key, CFG_KEY_LEN, e164,
		    strlen(e164), hash);
		buf_addf(hashes, "%s%s", hashes->len == 0 ? "{" : ",", hash);
	}
	if (hashes->len > 0)
		buf_adds(hashes, "}");
	rc = 0;
out:
	return rc;
}

/*
 * A newly created person whose phone was left suppressed by an earlier
 * delete starts out revoked: consent is not regained by being re-added.
 * hashes: the HMACs of their numbers, from phones_replace().
 */
static int
suppression_apply(struct db *db, int64_t id, const struct buf *hashes)
{
	char		 pid[21];
	const char	*p[2] = { db_i64(pid, id), hashes->ptr };

	if (hashes->len == 0)
		return 0;
	return db_exec(db, "UPDATE people SET sms_consent = 'revoked' WHERE"
	    " id = $1::bigint AND EXISTS (SELECT 1 FROM phone_suppressions"
	    " WHERE phone_hash = ANY ($2::text[]))", p, 2, NULL);
}

static int
contacts_replace(struct db *db, int64_t id, const struct person_rec *rec,
    bool created)
{
	struct buf	 hashes = BUF_INIT;
	int		 rc = -1;

	if (emails_replace(db, id, rec, created) == -1 ||
	    phones_replace(db, id, rec, created, &hashes) == -1)
		goto out;
	rc = created ? suppression_apply(db, id, &hashes) : 0;
out:
	buf_release(&hashes);
	return rc;
}

/* ------------------------------------------------------------ Greenhouse */

static void
add_str(struct json_object *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, key, json_object_new_string(v));
}

/* JSON text (json-c's own output, from gh_map.c) embedded as a value. */
static void
add_json(struct json_object *o, const char *key, const char *text)
{
	struct json_object	*v;

	if (text != NULL && (v = json_tokener_parse(text)) != NULL)
		json_object_object_add(o, key, v);
}

static void
add_emails(struct json_object *o, const struct person_rec *r)
{
	struct json_object	*arr = json_object_new_array(), *e;
	struct buf		 low = BUF_INIT;
	size_t			 i;

	for (i = 0; i < r->nemails && i < PERSON_MAX_CONTACTS; i++) {
		if (r->emails[i].email == NULL)
			continue;
		buf_reset(&low);
		buf_adds(&low, r->emails[i].email);
		val_lower_ascii(low.ptr);
		if (!val_email(low.ptr))
			continue;	/* junk typed into the ATS: skipped */
		e = json_object_new_object();
		add_str(e, "email", low.ptr);
		add_str(e, "type", or_null(r->emails[i].type));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "emails", arr);
	buf_release(&low);
}

/* Phones as typed, normalised, and keyed for the suppression list. */
static void
add_phones(struct json_object *o, const struct person_rec *r)
{
	struct json_object	*arr = json_object_new_array(), *e;
	char			 e164[17], hash[SEC_HEX_SHA256];
	size_t			 i;

	for (i = 0; i < r->nphones && i < PERSON_MAX_CONTACTS; i++) {
		if (r->phones[i].raw == NULL || *r->phones[i].raw == '\0' ||
		    strlen(r->phones[i].raw) > 64)
			continue;
		e = json_object_new_object();
		add_str(e, "raw", r->phones[i].raw);
		add_str(e, "type", or_null(r->phones[i].type));
		if (val_phone_normalize(r->phones[i].raw, PERSON_DEFAULT_CC,
		    e164)) {
			add_str(e, "e164", e164);
			sec_hmac_sha256_hex(cfg.master_key, CFG_KEY_LEN, e164,
			    strlen(e164), hash);
			add_str(e, "hash", hash);
		}
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "phones", arr);
}

struct json_object *
person_gh_json(const struct person_rec *r)
{
	struct json_object	*o = json_object_new_object();
	char			 hash[SEC_HEX_SHA256];

	gh_digest(r, hash);
	json_object_object_add(o, "greenhouse_id",
	    json_object_new_int64(r->greenhouse_id));
	add_str(o, "kind", r->kind);
	add_str(o, "first_name", r->first_name);
	add_str(o, "last_name", r->last_name);
	add_str(o, "company", or_null(r->company));
	add_str(o, "title", or_null(r->title));
	if (r->owner_id > 0)
		json_object_object_add(o, "owner_id",
		    json_object_new_int64(r->owner_id));
	add_str(o, "owner_email", or_null(r->owner_email));
	add_str(o, "source", r->source);
	add_json(o, "recruiter", r->gh_recruiter_json);
	add_json(o, "addresses", r->addresses_json);
	add_json(o, "tags", r->tags_json);
	add_json(o, "custom_fields", r->custom_fields_json);
	add_str(o, "created_at", or_null(r->gh_created_at));
	add_str(o, "updated_at", or_null(r->gh_updated_at));
	add_str(o, "hash", hash);
	add_emails(o, r);
	add_phones(o, r);
	return o;
}

/* Through gh_person_save() (sql/003): guards, contacts, suppression. */
static int
gh_save(struct db *db, const struct person_rec *rec, int64_t *id,
    enum person_saved *what)
{
	struct json_object	*o = person_gh_json(rec);
	struct db_rows		 rows = DB_ROWS_INIT;
	const char		*p[1], *w;
	int			 rc = -1;

	p[0] = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (db_exec(db, "SELECT v_id, what FROM gh_person_save($1::jsonb)",
	    p, 1, &rows) == -1)
		goto out;
	*id = db_int(&rows, 0, 0);
	w = db_str(&rows, 0, 1);
	*what = w == NULL ? PERSON_STALE :
	    strcmp(w, "created") == 0 ? PERSON_CREATED :
	    strcmp(w, "updated") == 0 ? PERSON_UPDATED :
	    strcmp(w, "gone") == 0 ? PERSON_DELETED : PERSON_STALE;
	rc = 0;
out:
	db_rows_release(&rows);
	json_object_put(o);
	return rc;
}

int
person_save(struct db *db, const struct person_rec *rec, int64_t *id,
    enum person_saved *what)
{
	bool		 created = false, found = false;

	*id = 0;
	*what = PERSON_STALE;
	if (rec->id <= 0 && rec->greenhouse_id > 0)
		return gh_save(db, rec, id, what);
	if (rec->id > 0) {
		if (update_by_id(db, rec, &found) == -1)
			return -1;
		if (!found) {
			log_err("person_save: no person %lld",
			    (long long)rec->id);
			return -1;
		}
		*id = rec->id;
	} else {
		if (insert_plain(db, rec, id) == -1)
			return -1;
		created = true;
	}
	*what = created ? PERSON_CREATED : PERSON_UPDATED;
	if (rec->nemails > 0 || rec->nphones > 0)
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
