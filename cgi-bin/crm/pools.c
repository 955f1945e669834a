/*
 * pools.c - pools of people:
 *   GET  /pools                             every pool; the create form
 *   POST /pools                             name=...: create one
 *   GET  /pools/{id}?cursor=                the pool's members
 *   POST /pools/{id}/delete                 delete it (not its people)
 *   POST /pools/{id}/members/{pid}/remove   back=person|pool
 *   POST /people/{id}/pools                 pool=ID or new_pool=NAME
 *
 * Owns: templates/pools.tpl and pool.tpl's keys.
 * Not here: the tables (src/pool.c), members' rows (src/people.c,
 * src/ptable.c), pinning (pins.c).
 */
#include "crm.h"

#include <string.h>

#include "buf.h"
#include "people.h"
#include "pool.h"
#include "ptable.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

enum { F_NAME, F__MAX };
static const struct val_field create_fields[F__MAX] = {
	[F_NAME] = { "name", VAL_NAME, VAL_REQUIRED, POOL_NAME_MAX },
};

static void
pool_row(struct tmpl_dict *row, const struct pool_item *it)
{
	tmpl_set_int(row, "POOL_ID", it->id);
	tmpl_set(row, "POOL_NAME", it->name);
	tmpl_set_int(row, "MEMBERS", it->members);
	tmpl_set(row, "MEMBERS_WORD", it->members == 1 ? "person" : "people");
	tmpl_set_shown(row, "OWNER", it->owner_name);
	tmpl_section_show(row, it->pinned ? "PINNED" : "UNPINNED");
}

/* The list page, with an error for the create form (status 400). */
static int
list_page(struct req *r, struct resp *s, const char *error, const char *name)
{
	const struct view	 v = { .title = "Pools", .tpl = "pools.tpl",
	    .nav = "people", .flash = crm_done_text(r) };
	struct pool_list	 l = POOL_LIST_INIT;
	struct tmpl_dict	*d = tmpl_dict_new(), *t;
	size_t			 i;
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pool_list(r->db, r->auth.user_id, 0, &l) == -1 ||
	    db_commit(r->db) == -1)
		goto out;
	t = l.n > 0 ? tmpl_section_add(d, "HAS_POOLS") : NULL;
	for (i = 0; i < l.n; i++)
		pool_row(tmpl_section_add(t, "POOLS"), &l.v[i]);
	if (l.n == 0)
		tmpl_section_show(d, "NO_POOLS");
	tmpl_set(d, "NAME", name);
	if (error != NULL)
		tmpl_set_shown(d, "ERROR", error);
	rc = view_page(r, s, error != NULL ? 400 : 200, &v, d);
out:
	db_rollback(r->db);
	pool_list_release(&l);
	tmpl_dict_free(d);
	return rc;
}

int
crm_pools(struct req *r, struct resp *s)
{
	return list_page(r, s, NULL, "");
}

int
crm_pool_create(struct req *r, struct resp *s)
{
	struct val_value	 v[F__MAX];
	struct buf		 why = BUF_INIT, to = BUF_INIT;
	int64_t			 id;
	bool			 taken;
	int			 rc = 0;

	if (val_form(&r->form, create_fields, F__MAX, v, &why) == -1) {
		rc = list_page(r, s, "Give the pool a name (at most 100 "
		    "characters).", "");
		goto out;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pool_create(r->db, r->auth.user_id, v[F_NAME].str, &id,
	    &taken) == -1 || db_commit(r->db) == -1) {
		rc = -1;
		goto out;
	}
	if (taken) {
		rc = list_page(r, s, "There is a pool with that name already.",
		    v[F_NAME].str);
		goto out;
	}
	buf_addf(&to, "/pools/%lld?done=created", (long long)id);
	resp_redirect(s, to.ptr);
out:
	buf_release(&why);
	buf_release(&to);
	return rc;
}

/* A member row's Remove button. */
static void
remove_button(void *arg, const struct person_item *it, size_t i,
    struct tmpl_dict *row)
{
	struct tmpl_dict	*a = tmpl_section_add(row, "ACTION");
	struct buf		 b = BUF_INIT;

	(void)i;
	buf_addf(&b, "/pools/%lld/members/%lld/remove", *(long long *)arg,
	    (long long)it->id);
	tmpl_set(a, "REMOVE_URL", b.ptr);
	tmpl_set(a, "REMOVE_LABEL", "Remove");
	buf_release(&b);
}

