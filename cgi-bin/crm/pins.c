/*
 * pins.c - pinning and unpinning from any page:
 *   POST /people/{id}/pin, /pools/{id}/pin, /jobs/{id}/pin
 * with pin=yes|no and back=dashboard (else back to the item's page).
 *
 * Owns: the form and where it returns to.
 * Not here: the pins table (src/pin.c), what the dashboard shows.
 */
#include "crm.h"

#include <string.h>

#include "buf.h"
#include "pin.h"
#include "val.h"
#include "banned.h"

enum { F_PIN, F_BACK, F__MAX };
static const struct val_field pin_fields[F__MAX] = {
	[F_PIN] =	{ "pin", VAL_YESNO, VAL_REQUIRED, 3 },
	[F_BACK] =	{ "back", VAL_TEXT, VAL_OPTIONAL, 20 },
};

static const char *const pages[PIN__MAX] = {
	[PIN_PERSON] = "/people/",
	[PIN_POOL] = "/pools/",
	[PIN_JOB] = "/jobs/",
};

static int
pin_form(struct req *r, struct resp *s, enum pin_kind k)
{
	struct val_value	 v[F__MAX];
	struct buf		 why = BUF_INIT, to = BUF_INIT;
	int64_t			 id;
	bool			 found = false;
	int			 rc = 0;

	if (!req_id(r, 0, &id)) {
		resp_error(r, s, 404, "There is no such page.");
		goto out;
	}
	if (val_form(&r->form, pin_fields, F__MAX, v, &why) == -1) {
		resp_error(r, s, 400, why.ptr);
		goto out;
	}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    pin_set(r->db, r->auth.user_id, k, id, v[F_PIN].num == 1,
	    &found) == -1 || db_commit(r->db) == -1) {
		rc = -1;
		goto out;
	}
	if (!found) {
		resp_error(r, s, 404, "There is nothing to pin at this address.");
		goto out;
	}
	if (v[F_BACK].present && strcmp(v[F_BACK].str, "dashboard") == 0)
		buf_adds(&to, "/");
	else
		buf_addf(&to, "%s%lld?done=%s", pages[k], (long long)id,
		    v[F_PIN].num == 1 ? "pinned" : "unpinned");
	resp_redirect(s, to.ptr);
out:
	buf_release(&why);
	buf_release(&to);
	return rc;
}

int
crm_person_pin(struct req *r, struct resp *s)
{
	return pin_form(r, s, PIN_PERSON);
}

int
crm_pool_pin(struct req *r, struct resp *s)
{
	return pin_form(r, s, PIN_POOL);
}

int
crm_job_pin(struct req *r, struct resp *s)
{
	return pin_form(r, s, PIN_JOB);
}
