/*
 * route.h - the route table: method + path pattern -> handler.
 *
 * Owns: matching a path against "/people/{id}/messages" patterns and
 * telling "no such path" (404) from "not with this method" (405).
 * Not here: what a handler does, or authentication (app.c).
 */
#ifndef LOOP_ROUTE_H
#define LOOP_ROUTE_H

#include <stddef.h>

#define ROUTE_MAX_PARAMS	4
#define ROUTE_MAX_PATH		1024

enum route_method {
	ROUTE_GET,
	ROUTE_HEAD,
	ROUTE_POST,
	ROUTE_PUT,
	ROUTE_PATCH,
	ROUTE_DELETE,
	ROUTE_OTHER,
	ROUTE__MAX
};

/* What app_serve() checks before the handler runs. */
enum route_flag {
	R_PUBLIC	= 0,
	R_SESSION	= 1 << 0,	/* CRM cookie session (pages) */
	R_TOKEN		= 1 << 1,	/* bearer token (JSON API) */
	R_CSRF		= 1 << 2,	/* form must carry the session's token */
	R_NODB		= 1 << 3,	/* answers without the database */
	R_RAWBODY	= 1 << 4,	/* body kept raw, not parsed as a form */
	R_LOGIN_CSRF	= 1 << 5,	/* pre-session CSRF (login form) */
	R_TOKEN_PIPE	= 1 << 6	/* bearer token checked in the round
					   trip of the handler's one statement
					   (auth_bearer_defer()) */
};

struct req;
struct resp;

typedef int (*route_fn)(struct req *, struct resp *);

struct route {
	enum route_method	 method;
	const char		*pattern;
	route_fn		 fn;
	unsigned		 flags;
	size_t			 max_body;	/* 0: the default, 1 MB */
};

enum route_result {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD
};

enum route_method route_method(const char *);

/*
 * Finds the route for method and path. On ROUTE_FOUND, params[0..*np)
 * point into a malloc'd copy of each {param} segment (caller frees).
 * HEAD matches GET routes.
 */
enum route_result route_match(const struct route *, size_t n,
		    enum route_method, const char *path,
		    const struct route **found, char **params, size_t *np);

/* The methods path answers to, "GET, HEAD, POST", appended to allow. */
struct buf;
void	 route_allow(const struct route *, size_t n, const char *path,
	    struct buf *allow);

#endif
