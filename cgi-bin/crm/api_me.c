/*
 * api_me.c - GET /api/v1/me and GET /api/v1/users.
 */
#include "crm.h"

#include <json-c/json.h>

#include "banned.h"

int
api_me(struct req *r, struct resp *s)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*u = json_object_new_object();
	struct json_object	*t = json_object_new_object();

	json_object_object_add(u, "id", json_object_new_int64(r->auth.user_id));
	json_object_object_add(u, "email",
	    json_object_new_string(r->auth.user_email));
	json_object_object_add(u, "name",
	    json_object_new_string(r->auth.user_name));
	json_object_object_add(t, "id",
	    json_object_new_int64(r->auth.tenant_id));
	json_object_object_add(t, "slug",
	    json_object_new_string(r->auth.tenant_slug));
	json_object_object_add(t, "name",
	    json_object_new_string(r->auth.tenant_name));
	json_object_object_add(o, "user", u);
	json_object_object_add(o, "tenant", t);
	resp_json(s, 200, o);
	return 0;
}

int
api_users(struct req *r, struct resp *s)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct json_object	*o, *arr, *u;
	size_t			 i;

	/* No WHERE on tenant: row-level security narrows it. */
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    db_exec(r->db, "SELECT id, email, name FROM users ORDER BY id",
	    NULL, 0, &rows) == -1 || db_commit(r->db) == -1)
		return -1;
	o = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		u = json_object_new_object();
		json_object_object_add(u, "id",
		    json_object_new_int64(db_int(&rows, i, 0)));
		json_object_object_add(u, "email",
		    json_object_new_string(db_str(&rows, i, 1)));
		json_object_object_add(u, "name",
		    json_object_new_string(db_str(&rows, i, 2)));
		json_object_array_add(arr, u);
	}
	json_object_object_add(o, "users", arr);
	resp_json(s, 200, o);
	db_rows_release(&rows);
	return 0;
}
