/*
 * dashboard.c - GET /: the landing page after login.
 */
#include "crm.h"

#include "tmpl.h"
#include "view.h"
#include "banned.h"

int
crm_dashboard(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Dashboard",
	    .tpl = "dashboard.tpl", .nav = "dashboard" };

	return view_page(r, s, 200, &v, NULL);
}
