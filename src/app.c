/*
 * app.c - a FastCGI program: the supervisor, its workers, one request.
 *
 * Owns: the listening socket, forking and replacing workers, reading and
 * capping the body, parsing it by type, routing, authentication and CSRF
 * checks by route flags, writing the answer, one log line per request.
 * Not here: parsers (http.c), handlers (cgi-bin/), responses (resp.c).
 * A request's memory is released in req_release() after the answer.
 */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "cfg.h"
#include "log.h"
#include "sec.h"
#include "tmpl.h"
#include "banned.h"

#define DEFAULT_BODY	(1024 * 1024)
#define MAX_PAIRS	256
#define MAX_WORKERS	64

static volatile sig_atomic_t	 stopping;

const char *
req_env(const struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->env);
}

const char *
req_param(const struct req *r, size_t i)
{
	return i < r->nparams ? r->params[i] : NULL;
}

bool
req_id(const struct req *r, size_t i, int64_t *out)
{
	const char	*s = req_param(r, i);
	char		*end;
	long long	 v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 18)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

bool
req_wants_json(const struct req *r)
{
	const char	*acc = req_env(r, "HTTP_ACCEPT");

	if (r->path != NULL && (strncmp(r->path, "/api/", 5) == 0 ||
	    strncmp(r->path, "/hooks/", 7) == 0))
		return true;
	return acc != NULL && strncmp(acc, "application/json", 16) == 0;
}

int
app_healthz(struct req *r, struct resp *s)
{
	if (db_exec(r->db, "SELECT 1", NULL, 0, NULL) == -1)
		return -1;		/* 503 while the database is down */
	resp_text(s, 200, "ok\n");
	return 0;
}

static void
req_release(struct req *r)
{
	size_t	 i;

	free(r->path);
	kvlist_release(&r->query);
	kvlist_release(&r->form);
	kvlist_release(&r->cookies);
	multipart_release(&r->parts);
	free(r->body);
	for (i = 0; i < r->nparams; i++)
		free(r->params[i]);
	free(r->auth.user_name);
	free(r->auth.user_email);
	free(r->auth.tenant_name);
	free(r->auth.tenant_slug);
	db_rows_release(&r->auth.bound);
}

