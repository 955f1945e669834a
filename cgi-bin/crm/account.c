/*
 * account.c - GET /account: who is signed in, for which team, and where
 * that team's Greenhouse webhook points. One session check, one render.
 */
#include "crm.h"

#include "buf.h"
#include "cfg.h"
#include "tmpl.h"
#include "view.h"
#include "banned.h"

int
crm_account(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Your account",
	    .tpl = "account.tpl" };
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 hook = BUF_INIT;
	int			 rc;

	buf_addf(&hook, "%s/hooks/greenhouse/%s", cfg.public_url,
	    r->auth.tenant_slug);
	tmpl_set(d, "USER_EMAIL", r->auth.user_email);
	tmpl_set(d, "TENANT_SLUG", r->auth.tenant_slug);
	tmpl_set(d, "WEBHOOK_PATH", hook.ptr);
	rc = view_page(r, s, 200, &v, d);
	buf_release(&hook);
	tmpl_dict_free(d);
	return rc;
}
