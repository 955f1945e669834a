/*
 * detail.c - the shape every "one list, paged" CRM page shares (a pool,
 * a requisition): parse {id} and ?cursor=, fill, 404 when missing, render.
 */
#include "crm.h"

#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

int
crm_detail_page(struct req *r, struct resp *s, const char *tpl,
    const char *nav, const char *missing, crm_detail_fill fill)
{
	struct view		 v = { .tpl = tpl, .nav = nav };
	struct tmpl_dict	*d;
	struct buf		 title = BUF_INIT;
	const char		*c = kvlist_get(&r->query, "cursor");
	int64_t			 id, cursor = 0;
	bool			 found = false;
	int			 rc;

	if (!req_id(r, 0, &id) || (c != NULL && (val_int64(c, &cursor) == -1
	    || cursor < 1))) {
		resp_error(r, s, 404, missing);
		return 0;
	}
	d = tmpl_dict_new();
	if ((rc = fill(r, id, cursor, d, &title, &found)) == 0 && !found)
		resp_error(r, s, 404, missing);
	else if (rc == 0) {
		v.title = title.ptr;
		v.flash = crm_done_text(r);
		rc = view_page(r, s, 200, &v, d);
	}
	tmpl_dict_free(d);
	buf_release(&title);
	return rc;
}
