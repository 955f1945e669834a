/*
 * chats.c - GET /chats: the team's SMS conversations, one row per person
 * with their latest message, newest first; each opens the person's chat.
 */
#include "crm.h"

#include <string.h>

#include "tmpl.h"
#include "view.h"
#include "banned.h"

#define CHATS_MAX	50

static void
chat_row(struct tmpl_dict *t, const struct db_rows *rows, size_t i)
{
	struct tmpl_dict	*row = tmpl_section_add(t, "CHATS");
	const char		*name = db_str(rows, i, 1), *st;

	st = db_str(rows, i, 4);
	tmpl_set_int(row, "PERSON_ID", db_int(rows, i, 0));
	tmpl_set(row, "NAME", name != NULL && *name ? name : "(no name)");
	tmpl_set(row, "DIRECTION", strcmp(db_str(rows, i, 2), "inbound") == 0 ?
	    "Them" : "You");
	tmpl_set(row, "BODY", db_str(rows, i, 3));
	tmpl_set(row, "STATUS", st);
	tmpl_set(row, "STATUS_LABEL", crm_status_label(st, db_bool(rows, i, 6)));
	tmpl_set(row, "AT", db_str(rows, i, 5));
	if (db_bool(rows, i, 7))
		tmpl_section_show(row, "FLAGGED");
}

int
crm_chats(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Chats", .tpl = "chats.tpl",
	    .nav = "chats" };
	struct db_rows		 rows = DB_ROWS_INIT;
	struct tmpl_dict	*d = tmpl_dict_new(), *t;
	char			 lim[21];
	const char		*p[1] = { db_i64(lim, CHATS_MAX) };
	size_t			 i;
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    db_exec(r->db, "SELECT * FROM (SELECT DISTINCT ON (m.person_id)"
	    " m.person_id, btrim(p.first_name || ' ' || p.last_name),"
	    " m.direction, left(m.body, 160), m.status, to_char(m.created_at"
	    " AT TIME ZONE 'UTC', 'Mon DD, HH24:MI \"UTC\"'), m.provider_sid IS"
	    " NOT NULL, m.flag_state = 'open', m.id FROM messages m JOIN people"
	    " p ON p.id = m.person_id ORDER BY m.person_id, m.id DESC) c"
	    " ORDER BY c.id DESC LIMIT $1::int", p, 1, &rows) == -1 ||
	    db_commit(r->db) == -1)
		goto out;
	t = rows.nrows > 0 ? tmpl_section_add(d, "HAS_CHATS") : NULL;
	for (i = 0; i < rows.nrows; i++)
		chat_row(t, &rows, i);
	if (rows.nrows == 0)
		tmpl_section_show(d, "NO_CHATS");
	rc = view_page(r, s, 200, &v, d);
out:
	db_rows_release(&rows);
	tmpl_dict_free(d);
	return rc;
}
