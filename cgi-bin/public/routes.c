/*
 * routes.c - loop-public's route table: every candidate page in one place.
 * Forms carry the pre-session CSRF token (R_LOGIN_CSRF: a cookie and the
 * token derived from it), since candidates have no session.
 */
#include "public.h"
#include "banned.h"

#define FORM_MAX	(16 * 1024)

const struct route public_routes[] = {
	{ ROUTE_GET,	"/c/healthz",	app_healthz,	R_PUBLIC, 0 },
	{ ROUTE_GET,	"/c/optin/{token}",	pub_optin,
	    R_LOGIN_CSRF, 0 },
	{ ROUTE_POST,	"/c/optin/{token}",	pub_optin_post,
	    R_LOGIN_CSRF, FORM_MAX },
	{ ROUTE_GET,	"/c/optin/{token}/code", pub_optin_code,
	    R_LOGIN_CSRF, 0 },
	{ ROUTE_POST,	"/c/optin/{token}/code", pub_optin_code_post,
	    R_LOGIN_CSRF, FORM_MAX },
	{ ROUTE_GET,	"/c/optin/{token}/done", pub_optin_done, R_PUBLIC, 0 },
};

const size_t public_nroutes = sizeof(public_routes) / sizeof(public_routes[0]);
