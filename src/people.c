/*
 * people.c - reading people: the search syntax, search, lists, one
 * person, duplicates, and the JSON shape of a person.
 *
 * Owns: the statements that turn ids from people_search_ids()
 * (sql/004_crm.sql) into list rows, struct people_list, and
 * people_item_json().
 * Not here: the search syntax (people_query.c, pure, fuzzed on its own),
 * writing (person.c), handlers (cgi-bin/crm/).
 * A people_list owns its db_rows; items borrow from them until
 * people_list_release().
 */
#include "people.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "val.h"
#include "banned.h"

/* ---- lists ----------------------------------------------------------- */

/* The columns every list statement selects, in person_item's order. */
#define PERSON_COLS \
	"p.id, p.first_name, p.last_name, p.kind, p.sms_consent," \
	" p.greenhouse_id, to_char(p.created_at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24\":\"MI\":\"SS\"Z\"'), p.owner_id, u.name," \
	" array_to_string(ARRAY(SELECT e.email FROM person_emails e" \
	" WHERE e.person_id = p.id ORDER BY e.is_primary DESC, e.email)," \
	" E'\\n'), array_to_string(ARRAY(SELECT COALESCE(ph.e164, ph.raw)" \
	" FROM person_phones ph WHERE ph.person_id = p.id ORDER BY" \
	" ph.seq), E'\\n'), p.company, p.title, p.source"
#define PERSON_FROM \
	" JOIN people p ON p.id = s.id LEFT JOIN users u ON u.id = p.owner_id"

void
people_list_release(struct people_list *l)
{
	free(l->v);
	db_rows_release(&l->rows);
	memset(l, 0, sizeof(*l));
}

/* Points l->v at the rows, at most keep of them. */
static void
list_fill(struct people_list *l, size_t keep)
{
	const struct db_rows	*r = &l->rows;
	struct person_item	*it;
	size_t			 i;

	l->n = r->nrows < keep ? r->nrows : keep;
	l->v = xcalloc(l->n + 1, sizeof(*l->v));
	for (i = 0; i < l->n; i++) {
		it = &l->v[i];
		it->id = db_int(r, i, 0);
		it->first_name = db_str(r, i, 1);
		it->last_name = db_str(r, i, 2);
		it->kind = db_str(r, i, 3);
		it->sms_consent = db_str(r, i, 4);
		it->greenhouse_id = db_int(r, i, 5);
		it->created_at = db_str(r, i, 6);
		it->owner_id = db_int(r, i, 7);
		it->owner_name = db_str(r, i, 8);
		it->emails = db_str(r, i, 9);
		it->phones = db_str(r, i, 10);
		it->company = db_str(r, i, 11);
		it->title = db_str(r, i, 12);
		it->source = db_str(r, i, 13);
		it->extra = db_str(r, i, 14);
	}
}

/* Keeps limit rows of the limit + 1 asked for; more: next is set. */
static void
page_fill(struct people_list *out, int limit)
{
	list_fill(out, (size_t)limit);
	if (out->rows.nrows > (size_t)limit && out->n > 0)
		out->next = out->v[out->n - 1].id;
}

int
people_search(struct db *db, const struct people_query *q, int64_t before,
    int limit, struct people_list *out)
{
	char		 b[21], n[21];
	const char	*p[4];

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > PEOPLE_LIMIT_MAX)
		limit = PEOPLE_LIMIT_DEFAULT;
	p[0] = people_form_name(q->form);
	p[1] = q->text;
	p[2] = before > 0 ? db_i64(b, before) : NULL;
	p[3] = db_i64(n, limit + 1);
	if (db_exec(db, "SELECT " PERSON_COLS ", NULL"
	    " FROM people_search_ids($1, $2, $3::bigint, $4::int)"
	    " WITH ORDINALITY AS s (id, n)" PERSON_FROM " ORDER BY s.n",
	    p, 4, &out->rows) == -1)
		return -1;
	page_fill(out, limit);
	return 0;
}

