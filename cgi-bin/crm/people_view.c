/*
 * people_view.c - the person page, GET /people/{id}: contact details,
 * owner, Greenhouse applications with job and stage, SMS consent with its
 * latest evidence, pools, pin and unpin; and its forms:
 *   POST /people/{id}/pin    pin=yes|no
 *   POST /people/{id}/pools  pool=ID, or new_pool=NAME: put them in a pool
 *
 * Owns: templates/person.tpl's keys.
 * Not here: the Messaging menu and consent badge (consent.c's
 * crm_messaging_panel()), people lists (people.c), pools (pools.c).
 */
#include "crm.h"

#include <string.h>

#include "buf.h"
#include "people.h"
#include "pin.h"
#include "pool.h"
#include "ptable.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

static void
add_line(void *arg, const char *s, size_t len)
{
	struct tmpl_dict	*row = tmpl_section_add(arg, "LINES");
	struct buf		 b = BUF_INIT;

	buf_add(&b, s, len);
	tmpl_set(row, "LINE", b.ptr);
	buf_release(&b);
}

/* "2026-12-04T16:39:34Z" -> "2026-12-04 16:39 UTC". */
static void
when_text(const char *iso, struct buf *out)
{
	buf_reset(out);
	if (iso == NULL || strlen(iso) < 16)
		return;
	buf_add(out, iso, 10);
	buf_addc(out, ' ');
	buf_add(out, iso + 11, 5);
	buf_adds(out, " UTC");
}

static const char *
added_how(const char *source)
{
	static const char *const how[][2] = {
		{ "crm", "added in Loop" },
		{ "api", "added through the API" },
		{ "import", "from a spreadsheet" },
		{ "greenhouse", "from Greenhouse" },
		{ "demo", "demo data" },
	};
	size_t	 i;

	for (i = 0; source != NULL && i < sizeof(how) / sizeof(how[0]); i++)
		if (strcmp(source, how[i][0]) == 0)
			return how[i][1];
	return "";
}

static void
contact_fill(struct tmpl_dict *d, const struct person_item *it)
{
	struct tmpl_dict	*e, *p;
	struct buf		 b = BUF_INIT;

	e = tmpl_section_add(d, "EMAILS");
	people_each_line(it->emails, add_line, e);
	if (it->emails == NULL || *it->emails == '\0')
		tmpl_section_show(d, "NO_EMAIL");
	p = tmpl_section_add(d, "PHONES");
	people_each_line(it->phones, add_line, p);
	if (it->phones == NULL || *it->phones == '\0')
		tmpl_section_show(d, "NO_PHONE");
	tmpl_set_shown(d, "COMPANY", it->company);
	tmpl_set_shown(d, "JOB_TITLE", it->title);
	tmpl_set_shown(d, "OWNER", it->owner_name);
	if (it->owner_name == NULL)
		tmpl_section_show(d, "NO_OWNER");
	tmpl_set(d, "KIND", it->kind);
	tmpl_set(d, "SOURCE", added_how(it->source));
	tmpl_set(d, "CREATED_ISO", it->created_at);
	when_text(it->created_at, &b);
	tmpl_set(d, "CREATED", b.ptr);
	buf_release(&b);
	if (it->greenhouse_id > 0)
		tmpl_set_int(tmpl_section_add(d, "GREENHOUSE"),
		    "GREENHOUSE_ID", it->greenhouse_id);
}

/* Greenhouse applications, newest first. */
static int
apps_fill(struct db *db, int64_t id, struct tmpl_dict *d)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*row, *t = NULL;
	char			 pid[21];
	const char		*p[1] = { db_i64(pid, id) };
	size_t			 i;

	if (db_exec(db, "SELECT j.id, COALESCE(NULLIF(j.name, ''),"
	    " CASE WHEN a.prospect THEN 'Prospect' ELSE 'Job' END),"
	    " a.stage_name, a.status, to_char(a.applied_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD') FROM applications a LEFT JOIN jobs j"
	    " ON j.greenhouse_id = a.job_gh_id WHERE a.person_id = $1::bigint"
	    " ORDER BY a.applied_at DESC NULLS LAST, a.id DESC LIMIT 50",
	    p, 1, &rows) == -1)
		return -1;
	if (rows.nrows > 0)	/* rows live in the section they repeat in */
		t = tmpl_section_add(d, "HAS_APPS");
	else
		tmpl_section_show(d, "NO_APPS");
	for (i = 0; i < rows.nrows; i++) {
		row = tmpl_section_add(t, "APPS");
		if (!db_null(&rows, i, 0))
			tmpl_set_int(tmpl_section_add(row, "JOB_LINK"),
			    "JOB_ID", db_int(&rows, i, 0));
		else
			tmpl_section_show(row, "JOB_TEXT");
		tmpl_set(row, "JOB_NAME", db_str(&rows, i, 1));
		tmpl_set(row, "STAGE", db_str(&rows, i, 2));
		tmpl_set(row, "STATUS", db_str(&rows, i, 3));
		tmpl_set(row, "APPLIED", db_str(&rows, i, 4));
	}
	db_rows_release(&rows);
	return 0;
}

