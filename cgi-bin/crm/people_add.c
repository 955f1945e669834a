/*
 * people_add.c - Add Person: GET /people/new (the form) and POST /people.
 * A valid person is saved owned by the recruiter (and, with Harvest
 * configured, queued for Greenhouse as a prospect); someone who already
 * holds the email or phone is offered instead of a second record.
 *
 * Owns: templates/people_new.tpl's keys.
 * Not here: the field rules, duplicate rule and Harvest write
 * (src/intake.c), people's rows (src/people.c).
 */
#include "crm.h"

#include <string.h>

#include "buf.h"
#include "intake.h"
#include "people.h"
#include "ptable.h"
#include "tmpl.h"
#include "view.h"
#include "banned.h"

/* The form again, filled with what was typed, and why it was refused. */
static int
form_page(struct req *r, struct resp *s, int status, const char *error,
    const struct people_list *dups)
{
	const struct view	 v = { .title = "Add a person",
	    .tpl = "people_new.tpl", .nav = "people" };
	struct tmpl_dict	*d = tmpl_dict_new();
	const char		*k = kvlist_get(&r->form, "type");
	static const char *const keys[] = { "first_name", "last_name",
	    "email", "phone" };
	static const char *const tkeys[] = { "FIRST_NAME", "LAST_NAME",
	    "EMAIL", "PHONE" };
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		tmpl_set(d, tkeys[i], kvlist_get(&r->form, keys[i]));
	tmpl_section_show(d, k != NULL && strcmp(k, "prospect") == 0 ?
	    "SEL_PROSPECT" : "SEL_CANDIDATE");
	if (error != NULL)
		tmpl_set_shown(d, "ERROR", error);
	if (dups != NULL && dups->n > 0)
		ptable_fill(tmpl_section_add(d, "DUPS"), "TABLE", dups, 0,
		    NULL, NULL);
	rc = view_page(r, s, status, &v, d);
	tmpl_dict_free(d);
	return rc;
}

int
crm_person_new(struct req *r, struct resp *s)
{
	return form_page(r, s, 200, NULL, NULL);
}

/* Capitalises the first letter of a val.h message for the page. */
static void
sentence(struct buf *b)
{
	if (b->len > 0 && b->ptr[0] >= 'a' && b->ptr[0] <= 'z')
		b->ptr[0] = (char)(b->ptr[0] - 'a' + 'A');
	if (b->len > 0 && b->ptr[b->len - 1] != '.')
		buf_addc(b, '.');
}

int
crm_person_add(struct req *r, struct resp *s)
{
	struct intake_person	 in;
	struct people_list	 dups = PEOPLE_LIST_INIT;
	struct buf		 why = BUF_INIT, to = BUF_INIT;
	int64_t			 id = 0, dup = 0;
	struct intake_opts	 o;
	int			 rc = 0;

	if (intake_from_form(&r->form, &in, &why) == -1) {
		sentence(&why);
		rc = form_page(r, s, 400, why.ptr, NULL);
		goto out;
	}
	in.owner_id = r->auth.user_id;
	in.source = "crm";
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    intake_opts_load(r->db, r->auth.tenant_id, &o) == -1 ||
	    intake_add(r->db, &in, &o, &id, &dup) == -1 ||
	    (dup > 0 && people_find_dups(r->db, in.email, in.phone,
	    &dups) == -1) || db_commit(r->db) == -1) {
		rc = -1;
		goto out;
	}
	if (dup > 0) {
		rc = form_page(r, s, 409, "This person is already in Loop: "
		    "someone holds that email or mobile number.", &dups);
		goto out;
	}
	buf_addf(&to, "/people/%lld?done=added", (long long)id);
	resp_redirect(s, to.ptr);
out:
	db_rollback(r->db);
	people_list_release(&dups);
	buf_release(&why);
	buf_release(&to);
	return rc;
}