int
people_of(struct db *db, enum people_set set, int64_t id, int64_t before,
    int limit, struct people_list *out)
{
	char		 i[21], b[21], n[21];
	const char	*p[3];
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > PEOPLE_LIMIT_MAX)
		limit = PEOPLE_LIMIT_DEFAULT;
	p[0] = db_i64(i, id);
	p[1] = db_i64(b, before > 0 ? before : INT64_MAX);
	p[2] = db_i64(n, limit + 1);
	if (set == PEOPLE_IN_POOL)
		rc = db_exec(db, "SELECT " PERSON_COLS ", NULL FROM (SELECT"
		    " person_id AS id FROM pool_members WHERE pool_id ="
		    " $1::bigint AND person_id < $2::bigint ORDER BY 1 DESC"
		    " LIMIT $3::int) s" PERSON_FROM " ORDER BY p.id DESC",
		    p, 3, &out->rows);
	else if (set == PEOPLE_IN_JOB)
		rc = db_exec(db, "SELECT " PERSON_COLS ", s.stage FROM (SELECT"
		    " DISTINCT ON (a.person_id) a.person_id AS id,"
		    " a.stage_name AS stage FROM applications a JOIN jobs j ON"
		    " j.greenhouse_id = a.job_gh_id WHERE j.id = $1::bigint AND"
		    " a.person_id < $2::bigint ORDER BY a.person_id DESC,"
		    " a.id DESC LIMIT $3::int) s" PERSON_FROM
		    " ORDER BY p.id DESC", p, 3, &out->rows);
	else if (set == PEOPLE_PINNED_BY)
		rc = db_exec(db, "SELECT " PERSON_COLS ", NULL FROM (SELECT"
		    " person_id AS id FROM pins WHERE user_id = $1::bigint AND"
		    " person_id < $2::bigint ORDER BY 1 DESC LIMIT $3::int) s"
		    PERSON_FROM " ORDER BY p.id DESC", p, 3, &out->rows);
	if (rc == 0)
		page_fill(out, limit);
	return rc;
}

int
people_count(struct db *db, const struct people_query *q, int cap,
    int64_t *n)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 c[21];
	const char	*p[3];

	*n = 0;
	p[0] = people_form_name(q->form);
	p[1] = q->text;
	p[2] = db_i64(c, cap);
	if (db_exec(db, "SELECT count(*) FROM people_search_ids($1, $2, NULL,"
	    " $3::int)", p, 3, &rows) == -1)
		return -1;
	*n = db_int(&rows, 0, 0);
	db_rows_release(&rows);
	return 0;
}

int
people_get(struct db *db, int64_t id, struct people_list *out)
{
	char		 i[21];
	const char	*p[1] = { db_i64(i, id) };

	memset(out, 0, sizeof(*out));
	if (db_exec(db, "SELECT " PERSON_COLS ", NULL FROM people p"
	    " LEFT JOIN users u ON u.id = p.owner_id WHERE p.id = $1::bigint",
	    p, 1, &out->rows) == -1)
		return -1;
	list_fill(out, 1);
	return 0;
}

int
people_find_dups(struct db *db, const char *email, const char *phone,
    struct people_list *out)
{
	struct buf	 low = BUF_INIT;
	const char	*p[2];
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (email != NULL) {
		buf_adds(&low, email);
		val_lower_ascii(low.ptr);
	}
	p[0] = email != NULL ? low.ptr : NULL;
	p[1] = phone;
	rc = db_exec(db, "SELECT " PERSON_COLS ", NULL FROM people p"
	    " LEFT JOIN users u ON u.id = p.owner_id WHERE p.id IN ("
	    " SELECT person_id FROM person_emails WHERE email = $1"
	    " UNION SELECT person_id FROM person_phones WHERE e164 = $2)"
	    " ORDER BY p.id DESC LIMIT 50", p, 2, &out->rows);
	buf_release(&low);
	if (rc == 0)
		list_fill(out, PEOPLE_LIMIT_DEFAULT);
	return rc;
}

/* ---- JSON ------------------------------------------------------------ */

void
people_each_line(const char *list, void (*fn)(void *, const char *, size_t),
    void *arg)
{
	const char	*s = list, *nl;
	size_t		 len;

	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (len > 0)
			fn(arg, s, len);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

static void
add_line(void *arg, const char *s, size_t len)
{
	json_object_array_add(arg, json_object_new_string_len(s, (int)len));
}

static struct json_object *
lines_json(const char *list)
{
	struct json_object	*a = json_object_new_array();

	people_each_line(list, add_line, a);
	return a;
}

static struct json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

struct json_object *
people_item_json(const struct person_item *it)
{
	struct json_object	*o = json_object_new_object(), *own = NULL;

	json_object_object_add(o, "id", json_object_new_int64(it->id));
	json_object_object_add(o, "first_name", str_or_null(it->first_name));
	json_object_object_add(o, "last_name", str_or_null(it->last_name));
	json_object_object_add(o, "emails", lines_json(it->emails));
	json_object_object_add(o, "phones", lines_json(it->phones));
	json_object_object_add(o, "sms_consent", str_or_null(it->sms_consent));
	json_object_object_add(o, "greenhouse_id", it->greenhouse_id > 0 ?
	    json_object_new_int64(it->greenhouse_id) : NULL);
	json_object_object_add(o, "created_at", str_or_null(it->created_at));
	json_object_object_add(o, "type", str_or_null(it->kind));
	if (it->owner_id > 0) {
		own = json_object_new_object();
		json_object_object_add(own, "id",
		    json_object_new_int64(it->owner_id));
		json_object_object_add(own, "name",
		    str_or_null(it->owner_name));
	}
	json_object_object_add(o, "owner", own);
	return o;
}
