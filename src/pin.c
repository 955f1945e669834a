/*
 * pin.c - what a recruiter pinned.
 *
 * Owns: the pins rows (one of person_id, pool_id, job_id set; a unique
 * index per kind makes pinning twice harmless).
 * Not here: pages. Nothing here allocates beyond the call.
 */
#include "pin.h"

#include "banned.h"

/* The three id parameters of a kind: target in its column, NULL else. */
static void
targets(enum pin_kind k, const char *id, const char **p)
{
	p[0] = k == PIN_PERSON ? id : NULL;
	p[1] = k == PIN_POOL ? id : NULL;
	p[2] = k == PIN_JOB ? id : NULL;
}

int
pin_set(struct db *db, int64_t user, enum pin_kind k, int64_t target,
    bool on, bool *found)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 u[21], t[21];
	const char	*p[4];
	int		 rc;

	p[0] = db_i64(u, user);
	targets(k, db_i64(t, target), p + 1);
	/* The target must be this tenant's: row-level security on each. */
	if (on)
		rc = db_exec(db, "WITH t AS (SELECT 1 FROM people WHERE id ="
		    " $2::bigint UNION ALL SELECT 1 FROM pools WHERE id ="
		    " $3::bigint UNION ALL SELECT 1 FROM jobs WHERE id ="
		    " $4::bigint), i AS (INSERT INTO pins (tenant_id, user_id,"
		    " person_id, pool_id, job_id) SELECT app_tenant(),"
		    " $1::bigint, $2::bigint, $3::bigint, $4::bigint"
		    " WHERE EXISTS (SELECT 1 FROM t) ON CONFLICT DO NOTHING)"
		    " SELECT count(*) FROM t", p, 4, &rows);
	else
		rc = db_exec(db, "WITH t AS (SELECT 1 FROM people WHERE id ="
		    " $2::bigint UNION ALL SELECT 1 FROM pools WHERE id ="
		    " $3::bigint UNION ALL SELECT 1 FROM jobs WHERE id ="
		    " $4::bigint), d AS (DELETE FROM pins WHERE user_id ="
		    " $1::bigint AND (person_id = $2::bigint OR pool_id ="
		    " $3::bigint OR job_id = $4::bigint))"
		    " SELECT count(*) FROM t", p, 4, &rows);
	if (rc == 0)
		*found = db_int(&rows, 0, 0) > 0;
	db_rows_release(&rows);
	return rc;
}

int
pin_is(struct db *db, int64_t user, enum pin_kind k, int64_t target,
    bool *pinned)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	char		 u[21], t[21];
	const char	*p[4];

	*pinned = false;
	p[0] = db_i64(u, user);
	targets(k, db_i64(t, target), p + 1);
	if (db_exec(db, "SELECT 1 FROM pins WHERE user_id = $1::bigint AND"
	    " (person_id = $2::bigint OR pool_id = $3::bigint OR job_id ="
	    " $4::bigint)", p, 4, &rows) == -1)
		return -1;
	*pinned = rows.nrows > 0;
	db_rows_release(&rows);
	return 0;
}
