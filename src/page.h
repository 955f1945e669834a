/*
 * page.h - the two page layouts every HTML answer is rendered in.
 *
 * Owns: layout.tpl (recruiter pages: header, main nav, account, logout
 * form, flash banner, h1) and public_layout.tpl (candidate pages branded
 * with the tenant's name, colour and logo), and what they hand the body.
 * Not here: the body templates' own keys (the handlers fill those; see
 * templates/README.md, which lists every template's keys) or responses.
 * All strings are borrowed; NULL means absent. Nothing here allocates
 * anything the caller must free.
 *
 * Every body template also sees these values, which the page sets as
 * template globals (a value the handler set in body itself wins):
 *   CSRF             the token for forms that POST (name="csrf")
 *   USER_NAME        page_render() only, when signed in
 *   USER_FIRST_NAME  the first word of USER_NAME
 *   TENANT_NAME      page_render() only, when signed in
 *   BRAND_NAME       page_render_public() only
 */
#ifndef LOOP_PAGE_H
#define LOOP_PAGE_H

#include <stdbool.h>

struct buf;
struct tmpl_dict;

struct page {
	const char	*title;		/* <title> and h1 */
	const char	*body_tpl;	/* e.g. "dashboard.tpl": {{>BODY}} */
	const char	*user_name;	/* NULL when signed out: no nav */
	const char	*tenant_name;
	const char	*csrf;		/* logout form, and {{CSRF}} in body */
	const char	*nav;		/* "dashboard", "people", "chats",
					   "templates", "jobs": active item */
	const char	*flash;		/* optional message banner */
	const char	*flash_kind;	/* "ok" | "error" (other: "ok") */
};

struct page_public {
	const char	*title;		/* <title> and h1 */
	const char	*body_tpl;	/* {{>BODY}} in public_layout.tpl */
	const char	*brand_name;	/* NULL or "": "Loop" */
	const char	*brand_color;	/* "#rrggbb"; else the Loop accent */
	const char	*logo_url;	/* https://, http:// or /path; else
					   the brand name is shown as text */
	const char	*csrf;		/* {{CSRF}} in body */
	const char	*flash;
	const char	*flash_kind;	/* "ok" | "error" */
	const char	*style_nonce;	/* the CSP nonce that lets the inline
					   <style> carry the brand colour;
					   NULL when the policy allows it */
};

#define PAGE_BRAND_DEFAULT	"#2d5bd7"	/* matches loop.css --accent */

/*
 * Renders layout.tpl around body_tpl filled from body (NULL: an empty
 * dictionary; body_tpl NULL: no body) and appends the HTML to out. The
 * nav and the account box show only when user_name is set. Returns 0, or
 * -1 when rendering fails (logged; out left as it was).
 */
int	 page_render(const struct page *, struct tmpl_dict *body,
	    struct buf *out);

/*
 * The same for candidate-facing pages: public_layout.tpl, mobile first,
 * no recruiter nav. A brand colour that is not "#rrggbb" and a logo URL
 * that is neither absolute http(s) nor a path from the root are replaced
 * by the defaults; the text colour on the brand colour is chosen for
 * contrast. Returns 0 or -1 as page_render().
 */
int	 page_render_public(const struct page_public *, struct tmpl_dict *body,
	    struct buf *out);

/* True when s is "#" and six hex digits (the only brand colour form). */
bool	 page_color_ok(const char *s);

#endif
