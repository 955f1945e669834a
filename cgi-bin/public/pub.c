/*
 * pub.c - the branded answer of every candidate page.
 *
 * Owns: the per-response Content-Security-Policy with its style nonce
 * (nginx adds its strict default to /c/ only when a response carries
 * none), the pre-session CSRF token, the brand handed to the layout.
 * Not here: the layout (src/page.c, templates/public_layout.tpl).
 */
#include "public.h"

#include <string.h>

#include "auth.h"
#include "page.h"
#include "sec.h"
#include "tmpl.h"
#include "wording.h"
#include "banned.h"

#define NONCE_BYTES	18

int
pub_page(struct req *r, struct resp *s, int status, const struct pub_view *v,
    const struct wording_brand *b, struct tmpl_dict *body)
{
	struct page_public	 pg;
	struct buf		 nonce = BUF_INIT, csp = BUF_INIT;
	struct buf		 html = BUF_INIT;
	char			 csrf[65];
	int			 rc = -1;

	sec_token(&nonce, NONCE_BYTES);
	buf_addf(&csp, "default-src 'self'; script-src 'self'; style-src"
	    " 'self' 'nonce-%s'; img-src 'self' data: https:; frame-ancestors"
	    " 'none'; form-action 'self'; base-uri 'none'", nonce.ptr);
	auth_login_csrf(r, s, csrf);
	memset(&pg, 0, sizeof(pg));
	pg.title = v->title;
	pg.body_tpl = v->tpl;
	pg.csrf = csrf;
	pg.flash = v->flash;
	pg.flash_kind = v->flash_kind;
	pg.style_nonce = nonce.ptr;
	if (b != NULL) {
		pg.brand_name = b->name.ptr;
		pg.brand_color = b->color.ptr;
		pg.logo_url = b->logo.ptr;
	}
	if (page_render_public(&pg, body, &html) == 0) {
		resp_header(s, "Content-Security-Policy", csp.ptr);
		resp_html(s, status, &html);
		rc = 0;
	}
	buf_release(&nonce);
	buf_release(&csp);
	buf_release(&html);
	return rc;
}

int
pub_message(struct req *r, struct resp *s, int status,
    const struct wording_brand *b, const char *title, const char *message,
    const char *detail)
{
	struct pub_view		 v = { title, "public_message.tpl", NULL,
				    NULL };
	struct tmpl_dict	*d = tmpl_dict_new();
	int			 rc;

	tmpl_set(d, "MESSAGE", message);
	tmpl_set_shown(d, "DETAIL", detail);
	rc = pub_page(r, s, status, &v, b, d);
	tmpl_dict_free(d);
	return rc;
}
