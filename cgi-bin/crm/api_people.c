/*
 * api_people.c - the people of the JSON API:
 *   GET  /api/v1/people?q=&limit=&cursor=  {"people": [...], "next_cursor"}
 *   GET  /api/v1/people/{id}               the person; 404 when not ours
 *   POST /api/v1/people                    201 with the person, its "id"
 *        at the top; 400 naming a bad field; 409 {"error", "id", "person"}
 *        when someone already holds the email or phone.
 *
 * Owns: the API's query parameters and answer shapes.
 * Not here: the search syntax and the person's JSON (src/people.c), the
 * duplicate rule and Harvest write (src/intake.c).
 */
#include "crm.h"

#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "intake.h"
#include "people.h"
#include "val.h"
#include "banned.h"

enum { Q_Q, Q_LIMIT, Q_CURSOR, Q__MAX };
static const struct val_field list_fields[Q__MAX] = {
	[Q_Q] =		{ "q", VAL_TEXT, VAL_OPTIONAL, PEOPLE_Q_MAX },
	[Q_LIMIT] =	{ "limit", VAL_INT64, VAL_OPTIONAL, 6 },
	[Q_CURSOR] =	{ "cursor", VAL_INT64, VAL_OPTIONAL, 20 },
};

/* The list's JSON: {"people": [...], "next_cursor": "id" | null}. */
static struct json_object *
list_json(const struct people_list *l)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*a = json_object_new_array();
	char			 next[21];
	size_t			 i;

	for (i = 0; i < l->n; i++)
		json_object_array_add(a, people_item_json(&l->v[i]));
	json_object_object_add(o, "people", a);
	json_object_object_add(o, "next_cursor", l->next > 0 ?
	    json_object_new_string(db_i64(next, l->next)) : NULL);
	return o;
}

int
api_people(struct req *r, struct resp *s)
{
	struct val_value	 v[Q__MAX];
	struct people_query	 q;
	struct people_list	 l = PEOPLE_LIST_INIT;
	struct buf		 why = BUF_INIT;
	const char		*bad = NULL;
	int			 limit = PEOPLE_LIMIT_DEFAULT, rc = 0;

	if (val_form(&r->query, list_fields, Q__MAX, v, &why) == -1) {
		resp_error(r, s, 400, why.ptr);
		goto out;
	}
	if (v[Q_LIMIT].present && (v[Q_LIMIT].num < 1 ||
	    v[Q_LIMIT].num > PEOPLE_LIMIT_MAX))
		bad = "limit must be between 1 and 200";
	else if (v[Q_CURSOR].present && v[Q_CURSOR].num < 1)
		bad = "cursor must be a next_cursor from an earlier page";
	else
		(void)people_query_parse(v[Q_Q].str, &q, &bad);
	if (bad != NULL) {
		resp_error(r, s, 400, bad);
		goto out;
	}
	if (v[Q_LIMIT].present)
		limit = (int)v[Q_LIMIT].num;
	req_tx_once(r);		/* with the token's check: one round trip */
	if (people_search(r->db, &q, v[Q_CURSOR].present ? v[Q_CURSOR].num : 0,
	    limit, &l) == -1) {
		rc = -1;
		goto out;
	}
	resp_json(s, 200, list_json(&l));
out:
	people_list_release(&l);
	buf_release(&why);
	return rc;
}

int
api_person(struct req *r, struct resp *s)
{
	struct people_list	 l = PEOPLE_LIST_INIT;
	int64_t			 id;
	int			 rc = 0;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	req_tx_once(r);
	if (people_get(r->db, id, &l) == -1)
		rc = -1;
	else if (l.n == 0)
		resp_error(r, s, 404, "There is no such person.");
	else
		resp_json(s, 200, people_item_json(&l.v[0]));
	people_list_release(&l);
	return rc;
}

/* 409: the person who already holds the email or phone. */
static void
conflict(struct resp *s, const struct person_item *it)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(
	    "A person with this email or phone already exists."));
	json_object_object_add(o, "id", json_object_new_int64(it->id));
	json_object_object_add(o, "person", people_item_json(it));
	resp_json(s, 409, o);
}

/* Adds, then reads the person back for the answer (201 or 409). */
static int
add_and_load(struct req *r, const struct intake_person *in,
    struct people_list *l, bool *dup)
{
	int64_t			 id, other;
	struct intake_opts	 o;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		return -1;
	if (intake_opts_load(r->db, r->auth.tenant_id, &o) == -1 ||
	    intake_add(r->db, in, &o, &id, &other) == -1 ||
	    people_get(r->db, other > 0 ? other : id, l) == -1 ||
	    db_commit(r->db) == -1) {
		db_rollback(r->db);
		return -1;
	}
	*dup = other > 0;
	return 0;
}

int
api_person_add(struct req *r, struct resp *s)
{
	struct kvlist		 form = KVLIST_INIT;
	struct intake_person	 in;
	struct people_list	 l = PEOPLE_LIST_INIT;
	struct buf		 why = BUF_INIT;
	bool			 dup = false;
	int			 rc = 0;

	if (api_body_form(r, s, &form) == -1)
		goto out;
	if (intake_from_form(&form, &in, &why) == -1) {
		resp_error(r, s, 400, why.ptr);
		goto out;
	}
	in.owner_id = r->auth.user_id;
	in.source = "api";
	if (add_and_load(r, &in, &l, &dup) == -1) {
		rc = -1;
		goto out;
	}
	if (l.n == 0)
		rc = -1;	/* just written or found: cannot be missing */
	else if (dup)
		conflict(s, &l.v[0]);
	else
		resp_json(s, 201, people_item_json(&l.v[0]));
out:
	people_list_release(&l);
	kvlist_release(&form);
	buf_release(&why);
	return rc;
}
