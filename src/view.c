/*
 * view.c - a CRM page from a request and a filled body dictionary.
 *
 * Owns: the mapping from req->auth to the layout's account box and forms.
 * Not here: templates (templates/), the layout (page.c).
 */
#include "view.h"

#include <string.h>

#include "page.h"
#include "tmpl.h"
#include "banned.h"

int
view_page(struct req *r, struct resp *s, int status, const struct view *v,
    struct tmpl_dict *body)
{
	struct page	 pg;
	struct buf	 html = BUF_INIT;
	int		 rc = -1;

	memset(&pg, 0, sizeof(pg));
	pg.title = v->title;
	pg.body_tpl = v->tpl;
	pg.nav = v->nav;
	pg.flash = v->flash;
	pg.flash_kind = v->flash_kind;
	pg.csrf = v->csrf;
	if (r->auth.ok) {
		pg.user_name = r->auth.user_name;
		pg.tenant_name = r->auth.tenant_name;
		if (pg.csrf == NULL)
			pg.csrf = r->auth.csrf;
	}
	if (page_render(&pg, body, &html) == 0) {
		resp_html(s, status, &html);
		rc = 0;
	}
	buf_release(&html);
	return rc;
}
