/*
 * dashboard.c - GET /, the landing page after login: the recruiter's
 * notifications (unread count, newest first), pinned candidates, pinned
 * pools and requisitions, and the latest replies from candidates the
 * recruiter pinned or owns or that sit in pools and requisitions they
 * pinned or own; POST /notifications/read marks them all read.
 *
 * Owns: templates/dashboard.tpl's keys.
 * Not here: pins (src/pin.c), notifications (src/notify.c), messages
 * (the consent issue's src/message.c).
 */
#include "crm.h"

#include "buf.h"
#include "notify.h"
#include "people.h"
#include "ptable.h"
#include "tmpl.h"
#include "view.h"
#include "banned.h"

#define SHOWN	10	/* items per panel */

static int
notes_fill(struct req *r, struct tmpl_dict *d)
{
	struct notify_list	 l = NOTIFY_LIST_INIT;
	struct tmpl_dict	*t, *row;
	size_t			 i;

	if (notify_list(r->db, r->auth.user_id, SHOWN, &l) == -1)
		return -1;
	tmpl_set_int(d, "UNREAD", l.unread);
	if (l.unread > 0)
		tmpl_section_show(d, "HAS_UNREAD");
	t = l.n > 0 ? tmpl_section_add(d, "HAS_NOTES") : NULL;
	for (i = 0; i < l.n; i++) {
		row = tmpl_section_add(t, "NOTES");
		tmpl_set(row, "NOTE", l.v[i].message);
		tmpl_set(row, "NOTE_AT", l.v[i].created_at);
		if (l.v[i].person > 0)
			tmpl_set_int(tmpl_section_add(row, "NOTE_LINK"),
			    "PERSON_ID", l.v[i].person);
		else
			tmpl_section_show(row, "NOTE_TEXT");
		if (l.v[i].unread)
			tmpl_section_show(row, "NOTE_UNREAD");
	}
	if (l.n == 0)
		tmpl_section_show(d, "NO_NOTES");
	notify_list_release(&l);
	return 0;
}

static int
pins_fill(struct req *r, struct tmpl_dict *d)
{
	struct people_list	 l = PEOPLE_LIST_INIT;
	struct tmpl_dict	*t, *row;
	struct buf		 b = BUF_INIT;
	const char		*label;
	size_t			 i;
	int			 ok;

	if (people_of(r->db, PEOPLE_PINNED_BY, r->auth.user_id, 0, SHOWN,
	    &l) == -1)
		return -1;
	t = l.n > 0 ? tmpl_section_add(d, "HAS_PINS") : NULL;
	for (i = 0; i < l.n; i++) {
		row = tmpl_section_add(t, "PINS");
		tmpl_set_int(row, "PERSON_ID", l.v[i].id);
		ptable_name(&l.v[i], &b);
		tmpl_set(row, "NAME", b.ptr);
		ptable_consent(l.v[i].sms_consent, &ok, &label);
		tmpl_section_show(row, ok ? "CONSENT_OK" : "CONSENT_NO");
		tmpl_set(row, "CONSENT_LABEL", label);
	}
	if (l.n == 0)
		tmpl_section_show(d, "NO_PINS");
	buf_release(&b);
	people_list_release(&l);
	return 0;
}

