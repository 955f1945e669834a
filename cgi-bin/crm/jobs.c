/*
 * jobs.c - requisitions: the Greenhouse jobs and the people who applied.
 *   GET /jobs                every job, open ones first, with applicants
 *   GET /jobs/{id}?cursor=   one job's applicants with their stage
 *
 * Owns: templates/jobs.tpl and job.tpl's keys.
 * Not here: the jobs and applications tables (Greenhouse, sql/003), the
 * applicants' rows (src/people.c people_of(), src/ptable.c), pins.
 */
#include "crm.h"

#include "buf.h"
#include "people.h"
#include "ptable.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

/* The columns of a job row for user $1. */
#define JOB_COLS \
	"j.id, COALESCE(NULLIF(j.name, ''), 'Job ' || j.greenhouse_id)," \
	" j.requisition_id, COALESCE(j.status, ''), (SELECT count(DISTINCT" \
	" a.person_id) FROM applications a WHERE a.job_gh_id =" \
	" j.greenhouse_id), EXISTS (SELECT 1 FROM pins pi WHERE pi.job_id =" \
	" j.id AND pi.user_id = $1::bigint)"

static void
job_row(struct tmpl_dict *row, const struct db_rows *r, size_t i)
{
	tmpl_set_int(row, "JOB_ID", db_int(r, i, 0));
	tmpl_set(row, "JOB_NAME", db_str(r, i, 1));
	tmpl_set_shown(row, "REQ_ID", db_str(r, i, 2));
	tmpl_set_shown(row, "STATUS", db_str(r, i, 3));
	tmpl_set_int(row, "APPLICANTS", db_int(r, i, 4));
	tmpl_section_show(row, db_bool(r, i, 5) ? "PINNED" : "UNPINNED");
}

int
crm_jobs(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Requisitions", .tpl = "jobs.tpl",
	    .nav = "jobs", .flash = crm_done_text(r) };
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*d, *t;
	char			 u[21];
	const char		*p[1] = { db_i64(u, r->auth.user_id) };
	size_t			 i;
	int			 rc;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    db_exec(r->db, "SELECT " JOB_COLS " FROM jobs j ORDER BY"
	    " j.status IS DISTINCT FROM 'open', lower(j.name), j.id LIMIT 500",
	    p, 1, &rows) == -1 || db_commit(r->db) == -1)
		return -1;
	d = tmpl_dict_new();
	t = rows.nrows > 0 ? tmpl_section_add(d, "HAS_JOBS") : NULL;
	for (i = 0; i < rows.nrows; i++)
		job_row(tmpl_section_add(t, "JOBS"), &rows, i);
	if (rows.nrows == 0)
		tmpl_section_show(d, "NO_JOBS");
	rc = view_page(r, s, 200, &v, d);
	tmpl_dict_free(d);
	db_rows_release(&rows);
	return rc;
}

static void
stage_cell(void *arg, const struct person_item *it, size_t i,
    struct tmpl_dict *row)
{
	(void)arg, (void)i;
	tmpl_set_shown(row, "STAGE", it->extra);
}

static int
job_fill(struct req *r, int64_t id, int64_t cursor, struct tmpl_dict *d,
    struct buf *title, bool *found)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct people_list	 l = PEOPLE_LIST_INIT;
	char			 u[21], j[21];
	const char		*p[2] = { db_i64(u, r->auth.user_id),
	    db_i64(j, id) };
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    db_exec(r->db, "SELECT " JOB_COLS " FROM jobs j WHERE j.id ="
	    " $2::bigint", p, 2, &rows) == -1)
		goto out;
	if ((*found = rows.nrows == 1) && (people_of(r->db, PEOPLE_IN_JOB, id,
	    cursor, PEOPLE_LIMIT_DEFAULT, &l) == -1 || db_commit(r->db) == -1))
		goto out;
	if (*found) {
		buf_adds(title, db_str(&rows, 0, 1));
		job_row(d, &rows, 0);
		if (l.n > 0)
			ptable_fill(tmpl_section_add(d, "HAS_PEOPLE"), "TABLE",
			    &l, PTABLE_STAGE, stage_cell, NULL);
		else
			tmpl_section_show(d, "NO_PEOPLE");
		if (l.next > 0)
			tmpl_set_int(tmpl_section_add(d, "NEXT"),
			    "NEXT_CURSOR", l.next);
	}
	rc = 0;
out:
	db_rollback(r->db);
	db_rows_release(&rows);
	people_list_release(&l);
	return rc;
}

int
crm_job(struct req *r, struct resp *s)
{
	return crm_detail_page(r, s, "job.tpl", "jobs", "There is no such requisition.", job_fill);
}
