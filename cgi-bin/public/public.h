/*
 * public.h - loop-public's handlers, one candidate flow per file, and the
 * branded page they all answer with.
 */
#ifndef LOOP_PUBLIC_H
#define LOOP_PUBLIC_H

#include "app.h"

struct tmpl_dict;
struct wording_brand;

extern const struct route	public_routes[];
extern const size_t		public_nroutes;

/* pub.c: what a candidate page needs besides its body. */
struct pub_view {
	const char	*title;
	const char	*tpl;		/* body template */
	const char	*flash;
	const char	*flash_kind;
};

/*
 * Answers with v in the tenant's brand (b NULL: Loop's), with this
 * response's own Content-Security-Policy (a fresh nonce for the brand
 * colour's <style>) and the pre-session CSRF token as {{CSRF}}. body may
 * be NULL and stays the caller's. -1 when rendering fails.
 */
int	 pub_page(struct req *, struct resp *, int status,
	    const struct pub_view *v, const struct wording_brand *b,
	    struct tmpl_dict *body);

/* A short message page (public_message.tpl); detail may be NULL. */
int	 pub_message(struct req *, struct resp *, int status,
	    const struct wording_brand *b, const char *title,
	    const char *message, const char *detail);

/* optin.c: /c/optin/{token}... */
int	 pub_optin(struct req *, struct resp *);
int	 pub_optin_post(struct req *, struct resp *);
int	 pub_optin_code(struct req *, struct resp *);
int	 pub_optin_code_post(struct req *, struct resp *);
int	 pub_optin_done(struct req *, struct resp *);

#endif