/* Reads the body into r->body; 413 when over the route's limit. */
static int
read_body(struct req *r, FCGX_Request *fr, size_t max, int *status)
{
	const char	*cl = req_env(r, "CONTENT_LENGTH");
	char		*end;
	unsigned long long n;
	size_t		 got = 0;
	int		 k;

	if (cl == NULL || *cl == '\0')
		return 0;
	errno = 0;
	n = strtoull(cl, &end, 10);
	if (errno != 0 || *end != '\0' || *cl == '-') {
		*status = 400;
		return -1;
	}
	if (n > max) {
		*status = 413;
		return -1;
	}
	r->body = xmalloc((size_t)n + 1);
	while (got < n) {
		k = FCGX_GetStr(r->body + got, (int)(n - got), fr->in);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	r->body[got] = '\0';
	r->body_len = got;
	if (got != n) {
		*status = 400;
		return -1;
	}
	return 0;
}

/* Form fields from a url-encoded or multipart body; 400 when malformed. */
static int
parse_body(struct req *r, size_t max, const char **why)
{
	struct multipart_limits	 lim = { 32, 64 * 1024, max };
	enum http_err		 err = HTTP_ERR_NONE;
	char			*bnd = NULL;
	size_t			 i;
	int			 rc = 0;

	if (r->ctype == NULL || r->body == NULL)
		return 0;
	if (strncasecmp(r->ctype, "application/x-www-form-urlencoded", 33) == 0)
		rc = http_parse_urlencoded(r->body, r->body_len, MAX_PAIRS,
		    &r->form, &err);
	else if (strncasecmp(r->ctype, "multipart/form-data", 19) == 0) {
		if (http_multipart_boundary(r->ctype, &bnd) == -1) {
			err = HTTP_ERR_BOUNDARY;
			rc = -1;
		} else
			rc = http_parse_multipart(r->body, r->body_len, bnd,
			    &lim, &r->parts, &err);
		for (i = 0; rc == 0 && i < r->parts.n; i++)
			if (r->parts.v[i].filename == NULL)
				kvlist_add(&r->form, r->parts.v[i].name,
				    strlen(r->parts.v[i].name),
				    r->parts.v[i].data, r->parts.v[i].len);
	}
	free(bnd);
	if (rc == -1)
		*why = http_err_str(err);
	return rc;
}

static void
req_start(struct req *r, struct app *app, FCGX_Request *fr)
{
	const char	*uri, *ck;

	memset(r, 0, sizeof(*r));
	r->app = app;
	r->fcgi = fr;
	r->env = fr->envp;
	r->db = &app->db;
	r->method_str = req_env(r, "REQUEST_METHOD");
	if (r->method_str == NULL)
		r->method_str = "GET";
	r->method = route_method(r->method_str);
	uri = req_env(r, "DOCUMENT_URI");
	if (uri == NULL)
		uri = req_env(r, "SCRIPT_NAME");
	r->path = xstrdup(uri != NULL ? uri : "/");
	r->ctype = req_env(r, "CONTENT_TYPE");
	r->remote_addr = req_env(r, "REMOTE_ADDR");
	r->user_agent = req_env(r, "HTTP_USER_AGENT");
	if ((ck = req_env(r, "HTTP_COOKIE")) != NULL)
		http_parse_cookies(ck, &r->cookies);
}

/* Route, read, parse, authenticate. 0: call the handler; -1: answered. */
static int
prepare(struct req *r, struct resp *s, FCGX_Request *fr)
{
	const struct route	*rt;
	struct buf		 allow = BUF_INIT;
	const char		*why = NULL, *q;
	enum http_err		 err;
	size_t			 max;
	int			 status = 0;

	switch (route_match(r->app->routes, r->app->nroutes, r->method,
	    r->path, &rt, r->params, &r->nparams)) {
	case ROUTE_NOT_FOUND:
		resp_error(r, s, 404, "There is no page at this address.");
		return -1;
	case ROUTE_BAD_METHOD:
		route_allow(r->app->routes, r->app->nroutes, r->path, &allow);
		resp_header(s, "Allow", allow.ptr);
		buf_release(&allow);
		resp_error(r, s, 405, "This address does not take that method.");
		return -1;
	case ROUTE_FOUND:
		break;
	}
	r->route = rt;
	q = req_env(r, "QUERY_STRING");
	if (q != NULL && http_parse_urlencoded(q, strlen(q), MAX_PAIRS,
	    &r->query, &err) == -1) {
		resp_error(r, s, 400, http_err_str(err));
		return -1;
	}
	max = rt->max_body ? rt->max_body : DEFAULT_BODY;
	if (read_body(r, fr, max, &status) == -1) {
		resp_error(r, s, status, status == 413 ?
		    "The request body is too large." :
		    "The request body is incomplete.");
		return -1;
	}
	if (!(rt->flags & R_RAWBODY) && parse_body(r, max, &why) == -1) {
		resp_error(r, s, 400, why);
		return -1;
	}
	if (!(rt->flags & R_NODB) && !db_ready(r->db)) {
		resp_error(r, s, 503, "The database is unavailable; try again.");
		return -1;
	}
	return 0;
}

static void
unauthorized(struct req *r, struct resp *s)
{
	buf_reset(&s->headers);
	if ((r->route->flags & R_SESSION) && r->method == ROUTE_GET &&
	    !req_wants_json(r))
		resp_redirect(s, "/login");
	else {
		resp_header(s, "WWW-Authenticate", "Bearer");
		resp_error(r, s, 401, "Sign in first.");
	}
}

/*
 * After the handler of a token checked along with its statement: the
 * handler's answer stands only when the token was good.
 */
static int
settle(struct req *r, struct resp *s)
{
	if (auth_settle(r) == -1) {
		db_rollback(r->db);
		buf_reset(&s->headers);
		resp_db_error(r, s);
		return -1;
	}
	if (!r->auth.ok) {
		db_rollback(r->db);
		unauthorized(r, s);
		return -1;
	}
	return 0;
}

void
req_tx_once(struct req *r)
{
	if (!r->auth.deferred)		/* else auth_bearer_defer() did */
		db_tenant_once(r->db, r->auth.tenant_id);
}

/* Session, token and CSRF checks the route asks for. */
static int
authorize(struct req *r, struct resp *s)
{
	unsigned	 f = r->route->flags;
	int		 rc = 0;

	if (f & R_SESSION)
		rc = auth_from_cookie(r);
	else if (f & R_TOKEN_PIPE)
		auth_bearer_defer(r);
	else if (f & R_TOKEN)
		rc = auth_from_bearer(r);
	if (rc == -1) {
		resp_db_error(r, s);
		return -1;
	}
	if ((f & (R_SESSION | R_TOKEN | R_TOKEN_PIPE)) && !r->auth.ok &&
	    !r->auth.deferred) {
		unauthorized(r, s);
		return -1;
	}
	if (((f & R_CSRF) && !auth_csrf_ok(r, kvlist_get(&r->form, "csrf"))) ||
	    ((f & R_LOGIN_CSRF) && r->method == ROUTE_POST &&
	    !auth_login_csrf_ok(r, kvlist_get(&r->form, "csrf")))) {
		resp_error(r, s, 403, "The form expired or did not come from "
		    "this site. Reload the page and try again.");
		return -1;
	}
	return 0;
}

static void
respond(FCGX_Request *fr, const struct req *r, struct resp *s)
{
	struct buf	 head = BUF_INIT;

	/* libfcgi's own printf knows no %zu: format here. */
	buf_addf(&head, "Status: %d\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nCache-Control: no-store\r\n%s\r\n",
	    s->status, s->ctype ? s->ctype : "text/plain; charset=utf-8",
	    s->body.len, s->headers.ptr);
	FCGX_PutStr(head.ptr, (int)head.len, fr->out);
	if (r->method != ROUTE_HEAD && s->body.len > 0)
		FCGX_PutStr(s->body.ptr, (int)s->body.len, fr->out);
	buf_release(&head);
}

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
app_serve(struct app *app, FCGX_Request *fr)
{
	struct req	 r;
	struct resp	 s = { 0, NULL, BUF_INIT, BUF_INIT };
	double		 t0 = now_ms();
	int		 rc;

	req_start(&r, app, fr);
	if (prepare(&r, &s, fr) == 0 && authorize(&r, &s) == 0) {
		rc = r.route->fn(&r, &s);
		if (r.auth.deferred && settle(&r, &s) == -1)
			;		/* 401, or the database failed */
		else if (rc == -1) {
			db_rollback(r.db);
			buf_reset(&s.headers);
			resp_db_error(&r, &s);
		}
	}
	db_rollback(r.db);
	if (s.status == 0)
		resp_error(&r, &s, 500, "The server failed.");
	respond(fr, &r, &s);
	log_access(r.method_str, r.path, s.status, now_ms() - t0);
	buf_release(&s.headers);
	buf_release(&s.body);
	req_release(&r);
}

static void
worker(struct app *app, int sock)
{
	FCGX_Request	 fr;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (tmpl_init(cfg_path("templates")) == -1)
		_exit(3);
	db_open(&app->db, app->role);
	FCGX_InitRequest(&fr, sock, 0);
	while (FCGX_Accept_r(&fr) >= 0) {
		app_serve(app, &fr);
		FCGX_Finish_r(&fr);
	}
	db_close(&app->db);
	_exit(0);
}

static pid_t
spawn(struct app *app, int sock)
{
	pid_t	 pid = fork();

	if (pid == 0)
		worker(app, sock);
	if (pid == -1)
		log_err("fork: %s", strerror(errno));
	return pid;
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
supervise(struct app *app, int sock, pid_t *kids, int n)
{
	struct sigaction sa;
	time_t		 last = 0;
	int		 i, st, recent = 0;
	pid_t		 pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++)
		kids[i] = spawn(app, sock);
	while (!stopping) {
		if ((pid = waitpid(-1, &st, 0)) <= 0)
			continue;
		for (i = 0; i < n && kids[i] != pid; i++)
			;
		if (i == n || stopping)
			continue;
		log_err("worker %d ended (status %d); starting another",
		    (int)pid, st);
		recent = time(NULL) - last < 2 ? recent + 1 : 0;
		last = time(NULL);
		if (recent > 2 * n)
			sleep(1);	/* a worker that cannot start */
		kids[i] = spawn(app, sock);
	}
	for (i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
}

int
app_main(struct app *app, int argc, char **argv)
{
	const char	*path = NULL;
	pid_t		 kids[MAX_WORKERS];
	int		 c, n = 2, sock;

	log_init(app->name);
	while ((c = getopt(argc, argv, "s:n:")) != -1) {
		if (c == 's')
			path = optarg;
		else if (c == 'n' && (n = (int)strtol(optarg, NULL, 10)) >= 1 &&
		    n <= MAX_WORKERS)
			continue;
		else {
			fprintf(stderr, "usage: %s -s socket [-n workers]\n",
			    app->name);
			return 2;
		}
	}
	if (path == NULL || cfg_load(true) == -1 || sec_init() == -1 ||
	    tmpl_init(cfg_path("templates")) == -1) {
		log_err("cannot start (need -s socket, the master key and "
		    "templates)");
		return 1;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(path);
	if ((sock = FCGX_OpenSocket(path, 256)) < 0) {
		log_err("listen on %s failed", path);
		return 1;
	}
	chmod(path, 0666);
	log_info("listening on %s with %d workers", path, n);
	supervise(app, sock, kids, n);
	unlink(path);
	return 0;
}
