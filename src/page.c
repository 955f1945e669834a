/*
 * page.c - filling the two layouts around a page body.
 *
 * Owns: the layout dictionaries (account, nav, flash, brand) and checking
 * the brand colour and logo URL a tenant configured.
 * Not here: HTML (templates/layout.tpl, templates/public_layout.tpl) and
 * the body's own keys (the handler fills them).
 * Every dictionary made here is freed here; body stays the caller's.
 */
#include "page.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "log.h"
#include "tmpl.h"

#include "banned.h"

#define PAGE_URL_MAX	2048

static const struct nav_item {
	const char	*key;	/* struct page.nav */
	const char	*href;
	const char	*label;
} nav_items[] = {
	{ "dashboard",	"/",		"Dashboard" },
	{ "people",	"/people",	"People" },
	{ "chats",	"/chats",	"Chats" },
	{ "templates",	"/templates",	"Templates" },
	{ "jobs",	"/jobs",	"Jobs" },
};

static bool
nonempty(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static void
set_flash(struct tmpl_dict *d, const char *text, const char *kind)
{
	bool	 err;

	if (!nonempty(text))
		return;
	err = kind != NULL && strcmp(kind, "error") == 0;
	tmpl_section_show(d, "FLASH");
	tmpl_set(d, "FLASH_TEXT", text);
	tmpl_set(d, "FLASH_KIND", err ? "error" : "ok");
	/* An error interrupts a screen reader; a confirmation waits. */
	tmpl_set(d, "FLASH_ROLE", err ? "alert" : "status");
}

static void
set_nav(struct tmpl_dict *d, const char *active)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
		row = tmpl_section_add(d, "NAV");
		tmpl_set(row, "NAV_HREF", nav_items[i].href);
		tmpl_set(row, "NAV_LABEL", nav_items[i].label);
		if (active != NULL && strcmp(active, nav_items[i].key) == 0)
			tmpl_section_show(row, "NAV_ACTIVE");
	}
}

/* Places body_tpl as {{>BODY}}; *made is the empty body made here. */
static void
set_body(struct tmpl_dict *d, const char *body_tpl, struct tmpl_dict *body,
    struct tmpl_dict **made)
{
	*made = NULL;
	if (body_tpl == NULL)
		return;
	if (body == NULL)
		body = *made = tmpl_dict_new();
	tmpl_attach(d, "BODY", body_tpl, body);
}

int
page_render(const struct page *p, struct tmpl_dict *body, struct buf *out)
{
	struct tmpl_dict	*d, *in, *made;
	char			*first = NULL;
	int			 rc;

	if (p == NULL || out == NULL) {
		log_err("page_render: no page or no output buffer");
		return -1;
	}
	d = tmpl_dict_new();
	tmpl_set(d, "TITLE", nonempty(p->title) ? p->title : "Loop");
	tmpl_set_global(d, "CSRF", p->csrf);
	if (nonempty(p->user_name)) {
		first = xstrndup(p->user_name, strcspn(p->user_name, " \t"));
		tmpl_set_global(d, "USER_NAME", p->user_name);
		tmpl_set_global(d, "USER_FIRST_NAME", first);
		tmpl_set_global(d, "TENANT_NAME", p->tenant_name);
		in = tmpl_section_add(d, "SIGNED_IN");
		set_nav(in, p->nav);
	} else
		tmpl_section_show(d, "SIGNED_OUT");
	set_flash(d, p->flash, p->flash_kind);
	set_body(d, p->body_tpl, body, &made);
	rc = tmpl_render("layout.tpl", d, out);
	tmpl_dict_free(made);
	tmpl_dict_free(d);
	free(first);
	return rc;
}

bool
page_color_ok(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] != '#' || strlen(s) != 7)
		return false;
	for (i = 1; i < 7; i++)
		if (strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return false;
	return true;
}

/* WCAG relative luminance of "#rrggbb" (already checked). */
static double
luminance(const char *hex)
{
	double	 c[3];
	char	 part[3] = { 0 };
	int	 i;

	for (i = 0; i < 3; i++) {
		memcpy(part, hex + 1 + 2 * i, 2);
		c[i] = strtol(part, NULL, 16) / 255.0;
		c[i] = c[i] <= 0.03928 ? c[i] / 12.92 :
		    pow((c[i] + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* White or near-black text, whichever contrasts more with the brand. */
static const char *
ink_for(const char *hex)
{
	const double	 dark = 0.0103;	/* luminance of #111827 */
	double		 l = luminance(hex);

	return (1.05 / (l + 0.05)) >= ((l + 0.05) / (dark + 0.05)) ?
	    "#ffffff" : "#111827";
}

/*
 * A logo comes from tenant settings, so only plain web addresses pass:
 * absolute http(s), or a path on this host ("//host" is another host).
 * ctemplate would already turn javascript: into "#"; this keeps odd
 * values from showing as a broken image.
 */
static bool
logo_ok(const char *u)
{
	size_t	 n, i;

	if (!nonempty(u) || (n = strlen(u)) > PAGE_URL_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= ' ' || u[i] == 0x7f)
			return false;
	if (strncasecmp(u, "https://", 8) == 0)
		return n > 8;
	if (strncasecmp(u, "http://", 7) == 0)
		return n > 7;
	return u[0] == '/' && u[1] != '/' && u[1] != '\\';
}

int
page_render_public(const struct page_public *p, struct tmpl_dict *body,
    struct buf *out)
{
	struct tmpl_dict	*d, *made;
	const char		*color;
	int			 rc;

	if (p == NULL || out == NULL) {
		log_err("page_render_public: no page or no output buffer");
		return -1;
	}
	color = page_color_ok(p->brand_color) ? p->brand_color :
	    PAGE_BRAND_DEFAULT;
	d = tmpl_dict_new();
	tmpl_set(d, "TITLE", nonempty(p->title) ? p->title : "Loop");
	tmpl_set_global(d, "BRAND_NAME",
	    nonempty(p->brand_name) ? p->brand_name : "Loop");
	tmpl_set(d, "BRAND_COLOR", color);
	tmpl_set(d, "BRAND_INK", ink_for(color));
	tmpl_set(d, "STYLE_NONCE", p->style_nonce);
	if (logo_ok(p->logo_url))
		tmpl_set_shown(d, "LOGO_URL", p->logo_url);
	else
		tmpl_section_show(d, "NO_LOGO");
	tmpl_set_global(d, "CSRF", p->csrf);
	set_flash(d, p->flash, p->flash_kind);
	set_body(d, p->body_tpl, body, &made);
	rc = tmpl_render("public_layout.tpl", d, out);
	tmpl_dict_free(made);
	tmpl_dict_free(d);
	return rc;
}