/* Pinned pools and requisitions, pools first. */
static int
lists_fill(struct req *r, struct tmpl_dict *d)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*t, *row;
	char			 u[21];
	const char		*p[1] = { db_i64(u, r->auth.user_id) };
	size_t			 i;

	if (db_exec(r->db, "SELECT 'pools', po.id, po.name, (SELECT count(*)"
	    " FROM pool_members m WHERE m.pool_id = po.id), 'people' FROM pins"
	    " pi JOIN pools po ON po.id = pi.pool_id WHERE pi.user_id ="
	    " $1::bigint UNION ALL SELECT 'jobs', j.id, COALESCE(NULLIF(j.name,"
	    " ''), 'Job ' || j.greenhouse_id), (SELECT count(DISTINCT"
	    " a.person_id) FROM applications a WHERE a.job_gh_id ="
	    " j.greenhouse_id), 'applicants' FROM pins pi JOIN jobs j ON j.id ="
	    " pi.job_id WHERE pi.user_id = $1::bigint ORDER BY 1 DESC, 3"
	    " LIMIT 50", p, 1, &rows) == -1)
		return -1;
	t = rows.nrows > 0 ? tmpl_section_add(d, "HAS_LISTS") : NULL;
	for (i = 0; i < rows.nrows; i++) {
		row = tmpl_section_add(t, "LISTS");
		tmpl_set(row, "LIST_KIND", db_str(&rows, i, 0));
		tmpl_set_int(row, "LIST_ID", db_int(&rows, i, 1));
		tmpl_set(row, "LIST_NAME", db_str(&rows, i, 2));
		tmpl_set_int(row, "LIST_COUNT", db_int(&rows, i, 3));
		tmpl_set(row, "LIST_WORD", db_str(&rows, i, 4));
		tmpl_set(row, "LIST_TYPE", *db_str(&rows, i, 0) == 'p' ? "Pool" :
		    "Requisition");
	}
	if (rows.nrows == 0)
		tmpl_section_show(d, "NO_LISTS");
	db_rows_release(&rows);
	return 0;
}

static int
replies_fill(struct req *r, struct tmpl_dict *d)
{
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*t, *row;
	char			 u[21];
	const char		*p[1] = { db_i64(u, r->auth.user_id) };
	size_t			 i;

	if (db_exec(r->db, "SELECT m.person_id, btrim(p.first_name || ' ' ||"
	    " p.last_name), left(m.body, 280), to_char(m.created_at AT TIME"
	    " ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"') FROM messages m JOIN"
	    " people p ON p.id = m.person_id WHERE m.direction = 'inbound' AND"
	    " (p.owner_id = $1::bigint OR EXISTS (SELECT 1 FROM pins pi WHERE"
	    " pi.person_id = m.person_id AND pi.user_id = $1::bigint) OR EXISTS"
	    " (SELECT 1 FROM pool_members pm JOIN pools po ON po.id ="
	    " pm.pool_id WHERE pm.person_id = m.person_id AND (po.owner_id ="
	    " $1::bigint OR EXISTS (SELECT 1 FROM pins pi WHERE pi.pool_id ="
	    " po.id AND pi.user_id = $1::bigint))) OR EXISTS (SELECT 1 FROM"
	    " applications a JOIN jobs j ON j.greenhouse_id = a.job_gh_id JOIN"
	    " pins pi ON pi.job_id = j.id WHERE a.person_id = m.person_id AND"
	    " pi.user_id = $1::bigint)) ORDER BY m.id DESC LIMIT 10",
	    p, 1, &rows) == -1)
		return -1;
	t = rows.nrows > 0 ? tmpl_section_add(d, "HAS_REPLIES") : NULL;
	for (i = 0; i < rows.nrows; i++) {
		row = tmpl_section_add(t, "REPLIES");
		tmpl_set_int(row, "PERSON_ID", db_int(&rows, i, 0));
		tmpl_set(row, "NAME", *db_str(&rows, i, 1) ? db_str(&rows, i, 1)
		    : "(no name)");
		tmpl_set(row, "BODY", db_str(&rows, i, 2));
		tmpl_set(row, "AT", db_str(&rows, i, 3));
	}
	if (rows.nrows == 0)
		tmpl_section_show(d, "NO_REPLIES");
	db_rows_release(&rows);
	return 0;
}

int
crm_dashboard(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Dashboard",
	    .tpl = "dashboard.tpl", .nav = "dashboard",
	    .flash = crm_done_text(r) };
	struct tmpl_dict	*d = tmpl_dict_new();
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		goto out;
	if (notes_fill(r, d) == -1 || pins_fill(r, d) == -1 ||
	    lists_fill(r, d) == -1 || replies_fill(r, d) == -1 ||
	    db_commit(r->db) == -1) {
		db_rollback(r->db);
		goto out;
	}
	rc = view_page(r, s, 200, &v, d);
out:
	tmpl_dict_free(d);
	return rc;
}

int
crm_notes_read(struct req *r, struct resp *s)
{
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    notify_mark_read(r->db, r->auth.user_id) == -1 ||
	    db_commit(r->db) == -1)
		return -1;
	resp_redirect(s, "/?done=read");
	return 0;
}
