/*
 * view.h - answering a request with a page in the shared layout.
 *
 * Owns: filling struct page from the request (who is signed in, CSRF,
 * flash message from the query) so handlers only fill their body.
 * Not here: the layout itself (page.c) or the body's keys (templates/).
 */
#ifndef LOOP_VIEW_H
#define LOOP_VIEW_H

#include "app.h"

struct tmpl_dict;

struct view {
	const char	*title;
	const char	*tpl;		/* body template */
	const char	*nav;		/* active nav item, or NULL */
	const char	*csrf;		/* overrides the session's token */
	const char	*flash;
	const char	*flash_kind;
};

/*
 * Renders v around body (may be NULL; not freed) as the answer with
 * status. Returns 0, or -1 when rendering failed (the server's fault).
 */
int	 view_page(struct req *, struct resp *, int status, const struct view *,
	    struct tmpl_dict *body);

#endif
