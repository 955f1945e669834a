/*
 * people.c - GET /people: everyone in the tenant, newest first, and the
 * search box (ARCHITECTURE.md "Search syntax"); ?q= keeps the search in
 * the URL, ?cursor= is the keyset page ("Next").
 *
 * Owns: the People page's keys (templates/people.tpl), its count line and
 * empty states.
 * Not here: parsing and SQL (src/people.c), the table (src/ptable.c).
 */
#include "crm.h"

#include "buf.h"
#include "people.h"
#include "ptable.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

/* Counting stops here: "1,000+ people", "200+ matches". */
#define COUNT_ALL	1000
#define COUNT_MATCHES	200

enum { Q_Q, Q_CURSOR, Q__MAX };
static const struct val_field page_fields[Q__MAX] = {
	[Q_Q] =		{ "q", VAL_TEXT, VAL_OPTIONAL, PEOPLE_Q_MAX },
	[Q_CURSOR] =	{ "cursor", VAL_INT64, VAL_OPTIONAL, 20 },
};

/* "12 people", "1 match for ...", "1,000+ people". */
static int
count_cap(const struct people_query *q)
{
	return q->form == PEOPLE_ALL ? COUNT_ALL : COUNT_MATCHES;
}

static void
count_line(struct tmpl_dict *d, const struct people_query *q, int64_t n)
{
	struct buf	 b = BUF_INIT, num = BUF_INIT;

	ptable_count(n, &num);
	buf_adds(&b, num.ptr);
	if (n >= count_cap(q))
		buf_addc(&b, '+');
	if (q->form == PEOPLE_ALL)
		buf_adds(&b, n == 1 ? " person" : " people");
	else
		buf_adds(&b, n == 1 ? " match" : " matches");
	tmpl_set(d, "COUNT_TEXT", b.ptr);
	buf_release(&num);
	buf_release(&b);
}

static int
fill(struct req *r, struct tmpl_dict *d, const struct people_query *q,
    const char *typed, int64_t cursor)
{
	struct people_list	 l = PEOPLE_LIST_INIT;
	int64_t			 n = 0;
	int			 rc = -1;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1)
		return -1;
	if (people_search(r->db, q, cursor, PEOPLE_LIMIT_DEFAULT, &l) == -1 ||
	    people_count(r->db, q, count_cap(q), &n) == -1 ||
	    db_commit(r->db) == -1)
		goto out;
	count_line(d, q, n);
	if (l.n > 0)
		ptable_fill(tmpl_section_add(d, "RESULTS"), "TABLE", &l, 0,
		    NULL, NULL);
	else if (q->form == PEOPLE_ALL && cursor == 0)
		tmpl_section_show(d, "NOBODY");
	else
		tmpl_set_shown(d, "NO_MATCH", typed);
	if (l.next > 0)
		tmpl_set_int(tmpl_section_add(d, "NEXT"), "NEXT_CURSOR",
		    l.next);
	if (cursor > 0)
		tmpl_section_show(d, "FIRST_PAGE");
	rc = 0;
out:
	db_rollback(r->db);
	people_list_release(&l);
	return rc;
}

int
crm_people(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "People", .tpl = "people.tpl",
	    .nav = "people" };
	struct val_value	 f[Q__MAX];
	struct people_query	 q;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 why = BUF_INIT;
	const char		*bad = NULL, *typed;
	int			 rc;

	if (val_form(&r->query, page_fields, Q__MAX, f, &why) == -1)
		bad = why.ptr;
	else if (f[Q_CURSOR].present && f[Q_CURSOR].num < 1)
		bad = "That page link is not valid.";
	typed = f[Q_Q].present ? f[Q_Q].str : "";
	tmpl_set(d, "Q", bad == why.ptr ? "" : typed);
	if (bad == NULL)
		(void)people_query_parse(typed, &q, &bad);
	if (bad != NULL) {
		tmpl_set_shown(d, "ERROR", bad);
		rc = view_page(r, s, 400, &v, d);
	} else if ((rc = fill(r, d, &q, typed,
	    f[Q_CURSOR].present ? f[Q_CURSOR].num : 0)) == 0)
		rc = view_page(r, s, 200, &v, d);
	tmpl_dict_free(d);
	buf_release(&why);
	return rc;
}
