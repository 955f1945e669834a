/*
 * people_upload.c - Add Multiple People: GET /people/upload (the form and
 * the sample file's link) and POST /people/upload (a .csv, .xls or .xlsx
 * of at most 5 MB and 10,000 rows, with a record type). Good rows are
 * added in one transaction; the answer counts the added, merged and
 * rejected rows and gives each rejection's row number and reason. A file
 * of the wrong type, a damaged or an empty one adds nothing.
 *
 * Owns: templates/people_upload.tpl's keys.
 * Not here: reading and checking the sheet (src/import*.c), saving
 * (src/intake.c).
 */
#include "crm.h"

#include <string.h>

#include "buf.h"
#include "import.h"
#include "intake.h"
#include "ptable.h"
#include "tmpl.h"
#include "view.h"
#include "banned.h"

#define SHOWN_MAX	1000	/* rejected or merged rows listed */

static const struct view upload_view = { .title = "Add multiple people",
    .tpl = "people_upload.tpl", .nav = "people" };

/* The form, with an error (nothing was added) or nothing. */
static int
form_page(struct req *r, struct resp *s, int status, const char *error)
{
	struct tmpl_dict	*d = tmpl_dict_new();
	const char		*k = kvlist_get(&r->form, "type");
	int			 rc;

	tmpl_section_show(d, k != NULL && strcmp(k, "prospect") == 0 ?
	    "SEL_PROSPECT" : "SEL_CANDIDATE");
	if (error != NULL)
		tmpl_set_shown(d, "ERROR", error);
	rc = view_page(r, s, status, &upload_view, d);
	tmpl_dict_free(d);
	return rc;
}

int
crm_upload_form(struct req *r, struct resp *s)
{
	return form_page(r, s, 200, NULL);
}

static void
count_set(struct tmpl_dict *d, const char *key, size_t n)
{
	struct buf	 b = BUF_INIT;

	ptable_count((long long)n, &b);
	tmpl_set(d, key, b.ptr);
	buf_release(&b);
}

/* The report: counts, then the rejected and merged rows. */
static void
report_fill(struct tmpl_dict *d, const struct import_report *rep,
    const char *file)
{
	struct tmpl_dict	*res = tmpl_section_add(d, "RESULT"), *row;
	struct tmpl_dict	*rej = NULL, *mer = NULL;
	size_t			 i, shown[IMPORT_OUTCOME__MAX] = { 0 };

	tmpl_set(res, "FILE", file);
	count_set(res, "ADDED", rep->count[IMPORT_ADDED]);
	count_set(res, "MERGED", rep->count[IMPORT_MERGED]);
	count_set(res, "REJECTED", rep->count[IMPORT_REJECTED]);
	for (i = 0; i < rep->n; i++) {
		if (rep->v[i].what == IMPORT_ADDED ||
		    shown[rep->v[i].what]++ >= SHOWN_MAX)
			continue;
		if (rep->v[i].what == IMPORT_REJECTED) {
			if (rej == NULL)
				rej = tmpl_section_add(res, "HAS_REJECTED");
			row = tmpl_section_add(rej, "REJECTS");
			tmpl_set(row, "REASON", rep->v[i].reason);
		} else {
			if (mer == NULL)
				mer = tmpl_section_add(res, "HAS_MERGED");
			row = tmpl_section_add(mer, "MERGES");
			tmpl_set_int(row, "PERSON_ID", rep->v[i].person);
		}
		tmpl_set_int(row, "ROW", (long long)rep->v[i].line);
	}
	if (shown[IMPORT_REJECTED] > SHOWN_MAX ||
	    shown[IMPORT_MERGED] > SHOWN_MAX)
		tmpl_section_show(res, "TRUNCATED");
}

/* Saves the rows in one transaction; -1: nothing added. */
static int
save(struct req *r, const struct import_grid *g,
    const struct import_cols *c, const char *kind, struct import_report *rep)
{
	struct intake_opts	 o;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		return -1;
	if (intake_opts_load(r->db, r->auth.tenant_id, &o) == -1 ||
	    import_run(r->db, g, c, kind, r->auth.user_id, &o,
	    rep) == -1 || db_commit(r->db) == -1) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

int
crm_upload(struct req *r, struct resp *s)
{
	const struct part	*f = multipart_get(&r->parts, "file");
	const char		*k = kvlist_get(&r->form, "type"), *why = NULL;
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_report	 rep = IMPORT_REPORT_INIT;
	struct import_cols	 c;
	struct tmpl_dict	*d = NULL;
	int			 rc;

	if (k != NULL && strcmp(k, "candidate") != 0 &&
	    strcmp(k, "prospect") != 0)
		return form_page(r, s, 400, "Choose a record type.");
	if (f == NULL || f->filename == NULL || *f->filename == '\0')
		return form_page(r, s, 400, "Choose a file to upload.");
	if (f->len > IMPORT_MAX_BYTES)
		return form_page(r, s, 413, "The file is larger than 5 MB: "
		    "split it into smaller files.");
	if (import_read(f->data, f->len, f->filename, &g, &why) == -1 ||
	    import_columns(&g, &c, &why) == -1) {
		rc = form_page(r, s, 400, why);
		goto out;
	}
	if ((rc = save(r, &g, &c, k != NULL ? k : "candidate", &rep)) == -1)
		goto out;
	d = tmpl_dict_new();
	tmpl_section_show(d, k != NULL && strcmp(k, "prospect") == 0 ?
	    "SEL_PROSPECT" : "SEL_CANDIDATE");
	report_fill(d, &rep, f->filename);
	rc = view_page(r, s, 200, &upload_view, d);
out:
	tmpl_dict_free(d);
	import_report_release(&rep);
	import_grid_release(&g);
	return rc;
}