static const char *
source_words(const char *s)
{
	static const char *const names[][2] = {
		{ "greenhouse", "from Greenhouse" },
		{ "optin_page", "on the opt-in page" },
		{ "keyword", "by a text reply" },
		{ "recruiter", "by a recruiter" },
		{ "import", "in an import" },
		{ "provider_error", "by the SMS provider" },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i][0]) == 0)
			return names[i][1];
	return "";
}

static const char *
state_words(const char *st)
{
	if (st != NULL && strcmp(st, "granted") == 0)
		return "SMS consent given";
	if (st != NULL && strcmp(st, "revoked") == 0)
		return "Opted out of SMS";
	if (st != NULL && strcmp(st, "requested") == 0)
		return "SMS consent requested";
	return "SMS consent cleared";
}

/* The newest consent ledger row for the person's SMS number. */
static int
evidence_fill(struct db *db, int64_t id, struct tmpl_dict *d)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*e;
	char			 pid[21];
	const char		*p[1] = { db_i64(pid, id) };

	if (db_exec(db, "WITH ph AS (SELECT consent_sms_phone($1::bigint) AS"
	    " e) SELECT c.new_state, c.source, to_char(c.evidence_at AT TIME"
	    " ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'), c.e164 FROM"
	    " consent_ledger c, ph WHERE (ph.e IS NOT NULL AND c.e164 = ph.e)"
	    " OR (ph.e IS NULL AND c.person_id = $1::bigint AND c.e164 IS"
	    " NULL) ORDER BY c.id DESC LIMIT 1", p, 1, &rows) == -1)
		return -1;
	if (rows.nrows == 1) {
		e = tmpl_section_add(d, "EVIDENCE");
		tmpl_set(e, "EVIDENCE_WHAT", state_words(db_str(&rows, 0, 0)));
		tmpl_set(e, "EVIDENCE_HOW", source_words(db_str(&rows, 0, 1)));
		tmpl_set(e, "EVIDENCE_AT", db_str(&rows, 0, 2));
		tmpl_set_shown(e, "EVIDENCE_PHONE", db_str(&rows, 0, 3));
	} else
		tmpl_section_show(d, "NO_EVIDENCE");
	db_rows_release(&rows);
	return 0;
}

static int
pools_fill(struct req *r, int64_t id, struct tmpl_dict *d)
{
	struct pool_list	 l = POOL_LIST_INIT;
	struct tmpl_dict	*row, *choices = NULL;
	size_t			 i, in = 0;

	if (pool_list(r->db, r->auth.user_id, id, &l) == -1)
		return -1;
	for (i = 0; i < l.n; i++) {
		if (l.v[i].has_person) {
			row = tmpl_section_add(d, "POOLS_IN");
			in++;
		} else {
			if (choices == NULL)
				choices = tmpl_section_add(d, "HAS_CHOICES");
			row = tmpl_section_add(choices, "POOL_CHOICES");
		}
		tmpl_set_int(row, "POOL_ID", l.v[i].id);
		tmpl_set(row, "POOL_NAME", l.v[i].name);
	}
	if (in == 0)
		tmpl_section_show(d, "NO_POOLS");
	pool_list_release(&l);
	return 0;
}

/* Everything on the page in one transaction; *found false: 404. */
static int
page_fill(struct req *r, int64_t id, struct tmpl_dict *d, struct buf *title,
    bool *found)
{
	struct people_list	 l = PEOPLE_LIST_INIT;
	bool			 pinned = false;
	int			 rc = -1;

	*found = false;
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		return -1;
	if (people_get(r->db, id, &l) == -1)
		goto out;
	if ((*found = l.n == 1)) {
		ptable_name(&l.v[0], title);
		tmpl_set_int(d, "PERSON_ID", id);
		contact_fill(d, &l.v[0]);
		if (apps_fill(r->db, id, d) == -1 ||
		    evidence_fill(r->db, id, d) == -1 ||
		    pools_fill(r, id, d) == -1 ||
		    pin_is(r->db, r->auth.user_id, PIN_PERSON, id,
		    &pinned) == -1 ||
		    crm_messaging_panel(r, id, d) == -1)
			goto out;
		tmpl_section_show(d, pinned ? "PINNED" : "UNPINNED");
	}
	rc = db_commit(r->db);
out:
	db_rollback(r->db);
	people_list_release(&l);
	return rc;
}

int
crm_person(struct req *r, struct resp *s)
{
	struct view		 v = { .tpl = "person.tpl", .nav = "people" };
	struct tmpl_dict	*d;
	struct buf		 title = BUF_INIT;
	int64_t			 id;
	bool			 found;
	int			 rc;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such person.");
		return 0;
	}
	d = tmpl_dict_new();
	if ((rc = page_fill(r, id, d, &title, &found)) == 0 && !found)
		resp_error(r, s, 404, "There is no such person.");
	else if (rc == 0) {
		v.title = title.ptr;
		v.flash = crm_done_text(r);
		rc = view_page(r, s, 200, &v, d);
	}
	tmpl_dict_free(d);
	buf_release(&title);
	return rc;
}
