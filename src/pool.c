/*
 * pool.c - pools of people.
 *
 * Owns: the pools and pool_members rows; pool lists with member counts.
 * Not here: the members' details (people.c people_of()), pages.
 * A pool_list owns its rows; items borrow their strings from them.
 */
#include "pool.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "banned.h"

void
pool_list_release(struct pool_list *l)
{
	free(l->v);
	db_rows_release(&l->rows);
	memset(l, 0, sizeof(*l));
}

static void
list_fill(struct pool_list *l)
{
	const struct db_rows	*r = &l->rows;
	struct pool_item	*it;
	size_t			 i;

	l->n = r->nrows;
	l->v = xcalloc(l->n + 1, sizeof(*l->v));
	for (i = 0; i < l->n; i++) {
		it = &l->v[i];
		it->id = db_int(r, i, 0);
		it->name = db_str(r, i, 1);
		it->owner_id = db_int(r, i, 2);
		it->owner_name = db_str(r, i, 3);
		it->members = db_int(r, i, 4);
		it->pinned = db_bool(r, i, 5);
		it->has_person = db_bool(r, i, 6);
	}
}

/* The columns of a pool row, for user $1 and person $2. */
#define POOL_COLS \
	"po.id, po.name, po.owner_id, u.name, (SELECT count(*) FROM" \
	" pool_members m WHERE m.pool_id = po.id), EXISTS (SELECT 1 FROM" \
	" pins pi WHERE pi.pool_id = po.id AND pi.user_id = $1::bigint)," \
	" EXISTS (SELECT 1 FROM pool_members m WHERE m.pool_id = po.id AND" \
	" m.person_id = $2::bigint) FROM pools po LEFT JOIN users u ON" \
	" u.id = po.owner_id"

int
pool_list(struct db *db, int64_t user, int64_t person, struct pool_list *out)
{
	char		 u[21], pe[21];
	const char	*p[2] = { db_i64(u, user), db_i64(pe, person) };

	memset(out, 0, sizeof(*out));
	if (db_exec(db, "SELECT " POOL_COLS " ORDER BY lower(po.name), po.id",
	    p, 2, &out->rows) == -1)
		return -1;
	list_fill(out);
	return 0;
}

int
pool_get(struct db *db, int64_t user, int64_t id, struct pool_list *out)
{
	char		 u[21], i[21];
	const char	*p[3] = { db_i64(u, user), "0", db_i64(i, id) };

	memset(out, 0, sizeof(*out));
	if (db_exec(db, "SELECT " POOL_COLS " WHERE po.id = $3::bigint",
	    p, 3, &out->rows) == -1)
		return -1;
	list_fill(out);
	return 0;
}

int
pool_create(struct db *db, int64_t user, const char *name, int64_t *id,
    bool *taken)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 u[21];
	const char	*p[2] = { db_i64(u, user), name };

	*id = 0;
	*taken = false;
	if (db_exec(db, "INSERT INTO pools (tenant_id, name, owner_id) VALUES"
	    " (app_tenant(), $2, $1::bigint) ON CONFLICT DO NOTHING"
	    " RETURNING id", p, 2, &rows) == -1)
		return -1;
	if (rows.nrows == 1)
		*id = db_int(&rows, 0, 0);
	else
		*taken = true;
	db_rows_release(&rows);
	return 0;
}

int
pool_delete(struct db *db, int64_t id, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 i[21];
	const char	*p[1] = { db_i64(i, id) };

	if (db_exec(db, "DELETE FROM pools WHERE id = $1::bigint RETURNING id",
	    p, 1, &rows) == -1)
		return -1;
	*found = rows.nrows == 1;
	db_rows_release(&rows);
	return 0;
}

int
pool_member(struct db *db, int64_t user, int64_t pool, int64_t person,
    bool in, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 u[21], po[21], pe[21];
	const char	*p[3] = { db_i64(u, user), db_i64(po, pool),
	    db_i64(pe, person) };
	int		 rc;

	/* Both must be this tenant's: row-level security on the joins. */
	if (in)
		rc = db_exec(db, "WITH t AS (SELECT 1 FROM pools po, people pe"
		    " WHERE po.id = $2::bigint AND pe.id = $3::bigint),"
		    " i AS (INSERT INTO pool_members (tenant_id, pool_id,"
		    " person_id, added_by) SELECT app_tenant(), $2::bigint,"
		    " $3::bigint, $1::bigint FROM t ON CONFLICT DO NOTHING)"
		    " SELECT count(*) FROM t", p, 3, &rows);
	else
		rc = db_exec(db, "WITH t AS (SELECT 1 FROM pools po, people pe"
		    " WHERE po.id = $2::bigint AND pe.id = $3::bigint),"
		    " d AS (DELETE FROM pool_members WHERE pool_id = $2::bigint"
		    " AND person_id = $3::bigint AND $1::bigint IS NOT NULL)"
		    " SELECT count(*) FROM t", p, 3, &rows);
	if (rc == 0)
		*found = db_int(&rows, 0, 0) > 0;
	db_rows_release(&rows);
	return rc;
}