static int
pool_fill(struct req *r, int64_t id, int64_t cursor, struct tmpl_dict *d,
    struct buf *title, bool *found)
{
	struct pool_list	 pl = POOL_LIST_INIT;
	struct people_list	 l = PEOPLE_LIST_INIT;
	long long		 pid = id;
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pool_get(r->db, r->auth.user_id, id, &pl) == -1)
		goto out;
	if (!(*found = pl.n == 1)) {
		rc = 0;
		goto out;
	}
	if (people_of(r->db, PEOPLE_IN_POOL, id, cursor, PEOPLE_LIMIT_DEFAULT,
	    &l) == -1 || db_commit(r->db) == -1)
		goto out;
	buf_adds(title, pl.v[0].name);
	pool_row(d, &pl.v[0]);
	if (l.n > 0)
		ptable_fill(tmpl_section_add(d, "HAS_MEMBERS"), "TABLE", &l,
		    PTABLE_ACTIONS, remove_button, &pid);
	else
		tmpl_section_show(d, "NO_MEMBERS");
	if (l.next > 0)
		tmpl_set_int(tmpl_section_add(d, "NEXT"), "NEXT_CURSOR", l.next);
	rc = 0;
out:
	db_rollback(r->db);
	pool_list_release(&pl);
	people_list_release(&l);
	return rc;
}

int
crm_pool(struct req *r, struct resp *s)
{
	return crm_detail_page(r, s, "pool.tpl", "people", "There is no such pool.", pool_fill);
}

int
crm_pool_delete(struct req *r, struct resp *s)
{
	int64_t		 id;
	bool		 found = false;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such pool.");
		return 0;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pool_delete(r->db, id, &found) == -1 || db_commit(r->db) == -1)
		return -1;
	if (!found)
		resp_error(r, s, 404, "There is no such pool.");
	else
		resp_redirect(s, "/pools?done=deleted");
	return 0;
}

/* Where a member form returns to: the person's page or the pool's. */
static void
member_done(struct resp *s, int64_t pool, int64_t person, bool in,
    bool to_person)
{
	struct buf	 to = BUF_INIT;

	if (to_person)
		buf_addf(&to, "/people/%lld?done=%s", (long long)person,
		    in ? "pooled" : "unpooled");
	else
		buf_addf(&to, "/pools/%lld?done=unpooled", (long long)pool);
	resp_redirect(s, to.ptr);
	buf_release(&to);
}

int
crm_pool_remove(struct req *r, struct resp *s)
{
	const char	*back = kvlist_get(&r->form, "back");
	int64_t		 pool, person;
	bool		 found = false;

	if (!req_id(r, 0, &pool) || !req_id(r, 1, &person)) {
		resp_error(r, s, 404, "There is no such pool or person.");
		return 0;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pool_member(r->db, r->auth.user_id, pool, person, false,
	    &found) == -1 || db_commit(r->db) == -1)
		return -1;
	if (!found)
		resp_error(r, s, 404, "There is no such pool or person.");
	else
		member_done(s, pool, person, false,
		    back != NULL && strcmp(back, "person") == 0);
	return 0;
}

enum { P_POOL, P_NEW, P__MAX };
static const struct val_field add_fields[P__MAX] = {
	[P_POOL] =	{ "pool", VAL_INT64, VAL_OPTIONAL, 20 },
	[P_NEW] =	{ "new_pool", VAL_NAME, VAL_OPTIONAL, POOL_NAME_MAX },
};

int
crm_person_pools(struct req *r, struct resp *s)
{
	struct val_value	 v[P__MAX];
	struct buf		 why = BUF_INIT;
	int64_t			 person, pool = 0;
	bool			 taken = false, found = false;
	int			 rc = 0;

	if (!req_id(r, 0, &person)) {
		resp_error(r, s, 404, "There is no such person.");
		goto out;
	}
	if (val_form(&r->form, add_fields, P__MAX, v, &why) == -1 ||
	    (!v[P_POOL].present && !v[P_NEW].present)) {
		resp_error(r, s, 400, why.len > 0 ? why.ptr :
		    "Choose a pool, or name a new one.");
		goto out;
	}
	pool = v[P_POOL].num;
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    (v[P_NEW].present && pool_create(r->db, r->auth.user_id,
	    v[P_NEW].str, &pool, &taken) == -1) ||
	    (!taken && pool_member(r->db, r->auth.user_id, pool, person, true,
	    &found) == -1)) {
		rc = -1;
		goto out;
	}
	if (taken)
		resp_error(r, s, 409, "There is a pool with that name already:"
		    " choose it from the list instead.");
	else if (!found)
		resp_error(r, s, 404, "There is no such pool or person.");
	else if (db_commit(r->db) == -1)
		rc = -1;
	else
		member_done(s, pool, person, true, true);
out:
	db_rollback(r->db);
	buf_release(&why);
	return rc;
}
