/*
 * app.h - a FastCGI program's life: supervisor, workers, one request.
 *
 * Owns: struct req and struct resp, the pre-fork supervisor that replaces a
 * worker that dies, the per-request pipeline (read and cap the body, parse
 * it, route, authenticate, check CSRF, call the handler, write the answer,
 * log one line).
 * Not here: byte-level parsing (http.c), matching (route.c), sessions and
 * tokens (auth.c), page layout (page.c).
 * Everything a request allocates hangs off req/resp and is freed after it.
 */
#ifndef LOOP_APP_H
#define LOOP_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "http.h"
#include "route.h"

struct json_object;

/* Who is asking, once authenticated. Strings owned by the request. */
struct auth {
	bool		 ok;
	int64_t		 user_id;
	int64_t		 tenant_id;
	char		*user_name;
	char		*user_email;
	char		*tenant_name;
	char		*tenant_slug;
	char		 csrf[65];	/* form token for this session */
	char		 session_hash[65];
	bool		 deferred;	/* checked along with the handler's */
	const char	*bind_p[2];	/* statement (auth_bearer_defer()) */
	struct db_rows	 bound;
};

struct app;

struct req {
	struct app	*app;
	void		*fcgi;		/* FCGX_Request */
	char		**env;		/* the FastCGI parameters */
	enum route_method method;
	const char	*method_str;
	char		*path;
	struct kvlist	 query;
	struct kvlist	 form;		/* url-encoded body or multipart fields */
	struct kvlist	 cookies;
	struct multipart parts;
	char		*body;
	size_t		 body_len;
	const char	*ctype;
	const char	*remote_addr;
	const char	*user_agent;
	char		*params[ROUTE_MAX_PARAMS];
	size_t		 nparams;
	const struct route *route;
	struct auth	 auth;
	struct db	*db;
};

struct resp {
	int		 status;
	const char	*ctype;
	struct buf	 headers;	/* "Name: value\r\n" lines */
	struct buf	 body;
};

struct app {
	const char		*name;		/* "loop-crm" */
	const char		*role;		/* database role */
	const struct route	*routes;
	size_t			 nroutes;
	struct db		 db;
};

/*
 * The handler's next statement runs alone in a transaction of the tenant,
 * committed in the same round trip (db_tenant_once()); on an R_TOKEN_PIPE
 * route the token's check goes along and binds the tenant.
 */
void	 req_tx_once(struct req *);

/* GET .../healthz: 200 when the database answers, else 503. */
int	 app_healthz(struct req *, struct resp *);

/* Parses -s SOCKET -n WORKERS, then supervises; returns main()'s status. */
int	 app_main(struct app *, int argc, char **argv);

/* A FastCGI parameter ("HTTP_SIGNATURE"), or NULL. */
const char	*req_env(const struct req *, const char *name);
/* A path parameter by position, or NULL. */
const char	*req_param(const struct req *, size_t i);
/* The {id} path parameter as a positive int64; false when not one. */
bool		 req_id(const struct req *, size_t i, int64_t *out);
bool		 req_wants_json(const struct req *);

void	 resp_header(struct resp *, const char *name, const char *value);
void	 resp_text(struct resp *, int status, const char *text);
/* Takes the page in *html (the buffer is emptied). */
void	 resp_html(struct resp *, int status, struct buf *html);
/* Takes obj (json_object_put after serialising). */
void	 resp_json(struct resp *, int status, struct json_object *obj);
void	 resp_redirect(struct resp *, const char *location);
/* A 4xx/5xx answer as JSON {"error"} or an HTML error page. */
void	 resp_error(struct req *, struct resp *, int status, const char *msg);
/* The answer for a database failure: 503 when down, 409, else -1. */
int	 resp_db_error(struct req *, struct resp *);
void	 resp_cookie(struct resp *, const char *name, const char *value,
	    long max_age, bool http_only);

#endif
